use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::accounts::components::password_policy::use_password_policy;
use crate::accounts::validate;
use crate::auth::api::{ResetPassword, reset_token_valid};
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::Field;

/// `/passwort-zuruecksetzen?token=…`: sets a new password from the mailed link.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let valid = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        reset_token_valid,
    );
    let token = StoredValue::new(token);
    let action = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    let policy = use_password_policy();
    let password = RwSignal::new(String::new());
    view! {
        <Title text={tr!("reset.page_title")} />
        <h1 class="kern-heading-large">{tr!("reset.title")}</h1>
        <Suspense fallback=|| view! { <p class="kern-body">{tr!("reset.checking")}</p> }>
            {move || valid.get().map(|v| match v {
                Ok(true) => view! {
                    <ErrorSummary error />
                    <ActionForm action attr:novalidate=true attr:class="form">
                        <input type="hidden" name="token" value=token.get_value() />
                        <Field name="password" label={tr!("reset.new_password")} input_type="password" autocomplete="new-password"
                            hint={tr!("reset.password_hint")}
                            server=fields refill=false on_value=Callback::new(move |v| password.set(v))
                            check=Callback::new(move |v: String| validate::new_password(policy(), &v, "")) />
                        <Field name="password_repeat" label={tr!("fields.password_repeat")} input_type="password" autocomplete="new-password"
                            server=fields refill=false check=Callback::new(move |v: String| validate::password_repeat(&password.get_untracked(), &v)) />
                        <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("reset.submit")}</span></button>
                    </ActionForm>
                }.into_any(),
                _ => view! {
                    <div class="kern-alert kern-alert--danger" role="alert">
                        <div class="kern-alert__body"><p class="kern-body">{tr!("reset.link_invalid")}</p></div>
                    </div>
                    <p class="kern-body"><A href="/passwort-vergessen" attr:class="kern-link">{tr!("reset.request_new")}</A></p>
                }.into_any(),
            })}
        </Suspense>
    }
}
