//! Random secrets for links and API tokens. Only their SHA-256 hash is
//! stored: a leaked table reveals no usable secret, and the secrets carry
//! 256 bits of entropy, so a fast hash is enough (unlike passwords).

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use rand::RngCore;
use sha2::{Digest, Sha256};

pub struct SecretToken {
    /// Shown once (in a mail link or on the page), never stored.
    pub plain: String,
    pub hash: Vec<u8>,
}

impl SecretToken {
    /// A new secret, `prefix` followed by 43 URL-safe characters.
    pub fn generate(prefix: &str) -> SecretToken {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let plain = format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes));
        let hash = hash(&plain);
        SecretToken { plain, hash }
    }
}

pub fn hash(plain: &str) -> Vec<u8> {
    Sha256::digest(plain.as_bytes()).to_vec()
}

/// Six random hex digits, for pseudonyms.
pub fn short_code() -> String {
    format!("{:06X}", rand::rngs::OsRng.next_u32() & 0xFF_FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (SecretToken::generate("alm_"), SecretToken::generate("alm_"));
        assert_ne!(a.plain, b.plain);
        assert!(a.plain.starts_with("alm_") && a.plain.len() == 4 + 43);
        assert_eq!(a.hash, hash(&a.plain));
        assert_eq!(a.hash.len(), 32);
    }
}
