//! What both the applicant's and the caseworker's case page show: the facts, the answers,
//! the documents and the conversation.

use leptos::prelude::*;

use super::types::CaseDetail;

/// One fact of a case: a term and its value.
pub fn row(key: String, value: String) -> impl IntoView {
    view! {
        <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{key}</dt>
            <dd class="kern-description-list-item__value">{value}</dd>
        </div>
    }
}

/// The messages of a case in order, with their attachments.
#[component]
pub fn MessageList(messages: Vec<crate::cases::types::MessageView>) -> impl IntoView {
    view! {
        <section aria-labelledby="nachrichten">
            <h2 class="kern-heading-medium" id="nachrichten">{tr!("case.messages")}</h2>
            <ol class="kern-list message-list">
                {messages.iter().map(|m| view! {
                    <li class="message" class:message--mine=m.from_applicant>
                        <article>
                            <h3 class="kern-title">
                                {format!("{} – {}", m.author, m.sent)}
                                {m.was_unread.then(|| view! { <span class="kern-badge kern-badge--info">{tr!("case.new")}</span> })}
                            </h3>
                            <p class="kern-body message__body">{m.body.clone()}</p>
                            {(!m.attachments.is_empty()).then(|| view! { <crate::documents::components::DocumentList docs=m.attachments.clone() /> })}
                        </article>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The documents, the status history and the answers of a case.
#[component]
pub fn CaseRecord(case: CaseDetail) -> impl IntoView {
    let c = case;
    view! {
        {(!c.documents.is_empty()).then(|| view! {
            <section aria-labelledby="dokumente">
                <h2 class="kern-heading-medium" id="dokumente">{tr!("case.documents")}</h2>
                <ul class="kern-list">
                    {c.documents.iter().map(|d| view! {
                        <li>{format!("{}: ", d.label)}<a class="kern-link" href=d.document.download_href() download="">{d.document.describe()}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="verlauf">
            <h2 class="kern-heading-medium" id="verlauf">{tr!("case.history")}</h2>
            <ol class="kern-list">
                {c.history.iter().map(|h| view! { <li>{format!("{}: {}", h.at, h.status.label())}</li> }).collect_view()}
            </ol>
        </section>
        <section aria-labelledby="angaben">
            <h2 class="kern-heading-medium" id="angaben">{tr!("case.answers")}</h2>
            {c.answers.iter().map(|(section, rows)| view! {
                <h3 class="kern-heading-small">{section.clone()}</h3>
                <dl class="kern-description-list">{rows.iter().map(|(k, v)| row(k.clone(), v.clone())).collect_view()}</dl>
            }).collect_view()}
        </section>
    }
}
