//! Server functions of the second factor: the login step (anyone holding the step's cookie)
//! and the choices in "Mein Bereich" (the session's own account only).

use leptos::prelude::*;

use super::{ChallengeView, FactorStatus, TotpSetupView};
use crate::error::AppError;

#[cfg(feature = "ssr")]
mod server {
    pub use crate::access::ctx::RequestCtx;
    pub use crate::auth::second_factor::challenge::{
        respond_logged_in as logged_in, token_from_request as challenge_token,
    };
    pub use crate::auth::second_factor::{challenge, setup};
    pub use crate::secret::Secret;
    pub use crate::state::AppState;
}

/// The browser that entered the right password: which second factor it must give.
#[server(endpoint = "login_challenge")]
pub async fn login_challenge() -> Result<ChallengeView, AppError> {
    use server::*;
    let state = AppState::current()?;
    challenge::view(&state, challenge_token(&state).as_deref()).await
}

/// The browser that entered the right password: a code from the app or a recovery code.
#[server(endpoint = "verify_second_factor")]
pub async fn verify_second_factor(code: String) -> Result<(), AppError> {
    use server::*;
    let (state, ctx) = (AppState::current()?, RequestCtx::current()?);
    let (token, return_to) =
        challenge::answer_code(&state, &ctx, challenge_token(&state).as_deref(), &code).await?;
    logged_in(&state, &token, &return_to);
    Ok(())
}

/// Anyone holding a mailed login link: whether it can still be confirmed.
#[server(endpoint = "login_link_open")]
pub async fn login_link_open(token: String) -> Result<bool, AppError> {
    use server::*;
    challenge::link_is_open(&AppState::current()?, &token).await
}

/// Anyone holding a mailed login link: confirms that login. A POST (the button on the link's
/// page), so that a mail scanner fetching the link confirms nothing.
#[server(endpoint = "confirm_login_link")]
pub async fn confirm_login_link(token: String) -> Result<(), AppError> {
    use server::*;
    challenge::confirm_link(&AppState::current()?, &token).await?;
    crate::components::url::redirect("/anmelden/link/bestaetigt");
    Ok(())
}

/// The browser waiting for its mailed link: continues once the link was confirmed.
#[server(endpoint = "complete_login")]
pub async fn complete_login() -> Result<(), AppError> {
    use server::*;
    let (state, ctx) = (AppState::current()?, RequestCtx::current()?);
    let (token, return_to) =
        challenge::complete_link(&state, &ctx, challenge_token(&state).as_deref()).await?;
    logged_in(&state, &token, &return_to);
    Ok(())
}

/// Logged in: the account's second factor.
#[server(endpoint = "second_factor_status")]
pub async fn second_factor_status() -> Result<FactorStatus, AppError> {
    use server::*;
    let ctx = RequestCtx::current()?;
    setup::status(&AppState::current()?, ctx.require_session_for_setup()?).await
}

/// Logged in, with the password: starts setting up an authenticator app.
#[server(endpoint = "start_totp_setup")]
pub async fn start_totp_setup(totp_password: String) -> Result<(), AppError> {
    use server::*;
    let ctx = RequestCtx::current()?;
    setup::start_totp(
        &AppState::current()?,
        ctx.require_session_for_setup()?,
        &Secret::new(totp_password),
    )
    .await?;
    crate::components::url::redirect("/mein-bereich/authenticator-app");
    Ok(())
}

/// Logged in, during the setup: the QR code and secret for the app.
#[server(endpoint = "totp_setup")]
pub async fn totp_setup() -> Result<TotpSetupView, AppError> {
    use server::*;
    let ctx = RequestCtx::current()?;
    setup::setup_view(&AppState::current()?, ctx.require_session_for_setup()?).await
}

/// Logged in, during the setup: the first code from the app switches TOTP on.
#[server(endpoint = "confirm_totp_setup")]
pub async fn confirm_totp_setup(code: String) -> Result<(), AppError> {
    use server::*;
    let (ctx, state) = (RequestCtx::current()?, AppState::current()?);
    let token = setup::confirm_totp(&state, ctx.require_session_for_setup()?, &code).await?;
    crate::auth::api::renew_session_cookie(&state, token);
    crate::components::url::redirect("/mein-bereich/wiederherstellungscodes");
    Ok(())
}

/// Logged in: the new recovery codes, once.
#[server(endpoint = "take_recovery_codes")]
pub async fn take_recovery_codes() -> Result<Vec<String>, AppError> {
    use server::*;
    let ctx = RequestCtx::current()?;
    setup::take_codes(&AppState::current()?, ctx.require_session_for_setup()?).await
}

/// Logged in with TOTP, with the password: new recovery codes replace the old ones.
#[server(endpoint = "regenerate_recovery_codes")]
pub async fn regenerate_recovery_codes(codes_password: String) -> Result<(), AppError> {
    use server::*;
    let ctx = RequestCtx::current()?;
    setup::regenerate_codes(
        &AppState::current()?,
        ctx.require_session()?,
        &Secret::new(codes_password),
    )
    .await?;
    crate::components::url::redirect("/mein-bereich/wiederherstellungscodes");
    Ok(())
}

/// Logged in, with the password: the e-mail link becomes the second factor.
#[server(endpoint = "choose_email_factor")]
pub async fn choose_email_factor(email_factor_password: String) -> Result<(), AppError> {
    use server::*;
    let (ctx, state) = (RequestCtx::current()?, AppState::current()?);
    let token = setup::choose_email(
        &state,
        ctx.require_session_for_setup()?,
        &Secret::new(email_factor_password),
    )
    .await?;
    crate::auth::api::renew_session_cookie(&state, token);
    crate::components::url::redirect("/mein-bereich?zwei-faktor=geaendert#zwei-faktor");
    Ok(())
}

/// Logged in, with the password: no second factor any more (unless the portal requires one).
#[server(endpoint = "switch_off_second_factor")]
pub async fn switch_off_second_factor(off_password: String) -> Result<(), AppError> {
    use server::*;
    let ctx = RequestCtx::current()?;
    setup::switch_off(
        &AppState::current()?,
        ctx.require_session()?,
        &Secret::new(off_password),
    )
    .await?;
    crate::components::url::redirect("/mein-bereich?zwei-faktor=geaendert#zwei-faktor");
    Ok(())
}
