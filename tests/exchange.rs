//! Sharing from the command line: a mentor's review round trip, a learning network synced
//! through a git repository, backups and moving in.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

struct Person {
    journal: PathBuf,
}

impl Person {
    fn new(root: &Path, name: &str) -> Person {
        let p = Person {
            journal: root.join(name),
        };
        p.ok(&["init", "--name", name, "--lang", "en"]);
        p
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("praxis").unwrap();
        cmd.args(args)
            .env("PRAXIS_JOURNAL", &self.journal)
            .env("PRAXIS_CONFIG", self.journal.with_extension("config"))
            .env("PRAXIS_NOW", "2026-11-23T09:00:00Z")
            .env("TZ", "UTC");
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert!(
            out.status.success(),
            "praxis {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert!(!out.status.success(), "praxis {args:?} should fail");
        String::from_utf8(out.stderr).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn add(&self, args: &[&str]) -> String {
        self.ok(args).trim().to_string()
    }
}

fn titles(v: &Value) -> Vec<String> {
    let mut t: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect();
    t.sort();
    t
}

#[test]
fn a_mentor_reviews_an_export_and_the_manager_sees_the_comments() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let shared = anna.add(&[
        "add",
        "note",
        "--title",
        "Council hearing",
        "--visibility",
        "mentor",
    ]);
    anna.add(&["add", "note", "--title", "About Bob", "--body", "SECRET"]);
    let export = root.path().join("for-mette.json");
    anna.ok(&["export", "--for", "mentor", "-o", export.to_str().unwrap()]);
    let text = std::fs::read_to_string(&export).unwrap();
    assert!(text.contains("Council hearing") && !text.contains("SECRET"));

    // Mette has no journal of her own; she reviews the file and writes comments back.
    let mette = Person {
        journal: root.path().join("mette"),
    };
    let listing = mette.ok(&["review", export.to_str().unwrap(), "--name", "Mette"]);
    assert!(listing.contains("Council hearing"), "{listing}");
    let comment = format!("{}=What did the relatives say?", &shared[..12]);
    let out = mette.ok(&[
        "review",
        export.to_str().unwrap(),
        "--name",
        "Mette",
        "--comment",
        &comment,
    ]);
    let comments = export.with_extension("comments.json");
    assert!(out.contains("Wrote 1 comment(s)"), "{out}");
    assert!(
        !mette.journal.exists(),
        "reviewing leaves no journal behind"
    );

    let out = anna.ok(&["import", comments.to_str().unwrap()]);
    assert!(out.contains("comments: 1 added"), "{out}");
    let shown = anna.ok(&["show", &shared]);
    assert!(
        shown.contains("Mette") && shown.contains("What did the relatives say?"),
        "{shown}"
    );
    let again = anna.ok(&["import", comments.to_str().unwrap()]);
    assert!(
        again.contains("comments: 0 added, 1 already here"),
        "{again}"
    );
    let err = mette.fails(&[
        "review",
        export.to_str().unwrap(),
        "--name",
        "Mette",
        "--comment",
        "ZZZ=hi",
    ]);
    assert!(err.contains("no record in"), "{err}");
}

#[test]
fn imports_report_refuse_and_restore() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    anna.add(&["add", "note", "--title", "Private one", "--body", "mine"]);
    let c = anna.add(&[
        "add",
        "cycle",
        "--title",
        "Trust",
        "--visibility",
        "network",
    ]);
    anna.add(&[
        "add",
        "experiment",
        "--title",
        "Rota",
        "--cycle",
        &c,
        "--visibility",
        "mentor",
    ]);
    let backup = root.path().join("backup.json");
    anna.ok(&["export", "--for", "backup", "-o", backup.to_str().unwrap()]);

    // Restore into a new folder: the same journal, exactly.
    let copy = Person {
        journal: root.path().join("restored"),
    };
    let out = copy.ok(&["restore", backup.to_str().unwrap()]);
    assert!(out.contains("3 records"), "{out}");
    assert_eq!(
        copy.json(&["list", "--json"]),
        anna.json(&["list", "--json"])
    );
    let err = copy.fails(&["restore", backup.to_str().unwrap()]);
    assert!(err.contains("already holds a journal"), "{err}");

    // Another journal: a dry run reports, an import keeps them apart and read-only.
    let bo = Person::new(root.path(), "Bo");
    let mentor = root.path().join("mentor.json");
    anna.ok(&["export", "--for", "mentor", "-o", mentor.to_str().unwrap()]);
    let out = bo.ok(&["import", mentor.to_str().unwrap(), "--dry-run"]);
    assert!(
        out.contains("Would import Anna's mentor export") && out.contains("2 added"),
        "{out}"
    );
    assert_eq!(
        bo.json(&["list", "--peers", "--json"]),
        Value::Array(vec![])
    );
    bo.ok(&["import", mentor.to_str().unwrap()]);
    assert_eq!(
        titles(&bo.json(&["list", "--peers", "--json"])),
        vec!["Rota", "Trust"]
    );
    assert_eq!(
        bo.json(&["list", "--json"]),
        Value::Array(vec![]),
        "not mixed into Bo's own"
    );
    let err = bo.fails(&["edit", &c, "--title", "Mine now"]);
    assert!(
        err.contains("from Anna's journal and is read-only"),
        "{err}"
    );
    let shown = bo.ok(&["show", &c]);
    assert!(shown.contains("from Anna's journal (read-only)"), "{shown}");

