//! Brute-force protection for logins (SPEC §2.3). Failures are counted per account and client
//! address, per account over all clients, and per client address. A few failures are free,
//! then each attempt must wait a growing delay; many failures from one client lock that client
//! out of that account for a while. Someone else's guessing never locks the owner out: the
//! count over all clients only slows down, and a browser that completed a login before (a
//! known device, [`super::known_device`]) counts on its own key alone.

use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set};

use crate::access::AccountId;
use crate::access::ctx::RequestCtx;
use crate::clock::now;
use crate::entities::login_throttle;
use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Failures before the delay starts.
    pub free: i32,
    /// Failures that lock the key.
    pub lock_at: i32,
    pub lock_secs: i64,
    pub max_delay_secs: i64,
}

/// One account from one client (or one known device).
pub const ACCOUNT: Limits = Limits {
    free: 3,
    lock_at: 10,
    lock_secs: 15 * 60,
    max_delay_secs: 60,
};
/// One account from all clients together: guessing from many addresses is slowed down to one
/// attempt a minute, but never locks, so it cannot shut the owner out.
pub const ACCOUNT_ANY_CLIENT: Limits = Limits {
    free: 50,
    lock_at: i32::MAX,
    lock_secs: 0,
    max_delay_secs: 60,
};
/// One client address over all accounts.
pub const CLIENT: Limits = Limits {
    free: 20,
    lock_at: 100,
    lock_secs: 15 * 60,
    max_delay_secs: 60,
};
/// Requests an anonymous caller makes the portal hash a password or send a mail for
/// (registration, password reset), from one client address — generous, as a town hall's or
/// a company's network is one address for many people.
pub const MAIL_CLIENT: Limits = Limits {
    free: 60,
    lock_at: 300,
    lock_secs: 60 * 60,
    max_delay_secs: 60,
};
/// ... and for one e-mail address: nobody can flood an inbox through the portal.
pub const MAIL_ADDRESS: Limits = Limits {
    free: 3,
    lock_at: 10,
    lock_secs: 60 * 60,
    max_delay_secs: 10 * 60,
};
/// Passkey logins started (each writes a ceremony row) from one client address.
pub const PASSKEY_CLIENT: Limits = Limits {
    free: 100,
    lock_at: 1000,
    lock_secs: 15 * 60,
    max_delay_secs: 10,
};
/// Failures older than this are forgotten.
const MEMORY_SECS: i64 = 60 * 60;

/// The key counting an address's failures over all clients.
pub fn account_key(email: &str) -> String {
    format!("account:{}", email.to_lowercase())
}

/// The key counting an address's failures from one client.
pub fn account_client_key(email: &str, ip: std::net::IpAddr) -> String {
    format!("{}|{}", account_key(email), client_key(ip))
}

fn device_key(account: AccountId, device_hash: &str) -> String {
    format!("device:{}:{device_hash}", account.get())
}

/// Counts a request that costs the portal a password hash or a mail on an anonymous caller's
/// word (`kind`: `register`, `reset`), per client and per address; `TooManyRequests` beyond the
/// limits. Nothing is given back: each request cost a hash or a mail, whatever its outcome.
pub async fn count_mail_request(
    db: &impl ConnectionTrait,
    kind: &str,
    email: &str,
    ip: std::net::IpAddr,
) -> Result<(), AppError> {
    let keys = [
        (format!("{kind}:{}", client_key(ip)), MAIL_CLIENT),
        (
            format!("{kind}:mail:{}", email.trim().to_lowercase()),
            MAIL_ADDRESS,
        ),
    ];
    attempt(db, &keys).await.map(|_| ())
}

/// Counts a passkey login started from this client (each writes a ceremony row).
pub async fn count_passkey_start(
    db: &impl ConnectionTrait,
    ip: std::net::IpAddr,
) -> Result<(), AppError> {
    let key = format!("passkey:{}", client_key(ip));
    attempt(db, &[(key, PASSKEY_CLIENT)]).await.map(|_| ())
}

/// The keys an attempt to prove this account's password or second factor counts on. The first
/// is the one whose lock the owner is told of; it is cleared when a login completes, the others
/// get the attempt back ([`give_back`]). A known device counts on its own key alone, so that
/// failures elsewhere neither lock nor slow down the owner there.
pub async fn login_keys(
    db: &impl ConnectionTrait,
    email: &str,
    account: Option<AccountId>,
    ctx: &RequestCtx,
) -> Result<Vec<(String, Limits)>, AppError> {
    if let (Some(id), Some(hash)) = (account, ctx.device.as_deref())
        && super::known_device::is_known(db, Some(hash), id).await?
    {
        return Ok(vec![(device_key(id, hash), ACCOUNT)]);
    }
    Ok(vec![
        (account_client_key(email, ctx.client_ip), ACCOUNT),
        (account_key(email), ACCOUNT_ANY_CLIENT),
        (client_key(ctx.client_ip), CLIENT),
    ])
}

