//! Passkey ceremonies on the server: options out, the authenticator's answer checked in. The
//! ceremony state waits in the database under a random handle, used once.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, Passkey, PasskeyAuthentication, PasskeyRegistration,
    PublicKeyCredential, RegisterPublicKeyCredential, Uuid, Webauthn, WebauthnBuilder,
};

use super::{PasskeyOptions, PasskeyView, check_name};
use crate::access::AccountId;
use crate::access::SessionInfo;
use crate::access::ctx::RequestCtx;
use crate::accounts::security_log::SecurityEvent;
use crate::accounts::ssr::{own_account, require_password};
use crate::accounts::throttle;
use crate::auth::second_factor::{Method, challenge, setup};
use crate::clock::{iso8601, now};
use crate::entities::{account, passkey, webauthn_ceremony};
use crate::error::{AppError, FieldErrors};
use crate::secret::Secret;
use crate::state::AppState;
use crate::token::{new_token, token_hash};

/// Time for the user to touch the authenticator.
const CEREMONY_SECS: i64 = 5 * 60;

/// The relying party: the portal's host from `PORTAL_BASE_URL`. WebAuthn needs a domain name —
/// `localhost` works for development, an IP address does not.
fn relying_party(state: &AppState) -> Result<Webauthn, AppError> {
    let origin = &state.config.base_url;
    let rp_id = origin
        .domain()
        .ok_or_else(|| AppError::Conflict(tr!("passkey.needs_domain")))?;
    WebauthnBuilder::new(rp_id, origin)
        .and_then(|b| b.rp_name("Serviceportal").build())
        .map_err(AppError::internal)
}

fn failed(e: impl std::fmt::Display) -> AppError {
    tracing::info!(error = %e, "passkey ceremony refused");
    AppError::Conflict(tr!("passkey.failed"))
}

fn parse<T: DeserializeOwned>(json: &str) -> Result<T, AppError> {
    serde_json::from_str(json).map_err(failed)
}

