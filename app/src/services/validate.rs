//! The rules of the admin's service form, run in the browser (the message as soon as a field
//! is left) and by the server (the decision), so both say the same.

use crate::kernel::money::Money;
use crate::kernel::slug::Slug;
use crate::kernel::text::{BoundedText, TextError};

pub type Name = BoundedText<200>;
pub type Summary = BoundedText<500>;
pub type Category = BoundedText<100>;
pub type Description = BoundedText<10_000>;
pub type Keywords = BoundedText<1_000>;

pub fn slug(v: &str) -> Result<Slug, String> {
    Slug::parse(v).ok_or_else(|| tr!("admin.service.slug_invalid"))
}

pub fn required<const MAX: usize>(v: &str) -> Result<BoundedText<MAX>, String> {
    BoundedText::parse(v).map_err(TextError::message)
}

pub fn optional<const MAX: usize>(v: &str) -> Result<BoundedText<MAX>, String> {
    BoundedText::parse_optional(v).map_err(TextError::message)
}

/// A fixed fee: more than nothing, at most 9,999,999.99 €.
pub fn fee(v: &str) -> Result<Money, String> {
    Money::parse(v)
        .filter(|m| m.cents() > 0)
        .ok_or_else(|| tr!("admin.service.fee_invalid"))
}

/// The target time in days, 1 to 365.
pub fn processing_days(v: &str) -> Result<i32, String> {
    v.trim()
        .parse::<i32>()
        .ok()
        .filter(|d| (1..=365).contains(d))
        .ok_or_else(|| tr!("admin.service.days_invalid"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_service_form_rules() {
        assert!(slug("Hunde-Steuer").is_ok());
        assert!(slug("neu").is_err());
        assert!(required::<5>("  ").is_err());
        assert!(optional::<5>("").is_ok());
        assert_eq!(fee("30,60").unwrap().cents(), 3060);
        assert!(fee("0").is_err());
        assert!(fee("-3").is_err());
        assert_eq!(processing_days(" 14 "), Ok(14));
        assert!(processing_days("0").is_err());
        assert!(processing_days("366").is_err());
    }
}
