//! Server functions of "Mein Bereich". Each requires a session and acts on its own account.

// A form posts one argument per field (the names the no-JS form sends), and the
// `#[server]` macro copies them into a client function that an item attribute cannot reach.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::types::{SecurityLog, SessionView};
use crate::error::AppError;

/// Logged in: the account's active sessions, the current one marked.
#[server(endpoint = "list_sessions")]
pub async fn list_sessions() -> Result<Vec<SessionView>, AppError> {
    let ctx = crate::access::ctx::RequestCtx::current()?;
    let s = ctx.require_session()?;
    super::ssr::list_sessions(&crate::state::AppState::current()?, s).await
}

/// Logged in: the account's recent logins and security changes ("Sicherheitsprotokoll").
#[server(endpoint = "security_log")]
pub async fn my_security_log() -> Result<SecurityLog, AppError> {
    let (state, me) = crate::access::citizen()?;
    super::ssr::security_log(&state, &me).await
}

/// Logged in: ends one of the account's own sessions.
#[server(endpoint = "end_session")]
pub async fn end_session(id: String) -> Result<(), AppError> {
    let ctx = crate::access::ctx::RequestCtx::current()?;
    let s = ctx.require_session()?;
    super::ssr::end_session(&crate::state::AppState::current()?, s, &id).await?;
    crate::components::url::redirect("/mein-bereich#sitzungen");
    Ok(())
}

/// Logged in: ends every session of the account but this one.
#[server(endpoint = "end_other_sessions")]
pub async fn end_other_sessions() -> Result<(), AppError> {
    let ctx = crate::access::ctx::RequestCtx::current()?;
    let s = ctx.require_session()?;
    super::ssr::end_other_sessions(&crate::state::AppState::current()?, s).await?;
    crate::components::url::redirect("/mein-bereich#sitzungen");
    Ok(())
}

/// Logged in, with the current password: sets a new one and ends all other sessions.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    new_password_repeat: String,
) -> Result<(), AppError> {
    use crate::{
        access::{ctx::RequestCtx, session},
        secret::Secret,
    };
    let (state, ctx) = (crate::state::AppState::current()?, RequestCtx::current()?);
    let token = super::ssr::change_password(
        &state,
        &ctx,
        Secret::new(current_password),
        Secret::new(new_password),
        &new_password_repeat,
    )
    .await?;
    expect_context::<leptos_axum::ResponseOptions>().append_header(
        http::header::SET_COOKIE,
        session::set_cookie(&state.config, &token),
    );
    crate::components::url::redirect("/mein-bereich?passwort=geaendert");
    Ok(())
}

/// Logged in, with the password: deletes the account and all its data.
#[server(endpoint = "delete_account")]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    use crate::{
        access::{ctx::RequestCtx, session},
        secret::Secret,
    };
    let (state, ctx) = (crate::state::AppState::current()?, RequestCtx::current()?);
    super::ssr::delete_account(&state, &ctx, Secret::new(password)).await?;
    expect_context::<leptos_axum::ResponseOptions>().append_header(
        http::header::SET_COOKIE,
        session::clear_cookie(&state.config),
    );
    crate::components::url::redirect("/?konto=geloescht");
    Ok(())
}

/// Logged in, with the password: mails a confirmation link to the new address.
#[server(endpoint = "request_email_change")]
pub async fn request_email_change(
    new_email: String,
    new_email_repeat: String,
    email_password: String,
) -> Result<(), AppError> {
    use crate::{access::ctx::RequestCtx, secret::Secret};
    let (state, ctx) = (crate::state::AppState::current()?, RequestCtx::current()?);
    super::ssr::request_email_change(
        &state,
        &ctx,
        &new_email,
        &new_email_repeat,
        Secret::new(email_password),
    )
    .await?;
    crate::components::url::redirect("/mein-bereich?email=angefordert");
    Ok(())
}

/// Anyone holding the mailed link: the new address becomes the login. A POST (a button on the
/// page), so that a mail scanner prefetching the link changes nothing.
#[server(endpoint = "confirm_email_change")]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    super::ssr::confirm_email_change(&crate::state::AppState::current()?, &token).await?;
    crate::components::url::redirect("/anmelden?email=geaendert");
    Ok(())
}

/// Logged in: the account's personal data and trust level.
#[server(endpoint = "my_data")]
pub async fn my_data() -> Result<crate::accounts::personal_data::MyData, AppError> {
    let ctx = crate::access::ctx::RequestCtx::current()?;
    super::personal_data_store::load(&crate::state::AppState::current()?, ctx.require_session()?)
        .await
}

/// Logged in: saves "Meine Daten". The locked fields of a Servicekonto Plus come back
/// unchanged from the form (hidden inputs); a different value is refused.
#[server(endpoint = "save_my_data")]
pub async fn save_my_data(
    salutation: String,
    title: String,
    first_name: String,
    last_name: String,
    date_of_birth: String,
    street: String,
    house_number: String,
    postcode: String,
    city: String,
    po_box: String,
    phone: String,
) -> Result<(), AppError> {
    use crate::accounts::personal_data::PersonalData;
    let ctx = crate::access::ctx::RequestCtx::current()?;
    let sent = PersonalData {
        salutation,
        title,
        first_name,
        last_name,
        date_of_birth,
        street,
        house_number,
        postcode,
        city,
        po_box,
        phone,
    };
    super::personal_data_store::save(
        &crate::state::AppState::current()?,
        ctx.require_session()?,
        sent,
    )
    .await?;
    crate::components::url::redirect("/mein-bereich?daten=gespeichert#meine-daten");
    Ok(())
}
