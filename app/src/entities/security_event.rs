use sea_orm::entity::prelude::*;

/// One entry of an account's security event log (`accounts::security_log`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "security_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub account_id: i64,
    pub at: i64,
    /// `SecurityEvent::code`.
    pub kind: String,
    /// The client's network (IPv4 /24, IPv6 /48), not its address.
    pub network: String,
    pub user_agent: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
