//! Server functions of the back office's case work. Each starts from the staff context
//! (`Forbidden` for citizens, `SecondFactorRequired` for staff without one) and reaches a
//! case only through `ssr::find`, which hides other authorities' and other services' cases.

use leptos::prelude::*;

use super::types::{InboxFilter, InboxList, WorkCase};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::access::staff;

#[cfg(feature = "ssr")]
fn back_to(number: &str, notice: &str) {
    crate::components::url::redirect(&format!("/sachbearbeitung/{number}?{notice}=1"));
}

/// Staff: one page of the Postkorb.
#[server(endpoint = "list_inbox")]
pub async fn list_inbox(filter: InboxFilter) -> Result<InboxList, AppError> {
    let (state, st) = staff()?;
    super::ssr::list(&state.db, &st, &filter).await
}

/// Staff who may see the case.
#[server(endpoint = "open_work_case")]
pub async fn open_work_case(number: String) -> Result<WorkCase, AppError> {
    let (state, st) = staff()?;
    super::ssr::open(&state.db, &st, &number).await
}

/// A caseworker responsible for the service, while nobody has the case.
#[server(endpoint = "take_case")]
pub async fn take_case(number: String) -> Result<(), AppError> {
    let (state, st) = staff()?;
    let number = super::ssr::take(&state, &st, &number).await?;
    back_to(&number, "uebernommen");
    Ok(())
}

/// The caseworker who has the case, or an admin.
#[server(endpoint = "hand_back_case")]
pub async fn hand_back_case(number: String) -> Result<(), AppError> {
    let (state, st) = staff()?;
    let number = super::ssr::hand_back(&state, &st, &number).await?;
    back_to(&number, "zurueckgegeben");
    Ok(())
}

/// An admin: to a colleague responsible for the service.
#[server(endpoint = "reassign_case")]
pub async fn reassign_case(number: String, an: String) -> Result<(), AppError> {
    let (state, st) = staff()?;
    let number = super::ssr::reassign(&state, &st, &number, &an).await?;
    back_to(&number, "zugewiesen");
    Ok(())
}

/// The caseworker who has the case.
#[server(endpoint = "change_case_status")]
pub async fn change_case_status(
    number: String,
    status: String,
    #[server(default)] notiz: String,
) -> Result<(), AppError> {
    let (state, st) = staff()?;
    let number = super::ssr::change_status(&state, &st, &number, &status, &notiz).await?;
    back_to(&number, "status");
    Ok(())
}

/// The caseworker who has the case: a message, with a document if the applicant agreed.
#[server(endpoint = "send_case_message")]
pub async fn send_case_message(
    number: String,
    text: String,
    #[server(default)] dokument: Option<String>,
) -> Result<(), AppError> {
    let (state, st) = staff()?;
    let number =
        super::ssr::send_message(&state, &st, &number, &text, dokument.as_deref(), false).await?;
    back_to(&number, "gesendet");
    Ok(())
}

/// Staff who may see the case: the documents uploaded for it, to attach to a reply.
#[server(endpoint = "case_uploads")]
pub async fn case_uploads(
    number: String,
) -> Result<Vec<crate::documents::types::DocumentView>, AppError> {
    let (state, st) = staff()?;
    super::ssr::case_uploads(&state.db, &st, &number).await
}

/// The caseworker who has the case: a question the applicant answers in their mailbox.
#[server(endpoint = "send_case_question")]
pub async fn send_case_question(number: String, frage: String) -> Result<(), AppError> {
    let (state, st) = staff()?;
    let number = super::ssr::send_message(&state, &st, &number, &frage, None, true).await?;
    back_to(&number, "rueckfrage");
    Ok(())
}

/// The caseworker who has the case, for a service whose fee the caseworker sets.
#[server(endpoint = "set_case_fee")]
pub async fn set_case_fee(number: String, gebuehr: String) -> Result<(), AppError> {
    let (state, st) = staff()?;
    let number = super::ssr::set_fee(&state, &st, &number, &gebuehr).await?;
    back_to(&number, "gebuehr");
    Ok(())
}
