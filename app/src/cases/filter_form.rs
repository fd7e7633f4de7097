//! The filter form the applicant's mailbox and the caseworker's Postkorb share: a GET form
//! (so it works without JavaScript) with search, status, service, date range and sort; each
//! page adds its own checkboxes.

use leptos::prelude::*;

use crate::cases::types::{CaseStatus, Sort};

/// The values the form shows, as the URL carries them.
#[derive(Debug, Clone, Default)]
pub struct FilterValues {
    pub q: String,
    pub status: String,
    pub service: String,
    pub from: String,
    pub to: String,
    pub sort: Sort,
}

fn select(
    id: &'static str,
    name: &'static str,
    label: String,
    options: Vec<(String, String)>,
    current: String,
) -> impl IntoView {
    view! {
        <div class="kern-form-input">
            <label class="kern-label" for=id>{label}</label>
            <div class="kern-form-input__select-wrapper">
                <select class="kern-form-input__select" id=id name=name>
                    {options.into_iter().map(|(v, t)| view! { <option value=v.clone() selected=v == current>{t}</option> }).collect_view()}
                </select>
            </div>
        </div>
    }
}

#[component]
pub fn CaseFilterForm(
    /// Where the form goes (`/postfach`, `/sachbearbeitung` …).
    action: &'static str,
    #[prop(into)] search_label: String,
    values: FilterValues,
    /// The services to choose from.
    services: Vec<String>,
    /// A date that could not be read.
    date_error: Option<String>,
    /// The page's own fields (hidden inputs, checkboxes), shown before the sort.
    children: Children,
) -> impl IntoView {
    let all = || (String::new(), tr!("mailbox.all"));
    let statuses = std::iter::once(all())
        .chain(
            CaseStatus::ALL
                .iter()
                .map(|s| (s.as_str().to_owned(), s.label())),
        )
        .collect();
    let service_options = std::iter::once(all())
        .chain(services.into_iter().map(|s| (s.clone(), s)))
        .collect();
    let sorts = Sort::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label()))
        .collect();
    let described_by = if date_error.is_some() {
        "filter-date-error filter-date-hint"
    } else {
        "filter-date-hint"
    };
    view! {
        <form method="get" action=action role="search" class="mailbox-filter" aria-label={tr!("mailbox.filter")}>
            <div class="kern-form-input">
                <label class="kern-label" for="filter-q">{search_label}</label>
                <input class="kern-form-input__input" id="filter-q" name="q" type="search" value=values.q.clone() maxlength=crate::kernel::search::MAX_CHARS />
            </div>
            {select("filter-status", "status", tr!("mailbox.status"), statuses, values.status.clone())}
            {select("filter-service", "dienst", tr!("mailbox.service"), service_options, values.service.clone())}
            <div class="kern-form-input" class:kern-form-input--error=date_error.is_some()>
                {date_error.clone().map(|m| view! { <p class="kern-error" id="filter-date-error"><span class="kern-body">{m}</span></p> })}
                <label class="kern-label" for="filter-from">{tr!("mailbox.from")}</label>
                <input class="kern-form-input__input" id="filter-from" name="von" type="text" value=values.from.clone() aria-describedby=described_by />
                <label class="kern-label" for="filter-to">{tr!("mailbox.to")}</label>
                <input class="kern-form-input__input" id="filter-to" name="bis" type="text" value=values.to.clone() aria-describedby=described_by />
                <div class="kern-hint" id="filter-date-hint">{tr!("form.date_hint")}</div>
            </div>
            {children()}
            {select("filter-sort", "sortierung", tr!("mailbox.sort_label"), sorts, values.sort.as_str().to_owned())}
            <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{tr!("mailbox.apply")}</span></button>
        </form>
    }
}

/// A checkbox of the filter form.
pub fn filter_checkbox(
    id: &'static str,
    name: &'static str,
    label: String,
    checked: bool,
) -> impl IntoView {
    view! {
        <div class="kern-form-check">
            <input class="kern-form-check__checkbox" id=id name=name type="checkbox" value="1" checked=checked />
            <label class="kern-label" for=id>{label}</label>
        </div>
    }
}
