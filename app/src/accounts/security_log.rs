//! The security event log (issue 11, item 17): logins and logouts, lock-outs and every change
//! to how an account is protected, each as one row for the owner's "Sicherheitsprotokoll" and
//! as one JSON line in the server log (target `security`) for the operator's monitoring. Rows hold
//! no secret — the event, when, the browser's user agent and the client's network (an IPv4
//! /24 or IPv6 /48, not the address) — and are deleted after `PORTAL_SECURITY_LOG_DAYS`.

use std::net::IpAddr;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;

use crate::access::AccountId;
use crate::access::ctx::RequestCtx;
use crate::clock::now;
use crate::entities::security_event;
use crate::error::AppError;

/// What happened. The stored code is [`SecurityEvent::code`]; the owner reads [`label`].
///
/// [`label`]: SecurityEvent::label
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SecurityEvent {
    LoginSucceeded,
    LoginFailed,
    LoggedOut,
    LockedOut,
    PasswordChanged,
    PasswordReset,
    EmailChanged,
    SecondFactorChanged,
    PasskeyAdded,
    PasskeyRemoved,
    SessionsEnded,
    RoleChanged,
    DataExported,
}

impl SecurityEvent {
    pub const ALL: [Self; 13] = [
        Self::LoginSucceeded,
        Self::LoginFailed,
        Self::LoggedOut,
        Self::LockedOut,
        Self::PasswordChanged,
        Self::PasswordReset,
        Self::EmailChanged,
        Self::SecondFactorChanged,
        Self::PasskeyAdded,
        Self::PasskeyRemoved,
        Self::SessionsEnded,
        Self::RoleChanged,
        Self::DataExported,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::LoginSucceeded => "login_succeeded",
            Self::LoginFailed => "login_failed",
            Self::LoggedOut => "logged_out",
            Self::LockedOut => "locked_out",
            Self::PasswordChanged => "password_changed",
            Self::PasswordReset => "password_reset",
            Self::EmailChanged => "email_changed",
            Self::SecondFactorChanged => "second_factor_changed",
            Self::PasskeyAdded => "passkey_added",
            Self::PasskeyRemoved => "passkey_removed",
            Self::SessionsEnded => "sessions_ended",
            Self::RoleChanged => "role_changed",
            Self::DataExported => "data_exported",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }

    pub fn label(self) -> String {
        match self {
            Self::LoginSucceeded => tr!("security_log.login_succeeded"),
            Self::LoginFailed => tr!("security_log.login_failed"),
            Self::LoggedOut => tr!("security_log.logged_out"),
            Self::LockedOut => tr!("security_log.locked_out"),
            Self::PasswordChanged => tr!("security_log.password_changed"),
            Self::PasswordReset => tr!("security_log.password_reset"),
            Self::EmailChanged => tr!("security_log.email_changed"),
            Self::SecondFactorChanged => tr!("security_log.second_factor_changed"),
            Self::PasskeyAdded => tr!("security_log.passkey_added"),
            Self::PasskeyRemoved => tr!("security_log.passkey_removed"),
            Self::SessionsEnded => tr!("security_log.sessions_ended"),
            Self::RoleChanged => tr!("security_log.role_changed"),
            Self::DataExported => tr!("security_log.data_exported"),
        }
    }
}

/// The network a client address belongs to, coarse enough to say "the same place" without
/// keeping the address.
pub fn network(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => network(IpAddr::V4(v4)),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
            }
        },
    }
}

/// The log line of an event: JSON, so that the operator's tools need no parser of ours.
#[derive(Serialize)]
struct Line<'a> {
    event: SecurityEvent,
    account: i64,
    at: i64,
    network: &'a str,
    user_agent: &'a str,
}

/// Records an event of `account`, asked for by the request `ctx`.
pub async fn record(
    db: &impl ConnectionTrait,
    account: AccountId,
    event: SecurityEvent,
    ctx: &RequestCtx,
) -> Result<(), AppError> {
    let at = now();
    let network = network(ctx.client_ip);
    let user_agent: String = ctx.user_agent.chars().take(255).collect();
    let line = Line {
        event,
        account: account.get(),
        at,
        network: &network,
        user_agent: &user_agent,
    };
    tracing::info!(target: "security", "{}", serde_json::to_string(&line).unwrap_or_default());
    security_event::Entity::insert(security_event::ActiveModel {
        account_id: Set(account.get()),
        at: Set(at),
        kind: Set(event.code().to_owned()),
        network: Set(network),
        user_agent: Set(user_agent),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// [`record`] for the request being handled (inside a server function).
pub async fn record_now(
    db: &impl ConnectionTrait,
    account: AccountId,
    event: SecurityEvent,
) -> Result<(), AppError> {
    record(db, account, event, &RequestCtx::current()?).await
}

/// The account's most recent events (all of them without a `limit`), newest first.
pub async fn recent(
    db: &impl ConnectionTrait,
    account: AccountId,
    limit: Option<u64>,
) -> Result<Vec<security_event::Model>, AppError> {
    Ok(security_event::Entity::find()
        .filter(security_event::Column::AccountId.eq(account))
        .order_by_desc(security_event::Column::At)
        .order_by_desc(security_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Deletes events older than `days` (background job).
pub async fn purge_older_than(db: &impl ConnectionTrait, days: i64) -> Result<(), AppError> {
    security_event::Entity::delete_many()
        .filter(security_event::Column::At.lt(now() - days * 86_400))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_network_not_the_address() {
        assert_eq!(network("203.0.113.77".parse().unwrap()), "203.0.113.0/24");
        assert_eq!(
            network("2001:db8:1:2:3::9".parse().unwrap()),
            "2001:db8:1::/48"
        );
        assert_eq!(network("::ffff:192.0.2.1".parse().unwrap()), "192.0.2.0/24");
    }

    #[test]
    fn every_event_has_a_code_that_reads_back_and_a_german_label() {
        for e in SecurityEvent::ALL {
            assert_eq!(SecurityEvent::from_code(e.code()), Some(e));
            assert!(!e.label().starts_with("security_log."), "{e:?}");
        }
    }

    #[test]
    fn a_log_line_is_one_json_object() {
        let line = Line {
            event: SecurityEvent::LoginFailed,
            account: 7,
            at: 1_700_000_000,
            network: "203.0.113.0/24",
            user_agent: "Firefox",
        };
        let json = serde_json::to_string(&line).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["event"], "login_failed");
        assert_eq!(v["account"], 7);
        assert!(!json.contains('\n'));
    }
}
