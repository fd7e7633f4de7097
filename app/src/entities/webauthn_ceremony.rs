use sea_orm::entity::prelude::*;

/// A WebAuthn ceremony between its two requests.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webauthn_ceremonies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// SHA-256 of the handle the browser sends back with the authenticator's answer.
    pub token_hash: String,
    /// The account registering or confirming; none for a passwordless login.
    pub account_id: Option<i64>,
    /// `register`, `login` or `factor`.
    pub purpose: String,
    /// The webauthn-rs state as JSON (challenge, expected user verification).
    pub state: String,
    pub expires_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
