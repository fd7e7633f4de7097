use leptos::prelude::*;

use crate::accounts::validate;
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::Field;
use crate::profile::api::ChangePassword;

/// "Passwort ändern": the current password, then the new one twice.
#[component]
pub fn PasswordSection() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    let password = RwSignal::new(String::new());
    let policy = crate::accounts::components::password_policy::use_password_policy();
    view! {
        <section aria-labelledby="password-title" class="profile-section">
            <h2 class="kern-heading-medium" id="password-title">{tr!("profile.password_title")}</h2>
            <p class="kern-body">{tr!("profile.password_intro")}</p>
            <ErrorSummary error id="password-errors" />
            <ActionForm action attr:novalidate=true attr:class="form">
                <Field name="current_password" label={tr!("profile.current_password")} input_type="password" autocomplete="current-password" server=fields refill=false />
                <Field name="new_password" label={tr!("reset.new_password")} input_type="password" autocomplete="new-password"
                    hint={tr!("reset.password_hint")} server=fields refill=false on_value=Callback::new(move |v| password.set(v))
                    check=Callback::new(move |v: String| validate::new_password(policy(), &v, "")) />
                <Field name="new_password_repeat" label={tr!("fields.password_repeat")} input_type="password" autocomplete="new-password"
                    server=fields refill=false check=Callback::new(move |v: String| validate::password_repeat(&password.get_untracked(), &v)) />
                <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("profile.password_submit")}</span></button>
            </ActionForm>
        </section>
    }
}
