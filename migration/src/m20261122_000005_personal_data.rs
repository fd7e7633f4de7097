//! "Meine Daten": salutation, title, date of birth, address, PO box and phone on the account.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Accounts {
    Table,
    Salutation,
    Title,
    DateOfBirth,
    Street,
    HouseNumber,
    Postcode,
    City,
    PoBox,
    Phone,
}

const COLUMNS: [(Accounts, u32); 9] = [
    (Accounts::Salutation, 16),
    (Accounts::Title, 40),
    (Accounts::DateOfBirth, 10),
    (Accounts::Street, 100),
    (Accounts::HouseNumber, 11),
    (Accounts::Postcode, 5),
    (Accounts::City, 100),
    (Accounts::PoBox, 20),
    (Accounts::Phone, 30),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite cannot add several in one ALTER TABLE.
        for (col, len) in COLUMNS {
            m.alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .add_column(string_len_null(col, len))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (col, _) in COLUMNS {
            m.alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
