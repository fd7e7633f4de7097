//! Domain values shared by every layer and by both sides (server and browser): each can only
//! hold a valid value, and deserialising one goes through its parser.

/// Serde for a string newtype through its parser, so that no JSON can make an invalid value:
/// `parsed_from_string!(Street, Street::parse)`; the parser returns `Result<Self, String>`.
macro_rules! parsed_from_string {
    ($ty:ident, $parse:expr) => {
        impl TryFrom<String> for $ty {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> {
                ($parse)(s.as_str())
            }
        }
        impl From<$ty> for String {
            fn from(v: $ty) -> String {
                v.0
            }
        }
    };
}
pub(crate) use parsed_from_string;

pub mod date;
pub mod email;
pub mod money;
pub mod password;
pub mod person;
pub mod search;
pub mod service_terms;
pub mod session;
pub mod slug;
pub mod text;
pub mod trust;
