//! Authorities and their staff (SPEC §5): roles, the staff context every back-office server
//! function starts from, and the authority admin's pages (`/verwaltung`).

pub mod api;
pub mod components;
pub mod types;

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod staff;
