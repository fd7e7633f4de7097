use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kept_form_errors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Hash of the `portal_form` cookie that names it.
    pub token_hash: String,
    /// The `AppError` as JSON, the values typed in included.
    #[sea_orm(column_type = "Text")]
    pub error: String,
    pub expires_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
