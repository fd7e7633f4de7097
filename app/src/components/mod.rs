//! Components used by several areas: the page frame and form building blocks.

pub mod case_filter;
pub mod error_summary;
pub mod field;
pub mod layout;
pub mod session_timeout;
pub mod url;
