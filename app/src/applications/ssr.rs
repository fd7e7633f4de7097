//! Drafts and submission (server only). Every function checks that the draft belongs to the
//! account; another's draft is `NotFound`, like a missing one.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};

use super::types::{Access, DraftSummary, DraftView, ServiceDetail, Step, Submitted};
use crate::access::{CaseOwner, Citizen};
use crate::entities::{account, authority, case_document, document, draft, service};
use crate::error::AppError;
use crate::services::schema::{Answers, FieldKind, FormSchema, Prefill, address_key};
use crate::services::ssr::form;
use crate::state::AppState;

pub async fn detail(
    state: &AppState,
    slug: &str,
    me: Option<&Citizen>,
) -> Result<ServiceDetail, AppError> {
    let db = &state.db;
    let s = crate::services::catalogue::published_by_slug(db, slug).await?;
    let access = match me {
        None => Access::Anonymous,
        Some(me) => {
            if me.trust() >= s.min_trust {
                let drafts = draft::Entity::find()
                    .filter(draft::Column::AccountId.eq(me.account_id()))
                    .filter(draft::Column::ServiceId.eq(s.id))
                    .order_by_desc(draft::Column::UpdatedAt)
                    .all(db)
                    .await?;
                Access::Allowed {
                    drafts: drafts.iter().map(|d| draft_summary(d, &s.name)).collect(),
                }
            } else {
                Access::TrustTooLow
            }
        }
    };
    Ok(ServiceDetail {
        service: crate::services::catalogue::facts(db, &s).await?,
        access,
    })
}

fn draft_summary(d: &draft::Model, service_name: &str) -> DraftSummary {
    DraftSummary {
        id: d.public_id.clone(),
        service_name: service_name.to_owned(),
        updated: crate::clock::german_date_time(d.updated_at),
        resume_href: Step::Page(0).href(&d.public_id),
    }
}

