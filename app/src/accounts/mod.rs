//! Citizen accounts: registration, activation, the field rules of SPEC §2.2.

pub mod api;
#[cfg(feature = "ssr")]
pub mod common_passwords;
pub mod components;
pub mod password;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod validate;
