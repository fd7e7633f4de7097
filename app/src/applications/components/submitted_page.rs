use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::applications::api::submitted_case;

/// `/postfach/{number}/eingereicht`: the case number and what happens next.
#[component]
pub fn SubmittedPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("number").unwrap_or_default(),
        submitted_case,
    );
    view! {
        <Title text={tr!("submitted.page_title")} />
        <Suspense fallback=|| ()>
            {move || data.get().map(|r| match r {
                Ok(s) => view! {
                    <div class="kern-alert kern-alert--success" role="status">
                        <div class="kern-alert__header"><h1 class="kern-title">{tr!("submitted.title")}</h1></div>
                        <div class="kern-alert__body">
                            <p class="kern-body">{tr!("submitted.number_intro")}</p>
                            <p class="kern-heading-medium case-number">{s.number.clone()}</p>
                        </div>
                    </div>
                    <dl class="kern-description-list">
                        <div class="kern-description-list-item"><dt class="kern-description-list-item__key">{tr!("submitted.service")}</dt><dd class="kern-description-list-item__value">{s.service_name.clone()}</dd></div>
                        <div class="kern-description-list-item"><dt class="kern-description-list-item__key">{tr!("service.authority")}</dt><dd class="kern-description-list-item__value">{s.authority.clone()}</dd></div>
                        <div class="kern-description-list-item"><dt class="kern-description-list-item__key">{tr!("submitted.at")}</dt><dd class="kern-description-list-item__value">{s.submitted_at.clone()}</dd></div>
                    </dl>
                    <h2 class="kern-heading-medium">{tr!("submitted.next_title")}</h2>
                    <p class="kern-body">{tr!("submitted.next")}</p>
                    <p class="kern-body">
                        <a class="kern-link" href=format!("/postfach/{}", s.number)>{tr!("submitted.to_case")}</a>
                    </p>
                }.into_any(),
                Err(e) => view! { <h1 class="kern-heading-large">{tr!("submitted.page_title")}</h1><p class="kern-body" role="alert">{e.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
}
