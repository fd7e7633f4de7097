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
mod m20261204_000010_known_devices;
mod m20261204_000011_kept_form_errors;
mod m20261204_000012_case_documents_of_staff;
mod m20261204_000013_security_events;
mod m20261204_000014_sealed_totp_seeds;
mod m20261204_000015_staff_documents_to_their_cases;

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
            Box::new(m20261204_000010_known_devices::Migration),
            Box::new(m20261204_000011_kept_form_errors::Migration),
            Box::new(m20261204_000012_case_documents_of_staff::Migration),
            Box::new(m20261204_000013_security_events::Migration),
            Box::new(m20261204_000014_sealed_totp_seeds::Migration),
            Box::new(m20261204_000015_staff_documents_to_their_cases::Migration),
        ]
    }
}
