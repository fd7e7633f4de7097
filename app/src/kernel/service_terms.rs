//! The service model's vocabulary, shared by the catalogue, applications, the back office and
//! (next) payments. Each is stored as a sea-orm active enum: a value in the database that is
//! not one of these is an error when the row is read, never a silent default.

use serde::{Deserialize, Serialize};

pub use super::money::Money;
pub use super::trust::TrustLevel;

/// Who may use a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Audience {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "citizens"))]
    Citizens,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "organisations"))]
    Organisations,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "both"))]
    Both,
}

/// How a service's fee comes about (the amount of a fixed fee is stored beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum FeeKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "none"))]
    None,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "fixed"))]
    Fixed,
    /// The caseworker sets the amount while working the case.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "caseworker"))]
    SetByCaseworker,
}

impl FeeKind {
    pub const ALL: [FeeKind; 3] = [FeeKind::None, FeeKind::Fixed, FeeKind::SetByCaseworker];

    /// The value in forms and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            FeeKind::None => "none",
            FeeKind::Fixed => "fixed",
            FeeKind::SetByCaseworker => "caseworker",
        }
    }

    pub fn parse(s: &str) -> Option<FeeKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The choice in the back office's service form.
    pub fn label(self) -> String {
        let key = format!("admin.service.fee_{}", self.as_str());
        tr!(&key)
    }
}

/// A service's fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fee {
    None,
    Fixed(Money),
    SetByCaseworker,
}

impl Fee {
    /// The fee from its two stored columns; a fixed fee without an amount is an error.
    pub fn from_parts(kind: FeeKind, cents: Option<i64>) -> Result<Fee, String> {
        match kind {
            FeeKind::None => Ok(Fee::None),
            FeeKind::SetByCaseworker => Ok(Fee::SetByCaseworker),
            FeeKind::Fixed => cents
                .and_then(Money::from_cents)
                .map(Fee::Fixed)
                .ok_or_else(|| format!("fixed fee without a valid amount: {cents:?}")),
        }
    }

    pub fn kind(self) -> FeeKind {
        match self {
            Fee::None => FeeKind::None,
            Fee::Fixed(_) => FeeKind::Fixed,
            Fee::SetByCaseworker => FeeKind::SetByCaseworker,
        }
    }

    /// The amount to store beside the kind.
    pub fn cents(self) -> Option<i64> {
        match self {
            Fee::Fixed(m) => Some(m.cents()),
            _ => None,
        }
    }
}

/// When a fee is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum FeeDue {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submission"))]
    AtSubmission,
    /// After the authority reviewed the application.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "review"))]
    AfterReview,
}

impl FeeDue {
    pub const ALL: [FeeDue; 2] = [FeeDue::AtSubmission, FeeDue::AfterReview];

    pub fn as_str(self) -> &'static str {
        match self {
            FeeDue::AtSubmission => "submission",
            FeeDue::AfterReview => "review",
        }
    }

    pub fn parse(s: &str) -> Option<FeeDue> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// The choice in the back office's service form.
    pub fn label(self) -> String {
        let key = format!("admin.service.due_{}", self.as_str());
        tr!(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_fee_needs_an_amount() {
        assert!(Fee::from_parts(FeeKind::Fixed, None).is_err());
        assert!(Fee::from_parts(FeeKind::Fixed, Some(-5)).is_err());
        let fee = Fee::from_parts(FeeKind::Fixed, Some(3060)).unwrap();
        assert_eq!((fee.kind(), fee.cents()), (FeeKind::Fixed, Some(3060)));
        assert_eq!(
            Fee::from_parts(FeeKind::SetByCaseworker, Some(100))
                .unwrap()
                .cents(),
            None
        );
    }

    #[test]
    fn form_values_read_back_as_the_same_choice() {
        for k in FeeKind::ALL {
            assert_eq!(FeeKind::parse(k.as_str()), Some(k));
        }
        for d in FeeDue::ALL {
            assert_eq!(FeeDue::parse(d.as_str()), Some(d));
        }
        assert_eq!(FeeKind::parse("Fixed"), None);
    }
}
