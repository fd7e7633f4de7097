//! Second factors: the chosen method on the account, the TOTP secret with the last used time
//! step (replay protection), hashed recovery codes, and the login attempts waiting for their
//! second factor.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    SecondFactor,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    /// Logged in with the password where a second factor is required but not yet set up:
    /// such a session may do nothing but set one up.
    SecondFactorSetupRequired,
}

#[derive(DeriveIden)]
enum TotpFactors {
    Table,
    AccountId,
    Secret,
    LastUsedStep,
    CreatedAt,
    ConfirmedAt,
    /// Recovery codes in clear between confirming the app and the page that shows them once.
    PendingCodes,
    PendingCodesUntil,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    AccountId,
    CodeHash,
    UsedAt,
}

#[derive(DeriveIden)]
enum LoginChallenges {
    Table,
    Id,
    TokenHash,
    AccountId,
    Method,
    ReturnTo,
    CreatedAt,
    ExpiresAt,
    Attempts,
    MailTokenHash,
    ConfirmedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Accounts::Table)
                .add_column(string_len(Accounts::SecondFactor, 16).default("none"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Sessions::Table)
                .add_column(boolean(Sessions::SecondFactorSetupRequired).default(false))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(TotpFactors::Table)
                .col(big_integer(TotpFactors::AccountId).primary_key())
                .col(string_len(TotpFactors::Secret, 64))
                .col(big_integer_null(TotpFactors::LastUsedStep))
                .col(big_integer(TotpFactors::CreatedAt))
                .col(big_integer_null(TotpFactors::ConfirmedAt))
                .col(text_null(TotpFactors::PendingCodes))
                .col(big_integer_null(TotpFactors::PendingCodesUntil))
                .foreign_key(
                    ForeignKey::create()
                        .from(TotpFactors::Table, TotpFactors::AccountId)
                        .to(Accounts::Table, Accounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(RecoveryCodes::Table)
                .col(big_pk_auto(RecoveryCodes::Id))
                .col(big_integer(RecoveryCodes::AccountId))
                .col(string_len(RecoveryCodes::CodeHash, 64))
                .col(big_integer_null(RecoveryCodes::UsedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(RecoveryCodes::Table, RecoveryCodes::AccountId)
                        .to(Accounts::Table, Accounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("recovery_codes_account")
                .table(RecoveryCodes::Table)
                .col(RecoveryCodes::AccountId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(LoginChallenges::Table)
                .col(big_pk_auto(LoginChallenges::Id))
                .col(string_len_uniq(LoginChallenges::TokenHash, 64))
                .col(big_integer(LoginChallenges::AccountId))
                .col(string_len(LoginChallenges::Method, 16))
                .col(string_len(LoginChallenges::ReturnTo, 512))
                .col(big_integer(LoginChallenges::CreatedAt))
                .col(big_integer(LoginChallenges::ExpiresAt))
                .col(integer(LoginChallenges::Attempts).default(0))
                .col(string_len_null(LoginChallenges::MailTokenHash, 64))
                .col(big_integer_null(LoginChallenges::ConfirmedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(LoginChallenges::Table, LoginChallenges::AccountId)
                        .to(Accounts::Table, Accounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("login_challenges_mail_token")
                .table(LoginChallenges::Table)
                .col(LoginChallenges::MailTokenHash)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(LoginChallenges::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(RecoveryCodes::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(TotpFactors::Table).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Sessions::Table)
                .drop_column(Sessions::SecondFactorSetupRequired)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Accounts::Table)
                .drop_column(Accounts::SecondFactor)
                .to_owned(),
        )
        .await
    }
}
