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

/// A browser's device cookie: which accounts it completed a login for is
/// `accounts::known_device`'s business; the session layer only reads it into the context.
pub const DEVICE_COOKIE: &str = "portal_device";

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

fn client_ip(req: &Request, trusted_proxies: u8) -> IpAddr {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    client_from(&forwarded, trusted_proxies)
        .or(peer)
        .unwrap_or(IpAddr::from([0, 0, 0, 0]))
}

/// The client's address in `X-Forwarded-For` behind `trusted_proxies` proxies of our own.
/// Each proxy appends the address it was connected from, so the entries left of those are
/// whatever the client sent: the client is the `trusted_proxies`-th entry from the right.
fn client_from(forwarded: &str, trusted_proxies: u8) -> Option<IpAddr> {
    if trusted_proxies == 0 {
        return None;
    }
    let hops: Vec<&str> = forwarded
        .split(',')
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .collect();
    let i = hops.len().checked_sub(usize::from(trusted_proxies))?;
    hops[i].parse().ok()
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

/// A second factor is set up in this session: if it was limited to the setup, it is freed
/// under a new token (returned, for the cookie), and every other session of the account
/// still limited to the setup ends — it did not prove the new factor.
pub async fn complete_setup(
    db: &impl ConnectionTrait,
    current: &SessionInfo,
) -> Result<Option<Secret>, AppError> {
    session::Entity::delete_many()
        .filter(session::Column::AccountId.eq(current.account_id))
        .filter(session::Column::Id.ne(current.session_id))
        .filter(session::Column::SecondFactorSetupRequired.eq(true))
        .exec(db)
        .await?;
    if !current.second_factor_setup_required {
        return Ok(None);
    }
    let token = new_token();
    session::Entity::update_many()
        .col_expr(
            session::Column::TokenHash,
            sea_orm::sea_query::Expr::value(token_hash(token.expose())),
        )
        .col_expr(
            session::Column::SecondFactorSetupRequired,
            sea_orm::sea_query::Expr::value(false),
        )
        .filter(session::Column::Id.eq(current.session_id))
        .exec(db)
        .await?;
    Ok(Some(token))
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
        client_ip: client_ip(&req, config.trusted_proxies),
        user_agent: req
            .headers()
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned(),
        device: read_cookie(config, req.headers(), DEVICE_COOKIE).map(|t| token_hash(&t)),
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
    Ok(Some(
        Actor::of_session(&state.db, session, state.config.email_factor_allowed).await?,
    ))
}

#[cfg(test)]
mod tests {
    use super::client_from;

    #[test]
    fn the_client_is_the_entry_our_own_proxies_appended() {
        let ip = |s: &str| Some(s.parse().unwrap());
        // The client sent "6.6.6.6" itself; our proxy appended the address it saw.
        assert_eq!(client_from("6.6.6.6, 203.0.113.7", 1), ip("203.0.113.7"));
        assert_eq!(
            client_from("6.6.6.6, 203.0.113.7, 10.0.0.2", 2),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_from("203.0.113.7", 2),
            None,
            "fewer hops than proxies"
        );
        assert_eq!(client_from("6.6.6.6, 203.0.113.7", 0), None);
        assert_eq!(client_from("", 1), None);
    }
}
