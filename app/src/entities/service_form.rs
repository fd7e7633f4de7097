use sea_orm::entity::prelude::*;

/// One version of a service's form; a case keeps the version it was filed with.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_forms")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub service_id: i64,
    pub version: i32,
    /// `services::schema::FormSchema` as JSON.
    #[sea_orm(column_type = "Text")]
    pub schema: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
