//! The service catalogue's pages (SPEC §3.1): the list, the search and its suggestions, over
//! `services::catalogue`.

pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod demo;