pub async fn drafts_of(
    db: &impl ConnectionTrait,
    me: &Citizen,
) -> Result<Vec<DraftSummary>, AppError> {
    let drafts = draft::Entity::find()
        .filter(draft::Column::AccountId.eq(me.account_id()))
        .order_by_desc(draft::Column::UpdatedAt)
        .all(db)
        .await?;
    let ids: Vec<i64> = drafts.iter().map(|d| d.service_id).collect();
    let services = service::Entity::find()
        .filter(service::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let name = |id: i64| {
        services
            .iter()
            .find(|s| s.id == id)
            .map_or("", |s| s.name.as_str())
    };
    Ok(drafts
        .iter()
        .map(|d| draft_summary(d, name(d.service_id)))
        .collect())
}

/// Starts an application: a new draft with the profile's data filled in.
pub async fn start(state: &AppState, me: &Citizen, slug: &str) -> Result<String, AppError> {
    let db = &state.db;
    let s = crate::services::catalogue::published_by_slug(db, slug).await?;
    if me.trust() < s.min_trust {
        return Err(AppError::Forbidden);
    }
    let a = account::Entity::find_by_id(me.account_id().get())
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let schema = form(db, s.id, s.form_version).await?;
    let answers = prefill(&schema, &a);
    let now = crate::clock::now();
    let d = draft::ActiveModel {
        public_id: Set(crate::token::random_hex(12)),
        account_id: Set(me.account_id().get()),
        service_id: Set(s.id),
        form_version: Set(s.form_version),
        answers: Set(serde_json::to_string(&answers).map_err(AppError::internal)?),
        consent: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(d.public_id)
}

fn prefill(schema: &FormSchema, a: &account::Model) -> Answers {
    let p = crate::accounts::ssr::personal_data(a);
    let mut out = Answers::new();
    for f in schema.fields() {
        let Some(source) = f.prefill else { continue };
        let mut put = |k: String, v: &str| {
            if !v.is_empty() {
                out.insert(k, v.to_owned());
            }
        };
        match source {
            Prefill::FirstName => put(f.id.clone(), &p.first_name),
            Prefill::LastName => put(f.id.clone(), &p.last_name),
            Prefill::DateOfBirth => put(f.id.clone(), &p.date_of_birth),
            Prefill::Email => put(f.id.clone(), &a.email),
            Prefill::Phone => put(f.id.clone(), &p.phone),
            Prefill::Address => {
                put(address_key(&f.id, "strasse"), &p.street);
                put(address_key(&f.id, "hausnummer"), &p.house_number);
                put(address_key(&f.id, "plz"), &p.postcode);
                put(address_key(&f.id, "ort"), &p.city);
            }
        }
    }
    out
}

pub async fn own_draft(
    db: &impl ConnectionTrait,
    me: &Citizen,
    public_id: &str,
) -> Result<draft::Model, AppError> {
    draft::Entity::find()
        .filter(draft::Column::PublicId.eq(public_id))
        .filter(draft::Column::AccountId.eq(me.account_id()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

fn answers_of(d: &draft::Model) -> Answers {
    serde_json::from_str(&d.answers).unwrap_or_default()
}

pub async fn view(state: &AppState, me: &Citizen, public_id: &str) -> Result<DraftView, AppError> {
    let db = &state.db;
    let d = own_draft(db, me, public_id).await?;
    let s = service::Entity::find_by_id(d.service_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let documents = crate::documents::ssr::list_own(db, me)
        .await?
        .iter()
        .map(crate::documents::ssr::view)
        .collect();
    Ok(DraftView {
        id: d.public_id.clone(),
        service_name: s.name,
        service_slug: s.slug,
        schema: form(db, d.service_id, d.form_version).await?,
        answers: answers_of(&d),
        consent: d.consent,
        documents_consent: d.documents_consent,
        documents,
        limits: crate::documents::ssr::limits(&state.documents),
    })
}

async fn save(
    db: &impl ConnectionTrait,
    d: draft::Model,
    answers: &Answers,
) -> Result<(), AppError> {
    let mut m = d.into_active_model();
    m.answers = Set(serde_json::to_string(answers).map_err(AppError::internal)?);
    m.updated_at = Set(crate::clock::now());
    m.update(db).await?;
    Ok(())
}

/// Saves one page's answers — also when they have errors, so nothing typed is lost — and
/// returns the page's errors.
pub async fn save_page(
    state: &AppState,
    me: &Citizen,
    public_id: &str,
    page: usize,
    input: Answers,
) -> Result<crate::error::FieldErrors, AppError> {
    let d = own_draft(&state.db, me, public_id).await?;
    let schema = form(&state.db, d.service_id, d.form_version).await?;
    let section = schema.sections.get(page).ok_or(AppError::NotFound)?;
    let mut answers = answers_of(&d);
    for f in section.fields.iter().filter(|f| f.kind != FieldKind::File) {
        for key in f.keys() {
            match input.get(&key).map(|v| v.trim()) {
                Some(v) if !v.is_empty() => answers.insert(key, v.chars().take(10_000).collect()),
                _ => answers.remove(&key),
            };
        }
    }
    let mut errors = schema.validate_section(page, &answers, crate::clock::today());
    if !errors.is_empty() {
        for f in section.fields.iter() {
            for key in f.keys() {
                errors.keep(&key, answers.get(&key).map_or("", String::as_str));
            }
        }
    }
    save(&state.db, d, &answers).await?;
    Ok(errors)
}

/// The bytes of the documents a draft's file fields point at (for the per-application limit),
/// without the field about to be replaced.
pub async fn attached_bytes(
    db: &impl ConnectionTrait,
    me: &Citizen,
    public_id: &str,
    except_slot: Option<&str>,
) -> Result<u64, AppError> {
    let d = own_draft(db, me, public_id).await?;
    let schema = form(db, d.service_id, d.form_version).await?;
    bytes_in_fields(db, me, &schema, &answers_of(&d), except_slot).await
}

async fn bytes_in_fields(
    db: &impl ConnectionTrait,
    me: &Citizen,
    schema: &FormSchema,
    answers: &Answers,
    except_slot: Option<&str>,
) -> Result<u64, AppError> {
    let ids: Vec<String> = schema
        .fields()
        .filter(|f| f.kind == FieldKind::File && Some(f.id.as_str()) != except_slot)
        .filter_map(|f| answers.get(&f.id).cloned())
        .collect();
    let docs = document::Entity::find()
        .filter(document::Column::AccountId.eq(me.account_id()))
        .filter(document::Column::PublicId.is_in(ids))
        .all(db)
        .await?;
    Ok(docs.iter().map(|d| d.size_bytes.max(0) as u64).sum())
}

/// `NotFound` unless `slot` is a file field of the account's draft; the draft and its form.
pub async fn check_file_field(
    db: &impl ConnectionTrait,
    me: &Citizen,
    public_id: &str,
    slot: &str,
) -> Result<(draft::Model, FormSchema), AppError> {
    let d = own_draft(db, me, public_id).await?;
    let schema = form(db, d.service_id, d.form_version).await?;
    if schema
        .fields()
        .any(|f| f.id == slot && f.kind == FieldKind::File)
    {
        Ok((d, schema))
    } else {
        Err(AppError::NotFound)
    }
}

/// Puts one of the account's documents into a file field of its draft, if the application's
/// documents stay within `max_bytes` together.
pub async fn attach_document(
    db: &impl ConnectionTrait,
    me: &Citizen,
    public_id: &str,
    slot: &str,
    document_id: &str,
    max_bytes: u64,
) -> Result<(), AppError> {
    let (d, schema) = check_file_field(db, me, public_id, slot).await?;
    let doc = crate::documents::ssr::find_own(db, me, document_id).await?;
    let mut answers = answers_of(&d);
    let used = bytes_in_fields(db, me, &schema, &answers, Some(slot)).await?;
    if used + doc.size_bytes.max(0) as u64 > max_bytes {
        return Err(AppError::Conflict(tr!(
            "upload.application_full",
            max = max_bytes / (1024 * 1024)
        )));
    }
    answers.insert(slot.to_owned(), document_id.to_owned());
    save(db, d, &answers).await
}

/// The documents step is done when every visible required file field has a document.
pub async fn check_documents(
    db: &impl ConnectionTrait,
    me: &Citizen,
    public_id: &str,
) -> Result<(), AppError> {
    let d = own_draft(db, me, public_id).await?;
    let schema = form(db, d.service_id, d.form_version).await?;
    let own = crate::documents::ssr::list_own(db, me).await?;
    schema
        .validate_files(&answers_of(&d), |id| own.iter().any(|x| x.public_id == id))
        .into_result()
}

/// The consent to the processing (required) and to receiving documents through the portal
/// (optional; without it the authority sends documents by post).
pub async fn set_consent(
    db: &impl ConnectionTrait,
    me: &Citizen,
    public_id: &str,
    consent: bool,
    documents_consent: bool,
) -> Result<(), AppError> {
    let d = own_draft(db, me, public_id).await?;
    if !consent {
        let mut e = crate::error::FieldErrors::default();
        e.add("consent", tr!("application.consent_required"));
        if documents_consent {
            e.keep("dokumente", "on");
        }
        return Err(AppError::Validation(e));
    }
    let mut m = d.into_active_model();
    m.consent = Set(true);
    m.documents_consent = Set(documents_consent);
    m.updated_at = Set(crate::clock::now());
    m.update(db).await?;
    Ok(())
}

pub async fn discard(
    db: &impl ConnectionTrait,
    me: &Citizen,
    public_id: &str,
) -> Result<(), AppError> {
    let d = own_draft(db, me, public_id).await?;
    draft::Entity::delete_by_id(d.id).exec(db).await?;
    Ok(())
}

/// Files the application: in one transaction the case, its history, the documents and the
/// authority's receipt are written and the draft is deleted — a failure leaves the draft.
pub async fn submit(state: &AppState, me: &Citizen, public_id: &str) -> Result<String, AppError> {
    let db = &state.db;
    let d = own_draft(db, me, public_id).await?;
    let s = service::Entity::find_by_id(d.service_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let authority = authority::Entity::find_by_id(s.authority_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let schema = form(db, d.service_id, d.form_version).await?;
    let answers = answers_of(&d);
    let own_docs: Vec<document::Model> = crate::documents::ssr::list_own(db, me).await?;
    let errors = schema.validate_all(&answers, crate::clock::today(), |id| {
        own_docs.iter().any(|x| x.public_id == id)
    });
    if !errors.is_empty() {
        return Err(AppError::Conflict(tr!("application.incomplete")));
    }
    if !d.consent {
        return Err(AppError::Conflict(tr!("application.consent_missing")));
    }
    let clean = schema.clean(&answers);
    let readable = readable_answers(&schema, &clean, &own_docs);
    let answers_text = readable
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(l, v)| format!("{l} {v}")))
        .collect::<Vec<_>>()
        .join(" ");
    let base_url = state.config.base_url.clone();
    let number = crate::db::write_txn(state, async |txn| {
        let answers_json = serde_json::to_string(&readable).unwrap_or_default();
        let c = crate::cases::ssr::create(
            txn,
            crate::cases::ssr::NewCase {
                owner: CaseOwner::Account(me.account_id()),
                service_id: s.id,
                service_name: &s.name,
                form_version: d.form_version,
                title: &s.name,
                answers_json,
                answers_text,
                documents_consent: d.documents_consent,
                processing_days: s.processing_days,
            },
        )
        .await?;
        for f in schema.file_fields(&clean) {
            if let Some(doc) = clean
                .get(&f.id)
                .and_then(|id| own_docs.iter().find(|x| &x.public_id == id))
            {
                case_document::ActiveModel {
                    case_id: Set(c.id),
                    document_id: Set(doc.id),
                    message_id: Set(None),
                    label: Set(f.label.clone()),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
        }
        crate::cases::ssr::message_to_applicant(
            txn,
            &c,
            &authority,
            &tr!("case.receipt", number = c.number, service = s.name),
            &base_url,
        )
        .await?;
        crate::cases::staffing::notify_new_application(txn, &c, &base_url).await?;
        // The draft goes in the same transaction; if a second submission (a double click)
        // got here first, this one is undone.
        let gone = draft::Entity::delete_many()
            .filter(draft::Column::Id.eq(d.id))
            .filter(draft::Column::AccountId.eq(me.account_id()))
            .exec(txn)
            .await?;
        if gone.rows_affected != 1 {
            return Err(AppError::Conflict(tr!("application.already_submitted")));
        }
        Ok(c.number)
    })
    .await?;
    Ok(number)
}

/// The answers as the case shows them: per section, (label, value) with yes/no, addresses
/// and documents in words.
fn readable_answers(
    schema: &FormSchema,
    answers: &Answers,
    docs: &[document::Model],
) -> Vec<(String, Vec<(String, String)>)> {
    schema
        .sections
        .iter()
        .map(|s| {
            let rows = s
                .fields
                .iter()
                .filter(|f| f.is_visible(answers))
                .filter(|f| f.keys().iter().any(|k| answers.contains_key(k)))
                .map(|f| {
                    let name = |id: &str| {
                        docs.iter()
                            .find(|d| d.public_id == id)
                            .map(|d| d.file_name.clone())
                    };
                    (
                        f.label.clone(),
                        crate::services::summary::summary_value(f, answers, &name),
                    )
                })
                .collect();
            (s.title.clone(), rows)
        })
        .collect()
}

pub async fn submitted(
    state: &AppState,
    me: &Citizen,
    number: &str,
) -> Result<Submitted, AppError> {
    let c = crate::cases::ssr::find(&state.db, me, number).await?;
    let s = service::Entity::find_by_id(c.service_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let authority = authority::Entity::find_by_id(s.authority_id)
        .one(&state.db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    Ok(Submitted {
        number: c.number,
        service_name: c.service_name,
        authority,
        submitted_at: crate::clock::german_date_time(c.created_at),
    })
}
