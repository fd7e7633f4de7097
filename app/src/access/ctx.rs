//! The per-request context: who is asking (the [`Actor`]), from where, with which browser.
//! The session middleware fills it in once per request; server functions read it from there.

use std::net::IpAddr;

use super::actor::{Actor, SessionInfo};
use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct RequestCtx {
    pub actor: Actor,
    pub client_ip: IpAddr,
    pub user_agent: String,
    /// Hash of the browser's device cookie (`accounts::known_device`), if it sent one.
    pub device: Option<String>,
    /// A session cookie came in but its session had ended (timeout, absolute lifetime, logout).
    pub session_expired: bool,
}

impl RequestCtx {
    /// The context of the request being handled (inside a server function or SSR render).
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<RequestCtx>().cloned())
            .ok_or_else(|| {
                AppError::internal("RequestCtx missing: session middleware not installed")
            })
    }

    /// The session the request came with, if any (also one that must set up its second factor).
    pub fn session(&self) -> Option<&SessionInfo> {
        self.actor.session()
    }

    /// The logged-in session, or `Unauthenticated` — and `SecondFactorRequired` while the
    /// session may do nothing but set up the second factor the portal requires.
    pub fn require_session(&self) -> Result<&SessionInfo, AppError> {
        let s = self.require_session_for_setup()?;
        if s.second_factor_setup_required {
            Err(AppError::SecondFactorRequired)
        } else {
            Ok(s)
        }
    }

    /// A logged-in session, also one that must set up its second factor first (for the setup
    /// itself, the session clock and logout).
    pub fn require_session_for_setup(&self) -> Result<&SessionInfo, AppError> {
        self.session().ok_or(AppError::Unauthenticated)
    }
}