    // A tampered file changes nothing.
    let text = std::fs::read_to_string(&mentor)
        .unwrap()
        .replace("Rota", "Rotas");
    let tampered = root.path().join("tampered.json");
    std::fs::write(&tampered, text).unwrap();
    let before = bo.ok(&["list", "--peers", "--json"]);
    let err = bo.fails(&["import", tampered.to_str().unwrap()]);
    assert!(err.contains("changed after it was exported"), "{err}");
    assert_eq!(bo.ok(&["list", "--peers", "--json"]), before);

    // Moving in from jrnl, twice.
    let jrnl = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/jrnl.json");
    assert!(bo.ok(&["import", jrnl]).contains("2 added"));
    assert!(
        bo.ok(&["import", jrnl])
            .contains("0 added, 0 updated, 2 already here")
    );

    // Markdown for reading.
    let md = anna.ok(&["export", "--for", "mentor", "--format", "markdown"]);
    assert!(
        md.contains("## Cycle: Trust") && md.contains("### Experiment: Rota"),
        "{md}"
    );
    assert!(!md.contains("Private one"));
}

fn git(dir: &Path, args: &[&str]) {
    let out = Process::new("git")
        .args([
            "-c",
            "user.name=praxis-test",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn three_journals_share_network_records_through_a_git_repository() {
    let root = TempDir::new().unwrap();
    let bare = root.path().join("network.git");
    std::fs::create_dir(&bare).unwrap();
    git(&bare, &["init", "--bare", "--quiet"]);
    let names = ["Anna", "Bo", "Cai"];
    let people: Vec<Person> = names.iter().map(|n| Person::new(root.path(), n)).collect();
    let clones: Vec<PathBuf> = names
        .iter()
        .map(|n| {
            let clone = root.path().join(format!("{n}-network"));
            git(
                root.path(),
                &[
                    "clone",
                    "--quiet",
                    bare.to_str().unwrap(),
                    clone.to_str().unwrap(),
                ],
            );
            clone
        })
        .collect();
    for (p, n) in people.iter().zip(names) {
        p.add(&[
            "add",
            "note",
            "--title",
            &format!("{n} shares this"),
            "--visibility",
            "network",
        ]);
        p.add(&[
            "add",
            "note",
            "--title",
            &format!("{n} to mentor only"),
            "--visibility",
            "mentor",
        ]);
        p.add(&[
            "add",
            "note",
            "--title",
            &format!("{n} private"),
            "--body",
            "PRIVATE",
        ]);
    }
    // Two rounds: sync, commit, push (pull first, as a person would).
    for _ in 0..2 {
        for (p, clone) in people.iter().zip(&clones) {
            let has_commits = Process::new("git")
                .args(["ls-remote", "--heads", bare.to_str().unwrap()])
                .output()
                .unwrap()
                .stdout
                .is_empty();
            let has_commits = !has_commits;
            if has_commits {
                git(clone, &["pull", "--quiet", "--rebase", "origin", "main"]);
            }
            p.ok(&["network", "sync", clone.to_str().unwrap()]);
            git(clone, &["add", "-A"]);
            let status = Process::new("git")
                .args(["status", "--porcelain"])
                .current_dir(clone)
                .output()
                .unwrap();
            if !status.stdout.is_empty() {
                git(clone, &["commit", "--quiet", "-m", "praxis network sync"]);
            }
            git(clone, &["push", "--quiet", "origin", "HEAD:main"]);
        }
    }
    for (i, p) in people.iter().enumerate() {
        let mut want: Vec<String> = names
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, n)| format!("{n} shares this"))
            .collect();
        want.sort();
        assert_eq!(
            titles(&p.json(&["list", "--peers", "--json"])),
            want,
            "{}",
            names[i]
        );
        for clone in &clones {
            for entry in std::fs::read_dir(clone).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() {
                    let text = std::fs::read_to_string(&path).unwrap();
                    assert!(
                        !text.contains("PRIVATE") && !text.contains("mentor only"),
                        "{path:?}"
                    );
                }
            }
        }
    }
    // Syncing again changes nothing.
    let out = people[0].ok(&["network", "sync", clones[0].to_str().unwrap()]);
    assert!(out.contains("0 new, 0 updated, 1 unchanged"), "{out}");
}
