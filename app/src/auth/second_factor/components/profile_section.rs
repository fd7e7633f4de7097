use leptos::prelude::*;

use crate::auth::passkey::components::PasskeySection;
use crate::auth::second_factor::api::{
    ChooseEmailFactor, RegenerateRecoveryCodes, StartTotpSetup, SwitchOffSecondFactor,
    second_factor_status,
};
use crate::auth::second_factor::{FactorStatus, Method};
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::Field;
use crate::error::AppError;

/// "Zwei-Faktor-Authentifizierung" in "Mein Bereich": the current factor and the ways to
/// change it, each behind the password.
#[component]
pub fn SecondFactorSection() -> impl IntoView {
    let status = Resource::new(|| (), |_| second_factor_status());
    view! {
        <section aria-labelledby="zwei-faktor" class="profile-section">
            <h2 class="kern-heading-medium" id="zwei-faktor">{tr!("second_factor.section_title")}</h2>
            <p class="kern-body">{tr!("second_factor.section_intro")}</p>
            <Suspense fallback=|| ()>
                {move || status.get().map(|r| r.map(|s| view! { <Choices status=s /> }))}
            </Suspense>
        </section>
    }
}

#[component]
fn Choices(status: FactorStatus) -> impl IntoView {
    let current = match status.method {
        Method::None => tr!("second_factor.status_none"),
        Method::Totp => tr!("second_factor.status_totp", n = status.recovery_codes_left),
        Method::Email => tr!("second_factor.status_email"),
        Method::Passkey => tr!("second_factor.status_passkey"),
    };
    let passkeys = status.passkeys.clone();
    let start_totp = ServerAction::<StartTotpSetup>::new();
    let new_codes = ServerAction::<RegenerateRecoveryCodes>::new();
    let choose_email = ServerAction::<ChooseEmailFactor>::new();
    let switch_off = ServerAction::<SwitchOffSecondFactor>::new();
    let err = |v: Option<Result<(), AppError>>| v.and_then(Result::err);
    view! {
        <p class="kern-body"><strong>{current}</strong></p>
        {status.required.then(|| view! { <p class="kern-body">{tr!("second_factor.status_required")}</p> }.into_any())}
        <PasskeySection passkeys />
        {(status.method != Method::Totp).then(|| view! {
            <h3 class="kern-heading-small">{tr!("second_factor.totp_setup_title")}</h3>
            <p class="kern-body">{tr!("second_factor.totp_setup_intro")}</p>
            <ActionForm action=start_totp attr:novalidate=true attr:class="form">
                <PasswordChoice error=Signal::derive(move || err(start_totp.value().get())) id="totp-errors" field="totp_password"
                    label={tr!("second_factor.totp_password")} submit={tr!("second_factor.totp_start")} />
            </ActionForm>
        }.into_any())}
        {(status.method == Method::Totp).then(|| view! {
            <h3 class="kern-heading-small">{tr!("second_factor.codes_title")}</h3>
            <p class="kern-body">{tr!("second_factor.codes_intro")}</p>
            <ActionForm action=new_codes attr:novalidate=true attr:class="form">
                <PasswordChoice error=Signal::derive(move || err(new_codes.value().get())) id="codes-errors" field="codes_password"
                    label={tr!("second_factor.codes_password")} submit={tr!("second_factor.codes_submit")} />
            </ActionForm>
        }.into_any())}
        {(status.method != Method::Email && status.email_allowed).then(|| view! {
            <h3 class="kern-heading-small">{tr!("second_factor.email_title")}</h3>
            <p class="kern-body">{tr!("second_factor.status_email")}</p>
            <ActionForm action=choose_email attr:novalidate=true attr:class="form">
                <PasswordChoice error=Signal::derive(move || err(choose_email.value().get())) id="email-factor-errors"
                    field="email_factor_password" label={tr!("second_factor.email_password")} submit={tr!("second_factor.email_submit")} />
            </ActionForm>
        }.into_any())}
        {(matches!(status.method, Method::Totp | Method::Email) && !status.required).then(|| view! {
            <h3 class="kern-heading-small">{tr!("second_factor.off_title")}</h3>
            <ActionForm action=switch_off attr:novalidate=true attr:class="form">
                <PasswordChoice error=Signal::derive(move || err(switch_off.value().get())) id="factor-off-errors" field="off_password"
                    label={tr!("second_factor.off_password")} submit={tr!("second_factor.off_submit")} />
            </ActionForm>
        }.into_any())}
    }
}

/// The inside of one choice's form: the error summary, the password again and the button.
#[component]
fn PasswordChoice(
    #[prop(into)] error: Signal<Option<AppError>>,
    /// The id of this form's error summary.
    id: &'static str,
    field: &'static str,
    label: String,
    submit: String,
) -> impl IntoView {
    let fields = Signal::derive(move || field_errors(error.get()));
    view! {
        <ErrorSummary error id />
        <Field name=field label input_type="password" autocomplete="current-password" server=fields refill=false />
        <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{submit}</span></button>
    }
}

/// `/zwei-faktor-einrichten`: where a login without a second factor lands when the portal
/// requires one.
#[component]
pub fn RequiredSetupPage() -> impl IntoView {
    view! {
        <leptos_meta::Title text={tr!("second_factor.required_page_title")} />
        <h1 class="kern-heading-large">{tr!("second_factor.required_title")}</h1>
        <div class="kern-alert kern-alert--info" role="status">
            <div class="kern-alert__body"><p class="kern-body">{tr!("second_factor.required_intro")}</p></div>
        </div>
        <SecondFactorSection />
    }
}
