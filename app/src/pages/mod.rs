//! Pages that belong to no single area: home, help and the legal pages.

pub mod home;
pub mod info;
pub mod not_found;
pub mod profile;
