//! TOTP seeds at rest: sealed under the master key for their account
//! (`storage::crypto::StorageKey::seal_secret`), so a copy of the database alone yields no
//! codes.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::totp_factor;
use crate::error::AppError;
use crate::secret::Secret;
use crate::storage::crypto::{self, StorageKey};

const PURPOSE: &str = "totp";

/// The stored form of a new seed of `account_id`.
pub fn seal(key: &StorageKey, account_id: i64, seed: &Secret) -> String {
    key.seal_secret(PURPOSE, &account_id.to_string(), seed.expose())
}

/// The seed of a stored factor row.
pub fn open(key: &StorageKey, row: &totp_factor::Model) -> Result<Secret, AppError> {
    key.open_secret(PURPOSE, &row.account_id.to_string(), &row.secret)
        .map(Secret::new)
        .map_err(AppError::internal)
}

/// Seals the seeds stored in clear by earlier versions (at start). The conditional update
/// leaves a row another instance sealed meanwhile alone. Returns how many were sealed.
pub async fn seal_plain_seeds(
    db: &impl ConnectionTrait,
    key: &StorageKey,
) -> Result<u64, AppError> {
    let rows = totp_factor::Entity::find().all(db).await?;
    let mut sealed = 0;
    for row in rows
        .into_iter()
        .filter(|r| !crypto::is_sealed_secret(&r.secret))
    {
        let stored = seal(key, row.account_id, &Secret::new(row.secret.clone()));
        sealed += totp_factor::Entity::update_many()
            .col_expr(totp_factor::Column::Secret, Expr::value(stored))
            .filter(totp_factor::Column::AccountId.eq(row.account_id))
            .filter(totp_factor::Column::Secret.eq(row.secret))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(sealed)
}
