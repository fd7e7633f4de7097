//! The data export (SPEC §2.4): one ZIP with everything stored about the account, as JSON
//! plus a short explanation. Areas that store more about an account (applications, cases,
//! documents) add their part in `archive`.

use std::io::Write;

use axum::extract::{Extension, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::access::Citizen;
use crate::access::ctx::RequestCtx;
use crate::accounts::personal_data::TrustLevel;
use crate::accounts::security_log::{self, SecurityEvent};
use crate::accounts::ssr::own_account;
use crate::clock::iso8601;
use crate::entities::{draft, mail_outbox, recovery_code, service, session};
use crate::error::AppError;
use crate::state::AppState;

/// How many exports one instance builds at once; each holds one document in memory at a time.
pub const PARALLEL_EXPORTS: usize = 2;

/// `GET /mein-bereich/export`: the archive for the session's own account, streamed as it is
/// written — at most [`PARALLEL_EXPORTS`] at once, the rest are asked to come back shortly.
pub async fn download(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
) -> Response {
    let me = match ctx.actor.citizen() {
        Ok(me) => me,
        // A session limited to setting up the second factor gets nothing else.
        Err(AppError::SecondFactorRequired) => {
            return Redirect::to(crate::components::url::SECOND_FACTOR_SETUP).into_response();
        }
        Err(_) => return Redirect::to("/anmelden?weiter=/mein-bereich").into_response(),
    };
    let Ok(permit) = state.exports.clone().try_acquire_owned() else {
        return (
            http::StatusCode::TOO_MANY_REQUESTS,
            [(http::header::RETRY_AFTER, "60")],
            tr!("export.busy"),
        )
            .into_response();
    };
    let started = async {
        let parts = Parts::collect(&state, &me).await?;
        security_log::record(
            &state.db,
            me.account_id(),
            SecurityEvent::DataExported,
            &ctx,
        )
        .await?;
        Ok::<_, AppError>(parts)
    };
    let parts = match started.await {
        Ok(parts) => parts,
        Err(e) => return e.into_response(),
    };
    let body = stream_archive(state, parts, permit);
    (
        [
            (http::header::CONTENT_TYPE, "application/zip"),
            (
                http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"serviceportal-meine-daten.zip\"",
            ),
            (http::header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// What goes into the archive, read before the first byte is sent (so that a database error
/// still answers with an error page): the JSON and the list of documents.
struct Parts {
    json: Vec<u8>,
    documents: Vec<crate::entities::document::Model>,
}

impl Parts {
    async fn collect(state: &AppState, me: &Citizen) -> Result<Self, AppError> {
        let doc = document(state, me).await?;
        Ok(Parts {
            json: serde_json::to_vec_pretty(&doc).map_err(AppError::internal)?,
            documents: crate::documents::ssr::list_own(&state.db, me).await?,
        })
    }
}

/// The ZIP is written on a blocking thread (the zip crate writes synchronously) into a
/// bounded channel that the response body reads: memory stays at one document and a few
/// chunks, however large the safe. The export's slot is held until the body is dropped.
fn stream_archive(
    state: AppState,
    parts: Parts,
    permit: tokio::sync::OwnedSemaphorePermit,
) -> axum::body::Body {
    let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<bytes::Bytes>>(4);
    let runtime = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        let writer = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::with_capacity(CHUNK),
        };
        if let Err(e) = write_archive(&runtime, &state, parts, writer) {
            tracing::warn!(error = %e, "data export ended early (client gone or read error)");
            // The client sees a broken download, not a truncated file that looks whole.
            let _ = tx.blocking_send(Err(std::io::Error::other("export failed")));
        }
    });
    let stream = futures::stream::unfold((rx, permit), |(mut rx, permit)| async move {
        rx.recv().await.map(|chunk| (chunk, (rx, permit)))
    });
    axum::body::Body::from_stream(stream)
}

fn write_archive(
    runtime: &tokio::runtime::Handle,
    state: &AppState,
    parts: Parts,
    writer: ChannelWriter,
) -> Result<(), AppError> {
    let mut zip = zip::ZipWriter::new_stream(writer);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut add = |name: &str, bytes: &[u8]| -> Result<(), AppError> {
        zip.start_file(name, options).map_err(AppError::internal)?;
        zip.write_all(bytes).map_err(AppError::internal)
    };
    add("LIESMICH.txt", tr!("export.readme").as_bytes())?;
    add("konto.json", &parts.json)?;
    // The documents as uploaded (decrypted): the export is the user's own copy.
    for d in &parts.documents {
        let bytes = runtime.block_on(crate::documents::ssr::read_plain(&state.documents, d))?;
        add(&format!("dokumente/{}", export_name(d)), &bytes)?;
    }
    let mut writer = zip.finish().map_err(AppError::internal)?.into_inner();
    writer.flush().map_err(AppError::internal)
}

const CHUNK: usize = 64 * 1024;

/// A `Write` that hands its bytes to the response body in chunks; it fails once the client
/// has gone, which ends the export.
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<std::io::Result<bytes::Bytes>>,
    buf: Vec<u8>,
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = bytes::Bytes::from(std::mem::take(&mut self.buf));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    }
}

