//! `POST /dokumente/hochladen`, in the top layer because one upload serves the document safe,
//! a file field of a draft and a reply to a case. A plain multipart form (so it works without JavaScript; with
//! JavaScript the same form is sent with a progress bar). The file is streamed through the
//! type check and the encryption into the blob store, never held whole in memory.
//!
//! Fields, in this order: `zurueck` (the page to return to), optionally `antrag` and `feld`
//! (a draft and its file field) or `fall` (staff: the case the document is for), then `datei`.

use axum::extract::{Extension, Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::access::Citizen;
use crate::access::ctx::RequestCtx;
use crate::documents::ssr::Holder;
use crate::documents::types::UploadProblem;
use crate::state::AppState;

/// Pages an upload may return to; anything else goes to the document safe.
const RETURN_PREFIXES: [&str; 4] = [
    "/antrag/",
    "/postfach/",
    "/mein-bereich",
    "/sachbearbeitung/",
];
const SAFE: &str = "/mein-bereich#dokumentensafe";

pub async fn handle(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
    mut form: Multipart,
) -> Response {
    let Ok(me) = ctx.actor.citizen() else {
        return Redirect::to("/anmelden").into_response();
    };
    let (mut back, mut draft, mut slot) = (SAFE.to_owned(), None::<String>, None::<String>);
    let mut case = None::<String>;
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => {
                return crate::components::url::see_other(&with_query(
                    &back,
                    "upload",
                    UploadProblem::Empty.code(),
                    slot.as_deref(),
                ));
            }
            Err(e) => {
                tracing::warn!(error = %e, "malformed upload");
                return crate::components::url::see_other(&with_query(
                    &back,
                    "upload",
                    UploadProblem::Failed.code(),
                    slot.as_deref(),
                ));
            }
        };
        match field.name().unwrap_or_default() {
            "zurueck" => {
                let v = field.text().await.unwrap_or_default();
                if RETURN_PREFIXES.iter().any(|p| v.starts_with(p))
                    && !v.contains("//")
                    && !v.contains('\\')
                {
                    back = v;
                }
            }
            "antrag" => draft = field.text().await.ok().filter(|v| !v.is_empty()),
            "feld" => slot = field.text().await.ok().filter(|v| !v.is_empty()),
            "fall" => case = field.text().await.ok().filter(|v| !v.is_empty()),
            "datei" => {
                let file_name = field.file_name().unwrap_or_default().to_owned();
                let outcome = match case.as_deref() {
                    Some(number) => store_for_case(&state, &ctx, number, &file_name, field).await,
                    None => {
                        store(
                            &state,
                            &me,
                            draft.as_deref(),
                            slot.as_deref(),
                            &file_name,
                            field,
                        )
                        .await
                    }
                };
                let target = match outcome {
                    Ok(id) => with_query(&back, "dokument", &id, slot.as_deref()),
                    Err(p) => with_query(&back, "upload", p.code(), slot.as_deref()),
                };
                return crate::components::url::see_other(&target);
            }
            _ => {}
        }
    }
}

async fn store(
    state: &AppState,
    me: &Citizen,
    draft: Option<&str>,
    slot: Option<&str>,
    file_name: &str,
    field: axum::extract::multipart::Field<'_>,
) -> Result<String, UploadProblem> {
    let docs = &state.documents;
    // What the application still has room for, if the file is for one of its file fields
    // (checked before a byte is stored).
    let room = match (draft, slot) {
        (Some(d), Some(s)) => {
            crate::applications::ssr::check_file_field(&state.db, me, d, s)
                .await
                .map_err(|_| UploadProblem::Failed)?;
            let used = crate::applications::ssr::attached_bytes(&state.db, me, d, Some(s))
                .await
                .map_err(|_| UploadProblem::Failed)?;
            Some(docs.max_application_bytes.saturating_sub(used))
        }
        (None, _) => None,
        (Some(_), None) => return Err(UploadProblem::Failed),
    };
    // What the document safe still has room for: every upload of a citizen lands there.
    let used = crate::documents::ssr::safe_bytes(&state.db, me)
        .await
        .map_err(|_| UploadProblem::Failed)?;
    let safe_room = docs.max_safe_bytes.saturating_sub(used);
    if safe_room == 0 {
        return Err(UploadProblem::SafeFull);
    }
    let limit = room
        .map_or(docs.max_file_bytes, |r| r.min(docs.max_file_bytes))
        .min(safe_room);
    let (key, mime, size) = crate::documents::ssr::store_stream(docs, field, limit)
        .await
        .map_err(|p| match p {
            UploadProblem::TooLarge if safe_room == limit && safe_room < docs.max_file_bytes => {
                UploadProblem::SafeFull
            }
            UploadProblem::TooLarge if room.is_some_and(|r| r < docs.max_file_bytes) => {
                UploadProblem::ApplicationFull
            }
            p => p,
        })?;
    // The document row and its place in the draft are written together or not at all.
    let (file_name, draft, slot, storage_key) = (
        file_name.to_owned(),
        draft.map(str::to_owned),
        slot.map(str::to_owned),
        key.clone(),
    );
    let limit = docs.max_application_bytes;
    let saved = crate::db::write_txn(state, async |txn| {
        let doc = crate::documents::ssr::insert(
            txn,
            Holder::Safe(me),
            &file_name,
            mime,
            size,
            storage_key,
        )
        .await?;
        if let (Some(d), Some(s)) = (draft.as_deref(), slot.as_deref()) {
            crate::applications::ssr::attach_document(txn, me, d, s, &doc.public_id, limit).await?;
        }
        Ok(doc.public_id)
    })
    .await;
    match saved {
        Ok(id) => Ok(id),
        Err(_) => {
            crate::documents::ssr::delete_blobs(docs, [key]).await;
            Err(UploadProblem::Failed)
        }
    }
}

/// A caseworker's document for a case they have taken: it belongs to the case, not to them.
async fn store_for_case(
    state: &AppState,
    ctx: &RequestCtx,
    number: &str,
    file_name: &str,
    field: axum::extract::multipart::Field<'_>,
) -> Result<String, UploadProblem> {
    let st = ctx.actor.staff().map_err(|_| UploadProblem::Failed)?;
    let case = crate::casework::ssr::case_for_upload(&state.db, &st, number)
        .await
        .map_err(|_| UploadProblem::Failed)?;
    let docs = &state.documents;
    let (key, mime, size) =
        crate::documents::ssr::store_stream(docs, field, docs.max_file_bytes).await?;
    let holder = Holder::Case {
        uploader: &st,
        case_id: case.id,
    };
    match crate::documents::ssr::insert(&state.db, holder, file_name, mime, size, key.clone()).await
    {
        Ok(doc) => Ok(doc.public_id),
        Err(_) => {
            crate::documents::ssr::delete_blobs(docs, [key]).await;
            Err(UploadProblem::Failed)
        }
    }
}

/// `back` with `key=value` (and the field it was for) before any `#fragment`.
fn with_query(back: &str, key: &str, value: &str, slot: Option<&str>) -> String {
    let (path, fragment) = back
        .split_once('#')
        .map_or((back, None), |(p, f)| (p, Some(f)));
    let sep = if path.contains('?') { '&' } else { '?' };
    let mut out = format!("{path}{sep}{key}={value}");
    if let Some(s) = slot {
        out.push_str(&format!("&feld={s}"));
    }
    match (fragment, slot) {
        (_, Some(s)) => out.push_str(&format!("#field-{s}")),
        (Some(f), None) => out.push_str(&format!("#{f}")),
        _ => {}
    }
    out
}