async fn save_ceremony(
    state: &AppState,
    account_id: Option<i64>,
    purpose: &str,
    ceremony: &impl Serialize,
) -> Result<Secret, AppError> {
    let token = new_token();
    webauthn_ceremony::ActiveModel {
        token_hash: Set(token_hash(token.expose())),
        account_id: Set(account_id),
        purpose: Set(purpose.to_owned()),
        state: Set(serde_json::to_string(ceremony).map_err(AppError::internal)?),
        expires_at: Set(now() + CEREMONY_SECS),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(token)
}

/// The ceremony behind `handle`, used up now; it must be for this purpose and account.
async fn take_ceremony<T: DeserializeOwned>(
    state: &AppState,
    handle: &str,
    purpose: &str,
    account_id: Option<i64>,
) -> Result<T, AppError> {
    let row = webauthn_ceremony::Entity::find()
        .filter(webauthn_ceremony::Column::TokenHash.eq(token_hash(handle)))
        .filter(webauthn_ceremony::Column::Purpose.eq(purpose))
        .filter(webauthn_ceremony::Column::ExpiresAt.gt(now()))
        .one(&state.db)
        .await?
        .filter(|r| r.account_id == account_id)
        .ok_or_else(|| AppError::Conflict(tr!("passkey.expired")))?;
    let gone = webauthn_ceremony::Entity::delete_by_id(row.id)
        .exec(&state.db)
        .await?;
    if gone.rows_affected != 1 {
        return Err(AppError::Conflict(tr!("passkey.expired")));
    }
    serde_json::from_str(&row.state).map_err(AppError::internal)
}

fn options(value: &impl Serialize, handle: Secret) -> Result<PasskeyOptions, AppError> {
    Ok(PasskeyOptions {
        ceremony: handle.expose().to_owned(),
        options: serde_json::to_string(value).map_err(AppError::internal)?,
    })
}

async fn passkeys_of(
    state: &AppState,
    account_id: AccountId,
) -> Result<Vec<(passkey::Model, Passkey)>, AppError> {
    let rows = passkey::Entity::find()
        .filter(passkey::Column::AccountId.eq(account_id))
        .order_by_asc(passkey::Column::CreatedAt)
        .all(&state.db)
        .await?;
    rows.into_iter()
        .map(|r| {
            let key: Passkey = serde_json::from_str(&r.passkey).map_err(AppError::internal)?;
            Ok((r, key))
        })
        .collect()
}

pub async fn has_passkeys(state: &AppState, account_id: AccountId) -> Result<bool, AppError> {
    Ok(passkey::Entity::find()
        .filter(passkey::Column::AccountId.eq(account_id))
        .one(&state.db)
        .await?
        .is_some())
}

pub async fn list(state: &AppState, account_id: AccountId) -> Result<Vec<PasskeyView>, AppError> {
    Ok(passkeys_of(state, account_id)
        .await?
        .into_iter()
        .map(|(r, _)| PasskeyView {
            id: r.credential_id,
            name: r.name,
            created: iso8601(r.created_at),
            last_used: r.last_used_at.map(iso8601),
        })
        .collect())
}

/// Registration, first half: after the password, options for a new discoverable passkey
/// (one that can also log in without the password).
pub async fn start_registration(
    state: &AppState,
    s: &SessionInfo,
    password: &Secret,
    name: &str,
) -> Result<PasskeyOptions, AppError> {
    let a = own_account(state, s).await?;
    let mut errors = FieldErrors::default();
    if let Err(m) = check_name(name) {
        errors.add("passkey_name", m);
        errors.keep("passkey_name", name);
        return Err(AppError::Validation(errors));
    }
    require_password(state, &a, password, "passkey_password").await?;
    let rp = relying_party(state)?;
    let user = Uuid::parse_str(&a.public_id).map_err(AppError::internal)?;
    let exclude = passkeys_of(state, AccountId::of(&a))
        .await?
        .iter()
        .map(|(_, k)| k.cred_id().clone())
        .collect();
    let display = format!("{} {}", a.first_name, a.last_name);
    let (ccr, reg) = rp
        .start_passkey_registration(user, &a.email, &display, Some(exclude))
        .map_err(AppError::internal)?;
    // Ask for a discoverable credential, so that the passkey can also start a login.
    let mut json = serde_json::to_value(&ccr).map_err(AppError::internal)?;
    if let Some(sel) = json
        .pointer_mut("/publicKey/authenticatorSelection")
        .and_then(|v| v.as_object_mut())
    {
        sel.insert("residentKey".into(), "required".into());
        sel.insert("requireResidentKey".into(), true.into());
    }
    let handle = save_ceremony(state, Some(a.id), "register", &reg).await?;
    options(&json, handle)
}

/// Registration, second half: the authenticator's answer becomes a passkey of the account.
/// Returns the session's new token where the session was limited to the setup.
pub async fn finish_registration(
    state: &AppState,
    s: &SessionInfo,
    handle: &str,
    credential: &str,
    name: &str,
) -> Result<Option<Secret>, AppError> {
    let a = own_account(state, s).await?;
    let name = check_name(name).map_err(|m| {
        let mut e = FieldErrors::default();
        e.add("passkey_name", m);
        AppError::Validation(e)
    })?;
    let reg: PasskeyRegistration = take_ceremony(state, handle, "register", Some(a.id)).await?;
    let answer: RegisterPublicKeyCredential = parse(credential)?;
    let key = relying_party(state)?
        .finish_passkey_registration(&answer, &reg)
        .map_err(failed)?;
    passkey::ActiveModel {
        account_id: Set(a.id),
        credential_id: Set(URL_SAFE_NO_PAD.encode(key.cred_id())),
        name: Set(name),
        passkey: Set(serde_json::to_string(&key).map_err(AppError::internal)?),
        created_at: Set(now()),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    let token = if Method::from_stored(&a.second_factor) == Method::None {
        setup::set_method(&state.db, s, Method::Passkey).await?
    } else {
        None
    };
    setup::notify(state, &a, SecurityEvent::PasskeyAdded).await?;
    Ok(token)
}

/// Removes one of the account's own passkeys (with the password). Without passkeys left, an
/// account whose factor was the passkey has none — refused where one is required.
pub async fn remove(
    state: &AppState,
    s: &SessionInfo,
    credential_id: &str,
    password: &Secret,
) -> Result<(), AppError> {
    let a = own_account(state, s).await?;
    let row = passkey::Entity::find()
        .filter(passkey::Column::CredentialId.eq(credential_id))
        .filter(passkey::Column::AccountId.eq(a.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let last = passkeys_of(state, AccountId::of(&a)).await?.len() == 1;
    let was_factor = Method::from_stored(&a.second_factor) == Method::Passkey;
    if last && was_factor && setup::is_required(state, AccountId::of(&a)).await? {
        return Err(AppError::Conflict(tr!(
            "second_factor.required_cannot_disable"
        )));
    }
    require_password(state, &a, password, "remove_password").await?;
    passkey::Entity::delete_by_id(row.id)
        .exec(&state.db)
        .await?;
    if last && was_factor {
        setup::set_method(&state.db, s, Method::None).await?;
    }
    setup::notify(state, &a, SecurityEvent::PasskeyRemoved).await
}

/// Records a successful use: the signature counter and the time.
async fn record_use(
    state: &AppState,
    row: passkey::Model,
    mut key: Passkey,
    result: &webauthn_rs::prelude::AuthenticationResult,
) -> Result<(), AppError> {
    key.update_credential(result);
    let mut m = row.into_active_model();
    m.passkey = Set(serde_json::to_string(&key).map_err(AppError::internal)?);
    m.last_used_at = Set(Some(now()));
    m.update(&state.db).await?;
    Ok(())
}

/// Passwordless login, first half: options that let the browser offer any passkey of this
/// site.
pub async fn start_login(state: &AppState) -> Result<PasskeyOptions, AppError> {
    throttle::count_passkey_start(&state.db, RequestCtx::current()?.client_ip).await?;
    let (rcr, auth) = relying_party(state)?
        .start_discoverable_authentication()
        .map_err(AppError::internal)?;
    let handle = save_ceremony(state, None, "login", &auth).await?;
    // A button starts this login, so the browser's modal dialog fits, not conditional UI.
    let mut json = serde_json::to_value(&rcr).map_err(AppError::internal)?;
    if let Some(o) = json.as_object_mut() {
        o.remove("mediation");
    }
    options(&json, handle)
}

/// Passwordless login, second half: the passkey names its account; a valid signature opens a
/// session (the passkey is possession and, with user verification, knowledge or biometrics).
pub async fn finish_login(
    state: &AppState,
    ctx: &RequestCtx,
    handle: &str,
    credential: &str,
) -> Result<Secret, AppError> {
    let client_key = throttle::client_key(ctx.client_ip);
    throttle::check(&state.db, &[(client_key.clone(), throttle::CLIENT)]).await?;
    let auth: DiscoverableAuthentication = take_ceremony(state, handle, "login", None).await?;
    let outcome = async {
        let answer: PublicKeyCredential = parse(credential)?;
        let rp = relying_party(state)?;
        let (user, cred_id) = rp
            .identify_discoverable_authentication(&answer)
            .map_err(failed)?;
        let a = account::Entity::find()
            .filter(account::Column::PublicId.eq(user.to_string()))
            .filter(account::Column::Status.eq(crate::accounts::ssr::STATUS_ACTIVE))
            .one(&state.db)
            .await?
            .ok_or_else(|| failed("unknown user handle"))?;
        let (row, key) = passkeys_of(state, AccountId::of(&a))
            .await?
            .into_iter()
            .find(|(_, k)| k.cred_id().as_slice() == cred_id)
            .ok_or_else(|| failed("unknown credential"))?;
        let result = rp
            .finish_discoverable_authentication_v2(&answer, auth, &key)
            .map_err(failed)?;
        record_use(state, row, key, &result).await?;
        Ok::<_, AppError>(a)
    }
    .await;
    let a = match outcome {
        Ok(a) => a,
        Err(e) => {
            throttle::record_failure(&state.db, &client_key, throttle::CLIENT).await?;
            return Err(e);
        }
    };
    crate::auth::ssr::refuse_deactivated_staff(state, AccountId::of(&a)).await?;
    crate::auth::ssr::open_session(state, ctx, AccountId::of(&a), false).await
}

/// Second factor, first half: options naming the account's passkeys.
pub async fn start_factor(
    state: &AppState,
    challenge_token: Option<&str>,
) -> Result<PasskeyOptions, AppError> {
    let c = challenge::find(state, challenge_token).await?;
    let keys: Vec<Passkey> = passkeys_of(state, AccountId::from_row(c.account_id))
        .await?
        .into_iter()
        .map(|(_, k)| k)
        .collect();
    if keys.is_empty() {
        return Err(AppError::Conflict(tr!("passkey.none")));
    }
    let (rcr, auth) = relying_party(state)?
        .start_passkey_authentication(&keys)
        .map_err(AppError::internal)?;
    let handle = save_ceremony(state, Some(c.account_id), "factor", &auth).await?;
    options(&rcr, handle)
}

/// Second factor, second half: a valid signature completes this browser's login. A failure
/// counts toward the throttle like a wrong code.
pub async fn finish_factor(
    state: &AppState,
    ctx: &RequestCtx,
    challenge_token: Option<&str>,
    handle: &str,
    credential: &str,
) -> Result<(Secret, String), AppError> {
    let c = challenge::find(state, challenge_token).await?;
    let a = account::Entity::find_by_id(c.account_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let keys = throttle::login_keys(&state.db, &a.email, Some(AccountId::of(&a)), ctx).await?;
    throttle::check(&state.db, &keys).await?;
    let auth: PasskeyAuthentication =
        take_ceremony(state, handle, "factor", Some(c.account_id)).await?;
    let checked = async {
        let answer: PublicKeyCredential = parse(credential)?;
        let result = relying_party(state)?
            .finish_passkey_authentication(&answer, &auth)
            .map_err(failed)?;
        let (row, key) = passkeys_of(state, AccountId::of(&a))
            .await?
            .into_iter()
            .find(|(_, k)| k.cred_id() == result.cred_id())
            .ok_or_else(|| failed("unknown credential"))?;
        record_use(state, row, key, &result).await
    }
    .await;
    if let Err(e) = checked {
        for (key, limits) in &keys {
            throttle::record_failure(&state.db, key, *limits).await?;
        }
        return Err(e);
    }
    challenge::finish(state, ctx, &c).await
}

/// Removes ceremonies nobody finished (background job).
pub async fn purge_expired(db: &impl sea_orm::ConnectionTrait) -> Result<(), AppError> {
    webauthn_ceremony::Entity::delete_many()
        .filter(webauthn_ceremony::Column::ExpiresAt.lte(now()))
        .exec(db)
        .await?;
    Ok(())
}
