//! Login, logout and password reset: the state transitions behind `auth::api`.

use std::time::{Duration, Instant};

use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

use super::second_factor::{Method, challenge};
use crate::access::AccountId;
use crate::access::ctx::RequestCtx;
use crate::access::session;
use crate::accounts::ssr::{
    STATUS_ACTIVE, check_new_password, consume_token, find_by_email, issue_token,
};
use crate::accounts::throttle::{self, ACCOUNT, CLIENT};
use crate::accounts::validate;
use crate::entities::{account, email_token};
use crate::error::{AppError, FieldErrors};
use crate::kernel::email::EmailAddress;
use crate::mail::{outbox, templates};
use crate::secret::Secret;
use crate::state::AppState;
use crate::token::token_hash;

pub const RESET_VALID_SECS: i64 = 60 * 60;

/// Where a correct password leads.
pub enum LoginOutcome {
    /// No second factor: the new session's cookie token.
    LoggedIn { token: Secret, setup_required: bool },
    /// The second step's cookie token (see `second_factor::challenge`).
    SecondFactor(Secret),
}

/// Checks the password and opens a new session (a fresh id: any session the request came with
/// is ended) or, for an account with a second factor, the second step. Unknown address,
/// unconfirmed account and wrong password answer alike.
pub async fn login(
    state: &AppState,
    ctx: &RequestCtx,
    email: &str,
    password: Secret,
    return_to: &str,
) -> Result<LoginOutcome, AppError> {
    let mut errors = FieldErrors::default();
    if let Err(m) = validate::email(email) {
        errors.add("email", m);
    }
    if password.expose().is_empty() {
        errors.add("password", tr!("password.empty"));
    }
    if !errors.is_empty() {
        errors.keep("email", email);
        return Err(AppError::Validation(errors));
    }
    let email = email.trim().to_lowercase();
    let account_key = throttle::account_key(&email);
    let client_key = throttle::client_key(ctx.client_ip);
    throttle::check(
        &state.db,
        &[(account_key.clone(), ACCOUNT), (client_key.clone(), CLIENT)],
    )
    .await?;

    let account = find_by_email(&state.db, &email)
        .await?
        .filter(|a| a.status == STATUS_ACTIVE);
    let ok = state
        .hasher
        .verify(&password, account.as_ref().map(|a| a.password_hash.clone()))
        .await?;
    let Some(account) = account.filter(|_| ok) else {
        let locked = throttle::record_failure(&state.db, &account_key, ACCOUNT).await?;
        throttle::record_failure(&state.db, &client_key, CLIENT).await?;
        if locked
            && let Some(a) = find_by_email(&state.db, &email)
                .await?
                .filter(|a| a.status == STATUS_ACTIVE)
        {
            let mail = templates::account_locked(
                ACCOUNT.lock_secs / 60,
                &state.config.link("/passwort-vergessen"),
            );
            outbox::send(state, &a.email, mail).await?;
        }
        let mut errors = FieldErrors::default();
        errors.add("email", tr!("login.wrong_credentials"));
        errors.keep("email", &email);
        return Err(AppError::Validation(errors));
    };
    let method = Method::from_stored(&account.second_factor);
    if method != Method::None {
        // The throttle stays until the second factor is answered too.
        return Ok(LoginOutcome::SecondFactor(
            challenge::open(state, &account, method, return_to).await?,
        ));
    }
    throttle::clear(&state.db, &account_key).await?;
    if let Some(old) = ctx.session() {
        session::delete(&state.db, old.session_id).await?;
    }
    let setup_required =
        super::second_factor::setup::is_required(state, AccountId::of(&account)).await?;
    let token = session::create(
        &state.db,
        AccountId::of(&account),
        &ctx.user_agent,
        setup_required,
    )
    .await?;
    Ok(LoginOutcome::LoggedIn {
        token,
        setup_required,
    })
}

pub async fn logout(state: &AppState, ctx: &RequestCtx) -> Result<(), AppError> {
    if let Some(s) = ctx.session() {
        session::delete(&state.db, s.session_id).await?;
    }
    Ok(())
}

/// Mails a reset link if an active account has this address. The answer and, through a
/// minimum duration, the time taken are the same either way.
pub async fn request_reset(state: &AppState, email: &str) -> Result<(), AppError> {
    let started = Instant::now();
    let parsed = EmailAddress::parse(email).map_err(|e| {
        let mut errors = FieldErrors::default();
        errors.add("email", e.message());
        errors.keep("email", email);
        AppError::Validation(errors)
    })?;
    if let Some(a) = find_by_email(&state.db, parsed.as_str())
        .await?
        .filter(|a| a.status == STATUS_ACTIVE)
    {
        let token = issue_token(
            &state.db,
            AccountId::of(&a),
            crate::accounts::ssr::PURPOSE_RESET,
            RESET_VALID_SECS,
        )
        .await?;
        let link = state
            .config
            .link(&format!("/passwort-zuruecksetzen?token={}", token.expose()));
        outbox::send(state, &a.email, templates::password_reset(&link)).await?;
    }
    let floor = Duration::from_millis(400);
    if let Some(rest) = floor.checked_sub(started.elapsed()) {
        tokio::time::sleep(rest).await;
    }
    Ok(())
}

/// The reset link's row while it can still be used.
async fn usable_reset_token(
    state: &AppState,
    token: &str,
) -> Result<Option<email_token::Model>, AppError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let t = crate::clock::now();
    Ok(email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(token_hash(token)))
        .filter(email_token::Column::Purpose.eq(crate::accounts::ssr::PURPOSE_RESET))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(t))
        .one(&state.db)
        .await?)
}

/// True while a reset link can still be used (for showing the form or an explanation).
pub async fn reset_token_is_valid(state: &AppState, token: &str) -> Result<bool, AppError> {
    Ok(usable_reset_token(state, token).await?.is_some())
}

/// Sets a new password from a reset link, ends all sessions of the account and lifts a lock.
pub async fn reset_password(
    state: &AppState,
    token: &str,
    password: Secret,
    repeat: &str,
) -> Result<(), AppError> {
    let row = usable_reset_token(state, token)
        .await?
        .ok_or_else(|| AppError::Conflict(tr!("reset.link_invalid")))?;
    // The address is needed for the similarity rule; the token is consumed only on success.
    let account = account::Entity::find_by_id(row.account_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    check_new_password(
        &mut errors,
        state.config.password_policy,
        &account.email,
        password.expose(),
        repeat,
        ("password", "password_repeat"),
    );
    errors.into_result()?;
    let hash = state.hasher.hash(&password).await?;
    crate::db::write_txn(state, async |txn| {
        let id = consume_token(txn, token, crate::accounts::ssr::PURPOSE_RESET)
            .await?
            .ok_or_else(|| AppError::Conflict(tr!("reset.link_invalid")))?;
        let a = account::Entity::find_by_id(id.get())
            .one(txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let email = a.email.clone();
        let mut active = a.into_active_model();
        active.password_hash = Set(hash);
        active.update(txn).await?;
        session::delete_all_of(txn, id, None).await?;
        throttle::clear(txn, &throttle::account_key(&email)).await?;
        let mail = templates::password_changed(&state.config.link("/passwort-vergessen"));
        outbox::enqueue(txn, &email, mail).await
    })
    .await
}
