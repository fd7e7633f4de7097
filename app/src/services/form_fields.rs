//! The generic form renderer: one component per field type of a `FormSchema`. Inputs are
//! named `answers[{key}]` for the server function and have the id `field-{key}`, which the
//! error summary links to.

use leptos::prelude::*;

use crate::error::FieldErrors;
use crate::services::schema::{Answers, FieldDef, FieldKind, NO, YES, address_key};

/// The values the inputs currently hold, so conditional fields can follow them.
#[derive(Clone, Copy)]
pub struct LiveAnswers {
    pub values: RwSignal<Answers>,
    /// False during server rendering and hydration: conditional fields are shown, with a note,
    /// so the form works without JavaScript; the hydrated page hides those not needed.
    pub scripted: RwSignal<bool>,
}

#[component]
pub fn SchemaField(
    field: FieldDef,
    live: LiveAnswers,
    server: Signal<Option<FieldErrors>>,
) -> impl IntoView {
    let condition = field.visible_if.clone();
    let note = condition
        .as_ref()
        .map(|c| tr!("form.only_if", value = c.equals));
    let check_field = field.clone();
    let visible = move || !live.scripted.get() || check_field.is_visible(&live.values.get());
    let body = match field.kind.clone() {
        FieldKind::Address => view! { <AddressField field=field.clone() live server /> }.into_any(),
        FieldKind::YesNo => view! { <ChoiceField field=field.clone() options=vec![(YES.to_owned(), tr!("form.yes")), (NO.to_owned(), tr!("form.no"))] live server /> }.into_any(),
        FieldKind::Choice { options } => {
            let options = options.into_iter().map(|o| (o.clone(), o)).collect();
            view! { <ChoiceField field=field.clone() options live server /> }.into_any()
        }
        FieldKind::File => ().into_any(),
        _ => view! { <InputField field=field.clone() key=field.id.clone() label=field.label.clone() live server /> }.into_any(),
    };
    view! {
        <div class="schema-field" hidden=move || !visible()>
            {note.map(|n| view! { <p class="kern-hint schema-field__condition">{n}</p> })}
            {body}
        </div>
    }
}

fn message_view(id: String, m: Option<String>) -> impl IntoView {
    m.map(|m| view! {
        <p class="kern-error" id=id>
            <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true"></span>
            <span class="kern-body">{m}</span>
        </p>
    })
}

