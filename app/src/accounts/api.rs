//! Server functions for registration and activation.

use leptos::prelude::*;

use crate::error::AppError;
use crate::kernel::password::PasswordPolicy;

/// Anyone: the password rules in force, so the browser can check as the user types.
#[server(endpoint = "active_password_policy")]
pub async fn active_password_policy() -> Result<PasswordPolicy, AppError> {
    Ok(crate::state::AppState::current()?.config.password_policy)
}

/// Anyone. The answer never tells whether the address was known (SPEC §2.1).
#[server(endpoint = "register")]
pub async fn register(
    first_name: String,
    last_name: String,
    email: String,
    password: String,
    password_repeat: String,
    consent: Option<String>,
) -> Result<(), AppError> {
    use super::validate::RegistrationInput;
    let state = crate::state::AppState::current()?;
    let input = RegistrationInput {
        first_name,
        last_name,
        email,
        password,
        password_repeat,
        consent: consent.is_some(),
    };
    super::ssr::register(&state, input).await?;
    crate::components::url::redirect("/registrieren/bestaetigen");
    Ok(())
}

/// Anyone holding the mailed link. A POST (a button on the page), so that a mail scanner
/// prefetching the link does not use it up.
#[server(endpoint = "activate_account")]
pub async fn activate_account(token: String) -> Result<(), AppError> {
    let state = crate::state::AppState::current()?;
    super::ssr::activate(&state, &token).await?;
    crate::components::url::redirect("/anmelden?aktiviert=1");
    Ok(())
}
