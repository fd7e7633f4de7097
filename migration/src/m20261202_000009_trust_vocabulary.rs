//! One trust vocabulary (eIDAS: `low`, `substantial`, `high`) for accounts and services:
//! services said `basic` for what accounts call `low`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("UPDATE services SET min_trust = 'low' WHERE min_trust = 'basic'")
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("UPDATE services SET min_trust = 'basic' WHERE min_trust = 'low'")
            .await?;
        Ok(())
    }
}
