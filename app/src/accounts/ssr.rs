//! Account persistence and state transitions: register (pending), activate, purge expired.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};

use super::common_passwords::is_common;
use super::throttle;
use super::validate::RegistrationInput;
use crate::access::{AccountId, SessionInfo};
use crate::clock::now;
use crate::entities::{account, email_token};
use crate::error::{AppError, FieldErrors};
use crate::kernel::password::PasswordError;
use crate::mail::{outbox, templates};
use crate::secret::Secret;
use crate::state::AppState;
use crate::token::{new_token, token_hash};

pub const ACTIVATION_VALID_SECS: i64 = 24 * 60 * 60;
pub const STATUS_PENDING: &str = "pending";
pub const STATUS_ACTIVE: &str = "active";
pub const PURPOSE_ACTIVATION: &str = "activation";
pub const PURPOSE_RESET: &str = "password_reset";

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<account::Model>, AppError> {
    Ok(account::Entity::find()
        .filter(account::Column::Email.eq(email.to_lowercase()))
        .one(db)
        .await?)
}

/// Stores a single-use token for `account_id` and returns the secret for the link.
pub async fn issue_token(
    db: &impl ConnectionTrait,
    account_id: AccountId,
    purpose: &str,
    valid_secs: i64,
) -> Result<Secret, AppError> {
    let token = new_token();
    let t = now();
    email_token::ActiveModel {
        account_id: Set(account_id.get()),
        purpose: Set(purpose.to_owned()),
        token_hash: Set(token_hash(token.expose())),
        created_at: Set(t),
        expires_at: Set(t + valid_secs),
        used_at: Set(None),
        new_email: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Marks a valid token as used and returns its account id; `None` when the token is unknown,
/// used or expired. The conditional update makes a double use impossible even when two
/// requests race.
pub async fn consume_token(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: &str,
) -> Result<Option<AccountId>, AppError> {
    let t = now();
    let Some(row) = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(token_hash(token)))
        .filter(email_token::Column::Purpose.eq(purpose))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let updated = email_token::Entity::update_many()
        .col_expr(
            email_token::Column::UsedAt,
            sea_orm::sea_query::Expr::value(t),
        )
        .filter(email_token::Column::Id.eq(row.id))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(t))
        .exec(db)
        .await?;
    Ok((updated.rows_affected == 1).then_some(AccountId::from_row(row.account_id)))
}

