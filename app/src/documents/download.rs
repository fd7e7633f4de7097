//! `GET /dokumente/{id}`: a document for those who may see it (`ssr::find_readable`): its
//! owner, the applicant of a case it is attached to, and the staff who may see that case.

use axum::extract::{Extension, Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::access::ctx::RequestCtx;
use crate::error::AppError;
use crate::state::AppState;

pub async fn handle(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
    Path(id): Path<String>,
) -> Response {
    if ctx.require_session().is_err() {
        return Redirect::to("/anmelden").into_response();
    }
    let result = async {
        let doc = super::ssr::find_readable(&state.db, &ctx.actor, &id).await?;
        let bytes = super::ssr::read_plain(&state.documents, &doc).await?;
        Ok::<_, AppError>((doc, bytes))
    }
    .await;
    match result {
        Ok((doc, bytes)) => (
            [
                (http::header::CONTENT_TYPE, doc.content_type.clone()),
                (
                    http::header::CONTENT_DISPOSITION,
                    content_disposition(&doc.file_name),
                ),
                (http::header::CACHE_CONTROL, "private, no-store".to_owned()),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

/// `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266/5987), so umlauts survive.
pub fn content_disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}
