use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
pub use crate::services::types::ServiceSummary;

/// Anyone: published services, optionally filtered by a search text, sorted by category.
#[server(endpoint = "list_services")]
pub async fn list_services(query: Option<String>) -> Result<Vec<ServiceSummary>, AppError> {
    let state = crate::state::AppState::current()?;
    let query = crate::kernel::search::capped(query.as_deref().unwrap_or_default());
    crate::services::catalogue::published(&state.db, &query).await
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
    let query = crate::kernel::search::capped(&query);
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
