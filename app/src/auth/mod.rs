//! Logging in and out, sessions, password reset, and protection against brute force.

pub mod api;
pub mod components;
pub mod context;
pub mod return_to;

pub mod passkey;
pub mod second_factor;
#[cfg(feature = "ssr")]
pub mod ssr;
