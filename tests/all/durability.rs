//! A saved word is never lost: a child process saves records in a loop and is killed with
//! SIGKILL at random moments; every id it printed (printed only after the save returned) must be
//! in the journal afterwards, and the journal must open every time.
//!
//! The child is this same test binary, re-run on the `child_saves_until_killed` test.

use crate::common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use chrono::Utc;
use praxis::journal::{JournalMeta, Language};
use praxis::record::{Content, Record, RecordId};
use praxis::store::Journal;

const CHILD_ENV: &str = "PRAXIS_DURABILITY_CHILD_DIR";
const ROUNDS: usize = 20;

#[test]
fn child_saves_until_killed() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return; // Only does something when the parent test starts it.
    };
    let journal = Journal::open(dir.as_ref()).expect("journal opens after every kill");
    let mut n = 0u64;
    loop {
        let mut r = Record::new(journal.meta().id, Utc::now(), Content::Note);
        r.title = format!("note {n}");
        r.body = "Asked the council what to change first. ".repeat(8);
        journal.insert(&r).expect("save");
        println!("{}", r.id);
        n += 1;
    }
}

#[test]
fn every_printed_save_survives_sigkill() {
    let dir = tempfile::TempDir::new().unwrap();
    drop(
        Journal::create(
            dir.path(),
            JournalMeta::new("Anna", Language::English, Utc::now()),
        )
        .unwrap(),
    );
    let exe = std::env::current_exe().unwrap();
    let mut printed: HashSet<RecordId> = HashSet::new();

    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "durability::child_saves_until_killed",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                // The test harness may print "test … ... " before the first id.
                let word = line.trim().rsplit(' ').next().unwrap_or("");
                if let Ok(id) = word.parse::<RecordId>()
                    && word.len() == 26
                {
                    let _ = tx.send(id);
                }
            }
        });
        // Let it get going (the first id shows it has opened), then kill it at a random moment.
        let first = rx.recv_timeout(Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(common::jitter(120)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        printed.extend(first.ok());
        printed.extend(rx.try_iter());

        let journal = Journal::open(dir.path())
            .unwrap_or_else(|e| panic!("round {round}: the journal does not open: {e}"));
        let missing: Vec<_> = printed
            .iter()
            .filter(|id| journal.get(**id).unwrap().is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "round {round}: {} of {} printed saves are lost",
            missing.len(),
            printed.len()
        );
    }
    assert!(
        printed.len() >= ROUNDS,
        "the child saved too little for the test to mean anything ({})",
        printed.len()
    );
}