/// Registers a citizen. The answer is the same whether or not the address is known: the
/// owner of an existing account gets a mail instead, and every path hashes the password and
/// writes one outbox row, so the time taken does not tell either.
pub async fn register(state: &AppState, input: RegistrationInput) -> Result<(), AppError> {
    let valid = input
        .validate(state.config.password_policy)
        .map_err(AppError::Validation);
    let common = is_common(&input.password);
    let valid = match valid {
        Ok(v) if common => {
            let mut errors = crate::error::FieldErrors::default();
            errors.add("password", PasswordError::TooCommon.message());
            errors.keep("first_name", v.first_name.as_str());
            errors.keep("last_name", v.last_name.as_str());
            errors.keep("email", v.email.as_str());
            errors.keep("consent", "on");
            return Err(AppError::Validation(errors));
        }
        other => other?,
    };
    // Counted before the hash: an anonymous caller must not keep the hasher busy, nor
    // flood an address with mails.
    let ctx = crate::access::ctx::RequestCtx::current()?;
    throttle::count_mail_request(&state.db, "register", valid.email.as_str(), ctx.client_ip)
        .await?;
    let hash = state.hasher.hash(&Secret::new(input.password)).await?;
    let config = state.config.clone();
    let email = valid.email.as_str().to_owned();
    crate::db::write_txn(state, async |txn| {
        let t = now();
        match find_by_email(txn, &email).await? {
            Some(existing) if existing.status == STATUS_ACTIVE => {
                let mail = templates::already_registered(
                    &config.link("/anmelden"),
                    &config.link("/passwort-vergessen"),
                );
                outbox::enqueue(txn, &email, mail).await?;
                Ok(())
            }
            Some(pending) => {
                // The first registration stands: a second one must not change the password or
                // name of an address someone else may be confirming. Its owner gets a new link
                // (older links die) and activates with the password chosen first.
                email_token::Entity::delete_many()
                    .filter(email_token::Column::AccountId.eq(pending.id))
                    .exec(txn)
                    .await?;
                let id = AccountId::of(&pending);
                send_activation(txn, &config, id, &pending.first_name, &email).await
            }
            None => {
                let a = account::ActiveModel {
                    public_id: Set(uuid::Uuid::new_v4().to_string()),
                    email: Set(email.clone()),
                    password_hash: Set(hash),
                    first_name: Set(valid.first_name.as_str().to_owned()),
                    last_name: Set(valid.last_name.as_str().to_owned()),
                    status: Set(STATUS_PENDING.to_owned()),
                    trust_level: Set(crate::kernel::trust::TrustLevel::Low),
                    created_at: Set(t),
                    activated_at: Set(None),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                send_activation(
                    txn,
                    &config,
                    AccountId::of(&a),
                    valid.first_name.as_str(),
                    &email,
                )
                .await
            }
        }
    })
    .await?;
    Ok(())
}

async fn send_activation(
    txn: &crate::db::Txn,
    config: &crate::config::Config,
    account_id: AccountId,
    first_name: &str,
    email: &str,
) -> Result<(), AppError> {
    let token = issue_token(txn, account_id, PURPOSE_ACTIVATION, ACTIVATION_VALID_SECS).await?;
    let link = config.link(&format!("/aktivieren?token={}", token.expose()));
    outbox::enqueue(txn, email, templates::activation(first_name, &link)).await
}

/// Uses an activation link. Unknown, used and expired links get the same answer.
pub async fn activate(state: &AppState, token: &str) -> Result<(), AppError> {
    let invalid = || AppError::Conflict(tr!("activate.link_invalid"));
    let token = token.to_owned();
    crate::db::write_txn(state, async |txn| {
        let account_id = consume_token(txn, &token, PURPOSE_ACTIVATION)
            .await?
            .ok_or_else(invalid)?;
        let account = account::Entity::find_by_id(account_id.get())
            .one(txn)
            .await?
            .ok_or_else(invalid)?;
        if account.status == STATUS_PENDING {
            let mut a = account.into_active_model();
            a.status = Set(STATUS_ACTIVE.to_owned());
            a.activated_at = Set(Some(now()));
            a.update(txn).await?;
        }
        Ok(())
    })
    .await?;
    Ok(())
}

/// Every rule for a new password on the server, the list of common passwords included.
/// Messages go to `fields.0` (the password) and `fields.1` (its repetition).
pub fn check_new_password(
    errors: &mut crate::error::FieldErrors,
    policy: crate::kernel::password::PasswordPolicy,
    email: &str,
    password: &str,
    repeat: &str,
    fields: (&str, &str),
) {
    if let Err(m) = super::validate::new_password(policy, password, email) {
        errors.add(fields.0, m);
    } else if is_common(password) {
        errors.add(fields.0, PasswordError::TooCommon.message());
    }
    if let Err(m) = super::validate::password_repeat(password, repeat) {
        errors.add(fields.1, m);
    }
}

/// Deletes registrations that were not confirmed within 24 hours; their address is free again.
pub async fn purge_expired_registrations(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    let cutoff = now() - ACTIVATION_VALID_SECS;
    let res = account::Entity::delete_many()
        .filter(account::Column::Status.eq(STATUS_PENDING))
        .filter(account::Column::CreatedAt.lt(cutoff))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// The account of a session.
pub async fn own_account(state: &AppState, s: &SessionInfo) -> Result<account::Model, AppError> {
    account::Entity::find_by_id(s.account_id.get())
        .one(&state.db)
        .await?
        .ok_or(AppError::Unauthenticated)
}

/// Re-authentication: the current password, counted like a failed login when wrong.
pub async fn require_password(
    state: &AppState,
    account: &account::Model,
    password: &Secret,
    field: &str,
) -> Result<(), AppError> {
    let ctx = crate::access::ctx::RequestCtx::current()?;
    let keys = throttle::login_keys(
        &state.db,
        &account.email,
        Some(AccountId::of(account)),
        &ctx,
    )
    .await?;
    throttle::attempt(&state.db, &keys).await?;
    if state
        .hasher
        .verify(password, Some(account.password_hash.clone()))
        .await?
    {
        return throttle::give_back_all(&state.db, &keys).await;
    }
    let mut errors = FieldErrors::default();
    errors.add(field, tr!("profile.wrong_password"));
    Err(AppError::Validation(errors))
}

/// The personal data of an account as forms show it (the date of birth as `TT.MM.JJJJ`).
pub fn personal_data(a: &account::Model) -> super::personal_data::PersonalData {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    super::personal_data::PersonalData {
        salutation: s(&a.salutation),
        title: s(&a.title),
        first_name: a.first_name.clone(),
        last_name: a.last_name.clone(),
        date_of_birth: a
            .date_of_birth
            .as_deref()
            .map(super::personal_data::date_from_iso)
            .unwrap_or_default(),
        street: s(&a.street),
        house_number: s(&a.house_number),
        postcode: s(&a.postcode),
        city: s(&a.city),
        po_box: s(&a.po_box),
        phone: s(&a.phone),
    }
}
