//! Password hashing with argon2id (the crate's defaults follow the OWASP
//! recommendation: 19 MiB, 2 passes). Hashing runs on the blocking pool so a
//! burst of logins does not stall the async workers.

use crate::kernel::internal;
use app::error::AppError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// At most one hash per core at a time: a burst of logins waits instead of
/// starving the other requests of CPU and memory (19 MiB per hash).
static HASHING: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)));

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 256;

pub async fn hash(password: String) -> Result<String, AppError> {
    let _permit = HASHING.acquire().await.map_err(internal("password hashing permit"))?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(internal("password hashing task"))?
    .map_err(internal("password hashing"))
}

/// Checks a password; without a stored hash it checks against a dummy, so
/// that "no such account" takes as long as "wrong password".
pub async fn verify(password: String, stored: Option<String>) -> bool {
    static DUMMY: LazyLock<String> = LazyLock::new(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"no account has this password", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    });
    let Ok(_permit) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        let exists = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY.clone());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && exists
    })
    .await
    .unwrap_or(false)
}

/// The rules for a new password, as a catalog key of what is wrong.
pub fn check_policy(password: &str, email: &str) -> Result<(), &'static str> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        Err("accounts.error.password_short")
    } else if length > MAX_LENGTH {
        Err("accounts.error.password_long")
    } else if password.eq_ignore_ascii_case(email) || password.chars().all(|c| c == password.chars().next().unwrap()) {
        Err("accounts.error.password_weak")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_only_their_password() {
        let stored = hash("correct horse battery".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), Some(stored.clone())).await);
        assert!(!verify("wrong horse battery".into(), Some(stored)).await);
        assert!(!verify("no account has this password".into(), None).await);
    }

    #[test]
    fn policy_names_what_is_wrong() {
        assert_eq!(check_policy("short", "a@b.de"), Err("accounts.error.password_short"));
        assert_eq!(
            check_policy("aaaaaaaaaaaaaaaa", "a@b.de"),
            Err("accounts.error.password_weak")
        );
        assert_eq!(
            check_policy("lang@genug.de", "LANG@genug.de"),
            Err("accounts.error.password_weak")
        );
        assert_eq!(
            check_policy(&"x".repeat(300), "a@b.de"),
            Err("accounts.error.password_long")
        );
        assert!(check_policy("Kiel-Rostock-2026", "a@b.de").is_ok());
    }
}
