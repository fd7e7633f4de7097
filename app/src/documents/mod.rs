//! Uploaded documents (a shared core, SPEC §3.2): checked by content, encrypted at rest, kept in the user's
//! document safe and attached to applications and replies from there.

pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod download;
pub mod sniff;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
