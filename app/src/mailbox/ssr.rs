//! The applicant's view of a case (server only).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::access::Citizen;
use crate::cases::ssr::{find, status};
use crate::cases::types::{CaseDetail, CaseDocumentView, HistoryEntry, MessageView};
use crate::entities::{authority, case, case_document, case_event, document, message, service};
use crate::error::AppError;
use crate::services::types::Money;

/// A case of the account with all it holds; `open` marks its messages read (within the same
/// request, so the page shows which were new).
pub async fn detail(
    db: &impl ConnectionTrait,
    me: &Citizen,
    number: &str,
    open: bool,
) -> Result<CaseDetail, AppError> {
    let c = find(db, me, number).await?;
    detail_of(db, &c, open).await
}

pub async fn detail_of(
    db: &impl ConnectionTrait,
    c: &case::Model,
    open: bool,
) -> Result<CaseDetail, AppError> {
    let authority = match service::Entity::find_by_id(c.service_id).one(db).await? {
        Some(s) => authority::Entity::find_by_id(s.authority_id)
            .one(db)
            .await?
            .map(|a| a.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let history = case_event::Entity::find()
        .filter(case_event::Column::CaseId.eq(c.id))
        .order_by_asc(case_event::Column::Id)
        .all(db)
        .await?;
    let messages = message::Entity::find()
        .filter(message::Column::CaseId.eq(c.id))
        .order_by_asc(message::Column::Id)
        .all(db)
        .await?;
    let links = case_document::Entity::find()
        .filter(case_document::Column::CaseId.eq(c.id))
        .order_by_asc(case_document::Column::Id)
        .all(db)
        .await?;
    let docs = document::Entity::find()
        .filter(document::Column::Id.is_in(links.iter().map(|l| l.document_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let doc_view = |id: i64| {
        docs.iter()
            .find(|d| d.id == id)
            .map(crate::documents::ssr::view)
    };
    if open {
        crate::cases::ssr::mark_read(db, c, messages.last().map_or(0, |m| m.id)).await?;
    }
    Ok(CaseDetail {
        number: c.number.clone(),
        title: c.title.clone(),
        service_name: c.service_name.clone(),
        authority,
        status: status(c),
        submitted: crate::clock::german_date_time(c.created_at),
        trashed: c.trashed_at.is_some(),
        history: history
            .iter()
            .map(|e| HistoryEntry {
                status: crate::cases::types::CaseStatus::parse(&e.status)
                    .unwrap_or(crate::cases::types::CaseStatus::Received),
                at: crate::clock::german_date_time(e.created_at),
            })
            .collect(),
        messages: messages
            .iter()
            .map(|m| MessageView {
                from_applicant: m.from_applicant,
                author: m.author.clone(),
                body: m.body.clone(),
                sent: crate::clock::german_date_time(m.created_at),
                was_unread: !m.from_applicant && m.read_at.is_none(),
                attachments: links
                    .iter()
                    .filter(|l| l.message_id == Some(m.id))
                    .filter_map(|l| doc_view(l.document_id))
                    .collect(),
            })
            .collect(),
        documents: links
            .iter()
            .filter(|l| l.message_id.is_none())
            .filter_map(|l| {
                doc_view(l.document_id).map(|document| CaseDocumentView {
                    label: l.label.clone(),
                    document,
                })
            })
            .collect(),
        answers: serde_json::from_str(&c.answers).unwrap_or_default(),
        fee: c
            .fee_cents
            .map(Money::try_from)
            .transpose()
            .map_err(AppError::internal)?
            .map(|amount| amount.to_string()),
    })
}

/// The applicant's reply, with a document from the safe if chosen; returns the case number
/// as stored (the typed one may differ in case or spaces).
pub async fn reply(
    state: &crate::state::AppState,
    me: &Citizen,
    number: &str,
    text: &str,
    document_id: Option<&str>,
) -> Result<String, AppError> {
    let db = &state.db;
    let c = find(db, me, number).await?;
    let text = text.trim();
    let mut errors = crate::error::FieldErrors::default();
    if text.is_empty() {
        errors.add("text", tr!("case.reply_empty"));
    } else if text.chars().count() > 10_000 {
        errors.add("text", tr!("form.too_long", max = 10_000));
    }
    let doc = crate::documents::ssr::attachment(db, me, document_id, &mut errors).await?;
    if !errors.is_empty() {
        errors.keep("text", text);
        return Err(AppError::Validation(errors));
    }
    let author = me.name().to_owned();
    let text = text.to_owned();
    let number = c.number.clone();
    let base_url = state.config.base_url.clone();
    crate::db::write_txn(state, async |txn| {
        let m = crate::cases::ssr::reply(txn, &c, &author, &text).await?;
        crate::cases::staffing::notify_assignee(txn, &c, &base_url).await?;
        if status(&c) == crate::cases::types::CaseStatus::Question
            && let Some(s) = service::Entity::find_by_id(c.service_id).one(txn).await?
        {
            use crate::audit::ssr::{Action, record_by_applicant};
            record_by_applicant(
                txn,
                s.authority_id,
                me,
                Action::ApplicantAnswered,
                &c.number,
            )
            .await?;
        }
        if let Some(d) = doc {
            use sea_orm::{ActiveModelTrait, Set};
            case_document::ActiveModel {
                case_id: Set(c.id),
                document_id: Set(d.id),
                message_id: Set(Some(m.id)),
                label: Set(tr!("case.attachment")),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        Ok(())
    })
    .await?;
    Ok(number)
}
