//! A fixed-window attempt limiter for log-in, keyed by client IP and by account.
//!
//! In memory: each instance limits on its own, which bounds guessing per instance; a shared
//! limiter would need the database and is not worth a write per attempt.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts attempts per key in windows of fixed length.
pub struct RateLimiter {
    window: Duration,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// A limiter with windows of `window`.
    pub fn new(window: Duration) -> RateLimiter {
        RateLimiter {
            window,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt for `key`; `Err(seconds to wait)` when it is over `limit`.
    pub fn hit(&self, key: &str, limit: u32) -> Result<(), u64> {
        let now = Instant::now();
        let mut windows = match self.windows.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if windows.len() > 100_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= limit {
            let wait = self.window.saturating_sub(now.duration_since(entry.0));
            return Err(wait.as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_up_to_the_limit_per_key_then_refuses() {
        let limiter = RateLimiter::new(Duration::from_secs(60));
        for _ in 0..3 {
            assert!(limiter.hit("ip:1", 3).is_ok());
        }
        let wait = limiter.hit("ip:1", 3).unwrap_err();
        assert!((1..=60).contains(&wait));
        assert!(limiter.hit("ip:2", 3).is_ok(), "keys are independent");
    }

    #[test]
    fn a_new_window_starts_over() {
        let limiter = RateLimiter::new(Duration::from_millis(20));
        assert!(limiter.hit("k", 1).is_ok());
        assert!(limiter.hit("k", 1).is_err());
        std::thread::sleep(Duration::from_millis(30));
        assert!(limiter.hit("k", 1).is_ok());
    }
}
