//! Brute-force protection for logins (SPEC §2.3): failures are counted per account and per
//! client address. A few failures are free, then each attempt must wait a growing delay, and
//! many failures lock for a while. Locks end by themselves and a password reset lifts the
//! account's lock, so an attacker cannot lock a user out for good.

use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set};

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

pub const ACCOUNT: Limits = Limits {
    free: 3,
    lock_at: 10,
    lock_secs: 15 * 60,
    max_delay_secs: 60,
};
pub const CLIENT: Limits = Limits {
    free: 20,
    lock_at: 100,
    lock_secs: 15 * 60,
    max_delay_secs: 60,
};
/// Failures older than this are forgotten.
const MEMORY_SECS: i64 = 60 * 60;

pub fn account_key(email: &str) -> String {
    format!("account:{}", email.to_lowercase())
}

pub fn client_key(ip: std::net::IpAddr) -> String {
    format!("ip:{ip}")
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
