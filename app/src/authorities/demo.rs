//! Demo staff for `portal serve --demo` and `portal seed-demo`, so the back office can be
//! tried at once: an admin and a caseworker of the demo city, a caseworker of the district.
//! They log in with `DEMO_PASSWORD` and set up their second factor at the first login.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::types::StaffRole;
use crate::entities::{account, authority, responsibility, service, staff};
use crate::error::AppError;
use crate::state::AppState;

pub const DEMO_PASSWORD: &str = "Demo-Behoerde#2026";

/// (authority slug, e-mail, first name, last name, role)
const STAFF: &[(&str, &str, &str, &str, StaffRole)] = &[
    ("stadt-musterstadt", "verwaltung@musterstadt.example", "Anna", "Amtmann", StaffRole::Admin),
    ("stadt-musterstadt", "sachbearbeitung@musterstadt.example", "Bernd", "Bearbeiter", StaffRole::Caseworker),
    ("kreis-beispielkreis", "sachbearbeitung@beispielkreis.example", "Doris", "Dienst", StaffRole::Caseworker),
];

/// Idempotent: existing demo accounts are left as they are.
pub async fn seed(state: &AppState) -> Result<(), AppError> {
    let db = &state.db;
    for (slug, email, first, last, role) in STAFF {
        if crate::accounts::ssr::find_by_email(db, email).await?.is_some() {
            continue;
        }
        let Some(a) = authority::Entity::find().filter(authority::Column::Slug.eq(*slug)).one(db).await? else { continue };
        let hash = state.hasher.hash(&crate::auth::secret::Secret::new(DEMO_PASSWORD.to_owned())).await?;
        let now = crate::clock::now();
        let acc = account::ActiveModel {
            public_id: Set(uuid::Uuid::new_v4().to_string()),
            email: Set((*email).to_owned()),
            password_hash: Set(hash),
            first_name: Set((*first).to_owned()),
            last_name: Set((*last).to_owned()),
            status: Set(crate::accounts::ssr::STATUS_ACTIVE.to_owned()),
            trust_level: Set("low".to_owned()),
            created_at: Set(now),
            activated_at: Set(Some(now)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let member = staff::ActiveModel { account_id: Set(acc.id), authority_id: Set(a.id), role: Set(role.as_str().to_owned()), active: Set(true), created_at: Set(now), ..Default::default() }
            .insert(db)
            .await?;
        if *role == StaffRole::Caseworker {
            for s in service::Entity::find().filter(service::Column::AuthorityId.eq(a.id)).all(db).await? {
                responsibility::ActiveModel { staff_id: Set(member.id), service_id: Set(s.id), ..Default::default() }.insert(db).await?;
            }
        }
    }
    Ok(())
}
