//! A service's form as data (SPEC §3.2): sections of typed fields with rules, help texts,
//! conditions and profile prefill. The same code checks the answers in the browser and on the
//! server, so an authority can define a new form without a release.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::FieldErrors;
use crate::kernel::person::{City, Date, HouseNumber, Phone, Postcode, Street};

/// The answers of one application, by field id; an address field stores its parts under
/// `{id}-strasse`, `{id}-hausnummer`, `{id}-plz`, `{id}-ort`, a file field a document id.
pub type Answers = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSchema {
    pub sections: Vec<Section>,
}

/// One page of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    #[serde(default)]
    pub intro: String,
    pub fields: Vec<FieldDef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDef {
    /// Stable within the form: the answer's key, letters, digits and `_` only.
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub help: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub prefill: Option<Prefill>,
    /// Shown (and checked) only while another field has a given answer.
    #[serde(default)]
    pub visible_if: Option<Condition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    Text {
        #[serde(default)]
        max_len: Option<usize>,
        #[serde(default)]
        rule: Option<Rule>,
    },
    Multiline {
        #[serde(default)]
        max_len: Option<usize>,
    },
    Number {
        #[serde(default)]
        min: Option<i64>,
        #[serde(default)]
        max: Option<i64>,
    },
    Date {
        #[serde(default)]
        not_in_past: bool,
        #[serde(default)]
        not_in_future: bool,
    },
    Choice {
        options: Vec<String>,
    },
    YesNo,
    Address,
    /// A document: uploaded or taken from the document safe on the documents step.
    File,
}

/// Checks beyond the type, a closed set so that a schema stays data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A German vehicle registration, e.g. `M-AB 1234`, `B-X 12E`.
    LicensePlate,
    Postcode,
    Phone,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub field: String,
    pub equals: String,
}

/// Profile data a field starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prefill {
    FirstName,
    LastName,
    DateOfBirth,
    Email,
    Phone,
    /// For an address field: street, number, postcode and city.
    Address,
}

/// The answers of yes/no fields.
pub const YES: &str = "ja";
pub const NO: &str = "nein";
const ADDRESS_PARTS: [&str; 4] = ["strasse", "hausnummer", "plz", "ort"];
const DEFAULT_MAX_LEN: usize = 200;
const DEFAULT_MULTILINE_MAX_LEN: usize = 5000;

/// The answer key of one part of an address field.
pub fn address_key(field: &str, part: &str) -> String {
    format!("{field}-{part}")
}

impl FormSchema {
    pub fn parse_json(json: &str) -> Result<FormSchema, String> {
        let schema: FormSchema = serde_json::from_str(json).map_err(|e| e.to_string())?;
        schema.check()?;
        Ok(schema)
    }

