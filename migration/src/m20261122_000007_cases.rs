//! The case loop (SPEC §3.1–3.4): what a service offers, its versioned form, drafts, the
//! document safe, cases with their status history and messages, and the documents of a case.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
    Description,
    Audience,
    MinTrust,
    FeeKind,
    FeeCents,
    FeeDue,
    FormVersion,
}

#[derive(DeriveIden)]
enum ServiceForms {
    Table,
    Id,
    ServiceId,
    Version,
    Schema,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Drafts {
    Table,
    Id,
    PublicId,
    AccountId,
    ServiceId,
    FormVersion,
    Answers,
    Consent,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
    PublicId,
    AccountId,
    FileName,
    ContentType,
    SizeBytes,
    StorageKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
    Number,
    AccountId,
    ServiceId,
    ServiceName,
    FormVersion,
    Title,
    Status,
    Answers,
    SearchText,
    UnreadCount,
    CreatedAt,
    LastActivityAt,
    TrashedAt,
}

#[derive(DeriveIden)]
enum CaseEvents {
    Table,
    Id,
    CaseId,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    CaseId,
    FromApplicant,
    Author,
    Body,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum CaseDocuments {
    Table,
    Id,
    CaseId,
    DocumentId,
    MessageId,
    Label,
}

/// Rows that belong to an account go with it.
fn owner_fk(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Accounts::Table, Accounts::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        let columns = [
            text(Services::Description).default("").to_owned(),
            string_len(Services::Audience, 16)
                .default("citizens")
                .to_owned(),
            string_len(Services::MinTrust, 16)
                .default("basic")
                .to_owned(),
            string_len(Services::FeeKind, 16).default("none").to_owned(),
            big_integer_null(Services::FeeCents),
            string_len(Services::FeeDue, 16)
                .default("submission")
                .to_owned(),
            integer(Services::FormVersion).default(0).to_owned(),
        ];
        for mut c in columns {
            m.alter_table(
                Table::alter()
                    .table(Services::Table)
                    .add_column(&mut c)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(ServiceForms::Table)
                .col(big_pk_auto(ServiceForms::Id))
                .col(big_integer(ServiceForms::ServiceId))
                .col(integer(ServiceForms::Version))
                .col(text(ServiceForms::Schema))
                .col(big_integer(ServiceForms::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ServiceForms::Table, ServiceForms::ServiceId)
                        .to(Services::Table, Services::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("service_forms_version")
                .table(ServiceForms::Table)
                .col(ServiceForms::ServiceId)
                .col(ServiceForms::Version)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Drafts::Table)
                .col(big_pk_auto(Drafts::Id))
                .col(string_len_uniq(Drafts::PublicId, 32))
                .col(big_integer(Drafts::AccountId))
                .col(big_integer(Drafts::ServiceId))
                .col(integer(Drafts::FormVersion))
                .col(text(Drafts::Answers))
                .col(boolean(Drafts::Consent).default(false))
                .col(big_integer(Drafts::CreatedAt))
                .col(big_integer(Drafts::UpdatedAt))
                .foreign_key(&mut owner_fk(Drafts::Table, Drafts::AccountId))
                .foreign_key(
                    ForeignKey::create()
                        .from(Drafts::Table, Drafts::ServiceId)
                        .to(Services::Table, Services::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("drafts_account")
                .table(Drafts::Table)
                .col(Drafts::AccountId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Documents::Table)
                .col(big_pk_auto(Documents::Id))
                .col(string_len_uniq(Documents::PublicId, 32))
                .col(big_integer(Documents::AccountId))
                .col(string_len(Documents::FileName, 200))
                .col(string_len(Documents::ContentType, 50))
                .col(big_integer(Documents::SizeBytes))
                .col(string_len(Documents::StorageKey, 80))
                .col(big_integer(Documents::CreatedAt))
                .foreign_key(&mut owner_fk(Documents::Table, Documents::AccountId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("documents_account")
                .table(Documents::Table)
                .col(Documents::AccountId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Cases::Table)
                .col(big_pk_auto(Cases::Id))
                .col(string_len_uniq(Cases::Number, 24))
                .col(big_integer(Cases::AccountId))
                .col(big_integer(Cases::ServiceId))
                .col(string_len(Cases::ServiceName, 200))
                .col(integer(Cases::FormVersion))
                .col(string_len(Cases::Title, 200))
                .col(string_len(Cases::Status, 20))
                .col(text(Cases::Answers))
                .col(text(Cases::SearchText))
                .col(integer(Cases::UnreadCount).default(0))
                .col(big_integer(Cases::CreatedAt))
                .col(big_integer(Cases::LastActivityAt))
                .col(big_integer_null(Cases::TrashedAt))
                .foreign_key(&mut owner_fk(Cases::Table, Cases::AccountId))
                .foreign_key(
                    ForeignKey::create()
                        .from(Cases::Table, Cases::ServiceId)
                        .to(Services::Table, Services::Id),
                )
                .to_owned(),
        )
        .await?;
        // The mailbox list: one account's inbox or trash, newest first, keyset by id.
        m.create_index(
            Index::create()
                .name("cases_mailbox")
                .table(Cases::Table)
                .col(Cases::AccountId)
                .col(Cases::TrashedAt)
                .col(Cases::LastActivityAt)
                .col(Cases::Id)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("cases_unread")
                .table(Cases::Table)
                .col(Cases::AccountId)
                .col(Cases::UnreadCount)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CaseEvents::Table)
                .col(big_pk_auto(CaseEvents::Id))
                .col(big_integer(CaseEvents::CaseId))
                .col(string_len(CaseEvents::Status, 20))
                .col(big_integer(CaseEvents::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseEvents::Table, CaseEvents::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("case_events_case")
                .table(CaseEvents::Table)
                .col(CaseEvents::CaseId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Messages::Table)
                .col(big_pk_auto(Messages::Id))
                .col(big_integer(Messages::CaseId))
                .col(boolean(Messages::FromApplicant))
                .col(string_len(Messages::Author, 250))
                .col(text(Messages::Body))
                .col(big_integer(Messages::CreatedAt))
                .col(big_integer_null(Messages::ReadAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Messages::Table, Messages::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("messages_case")
                .table(Messages::Table)
                .col(Messages::CaseId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CaseDocuments::Table)
                .col(big_pk_auto(CaseDocuments::Id))
                .col(big_integer(CaseDocuments::CaseId))
                .col(big_integer(CaseDocuments::DocumentId))
                .col(big_integer_null(CaseDocuments::MessageId))
                .col(string_len(CaseDocuments::Label, 200))
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseDocuments::Table, CaseDocuments::CaseId)
                        .to(Cases::Table, Cases::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CaseDocuments::Table, CaseDocuments::DocumentId)
                        .to(Documents::Table, Documents::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("case_documents_case")
                .table(CaseDocuments::Table)
                .col(CaseDocuments::CaseId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            CaseDocuments::Table.into_iden(),
            Messages::Table.into_iden(),
            CaseEvents::Table.into_iden(),
            Cases::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for t in [
            Documents::Table.into_iden(),
            Drafts::Table.into_iden(),
            ServiceForms::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for c in [
            Services::Description.into_iden(),
            Services::Audience.into_iden(),
            Services::MinTrust.into_iden(),
            Services::FeeKind.into_iden(),
            Services::FeeCents.into_iden(),
            Services::FeeDue.into_iden(),
            Services::FormVersion.into_iden(),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Services::Table)
                    .drop_column(c)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
