//! Hostile moments: SIGKILL in the middle of an import or an export, and a full disk while
//! saving, exporting and backing up. Nothing already saved may be lost, an import lands whole or
//! not at all, and no half-written file ever takes an export's place.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use praxis::exchange::ImportInto as _;
use praxis::exchange::{self, Scope, Selection};
use praxis::journal::{JournalMeta, Language};
use praxis::prompts::load;
use praxis::store::Journal;
use tempfile::TempDir;

use crate::checks;

const CHILD: &str = "PRAXIS_FAULT_CHILD";
const ROUNDS: usize = 8;
const RECORDS: usize = 1500;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

/// A network export of a generated journal of `n` records by someone else.
fn peer_file(n: usize) -> String {
    let peer = JournalMeta::new("Bo", Language::English, now());
    let mut records = praxis::generate::journal(11, n, peer.id, now(), None, &load(None).library);
    for r in &mut records {
        r.visibility = praxis::record::Visibility::Network;
    }
    exchange::export(
        &peer,
        Scope::Network,
        &Selection::default(),
        records,
        vec![],
        now(),
    )
    .to_json()
}

/// The child side: does the thing named in CHILD over and over until killed.
#[test]
fn child_works_until_killed() {
    let Ok(task) = std::env::var(CHILD) else {
        return; // Only does something when a parent test starts it.
    };
    let arg = std::env::var("PRAXIS_FAULT_ARG").unwrap();
    match task.as_str() {
        "import" => {
            let (dir, file) = arg.split_once('|').unwrap();
            let text = std::fs::read_to_string(file).unwrap();
            let journal = Journal::open(Path::new(dir)).unwrap();
            let incoming = exchange::read("peer", &text, journal.meta().id).unwrap();
            println!("ready");
            journal.import(&incoming, false).unwrap();
            println!("imported");
        }
        "export" => {
            let (dir, target) = arg.split_once('|').unwrap();
            let journal = Journal::open(Path::new(dir)).unwrap();
            let records: Vec<_> = journal.newest_first().map(Result::unwrap).collect();
            println!("ready");
            loop {
                let file = exchange::export(
                    journal.meta(),
                    Scope::Backup,
                    &Selection::default(),
                    records.clone(),
                    vec![],
                    Utc::now(),
                );
                exchange::write_atomically(Path::new(target), &file.to_json()).unwrap();
            }
        }
        other => panic!("unknown task {other}"),
    }
}

fn run_child(task: &str, arg: &str) -> std::process::Child {
    Process::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "faults::child_works_until_killed",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, task)
        .env("PRAXIS_FAULT_ARG", arg)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Waits for the child's "ready", then kills it with SIGKILL after a random moment.
fn kill_after_ready(mut child: std::process::Child, max_ms: u64) -> Vec<String> {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut lines = Vec::new();
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(60)) {
        // The test harness may print "test … ... " before it on the same line.
        let ready = line.ends_with("ready");
        lines.push(line);
        if ready {
            break;
        }
    }
    std::thread::sleep(Duration::from_millis(common::jitter(max_ms)));
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    lines.extend(rx.try_iter());
    lines
}

#[test]
fn sigkill_during_an_import_leaves_all_of_it_or_none() {
    let root = TempDir::new().unwrap();
    let file = root.path().join("peer.json");
    std::fs::write(&file, peer_file(RECORDS)).unwrap();
    // How long a whole import takes here, so the kills land inside it.
    let scratch = root.path().join("scratch");
    let j = Journal::create(&scratch, JournalMeta::new("Anna", Language::English, now())).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let incoming = exchange::read("peer", &text, j.meta().id).unwrap();
    let t = std::time::Instant::now();
    j.import(&incoming, false).unwrap();
    // Up to three times as long, so that some kills land after it finished.
    let window = (t.elapsed().as_millis() as u64).max(20) * 3;
    drop(j);
    let mut whole = 0;
    let mut none = 0;
    for round in 0..ROUNDS {
        let dir = root.path().join(format!("j{round}"));
        drop(Journal::create(&dir, JournalMeta::new("Anna", Language::English, now())).unwrap());
        let child = run_child("import", &format!("{}|{}", dir.display(), file.display()));
        let lines = kill_after_ready(child, window);
        let journal = Journal::open(&dir)
            .unwrap_or_else(|e| panic!("round {round}: the journal does not open: {e}"));
        let n = journal.foreign_newest_first().unwrap().len();
        assert!(
            n == 0 || n == RECORDS,
            "round {round}: {n} of {RECORDS} records imported"
        );
        if lines.iter().any(|l| l == "imported") {
            assert_eq!(
                n, RECORDS,
                "round {round}: reported imported but not all there"
            );
        }
        checks::assert_search_index_agrees(&journal);
        if n == 0 { none += 1 } else { whole += 1 }
    }
    eprintln!("import killed {ROUNDS} times within {window} ms: {whole} whole, {none} not at all");
}

