//! Encryption at rest under one master key (`PORTAL_STORAGE_KEY`).
//!
//! Documents: AES-256-GCM over 64 KiB records, so a file is sealed while it streams in. Each
//! file has its own key, derived with HKDF-SHA256 from the master key and a random 32-byte
//! salt in the file's header, so nonces only need to be unique within one file: they are the
//! record counter and a last-record flag (the STREAM construction), and records cannot be
//! reordered, dropped or cut off at the end. Every record's associated data names the
//! document (its storage key), so a file moved under another document's name does not open.
//!
//! Short secrets (TOTP seeds): AES-256-GCM under a key derived for their purpose, a random
//! nonce each, the owner as associated data; stored as text (`enc1:` and base64).
//!
//! Files of the first format (`SPV1`: the master key itself, a 7-byte random nonce prefix, no
//! binding) still open, so that [`crate::storage`]'s migration can re-seal them.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};

pub const RECORD: usize = 64 * 1024;
const MAGIC_V1: &[u8; 4] = b"SPV1";
const MAGIC: &[u8; 4] = b"SPV2";
const SALT: usize = 32;
const TAG: usize = 16;
const SECRET_PREFIX: &str = "enc1:";

/// The master key (32 bytes); it cannot be printed or serialised.
#[derive(Clone)]
pub struct StorageKey {
    master: [u8; 32],
}

impl std::fmt::Debug for StorageKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StorageKey(…)")
    }
}

impl StorageKey {
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        Some(StorageKey {
            master: bytes.try_into().ok()?,
        })
    }

    /// A key for one purpose (`info`), and with a salt for one file.
    fn derive(&self, salt: Option<&[u8]>, info: &[u8]) -> Aes256Gcm {
        let mut okm = [0u8; 32];
        hkdf::Hkdf::<sha2::Sha256>::new(salt, &self.master)
            .expand(info, &mut okm)
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        Aes256Gcm::new_from_slice(&okm).expect("32-byte key")
    }

    fn file_cipher(&self, salt: &[u8]) -> Aes256Gcm {
        self.derive(Some(salt), b"serviceportal document v2")
    }

    fn legacy_cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new_from_slice(&self.master).expect("32-byte key")
    }

    /// Seals a short secret of `purpose` belonging to `owner` (e.g. a TOTP seed and its
    /// account), as text for a database column.
    pub fn seal_secret(&self, purpose: &str, owner: &str, plain: &str) -> String {
        use base64::Engine;
        use rand::RngCore;
        let mut nonce = [0u8; 12];
        rand::rng().fill_bytes(&mut nonce);
        let aad = format!("{purpose}:{owner}");
        let sealed = self
            .derive(None, purpose.as_bytes())
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .expect("AES-GCM encrypts any length we use");
        let bytes = [nonce.as_slice(), &sealed].concat();
        format!(
            "{SECRET_PREFIX}{}",
            base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
        )
    }

    /// Opens what [`seal_secret`](Self::seal_secret) made for the same purpose and owner.
    pub fn open_secret(
        &self,
        purpose: &str,
        owner: &str,
        stored: &str,
    ) -> Result<String, Tampered> {
        use base64::Engine;
        let encoded = stored.strip_prefix(SECRET_PREFIX).ok_or(Tampered)?;
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(encoded)
            .map_err(|_| Tampered)?;
        let (nonce, sealed) = bytes.split_at_checked(12).ok_or(Tampered)?;
        let aad = format!("{purpose}:{owner}");
        let plain = self
            .derive(None, purpose.as_bytes())
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| Tampered)?;
        String::from_utf8(plain).map_err(|_| Tampered)
    }
}

/// True for a value [`StorageKey::seal_secret`] made (the migration leaves those alone).
pub fn is_sealed_secret(stored: &str) -> bool {
    stored.starts_with(SECRET_PREFIX)
}

