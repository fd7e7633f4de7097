//! Personal and address fields of SPEC §2.2 (names, street, house number, PO box, date of
//! birth). Each `parse` returns the cleaned value or the German message for the field.

use serde::{Deserialize, Serialize};

pub use super::date::Date;

fn has_forbidden_markup(s: &str) -> bool {
    s.contains('<') || s.contains('>')
}

/// Which name a message is about (German needs the noun in different cases).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameField {
    First,
    Last,
}

/// A first or last name: 1–100 characters, letters with spaces, hyphens, apostrophes, dots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

super::parsed_from_string!(PersonName, |s: &str| PersonName::parse(s, NameField::First));

impl PersonName {
    pub fn parse(input: &str, field: NameField) -> Result<Self, String> {
        let message = |problem: &str| {
            let key = match field {
                NameField::First => format!("name.first.{problem}"),
                NameField::Last => format!("name.last.{problem}"),
            };
            tr!(&key)
        };
        let s = input.trim();
        if s.is_empty() {
            return Err(message("empty"));
        }
        if s.chars().count() > 100 {
            return Err(message("too_long"));
        }
        let allowed = |c: char| c.is_alphabetic() || " -'’.".contains(c);
        if !s.chars().all(allowed) || !s.chars().any(char::is_alphabetic) {
            return Err(message("invalid"));
        }
        Ok(PersonName(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Street; where the address has no street, the city name goes here (SPEC §2.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Street(String);

super::parsed_from_string!(Street, Street::parse);

impl Street {
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err(tr!("street.empty"));
        }
        if s.chars().count() > 100 || has_forbidden_markup(s) {
            return Err(tr!("street.invalid"));
        }
        Ok(Street(s.to_owned()))
    }
}

/// House number: at most 11 characters, no spaces; letters and ranges (`2a`, `12a-c`,
/// `48-50`); `0` when the address has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HouseNumber(String);

super::parsed_from_string!(HouseNumber, HouseNumber::parse);

impl HouseNumber {
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err(tr!("house_number.empty"));
        }
        if s.chars().any(char::is_whitespace) {
            return Err(tr!("house_number.whitespace"));
        }
        if s.chars().count() > 11 {
            return Err(tr!("house_number.too_long"));
        }
        let valid = s.chars().next().is_some_and(|c| c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_digit() || c.is_alphabetic() || c == '-' || c == '/')
            && !s.ends_with('-')
            && !s.contains("--");
        if !valid {
            return Err(tr!("house_number.invalid"));
        }
        Ok(HouseNumber(s.to_owned()))
    }
}

/// German postcode: five digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Postcode(String);

super::parsed_from_string!(Postcode, Postcode::parse);

impl Postcode {
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        if s.len() == 5 && s.chars().all(|c| c.is_ascii_digit()) {
            Ok(Postcode(s.to_owned()))
        } else {
            Err(tr!("postcode.invalid"))
        }
    }
}

/// PO box ("Postfach") number: 4 to 20 digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PoBox(String);

super::parsed_from_string!(PoBox, PoBox::parse);

impl PoBox {
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        if (4..=20).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit()) {
            Ok(PoBox(s.to_owned()))
        } else {
            Err(tr!("po_box.invalid"))
        }
    }
}

/// City: 1–100 characters, letters with spaces, hyphens, dots, slashes and parentheses
/// ("Frankfurt (Oder)", "Halle/Saale").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct City(String);

super::parsed_from_string!(City, City::parse);

impl City {
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err(tr!("city.empty"));
        }
        let allowed = |c: char| c.is_alphabetic() || " -.'/()".contains(c);
        if s.chars().count() > 100 || !s.chars().all(allowed) || !s.chars().any(char::is_alphabetic)
        {
            return Err(tr!("city.invalid"));
        }
        Ok(City(s.to_owned()))
    }
}

/// Phone number: starts with `+` or `0`, 6 to 20 digits, with spaces, `-`, `/` and
/// parentheses as the user likes to group them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

super::parsed_from_string!(Phone, Phone::parse);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        let digits = s.chars().filter(char::is_ascii_digit).count();
        let valid = (s.starts_with('+') || s.starts_with('0'))
            && s[1..]
                .chars()
                .all(|c| c.is_ascii_digit() || " -/()".contains(c))
            && (6..=20).contains(&digits);
        if valid {
            Ok(Phone(s.to_owned()))
        } else {
            Err(tr!("phone.invalid"))
        }
    }
}

/// Academic title ("Dr.", "Prof. Dr."): up to 40 letters, dots, spaces and hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AcademicTitle(String);

super::parsed_from_string!(AcademicTitle, AcademicTitle::parse);

impl AcademicTitle {
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        let allowed = |c: char| c.is_alphabetic() || " .-".contains(c);
        if s.is_empty() || s.chars().count() > 40 || !s.chars().all(allowed) {
            return Err(tr!("title.invalid"));
        }
        Ok(AcademicTitle(s.to_owned()))
    }
}

/// Salutation as the letters use it; "keine Angabe" is stored as none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Salutation {
    Frau,
    Herr,
    Divers,
}

impl Salutation {
    pub const ALL: [Salutation; 3] = [Salutation::Frau, Salutation::Herr, Salutation::Divers];

    pub fn as_str(self) -> &'static str {
        match self {
            Salutation::Frau => "Frau",
            Salutation::Herr => "Herr",
            Salutation::Divers => "Divers",
        }
    }

    /// `""` is no salutation; anything else not in the list is an error.
    pub fn parse(input: &str) -> Result<Option<Self>, String> {
        match input.trim() {
            "" => Ok(None),
            v => Self::ALL
                .into_iter()
                .find(|s| s.as_str() == v)
                .map(Some)
                .ok_or_else(|| tr!("salutation.invalid")),
        }
    }
}

