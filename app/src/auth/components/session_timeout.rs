use leptos::html;
use leptos::prelude::*;

/// Warns two minutes before the 20-minute inactivity timeout and offers to stay logged in
/// (WCAG 2.2.1 "Timing Adjustable"). The server's clock decides: the page asks it how long the
/// session has left when it loads, again before warning, and again before giving up (another
/// tab may have kept the session alive). When the session has ended, the page goes to the
/// login, which brings the user back here.
#[component]
pub fn SessionTimeout() -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let remaining = RwSignal::new(crate::auth::api::IDLE_TIMEOUT_SECS);
    let minutes_left = move || {
        let s = remaining.get().max(0);
        format!("{}:{:02}", s / 60, s % 60)
    };

    #[cfg(feature = "hydrate")]
    {
        use crate::auth::api::{extend_session, session_status};
        use leptos::task::spawn_local;
        // Two minutes, or a quarter of a (test-)shortened timeout.
        let warn_at = StoredValue::new(120i64);
        let checking = StoredValue::new(false);
        let go_to_login = move || {
            let location = window().location();
            let back = js_sys_encode(&format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            ));
            let _ = location.set_href(&format!("/anmelden?weiter={back}&abgelaufen=1"));
        };
        // Asks the server; opens the dialog when little time is left, leaves when none is.
        let check = move |first: bool| {
            if checking.get_value() {
                return;
            }
            checking.set_value(true);
            spawn_local(async move {
                let status = session_status().await;
                // The header re-renders on navigation; an answer for a replaced one is dropped.
                if remaining.is_disposed() {
                    return;
                }
                match status {
                    Ok(s) if s.remaining_secs > 0 => {
                        if first {
                            warn_at.set_value(120.min(s.remaining_secs / 4));
                        }
                        remaining.set(s.remaining_secs);
                        if let Some(d) = dialog.get_untracked() {
                            if s.remaining_secs <= warn_at.get_value() && !d.open() {
                                let _ = d.show_modal();
                            } else if s.remaining_secs > warn_at.get_value() && d.open() {
                                d.close();
                            }
                        }
                    }
                    Ok(_) | Err(crate::error::AppError::Unauthenticated) => go_to_login(),
                    Err(_) => {} // the server is unreachable: try again at the next tick
                }
                checking.set_value(false);
            });
        };
        Effect::new(move |_| {
            check(true);
            let tick = move || {
                let left = remaining.get_untracked() - 1;
                remaining.set(left);
                let open = dialog.get_untracked().is_some_and(|d| d.open());
                if left <= 0 || (left <= warn_at.get_value() && !open) {
                    check(false);
                }
            };
            // Stopped with the component; a timer outliving it would read disposed signals.
            if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
                on_cleanup(move || handle.clear());
            }
        });
        let stay = move |_| {
            spawn_local(async move {
                let extended = extend_session().await;
                if remaining.is_disposed() {
                    return;
                }
                if let Ok(s) = extended {
                    remaining.set(s.remaining_secs);
                }
                if let Some(d) = dialog.get_untracked() {
                    d.close();
                }
            });
        };
        return view! { <TimeoutDialog dialog minutes_left on_stay=Callback::new(stay) /> }
            .into_any();
    }
    #[allow(unreachable_code)]
    view! { <TimeoutDialog dialog minutes_left on_stay=Callback::new(|_| ()) /> }.into_any()
}

#[cfg(feature = "hydrate")]
fn js_sys_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
fn TimeoutDialog(
    dialog: NodeRef<html::Dialog>,
    minutes_left: impl Fn() -> String + Send + Sync + 'static,
    on_stay: Callback<()>,
) -> impl IntoView {
    let auth = crate::auth::context::use_auth();
    view! {
        <dialog node_ref=dialog class="kern-dialog session-dialog" aria-labelledby="session-dialog-title">
            <header class="kern-dialog__header">
                <h2 class="kern-title" id="session-dialog-title">{tr!("session.warning_title")}</h2>
            </header>
            <section class="kern-dialog__body">
                <p class="kern-body">
                    {tr!("session.warning_text")}
                    <strong role="timer" aria-live="off">{minutes_left}</strong>
                </p>
                <p class="kern-body">{tr!("session.nothing_lost")}</p>
            </section>
            <footer class="kern-dialog__footer">
                <button type="button" class="kern-btn kern-btn--primary" on:click=move |_| on_stay.run(())>
                    <span class="kern-label">{tr!("session.stay")}</span>
                </button>
                <button type="button" class="kern-btn kern-btn--secondary" on:click=move |_| { auth.logout.dispatch(crate::auth::api::Logout {}); }>
                    <span class="kern-label">{tr!("session.logout_now")}</span>
                </button>
            </footer>
        </dialog>
    }
}
