//! A string that must never be shown, logged or sent back: passwords, tokens.

use std::fmt;

/// No `Serialize`, no `Display`, and `Debug` prints a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Secret(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn debug_output_hides_the_value() {
        let s = super::Secret::new("hunter2".into());
        assert!(!format!("{s:?}").contains("hunter2"));
    }
}
