use leptos::html;
use leptos::prelude::*;

use crate::error::AppError;

/// The error summary at the top of a form (GOV.UK / KERN pattern): one link per wrong field,
/// or the error's sentence. It takes focus when it appears so screen readers announce it.
#[component]
pub fn ErrorSummary(
    /// The last error of the form's action, if any.
    #[prop(into)]
    error: Signal<Option<AppError>>,
    /// Distinguishes the summaries of several forms on one page.
    #[prop(default = "error-summary")]
    id: &'static str,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let node = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if error.get().is_some()
            && let Some(el) = node.get()
        {
            let _ = el.focus();
        }
    });
    move || {
        error.get().map(|e| {
            let body = match &e {
                AppError::Validation(fields) => {
                    let items = fields
                        .errors
                        .iter()
                        .map(|f| {
                            let href = format!("#field-{}", f.field);
                            view! { <li><a class="kern-link" href=href>{f.message.clone()}</a></li> }
                        })
                        .collect_view();
                    view! { <ul class="kern-list">{items}</ul> }.into_any()
                }
                other => view! { <p class="kern-body">{other.to_string()}</p> }.into_any(),
            };
            view! {
                <div class="kern-alert kern-alert--danger error-summary" role="alert" tabindex="-1" node_ref=node aria-labelledby=title_id.clone()>
                    <div class="kern-alert__header">
                        <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
                        <h2 class="kern-title" id=title_id.clone()>{tr!("form.error_summary_title")}</h2>
                    </div>
                    <div class="kern-alert__body">{body}</div>
                </div>
            }
        })
    }
}

/// The `Validation` errors of an action result, for the fields.
pub fn field_errors(error: Option<AppError>) -> Option<crate::error::FieldErrors> {
    match error {
        Some(AppError::Validation(f)) => Some(f),
        _ => None,
    }
}
