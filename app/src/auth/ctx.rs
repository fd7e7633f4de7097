//! The per-request context: who is asking (session), from where, with which browser. The
//! session middleware fills it in once per request; server functions read it from there.

use std::net::IpAddr;

use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct RequestCtx {
    pub session: Option<SessionInfo>,
    pub client_ip: IpAddr,
    pub user_agent: String,
    /// A session cookie came in but its session had ended (timeout, absolute lifetime, logout).
    pub session_expired: bool,
}

#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub session_id: i64,
    pub account_id: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
}

impl RequestCtx {
    /// The context of the request being handled (inside a server function or SSR render).
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<RequestCtx>().cloned())
            .ok_or_else(|| AppError::internal("RequestCtx missing: session middleware not installed"))
    }

    /// The logged-in session, or `Unauthenticated`.
    pub fn require_session(&self) -> Result<&SessionInfo, AppError> {
        self.session.as_ref().ok_or(AppError::Unauthenticated)
    }
}
