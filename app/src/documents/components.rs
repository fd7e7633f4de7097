use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::api::{get_upload_limits, my_documents};
use super::types::{DocumentView, UPLOAD_PATH, UploadLimits, UploadProblem};

/// A file upload as a plain multipart form. With JavaScript it is sent in the background with
/// a progress bar and then follows the server's redirect like the plain form would.
#[component]
pub fn UploadForm(
    /// The page to come back to.
    back: String,
    /// The input's label; tests find it by this.
    #[prop(into)]
    label: String,
    #[prop(optional)] draft: Option<String>,
    /// The form field the document is for; also names the input (`field-{field}`). (Not
    /// `slot`: the view macro reserves that name.)
    #[prop(optional)]
    field: Option<String>,
    /// The case number, when staff upload a document for a case: it then belongs to the case.
    #[prop(optional)]
    case: Option<String>,
    #[prop(into)] limits: UploadLimits,
    #[prop(optional, into)] button: Option<String>,
) -> impl IntoView {
    let query = use_query_map();
    let slot = field;
    let id = format!("field-{}", slot.clone().unwrap_or_else(|| "datei".into()));
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let this_slot = slot.clone();
    let problem = Signal::derive(move || {
        let q = query.read();
        let same_field = q.get("feld") == this_slot;
        q.get("upload")
            .and_then(|c| UploadProblem::from_code(&c))
            .filter(|_| same_field)
            .map(|p| p.message(limits))
    });
    let progress = RwSignal::new(None::<f64>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        send_with_progress(ev, progress);
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, progress);
    };
    view! {
        <form method="post" action=UPLOAD_PATH enctype="multipart/form-data" class="upload-form" on:submit=on_submit>
            <input type="hidden" name="zurueck" value=back />
            {draft.map(|d| view! { <input type="hidden" name="antrag" value=d /> })}
            {slot.map(|s| view! { <input type="hidden" name="feld" value=s /> })}
            {case.map(|c| view! { <input type="hidden" name="fall" value=c /> })}
            <div class="kern-form-input" class:kern-form-input--error=move || problem.get().is_some()>
                <label class="kern-label" for=id.clone()>{label}</label>
                <div class="kern-hint" id=hint_id.clone()>{tr!("upload.hint", max = limits.file_mb)}</div>
                {
                    let error_id = error_id.clone();
                    move || problem.get().map(|m| view! {
                        <p class="kern-error" id=error_id.clone()>
                            <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true"></span>
                            <span class="kern-body">{m}</span>
                        </p>
                    })
                }
                <input class="kern-form-input__input" type="file" id=id name="datei" accept="application/pdf,image/jpeg,image/png" required=true
                    aria-describedby=move || if problem.get().is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() } />
            </div>
            {move || progress.get().map(|p| view! {
                <label class="kern-label" for="upload-progress">{tr!("upload.progress")}</label>
                <progress id="upload-progress" max="100" value=format!("{p:.0}")>{format!("{p:.0} %")}</progress>
            })}
            <button type="submit" class="kern-btn kern-btn--secondary">
                <span class="kern-label">{button.unwrap_or_else(|| tr!("upload.submit"))}</span>
            </button>
        </form>
    }
}

#[cfg(feature = "hydrate")]
fn send_with_progress(ev: leptos::ev::SubmitEvent, progress: RwSignal<Option<f64>>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return;
    };
    let (Ok(data), Ok(xhr)) = (
        web_sys::FormData::new_with_form(&form),
        web_sys::XmlHttpRequest::new(),
    ) else {
        return;
    };
    ev.prevent_default();
    progress.set(Some(0.0));
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                progress.set(Some(100.0 * e.loaded() / e.total()));
            }
        });
    let done = {
        let xhr = xhr.clone();
        Closure::<dyn FnMut()>::new(move || {
            // The server answered with a redirect; the browser followed it: go there.
            let target = xhr.response_url();
            if let Some(w) = web_sys::window() {
                let _ = w.location().assign(if target.is_empty() {
                    "/mein-bereich"
                } else {
                    &target
                });
            }
        })
    };
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    xhr.set_onloadend(Some(done.as_ref().unchecked_ref()));
    on_progress.forget();
    done.forget();
    if xhr.open("POST", UPLOAD_PATH).is_ok() {
        let _ = xhr.send_with_opt_form_data(Some(&data));
    }
}

/// "Dokumentensafe" in Mein Bereich: every document uploaded so far, to download or reuse.
#[component]
pub fn DocumentSafeSection() -> impl IntoView {
    let docs = Resource::new(|| (), |_| my_documents());
    let limits = Resource::new(|| (), |_| get_upload_limits());
    view! {
        <section aria-labelledby="dokumentensafe" class="profile-section">
            <h2 class="kern-heading-medium" id="dokumentensafe">{tr!("documents.safe")}</h2>
            <p class="kern-body">{tr!("documents.safe_intro")}</p>
            <Suspense fallback=|| ()>
                {move || docs.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p class="kern-body">{tr!("documents.none")}</p> }.into_any(),
                    Ok(list) => view! { <DocumentList docs=list /> }.into_any(),
                    Err(e) => view! { <p class="kern-body" role="alert">{e.to_string()}</p> }.into_any(),
                })}
                {move || limits.get().and_then(Result::ok).map(|l| view! {
                    <UploadForm back="/mein-bereich#dokumentensafe".into() label=tr!("documents.add") limits=l />
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn DocumentList(docs: Vec<DocumentView>) -> impl IntoView {
    view! {
        <ul class="kern-list document-list">
            {docs.into_iter().map(|d| view! {
                <li>
                    <a class="kern-link" href=d.download_href() download="">{d.describe()}</a>
                    <span class="kern-body kern-body--small">{format!(" – {}", d.uploaded)}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}