    /// The rules a stored schema must keep: ids unique and well formed, options present,
    /// conditions pointing at an earlier choice or yes/no field.
    pub fn check(&self) -> Result<(), String> {
        let mut seen: Vec<&FieldDef> = Vec::new();
        if self.sections.is_empty() {
            return Err("a form needs at least one section".into());
        }
        for f in self.fields() {
            if f.id.is_empty() || !f.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(format!("field id {:?}: letters, digits and _ only", f.id));
            }
            if seen.iter().any(|s| s.id == f.id) {
                return Err(format!("field id {:?} appears twice", f.id));
            }
            if let FieldKind::Choice { options } = &f.kind
                && options.is_empty()
            {
                return Err(format!("field {:?}: a choice needs options", f.id));
            }
            if let Some(c) = &f.visible_if {
                let target = seen
                    .iter()
                    .find(|s| s.id == c.field)
                    .ok_or_else(|| format!("field {:?}: condition names no earlier field", f.id))?;
                if !matches!(target.kind, FieldKind::Choice { .. } | FieldKind::YesNo) {
                    return Err(format!(
                        "field {:?}: a condition needs a choice or yes/no field",
                        f.id
                    ));
                }
            }
            seen.push(f);
        }
        Ok(())
    }

    pub fn fields(&self) -> impl Iterator<Item = &FieldDef> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }

    /// The fields the form step pages show (files are asked for on the documents step).
    pub fn has_files(&self) -> bool {
        self.fields().any(|f| f.kind == FieldKind::File)
    }

    pub fn file_fields<'a>(&'a self, answers: &'a Answers) -> impl Iterator<Item = &'a FieldDef> {
        self.fields()
            .filter(move |f| f.kind == FieldKind::File && f.is_visible(answers))
    }

    /// Every error of one section (`None`: of the whole form), files excluded.
    pub fn validate_section(&self, section: usize, answers: &Answers, today: Date) -> FieldErrors {
        let mut errors = FieldErrors::default();
        if let Some(s) = self.sections.get(section) {
            for f in s
                .fields
                .iter()
                .filter(|f| f.kind != FieldKind::File && f.is_visible(answers))
            {
                f.validate(answers, today, &mut errors);
            }
        }
        errors
    }

    /// Every error of the whole form, file fields included (`has_document` says whether a
    /// document id belongs to the applicant).
    pub fn validate_all(
        &self,
        answers: &Answers,
        today: Date,
        has_document: impl Fn(&str) -> bool,
    ) -> FieldErrors {
        let mut errors = FieldErrors::default();
        for (i, _) in self.sections.iter().enumerate() {
            let e = self.validate_section(i, answers, today);
            errors.errors.extend(e.errors);
        }
        errors
            .errors
            .extend(self.validate_files(answers, has_document).errors);
        errors
    }

    /// The errors of the visible file fields: required ones need a document, and every one
    /// named must belong to the applicant.
    pub fn validate_files(
        &self,
        answers: &Answers,
        has_document: impl Fn(&str) -> bool,
    ) -> FieldErrors {
        let mut errors = FieldErrors::default();
        for f in self.file_fields(answers) {
            match answers
                .get(&f.id)
                .map(String::as_str)
                .filter(|v| !v.is_empty())
            {
                None if f.required => errors.add(&f.id, tr!("form.file_required", label = f.label)),
                Some(id) if !has_document(id) => {
                    errors.add(&f.id, tr!("form.file_required", label = f.label))
                }
                _ => {}
            }
        }
        errors
    }

    /// The answers without those of hidden fields or unknown keys, as a case keeps them.
    pub fn clean(&self, answers: &Answers) -> Answers {
        let mut out = Answers::new();
        for f in self.fields().filter(|f| f.is_visible(answers)) {
            for key in f.keys() {
                if let Some(v) = answers.get(&key).filter(|v| !v.trim().is_empty()) {
                    out.insert(key, v.trim().to_owned());
                }
            }
        }
        out
    }
}

impl FieldDef {
    pub fn is_visible(&self, answers: &Answers) -> bool {
        self.visible_if
            .as_ref()
            .is_none_or(|c| answers.get(&c.field).is_some_and(|v| *v == c.equals))
    }

    /// The answer keys this field owns.
    pub fn keys(&self) -> Vec<String> {
        match self.kind {
            FieldKind::Address => ADDRESS_PARTS
                .iter()
                .map(|p| address_key(&self.id, p))
                .collect(),
            _ => vec![self.id.clone()],
        }
    }

    fn validate(&self, answers: &Answers, today: Date, errors: &mut FieldErrors) {
        let get = |k: &str| answers.get(k).map(|v| v.trim()).unwrap_or("");
        if let FieldKind::Address = self.kind {
            let parts: Vec<(String, &str)> = ADDRESS_PARTS
                .iter()
                .map(|p| (address_key(&self.id, p), get(&address_key(&self.id, p))))
                .collect();
            if !self.required && parts.iter().all(|(_, v)| v.is_empty()) {
                return;
            }
            for ((key, value), part) in parts.iter().zip(ADDRESS_PARTS) {
                let result = match part {
                    "strasse" => Street::parse(value).map(|_| ()),
                    "hausnummer" => HouseNumber::parse(value).map(|_| ()),
                    "plz" => Postcode::parse(value).map(|_| ()),
                    _ => City::parse(value).map(|_| ()),
                };
                if let Err(m) = result {
                    errors.add(key, m);
                }
            }
            return;
        }
        if let Err(m) = self.check_value(get(&self.id), today) {
            errors.add(&self.id, m);
        }
    }

