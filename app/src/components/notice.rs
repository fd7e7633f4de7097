//! What a page shows instead of its content when it may not, and the notice after a change.

use leptos::prelude::*;

use crate::error::AppError;

/// What a back-office page shows instead of its content when the session may not see it.
pub fn refusal(e: AppError, back: &str) -> AnyView {
    match e {
        AppError::Unauthenticated => view! {
            <p class="kern-body"><a class="kern-link" href=format!("/anmelden?weiter={back}")>{tr!("casework.login")}</a></p>
        }
        .into_any(),
        AppError::NotFound => view! { <super::not_found::NotFoundPage /> }.into_any(),
        AppError::SecondFactorRequired => view! {
            <p class="kern-body">{tr!("error.second_factor_required")}" "<a class="kern-link" href=super::url::SECOND_FACTOR_SETUP>{tr!("casework.set_up_factor")}</a></p>
        }
        .into_any(),
        other => view! { <p class="kern-body" role="alert">{other.to_string()}</p> }.into_any(),
    }
}

/// A success notice after a redirect.
pub fn notice(text: Option<String>) -> impl IntoView {
    text.map(|t| view! {
        <div class="kern-alert kern-alert--success" role="status"><div class="kern-alert__body"><p class="kern-body">{t}</p></div></div>
    })
}