#[test]
fn sigkill_while_restoring_over_own_records_rolls_back_records_and_indexes() {
    let root = TempDir::new().unwrap();
    let meta = JournalMeta::new("Anna", Language::English, now());
    let library = load(None).library;
    let mut records = praxis::generate::journal(12, RECORDS, meta.id, now(), None, &library);
    let later = records.split_off(RECORDS * 2 / 3);
    // The backup holds every record in a newer revision (new title, new tags) and some more.
    let mut rewritten = records.clone();
    for r in &mut rewritten {
        r.revision += 1;
        r.title = format!("{} (rewritten)", r.title);
        r.tags = vec!["rewritten".into()];
    }
    rewritten.extend(later.iter().cloned());
    let file = root.path().join("backup.json");
    // The journal's own backup: signed with its key, which every copy below shares.
    let key = praxis::identity::Identity::generate().unwrap();
    exchange::export(
        &meta,
        Scope::Backup,
        &Selection::default(),
        rewritten,
        vec![],
        now(),
    )
    .signed_by(&key)
    .save(&file)
    .unwrap();
    let fresh = |dir: &Path| {
        std::fs::create_dir_all(dir).unwrap();
        praxis::store::keep_identity(dir, &key).unwrap();
        let j = Journal::create(dir, meta.clone()).unwrap();
        j.insert_batch(&records).unwrap();
    };
    let scratch = root.path().join("scratch");
    fresh(&scratch);
    let j = Journal::open(&scratch).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let incoming = exchange::read("backup", &text, j.meta().id).unwrap();
    let t = std::time::Instant::now();
    j.import(&incoming, false).unwrap();
    let window = (t.elapsed().as_millis() as u64).max(20) * 3;
    drop(j);
    let (mut whole, mut none) = (0, 0);
    for round in 0..ROUNDS {
        let dir = root.path().join(format!("r{round}"));
        fresh(&dir);
        let child = run_child("import", &format!("{}|{}", dir.display(), file.display()));
        let lines = kill_after_ready(child, window);
        let journal = Journal::open(&dir)
            .unwrap_or_else(|e| panic!("round {round}: the journal does not open: {e}"));
        let arrived = later
            .iter()
            .filter(|r| journal.get(r.id).unwrap().is_some())
            .count();
        let revisions: Vec<u32> = records
            .iter()
            .map(|r| journal.get(r.id).unwrap().unwrap().revision)
            .collect();
        let all_new = arrived == later.len() && revisions.iter().all(|v| *v == 2);
        let all_old = arrived == 0 && revisions.iter().all(|v| *v == 1);
        assert!(
            all_new || all_old,
            "round {round}: {arrived} of {} new records, revisions {:?}",
            later.len(),
            revisions.iter().collect::<std::collections::BTreeSet<_>>()
        );
        if lines.iter().any(|l| l == "imported") {
            assert!(
                all_new,
                "round {round}: reported imported but not all there"
            );
        }
        checks::assert_indexes_agree(&journal);
        checks::assert_search_index_agrees(&journal);
        if all_new { whole += 1 } else { none += 1 }
    }
    eprintln!(
        "restore killed {ROUNDS} times within {window} ms: {whole} whole, {none} rolled back"
    );
}