    /// One value against the field's type and rules; also used by the browser as you type.
    pub fn check_value(&self, value: &str, today: Date) -> Result<(), String> {
        let value = value.trim();
        if value.is_empty() {
            return if self.required {
                Err(tr!("form.required", label = self.label))
            } else {
                Ok(())
            };
        }
        match &self.kind {
            FieldKind::Text { max_len, rule } => {
                check_len(value, max_len.unwrap_or(DEFAULT_MAX_LEN))?;
                match rule {
                    Some(Rule::LicensePlate) if !is_license_plate(value) => {
                        Err(tr!("form.license_plate"))
                    }
                    Some(Rule::Postcode) => Postcode::parse(value).map(|_| ()),
                    Some(Rule::Phone) => Phone::parse(value).map(|_| ()),
                    _ => Ok(()),
                }
            }
            FieldKind::Multiline { max_len } => {
                check_len(value, max_len.unwrap_or(DEFAULT_MULTILINE_MAX_LEN))
            }
            FieldKind::Number { min, max } => {
                let n: i64 = value
                    .parse()
                    .map_err(|_| tr!("form.number", label = self.label))?;
                match (min, max) {
                    (Some(lo), _) if n < *lo => Err(tr!("form.number_min", min = lo)),
                    (_, Some(hi)) if n > *hi => Err(tr!("form.number_max", max = hi)),
                    _ => Ok(()),
                }
            }
            FieldKind::Date {
                not_in_past,
                not_in_future,
            } => {
                let d = Date::parse(value).ok_or_else(|| tr!("form.date", label = self.label))?;
                if *not_in_past && d < today {
                    Err(tr!("form.date_past"))
                } else if *not_in_future && d > today {
                    Err(tr!("form.date_future"))
                } else {
                    Ok(())
                }
            }
            FieldKind::Choice { options } if !options.iter().any(|o| o == value) => {
                Err(tr!("form.choice", label = self.label))
            }
            FieldKind::YesNo if value != YES && value != NO => {
                Err(tr!("form.choice", label = self.label))
            }
            _ => Ok(()),
        }
    }
}

fn check_len(value: &str, max: usize) -> Result<(), String> {
    if value.chars().count() > max {
        Err(tr!("form.too_long", max = max))
    } else {
        Ok(())
    }
}

