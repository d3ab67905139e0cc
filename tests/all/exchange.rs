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

    /// A note shared with the network; its id.
    fn share(&self, title: &str) -> String {
        self.add(&["add", "note", "--title", title, "--visibility", "network"])
    }
}

/// A network folder, as a sync engine would share it.
fn shared_folder(root: &Path) -> PathBuf {
    let net = root.join("net");
    std::fs::create_dir(&net).unwrap();
    net
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
    assert!(out.contains("Wrote 1 comment "), "{out}");
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
    assert!(bo.ok(&["import", jrnl]).contains("1000 added"));
    assert!(
        bo.ok(&["import", jrnl])
            .contains("0 added, 0 updated, 1000 already here")
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
    // A round: each syncs, commits and pushes (pulling first, as a person would).
    let round = || {
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
    };
    round();
    round();
    // Comments reach the records' authors: Anna's on Bo's record, Cai's on Anna's.
    let id_of = |p: &Person, title: &str| -> String {
        p.json(&["list", "--peers", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["title"] == title)
            .map(|r| r["id"].as_str().unwrap().to_string())
            .unwrap()
    };
    let bo_note = id_of(&people[0], "Bo shares this");
    let anna_note = id_of(&people[2], "Anna shares this");
    people[0].ok(&["comment", &bo_note, "GIT-ANNA: did the rota hold?"]);
    people[2].ok(&["comment", &anna_note, "GIT-CAI: who chaired it?"]);
    // Three rounds: one takes each comment to its record's author, the next has the files
    // pass on what they took, the last finds nothing new.
    round();
    round();
    round();
    let once = |text: &str, shown: &str| shown.matches(text).count() == 1;
    let at_bo = people[1].ok(&["show", &bo_note]);
    assert!(once("GIT-ANNA", &at_bo), "{at_bo}");
    let at_anna = people[0].ok(&["show", &anna_note]);
    assert!(once("GIT-CAI", &at_anna), "{at_anna}");
    // And the third sees both, each once (from its writer, and passed on by the record's owner).
    let at_cai = people[2].ok(&["show", &bo_note]);
    assert!(once("GIT-ANNA", &at_cai), "{at_cai}");
    let at_bo = people[1].ok(&["show", &anna_note]);
    assert!(once("GIT-CAI", &at_bo), "{at_bo}");
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
    assert!(out.contains("is as it was"), "{out}");
    assert!(
        out.contains("2 peer files unchanged since the last sync"),
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
    let note = anna.share("Mine");
    let net = shared_folder(root.path());
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
    anna.share("Keep");
    let gone = anna.share("Regret");
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
    bo.share("Bo's idea");
    let net = shared_folder(root.path());
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
            reach: Default::default(),
            signature: None,
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
    assert!(out.contains("1 comment refused"), "{out}");
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
    let net = shared_folder(root.path());
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

// Moving in from jrnl and tui-journal, in the shapes the tools write (see
// tests/fixtures/make_moving_in.py, which made the fixtures).

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap()
}

/// Tags as praxis keeps them: without jrnl's `@` or `#`, lower case, sorted, once each.
fn tags_of(tags: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut tags: Vec<String> = tags
        .into_iter()
        .map(|t| t.trim_start_matches(['@', '#']).trim().to_lowercase())
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

/// The notes in a journal by title: (created, body, tags).
fn notes_by_title(p: &Person) -> std::collections::HashMap<String, (String, String, Vec<String>)> {
    let listed = p.json(&["list", "--json"]);
    let mut notes = std::collections::HashMap::new();
    for r in listed.as_array().unwrap() {
        assert_eq!(r["kind"], "note");
        let title = r["title"].as_str().unwrap().to_string();
        let note = (
            r["created"].as_str().unwrap().to_string(),
            r["body"].as_str().unwrap().to_string(),
            strings(&r["tags"]),
        );
        assert!(notes.insert(title.clone(), note).is_none(), "{title} twice");
    }
    notes
}

/// Each listed record's local day (`praxis list` shows days in the user's time zone), by id.
fn days_by_id(p: &Person, tz: &str) -> Vec<(String, String)> {
    let out = p.cmd(&["list"]).env("TZ", tz).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<String> = p
        .json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    text.lines()
        .zip(ids)
        .map(|(line, id)| {
            let mut words = line.split_whitespace();
            let short = words.next().unwrap();
            assert!(id.starts_with(short), "{line} is not {id}");
            (id, words.next().unwrap().to_string())
        })
        .collect()
}

#[test]
fn a_jrnl_export_of_1000_entries_moves_in_once_with_titles_bodies_times_and_tags() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let file = fixture("jrnl.json");
    let out = anna.ok(&["import", file.to_str().unwrap()]);
    assert!(out.contains("Imported a jrnl export:"), "{out}");
    assert!(
        out.contains("1000 added, 0 updated, 0 already here"),
        "{out}"
    );

    let notes = notes_by_title(&anna);
    let entries = fixture_json("jrnl.json")["entries"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!((entries.len(), notes.len()), (1000, 1000));
    for e in &entries {
        let title = e["title"].as_str().unwrap();
        let (created, body, tags) = &notes[title];
        // jrnl's times are local; this journal's zone is UTC.
        assert_eq!(
            created,
            &format!(
                "{}T{}:00Z",
                e["date"].as_str().unwrap(),
                e["time"].as_str().unwrap()
            )
        );
        assert_eq!(body, e["body"].as_str().unwrap().trim_end());
        let mut want = strings(&e["tags"]);
        if e["starred"] == true {
            want.push("starred".into());
        }
        assert_eq!(tags, &tags_of(want), "{title}");
    }
    // The fixture has what a real journal has: escaped letters and emoji, and empty bodies.
    assert!(
        notes
            .values()
            .any(|n| n.1.contains("Åse og Søren") || n.1.contains("Åse and Søren"))
    );
    assert!(notes.values().any(|n| n.1.contains('🙂')));
    assert!(notes.values().any(|n| n.1.is_empty()));

    let again = anna.ok(&["import", file.to_str().unwrap()]);
    assert!(
        again.contains("0 added, 0 updated, 1000 already here"),
        "{again}"
    );
    assert_eq!(
        anna.json(&["list", "--json"]).as_array().unwrap().len(),
        1000
    );
}

#[test]
fn a_tui_journal_file_of_1200_entries_moves_in_once_on_its_days_in_any_time_zone() {
    let root = TempDir::new().unwrap();
    let file = fixture("tui-journal.json");
    let entries = fixture_json("tui-journal.json").as_array().unwrap().clone();
    assert_eq!(entries.len(), 1200);
    for tz in ["America/New_York", "Pacific/Auckland"] {
        let anna = Person::new(root.path(), &format!("Anna in {}", &tz[..3]));
        let import = || {
            let out = anna
                .cmd(&["import", file.to_str().unwrap()])
                .env("TZ", tz)
                .output()
                .unwrap();
            assert!(out.status.success());
            String::from_utf8(out.stdout).unwrap()
        };
        let out = import();
        assert!(out.contains("Imported a tui-journal file:"), "{out}");
        assert!(
            out.contains("1200 added, 0 updated, 0 already here"),
            "{out}"
        );

        let notes = notes_by_title(&anna);
        assert_eq!(notes.len(), 1200);
        let mut day_of_title = std::collections::HashMap::new();
        for e in &entries {
            let title = e["title"].as_str().unwrap();
            let (_, body, tags) = &notes[title];
            assert_eq!(body, e["content"].as_str().unwrap().trim_end());
            let mut want = strings(&e["tags"]);
            if let Some(p) = e["priority"].as_u64() {
                want.push(format!("priority-{p}"));
            }
            assert_eq!(tags, &tags_of(want), "{title}");
            // tui-journal keeps the day its user picked, as midnight UTC, and shows that day.
            day_of_title.insert(title, e["date"].as_str().unwrap()[..10].to_string());
        }
        let listed = anna.json(&["list", "--json"]);
        let title_of: std::collections::HashMap<&str, &str> = listed
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["id"].as_str().unwrap(), r["title"].as_str().unwrap()))
            .collect();
        for (id, day) in days_by_id(&anna, tz) {
            assert_eq!(day, day_of_title[title_of[id.as_str()]], "{tz}: {id}");
        }

        let again = import();
        assert!(
            again.contains("0 added, 0 updated, 1200 already here"),
            "{again}"
        );
        // Imported again after moving to another time zone, nothing is doubled either.
        let moved = anna.ok(&["import", file.to_str().unwrap()]);
        assert!(moved.contains("0 added, 0 updated"), "{moved}");
        assert_eq!(
            anna.json(&["list", "--json"]).as_array().unwrap().len(),
            1200
        );
    }
}

#[test]
fn a_tui_journal_export_is_read_as_tui_journal_not_as_praxis_version_100() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let transfer = fixture("tui-journal-transfer.json");
    assert_eq!(fixture_json("tui-journal-transfer.json")["version"], 100);
    let out = anna.ok(&["import", transfer.to_str().unwrap()]);
    assert!(out.contains("Imported a tui-journal file:"), "{out}");
    assert!(
        out.contains("1000 added, 0 updated, 0 already here"),
        "{out}"
    );
    let notes = notes_by_title(&anna);
    for e in fixture_json("tui-journal-transfer.json")["entries"]
        .as_array()
        .unwrap()
    {
        let (created, body, _) = &notes[e["title"].as_str().unwrap()];
        assert_eq!(created, e["date"].as_str().unwrap());
        assert_eq!(body, e["content"].as_str().unwrap().trim_end());
    }
    // The export holds 1,000 of the back-end file's entries: they are not added twice.
    let backend = anna.ok(&["import", fixture("tui-journal.json").to_str().unwrap()]);
    assert!(
        backend.contains("200 added, 0 updated, 1000 already here"),
        "{backend}"
    );
}

#[test]
fn a_tui_journal_back_end_file_of_any_length_is_accepted() {
    // The file as tui-journal writes it (serde_json::to_vec of its entries). Files of 5 or
    // more entries were once taken for a broken praxis file.
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    for n in [0, 1, 4, 5, 6, 7] {
        let entries: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"id":{i},"date":"2024-05-{:02}T00:00:00Z","title":"Day {i}","content":"Text {i}","tags":["rota"],"priority":null}}"#,
                    i + 1
                )
            })
            .collect();
        let file = root.path().join(format!("entries-{n}.json"));
        std::fs::write(&file, format!("[{}]", entries.join(","))).unwrap();
        let out = anna.ok(&["import", file.to_str().unwrap()]);
        assert!(out.contains("Imported a tui-journal file:"), "{n}: {out}");
    }
    assert_eq!(anna.json(&["list", "--json"]).as_array().unwrap().len(), 7);
}

