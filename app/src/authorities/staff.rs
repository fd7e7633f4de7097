//! Staff accounts (server only): creating an authority and its staff (with an invitation
//! link), roles, deactivation and responsibilities.

use crate::access::AccountId;
use crate::kernel::person::NameField;
use crate::kernel::slug::Slug;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::types::{StaffMember, StaffRole};
use crate::access::ctx::RequestCtx;
use crate::access::types::Method;
use crate::access::{Staff, StaffAdmin};
use crate::accounts::security_log::{self, SecurityEvent};
use crate::accounts::ssr::{STATUS_ACTIVE, find_by_email, issue_token};
use crate::audit::ssr as audit;
use crate::entities::{account, authority, responsibility, staff};
use crate::error::{AppError, FieldErrors};
use crate::state::AppState;

/// An invitation link is valid this long (it sets the first password).
pub const INVITE_VALID_SECS: i64 = 7 * 24 * 60 * 60;

/// The operator's `portal authority create`: idempotent on the slug.
pub async fn create_authority(
    db: &impl ConnectionTrait,
    slug: &str,
    name: &str,
) -> Result<authority::Model, AppError> {
    let (Some(slug), false) = (Slug::parse(slug), name.trim().is_empty()) else {
        return Err(AppError::Conflict(tr!("staff.authority_invalid")));
    };
    if let Some(a) = authority::Entity::find()
        .filter(authority::Column::Slug.eq(slug.as_str()))
        .one(db)
        .await?
    {
        return Ok(a);
    }
    Ok(authority::ActiveModel {
        slug: Set(slug.into_string()),
        name: Set(name.trim().to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub struct NewStaff<'a> {
    pub authority_id: i64,
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub role: StaffRole,
}

/// Creates a staff account and mails the invitation (a link to set the first password);
/// returns the link too, for the operator's command line. An address that already has an
/// account is refused: staff accounts are separate from citizens' accounts.
pub async fn create(
    state: &AppState,
    actor: Option<&Staff>,
    new: NewStaff<'_>,
) -> Result<(staff::Model, String), AppError> {
    let mut errors = FieldErrors::default();
    let email = match crate::kernel::email::EmailAddress::parse(new.email) {
        Ok(e) => Some(e.as_str().to_owned()),
        Err(e) => {
            errors.add("email", e.message());
            None
        }
    };
    let first = super::types::staff_name(new.first_name, NameField::First)
        .map_err(|m| errors.add("first_name", m))
        .ok();
    let last = super::types::staff_name(new.last_name, NameField::Last)
        .map_err(|m| errors.add("last_name", m))
        .ok();
    if let Some(e) = &email
        && find_by_email(&state.db, e).await?.is_some()
    {
        errors.add("email", tr!("staff.email_taken"));
    }
    if !errors.is_empty() {
        errors.keep("email", new.email);
        errors.keep("first_name", new.first_name);
        errors.keep("last_name", new.last_name);
        errors.keep("role", new.role.as_str());
        return Err(AppError::Validation(errors));
    }
    let (Some(email), Some(first), Some(last)) = (email, first, last) else {
        return Err(AppError::internal("staff form refused without a message"));
    };
    // Nobody knows this password: the invitation link sets the real one.
    let placeholder = state.hasher.hash(&crate::token::new_token()).await?;
    let authority = crate::services::ssr::authority_name(&state.db, new.authority_id).await?;
    let (first, last) = (first.as_str().to_owned(), last.as_str().to_owned());
    let (role, authority_id) = (new.role, new.authority_id);
    crate::db::write_txn(state, async |txn| {
        let s = insert(txn, authority_id, &email, &first, &last, placeholder, role).await?;
        let token = issue_token(
            txn,
            AccountId::from_row(s.account_id),
            crate::accounts::ssr::PURPOSE_RESET,
            INVITE_VALID_SECS,
        )
        .await?;
        let link = state
            .config
            .link(&format!("/passwort-zuruecksetzen?token={}", token.expose()));
        crate::mail::outbox::enqueue(
            txn,
            &email,
            crate::mail::templates::staff_invite(&first, &authority, &link),
        )
        .await?;
        let detail = format!("{first} {last} <{email}>, {}", role.label());
        audit::record(
            txn,
            authority_id,
            actor,
            audit::Action::StaffCreated,
            None,
            &detail,
        )
        .await?;
        Ok((s, link))
    })
    .await
}

/// An active account and its staff row (no mail, no log: the callers add what they need).
pub async fn insert(
    txn: &impl ConnectionTrait,
    authority_id: i64,
    email: &str,
    first: &str,
    last: &str,
    password_hash: String,
    role: StaffRole,
) -> Result<staff::Model, AppError> {
    let now = crate::clock::now();
    let a = account::ActiveModel {
        public_id: Set(uuid::Uuid::new_v4().to_string()),
        email: Set(email.to_owned()),
        password_hash: Set(password_hash),
        first_name: Set(first.to_owned()),
        last_name: Set(last.to_owned()),
        status: Set(STATUS_ACTIVE.to_owned()),
        trust_level: Set(crate::kernel::trust::TrustLevel::Low),
        created_at: Set(now),
        activated_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(staff::ActiveModel {
        account_id: Set(a.id),
        authority_id: Set(authority_id),
        role: Set(role.as_str().to_owned()),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}

/// The staff of the admin's authority, with their responsibilities.
pub async fn list(
    db: &impl ConnectionTrait,
    authority_id: i64,
) -> Result<Vec<StaffMember>, AppError> {
    let members = staff::Entity::find()
        .filter(staff::Column::AuthorityId.eq(authority_id))
        .order_by_asc(staff::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
    let accounts = account::Entity::find()
        .filter(account::Column::Id.is_in(members.iter().map(|m| m.account_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let resp = responsibility::Entity::find()
        .filter(responsibility::Column::StaffId.is_in(ids))
        .all(db)
        .await?;
    let services = crate::services::admin::own(db, authority_id).await?;
    let slug_of = |service_id: i64| {
        services
            .iter()
            .find(|s| s.id == service_id)
            .map(|s| s.slug.clone())
    };
    let invited: Vec<i64> = crate::entities::email_token::Entity::find()
        .filter(
            crate::entities::email_token::Column::AccountId
                .is_in(accounts.iter().map(|a| a.id).collect::<Vec<_>>()),
        )
        .filter(
            crate::entities::email_token::Column::Purpose.eq(crate::accounts::ssr::PURPOSE_RESET),
        )
        .filter(crate::entities::email_token::Column::UsedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        // Reset links live an hour, invitations a week: an open week-long link is an invitation.
        .filter(|t| t.expires_at - t.created_at >= INVITE_VALID_SECS)
        .map(|t| t.account_id)
        .collect();
    members
        .iter()
        .filter_map(|m| {
            let a = accounts.iter().find(|a| a.id == m.account_id)?;
            Some((m, a))
        })
        .map(|(m, a)| {
            Ok(StaffMember {
                id: a.public_id.clone(),
                name: format!("{} {}", a.first_name, a.last_name),
                email: a.email.clone(),
                role: StaffRole::parse(&m.role).ok_or_else(|| {
                    AppError::internal(format!("staff {}: unknown role {:?}", m.id, m.role))
                })?,
                active: m.active,
                invited: invited.contains(&a.id),
                has_second_factor: Method::from_stored(&a.second_factor) != Method::None,
                services: resp
                    .iter()
                    .filter(|r| r.staff_id == m.id)
                    .filter_map(|r| slug_of(r.service_id))
                    .collect(),
            })
        })
        .collect()
}

/// A member of the admin's own authority by their public id, or `NotFound`.
pub async fn find_member(
    db: &impl ConnectionTrait,
    authority_id: i64,
    public_id: &str,
) -> Result<staff::Model, AppError> {
    let Some(a) = account::Entity::find()
        .filter(account::Column::PublicId.eq(public_id))
        .one(db)
        .await?
    else {
        return Err(AppError::NotFound);
    };
    staff::Entity::find()
        .filter(staff::Column::AccountId.eq(a.id))
        .filter(staff::Column::AuthorityId.eq(authority_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Deactivates (or reactivates) a member; a deactivated member's sessions end at once and
/// the cases they had go back to the unassigned pile.
pub async fn set_active(
    state: &AppState,
    admin: &StaffAdmin,
    member: &str,
    active: bool,
) -> Result<(), AppError> {
    let m = find_member(&state.db, admin.authority_id(), member).await?;
    if m.id == admin.staff_id() && !active {
        return Err(AppError::Conflict(tr!("staff.cannot_deactivate_self")));
    }
    let ctx = RequestCtx::current()?;
    crate::db::write_txn(state, async |txn| {
        let a = account::Entity::find_by_id(m.account_id)
            .one(txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut am: staff::ActiveModel = m.clone().into();
        am.active = Set(active);
        am.update(txn).await?;
        if !active {
            crate::access::session::delete_all_of(txn, AccountId::from_row(m.account_id), None)
                .await?;
            crate::cases::staffing::release(txn, admin, m.id, None).await?;
        }
        security_log::record(txn, AccountId::of(&a), SecurityEvent::RoleChanged, &ctx).await?;
        let action = if active {
            audit::Action::StaffActivated
        } else {
            audit::Action::StaffDeactivated
        };
        audit::record(
            txn,
            admin.authority_id(),
            Some(admin),
            action,
            None,
            &format!("{} {} <{}>", a.first_name, a.last_name, a.email),
        )
        .await
    })
    .await
}

/// Gives a member of the admin's authority another role; not one's own (so an authority
/// always keeps the admin who does it).
pub async fn set_role(
    state: &AppState,
    admin: &StaffAdmin,
    member: &str,
    role: StaffRole,
) -> Result<(), AppError> {
    let m = find_member(&state.db, admin.authority_id(), member).await?;
    if m.id == admin.staff_id() {
        return Err(AppError::Conflict(tr!("staff.cannot_change_own_role")));
    }
    let a = account::Entity::find_by_id(m.account_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let ctx = RequestCtx::current()?;
    crate::db::write_txn(state, async |txn| {
        let mut am: staff::ActiveModel = m.into();
        am.role = Set(role.as_str().to_owned());
        am.update(txn).await?;
        security_log::record(txn, AccountId::of(&a), SecurityEvent::RoleChanged, &ctx).await?;
        audit::record(
            txn,
            admin.authority_id(),
            Some(admin),
            audit::Action::RoleChanged,
            None,
            &format!("{} {}: {}", a.first_name, a.last_name, role.label()),
        )
        .await
    })
    .await
}

/// Sets the services of its authority a member is responsible for, in one transaction; the
/// open cases they had of a service they lose go back to the unassigned pile.
pub async fn set_services(
    state: &AppState,
    admin: &StaffAdmin,
    member: &str,
    wanted: &[String],
) -> Result<(), AppError> {
    let m = find_member(&state.db, admin.authority_id(), member).await?;
    let a = account::Entity::find_by_id(m.account_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    // Other authorities' services are not in this list and so are ignored.
    let services = crate::services::admin::own(&state.db, admin.authority_id()).await?;
    crate::db::write_txn(state, async |txn| {
        let existing = responsibility::Entity::find()
            .filter(responsibility::Column::StaffId.eq(m.id))
            .all(txn)
            .await?;
        for s in services {
            let has = existing.iter().find(|r| r.service_id == s.id);
            let action = match (has, wanted.contains(&s.slug)) {
                (None, true) => {
                    responsibility::ActiveModel {
                        staff_id: Set(m.id),
                        service_id: Set(s.id),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?;
                    audit::Action::ResponsibilityGranted
                }
                (Some(r), false) => {
                    responsibility::Entity::delete_by_id(r.id).exec(txn).await?;
                    crate::cases::staffing::release(txn, admin, m.id, Some(s.id)).await?;
                    audit::Action::ResponsibilityRevoked
                }
                _ => continue,
            };
            audit::record(
                txn,
                admin.authority_id(),
                Some(admin),
                action,
                None,
                &format!("{} {}: {}", a.first_name, a.last_name, s.name),
            )
            .await?;
        }
        Ok(())
    })
    .await
}
