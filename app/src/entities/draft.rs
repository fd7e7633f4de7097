use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "drafts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Random, in URLs; the owner check is what protects it.
    pub public_id: String,
    pub account_id: i64,
    pub service_id: i64,
    pub form_version: i32,
    /// `services::schema::Answers` as JSON.
    #[sea_orm(column_type = "Text")]
    pub answers: String,
    pub consent: bool,
    pub created_at: i64,
    pub updated_at: i64,
    /// The applicant agrees to receive documents from the authority through the portal.
    pub documents_consent: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
