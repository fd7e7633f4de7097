//! The login step after the password. The password step opens a challenge (a row plus a
//! short-lived cookie in this browser); only answering it creates the session, so the session
//! id the browser ends up with has never existed before the second factor.
//!
//! Wrong codes count toward the same per-account and per-address throttle as wrong passwords,
//! and the throttle is cleared only when the whole login succeeds — otherwise knowing the
//! password would reset the count for guessing codes.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::{ChallengeView, Method, recovery, totp::TotpKey};
use crate::access::AccountId;
use crate::access::ctx::RequestCtx;
use crate::access::session;
use crate::accounts::security_log::{self, SecurityEvent};
use crate::accounts::throttle;
use crate::clock::now;
use crate::entities::{account, login_challenge, recovery_code, totp_factor};
use crate::error::{AppError, FieldErrors};
use crate::mail::{outbox, templates};
use crate::secret::Secret;
use crate::state::AppState;
use crate::token::{new_token, token_hash};

/// The cookie that ties a waiting login to this browser.
pub const COOKIE: &str = "portal_login";
/// The whole second step, including waiting for the mailed link.
pub const VALID_SECS: i64 = 10 * 60;
/// Wrong codes before the password must be entered again.
const MAX_ATTEMPTS: i32 = 5;

/// The waiting login's cookie token, if the request being handled has one.
pub fn token_from_request(state: &AppState) -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    session::read_cookie(&state.config, &parts.headers, COOKIE)
}

/// In a server function: the session cookie replaces the step's cookie; on to where the login
/// began.
pub fn respond_logged_in(state: &AppState, token: &Secret, return_to: &str) {
    let res = crate::auth::api::response_options();
    res.append_header(
        http::header::SET_COOKIE,
        session::set_cookie(&state.config, token),
    );
    res.append_header(
        http::header::SET_COOKIE,
        session::cookie(&state.config, COOKIE, "", Some(0)),
    );
    crate::components::url::redirect(return_to);
}

