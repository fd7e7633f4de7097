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
    /// The portal requires a second factor and this account has none yet.
    pub second_factor_setup_required: bool,
}

impl RequestCtx {
    /// The context of the request being handled (inside a server function or SSR render).
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<RequestCtx>().cloned())
            .ok_or_else(|| AppError::internal("RequestCtx missing: session middleware not installed"))
    }

    /// The logged-in session, or `Unauthenticated` — and `SecondFactorRequired` while the
    /// session may do nothing but set up the second factor the portal requires.
    pub fn require_session(&self) -> Result<&SessionInfo, AppError> {
        let s = self.require_session_for_setup()?;
        if s.second_factor_setup_required { Err(AppError::SecondFactorRequired) } else { Ok(s) }
    }

    /// A logged-in session, also one that must set up its second factor first (for the setup
    /// itself, the session clock and logout).
    pub fn require_session_for_setup(&self) -> Result<&SessionInfo, AppError> {
        self.session.as_ref().ok_or(AppError::Unauthenticated)
    }
}

/// The state and the session's account id for a server function that acts on the caller's
/// own data: `Unauthenticated` (or `SecondFactorRequired`) otherwise.
pub fn session_account() -> Result<(crate::state::AppState, i64), AppError> {
    let ctx = RequestCtx::current()?;
    let s = ctx.require_session()?;
    Ok((crate::state::AppState::current()?, s.account_id))
}
