//! The back office's access to cases and its actions on them (server only).
//!
//! Access: a case is visible to staff of the authority that offers its service — to the
//! caseworkers responsible for that service and to the authority's admins; to anyone else it
//! is `NotFound`, as if it did not exist. Changing a case needs more: the caseworker must have
//! taken it (`In Bearbeitung nehmen`). Every change writes an audit entry in its transaction.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::types::{Colleague, InboxFilter, InboxList, InboxRow, InboxView, WorkCase};
use crate::access::Staff;
use crate::audit::ssr::{self as audit, Action};
use crate::cases::ssr::{Criteria, status};
use crate::cases::types::CaseStatus;
use crate::entities::{account, case, responsibility, service, staff};
use crate::error::{AppError, FieldErrors};
use crate::services::types::{FeeKind, Money};
use crate::state::AppState;

/// The services whose cases `st` may see: those they are responsible for; all of the
/// authority's for an admin.
pub async fn visible_services(db: &impl ConnectionTrait, st: &Staff) -> Result<Vec<i64>, AppError> {
    if st.is_admin() {
        return Ok(service::Entity::find()
            .select_only()
            .column(service::Column::Id)
            .filter(service::Column::AuthorityId.eq(st.authority_id()))
            .into_tuple()
            .all(db)
            .await?);
    }
    responsible_services(db, st.staff_id()).await
}

async fn responsible_services(
    db: &impl ConnectionTrait,
    staff_id: i64,
) -> Result<Vec<i64>, AppError> {
    Ok(responsibility::Entity::find()
        .select_only()
        .column(responsibility::Column::ServiceId)
        .filter(responsibility::Column::StaffId.eq(staff_id))
        .into_tuple()
        .all(db)
        .await?)
}

/// A case `st` may see, with whether they are responsible for its service.
pub struct Access {
    pub case: case::Model,
    pub service: service::Model,
    pub responsible: bool,
}

impl Access {
    /// Changing the case: only the caseworker who has taken it. Checked again inside the
    /// change's transaction (`mine_now`), as an admin may reassign it meanwhile.
    fn require_mine(&self, st: &Staff) -> Result<(), AppError> {
        if !self.responsible {
            return Err(AppError::Forbidden);
        }
        is_mine(&self.case, st)
    }
}

fn is_mine(c: &case::Model, st: &Staff) -> Result<(), AppError> {
    match c.assignee_id {
        Some(id) if id == st.staff_id() => Ok(()),
        _ => Err(AppError::Conflict(tr!("casework.take_first"))),
    }
}

/// The case as it is now, inside the transaction that changes it (locked on PostgreSQL;
/// SQLite's write transaction holds the whole database already).
async fn current(txn: &impl ConnectionTrait, case_id: i64) -> Result<case::Model, AppError> {
    let mut q = case::Entity::find_by_id(case_id);
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        q = q.lock_exclusive();
    }
    q.one(txn).await?.ok_or(AppError::NotFound)
}

/// The case inside the transaction, still taken by `st` and still open.
async fn mine_now(
    txn: &impl ConnectionTrait,
    st: &Staff,
    case_id: i64,
) -> Result<case::Model, AppError> {
    let c = current(txn, case_id).await?;
    is_mine(&c, st)?;
    if !status(&c)?.open_for_replies() {
        return Err(AppError::Conflict(tr!("casework.case_finished")));
    }
    Ok(c)
}

