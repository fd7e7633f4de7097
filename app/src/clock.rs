//! Wall-clock time as Unix seconds, the unit of every `*_at` column.

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// Today's date in UTC (for dates of birth a day's difference at midnight does not matter).
pub fn today() -> crate::kernel::date::Date {
    civil_from_days(now().div_euclid(86_400))
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> crate::kernel::date::Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    crate::kernel::date::Date::new(year, month, day).expect("civil_from_days yields real days")
}

#[cfg(test)]
mod tests {
    use crate::kernel::date::Date;

    #[test]
    fn days_become_dates() {
        assert_eq!(super::civil_from_days(0), Date::new(1970, 1, 1).unwrap());
        assert_eq!(
            super::civil_from_days(20_414),
            Date::new(2025, 11, 22).unwrap()
        );
        assert_eq!(
            super::civil_from_days(11_016),
            Date::new(2000, 2, 29).unwrap()
        );
    }
}

/// Offset of German time (CET/CEST) from UTC at a Unix time: summer time runs from the last
/// Sunday of March to the last Sunday of October, 01:00 UTC both.
fn berlin_offset_secs(unix: i64) -> i64 {
    let year = civil_from_days(unix.div_euclid(86_400)).year();
    let last_sunday = |month: u32| {
        let last_day = days_from_civil(year, month, 31);
        // 1970-01-01 was a Thursday: (days + 4) % 7 == 0 on Sundays.
        last_day - (last_day + 4).rem_euclid(7)
    };
    let start = last_sunday(3) * 86_400 + 3600;
    let end = last_sunday(10) * 86_400 + 3600;
    if (start..end).contains(&unix) {
        7200
    } else {
        3600
    }
}

/// Calendar date to days since 1970-01-01 (Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `22.11.2026, 18:53 Uhr` in German time, as pages and PDFs show it.
pub fn german_date_time(unix: i64) -> String {
    let local = unix + berlin_offset_secs(unix);
    let d = civil_from_days(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    format!(
        "{:02}.{:02}.{:04}, {:02}:{:02} Uhr",
        d.day(),
        d.month(),
        d.year(),
        secs / 3600,
        secs % 3600 / 60
    )
}

/// `22.11.2026` in German time.
pub fn german_date(unix: i64) -> String {
    german_date_time(unix)[..10].to_owned()
}

/// The Unix time of 00:00 German time on a date.
pub fn start_of_german_day(date: crate::kernel::date::Date) -> i64 {
    let utc_midnight = days_from_civil(date.year(), date.month(), date.day()) * 86_400;
    utc_midnight - berlin_offset_secs(utc_midnight)
}

#[test]
fn german_time_follows_summer_time() {
    assert_eq!(german_date_time(1_795_369_616), "22.11.2026, 18:46 Uhr");
    // 2026-07-01T10:00:00Z is 12:00 in summer.
    assert_eq!(german_date_time(1_782_900_000), "01.07.2026, 12:00 Uhr");
    assert_eq!(days_from_civil(2026, 11, 22), 20_414 + 365);
    assert_eq!(
        start_of_german_day(crate::kernel::date::Date::new(2026, 11, 22).unwrap()),
        1_795_302_000
    );
}

/// `2026-11-22T17:53:36Z` for a Unix time (exports and logs meant for people).
pub fn iso8601(unix: i64) -> String {
    let d = civil_from_days(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        d.year(),
        d.month(),
        d.day(),
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[test]
fn iso8601_formats_utc() {
    assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
    assert_eq!(iso8601(1_795_369_616), "2026-11-22T17:46:56Z");
}
