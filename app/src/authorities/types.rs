use serde::{Deserialize, Serialize};

pub use crate::access::types::StaffRole;
use crate::kernel::person::{NameField, PersonName};
use crate::services::types::{FeeDue, FeeKind, TrustLevel};

/// A row of `Mitarbeitende`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    /// The member's public id (their account's), never the database row.
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: StaffRole,
    pub active: bool,
    /// The invitation has not been used yet (no password set).
    pub invited: bool,
    pub has_second_factor: bool,
    /// Slugs of the services the member is responsible for.
    pub services: Vec<String>,
}

/// A service as the authority admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceAdmin {
    /// Also the service's id in the admin's addresses; empty for a service not saved yet.
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub description: String,
    pub category: String,
    pub keywords: String,
    pub min_trust: TrustLevel,
    pub fee_kind: FeeKind,
    /// Euros as typed, e.g. `30,60`; empty without a fixed fee.
    pub fee: String,
    pub fee_due: FeeDue,
    pub processing_days: i32,
    pub form_version: i32,
    /// The published form as pretty JSON (the editor's starting text).
    pub schema_json: String,
}

/// `/verwaltung`: everything the authority admin's pages show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub authority: String,
    pub staff: Vec<StaffMember>,
    pub services: Vec<ServiceAdmin>,
}

/// A new member's first or last name, as the admin types it (the browser and the server run
/// this): the rules of every person's name, worded for someone else's.
pub fn staff_name(v: &str, field: NameField) -> Result<PersonName, String> {
    if v.trim().is_empty() {
        return Err(tr!("staff.name_missing"));
    }
    PersonName::parse(v, field)
}
