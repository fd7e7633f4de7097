use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::accounts::validate;
use crate::auth::context::use_auth;
use crate::auth::passkey::components::PasskeyLoginButton;
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::Field;

/// `/anmelden`. After login the user goes back to `?weiter=` (where the session ended).
#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let query = use_query_map();
    let return_to = query.read_untracked().get("weiter").unwrap_or_default();
    let passkey_return = return_to.clone();
    let error = Signal::derive(move || auth.login.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    let notice = move || {
        let q = query.read();
        let text = if q.get("abgelaufen").is_some() {
            Some(tr!("login.notice_expired"))
        } else if q.get("aktiviert").is_some() {
            Some(tr!("login.notice_activated"))
        } else if q.get("passwort").is_some() {
            Some(tr!("login.notice_password_changed"))
        } else if q.get("email").is_some() {
            Some(tr!("login.notice_email_changed"))
        } else if q.get("abgemeldet").is_some() {
            Some(tr!("login.notice_logged_out"))
        } else {
            None
        };
        text.map(|t| {
            view! {
                <div class="kern-alert kern-alert--info" role="status">
                    <div class="kern-alert__body"><p class="kern-body">{t}</p></div>
                </div>
            }
        })
    };
    let cookies_off = RwSignal::new(false);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        cookies_off.set(
            js_sys::Reflect::get(&window().navigator(), &"cookieEnabled".into())
                .ok()
                .and_then(|v| v.as_bool())
                == Some(false),
        );
    });
    view! {
        <Title text={tr!("login.page_title")} />
        <h1 class="kern-heading-large">{tr!("login.title")}</h1>
        {notice}
        <Show when=move || cookies_off.get()>
            <div class="kern-alert kern-alert--warning" role="alert">
                <div class="kern-alert__body"><p class="kern-body">{tr!("login.cookies_off")}</p></div>
            </div>
        </Show>
        <p class="kern-body">{tr!("login.cookie_note")}</p>
        <ErrorSummary error />
        <ActionForm action=auth.login attr:novalidate=true attr:class="form">
            <input type="hidden" name="return_to" value=return_to />
            <Field name="email" label={tr!("fields.email")} input_type="email" autocomplete="username" server=fields check=Callback::new(|v: String| validate::email(&v)) />
            <Field name="password" label={tr!("fields.password")} input_type="password" autocomplete="current-password" server=fields refill=false />
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("login.title")}</span></button>
        </ActionForm>
        <p class="kern-body"><A href="/passwort-vergessen" attr:class="kern-link">{tr!("login.forgot_link")}</A></p>
        <PasskeyLoginButton return_to=passkey_return />
        <p class="kern-body">{tr!("login.no_account")} <A href="/registrieren" attr:class="kern-link">{tr!("login.register_link")}</A></p>
    }
}
