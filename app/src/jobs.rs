//! Periodic clean-up (server only). Every job is an idempotent delete, so several instances
//! may run it at once.

use std::time::Duration;

use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::clock::now;
use crate::entities::{email_token, session};
use crate::error::AppError;

pub async fn run_once(
    db: &DatabaseConnection,
    config: &crate::config::Config,
) -> Result<(), AppError> {
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
    crate::auth::second_factor::setup::purge_unshown_codes(db).await?;
    crate::auth::passkey::ssr::purge_expired(db).await?;
    let cases =
        crate::cases::ssr::purge_expired(db, config.trash_days, config.retention_days).await?;
    if cases > 0 {
        tracing::info!(cases, "deleted cases past the trash or retention period");
    }
    Ok(())
}

pub async fn run_forever(
    db: DatabaseConnection,
    config: std::sync::Arc<crate::config::Config>,
    every: Duration,
) {
    loop {
        if let Err(e) = run_once(&db, &config).await {
            tracing::error!(error = ?e, "clean-up job");
        }
        tokio::time::sleep(every).await;
    }
}
