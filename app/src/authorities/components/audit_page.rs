//! `/verwaltung/protokoll`: the authority's audit log, newest first, page by page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::AdminNav;
use crate::authorities::api::audit_log;

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let before = move || query.read().get("vor").and_then(|v| v.parse::<i64>().ok());
    let page = Resource::new(before, audit_log);
    view! {
        <Title text=tr!("admin.audit") />
        <h1 class="kern-heading-large">{tr!("admin.audit")}</h1>
        <AdminNav current="/verwaltung/protokoll" />
        <p class="kern-body">{tr!("admin.audit_hint")}</p>
        <Suspense fallback=|| ()>
            {move || page.get().map(|r| match r {
                Ok(p) => view! {
                    <table class="kern-table">
                        <caption class="kern-title">{tr!("admin.audit")}</caption>
                        <thead class="kern-table__head"><tr class="kern-table__row">
                            <th class="kern-table__header" scope="col">{tr!("admin.when")}</th>
                            <th class="kern-table__header" scope="col">{tr!("admin.who")}</th>
                            <th class="kern-table__header" scope="col">{tr!("admin.what")}</th>
                            <th class="kern-table__header" scope="col">{tr!("case.number")}</th>
                            <th class="kern-table__header" scope="col">{tr!("admin.detail")}</th>
                        </tr></thead>
                        <tbody class="kern-table__body">
                            {p.lines.into_iter().map(|l| view! {
                                <tr class="kern-table__row">
                                    <td class="kern-table__cell">{l.at}</td>
                                    <td class="kern-table__cell">{l.actor}</td>
                                    <td class="kern-table__cell">{l.action}</td>
                                    <td class="kern-table__cell">{l.case_number.unwrap_or_default()}</td>
                                    <td class="kern-table__cell">{l.detail}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {p.next.map(|n| view! { <p class="kern-body"><a class="kern-link" href=format!("/verwaltung/protokoll?vor={n}")>{tr!("admin.older")}</a></p> })}
                }.into_any(),
                Err(e) => crate::components::notice::refusal(e, "/verwaltung/protokoll"),
            })}
        </Suspense>
    }
}
