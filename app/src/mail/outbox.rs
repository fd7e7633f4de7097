//! The durable mail queue. `enqueue` stores a mail in the caller's transaction and wakes the
//! worker once that transaction has committed (`send` is the same in a transaction of its
//! own); `run_worker`
//! claims due mails (safe with several instances: a claim is a conditional update), sends
//! them, and on failure retries with exponential backoff.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use tokio::sync::Notify;

use super::templates::Mail;
use super::transport::Transport;
use crate::clock::now;
use crate::db::Txn;
use crate::entities::mail_outbox;
use crate::error::AppError;
use crate::state::AppState;

/// How long a claimed mail stays reserved for the worker that claimed it.
const CLAIM_SECS: i64 = 60;
const MAX_BACKOFF_SECS: i64 = 60 * 60;

pub async fn enqueue(txn: &Txn, to: &str, mail: Mail) -> Result<(), AppError> {
    let t = now();
    mail_outbox::ActiveModel {
        recipient: Set(to.to_owned()),
        subject: Set(mail.subject),
        body: Set(mail.body),
        created_at: Set(t),
        attempts: Set(0),
        next_attempt_at: Set(t),
        locked_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    txn.wake_mailer_after_commit();
    Ok(())
}

/// One mail on its own, for a caller with no other change to make.
pub async fn send(state: &AppState, to: &str, mail: Mail) -> Result<(), AppError> {
    crate::db::write_txn(state, async |txn| enqueue(txn, to, mail).await).await
}

/// Seconds until the next try after `attempts` failed ones: 5 s, 10 s, 20 s … up to an hour.
pub fn backoff_secs(attempts: i32) -> i64 {
    Ord::min(
        5i64 << attempts.clamp(0, 20).saturating_sub(1),
        MAX_BACKOFF_SECS,
    )
}

/// Sends every mail that is due; returns how many were sent.
pub async fn send_due(
    db: &DatabaseConnection,
    transport: &Transport,
    from: &str,
) -> Result<usize, sea_orm::DbErr> {
    let t = now();
    let due = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SentAt.is_null())
        .filter(mail_outbox::Column::NextAttemptAt.lte(t))
        .filter(
            Condition::any()
                .add(mail_outbox::Column::LockedUntil.is_null())
                .add(mail_outbox::Column::LockedUntil.lt(t)),
        )
        .order_by_asc(mail_outbox::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    let mut sent = 0;
    for mail in due {
        let claimed = mail_outbox::Entity::update_many()
            .col_expr(
                mail_outbox::Column::LockedUntil,
                Expr::value(t + CLAIM_SECS),
            )
            .col_expr(
                mail_outbox::Column::Attempts,
                Expr::col(mail_outbox::Column::Attempts).add(1),
            )
            .filter(mail_outbox::Column::Id.eq(mail.id))
            .filter(mail_outbox::Column::SentAt.is_null())
            .filter(
                Condition::any()
                    .add(mail_outbox::Column::LockedUntil.is_null())
                    .add(mail_outbox::Column::LockedUntil.lt(t)),
            )
            .exec(db)
            .await?
            .rows_affected
            == 1;
        if !claimed {
            continue; // another instance took it
        }
        let attempts = mail.attempts + 1;
        let mut active: mail_outbox::ActiveModel = mail.clone().into();
        active.attempts = Set(attempts);
        active.locked_until = Set(None);
        match transport.send(from, &mail).await {
            Ok(()) => {
                active.sent_at = Set(Some(now()));
                active.last_error = Set(None);
                // The body may hold a live link (reset, invitation, login): gone once sent.
                active.body = Set(String::new());
                sent += 1;
            }
            Err(e) => {
                tracing::warn!(mail_id = mail.id, attempts, error = %e, "sending mail failed; will retry");
                active.next_attempt_at = Set(now() + backoff_secs(attempts));
                active.last_error = Set(Some(e));
            }
        }
        active.update(db).await?;
    }
    Ok(sent)
}

/// Runs until the process ends: sends due mails when woken and at least every two seconds.
/// Deletes the rows of mails sent more than `days` ago (background job).
pub async fn purge_sent(db: &impl sea_orm::ConnectionTrait, days: i64) -> Result<u64, AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    Ok(mail_outbox::Entity::delete_many()
        .filter(mail_outbox::Column::SentAt.lte(now() - days * 24 * 60 * 60))
        .exec(db)
        .await?
        .rows_affected)
}

pub async fn run_worker(
    db: DatabaseConnection,
    transport: Transport,
    from: String,
    wakeup: Arc<Notify>,
) {
    loop {
        if let Err(e) = send_due(&db, &transport, &from).await {
            tracing::error!(error = %e, "mail outbox worker");
        }
        tokio::select! {
            _ = wakeup.notified() => {}
            _ = tokio::time::sleep(Duration::from_secs(2)) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff_secs;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff_secs(1), 5);
        assert_eq!(backoff_secs(2), 10);
        assert_eq!(backoff_secs(3), 20);
        assert_eq!(backoff_secs(30), 3600);
    }
}
