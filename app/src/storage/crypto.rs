//! Encryption at rest: AES-256-GCM over 64 KiB records, so a file is sealed while it streams
//! in. Each record's nonce is the file's random 7-byte prefix, the record counter and a
//! last-record flag (the STREAM construction), so records cannot be reordered, dropped or cut
//! off at the end without the decryption failing.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};

pub const RECORD: usize = 64 * 1024;
const MAGIC: &[u8; 4] = b"SPV1";
const TAG: usize = 16;

/// The storage key (32 bytes); it cannot be printed or serialised.
#[derive(Clone)]
pub struct StorageKey(Aes256Gcm);

impl std::fmt::Debug for StorageKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StorageKey(…)")
    }
}

impl StorageKey {
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        (bytes.len() == 32)
            .then(|| StorageKey(Aes256Gcm::new_from_slice(bytes).expect("32-byte key")))
    }
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
    key: StorageKey,
    prefix: [u8; 7],
    counter: u32,
    pending: Vec<u8>,
    header_written: bool,
}

impl Sealer {
    pub fn new(key: StorageKey) -> Self {
        use rand::RngCore;
        let mut prefix = [0u8; 7];
        rand::rng().fill_bytes(&mut prefix);
        Sealer {
            key,
            prefix,
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
        [MAGIC.as_slice(), &self.prefix].concat()
    }

    fn seal(&mut self, plain: &[u8], last: bool) -> Vec<u8> {
        let n = nonce(&self.prefix, self.counter, last);
        self.counter += 1;
        let sealed = self
            .key
            .0
            .encrypt(
                Nonce::from_slice(&n),
                Payload {
                    msg: plain,
                    aad: MAGIC,
                },
            )
            .expect("AES-GCM encrypts any length we use");
        [(sealed.len() as u32).to_be_bytes().as_slice(), &sealed].concat()
    }
}

/// Opens a whole sealed file.
pub fn open(key: &StorageKey, sealed: &[u8]) -> Result<Vec<u8>, Tampered> {
    let rest = sealed.strip_prefix(MAGIC.as_slice()).ok_or(Tampered)?;
    let (prefix, mut rest) = rest.split_at_checked(7).ok_or(Tampered)?;
    let prefix: [u8; 7] = prefix.try_into().map_err(|_| Tampered)?;
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
        let n = nonce(&prefix, counter, last);
        out.extend(
            key.0
                .decrypt(
                    Nonce::from_slice(&n),
                    Payload {
                        msg: record,
                        aad: MAGIC,
                    },
                )
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

    fn seal_in_pieces(data: &[u8], piece: usize) -> Vec<u8> {
        let mut s = Sealer::new(key());
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
                    open(&key(), &sealed).as_deref(),
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
        flipped[30] ^= 1;
        assert_eq!(open(&key(), &flipped), Err(Tampered));
        // Dropping the last record leaves a record that was not sealed as last.
        let first_two = 4 + 7 + 2 * (4 + RECORD + TAG);
        assert_eq!(open(&key(), &sealed[..first_two]), Err(Tampered));
        assert_eq!(
            open(&StorageKey::from_bytes(&[8u8; 32]).unwrap(), &sealed),
            Err(Tampered)
        );
    }
}
