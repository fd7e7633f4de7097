//! Serviceportal: pages, components, server functions and shared domain types.
//!
//! Layers: each area folder holds its `types`/validation (always compiled, shared with the
//! browser), `api` (server functions: the only entry points from the browser, each checking
//! access first), `components` (pages), and `ssr` (server-only persistence and state
//! transitions). Components call `api`; `api` calls `ssr`; nothing in the browser touches
//! `ssr`, `entities` or `mail`.
#![recursion_limit = "512"]

// Every user-facing text lives in `app/locales/<lang>.yml`; German is the default and the
// fallback for texts a later locale does not have yet.
rust_i18n::i18n!("locales", fallback = "de");

/// A text from `app/locales/`, as an owned `String`: `tr!("login.title")`, or with values
/// `tr!("password.too_long", max = 40)` for `%{max}` in the text.
#[macro_export]
macro_rules! tr {
    ($($arg:tt)*) => { rust_i18n::t!($($arg)*).into_owned() };
}

pub mod accounts;
pub mod app;
pub mod applications;
pub mod auth;
pub mod authorities;
pub mod cases;
pub mod casework;
pub mod catalogue;
pub mod components;
pub mod documents;
pub mod error;
pub mod mailbox;
pub mod organisations;
pub mod pages;
pub mod profile;

#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod state;

pub use app::{App, shell};
