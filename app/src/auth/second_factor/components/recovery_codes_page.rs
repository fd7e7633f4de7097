use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::auth::second_factor::api::take_recovery_codes;

/// `/mein-bereich/wiederherstellungscodes`: the new recovery codes, shown this once.
#[component]
pub fn RecoveryCodesPage() -> impl IntoView {
    let codes = Resource::new(|| (), |_| take_recovery_codes());
    view! {
        <Title text={tr!("second_factor.codes_page_title")} />
        <h1 class="kern-heading-large">{tr!("second_factor.codes_page_heading")}</h1>
        <Suspense fallback=|| ()>
            {move || codes.get().map(|r| match r {
                Ok(list) if !list.is_empty() => view! {
                    <p class="kern-body">{tr!("second_factor.codes_page_intro")}</p>
                    <ol class="kern-list recovery-codes" aria-label={tr!("second_factor.codes_page_heading")}>
                        {list.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                    </ol>
                }.into_any(),
                Ok(_) => view! {
                    <div class="kern-alert kern-alert--info" role="status">
                        <div class="kern-alert__body"><p class="kern-body">{tr!("second_factor.codes_page_gone")}</p></div>
                    </div>
                }.into_any(),
                Err(crate::error::AppError::Unauthenticated) => view! {
                    <leptos_router::components::Redirect path="/anmelden?weiter=/mein-bereich/wiederherstellungscodes" />
                }.into_any(),
                Err(e) => view! { <p class="kern-body">{e.to_string()}</p> }.into_any(),
            })}
        </Suspense>
        <p class="kern-body"><A href="/mein-bereich#zwei-faktor" attr:class="kern-btn kern-btn--primary">
            <span class="kern-label">{tr!("second_factor.codes_done")}</span>
        </A></p>
    }
}
