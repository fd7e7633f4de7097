use sea_orm::entity::prelude::*;

/// A file in a user's document safe or, uploaded by staff, of one case; its bytes are
/// encrypted in the blob store.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub public_id: String,
    /// Who uploaded it; the owner, unless it belongs to a case.
    pub account_id: i64,
    /// Staff's documents belong to the case they were uploaded for, never to the caseworker.
    pub case_id: Option<i64>,
    pub file_name: String,
    /// Detected from the content, never taken from the browser.
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
