//! `cargo bench --bench network [-- PEERS RECORDS]`: a learning network of many peers through a
//! shared folder, as `praxis` runs it (whole processes, the binary cargo built):
//!
//! - **first sync**: `praxis network sync DIR` with PEERS signed peer files of RECORDS network
//!   records each (100 × 2,000 by default), into an empty journal;
//! - **second sync**: the same with nothing changed (target < 0.3 s);
//! - **peers newest 50**: `praxis list --peers --limit 50` over all those foreign records
//!   (target < 100 ms and < 150 MiB).
//!
//! Time and peak memory come from `/usr/bin/time`.

use std::path::Path;
use std::process::Command;

use chrono::{TimeZone, Utc};
use praxis::exchange::{Scope, Selection};
use praxis::journal::{JournalMeta, Language};
use praxis::record::Visibility;

fn timed(bin: &str, journal: &Path, args: &[&str]) -> (f64, f64) {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%e %M"])
        .arg(bin)
        .args(args)
        .env("PRAXIS_JOURNAL", journal)
        .env("PRAXIS_NOW", "2026-11-23T15:00:00Z")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    let mut f = last.split_whitespace().map(|v| v.parse::<f64>().unwrap());
    (f.next().unwrap(), f.next().unwrap() / 1024.0)
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let peers = args.first().copied().unwrap_or(100);
    let records = args.get(1).copied().unwrap_or(2_000);
    let bin = env!("CARGO_BIN_EXE_praxis");
    let root = tempfile::TempDir::new().unwrap();
    let net = root.path().join("net");
    std::fs::create_dir(&net).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    let library = praxis::prompts::load(None).library;
    for p in 0..peers {
        let meta = JournalMeta::new(format!("Peer {p}"), Language::English, now);
        let mut rs = praxis::generate::journal(p as u64, records, meta.id, now, None, &library);
        for r in &mut rs {
            r.visibility = Visibility::Network;
        }
        let key = praxis::identity::Identity::generate().unwrap();
        praxis::exchange::export(
            &meta,
            Scope::Network,
            &Selection::default(),
            rs,
            vec![],
            now,
        )
        .signed_by(&key)
        .save(&net.join(format!("peer-{p}.praxis.json")))
        .unwrap();
    }
    let journal = root.path().join("journal");
    let run = |args: &[&str]| timed(bin, &journal, args);
    run(&["init", "--name", "Anna"]);
    let net = net.to_str().unwrap();
    let (t1, m1) = run(&["network", "sync", net]);
    let (t2, m2) = run(&["network", "sync", net]);
    let (t3, m3) = run(&["list", "--peers", "--limit", "50"]);
    println!(
        "{peers} peers × {records} records ({} foreign records)",
        peers * records
    );
    println!("first sync        {t1:>7.2} s  {m1:>6.0} MiB");
    println!("second sync       {t2:>7.2} s  {m2:>6.0} MiB   (target < 0.3 s)");
    println!("peers newest 50   {t3:>7.3} s  {m3:>6.0} MiB   (target < 0.1 s, < 150 MiB)");
}
