//! Password change, session management and account deletion for the session's own account.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};

use super::types::{SessionView, ago, describe_device};
use crate::access::AccountId;
use crate::access::SessionInfo;
use crate::access::ctx::RequestCtx;
use crate::access::session;
use crate::accounts::security_log::{self, SecurityEvent};
use crate::accounts::ssr::{check_new_password, own_account, require_password};
use crate::accounts::throttle;
use crate::clock::now;
use crate::entities::{account, mail_outbox, session as session_entity};
use crate::error::{AppError, FieldErrors};
use crate::mail::{outbox, templates};
use crate::secret::Secret;
use crate::state::AppState;

/// Length of the public session handle (hex characters of the token hash).
const HANDLE_LEN: usize = 16;

pub async fn list_sessions(
    state: &AppState,
    s: &SessionInfo,
) -> Result<Vec<SessionView>, AppError> {
    let t = now();
    let rows = session_entity::Entity::find()
        .filter(session_entity::Column::AccountId.eq(s.account_id))
        .filter(session_entity::Column::LastSeenAt.gt(t - state.config.session_idle_secs))
        .filter(session_entity::Column::ExpiresAt.gt(t))
        .order_by_desc(session_entity::Column::LastSeenAt)
        .all(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionView {
            id: r.token_hash[..HANDLE_LEN].to_owned(),
            device: describe_device(&r.user_agent),
            started: ago(t - r.created_at),
            last_active: ago(t - r.last_seen_at),
            current: r.id == s.session_id,
        })
        .collect())
}

/// How many entries the "Sicherheitsprotokoll" shows.
const SECURITY_LOG_LINES: u64 = 50;

pub async fn security_log(
    state: &AppState,
    me: &crate::access::Citizen,
) -> Result<crate::profile::types::SecurityLog, AppError> {
    use crate::profile::types::{SecurityLog, SecurityLogLine};
    let rows = security_log::recent(&state.db, me.account_id(), Some(SECURITY_LOG_LINES)).await?;
    let lines = rows
        .into_iter()
        .filter_map(|r| {
            // A code an older or newer version wrote that this one does not know is left out
            // rather than shown as a bare code.
            let event = SecurityEvent::from_code(&r.kind)?;
            Some(SecurityLogLine {
                when: crate::clock::german_date_time(r.at),
                what: event.label(),
                client: crate::tr!(
                    "security_log.client_in",
                    device = describe_device(&r.user_agent),
                    network = r.network
                ),
            })
        })
        .collect();
    Ok(SecurityLog {
        lines,
        days: state.config.security_log_days,
    })
}

/// Ends one of the account's own sessions; a handle of another account's session finds nothing.
pub async fn end_session(state: &AppState, s: &SessionInfo, handle: &str) -> Result<(), AppError> {
    if handle.len() != HANDLE_LEN || !handle.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let found = session_entity::Entity::find()
        .filter(session_entity::Column::AccountId.eq(s.account_id))
        .filter(session_entity::Column::TokenHash.starts_with(handle))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    session::delete(&state.db, found.id).await?;
    security_log::record_now(&state.db, s.account_id, SecurityEvent::SessionsEnded).await
}

pub async fn end_other_sessions(state: &AppState, s: &SessionInfo) -> Result<(), AppError> {
    session::delete_all_of(&state.db, s.account_id, Some(s.session_id)).await?;
    security_log::record_now(&state.db, s.account_id, SecurityEvent::SessionsEnded).await
}

/// Sets a new password after checking the current one, ends every other session and gives
/// this one a new id. Returns the new session token.
pub async fn change_password(
    state: &AppState,
    ctx: &RequestCtx,
    current: Secret,
    new: Secret,
    repeat: &str,
) -> Result<Secret, AppError> {
    let s = ctx.require_session()?;
    let account = own_account(state, s).await?;
    let mut errors = FieldErrors::default();
    let policy = state.config.password_policy;
    check_new_password(
        &mut errors,
        policy,
        &account.email,
        new.expose(),
        repeat,
        ("new_password", "new_password_repeat"),
    );
    if current.expose().is_empty() {
        errors.add("current_password", crate::tr!("password.empty"));
    }
    errors.into_result()?;
    require_password(state, &account, &current, "current_password").await?;
    let hash = state.hasher.hash(&new).await?;
    let email = account.email.clone();
    let mut active = account.into_active_model();
    active.password_hash = Set(hash);
    active.update(&state.db).await?;
    session::delete_all_of(&state.db, s.account_id, None).await?;
    let token = session::create(&state.db, s.account_id, &ctx.user_agent, false).await?;
    security_log::record(&state.db, s.account_id, SecurityEvent::PasswordChanged, ctx).await?;
    outbox::send(
        state,
        &email,
        templates::password_changed(&state.config.link("/passwort-vergessen")),
    )
    .await?;
    Ok(token)
}

/// Deletes the account and everything stored about it; the address is free again at once.
pub async fn delete_account(
    state: &AppState,
    ctx: &RequestCtx,
    password: Secret,
) -> Result<(), AppError> {
    let me = ctx.actor.citizen()?;
    let account = own_account(state, me.session()).await?;
    // A staff account's cases and log entries belong to the authority: the authority's
    // admin deactivates it instead.
    if ctx.actor.is_staff() {
        return Err(AppError::Conflict(tr!("staff.cannot_delete")));
    }
    require_password(state, &account, &password, "password").await?;
    let email = account.email.clone();
    // The encrypted files go after the rows (which the cascade deletes); a failure to remove a
    // file is logged and leaves an unreadable blob without a key to any account.
    let blobs: Vec<String> = crate::documents::ssr::list_own(&state.db, &me)
        .await?
        .into_iter()
        .map(|d| d.storage_key)
        .collect();
    crate::db::write_txn(state, async |txn| {
        // Sessions and e-mail tokens go with the account (foreign keys, ON DELETE CASCADE);
        // the rows keyed by address are removed here. Later tables join this list.
        mail_outbox::Entity::delete_many()
            .filter(mail_outbox::Column::Recipient.eq(email.clone()))
            .exec(txn)
            .await?;
        throttle::clear_account(txn, &email, AccountId::of(&account)).await?;
        account::Entity::delete_by_id(account.id).exec(txn).await?;
        Ok(())
    })
    .await?;
    crate::documents::ssr::delete_blobs(&state.documents, blobs).await;
    Ok(())
}

