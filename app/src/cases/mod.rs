//! Cases ("Vorgänge", SPEC §3.3): what a submitted application becomes — a readable number,
//! a status with its history, messages both ways and documents. The applicant's mailbox and
//! the caseworker's inbox are two views of this.

pub mod components;
#[cfg(feature = "ssr")]
pub mod detail;
pub mod filter_form;
#[cfg(feature = "ssr")]
pub mod numbers;
#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(feature = "ssr")]
pub mod staffing;
pub mod types;
