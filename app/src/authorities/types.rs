use serde::{Deserialize, Serialize};

pub use crate::access::types::StaffRole;
use crate::kernel::person::{NameField, PersonName};
use crate::services::types::ServiceAdmin;

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
