//! Where to go after logging in: only a path on this portal, never another site (an open
//! redirect would make our login page a phishing tool).

pub const DEFAULT_AFTER_LOGIN: &str = "/mein-bereich";

pub fn safe_return_path(candidate: Option<&str>) -> String {
    let Some(p) = candidate.map(str::trim).filter(|p| !p.is_empty()) else {
        return DEFAULT_AFTER_LOGIN.to_owned();
    };
    let safe = p.starts_with('/')
        && !p.starts_with("//")
        && !p.contains('\\')
        && !p.chars().any(char::is_control)
        && p.len() <= 512
        && !p.starts_with("/anmelden")
        && !p.starts_with("/api/");
    if safe {
        p.to_owned()
    } else {
        DEFAULT_AFTER_LOGIN.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_paths_are_kept() {
        assert_eq!(
            safe_return_path(Some("/postfach?seite=2")),
            "/postfach?seite=2"
        );
    }

    #[test]
    fn other_sites_and_odd_paths_fall_back() {
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "/anmelden",
            "/api/logout",
            "",
        ] {
            assert_eq!(safe_return_path(Some(bad)), DEFAULT_AFTER_LOGIN, "{bad}");
        }
        assert_eq!(safe_return_path(None), DEFAULT_AFTER_LOGIN);
    }
}
