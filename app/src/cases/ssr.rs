//! Case persistence and state changes (server only). Cases are found only through
//! [`readable`] and [`find`], i.e. through the access layer's case policy: a case the reader
//! may not see is `NotFound`, exactly like a number that does not exist.

use sea_orm::sea_query::{BinOper, Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select, Set,
};

use super::types::{CaseFilter, CaseList, CaseStatus, CaseSummary, Sort};
use crate::access::{CaseOwner, CaseReader, Citizen};
use crate::entities::{case, case_event, message};
use crate::error::AppError;
use crate::kernel::date::Date;
use crate::kernel::search::fold;

pub const PAGE_SIZE: u64 = 20;

/// The cases `reader` may see.
pub fn readable<'a>(reader: impl Into<CaseReader<'a>>) -> Select<case::Entity> {
    case::Entity::find().filter(reader.into().condition())
}

/// The case with this number, if `reader` may see it.
pub async fn find<'a>(
    db: &impl ConnectionTrait,
    reader: impl Into<CaseReader<'a>>,
    number: &str,
) -> Result<case::Model, AppError> {
    let number = super::numbers::normalise(number).ok_or(AppError::NotFound)?;
    readable(reader)
        .filter(case::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The case's status; a stored value we do not know is a fault, never a default.
pub fn status(c: &case::Model) -> Result<CaseStatus, AppError> {
    CaseStatus::parse(&c.status)
        .ok_or_else(|| AppError::internal(format!("case {}: unknown status {:?}", c.id, c.status)))
}

pub fn summary(c: &case::Model) -> Result<CaseSummary, AppError> {
    Ok(CaseSummary {
        number: c.number.clone(),
        title: c.title.clone(),
        service_name: c.service_name.clone(),
        status: status(c)?,
        unread: std::cmp::max(c.unread_count, 0) as u32,
        last_activity: crate::clock::german_date_time(c.last_activity_at),
        submitted: crate::clock::german_date(c.created_at),
    })
}

/// The new case's row, its first history entry; the caller adds messages and documents in
/// the same transaction.
pub struct NewCase<'a> {
    /// Whose the case is: the applicant's account (an organisation next).
    pub owner: CaseOwner,
    pub service_id: i64,
    pub service_name: &'a str,
    pub form_version: i32,
    pub title: &'a str,
    pub answers_json: String,
    pub answers_text: String,
    pub documents_consent: bool,
    /// The service's target time, for the Postkorb's overdue marker.
    pub processing_days: i32,
}

pub async fn create(txn: &impl ConnectionTrait, new: NewCase<'_>) -> Result<case::Model, AppError> {
    let now = crate::clock::now();
    let number = super::numbers::new_case_number(crate::clock::today().year());
    let search_text = fold(&format!(
        "{} {} {} {}",
        new.title, number, new.service_name, new.answers_text
    ));
    let c = case::ActiveModel {
        number: Set(number),
        account_id: Set(new.owner.account_id().get()),
        service_id: Set(new.service_id),
        service_name: Set(new.service_name.to_owned()),
        form_version: Set(new.form_version),
        title: Set(new.title.to_owned()),
        status: Set(CaseStatus::Received.as_str().to_owned()),
        answers: Set(new.answers_json),
        search_text: Set(search_text),
        unread_count: Set(0),
        created_at: Set(now),
        last_activity_at: Set(now),
        trashed_at: Set(None),
        assignee_id: Set(None),
        documents_consent: Set(new.documents_consent),
        fee_cents: Set(None),
        due_at: Set(now + i64::from(std::cmp::max(new.processing_days, 1)) * 86_400),
        awaiting_staff: Set(true),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    case_event::ActiveModel {
        case_id: Set(c.id),
        status: Set(c.status.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(c)
}

/// A message from the authority (or the portal) to the applicant: unread, brings a trashed
/// case back to the inbox, and queues the link-only notification mail.
pub async fn message_to_applicant(
    txn: &crate::db::Txn,
    c: &case::Model,
    author: &str,
    body: &str,
    base_url: &url::Url,
) -> Result<message::Model, AppError> {
    let now = crate::clock::now();
    let m = message::ActiveModel {
        case_id: Set(c.id),
        from_applicant: Set(false),
        author: Set(author.to_owned()),
        body: Set(body.to_owned()),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    case::Entity::update_many()
        .col_expr(
            case::Column::UnreadCount,
            Expr::col(case::Column::UnreadCount).add(1),
        )
        .col_expr(case::Column::LastActivityAt, Expr::value(now))
        .col_expr(case::Column::TrashedAt, Expr::value(Option::<i64>::None))
        .col_expr(
            case::Column::SearchText,
            Expr::col(case::Column::SearchText)
                .binary(BinOper::Custom("||"), Expr::val(format!(" {}", fold(body)))),
        )
        .filter(case::Column::Id.eq(c.id))
        .exec(txn)
        .await?;
    notify_applicant(txn, c, base_url).await?;
    Ok(m)
}

/// A reply by the applicant, while the case is open for replies.
pub async fn reply(
    txn: &impl ConnectionTrait,
    c: &case::Model,
    author: &str,
    body: &str,
) -> Result<message::Model, AppError> {
    if !status(c)?.open_for_replies() {
        return Err(AppError::Conflict(tr!("case.closed_for_replies")));
    }
    let now = crate::clock::now();
    let m = message::ActiveModel {
        case_id: Set(c.id),
        from_applicant: Set(true),
        author: Set(author.to_owned()),
        body: Set(body.to_owned()),
        created_at: Set(now),
        read_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    // The answer puts the case back on the caseworker's desk; an answered question means
    // the work goes on. The UPDATE repeats the rule: a case closed meanwhile takes no reply.
    let updated = case::Entity::update_many()
        .col_expr(case::Column::LastActivityAt, Expr::value(now))
        .col_expr(case::Column::AwaitingStaff, Expr::value(true))
        .col_expr(
            case::Column::SearchText,
            Expr::col(case::Column::SearchText)
                .binary(BinOper::Custom("||"), Expr::val(format!(" {}", fold(body)))),
        )
        .filter(case::Column::Id.eq(c.id))
        .filter(
            case::Column::Status
                .is_not_in([CaseStatus::Closed.as_str(), CaseStatus::Rejected.as_str()]),
        )
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::Conflict(tr!("case.closed_for_replies")));
    }
    if status(c)? == CaseStatus::Question {
        set_status(txn, c, CaseStatus::Question, CaseStatus::InProgress).await?;
    }
    Ok(m)
}

/// Moves the case from `from` to `to` and records it in the history. The UPDATE repeats
/// `from`, so of two changes at the same moment only one applies; the other is told.
pub async fn set_status(
    txn: &impl ConnectionTrait,
    c: &case::Model,
    from: CaseStatus,
    to: CaseStatus,
) -> Result<(), AppError> {
    if !from.may_become(to) {
        return Err(AppError::Conflict(tr!(
            "casework.transition_refused",
            from = from.label(),
            to = to.label()
        )));
    }
    let now = crate::clock::now();
    let changed = case::Entity::update_many()
        .col_expr(case::Column::Status, Expr::value(to.as_str()))
        .col_expr(case::Column::LastActivityAt, Expr::value(now))
        .filter(case::Column::Id.eq(c.id))
        .filter(case::Column::Status.eq(from.as_str()))
        .exec(txn)
        .await?
        .rows_affected;
    if changed != 1 {
        return Err(AppError::Conflict(tr!("casework.changed_meanwhile")));
    }
    case_event::ActiveModel {
        case_id: Set(c.id),
        status: Set(to.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Mails the applicant that something is new — never what (SPEC §3.6).
async fn notify_applicant(
    txn: &crate::db::Txn,
    c: &case::Model,
    base_url: &url::Url,
) -> Result<(), AppError> {
    let Some(account) = crate::entities::account::Entity::find_by_id(c.account_id)
        .one(txn)
        .await?
    else {
        return Ok(());
    };
    let link = base_url
        .join(&format!("/postfach/{}", c.number))
        .map_err(AppError::internal)?;
    crate::mail::outbox::enqueue(
        txn,
        &account.email,
        crate::mail::templates::case_update(link.as_str()),
    )
    .await?;
    Ok(())
}

/// Opening a case marks read the messages the page shows (up to `shown_up_to`); one arriving
/// meanwhile stays unread and counted.
pub async fn mark_read(
    db: &impl ConnectionTrait,
    c: &case::Model,
    shown_up_to: i64,
) -> Result<(), AppError> {
    if c.unread_count == 0 {
        return Ok(());
    }
    let marked = message::Entity::update_many()
        .col_expr(message::Column::ReadAt, Expr::value(crate::clock::now()))
        .filter(message::Column::CaseId.eq(c.id))
        .filter(message::Column::ReadAt.is_null())
        .filter(message::Column::FromApplicant.eq(false))
        .filter(message::Column::Id.lte(shown_up_to))
        .exec(db)
        .await?
        .rows_affected;
    if marked > 0 {
        case::Entity::update_many()
            .col_expr(
                case::Column::UnreadCount,
                Expr::col(case::Column::UnreadCount).sub(marked as i64),
            )
            .filter(case::Column::Id.eq(c.id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The trash rule: a case with an unread message stays in the inbox.
pub fn may_trash(c: &case::Model) -> Result<(), AppError> {
    if c.unread_count > 0 {
        Err(AppError::Conflict(tr!("mailbox.trash_refused_unread")))
    } else {
        Ok(())
    }
}

pub async fn set_trashed(
    db: &impl ConnectionTrait,
    c: &case::Model,
    trashed: bool,
) -> Result<(), AppError> {
    // The condition repeats the rule in the UPDATE, so a message arriving meanwhile wins.
    let mut q = case::Entity::update_many()
        .col_expr(
            case::Column::TrashedAt,
            Expr::value(trashed.then(crate::clock::now)),
        )
        .filter(case::Column::Id.eq(c.id));
    if trashed {
        may_trash(c)?;
        q = q.filter(case::Column::UnreadCount.eq(0));
    }
    if q.exec(db).await?.rows_affected == 0 {
        return Err(AppError::Conflict(tr!("mailbox.trash_refused_unread")));
    }
    Ok(())
}

pub async fn unread_total(db: &impl ConnectionTrait, me: &Citizen) -> Result<u64, AppError> {
    let sum: Option<i64> = readable(me)
        .select_only()
        .column_as(Expr::col(case::Column::UnreadCount).sum(), "total")
        .filter(case::Column::UnreadCount.gt(0))
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten();
    Ok(std::cmp::max(sum.unwrap_or(0), 0) as u64)
}

/// One page of the account's inbox or trash.
pub async fn list(
    db: &impl ConnectionTrait,
    me: &Citizen,
    f: &CaseFilter,
    trash_days: i64,
    retention_days: i64,
) -> Result<CaseList, AppError> {
    let mut q = readable(me);
    q = if f.trash {
        q.filter(case::Column::TrashedAt.is_not_null())
    } else {
        q.filter(case::Column::TrashedAt.is_null())
    };
    let (mut q, date_error) = filter(
        q,
        &Criteria {
            text: &f.q,
            status: &f.status,
            service: &f.service,
            from: &f.from,
            to: &f.to,
        },
    );
    if f.unread_only {
        q = q.filter(case::Column::UnreadCount.gt(0));
    }
    let (rows, next) = page(db, q, f.sort, &f.after).await?;
    let services: Vec<String> = readable(me)
        .select_only()
        .column(case::Column::ServiceName)
        .distinct()
        .order_by_asc(case::Column::ServiceName)
        .into_tuple::<String>()
        .all(db)
        .await?;
    Ok(CaseList {
        items: rows.iter().map(summary).collect::<Result<_, _>>()?,
        next,
        services,
        unread_total: unread_total(db, me).await?,
        date_error,
        trash_days,
        retention_days,
    })
}

/// The search and filter fields the mailbox and the Postkorb share.
pub struct Criteria<'a> {
    /// Words, each of which must occur in the folded search text.
    pub text: &'a str,
    /// A `CaseStatus::as_str`, or empty for all.
    pub status: &'a str,
    /// A service name, or empty for all.
    pub service: &'a str,
    /// Last activity from/to, `TT.MM.JJJJ` or ISO; empty for open-ended.
    pub from: &'a str,
    pub to: &'a str,
}

/// Narrows `q` by the criteria; the second value names a date that could not be read.
pub fn filter(
    mut q: Select<case::Entity>,
    c: &Criteria<'_>,
) -> (Select<case::Entity>, Option<String>) {
    for word in fold(&crate::kernel::search::capped(c.text))
        .split_whitespace()
        .take(8)
    {
        q = q.filter(case::Column::SearchText.contains(word));
    }
    if let Some(s) = CaseStatus::parse(c.status) {
        q = q.filter(case::Column::Status.eq(s.as_str()));
    }
    if !c.service.is_empty() {
        q = q.filter(case::Column::ServiceName.eq(c.service));
    }
    let mut date_error = None;
    let mut date = |s: &str| -> Option<Date> {
        if s.trim().is_empty() {
            return None;
        }
        let d = Date::parse(s);
        if d.is_none() {
            date_error = Some(tr!("mailbox.date_invalid", value = s.trim()));
        }
        d
    };
    if let Some(d) = date(c.from) {
        q = q.filter(case::Column::LastActivityAt.gte(crate::clock::start_of_german_day(d)));
    }
    if let Some(d) = date(c.to) {
        q = q
            .filter(case::Column::LastActivityAt.lt(crate::clock::start_of_german_day(d) + 86_400));
    }
    (q, date_error)
}

/// One page of `q` in `sort` order after the keyset cursor `after`, and the next cursor.
pub async fn page(
    db: &impl ConnectionTrait,
    mut q: Select<case::Entity>,
    sort: Sort,
    after: &str,
) -> Result<(Vec<case::Model>, Option<String>), AppError> {
    let (key_col, descending) = match sort {
        Sort::Newest => (case::Column::LastActivityAt, true),
        Sort::Oldest => (case::Column::LastActivityAt, false),
        Sort::Status => (case::Column::Status, false),
        Sort::Service => (case::Column::ServiceName, false),
    };
    if let Some((key, id)) = parse_cursor(after) {
        let key_value: sea_orm::Value = match sort {
            Sort::Newest | Sort::Oldest => key.parse::<i64>().unwrap_or_default().into(),
            _ => key.into(),
        };
        let (k, i) = (Expr::col(key_col), Expr::col(case::Column::Id));
        q = q.filter(if descending {
            Condition::any()
                .add(k.clone().lt(key_value.clone()))
                .add(Condition::all().add(k.eq(key_value)).add(i.lt(id)))
        } else {
            Condition::any()
                .add(k.clone().gt(key_value.clone()))
                .add(Condition::all().add(k.eq(key_value)).add(i.gt(id)))
        });
    }
    q = if descending {
        q.order_by_desc(key_col).order_by_desc(case::Column::Id)
    } else {
        q.order_by_asc(key_col).order_by_asc(case::Column::Id)
    };
    let mut rows = q.limit(PAGE_SIZE + 1).all(db).await?;
    let next = (rows.len() as u64 > PAGE_SIZE).then(|| {
        rows.truncate(PAGE_SIZE as usize);
        let last = rows.last().expect("a full page");
        let key = match sort {
            Sort::Newest | Sort::Oldest => last.last_activity_at.to_string(),
            Sort::Status => last.status.clone(),
            Sort::Service => last.service_name.clone(),
        };
        format!("{key}~{}", last.id)
    });
    Ok((rows, next))
}

fn parse_cursor(s: &str) -> Option<(String, i64)> {
    let (key, id) = s.rsplit_once('~')?;
    Some((key.to_owned(), id.parse().ok()?))
}

/// The retention job: trashed cases after `trash_days`, every case after `retention_days`
/// without activity. Returns how many went, and the blobs of the documents that went with them.
pub async fn purge_expired(
    db: &impl ConnectionTrait,
    trash_days: i64,
    retention_days: i64,
) -> Result<(u64, Vec<String>), AppError> {
    let now = crate::clock::now();
    let expired = Condition::any()
        .add(case::Column::TrashedAt.lt(now - trash_days * 86_400))
        .add(case::Column::LastActivityAt.lt(now - retention_days * 86_400));
    // The authority's documents of these cases go with them (the applicant's stay in their
    // safe); their blobs are the caller's to delete.
    let ids = sea_orm::sea_query::Query::select()
        .column(case::Column::Id)
        .from(case::Entity)
        .cond_where(expired.clone())
        .to_owned();
    let blobs = crate::documents::ssr::delete_of_cases(db, ids).await?;
    let res = case::Entity::delete_many().filter(expired).exec(db).await?;
    Ok((res.rows_affected, blobs))
}

pub async fn count_for(db: &impl ConnectionTrait, me: &Citizen) -> Result<u64, AppError> {
    Ok(readable(me).count(db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case_with_unread(n: i32) -> case::Model {
        case::Model {
            id: 1,
            number: "VG-2026-AAAA-BBBB".into(),
            account_id: 1,
            service_id: 1,
            service_name: "Hundesteuer".into(),
            form_version: 1,
            title: "Hund anmelden".into(),
            status: "received".into(),
            answers: "[]".into(),
            search_text: String::new(),
            unread_count: n,
            created_at: 0,
            last_activity_at: 0,
            trashed_at: None,
            assignee_id: None,
            documents_consent: false,
            fee_cents: None,
            due_at: 0,
            awaiting_staff: true,
        }
    }

    #[test]
    fn a_case_with_an_unread_message_stays_out_of_the_trash() {
        assert!(
            matches!(may_trash(&case_with_unread(1)), Err(AppError::Conflict(m)) if m.contains("ungelesene"))
        );
        assert_eq!(may_trash(&case_with_unread(0)), Ok(()));
    }

    #[test]
    fn cursors_keep_keys_with_tildes_and_spaces() {
        assert_eq!(
            parse_cursor("Bewohnerpark~ausweis beantragen~42"),
            Some(("Bewohnerpark~ausweis beantragen".into(), 42))
        );
        assert_eq!(parse_cursor("1795369616~7"), Some(("1795369616".into(), 7)));
        assert_eq!(parse_cursor("kein cursor"), None);
    }
}
