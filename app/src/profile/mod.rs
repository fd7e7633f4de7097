//! "Mein Bereich": the account's own settings — password, active sessions, deleting the
//! account. Every function acts on the session's own account only.

pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod personal_data_store;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
