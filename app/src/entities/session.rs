use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// SHA-256 of the cookie token (hex); the token itself is never stored.
    pub token_hash: String,
    pub account_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// The absolute end of the session, whatever the activity.
    pub expires_at: i64,
    pub user_agent: String,
    /// May only set up a second factor (the portal requires one and the account has none).
    pub second_factor_setup_required: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
