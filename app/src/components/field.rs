use leptos::prelude::*;

use crate::error::FieldErrors;

/// A labelled input in KERN style. The message next to it comes from the instant check
/// (after the user has left the field once) or else from the server's last answer.
#[component]
pub fn Field(
    /// The input's `name`, which is the server function's argument name.
    name: &'static str,
    /// The visible label; tests find the input by it.
    #[prop(into)]
    label: String,
    /// Help shown under the label.
    #[prop(optional, into)]
    hint: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// The server's answer to the last submission.
    #[prop(into)]
    server: Signal<Option<FieldErrors>>,
    /// Checks a value in the browser; the server checks again.
    #[prop(optional, into)]
    check: Option<Callback<String, Result<(), String>>>,
    /// Fills the field from the server's answer (never for passwords).
    #[prop(default = true)]
    refill: bool,
    /// Reports each new value, for checks that depend on another field.
    #[prop(optional, into)]
    on_value: Option<Callback<String>>,
    /// The stored value to start with (the server's answer wins after a failed submission).
    #[prop(optional, into)]
    value: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let from_server = if refill {
        server.get_untracked().and_then(|f| f.value_for(name))
    } else {
        None
    };
    let initial = from_server.or(value).unwrap_or_default();
    let touched = RwSignal::new(false);
    let client_error = RwSignal::new(None::<String>);
    let run_check = move |v: String| {
        if let Some(on_value) = on_value {
            on_value.run(v.clone());
        }
        if let Some(check) = check {
            client_error.set(check.run(v).err());
        }
    };
    let message = move || {
        if touched.get() && check.is_some() {
            client_error.get()
        } else {
            server.get().and_then(|f| f.message_for(name))
        }
    };
    let has_error = move || message().is_some();
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if has_error() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="kern-form-input" class:kern-form-input--error=has_error>
            <label class="kern-label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <div class="kern-hint" id=hint_id.clone()>{h}</div> })}
            {
                let error_id = error_id.clone();
                move || message().map(|m| view! {
                    <p class="kern-error" id=error_id.clone()>
                        <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true"></span>
                        <span class="kern-body">{m}</span>
                    </p>
                })
            }
            <input
                class="kern-form-input__input"
                class:kern-form-input__input--error=has_error
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                value=initial
                aria-invalid=move || has_error().then_some("true")
                aria-describedby=described_by
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    if touched.get_untracked() { run_check(v) } else if let Some(cb) = on_value { cb.run(v) }
                }
                on:blur=move |ev| {
                    touched.set(true);
                    run_check(event_target_value(&ev));
                }
            />
        </div>
    }
}

/// A required checkbox (consent), with its server message.
#[component]
pub fn Checkbox(
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(into)] server: Signal<Option<FieldErrors>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let checked = server
        .get_untracked()
        .and_then(|f| f.value_for(name))
        .is_some();
    let message = move || server.get().and_then(|f| f.message_for(name));
    view! {
        <div class="kern-form-check" class:kern-form-check--error=move || message().is_some()>
            {
                let error_id = error_id.clone();
                move || message().map(|m| view! {
                    <p class="kern-error" id=error_id.clone()>
                        <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true"></span>
                        <span class="kern-body">{m}</span>
                    </p>
                })
            }
            <input
                class="kern-form-check__checkbox"
                id=id.clone()
                name=name
                type="checkbox"
                checked=checked
                aria-describedby=move || message().map(|_| error_id.clone())
            />
            <label class="kern-label" for=id>{label}</label>
        </div>
    }
}

/// A labelled multi-line text in KERN style with the server's message; after a failed
/// submission it shows the text again.
#[component]
pub fn TextArea(
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(into)] server: Signal<Option<FieldErrors>>,
    #[prop(default = 5)] rows: u32,
    /// The stored text to start with (the server's answer wins after a failed submission).
    #[prop(optional, into)]
    initial: String,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let text = server
        .get_untracked()
        .and_then(|f| f.value_for(name))
        .unwrap_or(initial);
    let message = move || server.get().and_then(|f| f.message_for(name));
    view! {
        <div class="kern-form-input" class:kern-form-input--error=move || message().is_some()>
            <label class="kern-label" for=id.clone()>{label}</label>
            {
                let error_id = error_id.clone();
                move || message().map(|m| view! { <p class="kern-error" id=error_id.clone()><span class="kern-body">{m}</span></p> })
            }
            <textarea class="kern-form-input__input" id=id name=name rows=rows
                aria-describedby=move || message().map(|_| error_id.clone())>{text}</textarea>
        </div>
    }
}

/// A labelled select in KERN style with the server's message.
#[component]
pub fn Select(
    name: &'static str,
    #[prop(into)] label: String,
    /// (value, text) pairs.
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    #[prop(into)] server: Signal<Option<FieldErrors>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let current = server
        .get_untracked()
        .and_then(|f| f.value_for(name))
        .unwrap_or(selected);
    let message = move || server.get().and_then(|f| f.message_for(name));
    view! {
        <div class="kern-form-input" class:kern-form-input--error=move || message().is_some()>
            <label class="kern-label" for=id.clone()>{label}</label>
            {
                let error_id = error_id.clone();
                move || message().map(|m| view! { <p class="kern-error" id=error_id.clone()><span class="kern-body">{m}</span></p> })
            }
            <div class="kern-form-input__select-wrapper">
                <select class="kern-form-input__select" id=id name=name aria-describedby=move || message().map(|_| error_id.clone())>
                    {options.into_iter().map(|(v, t)| view! { <option value=v.clone() selected=v == current>{t}</option> }).collect_view()}
                </select>
            </div>
        </div>
    }
}
