//! A document staff upload for a case belongs to that case (and so to the authority), not to
//! the caseworker's own document safe: `documents.case_id` names the case. It is read through
//! the case policy and goes when the case goes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Documents {
    Table,
    CaseId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Documents::Table)
                .add_column(big_integer_null(Documents::CaseId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("documents_case")
                .table(Documents::Table)
                .col(Documents::CaseId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("documents_case")
                .table(Documents::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Documents::Table)
                .drop_column(Documents::CaseId)
                .to_owned(),
        )
        .await
    }
}
