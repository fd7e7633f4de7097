use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::catalogue::components::ServiceSearch;
use leptos_router::hooks::use_query_map;

/// `/`: the service search first, as people come to do one thing.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text={tr!("home.page_title")} />
        <Show when=move || use_query_map().read().get("konto").is_some()>
            <div class="kern-alert kern-alert--success" role="status">
                <div class="kern-alert__body"><p class="kern-body">{tr!("home.notice_deleted")}</p></div>
            </div>
        </Show>
        <h1 class="kern-heading-x-large">{tr!("home.title")}</h1>
        <p class="kern-body kern-body--large">{tr!("home.intro")}</p>
        <ServiceSearch />
        <p class="kern-body"><A href="/dienste" attr:class="kern-link">{tr!("home.all_services")}</A></p>
    }
}
