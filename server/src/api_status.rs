//! Server functions answer with the HTTP status their error means: 401 not logged in, 403
//! forbidden, 404 not found, 409 conflict, 413 too large, 422 invalid input, 429 throttled,
//! and 500 only for a fault of ours. leptos answers every error with 500; the error body is
//! our `AppError`, so this middleware sets its status, in one place for all server functions.
//! A plain form post (no JavaScript) is redirected back by leptos and stays a redirect.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{self, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::error::AppError;

/// The largest request body a server function accepts (arguments, not uploads: those go to
/// the document upload route with its own limits).
pub const MAX_BODY_BYTES: u64 = 2 * 1024 * 1024;
/// An error body is a few hundred bytes; anything larger is not ours to read.
const MAX_ERROR_BYTES: usize = 256 * 1024;

/// Where the server functions are mounted.
const PREFIX: &str = "/api/";

/// Gives a server function's error answer the status it means.
pub async fn set_status(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with(PREFIX) {
        return next.run(req).await;
    }
    if declared_length(&req).is_some_and(|n| n > MAX_BODY_BYTES) {
        return error_response(&AppError::TooLarge);
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BYTES).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = status_of(&error);
        if let AppError::TooManyRequests { retry_after_secs } = error {
            parts
                .headers
                .insert(http::header::RETRY_AFTER, retry_after_secs.into());
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn declared_length(req: &Request) -> Option<u64> {
    req.headers()
        .get(http::header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

fn status_of(error: &AppError) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

fn error_response(error: &AppError) -> Response {
    let body = serde_json::to_string(error).unwrap_or_default();
    (
        status_of(error),
        [(http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}
