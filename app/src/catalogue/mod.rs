//! The service catalogue: authorities and their online services (SPEC §3.1). So far the list
//! and a plain search; forms and applications come with the applications area.

pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod demo;
