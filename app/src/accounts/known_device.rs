//! Known devices (SPEC §2.3): a browser that completed a login for an account gets a
//! long-lived random cookie. Failed guesses from other clients then cannot lock the owner
//! out: attempts from a known device count on their own throttle key
//! (see [`super::throttle::login_keys`]).

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::access::AccountId;
use crate::access::session::{self, DEVICE_COOKIE};
use crate::clock::now;
use crate::entities::known_device;
use crate::error::AppError;
use crate::secret::Secret;
use crate::token::{new_token, token_hash};

/// A device unused for this long is forgotten; each login renews the cookie for as long.
pub const LIFETIME_SECS: i64 = 365 * 24 * 60 * 60;

/// True when the browser's device cookie (its hash, `RequestCtx::device`) is known to the
/// account.
pub async fn is_known(
    db: &impl ConnectionTrait,
    device: Option<&str>,
    account: AccountId,
) -> Result<bool, AppError> {
    let Some(hash) = device else {
        return Ok(false);
    };
    Ok(known_device::Entity::find()
        .filter(known_device::Column::TokenHash.eq(hash))
        .filter(known_device::Column::AccountId.eq(account))
        .one(db)
        .await?
        .is_some())
}

/// Records a completed login from this browser. A browser that already has a device cookie
/// keeps it (and becomes known to this account too); another gets a new one, returned for
/// the response's cookie.
pub async fn remember(
    db: &impl ConnectionTrait,
    device: Option<&str>,
    account: AccountId,
) -> Result<Option<Secret>, AppError> {
    let t = now();
    let (hash, token) = match device {
        Some(hash) => (hash.to_owned(), None),
        None => {
            let token = new_token();
            (token_hash(token.expose()), Some(token))
        }
    };
    let touched = known_device::Entity::update_many()
        .col_expr(known_device::Column::LastUsedAt, Expr::value(t))
        .filter(known_device::Column::TokenHash.eq(&hash))
        .filter(known_device::Column::AccountId.eq(account))
        .exec(db)
        .await?;
    if touched.rows_affected == 0 {
        known_device::Entity::insert(known_device::ActiveModel {
            token_hash: Set(hash),
            account_id: Set(account.get()),
            created_at: Set(t),
            last_used_at: Set(t),
            ..Default::default()
        })
        .on_conflict_do_nothing()
        .exec_without_returning(db)
        .await?;
    }
    Ok(token)
}

/// The `Set-Cookie` header for a new device token.
pub fn cookie(config: &crate::config::Config, token: &Secret) -> http::HeaderValue {
    session::cookie(config, DEVICE_COOKIE, token.expose(), Some(LIFETIME_SECS))
}

/// Forgets devices unused for a year (background job).
pub async fn purge_unused(db: &impl ConnectionTrait) -> Result<(), AppError> {
    known_device::Entity::delete_many()
        .filter(known_device::Column::LastUsedAt.lt(now() - LIFETIME_SECS))
        .exec(db)
        .await?;
    Ok(())
}