/// Forgets every count and lock of an account (a new password, a new address, the account
/// deleted).
pub async fn clear_account(
    db: &impl ConnectionTrait,
    email: &str,
    account: AccountId,
) -> Result<(), AppError> {
    use sea_orm::sea_query::LikeExpr;
    use sea_orm::{ColumnTrait, ExprTrait, QueryFilter};
    let escaped = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    };
    let global = account_key(email);
    login_throttle::Entity::delete_many()
        .filter(
            login_throttle::Column::Key
                .eq(global.as_str())
                .or(login_throttle::Column::Key
                    .like(LikeExpr::new(format!("{}|%", escaped(&global))).escape('\\')))
                .or(login_throttle::Column::Key.like(
                    LikeExpr::new(format!(
                        "{}:%",
                        escaped(&format!("device:{}", account.get()))
                    ))
                    .escape('\\'),
                )),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// One key per IPv4 address and per IPv6 /64: a single IPv6 line or host usually holds a
/// whole /64, so counting single addresses would give it 2^64 fresh keys.
pub fn client_key(ip: std::net::IpAddr) -> String {
    use std::net::IpAddr;
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => format!("ip:{v4}"),
            None => {
                let s = v6.segments();
                format!("ip:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        IpAddr::V4(v4) => format!("ip:{v4}"),
    }
}

/// Seconds to wait before the next attempt for a key in this state, or 0.
pub fn wait_secs(limits: Limits, row: &login_throttle::Model, t: i64) -> i64 {
    if let Some(until) = row.locked_until {
        if until > t {
            return until - t;
        }
        return 0;
    }
    if t - row.last_failure_at > MEMORY_SECS || row.failures < limits.free {
        return 0;
    }
    let exp = (row.failures - limits.free).min(16) as u32;
    let delay = (1i64 << exp).min(limits.max_delay_secs);
    (row.last_failure_at + delay - t).max(0)
}

/// `TooManyRequests` while any of the keys must wait.
pub async fn check(db: &impl ConnectionTrait, keys: &[(String, Limits)]) -> Result<(), AppError> {
    let t = now();
    let mut wait = 0;
    for (key, limits) in keys {
        if let Some(row) = login_throttle::Entity::find_by_id(key.clone())
            .one(db)
            .await?
        {
            wait = wait.max(wait_secs(*limits, &row, t));
        }
    }
    if wait > 0 {
        Err(AppError::TooManyRequests {
            retry_after_secs: wait as u64,
        })
    } else {
        Ok(())
    }
}

/// Counts an attempt *before* it is verified, so that parallel attempts cannot all pass the
/// check while they wait for the hasher: each key's count is raised by a compare-and-swap
/// update, and an attempt that finds a key waiting or locked is refused (429) unverified.
/// A right attempt clears the first key and gives the others their count back ([`give_back`]).
/// Returns true when this attempt locked the first key (for the lock mail).
pub async fn attempt(
    db: &impl ConnectionTrait,
    keys: &[(String, Limits)],
) -> Result<bool, AppError> {
    let mut locked_first = false;
    for (i, (key, limits)) in keys.iter().enumerate() {
        let locks = count_attempt(db, key, *limits).await?;
        locked_first |= i == 0 && locks;
    }
    Ok(locked_first)
}

/// Raises one key's count unless it must wait; true when this attempt locks it.
async fn count_attempt(
    db: &impl ConnectionTrait,
    key: &str,
    limits: Limits,
) -> Result<bool, AppError> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, QueryFilter, TryInsertResult};
    // Another attempt may win the race in between; a few rounds settle it.
    for _ in 0..8 {
        let t = now();
        let Some(row) = login_throttle::Entity::find_by_id(key.to_owned())
            .one(db)
            .await?
        else {
            let first = login_throttle::ActiveModel {
                key: Set(key.to_owned()),
                failures: Set(1),
                last_failure_at: Set(t),
                locked_until: Set(None),
            };
            let inserted = login_throttle::Entity::insert(first)
                .on_conflict_do_nothing()
                .exec_without_returning(db)
                .await?;
            if matches!(inserted, TryInsertResult::Inserted(1)) {
                return Ok(limits.lock_at <= 1);
            }
            continue;
        };
        let wait = wait_secs(limits, &row, t);
        if wait > 0 {
            return Err(AppError::TooManyRequests {
                retry_after_secs: wait as u64,
            });
        }
        let stale =
            t - row.last_failure_at > MEMORY_SECS || row.locked_until.is_some_and(|u| u <= t);
        let failures = if stale { 1 } else { row.failures + 1 };
        let locks = failures >= limits.lock_at;
        let swapped = login_throttle::Entity::update_many()
            .col_expr(login_throttle::Column::Failures, Expr::value(failures))
            .col_expr(login_throttle::Column::LastFailureAt, Expr::value(t))
            .col_expr(
                login_throttle::Column::LockedUntil,
                Expr::value(locks.then_some(t + limits.lock_secs)),
            )
            .filter(login_throttle::Column::Key.eq(key))
            .filter(login_throttle::Column::Failures.eq(row.failures))
            .filter(login_throttle::Column::LastFailureAt.eq(row.last_failure_at))
            .exec(db)
            .await?;
        if swapped.rows_affected == 1 {
            return Ok(locks);
        }
    }
    Err(AppError::TooManyRequests {
        retry_after_secs: 1,
    })
}

