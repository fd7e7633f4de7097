//! `/verwaltung/mitarbeitende` (create, deactivate) and `/verwaltung/zustaendigkeiten` (which
//! caseworker works which service).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::AdminNav;
use crate::authorities::api::{
    CreateStaffMember, SetResponsibilities, SetStaffActive, SetStaffRole, load_admin_overview,
};
use crate::authorities::types::staff_name;
use crate::authorities::types::{AdminOverview, StaffRole};
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::{Field, Select};
use crate::kernel::person::NameField;

#[component]
pub fn StaffPage() -> impl IntoView {
    // Keyed on the query: each change returns here with a new notice and must show the new state.
    let search = leptos_router::hooks::use_location().search;
    let overview = Resource::new(move || search.get(), |_| load_admin_overview());
    view! {
        <Title text=tr!("admin.staff") />
        <h1 class="kern-heading-large">{tr!("admin.staff")}</h1>
        <AdminNav current="/verwaltung/mitarbeitende" />
        <Notice />
        <Suspense fallback=|| ()>
            {move || overview.get().map(|r| match r {
                Ok(o) => view! { <StaffList overview=o /> <NewStaffForm /> }.into_any(),
                Err(e) => crate::components::notice::refusal(e, "/verwaltung/mitarbeitende"),
            })}
        </Suspense>
    }
}

#[component]
fn Notice() -> impl IntoView {
    let query = use_query_map();
    move || {
        let q = query.read();
        let text = [
            ("angelegt", "admin.staff_created"),
            ("geaendert", "admin.staff_changed"),
            ("gespeichert", "admin.saved"),
        ]
        .into_iter()
        .find(|(k, _)| q.get(k).is_some())
        .map(|(_, key)| tr!(key));
        crate::components::notice::notice(text)
    }
}

