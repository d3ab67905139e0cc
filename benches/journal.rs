//! `cargo bench --bench journal [-- SIZES…]`: the journal as it grows. For each size a
//! generated journal is made once; then every operation runs in a process of its own, as a
//! `praxis` command would, so that each one's time and peak memory are its own:
//!
//! - **open**: open the journal, build the app, draw the first frame (the time shown), then
//!   search it as the app does (the search thread reads every record);
//! - **newest50**, **stats**, **search**: as `praxis list`, `praxis stats`, `praxis search`;
//! - **export**: everything, as a backup export, written atomically;
//! - **import**: that export into an empty journal, as `praxis import` does (read the file,
//!   check it, import it);
//! - **backup**: the daily backup that the first write of a day makes.
//!
//! Targets at 50,000 records: export and import < 2 s each, peak memory < 150 MB, on-disk size
//! no more than 3× the export's.
//!
//! Then, for each size, **writes**: `praxis add note` run as a whole process (the binary cargo
//! built, or the one named by `PRAXIS_BIN`, e.g. an older build to compare with), alternating
//! the first write of a day with another write later that day, five days; the medians and their
//! ratio. Target: the first write of a day no slower than 2× any other.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use praxis::clock::FixedClock;
use praxis::exchange::{Scope, Selection};
use praxis::journal::{JournalMeta, Language};
use praxis::prompts::load;
use praxis::query::Filter;
use praxis::search::Scope as SearchScope;
use praxis::store::Journal;

const OPS: [&str; 7] = [
    "open", "newest50", "stats", "search", "export", "import", "backup",
];

fn end() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
}

