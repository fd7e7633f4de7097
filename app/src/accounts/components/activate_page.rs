use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::api::ActivateAccount;
use crate::components::error_summary::ErrorSummary;

/// `/aktivieren?token=…`. Opening the link changes nothing; the button does (a prefetching
/// mail scanner cannot activate an account).
#[component]
pub fn ActivatePage() -> impl IntoView {
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let action = ServerAction::<ActivateAccount>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text={tr!("activate.page_title")} />
        <h1 class="kern-heading-large">{tr!("activate.title")}</h1>
        <ErrorSummary error />
        <p class="kern-body">{tr!("activate.intro")}</p>
        <ActionForm action attr:class="form">
            <input type="hidden" name="token" value=token />
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("activate.title")}</span></button>
        </ActionForm>
    }
}