#[test]
fn a_broken_jrnl_or_tui_journal_file_is_refused_with_what_is_wrong_and_nothing_imported() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let write = |name: &str, text: &str| {
        let path = root.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    // Entry 500 of the jrnl export has a date as people type them, not as jrnl writes them.
    let jrnl = std::fs::read_to_string(fixture("jrnl.json")).unwrap();
    let at = jrnl.match_indices("\"date\": \"").nth(499).unwrap().0 + 9;
    let broken = format!("{}03/05/2024{}", &jrnl[..at], &jrnl[at + 10..]);
    let err = anna.fails(&["import", write("jrnl.json", &broken).to_str().unwrap()]);
    assert!(
        err.contains("reads as a jrnl export, but its entry 500 is not one"),
        "{err}"
    );
    assert!(
        err.contains("03/05/2024") && err.contains("Nothing was imported"),
        "{err}"
    );

    // Entry 10 of the tui-journal file has a priority that is not a number.
    let tui = std::fs::read_to_string(fixture("tui-journal.json")).unwrap();
    let at = tui.match_indices("\"priority\":").nth(9).unwrap().0 + 11;
    let end = at + tui[at..].find('}').unwrap();
    let broken = format!("{}\"high\"{}", &tui[..at], &tui[end..]);
    let err = anna.fails(&["import", write("tj.json", &broken).to_str().unwrap()]);
    assert!(
        err.contains("reads as a tui-journal file, but its entry 10 is not one"),
        "{err}"
    );
    assert!(err.contains("line 1 column"), "{err}");

    // Cut off while copying.
    let err = anna.fails(&[
        "import",
        write("cut.json", &tui[..tui.len() / 2]).to_str().unwrap(),
    ]);
    assert!(
        err.contains("is not valid JSON") && err.contains("cut off"),
        "{err}"
    );
    // Something else than JSON is not asked about copying, and the place is said once.
    let err = anna.fails(&[
        "import",
        write("passwd.json", "root:x:0:0:root:/root:/bin/bash\n")
            .to_str()
            .unwrap(),
    ]);
    assert!(
        err.contains("is not valid JSON (line 1, column 1: expected value)")
            && err.contains("is it the file you meant?")
            && !err.contains("cut off")
            && !err.contains("at line"),
        "{err}"
    );

    // A transfer file whose entries are not a list.
    let err = anna.fails(&[
        "import",
        write(
            "t.json",
            r#"{"version": 100, "entries": {"date": "2024-01-01T00:00:00Z"}}"#,
        )
        .to_str()
        .unwrap(),
    ]);
    assert!(err.contains("is not a list of entries"), "{err}");

    // A praxis file from a newer praxis is still told apart from tui-journal's version.
    let newer = r#"{"version": 100, "format": "praxis-exchange", "records": []}"#;
    let err = anna.fails(&["import", write("newer.json", newer).to_str().unwrap()]);
    assert!(
        err.contains("exchange format version 100") && err.contains("update praxis"),
        "{err}"
    );

    assert_eq!(anna.json(&["list", "--json"]), serde_json::json!([]));
}

