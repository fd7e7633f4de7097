//! The e-mail address, which is also the login name (SPEC §2.2).

use serde::{Deserialize, Serialize};

/// A syntactically valid, ASCII-only address, stored lower-case so that comparisons are
/// case-insensitive everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

super::parsed_from_string!(EmailAddress, |s: &str| EmailAddress::parse(s)
    .map_err(EmailError::message));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailError {
    Empty,
    TooLong,
    NonAscii,
    AngleBracket,
    Malformed,
}

impl EmailError {
    pub fn message(self) -> String {
        match self {
            EmailError::Empty => tr!("email.empty"),
            EmailError::TooLong => tr!("email.too_long"),
            EmailError::NonAscii => tr!("email.non_ascii"),
            EmailError::AngleBracket => tr!("email.angle_bracket"),
            EmailError::Malformed => tr!("email.malformed"),
        }
    }
}

const LOCAL_SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~.";

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.contains('<') || s.contains('>') {
            return Err(EmailError::AngleBracket);
        }
        if !s.is_ascii() {
            return Err(EmailError::NonAscii);
        }
        if s.len() > 254 {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = s.rsplit_once('@').ok_or(EmailError::Malformed)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            && labels
                .last()
                .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if !(local_ok && domain_ok) {
            return Err(EmailError::Malformed);
        }
        Ok(EmailAddress(s.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn local_part(&self) -> &str {
        self.0.split('@').next().unwrap_or_default()
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn json_cannot_make_an_invalid_address() {
        assert!(serde_json::from_str::<EmailAddress>(r#""not an address""#).is_err());
        let a: EmailAddress = serde_json::from_str(r#""Max@Example.DE""#).unwrap();
        assert_eq!(a.as_str(), "max@example.de");
    }

    #[test]
    fn ordinary_addresses_are_accepted_and_lower_cased() {
        let e = EmailAddress::parse("  Erika.Mustermann@Example.DE ").unwrap();
        assert_eq!(e.as_str(), "erika.mustermann@example.de");
        assert!(EmailAddress::parse("a+tag@sub.example.org").is_ok());
    }

    #[test]
    fn umlauts_are_rejected_with_their_own_message() {
        assert_eq!(
            EmailAddress::parse("jürgen@example.de"),
            Err(EmailError::NonAscii)
        );
        assert_eq!(
            EmailAddress::parse("a@straße.de"),
            Err(EmailError::NonAscii)
        );
    }

    #[test]
    fn angle_brackets_are_rejected() {
        assert_eq!(
            EmailAddress::parse("<a@b.de>"),
            Err(EmailError::AngleBracket)
        );
        assert_eq!(
            EmailAddress::parse("a>b@c.de"),
            Err(EmailError::AngleBracket)
        );
    }

    #[test]
    fn malformed_addresses_are_rejected() {
        for bad in [
            "a",
            "a@",
            "@b.de",
            "a@b",
            "a..b@c.de",
            ".a@b.de",
            "a@-b.de",
            "a@b.d",
            "a b@c.de",
            "a@b.123",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(EmailError::Malformed),
                "{bad}"
            );
        }
        assert_eq!(EmailAddress::parse("   "), Err(EmailError::Empty));
    }

    proptest! {
        #[test]
        fn any_non_ascii_character_is_refused(pre in "[a-z]{1,10}", c in "[^\\x00-\\x7f]", post in "[a-z]{1,5}") {
            let input = format!("{pre}{c}{post}@example.de");
            prop_assert!(EmailAddress::parse(&input).is_err());
        }

        #[test]
        fn parsing_is_case_insensitive(local in "[A-Za-z0-9]{1,20}", dom in "[A-Za-z]{1,10}") {
            let a = EmailAddress::parse(&format!("{local}@{dom}.de")).unwrap();
            let b = EmailAddress::parse(&format!("{}@{}.DE", local.to_uppercase(), dom.to_uppercase())).unwrap();
            prop_assert_eq!(a, b);
        }
    }
}
