//! Recovery codes: ten single-use codes that replace an authenticator code when the phone is
//! lost. Shown once; only their SHA-256 is stored (50 random bits each, so a fast hash
//! suffices: guessing is throttled like passwords and the space is too large to enumerate).

use rand::Rng;
use sha2::{Digest, Sha256};

pub const COUNT: usize = 10;
/// No 0/O or 1/I: codes are read off paper.
const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// Ten new codes, formatted `XXXXX-XXXXX`.
pub fn generate() -> Vec<String> {
    let mut rng = rand::rng();
    (0..COUNT)
        .map(|_| {
            let chars: String = (0..10)
                .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

/// Upper case without spaces and dashes, so that `abcde fghjk` matches `ABCDE-FGHJK`.
pub fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// True for input shaped like a recovery code (then it is not an authenticator code).
pub fn looks_like_one(code: &str) -> bool {
    let n = normalise(code);
    n.len() == 10 && n.bytes().all(|b| ALPHABET.contains(&b))
}

pub fn hash(code: &str) -> String {
    Sha256::digest(normalise(code).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_well_formed_and_match_when_typed_loosely() {
        let codes = generate();
        assert_eq!(codes.len(), COUNT);
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), COUNT);
        for c in &codes {
            assert_eq!(c.len(), 11);
            assert!(looks_like_one(c));
            let loose = c.to_lowercase().replace('-', " ");
            assert_eq!(hash(&loose), hash(c));
        }
        assert!(!looks_like_one("123456"));
        assert_ne!(hash(&codes[0]), hash(&codes[1]));
    }
}
