//! `/sachbearbeitung/{number}`: one case at work — who has it, the actions the viewer may
//! take (take over, hand back, reassign, status, question, message with document, fee), the
//! conversation, the record and the case's audit entries. Every action is a plain form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use crate::cases::components::{CaseRecord, MessageList, row};
use crate::cases::types::CaseStatus;
use crate::casework::api::{
    ChangeCaseStatus, HandBackCase, ReassignCase, SendCaseMessage, SendCaseQuestion, SetCaseFee,
    TakeCase, case_uploads, open_work_case,
};
use crate::casework::types::WorkCase;
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::{Field, Select, TextArea};
use crate::documents::api::get_upload_limits;
use crate::documents::components::UploadForm;
use crate::services::types::FeeKind;

#[component]
pub fn WorkCasePage() -> impl IntoView {
    let params = use_params_map();
    let number = move || params.read().get("number").unwrap_or_default();
    // Keyed on the query too: every action returns here with a new notice.
    let search = use_location().search;
    let case = Resource::new(move || (number(), search.get()), |(n, _)| open_work_case(n));
    view! {
        <Suspense fallback=|| ()>
            {move || case.get().map(|r| match r {
                Ok(c) => view! { <WorkCaseView case=c /> }.into_any(),
                Err(e) => crate::components::notice::refusal(e, &format!("/sachbearbeitung/{}", number())),
            })}
        </Suspense>
    }
}

fn notice_text(q: &leptos_router::params::ParamsMap) -> Option<String> {
    [
        ("uebernommen", "casework.taken"),
        ("zurueckgegeben", "casework.handed_back"),
        ("zugewiesen", "casework.reassigned"),
        ("status", "casework.status_changed"),
        ("gesendet", "casework.message_sent"),
        ("rueckfrage", "casework.question_sent"),
        ("gebuehr", "casework.fee_set"),
    ]
    .into_iter()
    .find(|(k, _)| q.get(k).is_some())
    .map(|(_, key)| tr!(key))
}

#[component]
fn WorkCaseView(case: WorkCase) -> impl IntoView {
    let w = case;
    let c = w.case.clone();
    let query = use_query_map();
    let take = ServerAction::<TakeCase>::new();
    let hand_back = ServerAction::<HandBackCase>::new();
    let reassign = ServerAction::<ReassignCase>::new();
    let action_error = Signal::derive(move || {
        take.value()
            .get()
            .and_then(Result::err)
            .or_else(|| hand_back.value().get().and_then(Result::err))
            .or_else(|| reassign.value().get().and_then(Result::err))
    });
    let number = StoredValue::new(c.number.clone());
    let holder = w
        .assignee
        .clone()
        .unwrap_or_else(|| tr!("casework.unassigned"));
    let finished = !c.status.open_for_replies();
    view! {
        <Title text=format!("{} – {}", c.title, c.number) />
        {move || crate::components::notice::notice(notice_text(&query.read()))}
        <p class="kern-body"><a class="kern-link" href="/sachbearbeitung">{tr!("casework.back")}</a></p>
        <h1 class="kern-heading-large">{format!("{} – {}", c.title, w.applicant)}</h1>
        <dl class="kern-description-list">
            {row(tr!("case.number"), c.number.clone())}
            {row(tr!("case.status_label"), c.status.label())}
            {row(tr!("casework.applicant"), w.applicant.clone())}
            {row(tr!("case.submitted"), c.submitted.clone())}
            {row(tr!("casework.due"), if w.overdue { format!("{} ({})", w.due, tr!("casework.overdue")) } else { w.due.clone() })}
            {row(tr!("casework.assignee"), holder)}
            {c.fee.clone().map(|f| row(tr!("case.fee"), f))}
            {row(tr!("casework.documents_consent"), if w.documents_consent { tr!("casework.yes") } else { tr!("casework.no") })}
        </dl>
        <ErrorSummary error=action_error id="case-errors" />
        <div class="case-actions">
            {(w.assignee.is_none() && w.responsible && !finished).then(|| view! {
                <ActionForm action=take>
                    <input type="hidden" name="number" value=number.get_value() />
                    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("casework.take")}</span></button>
                </ActionForm>
            })}
            {(w.assignee.is_some() && (w.mine || w.admin)).then(|| view! {
                <ActionForm action=hand_back>
                    <input type="hidden" name="number" value=number.get_value() />
                    <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{tr!("casework.hand_back")}</span></button>
                </ActionForm>
            })}
        </div>
        {(w.admin && !w.colleagues.is_empty() && !finished).then(|| {
            let fields = Signal::derive(move || field_errors(reassign.value().get().and_then(Result::err)));
            let options = w.colleagues.iter().map(|c| (c.id.clone(), c.name.clone())).collect();
            view! {
                <ActionForm action=reassign attr:class="form">
                    <input type="hidden" name="number" value=number.get_value() />
                    <Select name="an" label=tr!("casework.reassign_to") options server=fields />
                    <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{tr!("casework.reassign")}</span></button>
                </ActionForm>
            }
        })}
        {w.mine.then(|| view! { <WorkForms case=w.clone() /> })}
        <MessageList messages=c.messages.clone() />
        <CaseRecord case=c.clone() />
        <section aria-labelledby="protokoll">
            <h2 class="kern-heading-medium" id="protokoll">{tr!("casework.audit")}</h2>
            <ol class="kern-list">
                {w.audit.iter().map(|l| view! { <li>{format!("{} – {}: {}{}", l.at, l.actor, l.action, if l.detail.is_empty() { String::new() } else { format!(" ({})", l.detail) })}</li> }).collect_view()}
            </ol>
        </section>
    }
}

