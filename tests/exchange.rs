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
    // Syncing again changes nothing: this journal's file is not rewritten (no git churn), and
    // the peers' files, unchanged, are not even read.
    let out = people[0].ok(&["network", "sync", clones[0].to_str().unwrap()]);
    assert!(out.contains("are as they were"), "{out}");
    assert!(
        out.contains("2 peer file(s) unchanged since the last sync"),
        "{out}"
    );
    let status = Process::new("git")
        .args(["status", "--porcelain"])
        .current_dir(&clones[0])
        .output()
        .unwrap();
    assert!(
        status.stdout.is_empty(),
        "no churn: {}",
        String::from_utf8_lossy(&status.stdout)
    );
    // Files that git and Syncthing leave behind are skipped with one line each.
    let leftovers = [
        "bo.sync-conflict-20261201-101010-ABCDEFG.praxis.json",
        ".syncthing.bo.praxis.json.tmp",
        "merge.praxis.json",
    ];
    std::fs::write(clones[0].join(leftovers[0]), "{}").unwrap();
    std::fs::write(clones[0].join(leftovers[1]), "{").unwrap();
    std::fs::write(
        clones[0].join(leftovers[2]),
        "<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> theirs\n",
    )
    .unwrap();
    let out = people[0]
        .cmd(&["network", "sync", clones[0].to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Syncthing's copy of a conflict"), "{err}");
    assert!(err.contains("merge-conflict markers"), "{err}");
}

/// A praxis file changed as an attacker would: `edit` rewrites its content, then it is sealed
/// again (the checksum anyone can work out) and signed with `key`, or left unsigned.
fn forge(
    text: &str,
    edit: impl FnOnce(&mut praxis::exchange::Content),
    key: Option<&praxis::identity::Identity>,
) -> String {
    let file: praxis::exchange::ExchangeFile = serde_json::from_str(text).unwrap();
    let mut content = file.content;
    edit(&mut content);
    let sealed = praxis::exchange::ExchangeFile::seal(content);
    match key {
        Some(k) => sealed.signed_by(k).to_json(),
        None => sealed.to_json(),
    }
}

fn journal_id(p: &Person) -> String {
    p.ok(&["journal"])
        .lines()
        .find_map(|l| l.strip_prefix("id        ").map(str::to_string))
        .unwrap()
}

/// The name of a journal's file in the network folder: its author's name and the start of its id.
fn network_file(p: &Person, name: &str) -> String {
    format!("{name}-{}.praxis.json", &journal_id(p)[..10])
}

fn key_of(p: &Person) -> praxis::identity::Identity {
    let text = std::fs::read_to_string(p.journal.join("identity.key")).unwrap();
    praxis::identity::Identity::from_text(&text).unwrap()
}

#[test]
fn a_file_that_claims_to_be_from_my_own_journal_changes_nothing() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let note = anna.add(&["add", "note", "--title", "Mine", "--visibility", "network"]);
    let net = root.path().join("net");
    std::fs::create_dir(&net).unwrap();
    anna.ok(&["network", "sync", net.to_str().unwrap()]);
    let own_file = std::fs::read_to_string(net.join(network_file(&anna, "anna"))).unwrap();
    assert!(
        own_file.contains("\"signature\""),
        "what praxis writes is signed"
    );
    let stranger = praxis::identity::Identity::generate().unwrap();
    let rewrite = |c: &mut praxis::exchange::Content| {
        c.records[0].title = "HIJACKED".into();
        c.records[0].revision = 99;
        let mut injected = c.records[0].clone();
        injected.id = praxis::record::RecordId::new_at(c.exported_at);
        injected.title = "INJECTED: I resign".into();
        c.records.push(injected);
    };
    for (name, key) in [
        ("unsigned", None),
        ("signed by another key", Some(&stranger)),
    ] {
        let forged = forge(&own_file, rewrite, key);
        std::fs::write(net.join("forged.praxis.json"), &forged).unwrap();
        let err = anna.fails(&["network", "sync", net.to_str().unwrap()]);
        assert!(
            err.contains("says it comes from your own journal"),
            "{name}: {err}"
        );
        // The same file through import, as a mentor file and as a backup.
        let path = root.path().join("forged.json");
        for scope in [
            praxis::exchange::Scope::Mentor,
            praxis::exchange::Scope::Backup,
        ] {
            let as_scope = forge(&forged, |c| c.scope = scope, key);
            std::fs::write(&path, as_scope).unwrap();
            let err = anna.fails(&["import", path.to_str().unwrap()]);
            assert!(
                err.contains("says it comes from your own journal"),
                "{name} {scope:?}: {err}"
            );
        }
        let listed = anna.ok(&["list"]);
        assert!(
            listed.contains("Mine") && !listed.contains("HIJACKED"),
            "{listed}"
        );
        assert!(!listed.contains("INJECTED"), "{listed}");
    }
    std::fs::remove_file(net.join("forged.praxis.json")).unwrap();
    // My own record, as I left it, goes on to my peers.
    anna.ok(&["network", "sync", net.to_str().unwrap()]);
    let shown = anna.json(&["show", &note, "--json"]);
    assert_eq!(
        shown["record"]["title"]
            .as_str()
            .or(shown["title"].as_str()),
        Some("Mine")
    );
}

