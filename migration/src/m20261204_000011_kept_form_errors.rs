//! The errors of forms sent without JavaScript, kept on the server for a few minutes instead of
//! travelling in the URL (`app::form_flash`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum KeptFormErrors {
    Table,
    Id,
    TokenHash,
    Error,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(KeptFormErrors::Table)
                .col(big_pk_auto(KeptFormErrors::Id))
                .col(string_len_uniq(KeptFormErrors::TokenHash, 64))
                .col(text(KeptFormErrors::Error))
                .col(big_integer(KeptFormErrors::ExpiresAt))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(KeptFormErrors::Table).to_owned())
            .await
    }
}
