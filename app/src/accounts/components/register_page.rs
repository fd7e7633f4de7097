use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::accounts::api::Register;
use crate::accounts::components::password_policy::use_password_policy;
use crate::accounts::validate;
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::{Checkbox, Field};

/// `/registrieren`: a Servicekonto (trust level low) with name, e-mail address and password.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    let policy = use_password_policy();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    view! {
        <Title text={tr!("register.page_title")} />
        <h1 class="kern-heading-large">{tr!("register.title")}</h1>
        <p class="kern-body">{tr!("register.intro")}</p>
        <ErrorSummary error />
        <ActionForm action attr:novalidate=true attr:class="form">
            <Field name="first_name" label={tr!("fields.first_name")} autocomplete="given-name" server=fields check=Callback::new(|v: String| validate::first_name(&v)) />
            <Field name="last_name" label={tr!("fields.last_name")} autocomplete="family-name" server=fields check=Callback::new(|v: String| validate::last_name(&v)) />
            <Field name="email" label={tr!("fields.email")} input_type="email" autocomplete="email"
                hint={tr!("register.email_hint")}
                server=fields on_value=Callback::new(move |v| email.set(v)) check=Callback::new(|v: String| validate::email(&v)) />
            <Field name="password" label={tr!("fields.password")} input_type="password" autocomplete="new-password"
                hint={tr!("register.password_hint")}
                server=fields refill=false on_value=Callback::new(move |v| password.set(v))
                check=Callback::new(move |v: String| validate::new_password(policy(), &v, &email.get_untracked())) />
            <Field name="password_repeat" label={tr!("fields.password_repeat")} input_type="password" autocomplete="new-password"
                server=fields refill=false check=Callback::new(move |v: String| validate::password_repeat(&password.get_untracked(), &v)) />
            <section class="consent" aria-labelledby="consent-title">
                <h2 class="kern-heading-small" id="consent-title">{tr!("register.data_title")}</h2>
                <p class="kern-body">{tr!("register.data_text")}
                    <A href="/datenschutz" attr:class="kern-link">{tr!("register.privacy_link")}</A>"."</p>
                <Checkbox name="consent" label={tr!("register.consent")} server=fields />
            </section>
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("register.submit")}</span></button>
        </ActionForm>
        <p class="kern-body">{tr!("register.have_account")} <A href="/anmelden" attr:class="kern-link">{tr!("register.login_link")}</A></p>
    }
}

/// `/registrieren/bestaetigen`: the same answer for new and known addresses (SPEC §2.1).
#[component]
pub fn RegistrationSentPage() -> impl IntoView {
    view! {
        <Title text={tr!("register.sent_page_title")} />
        <h1 class="kern-heading-large">{tr!("register.sent_title")}</h1>
        <p class="kern-body">{tr!("register.sent_text")}</p>
        <p class="kern-body">{tr!("register.sent_no_mail")}</p>
    }
}
