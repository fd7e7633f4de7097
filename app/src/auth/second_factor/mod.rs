//! The second factor (SPEC §2.3): an authenticator app (TOTP) with recovery codes, or a
//! single-use e-mail link. The types here are shared with the browser; `challenge` runs the
//! login step after the password, `setup` the choices in "Mein Bereich".

use serde::{Deserialize, Serialize};

pub mod api;
pub mod components;

#[cfg(feature = "ssr")]
pub mod challenge;
#[cfg(feature = "ssr")]
pub mod recovery;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod setup;
#[cfg(feature = "ssr")]
pub mod totp;

pub use crate::access::types::Method;

/// What the second login step shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeView {
    pub method: Method,
    /// For the e-mail link: the link's button has been pressed.
    pub confirmed: bool,
    /// The account has passkeys: "Mit Passkey bestätigen" is offered.
    pub passkey: bool,
}

/// The "Zwei-Faktor-Authentifizierung" section of the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorStatus {
    pub method: Method,
    pub recovery_codes_left: usize,
    /// The operator can switch the e-mail factor off (it is no real factor for NIST).
    pub email_allowed: bool,
    /// The operator requires a second factor: it cannot be switched off.
    pub required: bool,
    pub passkeys: Vec<crate::auth::passkey::PasskeyView>,
}

/// The QR code and secret of an authenticator setup that waits for its first code. Sent to
/// the browser on purpose: the user must copy it into the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetupView {
    pub secret_grouped: String,
    pub qr_svg: String,
}
