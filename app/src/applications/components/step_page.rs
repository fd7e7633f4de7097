//! `/antrag/{id}/{step}`: one step of an application — a form page, the documents, the
//! consent or the summary. Every step is a plain form whose server function saves the draft.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::applications::api::{
    ChooseDocument, FinishDocuments, GiveConsent, SavePage, SubmitApplication, load_draft,
};
use crate::applications::types::{DraftView, Step};
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::Checkbox;
use crate::documents::components::UploadForm;
use crate::error::AppError;
use crate::services::form_fields::{LiveAnswers, SchemaField};
use crate::services::schema::FieldKind;

#[component]
pub fn ApplicationStepPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let step = move || params.read().get("step").and_then(|s| Step::parse(&s));
    // Keyed on the step too: moving between steps in the browser must show what was saved.
    let query = use_query_map();
    let draft = Resource::new(
        move || {
            (
                id(),
                params.read().get("step"),
                query.read().get("gewaehlt"),
            )
        },
        |(id, _, _)| load_draft(id),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || draft.get().map(|r| match (r, step()) {
                (Ok(d), Some(s)) => view! { <StepView draft=d step=s /> }.into_any(),
                (Err(AppError::Unauthenticated), _) => {
                    let back = format!("/anmelden?weiter=/antrag/{}/{}", id(), params.read().get("step").unwrap_or_default());
                    view! {
                        <h1 class="kern-heading-large">{tr!("application.login_title")}</h1>
                        <p class="kern-body">{tr!("application.login_needed")}</p>
                        <p class="kern-body"><a class="kern-link" href=back>{tr!("layout.nav_login")}</a></p>
                    }.into_any()
                }
                (Err(AppError::NotFound), _) | (Ok(_), None) => view! { <crate::components::not_found::NotFoundPage /> }.into_any(),
                (Err(e), _) => view! { <p class="kern-body" role="alert">{e.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn StepView(draft: DraftView, step: Step) -> impl IntoView {
    let (n, total) = step.progress(&draft.schema);
    let title = step.title(&draft.schema);
    let back = step.previous(&draft.schema).map(|p| p.href(&draft.id));
    let body = match step {
        Step::Page(i) if i < draft.schema.sections.len() => {
            view! { <PageStep draft=draft.clone() page=i /> }.into_any()
        }
        Step::Documents => view! { <DocumentsStep draft=draft.clone() /> }.into_any(),
        Step::Consent => view! { <ConsentStep draft=draft.clone() /> }.into_any(),
        Step::Summary => view! { <SummaryStep draft=draft.clone() /> }.into_any(),
        Step::Page(_) => view! { <crate::components::not_found::NotFoundPage /> }.into_any(),
    };
    view! {
        <Title text=format!("{title} – {}", draft.service_name) />
        <p class="kern-body kern-body--small">{draft.service_name.clone()}</p>
        <h1 class="kern-heading-large">{title}</h1>
        <p class="kern-body step-progress">{tr!("application.step_of", n = n, total = total)}</p>
        <p class="kern-hint">{tr!("application.saved_note")}</p>
        {body}
        {back.map(|href| view! { <p class="kern-body"><a class="kern-link" href=href>{tr!("application.back")}</a></p> })}
    }
}

#[component]
fn PageStep(draft: DraftView, page: usize) -> impl IntoView {
    let action = ServerAction::<SavePage>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    let live = LiveAnswers {
        values: RwSignal::new(draft.answers.clone()),
        scripted: RwSignal::new(false),
    };
    Effect::new(move |_| live.scripted.set(true));
    let from_summary = use_query_map()
        .read_untracked()
        .get("zurueck")
        .unwrap_or_default();
    let section = draft.schema.sections[page].clone();
    view! {
        {(!section.intro.is_empty()).then(|| view! { <p class="kern-body">{section.intro.clone()}</p> })}
        <ErrorSummary error id="step-errors" />
        <ActionForm action attr:novalidate=true attr:class="form">
            <input type="hidden" name="id" value=draft.id.clone() />
            <input type="hidden" name="page" value=page.to_string() />
            <input type="hidden" name="zurueck" value=from_summary />
            {section.fields.into_iter().filter(|f| f.kind != FieldKind::File).map(|f| view! {
                <SchemaField field=f live server=fields />
            }).collect_view()}
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("application.next")}</span></button>
        </ActionForm>
    }
}

#[component]
fn DocumentsStep(draft: DraftView) -> impl IntoView {
    let finish = ServerAction::<FinishDocuments>::new();
    let choose = ServerAction::<ChooseDocument>::new();
    let error = Signal::derive(move || {
        finish
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| choose.value().get().and_then(Result::err))
    });
    let slots: Vec<_> = draft.schema.file_fields(&draft.answers).cloned().collect();
    let draft_id = draft.id.clone();
    view! {
        <p class="kern-body">{tr!("application.documents_intro")}</p>
        <ErrorSummary error id="documents-errors" />
        {slots.into_iter().map(|f| view! { <DocumentSlot draft=draft.clone() field=f choose /> }).collect_view()}
        <ActionForm action=finish attr:class="form">
            <input type="hidden" name="id" value=draft_id />
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("application.next")}</span></button>
        </ActionForm>
    }
}

/// One file field: what is chosen, an upload, and a choice from the document safe.
#[component]
fn DocumentSlot(
    draft: DraftView,
    field: crate::services::schema::FieldDef,
    choose: ServerAction<ChooseDocument>,
) -> impl IntoView {
    let f = field;
    let current = draft
        .answers
        .get(&f.id)
        .and_then(|id| draft.document(id))
        .cloned();
    let label = if f.required {
        f.label.clone()
    } else {
        tr!("form.optional_label", label = f.label)
    };
    let heading_id = format!("slot-{}", f.id);
    let select_id = format!("safe-{}", f.id);
    let upload = view! {
        <UploadForm back=Step::Documents.href(&draft.id) label=tr!("application.upload_for", label = f.label) draft=draft.id.clone() field=f.id.clone() limits=draft.limits />
    };
    let safe = (!draft.documents.is_empty()).then(|| {
        let options = draft.documents.iter().map(|d| view! { <option value=d.id.clone()>{d.describe()}</option> }).collect_view();
        view! {
            <ActionForm action=choose attr:class="form document-slot__safe">
                <input type="hidden" name="id" value=draft.id.clone() />
                <input type="hidden" name="feld" value=f.id.clone() />
                <div class="kern-form-input">
                    <label class="kern-label" for=select_id.clone()>{tr!("application.from_safe", label = f.label)}</label>
                    <div class="kern-form-input__select-wrapper">
                        <select class="kern-form-input__select" id=select_id.clone() name="dokument">{options}</select>
                    </div>
                </div>
                <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{tr!("application.take_from_safe")}</span></button>
            </ActionForm>
        }
    });
    view! {
        <section class="document-slot" aria-labelledby=heading_id.clone()>
            <h2 class="kern-heading-small" id=heading_id.clone()>{label}</h2>
            {(!f.help.is_empty()).then(|| view! { <p class="kern-hint">{f.help.clone()}</p> })}
            <p class="kern-body document-slot__current">
                {match current {
                    Some(doc) => tr!("application.document_chosen", name = doc.describe()),
                    None => tr!("application.document_missing"),
                }}
            </p>
            {upload}
            {safe}
        </section>
    }
}

#[component]
fn ConsentStep(draft: DraftView) -> impl IntoView {
    let action = ServerAction::<GiveConsent>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    view! {
        <p class="kern-body">{tr!("application.consent_text")}</p>
        <p class="kern-body"><a class="kern-link" href="/datenschutz">{tr!("application.privacy_link")}</a></p>
        <ErrorSummary error id="consent-errors" />
        <ActionForm action attr:novalidate=true attr:class="form">
            <input type="hidden" name="id" value=draft.id.clone() />
            <Checkbox name="consent" label={tr!("application.consent_label")} server=fields />
            <div class="kern-form-check">
                <input class="kern-form-check__checkbox" id="field-dokumente" name="dokumente" type="checkbox"
                    checked=draft.documents_consent || fields.get_untracked().and_then(|f| f.value_for("dokumente")).is_some() />
                <label class="kern-label" for="field-dokumente">{tr!("application.documents_consent_label")}</label>
            </div>
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("application.next")}</span></button>
        </ActionForm>
    }
}

#[component]
fn SummaryStep(draft: DraftView) -> impl IntoView {
    let action = ServerAction::<SubmitApplication>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let answers = draft.answers.clone();
    let doc_name = |id: &str| draft.document(id).map(|d| d.file_name.clone());
    let sections = draft.schema.sections.iter().enumerate().map(|(i, s)| {
        let change = format!("{}?zurueck=uebersicht", Step::Page(i).href(&draft.id));
        let rows = s.fields.iter().filter(|f| f.kind != FieldKind::File && f.is_visible(&answers)).map(|f| {
            let value = crate::services::summary::summary_value(f, &answers, &doc_name);
            view! {
                <div class="kern-description-list-item">
                    <dt class="kern-description-list-item__key">{f.label.clone()}</dt>
                    <dd class="kern-description-list-item__value">{value}</dd>
                </div>
            }
        }).collect_view();
        view! {
            <section class="summary-section">
                <h2 class="kern-heading-medium">{s.title.clone()}</h2>
                <dl class="kern-description-list">{rows}</dl>
                <p class="kern-body"><a class="kern-link" href=change>{tr!("application.change")}<span class="visually-hidden">{format!(": {}", s.title)}</span></a></p>
            </section>
        }
    }).collect_view();
    let files: Vec<_> = draft.schema.file_fields(&answers).cloned().collect();
    let documents = (!files.is_empty()).then(|| {
        let rows = files.iter().map(|f| view! {
            <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{f.label.clone()}</dt>
                <dd class="kern-description-list-item__value">{answers.get(&f.id).and_then(|id| doc_name(id)).unwrap_or_else(|| tr!("application.not_given"))}</dd>
            </div>
        }).collect_view();
        view! {
            <section class="summary-section">
                <h2 class="kern-heading-medium">{tr!("application.documents_title")}</h2>
                <dl class="kern-description-list">{rows}</dl>
                <p class="kern-body"><a class="kern-link" href=Step::Documents.href(&draft.id)>{tr!("application.change")}<span class="visually-hidden">{format!(": {}", tr!("application.documents_title"))}</span></a></p>
            </section>
        }
    });
    view! {
        {sections}
        {documents}
        <section class="summary-section">
            <h2 class="kern-heading-medium">{tr!("application.consent_title")}</h2>
            <p class="kern-body">{if draft.consent { tr!("application.consent_given") } else { tr!("application.consent_missing") }}</p>
            <p class="kern-body">{if draft.documents_consent { tr!("application.documents_consent_given") } else { tr!("application.documents_consent_not_given") }}</p>
        </section>
        <ErrorSummary error id="submit-errors" />
        <ActionForm action attr:class="form">
            <input type="hidden" name="id" value=draft.id.clone() />
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("application.submit")}</span></button>
        </ActionForm>
    }
}
