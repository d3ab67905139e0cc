//! What praxis promises holds against hostile files: named pipes, devices and huge files are
//! refused at once, another journal's control characters are shown and not obeyed, and absurd
//! revisions are refused. Every command runs under a timeout, so a hang fails the test.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use praxis::exchange::ExchangeFile;
use serde_json::Value;
use tempfile::TempDir;

/// Long enough for a slow machine, short enough that a hang is a failure and not a stuck run.
const TIMEOUT: Duration = Duration::from_secs(20);
/// The most praxis reads of an exchange file: 256 MiB.
const EXCHANGE_LIMIT: u64 = 256 << 20;
/// The most praxis reads of an answers file or of text piped in: 8 MiB.
const TEXT_LIMIT: u64 = 8 << 20;

struct Person {
    journal: PathBuf,
}

impl Person {
    fn new(root: &Path, name: &str) -> Person {
        let p = Person::without_journal(root, name);
        p.ok(&["init", "--name", name, "--lang", "en"]);
        p
    }

    fn without_journal(root: &Path, name: &str) -> Person {
        Person {
            journal: root.join(name.replace(|c: char| !c.is_alphanumeric(), "_")),
        }
    }

    fn config(&self) -> PathBuf {
        self.journal.with_extension("config")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("praxis").unwrap();
        cmd.args(args)
            .env("PRAXIS_JOURNAL", &self.journal)
            .env("PRAXIS_CONFIG", self.config())
            .env("PRAXIS_NOW", "2026-11-23T09:00:00Z")
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8")
            .timeout(TIMEOUT);
        cmd
    }

    /// Runs and expects success; returns stdout and stderr.
    fn run_ok(&self, args: &[&str]) -> (String, String) {
        let out = self.cmd(args).output().unwrap();
        assert!(
            out.status.success(),
            "praxis {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        self.run_ok(args).0
    }

    /// Runs and expects a refusal (not a timeout); returns stderr.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            out.status.code().is_some_and(|c| c != 0),
            "praxis {args:?} should be refused, not succeed or be killed: {err}"
        );
        err
    }

    fn add(&self, args: &[&str]) -> String {
        self.ok(args).trim().to_string()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn a_named_pipe_in_the_network_folder_is_skipped_and_the_other_files_sync() {
    let root = TempDir::new().unwrap();
    let folder = root.path().join("network");
    std::fs::create_dir(&folder).unwrap();
    let anna = Person::new(root.path(), "Anna");
    let bo = Person::new(root.path(), "Bo");
    bo.add(&[
        "add",
        "note",
        "--title",
        "Bo shares this",
        "--visibility",
        "network",
    ]);
    bo.ok(&["network", "sync", s(&folder)]);
    mkfifo(&folder.join("eve.praxis.json"));

    let (out, err) = anna.run_ok(&["network", "sync", s(&folder)]);
    assert!(out.contains("Bo: 1 new"), "{out}");
    assert!(
        err.contains("skipped eve.praxis.json") && err.contains("named pipe (FIFO)"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one line for the pipe: {err}");
    let peers = anna.json(&["list", "--peers", "--json"]);
    assert_eq!(peers[0]["title"], "Bo shares this");
}

#[test]
fn a_named_pipe_given_to_import_restore_or_review_is_refused_at_once() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let fifo = root.path().join("shared.json");
    mkfifo(&fifo);

    let err = anna.fails(&["import", s(&fifo)]);
    assert!(
        err.contains("shared.json is a named pipe (FIFO), not a regular file")
            && err.contains("Nothing was changed"),
        "{err}"
    );
    let restored = Person::without_journal(root.path(), "restored");
    let err = restored.fails(&["restore", s(&fifo)]);
    assert!(err.contains("named pipe (FIFO)"), "{err}");
    assert!(
        !restored.journal.exists(),
        "a refused restore leaves nothing"
    );
    let err = anna.fails(&["review", s(&fifo), "--name", "Mette"]);
    assert!(err.contains("named pipe (FIFO)"), "{err}");
    // The journal lock was let go: the next command runs.
    anna.ok(&["list"]);
}

#[test]
fn answers_from_a_device_or_a_link_to_one_are_refused_without_reading() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let link = root.path().join("answers.toml");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    for answers in ["/dev/zero", s(&link)] {
        let err = anna.fails(&[
            "add",
            "reflection",
            "--set",
            "daily-checkin",
            "--answers",
            answers,
        ]);
        assert!(
            err.contains(&format!("{answers} is a device, not a regular file")),
            "{err}"
        );
    }
    assert_eq!(anna.json(&["list", "--json"]), Value::Array(vec![]));
}

#[test]
fn a_named_pipe_in_the_prompts_folder_does_not_hang_the_library() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let prompts = anna.config().join("prompts");
    std::fs::create_dir_all(&prompts).unwrap();
    mkfifo(&prompts.join("x.toml"));

    let (out, err) = anna.run_ok(&["prompts", "list"]);
    assert!(out.contains("daily-checkin"), "the built-in sets: {out}");
    assert!(
        err.contains("skipped a prompt file") && err.contains("x.toml is a named pipe (FIFO)"),
        "{err}"
    );
}

