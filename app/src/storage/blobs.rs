//! Where sealed document bytes live. The portal talks to a `BlobStore`; the local directory
//! is the default, an object store can take its place for several instances.

use std::path::PathBuf;

use tokio::io::AsyncWrite;

pub type BlobWriter = Box<dyn AsyncWrite + Send + Unpin>;

#[async_trait::async_trait]
pub trait BlobStore: Send + Sync {
    /// A writer for a new blob; it becomes visible under `key` only after `commit`.
    async fn create(&self, key: &str) -> std::io::Result<BlobWriter>;
    async fn commit(&self, key: &str) -> std::io::Result<()>;
    async fn read(&self, key: &str) -> std::io::Result<Vec<u8>>;
    /// Deleting a missing blob is not an error (jobs may run twice).
    async fn delete(&self, key: &str) -> std::io::Result<()>;
}

/// Blobs as files in one directory; a blob is written under a temporary name and renamed, so
/// a crash mid-upload leaves no half file under a real key.
pub struct LocalDir {
    dir: PathBuf,
}

impl LocalDir {
    pub fn new(dir: PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(LocalDir { dir })
    }

    fn path(&self, key: &str) -> PathBuf {
        // Keys are ours (random hex), never user input; the check is a second line.
        debug_assert!(key.chars().all(|c| c.is_ascii_alphanumeric()));
        self.dir.join(key)
    }

    fn partial(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.partial"))
    }
}

#[async_trait::async_trait]
impl BlobStore for LocalDir {
    async fn create(&self, key: &str) -> std::io::Result<BlobWriter> {
        Ok(Box::new(tokio::fs::File::create(self.partial(key)).await?))
    }

    async fn commit(&self, key: &str) -> std::io::Result<()> {
        tokio::fs::rename(self.partial(key), self.path(key)).await
    }

    async fn read(&self, key: &str) -> std::io::Result<Vec<u8>> {
        tokio::fs::read(self.path(key)).await
    }

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        for p in [self.path(key), self.partial(key)] {
            match tokio::fs::remove_file(p).await {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }
}
