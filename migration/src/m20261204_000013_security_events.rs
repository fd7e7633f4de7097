//! The security event log (`app::accounts::security_log`): one row per login, lock-out and
//! change to how an account is protected; deleted with the account or after the configured
//! number of days.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SecurityEvents {
    Table,
    Id,
    AccountId,
    At,
    Kind,
    Network,
    UserAgent,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SecurityEvents::Table)
                .col(big_pk_auto(SecurityEvents::Id))
                .col(big_integer(SecurityEvents::AccountId))
                .col(big_integer(SecurityEvents::At))
                .col(string_len(SecurityEvents::Kind, 32))
                .col(string_len(SecurityEvents::Network, 64))
                .col(string_len(SecurityEvents::UserAgent, 255))
                .foreign_key(
                    ForeignKey::create()
                        .from(SecurityEvents::Table, SecurityEvents::AccountId)
                        .to(Accounts::Table, Accounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("security_events_account_at")
                .table(SecurityEvents::Table)
                .col(SecurityEvents::AccountId)
                .col(SecurityEvents::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SecurityEvents::Table).to_owned())
            .await
    }
}
