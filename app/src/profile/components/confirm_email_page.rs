use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::error_summary::ErrorSummary;
use crate::profile::api::ConfirmEmailChange;

/// `/email-bestaetigen?token=…`: opening the link changes nothing; the button does.
#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let action = ServerAction::<ConfirmEmailChange>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text={tr!("profile.confirm_page_title")} />
        <h1 class="kern-heading-large">{tr!("profile.confirm_title")}</h1>
        <ErrorSummary error />
        <p class="kern-body">{tr!("profile.confirm_intro")}</p>
        <ActionForm action attr:class="form">
            <input type="hidden" name="token" value=token />
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("profile.confirm_submit")}</span></button>
        </ActionForm>
    }
}
