//! Accounts, sessions, single-use e-mail tokens, login throttling and the mail outbox.
//! Times are Unix seconds (i64) so that comparisons behave the same on SQLite and PostgreSQL.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    PublicId,
    Email,
    PasswordHash,
    FirstName,
    LastName,
    Status,
    TrustLevel,
    CreatedAt,
    ActivatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    AccountId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    UserAgent,
}

#[derive(DeriveIden)]
enum EmailTokens {
    Table,
    Id,
    AccountId,
    Purpose,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    Failures,
    LastFailureAt,
    LockedUntil,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    Recipient,
    Subject,
    Body,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    SentAt,
    LastError,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Accounts::Table)
                .col(big_pk_auto(Accounts::Id))
                .col(string_len_uniq(Accounts::PublicId, 36))
                .col(string_len_uniq(Accounts::Email, 254))
                .col(string(Accounts::PasswordHash))
                .col(string_len(Accounts::FirstName, 100))
                .col(string_len(Accounts::LastName, 100))
                .col(string_len(Accounts::Status, 16))
                .col(string_len(Accounts::TrustLevel, 16))
                .col(big_integer(Accounts::CreatedAt))
                .col(big_integer_null(Accounts::ActivatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_accounts_status_created")
                .table(Accounts::Table)
                .col(Accounts::Status)
                .col(Accounts::CreatedAt)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(big_pk_auto(Sessions::Id))
                .col(string_len_uniq(Sessions::TokenHash, 64))
                .col(big_integer(Sessions::AccountId))
                .col(big_integer(Sessions::CreatedAt))
                .col(big_integer(Sessions::LastSeenAt))
                .col(big_integer(Sessions::ExpiresAt))
                .col(string_len(Sessions::UserAgent, 255))
                .foreign_key(
                    ForeignKey::create()
                        .from(Sessions::Table, Sessions::AccountId)
                        .to(Accounts::Table, Accounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_sessions_account")
                .table(Sessions::Table)
                .col(Sessions::AccountId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EmailTokens::Table)
                .col(big_pk_auto(EmailTokens::Id))
                .col(big_integer(EmailTokens::AccountId))
                .col(string_len(EmailTokens::Purpose, 32))
                .col(string_len_uniq(EmailTokens::TokenHash, 64))
                .col(big_integer(EmailTokens::CreatedAt))
                .col(big_integer(EmailTokens::ExpiresAt))
                .col(big_integer_null(EmailTokens::UsedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(EmailTokens::Table, EmailTokens::AccountId)
                        .to(Accounts::Table, Accounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LoginThrottle::Table)
                .col(string_len(LoginThrottle::Key, 300).primary_key())
                .col(integer(LoginThrottle::Failures))
                .col(big_integer(LoginThrottle::LastFailureAt))
                .col(big_integer_null(LoginThrottle::LockedUntil))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(MailOutbox::Table)
                .col(big_pk_auto(MailOutbox::Id))
                .col(string_len(MailOutbox::Recipient, 254))
                .col(string(MailOutbox::Subject))
                .col(text(MailOutbox::Body))
                .col(big_integer(MailOutbox::CreatedAt))
                .col(integer(MailOutbox::Attempts))
                .col(big_integer(MailOutbox::NextAttemptAt))
                .col(big_integer_null(MailOutbox::LockedUntil))
                .col(big_integer_null(MailOutbox::SentAt))
                .col(text_null(MailOutbox::LastError))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_outbox_due")
                .table(MailOutbox::Table)
                .col(MailOutbox::SentAt)
                .col(MailOutbox::NextAttemptAt)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            MailOutbox::Table.into_iden(),
            LoginThrottle::Table.into_iden(),
            EmailTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
            Accounts::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