/// Progress lines shown from the start of the work, not after a second.
const FROM_THE_START: &[(&str, &str)] = &[("PRAXIS_PROGRESS_AFTER_MS", "0")];

/// Runs praxis for `p` in a pseudo-terminal and returns what it wrote, up to `until` (or its
/// end).
fn on_a_terminal(p: &Person, args: &[&str], env: &[(&str, &str)], until: &str) -> String {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read as _;
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_praxis"));
    cmd.args(args);
    cmd.env("PRAXIS_JOURNAL", &p.journal);
    cmd.env("PRAXIS_CONFIG", p.journal.with_extension("config"));
    cmd.env("PRAXIS_NOW", "2026-11-23T09:00:00Z");
    cmd.env("TZ", "UTC");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let until = until.to_string();
    let seen = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&all).contains(&until) {
                break;
            }
        }
        String::from_utf8_lossy(&all).into_owned()
    });
    assert!(child.wait().unwrap().success());
    seen.join().unwrap()
}

#[test]
fn a_long_import_shows_its_progress_on_a_terminal_and_nothing_when_piped() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    // Enough to take the import over a second, in a debug and in a release build.
    let n = if cfg!(debug_assertions) {
        30_000
    } else {
        200_000
    };
    let entries: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id":{i},"date":"2024-01-01T00:00:00Z","title":"Entry {i}","content":"Text","tags":[],"priority":null}}"#
            )
        })
        .collect();
    let file = root.path().join("big.json");
    std::fs::write(&file, format!("[{}]", entries.join(","))).unwrap();

    // Piped: only the result, nothing on stderr.
    let out = anna
        .cmd(&["import", "--dry-run", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");

    // On a terminal: a line that counts, taken away before the result.
    let seen = on_a_terminal(
        &anna,
        &["import", file.to_str().unwrap()],
        // Shown at once: how long 30,000 records take is the machine's, not the test's.
        &[("PRAXIS_PROGRESS_AFTER_MS", "0")],
        "older than ours",
    );
    let counted = seen
        .find("records…")
        .unwrap_or_else(|| panic!("no progress line in {seen:?}"));
    assert!(seen.contains("\x1b[2KReading"), "{seen:?}");
    let cleared = seen.rfind("\r\x1b[2K").expect("the line is taken away");
    let result = seen.find(&format!("{n} added")).unwrap();
    assert!(counted < cleared && cleared < result, "{seen:?}");

    // An export says how much it has written (here from the start), unless --quiet.
    let backup = root.path().join("all.json");
    let seen = on_a_terminal(
        &anna,
        &["export", "--for", "backup", "-o", backup.to_str().unwrap()],
        FROM_THE_START,
        "Wrote ",
    );
    assert!(
        seen.contains(&format!("Writing {}: ", backup.display())),
        "{seen:?}"
    );
    assert!(seen.contains("MiB…") || seen.contains("KiB…"), "{seen:?}");
    let seen = on_a_terminal(
        &anna,
        &[
            "--quiet",
            "export",
            "--for",
            "backup",
            "-o",
            backup.to_str().unwrap(),
        ],
        FROM_THE_START,
        "Wrote ",
    );
    assert!(!seen.contains("Writing"), "{seen:?}");
}

#[test]
fn a_peers_comment_reaches_the_records_author_and_is_never_passed_on_to_a_mentor() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let bo = Person::new(root.path(), "Bo");
    let bo_note = bo.share("Bo's rota idea");
    let anna_note = anna.share("Anna's hearing");
    let net = shared_folder(root.path());
    let sync = |p: &Person| p.ok(&["network", "sync", net.to_str().unwrap()]);
    sync(&bo);
    sync(&anna);
    // Anna comments on Bo's record, Bo on Anna's; each is told where it goes.
    let said = anna
        .cmd(&["comment", &bo_note[..12], "Did the night shift join in?"])
        .output()
        .unwrap();
    let told = String::from_utf8_lossy(&said.stderr);
    assert!(
        told.contains("it goes to Bo and everyone in your network at your next sync"),
        "{told}"
    );
    let private = anna.add(&["add", "note", "--title", "Mine alone"]);
    let said = anna
        .cmd(&["comment", &private, "A note to self"])
        .output()
        .unwrap();
    let told = String::from_utf8_lossy(&said.stderr);
    assert!(
        told.contains("for you alone: the record is private"),
        "{told}"
    );
    sync(&anna);
    sync(&bo);
    bo.ok(&["comment", &anna_note[..12], "PEER-ONLY: how many came?"]);
    sync(&bo);
    sync(&anna);
    let shown = bo.ok(&["show", &bo_note]);
    assert!(shown.contains("Did the night shift join in?"), "{shown}");
    let shown = anna.ok(&["show", &anna_note]);
    assert!(shown.contains("PEER-ONLY: how many came?"), "{shown}");
    // Anna's mentor export carries her own records and comments, not Bo's remark.
    let mentor = root.path().join("mentor.json");
    anna.ok(&["export", "--for", "mentor", "-o", mentor.to_str().unwrap()]);
    let text = std::fs::read_to_string(&mentor).unwrap();
    assert!(
        text.contains("Anna's hearing") && !text.contains("PEER-ONLY"),
        "{text}"
    );
    // Syncing again brings nothing twice.
    let again = sync(&bo);
    assert!(!again.contains("1 new"), "{again}");
}

