use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{ServiceSummary, list_services, suggest_services};

/// The search form: a plain GET form (so it works without JavaScript) whose field becomes an
/// ARIA combobox once hydrated, suggesting services as you type (WAI-ARIA APG "combobox with
/// list autocomplete"): arrow keys move through the list, Enter opens the service, Escape closes.
#[component]
pub fn ServiceSearch(#[prop(optional)] value: String) -> impl IntoView {
    let text = RwSignal::new(value.clone());
    let suggestions = Resource::new(
        move || text.get(),
        |q| async move { suggest_services(q).await.unwrap_or_default() },
    );
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let list = move || suggestions.get().unwrap_or_default();
    let expanded = move || open.get() && !list().is_empty();
    let navigate = leptos_router::hooks::use_navigate();
    let go = move |slug: String| navigate(&format!("/dienste/{slug}"), Default::default());
    let go_key = go.clone();
    // Only the hydrated field is a combobox; without JavaScript it is a plain search field.
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = list().len();
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                if let Some(s) = active
                    .get_untracked()
                    .filter(|_| open.get_untracked())
                    .and_then(|i| list().get(i).cloned())
                {
                    ev.prevent_default();
                    go_key(s.slug);
                }
            }
            "Escape" => {
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    view! {
        <form method="get" action="/dienste" role="search" class="service-search">
            <div class="kern-form-input service-search__field">
                <label class="kern-label" for="service-search">{tr!("catalogue.search_label")}</label>
                <div class="kern-hint" id="service-search-hint">{tr!("catalogue.search_hint")}</div>
                <input class="kern-form-input__input" id="service-search" name="q" type="search" value=value autocomplete="off" maxlength=crate::kernel::search::MAX_CHARS
                    aria-describedby="service-search-hint"
                    role=move || scripted.get().then_some("combobox")
                    aria-autocomplete=move || scripted.get().then_some("list")
                    aria-controls=move || scripted.get().then_some("service-suggestions")
                    aria-expanded=move || scripted.get().then_some(if expanded() { "true" } else { "false" })
                    aria-activedescendant=move || active.get().filter(|_| expanded()).map(|i| format!("service-suggestion-{i}"))
                    on:input=move |ev| { text.set(event_target_value(&ev)); open.set(true); active.set(None); }
                    on:keydown=on_keydown
                    on:blur=move |_| open.set(false) />
                <ul id="service-suggestions" role="listbox" aria-label={tr!("catalogue.suggestions")} class="service-search__suggestions" hidden=move || !expanded()>
                    <Transition fallback=|| ()>
                        {move || list().into_iter().enumerate().map(|(i, s)| {
                            let go = go.clone();
                            let slug = s.slug.clone();
                            view! {
                                <li id=format!("service-suggestion-{i}") role="option" class="service-search__option"
                                    aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                                    // mousedown, not click: the input's blur would close the list first.
                                    on:mousedown=move |ev| { ev.prevent_default(); go(slug.clone()); }>
                                    {s.name}
                                </li>
                            }
                        }).collect_view()}
                    </Transition>
                </ul>
            </div>
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("catalogue.search_submit")}</span></button>
        </form>
    }
}

/// `/dienste`: all services by category, or the matches for `?q=`.
#[component]
pub fn CataloguePage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").filter(|s| !s.trim().is_empty());
    let services = Resource::new(q, list_services);
    view! {
        <Title text={tr!("catalogue.page_title")} />
        <h1 class="kern-heading-large">{tr!("catalogue.title")}</h1>
        <ServiceSearch value=q().unwrap_or_default() />
        <Suspense fallback=|| view! { <p class="kern-body">{tr!("catalogue.loading")}</p> }>
            {move || services.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! { <p class="kern-body">{tr!("catalogue.no_match")}</p> }.into_any(),
                Ok(list) => view! { <ServiceList services=list /> }.into_any(),
                Err(e) => view! { <p class="kern-body" role="alert">{e.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ServiceList(services: Vec<ServiceSummary>) -> impl IntoView {
    let mut groups: Vec<(String, Vec<ServiceSummary>)> = Vec::new();
    for s in services {
        match groups.last_mut() {
            Some((c, list)) if *c == s.category => list.push(s),
            _ => groups.push((s.category.clone(), vec![s])),
        }
    }
    groups
        .into_iter()
        .map(|(category, list)| view! {
            <section class="service-group">
                <h2 class="kern-heading-medium">{category}</h2>
                <ul class="kern-list service-list">
                    {list.into_iter().map(|s| view! {
                        <li class="kern-card">
                            <div class="kern-card__container"><div class="kern-card__body">
                                <h3 class="kern-title"><a class="kern-link" href=format!("/dienste/{}", s.slug)>{s.name}</a></h3>
                                <p class="kern-body">{s.summary}</p>
                                <p class="kern-body kern-body--small">{s.authority}</p>
                            </div></div>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })
        .collect_view()
}
