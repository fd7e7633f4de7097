use sea_orm::entity::prelude::*;

use crate::kernel::service_terms::{Audience, Fee, FeeDue, FeeKind, TrustLevel};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "services")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub authority_id: i64,
    pub slug: String,
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    pub category: String,
    #[sea_orm(column_type = "Text")]
    pub keywords: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub audience: Audience,
    /// The least trust level an applicant's account needs.
    pub min_trust: TrustLevel,
    /// Read both fee columns through [`Model::fee`].
    pub fee_kind: FeeKind,
    pub fee_cents: Option<i64>,
    pub fee_due: FeeDue,
    /// The published version of the form in `service_forms`; 0 while there is none.
    pub form_version: i32,
    /// The target time for a case, for the Postkorb's overdue marker.
    pub processing_days: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The fee from its two columns; a fixed fee stored without a valid amount is a fault.
    pub fn fee(&self) -> Result<Fee, crate::error::AppError> {
        Fee::from_parts(self.fee_kind, self.fee_cents)
            .map_err(|e| crate::error::AppError::internal(format!("service {}: {e}", self.slug)))
    }
}
