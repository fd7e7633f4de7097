//! Who works a case (server only): handing cases back to the unassigned pile, and telling the
//! responsible staff about new applications and answers. Case work, the authority admin and
//! the applicant's side all need these.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::types::CaseStatus;
use crate::access::Staff;
use crate::audit::ssr::{self as audit, Action};
use crate::entities::{account, case, responsibility, staff};
use crate::error::AppError;

/// The active members of staff responsible for a service.
pub async fn responsible_staff(
    db: &impl ConnectionTrait,
    service_id: i64,
) -> Result<Vec<staff::Model>, AppError> {
    let ids: Vec<i64> = responsibility::Entity::find()
        .select_only()
        .column(responsibility::Column::StaffId)
        .filter(responsibility::Column::ServiceId.eq(service_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(staff::Entity::find()
        .filter(staff::Column::Id.is_in(ids))
        .filter(staff::Column::Active.eq(true))
        .all(db)
        .await?)
}

/// The open cases a member had (of one service, or all) go back to the unassigned pile,
/// marked for attention and logged — when the member is deactivated or loses the service.
pub async fn release(
    txn: &impl ConnectionTrait,
    admin: &Staff,
    staff_id: i64,
    service_id: Option<i64>,
) -> Result<(), AppError> {
    let open = [
        CaseStatus::Received,
        CaseStatus::InProgress,
        CaseStatus::Question,
    ]
    .map(CaseStatus::as_str);
    let mut q = case::Entity::find()
        .filter(case::Column::AssigneeId.eq(staff_id))
        .filter(case::Column::Status.is_in(open));
    if let Some(s) = service_id {
        q = q.filter(case::Column::ServiceId.eq(s));
    }
    for c in q.all(txn).await? {
        unassign(txn, admin, &c, &tr!("casework.released")).await?;
    }
    Ok(())
}

/// Back to the unassigned pile, marked for attention, logged as `actor`'s act.
pub async fn unassign(
    txn: &impl ConnectionTrait,
    actor: &Staff,
    c: &case::Model,
    detail: &str,
) -> Result<(), AppError> {
    case::Entity::update_many()
        .col_expr(case::Column::AssigneeId, Expr::value(Option::<i64>::None))
        .col_expr(case::Column::AwaitingStaff, Expr::value(true))
        .filter(case::Column::Id.eq(c.id))
        .exec(txn)
        .await?;
    audit::record(
        txn,
        actor.authority_id(),
        Some(actor),
        Action::CaseHandedBack,
        Some(&c.number),
        detail,
    )
    .await
}

/// Mails every active caseworker responsible for the new case's service (link only).
pub async fn notify_new_application(
    txn: &crate::db::Txn,
    c: &case::Model,
    base_url: &url::Url,
) -> Result<(), AppError> {
    let members = responsible_staff(txn, c.service_id).await?;
    let accounts = account::Entity::find()
        .filter(account::Column::Id.is_in(members.iter().map(|m| m.account_id).collect::<Vec<_>>()))
        .all(txn)
        .await?;
    let link = base_url
        .join(&format!("/sachbearbeitung/{}", c.number))
        .map_err(AppError::internal)?;
    for a in accounts {
        crate::mail::outbox::enqueue(
            txn,
            &a.email,
            crate::mail::templates::new_application(link.as_str()),
        )
        .await?;
    }
    Ok(())
}

/// Mails the caseworker who has the case that the applicant wrote (link only).
pub async fn notify_assignee(
    txn: &crate::db::Txn,
    c: &case::Model,
    base_url: &url::Url,
) -> Result<(), AppError> {
    let Some(staff_id) = c.assignee_id else {
        return Ok(());
    };
    let Some(member) = staff::Entity::find_by_id(staff_id)
        .one(txn)
        .await?
        .filter(|m| m.active)
    else {
        return Ok(());
    };
    let Some(a) = account::Entity::find_by_id(member.account_id)
        .one(txn)
        .await?
    else {
        return Ok(());
    };
    let link = base_url
        .join(&format!("/sachbearbeitung/{}", c.number))
        .map_err(AppError::internal)?;
    crate::mail::outbox::enqueue(
        txn,
        &a.email,
        crate::mail::templates::applicant_replied(link.as_str()),
    )
    .await?;
    Ok(())
}
