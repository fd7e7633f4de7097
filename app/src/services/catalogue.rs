//! Published services as citizens find them (server only): the catalogue and the public facts
//! of one service. A service is published once it has a published form; before that only its
//! authority's admin sees it.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::schema::FieldKind;
use super::types::{Fee, FeeDue, ServiceFacts, ServiceSummary, TrustLevel};
use crate::entities::{authority, service};
use crate::error::AppError;
use crate::kernel::search;

/// Published services matching `query` (all for an empty one), by category and name.
pub async fn published(
    db: &impl ConnectionTrait,
    query: &str,
) -> Result<Vec<ServiceSummary>, AppError> {
    let authorities: HashMap<i64, String> = authority::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let services = service::Entity::find()
        .filter(service::Column::FormVersion.gt(0))
        .order_by_asc(service::Column::Category)
        .order_by_asc(service::Column::Name)
        .all(db)
        .await?;
    services
        .into_iter()
        .filter(|s| search::matches(query, &[&s.name, &s.summary, &s.keywords]))
        .map(|s| {
            let authority = authorities
                .get(&s.authority_id)
                .cloned()
                .ok_or_else(|| AppError::internal(format!("service {}: no authority", s.slug)))?;
            Ok(ServiceSummary {
                authority,
                slug: s.slug,
                name: s.name,
                summary: s.summary,
                category: s.category,
            })
        })
        .collect()
}

/// A published service by its slug; an unknown or unpublished one is `NotFound`.
pub async fn published_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<service::Model, AppError> {
    service::Entity::find()
        .filter(service::Column::Slug.eq(slug))
        .filter(service::Column::FormVersion.gt(0))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// What the service page says about a published service.
pub async fn facts(
    db: &impl ConnectionTrait,
    s: &service::Model,
) -> Result<ServiceFacts, AppError> {
    let authority = super::ssr::authority_name(db, s.authority_id).await?;
    let schema = super::ssr::form(db, s.id, s.form_version).await?;
    let required_documents = schema
        .fields()
        .filter(|f| f.kind == FieldKind::File)
        .map(|f| f.label.clone())
        .collect();
    let fee = s.fee()?;
    Ok(ServiceFacts {
        fee: match fee {
            Fee::Fixed(amount) => amount.to_string(),
            Fee::SetByCaseworker => tr!("service.fee_set_later"),
            Fee::None => tr!("service.fee_none"),
        },
        fee_due: match (fee, s.fee_due) {
            (Fee::None, _) => String::new(),
            (_, FeeDue::AfterReview) => tr!("service.fee_due_review"),
            (_, FeeDue::AtSubmission) => tr!("service.fee_due_submission"),
        },
        trust_needed: match s.min_trust {
            TrustLevel::Low => tr!("service.trust_basic"),
            TrustLevel::Substantial => tr!("service.trust_plus"),
            TrustLevel::High => tr!("service.trust_high"),
        },
        slug: s.slug.clone(),
        name: s.name.clone(),
        summary: s.summary.clone(),
        description: s.description.clone(),
        category: s.category.clone(),
        authority,
        required_documents,
    })
}
