use sea_orm::entity::prelude::*;

/// A login whose password was right and that waits for its second factor. The browser holds
/// the token in a short-lived cookie; only its hash is stored.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_challenges")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub token_hash: String,
    pub account_id: i64,
    /// `totp` or `email`.
    pub method: String,
    pub return_to: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub attempts: i32,
    /// For `email`: the hash of the token in the mailed link.
    pub mail_token_hash: Option<String>,
    /// For `email`: when the link's confirm button was pressed.
    pub confirmed_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
