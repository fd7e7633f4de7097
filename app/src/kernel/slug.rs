//! Slugs: the public names of services and authorities in addresses (`/dienste/{slug}`).

use serde::{Deserialize, Serialize};

/// 1–80 of `a-z`, `0-9` and `-`, lower-cased on parsing; never `neu`, the address of the
/// form for a new service.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

super::parsed_from_string!(Slug, |s: &str| Slug::parse(s)
    .ok_or_else(|| format!("not a slug: {s:?}")));

impl Slug {
    pub const MAX_LEN: usize = 80;

    pub fn parse(input: &str) -> Option<Slug> {
        let s = input.trim().to_lowercase();
        let valid = !s.is_empty()
            && s != "neu"
            && s.len() <= Self::MAX_LEN
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        valid.then_some(Slug(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugs_are_lower_case_letters_digits_and_hyphens() {
        assert_eq!(
            Slug::parse(" Hundesteuer-2 ").unwrap().as_str(),
            "hundesteuer-2"
        );
        assert!(Slug::parse("").is_none());
        assert!(Slug::parse("neu").is_none());
        assert!(Slug::parse("hunde steuer").is_none());
        assert!(Slug::parse("ä").is_none());
        assert!(Slug::parse(&"a".repeat(81)).is_none());
        assert!(serde_json::from_str::<Slug>(r#""a/b""#).is_err());
    }

    proptest! {
        #[test]
        fn a_parsed_slug_parses_again_unchanged(s in "[a-zA-Z0-9-]{1,80}") {
            if let Some(slug) = Slug::parse(&s) {
                prop_assert_eq!(Slug::parse(slug.as_str()), Some(slug.clone()));
            }
        }
    }
}
