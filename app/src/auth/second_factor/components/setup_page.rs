use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::auth::second_factor::api::{ConfirmTotpSetup, totp_setup};
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::Field;

/// `/mein-bereich/authenticator-app`: the QR code and secret, then the first code.
#[component]
pub fn TotpSetupPage() -> impl IntoView {
    let setup = Resource::new(|| (), |_| totp_setup());
    let action = ServerAction::<ConfirmTotpSetup>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    view! {
        <Title text={tr!("second_factor.setup_page_title")} />
        <h1 class="kern-heading-large">{tr!("second_factor.totp_setup_title")}</h1>
        <Suspense fallback=|| ()>
            {move || setup.get().map(|r| match r {
                Ok(s) => view! {
                    <p class="kern-body">{tr!("second_factor.setup_step1")}</p>
                    <div class="totp-qr" role="img" aria-label={tr!("second_factor.qr_alt")} inner_html=s.qr_svg></div>
                    <p class="kern-body">{tr!("second_factor.setup_manual")}</p>
                    <p class="kern-body"><code id="totp-secret" class="totp-secret">{s.secret_grouped}</code></p>
                    <p class="kern-body">{tr!("second_factor.setup_step2")}</p>
                    <ErrorSummary error />
                    <ActionForm action attr:novalidate=true attr:class="form">
                        <Field name="code" label={tr!("second_factor.code_label")} hint={tr!("second_factor.setup_code_hint")}
                            autocomplete="one-time-code" server=fields refill=false />
                        <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("second_factor.submit")}</span></button>
                    </ActionForm>
                }.into_any(),
                Err(crate::error::AppError::Unauthenticated) => view! {
                    <leptos_router::components::Redirect path="/anmelden?weiter=/mein-bereich/authenticator-app" />
                }.into_any(),
                Err(e) => view! {
                    <div class="kern-alert kern-alert--warning" role="alert">
                        <div class="kern-alert__body"><p class="kern-body">{e.to_string()}</p></div>
                    </div>
                    <p class="kern-body"><A href="/mein-bereich" attr:class="kern-link">{tr!("profile.title")}</A></p>
                }.into_any(),
            })}
        </Suspense>
    }
}
