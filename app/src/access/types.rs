//! Facts about who is asking that the browser sees too (the header shows the staff role).

use serde::{Deserialize, Serialize};

/// The live mailbox's event stream (`mailbox::live`).
pub const LIVE_EVENTS_PATH: &str = "/postfach/ereignisse";

/// Requests here neither count as the user being active nor extend the session: the
/// session clock's question and the live mailbox.
pub const PASSIVE_PATHS: [&str; 2] = ["/api/session_status", LIVE_EVENTS_PATH];

pub use crate::kernel::trust::TrustLevel;

/// A staff member's role at their authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffRole {
    Caseworker,
    Admin,
}

impl StaffRole {
    pub const ALL: [StaffRole; 2] = [StaffRole::Caseworker, StaffRole::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Caseworker => "caseworker",
            StaffRole::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<StaffRole> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> String {
        let key = format!("staff.role.{}", self.as_str());
        tr!(&key)
    }
}

/// The second factor an account has chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    None,
    Totp,
    Email,
    /// Only passkeys (an account with TOTP or e-mail may have passkeys too).
    Passkey,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::None => "none",
            Method::Totp => "totp",
            Method::Email => "email",
            Method::Passkey => "passkey",
        }
    }

    /// The stored value; anything unknown counts as no factor (and is logged by the caller).
    pub fn from_stored(value: &str) -> Method {
        match value {
            "totp" => Method::Totp,
            "email" => Method::Email,
            "passkey" => Method::Passkey,
            _ => Method::None,
        }
    }
}
