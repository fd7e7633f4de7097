use leptos::prelude::*;

use crate::profile::api::{EndOtherSessions, EndSession, list_sessions};

/// "Aktive Sitzungen": where the account is logged in, with a way to end those logins.
#[component]
pub fn SessionsSection() -> impl IntoView {
    let end_one = ServerAction::<EndSession>::new();
    let end_others = ServerAction::<EndOtherSessions>::new();
    let sessions = Resource::new(
        move || (end_one.version().get(), end_others.version().get()),
        |_| list_sessions(),
    );
    view! {
        <section aria-labelledby="sitzungen" class="profile-section">
            <h2 class="kern-heading-medium" id="sitzungen">{tr!("profile.sessions_title")}</h2>
            <p class="kern-body">{tr!("profile.sessions_intro")}</p>
            <Suspense fallback=|| ()>
                {move || sessions.get().map(|r| r.map(|list| {
                    let others = list.iter().any(|s| !s.current);
                    view! {
                        <div class="kern-table-responsive">
                            <table class="kern-table">
                                <caption class="kern-sr-only">{tr!("profile.sessions_title")}</caption>
                                <thead class="kern-table__header"><tr class="kern-table__row">
                                    <th class="kern-table__header" scope="col">{tr!("profile.device")}</th>
                                    <th class="kern-table__header" scope="col">{tr!("profile.started")}</th>
                                    <th class="kern-table__header" scope="col">{tr!("profile.last_active")}</th>
                                    <th class="kern-table__header" scope="col"><span class="kern-sr-only">{tr!("profile.action")}</span></th>
                                </tr></thead>
                                <tbody class="kern-table__body">
                                    {list.into_iter().map(|s| view! {
                                        <tr class="kern-table__row">
                                            <td class="kern-table__cell">{s.device.clone()}</td>
                                            <td class="kern-table__cell">{s.started}</td>
                                            <td class="kern-table__cell">{s.last_active}</td>
                                            <td class="kern-table__cell">
                                                {if s.current {
                                                    view! { <span class="kern-badge kern-badge--info">{tr!("profile.this_session")}</span> }.into_any()
                                                } else {
                                                    view! {
                                                        <ActionForm action=end_one>
                                                            <input type="hidden" name="id" value=s.id />
                                                            <button type="submit" class="kern-btn kern-btn--secondary kern-btn--x-small"
                                                                aria-label={tr!("profile.end_session_named", device = s.device)}>
                                                                <span class="kern-label">{tr!("profile.end_session")}</span>
                                                            </button>
                                                        </ActionForm>
                                                    }.into_any()
                                                }}
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <Show when=move || others>
                            <ActionForm action=end_others>
                                <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{tr!("profile.end_others")}</span></button>
                            </ActionForm>
                        </Show>
                    }
                }).ok())}
            </Suspense>
        </section>
    }
}
