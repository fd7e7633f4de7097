//! The id of an account, as a type of its own: handed out by the access layer (for the
//! session's account) and by account rows the code has just read, so a number from a request
//! cannot pass for somebody's account, and an account id cannot be mixed up with a staff,
//! service or case id.

use crate::entities::account;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(i64);

impl AccountId {
    /// The id of an account row.
    pub fn of(account: &account::Model) -> AccountId {
        AccountId(account.id)
    }

    /// An id read from a row that refers to an account (a session, a token, a staff seat).
    pub(crate) fn from_row(id: i64) -> AccountId {
        AccountId(id)
    }

    /// The number, for a query or a row being written.
    pub fn get(self) -> i64 {
        self.0
    }
}

impl From<AccountId> for sea_orm::Value {
    fn from(id: AccountId) -> Self {
        sea_orm::Value::BigInt(Some(id.0))
    }
}