pub const PURPOSE_EMAIL_CHANGE: &str = "email_change";
const EMAIL_CHANGE_VALID_SECS: i64 = 24 * 60 * 60;

/// Starts an e-mail change: checks the password, mails a confirmation link to the new address
/// and a notice to the old one. The old address stays the login until the link is used. When
/// another account already has the new address, its owner is told instead, and the answer
/// here is the same (no enumeration).
pub async fn request_email_change(
    state: &AppState,
    ctx: &RequestCtx,
    new: &str,
    repeat: &str,
    password: Secret,
) -> Result<(), AppError> {
    use crate::kernel::email::EmailAddress;
    let s = ctx.require_session()?;
    let account = own_account(state, s).await?;
    let mut errors = FieldErrors::default();
    let parsed = EmailAddress::parse(new)
        .map_err(|e| errors.add("new_email", e.message()))
        .ok();
    if let Some(p) = &parsed {
        if p.as_str() == account.email {
            errors.add("new_email", crate::tr!("profile.email_same"));
        } else if EmailAddress::parse(repeat).ok().as_ref() != Some(p) {
            errors.add(
                "new_email_repeat",
                crate::tr!("profile.email_repeat_mismatch"),
            );
        }
    }
    if password.expose().is_empty() {
        errors.add("email_password", crate::tr!("password.empty"));
    }
    if !errors.is_empty() {
        errors.keep("new_email", new);
        errors.keep("new_email_repeat", repeat);
        return Err(AppError::Validation(errors));
    }
    let new = parsed.expect("checked above");
    require_password(state, &account, &password, "email_password").await?;
    let taken = crate::accounts::ssr::find_by_email(&state.db, new.as_str())
        .await?
        .is_some();
    let config = state.config.clone();
    let (old, new, id) = (
        account.email.clone(),
        new.as_str().to_owned(),
        AccountId::of(&account),
    );
    crate::db::write_txn(state, async |txn| {
        if taken {
            outbox::enqueue(
                txn,
                &new,
                templates::email_change_taken(&config.link("/passwort-vergessen")),
            )
            .await?;
            return Ok(());
        }
        // A newer request replaces an older one.
        crate::entities::email_token::Entity::delete_many()
            .filter(crate::entities::email_token::Column::AccountId.eq(id))
            .filter(crate::entities::email_token::Column::Purpose.eq(PURPOSE_EMAIL_CHANGE))
            .exec(txn)
            .await?;
        let token = crate::accounts::ssr::issue_token(
            txn,
            id,
            PURPOSE_EMAIL_CHANGE,
            EMAIL_CHANGE_VALID_SECS,
        )
        .await?;
        crate::entities::email_token::Entity::update_many()
            .col_expr(
                crate::entities::email_token::Column::NewEmail,
                sea_orm::sea_query::Expr::value(new.clone()),
            )
            .filter(
                crate::entities::email_token::Column::TokenHash
                    .eq(crate::token::token_hash(token.expose())),
            )
            .exec(txn)
            .await?;
        let link = config.link(&format!("/email-bestaetigen?token={}", token.expose()));
        outbox::enqueue(txn, &new, templates::email_change_confirm(&link)).await?;
        outbox::enqueue(
            txn,
            &old,
            templates::email_change_notice(&config.link("/passwort-vergessen")),
        )
        .await?;
        Ok(())
    })
    .await?;
    Ok(())
}

/// Uses the confirmation link: the new address becomes the login. Unknown, used or expired
/// links, and addresses taken in the meantime, are refused.
pub async fn confirm_email_change(state: &AppState, token: &str) -> Result<(), AppError> {
    let invalid = || AppError::Conflict(crate::tr!("profile.email_link_invalid"));
    let row = crate::entities::email_token::Entity::find()
        .filter(crate::entities::email_token::Column::TokenHash.eq(crate::token::token_hash(token)))
        .filter(crate::entities::email_token::Column::Purpose.eq(PURPOSE_EMAIL_CHANGE))
        .one(&state.db)
        .await?
        .ok_or_else(invalid)?;
    let new = row.new_email.clone().ok_or_else(invalid)?;
    let token = token.to_owned();
    let ctx = RequestCtx::current()?;
    crate::db::write_txn(state, async |txn| {
        if crate::accounts::ssr::find_by_email(txn, &new)
            .await?
            .is_some()
        {
            return Err(invalid());
        }
        let id = crate::accounts::ssr::consume_token(txn, &token, PURPOSE_EMAIL_CHANGE)
            .await?
            .ok_or_else(invalid)?;
        let account = account::Entity::find_by_id(id.get())
            .one(txn)
            .await?
            .ok_or_else(invalid)?;
        let old = account.email.clone();
        let mut active = account.into_active_model();
        active.email = Set(new);
        active.update(txn).await?;
        throttle::clear_account(txn, &old, id).await?;
        security_log::record(txn, id, SecurityEvent::EmailChanged, &ctx).await
    })
    .await
}
