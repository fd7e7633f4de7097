//! Who is asking: resolved once per request from the session cookie (`session::resolve`),
//! and by the operator's tools for an account they name. Capabilities are made from it.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::AccountId;
use super::capabilities::{Citizen, Staff, StaffAdmin};
use super::types::{Method, StaffRole};
use crate::entities::{account, staff};
use crate::error::AppError;
use crate::kernel::trust::TrustLevel;

/// A live session and the facts about its account that access decisions need.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub session_id: i64,
    pub account_id: AccountId,
    pub last_seen_at: i64,
    pub expires_at: i64,
    /// The portal requires a second factor and this account has none yet.
    pub second_factor_setup_required: bool,
}

/// The account behind a session.
#[derive(Debug, Clone)]
pub(super) struct Person {
    /// "Vorname Nachname", for histories and the audit log.
    pub(super) name: String,
    pub(super) has_second_factor: bool,
    /// What the account's identity is proven to (SPEC §2.3); services ask for a least level.
    pub(super) trust: TrustLevel,
}

/// A seat in an authority's staff, active or not.
#[derive(Debug, Clone)]
pub(super) struct StaffSeat {
    pub(super) staff_id: i64,
    pub(super) authority_id: i64,
    pub(super) role: StaffRole,
    pub(super) active: bool,
}

/// Who is asking: the session, the account's name, second factor and trust level, its staff
/// seat. Anonymous visitors have no session. Organisation memberships join the
/// account's facts here when organisations exist; every capability is derived from this.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    session: Option<SessionInfo>,
    person: Option<Person>,
    staff: Option<StaffSeat>,
}

impl Actor {
    /// An anonymous visitor.
    pub fn anonymous() -> Actor {
        Actor::default()
    }

    /// The actor of a live session: one read of its account and of its staff seat.
    /// Without `email_factor_allowed` (`PORTAL_EMAIL_FACTOR=off`) an account whose factor is
    /// the e-mail link has no factor that counts: its session may only set up another one.
    pub(super) async fn of_session(
        db: &impl ConnectionTrait,
        mut session: SessionInfo,
        email_factor_allowed: bool,
    ) -> Result<Actor, AppError> {
        let Some(a) = account::Entity::find_by_id(session.account_id.get())
            .one(db)
            .await?
        else {
            return Ok(Actor::anonymous());
        };
        let seat = staff::Entity::find()
            .filter(staff::Column::AccountId.eq(a.id))
            .one(db)
            .await?;
        let staff = match seat {
            Some(s) => Some(StaffSeat {
                staff_id: s.id,
                authority_id: s.authority_id,
                role: StaffRole::parse(&s.role).ok_or_else(|| {
                    AppError::internal(format!("staff {}: unknown role {:?}", s.id, s.role))
                })?,
                active: s.active,
            }),
            None => None,
        };
        let method = match Method::from_stored(&a.second_factor) {
            Method::Email if !email_factor_allowed => Method::None,
            m => m,
        };
        if method == Method::None && Method::from_stored(&a.second_factor) == Method::Email {
            session.second_factor_setup_required = true;
        }
        let person = Person {
            name: format!("{} {}", a.first_name, a.last_name),
            has_second_factor: method != Method::None,
            trust: a.trust_level,
        };
        Ok(Actor {
            session: Some(session),
            person: Some(person),
            staff,
        })
    }

    /// The operator's tools (CLI, benchmarks) acting as an existing account, as if it had
    /// logged in with every step done.
    pub async fn of_account(
        db: &impl ConnectionTrait,
        account_id: AccountId,
    ) -> Result<Actor, AppError> {
        let session = SessionInfo {
            session_id: 0,
            account_id,
            last_seen_at: 0,
            expires_at: i64::MAX,
            second_factor_setup_required: false,
        };
        Actor::of_session(db, session, true).await
    }

    pub fn session(&self) -> Option<&SessionInfo> {
        self.session.as_ref()
    }

    /// A logged-in person acting on their own account: `Unauthenticated`, or
    /// `SecondFactorRequired` while the session may only set up the second factor.
    pub fn citizen(&self) -> Result<Citizen, AppError> {
        let (Some(session), Some(person)) = (&self.session, &self.person) else {
            return Err(AppError::Unauthenticated);
        };
        if session.second_factor_setup_required {
            return Err(AppError::SecondFactorRequired);
        }
        Ok(Citizen::new(
            session.clone(),
            person.name.clone(),
            person.trust,
        ))
    }

    /// An active member of staff with a second factor (SPEC §5: mandatory for staff):
    /// `Forbidden` for citizens and deactivated members.
    pub fn staff(&self) -> Result<Staff, AppError> {
        let citizen = self.citizen()?;
        let seat = self
            .staff
            .as_ref()
            .filter(|s| s.active)
            .ok_or(AppError::Forbidden)?;
        if !self.person.as_ref().is_some_and(|p| p.has_second_factor) {
            return Err(AppError::SecondFactorRequired);
        }
        Ok(Staff::new(citizen, seat))
    }

    /// An admin of their authority.
    pub fn staff_admin(&self) -> Result<StaffAdmin, AppError> {
        self.staff()?.admin()
    }

    /// The role of an active member of staff (for the header's links).
    pub fn staff_role(&self) -> Option<StaffRole> {
        self.staff.as_ref().filter(|s| s.active).map(|s| s.role)
    }

    /// Has this account a staff seat at all, active or not?
    pub fn is_staff(&self) -> bool {
        self.staff.is_some()
    }
}

/// Is this account staff at all (active or not)? Staff must set up a second factor at login.
pub async fn has_staff_seat(
    db: &impl ConnectionTrait,
    account_id: AccountId,
) -> Result<bool, AppError> {
    Ok(staff::Entity::find()
        .filter(staff::Column::AccountId.eq(account_id))
        .one(db)
        .await?
        .is_some())
}
