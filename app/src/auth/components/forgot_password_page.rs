use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::validate;
use crate::auth::api::RequestPasswordReset;
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::Field;

/// `/passwort-vergessen`: asks for a reset link (never a new password by mail).
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    view! {
        <Title text={tr!("forgot.page_title")} />
        <h1 class="kern-heading-large">{tr!("forgot.title")}</h1>
        <p class="kern-body">{tr!("forgot.intro")}</p>
        <ErrorSummary error />
        <ActionForm action attr:novalidate=true attr:class="form">
            <Field name="email" label={tr!("fields.email")} input_type="email" autocomplete="username" server=fields check=Callback::new(|v: String| validate::email(&v)) />
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("forgot.submit")}</span></button>
        </ActionForm>
    }
}

/// `/passwort-vergessen/gesendet`: the same answer whether or not the address is known.
#[component]
pub fn ResetLinkSentPage() -> impl IntoView {
    view! {
        <Title text={tr!("forgot.sent_page_title")} />
        <h1 class="kern-heading-large">{tr!("forgot.sent_title")}</h1>
        <p class="kern-body">{tr!("forgot.sent_text")}</p>
        <p class="kern-body">{tr!("forgot.sent_no_mail")}</p>
    }
}
