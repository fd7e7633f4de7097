use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{ServiceSummary, list_services};

/// The search form; a plain GET form, so it works without JavaScript.
#[component]
pub fn ServiceSearch(#[prop(optional)] value: String) -> impl IntoView {
    view! {
        <form method="get" action="/dienste" role="search" class="service-search">
            <div class="kern-form-input">
                <label class="kern-label" for="service-search">{tr!("catalogue.search_label")}</label>
                <input class="kern-form-input__input" id="service-search" name="q" type="search" value=value />
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
                                <h3 class="kern-title">{s.name}</h3>
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
