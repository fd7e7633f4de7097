//! Domain values shared by every layer and by both sides (server and browser): each can only
//! hold a valid value, and deserialising one goes through its parser.

pub mod money;
pub mod service_terms;
pub mod trust;
