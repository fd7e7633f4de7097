//! Server functions of passkeys. Registration and removal: the session's own account, with
//! the password. Login: anyone (the signature decides). Second factor: the browser holding the
//! password step's cookie.

use leptos::prelude::*;

use super::PasskeyOptions;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::auth::second_factor::challenge::token_from_request as challenge_token;

/// Logged in, with the password: options for a new passkey.
#[server(endpoint = "start_passkey_registration")]
pub async fn start_passkey_registration(
    passkey_name: String,
    passkey_password: String,
) -> Result<PasskeyOptions, AppError> {
    use crate::{access::ctx::RequestCtx, secret::Secret};
    let ctx = RequestCtx::current()?;
    let state = crate::state::AppState::current()?;
    super::ssr::start_registration(
        &state,
        ctx.require_session_for_setup()?,
        &Secret::new(passkey_password),
        &passkey_name,
    )
    .await
}

/// Logged in, within the ceremony just started: stores the new passkey.
#[server(endpoint = "finish_passkey_registration")]
pub async fn finish_passkey_registration(
    ceremony: String,
    credential: String,
    passkey_name: String,
) -> Result<(), AppError> {
    let ctx = crate::access::ctx::RequestCtx::current()?;
    let state = crate::state::AppState::current()?;
    let token = super::ssr::finish_registration(
        &state,
        ctx.require_session_for_setup()?,
        &ceremony,
        &credential,
        &passkey_name,
    )
    .await?;
    crate::auth::api::renew_session_cookie(&state, token);
    Ok(())
}

/// Logged in, with the password: removes one of the own passkeys.
#[server(endpoint = "remove_passkey")]
pub async fn remove_passkey(passkey_id: String, remove_password: String) -> Result<(), AppError> {
    use crate::{access::ctx::RequestCtx, secret::Secret};
    let ctx = RequestCtx::current()?;
    let state = crate::state::AppState::current()?;
    super::ssr::remove(
        &state,
        ctx.require_session()?,
        &passkey_id,
        &Secret::new(remove_password),
    )
    .await?;
    crate::components::url::redirect("/mein-bereich?zwei-faktor=geaendert#zwei-faktor");
    Ok(())
}

/// Anyone: options for a passwordless login with a passkey.
#[server(endpoint = "start_passkey_login")]
pub async fn start_passkey_login() -> Result<PasskeyOptions, AppError> {
    super::ssr::start_login(&crate::state::AppState::current()?).await
}

/// Anyone with a passkey of an account: logs in and goes on to `return_to`.
#[server(endpoint = "finish_passkey_login")]
pub async fn finish_passkey_login(
    ceremony: String,
    credential: String,
    return_to: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        access::{ctx::RequestCtx, session},
        auth::return_to::safe_return_path,
    };
    let (state, ctx) = (crate::state::AppState::current()?, RequestCtx::current()?);
    let token = super::ssr::finish_login(&state, &ctx, &ceremony, &credential).await?;
    crate::auth::api::response_options().append_header(
        http::header::SET_COOKIE,
        session::set_cookie(&state.config, &token),
    );
    crate::components::url::redirect(&safe_return_path(return_to.as_deref()));
    Ok(())
}

/// The browser of a password step: options to confirm it with a passkey.
#[server(endpoint = "start_passkey_factor")]
pub async fn start_passkey_factor() -> Result<PasskeyOptions, AppError> {
    let state = crate::state::AppState::current()?;
    super::ssr::start_factor(&state, challenge_token(&state).as_deref()).await
}

/// The browser of a password step: the passkey's answer completes the login.
#[server(endpoint = "finish_passkey_factor")]
pub async fn finish_passkey_factor(ceremony: String, credential: String) -> Result<(), AppError> {
    use crate::{access::ctx::RequestCtx, auth::second_factor::challenge};
    let (state, ctx) = (crate::state::AppState::current()?, RequestCtx::current()?);
    let (token, return_to) = super::ssr::finish_factor(
        &state,
        &ctx,
        challenge_token(&state).as_deref(),
        &ceremony,
        &credential,
    )
    .await?;
    challenge::respond_logged_in(&state, &token, &return_to);
    Ok(())
}
