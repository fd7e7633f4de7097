use sea_orm::entity::prelude::*;

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
    /// `citizens`, `organisations` or `both`.
    pub audience: String,
    /// `basic` (a Servicekonto) or `substantial` (a Servicekonto Plus, eID).
    pub min_trust: String,
    /// `none`, `fixed` or `caseworker` (set while the case is worked on).
    pub fee_kind: String,
    pub fee_cents: Option<i64>,
    /// `submission` or `review`.
    pub fee_due: String,
    /// The published version of the form in `service_forms`; 0 while there is none.
    pub form_version: i32,
    /// The target time for a case, for the Postkorb's overdue marker.
    pub processing_days: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