/// The JSON document about the account (without secrets: no password hash, no TOTP secret,
/// no token hashes).
pub async fn document(state: &AppState, me: &Citizen) -> Result<serde_json::Value, AppError> {
    let a = own_account(state, me.session()).await?;
    let data = super::personal_data_store::load(state, me.session())
        .await?
        .data;
    let sessions = session::Entity::find()
        .filter(session::Column::AccountId.eq(a.id))
        .order_by_asc(session::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let unused_codes = recovery_code::Entity::find()
        .filter(recovery_code::Column::AccountId.eq(a.id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(&state.db)
        .await?;
    let drafts = drafts_of(state, me).await?;
    let cases = cases_of(state, me).await?;
    let documents = crate::documents::ssr::list_own(&state.db, me).await?;
    let security_log = security_log::recent(&state.db, me.account_id(), None).await?;
    let mails = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Recipient.eq(a.email.clone()))
        .order_by_asc(mail_outbox::Column::CreatedAt)
        .all(&state.db)
        .await?;
    Ok(json!({
        "erstellt_am": iso8601(crate::clock::now()),
        "konto": {
            "kennung": a.public_id,
            "e_mail_adresse": a.email,
            "angelegt_am": iso8601(a.created_at),
            "aktiviert_am": a.activated_at.map(iso8601),
            "vertrauensniveau": match a.trust_level {
                TrustLevel::Low => "Basis",
                TrustLevel::Substantial => "substanziell",
                TrustLevel::High => "hoch",
            },
            "zweiter_faktor": a.second_factor,
            "unbenutzte_wiederherstellungscodes": unused_codes,
        },
        "meine_daten": data,
        "sitzungen": sessions.iter().map(|x| json!({
            "browser": x.user_agent,
            "angemeldet_am": iso8601(x.created_at),
            "zuletzt_aktiv_am": iso8601(x.last_seen_at),
        })).collect::<Vec<_>>(),
        "sicherheitsprotokoll": security_log.iter().map(|e| json!({
            "ereignis": e.kind,
            "am": iso8601(e.at),
            "browser": e.user_agent,
            "netz": e.network,
        })).collect::<Vec<_>>(),
        "e_mails": mails.iter().map(|m| json!({
            "betreff": m.subject,
            "erstellt_am": iso8601(m.created_at),
            "versandt_am": m.sent_at.map(iso8601),
        })).collect::<Vec<_>>(),
        "entwuerfe": drafts,
        "vorgaenge": cases,
        "dokumente": documents.iter().map(|d| json!({
            "datei": format!("dokumente/{}", export_name(d)),
            "name": d.file_name,
            "typ": d.content_type,
            "groesse_bytes": d.size_bytes,
            "hochgeladen_am": iso8601(d.created_at),
        })).collect::<Vec<_>>(),
    }))
}

/// The name of a document inside the archive: unique (the id) and recognisable (the name).
fn export_name(d: &crate::entities::document::Model) -> String {
    format!(
        "{}-{}",
        &d.public_id[..8.min(d.public_id.len())],
        d.file_name
    )
}

/// Every case of the account with its messages and history, as the mailbox shows them.
async fn cases_of(state: &AppState, me: &Citizen) -> Result<Vec<serde_json::Value>, AppError> {
    use crate::entities::case;
    let rows = crate::cases::ssr::readable(me)
        .order_by_asc(case::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for c in &rows {
        let d = crate::cases::detail::detail_of(&state.db, c, false).await?;
        out.push(json!({
            "vorgangsnummer": d.number,
            "titel": d.title,
            "behoerde": d.authority,
            "status": d.status.label(),
            "eingereicht_am": d.submitted,
            "im_papierkorb": d.trashed,
            "statusverlauf": d.history.iter().map(|h| json!({ "status": h.status.label(), "am": h.at })).collect::<Vec<_>>(),
            "nachrichten": d.messages.iter().map(|m| json!({
                "von": m.author,
                "am": m.sent,
                "text": m.body,
                "anhaenge": m.attachments.iter().map(|a| a.file_name.clone()).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "angaben": d.answers,
        }));
    }
    Ok(out)
}

/// The account's unfinished applications with everything typed so far.
async fn drafts_of(state: &AppState, me: &Citizen) -> Result<Vec<serde_json::Value>, AppError> {
    let drafts = draft::Entity::find()
        .filter(draft::Column::AccountId.eq(me.account_id()))
        .order_by_asc(draft::Column::CreatedAt)
        .all(&state.db)
        .await?;
    let services = service::Entity::find()
        .filter(service::Column::Id.is_in(drafts.iter().map(|d| d.service_id)))
        .all(&state.db)
        .await?;
    Ok(drafts
        .into_iter()
        .map(|d| {
            let service = services.iter().find(|s| s.id == d.service_id);
            json!({
                "online_dienst": service.map(|s| s.name.clone()),
                "angelegt_am": iso8601(d.created_at),
                "gespeichert_am": iso8601(d.updated_at),
                "angaben": serde_json::from_str::<serde_json::Value>(&d.answers)
                    .unwrap_or(serde_json::Value::Null),
            })
        })
        .collect())
}