/// True for a file of the first format, which the migration re-seals.
pub fn is_legacy(sealed: &[u8]) -> bool {
    sealed.starts_with(MAGIC_V1)
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the stored document could not be decrypted")]
pub struct Tampered;

fn nonce(prefix: &[u8; 7], counter: u32, last: bool) -> [u8; 12] {
    let mut n = [0u8; 12];
    n[..7].copy_from_slice(prefix);
    n[7..11].copy_from_slice(&counter.to_be_bytes());
    n[11] = last as u8;
    n
}

/// Seals a stream of bytes: feed chunks of any size, then `finish`. Output is produced
/// record by record, so memory stays at one record.
pub struct Sealer {
    cipher: Aes256Gcm,
    salt: [u8; SALT],
    /// `MAGIC` and the document's storage key: every record's associated data.
    aad: Vec<u8>,
    counter: u32,
    pending: Vec<u8>,
    header_written: bool,
}

impl Sealer {
    /// A sealer for the document stored under `document` (its storage key).
    pub fn new(key: &StorageKey, document: &str) -> Self {
        use rand::RngCore;
        let mut salt = [0u8; SALT];
        rand::rng().fill_bytes(&mut salt);
        Sealer {
            cipher: key.file_cipher(&salt),
            salt,
            aad: [MAGIC.as_slice(), document.as_bytes()].concat(),
            counter: 0,
            pending: Vec::with_capacity(RECORD),
            header_written: false,
        }
    }

    /// Takes plain bytes; returns sealed bytes to write (maybe none yet).
    pub fn update(&mut self, mut data: &[u8]) -> Vec<u8> {
        let mut out = self.header();
        while !data.is_empty() {
            // A full record is sealed only when more data follows, so the last one can be
            // flagged as last in `finish`.
            if self.pending.len() == RECORD {
                let record = std::mem::take(&mut self.pending);
                out.extend(self.seal(&record, false));
            }
            let take = (RECORD - self.pending.len()).min(data.len());
            self.pending.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
        out
    }

    pub fn finish(mut self) -> Vec<u8> {
        let mut out = self.header();
        let record = std::mem::take(&mut self.pending);
        out.extend(self.seal(&record, true));
        out
    }

    fn header(&mut self) -> Vec<u8> {
        if self.header_written {
            return Vec::new();
        }
        self.header_written = true;
        [MAGIC.as_slice(), &self.salt].concat()
    }

    fn seal(&mut self, plain: &[u8], last: bool) -> Vec<u8> {
        // The key is the file's own: the counter alone makes each nonce unique.
        let n = nonce(&[0; 7], self.counter, last);
        self.counter += 1;
        let sealed = self
            .cipher
            .encrypt(
                Nonce::from_slice(&n),
                Payload {
                    msg: plain,
                    aad: &self.aad,
                },
            )
            .expect("AES-GCM encrypts any length we use");
        [(sealed.len() as u32).to_be_bytes().as_slice(), &sealed].concat()
    }
}

/// Opens a whole sealed file of the document stored under `document`.
pub fn open(key: &StorageKey, document: &str, sealed: &[u8]) -> Result<Vec<u8>, Tampered> {
    if let Some(rest) = sealed.strip_prefix(MAGIC.as_slice()) {
        let (salt, records) = rest.split_at_checked(SALT).ok_or(Tampered)?;
        let aad = [MAGIC.as_slice(), document.as_bytes()].concat();
        return open_records(&key.file_cipher(salt), &[0; 7], &aad, records);
    }
    let rest = sealed.strip_prefix(MAGIC_V1.as_slice()).ok_or(Tampered)?;
    let (prefix, records) = rest.split_at_checked(7).ok_or(Tampered)?;
    let prefix: [u8; 7] = prefix.try_into().map_err(|_| Tampered)?;
    open_records(&key.legacy_cipher(), &prefix, MAGIC_V1, records)
}

fn open_records(
    cipher: &Aes256Gcm,
    prefix: &[u8; 7],
    aad: &[u8],
    mut rest: &[u8],
) -> Result<Vec<u8>, Tampered> {
    let mut out = Vec::with_capacity(rest.len());
    let mut counter = 0u32;
    loop {
        let (len, after) = rest.split_at_checked(4).ok_or(Tampered)?;
        let len = u32::from_be_bytes(len.try_into().map_err(|_| Tampered)?) as usize;
        if !(TAG..=RECORD + TAG).contains(&len) {
            return Err(Tampered);
        }
        let (record, after) = after.split_at_checked(len).ok_or(Tampered)?;
        let last = after.is_empty();
        let n = nonce(prefix, counter, last);
        out.extend(
            cipher
                .decrypt(Nonce::from_slice(&n), Payload { msg: record, aad })
                .map_err(|_| Tampered)?,
        );
        if last {
            return Ok(out);
        }
        counter += 1;
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> StorageKey {
        StorageKey::from_bytes(&[7u8; 32]).unwrap()
    }

    const DOC: &str = "a1b2c3";

    fn seal_in_pieces(data: &[u8], piece: usize) -> Vec<u8> {
        let mut s = Sealer::new(&key(), DOC);
        let mut out = Vec::new();
        for chunk in data.chunks(piece.max(1)) {
            out.extend(s.update(chunk));
        }
        out.extend(s.finish());
        out
    }

    #[test]
    fn round_trip_at_record_boundaries() {
        for len in [
            0,
            1,
            RECORD - 1,
            RECORD,
            RECORD + 1,
            3 * RECORD,
            3 * RECORD + 17,
        ] {
            let data: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
            for piece in [1000, RECORD, 7 * RECORD] {
                let sealed = seal_in_pieces(&data, piece);
                assert_eq!(
                    open(&key(), DOC, &sealed).as_deref(),
                    Ok(data.as_slice()),
                    "len {len}, piece {piece}"
                );
            }
        }
    }

    #[test]
    fn the_plain_text_is_not_in_the_file() {
        let data = b"%PDF-1.7 Geheimer Fahrzeugschein".repeat(100);
        let sealed = seal_in_pieces(&data, 4096);
        assert!(!sealed.windows(12).any(|w| w == b"Fahrzeugsche"));
    }

    #[test]
    fn tampering_truncating_and_wrong_keys_fail() {
        let data = vec![42u8; 2 * RECORD + 5];
        let sealed = seal_in_pieces(&data, RECORD);
        let mut flipped = sealed.clone();
        flipped[60] ^= 1;
        assert_eq!(open(&key(), DOC, &flipped), Err(Tampered));
        // Dropping the last record leaves a record that was not sealed as last.
        let first_two = 4 + SALT + 2 * (4 + RECORD + TAG);
        assert_eq!(open(&key(), DOC, &sealed[..first_two]), Err(Tampered));
        assert_eq!(
            open(&StorageKey::from_bytes(&[8u8; 32]).unwrap(), DOC, &sealed),
            Err(Tampered)
        );
    }

    #[test]
    fn a_file_opens_only_as_the_document_it_was_sealed_for() {
        let sealed = seal_in_pieces(b"Bescheid", 100);
        assert_eq!(open(&key(), "other-document", &sealed), Err(Tampered));
    }

    #[test]
    fn each_file_has_its_own_key() {
        // The same bytes sealed twice share nothing: a fresh salt, so a fresh key.
        let (a, b) = (seal_in_pieces(b"x", 1), seal_in_pieces(b"x", 1));
        assert_ne!(a[4..4 + SALT], b[4..4 + SALT]);
        assert_ne!(a[4 + SALT..], b[4 + SALT..]);
    }

    /// A file of the first format, as that code wrote it.
    fn legacy_file(key: &[u8; 32], plain: &[u8]) -> Vec<u8> {
        let cipher = Aes256Gcm::new_from_slice(key).unwrap();
        let prefix = [9u8; 7];
        let sealed = cipher
            .encrypt(
                Nonce::from_slice(&nonce(&prefix, 0, true)),
                Payload {
                    msg: plain,
                    aad: MAGIC_V1,
                },
            )
            .unwrap();
        [
            MAGIC_V1.as_slice(),
            &prefix,
            &(sealed.len() as u32).to_be_bytes(),
            &sealed,
        ]
        .concat()
    }

    #[test]
    fn files_of_the_first_format_still_open() {
        let old = legacy_file(&[7u8; 32], b"alt");
        assert!(is_legacy(&old));
        assert_eq!(open(&key(), DOC, &old).as_deref(), Ok(b"alt".as_slice()));
        assert!(!is_legacy(&seal_in_pieces(b"neu", 10)));
    }

    #[test]
    fn secrets_open_only_for_their_purpose_and_owner() {
        let k = key();
        let stored = k.seal_secret("totp", "42", "JBSWY3DPEHPK3PXP");
        assert!(is_sealed_secret(&stored) && !stored.contains("JBSWY3DP"));
        assert_eq!(
            k.open_secret("totp", "42", &stored).as_deref(),
            Ok("JBSWY3DPEHPK3PXP")
        );
        assert_eq!(k.open_secret("totp", "43", &stored), Err(Tampered));
        assert_eq!(k.open_secret("other", "42", &stored), Err(Tampered));
        assert_ne!(stored, k.seal_secret("totp", "42", "JBSWY3DPEHPK3PXP"));
    }
}
