use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::auth::second_factor::api::{ConfirmLoginLink, login_link_open};
use crate::components::error_summary::ErrorSummary;

/// `/anmelden/link?token=…`: the mailed login link. Opening it confirms nothing — mail
/// scanners fetch links — the button does.
#[component]
pub fn LoginLinkPage() -> impl IntoView {
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let open = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        login_link_open,
    );
    let action = ServerAction::<ConfirmLoginLink>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text={tr!("second_factor.link_page_title")} />
        <h1 class="kern-heading-large">{tr!("second_factor.link_title")}</h1>
        <ErrorSummary error />
        <Suspense fallback=|| ()>
            {move || open.get().map(|r| if r.unwrap_or(false) {
                let token = token.clone();
                view! {
                    <p class="kern-body">{tr!("second_factor.link_intro")}</p>
                    <p class="kern-body">{tr!("second_factor.link_warning")}</p>
                    <ActionForm action attr:class="form">
                        <input type="hidden" name="token" value=token />
                        <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("second_factor.link_submit")}</span></button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <div class="kern-alert kern-alert--warning" role="alert">
                        <div class="kern-alert__body"><p class="kern-body">{tr!("second_factor.link_invalid")}</p></div>
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}

/// `/anmelden/link/bestaetigt`: the login is confirmed; the waiting window continues.
#[component]
pub fn LoginLinkDonePage() -> impl IntoView {
    view! {
        <Title text={tr!("second_factor.link_page_title")} />
        <h1 class="kern-heading-large">{tr!("second_factor.link_done_title")}</h1>
        <div class="kern-alert kern-alert--success" role="status">
            <div class="kern-alert__body"><p class="kern-body">{tr!("second_factor.link_done")}</p></div>
        </div>
    }
}
