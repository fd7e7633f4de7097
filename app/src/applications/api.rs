//! Server functions of applications. Each checks the session first and acts only on the
//! account's own drafts; the redirects make every step work as a plain form post.

use std::collections::HashMap;

use leptos::prelude::*;

use super::types::{DraftSummary, DraftView, ServiceDetail, Submitted};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::access::citizen;

/// Anyone: a service page, with what the visitor can do there.
#[server(endpoint = "service_detail")]
pub async fn get_service_detail(slug: String) -> Result<ServiceDetail, AppError> {
    let me = crate::access::ctx::RequestCtx::current()?
        .actor
        .citizen()
        .ok();
    super::ssr::detail(&crate::state::AppState::current()?, &slug, me.as_ref()).await
}

/// Logged in, with the trust level the service needs: a new draft, then its first page.
#[server(endpoint = "start_application")]
pub async fn start_application(slug: String) -> Result<(), AppError> {
    let (state, me) = citizen()?;
    let id = super::ssr::start(&state, &me, &slug).await?;
    crate::components::url::redirect(&super::types::Step::Page(0).href(&id));
    Ok(())
}

/// Owner: a draft with its form, answers and the document safe.
#[server(endpoint = "load_draft")]
pub async fn load_draft(id: String) -> Result<DraftView, AppError> {
    let (state, me) = citizen()?;
    super::ssr::view(&state, &me, &id).await
}

/// Owner: the account's drafts, for the mailbox.
#[server(endpoint = "my_drafts")]
pub async fn my_drafts() -> Result<Vec<DraftSummary>, AppError> {
    let (state, me) = citizen()?;
    super::ssr::drafts_of(&state.db, &me).await
}

/// Owner: saves a form page (always, also with errors) and goes on — to the next step, or
/// back to the summary when the page was opened from there (`zurueck=uebersicht`).
#[server(endpoint = "save_page")]
pub async fn save_page(
    id: String,
    page: usize,
    #[server(default)] answers: HashMap<String, String>,
    #[server(default)] zurueck: String,
) -> Result<(), AppError> {
    use super::types::Step;
    let (state, me) = citizen()?;
    let errors =
        super::ssr::save_page(&state, &me, &id, page, answers.into_iter().collect()).await?;
    errors.into_result()?;
    let d = super::ssr::own_draft(&state.db, &me, &id).await?;
    let schema = crate::services::ssr::form(&state.db, d.service_id, d.form_version).await?;
    let next = if zurueck == "uebersicht" {
        Step::Summary
    } else {
        Step::Page(page).next(&schema)
    };
    crate::components::url::redirect(&next.href(&id));
    Ok(())
}

/// Owner: puts a document from the safe into a file field.
#[server(endpoint = "choose_document")]
pub async fn choose_document(id: String, feld: String, dokument: String) -> Result<(), AppError> {
    let (state, me) = citizen()?;
    super::ssr::attach_document(
        &state.db,
        &me,
        &id,
        &feld,
        &dokument,
        state.documents.max_application_bytes,
    )
    .await?;
    // The query changes the URL, so the page in the browser loads the draft again.
    crate::components::url::redirect(&format!(
        "{}?gewaehlt={feld}#field-{feld}",
        super::types::Step::Documents.href(&id)
    ));
    Ok(())
}

/// Owner: leaves the documents step once every required document is there.
#[server(endpoint = "finish_documents")]
pub async fn finish_documents(id: String) -> Result<(), AppError> {
    let (state, me) = citizen()?;
    super::ssr::check_documents(&state.db, &me, &id).await?;
    crate::components::url::redirect(&super::types::Step::Consent.href(&id));
    Ok(())
}

/// Owner: the consent to the processing of the data, and optionally to documents by portal.
#[server(endpoint = "give_consent")]
pub async fn give_consent(
    id: String,
    #[server(default)] consent: Option<String>,
    #[server(default)] dokumente: Option<String>,
) -> Result<(), AppError> {
    let (state, me) = citizen()?;
    super::ssr::set_consent(&state.db, &me, &id, consent.is_some(), dokumente.is_some()).await?;
    crate::components::url::redirect(&super::types::Step::Summary.href(&id));
    Ok(())
}

/// Owner: files the application; the draft becomes a case.
#[server(endpoint = "submit_application")]
pub async fn submit_application(id: String) -> Result<(), AppError> {
    let (state, me) = citizen()?;
    let number = super::ssr::submit(&state, &me, &id).await?;
    crate::components::url::redirect(&format!("/postfach/{number}/eingereicht"));
    Ok(())
}

/// Owner: deletes a draft.
#[server(endpoint = "discard_draft")]
pub async fn discard_draft(id: String) -> Result<(), AppError> {
    let (state, me) = citizen()?;
    super::ssr::discard(&state.db, &me, &id).await?;
    crate::components::url::redirect("/postfach?entwurf=verworfen");
    Ok(())
}

/// Owner of the case: the confirmation page after submitting.
#[server(endpoint = "submitted_case")]
pub async fn submitted_case(number: String) -> Result<Submitted, AppError> {
    let (state, me) = citizen()?;
    super::ssr::submitted(&state, &me, &number).await
}
