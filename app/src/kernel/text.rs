//! Free text with a length limit: names, summaries and descriptions typed in the back office.

use serde::{Deserialize, Serialize};

/// Trimmed text of 1 to `MAX` characters (or 0 to `MAX` where `parse_optional` made it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BoundedText<const MAX: usize>(String);

/// Why a text was refused, for the caller to word for its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    Missing,
    TooLong { max: usize },
}

impl TextError {
    /// The German message next to the field.
    pub fn message(self) -> String {
        match self {
            TextError::Missing => tr!("form.missing"),
            TextError::TooLong { max } => tr!("form.too_long", max = max),
        }
    }
}

impl<const MAX: usize> BoundedText<MAX> {
    /// Required text.
    pub fn parse(input: &str) -> Result<Self, TextError> {
        match Self::parse_optional(input)? {
            t if t.0.is_empty() => Err(TextError::Missing),
            t => Ok(t),
        }
    }

    /// Text that may be empty.
    pub fn parse_optional(input: &str) -> Result<Self, TextError> {
        let s = input.trim();
        if s.chars().count() > MAX {
            return Err(TextError::TooLong { max: MAX });
        }
        Ok(BoundedText(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl<const MAX: usize> TryFrom<String> for BoundedText<MAX> {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse_optional(&s).map_err(TextError::message)
    }
}

impl<const MAX: usize> From<BoundedText<MAX>> for String {
    fn from(t: BoundedText<MAX>) -> String {
        t.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            BoundedText::<5>::parse("  abcde ").unwrap().as_str(),
            "abcde"
        );
        assert_eq!(
            BoundedText::<5>::parse("abcdef"),
            Err(TextError::TooLong { max: 5 })
        );
        assert_eq!(BoundedText::<5>::parse("   "), Err(TextError::Missing));
        assert_eq!(BoundedText::<5>::parse_optional(" ").unwrap().as_str(), "");
        assert!(serde_json::from_str::<BoundedText<3>>(r#""abcd""#).is_err());
    }
}
