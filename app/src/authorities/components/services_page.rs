//! `/verwaltung/dienste`: the authority's services; `/verwaltung/dienste/{id}` (or `neu`)
//! their texts, fee, trust level and target time; `/verwaltung/dienste/{id}/formular` the
//! form as JSON with a check on publishing and a preview (live with JavaScript).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::AdminNav;
use crate::authorities::api::{PublishServiceForm, SaveService, load_admin_overview};
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::{Field, Select};
use crate::services::form_fields::{LiveAnswers, SchemaField};
use crate::services::schema::FormSchema;
use crate::services::types::ServiceAdmin;
use crate::services::types::{FeeDue, FeeKind, TrustLevel};
use crate::services::validate;

#[component]
pub fn ServicesPage() -> impl IntoView {
    // Keyed on the query: each change returns here with a new notice and must show the new state.
    let search = leptos_router::hooks::use_location().search;
    let overview = Resource::new(move || search.get(), |_| load_admin_overview());
    view! {
        <Title text=tr!("admin.services") />
        <h1 class="kern-heading-large">{tr!("admin.services")}</h1>
        <AdminNav current="/verwaltung/dienste" />
        <p class="kern-body"><a class="kern-link" href="/verwaltung/dienste/neu">{tr!("admin.new_service")}</a></p>
        <Suspense fallback=|| ()>
            {move || overview.get().map(|r| match r {
                Ok(o) => view! {
                    <ul class="kern-list">
                        {o.services.into_iter().map(|s| view! {
                            <li>
                                <a class="kern-link" href=format!("/verwaltung/dienste/{}", s.slug)>{s.name.clone()}</a>
                                {format!(" – {}", if s.form_version > 0 { tr!("admin.service.version", version = s.form_version) } else { tr!("admin.service.no_form") })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => crate::components::notice::refusal(e, "/verwaltung/dienste"),
            })}
        </Suspense>
    }
}

fn notice() -> impl IntoView {
    let query = use_query_map();
    move || {
        let q = query.read();
        let text = [
            ("gespeichert", "admin.saved"),
            ("veroeffentlicht", "admin.service.published"),
        ]
        .into_iter()
        .find(|(k, _)| q.get(k).is_some())
        .map(|(_, key)| tr!(key));
        crate::components::notice::notice(text)
    }
}

/// The service with this slug from the overview, or an empty one for `neu`.
fn pick(services: Vec<ServiceAdmin>, id: &str) -> Option<ServiceAdmin> {
    if id == "neu" {
        return Some(ServiceAdmin {
            slug: String::new(),
            name: String::new(),
            summary: String::new(),
            description: String::new(),
            category: String::new(),
            keywords: String::new(),
            min_trust: TrustLevel::Low,
            fee_kind: FeeKind::None,
            fee: String::new(),
            fee_due: FeeDue::AtSubmission,
            processing_days: 14,
            form_version: 0,
            schema_json: String::new(),
        });
    }
    services.into_iter().find(|s| s.slug == id)
}

#[component]
pub fn ServiceEditPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    // Keyed on the query: each change returns here with a new notice and must show the new state.
    let search = leptos_router::hooks::use_location().search;
    let overview = Resource::new(move || search.get(), |_| load_admin_overview());
    view! {
        <Title text=tr!("admin.services") />
        <AdminNav current="/verwaltung/dienste" />
        {notice()}
        <Suspense fallback=|| ()>
            {move || overview.get().map(|r| match r.map(|o| pick(o.services, &id())) {
                Ok(Some(s)) => view! { <ServiceForm service=s /> }.into_any(),
                Ok(None) => view! { <crate::components::not_found::NotFoundPage /> }.into_any(),
                Err(e) => crate::components::notice::refusal(e, "/verwaltung/dienste"),
            })}
        </Suspense>
    }
}

#[component]
fn ServiceForm(service: ServiceAdmin) -> impl IntoView {
    let s = service;
    let action = ServerAction::<SaveService>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    let is_new = s.slug.is_empty();
    let title = if is_new {
        tr!("admin.new_service")
    } else {
        s.name.clone()
    };
    let trust_levels = TrustLevel::ALL
        .map(|t| (t.as_str().to_owned(), t.label()))
        .to_vec();
    let fee_kinds = FeeKind::ALL
        .map(|k| (k.as_str().to_owned(), k.label()))
        .to_vec();
    let fee_dues = FeeDue::ALL
        .map(|d| (d.as_str().to_owned(), d.label()))
        .to_vec();
    view! {
        <h1 class="kern-heading-large">{title}</h1>
        {(!is_new).then(|| view! {
            <p class="kern-body">
                <a class="kern-link" href=format!("/verwaltung/dienste/{}/formular", s.slug)>{tr!("admin.service.edit_form")}</a>
                {format!(" ({})", if s.form_version > 0 { tr!("admin.service.version", version = s.form_version) } else { tr!("admin.service.no_form") })}
            </p>
        })}
        <ErrorSummary error id="service-errors" />
        <ActionForm action attr:novalidate=true attr:class="form">
            <input type="hidden" name="id" value=s.slug.clone() />
            {is_new.then(|| view! { <Field name="slug" label=tr!("admin.service.slug") hint=tr!("admin.service.slug_hint") server=fields check=Callback::new(|v: String| validate::slug(&v).map(|_| ())) /> })}
            <Field name="name" label=tr!("admin.service.name") value=s.name.clone() server=fields check=Callback::new(|v: String| validate::required::<200>(&v).map(|_| ())) />
            <Field name="summary" label=tr!("admin.service.summary") value=s.summary.clone() server=fields check=Callback::new(|v: String| validate::required::<500>(&v).map(|_| ())) />
            <crate::components::field::TextArea name="description" label=tr!("admin.service.description") server=fields initial=s.description.clone() />
            <Field name="category" label=tr!("admin.service.category") value=s.category.clone() server=fields check=Callback::new(|v: String| validate::required::<100>(&v).map(|_| ())) />
            <Field name="keywords" label=tr!("admin.service.keywords") value=s.keywords.clone() server=fields check=Callback::new(|v: String| validate::optional::<1_000>(&v).map(|_| ())) />
            <Select name="min_trust" label=tr!("admin.service.min_trust") options=trust_levels selected=s.min_trust.as_str().to_owned() server=fields />
            <Select name="fee_kind" label=tr!("admin.service.fee_kind") options=fee_kinds selected=s.fee_kind.as_str().to_owned() server=fields />
            <Field name="fee" label=tr!("admin.service.fee") hint=tr!("casework.fee_hint") value=s.fee.clone() server=fields check=Callback::new(|v: String| if v.trim().is_empty() { Ok(()) } else { validate::fee(&v).map(|_| ()) }) />
            <Select name="fee_due" label=tr!("admin.service.fee_due") options=fee_dues selected=s.fee_due.as_str().to_owned() server=fields />
            <Field name="processing_days" label=tr!("admin.service.processing_days") value=s.processing_days.to_string() server=fields check=Callback::new(|v: String| validate::processing_days(&v).map(|_| ())) />
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("admin.save")}</span></button>
        </ActionForm>
    }
}

#[component]
pub fn ServiceFormPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    // Keyed on the query: each change returns here with a new notice and must show the new state.
    let search = leptos_router::hooks::use_location().search;
    let overview = Resource::new(move || search.get(), |_| load_admin_overview());
    view! {
        <Title text=tr!("admin.service.form_title") />
        <AdminNav current="/verwaltung/dienste" />
        {notice()}
        <Suspense fallback=|| ()>
            {move || overview.get().map(|r| match r.map(|o| pick(o.services, &id()).filter(|s| !s.slug.is_empty())) {
                Ok(Some(s)) => view! { <SchemaEditor service=s /> }.into_any(),
                Ok(None) => view! { <crate::components::not_found::NotFoundPage /> }.into_any(),
                Err(e) => crate::components::notice::refusal(e, "/verwaltung/dienste"),
            })}
        </Suspense>
    }
}

/// The form as JSON: publishing checks it on the server; with JavaScript the preview follows
/// every keystroke, without it the preview shows the published version.
#[component]
fn SchemaEditor(service: ServiceAdmin) -> impl IntoView {
    let s = service;
    let action = ServerAction::<PublishServiceForm>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    let initial = fields
        .get_untracked()
        .and_then(|f| f.value_for("schema"))
        .unwrap_or_else(|| s.schema_json.clone());
    let text = RwSignal::new(initial.clone());
    let preview = Memo::new(move |_| FormSchema::parse_json(&text.get()));
    let message = move || fields.get().and_then(|f| f.message_for("schema"));
    let live = LiveAnswers {
        values: RwSignal::new(Default::default()),
        scripted: RwSignal::new(false),
    };
    Effect::new(move |_| live.scripted.set(true));
    view! {
        <h1 class="kern-heading-large">{tr!("admin.service.form_of", name = s.name.clone())}</h1>
        <p class="kern-body">{tr!("admin.service.form_hint")}</p>
        <p class="kern-body"><a class="kern-link" href=format!("/verwaltung/dienste/{}", s.slug)>{tr!("admin.service.back")}</a></p>
        <ErrorSummary error id="schema-errors" />
        <ActionForm action attr:novalidate=true attr:class="form">
            <input type="hidden" name="id" value=s.slug.clone() />
            <div class="kern-form-input" class:kern-form-input--error=move || message().is_some()>
                <label class="kern-label" for="field-schema">{tr!("admin.service.schema")}</label>
                {move || message().map(|m| view! { <p class="kern-error" id="field-schema-error"><span class="kern-body">{m}</span></p> })}
                <textarea class="kern-form-input__input schema-editor" id="field-schema" name="schema" rows="24" spellcheck="false"
                    aria-describedby=move || message().map(|_| "field-schema-error")
                    on:input=move |ev| text.set(event_target_value(&ev))>{initial}</textarea>
            </div>
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("admin.service.publish")}</span></button>
        </ActionForm>
        <section aria-labelledby="vorschau" class="schema-preview">
            <h2 class="kern-heading-medium" id="vorschau">{tr!("admin.service.preview")}</h2>
            {move || match preview.get() {
                Ok(schema) => view! {
                    <div inert="">
                        {schema.sections.into_iter().map(|sec| view! {
                            <h3 class="kern-heading-small">{sec.title.clone()}</h3>
                            {sec.fields.into_iter().map(|f| view! { <SchemaField field=f live server=Signal::derive(|| None) /> }).collect_view()}
                        }).collect_view()}
                    </div>
                }.into_any(),
                Err(e) => view! { <p class="kern-body" role="status">{tr!("admin.service.schema_invalid", reason = e)}</p> }.into_any(),
            }}
        </section>
    }
}
