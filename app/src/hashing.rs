//! Argon2id password hashing with OWASP's parameters (19 MiB, 2 iterations, 1 lane), run on
//! the blocking pool with bounded concurrency so that a burst of logins cannot starve the
//! async workers or exhaust memory.

use std::sync::Arc;

use argon2::password_hash::{
    PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::error::AppError;
use crate::secret::Secret;

/// How long a request waits for the hasher before it is told to try again (429): a burst
/// larger than the machine can hash in that time is refused instead of queueing without end.
const QUEUE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    queue_wait: std::time::Duration,
    /// Verified against when the account does not exist, so both cases take as long.
    dummy_hash: Arc<String>,
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

impl PasswordHasher {
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        let dummy = hash_blocking("dummy password for timing").expect("argon2 works");
        PasswordHasher {
            permits: Arc::new(Semaphore::new(cores)),
            queue_wait: QUEUE_WAIT,
            dummy_hash: Arc::new(dummy),
        }
    }

    async fn permit(&self) -> Result<tokio::sync::SemaphorePermit<'_>, AppError> {
        tokio::time::timeout(self.queue_wait, self.permits.acquire())
            .await
            .map_err(|_| AppError::TooManyRequests {
                retry_after_secs: self.queue_wait.as_secs().max(1),
            })?
            .map_err(AppError::internal)
    }

    pub async fn hash(&self, password: &Secret) -> Result<String, AppError> {
        let _permit = self.permit().await?;
        let pw = password.clone();
        tokio::task::spawn_blocking(move || hash_blocking(pw.expose()))
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::internal)
    }

    /// Verifies `password` against `hash`, or against a dummy hash when there is no account.
    pub async fn verify(&self, password: &Secret, hash: Option<String>) -> Result<bool, AppError> {
        let _permit = self.permit().await?;
        let pw = password.clone();
        let exists = hash.is_some();
        let hash = hash.unwrap_or_else(|| (*self.dummy_hash).clone());
        let ok = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash).is_ok_and(|parsed| {
                argon2()
                    .verify_password(pw.expose().as_bytes(), &parsed)
                    .is_ok()
            })
        })
        .await
        .map_err(AppError::internal)?;
        Ok(ok && exists)
    }
}

impl Default for PasswordHasher {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_password() {
        let h = PasswordHasher::new();
        let pw = Secret::new("ABab1234".into());
        let hash = h.hash(&pw).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(h.verify(&pw, Some(hash.clone())).await.unwrap());
        assert!(
            !h.verify(&Secret::new("ABab1235".into()), Some(hash))
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn a_request_that_waits_too_long_for_the_hasher_is_told_to_come_back() {
        let h = PasswordHasher {
            permits: Arc::new(Semaphore::new(1)),
            queue_wait: std::time::Duration::from_millis(50),
            ..PasswordHasher::new()
        };
        let _busy = h.permits.acquire().await.unwrap();
        let e = h
            .verify(&Secret::new("ABab1234".into()), None)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::TooManyRequests { .. }), "{e:?}");
    }

    #[tokio::test]
    async fn no_account_never_verifies_even_with_the_dummy_password() {
        let h = PasswordHasher::new();
        assert!(
            !h.verify(&Secret::new("dummy password for timing".into()), None)
                .await
                .unwrap()
        );
    }
}
