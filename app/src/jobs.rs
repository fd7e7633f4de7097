//! Periodic clean-up (server only). Every job is an idempotent delete, so several instances
//! may run it at once.

use std::time::Duration;

use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::clock::now;
use crate::entities::{email_token, session};
use crate::error::AppError;
use crate::state::AppState;

pub async fn run_once(state: &AppState) -> Result<(), AppError> {
    let (db, config) = (&state.db, &*state.config);
    let idle_secs = config.session_idle_secs;
    let purged = crate::accounts::ssr::purge_expired_registrations(db).await?;
    if purged > 0 {
        tracing::info!(
            purged,
            "deleted unconfirmed registrations older than 24 hours"
        );
    }
    let t = now();
    session::Entity::delete_many()
        .filter(
            session::Column::ExpiresAt
                .lte(t)
                .or(session::Column::LastSeenAt.lte(t - idle_secs)),
        )
        .exec(db)
        .await?;
    email_token::Entity::delete_many()
        .filter(email_token::Column::ExpiresAt.lte(t - 24 * 60 * 60))
        .exec(db)
        .await?;
    crate::auth::second_factor::challenge::purge_expired(db).await?;
    crate::mail::outbox::purge_sent(db, config.sent_mail_days).await?;
    crate::auth::second_factor::setup::purge_unshown_codes(db).await?;
    crate::auth::passkey::ssr::purge_expired(db).await?;
    crate::accounts::known_device::purge_unused(db).await?;
    crate::form_flash::purge_expired(db).await?;
    crate::accounts::security_log::purge_older_than(db, config.security_log_days).await?;
    let (cases, blobs) =
        crate::cases::ssr::purge_expired(db, config.trash_days, config.retention_days).await?;
    crate::documents::ssr::delete_blobs(&state.documents, blobs).await;
    if cases > 0 {
        tracing::info!(cases, "deleted cases past the trash or retention period");
    }
    Ok(())
}

/// Brings data encrypted by earlier versions to the current format (at start): document files
/// of the first format, TOTP seeds in clear. Safe to run on several instances at once.
pub async fn migrate_at_rest(state: &AppState) -> Result<(), AppError> {
    let files = crate::documents::ssr::reseal_legacy(&state.db, &state.documents).await?;
    let seeds =
        crate::auth::second_factor::seed::seal_plain_seeds(&state.db, &state.documents.key).await?;
    if files + seeds > 0 {
        tracing::info!(files, seeds, "re-sealed data at rest in the current format");
    }
    Ok(())
}

pub async fn run_forever(state: AppState, every: Duration) {
    loop {
        if let Err(e) = run_once(&state).await {
            tracing::error!(error = ?e, "clean-up job");
        }
        tokio::time::sleep(every).await;
    }
}