fn dir_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        dir_size(&p)
                    } else {
                        e.metadata().map(|m| m.len()).unwrap_or(0)
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn make(n: usize, dir: &Path) {
    let library = load(None).library;
    let j = Journal::create(
        &dir.join("journal"),
        JournalMeta::new("Bench", Language::English, end()),
    )
    .unwrap();
    let records = praxis::generate::journal(42, n, j.meta().id, end(), None, &library);
    j.insert_batch(&records).unwrap();
}

/// Runs one operation and prints its time (ms) and the process's peak memory (MB).
fn op(name: &str, dir: &Path) {
    let journal_dir = dir.join("journal");
    let export_path = dir.join("export.json");
    let t = Instant::now();
    match name {
        "open" => {
            use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
            let journal = Journal::open(&journal_dir).unwrap();
            let library = load(None).library;
            let mut app =
                praxis::tui::App::new(journal, library, Box::new(FixedClock(end())), None, true);
            let mut terminal =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
            terminal.draw(|f| app.draw(f)).unwrap();
            let first_frame = t.elapsed();
            for c in "/council".chars() {
                app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            assert!(app.wait_for_search(Duration::from_secs(300), true));
            terminal.draw(|f| app.draw(f)).unwrap();
            println!("{} {}", first_frame.as_secs_f64() * 1000.0, peak_mb());
            return;
        }
        "newest50" => {
            let j = Journal::open(&journal_dir).unwrap();
            let newest = j
                .list(&Filter {
                    limit: Some(50),
                    ..Filter::default()
                })
                .unwrap();
            assert!(!newest.is_empty());
        }
        "stats" => {
            // As `praxis stats` does it: streamed.
            let j = Journal::open(&journal_dir).unwrap();
            let stats =
                praxis::stats::compute(j.newest_first().map(Result::unwrap), end().date_naive());
            assert!(stats.total > 0);
        }
        "search" => {
            // As `praxis search` does it: from the search index.
            let j = Journal::open(&journal_dir).unwrap();
            let mut index = j.search_index().unwrap();
            let a = praxis::search::search(&mut index, "council relatives", 20, SearchScope::Own)
                .unwrap();
            assert!(!a.hits.is_empty());
        }
        "export" => {
            // As `praxis export --for backup -o FILE` does it: written as the journal is read.
            let j = Journal::open(&journal_dir).unwrap();
            praxis::exchange::write_atomically_with(&export_path, |w| {
                praxis::backup::write_export_of(&j, Scope::Backup, &Selection::default(), end(), w)
                    .map(drop)
            })
            .unwrap();
        }
        "import" => {
            // As `praxis import` does it: the file is read as a stream into the journal.
            let owner = JournalMeta::new("Bench", Language::English, end());
            let target = dir.join("imported");
            let _ = std::fs::remove_dir_all(&target);
            let restored = Journal::create(&target, owner).unwrap();
            let text = std::fs::read_to_string(&export_path).unwrap();
            let mut importer = restored.importer(false);
            praxis::exchange::read_into("export", &text, restored.meta().id, &mut importer)
                .unwrap();
            drop(text);
            importer.finish().unwrap();
        }
        "backup" => {
            let j = Journal::open(&journal_dir).unwrap();
            let day = end().date_naive();
            praxis::backup::make(&j, day, end()).unwrap();
        }
        other => panic!("unknown operation {other}"),
    }
    println!("{} {}", t.elapsed().as_secs_f64() * 1000.0, peak_mb());
}

fn child(args: &[&str]) -> String {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn one_size(n: usize) {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().display().to_string();
    child(&["--make", &n.to_string(), &path]);
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for name in OPS {
        let out = child(&["--op", name, &path]);
        let mut fields = out.split_whitespace().map(|f| f.parse::<f64>().unwrap());
        times.push(fields.next().unwrap());
        peaks.push(fields.next().unwrap());
    }
    let disk = dir_size(&dir.path().join("journal").join("db"));
    let index: u64 = child(&["--index-size", &path]).trim().parse().unwrap();
    let export = std::fs::metadata(dir.path().join("export.json"))
        .unwrap()
        .len();
    let ms = |v: f64| {
        if v >= 1000.0 {
            format!("{:.2} s", v / 1000.0)
        } else {
            format!("{v:.0} ms")
        }
    };
    let mut line = format!("{n:>8}");
    for t in &times {
        line += &format!("  {:>9}", ms(*t));
    }
    line += &format!(
        "  {:>9}  {:>9}  {:>5.1}x",
        format!("{:.1} MB", disk as f64 / 1e6),
        format!("{:.1} MB", export as f64 / 1e6),
        disk as f64 / export as f64
    );
    println!("{line}");
    println!(
        "{:>8}  search index {:.1} MB = {:.2}x the export",
        "",
        index as f64 / 1e6,
        index as f64 / export as f64
    );
    let mut mem = format!("{:>8}", "peak MB");
    for p in &peaks {
        mem += &format!("  {:>9}", format!("{p:.0}"));
    }
    println!("{mem}");
}

/// `praxis add note` on the journal in `dir` at `now`, as a whole process; its time in ms.
fn write_at(bin: &str, dir: &Path, now: &str, n: usize) -> f64 {
    let t = Instant::now();
    let out = Command::new(bin)
        .args(["add", "note", "--title", &format!("bench write {n}")])
        .env("PRAXIS_JOURNAL", dir.join("journal"))
        .env("PRAXIS_NOW", now)
        .output()
        .unwrap();
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ms
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The first write of a day against another write the same day, alternating, five days.
fn writes(n: usize) {
    let bin = std::env::var("PRAXIS_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_praxis").into());
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().display().to_string();
    child(&["--make", &n.to_string(), &path]);
    // The first write ever (it may make the first backup) is not counted.
    write_at(&bin, dir.path(), "2026-11-23T16:00:00Z", 0);
    let (mut first, mut other) = (Vec::new(), Vec::new());
    for day in 24..29 {
        first.push(write_at(
            &bin,
            dir.path(),
            &format!("2026-11-{day}T09:00:00Z"),
            day,
        ));
        other.push(write_at(
            &bin,
            dir.path(),
            &format!("2026-11-{day}T10:00:00Z"),
            day,
        ));
        other.push(write_at(
            &bin,
            dir.path(),
            &format!("2026-11-{day}T11:00:00Z"),
            day,
        ));
    }
    let (first, other) = (median(first), median(other));
    println!(
        "{n:>8}  {other:>9.0} ms  {first:>9.0} ms  {:>6.2}x",
        first / other
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = |i: usize| PathBuf::from(&args[i]);
    if let Some(pos) = args.iter().position(|a| a == "--make") {
        make(args[pos + 1].parse().unwrap(), &dir(pos + 2));
        return;
    }
    if let Some(pos) = args.iter().position(|a| a == "--index-size") {
        let j = Journal::open(&dir(pos + 1).join("journal")).unwrap();
        println!("{}", j.search_index_bytes());
        return;
    }
    if let Some(pos) = args.iter().position(|a| a == "--op") {
        op(&args[pos + 1], &dir(pos + 2));
        return;
    }
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 50_000, 100_000]
    } else {
        sizes
    };
    // `--writes` measures only the writes.
    if !args.iter().any(|a| a == "--writes") {
        let mut head = format!("{:>8}", "records");
        for name in OPS {
            head += &format!("  {name:>9}");
        }
        head += &format!("  {:>9}  {:>9}  {:>6}", "on disk", "export", "ratio");
        println!("{head}");
        for n in &sizes {
            one_size(*n);
        }
    }
    println!();
    println!(
        "{:>8}  {:>12}  {:>12}  {:>7}",
        "records", "other write", "first of day", "ratio"
    );
    for n in sizes {
        writes(n);
    }
}
