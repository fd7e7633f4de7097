pub mod case_page;
pub mod mailbox_page;