#[test]
fn sigkill_during_an_export_never_leaves_a_partial_file_in_place() {
    let root = TempDir::new().unwrap();
    let dir = root.path().join("journal");
    let j = Journal::create(&dir, JournalMeta::new("Anna", Language::English, now())).unwrap();
    let records =
        praxis::generate::journal(3, RECORDS, j.meta().id, now(), None, &load(None).library);
    j.insert_batch(&records).unwrap();
    drop(j);
    let target = root.path().join("backup.json");
    for round in 0..ROUNDS {
        let t = std::time::Instant::now();
        let child = run_child("export", &format!("{}|{}", dir.display(), target.display()));
        kill_after_ready(child, 600);
        assert!(
            t.elapsed() < Duration::from_secs(50),
            "round {round}: the child never got ready"
        );
        if target.exists() {
            let text = std::fs::read_to_string(&target).unwrap();
            let incoming =
                exchange::read("backup", &text, praxis::record::JournalId::new_at(now()))
                    .unwrap_or_else(|e| {
                        panic!("round {round}: the file in place is not whole: {e}")
                    });
            assert_eq!(incoming.records.len(), RECORDS);
        }
    }
    assert!(
        target.exists(),
        "at least one export finished in {ROUNDS} rounds"
    );
}

/// A small tmpfs for the duration of a test (needs root; where mounting is not allowed the
/// full-disk tests say so and do not run).
struct SmallDisk {
    path: PathBuf,
    _holder: TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> Option<SmallDisk> {
        let holder = TempDir::new().unwrap();
        let path = holder.path().join("disk");
        std::fs::create_dir(&path).unwrap();
        let ok = Process::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!(
                "NOT RUN: cannot mount a tmpfs here (needs root); the full-disk test did not run"
            );
            return None;
        }
        Some(SmallDisk {
            path,
            _holder: holder,
        })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg(&self.path).status();
    }
}

fn praxis(journal: &Path, args: &[&str]) -> std::process::Output {
    praxis_at(journal, args, "2026-11-23T09:00:00Z")
}

/// Runs praxis; a run that does not end within a minute fails the test (a hang is a bug).
fn praxis_at(journal: &Path, args: &[&str], now: &str) -> std::process::Output {
    Command::cargo_bin("praxis")
        .unwrap()
        .args(args)
        .env("PRAXIS_JOURNAL", journal)
        .env("PRAXIS_NOW", now)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap()
}

/// Saves note number `n` with `body`.
fn add_note(journal: &Path, n: usize, body: &str) -> std::process::Output {
    let title = format!("note {n}");
    praxis(journal, &["add", "note", "--title", &title, "--body", body])
}

/// A new journal on the small disk.
fn new_journal_on(disk: &SmallDisk) -> PathBuf {
    let journal = disk.path.join("journal");
    assert!(
        praxis(&journal, &["init", "--name", "Anna", "--lang", "en"])
            .status
            .success()
    );
    journal
}

