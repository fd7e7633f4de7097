//! Search text folding shared by server and browser: `ä`/`ae`, `ß`/`ss` and case are equal.

pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

/// True when every word of the query occurs in one of the texts.
pub fn matches(query: &str, texts: &[&str]) -> bool {
    let haystack = fold(&texts.join(" "));
    fold(query).split_whitespace().all(|w| haystack.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlaut_spellings_are_equal() {
        assert!(!matches("Hundesteuer anmelden", &["Anmeldung zur Hundesteuer"]));
        assert!(matches("bewohnerparkausweis", &["Bewohnerparkausweis beantragen"]));
        assert!(matches("fuehrungszeugnis", &["Führungszeugnis"]));
        assert!(matches("Strasse", &["Straßenreinigung"]));
    }
}
