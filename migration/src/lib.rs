//! Schema migrations. Every schema change is a new file here; never edit one that has shipped.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_accounts;
mod m20261122_000002_catalogue;
mod m20261122_000003_email_change;
mod m20261122_000004_second_factor;
mod m20261122_000005_personal_data;
mod m20261122_000006_passkeys;
mod m20261122_000007_cases;
mod m20261122_000008_casework;
mod m20261202_000009_trust_vocabulary;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_accounts::Migration),
            Box::new(m20261122_000002_catalogue::Migration),
            Box::new(m20261122_000003_email_change::Migration),
            Box::new(m20261122_000004_second_factor::Migration),
            Box::new(m20261122_000005_personal_data::Migration),
            Box::new(m20261122_000006_passkeys::Migration),
            Box::new(m20261122_000007_cases::Migration),
            Box::new(m20261122_000008_casework::Migration),
            Box::new(m20261202_000009_trust_vocabulary::Migration),
        ]
    }
}
