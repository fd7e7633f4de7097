//! The applicant's view of a case (server only).

use sea_orm::{ConnectionTrait, EntityTrait};

use crate::access::Citizen;
use crate::cases::ssr::{find, status};
use crate::cases::types::CaseDetail;
use crate::entities::{case_document, service};
use crate::error::AppError;

/// A case of the account with all it holds; `open` marks its messages read (within the same
/// request, so the page shows which were new).
pub async fn detail(
    db: &impl ConnectionTrait,
    me: &Citizen,
    number: &str,
    open: bool,
) -> Result<CaseDetail, AppError> {
    let c = find(db, me, number).await?;
    crate::cases::detail::detail_of(db, &c, open).await
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
        if status(&c)? == crate::cases::types::CaseStatus::Question
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