#[test]
fn an_old_copy_of_my_own_file_does_not_bring_back_what_i_deleted() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    anna.add(&["add", "note", "--title", "Keep", "--visibility", "network"]);
    let gone = anna.add(&[
        "add",
        "note",
        "--title",
        "Regret",
        "--visibility",
        "network",
    ]);
    let old = root.path().join("old.json");
    anna.ok(&["export", "--for", "network", "-o", old.to_str().unwrap()]);
    anna.ok(&["delete", &gone, "--yes"]);
    let out = anna.ok(&["import", old.to_str().unwrap()]);
    assert!(
        out.contains("1 you deleted here, not brought back"),
        "{out}"
    );
    let listed = anna.ok(&["list"]);
    assert!(!listed.contains("Regret"), "{listed}");
}

#[test]
fn a_peer_cannot_be_impersonated_and_a_changed_key_is_refused_until_trusted() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let bo = Person::new(root.path(), "Bo");
    let anna_cycle = anna.add(&[
        "add",
        "cycle",
        "--title",
        "Private cycle",
        "--question",
        "How do I let go?",
    ]);
    bo.add(&[
        "add",
        "note",
        "--title",
        "Bo's idea",
        "--visibility",
        "network",
    ]);
    let net = root.path().join("net");
    std::fs::create_dir(&net).unwrap();
    bo.ok(&["network", "sync", net.to_str().unwrap()]);
    let first = anna.ok(&["network", "sync", net.to_str().unwrap()]);
    assert!(
        first.contains("Bo's key is new here and was pinned"),
        "{first}"
    );
    let bo_id = journal_id(&bo);
    let bo_file_path = net.join(network_file(&bo, "bo"));
    let bo_file = std::fs::read_to_string(&bo_file_path).unwrap();
    let anna_id = praxis::record::JournalId(journal_id(&anna).parse().unwrap());
    let impostor = |c: &mut praxis::exchange::Content| {
        c.exported_by.author_name = "Bob the Impostor".into();
        c.records[0].title = "Bo quits the network".into();
        c.records[0].revision += 5;
        // A comment in Anna's name, on her private cycle.
        c.comments.push(praxis::record::Comment {
            id: praxis::record::RecordId::new_at(c.exported_at),
            on: anna_cycle.parse().unwrap_or(c.records[0].id),
            author: anna_id,
            author_name: "Anna".into(),
            created: c.exported_at,
            text: "I agree, I will step down".into(),
        });
    };
    // Signed with another key: refused, with the way to re-pin.
    let stranger = praxis::identity::Identity::generate().unwrap();
    std::fs::write(&bo_file_path, forge(&bo_file, impostor, Some(&stranger))).unwrap();
    let err = anna.fails(&["network", "sync", net.to_str().unwrap()]);
    assert!(err.contains("signed with another key"), "{err}");
    assert!(
        err.contains(&format!("praxis network trust {bo_id}")),
        "{err}"
    );
    // Unsigned, in Bo's name: nothing of Bo's changes, the comment is not taken.
    std::fs::write(&bo_file_path, forge(&bo_file, impostor, None)).unwrap();
    let out = anna.ok(&["network", "sync", net.to_str().unwrap()]);
    assert!(out.contains("1 not taken"), "{out}");
    assert!(out.contains("1 comment(s) not taken"), "{out}");
    let peers = anna.ok(&["list", "--peers"]);
    assert!(
        peers.contains("Bo's idea") && !peers.contains("quits"),
        "{peers}"
    );
    assert!(!peers.contains("Impostor"), "{peers}");
    // A jump of a million revisions, even signed by Bo's own key, is refused.
    let jump = forge(
        &bo_file,
        |c| c.records[0].revision += 1_000_001,
        Some(&key_of(&bo)),
    );
    std::fs::write(&bo_file_path, jump).unwrap();
    let err = anna.fails(&["network", "sync", net.to_str().unwrap()]);
    assert!(err.contains("would jump from revision"), "{err}");
    // A signed file changed after signing (checksum worked out again) is caught.
    let mut tampered: Value = serde_json::from_str(&bo_file).unwrap();
    tampered["records"][0]["title"] = "changed after signing".into();
    let content: praxis::exchange::Content = serde_json::from_value(tampered.clone()).unwrap();
    tampered["checksum"] = praxis::exchange::checksum(&content).into();
    std::fs::write(&bo_file_path, tampered.to_string()).unwrap();
    let err = anna.fails(&["network", "sync", net.to_str().unwrap()]);
    assert!(err.contains("not signed by the key it names"), "{err}");
    // Bo's real later edit lands; a new key of Bo's lands once Anna trusts it again.
    std::fs::write(&bo_file_path, &bo_file).unwrap();
    anna.ok(&["network", "sync", net.to_str().unwrap()]);
    let renewed = forge(&bo_file, |c| c.records[0].revision += 1, Some(&stranger));
    std::fs::write(&bo_file_path, &renewed).unwrap();
    anna.fails(&["network", "sync", net.to_str().unwrap()]);
    let trusted = anna.ok(&["network", "trust", &bo_id[..10]]);
    assert!(
        trusted.contains("Forgot the key pinned for Bo"),
        "{trusted}"
    );
    let out = anna.ok(&["network", "sync", net.to_str().unwrap()]);
    assert!(out.contains("Bo's key is new here and was pinned"), "{out}");
    assert!(anna.ok(&["journal"]).contains("key       "));
}

