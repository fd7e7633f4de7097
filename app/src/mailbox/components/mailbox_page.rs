//! `/postfach` and `/postfach/papierkorb`: the case list with filters (a GET form, so it works
//! without JavaScript), the drafts, and the folder links with the unread count.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::cases::filter_form::{CaseFilterForm, FilterValues, filter_checkbox};
use crate::cases::types::{CaseFilter, CaseList, CaseSummary, Sort};
use crate::components::error_summary::ErrorSummary;
use crate::mailbox::api::{TrashCase, list_cases};
use crate::mailbox::live::use_live_unread;

/// The mailbox; `drafts` is the list of unfinished applications shown above the cases (the
/// applications area's, handed in by the route table so that the two areas stay apart).
#[component]
pub fn MailboxPage(drafts: ViewFn) -> impl IntoView {
    view! { <Folder trash=false drafts=Some(drafts) /> }
}

#[component]
pub fn TrashPage() -> impl IntoView {
    view! { <Folder trash=true drafts=None /> }
}

#[component]
fn Folder(trash: bool, drafts: Option<ViewFn>) -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        CaseFilter {
            q: get("q"),
            status: get("status"),
            service: get("dienst"),
            unread_only: q.get("ungelesen").is_some(),
            from: get("von"),
            to: get("bis"),
            sort: Sort::parse(&get("sortierung")),
            after: get("nach"),
            trash,
        }
    };
    // Above the list: a new message pushed live reloads the list, and the answer to "In den
    // Papierkorb" (say, refused for an unread message) must survive that.
    let trash_action = ServerAction::<TrashCase>::new();
    // A new message pushed live reloads the list.
    let live = use_live_unread();
    let list = Resource::new(
        move || (filter(), live.as_ref().and_then(|l| l.0.get())),
        |(f, _)| list_cases(f),
    );
    let title = if trash {
        tr!("mailbox.trash")
    } else {
        tr!("mailbox.title")
    };
    view! {
        <Title text=title.clone() />
        <h1 class="kern-heading-large">{title}</h1>
        <Notices />
        <Transition fallback=|| ()>
            {move || list.get().map(|r| match r {
                Ok(l) => view! { <FolderView list=l filter=filter() trash_action /> }.into_any(),
                Err(e) => view! { <p class="kern-body" role="alert">{e.to_string()}</p> }.into_any(),
            })}
        </Transition>
        {drafts.filter(|_| !trash).map(|d| d.run())}
    }
}

/// Confirmations after a redirect (`?papierkorb=verschoben`, `?entwurf=verworfen`).
#[component]
fn Notices() -> impl IntoView {
    let query = use_query_map();
    move || {
        let q = query.read();
        let text = if q.get("papierkorb").is_some() {
            Some(tr!("mailbox.trashed_notice"))
        } else if q.get("entwurf").is_some() {
            Some(tr!("mailbox.draft_discarded"))
        } else {
            None
        };
        text.map(|t| view! {
            <div class="kern-alert kern-alert--success" role="status"><div class="kern-alert__body"><p class="kern-body">{t}</p></div></div>
        })
    }
}

