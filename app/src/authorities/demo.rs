//! Demo staff for `portal serve --demo` and `portal seed-demo`, so the back office can be
//! tried at once: an admin and a caseworker of the demo city, a caseworker of the district.
//! They log in with `DEMO_PASSWORD` and set up their second factor at the first login.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::types::StaffRole;
use crate::entities::{authority, responsibility, service};
use crate::error::AppError;
use crate::state::AppState;

pub const DEMO_PASSWORD: &str = "Demo-Behoerde#2026";

/// (authority slug, e-mail, first name, last name, role)
const STAFF: &[(&str, &str, &str, &str, StaffRole)] = &[
    (
        "stadt-musterstadt",
        "verwaltung@musterstadt.example",
        "Anna",
        "Amtmann",
        StaffRole::Admin,
    ),
    (
        "stadt-musterstadt",
        "sachbearbeitung@musterstadt.example",
        "Bernd",
        "Bearbeiter",
        StaffRole::Caseworker,
    ),
    (
        "kreis-beispielkreis",
        "sachbearbeitung@beispielkreis.example",
        "Doris",
        "Dienst",
        StaffRole::Caseworker,
    ),
];

/// Idempotent: existing demo accounts are left as they are. Refused for a portal on https:
/// staff with a published password belong on a machine for trying the portal, never on one
/// that citizens reach.
pub async fn seed(state: &AppState) -> Result<(), AppError> {
    if state.config.is_https() {
        return Err(AppError::internal(
            "refusing demo staff with a published password on an https portal (PORTAL_BASE_URL)",
        ));
    }
    let db = &state.db;
    tracing::warn!(
        "demo staff accounts with a published password are in this database: for trying the portal only"
    );
    for (slug, email, first, last, role) in STAFF {
        if crate::accounts::ssr::find_by_email(db, email)
            .await?
            .is_some()
        {
            continue;
        }
        let Some(a) = authority::Entity::find()
            .filter(authority::Column::Slug.eq(*slug))
            .one(db)
            .await?
        else {
            continue;
        };
        let hash = state
            .hasher
            .hash(&crate::secret::Secret::new(DEMO_PASSWORD.to_owned()))
            .await?;
        let member = super::staff::insert(db, a.id, email, first, last, hash, *role).await?;
        if *role == StaffRole::Caseworker {
            for s in service::Entity::find()
                .filter(service::Column::AuthorityId.eq(a.id))
                .all(db)
                .await?
            {
                responsibility::ActiveModel {
                    staff_id: Set(member.id),
                    service_id: Set(s.id),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(())
}