/// After a correct password: a challenge for the account's factor. For the e-mail link the
/// mail goes out now. Returns the cookie token.
pub async fn open(
    state: &AppState,
    account: &account::Model,
    method: Method,
    return_to: &str,
) -> Result<Secret, AppError> {
    let token = new_token();
    let t = now();
    let mail_token = (method == Method::Email).then(new_token);
    login_challenge::ActiveModel {
        token_hash: Set(token_hash(token.expose())),
        account_id: Set(account.id),
        method: Set(method.as_str().to_owned()),
        return_to: Set(return_to.chars().take(500).collect()),
        created_at: Set(t),
        expires_at: Set(t + VALID_SECS),
        attempts: Set(0),
        mail_token_hash: Set(mail_token.as_ref().map(|m| token_hash(m.expose()))),
        confirmed_at: Set(None),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    if let Some(m) = mail_token {
        let link = state
            .config
            .link(&format!("/anmelden/link?token={}", m.expose()));
        outbox::send(
            state,
            &account.email,
            templates::login_link(&link, VALID_SECS / 60),
        )
        .await?;
    }
    Ok(token)
}

/// The open challenge behind this cookie token.
pub(crate) async fn find(
    state: &AppState,
    token: Option<&str>,
) -> Result<login_challenge::Model, AppError> {
    let expired = || AppError::Conflict(tr!("second_factor.challenge_expired"));
    let token = token.ok_or_else(expired)?;
    login_challenge::Entity::find()
        .filter(login_challenge::Column::TokenHash.eq(token_hash(token)))
        .filter(login_challenge::Column::ExpiresAt.gt(now()))
        .one(&state.db)
        .await?
        .ok_or_else(expired)
}

pub async fn view(state: &AppState, token: Option<&str>) -> Result<ChallengeView, AppError> {
    let c = find(state, token).await?;
    let passkey =
        crate::auth::passkey::ssr::has_passkeys(state, AccountId::from_row(c.account_id)).await?;
    Ok(ChallengeView {
        method: Method::from_stored(&c.method),
        confirmed: c.confirmed_at.is_some(),
        passkey,
    })
}

/// Ends the challenge and opens the session. The conditional delete makes a challenge
/// usable once, even when two requests answer it at the same moment.
pub(crate) async fn finish(
    state: &AppState,
    ctx: &RequestCtx,
    c: &login_challenge::Model,
) -> Result<(Secret, String), AppError> {
    let gone = login_challenge::Entity::delete_many()
        .filter(login_challenge::Column::Id.eq(c.id))
        .exec(&state.db)
        .await?;
    if gone.rows_affected != 1 {
        return Err(AppError::Conflict(tr!("second_factor.challenge_expired")));
    }
    let a = account::Entity::find_by_id(c.account_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::auth::ssr::refuse_deactivated_staff(state, AccountId::of(&a)).await?;
    let keys = throttle::login_keys(&state.db, &a.email, Some(AccountId::of(&a)), ctx).await?;
    throttle::clear(&state.db, &keys[0].0).await?;
    let token = crate::auth::ssr::open_session(state, ctx, AccountId::of(&a), false).await?;
    Ok((token, c.return_to.clone()))
}

/// Checks a code from the authenticator app or a recovery code.
pub async fn answer_code(
    state: &AppState,
    ctx: &RequestCtx,
    token: Option<&str>,
    code: &str,
) -> Result<(Secret, String), AppError> {
    let c = find(state, token).await?;
    if code.trim().is_empty() {
        let mut errors = FieldErrors::default();
        errors.add("code", tr!("second_factor.code_empty"));
        return Err(AppError::Validation(errors));
    }
    let a = account::Entity::find_by_id(c.account_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let keys = throttle::login_keys(&state.db, &a.email, Some(AccountId::of(&a)), ctx).await?;
    throttle::attempt(&state.db, &keys).await?;
    // The challenge's attempt is taken before the code is checked, by a conditional update:
    // parallel answers cannot get more than MAX_ATTEMPTS codes checked.
    let taken = login_challenge::Entity::update_many()
        .col_expr(
            login_challenge::Column::Attempts,
            Expr::col(login_challenge::Column::Attempts).add(1),
        )
        .filter(login_challenge::Column::Id.eq(c.id))
        .filter(login_challenge::Column::Attempts.lt(MAX_ATTEMPTS))
        .exec(&state.db)
        .await?;
    if taken.rows_affected == 0 {
        login_challenge::Entity::delete_by_id(c.id)
            .exec(&state.db)
            .await?;
        return Err(AppError::Conflict(tr!("second_factor.too_many_attempts")));
    }

    let accepted = if recovery::looks_like_one(code) {
        use_recovery_code(state, AccountId::of(&a), code).await?
    } else {
        use_totp_code(state, &a, code).await?
    };
    if accepted {
        throttle::give_back_all(&state.db, &keys[1..]).await?;
        return finish(state, ctx, &c).await;
    }
    if c.attempts + 1 >= MAX_ATTEMPTS {
        login_challenge::Entity::delete_by_id(c.id)
            .exec(&state.db)
            .await?;
        return Err(AppError::Conflict(tr!("second_factor.too_many_attempts")));
    }
    security_log::record(
        &state.db,
        AccountId::of(&a),
        SecurityEvent::LoginFailed,
        ctx,
    )
    .await?;
    let mut errors = FieldErrors::default();
    errors.add("code", tr!("second_factor.code_wrong"));
    Err(AppError::Validation(errors))
}

/// True if `code` is the app's code for now (±1 step) and newer than the last one used. The
/// step is recorded with a conditional update, so the same code cannot win twice, not even in
/// two requests at the same moment.
pub async fn use_totp_code(
    state: &AppState,
    a: &account::Model,
    code: &str,
) -> Result<bool, AppError> {
    let Some(f) = totp_factor::Entity::find_by_id(a.id)
        .one(&state.db)
        .await?
        .filter(|f| f.confirmed_at.is_some())
    else {
        return Ok(false);
    };
    let seed = super::seed::open(&state.documents.key, &f)?;
    let Some(key) = TotpKey::from_base32(&seed, &a.email) else {
        return Err(AppError::internal("stored TOTP secret is not base32"));
    };
    let Some(step) = key.verify(code, now(), f.last_used_step) else {
        return Ok(false);
    };
    let updated = totp_factor::Entity::update_many()
        .col_expr(totp_factor::Column::LastUsedStep, Expr::value(step))
        .filter(totp_factor::Column::AccountId.eq(a.id))
        .filter(
            totp_factor::Column::LastUsedStep
                .is_null()
                .or(totp_factor::Column::LastUsedStep.lt(step)),
        )
        .exec(&state.db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// True if `code` is one of the account's unused recovery codes; it is used up now.
async fn use_recovery_code(
    state: &AppState,
    account_id: AccountId,
    code: &str,
) -> Result<bool, AppError> {
    let updated = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now()))
        .filter(recovery_code::Column::AccountId.eq(account_id))
        .filter(recovery_code::Column::CodeHash.eq(recovery::hash(code)))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// True while the mailed link can still confirm its login (for the page a GET shows).
pub async fn link_is_open(state: &AppState, mail_token: &str) -> Result<bool, AppError> {
    Ok(login_challenge::Entity::find()
        .filter(login_challenge::Column::MailTokenHash.eq(token_hash(mail_token)))
        .filter(login_challenge::Column::ConfirmedAt.is_null())
        .filter(login_challenge::Column::ExpiresAt.gt(now()))
        .one(&state.db)
        .await?
        .is_some())
}

/// The button behind the mailed link: confirms the waiting login, once. The session goes to
/// the browser that waits (it holds the challenge cookie), not to whoever opened the link.
pub async fn confirm_link(state: &AppState, mail_token: &str) -> Result<(), AppError> {
    let updated = login_challenge::Entity::update_many()
        .col_expr(login_challenge::Column::ConfirmedAt, Expr::value(now()))
        .filter(login_challenge::Column::MailTokenHash.eq(token_hash(mail_token)))
        .filter(login_challenge::Column::ConfirmedAt.is_null())
        .filter(login_challenge::Column::ExpiresAt.gt(now()))
        .exec(&state.db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::Conflict(tr!("second_factor.link_invalid")));
    }
    Ok(())
}

/// The waiting browser continues once its link was confirmed.
pub async fn complete_link(
    state: &AppState,
    ctx: &RequestCtx,
    token: Option<&str>,
) -> Result<(Secret, String), AppError> {
    let c = find(state, token).await?;
    if c.confirmed_at.is_none() {
        return Err(AppError::Conflict(tr!("second_factor.not_confirmed_yet")));
    }
    finish(state, ctx, &c).await
}

/// Removes challenges that ran out (background job).
pub async fn purge_expired(db: &impl sea_orm::ConnectionTrait) -> Result<u64, AppError> {
    Ok(login_challenge::Entity::delete_many()
        .filter(login_challenge::Column::ExpiresAt.lte(now()))
        .exec(db)
        .await?
        .rows_affected)
}
