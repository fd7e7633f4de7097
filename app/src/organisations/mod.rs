//! Organisations ("Servicekonto Business"); so far the shared field types.
pub mod types;
