//! Server functions for logging in and out, the session clock and password reset. Each one
//! states its access rule first; the rules hold on the server whatever the page shows.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The logged-in person as the header and the profile show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// The portal requires a second factor and the account has none: every page leads to
    /// its setup (the server refuses everything else anyway).
    pub must_set_up_second_factor: bool,
    /// Unread messages in the mailbox, for the envelope in the header.
    pub unread: u64,
    /// The role of an active staff member: the header links the back office.
    pub staff: Option<crate::access::types::StaffRole>,
}

/// Where a session goes that must set up the portal's mandatory second factor.
pub const SETUP_PATH: &str = crate::components::url::SECOND_FACTOR_SETUP;

pub use crate::kernel::session::IDLE_TIMEOUT_SECS;

/// How long the session has left; the page warns before it ends (WCAG 2.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionTime {
    pub remaining_secs: i64,
}

#[cfg(feature = "ssr")]
pub(crate) fn response_options() -> leptos_axum::ResponseOptions {
    expect_context::<leptos_axum::ResponseOptions>()
}

/// The session cookie under the session's new token, where one was issued (a session freed
/// from the second-factor setup).
#[cfg(feature = "ssr")]
pub(crate) fn renew_session_cookie(
    state: &crate::state::AppState,
    token: Option<crate::secret::Secret>,
) {
    if let Some(token) = token {
        response_options().append_header(
            http::header::SET_COOKIE,
            crate::access::session::set_cookie(&state.config, &token),
        );
    }
}

/// Anyone: the account of the current session, if any.
#[server(endpoint = "current_account")]
pub async fn current_account() -> Result<Option<AccountSummary>, AppError> {
    use crate::{access::ctx::RequestCtx, entities::account, state::AppState};
    use sea_orm::EntityTrait;
    let ctx = RequestCtx::current()?;
    let Some(s) = ctx.session() else {
        return Ok(None);
    };
    let state = AppState::current()?;
    let a = account::Entity::find_by_id(s.account_id.get())
        .one(&state.db)
        .await?;
    // A session that must first set up its second factor sees no mailbox yet.
    let unread = match ctx.actor.citizen() {
        Ok(me) => crate::cases::ssr::unread_total(&state.db, &me).await?,
        Err(_) => 0,
    };
    let staff = ctx.actor.staff_role();
    Ok(a.map(|a| AccountSummary {
        first_name: a.first_name,
        last_name: a.last_name,
        email: a.email,
        must_set_up_second_factor: s.second_factor_setup_required,
        unread,
        staff,
    }))
}

/// Anyone. On success the session cookie is set and the browser goes to `return_to`.
#[server(endpoint = "login")]
pub async fn login(
    email: String,
    password: String,
    return_to: Option<String>,
) -> Result<(), AppError> {
    use crate::auth::second_factor::challenge;
    use crate::state::AppState;
    use crate::{
        access::{ctx::RequestCtx, session},
        auth::{return_to::safe_return_path, ssr},
        secret::Secret,
    };
    let (state, ctx) = (AppState::current()?, RequestCtx::current()?);
    let return_to = safe_return_path(return_to.as_deref());
    match ssr::login(&state, &ctx, &email, Secret::new(password), &return_to).await? {
        ssr::LoginOutcome::LoggedIn {
            token,
            setup_required,
        } => {
            response_options().append_header(
                http::header::SET_COOKIE,
                session::set_cookie(&state.config, &token),
            );
            // Logged in without a second factor where one is required: set it up first.
            let next = if setup_required {
                SETUP_PATH
            } else {
                &return_to
            };
            crate::components::url::redirect(next);
        }
        ssr::LoginOutcome::SecondFactor(token) => {
            let cookie = session::cookie(
                &state.config,
                challenge::COOKIE,
                token.expose(),
                Some(challenge::VALID_SECS),
            );
            response_options().append_header(http::header::SET_COOKIE, cookie);
            crate::components::url::redirect("/anmelden/bestaetigen");
        }
    }
    Ok(())
}

/// Anyone; ends the current session on the server.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::state::AppState;
    use crate::{
        access::{ctx::RequestCtx, session},
        auth::ssr,
    };
    let (state, ctx) = (AppState::current()?, RequestCtx::current()?);
    ssr::logout(&state, &ctx).await?;
    response_options().append_header(
        http::header::SET_COOKIE,
        session::clear_cookie(&state.config),
    );
    crate::components::url::redirect("/anmelden?abgemeldet=1");
    Ok(())
}

/// Logged in. Does not count as activity (the middleware skips its path).
#[server(endpoint = "session_status")]
pub async fn session_status() -> Result<SessionTime, AppError> {
    use crate::access::ctx::RequestCtx;
    let ctx = RequestCtx::current()?;
    let s = ctx.require_session_for_setup()?;
    let idle = crate::state::AppState::current()?.config.session_idle_secs;
    let t = crate::clock::now();
    let remaining = (s.last_seen_at + idle).min(s.expires_at) - t;
    Ok(SessionTime {
        remaining_secs: remaining.max(0),
    })
}

/// Logged in: "Angemeldet bleiben" restarts the inactivity clock.
#[server(endpoint = "extend_session")]
pub async fn extend_session() -> Result<SessionTime, AppError> {
    use crate::access::{ctx::RequestCtx, session};
    use crate::state::AppState;
    let (state, ctx) = (AppState::current()?, RequestCtx::current()?);
    let s = ctx.require_session_for_setup()?;
    session::touch(&state.db, s.session_id).await?;
    let t = crate::clock::now();
    Ok(SessionTime {
        remaining_secs: (t + state.config.session_idle_secs).min(s.expires_at) - t,
    })
}

/// Anyone: mails a reset link when an active account has this address; the same answer
/// otherwise.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::state::AppState;
    let state = AppState::current()?;
    crate::auth::ssr::request_reset(&state, &email).await?;
    crate::components::url::redirect("/passwort-vergessen/gesendet");
    Ok(())
}

/// Anyone holding a valid reset link.
#[server(endpoint = "reset_token_valid")]
pub async fn reset_token_valid(token: String) -> Result<bool, AppError> {
    use crate::state::AppState;
    crate::auth::ssr::reset_token_is_valid(&AppState::current()?, &token).await
}

/// Anyone holding a valid reset link: sets the new password and ends all sessions.
#[server(endpoint = "reset_password")]
pub async fn reset_password(
    token: String,
    password: String,
    password_repeat: String,
) -> Result<(), AppError> {
    use crate::{secret::Secret, state::AppState};
    let state = AppState::current()?;
    crate::auth::ssr::reset_password(&state, &token, Secret::new(password), &password_repeat)
        .await?;
    crate::components::url::redirect("/anmelden?passwort=neu");
    Ok(())
}
