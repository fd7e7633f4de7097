//! Who may read a case: the one rule behind every reader — the mailbox and its count, the
//! case page, its PDF, document downloads, live events, the data export, the Postkorb and
//! case work. Each reader becomes one query condition, so lists and single cases cannot
//! disagree, and a case someone may not read does not exist for them (`NotFound`).
//!
//! - the applicant reads the cases they own (today every owner is an account; a case filed
//!   for an organisation will add its permitted members here);
//! - staff read the cases of their authority's services they are responsible for, admins
//!   those of all their authority's services.

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition};

use super::AccountId;
use super::capabilities::{Citizen, Staff};
use crate::entities::{case, responsibility, service};

/// Whose a case is: the account that filed it — an organisation next (SPEC §4: every member
/// permitted for the service reads it), which adds a variant here and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseOwner {
    Account(AccountId),
}

impl CaseOwner {
    /// The owner as stored on the case row.
    pub fn account_id(self) -> AccountId {
        match self {
            CaseOwner::Account(id) => id,
        }
    }

    /// The owner of a stored case.
    pub fn of(c: &case::Model) -> CaseOwner {
        CaseOwner::Account(AccountId::from_row(c.account_id))
    }
}

#[derive(Debug, Clone, Copy)]
pub enum CaseReader<'a> {
    Applicant(&'a Citizen),
    Staff(&'a Staff),
}

impl CaseReader<'_> {
    /// The cases this reader may see, as a condition on `cases`.
    pub fn condition(self) -> Condition {
        match self {
            CaseReader::Applicant(citizen) => {
                let accounts = citizen.owners().into_iter().map(CaseOwner::account_id);
                Condition::all().add(case::Column::AccountId.is_in(accounts))
            }
            CaseReader::Staff(staff) => {
                let mut services = Query::select();
                services
                    .column(service::Column::Id)
                    .from(service::Entity)
                    .and_where(Expr::col(service::Column::AuthorityId).eq(staff.authority_id()));
                if !staff.is_admin() {
                    let mut responsible = Query::select();
                    responsible
                        .column(responsibility::Column::ServiceId)
                        .from(responsibility::Entity)
                        .and_where(Expr::col(responsibility::Column::StaffId).eq(staff.staff_id()));
                    services.and_where(Expr::col(service::Column::Id).in_subquery(responsible));
                }
                Condition::all().add(case::Column::ServiceId.in_subquery(services))
            }
        }
    }
}

impl<'a> From<&'a Citizen> for CaseReader<'a> {
    fn from(c: &'a Citizen) -> Self {
        CaseReader::Applicant(c)
    }
}

impl<'a> From<&'a Staff> for CaseReader<'a> {
    fn from(s: &'a Staff) -> Self {
        CaseReader::Staff(s)
    }
}
