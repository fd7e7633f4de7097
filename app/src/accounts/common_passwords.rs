//! The offline list of common passwords (server only). `common_passwords.txt` holds the
//! 10,000 most frequent passwords of the zxcvbn frequency list (MIT licence,
//! github.com/dropbox/zxcvbn), one per line, lower-case.

use std::collections::HashSet;
use std::sync::LazyLock;

static LIST: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common_passwords.txt").lines().collect());

/// True for a listed password, ignoring case, also when only digits or symbols were added
/// at the end ("Sommer2024!" stands for "sommer").
pub fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    if LIST.contains(lower.as_str()) {
        return true;
    }
    let stem = lower.trim_end_matches(|c: char| !c.is_alphabetic());
    stem.chars().count() >= 5 && LIST.contains(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_ten_thousand_entries() {
        assert_eq!(LIST.len(), 10_000);
    }

    #[test]
    fn common_passwords_are_found_in_any_case_and_with_suffixes() {
        assert!(is_common("password"));
        assert!(is_common("PassWord"));
        assert!(is_common("Password123!"));
        assert!(is_common("Sunshine2024"));
        assert!(!is_common("Grundsteuer#7Xq"));
    }
}
