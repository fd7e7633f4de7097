use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    /// Written by the applicant (else by the authority, to the applicant).
    pub from_applicant: bool,
    /// The name shown as sender.
    pub author: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub created_at: i64,
    /// When the applicant opened it; only messages to the applicant are ever unread.
    pub read_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
