//! The service model's types; its vocabulary sits in the kernel so that the entities can store it.

use serde::{Deserialize, Serialize};

pub use crate::kernel::money::Money;
pub use crate::kernel::service_terms::{Audience, Fee, FeeDue, FeeKind};
pub use crate::kernel::trust::TrustLevel;

/// A row of the catalogue: a published service (one with a published form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub category: String,
    pub authority: String,
}

/// A published service as anyone may read it, worded for the service page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceFacts {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub description: String,
    pub authority: String,
    pub category: String,
    /// "Gebührenfrei", "25,00 €", "Die Gebühr legt die Behörde bei der Bearbeitung fest."
    pub fee: String,
    /// When a fee is due; empty for a service without one.
    pub fee_due: String,
    /// "Servicekonto" or "Servicekonto Plus (Online-Ausweis)".
    pub trust_needed: String,
    /// The labels of the form's upload fields.
    pub required_documents: Vec<String>,
}

/// A service as the authority admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceAdmin {
    /// Also the service's id in the admin's addresses; empty for a service not saved yet.
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub description: String,
    pub category: String,
    pub keywords: String,
    pub min_trust: TrustLevel,
    pub fee_kind: FeeKind,
    /// Euros as typed, e.g. `30,60`; empty without a fixed fee.
    pub fee: String,
    pub fee_due: FeeDue,
    pub processing_days: i32,
    pub form_version: i32,
    /// The published form as pretty JSON (the editor's starting text).
    pub schema_json: String,
}
