use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text={tr!("not_found.page_title")} />
        <h1 class="kern-heading-large">{tr!("not_found.title")}</h1>
        <p class="kern-body">{tr!("not_found.text")}</p>
        <p class="kern-body"><A href="/" attr:class="kern-link">{tr!("not_found.home_link")}</A></p>
    }
}
