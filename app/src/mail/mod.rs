//! Outgoing mail (server only). Mails are stored in the `mail_outbox` table first and sent by
//! a background worker with retries, so an SMTP outage loses nothing (SPEC §3.6). Mail bodies
//! never carry case content, only that something happened and a link.

pub mod outbox;
pub mod templates;
pub mod transport;
