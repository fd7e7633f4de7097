//! The authority admin's pages under `/verwaltung`.

pub mod audit_page;
pub mod services_page;
pub mod staff_page;

use leptos::prelude::*;

/// The admin area's navigation; `current` is the page's path.
#[component]
pub fn AdminNav(current: &'static str) -> impl IntoView {
    let links = [
        ("/verwaltung/mitarbeitende", tr!("admin.staff")),
        ("/verwaltung/dienste", tr!("admin.services")),
        (
            "/verwaltung/zustaendigkeiten",
            tr!("admin.responsibilities"),
        ),
        ("/verwaltung/protokoll", tr!("admin.audit")),
    ];
    view! {
        <nav aria-label={tr!("admin.nav")} class="mailbox-folders">
            <ul class="kern-list kern-list--horizontal">
                {links.into_iter().map(|(href, text)| view! {
                    <li><a class="kern-link" href=href aria-current=(href == current).then_some("page")>{text}</a></li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// `/verwaltung`: where the admin starts.
#[component]
pub fn AdminHomePage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| crate::authorities::api::load_admin_overview());
    view! {
        <leptos_meta::Title text=tr!("admin.title") />
        <h1 class="kern-heading-large">{tr!("admin.title")}</h1>
        <Suspense fallback=|| ()>
            {move || overview.get().map(|r| match r {
                Ok(o) => view! {
                    <p class="kern-body">{o.authority.clone()}</p>
                    <AdminNav current="/verwaltung" />
                    <p class="kern-body">{tr!("admin.summary", staff = o.staff.len(), services = o.services.len())}</p>
                }.into_any(),
                Err(e) => crate::components::notice::refusal(e, "/verwaltung"),
            })}
        </Suspense>
    }
}
