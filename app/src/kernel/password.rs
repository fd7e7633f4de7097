//! Password policies (SPEC §2.2). The composition rules run in the browser and on the server;
//! the list of common passwords is checked on the server only (see `common_passwords`), so the
//! WASM bundle does not carry it.

use serde::{Deserialize, Serialize};

/// Which rule set applies; chosen by the operator (`PORTAL_PASSWORD_POLICY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PasswordPolicy {
    /// The portal's default: 8–40 characters, two of three character groups.
    #[default]
    Portal,
    /// NIST SP 800-63B / OWASP ASVS: 8–128 characters, no composition rules.
    Nist,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordError {
    Empty,
    TooShort,
    TooLong { max: usize },
    Whitespace,
    AngleBracket,
    TooFewGroups,
    TooCommon,
    LikeEmail,
    RepeatMismatch,
}

impl PasswordError {
    pub fn message(self) -> String {
        match self {
            PasswordError::Empty => tr!("password.empty"),
            PasswordError::TooShort => tr!("password.too_short"),
            PasswordError::TooLong { max } => tr!("password.too_long", max = max),
            PasswordError::Whitespace => tr!("password.whitespace"),
            PasswordError::AngleBracket => tr!("password.angle_bracket"),
            PasswordError::TooFewGroups => tr!("password.too_few_groups"),
            PasswordError::TooCommon => tr!("password.too_common"),
            PasswordError::LikeEmail => tr!("password.like_email"),
            PasswordError::RepeatMismatch => tr!("password.repeat_mismatch"),
        }
    }
}

impl PasswordPolicy {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "portal" => Some(PasswordPolicy::Portal),
            "nist" => Some(PasswordPolicy::Nist),
            _ => None,
        }
    }

    pub fn max_len(self) -> usize {
        match self {
            PasswordPolicy::Portal => 40,
            PasswordPolicy::Nist => 128,
        }
    }

    /// Every rule that needs no list: length, characters, groups and similarity to `email`.
    pub fn check(self, password: &str, email: Option<&str>) -> Result<(), PasswordError> {
        if password.is_empty() {
            return Err(PasswordError::Empty);
        }
        let len = password.chars().count();
        if len < 8 {
            return Err(PasswordError::TooShort);
        }
        if len > self.max_len() {
            return Err(PasswordError::TooLong {
                max: self.max_len(),
            });
        }
        if self == PasswordPolicy::Portal {
            if password.chars().any(char::is_whitespace) {
                return Err(PasswordError::Whitespace);
            }
            if password.contains('<') || password.contains('>') {
                return Err(PasswordError::AngleBracket);
            }
            if character_groups(password) < 2 {
                return Err(PasswordError::TooFewGroups);
            }
        }
        if let Some(email) = email
            && resembles_email(password, email)
        {
            return Err(PasswordError::LikeEmail);
        }
        Ok(())
    }
}

/// Counts the groups of SPEC §2.2: (1) upper- AND lower-case letters (umlauts and ß count),
/// (2) digits, (3) special characters.
fn character_groups(password: &str) -> usize {
    let upper = password.chars().any(char::is_uppercase);
    let lower = password.chars().any(char::is_lowercase);
    let digit = password.chars().any(|c| c.is_ascii_digit());
    let special = password
        .chars()
        .any(|c| !c.is_alphanumeric() && !c.is_whitespace());
    usize::from(upper && lower) + usize::from(digit) + usize::from(special)
}

fn letters_and_digits(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when the password is built around the address: it contains the local part (of at
/// least four characters) or the whole address, or the local part contains the password.
fn resembles_email(password: &str, email: &str) -> bool {
    let pw = letters_and_digits(password);
    let email = email.trim().to_lowercase();
    let local = letters_and_digits(email.split('@').next().unwrap_or_default());
    if pw.is_empty() {
        return false;
    }
    let whole = letters_and_digits(&email);
    (local.chars().count() >= 4 && pw.contains(&local))
        || (!whole.is_empty() && pw.contains(&whole))
        || (pw.chars().count() >= 6 && local.contains(&pw))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const P: PasswordPolicy = PasswordPolicy::Portal;

    #[test]
    fn the_spec_examples_pass() {
        for ok in ["ABab1234", "ABab§$%?", "7890?!+-"] {
            assert_eq!(P.check(ok, None), Ok(()), "{ok}");
        }
    }

    #[test]
    fn umlauts_and_sharp_s_count_as_letters() {
        assert_eq!(P.check("Ääöüß123", None), Ok(()));
        assert_eq!(P.check("ÄÖÜäöü!!", None), Ok(()));
    }

    #[test]
    fn one_group_is_not_enough() {
        for bad in ["abcdefgh", "ABCDEFGH", "12345678", "!§$%&/()", "abcdefg1"] {
            // "abcdefg1": lower-case letters alone do not make group 1, so only digits count.
            assert_eq!(
                P.check(bad, None),
                Err(PasswordError::TooFewGroups),
                "{bad}"
            );
        }
    }

    #[test]
    fn length_limits_depend_on_the_policy() {
        assert_eq!(P.check("Ab1!", None), Err(PasswordError::TooShort));
        let long = format!("Ab1{}", "x".repeat(38));
        assert_eq!(
            P.check(&long, None),
            Err(PasswordError::TooLong { max: 40 })
        );
        assert_eq!(PasswordPolicy::Nist.check(&long, None), Ok(()));
        assert_eq!(PasswordPolicy::Nist.check("allesklein", None), Ok(()));
    }

    #[test]
    fn whitespace_and_angle_brackets_are_refused() {
        assert_eq!(P.check("ABab 1234", None), Err(PasswordError::Whitespace));
        assert_eq!(P.check("ABab<1234", None), Err(PasswordError::AngleBracket));
    }

    #[test]
    fn passwords_like_the_email_address_are_refused() {
        let email = Some("erika.mustermann@example.de");
        assert_eq!(
            P.check("Erika.Mustermann1", email),
            Err(PasswordError::LikeEmail)
        );
        assert_eq!(
            P.check("Mustermann!!", email),
            Err(PasswordError::LikeEmail)
        );
        assert_eq!(P.check("Grundsteuer#7", email), Ok(()));
    }

    proptest! {
        #[test]
        fn passwords_shorter_than_eight_never_pass(pw in "\\PC{0,7}") {
            prop_assert!(P.check(&pw, None).is_err());
            prop_assert!(PasswordPolicy::Nist.check(&pw, None).is_err());
        }

        #[test]
        fn letters_and_digits_of_allowed_length_pass(
            up in "[A-ZÄÖÜ]{1,5}", low in "[a-zäöüß]{1,5}", dig in "[0-9]{6,10}"
        ) {
            let pw = format!("{up}{low}{dig}");
            prop_assert_eq!(P.check(&pw, None), Ok(()));
        }

        #[test]
        fn any_whitespace_is_refused_by_the_portal_policy(a in "[A-Za-z0-9]{4,10}", b in "[A-Za-z0-9!]{4,10}", ws in "[ \t\n]") {
            let pw = format!("Aa1{a}{ws}{b}");
            prop_assert_eq!(P.check(&pw, None), Err(PasswordError::Whitespace));
        }
    }
}
