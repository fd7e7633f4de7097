//! `/postfach/{number}`: one case — status and history, the messages in order (opening marks
//! them read), documents, the reply form, PDF, print and trash.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::cases::components::{CaseRecord, MessageList, row};
use crate::cases::types::CaseDetail;
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::{Select, TextArea};
use crate::documents::api::{get_upload_limits, my_documents};
use crate::documents::components::UploadForm;
use crate::documents::types::DocumentView;
use crate::error::AppError;
use crate::mailbox::api::{ReplyToCase, RestoreCase, TrashCase, open_case};

#[component]
pub fn CasePage() -> impl IntoView {
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    // Keyed on the query too: a reply or a restore returns here with a new query string, and
    // the page must show the new state.
    let search = leptos_router::hooks::use_location().search;
    let case = Resource::new(move || (number(), search.get()), |(n, _)| open_case(n));
    view! {
        <Suspense fallback=|| ()>
            {move || case.get().map(|r| match r {
                Ok(c) => view! { <CaseView case=c /> }.into_any(),
                Err(AppError::Unauthenticated) => view! {
                    <h1 class="kern-heading-large">{tr!("mailbox.title")}</h1>
                    <p class="kern-body"><a class="kern-link" href=format!("/anmelden?weiter=/postfach/{}", number())>{tr!("mailbox.login")}</a></p>
                }.into_any(),
                Err(AppError::NotFound) => view! { <crate::components::not_found::NotFoundPage /> }.into_any(),
                Err(e) => view! { <p class="kern-body" role="alert">{e.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(case: CaseDetail) -> impl IntoView {
    let c = case;
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        if q.get("antwort").is_some() {
            Some(tr!("case.reply_sent"))
        } else if q.get("wiederhergestellt").is_some() {
            Some(tr!("case.restored"))
        } else {
            None
        }
    };
    let trash = ServerAction::<TrashCase>::new();
    let restore = ServerAction::<RestoreCase>::new();
    let action_error = Signal::derive(move || {
        trash
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| restore.value().get().and_then(Result::err))
    });
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    let pdf_action = format!("/postfach/{}/pdf", c.number);
    let number_for_action = c.number.clone();
    let can_reply = c.status.open_for_replies() && !c.trashed;
    view! {
        <Title text=format!("{} – {}", c.title, c.number) />
        {move || notice().map(|t| view! {
            <div class="kern-alert kern-alert--success" role="status"><div class="kern-alert__body"><p class="kern-body">{t}</p></div></div>
        })}
        <p class="kern-body"><a class="kern-link no-print" href=if c.trashed { "/postfach/papierkorb" } else { "/postfach" }>{tr!("case.back_to_mailbox")}</a></p>
        <h1 class="kern-heading-large">{c.title.clone()}</h1>
        <dl class="kern-description-list">
            {row(tr!("case.number"), c.number.clone())}
            {row(tr!("case.status_label"), c.status.label())}
            {row(tr!("service.authority"), c.authority.clone())}
            {row(tr!("case.submitted"), c.submitted.clone())}
            {c.fee.clone().map(|f| row(tr!("case.fee"), f))}
        </dl>
        <ErrorSummary error=action_error id="case-errors" />
        {c.trashed.then(|| view! {
            <div class="kern-alert kern-alert--info" role="note"><div class="kern-alert__body"><p class="kern-body">{tr!("case.in_trash")}</p></div></div>
        })}
        <div class="case-actions no-print">
            <form method="get" action=pdf_action>
                <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{tr!("case.pdf")}</span></button>
            </form>
            <Show when=move || scripted.get()>
                <button type="button" class="kern-btn kern-btn--secondary" on:click=move |_| {
                    #[cfg(feature = "hydrate")]
                    if let Some(w) = web_sys::window() { let _ = w.print(); }
                }><span class="kern-label">{tr!("case.print")}</span></button>
            </Show>
            {if c.trashed {
                view! {
                    <ActionForm action=restore>
                        <input type="hidden" name="number" value=number_for_action.clone() />
                        <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("case.restore")}</span></button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <ActionForm action=trash>
                        <input type="hidden" name="number" value=number_for_action.clone() />
                        <button type="submit" class="kern-btn kern-btn--tertiary"><span class="kern-label">{tr!("case.trash")}</span></button>
                    </ActionForm>
                }.into_any()
            }}
        </div>
        <MessageList messages=c.messages.clone() />
        {can_reply.then(|| view! { <ReplyForm number=c.number.clone() /> })}
        <CaseRecord case=c.clone() />
    }
}

#[component]
fn ReplyForm(number: String) -> impl IntoView {
    let action = ServerAction::<ReplyToCase>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    let docs = Resource::new(|| (), |_| my_documents());
    let limits = Resource::new(|| (), |_| get_upload_limits());
    let chosen = use_query_map()
        .read_untracked()
        .get("dokument")
        .unwrap_or_default();
    let back = format!("/postfach/{number}#antworten");
    view! {
        <section aria-labelledby="antworten" class="reply no-print">
            <h2 class="kern-heading-medium" id="antworten">{tr!("case.reply_title")}</h2>
            <ErrorSummary error id="reply-errors" />
            // The upload comes first: it reloads the page, and a text typed before would be lost.
            <Suspense fallback=|| ()>
                {let back = back.clone(); move || limits.get().and_then(Result::ok).map(|l| view! {
                    <UploadForm back=back.clone() label=tr!("case.upload_attachment") limits=l button=tr!("case.upload_button") />
                })}
            </Suspense>
            <ActionForm action attr:novalidate=true attr:class="form">
                <input type="hidden" name="number" value=number.clone() />
                <TextArea name="text" label=tr!("case.reply_text") server=fields rows=6 />
                <Suspense fallback=|| ()>
                    {let chosen = chosen.clone(); move || docs.get().and_then(Result::ok).map(|list: Vec<DocumentView>| {
                        let options = std::iter::once((String::new(), tr!("case.no_attachment"))).chain(list.into_iter().map(|d| (d.id.clone(), d.describe()))).collect();
                        view! { <Select name="dokument" label=tr!("case.attachment_from_safe") options selected=chosen.clone() server=fields /> }
                    })}
                </Suspense>
                <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("case.reply")}</span></button>
            </ActionForm>
        </section>
    }
}
