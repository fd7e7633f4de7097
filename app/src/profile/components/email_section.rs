use leptos::prelude::*;

use crate::accounts::validate;
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::Field;
use crate::profile::api::RequestEmailChange;

/// "E-Mail-Adresse ändern": the new address twice and the password; the change happens when
/// the link mailed to the new address is used.
#[component]
pub fn EmailSection(
    /// The current address, shown for orientation.
    current: String,
) -> impl IntoView {
    let action = ServerAction::<RequestEmailChange>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    let new = RwSignal::new(String::new());
    view! {
        <section aria-labelledby="email-title" class="profile-section">
            <h2 class="kern-heading-medium" id="email-title">{tr!("profile.email_title")}</h2>
            <p class="kern-body">{tr!("profile.email_intro", current = current)}</p>
            <ErrorSummary error id="email-errors" />
            <ActionForm action attr:novalidate=true attr:class="form">
                <Field name="new_email" label={tr!("profile.new_email")} input_type="email" autocomplete="email" server=fields
                    on_value=Callback::new(move |v| new.set(v)) check=Callback::new(|v: String| validate::email(&v)) />
                <Field name="new_email_repeat" label={tr!("profile.new_email_repeat")} input_type="email" autocomplete="email" server=fields
                    check=Callback::new(move |v: String| if v.trim().eq_ignore_ascii_case(new.get_untracked().trim()) { Ok(()) } else { Err(tr!("profile.email_repeat_mismatch")) }) />
                <Field name="email_password" label={tr!("profile.email_password")} input_type="password" autocomplete="current-password" server=fields refill=false />
                <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("profile.email_submit")}</span></button>
            </ActionForm>
        </section>
    }
}