/// A case `st` may see under the case policy, with whether they are responsible for its
/// service (admins may see cases of services they are not responsible for).
pub async fn find(db: &impl ConnectionTrait, st: &Staff, number: &str) -> Result<Access, AppError> {
    let c = crate::cases::ssr::find(db, st, number).await?;
    let s = service::Entity::find_by_id(c.service_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let responsible = responsibility::Entity::find()
        .filter(responsibility::Column::StaffId.eq(st.staff_id()))
        .filter(responsibility::Column::ServiceId.eq(s.id))
        .one(db)
        .await?
        .is_some();
    Ok(Access {
        case: c,
        service: s,
        responsible,
    })
}

/// The case a caseworker uploads a document for: theirs, and the applicant agreed to receive
/// documents through the portal.
pub async fn case_for_upload(
    db: &impl ConnectionTrait,
    st: &Staff,
    number: &str,
) -> Result<case::Model, AppError> {
    let a = find(db, st, number).await?;
    a.require_mine(st)?;
    if !a.case.documents_consent {
        return Err(AppError::Conflict(tr!("casework.no_documents_consent")));
    }
    Ok(a.case)
}

/// The documents uploaded for a case, to choose a reply's attachment from.
pub async fn case_uploads(
    db: &impl ConnectionTrait,
    st: &Staff,
    number: &str,
) -> Result<Vec<crate::documents::types::DocumentView>, AppError> {
    let a = find(db, st, number).await?;
    Ok(crate::documents::ssr::list_of_case(db, a.case.id)
        .await?
        .iter()
        .map(crate::documents::ssr::view)
        .collect())
}

fn due(c: &case::Model) -> String {
    if c.due_at > 0 {
        crate::clock::german_date(c.due_at)
    } else {
        "–".to_owned()
    }
}

fn overdue(c: &case::Model, now: i64) -> Result<bool, AppError> {
    Ok(
        matches!(status(c)?, CaseStatus::Received | CaseStatus::InProgress)
            && c.due_at > 0
            && c.due_at < now,
    )
}

async fn names_of_staff(
    db: &impl ConnectionTrait,
    staff_ids: Vec<i64>,
) -> Result<Vec<(i64, String)>, AppError> {
    Ok(members(db, staff_ids)
        .await?
        .into_iter()
        .map(|(id, c)| (id, c.name))
        .collect())
}

/// Staff by their row ids, each with the public face the browser sees (account public id).
async fn members(
    db: &impl ConnectionTrait,
    staff_ids: Vec<i64>,
) -> Result<Vec<(i64, Colleague)>, AppError> {
    let members = staff::Entity::find()
        .filter(staff::Column::Id.is_in(staff_ids))
        .all(db)
        .await?;
    let accounts = account::Entity::find()
        .filter(account::Column::Id.is_in(members.iter().map(|m| m.account_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    Ok(members
        .iter()
        .filter_map(|m| {
            let a = accounts.iter().find(|a| a.id == m.account_id)?;
            Some((
                m.id,
                Colleague {
                    id: a.public_id.clone(),
                    name: format!("{} {}", a.first_name, a.last_name),
                },
            ))
        })
        .collect())
}

/// One page of the Postkorb.
pub async fn list(
    db: &impl ConnectionTrait,
    st: &Staff,
    f: &InboxFilter,
) -> Result<InboxList, AppError> {
    let services = visible_services(db, st).await?;
    let q = crate::cases::ssr::readable(st);
    let (mut q, date_error) = crate::cases::ssr::filter(
        q,
        &Criteria {
            text: &f.q,
            status: &f.status,
            service: &f.service,
            from: &f.from,
            to: &f.to,
        },
    );
    q = match f.view {
        InboxView::Unassigned => q.filter(case::Column::AssigneeId.is_null()),
        InboxView::Mine => q.filter(case::Column::AssigneeId.eq(st.staff_id())),
        InboxView::All => q,
    };
    let now = crate::clock::now();
    if f.awaiting_only {
        q = q.filter(case::Column::AwaitingStaff.eq(true));
    }
    if f.overdue_only {
        q = q
            .filter(case::Column::Status.is_in([
                CaseStatus::Received.as_str(),
                CaseStatus::InProgress.as_str(),
            ]))
            .filter(case::Column::DueAt.gt(0))
            .filter(case::Column::DueAt.lt(now));
    }
    let (rows, next) = crate::cases::ssr::page(db, q, f.sort, &f.after).await?;
    let applicants = account::Entity::find()
        .filter(account::Column::Id.is_in(rows.iter().map(|c| c.account_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let assignees = names_of_staff(db, rows.iter().filter_map(|c| c.assignee_id).collect()).await?;
    let service_names = service::Entity::find()
        .select_only()
        .column(service::Column::Name)
        .filter(service::Column::Id.is_in(services))
        .order_by_asc(service::Column::Name)
        .into_tuple::<String>()
        .all(db)
        .await?;
    Ok(InboxList {
        items: rows
            .iter()
            .map(|c| {
                Ok(InboxRow {
                    number: c.number.clone(),
                    title: c.title.clone(),
                    service_name: c.service_name.clone(),
                    status: status(c)?,
                    applicant: applicants
                        .iter()
                        .find(|a| a.id == c.account_id)
                        .map(|a| format!("{} {}", a.first_name, a.last_name))
                        .unwrap_or_default(),
                    submitted: crate::clock::german_date(c.created_at),
                    last_activity: crate::clock::german_date_time(c.last_activity_at),
                    assignee: c.assignee_id.and_then(|id| {
                        assignees
                            .iter()
                            .find(|(i, _)| *i == id)
                            .map(|(_, n)| n.clone())
                    }),
                    due: due(c),
                    overdue: overdue(c, now)?,
                    awaiting: c.awaiting_staff,
                })
            })
            .collect::<Result<_, AppError>>()?,
        next,
        services: service_names,
        date_error,
    })
}

/// A case for the back office. Opening it as its caseworker clears the "something new" mark.
pub async fn open(
    db: &impl ConnectionTrait,
    st: &Staff,
    number: &str,
) -> Result<WorkCase, AppError> {
    let a = find(db, st, number).await?;
    let c = &a.case;
    let mine = c.assignee_id == Some(st.staff_id());
    if mine && c.awaiting_staff {
        // Only if nothing arrived since the read: a new answer keeps its mark.
        case::Entity::update_many()
            .col_expr(case::Column::AwaitingStaff, Expr::value(false))
            .filter(case::Column::Id.eq(c.id))
            .filter(case::Column::LastActivityAt.eq(c.last_activity_at))
            .exec(db)
            .await?;
    }
    let mut detail = crate::cases::detail::detail_of(db, c, false).await?;
    // "Neu" marks what the applicant has not read; on the caseworker's page it would mislead.
    detail
        .messages
        .iter_mut()
        .for_each(|m| m.was_unread = false);
    let applicant = account::Entity::find_by_id(c.account_id)
        .one(db)
        .await?
        .map(|a| format!("{} {}", a.first_name, a.last_name))
        .unwrap_or_default();
    let assignee = match c.assignee_id {
        Some(id) => names_of_staff(db, vec![id])
            .await?
            .into_iter()
            .next()
            .map(|(_, n)| n),
        None => None,
    };
    let colleagues = if st.is_admin() {
        responsible_colleagues(db, a.service.id)
            .await?
            .into_iter()
            .map(|(_, c)| c)
            .collect()
    } else {
        Vec::new()
    };
    let audit = crate::audit::ssr::page(db, st.authority_id(), None, Some(&c.number))
        .await?
        .lines;
    Ok(WorkCase {
        next_statuses: if mine {
            detail.status.next_statuses()
        } else {
            Vec::new()
        },
        case: detail,
        applicant,
        assignee,
        mine,
        responsible: a.responsible,
        admin: st.is_admin(),
        documents_consent: c.documents_consent,
        fee_kind: a.service.fee_kind,
        due: due(c),
        overdue: overdue(c, crate::clock::now())?,
        colleagues,
        audit,
    })
}

/// The active staff responsible for a service, who can take its cases over.
async fn responsible_colleagues(
    db: &impl ConnectionTrait,
    service_id: i64,
) -> Result<Vec<(i64, Colleague)>, AppError> {
    let active = crate::cases::staffing::responsible_staff(db, service_id)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    members(db, active).await
}

/// `In Bearbeitung nehmen`: of two caseworkers at the same moment exactly one gets the case
/// (the UPDATE only applies while nobody has it); a new case moves to "in Bearbeitung".
pub async fn take(state: &AppState, st: &Staff, number: &str) -> Result<String, AppError> {
    let a = find(&state.db, st, number).await?;
    if !a.responsible {
        return Err(AppError::Forbidden);
    }
    if !status(&a.case)?.open_for_replies() {
        return Err(AppError::Conflict(tr!("casework.case_finished")));
    }
    let st = st.clone();
    crate::db::write_txn(state, async |txn| {
        let c = a.case;
        let won = case::Entity::update_many()
            .col_expr(case::Column::AssigneeId, Expr::value(st.staff_id()))
            .filter(case::Column::Id.eq(c.id))
            .filter(case::Column::AssigneeId.is_null())
            .exec(txn)
            .await?
            .rows_affected
            == 1;
        if !won {
            let holder = case::Entity::find_by_id(c.id)
                .one(txn)
                .await?
                .and_then(|c| c.assignee_id);
            let name = match holder {
                Some(id) => names_of_staff(txn, vec![id])
                    .await?
                    .into_iter()
                    .next()
                    .map(|(_, n)| n)
                    .unwrap_or_default(),
                None => String::new(),
            };
            return Err(AppError::Conflict(tr!(
                "casework.taken_by_other",
                name = name
            )));
        }
        if status(&c)? == CaseStatus::Received {
            crate::cases::ssr::set_status(txn, &c, CaseStatus::Received, CaseStatus::InProgress)
                .await?;
        }
        audit::record(
            txn,
            st.authority_id(),
            Some(&st),
            Action::CaseTaken,
            Some(&c.number),
            "",
        )
        .await?;
        Ok(c.number)
    })
    .await
}

/// Hands a case back to the unassigned pile: its caseworker, or an admin.
pub async fn hand_back(state: &AppState, st: &Staff, number: &str) -> Result<String, AppError> {
    let a = find(&state.db, st, number).await?;
    if a.case.assignee_id != Some(st.staff_id()) && !st.is_admin() {
        return Err(AppError::Forbidden);
    }
    let st = st.clone();
    crate::db::write_txn(state, async |txn| {
        let c = current(txn, a.case.id).await?;
        if c.assignee_id.is_none() || (c.assignee_id != Some(st.staff_id()) && !st.is_admin()) {
            return Err(AppError::Conflict(tr!("casework.changed_meanwhile")));
        }
        crate::cases::staffing::unassign(txn, &st, &c, "").await?;
        Ok(c.number)
    })
    .await
}

/// An admin gives the case to a colleague responsible for its service.
pub async fn reassign(
    state: &AppState,
    st: &Staff,
    number: &str,
    to: &str,
) -> Result<String, AppError> {
    let a = find(&state.db, st, number).await?;
    if !st.is_admin() {
        return Err(AppError::Forbidden);
    }
    if !status(&a.case)?.open_for_replies() {
        return Err(AppError::Conflict(tr!("casework.case_finished")));
    }
    let colleague = responsible_colleagues(&state.db, a.service.id)
        .await?
        .into_iter()
        .find(|(_, c)| c.id == to);
    let Some((colleague_id, colleague)) = colleague else {
        let mut e = FieldErrors::default();
        e.add("an", tr!("casework.reassign_not_responsible"));
        return Err(AppError::Validation(e));
    };
    let st = st.clone();
    crate::db::write_txn(state, async |txn| {
        let c = a.case;
        case::Entity::update_many()
            .col_expr(case::Column::AssigneeId, Expr::value(colleague_id))
            .filter(case::Column::Id.eq(c.id))
            .exec(txn)
            .await?;
        if status(&c)? == CaseStatus::Received {
            crate::cases::ssr::set_status(txn, &c, CaseStatus::Received, CaseStatus::InProgress)
                .await?;
        }
        audit::record(
            txn,
            st.authority_id(),
            Some(&st),
            Action::CaseReassigned,
            Some(&c.number),
            &colleague.name,
        )
        .await?;
        Ok(c.number)
    })
    .await
}

/// `Status ändern`: only along the allowed paths, with an optional note to the applicant.
/// Rückfrage goes through `send_message` (a question needs its text).
pub async fn change_status(
    state: &AppState,
    st: &Staff,
    number: &str,
    to: &str,
    note: &str,
) -> Result<String, AppError> {
    let a = find(&state.db, st, number).await?;
    a.require_mine(st)?;
    let from = status(&a.case)?;
    let mut errors = FieldErrors::default();
    let to = match CaseStatus::parse(to) {
        Some(CaseStatus::Question) => {
            errors.add("status", tr!("casework.question_needs_text"));
            None
        }
        Some(s) if from.may_become(s) => Some(s),
        Some(s) => {
            errors.add(
                "status",
                tr!(
                    "casework.transition_refused",
                    from = from.label(),
                    to = s.label()
                ),
            );
            None
        }
        None => {
            errors.add("status", tr!("casework.choose_status"));
            None
        }
    };
    if note.chars().count() > 10_000 {
        errors.add("notiz", tr!("form.too_long", max = 10_000));
    }
    if !errors.is_empty() {
        errors.keep("notiz", note);
        return Err(AppError::Validation(errors));
    }
    let to = to.expect("checked above");
    let (st, note, base_url) = (
        st.clone(),
        note.trim().to_owned(),
        state.config.base_url.clone(),
    );
    let authority = crate::services::ssr::authority_name(&state.db, st.authority_id()).await?;
    let number = crate::db::write_txn(state, async |txn| {
        let c = mine_now(txn, &st, a.case.id).await?;
        crate::cases::ssr::set_status(txn, &c, from, to).await?;
        let text = if note.is_empty() {
            tr!("casework.status_message", status = to.label())
        } else {
            format!(
                "{}\n\n{note}",
                tr!("casework.status_message", status = to.label())
            )
        };
        crate::cases::ssr::message_to_applicant(txn, &c, &authority, &text, &base_url).await?;
        case::Entity::update_many()
            .col_expr(case::Column::AwaitingStaff, Expr::value(false))
            .filter(case::Column::Id.eq(c.id))
            .exec(txn)
            .await?;
        audit::record(
            txn,
            st.authority_id(),
            Some(&st),
            Action::StatusChanged,
            Some(&c.number),
            &format!("{} → {}", from.label(), to.label()),
        )
        .await?;
        Ok(c.number)
    })
    .await?;
    Ok(number)
}

/// A message to the applicant; `question` makes it a Rückfrage (status "Rückfrage", the
/// applicant's answer brings the case back). A document goes along only if the applicant
/// agreed to receive documents through the portal.
pub async fn send_message(
    state: &AppState,
    st: &Staff,
    number: &str,
    text: &str,
    document: Option<&str>,
    question: bool,
) -> Result<String, AppError> {
    let db = &state.db;
    let a = find(db, st, number).await?;
    a.require_mine(st)?;
    let from = status(&a.case)?;
    let text = text.trim().to_owned();
    let mut errors = FieldErrors::default();
    let field = if question { "frage" } else { "text" };
    if text.is_empty() {
        errors.add(
            field,
            if question {
                tr!("casework.question_empty")
            } else {
                tr!("casework.message_empty")
            },
        );
    } else if text.chars().count() > 10_000 {
        errors.add(field, tr!("form.too_long", max = 10_000));
    }
    if !from.open_for_replies() {
        errors.add(field, tr!("casework.case_finished"));
    } else if question && !from.may_become(CaseStatus::Question) {
        errors.add(
            field,
            tr!(
                "casework.transition_refused",
                from = from.label(),
                to = CaseStatus::Question.label()
            ),
        );
    }
    let doc = match document.filter(|d| !d.is_empty()) {
        Some(_) if !a.case.documents_consent => {
            errors.add("dokument", tr!("casework.no_documents_consent"));
            None
        }
        chosen => {
            crate::documents::ssr::case_attachment(db, a.case.id, chosen, &mut errors).await?
        }
    };
    if !errors.is_empty() {
        errors.keep(field, &text);
        return Err(AppError::Validation(errors));
    }
    let (st, base_url) = (st.clone(), state.config.base_url.clone());
    let authority = crate::services::ssr::authority_name(db, st.authority_id()).await?;
    let number = crate::db::write_txn(state, async |txn| {
        let c = mine_now(txn, &st, a.case.id).await?;
        let m =
            crate::cases::ssr::message_to_applicant(txn, &c, &authority, &text, &base_url).await?;
        if let Some(d) = &doc {
            crate::entities::case_document::ActiveModel {
                case_id: Set(c.id),
                document_id: Set(d.id),
                message_id: Set(Some(m.id)),
                label: Set(tr!("case.attachment")),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        if question {
            crate::cases::ssr::set_status(txn, &c, status(&c)?, CaseStatus::Question).await?;
        }
        case::Entity::update_many()
            .col_expr(case::Column::AwaitingStaff, Expr::value(false))
            .filter(case::Column::Id.eq(c.id))
            .exec(txn)
            .await?;
        let detail = doc
            .as_ref()
            .map(|d| tr!("casework.audit_with_document", name = d.file_name))
            .unwrap_or_default();
        audit::record(
            txn,
            st.authority_id(),
            Some(&st),
            if question {
                Action::QuestionSent
            } else {
                Action::MessageSent
            },
            Some(&c.number),
            &detail,
        )
        .await?;
        Ok(c.number)
    })
    .await?;
    Ok(number)
}

/// Sets the fee of a case whose service leaves the fee to the caseworker; the applicant is told.
pub async fn set_fee(
    state: &AppState,
    st: &Staff,
    number: &str,
    euros: &str,
) -> Result<String, AppError> {
    let a = find(&state.db, st, number).await?;
    a.require_mine(st)?;
    let mut errors = FieldErrors::default();
    if a.service.fee_kind != FeeKind::SetByCaseworker {
        errors.add("gebuehr", tr!("casework.fee_fixed_by_service"));
    }
    let amount = Money::parse(euros);
    if amount.is_none() {
        errors.add("gebuehr", tr!("casework.fee_invalid"));
    }
    if !status(&a.case)?.open_for_replies() {
        errors.add("gebuehr", tr!("casework.case_finished"));
    }
    if !errors.is_empty() {
        errors.keep("gebuehr", euros);
        return Err(AppError::Validation(errors));
    }
    let amount = amount.expect("checked above");
    let (st, base_url) = (st.clone(), state.config.base_url.clone());
    let authority = crate::services::ssr::authority_name(&state.db, st.authority_id()).await?;
    let number = crate::db::write_txn(state, async |txn| {
        let c = mine_now(txn, &st, a.case.id).await?;
        case::Entity::update_many()
            .col_expr(case::Column::FeeCents, Expr::value(amount.cents()))
            .filter(case::Column::Id.eq(c.id))
            .exec(txn)
            .await?;
        let amount = amount.to_string();
        crate::cases::ssr::message_to_applicant(
            txn,
            &c,
            &authority,
            &tr!("casework.fee_message", amount = amount),
            &base_url,
        )
        .await?;
        audit::record(
            txn,
            st.authority_id(),
            Some(&st),
            Action::FeeSet,
            Some(&c.number),
            &amount,
        )
        .await?;
        Ok(c.number)
    })
    .await?;
    Ok(number)
}