#[test]
fn a_mentor_export_sealed_for_the_mentor_has_no_plain_text_and_opens_only_for_them() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let mette = Person::new(root.path(), "Mette");
    let carl = Person::new(root.path(), "Carl");
    let note = anna.add(&[
        "add",
        "note",
        "--title",
        "SEALED-TITLE council hearing",
        "--visibility",
        "mentor",
    ]);
    let mette_key = mette
        .ok(&["journal"])
        .lines()
        .find_map(|l| l.strip_prefix("seal to   "))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_string();
    assert!(mette_key.starts_with("age1"), "{mette_key}");
    let sealed = root.path().join("for-mette.age");
    let out = anna
        .cmd(&[
            "export",
            "--for",
            "mentor",
            "--to",
            &mette_key,
            "-o",
            sealed.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("sealed for its reader's key"));
    let bytes = std::fs::read(&sealed).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    let shown = String::from_utf8_lossy(&bytes);
    assert!(
        !shown.contains("SEALED-TITLE") && !shown.contains("Anna"),
        "no plain text"
    );
    // The mentor reviews it and the comments go back; it also imports.
    let comments = root.path().join("comments.json");
    let out = mette
        .cmd(&[
            "review",
            sealed.to_str().unwrap(),
            "--comment",
            &format!("{}=What did the relatives say?", &note[..12]),
            "-o",
            comments.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("sealed for this journal's key"));
    anna.ok(&["import", comments.to_str().unwrap()]);
    assert!(
        anna.ok(&["show", &note])
            .contains("What did the relatives say?")
    );
    // Mette's signed comments file gave her age key: from now on Anna seals for her by name, or
    // by her key's fingerprint.
    let fingerprint = mette
        .ok(&["journal"])
        .lines()
        .find_map(|l| l.strip_prefix("key       "))
        .map(|l| l[..14].to_string())
        .unwrap();
    for to in ["Mette", fingerprint.as_str()] {
        let again = root.path().join("again.age");
        anna.ok(&[
            "export",
            "--for",
            "mentor",
            "--to",
            to,
            "-o",
            again.to_str().unwrap(),
        ]);
        let out = mette
            .cmd(&["import", again.to_str().unwrap(), "--dry-run"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{to}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let err = anna.fails(&["export", "--for", "mentor", "--to", "Dora", "-o", "x.age"]);
    assert!(err.contains("no age key"), "{err}");
    assert!(
        mette
            .ok(&["import", sealed.to_str().unwrap()])
            .contains("1 added")
    );
    // Anyone else: refused, nothing imported.
    let err = carl.fails(&["import", sealed.to_str().unwrap()]);
    assert!(err.contains("not for this journal's key"), "{err}");
    assert!(carl.ok(&["list", "--peers"]).is_empty());

    // With a passphrase, for a mentor without praxis keys.
    let by_pass = root.path().join("for-mette-pass.age");
    let out = anna
        .cmd(&[
            "export",
            "--for",
            "mentor",
            "--passphrase",
            "-o",
            by_pass.to_str().unwrap(),
        ])
        .env("PRAXIS_PASSPHRASE", "kaffe og kage")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&std::fs::read(&by_pass).unwrap()).contains("SEALED"));
    let no_journal = root.path().join("nobody");
    let review = |pass: Option<&str>| {
        let mut cmd = Command::cargo_bin("praxis").unwrap();
        cmd.args(["review", by_pass.to_str().unwrap(), "--name", "Mette"])
            .env("PRAXIS_JOURNAL", &no_journal)
            .env("PRAXIS_NOW", "2026-11-23T09:00:00Z");
        if let Some(p) = pass {
            cmd.env("PRAXIS_PASSPHRASE", p);
        }
        cmd.output().unwrap()
    };
    let out = review(None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("PRAXIS_PASSPHRASE"));
    let out = review(Some("wrong"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("passphrase is not right"));
    let out = review(Some("kaffe og kage"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("SEALED-TITLE"));
}

#[test]
fn list_peers_by_author_shows_what_one_person_shared() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let bo = Person::new(root.path(), "Bo");
    let carl = Person::new(root.path(), "Carl");
    bo.share("Bo's idea");
    carl.share("Carl's idea");
    let net = shared_folder(root.path());
    for p in [&bo, &carl, &anna] {
        p.ok(&["network", "sync", net.to_str().unwrap()]);
    }
    let by_bo = anna.ok(&["list", "--author", "bo"]);
    assert!(
        by_bo.contains("Bo's idea") && !by_bo.contains("Carl"),
        "{by_bo}"
    );
    let by_id = anna.ok(&["list", "--peers", "--author", &journal_id(&carl)[..16]]);
    assert!(
        by_id.contains("Carl's idea") && !by_id.contains("Bo's"),
        "{by_id}"
    );
    let err = anna.fails(&["list", "--author", "Dora"]);
    assert!(err.contains("nobody of that name"), "{err}");
}

/// One Syncthing instance on loopback: its own home (keys, config, database) and folder, no
/// discovery, relays, NAT or usage reports; it knows exactly one other device, at a fixed port.
struct Syncthing {
    child: std::process::Child,
    folder: PathBuf,
}

impl Drop for Syncthing {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Makes a Syncthing home in `home` and returns its device id.
fn syncthing_device(home: &Path) -> String {
    let out = Process::new("syncthing")
        .args(["generate", "--no-default-folder"])
        .arg(format!("--home={}", home.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    text.lines()
        .find_map(|l| l.split("Device ID: ").nth(1))
        .unwrap_or_else(|| panic!("no device id in {text}"))
        .trim()
        .to_string()
}

fn start_syncthing(home: &Path, folder: &Path, me: (&str, u16), peer: (&str, u16)) -> Syncthing {
    std::fs::create_dir_all(folder.join(".stfolder")).unwrap();
    let config = format!(
        r#"<configuration version="36">
    <folder id="praxis-network" label="network" path="{folder}" type="sendreceive" rescanIntervalS="1" fsWatcherEnabled="true" fsWatcherDelayS="1">
        <device id="{me}"></device>
        <device id="{peer}"></device>
    </folder>
    <device id="{me}" name="me"><address>dynamic</address></device>
    <device id="{peer}" name="peer"><address>tcp://127.0.0.1:{peer_port}</address></device>
    <gui enabled="false" tls="false"><address>127.0.0.1:{gui}</address></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <startBrowser>false</startBrowser>
        <reconnectionIntervalS>1</reconnectionIntervalS>
    </options>
</configuration>
"#,
        folder = folder.display(),
        me = me.0,
        port = me.1,
        peer = peer.0,
        peer_port = peer.1,
        gui = free_port(),
    );
    std::fs::write(home.join("config.xml"), config).unwrap();
    let log = std::fs::File::create(home.join("syncthing.log")).unwrap();
    let child = Process::new("syncthing")
        .args(["serve", "--no-browser", "--no-restart", "--no-upgrade"])
        .arg(format!("--home={}", home.display()))
        .env("STNODEFAULTFOLDER", "1")
        .env("STNOUPGRADE", "1")
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    Syncthing {
        child,
        folder: folder.to_path_buf(),
    }
}

/// Waits until the file `name` in `to`'s folder has the same bytes as in `from`'s: Syncthing
/// moved it. Gives up after two minutes (a stuck transfer, not a slow one), showing its logs.
fn until_moved(from: &Syncthing, to: &Syncthing, name: &str, homes: &[&Path]) {
    let want = std::fs::read(from.folder.join(name)).unwrap();
    let start = std::time::Instant::now();
    while std::fs::read(to.folder.join(name)).ok().as_ref() != Some(&want) {
        if start.elapsed() > std::time::Duration::from_secs(120) {
            let logs: Vec<String> = homes
                .iter()
                .map(|h| std::fs::read_to_string(h.join("syncthing.log")).unwrap_or_default())
                .collect();
            panic!(
                "Syncthing did not move {name} in two minutes:\n{}",
                logs.join("\n----\n")
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

#[test]
fn two_journals_share_records_and_comments_through_two_real_syncthing_instances() {
    if Process::new("syncthing").arg("--version").output().is_err() {
        eprintln!(
            "NOT RUN: syncthing is not installed (Debian: apt-get install syncthing; .ci/run installs it)"
        );
        return;
    }
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let bo = Person::new(root.path(), "Bo");
    let anna_note = anna.share("Anna's hearing with the relatives");
    anna.add(&[
        "add",
        "note",
        "--title",
        "Anna private",
        "--body",
        "PRIVATE",
    ]);
    anna.add(&[
        "add",
        "note",
        "--title",
        "Anna to mentor only",
        "--visibility",
        "mentor",
    ]);
    let bo_note = bo.share("Bo's rota idea");

    let homes = [root.path().join("st-anna"), root.path().join("st-bo")];
    let ids: Vec<String> = homes.iter().map(|h| syncthing_device(h)).collect();
    let ports = [free_port(), free_port()];
    let a = start_syncthing(
        &homes[0],
        &root.path().join("anna-network"),
        (&ids[0], ports[0]),
        (&ids[1], ports[1]),
    );
    let b = start_syncthing(
        &homes[1],
        &root.path().join("bo-network"),
        (&ids[1], ports[1]),
        (&ids[0], ports[0]),
    );
    let h: Vec<&Path> = homes.iter().map(PathBuf::as_path).collect();
    let sync = |p: &Person, s: &Syncthing| p.ok(&["network", "sync", s.folder.to_str().unwrap()]);
    let anna_file = network_file(&anna, "anna");
    let bo_file = network_file(&bo, "bo");

    sync(&anna, &a);
    sync(&bo, &b);
    until_moved(&a, &b, &anna_file, &h);
    until_moved(&b, &a, &bo_file, &h);
    // Each reads the other's record; Bo asks a question on Anna's, and it travels back.
    sync(&anna, &a);
    sync(&bo, &b);
    assert_eq!(
        titles(&bo.json(&["list", "--peers", "--json"])),
        ["Anna's hearing with the relatives"]
    );
    assert_eq!(
        titles(&anna.json(&["list", "--peers", "--json"])),
        ["Bo's rota idea"]
    );
    bo.ok(&["comment", &anna_note[..12], "How many relatives came?"]);
    anna.ok(&["comment", &bo_note[..12], "Did the night shift join in?"]);
    sync(&bo, &b);
    sync(&anna, &a);
    until_moved(&b, &a, &bo_file, &h);
    until_moved(&a, &b, &anna_file, &h);
    sync(&anna, &a);
    sync(&bo, &b);
    let shown = anna.ok(&["show", &anna_note]);
    assert!(shown.contains("How many relatives came?"), "{shown}");
    let shown = bo.ok(&["show", &bo_note]);
    assert!(shown.contains("Did the night shift join in?"), "{shown}");

    // Nothing private left either journal, and Syncthing's own files were passed over.
    for s in [&a, &b] {
        for entry in std::fs::read_dir(&s.folder).unwrap() {
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
    // Nothing came twice: one peer record each, one comment on each record, and a further sync
    // finds the folder as it was.
    assert_eq!(
        titles(&bo.json(&["list", "--peers", "--json"])),
        ["Anna's hearing with the relatives"]
    );
    assert_eq!(
        titles(&anna.json(&["list", "--peers", "--json"])),
        ["Bo's rota idea"]
    );
    for (p, id, text) in [
        (&anna, &anna_note, "How many relatives came?"),
        (&bo, &bo_note, "Did the night shift join in?"),
    ] {
        assert_eq!(p.ok(&["show", id]).matches(text).count(), 1);
    }
    // Anna's next file passes on Bo's comment on her record (signed by Bo), once; after that a
    // sync finds the folder as it was.
    sync(&anna, &a);
    let again = sync(&anna, &a);
    assert!(again.contains("is as it was"), "{again}");
}

/// The comments in a journal's network file.
fn comments_in(path: &Path) -> Vec<Value> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["comments"].as_array().cloned().unwrap_or_default()
}

#[test]
fn a_signed_comment_is_passed_on_by_peers_and_a_forged_or_mentors_one_is_not() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let bo = Person::new(root.path(), "Bo");
    let carl = Person::new(root.path(), "Carl");
    let bo_note = bo.share("Bo's rota idea");
    let net = shared_folder(root.path());
    let sync = |p: &Person| p.ok(&["network", "sync", net.to_str().unwrap()]);
    for p in [&bo, &anna, &carl, &bo] {
        sync(p);
    }
    // Anna comments on Bo's record; Bo picks it up, and his next file passes it on, signed by
    // Anna's key, not his.
    anna.ok(&[
        "comment",
        &bo_note[..12],
        "RELAYED: did the night shift join in?",
    ]);
    sync(&anna);
    sync(&bo);
    sync(&bo);
    let anna_file = net.join(network_file(&anna, "anna"));
    let bo_file = net.join(network_file(&bo, "bo"));
    let relayed: Vec<Value> = comments_in(&bo_file)
        .into_iter()
        .filter(|c| c["text"].as_str().unwrap().starts_with("RELAYED"))
        .collect();
    assert_eq!(relayed.len(), 1, "Bo's file passes Anna's comment on");
    assert_eq!(relayed[0]["author_name"], "Anna");
    assert_eq!(relayed[0]["reach"], "network");
    assert!(relayed[0]["signature"].is_string());

    // Anna's laptop is away: her file is gone from the folder. Carl still gets her comment,
    // through Bo's file.
    std::fs::remove_file(&anna_file).unwrap();
    sync(&carl);
    let shown = carl.ok(&["show", &bo_note]);
    assert!(
        shown.contains("RELAYED: did the night shift join in?") && shown.contains("Anna"),
        "{shown}"
    );

    // Bo turns hostile: he changes Anna's words in his file, adds a comment in Carl's name and
    // one in Anna's without her signature, and signs the whole file with his own key.
    let carl_id = praxis::record::JournalId(journal_id(&carl).parse().unwrap());
    let anna_id = praxis::record::JournalId(journal_id(&anna).parse().unwrap());
    let dave = Person::new(root.path(), "Dave");
    sync(&dave);
    let text = std::fs::read_to_string(&bo_file).unwrap();
    let forged = forge(
        &text,
        |c| {
            let note = c.records[0].id;
            for comment in &mut c.comments {
                if comment.text.starts_with("RELAYED") {
                    comment.text = "RELAYED: Bo should lead the network".into();
                }
            }
            let fake = |author, name: &str, text: &str| praxis::record::Comment {
                id: praxis::record::RecordId::new_at(c.exported_at),
                on: note,
                author,
                author_name: name.into(),
                created: c.exported_at,
                text: text.into(),
                reach: praxis::record::Reach::Network,
                signature: None,
            };
            let in_carls_name = fake(carl_id, "Carl", "FORGED-CARL: I agree with Bo");
            let unsigned = fake(anna_id, "Anna", "FORGED-ANNA: me too");
            c.comments.push(in_carls_name);
            c.comments.push(unsigned);
        },
        Some(&key_of(&bo)),
    );
    std::fs::write(&bo_file, forged).unwrap();
    let out = sync(&dave);
    assert!(
        out.contains("2 passed-on comments left for their writers' own files")
            && out.contains("1 comment refused"),
        "{out}"
    );
    let shown = dave.ok(&["show", &bo_note]);
    assert!(
        !shown.contains("RELAYED") && !shown.contains("FORGED"),
        "Dave never met Anna or Carl: their comments cannot be checked, so none is taken: {shown}"
    );
    let out = sync(&carl);
    let shown = carl.ok(&["show", &bo_note]);
    assert!(
        !shown.contains("Bo should lead") && !shown.contains("FORGED"),
        "{out}\n{shown}"
    );

    // A mentor's remark on Bo's network record goes back to Bo alone.
    let export = root.path().join("bo-for-mette.json");
    bo.ok(&["export", "--for", "mentor", "-o", export.to_str().unwrap()]);
    let mette = Person {
        journal: root.path().join("mette"),
    };
    let comment = format!("{}=MENTOR-ONLY: what would you stop doing?", &bo_note[..12]);
    mette.ok(&[
        "review",
        export.to_str().unwrap(),
        "--name",
        "Mette",
        "--comment",
        &comment,
    ]);
    bo.ok(&[
        "import",
        export.with_extension("comments.json").to_str().unwrap(),
    ]);
    assert!(bo.ok(&["show", &bo_note]).contains("MENTOR-ONLY"));
    sync(&bo);
    let text = std::fs::read_to_string(&bo_file).unwrap();
    assert!(!text.contains("MENTOR-ONLY"), "{text}");
}

#[test]
fn a_sealed_network_file_opens_only_for_the_peers_it_knows_and_a_newcomer_after_two_syncs() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let bo = Person::new(root.path(), "Bo");
    let net = shared_folder(root.path());
    let sync = |p: &Person| p.ok(&["network", "sync", net.to_str().unwrap()]);
    anna.share("SEALED-TITLE council hearing");
    for p in [&anna, &bo, &anna] {
        sync(p);
    }
    let out = anna.ok(&["network", "seal", "on"]);
    assert!(out.contains("sealed") && out.contains("Bo"), "{out}");
    assert!(anna.ok(&["journal"]).contains("sealed for 2 journals"));
    sync(&anna);
    let plain = net.join(network_file(&anna, "anna"));
    let sealed = net.join(format!("{}.age", network_file(&anna, "anna")));
    assert!(!plain.exists(), "the file in the clear is gone");
    let bytes = std::fs::read(&sealed).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(!String::from_utf8_lossy(&bytes).contains("SEALED-TITLE"));
    // Unchanged: not written again.
    let before = std::fs::metadata(&sealed).unwrap().modified().unwrap();
    let out = sync(&anna);
    assert!(out.contains("is as it was"), "{out}");
    assert_eq!(
        std::fs::metadata(&sealed).unwrap().modified().unwrap(),
        before
    );

    // Bo reads it; his own update reaches Anna as before.
    anna.share("SEALED-SECOND rota");
    sync(&anna);
    sync(&bo);
    let peers = bo.ok(&["list", "--peers"]);
    assert!(peers.contains("SEALED-SECOND rota"), "{peers}");

    // Carl is new: Anna's file is not for him yet; he is told so, and the sync does not fail.
    let carl = Person::new(root.path(), "Carl");
    let out = carl
        .cmd(&["network", "sync", net.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("not yet for your key"), "{err}");
    assert!(!carl.ok(&["list", "--peers"]).contains("SEALED"));
    // Anna syncs twice (the first pins Carl's key, the second seals for him too).
    sync(&anna);
    sync(&anna);
    sync(&carl);
    let peers = carl.ok(&["list", "--peers"]);
    assert!(peers.contains("SEALED-SECOND rota"), "{peers}");

    // Off again: in the clear, and the sealed file is gone.
    anna.ok(&["network", "seal", "off"]);
    sync(&anna);
    assert!(plain.exists() && !sealed.exists());
    assert!(
        std::fs::read_to_string(&plain)
            .unwrap()
            .contains("SEALED-TITLE")
    );
}

#[test]
fn a_peers_file_cannot_name_a_comment_for_someone_else_hide_one_or_comment_on_what_it_never_saw() {
    let root = TempDir::new().unwrap();
    let anna = Person::new(root.path(), "Anna");
    let bo = Person::new(root.path(), "Bo");
    let dora = Person::new(root.path(), "Dora");
    let shared = anna.share("Anna's hearing");
    let private = anna.add(&["add", "note", "--title", "Anna's own worry"]);
    let net = shared_folder(root.path());
    let sync = |p: &Person| p.ok(&["network", "sync", net.to_str().unwrap()]);
    for p in [&anna, &bo, &dora, &anna] {
        sync(p);
    }
    // Bo's real comment, not yet synced anywhere.
    let bo_comment = bo.add(&["comment", &shared[..12], "BO-REAL: how many came?"]);
    // Dora's file, signed with her own key: a comment under her id but Bo's name, one with a
    // name that draws a line of its own, one that takes the id of Bo's comment, one on Anna's
    // private record, and one far too long.
    let dora_file = net.join(network_file(&dora, "dora"));
    let text = std::fs::read_to_string(&dora_file).unwrap();
    let dora_id = praxis::record::JournalId(journal_id(&dora).parse().unwrap());
    let forged = forge(
        &text,
        |c| {
            let on: praxis::record::RecordId = shared.parse().unwrap();
            let at = c.exported_at;
            let comment = |id, name: &str, on, text: String| praxis::record::Comment {
                id,
                on,
                author: dora_id,
                author_name: name.into(),
                created: at,
                text,
                reach: praxis::record::Reach::Network,
                signature: None,
            };
            let new_id = || praxis::record::RecordId::new_at(at);
            c.comments
                .push(comment(new_id(), "Bo", on, "DORA-AS-BO".into()));
            c.comments.push(comment(
                new_id(),
                "Dora\n  Mette (mentor) · 2026-12-02 09:00\n    FAKE-LINE",
                on,
                "DORA-NEWLINE".into(),
            ));
            c.comments.push(comment(
                bo_comment.parse().unwrap(),
                "Dora",
                on,
                "DORA-SQUAT".into(),
            ));
            c.comments.push(comment(
                new_id(),
                "Dora",
                private.parse().unwrap(),
                "DORA-ON-PRIVATE".into(),
            ));
            c.comments
                .push(comment(new_id(), "Dora", on, "DORA-LONG ".repeat(10_000)));
        },
        Some(&key_of(&dora)),
    );
    std::fs::write(&dora_file, forged).unwrap();
    let out = sync(&anna);
    assert!(
        out.contains("3 new comments") && out.contains("2 comments refused"),
        "{out}"
    );
    sync(&bo);
    sync(&anna);
    let shown = anna.ok(&["show", &shared]);
    // The name shown is the one Dora's journal goes by, whatever the comment says.
    let dora_lines: Vec<&str> = shown.lines().filter(|l| l.contains("Dora")).collect();
    let lines: Vec<&str> = shown.lines().collect();
    let at = lines.iter().position(|l| l.contains("DORA-AS-BO")).unwrap();
    assert!(lines[at - 1].trim_start().starts_with("Dora ·"), "{shown}");
    assert!(
        !shown.lines().any(|l| l.trim_start().starts_with("Mette")) && !dora_lines.is_empty(),
        "a name stays on its own line: {shown}"
    );
    // The squatted id hides nothing: Bo's real comment is there as well as Dora's.
    assert!(
        shown.contains("BO-REAL: how many came?") && shown.contains("DORA-SQUAT"),
        "{shown}"
    );
    assert!(!shown.contains("DORA-LONG"), "{shown}");
    let private_shown = anna.ok(&["show", &private]);
    assert!(
        !private_shown.contains("DORA-ON-PRIVATE"),
        "{private_shown}"
    );

    // A sealed file with a forged, very long header is skipped at once, not read for minutes.
    let mut junk = b"age-encryption.org/v1\n-> X25519 ".to_vec();
    junk.extend(std::iter::repeat_n(b'A', 2 << 20));
    std::fs::write(net.join("zed-01M8TZPVM0.praxis.json.age"), junk).unwrap();
    let out = anna
        .cmd(&["network", "sync", net.to_str().unwrap()])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("zed-01M8TZPVM0") && err.contains("header"),
        "{err}"
    );
}
