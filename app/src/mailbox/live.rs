//! Live updates: the server pushes the unread count as Server-Sent Events; the header and an
//! open mailbox follow it without a reload. Without JavaScript (or without the stream) the
//! pages are simply as fresh as their last load.
//!
//! The stream polls the database every few seconds instead of listening to an in-process
//! channel, so it also sees messages written by another instance.

use leptos::prelude::*;

pub use crate::access::types::LIVE_EVENTS_PATH as EVENTS_PATH;

/// The unread count as pushed by the server; `None` until the first event. Reference-counted
/// (not owned by a component), so the stream's callback can never reach a disposed signal.
#[derive(Clone)]
pub struct LiveUnread(pub ArcRwSignal<Option<u64>>);

/// Provides the count for the page (the layout does this once).
pub fn provide_live_unread() {
    provide_context(LiveUnread(ArcRwSignal::new(None)));
}

#[cfg(feature = "hydrate")]
thread_local! {
    static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Opens the event stream, once per page load, in the browser (the header calls this when
/// someone is logged in).
pub fn start_live_updates() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;
        let Some(live) = use_live_unread() else {
            return;
        };
        if STARTED.with(|s| s.replace(true)) {
            return;
        }
        if let Ok(source) = web_sys::EventSource::new(EVENTS_PATH) {
            let on_unread = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |e: web_sys::MessageEvent| {
                    if let Some(n) = e.data().as_string().and_then(|s| s.parse::<u64>().ok()) {
                        live.0.set(Some(n));
                    }
                },
            );
            let _ = source
                .add_event_listener_with_callback("unread", on_unread.as_ref().unchecked_ref());
            on_unread.forget();
        }
    }
}

pub fn use_live_unread() -> Option<LiveUnread> {
    use_context::<LiveUnread>()
}

/// At most this many live streams per session and instance: a page and one more tab; every
/// further one would hold a connection and poll the database for nothing.
#[cfg(feature = "ssr")]
pub const MAX_STREAMS_PER_SESSION: usize = 2;

#[cfg(feature = "ssr")]
pub async fn events(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Extension(ctx): axum::extract::Extension<crate::access::ctx::RequestCtx>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use axum::response::sse::{Event, KeepAlive, Sse};
    use sea_orm::EntityTrait;
    let Ok(me) = ctx.actor.citizen() else {
        return http::StatusCode::UNAUTHORIZED.into_response();
    };
    let session_id = me.session().session_id;
    let Some(slot) = state.live_streams.take(session_id, MAX_STREAMS_PER_SESSION) else {
        return (
            http::StatusCode::TOO_MANY_REQUESTS,
            [(http::header::RETRY_AFTER, "30")],
            tr!("mailbox.too_many_streams"),
        )
            .into_response();
    };
    const EVERY: std::time::Duration = std::time::Duration::from_secs(2);
    let stream = futures::stream::unfold(
        (state, me, None::<u64>, slot),
        move |(state, me, last, slot)| async move {
            loop {
                if last.is_some() {
                    tokio::time::sleep(EVERY).await;
                }
                // The stream ends with the session (logout, timeout elsewhere, deletion).
                let t = crate::clock::now();
                let alive = matches!(
                    crate::entities::session::Entity::find_by_id(session_id).one(&state.db).await,
                    Ok(Some(s)) if t < s.expires_at && t < s.last_seen_at + state.config.session_idle_secs
                );
                if !alive {
                    return None;
                }
                let n = crate::cases::ssr::unread_total(&state.db, &me).await.ok()?;
                if Some(n) != last {
                    let event = Event::default().event("unread").data(n.to_string());
                    return Some((
                        Ok::<_, std::convert::Infallible>(event),
                        (state, me, Some(n), slot),
                    ));
                }
            }
        },
    );
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}
