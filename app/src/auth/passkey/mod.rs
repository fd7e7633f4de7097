//! Passkeys (WebAuthn): registered from "Mein Bereich", used as the second factor after the
//! password, or alone for a passwordless login — the phishing-resistant option (SPEC §2.3).
//! The browser does the ceremony through `navigator.credentials` (see `browser`); the server
//! (webauthn-rs) issues the challenges and checks the signatures.

use serde::{Deserialize, Serialize};

pub mod api;
pub mod components;

#[cfg(feature = "hydrate")]
pub mod browser;
#[cfg(feature = "ssr")]
pub mod ssr;

/// The first half of a ceremony: the handle to send back and the options for the browser
/// (WebAuthn JSON, as `PublicKeyCredential.parse…OptionsFromJSON` reads it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyOptions {
    pub ceremony: String,
    pub options: String,
}

/// A registered passkey as "Mein Bereich" lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyView {
    /// The credential's own id (base64url), not a database row.
    pub id: String,
    pub name: String,
    pub created: String,
    pub last_used: Option<String>,
}

/// A passkey's name: 1–100 characters, no markup.
pub fn check_name(name: &str) -> Result<String, String> {
    let n = name.trim();
    if n.is_empty() {
        return Err(tr!("passkey.name_empty"));
    }
    if n.chars().count() > 100 || n.contains('<') || n.contains('>') {
        return Err(tr!("passkey.name_invalid"));
    }
    Ok(n.to_owned())
}