/// A real date in the past; `min_age` for an organisation admin (18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateOfBirth(Date);

impl DateOfBirth {
    pub fn parse(input: &str, today: Date, min_age: Option<i32>) -> Result<Self, String> {
        let date = Date::parse(input).ok_or_else(|| tr!("date_of_birth.invalid"))?;
        if date >= today {
            return Err(tr!("date_of_birth.future"));
        }
        if date.years_until(today) > 130 {
            return Err(tr!("date_of_birth.implausible"));
        }
        if let Some(min) = min_age
            && date.years_until(today) < min
        {
            return Err(tr!("date_of_birth.too_young", min = min));
        }
        Ok(DateOfBirth(date))
    }

    pub fn date(self) -> Date {
        self.0
    }
}

#[cfg(test)]
mod contact_tests {
    use super::*;

    #[test]
    fn cities_phones_titles_and_salutations() {
        for ok in [
            "Berlin",
            "Frankfurt (Oder)",
            "Halle/Saale",
            "St. Ingbert",
            "Neustadt a. d. Weinstraße",
        ] {
            assert!(City::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "12345", "Berlin<script>", &"x".repeat(101)] {
            assert!(City::parse(bad).is_err(), "{bad}");
        }
        for ok in ["030 1234567", "+49 (30) 123-456", "0171/1234567"] {
            assert!(Phone::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "12345",
            "030",
            "+49 30 abc",
            "49 30 1234567",
            "+1234567890123456789012",
        ] {
            assert!(Phone::parse(bad).is_err(), "{bad}");
        }
        assert!(AcademicTitle::parse("Prof. Dr.").is_ok());
        assert!(AcademicTitle::parse("Dr.<b>").is_err());
        assert_eq!(Salutation::parse("Frau"), Ok(Some(Salutation::Frau)));
        assert_eq!(Salutation::parse(""), Ok(None));
        assert!(Salutation::parse("Exzellenz").is_err());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TODAY: Date = Date::new(2026, 11, 22).unwrap();

    #[test]
    fn json_cannot_make_a_value_the_parser_refuses() {
        assert!(serde_json::from_str::<HouseNumber>(r#""12 a""#).is_err());
        assert!(serde_json::from_str::<PersonName>(r#""<script>""#).is_err());
        assert!(serde_json::from_str::<Postcode>(r#""1234""#).is_err());
        let street: Street = serde_json::from_str(r#"" Hauptstraße ""#).unwrap();
        assert_eq!(street, Street::parse("Hauptstraße").unwrap());
        assert_eq!(serde_json::to_string(&street).unwrap(), r#""Hauptstraße""#);
    }

    #[test]
    fn house_numbers_from_the_spec() {
        for ok in ["2a", "12a-c", "48-50", "0", "7", "101/3"] {
            assert!(HouseNumber::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "12 a", "a12", "123456789012", "12-", "1--2"] {
            assert!(HouseNumber::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn po_box_has_four_to_twenty_digits() {
        assert!(PoBox::parse("1234").is_ok());
        assert!(PoBox::parse(&"9".repeat(20)).is_ok());
        for bad in ["123", "12a4", &"9".repeat(21)] {
            assert!(PoBox::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn street_is_required() {
        assert!(Street::parse("  ").is_err());
        assert!(Street::parse("Hauptstraße").is_ok());
    }

    #[test]
    fn names_allow_umlauts_hyphens_and_apostrophes() {
        for ok in ["Jürgen", "Anne-Marie", "O'Neill", "Dr. h.c."] {
            assert!(PersonName::parse(ok, NameField::First).is_ok(), "{ok}");
        }
        assert!(PersonName::parse("<script>", NameField::First).is_err());
        assert_eq!(
            PersonName::parse("", NameField::First).unwrap_err(),
            "Bitte geben Sie Ihren Vornamen ein."
        );
        assert_eq!(
            PersonName::parse(&"x".repeat(101), NameField::Last).unwrap_err(),
            "Der Nachname darf höchstens 100 Zeichen lang sein."
        );
    }

    #[test]
    fn date_of_birth_must_be_real_and_past() {
        assert!(DateOfBirth::parse("2000-02-29", TODAY, None).is_ok());
        assert!(DateOfBirth::parse("2001-02-29", TODAY, None).is_err());
        assert!(DateOfBirth::parse("31.04.1990", TODAY, None).is_err());
        assert!(DateOfBirth::parse("2026-11-22", TODAY, None).is_err());
        assert!(DateOfBirth::parse("23.11.2030", TODAY, None).is_err());
    }

    #[test]
    fn an_organisation_admin_must_be_of_age() {
        assert!(DateOfBirth::parse("2008-11-22", TODAY, Some(18)).is_ok());
        assert!(DateOfBirth::parse("2008-11-23", TODAY, Some(18)).is_err());
    }

    proptest! {
        #[test]
        fn every_valid_calendar_day_parses_in_both_formats(y in 1900i32..2025, m in 1u32..=12, d in 1u32..=28) {
            let iso = Date::parse(&format!("{y:04}-{m:02}-{d:02}")).unwrap();
            let de = Date::parse(&format!("{d:02}.{m:02}.{y}")).unwrap();
            prop_assert_eq!(iso, de);
        }

        #[test]
        fn house_numbers_with_spaces_never_pass(a in "[0-9]{1,4}", b in "[a-z]{1,3}") {
            let with_space = format!("{a} {b}");
            prop_assert!(HouseNumber::parse(&with_space).is_err());
        }
    }
}
