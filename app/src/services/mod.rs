//! Services: what the catalogue lists, what an application is filed for, what the back office
//! edits.

pub mod types;
