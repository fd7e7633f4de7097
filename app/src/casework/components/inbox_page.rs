//! `/sachbearbeitung`: the Postkorb — the cases of one's services, as views (unassigned,
//! mine, all), with the mailbox's filter, search, sort and pages (a GET form, so it works
//! without JavaScript) and markers for new input and overdue cases.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::cases::filter_form::{CaseFilterForm, FilterValues, filter_checkbox};
use crate::cases::types::Sort;
use crate::casework::api::list_inbox;
use crate::casework::types::{InboxFilter, InboxList, InboxRow, InboxView};

#[component]
pub fn InboxPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        InboxFilter {
            view: InboxView::parse(&get("ansicht")),
            q: get("q"),
            status: get("status"),
            service: get("dienst"),
            from: get("von"),
            to: get("bis"),
            awaiting_only: q.get("neu").is_some(),
            overdue_only: q.get("ueberfaellig").is_some(),
            sort: Sort::parse(&get("sortierung")),
            after: get("nach"),
        }
    };
    let list = Resource::new(filter, list_inbox);
    view! {
        <Title text=tr!("casework.inbox") />
        <h1 class="kern-heading-large">{tr!("casework.inbox")}</h1>
        <Suspense fallback=|| ()>
            {move || list.get().map(|r| match r {
                Ok(l) => view! { <InboxView list=l filter=filter() /> }.into_any(),
                Err(e) => crate::components::notice::refusal(e, "/sachbearbeitung"),
            })}
        </Suspense>
    }
}

fn href_for(f: &InboxFilter) -> String {
    let mut parts: Vec<(&str, String)> = vec![
        ("ansicht", f.view.as_str().into()),
        ("q", f.q.clone()),
        ("status", f.status.clone()),
        ("dienst", f.service.clone()),
        ("von", f.from.clone()),
        ("bis", f.to.clone()),
    ];
    if f.awaiting_only {
        parts.push(("neu", "1".into()));
    }
    if f.overdue_only {
        parts.push(("ueberfaellig", "1".into()));
    }
    parts.push(("sortierung", f.sort.as_str().into()));
    parts.push(("nach", f.after.clone()));
    let query: Vec<String> = parts
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::components::url::encode(&v)))
        .collect();
    format!("/sachbearbeitung?{}", query.join("&"))
}

#[component]
fn InboxView(list: InboxList, filter: InboxFilter) -> impl IntoView {
    let next_href = list.next.clone().map(|cursor| {
        href_for(&InboxFilter {
            after: cursor,
            ..filter.clone()
        })
    });
    let current = filter.view;
    view! {
        <nav aria-label={tr!("casework.views")} class="mailbox-folders">
            <ul class="kern-list kern-list--horizontal">
                {InboxView::ALL.into_iter().map(|v| view! {
                    <li><a class="kern-link" href=href_for(&InboxFilter { view: v, ..Default::default() }) aria-current=(v == current).then_some("page")>{v.label()}</a></li>
                }).collect_view()}
            </ul>
        </nav>
        <FilterForm filter=filter.clone() services=list.services.clone() date_error=list.date_error.clone() />
        {if list.items.is_empty() {
            view! { <p class="kern-body">{tr!("casework.empty")}</p> }.into_any()
        } else {
            view! {
                <ul class="kern-list case-list" aria-label={tr!("casework.cases")}>
                    {list.items.into_iter().map(|c| view! { <Row case=c /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {next_href.map(|h| view! { <p class="kern-body"><a class="kern-link" href=h>{tr!("mailbox.more")}</a></p> })}
    }
}

#[component]
fn Row(case: InboxRow) -> impl IntoView {
    let c = case;
    let href = format!("/sachbearbeitung/{}", c.number);
    let who = c
        .assignee
        .clone()
        .map(|n| tr!("casework.with", name = n))
        .unwrap_or_else(|| tr!("casework.unassigned"));
    view! {
        <li class="kern-card case-row" class:case-row--unread=c.awaiting>
            <div class="kern-card__container"><div class="kern-card__body">
                <h2 class="kern-title">
                    <a class="kern-link" href=href>{format!("{} – {}", c.title, c.applicant)}</a>
                    {c.awaiting.then(|| view! { <span class="kern-badge kern-badge--info">{tr!("casework.new_input")}</span> })}
                    {c.overdue.then(|| view! { <span class="kern-badge kern-badge--danger">{tr!("casework.overdue")}</span> })}
                </h2>
                <p class="kern-body kern-body--small">
                    {format!("{} · {} · {} · {} · {}", c.number, c.status.label(), tr!("casework.submitted_on", at = c.submitted), tr!("casework.due_on", at = c.due), who)}
                </p>
            </div></div>
        </li>
    }
}

#[component]
fn FilterForm(
    filter: InboxFilter,
    services: Vec<String>,
    date_error: Option<String>,
) -> impl IntoView {
    let values = FilterValues {
        q: filter.q,
        status: filter.status,
        service: filter.service,
        from: filter.from,
        to: filter.to,
        sort: filter.sort,
    };
    view! {
        <CaseFilterForm action="/sachbearbeitung" search_label=tr!("casework.search") values services date_error>
            <input type="hidden" name="ansicht" value=filter.view.as_str() />
            {filter_checkbox("filter-new", "neu", tr!("casework.only_new"), filter.awaiting_only)}
            {filter_checkbox("filter-overdue", "ueberfaellig", tr!("casework.only_overdue"), filter.overdue_only)}
        </CaseFilterForm>
    }
}
