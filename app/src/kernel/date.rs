//! A calendar date without a time zone: dates of birth, form answers, filter ranges.

use serde::{Deserialize, Serialize};

/// A real calendar day from the year 1000 on. Only `new` and `parse` make one, and a
/// deserialised date goes through `new`, so an impossible day (31 April) cannot exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "DateParts", into = "DateParts")]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

/// The wire and storage shape of a date (`{"year":…,"month":…,"day":…}`).
#[derive(Serialize, Deserialize)]
struct DateParts {
    year: i32,
    month: u32,
    day: u32,
}

impl TryFrom<DateParts> for Date {
    type Error = String;
    fn try_from(p: DateParts) -> Result<Self, Self::Error> {
        Date::new(p.year, p.month, p.day)
            .ok_or_else(|| format!("no such day: {}-{}-{}", p.year, p.month, p.day))
    }
}

impl From<Date> for DateParts {
    fn from(d: Date) -> Self {
        DateParts {
            year: d.year,
            month: d.month,
            day: d.day,
        }
    }
}

impl Date {
    /// The day, if it exists.
    pub const fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if year < 1000 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Accepts ISO `2000-01-31` (what `<input type="date">` sends) and German `31.01.2000`.
    pub fn parse(input: &str) -> Option<Date> {
        let s = input.trim();
        let (y, m, d) = if let Some((y, rest)) = s.split_once('-') {
            let (m, d) = rest.split_once('-')?;
            (y, m, d)
        } else {
            let mut it = s.split('.');
            let (d, m, y) = (it.next()?, it.next()?, it.next()?);
            if it.next().is_some() {
                return None;
            }
            (y, m, d)
        };
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn day(self) -> u32 {
        self.day
    }

    /// `2000-01-31`, as `<input type="date">` wants it.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `31.01.2000`, as German text shows it.
    pub fn german(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    /// Whole years from `self` to `today`.
    pub fn years_until(self, today: Date) -> i32 {
        let mut years = today.year - self.year;
        if (today.month, today.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }
}

const fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_days_do_not_exist() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2023, 4, 31).is_none());
        assert!(Date::new(2023, 13, 1).is_none());
        assert!(Date::new(999, 1, 1).is_none());
    }

    #[test]
    fn a_deserialised_date_is_checked_like_a_typed_one() {
        let ok: Date = serde_json::from_str(r#"{"year":2000,"month":1,"day":31}"#).unwrap();
        assert_eq!(ok.german(), "31.01.2000");
        assert_eq!(
            serde_json::to_string(&ok).unwrap(),
            r#"{"year":2000,"month":1,"day":31}"#
        );
        assert!(serde_json::from_str::<Date>(r#"{"year":2001,"month":2,"day":29}"#).is_err());
    }

    #[test]
    fn both_spellings_give_the_same_day() {
        assert_eq!(Date::parse("2000-01-31"), Date::parse("31.01.2000"));
        assert_eq!(Date::parse("2000-01-31").unwrap().iso(), "2000-01-31");
        assert_eq!(Date::parse("31.01.2000.1"), None);
    }
}
