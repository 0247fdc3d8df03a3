//! Throttling failed password logins instead of locking accounts (NIST SP
//! 800-63B, 5.2.2). A lock let anyone lock anyone out with six wrong
//! passwords; a throttle only slows the one who keeps guessing.
//!
//! Two counters, both keyed by the address as typed (so an unknown address
//! is throttled exactly like a known one and the answer tells nothing):
//! - per account and client address: a few free failures, then a delay
//!   that doubles with each further failure, up to 15 minutes;
//! - per account from every address (a distributed guesser): many more
//!   free failures, then a doubling delay of at most one minute, so the
//!   owner, from anywhere, is never kept out for long.
//!
//! The counters live in PostgreSQL, so every web process shares them; a
//! successful login clears both.

use crate::db::sql;
use app::error::AppError;
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};
use std::net::IpAddr;

/// How one counter grows its delay.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// Failures that cost nothing.
    pub free: i32,
    /// The delay after the first failure beyond `free`, doubled after each.
    pub first_delay_secs: i64,
    pub max_delay_secs: i64,
}

pub const PER_ACCOUNT_AND_ADDRESS: Rule = Rule {
    free: 5,
    first_delay_secs: 1,
    max_delay_secs: 15 * 60,
};

pub const PER_ACCOUNT: Rule = Rule {
    free: 20,
    first_delay_secs: 1,
    max_delay_secs: 60,
};

/// Counters untouched this long are forgotten.
const FORGET_AFTER_HOURS: i32 = 24;

impl Rule {
    /// Seconds to wait after the `failures`-th failure in a row.
    pub fn delay_after(self, failures: i32) -> i64 {
        let beyond = failures - self.free;
        if beyond <= 0 {
            return 0;
        }
        let doubled = self.first_delay_secs.saturating_mul(1i64 << (beyond - 1).min(40));
        doubled.min(self.max_delay_secs)
    }
}

fn digest(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hex::encode(hasher.finalize())
}

fn account_key(email: &str) -> String {
    format!("account:{}", digest(&[email]))
}

/// The two counters of one attempt: (key, rule).
fn keys(email: &str, ip: Option<IpAddr>) -> [(String, Rule); 2] {
    let ip = ip.map(|ip| ip.to_string()).unwrap_or_default();
    [
        (format!("pair:{}", digest(&[email, &ip])), PER_ACCOUNT_AND_ADDRESS),
        (account_key(email), PER_ACCOUNT),
    ]
}

/// Whether an attempt for `email` from `ip` must wait; checked before the
/// password is looked at, so a throttled answer costs no hash.
pub async fn must_wait(c: &impl ConnectionTrait, email: &str, ip: Option<IpAddr>) -> Result<bool, AppError> {
    let [(pair, _), (account, _)] = keys(email, ip);
    let waiting = sql::value::<bool>(
        c,
        "SELECT EXISTS (SELECT 1 FROM login_throttles WHERE key IN ($1, $2) AND not_before > now()) AS value",
        [pair.into(), account.into()],
    )
    .await?;
    Ok(waiting == Some(true))
}

/// Counts a failure on both counters and sets their next allowed time.
pub async fn record_failure(c: &impl ConnectionTrait, email: &str, ip: Option<IpAddr>) -> Result<(), AppError> {
    for (key, rule) in keys(email, ip) {
        let failures = sql::value::<i32>(
            c,
            "INSERT INTO login_throttles AS t (key, failures, not_before, updated_at) VALUES ($1, 1, now(), now()) \
             ON CONFLICT (key) DO UPDATE SET failures = t.failures + 1, updated_at = now() \
             RETURNING failures AS value",
            [key.clone().into()],
        )
        .await?
        .unwrap_or(1);
        sql::exec(
            c,
            "UPDATE login_throttles SET not_before = now() + make_interval(secs => $2) WHERE key = $1",
            [key.into(), (rule.delay_after(failures) as f64).into()],
        )
        .await?;
    }
    // Forgetting old counters is cheap and keeps the table small.
    sql::exec(
        c,
        "DELETE FROM login_throttles WHERE updated_at < now() - make_interval(hours => $1)",
        [FORGET_AFTER_HOURS.into()],
    )
    .await?;
    Ok(())
}

/// A successful login clears both counters of the address.
pub async fn clear(c: &impl ConnectionTrait, email: &str, ip: Option<IpAddr>) -> Result<(), AppError> {
    let [(pair, _), (account, _)] = keys(email, ip);
    sql::exec(
        c,
        "DELETE FROM login_throttles WHERE key IN ($1, $2)",
        [pair.into(), account.into()],
    )
    .await
    .map(|_| ())
}

/// A password reset proves the owner: every counter of the account goes.
pub async fn clear_account(c: &impl ConnectionTrait, email: &str) -> Result<(), AppError> {
    sql::exec(
        c,
        "DELETE FROM login_throttles WHERE key = $1",
        [account_key(email).into()],
    )
    .await
    .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_after_the_free_failures_and_stay_capped() {
        let r = PER_ACCOUNT_AND_ADDRESS;
        assert_eq!((1..=5).map(|n| r.delay_after(n)).collect::<Vec<_>>(), [0, 0, 0, 0, 0]);
        assert_eq!((6..=10).map(|n| r.delay_after(n)).collect::<Vec<_>>(), [1, 2, 4, 8, 16]);
        assert_eq!(r.delay_after(20), 900);
        assert_eq!(r.delay_after(i32::MAX), 900);
        assert_eq!(PER_ACCOUNT.delay_after(20), 0);
        assert_eq!(PER_ACCOUNT.delay_after(30), 60);
    }

    #[test]
    fn keys_are_digests_not_addresses() {
        let [(pair, _), (account, _)] = keys("pia@kiel.example", Some("10.0.0.1".parse().unwrap()));
        assert!(!pair.contains("pia") && !account.contains("pia"));
        let [(other_pair, _), (same_account, _)] = keys("pia@kiel.example", Some("10.0.0.2".parse().unwrap()));
        assert_ne!(pair, other_pair);
        assert_eq!(account, same_account);
    }
}
