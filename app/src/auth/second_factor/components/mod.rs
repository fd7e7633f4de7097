pub mod challenge_page;
pub mod link_page;
pub mod profile_section;
pub mod recovery_codes_page;
pub mod setup_page;
