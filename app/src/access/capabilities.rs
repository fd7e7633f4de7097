//! Capabilities: proof that the access layer checked who is asking. Their fields are
//! private and only [`Actor`](super::Actor) makes them, so area code that takes a `&Staff`
//! cannot be reached by a citizen, and code that takes a `&Citizen` acts on that account alone.

use super::AccountId;
use super::actor::{SessionInfo, StaffSeat};
use super::case_policy::CaseOwner;
use super::types::StaffRole;
use crate::error::AppError;
use crate::kernel::trust::TrustLevel;

/// A logged-in person acting on their own account, drafts, documents and cases. Staff hold
/// one too, for their own profile.
#[derive(Debug, Clone)]
pub struct Citizen {
    session: SessionInfo,
    name: String,
    trust: TrustLevel,
}

impl Citizen {
    pub(super) fn new(session: SessionInfo, name: String, trust: TrustLevel) -> Citizen {
        Citizen {
            session,
            name,
            trust,
        }
    }

    /// The account's trust level, read with this request; a service asks for a least one.
    pub fn trust(&self) -> TrustLevel {
        self.trust
    }

    /// The account acted on; queries filter by it.
    pub fn account_id(&self) -> AccountId {
        self.session.account_id
    }

    /// The owners whose cases this person reads: their own account (and, with
    /// organisations, each organisation they may act for).
    pub fn owners(&self) -> Vec<CaseOwner> {
        vec![CaseOwner::Account(self.account_id())]
    }

    pub fn session(&self) -> &SessionInfo {
        &self.session
    }

    /// "Vorname Nachname" as the account holds it now.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// An active member of an authority's staff with a second factor.
#[derive(Debug, Clone)]
pub struct Staff {
    person: Citizen,
    staff_id: i64,
    authority_id: i64,
    role: StaffRole,
}

impl Staff {
    pub(super) fn new(person: Citizen, seat: &StaffSeat) -> Staff {
        Staff {
            person,
            staff_id: seat.staff_id,
            authority_id: seat.authority_id,
            role: seat.role,
        }
    }

    pub fn staff_id(&self) -> i64 {
        self.staff_id
    }

    pub fn authority_id(&self) -> i64 {
        self.authority_id
    }

    pub fn account_id(&self) -> AccountId {
        self.person.account_id()
    }

    /// The member as a person, acting on their own account (e.g. their own documents).
    pub fn person(&self) -> &Citizen {
        &self.person
    }

    pub fn role(&self) -> StaffRole {
        self.role
    }

    pub fn is_admin(&self) -> bool {
        self.role == StaffRole::Admin
    }

    /// "Vorname Nachname", for histories and the audit log.
    pub fn name(&self) -> &str {
        self.person.name()
    }

    /// The same member as an admin: `Forbidden` for a caseworker.
    pub fn admin(self) -> Result<StaffAdmin, AppError> {
        if self.is_admin() {
            Ok(StaffAdmin(self))
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// An admin of an authority: manages its staff, services, responsibilities and log.
#[derive(Debug, Clone)]
pub struct StaffAdmin(Staff);

impl std::ops::Deref for StaffAdmin {
    type Target = Staff;

    fn deref(&self) -> &Staff {
        &self.0
    }
}
