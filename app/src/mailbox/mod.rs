//! The applicant's mailbox (SPEC §3.4): the case list with filters and search, a case with its
//! messages and documents, replies, trash, PDF export and live updates.

pub mod api;
pub mod components;
pub mod live;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod ssr;
