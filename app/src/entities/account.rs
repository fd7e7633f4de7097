use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub public_id: String,
    pub email: String,
    pub password_hash: String,
    pub first_name: String,
    pub last_name: String,
    /// `pending` until the activation link is used, then `active`.
    pub status: String,
    pub trust_level: crate::kernel::trust::TrustLevel,
    pub created_at: i64,
    pub activated_at: Option<i64>,
    /// `none`, `totp` or `email` (see `auth::second_factor::Method`).
    pub second_factor: String,
    pub salutation: Option<String>,
    pub title: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub date_of_birth: Option<String>,
    pub street: Option<String>,
    pub house_number: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub po_box: Option<String>,
    pub phone: Option<String>,
    /// When the owner was last mailed about a lock, so that a guessing attacker cannot flood
    /// their inbox.
    pub lock_mailed_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