/// Text, multi-line, number and date fields, and the parts of an address.
#[component]
fn InputField(
    field: FieldDef,
    key: String,
    label: String,
    live: LiveAnswers,
    server: Signal<Option<FieldErrors>>,
    /// Checks a value in the browser; by default the field's own rules.
    #[prop(optional)]
    check: Option<Callback<String, Result<(), String>>>,
) -> impl IntoView {
    let id = format!("field-{key}");
    let (error_id, hint_id) = (format!("{id}-error"), format!("{id}-hint"));
    let name = format!("answers[{key}]");
    let initial = server
        .get_untracked()
        .and_then(|f| f.value_for(&key))
        .or_else(|| live.values.get_untracked().get(&key).cloned())
        .unwrap_or_default();
    let client_error = RwSignal::new(None::<String>);
    let touched = RwSignal::new(false);
    let server_key = key.clone();
    let message = Signal::derive(move || {
        if touched.get() {
            client_error.get()
        } else {
            server.get().and_then(|f| f.message_for(&server_key))
        }
    });
    let hint = match &field.kind {
        FieldKind::Date { .. } => Some(tr!("form.date_hint")),
        _ => None,
    }
    .into_iter()
    .chain((!field.help.is_empty()).then(|| field.help.clone()))
    .collect::<Vec<_>>()
    .join(" ");
    let has_hint = !hint.is_empty();
    let check = check.unwrap_or_else(|| {
        let f = field.clone();
        Callback::new(move |v: String| f.check_value(&v, today()))
    });
    // Checked as you type only while a message is shown, so that correcting an answer clears
    // it at once; a message appearing on blur would move the buttons under the pointer.
    let key_for_input = key.clone();
    let on_value = move |v: String| {
        live.values.update(|a| {
            a.insert(key_for_input.clone(), v.clone());
        });
        if message.get_untracked().is_some() {
            touched.set(true);
            client_error.set(check.run(v).err());
        }
    };
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let ids: Vec<&str> = [
                has_hint.then_some(hint_id.as_str()),
                message.get().map(|_| error_id.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let multiline = matches!(field.kind, FieldKind::Multiline { .. });
    let numeric = matches!(field.kind, FieldKind::Number { .. });
    let initial_prop = initial.clone();
    let input = if multiline {
        view! {
            <textarea class="kern-form-input__input" id=id.clone() name=name rows="6" aria-describedby=described_by.clone() prop:value=initial_prop
                aria-invalid=move || message.get().map(|_| "true")
                on:input=move |ev| on_value(event_target_value(&ev))>{initial}</textarea>
        }
        .into_any()
    } else {
        view! {
            <input class="kern-form-input__input" id=id.clone() name=name type="text" value=initial prop:value=initial_prop inputmode=numeric.then_some("numeric")
                aria-describedby=described_by.clone() aria-invalid=move || message.get().map(|_| "true")
                on:input=move |ev| on_value(event_target_value(&ev)) />
        }
        .into_any()
    };
    let label_text = if field.required {
        label
    } else {
        tr!("form.optional_label", label = label)
    };
    view! {
        <div class="kern-form-input" class:kern-form-input--error=move || message.get().is_some()>
            <label class="kern-label" for=id>{label_text}</label>
            {has_hint.then(|| view! { <div class="kern-hint" id=hint_id.clone()>{hint.clone()}</div> })}
            {move || message_view(error_id.clone(), message.get())}
            {input}
        </div>
    }
}

/// Yes/no and choices as radio buttons in a fieldset.
#[component]
fn ChoiceField(
    field: FieldDef,
    options: Vec<(String, String)>,
    live: LiveAnswers,
    server: Signal<Option<FieldErrors>>,
) -> impl IntoView {
    let key = field.id.clone();
    let error_id = format!("field-{key}-error");
    let chosen = server
        .get_untracked()
        .and_then(|f| f.value_for(&key))
        .or_else(|| live.values.get_untracked().get(&key).cloned())
        .unwrap_or_default();
    let message_key = key.clone();
    let message = Signal::derive(move || server.get().and_then(|f| f.message_for(&message_key)));
    let legend = if field.required {
        field.label.clone()
    } else {
        tr!("form.optional_label", label = field.label)
    };
    view! {
        <fieldset class="kern-fieldset" class:kern-fieldset--error=move || message.get().is_some()
            aria-describedby=move || message.get().map(|_| format!("field-{}-error", field.id))>
            <legend class="kern-label">{legend}</legend>
            {(!field.help.is_empty()).then(|| view! { <div class="kern-hint">{field.help.clone()}</div> })}
            {move || message_view(error_id.clone(), message.get())}
            <div class="kern-fieldset__body">
                {options.into_iter().enumerate().map(|(i, (value, text))| {
                    // The first radio carries the field's id, so the error summary can link to it.
                    let id = if i == 0 { format!("field-{key}") } else { format!("field-{key}-{i}") };
                    let checked = chosen == value;
                    let k = key.clone();
                    let v = value.clone();
                    view! {
                        <div class="kern-form-check">
                            <input class="kern-form-check__radio" type="radio" id=id.clone() name=format!("answers[{key}]") value=value checked=checked prop:checked=checked
                                on:change=move |_| live.values.update(|a| { a.insert(k.clone(), v.clone()); }) />
                            <label class="kern-label" for=id>{text}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
fn AddressField(
    field: FieldDef,
    live: LiveAnswers,
    server: Signal<Option<FieldErrors>>,
) -> impl IntoView {
    use crate::kernel::person::{City, HouseNumber, Postcode, Street};
    let part = |p: &'static str, label: String, check: fn(&str) -> Result<(), String>| {
        view! {
            <InputField field=field.clone() key=address_key(&field.id, p) label live server
                check=Callback::new(move |v: String| check(&v)) />
        }
    };
    let legend = if field.required {
        field.label.clone()
    } else {
        tr!("form.optional_label", label = field.label)
    };
    view! {
        <fieldset class="kern-fieldset">
            <legend class="kern-label">{legend}</legend>
            {(!field.help.is_empty()).then(|| view! { <div class="kern-hint">{field.help.clone()}</div> })}
            {part("strasse", tr!("my_data.street"), |v| Street::parse(v).map(|_| ()))}
            {part("hausnummer", tr!("my_data.house_number"), |v| HouseNumber::parse(v).map(|_| ()))}
            {part("plz", tr!("my_data.postcode"), |v| Postcode::parse(v).map(|_| ()))}
            {part("ort", tr!("my_data.city"), |v| City::parse(v).map(|_| ()))}
        </fieldset>
    }
}

/// Today in the browser (or on the server while rendering); the server checks again.
fn today() -> crate::kernel::date::Date {
    #[cfg(feature = "ssr")]
    return crate::clock::today();
    #[cfg(not(feature = "ssr"))]
    {
        let d = js_sys::Date::new_0();
        crate::kernel::date::Date::new(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
            .expect("the browser's today is a real day")
    }
}
