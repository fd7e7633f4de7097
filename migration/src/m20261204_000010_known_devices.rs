//! Known devices: a browser that completed a login for an account carries a long-lived random
//! cookie; its hash here lets that browser past the lock other clients' failed guesses set
//! (SPEC §2.3). `accounts.lock_mailed_at` rate-limits the mail that tells the owner of a lock.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    LockMailedAt,
}

#[derive(DeriveIden)]
enum KnownDevices {
    Table,
    Id,
    TokenHash,
    AccountId,
    CreatedAt,
    LastUsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(KnownDevices::Table)
                .col(big_pk_auto(KnownDevices::Id))
                .col(string_len(KnownDevices::TokenHash, 64))
                .col(big_integer(KnownDevices::AccountId))
                .col(big_integer(KnownDevices::CreatedAt))
                .col(big_integer(KnownDevices::LastUsedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(KnownDevices::Table, KnownDevices::AccountId)
                        .to(Accounts::Table, Accounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("known_devices_token_account")
                .table(KnownDevices::Table)
                .col(KnownDevices::TokenHash)
                .col(KnownDevices::AccountId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("known_devices_account")
                .table(KnownDevices::Table)
                .col(KnownDevices::AccountId)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Accounts::Table)
                .add_column(big_integer_null(Accounts::LockMailedAt))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Accounts::Table)
                .drop_column(Accounts::LockMailedAt)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(KnownDevices::Table).to_owned())
            .await
    }
}