#[test]
fn files_and_piped_text_over_the_limit_are_refused() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    // Sparse: as large as it says, without filling the disk.
    let huge = root.path().join("huge.praxis.json");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(EXCHANGE_LIMIT + 1).unwrap();
    let err = anna.fails(&["import", s(&huge)]);
    assert!(err.contains("is larger than 256 MiB"), "{err}");

    let answers = root.path().join("answers.toml");
    std::fs::File::create(&answers)
        .unwrap()
        .set_len(TEXT_LIMIT + 1)
        .unwrap();
    let err = anna.fails(&[
        "add",
        "reflection",
        "--set",
        "daily-checkin",
        "--answers",
        s(&answers),
    ]);
    assert!(err.contains("is larger than 8 MiB"), "{err}");

    let body = "x".repeat(TEXT_LIMIT as usize + 1);
    let out = anna
        .cmd(&["add", "note", "--title", "Long"])
        .write_stdin(body)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        !out.status.success() && err.contains("larger than 8 MiB"),
        "{err}"
    );
    assert_eq!(anna.json(&["list", "--json"]), Value::Array(vec![]));
}

/// Every byte a terminal would obey as a command, in what praxis printed.
fn control_bytes(out: &str) -> Vec<char> {
    out.chars()
        .filter(|c| {
            (c.is_control() && !matches!(c, '\n' | '\t'))
                || ('\u{202a}'..='\u{202e}').contains(c)
                || ('\u{2066}'..='\u{2069}').contains(c)
        })
        .collect()
}

#[test]
fn a_peers_control_characters_are_shown_escaped_and_not_obeyed() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let eve_name = "Eve\x1b]0;pwned\x07";
    let eve = Person::new(root.path(), eve_name);
    let title = "Hello\x1b[2J\x1b[?1049h\u{9b}31m\u{202e}txt.exe";
    let id = eve.add(&[
        "add",
        "note",
        "--title",
        title,
        "--body",
        "line one\n\x1b[1Aline two\r\x7f",
        "--tag",
        "t\x1b[5m",
        "--visibility",
        "network",
    ]);
    let file = root.path().join("eve.json");
    eve.ok(&["export", "--for", "network", "-o", s(&file)]);

    let report = anna.ok(&["import", s(&file)]);
    let listed = anna.ok(&["list", "--peers"]);
    let shown = anna.ok(&["show", &id]);
    let reviewed = anna.ok(&["review", s(&file), "--name", "Mette"]);
    for out in [&report, &listed, &shown, &reviewed] {
        assert_eq!(control_bytes(out), Vec::<char>::new(), "{out}");
    }
    assert!(
        report.contains("Eve\\u001b]0;pwned\\u0007's network export"),
        "{report}"
    );
    assert!(
        listed.contains("Hello\\u001b[2J\\u001b[?1049h\\u009b31m\\u202etxt"),
        "{listed}"
    );
    assert!(
        shown.contains("\\u001b[1Aline two\\u000d\\u007f"),
        "{shown}"
    );
    assert!(
        shown.contains("line one\n"),
        "line breaks in a body stay: {shown}"
    );
    assert!(reviewed.contains("Hello\\u001b[2J"), "{reviewed}");

    // JSON stays exact: the same text comes back when it is parsed.
    let peers = anna.json(&["list", "--peers", "--json"]);
    assert_eq!(peers[0]["title"], title);
    assert_eq!(
        control_bytes(&anna.ok(&["list", "--peers", "--json"])),
        vec![]
    );

    // Syncing names the peer on one line: its controls become spaces.
    let folder = root.path().join("network");
    std::fs::create_dir(&folder).unwrap();
    eve.ok(&["network", "sync", s(&folder)]);
    let (out, err) = anna.run_ok(&["network", "sync", s(&folder)]);
    assert_eq!(control_bytes(&out), Vec::<char>::new(), "{out}");
    assert_eq!(control_bytes(&err), Vec::<char>::new(), "{err}");
    assert!(out.contains("Eve ]0;pwned: "), "{out}");
}

/// `from`'s export for `scope`, with its first record's revision set to `revision` and the file
/// sealed again, as a hostile peer would make it.
fn with_revision(from: &Person, scope: &str, path: &Path, revision: u32) {
    from.ok(&["export", "--for", scope, "-o", s(path)]);
    let mut file: ExchangeFile =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file.content.records[0].revision = revision;
    ExchangeFile::seal(file.content).save(path).unwrap();
}

#[test]
fn records_with_an_absurd_revision_are_refused_at_import() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let bo = Person::new(root.path(), "Bo");
    let id = bo.add(&[
        "add",
        "note",
        "--title",
        "Shared",
        "--visibility",
        "network",
    ]);
    let file = root.path().join("bo.json");
    for revision in [0, 1_000_000_001, u32::MAX] {
        with_revision(&bo, "network", &file, revision);
        let err = anna.fails(&["import", s(&file)]);
        assert!(
            err.contains(&format!("record {id} has revision {revision}"))
                && err.contains("Nothing was imported"),
            "{err}"
        );
    }
    assert_eq!(
        anna.json(&["list", "--peers", "--json"]),
        Value::Array(vec![])
    );
    with_revision(&bo, "network", &file, 1_000_000_000);
    anna.ok(&["import", s(&file)]);
}

#[test]
fn a_record_at_the_highest_revision_is_not_edited_further() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let id = anna.add(&["add", "note", "--title", "Often changed"]);
    let backup = root.path().join("backup.json");
    with_revision(&anna, "backup", &backup, 1_000_000_000);
    let copy = Person::without_journal(root.path(), "copy");
    copy.ok(&["restore", s(&backup)]);

    let err = copy.fails(&["edit", &id, "--title", "Once more"]);
    assert!(
        err.contains("has reached the highest revision") && err.contains("nothing was saved"),
        "{err}"
    );
    let listed = copy.json(&["list", "--json"]);
    assert_eq!(listed[0]["title"], "Often changed");
    assert_eq!(listed[0]["revision"], 1_000_000_000);
}
