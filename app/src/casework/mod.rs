//! The caseworker's side of a case (SPEC §5): the Postkorb of the services one is responsible
//! for, taking a case, status changes along the allowed paths, messages and questions to the
//! applicant, documents (with the applicant's consent), fees — each written to the audit log.

pub mod api;
pub mod components;
pub mod types;

#[cfg(feature = "ssr")]
pub mod ssr;
