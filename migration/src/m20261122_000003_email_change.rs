//! A pending e-mail change keeps its new address on the token that confirms it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailTokens {
    Table,
    NewEmail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(EmailTokens::Table)
                .add_column(string_len_null(EmailTokens::NewEmail, 254))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(EmailTokens::Table)
                .drop_column(EmailTokens::NewEmail)
                .to_owned(),
        )
        .await
    }
}
