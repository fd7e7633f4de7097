//! Pages of the login area; one component per file.

pub mod forgot_password_page;
pub mod login_page;
pub mod reset_password_page;
pub mod session_timeout;
