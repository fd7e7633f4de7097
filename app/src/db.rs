//! Transactions (server only).

use std::future::Future;
use std::pin::Pin;

use sea_orm::{DatabaseConnection, DatabaseTransaction, SqliteTransactionMode, TransactionOptions, TransactionTrait};

use crate::error::AppError;

/// Runs `f` in a transaction that is committed on `Ok` and rolled back on `Err`.
///
/// On SQLite it starts with `BEGIN IMMEDIATE`: a default (deferred) transaction that reads
/// first and writes later fails at once with SQLITE_BUSY when another connection wrote in
/// between, whereas an immediate one waits for the write lock. PostgreSQL ignores the mode.
pub async fn write_txn<T, F>(db: &DatabaseConnection, f: F) -> Result<T, AppError>
where
    F: for<'c> FnOnce(&'c DatabaseTransaction) -> Pin<Box<dyn Future<Output = Result<T, AppError>> + Send + 'c>> + Send,
    T: Send,
{
    let options = TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() };
    let txn = db.begin_with_options(options).await?;
    match f(&txn).await {
        Ok(value) => {
            txn.commit().await?;
            Ok(value)
        }
        Err(e) => {
            txn.rollback().await?;
            Err(e)
        }
    }
}
