//! The authority admin's services (server only): texts, fee, trust level, target time and the
//! form, published as a new version — cases already filed keep theirs.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};

use super::schema::FormSchema;
use super::types::{Audience, Fee, FeeDue, FeeKind, ServiceAdmin, TrustLevel};
use super::validate;
use crate::access::StaffAdmin;
use crate::audit::ssr::{self as audit, Action};
use crate::entities::{service, service_form};
use crate::error::{AppError, FieldErrors};
use crate::kernel::slug::Slug;
use crate::state::AppState;

/// A service of this authority by its slug, or `NotFound` (another authority's too).
pub async fn find_own(
    db: &impl ConnectionTrait,
    authority_id: i64,
    slug: &str,
) -> Result<service::Model, AppError> {
    service::Entity::find()
        .filter(service::Column::Slug.eq(slug))
        .filter(service::Column::AuthorityId.eq(authority_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The authority's services, by name.
pub async fn own(
    db: &impl ConnectionTrait,
    authority_id: i64,
) -> Result<Vec<service::Model>, AppError> {
    Ok(service::Entity::find()
        .filter(service::Column::AuthorityId.eq(authority_id))
        .order_by_asc(service::Column::Name)
        .all(db)
        .await?)
}

/// The authority's services with their published forms (one query for all forms).
pub async fn list(
    db: &impl ConnectionTrait,
    authority_id: i64,
) -> Result<Vec<ServiceAdmin>, AppError> {
    let services = own(db, authority_id).await?;
    let forms = service_form::Entity::find()
        .filter(
            service_form::Column::ServiceId
                .is_in(services.iter().map(|s| s.id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(services.len());
    for s in services {
        let schema_json = forms
            .iter()
            .find(|f| f.service_id == s.id && f.version == s.form_version)
            .and_then(|f| serde_json::from_str::<serde_json::Value>(&f.schema).ok())
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_default();
        // As typed in the form: the amount without the currency sign.
        let fee = match s.fee()? {
            Fee::Fixed(amount) => amount.to_input(),
            Fee::None | Fee::SetByCaseworker => String::new(),
        };
        out.push(ServiceAdmin {
            slug: s.slug,
            name: s.name,
            summary: s.summary,
            description: s.description,
            category: s.category,
            keywords: s.keywords,
            min_trust: s.min_trust,
            fee_kind: s.fee_kind,
            fee,
            fee_due: s.fee_due,
            processing_days: s.processing_days,
            form_version: s.form_version,
            schema_json,
        });
    }
    Ok(out)
}

/// What the service form sends.
pub struct ServiceInput {
    /// The slug of the service to change; `None` creates one.
    pub existing: Option<String>,
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub description: String,
    pub category: String,
    pub keywords: String,
    pub min_trust: String,
    pub fee_kind: String,
    pub fee: String,
    pub fee_due: String,
    pub processing_days: String,
}

/// Creates or changes a service of the admin's authority; returns its slug.
pub async fn save(
    state: &AppState,
    admin: &StaffAdmin,
    input: ServiceInput,
) -> Result<String, AppError> {
    let mut errors = FieldErrors::default();
    let name: Option<validate::Name> =
        checked(&mut errors, "name", validate::required(&input.name));
    let summary: Option<validate::Summary> =
        checked(&mut errors, "summary", validate::required(&input.summary));
    let category: Option<validate::Category> =
        checked(&mut errors, "category", validate::required(&input.category));
    let description: Option<validate::Description> = checked(
        &mut errors,
        "description",
        validate::optional(&input.description),
    );
    let keywords: Option<validate::Keywords> =
        checked(&mut errors, "keywords", validate::optional(&input.keywords));
    let days = checked(
        &mut errors,
        "processing_days",
        validate::processing_days(&input.processing_days),
    );
    let min_trust = TrustLevel::parse(&input.min_trust);
    let fee_kind = FeeKind::parse(&input.fee_kind);
    let fee_due = FeeDue::parse(&input.fee_due);
    let fee = match fee_kind {
        Some(FeeKind::Fixed) => {
            checked(&mut errors, "fee", validate::fee(&input.fee)).map(Fee::Fixed)
        }
        Some(FeeKind::SetByCaseworker) => Some(Fee::SetByCaseworker),
        Some(FeeKind::None) => Some(Fee::None),
        None => None,
    };
    for (field, chosen) in [
        ("min_trust", min_trust.is_some()),
        ("fee_kind", fee_kind.is_some()),
        ("fee_due", fee_due.is_some()),
    ] {
        if !chosen {
            errors.add(field, tr!("admin.service.choose"));
        }
    }
    let slug = match &input.existing {
        Some(_) => None,
        None => match validate::slug(&input.slug) {
            Err(m) => {
                errors.add("slug", m);
                None
            }
            Ok(slug) => {
                let taken = service::Entity::find()
                    .filter(service::Column::Slug.eq(slug.as_str()))
                    .one(&state.db)
                    .await?
                    .is_some();
                if taken {
                    errors.add("slug", tr!("admin.service.slug_taken"));
                }
                Some(slug)
            }
        },
    };
    let texts = (name, summary, category, description, keywords);
    let ((Some(name), Some(summary), Some(category), Some(description), Some(keywords)), true) =
        (texts, errors.is_empty())
    else {
        return Err(keep_input(errors, &input));
    };
    let (Some(min_trust), Some(fee), Some(fee_due), Some(days)) = (min_trust, fee, fee_due, days)
    else {
        return Err(keep_input(errors, &input));
    };
    let existing = match &input.existing {
        Some(slug) => Some(find_own(&state.db, admin.authority_id(), slug).await?),
        None => None,
    };
    crate::db::write_txn(state, async |txn| {
        let (mut m, action) = match existing {
            Some(s) => (s.into_active_model(), Action::ServiceChanged),
            None => (
                service::ActiveModel {
                    authority_id: Set(admin.authority_id()),
                    slug: Set(slug.map(Slug::into_string).unwrap_or_default()),
                    audience: Set(Audience::Citizens),
                    form_version: Set(0),
                    ..Default::default()
                },
                Action::ServiceCreated,
            ),
        };
        let name = name.into_string();
        m.name = Set(name.clone());
        m.summary = Set(summary.into_string());
        m.description = Set(description.into_string());
        m.category = Set(category.into_string());
        m.keywords = Set(keywords.into_string());
        m.min_trust = Set(min_trust);
        m.fee_kind = Set(fee.kind());
        m.fee_cents = Set(fee.cents());
        m.fee_due = Set(fee_due);
        m.processing_days = Set(days);
        let s = m.save(txn).await?;
        let slug = s
            .slug
            .clone()
            .take()
            .ok_or_else(|| AppError::internal("saved service without slug"))?;
        audit::record(txn, admin.authority_id(), Some(admin), action, None, &name).await?;
        Ok(slug)
    })
    .await
}

/// The value, or `None` with its message added to `errors`.
fn checked<T>(errors: &mut FieldErrors, field: &str, result: Result<T, String>) -> Option<T> {
    result.map_err(|m| errors.add(field, m)).ok()
}

/// The refused form with what the admin typed, so that nothing is lost.
fn keep_input(mut errors: FieldErrors, input: &ServiceInput) -> AppError {
    for (k, v) in [
        ("slug", &input.slug),
        ("name", &input.name),
        ("summary", &input.summary),
        ("description", &input.description),
        ("category", &input.category),
        ("keywords", &input.keywords),
        ("min_trust", &input.min_trust),
        ("fee_kind", &input.fee_kind),
        ("fee", &input.fee),
        ("fee_due", &input.fee_due),
        ("processing_days", &input.processing_days),
    ] {
        errors.keep(k, v);
    }
    AppError::Validation(errors)
}

/// Checks a form schema (JSON) as the editor's preview and the publishing do.
pub fn check_schema(json: &str) -> Result<FormSchema, FieldErrors> {
    FormSchema::parse_json(json).map_err(|e| {
        let mut errors = FieldErrors::default();
        errors.add("schema", tr!("admin.service.schema_invalid", reason = e));
        errors.keep("schema", json);
        errors
    })
}

/// Publishes a new form version; drafts and cases keep the version they started with.
pub async fn publish(
    state: &AppState,
    admin: &StaffAdmin,
    slug: &str,
    json: &str,
) -> Result<i32, AppError> {
    let s = find_own(&state.db, admin.authority_id(), slug).await?;
    let schema = check_schema(json).map_err(AppError::Validation)?;
    crate::db::write_txn(state, async |txn| {
        let version = super::ssr::publish_form(txn, s.id, &schema).await?;
        audit::record(
            txn,
            admin.authority_id(),
            Some(admin),
            Action::FormPublished,
            None,
            &format!(
                "{} – {}",
                s.name,
                tr!("admin.service.version", version = version)
            ),
        )
        .await?;
        Ok(version)
    })
    .await
}
