//! What every request handler and server function can reach (server only).

use std::sync::Arc;

use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use tokio::sync::Notify;

use crate::config::Config;
use crate::error::AppError;
use crate::hashing::PasswordHasher;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub hasher: PasswordHasher,
    /// Wakes the outbox worker as soon as a mail was queued.
    pub mail_wakeup: Arc<Notify>,
    pub leptos_options: LeptosOptions,
    pub documents: Arc<crate::storage::DocumentStore>,
}

impl AppState {
    /// The state inside a server function or an SSR render.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<AppState>()
            .ok_or_else(|| AppError::internal("AppState missing from context"))
    }
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
