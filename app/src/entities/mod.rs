//! sea-orm entities, one per table, mirroring `migration/`. Only table shapes live here; the
//! queries and state transitions are in each area's `ssr` module.

pub mod account;
pub mod audit_entry;
pub mod authority;
pub mod case;
pub mod case_document;
pub mod case_event;
pub mod document;
pub mod draft;
pub mod email_token;
pub mod kept_form_error;
pub mod known_device;
pub mod login_challenge;
pub mod login_throttle;
pub mod mail_outbox;
pub mod message;
pub mod passkey;
pub mod recovery_code;
pub mod responsibility;
pub mod security_event;
pub mod service;
pub mod service_form;
pub mod session;
pub mod staff;
pub mod totp_factor;
pub mod webauthn_ceremony;
