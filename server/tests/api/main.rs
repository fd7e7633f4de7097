//! Integration tests over HTTP against the real server, each on SQLite and on PostgreSQL.

mod support;

mod access;
mod applications;
mod casework;
mod compression;
mod csrf;
mod email_change;
mod export;
mod hardening;
mod login;
mod mail_outbox;
mod mail_tls;
mod my_data;
mod no_javascript;
mod passkeys;
mod password_reset;
mod profile;
mod registration;
mod second_factor;
mod sessions;
mod status_codes;
