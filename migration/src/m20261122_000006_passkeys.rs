//! Passkeys (WebAuthn) and the ceremonies that create or use them. A ceremony spans two
//! requests (options, then the authenticator's answer); its state lives here so that any
//! instance can finish it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Passkeys {
    Table,
    Id,
    AccountId,
    CredentialId,
    Name,
    Passkey,
    CreatedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum WebauthnCeremonies {
    Table,
    Id,
    TokenHash,
    AccountId,
    Purpose,
    State,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Passkeys::Table)
                .col(big_pk_auto(Passkeys::Id))
                .col(big_integer(Passkeys::AccountId))
                .col(string_len_uniq(Passkeys::CredentialId, 1400))
                .col(string_len(Passkeys::Name, 100))
                .col(text(Passkeys::Passkey))
                .col(big_integer(Passkeys::CreatedAt))
                .col(big_integer_null(Passkeys::LastUsedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Passkeys::Table, Passkeys::AccountId)
                        .to(Accounts::Table, Accounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("passkeys_account")
                .table(Passkeys::Table)
                .col(Passkeys::AccountId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(WebauthnCeremonies::Table)
                .col(big_pk_auto(WebauthnCeremonies::Id))
                .col(string_len_uniq(WebauthnCeremonies::TokenHash, 64))
                .col(big_integer_null(WebauthnCeremonies::AccountId))
                .col(string_len(WebauthnCeremonies::Purpose, 16))
                .col(text(WebauthnCeremonies::State))
                .col(big_integer(WebauthnCeremonies::ExpiresAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(WebauthnCeremonies::Table, WebauthnCeremonies::AccountId)
                        .to(Accounts::Table, Accounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(WebauthnCeremonies::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Passkeys::Table).to_owned())
            .await
    }
}
