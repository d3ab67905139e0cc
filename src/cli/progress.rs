//! A line on stderr that says how long work is going, shown only on a terminal, only once the
//! work has run for a second (`PRAXIS_PROGRESS_AFTER_MS` changes that, for tests), never with
//! `--quiet`; taken away when the work ends.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static QUIET: AtomicBool = AtomicBool::new(false);

/// `--quiet`: no progress lines for the rest of the process.
pub(super) fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// How often the line may change.
const EVERY: Duration = Duration::from_millis(200);

fn after() -> Duration {
    std::env::var("PRAXIS_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(Duration::from_secs(1), Duration::from_millis)
}

/// Counts work done and, now and then, says so: "Reading anna.json: 12000 records…".
pub(super) struct Ticker {
    what: String,
    shows: bool,
    started: Instant,
    after: Duration,
    shown_at: Option<Instant>,
    done: u64,
    checked: u64,
}

impl Ticker {
    /// A ticker for work described by `what` ("Reading anna.json").
    pub(super) fn new(what: impl Into<String>) -> Ticker {
        Ticker {
            what: what.into(),
            shows: std::io::stderr().is_terminal() && !QUIET.load(Ordering::Relaxed),
            started: Instant::now(),
            after: after(),
            shown_at: None,
            done: 0,
            checked: 0,
        }
    }

    /// `n` more done; `say` words the total ("12000 records").
    pub(super) fn add(&mut self, n: u64, say: impl Fn(u64) -> String) {
        self.done += n;
        // Looking at the clock costs; look every so often.
        if !self.shows || self.done - self.checked < 64 {
            return;
        }
        self.checked = self.done;
        let now = Instant::now();
        let due = match self.shown_at {
            None => now - self.started >= self.after,
            Some(at) => now - at >= EVERY,
        };
        if due {
            self.shown_at = Some(now);
            let mut err = std::io::stderr();
            let _ = write!(err, "\r\x1b[2K{}: {}…", self.what, say(self.done));
            let _ = err.flush();
        }
    }

    /// Takes the line away again, if it was shown.
    pub(super) fn clear(&mut self) {
        if self.shown_at.take().is_some() {
            let mut err = std::io::stderr();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.clear();
    }
}

/// Runs `work`, and if it takes longer than a second says `what` on the progress line until it
/// is done (for work that cannot count its steps, such as a backup made inside the journal).
pub(super) fn while_working<T>(what: &str, work: impl FnOnce() -> T) -> T {
    if !std::io::stderr().is_terminal() || QUIET.load(Ordering::Relaxed) {
        return work();
    }
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let what = what.to_string();
    let after = after();
    let shower = std::thread::spawn(move || {
        if wait.recv_timeout(after).is_ok() {
            return;
        }
        let mut err = std::io::stderr();
        let _ = write!(err, "\r\x1b[2K{what}…");
        let _ = err.flush();
        let _ = wait.recv();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    });
    let result = work();
    let _ = done.send(());
    let _ = shower.join();
    result
}

/// A writer that says how much it has written: "Writing backup.json: 12.5 MiB…".
pub(super) struct Counting<'w> {
    inner: &'w mut dyn Write,
    ticker: Ticker,
}

impl<'w> Counting<'w> {
    pub(super) fn new(inner: &'w mut dyn Write, what: impl Into<String>) -> Counting<'w> {
        Counting {
            inner,
            ticker: Ticker::new(what),
        }
    }
}

/// "12.5 MiB", "830 KiB".
fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1u32 << 20))
    } else {
        format!("{} KiB", bytes >> 10)
    }
}

impl Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.ticker.add(n as u64, size);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_read_them() {
        assert_eq!(size(830 * 1024), "830 KiB");
        assert_eq!(size(12 * 1024 * 1024 + 512 * 1024), "12.5 MiB");
    }

    #[test]
    fn off_a_terminal_nothing_is_shown_and_the_writer_writes_through() {
        let mut out = Vec::new();
        {
            let mut w = Counting::new(&mut out, "Writing x");
            for _ in 0..1000 {
                w.write_all(b"0123456789").unwrap();
            }
            assert!(w.ticker.shown_at.is_none(), "tests run without a terminal");
        }
        assert_eq!(out.len(), 10_000);
    }
}
