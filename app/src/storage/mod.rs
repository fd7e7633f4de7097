//! Encrypted file storage (platform): the blob store behind an interface (a local directory
//! now, object storage next), the encryption at rest, and the limits. The documents core
//! decides who may read what; this only keeps bytes safe.

pub mod blobs;
pub mod crypto;

use blobs::BlobStore;
use crypto::StorageKey;

/// The blob store, the key and the limits, shared by every request.
pub struct DocumentStore {
    pub blobs: Box<dyn BlobStore>,
    pub key: StorageKey,
    pub max_file_bytes: u64,
    pub max_application_bytes: u64,
    /// All documents in one account's safe together.
    pub max_safe_bytes: u64,
}

impl DocumentStore {
    /// The local directory store under the data folder, with the configured key or one made
    /// on first start and kept beside the database (readable only by the portal's user).
    pub fn from_config(config: &crate::config::Config) -> std::io::Result<Self> {
        let key_bytes = match &config.storage_key_hex {
            Some(hex) => decode_hex(hex.expose()),
            None => {
                let path = config.data_dir.join("storage.key");
                std::fs::create_dir_all(&config.data_dir)?;
                match std::fs::read_to_string(&path) {
                    Ok(hex) => decode_hex(hex.trim()),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        let hex = crate::token::random_hex(32);
                        write_private(&path, &hex)?;
                        decode_hex(&hex)
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        let key = key_bytes
            .as_deref()
            .and_then(StorageKey::from_bytes)
            .ok_or_else(|| std::io::Error::other("the storage key must be 64 hex digits"))?;
        Ok(DocumentStore {
            blobs: Box::new(blobs::LocalDir::new(config.data_dir.join("documents"))?),
            key,
            max_file_bytes: config.upload_max_bytes,
            max_application_bytes: config.application_max_bytes,
            max_safe_bytes: config.safe_quota_bytes,
        })
    }
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    hex.len().is_multiple_of(2).then_some(())?;
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

fn write_private(path: &std::path::Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(content.as_bytes())
}
