//! Wall-clock time as Unix seconds, the unit of every `*_at` column.

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// Today's date in UTC (for dates of birth a day's difference at midnight does not matter).
pub fn today() -> crate::accounts::fields::Date {
    civil_from_days(now().div_euclid(86_400))
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> crate::accounts::fields::Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    crate::accounts::fields::Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use crate::accounts::fields::Date;

    #[test]
    fn days_become_dates() {
        assert_eq!(super::civil_from_days(0), Date { year: 1970, month: 1, day: 1 });
        assert_eq!(super::civil_from_days(20_414), Date { year: 2025, month: 11, day: 22 });
        assert_eq!(super::civil_from_days(11_016), Date { year: 2000, month: 2, day: 29 });
    }
}

/// `2026-11-22T17:53:36Z` for a Unix time (exports and logs meant for people).
pub fn iso8601(unix: i64) -> String {
    let d = civil_from_days(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", d.year, d.month, d.day, secs / 3600, secs % 3600 / 60, secs % 60)
}

#[test]
fn iso8601_formats_utc() {
    assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
    assert_eq!(iso8601(1_795_369_616), "2026-11-22T17:46:56Z");
}
