//! Everything a case holds, as its page and its PDF show it (server only); the applicant's
//! mailbox, the caseworker's case page and the data export read it from here.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::ssr::status;
use super::types::{CaseDetail, CaseDocumentView, HistoryEntry, MessageView};
use crate::entities::{authority, case, case_document, case_event, document, message, service};
use crate::error::AppError;
use crate::services::types::Money;

/// The case with its history, messages and documents; `open` marks its messages read (within
/// the same request, so the page shows which were new).
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
        status: status(c)?,
        submitted: crate::clock::german_date_time(c.created_at),
        trashed: c.trashed_at.is_some(),
        history: history
            .iter()
            .map(|e| {
                Ok(HistoryEntry {
                    status: crate::cases::types::CaseStatus::parse(&e.status).ok_or_else(|| {
                        AppError::internal(format!("case event {}: unknown status", e.id))
                    })?,
                    at: crate::clock::german_date_time(e.created_at),
                })
            })
            .collect::<Result<_, AppError>>()?,
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
