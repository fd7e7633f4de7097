//! The data export (SPEC §2.4): one ZIP with everything stored about the account, as JSON
//! plus a short explanation. Areas that store more about an account (applications, cases,
//! documents) add their part in `archive`.

use std::io::Write;

use axum::extract::{Extension, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::personal_data::TrustLevel;
use super::ssr::own_account;
use crate::auth::ctx::{RequestCtx, SessionInfo};
use crate::clock::iso8601;
use crate::entities::{mail_outbox, recovery_code, session};
use crate::error::AppError;
use crate::state::AppState;

/// `GET /mein-bereich/export`: the archive for the session's own account.
pub async fn download(State(state): State<AppState>, Extension(ctx): Extension<RequestCtx>) -> Response {
    let Some(s) = ctx.session.as_ref() else {
        return Redirect::to("/anmelden?weiter=/mein-bereich").into_response();
    };
    match archive(&state, s).await {
        Ok(bytes) => (
            [
                (http::header::CONTENT_TYPE, "application/zip"),
                (http::header::CONTENT_DISPOSITION, "attachment; filename=\"serviceportal-meine-daten.zip\""),
                (http::header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => (http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// The JSON document about the account (without secrets: no password hash, no TOTP secret,
/// no token hashes).
pub async fn document(state: &AppState, s: &SessionInfo) -> Result<serde_json::Value, AppError> {
    let a = own_account(state, s).await?;
    let data = super::personal_data_store::load(state, s).await?.data;
    let sessions = session::Entity::find().filter(session::Column::AccountId.eq(a.id)).order_by_asc(session::Column::CreatedAt).all(&state.db).await?;
    let unused_codes = recovery_code::Entity::find()
        .filter(recovery_code::Column::AccountId.eq(a.id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(&state.db)
        .await?;
    let mails = mail_outbox::Entity::find().filter(mail_outbox::Column::Recipient.eq(a.email.clone())).order_by_asc(mail_outbox::Column::CreatedAt).all(&state.db).await?;
    Ok(json!({
        "erstellt_am": iso8601(crate::clock::now()),
        "konto": {
            "kennung": a.public_id,
            "e_mail_adresse": a.email,
            "angelegt_am": iso8601(a.created_at),
            "aktiviert_am": a.activated_at.map(iso8601),
            "vertrauensniveau": match TrustLevel::from_stored(&a.trust_level) {
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
    }))
}

pub async fn archive(state: &AppState, s: &SessionInfo) -> Result<Vec<u8>, AppError> {
    let doc = document(state, s).await?;
    let json = serde_json::to_vec_pretty(&doc).map_err(AppError::internal)?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut add = |name: &str, bytes: &[u8]| -> Result<(), AppError> {
        zip.start_file(name, options).map_err(AppError::internal)?;
        zip.write_all(bytes).map_err(AppError::internal)
    };
    add("LIESMICH.txt", tr!("export.readme").as_bytes())?;
    add("konto.json", &json)?;
    Ok(zip.finish().map_err(AppError::internal)?.into_inner())
}
