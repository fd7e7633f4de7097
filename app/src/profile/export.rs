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
use crate::accounts::ssr::own_account;
use crate::clock::iso8601;
use crate::entities::{draft, mail_outbox, recovery_code, service, session};
use crate::error::AppError;
use crate::state::AppState;

/// `GET /mein-bereich/export`: the archive for the session's own account.
pub async fn download(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestCtx>,
) -> Response {
    let Ok(me) = ctx.actor.citizen() else {
        return Redirect::to("/anmelden?weiter=/mein-bereich").into_response();
    };
    match archive(&state, &me).await {
        Ok(bytes) => (
            [
                (http::header::CONTENT_TYPE, "application/zip"),
                (
                    http::header::CONTENT_DISPOSITION,
                    "attachment; filename=\"serviceportal-meine-daten.zip\"",
                ),
                (http::header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => e.into_response(),
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

pub async fn archive(state: &AppState, me: &Citizen) -> Result<Vec<u8>, AppError> {
    let doc = document(state, me).await?;
    let json = serde_json::to_vec_pretty(&doc).map_err(AppError::internal)?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut add = |name: &str, bytes: &[u8]| -> Result<(), AppError> {
        zip.start_file(name, options).map_err(AppError::internal)?;
        zip.write_all(bytes).map_err(AppError::internal)
    };
    add("LIESMICH.txt", tr!("export.readme").as_bytes())?;
    add("konto.json", &json)?;
    // The documents as uploaded (decrypted): the export is the user's own copy.
    for d in crate::documents::ssr::list_own(&state.db, me).await? {
        let bytes = crate::documents::ssr::read_plain(&state.documents, &d).await?;
        add(&format!("dokumente/{}", export_name(&d)), &bytes)?;
    }
    Ok(zip.finish().map_err(AppError::internal)?.into_inner())
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
