//! Authorities (tenants) and their online services: the catalogue the demo data fills.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Authorities {
    Table,
    Id,
    Slug,
    Name,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
    AuthorityId,
    Slug,
    Name,
    Summary,
    Category,
    Keywords,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Authorities::Table)
                .col(big_pk_auto(Authorities::Id))
                .col(string_len_uniq(Authorities::Slug, 80))
                .col(string_len(Authorities::Name, 200))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Services::Table)
                .col(big_pk_auto(Services::Id))
                .col(big_integer(Services::AuthorityId))
                .col(string_len_uniq(Services::Slug, 80))
                .col(string_len(Services::Name, 200))
                .col(text(Services::Summary))
                .col(string_len(Services::Category, 100))
                .col(text(Services::Keywords))
                .foreign_key(
                    ForeignKey::create()
                        .from(Services::Table, Services::AuthorityId)
                        .to(Authorities::Table, Authorities::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Services::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Authorities::Table).to_owned())
            .await?;
        Ok(())
    }
}
