//! Server functions of the document safe.

use leptos::prelude::*;

use super::types::{DocumentView, UploadLimits};
use crate::error::AppError;

/// Logged in: the account's own documents, newest first.
#[server(endpoint = "my_documents")]
pub async fn my_documents() -> Result<Vec<DocumentView>, AppError> {
    let (state, me) = crate::access::citizen()?;
    Ok(super::ssr::list_own(&state.db, &me)
        .await?
        .iter()
        .map(super::ssr::view)
        .collect())
}

/// Anyone: the upload limits, for the hints next to file fields.
#[server(endpoint = "upload_limits")]
pub async fn get_upload_limits() -> Result<UploadLimits, AppError> {
    let state = crate::state::AppState::current()?;
    Ok(super::ssr::limits(&state.documents))
}
