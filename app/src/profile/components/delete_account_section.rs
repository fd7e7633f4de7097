use leptos::prelude::*;

use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::Field;
use crate::profile::api::DeleteAccount;

/// "Konto löschen": with the password, at once and with all data.
#[component]
pub fn DeleteAccountSection() -> impl IntoView {
    let action = ServerAction::<DeleteAccount>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    view! {
        <section aria-labelledby="delete-title" class="profile-section">
            <h2 class="kern-heading-medium" id="delete-title">{tr!("profile.delete_title")}</h2>
            <p class="kern-body">{tr!("profile.delete_intro")}</p>
            <ErrorSummary error id="delete-errors" />
            <ActionForm action attr:novalidate=true attr:class="form">
                <Field name="password" label={tr!("profile.delete_password")} input_type="password" autocomplete="current-password" server=fields refill=false />
                <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("profile.delete_submit")}</span></button>
            </ActionForm>
        </section>
    }
}
