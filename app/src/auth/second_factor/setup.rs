//! Choosing, setting up and switching off the second factor from "Mein Bereich". Every change
//! asks for the password again and tells the owner by mail.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set,
};

use super::{FactorStatus, Method, TotpSetupView, recovery, totp};
use crate::access::{AccountId, SessionInfo};
use crate::accounts::security_log::{self, SecurityEvent};
use crate::accounts::ssr::{own_account, require_password};
use crate::clock::now;
use crate::entities::{account, recovery_code, totp_factor};
use crate::error::{AppError, FieldErrors};
use crate::mail::{outbox, templates};
use crate::secret::Secret;
use crate::state::AppState;

/// Recovery codes not picked up by the page within this time are forgotten (their hashes stay).
const SHOW_CODES_SECS: i64 = 10 * 60;

pub async fn status(state: &AppState, s: &SessionInfo) -> Result<FactorStatus, AppError> {
    let a = own_account(state, s).await?;
    let left = recovery_code::Entity::find()
        .filter(recovery_code::Column::AccountId.eq(a.id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(&state.db)
        .await? as usize;
    Ok(FactorStatus {
        method: Method::from_stored(&a.second_factor),
        recovery_codes_left: left,
        email_allowed: state.config.email_factor_allowed,
        required: is_required(state, AccountId::of(&a)).await?,
        passkeys: crate::auth::passkey::ssr::list(state, AccountId::of(&a)).await?,
    })
}

/// Starts the authenticator setup: a new secret that counts only once a code confirms it.
pub async fn start_totp(
    state: &AppState,
    s: &SessionInfo,
    password: &Secret,
) -> Result<(), AppError> {
    let a = own_account(state, s).await?;
    if Method::from_stored(&a.second_factor) == Method::Totp {
        return Err(AppError::Conflict(tr!("second_factor.totp_already")));
    }
    require_password(state, &a, password, "totp_password").await?;
    totp_factor::Entity::delete_by_id(a.id)
        .exec(&state.db)
        .await?;
    totp_factor::ActiveModel {
        account_id: Set(a.id),
        secret: Set(super::seed::seal(
            &state.documents.key,
            a.id,
            &totp::TotpKey::generate_secret(),
        )),
        last_used_step: Set(None),
        created_at: Set(now()),
        confirmed_at: Set(None),
        pending_codes: Set(None),
        pending_codes_until: Set(None),
    }
    .insert(&state.db)
    .await?;
    Ok(())
}

async fn pending_setup(
    state: &AppState,
    a: &account::Model,
) -> Result<(totp_factor::Model, Secret, totp::TotpKey), AppError> {
    let row = totp_factor::Entity::find_by_id(a.id)
        .one(&state.db)
        .await?
        .filter(|f| f.confirmed_at.is_none())
        .ok_or_else(|| AppError::Conflict(tr!("second_factor.no_setup")))?;
    let seed = super::seed::open(&state.documents.key, &row)?;
    let key = totp::TotpKey::from_base32(&seed, &a.email)
        .ok_or_else(|| AppError::internal("stored TOTP secret is not base32"))?;
    Ok((row, seed, key))
}

/// The QR code and secret of the setup in progress.
pub async fn setup_view(state: &AppState, s: &SessionInfo) -> Result<TotpSetupView, AppError> {
    let a = own_account(state, s).await?;
    let (_, seed, key) = pending_setup(state, &a).await?;
    Ok(TotpSetupView {
        secret_grouped: totp::grouped(seed.expose()),
        qr_svg: key.qr_svg(),
    })
}

/// The first code confirms the app: TOTP becomes the account's factor and ten recovery codes
/// are made, kept in clear only until the next page has shown them.
/// Returns the session's new token where the session was limited to the setup.
pub async fn confirm_totp(
    state: &AppState,
    s: &SessionInfo,
    code: &str,
) -> Result<Option<Secret>, AppError> {
    let a = own_account(state, s).await?;
    let (row, _, key) = pending_setup(state, &a).await?;
    let Some(step) = key.verify(code, now(), None) else {
        let mut errors = FieldErrors::default();
        errors.add(
            "code",
            tr!(if code.trim().is_empty() {
                "second_factor.code_empty"
            } else {
                "second_factor.code_wrong"
            }),
        );
        return Err(AppError::Validation(errors));
    };
    let codes = recovery::generate();
    let account_id = AccountId::of(&a);
    let token = crate::db::write_txn(state, async |txn| {
        let mut f = row.into_active_model();
        f.confirmed_at = Set(Some(now()));
        f.last_used_step = Set(Some(step));
        f.pending_codes = Set(Some(codes.join("\n")));
        f.pending_codes_until = Set(Some(now() + SHOW_CODES_SECS));
        f.update(txn).await?;
        replace_recovery_codes(txn, account_id, &codes).await?;
        set_method(txn, s, Method::Totp).await
    })
    .await?;
    notify(state, &a, SecurityEvent::SecondFactorChanged).await?;
    Ok(token)
}

/// New recovery codes (the old ones stop working), to be shown on the next page.
pub async fn regenerate_codes(
    state: &AppState,
    s: &SessionInfo,
    password: &Secret,
) -> Result<(), AppError> {
    let a = own_account(state, s).await?;
    let row = totp_factor::Entity::find_by_id(a.id)
        .one(&state.db)
        .await?
        .filter(|f| f.confirmed_at.is_some())
        .ok_or_else(|| AppError::Conflict(tr!("second_factor.no_totp")))?;
    require_password(state, &a, password, "codes_password").await?;
    let codes = recovery::generate();
    let account_id = AccountId::of(&a);
    crate::db::write_txn(state, async |txn| {
        let mut f = row.into_active_model();
        f.pending_codes = Set(Some(codes.join("\n")));
        f.pending_codes_until = Set(Some(now() + SHOW_CODES_SECS));
        f.update(txn).await?;
        replace_recovery_codes(txn, account_id, &codes).await
    })
    .await?;
    notify(state, &a, SecurityEvent::SecondFactorChanged).await
}

/// The recovery codes, once: reading them removes the clear copy.
pub async fn take_codes(state: &AppState, s: &SessionInfo) -> Result<Vec<String>, AppError> {
    let Some(row) = totp_factor::Entity::find_by_id(s.account_id.get())
        .one(&state.db)
        .await?
    else {
        return Ok(vec![]);
    };
    let Some(codes) = row.pending_codes.clone() else {
        return Ok(vec![]);
    };
    let mut f = row.into_active_model();
    f.pending_codes = Set(None);
    f.pending_codes_until = Set(None);
    f.update(&state.db).await?;
    Ok(codes.lines().map(str::to_owned).collect())
}

/// The e-mail link as second factor (if the operator allows it); returns the session's new
/// token where the session was limited to the setup.
pub async fn choose_email(
    state: &AppState,
    s: &SessionInfo,
    password: &Secret,
) -> Result<Option<Secret>, AppError> {
    if !state.config.email_factor_allowed {
        return Err(AppError::Forbidden);
    }
    let a = own_account(state, s).await?;
    require_password(state, &a, password, "email_factor_password").await?;
    let account_id = AccountId::of(&a);
    let token = crate::db::write_txn(state, async |txn| {
        remove_totp(txn, account_id).await?;
        set_method(txn, s, Method::Email).await
    })
    .await?;
    notify(state, &a, SecurityEvent::SecondFactorChanged).await?;
    Ok(token)
}

/// Must this account have a second factor? When the operator requires one for everybody,
/// and always for staff of an authority (SPEC §5).
pub async fn is_required(state: &AppState, account_id: AccountId) -> Result<bool, AppError> {
    Ok(state.config.second_factor_required
        || crate::access::has_staff_seat(&state.db, account_id).await?)
}

/// No second factor any more — refused when the operator requires one.
pub async fn switch_off(
    state: &AppState,
    s: &SessionInfo,
    password: &Secret,
) -> Result<(), AppError> {
    if is_required(state, s.account_id).await? {
        return Err(AppError::Conflict(tr!(
            "second_factor.required_cannot_disable"
        )));
    }
    let a = own_account(state, s).await?;
    require_password(state, &a, password, "off_password").await?;
    let account_id = AccountId::of(&a);
    crate::db::write_txn(state, async |txn| {
        remove_totp(txn, account_id).await?;
        set_method(txn, s, Method::None).await
    })
    .await?;
    notify(state, &a, SecurityEvent::SecondFactorChanged).await
}

async fn replace_recovery_codes(
    db: &impl ConnectionTrait,
    account_id: AccountId,
    codes: &[String],
) -> Result<(), AppError> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    let rows = codes.iter().map(|c| recovery_code::ActiveModel {
        account_id: Set(account_id.get()),
        code_hash: Set(recovery::hash(c)),
        used_at: Set(None),
        ..Default::default()
    });
    recovery_code::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

async fn remove_totp(db: &impl ConnectionTrait, account_id: AccountId) -> Result<(), AppError> {
    totp_factor::Entity::delete_by_id(account_id.get())
        .exec(db)
        .await?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records the account's factor. With one set up in a session limited to the setup, that
/// session is freed under a new token (returned, for the cookie) and the account's other
/// setup-only sessions end.
pub(crate) async fn set_method(
    db: &impl ConnectionTrait,
    current: &SessionInfo,
    method: Method,
) -> Result<Option<Secret>, AppError> {
    account::Entity::update_many()
        .col_expr(
            account::Column::SecondFactor,
            sea_orm::sea_query::Expr::value(method.as_str()),
        )
        .filter(account::Column::Id.eq(current.account_id))
        .exec(db)
        .await?;
    if method == Method::None {
        return Ok(None);
    }
    crate::access::session::complete_setup(db, current).await
}

/// A factor was set up, changed or removed: in the security log as `event`, and the owner is
/// told by mail.
pub(crate) async fn notify(
    state: &AppState,
    a: &account::Model,
    event: SecurityEvent,
) -> Result<(), AppError> {
    security_log::record_now(&state.db, AccountId::of(a), event).await?;
    outbox::send(
        state,
        &a.email,
        templates::second_factor_changed(&state.config.link("/passwort-vergessen")),
    )
    .await
}

/// Clears recovery codes in clear that no page picked up in time (background job).
pub async fn purge_unshown_codes(db: &impl ConnectionTrait) -> Result<(), AppError> {
    totp_factor::Entity::update_many()
        .col_expr(
            totp_factor::Column::PendingCodes,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .col_expr(
            totp_factor::Column::PendingCodesUntil,
            sea_orm::sea_query::Expr::value(Option::<i64>::None),
        )
        .filter(totp_factor::Column::PendingCodesUntil.lte(now()))
        .exec(db)
        .await?;
    Ok(())
}
