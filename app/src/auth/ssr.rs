//! Login, logout and password reset: the state transitions behind `auth::api`.

use std::time::{Duration, Instant};

use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

use super::second_factor::{Method, challenge};
use crate::access::AccountId;
use crate::access::ctx::RequestCtx;
use crate::access::session;
use crate::accounts::known_device;
use crate::accounts::security_log::{self, SecurityEvent};
use crate::accounts::ssr::{
    STATUS_ACTIVE, check_new_password, consume_token, find_by_email, issue_token,
};
use crate::accounts::throttle::{self, ACCOUNT};
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
    let account = find_by_email(&state.db, &email)
        .await?
        .filter(|a| a.status == STATUS_ACTIVE);
    let keys =
        throttle::login_keys(&state.db, &email, account.as_ref().map(AccountId::of), ctx).await?;
    let locked = throttle::attempt(&state.db, &keys).await?;
    let ok = state
        .hasher
        .verify(&password, account.as_ref().map(|a| a.password_hash.clone()))
        .await?;
    let Some(account) = account.as_ref().filter(|_| ok).cloned() else {
        if let Some(a) = &account {
            let id = AccountId::of(a);
            security_log::record(&state.db, id, SecurityEvent::LoginFailed, ctx).await?;
            if locked {
                security_log::record(&state.db, id, SecurityEvent::LockedOut, ctx).await?;
                mail_lock_once_a_day(state, a).await?;
            }
        }
        let mut errors = FieldErrors::default();
        errors.add("email", tr!("login.wrong_credentials"));
        errors.keep("email", &email);
        return Err(AppError::Validation(errors));
    };
    refuse_deactivated_staff(state, AccountId::of(&account)).await?;
    let (own, others) = keys
        .split_first()
        .expect("login_keys gives at least one key");
    throttle::give_back_all(&state.db, others).await?;
    let method = Method::from_stored(&account.second_factor);
    if method != Method::None {
        // This client's earlier failures stay counted until the second factor is answered too.
        throttle::give_back(&state.db, &own.0, own.1).await?;
        return Ok(LoginOutcome::SecondFactor(
            challenge::open(state, &account, method, return_to).await?,
        ));
    }
    throttle::clear(&state.db, &own.0).await?;
    let setup_required =
        super::second_factor::setup::is_required(state, AccountId::of(&account)).await?;
    let token = open_session(state, ctx, AccountId::of(&account), setup_required).await?;
    Ok(LoginOutcome::LoggedIn {
        token,
        setup_required,
    })
}

/// A member the authority deactivated has no way in: their account exists only for their
/// work there (SPEC §5). Told only after the right password or passkey.
pub(crate) async fn refuse_deactivated_staff(
    state: &AppState,
    account: AccountId,
) -> Result<(), AppError> {
    use crate::entities::staff;
    use sea_orm::{ColumnTrait, QueryFilter};
    let seats = staff::Entity::find()
        .filter(staff::Column::AccountId.eq(account))
        .all(&state.db)
        .await?;
    if !seats.is_empty() && seats.iter().all(|s| !s.active) {
        return Err(AppError::Conflict(tr!("login.staff_deactivated")));
    }
    Ok(())
}

/// A login completed (password, second step or passkey): the browser becomes a known device,
/// the security log says so, and a new session replaces any the request came with (a fresh
/// id, against session fixation). Returns the session's cookie token.
pub(crate) async fn open_session(
    state: &AppState,
    ctx: &RequestCtx,
    account: AccountId,
    setup_required: bool,
) -> Result<Secret, AppError> {
    remember_device(state, ctx, account).await?;
    security_log::record(&state.db, account, SecurityEvent::LoginSucceeded, ctx).await?;
    if let Some(old) = ctx.session() {
        session::delete(&state.db, old.session_id).await?;
    }
    session::create(&state.db, account, &ctx.user_agent, setup_required).await
}

/// The browser becomes a known device of the account, and gets its device cookie if it has
/// none yet.
async fn remember_device(
    state: &AppState,
    ctx: &RequestCtx,
    account: AccountId,
) -> Result<(), AppError> {
    if let Some(token) = known_device::remember(&state.db, ctx.device.as_deref(), account).await? {
        crate::auth::api::response_options().append_header(
            http::header::SET_COOKIE,
            known_device::cookie(&state.config, &token),
        );
    }
    Ok(())
}

/// Tells the owner that a client was locked out after many wrong passwords — at most once a
/// day, so that the guessing does not flood their inbox. The conditional update decides
/// between parallel locks.
async fn mail_lock_once_a_day(state: &AppState, a: &account::Model) -> Result<(), AppError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    use sea_orm::{ColumnTrait, QueryFilter};
    let t = crate::clock::now();
    let claimed = account::Entity::update_many()
        .col_expr(account::Column::LockMailedAt, Expr::value(t))
        .filter(account::Column::Id.eq(a.id))
        .filter(
            Expr::col(account::Column::LockMailedAt)
                .is_null()
                .or(account::Column::LockMailedAt.lt(t - 24 * 60 * 60)),
        )
        .exec(&state.db)
        .await?;
    if claimed.rows_affected == 1 {
        let mail = templates::account_locked(
            ACCOUNT.lock_secs / 60,
            &state.config.link("/passwort-vergessen"),
        );
        outbox::send(state, &a.email, mail).await?;
    }
    Ok(())
}

pub async fn logout(state: &AppState, ctx: &RequestCtx) -> Result<(), AppError> {
    if let Some(s) = ctx.session() {
        session::delete(&state.db, s.session_id).await?;
        security_log::record(&state.db, s.account_id, SecurityEvent::LoggedOut, ctx).await?;
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
    let ctx = RequestCtx::current()?;
    throttle::count_mail_request(&state.db, "reset", parsed.as_str(), ctx.client_ip).await?;
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
    let ctx = RequestCtx::current()?;
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
        throttle::clear_account(txn, &email, id).await?;
        security_log::record(txn, id, SecurityEvent::PasswordReset, &ctx).await?;
        let mail = templates::password_changed(&state.config.link("/passwort-vergessen"));
        outbox::enqueue(txn, &email, mail).await
    })
    .await
}
