//! Organisation master-data fields (SPEC §2.2); the organisation area builds on them.

use serde::{Deserialize, Serialize};

/// 1–40 characters; letters, digits and special characters except `"` `<` `>` `{` `}` `[` `]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrganisationName(String);

crate::kernel::parsed_from_string!(OrganisationName, OrganisationName::parse);

const FORBIDDEN: &str = "\"<>{}[]";

impl OrganisationName {
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err(tr!("organisation.name_empty"));
        }
        if s.chars().count() > 40 {
            return Err(tr!("organisation.name_too_long"));
        }
        if let Some(c) = s.chars().find(|c| FORBIDDEN.contains(*c) || c.is_control()) {
            return Err(tr!("organisation.name_forbidden_char", c = c));
        }
        Ok(OrganisationName(s.to_owned()))
    }
}

/// Commercial register number ("HRB 12345"); optional, as only registered companies have one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CommercialRegisterNumber(Option<String>);

impl TryFrom<String> for CommercialRegisterNumber {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        CommercialRegisterNumber::parse(&s)
    }
}

impl From<CommercialRegisterNumber> for String {
    fn from(v: CommercialRegisterNumber) -> String {
        v.0.unwrap_or_default()
    }
}

impl CommercialRegisterNumber {
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        if s.is_empty() {
            return Ok(CommercialRegisterNumber(None));
        }
        let valid = s.chars().count() <= 30
            && s.chars().any(|c| c.is_ascii_digit())
            && s.chars().all(|c| c.is_alphanumeric() || " .-/".contains(c));
        if valid {
            Ok(CommercialRegisterNumber(Some(s.to_owned())))
        } else {
            Err(tr!("organisation.register_number_invalid"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn organisation_names_follow_the_rules() {
        assert!(OrganisationName::parse("Müller & Söhne GmbH").is_ok());
        assert!(OrganisationName::parse(&"x".repeat(40)).is_ok());
        assert!(OrganisationName::parse(&"x".repeat(41)).is_err());
        assert!(OrganisationName::parse("").is_err());
    }

    #[test]
    fn register_number_is_optional() {
        assert_eq!(
            CommercialRegisterNumber::parse(" "),
            Ok(CommercialRegisterNumber(None))
        );
        assert!(CommercialRegisterNumber::parse("HRB 12345").is_ok());
        assert!(CommercialRegisterNumber::parse("HRB <1>").is_err());
    }

    #[test]
    fn deserialising_goes_through_the_parser() {
        assert!(serde_json::from_str::<OrganisationName>(r#""A <b>""#).is_err());
        let n: OrganisationName = serde_json::from_str(r#"" Müller GmbH ""#).unwrap();
        assert_eq!(n, OrganisationName::parse("Müller GmbH").unwrap());
    }

    proptest! {
        #[test]
        fn any_forbidden_character_is_refused(a in "[A-Za-z]{1,10}", i in 0usize..7) {
            let c = FORBIDDEN.chars().nth(i).unwrap();
            let name = format!("{a}{c}");
            prop_assert!(OrganisationName::parse(&name).is_err());
        }
    }
}
