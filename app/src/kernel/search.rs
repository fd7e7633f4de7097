//! Search text folding and matching shared by server and browser: `ä`/`ae`, `ß`/`ss` and case
//! are equal, and a word of five or more letters may carry one typo.

/// The longest search text looked at; search fields take no more either (`maxlength`).
pub const MAX_CHARS: usize = 100;

/// A search text cut to [`MAX_CHARS`], so that a long one costs no more than a short one.
pub fn capped(query: &str) -> String {
    query.chars().take(MAX_CHARS).collect()
}

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

/// True when every word of the query occurs in one of the texts — as part of a word, or, for
/// query words of five or more letters, as a prefix of a word with one letter wrong, missing,
/// extra or two letters swapped ("hundsteuer", "hundesetuer").
pub fn matches(query: &str, texts: &[&str]) -> bool {
    let haystack = fold(&texts.join(" "));
    let words: Vec<&str> = haystack
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    fold(query).split_whitespace().all(|q| {
        haystack.contains(q) || (q.chars().count() >= 5 && words.iter().any(|w| near_prefix(q, w)))
    })
}

/// True when `query` is within one edit (Damerau: substitution, insertion, deletion or swap of
/// neighbours) of some prefix of `word`.
fn near_prefix(query: &str, word: &str) -> bool {
    let q: Vec<char> = query.chars().collect();
    let w: Vec<char> = word.chars().collect();
    // Prefixes one shorter, as long and one longer than the query can be one edit away.
    (q.len().saturating_sub(1)..=q.len() + 1)
        .filter(|&n| n <= w.len())
        .any(|n| edit_distance_at_most_one(&q, &w[..n]))
}

fn edit_distance_at_most_one(a: &[char], b: &[char]) -> bool {
    let first_diff = a.iter().zip(b).position(|(x, y)| x != y);
    let Some(i) = first_diff else {
        return a.len().abs_diff(b.len()) <= 1;
    };
    match a.len() as isize - b.len() as isize {
        0 => {
            a[i + 1..] == b[i + 1..]
                || (i + 1 < a.len()
                    && a[i] == b[i + 1]
                    && a[i + 1] == b[i]
                    && a[i + 2..] == b[i + 2..])
        }
        1 => a[i + 1..] == b[i..],
        -1 => a[i..] == b[i + 1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_text_is_looked_at_up_to_its_cap() {
        let long = "ä".repeat(MAX_CHARS * 50);
        assert_eq!(capped(&long).chars().count(), MAX_CHARS);
        assert_eq!(capped("Hundesteuer"), "Hundesteuer");
    }

    #[test]
    fn umlaut_spellings_are_equal() {
        assert!(matches(
            "Hundesteuer anmeldung",
            &["Anmeldung zur Hundesteuer"]
        ));
        assert!(matches(
            "bewohnerparkausweis",
            &["Bewohnerparkausweis beantragen"]
        ));
        assert!(matches("fuehrungszeugnis", &["Führungszeugnis"]));
        assert!(matches("Strasse", &["Straßenreinigung"]));
    }

    #[test]
    fn one_typo_in_a_longer_word_is_forgiven() {
        assert!(
            matches("hundsteuer", &["Hundesteuer anmelden"]),
            "a letter missing"
        );
        assert!(
            matches("hundesetuer", &["Hundesteuer"]),
            "two letters swapped"
        );
        assert!(
            matches("Hundesteuer anmelden", &["Anmeldung zur Hundesteuer"]),
            "the verb finds the noun"
        );
        assert!(
            matches("meldebescheinigunk", &["Meldebescheinigung"]),
            "a wrong letter"
        );
        assert!(
            matches("parrkausweis", &["Bewohnerparkausweis", "Parkausweis"]),
            "an extra letter"
        );
        assert!(matches("anmeld", &["Anmeldung"]), "a prefix");
    }

    #[test]
    fn short_words_and_two_typos_must_match_exactly() {
        assert!(!matches("hnud", &["Hund"]), "short words get no typo");
        assert!(!matches("hndstuer", &["Hundesteuer"]), "two typos");
        assert!(!matches("wohngeld", &["Hundesteuer anmelden"]));
    }
}
