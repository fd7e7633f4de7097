//! Applications (SPEC §3.2): a service's form as data, drafts saved at every step, documents,
//! consent, the summary and the submission that turns a draft into a case.

pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
