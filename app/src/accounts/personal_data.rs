//! "Meine Daten" (SPEC §2.4): the personal data of the account, its validation (shared by the
//! form and the server) and the fields a Servicekonto Plus takes from the eID.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::kernel::person::{
    AcademicTitle, City, Date, DateOfBirth, HouseNumber, NameField, PersonName, Phone, PoBox,
    Postcode, Salutation, Street,
};

pub use crate::access::types::TrustLevel;

/// The fields of a Servicekonto Plus that only a new eID synchronisation changes.
pub const LOCKED_FIELDS: [&str; 8] = [
    "title",
    "first_name",
    "last_name",
    "date_of_birth",
    "street",
    "house_number",
    "postcode",
    "city",
];

/// The personal data as the form shows it; empty strings are "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalData {
    pub salutation: String,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    /// `TT.MM.JJJJ` for people; stored as ISO.
    pub date_of_birth: String,
    pub street: String,
    pub house_number: String,
    pub postcode: String,
    pub city: String,
    pub po_box: String,
    pub phone: String,
}

/// What "Meine Daten" shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyData {
    pub data: PersonalData,
    pub trust: TrustLevel,
}

impl PersonalData {
    pub fn get(&self, field: &str) -> &str {
        match field {
            "salutation" => &self.salutation,
            "title" => &self.title,
            "first_name" => &self.first_name,
            "last_name" => &self.last_name,
            "date_of_birth" => &self.date_of_birth,
            "street" => &self.street,
            "house_number" => &self.house_number,
            "postcode" => &self.postcode,
            "city" => &self.city,
            "po_box" => &self.po_box,
            "phone" => &self.phone,
            _ => "",
        }
    }

    /// Checks every field (SPEC §2.2) and returns the cleaned data, or the message per field
    /// with all entered values kept for the form.
    pub fn validate(&self, today: Date) -> Result<PersonalData, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut clean = PersonalData::default();
        let mut check = |field: &str,
                         value: &str,
                         optional: bool,
                         parse: &dyn Fn(&str) -> Result<String, String>|
         -> String {
            if optional && value.trim().is_empty() {
                return String::new();
            }
            parse(value).unwrap_or_else(|m| {
                errors.add(field, m);
                String::new()
            })
        };
        clean.salutation = check("salutation", &self.salutation, false, &|v| {
            Salutation::parse(v).map(|s| s.map(|s| s.as_str().to_owned()).unwrap_or_default())
        });
        clean.title = check("title", &self.title, true, &|v| {
            AcademicTitle::parse(v).map(|_| v.trim().to_owned())
        });
        clean.first_name = check("first_name", &self.first_name, false, &|v| {
            PersonName::parse(v, NameField::First).map(|n| n.as_str().to_owned())
        });
        clean.last_name = check("last_name", &self.last_name, false, &|v| {
            PersonName::parse(v, NameField::Last).map(|n| n.as_str().to_owned())
        });
        clean.date_of_birth = check("date_of_birth", &self.date_of_birth, true, &|v| {
            DateOfBirth::parse(v, today, None).map(|d| d.date().german())
        });
        // The address is optional, but when any part of it is given, all parts are needed.
        let address_given = [&self.street, &self.house_number, &self.postcode, &self.city]
            .iter()
            .any(|v| !v.trim().is_empty());
        let optional = !address_given;
        clean.street = check("street", &self.street, optional, &|v| {
            Street::parse(v).map(|_| v.trim().to_owned())
        });
        clean.house_number = check("house_number", &self.house_number, optional, &|v| {
            HouseNumber::parse(v).map(|_| v.trim().to_owned())
        });
        clean.postcode = check("postcode", &self.postcode, optional, &|v| {
            Postcode::parse(v).map(|_| v.trim().to_owned())
        });
        clean.city = check("city", &self.city, optional, &|v| {
            City::parse(v).map(|_| v.trim().to_owned())
        });
        clean.po_box = check("po_box", &self.po_box, true, &|v| {
            PoBox::parse(v).map(|_| v.trim().to_owned())
        });
        clean.phone = check("phone", &self.phone, true, &|v| {
            Phone::parse(v).map(|_| v.trim().to_owned())
        });
        if errors.is_empty() {
            return Ok(clean);
        }
        for field in [
            "salutation",
            "title",
            "first_name",
            "last_name",
            "date_of_birth",
            "street",
            "house_number",
            "postcode",
            "city",
            "po_box",
            "phone",
        ] {
            errors.keep(field, self.get(field));
        }
        Err(errors)
    }
}

/// ISO `2000-01-31` for storage from the form's `31.01.2000`, and back.
pub fn date_to_iso(display: &str) -> Option<String> {
    Date::parse(display).map(Date::iso)
}

pub fn date_from_iso(iso: &str) -> String {
    Date::parse(iso).map(Date::german).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Date = Date::new(2026, 11, 22).unwrap();

    fn erika() -> PersonalData {
        PersonalData {
            first_name: "Erika".into(),
            last_name: "Mustermann".into(),
            ..Default::default()
        }
    }

    #[test]
    fn names_alone_are_enough_and_values_are_cleaned() {
        let mut d = erika();
        d.first_name = "  Erika ".into();
        d.date_of_birth = "1964-08-12".into();
        let clean = d.validate(TODAY).unwrap();
        assert_eq!(clean.first_name, "Erika");
        assert_eq!(clean.date_of_birth, "12.08.1964");
    }

    #[test]
    fn a_partial_address_asks_for_the_missing_parts() {
        let mut d = erika();
        d.street = "Heidestraße".into();
        let e = d.validate(TODAY).unwrap_err();
        for f in ["house_number", "postcode", "city"] {
            assert!(e.message_for(f).is_some(), "{f}");
        }
        assert!(e.message_for("street").is_none());
        assert_eq!(
            e.value_for("street").as_deref(),
            Some("Heidestraße"),
            "entered values are kept"
        );
    }

    #[test]
    fn each_field_has_its_rule() {
        let mut d = erika();
        d.salutation = "Exzellenz".into();
        d.date_of_birth = "31.02.1980".into();
        d.po_box = "12".into();
        d.phone = "12345".into();
        d.street = "Heidestraße".into();
        d.house_number = "17 a".into();
        d.postcode = "5110".into();
        d.city = "Köln".into();
        let e = d.validate(TODAY).unwrap_err();
        for f in [
            "salutation",
            "date_of_birth",
            "po_box",
            "phone",
            "house_number",
            "postcode",
        ] {
            assert!(e.message_for(f).is_some(), "{f}");
        }
        assert!(e.message_for("city").is_none());
    }

    #[test]
    fn dates_convert_between_form_and_storage() {
        assert_eq!(date_to_iso("12.08.1964").as_deref(), Some("1964-08-12"));
        assert_eq!(date_from_iso("1964-08-12"), "12.08.1964");
    }
}
