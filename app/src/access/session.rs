//! Server-side sessions in the database, so that several instances share them. The cookie
//! holds a random token; the table holds its hash, the last activity and the absolute end.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderValue;
use http::header::{COOKIE, SET_COOKIE, USER_AGENT};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::AccountId;
use super::actor::{Actor, SessionInfo};
use super::ctx::RequestCtx;
use super::types::PASSIVE_PATHS;
use crate::clock::now;
use crate::config::Config;
use crate::entities::session;
use crate::error::AppError;
use crate::secret::Secret;
use crate::state::AppState;
use crate::token::{new_token, token_hash};

/// ... and after 12 hours in any case.
pub const ABSOLUTE_LIFETIME_SECS: i64 = 12 * 60 * 60;
/// Activity is written at most this often, to spare the database a write per request.
const TOUCH_GRANULARITY_SECS: i64 = 15;

pub fn cookie_name(config: &Config) -> &'static str {
    if config.is_https() {
        "__Host-portal_session"
    } else {
        "portal_session"
    }
}

/// A host-only, script-invisible cookie (`__Host-` and `Secure` on https).
pub fn cookie(config: &Config, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let (prefix, secure) = if config.is_https() {
        ("__Host-", "; Secure")
    } else {
        ("", "")
    };
    let age = max_age
        .map(|a| format!("; Max-Age={a}"))
        .unwrap_or_default();
    let c = format!("{prefix}{name}={value}; Path=/; HttpOnly; SameSite=Lax{secure}{age}");
    HeaderValue::from_str(&c).expect("cookie is ASCII")
}

pub fn set_cookie(config: &Config, token: &Secret) -> HeaderValue {
    cookie(config, "portal_session", token.expose(), None)
}

pub fn clear_cookie(config: &Config) -> HeaderValue {
    cookie(config, "portal_session", "", Some(0))
}

/// The value of the cookie `name` (with its `__Host-` prefix on https) in these headers.
pub fn read_cookie(config: &Config, headers: &http::HeaderMap, name: &str) -> Option<String> {
    let full = if config.is_https() {
        format!("__Host-{name}")
    } else {
        name.to_owned()
    };
    token_from_cookies(headers, &full)
}

fn token_from_cookies(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name && !v.is_empty()).then(|| v.to_owned())
        })
}

fn client_ip(req: &Request, trust_proxy: bool) -> IpAddr {
    let forwarded = trust_proxy
        .then(|| {
            req.headers()
                .get("x-forwarded-for")?
                .to_str()
                .ok()?
                .split(',')
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .flatten();
    forwarded
        .or_else(|| {
            req.extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip())
        })
        .unwrap_or(IpAddr::from([0, 0, 0, 0]))
}

/// Creates a session for `account_id` and returns the cookie token.
pub async fn create(
    db: &impl ConnectionTrait,
    account_id: AccountId,
    user_agent: &str,
    setup_required: bool,
) -> Result<Secret, AppError> {
    let token = new_token();
    let t = now();
    session::ActiveModel {
        token_hash: Set(token_hash(token.expose())),
        account_id: Set(account_id.get()),
        created_at: Set(t),
        last_seen_at: Set(t),
        expires_at: Set(t + ABSOLUTE_LIFETIME_SECS),
        user_agent: Set(user_agent.chars().take(255).collect()),
        second_factor_setup_required: Set(setup_required),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

pub async fn delete(db: &impl ConnectionTrait, session_id: i64) -> Result<(), AppError> {
    session::Entity::delete_by_id(session_id).exec(db).await?;
    Ok(())
}

/// Ends every session of the account, except `keep` (the one making the change).
pub async fn delete_all_of(
    db: &impl ConnectionTrait,
    account_id: AccountId,
    keep: Option<i64>,
) -> Result<(), AppError> {
    let mut q = session::Entity::delete_many().filter(session::Column::AccountId.eq(account_id));
    if let Some(id) = keep {
        q = q.filter(session::Column::Id.ne(id));
    }
    q.exec(db).await?;
    Ok(())
}

/// Marks activity now: the idle timeout starts again.
pub async fn touch(db: &impl ConnectionTrait, session_id: i64) -> Result<(), AppError> {
    session::Entity::update_many()
        .col_expr(
            session::Column::LastSeenAt,
            sea_orm::sea_query::Expr::value(now()),
        )
        .filter(session::Column::Id.eq(session_id))
        .exec(db)
        .await?;
    Ok(())
}

fn is_static_asset(path: &str) -> bool {
    ["/pkg/", "/kern/", "/style/", "/favicon"]
        .iter()
        .any(|p| path.starts_with(p))
}

/// Never fails: resolves the cookie into a `RequestCtx` with its [`Actor`], ends timed-out sessions and clears
/// their cookie, and records activity.
pub async fn resolve_session(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    if is_static_asset(&path) {
        return next.run(req).await;
    }
    let config = &state.config;
    let mut ctx = RequestCtx {
        actor: Actor::anonymous(),
        client_ip: client_ip(&req, config.trust_proxy),
        user_agent: req
            .headers()
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned(),
        session_expired: false,
    };
    if let Some(token) = token_from_cookies(req.headers(), cookie_name(config)) {
        // Neither the session clock nor the live mailbox counts as the user being active.
        match lookup(&state, &token, !PASSIVE_PATHS.contains(&path.as_str())).await {
            Ok(Some(actor)) => ctx.actor = actor,
            Ok(None) => ctx.session_expired = true,
            Err(e) => tracing::error!(error = ?e, "session lookup failed"),
        }
    }
    let expired = ctx.session_expired;
    req.extensions_mut().insert(ctx);
    let mut res = next.run(req).await;
    if expired && !res.headers().contains_key(SET_COOKIE) {
        res.headers_mut().append(SET_COOKIE, clear_cookie(config));
    }
    res
}

async fn lookup(
    state: &AppState,
    token: &str,
    is_activity: bool,
) -> Result<Option<Actor>, AppError> {
    let Some(s) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let t = now();
    if t >= s.expires_at || t >= s.last_seen_at + state.config.session_idle_secs {
        delete(&state.db, s.id).await?;
        return Ok(None);
    }
    let mut last_seen_at = s.last_seen_at;
    if is_activity && t - s.last_seen_at >= TOUCH_GRANULARITY_SECS {
        touch(&state.db, s.id).await?;
        last_seen_at = t;
    }
    let session = SessionInfo {
        session_id: s.id,
        account_id: AccountId::from_row(s.account_id),
        last_seen_at,
        expires_at: s.expires_at,
        second_factor_setup_required: s.second_factor_setup_required,
    };
    Ok(Some(Actor::of_session(&state.db, session).await?))
}
