use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::applications::api::{StartApplication, get_service_detail};
use crate::applications::types::{Access, ServiceDetail};
use crate::components::error_summary::ErrorSummary;
use crate::error::AppError;

/// `/dienste/{slug}`: what the service is, what it costs and needs, and how to start.
#[component]
pub fn ServicePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let detail = Resource::new(slug, get_service_detail);
    view! {
        <Suspense fallback=|| ()>
            {move || detail.get().map(|r| match r {
                Ok(d) => view! { <ServiceView detail=d /> }.into_any(),
                Err(AppError::NotFound) => view! { <crate::components::not_found::NotFoundPage /> }.into_any(),
                Err(e) => view! { <p class="kern-body" role="alert">{e.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ServiceView(detail: ServiceDetail) -> impl IntoView {
    let (d, access) = (detail.service, detail.access);
    let row = |key: String, value: String| {
        view! {
            <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{key}</dt>
                <dd class="kern-description-list-item__value">{value}</dd>
            </div>
        }
    };
    let fee = if d.fee_due.is_empty() {
        d.fee.clone()
    } else {
        format!("{} ({})", d.fee, d.fee_due)
    };
    let docs = (!d.required_documents.is_empty()).then(|| {
        let items = d
            .required_documents
            .iter()
            .map(|doc| view! { <li>{doc.clone()}</li> })
            .collect_view();
        view! {
            <h2 class="kern-heading-medium">{tr!("service.documents")}</h2>
            <ul class="kern-list">{items}</ul>
        }
    });
    view! {
        <Title text=format!("{} – {}", d.name, tr!("layout.brand")) />
        <p class="kern-body kern-body--small">{d.category.clone()}</p>
        <h1 class="kern-heading-large">{d.name.clone()}</h1>
        <p class="kern-body kern-body--large">{d.summary.clone()}</p>
        {(!d.description.is_empty()).then(|| view! { <p class="kern-body">{d.description.clone()}</p> })}
        <dl class="kern-description-list">
            {row(tr!("service.authority"), d.authority.clone())}
            {row(tr!("service.fee"), fee)}
            {row(tr!("service.trust"), d.trust_needed.clone())}
        </dl>
        {docs}
        <StartArea slug=d.slug.clone() access=access />
    }
}

#[component]
fn StartArea(slug: String, access: Access) -> impl IntoView {
    match access {
        Access::Anonymous => {
            let login = format!("/anmelden?weiter=/dienste/{slug}");
            view! {
                <div class="kern-alert kern-alert--info" role="note">
                    <div class="kern-alert__body"><p class="kern-body">{tr!("service.login_first")}</p></div>
                </div>
                <p class="kern-body">
                    <a class="kern-btn kern-btn--primary" href=login><span class="kern-label">{tr!("service.start")}</span></a>
                    " "
                    <a class="kern-link" href="/registrieren">{tr!("service.register")}</a>
                </p>
            }
            .into_any()
        }
        Access::TrustTooLow => view! {
            <div class="kern-alert kern-alert--warning" role="note">
                <div class="kern-alert__header"><h2 class="kern-title">{tr!("service.trust_too_low_title")}</h2></div>
                <div class="kern-alert__body"><p class="kern-body">{tr!("service.trust_too_low")}</p></div>
            </div>
        }
        .into_any(),
        Access::Allowed { drafts } => {
            let action = ServerAction::<StartApplication>::new();
            let error = Signal::derive(move || action.value().get().and_then(Result::err));
            let drafts_view = (!drafts.is_empty()).then(|| view! {
                <h2 class="kern-heading-medium">{tr!("service.your_drafts")}</h2>
                <ul class="kern-list">
                    {drafts.into_iter().map(|d| view! {
                        <li><a class="kern-link" href=d.resume_href>{tr!("service.resume_draft", date = d.updated)}</a></li>
                    }).collect_view()}
                </ul>
            });
            view! {
                {drafts_view}
                <ErrorSummary error id="start-errors" />
                <ActionForm action>
                    <input type="hidden" name="slug" value=slug />
                    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("service.start")}</span></button>
                </ActionForm>
            }
            .into_any()
        }
    }
}
