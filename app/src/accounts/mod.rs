//! Accounts (a shared core): registration and activation, the password policy, finding an
//! account, its mailed tokens, re-entering the password and the failed-attempt throttle.

pub mod api;
#[cfg(feature = "ssr")]
pub mod common_passwords;
pub mod components;
pub mod personal_data;
#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(feature = "ssr")]
pub mod throttle;
pub mod validate;
