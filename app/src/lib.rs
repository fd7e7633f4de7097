//! Serviceportal: pages, components, server functions and shared domain types.
//!
//! Rule: code depends downward only — platform (state, config, db, mail, clock, error,
//! entities, kernel) → `access` → shared cores (accounts, documents, audit, services, cases)
//! → areas; never sideways between areas.
//! Each area folder holds its `types` (shared with the browser), `api` (server functions,
//! each asking `access` for a capability first), `components` and `ssr` (server only).
//! See ARCHITECTURE.md.
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

pub mod access;
pub mod accounts;
pub mod app;
pub mod applications;
pub mod audit;
pub mod auth;
pub mod authorities;
pub mod cases;
pub mod casework;
pub mod catalogue;
pub mod components;
pub mod documents;
pub mod error;
pub mod form_flash;
pub mod kernel;
pub mod mailbox;
pub mod organisations;
pub mod pages;
pub mod profile;
pub mod secret;
pub mod services;

#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod hashing;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod storage;
#[cfg(feature = "ssr")]
pub mod token;

pub use app::{App, shell};
