//! The append-only audit log (a shared core): who did what to which case, account or
//! service. Case work, the applicant's answers and the authority admin all write to it; the
//! admin's `Protokoll` reads it.

#[cfg(feature = "ssr")]
pub mod ssr;
pub mod types;