#[component]
fn StaffList(overview: AdminOverview) -> impl IntoView {
    let toggle = ServerAction::<SetStaffActive>::new();
    let role_action = ServerAction::<SetStaffRole>::new();
    let error = Signal::derive(move || {
        toggle
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| role_action.value().get().and_then(Result::err))
    });
    view! {
        <ErrorSummary error id="staff-errors" />
        <table class="kern-table">
            <caption class="kern-title">{tr!("admin.staff_of", authority = overview.authority.clone())}</caption>
            <thead class="kern-table__head"><tr class="kern-table__row">
                <th class="kern-table__header" scope="col">{tr!("admin.name")}</th>
                <th class="kern-table__header" scope="col">{tr!("admin.email")}</th>
                <th class="kern-table__header" scope="col">{tr!("admin.role")}</th>
                <th class="kern-table__header" scope="col">{tr!("admin.state")}</th>
                <th class="kern-table__header" scope="col">{tr!("admin.action")}</th>
            </tr></thead>
            <tbody class="kern-table__body">
                {overview.staff.into_iter().map(|m| {
                    let state = if !m.active {
                        tr!("admin.inactive")
                    } else if m.invited {
                        tr!("admin.invited")
                    } else if !m.has_second_factor {
                        tr!("admin.no_second_factor")
                    } else {
                        tr!("admin.active")
                    };
                    let (role, role_label, role_id, role_hidden) = (m.role, tr!("admin.role_of", name = m.name.clone()), format!("rolle-{}", m.id), format!(": {}", m.name));
                    let (value, label) = if m.active { ("0", tr!("admin.deactivate")) } else { ("1", tr!("admin.activate")) };
                    let (role_member, toggle_member) = (m.id.clone(), m.id.clone());
                    view! {
                        <tr class="kern-table__row">
                            <td class="kern-table__cell">{m.name.clone()}</td>
                            <td class="kern-table__cell">{m.email.clone()}</td>
                            <td class="kern-table__cell">
                                <ActionForm action=role_action attr:class="staff-role">
                                    <input type="hidden" name="id" value=role_member />
                                    <label class="visually-hidden" for=role_id.clone()>{role_label}</label>
                                    <select class="kern-form-input__select" id=role_id name="role">
                                        {StaffRole::ALL.into_iter().map(|r| view! { <option value=r.as_str() selected=r == role>{r.label()}</option> }).collect_view()}
                                    </select>
                                    <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--small">
                                        <span class="kern-label">{tr!("admin.change_role")}</span>
                                        <span class="visually-hidden">{role_hidden}</span>
                                    </button>
                                </ActionForm>
                            </td>
                            <td class="kern-table__cell">{state}</td>
                            <td class="kern-table__cell">
                                <ActionForm action=toggle>
                                    <input type="hidden" name="id" value=toggle_member />
                                    <input type="hidden" name="aktiv" value=value />
                                    <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--small">
                                        <span class="kern-label">{label}</span>
                                        <span class="visually-hidden">{format!(": {}", m.name)}</span>
                                    </button>
                                </ActionForm>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn NewStaffForm() -> impl IntoView {
    let action = ServerAction::<CreateStaffMember>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    let roles = StaffRole::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), r.label()))
        .collect();
    view! {
        <section aria-labelledby="neu">
            <h2 class="kern-heading-medium" id="neu">{tr!("admin.new_staff")}</h2>
            <p class="kern-body">{tr!("admin.new_staff_hint")}</p>
            <ErrorSummary error id="new-staff-errors" />
            <ActionForm action attr:novalidate=true attr:class="form">
                <Field name="first_name" label=tr!("fields.first_name") server=fields check=Callback::new(|v: String| staff_name(&v, NameField::First).map(|_| ())) />
                <Field name="last_name" label=tr!("fields.last_name") server=fields check=Callback::new(|v: String| staff_name(&v, NameField::Last).map(|_| ())) />
                <Field name="email" label=tr!("fields.email") input_type="email" server=fields check=Callback::new(|v: String| crate::accounts::validate::email(&v)) />
                <Select name="role" label=tr!("admin.role") options=roles selected="caseworker" server=fields />
                <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("admin.create_staff")}</span></button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ResponsibilitiesPage() -> impl IntoView {
    // Keyed on the query: each change returns here with a new notice and must show the new state.
    let search = leptos_router::hooks::use_location().search;
    let overview = Resource::new(move || search.get(), |_| load_admin_overview());
    let action = ServerAction::<SetResponsibilities>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=tr!("admin.responsibilities") />
        <h1 class="kern-heading-large">{tr!("admin.responsibilities")}</h1>
        <AdminNav current="/verwaltung/zustaendigkeiten" />
        <Notice />
        <ErrorSummary error id="responsibility-errors" />
        <Suspense fallback=|| ()>
            {move || overview.get().map(|r| match r {
                Ok(o) => { let services = o.services; o.staff.into_iter().filter(|m| m.active).map(move |m| {
                    let services = services.clone();
                    let legend = tr!("admin.services_of", name = m.name.clone());
                    view! {
                        <ActionForm action attr:class="form responsibility">
                            <input type="hidden" name="id" value=m.id.clone() />
                            <fieldset class="kern-fieldset">
                                <legend class="kern-label">{legend}</legend>
                                {services.iter().map(|s| {
                                    let id = format!("zustaendig-{}-{}", m.id, s.slug);
                                    view! {
                                        <div class="kern-form-check">
                                            <input class="kern-form-check__checkbox" id=id.clone() type="checkbox" name=format!("dienste[{}]", s.slug) checked=m.services.contains(&s.slug) />
                                            <label class="kern-label" for=id>{s.name.clone()}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                            <button type="submit" class="kern-btn kern-btn--secondary">
                                <span class="kern-label">{tr!("admin.save")}</span>
                                <span class="visually-hidden">{format!(": {}", m.name)}</span>
                            </button>
                        </ActionForm>
                    }
                }).collect_view().into_any() }
                Err(e) => crate::components::notice::refusal(e, "/verwaltung/zustaendigkeiten"),
            })}
        </Suspense>
    }
}
