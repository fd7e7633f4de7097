//! Transactions and their after-commit effects (server only).
//!
//! Work that must happen only once a change is durable — today waking the mail worker,
//! later a payment or reminder job — is registered on the [`Txn`] by the code that queues
//! it (`mail::outbox::enqueue`) and run by [`write_txn`] after the commit. A caller cannot
//! forget it, and a rolled-back change wakes nobody.

use std::sync::atomic::{AtomicBool, Ordering};

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};

use tokio::sync::Notify;

use crate::error::AppError;
use crate::state::AppState;

/// An open write transaction. It is a `ConnectionTrait`, so every query helper that takes
/// `&impl ConnectionTrait` runs inside it.
pub struct Txn {
    inner: DatabaseTransaction,
    wake_mailer: AtomicBool,
}

impl Txn {
    /// The mail worker is woken once this transaction has committed.
    pub(crate) fn wake_mailer_after_commit(&self) {
        self.wake_mailer.store(true, Ordering::Relaxed);
    }
}

/// Runs `f` in a transaction that is committed on `Ok` and rolled back on `Err`; after a
/// commit the effects `f` registered run.
///
/// On SQLite it starts with `BEGIN IMMEDIATE`: a default (deferred) transaction that reads
/// first and writes later fails at once with SQLITE_BUSY when another connection wrote in
/// between, whereas an immediate one waits for the write lock. PostgreSQL ignores the mode.
pub async fn write_txn<T, F>(state: &AppState, f: F) -> Result<T, AppError>
where
    F: AsyncFnOnce(&Txn) -> Result<T, AppError>,
{
    write_txn_on(&state.db, &state.mail_wakeup, f).await
}

/// [`write_txn`] with the connection and the mail worker's bell given apart (for the CLI and
/// tests, which have no `AppState`).
pub async fn write_txn_on<T, F>(
    db: &DatabaseConnection,
    mail_wakeup: &Notify,
    f: F,
) -> Result<T, AppError>
where
    F: AsyncFnOnce(&Txn) -> Result<T, AppError>,
{
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    };
    let txn = Txn {
        inner: db.begin_with_options(options).await?,
        wake_mailer: AtomicBool::new(false),
    };
    match f(&txn).await {
        Ok(value) => {
            let wake_mailer = txn.wake_mailer.load(Ordering::Relaxed);
            txn.inner.commit().await?;
            if wake_mailer {
                mail_wakeup.notify_one();
            }
            Ok(value)
        }
        Err(e) => {
            txn.inner.rollback().await?;
            Err(e)
        }
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Txn {
    fn get_database_backend(&self) -> DbBackend {
        self.inner.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.inner.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.inner.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.inner.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.inner.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.inner.support_returning()
    }
}
