//! The account's unfinished applications, as the mailbox shows them above its cases: resume
//! or discard each.

use leptos::prelude::*;

use crate::applications::api::{DiscardDraft, my_drafts};

/// The drafts with `Fortsetzen` and `Verwerfen` (plain forms, so it works without JavaScript).
#[component]
pub fn DraftsSection() -> impl IntoView {
    let drafts = Resource::new(|| (), |_| my_drafts());
    let discard = ServerAction::<DiscardDraft>::new();
    view! {
        <section aria-labelledby="entwuerfe" class="mailbox-drafts">
            <h2 class="kern-heading-medium" id="entwuerfe">{tr!("mailbox.drafts")}</h2>
            <Suspense fallback=|| ()>
                {move || drafts.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p class="kern-body">{tr!("mailbox.no_drafts")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="kern-list">
                            {list.into_iter().map(|d| view! {
                                <li class="draft-row">
                                    <span class="kern-body">{format!("{} – {}", d.service_name, tr!("mailbox.draft_saved", at = d.updated))}</span>
                                    " "
                                    <a class="kern-link" href=d.resume_href.clone()>{tr!("mailbox.resume")}<span class="visually-hidden">{format!(": {}", d.service_name)}</span></a>
                                    <ActionForm action=discard attr:class="draft-row__discard">
                                        <input type="hidden" name="id" value=d.id.clone() />
                                        <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--small">
                                            <span class="kern-label">{tr!("mailbox.discard")}</span>
                                            <span class="visually-hidden">{format!(": {}", d.service_name)}</span>
                                        </button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p class="kern-body" role="alert">{e.to_string()}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
