//! Accounts (a shared core): registration and activation, the password policy, finding an
//! account, its mailed tokens, re-entering the password, the failed-attempt throttle and the
//! devices it knows.

pub mod api;
#[cfg(feature = "ssr")]
pub mod common_passwords;
pub mod components;
#[cfg(feature = "ssr")]
pub mod known_device;
pub mod personal_data;
#[cfg(feature = "ssr")]
pub mod security_log;
#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(feature = "ssr")]
pub mod throttle;
pub mod validate;
