//! `cargo bench --bench journal [-- SIZES…]`: the journal as it grows — list the newest 50,
//! stats, a full search, export everything, import that export into an empty journal, the
//! on-disk size against the backup export's size, and peak memory. Each size runs in a process
//! of its own so its peak memory is its own. Targets at 50,000 records: export and import
//! < 2 s each, peak memory < 150 MB, on-disk size no more than 3× the export.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use praxis::exchange::{self, Selection};
use praxis::journal::{JournalMeta, Language};
use praxis::prompts::load;
use praxis::query::Filter;
use praxis::search::Searcher;
use praxis::store::Journal;

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
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
fn peak_mb() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or("?".into(), |kb| format!("{:.0} MB", kb / 1024.0))
}

fn one_size(n: usize) {
    let end = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    let library = load(None).library;
    let dir = tempfile::TempDir::new().unwrap();
    let journal_dir = dir.path().join("journal");
    {
        let j = Journal::create(
            &journal_dir,
            JournalMeta::new("Bench", Language::English, end),
        )
        .unwrap();
        let records = praxis::generate::journal(42, n, j.meta().id, end, None, &library);
        j.insert_batch(&records).unwrap();
    }
    let j = Journal::open(&journal_dir).unwrap();

    let t = Instant::now();
    let newest = j
        .list(&Filter {
            limit: Some(50),
            ..Filter::default()
        })
        .unwrap();
    let list = t.elapsed();
    assert_eq!(newest.len(), 50.min(n));

    let t = Instant::now();
    let all: Vec<_> = j.newest_first().map(Result::unwrap).collect();
    let stats = praxis::stats::compute(&all, end.date_naive());
    let stats_time = t.elapsed();
    assert_eq!(stats.total, n);

    let t = Instant::now();
    let hits = Searcher::default().search(&all, "council relatives", 20);
    let search = t.elapsed();
    let _ = hits;
    drop(all);

    let t = Instant::now();
    let file = praxis::backup::backup_file(&j, &Selection::default(), end).unwrap();
    let text = file.to_json();
    let export_path = dir.path().join("export.json");
    exchange::write_atomically(&export_path, &text).unwrap();
    let export = t.elapsed();
    drop(file);

    let t = Instant::now();
    let target = dir.path().join("restored");
    let incoming = exchange::read("export", &text, j.meta().id).unwrap();
    let mut meta = j.meta().clone();
    meta.created = end;
    let restored = Journal::create(&target, meta).unwrap();
    restored.import(&incoming, false).unwrap();
    let import = t.elapsed();
    assert_eq!(restored.len(), n);
    drop(incoming);
    drop(text);

    let disk = dir_size(&journal_dir.join("db"));
    let export_size = std::fs::metadata(&export_path).unwrap().len();
    println!(
        "{:>8}  {:>9}  {:>9}  {:>11}  {:>9}  {:>9}  {:>9}  {:>9}  {:>6.1}x  {:>9}",
        n,
        ms(list),
        ms(stats_time),
        ms(search),
        ms(export),
        ms(import),
        format!("{:.1} MB", disk as f64 / 1e6),
        format!("{:.1} MB", export_size as f64 / 1e6),
        disk as f64 / export_size as f64,
        peak_mb(),
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(pos) = args.iter().position(|a| a == "--one") {
        one_size(args[pos + 1].parse().unwrap());
        return;
    }
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 50_000, 100_000]
    } else {
        sizes
    };
    println!(
        "{:>8}  {:>9}  {:>9}  {:>11}  {:>9}  {:>9}  {:>9}  {:>9}  {:>7}  {:>9}",
        "records",
        "newest 50",
        "stats",
        "full search",
        "export",
        "import",
        "on disk",
        "export",
        "ratio",
        "peak mem"
    );
    for n in sizes {
        let status = Command::new(std::env::current_exe().unwrap())
            .args(["--one", &n.to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "size {n} failed");
    }
}
