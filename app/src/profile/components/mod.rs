//! Sections of the "Mein Bereich" page; one component per file.

pub mod confirm_email_page;
pub mod delete_account_section;
pub mod email_section;
pub mod export_section;
pub mod my_data_section;
pub mod password_section;
pub mod security_log_section;
pub mod sessions_section;
