use leptos::prelude::*;

use crate::accounts::personal_data::{LOCKED_FIELDS, MyData, PersonalData};
use crate::components::error_summary::{ErrorSummary, field_errors};
use crate::components::field::Field;
use crate::kernel::person::{
    AcademicTitle, City, HouseNumber, NameField, PersonName, Phone, PoBox, Postcode, Salutation,
    Street,
};
use crate::profile::api::{SaveMyData, my_data};

/// "Meine Daten": the personal data as a form. For a Servicekonto Plus the fields from the
/// eID are shown as text with a note how they change.
#[component]
pub fn MyDataSection(
    /// The login address, shown here and changed in its own section.
    email: String,
) -> impl IntoView {
    let data = Resource::new(|| (), |_| my_data());
    view! {
        <section aria-labelledby="meine-daten" class="profile-section">
            <h2 class="kern-heading-medium" id="meine-daten">{tr!("profile.my_data")}</h2>
            <dl class="kern-description-list">
                <div class="kern-description-list-item">
                    <dt class="kern-description-list-item__key">{tr!("fields.email")}</dt>
                    <dd class="kern-description-list-item__value">{email}</dd>
                </div>
            </dl>
            <p class="kern-hint">{tr!("my_data.email_note")}</p>
            <Suspense fallback=|| ()>
                {move || data.get().map(|r| r.map(|d| view! { <MyDataForm my=d /> }))}
            </Suspense>
        </section>
    }
}

fn optional(check: fn(&str) -> Result<(), String>) -> Callback<String, Result<(), String>> {
    Callback::new(move |v: String| {
        if v.trim().is_empty() {
            Ok(())
        } else {
            check(&v)
        }
    })
}

#[component]
fn MyDataForm(my: MyData) -> impl IntoView {
    let action = ServerAction::<SaveMyData>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let fields = Signal::derive(move || field_errors(error.get()));
    let locked = my.trust.is_plus();
    let d: PersonalData = my.data;
    let salutation = fields
        .get_untracked()
        .and_then(|f| f.value_for("salutation"))
        .unwrap_or(d.salutation.clone());
    let salutation_error = move || fields.get().and_then(|f| f.message_for("salutation"));
    let locked_list = locked.then(|| {
        let rows = LOCKED_FIELDS
            .iter()
            .filter(|f| !d.get(f).is_empty())
            .map(|f| {
                let key = format!("my_data.{f}");
                let label = tr!(&key);
                view! {
                    <div class="kern-description-list-item">
                        <dt class="kern-description-list-item__key">{label}</dt>
                        <dd class="kern-description-list-item__value">{d.get(f).to_owned()}</dd>
                    </div>
                }
            })
            .collect_view();
        view! {
            <div class="kern-alert kern-alert--info" role="note">
                <div class="kern-alert__body"><p class="kern-body">{tr!("my_data.locked_note")}</p></div>
            </div>
            <dl class="kern-description-list">{rows}</dl>
        }
    });
    let editable = move |field: &str| !(locked && LOCKED_FIELDS.contains(&field));
    // The locked fields go back unchanged; the server refuses any other value.
    let hidden = locked.then(|| {
        LOCKED_FIELDS
            .iter()
            .map(|f| view! { <input type="hidden" name=*f value=d.get(f).to_owned() /> })
            .collect_view()
    });
    view! {
        {locked_list}
        <ErrorSummary error id="my-data-errors" />
        <ActionForm action attr:novalidate=true attr:class="form">
            {hidden}
            <div class="kern-form-input" class:kern-form-input--error=move || salutation_error().is_some()>
                <label class="kern-label" for="field-salutation">{tr!("my_data.salutation")}</label>
                {move || salutation_error().map(|m| view! { <p class="kern-error" id="field-salutation-error"><span class="kern-body">{m}</span></p> })}
                <div class="kern-form-input__select-wrapper">
                    <select class="kern-form-input__select" id="field-salutation" name="salutation">
                        <option value="" selected=salutation.is_empty()>{tr!("my_data.no_salutation")}</option>
                        {Salutation::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=salutation == s.as_str()>{s.as_str()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            {editable("title").then(|| view! {
                <Field name="title" label={tr!("my_data.title")} hint={tr!("my_data.optional")} value=d.title.clone() server=fields
                    check=optional(|v| AcademicTitle::parse(v).map(|_| ())) />
            })}
            {editable("first_name").then(|| view! {
                <Field name="first_name" label={tr!("fields.first_name")} autocomplete="given-name" value=d.first_name.clone() server=fields
                    check=Callback::new(|v: String| PersonName::parse(&v, NameField::First).map(|_| ())) />
                <Field name="last_name" label={tr!("fields.last_name")} autocomplete="family-name" value=d.last_name.clone() server=fields
                    check=Callback::new(|v: String| PersonName::parse(&v, NameField::Last).map(|_| ())) />
                <Field name="date_of_birth" label={tr!("my_data.date_of_birth")} hint={tr!("my_data.date_of_birth_hint")} autocomplete="bday"
                    value=d.date_of_birth.clone() server=fields />
            })}
            {editable("street").then(|| view! {
                <fieldset class="kern-fieldset">
                    <legend class="kern-label">{tr!("my_data.address")}</legend>
                    <p class="kern-hint">{tr!("my_data.address_hint")}</p>
                    <Field name="street" label={tr!("my_data.street")} autocomplete="address-line1" value=d.street.clone() server=fields
                        check=optional(|v| Street::parse(v).map(|_| ())) />
                    <Field name="house_number" label={tr!("my_data.house_number")} value=d.house_number.clone() server=fields
                        check=optional(|v| HouseNumber::parse(v).map(|_| ())) />
                    <Field name="postcode" label={tr!("my_data.postcode")} autocomplete="postal-code" value=d.postcode.clone() server=fields
                        check=optional(|v| Postcode::parse(v).map(|_| ())) />
                    <Field name="city" label={tr!("my_data.city")} autocomplete="address-level2" value=d.city.clone() server=fields
                        check=optional(|v| City::parse(v).map(|_| ())) />
                </fieldset>
            })}
            <Field name="po_box" label={tr!("my_data.po_box")} hint={tr!("my_data.po_box_hint")} value=d.po_box.clone() server=fields
                check=optional(|v| PoBox::parse(v).map(|_| ())) />
            <Field name="phone" label={tr!("my_data.phone")} hint={tr!("my_data.optional")} input_type="tel" autocomplete="tel"
                value=d.phone.clone() server=fields check=optional(|v| Phone::parse(v).map(|_| ())) />
            <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{tr!("my_data.submit")}</span></button>
        </ActionForm>
    }
}
