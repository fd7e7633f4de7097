use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "totp_factors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i64,
    /// The seed, sealed under the master key (`auth::second_factor::seed`).
    #[sea_orm(column_type = "Text")]
    pub secret: String,
    /// The time step of the last accepted code: a code is accepted only for a later step.
    pub last_used_step: Option<i64>,
    pub created_at: i64,
    /// `None` while the setup waits for its first code.
    pub confirmed_at: Option<i64>,
    /// Recovery codes in clear, only until the page that shows them once has read them.
    pub pending_codes: Option<String>,
    pub pending_codes_until: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
