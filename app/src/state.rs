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
    /// Live event streams open per session on this instance (`mailbox::live`).
    pub live_streams: SessionSlots,
    /// Slots for data exports being built on this instance (`profile::export`).
    pub exports: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// The state inside a server function or an SSR render.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<AppState>()
            .ok_or_else(|| AppError::internal("AppState missing from context"))
    }
}

/// How many of something (live streams) each session holds open on this instance.
#[derive(Clone, Default)]
pub struct SessionSlots(Arc<std::sync::Mutex<std::collections::HashMap<i64, usize>>>);

/// One slot taken; it is given back when dropped.
pub struct SessionSlot {
    slots: SessionSlots,
    session_id: i64,
}

impl SessionSlots {
    /// A slot for the session, unless it holds `max` already.
    pub fn take(&self, session_id: i64, max: usize) -> Option<SessionSlot> {
        let mut map = self.0.lock().expect("slot registry poisoned");
        let n = map.entry(session_id).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(SessionSlot {
            slots: self.clone(),
            session_id,
        })
    }
}

impl Drop for SessionSlot {
    fn drop(&mut self) {
        let mut map = self.slots.0.lock().expect("slot registry poisoned");
        if let Some(n) = map.get_mut(&self.session_id) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.session_id);
            }
        }
    }
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_session_gets_no_more_slots_than_allowed_and_gets_them_back() {
        let slots = super::SessionSlots::default();
        let a = slots.take(1, 2).unwrap();
        let _b = slots.take(1, 2).unwrap();
        assert!(slots.take(1, 2).is_none());
        assert!(slots.take(2, 2).is_some(), "another session is not held up");
        drop(a);
        assert!(slots.take(1, 2).is_some());
    }
}