/// `M-AB 1234`, `B X 12E`, `HH-A 1H`: 1–3 letters of the district, 1–2 letters, 1–4 digits,
/// then `E` (electric) or `H` (historic) if any.
fn is_license_plate(value: &str) -> bool {
    let v = value.to_uppercase();
    let parts: Vec<&str> = v.split(['-', ' ']).filter(|p| !p.is_empty()).collect();
    let [district, letters, number] = parts.as_slice() else {
        return false;
    };
    let is_letters = |s: &str, max: usize| {
        (1..=max).contains(&s.chars().count()) && s.chars().all(|c| c.is_alphabetic())
    };
    let digits = number.trim_end_matches(['E', 'H']);
    is_letters(district, 3)
        && is_letters(letters, 2)
        && (1..=4).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0')
        && number.len() - digits.len() <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Date = Date::new(2026, 11, 22).unwrap();

    fn schema() -> FormSchema {
        FormSchema::parse_json(
            r#"{"sections": [
                {"title": "Fahrzeug", "fields": [
                    {"id": "kennzeichen", "label": "Kennzeichen", "kind": {"type": "text", "rule": "license_plate"}, "required": true},
                    {"id": "halter", "label": "Sind Sie Halterin oder Halter?", "kind": {"type": "yes_no"}, "required": true},
                    {"id": "vollmacht", "label": "Vollmacht des Halters", "kind": {"type": "file"}, "required": true,
                     "visible_if": {"field": "halter", "equals": "nein"}},
                    {"id": "grund", "label": "Warum nicht?", "kind": {"type": "multiline", "max_len": 10}, "required": true,
                     "visible_if": {"field": "halter", "equals": "nein"}}
                ]},
                {"title": "Zeitraum", "fields": [
                    {"id": "beginn", "label": "Beginn", "kind": {"type": "date", "not_in_past": true}, "required": true},
                    {"id": "jahre", "label": "Laufzeit in Jahren", "kind": {"type": "number", "min": 1, "max": 2}},
                    {"id": "wohnung", "label": "Anschrift", "kind": {"type": "address"}, "required": true, "prefill": "address"}
                ]}
            ]}"#,
        )
        .expect("valid schema")
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn failed(e: &FieldErrors) -> Vec<&str> {
        e.errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn required_fields_and_rules_are_checked_per_section() {
        let s = schema();
        let e = s.validate_section(0, &answers(&[]), TODAY);
        assert_eq!(failed(&e), ["kennzeichen", "halter"]);
        let e = s.validate_section(
            0,
            &answers(&[("kennzeichen", "MAB 1234"), ("halter", "vielleicht")]),
            TODAY,
        );
        assert_eq!(failed(&e), ["kennzeichen", "halter"]);
        assert!(
            s.validate_section(
                0,
                &answers(&[("kennzeichen", "m-ab 1234e"), ("halter", "ja")]),
                TODAY
            )
            .is_empty()
        );
    }

    #[test]
    fn a_hidden_field_is_neither_checked_nor_kept() {
        let s = schema();
        let a = answers(&[
            ("kennzeichen", "M-AB 1"),
            ("halter", "ja"),
            ("grund", "zu lang für das Feld"),
        ]);
        assert!(s.validate_section(0, &a, TODAY).is_empty());
        assert!(!s.clean(&a).contains_key("grund"));
        let a = answers(&[
            ("kennzeichen", "M-AB 1"),
            ("halter", "nein"),
            ("grund", "zu lang für das Feld"),
        ]);
        assert_eq!(failed(&s.validate_section(0, &a, TODAY)), ["grund"]);
    }

    #[test]
    fn dates_numbers_and_addresses() {
        let s = schema();
        let a = answers(&[
            ("beginn", "21.11.2026"),
            ("jahre", "3"),
            ("wohnung-strasse", "Hauptstraße"),
        ]);
        assert_eq!(
            failed(&s.validate_section(1, &a, TODAY)),
            [
                "beginn",
                "jahre",
                "wohnung-hausnummer",
                "wohnung-plz",
                "wohnung-ort"
            ]
        );
        let a = answers(&[
            ("beginn", "2026-11-22"),
            ("jahre", "2"),
            ("wohnung-strasse", "Hauptstraße"),
            ("wohnung-hausnummer", "5a"),
            ("wohnung-plz", "12345"),
            ("wohnung-ort", "Musterstadt"),
        ]);
        assert!(s.validate_section(1, &a, TODAY).is_empty());
    }

    #[test]
    fn a_visible_required_file_must_be_the_applicants_document() {
        let s = schema();
        let a = answers(&[
            ("kennzeichen", "M-AB 1"),
            ("halter", "nein"),
            ("grund", "Firma"),
            ("beginn", "22.11.2026"),
        ]);
        let base = answers(&[
            ("wohnung-strasse", "A"),
            ("wohnung-hausnummer", "1"),
            ("wohnung-plz", "12345"),
            ("wohnung-ort", "B"),
        ]);
        let mut a = a.into_iter().chain(base).collect::<Answers>();
        assert_eq!(failed(&s.validate_all(&a, TODAY, |_| true)), ["vollmacht"]);
        a.insert("vollmacht".into(), "doc-of-someone-else".into());
        assert_eq!(
            failed(&s.validate_all(&a, TODAY, |id| id == "mine")),
            ["vollmacht"]
        );
        a.insert("vollmacht".into(), "mine".into());
        assert!(s.validate_all(&a, TODAY, |id| id == "mine").is_empty());
    }

    #[test]
    fn broken_schemas_are_refused() {
        let dup = r#"{"sections": [{"title": "A", "fields": [
            {"id": "a", "label": "A", "kind": {"type": "yes_no"}}, {"id": "a", "label": "B", "kind": {"type": "yes_no"}}]}]}"#;
        assert!(FormSchema::parse_json(dup).unwrap_err().contains("twice"));
        let forward = r#"{"sections": [{"title": "A", "fields": [
            {"id": "b", "label": "B", "kind": {"type": "text"}, "visible_if": {"field": "a", "equals": "ja"}},
            {"id": "a", "label": "A", "kind": {"type": "yes_no"}}]}]}"#;
        assert!(
            FormSchema::parse_json(forward)
                .unwrap_err()
                .contains("earlier")
        );
        let no_options = r#"{"sections": [{"title": "A", "fields": [{"id": "c", "label": "C", "kind": {"type": "choice", "options": []}}]}]}"#;
        assert!(FormSchema::parse_json(no_options).is_err());
        assert!(FormSchema::parse_json(r#"{"sections": []}"#).is_err());
    }

    #[test]
    fn license_plates() {
        for ok in ["M-AB 1234", "B X 12E", "hh-a 1h", "KLE-XY 99"] {
            assert!(is_license_plate(ok), "{ok}");
        }
        for bad in ["MAB1234", "M-AB 01", "M-ABC 1", "M-AB 12345", "M-AB 12EH"] {
            assert!(!is_license_plate(bad), "{bad}");
        }
    }
}
