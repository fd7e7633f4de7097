//! Levels of assurance of an identity, one vocabulary for accounts and services.

use serde::{Deserialize, Serialize};

/// How well an account holder's identity is known, in the eIDAS levels of assurance; a
/// service names the least it needs. Ordered: `Low < Substantial < High`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum TrustLevel {
    /// Self-registered: the e-mail address is confirmed, nothing more (a Servicekonto).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "low"))]
    Low,
    /// Identified through an eID such as the online ID card (a Servicekonto Plus).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "substantial"))]
    Substantial,
    /// An eID at eIDAS level high.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "high"))]
    High,
}

impl TrustLevel {
    pub const ALL: [TrustLevel; 3] = [TrustLevel::Low, TrustLevel::Substantial, TrustLevel::High];

    /// The value in forms and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            TrustLevel::Low => "low",
            TrustLevel::Substantial => "substantial",
            TrustLevel::High => "high",
        }
    }

    pub fn parse(s: &str) -> Option<TrustLevel> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// A Servicekonto Plus, whose identity fields come from the eID.
    pub fn is_plus(self) -> bool {
        self != TrustLevel::Low
    }

    /// What the account or the service is called for this level.
    pub fn label(self) -> String {
        let key = format!("trust.{}", self.as_str());
        tr!(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_ordered_vocabulary_for_accounts_and_services() {
        assert_eq!(
            TrustLevel::parse("substantial"),
            Some(TrustLevel::Substantial)
        );
        assert!(!TrustLevel::Low.is_plus());
        assert!(
            TrustLevel::Low < TrustLevel::Substantial && TrustLevel::Substantial < TrustLevel::High
        );
        // The old service vocabulary is gone (the migration turned it into `low`).
        assert_eq!(TrustLevel::parse("basic"), None);
        for t in TrustLevel::ALL {
            assert_eq!(TrustLevel::parse(t.as_str()), Some(t));
        }
    }
}