#[component]
fn FolderView(
    list: CaseList,
    filter: CaseFilter,
    trash_action: ServerAction<TrashCase>,
) -> impl IntoView {
    let trash_error = Signal::derive(move || trash_action.value().get().and_then(Result::err));
    let unread = list.unread_total;
    let live = use_live_unread();
    let unread_now =
        Signal::derive(move || live.as_ref().and_then(|l| l.0.get()).unwrap_or(unread));
    let next_href = list.next.clone().map(|cursor| {
        let mut f = filter.clone();
        f.after = cursor;
        href_for(&f)
    });
    let is_trash = filter.trash;
    view! {
        <nav aria-label={tr!("mailbox.folders")} class="mailbox-folders">
            <ul class="kern-list kern-list--horizontal">
                <li><a class="kern-link" href="/postfach" aria-current=(!is_trash).then_some("page")>{move || tr!("mailbox.inbox", count = unread_now.get())}</a></li>
                <li><a class="kern-link" href="/postfach/papierkorb" aria-current=is_trash.then_some("page")>{tr!("mailbox.trash")}</a></li>
            </ul>
        </nav>
        <p class="kern-hint">{tr!("mailbox.retention", trash = list.trash_days, years = list.retention_days / 365, days = list.retention_days)}</p>
        <FilterForm filter=filter.clone() services=list.services.clone() date_error=list.date_error.clone() />
        <ErrorSummary error=trash_error id="trash-errors" />
        {if list.items.is_empty() {
            view! { <p class="kern-body">{if is_trash { tr!("mailbox.trash_empty") } else { tr!("mailbox.empty") }}</p> }.into_any()
        } else {
            view! {
                <ul class="kern-list case-list" aria-label={tr!("mailbox.cases")}>
                    {list.items.into_iter().map(|c| view! { <CaseRow case=c trash_action in_trash=is_trash /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {next_href.map(|h| view! { <p class="kern-body"><a class="kern-link" href=h>{tr!("mailbox.more")}</a></p> })}
    }
}

#[component]
fn CaseRow(
    case: CaseSummary,
    trash_action: ServerAction<TrashCase>,
    in_trash: bool,
) -> impl IntoView {
    let href = format!("/postfach/{}", case.number);
    let unread = case.unread;
    view! {
        <li class="kern-card case-row" class:case-row--unread={unread > 0}>
            <div class="kern-card__container"><div class="kern-card__body">
                <h2 class="kern-title">
                    <a class="kern-link" href=href>{case.title.clone()}</a>
                    {(unread > 0).then(|| view! { <span class="kern-badge kern-badge--info case-row__unread">{tr!("mailbox.unread_badge", count = unread)}</span> })}
                </h2>
                <p class="kern-body kern-body--small">
                    {format!("{} · {} · {}", case.number, case.status.label(), tr!("mailbox.last_activity", at = case.last_activity))}
                </p>
                {(!in_trash).then(|| view! {
                    <ActionForm action=trash_action attr:class="case-row__trash">
                        <input type="hidden" name="number" value=case.number.clone() />
                        <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--small">
                            <span class="kern-label">{tr!("case.trash")}</span>
                            <span class="visually-hidden">{format!(": {} {}", case.title, case.number)}</span>
                        </button>
                    </ActionForm>
                })}
            </div></div>
        </li>
    }
}

/// The URL of a filtered list (the GET form's own encoding).
fn href_for(f: &CaseFilter) -> String {
    let base = if f.trash {
        "/postfach/papierkorb"
    } else {
        "/postfach"
    };
    let mut parts: Vec<(&str, String)> = vec![
        ("q", f.q.clone()),
        ("status", f.status.clone()),
        ("dienst", f.service.clone()),
        ("von", f.from.clone()),
        ("bis", f.to.clone()),
    ];
    if f.unread_only {
        parts.push(("ungelesen", "1".into()));
    }
    parts.push(("sortierung", f.sort.as_str().into()));
    parts.push(("nach", f.after.clone()));
    let query: Vec<String> = parts
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::components::url::encode(&v)))
        .collect();
    format!("{base}?{}", query.join("&"))
}

#[component]
fn FilterForm(
    filter: CaseFilter,
    services: Vec<String>,
    date_error: Option<String>,
) -> impl IntoView {
    let action = if filter.trash {
        "/postfach/papierkorb"
    } else {
        "/postfach"
    };
    let values = FilterValues {
        q: filter.q,
        status: filter.status,
        service: filter.service,
        from: filter.from,
        to: filter.to,
        sort: filter.sort,
    };
    view! {
        <CaseFilterForm action search_label=tr!("mailbox.search") values services date_error>
            {filter_checkbox("filter-unread", "ungelesen", tr!("mailbox.unread_only"), filter.unread_only)}
        </CaseFilterForm>
    }
}
