//! Random tokens for cookies and mailed links. Only their SHA-256 is stored, so a database
//! leak does not hand out sessions or links.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::secret::Secret;

/// 256 random bits from the OS CSPRNG, URL-safe.
pub fn new_token() -> Secret {
    let mut bytes = [0u8; 32];
    // ThreadRng is a CSPRNG (ChaCha12) seeded and periodically reseeded from the OS.
    rand::rng().fill_bytes(&mut bytes);
    Secret::new(URL_SAFE_NO_PAD.encode(bytes))
}

/// `bytes` random bytes as lower-case hex: ids in URLs and storage keys.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_distinct_and_hash_to_hex() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), 43);
        let h = token_hash(a.expose());
        assert_eq!(h.len(), 64);
        assert_eq!(h, token_hash(a.expose()));
        assert_ne!(h, token_hash(b.expose()));
    }
}
