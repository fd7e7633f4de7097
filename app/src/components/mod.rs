//! Components used by several areas: the page frame and form building blocks.

pub mod error_summary;
pub mod field;
pub mod not_found;
pub mod notice;
pub mod url;
