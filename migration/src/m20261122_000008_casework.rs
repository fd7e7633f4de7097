//! The authority side (SPEC §5): staff of an authority with their roles, who is responsible
//! for which service, who has taken a case, and the append-only audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Authorities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
    ProcessingDays,
}

#[derive(DeriveIden)]
enum Drafts {
    Table,
    DocumentsConsent,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    ServiceId,
    AssigneeId,
    DocumentsConsent,
    FeeCents,
    DueAt,
    AwaitingStaff,
    LastActivityAt,
}

#[derive(DeriveIden)]
enum Staff {
    Table,
    Id,
    AccountId,
    AuthorityId,
    Role,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Responsibilities {
    Table,
    Id,
    StaffId,
    ServiceId,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    AuthorityId,
    ActorAccountId,
    Actor,
    Action,
    CaseNumber,
    Detail,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Staff::Table)
                .col(big_pk_auto(Staff::Id))
                .col(big_integer_uniq(Staff::AccountId))
                .col(big_integer(Staff::AuthorityId))
                .col(string_len(Staff::Role, 16))
                .col(boolean(Staff::Active))
                .col(big_integer(Staff::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Staff::Table, Staff::AccountId)
                        .to(Accounts::Table, Accounts::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Staff::Table, Staff::AuthorityId)
                        .to(Authorities::Table, Authorities::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("staff_authority")
                .table(Staff::Table)
                .col(Staff::AuthorityId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Responsibilities::Table)
                .col(big_pk_auto(Responsibilities::Id))
                .col(big_integer(Responsibilities::StaffId))
                .col(big_integer(Responsibilities::ServiceId))
                .foreign_key(
                    ForeignKey::create()
                        .from(Responsibilities::Table, Responsibilities::StaffId)
                        .to(Staff::Table, Staff::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Responsibilities::Table, Responsibilities::ServiceId)
                        .to(Services::Table, Services::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("responsibilities_pair")
                .table(Responsibilities::Table)
                .col(Responsibilities::StaffId)
                .col(Responsibilities::ServiceId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("responsibilities_service")
                .table(Responsibilities::Table)
                .col(Responsibilities::ServiceId)
                .to_owned(),
        )
        .await?;

        // No foreign keys: an entry outlives the account, case and service it names.
        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(big_pk_auto(AuditLog::Id))
                .col(big_integer(AuditLog::AuthorityId))
                .col(big_integer_null(AuditLog::ActorAccountId))
                .col(string_len(AuditLog::Actor, 250))
                .col(string_len(AuditLog::Action, 40))
                .col(string_len_null(AuditLog::CaseNumber, 32))
                .col(text(AuditLog::Detail))
                .col(big_integer(AuditLog::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("audit_log_authority")
                .table(AuditLog::Table)
                .col(AuditLog::AuthorityId)
                .col(AuditLog::Id)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("audit_log_case")
                .table(AuditLog::Table)
                .col(AuditLog::CaseNumber)
                .to_owned(),
        )
        .await?;
        append_only(m).await?;

        // SQLite adds one column per ALTER TABLE.
        let mut days = integer(Services::ProcessingDays).default(14).to_owned();
        m.alter_table(
            Table::alter()
                .table(Services::Table)
                .add_column(&mut days)
                .to_owned(),
        )
        .await?;
        let mut consent = boolean(Drafts::DocumentsConsent).default(false).to_owned();
        m.alter_table(
            Table::alter()
                .table(Drafts::Table)
                .add_column(&mut consent)
                .to_owned(),
        )
        .await?;
        let columns = [
            big_integer_null(Cases::AssigneeId),
            boolean(Cases::DocumentsConsent).default(false).to_owned(),
            big_integer_null(Cases::FeeCents),
            big_integer(Cases::DueAt).default(0).to_owned(),
            boolean(Cases::AwaitingStaff).default(true).to_owned(),
        ];
        for mut c in columns {
            m.alter_table(
                Table::alter()
                    .table(Cases::Table)
                    .add_column(&mut c)
                    .to_owned(),
            )
            .await?;
        }
        // Cases filed before this migration get the default target time.
        m.get_connection()
            .execute_unprepared("UPDATE cases SET due_at = created_at + 14 * 86400")
            .await?;
        m.create_index(
            Index::create()
                .name("cases_service_activity")
                .table(Cases::Table)
                .col(Cases::ServiceId)
                .col(Cases::LastActivityAt)
                .to_owned(),
        )
        .await?;
        // "Unassigned" and "mine" in the Postkorb: the assignee, then the newest first.
        m.create_index(
            Index::create()
                .name("cases_assignee")
                .table(Cases::Table)
                .col(Cases::AssigneeId)
                .col(Cases::LastActivityAt)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in ["cases_service_activity", "cases_assignee"] {
            m.drop_index(Index::drop().name(name).table(Cases::Table).to_owned())
                .await?;
        }
        for c in [
            Cases::AssigneeId.into_iden(),
            Cases::DocumentsConsent.into_iden(),
            Cases::FeeCents.into_iden(),
            Cases::DueAt.into_iden(),
            Cases::AwaitingStaff.into_iden(),
        ] {
            m.alter_table(Table::alter().table(Cases::Table).drop_column(c).to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Drafts::Table)
                .drop_column(Drafts::DocumentsConsent)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Services::Table)
                .drop_column(Services::ProcessingDays)
                .to_owned(),
        )
        .await?;
        for t in [
            AuditLog::Table.into_iden(),
            Responsibilities::Table.into_iden(),
            Staff::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Postgres {
            m.get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_log_append_only()")
                .await?;
        }
        Ok(())
    }
}

/// The audit log refuses UPDATE and DELETE in the database itself, not only in our code.
async fn append_only(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    match m.get_database_backend() {
        sea_orm_migration::sea_orm::DatabaseBackend::Postgres => {
            db.execute_unprepared(
                "CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$ \
                 BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql",
            )
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
                 FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
            )
            .await?;
        }
        _ => {
            for op in ["UPDATE", "DELETE"] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER audit_log_no_{op} BEFORE {op} ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
                ))
                .await?;
            }
        }
    }
    Ok(())
}
