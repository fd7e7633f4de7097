use sea_orm::entity::prelude::*;

/// One line of an authority's audit log. The database refuses UPDATE and DELETE on the table.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub authority_id: i64,
    pub actor_account_id: Option<i64>,
    /// The actor's name at the time (the account may be gone later).
    pub actor: String,
    pub action: String,
    pub case_number: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub detail: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
