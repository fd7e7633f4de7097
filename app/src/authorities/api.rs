//! Server functions of the authority admin (`/verwaltung`). Each requires an admin of the
//! authority and touches only that authority's staff, services and log.

// A form posts one argument per field (the names the no-JS form sends), and the
// `#[server]` macro copies them into a client function that an item attribute cannot reach.
#![allow(clippy::too_many_arguments)]

use std::collections::HashMap;

use leptos::prelude::*;

use super::types::AdminOverview;
use crate::audit::types::AuditPage;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::access::staff_admin;

/// Admin: staff and services of the authority.
#[server(endpoint = "admin_overview")]
pub async fn load_admin_overview() -> Result<AdminOverview, AppError> {
    let (state, st) = staff_admin()?;
    Ok(AdminOverview {
        authority: crate::services::ssr::authority_name(&state.db, st.authority_id()).await?,
        staff: super::staff::list(&state.db, st.authority_id()).await?,
        services: crate::services::admin::list(&state.db, st.authority_id()).await?,
    })
}

/// Admin: a new member of staff, who gets an invitation mail.
#[server(endpoint = "create_staff_member")]
pub async fn create_staff_member(
    email: String,
    first_name: String,
    last_name: String,
    role: String,
) -> Result<(), AppError> {
    use super::types::StaffRole;
    let (state, st) = staff_admin()?;
    let role = StaffRole::parse(&role).unwrap_or(StaffRole::Caseworker);
    let new = super::staff::NewStaff {
        authority_id: st.authority_id(),
        email: &email,
        first_name: &first_name,
        last_name: &last_name,
        role,
    };
    super::staff::create(&state, Some(&st), new).await?;
    crate::components::url::redirect("/verwaltung/mitarbeitende?angelegt=1");
    Ok(())
}

/// Admin: deactivates (`aktiv=0`) or reactivates a member.
#[server(endpoint = "set_staff_active")]
pub async fn set_staff_active(id: String, aktiv: String) -> Result<(), AppError> {
    let (state, st) = staff_admin()?;
    super::staff::set_active(&state, &st, &id, aktiv == "1").await?;
    crate::components::url::redirect("/verwaltung/mitarbeitende?geaendert=1");
    Ok(())
}

/// Admin: another role for a member (not oneself).
#[server(endpoint = "set_staff_role")]
pub async fn set_staff_role(id: String, role: String) -> Result<(), AppError> {
    let (state, st) = staff_admin()?;
    let role = super::types::StaffRole::parse(&role).ok_or(AppError::NotFound)?;
    super::staff::set_role(&state, &st, &id, role).await?;
    crate::components::url::redirect("/verwaltung/mitarbeitende?geaendert=1");
    Ok(())
}

/// Admin: the services a member is responsible for (`dienste[<slug>]=on` for each).
#[server(endpoint = "set_responsibilities")]
pub async fn set_responsibilities(
    id: String,
    #[server(default)] dienste: HashMap<String, String>,
) -> Result<(), AppError> {
    let (state, st) = staff_admin()?;
    let wanted: Vec<String> = dienste.into_keys().collect();
    super::staff::set_services(&state, &st, &id, &wanted).await?;
    crate::components::url::redirect("/verwaltung/zustaendigkeiten?gespeichert=1");
    Ok(())
}

/// Admin: creates (`id` empty) or changes a service (`id` is its slug).
#[server(endpoint = "save_service")]
pub async fn save_service(
    #[server(default)] id: String,
    #[server(default)] slug: String,
    name: String,
    summary: String,
    #[server(default)] description: String,
    category: String,
    #[server(default)] keywords: String,
    min_trust: String,
    fee_kind: String,
    #[server(default)] fee: String,
    fee_due: String,
    processing_days: String,
) -> Result<(), AppError> {
    let (state, st) = staff_admin()?;
    let input = crate::services::admin::ServiceInput {
        existing: (!id.is_empty()).then_some(id),
        slug,
        name,
        summary,
        description,
        category,
        keywords,
        min_trust,
        fee_kind,
        fee,
        fee_due,
        processing_days,
    };
    let slug = crate::services::admin::save(&state, &st, input).await?;
    crate::components::url::redirect(&format!("/verwaltung/dienste/{slug}?gespeichert=1"));
    Ok(())
}

/// Admin: publishes the form as the service's next version.
#[server(endpoint = "publish_service_form")]
pub async fn publish_service_form(id: String, schema: String) -> Result<(), AppError> {
    let (state, st) = staff_admin()?;
    crate::services::admin::publish(&state, &st, &id, &schema).await?;
    crate::components::url::redirect(&format!(
        "/verwaltung/dienste/{id}/formular?veroeffentlicht=1"
    ));
    Ok(())
}

/// Admin: the authority's audit log, newest first.
#[server(endpoint = "audit_log")]
pub async fn audit_log(#[server(default)] before: Option<i64>) -> Result<AuditPage, AppError> {
    let (state, st) = staff_admin()?;
    crate::audit::ssr::page(&state.db, st.authority_id(), before, None).await
}
