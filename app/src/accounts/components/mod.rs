//! Pages of the registration area; one component per file.

pub mod activate_page;
pub mod password_policy;
pub mod register_page;
