//! Passkey buttons and the "Passkeys" part of the profile. A passkey needs the browser's
//! WebAuthn API, so these appear only once the page runs its script; without it the page says
//! so and the other ways keep working.

use leptos::prelude::*;

use super::PasskeyView;
use super::api::RemovePasskey;
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::Field;
use crate::error::AppError;

/// True once the hydrated client runs (never during server rendering).
fn use_scripted() -> ReadSignal<bool> {
    let (scripted, set) = signal(false);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        set.set(super::browser::supported());
        let _ = set;
    });
    scripted
}

/// The browser half between two server calls: options in, the credential's JSON out.
#[cfg(feature = "hydrate")]
async fn run_ceremony(options: &super::PasskeyOptions, create: bool) -> Result<String, AppError> {
    super::browser::ceremony(&options.options, create)
        .await
        .map_err(|e| {
            leptos::logging::warn!("passkey ceremony: {e}");
            AppError::Conflict(tr!("passkey.cancelled"))
        })
}

/// "Mit Passkey anmelden" on the login page.
#[component]
pub fn PasskeyLoginButton(return_to: String) -> impl IntoView {
    let scripted = use_scripted();
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let return_to = return_to.clone();
            busy.set(true);
            leptos::task::spawn_local(async move {
                let result = async {
                    let opts = super::api::start_passkey_login().await?;
                    let credential = run_ceremony(&opts, false).await?;
                    super::api::finish_passkey_login(opts.ceremony, credential, Some(return_to))
                        .await
                }
                .await;
                busy.set(false);
                error.set(result.err());
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&return_to, busy, error);
    };
    view! {
        <Show when=move || scripted.get()>
            <h2 class="kern-heading-medium">{tr!("passkey.login_title")}</h2>
            <p class="kern-body">{tr!("passkey.login_intro")}</p>
            <ErrorSummary error=Signal::derive(move || error.get()) id="passkey-login-errors" />
            <button type="button" class="kern-btn kern-btn--secondary" on:click=on_click.clone() disabled=move || busy.get()>
                <span class="kern-label">{tr!("passkey.login_button")}</span>
            </button>
        </Show>
    }
}

/// "Mit Passkey bestätigen" on the second login step.
#[component]
pub fn PasskeyFactorButton() -> impl IntoView {
    let scripted = use_scripted();
    let error = RwSignal::new(None::<AppError>);
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let result = async {
                let opts = super::api::start_passkey_factor().await?;
                let credential = run_ceremony(&opts, false).await?;
                super::api::finish_passkey_factor(opts.ceremony, credential).await
            }
            .await;
            error.set(result.err());
        });
    };
    view! {
        <Show when=move || scripted.get() fallback=|| view! { <p class="kern-body">{tr!("passkey.needs_script")}</p> }>
            <ErrorSummary error=Signal::derive(move || error.get()) id="passkey-factor-errors" />
            <button type="button" class="kern-btn kern-btn--primary" on:click=on_click>
                <span class="kern-label">{tr!("passkey.factor_button")}</span>
            </button>
        </Show>
    }
}

/// "Passkeys" in the second-factor section: the registered ones and a form for a new one.
#[component]
pub fn PasskeySection(passkeys: Vec<PasskeyView>) -> impl IntoView {
    let scripted = use_scripted();
    let remove = ServerAction::<RemovePasskey>::new();
    let remove_error = Signal::derive(move || remove.value().get().and_then(Result::err));
    let remove_fields = Signal::derive(move || field_errors(remove_error.get()));
    let error = RwSignal::new(None::<AppError>);
    let fields = Signal::derive(move || field_errors(error.get()));
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            let (n, p) = (name.get_untracked(), password.get_untracked());
            leptos::task::spawn_local(async move {
                let result = async {
                    let opts = super::api::start_passkey_registration(n.clone(), p).await?;
                    let credential = run_ceremony(&opts, true).await?;
                    super::api::finish_passkey_registration(opts.ceremony, credential, n).await
                }
                .await;
                match result {
                    Ok(()) => {
                        let _ = window()
                            .location()
                            .set_href("/mein-bereich?zwei-faktor=geaendert#zwei-faktor");
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (name, password, error);
    };
    let list = (!passkeys.is_empty()).then(|| {
        let options = passkeys.clone();
        view! {
            <ul class="kern-list" aria-label={tr!("passkey.list_label")}>
                {passkeys.into_iter().map(|p| view! {
                    <li><strong>{p.name.clone()}</strong>" – "{tr!("passkey.created", date = p.created)}</li>
                }).collect_view()}
            </ul>
            <ErrorSummary error=remove_error id="passkey-remove-errors" />
            <ActionForm action=remove attr:novalidate=true attr:class="form">
                <div class="kern-form-input">
                    <label class="kern-label" for="field-passkey_id">{tr!("passkey.which")}</label>
                    <div class="kern-form-input__select-wrapper">
                        <select class="kern-form-input__select" id="field-passkey_id" name="passkey_id">
                            {options.into_iter().map(|p| view! { <option value=p.id>{p.name}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <Field name="remove_password" label={tr!("passkey.remove_password")} input_type="password"
                    autocomplete="current-password" server=remove_fields refill=false />
                <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{tr!("passkey.remove")}</span></button>
            </ActionForm>
        }
    });
    view! {
        <h3 class="kern-heading-small">{tr!("passkey.section_title")}</h3>
        <p class="kern-body">{tr!("passkey.section_intro")}</p>
        {list}
        <Show when=move || scripted.get() fallback=|| view! { <p class="kern-body">{tr!("passkey.needs_script")}</p> }>
            <ErrorSummary error=Signal::derive(move || error.get()) id="passkey-errors" />
            <form class="form" novalidate on:submit=on_submit>
                <Field name="passkey_name" label={tr!("passkey.name")} hint={tr!("passkey.name_hint")} server=fields
                    on_value=Callback::new(move |v| name.set(v)) check=Callback::new(|v: String| super::check_name(&v).map(|_| ())) />
                <Field name="passkey_password" label={tr!("passkey.password")} input_type="password" autocomplete="current-password"
                    server=fields refill=false on_value=Callback::new(move |v| password.set(v)) />
                <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{tr!("passkey.add")}</span></button>
            </form>
        </Show>
    }
}
