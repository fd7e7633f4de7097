use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub category: String,
    pub authority: String,
}

/// Anyone: published services, optionally filtered by a search text, sorted by category.
#[server(endpoint = "list_services")]
pub async fn list_services(query: Option<String>) -> Result<Vec<ServiceSummary>, AppError> {
    use crate::entities::{authority, service};
    use sea_orm::{EntityTrait, QueryOrder};
    let state = crate::state::AppState::current()?;
    let authorities: std::collections::HashMap<i64, String> = authority::Entity::find()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let services = service::Entity::find()
        .order_by_asc(service::Column::Category)
        .order_by_asc(service::Column::Name)
        .all(&state.db)
        .await?;
    let q = query.unwrap_or_default();
    Ok(services
        .into_iter()
        .filter(|s| crate::kernel::search::matches(&q, &[&s.name, &s.summary, &s.keywords]))
        .map(|s| ServiceSummary {
            authority: authorities
                .get(&s.authority_id)
                .cloned()
                .unwrap_or_default(),
            slug: s.slug,
            name: s.name,
            summary: s.summary,
            category: s.category,
        })
        .collect())
}

/// A suggestion under the search field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub slug: String,
    pub name: String,
}

/// Anyone: up to eight services matching what has been typed so far, names first.
#[server(endpoint = "suggest_services")]
pub async fn suggest_services(query: String) -> Result<Vec<Suggestion>, AppError> {
    if query.trim().chars().count() < 2 {
        return Ok(Vec::new());
    }
    let mut all = list_services(Some(query.clone())).await?;
    // Matches in the name before matches only in keywords or the description.
    all.sort_by_key(|s| !crate::kernel::search::matches(&query, &[&s.name]));
    Ok(all
        .into_iter()
        .take(8)
        .map(|s| Suggestion {
            slug: s.slug,
            name: s.name,
        })
        .collect())
}
