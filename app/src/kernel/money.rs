//! Amounts of money in euro cents: one type for fees and (next) payments, formatted and
//! parsed the German way in one place.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A non-negative amount in euro cents, at most 9,999,999.99 €.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Money(i64);

impl Money {
    pub const MAX_CENTS: i64 = 999_999_999;

    pub fn from_cents(cents: i64) -> Option<Money> {
        (0..=Self::MAX_CENTS)
            .contains(&cents)
            .then_some(Money(cents))
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    /// Reads `12`, `12,5`, `12,50`, `12.50` or `12,50 €`; `None` for anything else (a
    /// thousands separator, a sign, more than two decimals).
    pub fn parse(input: &str) -> Option<Money> {
        let s = input.trim().trim_end_matches('€').trim().replace('.', ",");
        let (whole, frac) = s.split_once(',').unwrap_or((&s, ""));
        let digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || whole.len() > 7 || frac.len() > 2 || !digits(whole) || !digits(frac)
        {
            return None;
        }
        let cents = format!("{frac:0<2}").parse::<i64>().ok()?;
        Money::from_cents(whole.parse::<i64>().ok()? * 100 + cents)
    }

    /// The amount as typed into a form: `30,60` (no currency sign).
    pub fn to_input(self) -> String {
        format!("{},{:02}", self.0 / 100, self.0 % 100)
    }
}

/// `30,60 €`
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} €", self.to_input())
    }
}

impl TryFrom<i64> for Money {
    type Error = String;

    fn try_from(cents: i64) -> Result<Self, Self::Error> {
        Money::from_cents(cents).ok_or_else(|| format!("{cents} cents is not an amount"))
    }
}

impl From<Money> for i64 {
    fn from(m: Money) -> i64 {
        m.0
    }
}

#[cfg(test)]
mod tests {
    use super::Money;
    use proptest::prelude::*;

    #[test]
    fn euros_are_read_the_german_way_and_the_dotted_way() {
        assert_eq!(Money::parse("45").map(Money::cents), Some(4500));
        assert_eq!(Money::parse("45,5").map(Money::cents), Some(4550));
        assert_eq!(Money::parse("45,50 €").map(Money::cents), Some(4550));
        assert_eq!(Money::parse("0.99").map(Money::cents), Some(99));
        for bad in ["", "zwölf", "1,234", "-5", "1,2,3", "12345678", ","] {
            assert_eq!(Money::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn amounts_are_shown_with_a_comma_and_the_euro_sign() {
        assert_eq!(Money::from_cents(3060).unwrap().to_string(), "30,60 €");
        assert_eq!(Money::from_cents(5).unwrap().to_string(), "0,05 €");
        assert_eq!(Money::from_cents(-1), None);
    }

    #[test]
    fn json_cannot_smuggle_a_negative_amount() {
        assert!(serde_json::from_str::<Money>("-100").is_err());
        assert_eq!(serde_json::from_str::<Money>("100").unwrap().cents(), 100);
    }

    proptest! {
        #[test]
        fn what_is_shown_reads_back_as_the_same_amount(cents in 0i64..=Money::MAX_CENTS) {
            let m = Money::from_cents(cents).unwrap();
            prop_assert_eq!(Money::parse(&m.to_string()), Some(m));
            prop_assert_eq!(Money::parse(&m.to_input()), Some(m));
        }
    }
}
