//! Who is asking, and what they may do. The session middleware (`session::resolve`) turns
//! the cookie into an [`Actor`] once per request; a server function starts by asking for the
//! capability it needs — [`citizen`], [`staff`], [`staff_admin`] — and hands it to the area
//! code, which never takes a bare account id. Who may read a case is decided in
//! [`case_policy`] alone.
//!
//! Layer: above the platform (state, db, entities, errors), below every area.

pub mod types;

#[cfg(feature = "ssr")]
mod account_id;
#[cfg(feature = "ssr")]
mod actor;
#[cfg(feature = "ssr")]
mod capabilities;
#[cfg(feature = "ssr")]
pub mod case_policy;
#[cfg(feature = "ssr")]
pub mod ctx;
#[cfg(feature = "ssr")]
pub mod session;

#[cfg(feature = "ssr")]
pub use account_id::AccountId;
#[cfg(feature = "ssr")]
pub use actor::{Actor, SessionInfo, has_staff_seat};
#[cfg(feature = "ssr")]
pub use capabilities::{Citizen, Staff, StaffAdmin};
#[cfg(feature = "ssr")]
pub use case_policy::{CaseOwner, CaseReader};

#[cfg(feature = "ssr")]
mod current {
    use super::{Citizen, Staff, StaffAdmin};
    use crate::error::AppError;
    use crate::state::AppState;

    fn actor() -> Result<super::Actor, AppError> {
        Ok(super::ctx::RequestCtx::current()?.actor)
    }

    /// The state and the logged-in person of the current request.
    pub fn citizen() -> Result<(AppState, Citizen), AppError> {
        let me = actor()?.citizen()?;
        Ok((AppState::current()?, me))
    }

    /// The state and the member of staff of the current request.
    pub fn staff() -> Result<(AppState, Staff), AppError> {
        let me = actor()?.staff()?;
        Ok((AppState::current()?, me))
    }

    /// The state and the authority admin of the current request.
    pub fn staff_admin() -> Result<(AppState, StaffAdmin), AppError> {
        let me = actor()?.staff_admin()?;
        Ok((AppState::current()?, me))
    }
}

#[cfg(feature = "ssr")]
pub use current::{citizen, staff, staff_admin};
