//! Services (a shared core): the service model and its vocabulary, the form as data and its
//! renderer, the catalogue of published services, the admin's editing and publishing. The
//! catalogue area lists services, applications files for them, authorities edits them — all
//! through here.

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod catalogue;
pub mod form_fields;
pub mod schema;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod summary;
pub mod types;
pub mod validate;