/// Gives back the count of an attempt that [`attempt`] counted and that was right: earlier
/// failures still count, but a right password neither slows down the next step nor, from a
/// shared address, the other users' logins. A lock this attempt set is lifted.
pub async fn give_back(
    db: &impl ConnectionTrait,
    key: &str,
    limits: Limits,
) -> Result<(), AppError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    use sea_orm::{ColumnTrait, QueryFilter};
    login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::Failures,
            Expr::col(login_throttle::Column::Failures).sub(1),
        )
        .filter(login_throttle::Column::Key.eq(key))
        .filter(login_throttle::Column::Failures.gt(0))
        .exec(db)
        .await?;
    login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::LockedUntil,
            Expr::value(Option::<i64>::None),
        )
        .filter(login_throttle::Column::Key.eq(key))
        .filter(login_throttle::Column::Failures.lt(limits.lock_at))
        .exec(db)
        .await?;
    Ok(())
}

/// [`give_back`] for each of these keys.
pub async fn give_back_all(
    db: &impl ConnectionTrait,
    keys: &[(String, Limits)],
) -> Result<(), AppError> {
    for (key, limits) in keys {
        give_back(db, key, *limits).await?;
    }
    Ok(())
}

/// Counts a failure; returns true when this failure locked the key.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    key: &str,
    limits: Limits,
) -> Result<bool, AppError> {
    let t = now();
    match login_throttle::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
    {
        None => {
            login_throttle::ActiveModel {
                key: Set(key.to_owned()),
                failures: Set(1),
                last_failure_at: Set(t),
                locked_until: Set(None),
            }
            .insert(db)
            .await?;
            Ok(false)
        }
        Some(row) => {
            let stale =
                t - row.last_failure_at > MEMORY_SECS || row.locked_until.is_some_and(|u| u <= t);
            let failures = if stale { 1 } else { row.failures + 1 };
            let locks = failures >= limits.lock_at;
            let mut active = row.into_active_model();
            active.failures = Set(failures);
            active.last_failure_at = Set(t);
            active.locked_until = Set(locks.then_some(t + limits.lock_secs));
            active.update(db).await?;
            Ok(locks)
        }
    }
}

pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), AppError> {
    login_throttle::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn ipv6_clients_count_per_64_and_mapped_ipv4_as_ipv4() {
        let key = |s: &str| super::client_key(s.parse().unwrap());
        assert_eq!(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff::9"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:192.0.2.1"), key("192.0.2.1"));
        assert_ne!(key("192.0.2.1"), key("192.0.2.2"));
    }

    use super::*;

    fn row(failures: i32, last: i64, locked_until: Option<i64>) -> login_throttle::Model {
        login_throttle::Model {
            key: "k".into(),
            failures,
            last_failure_at: last,
            locked_until,
        }
    }

    #[test]
    fn the_first_failures_cost_nothing() {
        assert_eq!(wait_secs(ACCOUNT, &row(2, 1000, None), 1000), 0);
    }

    #[test]
    fn the_delay_grows_with_each_failure_up_to_a_cap() {
        let waits: Vec<i64> = (3..10)
            .map(|f| wait_secs(ACCOUNT, &row(f, 1000, None), 1000))
            .collect();
        assert_eq!(waits, vec![1, 2, 4, 8, 16, 32, 60]);
        assert_eq!(wait_secs(ACCOUNT, &row(5, 1000, None), 1003), 1);
    }

    #[test]
    fn a_lock_ends_by_itself() {
        assert_eq!(wait_secs(ACCOUNT, &row(10, 1000, Some(1900)), 1000), 900);
        assert_eq!(wait_secs(ACCOUNT, &row(10, 1000, Some(1900)), 1900), 0);
    }

    #[test]
    fn old_failures_are_forgotten() {
        assert_eq!(
            wait_secs(ACCOUNT, &row(9, 1000, None), 1000 + MEMORY_SECS + 1),
            0
        );
    }
}
