//! Documents staff sent before they belonged to cases sat in the caseworker's own safe: each
//! one attached to someone else's case now belongs to that case (`documents.case_id`), so it
//! is read through the case policy and goes with the case.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared(
                "UPDATE documents SET case_id = (
                     SELECT MIN(cd.case_id) FROM case_documents cd
                     WHERE cd.document_id = documents.id)
                 WHERE case_id IS NULL
                   AND account_id IN (SELECT account_id FROM staff)
                   AND EXISTS (
                     SELECT 1 FROM case_documents cd JOIN cases c ON c.id = cd.case_id
                     WHERE cd.document_id = documents.id
                       AND c.account_id <> documents.account_id)",
            )
            .await?;
        Ok(())
    }

    /// The documents stay with their cases: handing them back to a caseworker's safe is what
    /// this migration ends.
    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