#[test]
fn a_full_disk_gives_a_clear_error_and_loses_nothing_already_saved() {
    let Some(disk) = SmallDisk::mount("4m") else {
        return;
    };
    let journal = new_journal_on(&disk);
    let body = "Asked the council what to change first. ".repeat(400);
    let mut saved = Vec::new();
    let mut failure = None;
    for n in 0..400 {
        let out = add_note(&journal, n, &body);
        if out.status.success() {
            saved.push(String::from_utf8(out.stdout).unwrap().trim().to_string());
        } else {
            failure = Some(String::from_utf8(out.stderr).unwrap());
            break;
        }
    }
    let failure = failure.expect("the small disk filled up");
    assert!(failure.starts_with("praxis: "), "{failure}");
    assert!(
        failure.contains("disk is full"),
        "says what is wrong: {failure}"
    );
    // Once there is room again, every saved note is there and the journal works.
    let roomy = TempDir::new().unwrap();
    let copy = roomy.path().join("journal");
    let status = Process::new("cp")
        .arg("-a")
        .arg(&journal)
        .arg(&copy)
        .status()
        .unwrap();
    assert!(status.success());
    let out = praxis(&copy, &["list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in &saved {
        assert!(ids.contains(&id.as_str()), "saved note {id} is lost");
    }
    assert!(
        praxis(&copy, &["add", "note", "--title", "after"])
            .status
            .success()
    );

    // Exporting onto the full disk fails cleanly and leaves no file, not even a temporary one.
    let free = fs_free(&disk.path);
    std::fs::write(
        disk.path.join("filler"),
        vec![0u8; free.saturating_sub(8_192) as usize],
    )
    .unwrap();
    let target = disk.path.join("export.json");
    let out = praxis(
        &copy,
        &["export", "--for", "backup", "-o", target.to_str().unwrap()],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Nothing was written there"), "{stderr}");
    assert!(!target.exists());
    let leftovers: Vec<_> = std::fs::read_dir(&disk.path)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_backup_that_does_not_fit_is_reported_and_the_save_stands() {
    let Some(disk) = SmallDisk::mount("8m") else {
        return;
    };
    let journal = new_journal_on(&disk);
    // Large enough that a backup (about 1.2 MB) cannot fit where the next small save still does.
    let body = "Asked the council what to change first. ".repeat(300);
    for n in 0..100 {
        let out = add_note(&journal, n, &body);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Leave room for a small save but not for a whole backup.
    let free = fs_free(&disk.path);
    let filler = disk.path.join("filler");
    // (praxis keeps 2 MiB in reserve for its database; the backup must not fit beyond that.)
    std::fs::write(
        &filler,
        vec![0u8; free.saturating_sub(2 * 1024 * 1024 + 700_000) as usize],
    )
    .unwrap();
    let out = praxis_at(
        &journal,
        &["add", "note", "--title", "the next day"],
        "2026-11-24T09:00:00Z",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the save itself succeeds: {stderr}");
    assert!(
        stderr.contains("today's backup was not made") && stderr.contains("what you saved is safe"),
        "{stderr}"
    );
    std::fs::remove_file(&filler).unwrap();
    let listed = praxis(&journal, &["list", "--json"]);
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["title"] == "the next day")
    );
    let names: Vec<String> = std::fs::read_dir(journal.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec!["backup-000001-2026-11-23.praxis.json"],
        "no half backup left: {names:?}"
    );
}

/// Free bytes on the file system holding `path`.
fn fs_free(path: &Path) -> u64 {
    let out = Process::new("df")
        .args(["-B1", "--output=avail"])
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .unwrap()
}

/// A journal of `n` notes saved one by one (each in the save log), with a backup made after
/// the first, as the first write of a day makes it.
fn journal_of_notes(dir: &Path, n: usize) -> Vec<praxis::record::RecordId> {
    let j = Journal::create(dir, JournalMeta::new("Anna", Language::English, now())).unwrap();
    let mut ids = Vec::new();
    for i in 0..n {
        let at = now() + chrono::Duration::seconds(i as i64);
        let mut r = praxis::record::Record::new(j.meta().id, at, praxis::record::Content::Note);
        r.title = format!("note {i}");
        r.body = "Asked the council what to change first. ".repeat(8);
        j.insert(&r).unwrap();
        ids.push(r.id);
        if i == 0 {
            praxis::backup::make_if_due(&j, at.date_naive(), at).unwrap();
        }
    }
    ids
}

fn listed_ids(journal: &Path) -> Result<Vec<String>, String> {
    let out = praxis(journal, &["list", "--json"]);
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    Ok(listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect())
}

fn copy_dir(from: &Path, to: &Path) {
    let status = Process::new("cp")
        .arg("-a")
        .arg(from)
        .arg(to)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_flipped_byte_in_the_database_loses_no_saved_note_after_praxis_repair() {
    let root = TempDir::new().unwrap();
    let original = root.path().join("original");
    let ids = journal_of_notes(&original, 150);
    let len = std::fs::metadata(original.join("db/db")).unwrap().len();
    let mut repaired = 0;
    for (round, offset) in (1..20).map(|k| k * len / 20).enumerate() {
        let dir = root.path().join(format!("j{round}"));
        copy_dir(&original, &dir);
        let db = dir.join("db/db");
        let mut bytes = std::fs::read(&db).unwrap();
        bytes[offset as usize] ^= 0xff;
        std::fs::write(&db, &bytes).unwrap();
        let listed = match listed_ids(&dir) {
            Ok(listed) => listed,
            Err(message) => {
                // Noticed: says so honestly, keeps the files as they were, names the command.
                assert!(message.contains("praxis repair"), "{message}");
                assert!(!message.contains("not changed"), "{message}");
                let kept = std::fs::read_dir(dir.join("kept"))
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .find(|p| p.is_dir())
                    .unwrap();
                assert_eq!(
                    std::fs::read(kept.join("db")).unwrap(),
                    bytes,
                    "kept as it was"
                );
                let out = praxis(&dir, &["repair", "--yes"]);
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                repaired += 1;
                listed_ids(&dir).unwrap()
            }
        };
        for id in &ids {
            assert!(
                listed.contains(&id.to_string()),
                "offset {offset}: saved note {id} is lost"
            );
        }
    }
    eprintln!("flipped a byte at 19 places: {repaired} noticed and repaired, the rest harmless");
}

#[test]
fn a_record_sled_lost_is_noticed_and_brought_back_by_repair() {
    let root = TempDir::new().unwrap();
    let dir = root.path().join("j");
    let ids = journal_of_notes(&dir, 40);
    // sled loses a record behind praxis's back (as its recovery does when it zeroes a log).
    {
        let db = sled::open(dir.join("db")).unwrap();
        db.open_tree("records")
            .unwrap()
            .remove(ids[20].to_string())
            .unwrap();
        db.flush().unwrap();
    }
    std::thread::sleep(Duration::from_millis(100));
    let message = listed_ids(&dir).unwrap_err();
    assert!(message.contains("is damaged"), "{message}");
    assert!(message.contains("not in the database"), "{message}");
    let out = praxis(&dir, &["repair", "--yes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = listed_ids(&dir).unwrap();
    assert_eq!(listed.len(), 40);
    assert!(listed.contains(&ids[20].to_string()));
}

/// Runs praxis on `journal` and kills it (SIGKILL) at a random moment within `window` ms.
fn kill_praxis_within(journal: &Path, args: &[&str], window: u64) {
    let mut child = Process::new(assert_cmd::cargo::cargo_bin("praxis"))
        .args(args)
        .env("PRAXIS_JOURNAL", journal)
        .env("PRAXIS_NOW", "2026-11-23T09:00:00Z")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(common::jitter(window)));
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn sigkill_during_a_repair_and_the_repair_run_again_finishes_it() {
    let root = TempDir::new().unwrap();
    let original = root.path().join("original");
    let ids = journal_of_notes(&original, 1);
    // Many saves after the backup, so the repair has work to be killed in.
    let j = Journal::open(&original).unwrap();
    let library = load(None).library;
    let more = praxis::generate::journal(13, RECORDS, j.meta().id, now(), None, &library);
    j.insert_batch(&more).unwrap();
    drop(j);
    let scratch = root.path().join("scratch");
    copy_dir(&original, &scratch);
    garble_db(&scratch);
    let t = std::time::Instant::now();
    assert!(praxis(&scratch, &["repair", "--yes"]).status.success());
    let window = (t.elapsed().as_millis() as u64).max(20);
    for round in 0..ROUNDS {
        let dir = root.path().join(format!("r{round}"));
        copy_dir(&original, &dir);
        garble_db(&dir);
        kill_praxis_within(&dir, &["repair", "--yes"], window);
        let listed = match listed_ids(&dir) {
            Ok(listed) => listed,
            Err(_) => {
                let out = praxis(&dir, &["repair", "--yes"]);
                assert!(
                    out.status.success(),
                    "round {round}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                listed_ids(&dir).unwrap()
            }
        };
        assert_eq!(listed.len(), RECORDS + 1, "round {round}");
        assert!(listed.contains(&ids[0].to_string()));
        // The repaired journal's search index says what its records say.
        checks::assert_search_index_agrees(&Journal::open(&dir).unwrap());
    }
}

#[test]
fn sigkill_during_a_restore_and_the_same_restore_run_again_finishes_it() {
    let root = TempDir::new().unwrap();
    let meta = JournalMeta::new("Anna", Language::English, now());
    let library = load(None).library;
    let records = praxis::generate::journal(14, RECORDS, meta.id, now(), None, &library);
    let file = root.path().join("backup.json");
    exchange::export(
        &meta,
        Scope::Backup,
        &Selection::default(),
        records,
        vec![],
        now(),
    )
    .save(&file)
    .unwrap();
    let restore = |dir: &Path| {
        Command::cargo_bin("praxis")
            .unwrap()
            .arg("restore")
            .arg(&file)
            .env("PRAXIS_JOURNAL", dir)
            .env("PRAXIS_NOW", "2026-11-23T09:00:00Z")
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap()
    };
    let t = std::time::Instant::now();
    assert!(restore(&root.path().join("scratch")).status.success());
    let window = (t.elapsed().as_millis() as u64).max(20);
    for round in 0..ROUNDS {
        let dir = root.path().join(format!("r{round}"));
        kill_praxis_within(&dir, &["restore", file.to_str().unwrap()], window);
        if listed_ids(&dir).is_ok_and(|l| l.len() == RECORDS) {
            continue; // It finished before the kill.
        }
        let out = restore(&dir);
        assert!(
            out.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(listed_ids(&dir).unwrap().len(), RECORDS, "round {round}");
    }
}

#[test]
fn on_a_full_disk_nothing_hangs_deletes_make_room_and_a_half_made_snapshot_is_cleared() {
    let Some(disk) = SmallDisk::mount("6m") else {
        return;
    };
    let journal = new_journal_on(&disk);
    let first = add_note(&journal, 0, "a small note");
    assert!(first.status.success());
    let first = String::from_utf8(first.stdout).unwrap().trim().to_string();
    // A note larger than the free space is refused at once, not written until sled hangs.
    let free = fs_free(&disk.path) as usize;
    let huge = "x".repeat(free + 1024);
    let t = std::time::Instant::now();
    let out = Command::cargo_bin("praxis")
        .unwrap()
        .args(["add", "note", "--title", "huge"])
        .env("PRAXIS_JOURNAL", &journal)
        .env("PRAXIS_NOW", "2026-11-23T09:00:00Z")
        .write_stdin(huge)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("disk is full"), "{stderr}");
    eprintln!(
        "a save larger than the disk was refused in {:?}",
        t.elapsed()
    );
    // A large peer file in the network folder: refused cleanly, the sync ends.
    let network = TempDir::new().unwrap();
    std::fs::write(network.path().join("bo.praxis.json"), peer_file(RECORDS)).unwrap();
    let filler = disk.path.join("filler");
    let free = fs_free(&disk.path);
    std::fs::write(&filler, vec![0u8; free.saturating_sub(2_300_000) as usize]).unwrap();
    let out = praxis(
        &journal,
        &["network", "sync", network.path().to_str().unwrap()],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("disk is full"), "{stderr}");
    assert_eq!(
        listed_ids(&journal).unwrap(),
        vec![first.clone()],
        "nothing of it landed"
    );
    // The disk is quite full now; deleting is still allowed, so people can make room.
    let free = fs_free(&disk.path);
    std::fs::OpenOptions::new()
        .append(true)
        .open(&filler)
        .unwrap()
        .write_all(&vec![0u8; free.saturating_sub(600_000) as usize])
        .unwrap();
    assert!(!add_note(&journal, 1, "no room").status.success());
    let out = praxis(&journal, &["delete", &first, "--yes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_file(&filler).unwrap();
    // sled's snapshot cut off by a full disk (or a kill) does not make the journal "damaged".
    std::fs::write(journal.join("db/snap.00000000000FFFFF.generating"), b"").unwrap();
    assert_eq!(listed_ids(&journal).unwrap(), Vec::<String>::new());
    assert!(add_note(&journal, 2, "room again").status.success());
}

#[test]
fn a_journal_on_a_read_only_disk_opens_for_reading_and_refuses_saves_clearly() {
    let Some(disk) = SmallDisk::mount("8m") else {
        return;
    };
    let journal = new_journal_on(&disk);
    let id = add_note(&journal, 0, "kept on a read-only stick");
    let id = String::from_utf8(id.stdout).unwrap().trim().to_string();
    let status = Process::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&disk.path)
        .status()
        .unwrap();
    assert!(status.success());
    let out = praxis(&journal, &["list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("read-only"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("note 0"));
    assert!(praxis(&journal, &["show", &id]).status.success());
    let out = add_note(&journal, 1, "no");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("read-only"), "{stderr}");
}

#[test]
fn a_large_journal_makes_no_backup_on_its_first_write_of_a_day_but_logs_the_save() {
    let root = TempDir::new().unwrap();
    let dir = root.path().join("j");
    let j = Journal::create(&dir, JournalMeta::new("Anna", Language::English, now())).unwrap();
    let library = load(None).library;
    let records = praxis::generate::journal(15, 3000, j.meta().id, now(), None, &library);
    j.insert_batch(&records).unwrap();
    let first = praxis::backup::make(&j, now().date_naive(), now()).unwrap();
    assert!(std::fs::metadata(&first).unwrap().len() > praxis::backup::CHEAP_BACKUP_BYTES);
    drop(j);
    let out = praxis_at(
        &dir,
        &["add", "note", "--title", "next day"],
        "2026-11-24T09:00:00Z",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        praxis::backup::list(&dir).len(),
        1,
        "no backup on the write path"
    );
    // The save is in the log: a damaged database still gives it back.
    for entry in std::fs::read_dir(dir.join("db")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::write(&path, b"garbage").unwrap();
        }
    }
    assert!(praxis(&dir, &["repair", "--yes"]).status.success());
    let ids = listed_ids(&dir).unwrap();
    assert_eq!(ids.len(), 3001);
}

fn log_segments(journal: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(journal.join("log"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    all.sort();
    all
}

fn garble_db(journal: &Path) {
    for entry in std::fs::read_dir(journal.join("db")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let len = std::fs::metadata(&path).unwrap().len() as usize;
            std::fs::write(&path, vec![0x5a; len.max(64)]).unwrap();
        }
    }
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_damaged_or_missing_save_log_never_costs_a_note_and_starts_afresh() {
    let root = TempDir::new().unwrap();
    let original = root.path().join("original");
    let ids: Vec<String> = journal_of_notes(&original, 150)
        .iter()
        .map(|id| id.to_string())
        .collect();
    type Damage = (&'static str, fn(&Path));
    let damages: [Damage; 3] = [
        ("a flipped byte in the log", |j| {
            let seg = log_segments(j).pop().unwrap();
            let mut bytes = std::fs::read(&seg).unwrap();
            let at = bytes.len() / 3;
            bytes[at] ^= 0xff;
            std::fs::write(&seg, bytes).unwrap();
        }),
        ("the newest log file deleted", |j| {
            std::fs::remove_file(log_segments(j).pop().unwrap()).unwrap();
        }),
        ("every log file overwritten", |j| {
            for seg in log_segments(j) {
                let len = std::fs::metadata(&seg).unwrap().len() as usize;
                std::fs::write(&seg, vec![0x17; len]).unwrap();
            }
        }),
    ];
    for (round, (what, damage)) in damages.into_iter().enumerate() {
        let dir = root.path().join(format!("j{round}"));
        copy_dir(&original, &dir);
        // A clean close first, so only the log is off.
        assert!(praxis(&dir, &["list"]).status.success());
        damage(&dir);
        let out = praxis(&dir, &["list", "--json"]);
        assert!(out.status.success(), "{what}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("save log"),
            "{what}: {}",
            stderr_of(&out)
        );
        assert!(
            stderr_of(&out).contains("nothing is lost"),
            "{what}: {}",
            stderr_of(&out)
        );
        assert_eq!(listed_ids(&dir).unwrap().len(), 150, "{what}");
        // The log started afresh: a note saved now survives the database's damage.
        let late = add_note(&dir, 999, "after the log was mended");
        assert!(late.status.success());
        let late = String::from_utf8(late.stdout).unwrap().trim().to_string();
        garble_db(&dir);
        assert!(!praxis(&dir, &["list"]).status.success());
        let out = praxis(&dir, &["repair", "--yes"]);
        assert!(out.status.success(), "{what}: {}", stderr_of(&out));
        let listed = listed_ids(&dir).unwrap();
        assert_eq!(listed.len(), 151, "{what}");
        assert!(listed.contains(&late), "{what}");
        for id in &ids {
            assert!(listed.contains(id), "{what}: {id} lost");
        }
    }
}

#[test]
fn with_both_the_log_and_the_database_damaged_repair_keeps_what_either_still_holds() {
    let root = TempDir::new().unwrap();
    let dir = root.path().join("j");
    let ids = journal_of_notes(&dir, 60);
    assert!(praxis(&dir, &["list"]).status.success());
    // The log loses its middle; then sled loses one record behind praxis's back.
    let seg = log_segments(&dir).pop().unwrap();
    let mut bytes = std::fs::read(&seg).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0xff;
    std::fs::write(&seg, bytes).unwrap();
    {
        let db = sled::open(dir.join("db")).unwrap();
        db.open_tree("records")
            .unwrap()
            .remove(ids[5].to_string())
            .unwrap();
        db.flush().unwrap();
    }
    std::thread::sleep(Duration::from_millis(100));
    let out = praxis(&dir, &["repair", "--yes"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let listed = listed_ids(&dir).unwrap();
    // The record sled lost is in the log (early on); everything after the log's damage is in
    // the database: none is lost.
    assert_eq!(listed.len(), 60, "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn a_damaged_journal_is_kept_aside_once_and_a_healthy_one_needs_no_repair() {
    let root = TempDir::new().unwrap();
    let dir = root.path().join("j");
    journal_of_notes(&dir, 20);
    let out = praxis(&dir, &["repair", "--yes"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("nothing to repair"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    garble_db(&dir);
    for _ in 0..3 {
        assert!(!praxis(&dir, &["list"]).status.success());
    }
    let copies = std::fs::read_dir(dir.join("kept"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(copies, 1, "the same damaged files are kept once");
    // Its database folder gone altogether: the message names the repair, which brings all back.
    std::fs::remove_dir_all(dir.join("db")).unwrap();
    let err = stderr_of(&praxis(&dir, &["list"]));
    assert!(
        err.contains("db/ is missing") && err.contains("praxis repair"),
        "{err}"
    );
    assert!(praxis(&dir, &["repair", "--yes"]).status.success());
    assert_eq!(listed_ids(&dir).unwrap().len(), 20);
}

#[test]
fn a_journal_on_a_full_disk_still_opens_when_there_is_no_room_to_keep_a_copy() {
    let Some(disk) = SmallDisk::mount("8m") else {
        return;
    };
    let journal = new_journal_on(&disk);
    let body = "Asked the council what to change first. ".repeat(40);
    for n in 0..60 {
        assert!(add_note(&journal, n, &body).status.success());
    }
    // As after a kill: sled's files are not as a clean close left them.
    std::fs::remove_file(journal.join("db.closed")).unwrap();
    let free = fs_free(&disk.path);
    std::fs::write(
        disk.path.join("filler"),
        vec![0u8; free.saturating_sub(100_000) as usize],
    )
    .unwrap();
    let out = praxis(&journal, &["list", "--json"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(listed_ids(&journal).unwrap().len(), 60);
    let leftovers = journal.join("kept");
    assert!(
        !leftovers.exists() || std::fs::read_dir(&leftovers).unwrap().count() == 0,
        "no partial copy left behind"
    );
}
