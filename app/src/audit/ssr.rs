//! The append-only audit log (SPEC §5): who did what to which case or account, when. Entries
//! are written in the same transaction as the change they record; the database refuses to
//! change or delete them.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::types::{AuditLine, AuditPage};
use crate::access::{Citizen, Staff};
use crate::entities::audit_entry;
use crate::error::AppError;

pub const PAGE_SIZE: u64 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    StaffCreated,
    StaffDeactivated,
    StaffActivated,
    RoleChanged,
    ResponsibilityGranted,
    ResponsibilityRevoked,
    ServiceCreated,
    ServiceChanged,
    FormPublished,
    CaseTaken,
    CaseHandedBack,
    CaseReassigned,
    StatusChanged,
    MessageSent,
    QuestionSent,
    FeeSet,
    ApplicantAnswered,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::StaffCreated => "staff_created",
            Action::StaffDeactivated => "staff_deactivated",
            Action::StaffActivated => "staff_activated",
            Action::RoleChanged => "role_changed",
            Action::ResponsibilityGranted => "responsibility_granted",
            Action::ResponsibilityRevoked => "responsibility_revoked",
            Action::ServiceCreated => "service_created",
            Action::ServiceChanged => "service_changed",
            Action::FormPublished => "form_published",
            Action::CaseTaken => "case_taken",
            Action::CaseHandedBack => "case_handed_back",
            Action::CaseReassigned => "case_reassigned",
            Action::StatusChanged => "status_changed",
            Action::MessageSent => "message_sent",
            Action::QuestionSent => "question_sent",
            Action::FeeSet => "fee_set",
            Action::ApplicantAnswered => "applicant_answered",
        }
    }
}

/// Appends an entry; `actor` is `None` for the operator's command line.
pub async fn record(
    db: &impl ConnectionTrait,
    authority_id: i64,
    actor: Option<&Staff>,
    action: Action,
    case_number: Option<&str>,
    detail: &str,
) -> Result<(), AppError> {
    let name = actor.map_or_else(|| tr!("audit.operator"), |a| a.name().to_owned());
    insert(
        db,
        authority_id,
        actor.map(|a| a.account_id().get()),
        &name,
        action,
        case_number,
        detail,
    )
    .await
}

/// Appends an entry for something the applicant did to a case (e.g. answering a question).
pub async fn record_by_applicant(
    db: &impl ConnectionTrait,
    authority_id: i64,
    applicant: &Citizen,
    action: Action,
    case_number: &str,
) -> Result<(), AppError> {
    insert(
        db,
        authority_id,
        Some(applicant.account_id().get()),
        applicant.name(),
        action,
        Some(case_number),
        "",
    )
    .await
}

async fn insert(
    db: &impl ConnectionTrait,
    authority_id: i64,
    actor_account_id: Option<i64>,
    actor: &str,
    action: Action,
    case_number: Option<&str>,
    detail: &str,
) -> Result<(), AppError> {
    audit_entry::ActiveModel {
        authority_id: Set(authority_id),
        actor_account_id: Set(actor_account_id),
        actor: Set(actor.chars().take(250).collect()),
        action: Set(action.as_str().to_owned()),
        case_number: Set(case_number.map(str::to_owned)),
        detail: Set(detail.to_owned()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn line(e: audit_entry::Model) -> AuditLine {
    let key = format!("audit.action.{}", e.action);
    AuditLine {
        at: crate::clock::german_date_time(e.created_at),
        actor: e.actor,
        action: tr!(&key),
        case_number: e.case_number,
        detail: e.detail,
    }
}

/// The authority's log, newest first, `PAGE_SIZE` entries after the id `before`; optionally
/// only one case's entries.
pub async fn page(
    db: &impl ConnectionTrait,
    authority_id: i64,
    before: Option<i64>,
    case_number: Option<&str>,
) -> Result<AuditPage, AppError> {
    let mut q =
        audit_entry::Entity::find().filter(audit_entry::Column::AuthorityId.eq(authority_id));
    if let Some(b) = before {
        q = q.filter(audit_entry::Column::Id.lt(b));
    }
    if let Some(n) = case_number {
        q = q.filter(audit_entry::Column::CaseNumber.eq(n));
    }
    let mut rows = q
        .order_by_desc(audit_entry::Column::Id)
        .limit(PAGE_SIZE + 1)
        .all(db)
        .await?;
    let next = (rows.len() as u64 > PAGE_SIZE).then(|| {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|r| r.id).unwrap_or_default()
    });
    Ok(AuditPage {
        lines: rows.into_iter().map(line).collect(),
        next,
    })
}