/// The forms of the caseworker who has the case.
#[component]
fn WorkForms(case: WorkCase) -> impl IntoView {
    let w = case;
    let number = StoredValue::new(w.case.number.clone());
    let status = ServerAction::<ChangeCaseStatus>::new();
    let question = ServerAction::<SendCaseQuestion>::new();
    let message = ServerAction::<SendCaseMessage>::new();
    let fee = ServerAction::<SetCaseFee>::new();
    let (status_error, question_error, message_error, fee_error) = (
        errors_of(status),
        errors_of(question),
        errors_of(message),
        errors_of(fee),
    );
    let statuses: Vec<(String, String)> = w
        .next_statuses
        .iter()
        .filter(|s| **s != CaseStatus::Question)
        .map(|s| (s.as_str().to_owned(), s.label()))
        .collect();
    let may_ask = w.next_statuses.contains(&CaseStatus::Question);
    let open = w.case.status.open_for_replies();
    view! {
        {(!statuses.is_empty()).then(|| view! {
            <section aria-labelledby="status-aendern" class="no-print">
                <h2 class="kern-heading-medium" id="status-aendern">{tr!("casework.change_status")}</h2>
                <ErrorSummary error=status_error id="status-errors" />
                <ActionForm action=status attr:novalidate=true attr:class="form">
                    <input type="hidden" name="number" value=number.get_value() />
                    <Select name="status" label=tr!("casework.new_status") options=statuses.clone() server=fields_of(status_error) />
                    <TextArea name="notiz" label=tr!("casework.status_note") server=fields_of(status_error) rows=3 />
                    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("casework.change_status")}</span></button>
                </ActionForm>
            </section>
        })}
        {may_ask.then(|| view! {
            <section aria-labelledby="rueckfrage" class="no-print">
                <h2 class="kern-heading-medium" id="rueckfrage">{tr!("casework.question_title")}</h2>
                <ErrorSummary error=question_error id="question-errors" />
                <ActionForm action=question attr:novalidate=true attr:class="form">
                    <input type="hidden" name="number" value=number.get_value() />
                    <TextArea name="frage" label=tr!("casework.question_text") server=fields_of(question_error) />
                    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("casework.send_question")}</span></button>
                </ActionForm>
            </section>
        })}
        {open.then(|| view! {
            <MessageForm number=w.case.number.clone() consent=w.documents_consent action=message error=message_error />
        })}
        {(open && w.fee_kind == FeeKind::SetByCaseworker).then(|| view! {
            <section aria-labelledby="gebuehr" class="no-print">
                <h2 class="kern-heading-medium" id="gebuehr">{tr!("casework.fee_title")}</h2>
                <ErrorSummary error=fee_error id="fee-errors" />
                <ActionForm action=fee attr:novalidate=true attr:class="form">
                    <input type="hidden" name="number" value=number.get_value() />
                    <Field name="gebuehr" label=tr!("casework.fee_label") hint=tr!("casework.fee_hint") server=fields_of(fee_error) />
                    <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{tr!("casework.set_fee")}</span></button>
                </ActionForm>
            </section>
        })}
    }
}

fn errors_of<A>(a: ServerAction<A>) -> Signal<Option<crate::error::AppError>>
where
    A: leptos::server_fn::ServerFn<Output = (), Error = crate::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
{
    Signal::derive(move || a.value().get().and_then(Result::err))
}

fn fields_of(
    error: Signal<Option<crate::error::AppError>>,
) -> Signal<Option<crate::error::FieldErrors>> {
    Signal::derive(move || field_errors(error.get()))
}

/// A message to the applicant; a document only with the applicant's consent (upload first:
/// it reloads the page, and text typed before would be lost).
#[component]
fn MessageForm(
    number: String,
    consent: bool,
    action: ServerAction<SendCaseMessage>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let docs = {
        let number = number.clone();
        Resource::new(|| (), move |_| case_uploads(number.clone()))
    };
    let limits = Resource::new(|| (), |_| get_upload_limits());
    let chosen = use_query_map()
        .read_untracked()
        .get("dokument")
        .unwrap_or_default();
    let back = format!("/sachbearbeitung/{number}#nachricht");
    let upload_for = number.clone();
    view! {
        <section aria-labelledby="nachricht" class="no-print">
            <h2 class="kern-heading-medium" id="nachricht">{tr!("casework.message_title")}</h2>
            <ErrorSummary error id="message-errors" />
            {if consent {
                view! {
                    <Suspense fallback=|| ()>
                        {let (back, upload_for) = (back.clone(), upload_for.clone()); move || limits.get().and_then(Result::ok).map(|l| view! {
                            <UploadForm back=back.clone() case=upload_for.clone() label=tr!("casework.upload_document") limits=l button=tr!("case.upload_button") />
                        })}
                    </Suspense>
                }.into_any()
            } else {
                view! { <p class="kern-body">{tr!("casework.no_documents_consent")}</p> }.into_any()
            }}
            <ActionForm action attr:novalidate=true attr:class="form">
                <input type="hidden" name="number" value=number.clone() />
                <TextArea name="text" label=tr!("casework.message_text") server=fields_of(error) />
                {consent.then(|| view! {
                    <Suspense fallback=|| ()>
                        {let chosen = chosen.clone(); move || docs.get().and_then(Result::ok).map(|list| {
                            let options = std::iter::once((String::new(), tr!("case.no_attachment")))
                                .chain(list.into_iter().map(|d| (d.id.clone(), d.describe())))
                                .collect();
                            view! { <Select name="dokument" label=tr!("casework.attachment") options selected=chosen.clone() server=fields_of(error) /> }
                        })}
                    </Suspense>
                })}
                <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("casework.send_message")}</span></button>
            </ActionForm>
        </section>
    }
}
