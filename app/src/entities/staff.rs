use sea_orm::entity::prelude::*;

/// A staff account of an authority (SPEC §5). The account logs in like any other; this row
/// gives it its authority and role.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub account_id: i64,
    pub authority_id: i64,
    /// `caseworker` or `admin`.
    pub role: String,
    /// A deactivated member keeps their name in histories but can no longer work.
    pub active: bool,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
