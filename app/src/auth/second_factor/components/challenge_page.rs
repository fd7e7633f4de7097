use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::auth::passkey::components::PasskeyFactorButton;
use crate::auth::second_factor::Method;
use crate::auth::second_factor::api::{CompleteLogin, VerifySecondFactor, login_challenge};
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::Field;

/// `/anmelden/bestaetigen`: the second login step after a correct password — the code from the
/// app (or a recovery code), or waiting for the mailed link.
#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let challenge = Resource::new(|| (), |_| login_challenge());
    view! {
        <Title text={tr!("second_factor.page_title")} />
        <h1 class="kern-heading-large">{tr!("second_factor.title")}</h1>
        <Suspense fallback=|| ()>
            {move || challenge.get().map(|c| match c {
                Ok(c) if c.method == Method::Email => view! {
                    {c.passkey.then(|| view! { <PasskeyFactorButton /> })}
                    <WaitForLink challenge />
                }.into_any(),
                Ok(c) if c.method == Method::Passkey => view! {
                    <PasskeyFactorButton />
                    <p class="kern-body"><A href="/anmelden" attr:class="kern-link">{tr!("second_factor.back_to_login")}</A></p>
                }.into_any(),
                Ok(c) => view! {
                    {c.passkey.then(|| view! { <PasskeyFactorButton /> })}
                    <CodeForm />
                }.into_any(),
                Err(e) => view! {
                    <div class="kern-alert kern-alert--warning" role="alert">
                        <div class="kern-alert__body"><p class="kern-body">{e.to_string()}</p></div>
                    </div>
                    <p class="kern-body"><A href="/anmelden" attr:class="kern-link">{tr!("second_factor.back_to_login")}</A></p>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn CodeForm() -> impl IntoView {
    let action = ServerAction::<VerifySecondFactor>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    view! {
        <ErrorSummary error />
        <ActionForm action attr:novalidate=true attr:class="form">
            <Field name="code" label={tr!("second_factor.code_label")} hint={tr!("second_factor.code_hint")}
                autocomplete="one-time-code" server=fields refill=false />
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("second_factor.submit")}</span></button>
        </ActionForm>
        <p class="kern-body"><A href="/anmelden" attr:class="kern-link">{tr!("second_factor.back_to_login")}</A></p>
    }
}

/// Waits for the mailed link. With JavaScript the page asks every two seconds and continues
/// by itself; without, the "Weiter" button does the same.
#[component]
fn WaitForLink(
    challenge: Resource<Result<crate::auth::second_factor::ChallengeView, crate::error::AppError>>,
) -> impl IntoView {
    let complete = ServerAction::<CompleteLogin>::new();
    let error = Signal::derive(move || complete.value().get().and_then(Result::err));
    let dispatched = StoredValue::new(false);
    Effect::new(move |_| {
        if matches!(challenge.get(), Some(Ok(ref c)) if c.confirmed) && !dispatched.get_value() {
            dispatched.set_value(true);
            complete.dispatch(CompleteLogin {});
        }
    });
    Effect::new(move |_| {
        let handle = set_interval_with_handle(
            move || challenge.refetch(),
            std::time::Duration::from_secs(2),
        )
        .ok();
        on_cleanup(move || {
            if let Some(h) = handle {
                h.clear();
            }
        });
    });
    view! {
        <ErrorSummary error />
        <div class="kern-alert kern-alert--info" role="status">
            <div class="kern-alert__body">
                <p class="kern-body">{tr!("second_factor.email_wait")}</p>
                <p class="kern-body">{tr!("second_factor.email_wait_auto")}</p>
            </div>
        </div>
        <ActionForm action=complete attr:class="form">
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("second_factor.email_continue")}</span></button>
        </ActionForm>
        <p class="kern-body"><A href="/anmelden" attr:class="kern-link">{tr!("second_factor.back_to_login")}</A></p>
    }
}
