//! TOTP seeds are stored sealed (`enc1:` and base64 of nonce, seed and tag), longer than the
//! 64 characters the column allowed for a seed in clear. SQLite does not enforce the length;
//! PostgreSQL gets a text column.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Postgres {
            m.get_connection()
                .execute_unprepared("ALTER TABLE totp_factors ALTER COLUMN secret TYPE text")
                .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == DatabaseBackend::Postgres {
            m.get_connection()
                .execute_unprepared("ALTER TABLE totp_factors ALTER COLUMN secret TYPE varchar(64)")
                .await?;
        }
        Ok(())
    }
}
