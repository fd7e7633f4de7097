//! Server functions of the mailbox. Each acts only on the session account's own cases; a
//! case of someone else is `NotFound`, exactly like a number that does not exist.

use leptos::prelude::*;

use crate::cases::types::{CaseDetail, CaseFilter, CaseList};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::access::citizen;

/// Owner: one page of the inbox or the trash.
#[server(endpoint = "list_cases")]
pub async fn list_cases(filter: CaseFilter) -> Result<CaseList, AppError> {
    let (state, me) = citizen()?;
    crate::cases::ssr::list(
        &state.db,
        &me,
        &filter,
        state.config.trash_days,
        state.config.retention_days,
    )
    .await
}

/// Owner: a case; opening it marks its messages read.
#[server(endpoint = "open_case")]
pub async fn open_case(number: String) -> Result<CaseDetail, AppError> {
    let (state, me) = citizen()?;
    super::ssr::detail(&state.db, &me, &number, true).await
}

/// Owner, while the case is open for replies: a message to the authority.
#[server(endpoint = "reply_to_case")]
pub async fn reply_to_case(
    number: String,
    text: String,
    #[server(default)] dokument: Option<String>,
) -> Result<(), AppError> {
    let (state, me) = citizen()?;
    let number = super::ssr::reply(&state, &me, &number, &text, dokument.as_deref()).await?;
    crate::components::url::redirect(&format!("/postfach/{number}?antwort=gesendet#nachrichten"));
    Ok(())
}

/// Owner: moves a case to the trash — refused while it has an unread message.
#[server(endpoint = "trash_case")]
pub async fn trash_case(number: String) -> Result<(), AppError> {
    let (state, me) = citizen()?;
    let c = crate::cases::ssr::find(&state.db, &me, &number).await?;
    crate::cases::ssr::set_trashed(&state.db, &c, true).await?;
    crate::components::url::redirect("/postfach?papierkorb=verschoben");
    Ok(())
}

/// Owner: brings a case back from the trash.
#[server(endpoint = "restore_case")]
pub async fn restore_case(number: String) -> Result<(), AppError> {
    let (state, me) = citizen()?;
    let c = crate::cases::ssr::find(&state.db, &me, &number).await?;
    crate::cases::ssr::set_trashed(&state.db, &c, false).await?;
    crate::components::url::redirect(&format!("/postfach/{}?wiederhergestellt=1", c.number));
    Ok(())
}
