//! Pages that belong to no single area, and the frame around all pages: home, help, the legal
//! pages, "Mein Bereich" (which gathers sections of several areas) and the layout. This is the
//! top layer: it may use every area, and no area uses it.

pub mod home;
pub mod info;
pub mod layout;
pub mod profile;
#[cfg(feature = "ssr")]
pub mod upload;
