//! Services (a shared core): the service model and its vocabulary, the form as data and its
//! renderer, finding a service and publishing its form. The catalogue lists services, the
//! applications area files for them, the authority admin edits them — all through here.

pub mod form_fields;
pub mod schema;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod summary;
pub mod types;
pub mod validate;
