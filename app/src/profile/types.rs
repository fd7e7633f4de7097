use serde::{Deserialize, Serialize};

/// One login of the account as the session list shows it. `id` is a public handle (a prefix
/// of the token's hash), never the database id or anything that would let one log in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: String,
    pub device: String,
    pub started: String,
    pub last_active: String,
    pub current: bool,
}

/// One entry of the "Sicherheitsprotokoll", as the owner reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityLogLine {
    pub when: String,
    pub what: String,
    /// The device and network ("Firefox auf Windows, Netz 203.0.113.0/24").
    pub client: String,
}

/// The owner's security log: the latest entries and how many days it reaches back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityLog {
    pub lines: Vec<SecurityLogLine>,
    pub days: i64,
}

/// "Chrome auf Linux" from a User-Agent header; good enough to recognise one's devices.
pub fn describe_device(user_agent: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(marker, _)| user_agent.contains(marker))
    .map(|(_, name)| *name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(marker, _)| user_agent.contains(marker))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => crate::tr!("profile.device_on", browser = b, system = s),
        (Some(b), None) => b.to_owned(),
        _ => crate::tr!("profile.device_unknown"),
    }
}

/// "vor 5 Minuten" — relative, so the server needs no time zone of the user.
pub fn ago(secs: i64) -> String {
    match secs {
        s if s < 60 => crate::tr!("profile.ago_now"),
        s if s < 120 => crate::tr!("profile.ago_minute"),
        s if s < 3600 => crate::tr!("profile.ago_minutes", n = s / 60),
        s if s < 7200 => crate::tr!("profile.ago_hour"),
        s if s < 86_400 => crate::tr!("profile.ago_hours", n = s / 3600),
        s if s < 2 * 86_400 => crate::tr!("profile.ago_day"),
        s => crate::tr!("profile.ago_days", n = s / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_named_by_browser_and_system() {
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
        assert_eq!(describe_device(chrome), "Chrome auf Linux");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_device(iphone), "Safari auf iOS");
        assert_eq!(describe_device("curl/8"), "Unbekanntes Gerät");
    }

    #[test]
    fn times_read_as_german_relative_phrases() {
        assert_eq!(ago(5), "gerade eben");
        assert_eq!(ago(90), "vor 1 Minute");
        assert_eq!(ago(300), "vor 5 Minuten");
        assert_eq!(ago(7200), "vor 2 Stunden");
        assert_eq!(ago(3 * 86_400), "vor 3 Tagen");
    }
}
