//! Fixed-window counters in memory, per key (an action and an address or
//! account). Enough for one process; several processes each count their own,
//! and the per-account lockout in the database holds across all of them.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// Counts one attempt; `false` when `key` already had `limit` attempts
    /// within the current `window`.
    pub fn allow(&self, key: &str, limit: u32, window: Duration) -> bool {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > 50_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < window);
        }
        let entry = windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_beyond_the_limit_per_key() {
        let limiter = RateLimiter::default();
        let minute = Duration::from_secs(60);
        assert!((0..3).all(|_| limiter.allow("login:1.2.3.4", 3, minute)));
        assert!(!limiter.allow("login:1.2.3.4", 3, minute));
        assert!(limiter.allow("login:5.6.7.8", 3, minute));
    }

    #[test]
    fn a_new_window_starts_afresh() {
        let limiter = RateLimiter::default();
        let short = Duration::from_millis(20);
        assert!(limiter.allow("k", 1, short) && !limiter.allow("k", 1, short));
        std::thread::sleep(Duration::from_millis(30));
        assert!(limiter.allow("k", 1, short));
    }
}
