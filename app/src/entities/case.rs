use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Readable and random, e.g. `VG-2026-7KQ4-M2XD`.
    pub number: String,
    pub account_id: i64,
    pub service_id: i64,
    /// Copied at submission, for sorting and searching without a join.
    pub service_name: String,
    pub form_version: i32,
    pub title: String,
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub answers: String,
    /// Folded title, number and message texts, for the mailbox search.
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    /// Messages to the applicant not yet read; kept in the same transaction as the messages.
    pub unread_count: i32,
    pub created_at: i64,
    pub last_activity_at: i64,
    pub trashed_at: Option<i64>,
    /// The staff member (`staff.id`) who has taken the case; `None` while unassigned.
    pub assignee_id: Option<i64>,
    /// The applicant agreed to receive documents from the authority through the portal.
    pub documents_consent: bool,
    /// A fee the caseworker set.
    pub fee_cents: Option<i64>,
    /// When the case should be done (filing time + the service's processing days).
    pub due_at: i64,
    /// New application or new answer from the applicant that staff have not acted on.
    pub awaiting_staff: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
