//! Case numbers: `VG-2026-7KQ4-M2XD`. Random (40 bits), so a number says nothing about other
//! cases, in Crockford's alphabet so it can be read out on the phone.

use rand::Rng;

const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

pub fn new_case_number(year: i32) -> String {
    let mut rng = rand::rng();
    let mut part = || {
        (0..4)
            .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
            .collect::<String>()
    };
    format!("VG-{year}-{}-{}", part(), part())
}

/// A typed number in a canonical form (upper case, `O`→`0`, `I`/`L`→`1`), or `None` if it
/// cannot be one — so that a lookup never runs with arbitrary text.
pub fn normalise(input: &str) -> Option<String> {
    let s: String = input
        .trim()
        .to_uppercase()
        .chars()
        .map(|c| match c {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    let parts: Vec<&str> = s.split('-').collect();
    let ok = matches!(parts.as_slice(), ["VG", y, a, b]
        if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit())
        && [a, b].iter().all(|p| p.len() == 4 && p.bytes().all(|c| ALPHABET.contains(&c))));
    ok.then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_well_formed_and_distinct() {
        let a = new_case_number(2026);
        assert_eq!(a.len(), "VG-2026-XXXX-XXXX".len());
        assert_eq!(normalise(&a), Some(a.clone()));
        assert_ne!(a, new_case_number(2026));
        assert_eq!(
            normalise(" vg-2026-7kq4-m2xo "),
            Some("VG-2026-7KQ4-M2X0".into())
        );
        assert_eq!(normalise("VG-2026-7KQ4"), None);
        assert_eq!(normalise("1 OR 1=1"), None);
    }
}
