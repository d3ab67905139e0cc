//! `cargo bench --bench tui [-- SIZES…]`: time to the first frame and per-keystroke search
//! latency on generated journals (default 1,000, 10,000 and 50,000 records).
//! Targets at 50,000: first frame under 100 ms, a keystroke's results under 16 ms median.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use praxis::clock::FixedClock;
use praxis::journal::{JournalMeta, Language};
use praxis::prompts::load;
use praxis::store::Journal;
use praxis::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const QUERY: &str = "council relatives";

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn p95(v: &mut [Duration]) -> Duration {
    v.sort();
    v[(v.len() * 95 / 100).min(v.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 50_000]
    } else {
        sizes
    };
    let end = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    let library = load(None).library;
    println!(
        "{:>8}  {:>11}  {:>12}  {:>12}  {:>11}  {:>11}  {:>13}  {:>13}  {:>11}",
        "records",
        "first frame",
        "first answer",
        "search ready",
        "key: first",
        "first p95",
        "key: complete",
        "complete p95",
        "full search"
    );
    for n in sizes {
        let dir = tempfile::TempDir::new().unwrap();
        {
            let meta = JournalMeta::new("Bench", Language::English, end);
            let j = Journal::create(dir.path(), meta).unwrap();
            let records = praxis::generate::journal(42, n, j.meta().id, end, None, &library);
            j.insert_batch(&records).unwrap();
        }

        // Open the journal, load the prompts, build the app and draw the first frame.
        let mut frames = Vec::new();
        for _ in 0..7 {
            let t = Instant::now();
            let journal = Journal::open(dir.path()).unwrap();
            let library = load(None).library;
            let app = App::new(journal, library, Box::new(FixedClock(end)), None, true);
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            terminal.draw(|f| app.draw(f)).unwrap();
            frames.push(t.elapsed());
        }

        // Type a query key by key; each key's time is from the key press to its results.
        let journal = Journal::open(dir.path()).unwrap();
        let mut app = App::new(
            journal,
            library.clone(),
            Box::new(FixedClock(end)),
            None,
            true,
        );
        // Open search and type a letter at once: the first answer comes from the records read
        // so far; "ready" is when the whole journal is read and the answer is complete.
        let t = Instant::now();
        app.handle_key(key('/'));
        app.handle_key(key('c'));
        assert!(app.wait_for_search(Duration::from_secs(120), false));
        let first_answer = t.elapsed();
        assert!(app.wait_for_search(Duration::from_secs(120), true));
        let ready = t.elapsed();
        app.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        let mut keys = Vec::new();
        let mut complete = Vec::new();
        for round in 0..3 {
            for c in QUERY.chars() {
                let t = Instant::now();
                app.handle_key(key(c));
                assert!(app.wait_for_search(Duration::from_secs(120), false));
                keys.push(t.elapsed());
                assert!(app.wait_for_search(Duration::from_secs(120), true));
                complete.push(t.elapsed());
            }
            for _ in 0..QUERY.chars().count() {
                app.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
            }
            assert!(
                app.wait_for_search(Duration::from_secs(120), true),
                "round {round}"
            );
        }

        // A whole query on a freshly opened index, for comparison.
        let mut full = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            let mut index = app.journal().search_index().unwrap();
            let a =
                praxis::search::search(&mut index, QUERY, 50, praxis::search::Scope::All).unwrap();
            assert!(!a.hits.is_empty());
            full.push(t.elapsed());
        }

        println!(
            "{:>8}  {:>11}  {:>12}  {:>12}  {:>11}  {:>11}  {:>13}  {:>13}  {:>11}",
            n,
            ms(median(&mut frames)),
            ms(first_answer),
            ms(ready),
            ms(median(&mut keys)),
            ms(p95(&mut keys)),
            ms(median(&mut complete)),
            ms(p95(&mut complete)),
            ms(median(&mut full)),
        );
    }
}
