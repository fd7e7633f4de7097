use leptos::prelude::*;

use crate::profile::api::my_security_log;

/// "Sicherheitsprotokoll": the account's recent logins and changes to its protection, so that
/// the owner notices a login or change that was not theirs.
#[component]
pub fn SecurityLogSection() -> impl IntoView {
    let log = Resource::new(|| (), |_| my_security_log());
    view! {
        <section aria-labelledby="sicherheitsprotokoll" class="profile-section">
            <h2 class="kern-heading-medium" id="sicherheitsprotokoll">{tr!("security_log.title")}</h2>
            <Suspense fallback=|| ()>
                {move || log.get().map(|r| r.map(|log| view! {
                    <p class="kern-body">{tr!("security_log.intro", days = log.days)}</p>
                    {if log.lines.is_empty() {
                        view! { <p class="kern-body">{tr!("security_log.empty")}</p> }.into_any()
                    } else {
                        view! {
                            <div class="kern-table-responsive">
                                <table class="kern-table">
                                    <caption class="kern-sr-only">{tr!("security_log.title")}</caption>
                                    <thead class="kern-table__header"><tr class="kern-table__row">
                                        <th class="kern-table__header" scope="col">{tr!("security_log.when")}</th>
                                        <th class="kern-table__header" scope="col">{tr!("security_log.what")}</th>
                                        <th class="kern-table__header" scope="col">{tr!("security_log.client")}</th>
                                    </tr></thead>
                                    <tbody class="kern-table__body">
                                        {log.lines.into_iter().map(|l| view! {
                                            <tr class="kern-table__row">
                                                <td class="kern-table__cell">{l.when}</td>
                                                <td class="kern-table__cell">{l.what}</td>
                                                <td class="kern-table__cell">{l.client}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }}
                }).ok())}
            </Suspense>
        </section>
    }
}
