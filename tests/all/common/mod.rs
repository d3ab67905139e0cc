//! Helpers shared by the integration tests that kill processes.

use std::time::SystemTime;

/// A small pseudo-random number below `max_ms` from the clock; good enough to vary kill moments.
pub fn jitter(max_ms: u64) -> u64 {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    (nanos / 1000) % max_ms
}