#[test]
fn links_to_private_records_never_leave_in_a_mentor_or_network_file() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let cycle = anna.add(&[
        "add",
        "cycle",
        "--title",
        "Private cycle",
        "--question",
        "How do I let go?",
    ]);
    let full_cycle = anna.json(&["show", &cycle, "--json"]);
    let cycle_id = full_cycle["record"]["id"]
        .as_str()
        .or(full_cycle["id"].as_str())
        .unwrap()
        .to_string();
    anna.add(&[
        "add",
        "experiment",
        "--title",
        "Shared experiment",
        "--cycle",
        &cycle,
        "--visibility",
        "network",
    ]);
    let net = root.path().join("net");
    std::fs::create_dir(&net).unwrap();
    anna.ok(&["network", "sync", net.to_str().unwrap()]);
    let mentor = root.path().join("mentor.json");
    anna.ok(&["export", "--for", "mentor", "-o", mentor.to_str().unwrap()]);
    let backup = root.path().join("backup.json");
    anna.ok(&["export", "--for", "backup", "-o", backup.to_str().unwrap()]);
    let network = std::fs::read_to_string(net.join(network_file(&anna, "anna"))).unwrap();
    for (what, text) in [
        ("network", network),
        ("mentor", std::fs::read_to_string(&mentor).unwrap()),
    ] {
        assert!(text.contains("Shared experiment"), "{what}");
        assert!(
            !text.contains(&cycle_id),
            "{what} file carries the private cycle's id"
        );
    }
    assert!(
        std::fs::read_to_string(&backup)
            .unwrap()
            .contains(&cycle_id),
        "a backup keeps links"
    );
    // Anna's own record keeps its link.
    assert!(
        anna.ok(&["list", "--cycle", &cycle])
            .contains("Shared experiment")
    );
}
