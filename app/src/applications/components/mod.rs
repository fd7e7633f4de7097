pub mod drafts_section;
pub mod service_page;
pub mod step_page;
pub mod submitted_page;
