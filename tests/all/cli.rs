//! The `praxis` binary run as a user runs it, on temporary journals, with time pinned.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// A temporary journal and a way to run praxis on it at a pinned time.
pub(crate) struct Journal {
    pub(crate) dir: TempDir,
    now: String,
}

impl Journal {
    pub(crate) fn new() -> Self {
        Journal {
            dir: TempDir::new().unwrap(),
            now: "2026-11-23T09:00:00Z".into(),
        }
    }

    pub(crate) fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("journal")
    }

    pub(crate) fn at(&mut self, now: &str) -> &mut Self {
        self.now = now.into();
        self
    }

    pub(crate) fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("praxis").unwrap();
        cmd.args(args)
            .env("PRAXIS_JOURNAL", self.path())
            .env("PRAXIS_CONFIG", self.dir.path().join("config"))
            .env("PRAXIS_NOW", &self.now)
            .env("TZ", "UTC")
            .env("USER", "Anna")
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        cmd
    }

    /// Runs and expects success; returns stdout.
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert!(
            out.status.success(),
            "praxis {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs with text on stdin and expects success; returns stdout.
    fn ok_with_stdin(&self, args: &[&str], stdin: &str) -> String {
        let out = self.cmd(args).write_stdin(stdin).output().unwrap();
        assert!(
            out.status.success(),
            "praxis {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects failure; returns stderr.
    pub(crate) fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap();
        assert!(!out.status.success(), "praxis {args:?} should fail");
        assert!(out.stdout.is_empty(), "a failure prints no result");
        String::from_utf8(out.stderr).unwrap()
    }

    /// Runs `praxis due`-like commands that exit 1 when something is due; returns stdout and
    /// whether it exited 1 (0 otherwise; anything else fails the test).
    pub(crate) fn due(&self, args: &[&str]) -> (String, bool) {
        let out = self.cmd(args).output().unwrap();
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "praxis {args:?} exited {code:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        (String::from_utf8(out.stdout).unwrap(), code == Some(1))
    }

    /// The experiments `praxis due --json` lists.
    fn due_experiments(&self) -> Vec<Value> {
        let (out, due) = self.due(&["due", "--json"]);
        let v: Value = serde_json::from_str(&out).unwrap();
        let experiments = v["experiments"].as_array().unwrap().clone();
        assert_eq!(
            due,
            !experiments.is_empty()
                || !v["follow_ups"].as_array().unwrap().is_empty()
                || !v["sets"].as_array().unwrap().is_empty(),
            "exits 1 exactly when something is due: {v}"
        );
        experiments
    }

    pub(crate) fn add(&self, args: &[&str]) -> String {
        self.ok(args).trim().to_string()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn list_json(&self, args: &[&str]) -> Vec<Value> {
        let mut full = vec!["list", "--json"];
        full.extend_from_slice(args);
        match self.json(&full) {
            Value::Array(v) => v,
            other => panic!("not an array: {other}"),
        }
    }
}

fn ids(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_piped_note_is_saved_with_its_tags_and_listed() {
    let j = Journal::new();
    let out = j
        .cmd(&["add", "note", "--title", "Council", "--tag", "CoCreation"])
        .write_stdin("Asked the council what to change first.\n")
        .assert()
        .success()
        .stderr(predicate::str::contains("Started a new journal"));
    let id = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let id = id.trim();
    assert_eq!(id.len(), 26, "prints the full new id");

    let listed = j.list_json(&[]);
    assert_eq!(ids(&listed), vec![id]);
    assert_eq!(listed[0]["kind"], "note");
    assert_eq!(listed[0]["body"], "Asked the council what to change first.");
    assert_eq!(listed[0]["tags"], serde_json::json!(["cocreation"]));
    assert_eq!(listed[0]["visibility"], "private");
    assert_eq!(listed[0]["revision"], 1);
    assert_eq!(listed[0]["created"], "2026-11-23T09:00:00Z");

    let text = j.ok(&["list"]);
    assert!(
        text.contains("note") && text.contains("Council #cocreation"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 80));
}

#[test]
fn cycles_experiments_and_reflections_link_up_and_filter() {
    let mut j = Journal::new();
    j.at("2026-10-30T08:00:00Z");
    let cycle = j.add(&[
        "add",
        "cycle",
        "--title",
        "Let citizens shape home care",
        "--question",
        "How do I let citizens' ideas shape our home-care services?",
    ]);
    j.at("2026-11-02T08:00:00Z");
    let experiment = j.add(&[
        "add",
        "experiment",
        "--title",
        "Open office hour",
        "--cycle",
        &cycle[..12],
        "--follow-up",
        "2026-12-01",
        "--visibility",
        "mentor",
        "--with",
        "citizens, staff",
        "--expect",
        "Relatives bring ideas",
        "--signal",
        "Three ideas tried by January",
    ]);
    j.at("2026-11-03T08:00:00Z");
    let reflection = j.add(&[
        "add",
        "reflection",
        "--set",
        "daily-checkin",
        "--experiment",
        &experiment,
        "--answer",
        "happened=Nine relatives came",
        "--answer",
        "noticed=They stayed for coffee",
        "--answer",
        "try-tomorrow=Ask them back",
        "--answer",
        "voice=4",
    ]);
    j.add(&["add", "note", "--title", "Unrelated"]);

    let experiments = j.list_json(&["--kind", "experiment", "--since", "2026-11-01"]);
    assert_eq!(ids(&experiments), vec![experiment.clone()]);
    let e = &experiments[0];
    assert_eq!(e["cycle"], cycle.as_str());
    assert_eq!(e["with"], serde_json::json!(["citizens", "staff"]));
    assert_eq!(e["follow_up"], "2026-12-01");
    assert_eq!(e["status"], "planned");
    assert_eq!(e["visibility"], "mentor");

    let in_cycle = j.list_json(&["--cycle", &cycle]);
    assert_eq!(
        ids(&in_cycle),
        vec![reflection.clone(), experiment.clone(), cycle.clone()],
        "a reflection on an experiment joins the experiment's cycle"
    );
    let r = &in_cycle[0];
    assert_eq!(r["answers"][2]["question"], "voice");
    assert_eq!(r["experiment"], experiment.as_str());
    assert_eq!(
        r["answers"][2]["value"],
        serde_json::json!({"kind": "scale", "value": 4})
    );

    assert!(j.list_json(&["--until", "2026-10-31"]).len() == 1);
    assert_eq!(j.list_json(&["--limit", "2"]).len(), 2);
    assert!(
        j.list_json(&["--kind", "experiment", "--since", "2026-11-03"])
            .is_empty()
    );

    let shown = j.ok(&["show", &cycle[..14]]);
    assert!(shown.contains("question: How do I let citizens"), "{shown}");
    assert!(
        shown.contains("linked records:") && shown.contains("Open office hour"),
        "{shown}"
    );
    let shown = j.ok(&["show", &experiment]);
    assert!(
        shown.contains("cycle: Let citizens shape home care"),
        "{shown}"
    );
    assert!(shown.contains("look back: 2026-12-01"), "{shown}");

    let err = j.fails(&["add", "experiment", "--title", "X", "--cycle", &experiment]);
    assert!(
        err.contains("that is a experiment, not a cycle") || err.contains("not a cycle"),
        "{err}"
    );
}

#[test]
fn editing_grows_the_revision_and_keeps_indexes_right() {
    let mut j = Journal::new();
    let id = j.add(&["add", "note", "--title", "Draft", "--tag", "old"]);
    j.at("2026-11-24T10:00:00Z");
    let out = j.ok(&[
        "edit",
        &id,
        "--title",
        "Council meeting",
        "--tag",
        "new,trust",
        "--visibility",
        "network",
    ]);
    assert!(out.contains("revision 2"), "{out}");
    let r = j.json(&["show", &id, "--json"]);
    assert_eq!(r["record"]["title"], "Council meeting");
    assert_eq!(r["record"]["revision"], 2);
    assert_eq!(r["record"]["updated"], "2026-11-24T10:00:00Z");
    assert_eq!(r["record"]["created"], "2026-11-23T09:00:00Z");
    assert!(j.list_json(&["--tag", "old"]).is_empty());
    assert_eq!(j.list_json(&["--tag", "trust"]).len(), 1);

    j.ok(&[
        "edit",
        &id,
        "--remove-tag",
        "new",
        "--add-tag",
        "#Samskabelse",
    ]);
    let r = j.json(&["show", &id, "--json"]);
    assert_eq!(
        r["record"]["tags"],
        serde_json::json!(["samskabelse", "trust"])
    );
    assert_eq!(r["record"]["revision"], 3);

    j.cmd(&["edit", &id, "--title", "Council meeting"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Nothing changed"));
    assert_eq!(j.json(&["show", &id, "--json"])["record"]["revision"], 3);

    let err = j.fails(&["edit", &id, "--question", "Why?"]);
    assert!(err.contains("--question is for cycles"), "{err}");
    let err = j.fails(&["edit", &id, "--visibility", "public"]);
    assert!(err.contains("use private, mentor or network"), "{err}");
    assert_eq!(j.json(&["show", &id, "--json"])["record"]["revision"], 3);
}

#[test]
fn experiments_come_due_and_are_logged_done_or_dropped() {
    let mut j = Journal::new();
    let soon = j.add(&[
        "add",
        "experiment",
        "--title",
        "Walk with the caretakers",
        "--follow-up",
        "+7d",
    ]);
    let past = j.add(&[
        "add",
        "experiment",
        "--title",
        "Ask relatives first",
        "--follow-up",
        "yesterday",
    ]);
    let today = j.add(&[
        "add",
        "experiment",
        "--title",
        "Budget meeting",
        "--follow-up",
        "today",
    ]);
    let due = j.due_experiments();
    assert_eq!(ids(&due), vec![past.clone(), today.clone()]);
    let (text, something) = j.due(&["due"]);
    assert!(something, "due exits 1 when something is due");
    assert!(
        text.contains("Ask relatives first") && text.contains("yesterday"),
        "{text}"
    );

    j.ok(&["experiment", "start", &past]);
    assert_eq!(
        j.json(&["show", &past, "--json"])["record"]["status"],
        "running"
    );
    j.ok(&[
        "experiment",
        "done",
        &past,
        "--outcome",
        "Relatives proposed three changes",
    ]);
    let r = j.json(&["show", &past, "--json"])["record"].clone();
    assert_eq!(r["status"], "done");
    assert_eq!(r["outcome"], "Relatives proposed three changes");
    assert_eq!(r["revision"], 3);
    j.ok_with_stdin(
        &["experiment", "drop", &today],
        "The meeting was cancelled.\n",
    );
    assert_eq!(
        j.json(&["show", &today, "--json"])["record"]["status"],
        "dropped"
    );
    let err = j.fails(&["experiment", "done", &soon]);
    assert!(err.contains("--outcome"), "{err}");

    assert!(j.due_experiments().is_empty());
    j.at("2026-12-01T09:00:00Z");
    assert_eq!(ids(&j.due_experiments()), vec![soon]);
}

#[test]
fn search_forgives_typos_ranks_titles_first_and_limits() {
    let j = Journal::new();
    j.add(&[
        "add",
        "note",
        "--title",
        "Staff meeting",
        "--body",
        "We spoke of the council's budget.",
    ]);
    let council = j.add(&[
        "add",
        "note",
        "--title",
        "Council",
        "--body",
        "Asked what to change first.",
    ]);
    j.add(&[
        "add",
        "note",
        "--title",
        "Garden",
        "--body",
        "Nothing here.",
    ]);
    j.add(&[
        "add",
        "reflection",
        "--set",
        "daily-checkin",
        "--answer",
        "happened=Budget hearing",
        "--answer",
        "noticed=The councillor listened",
        "--answer",
        "try-tomorrow=Call her",
    ]);

    // One letter off: the words within one typo, the title first; "councillor" is not one.
    let hits = j.json(&["search", "councl", "--json"]);
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(hits[0]["id"], council.as_str());
    assert_eq!(hits[0]["field"], "title");
    assert!(hits.iter().all(|h| h["tier"] == "typo"));
    // A word's start finds it, in the answer it stands in.
    let hits = j.json(&["search", "councill", "--json"]);
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["field"], "answer");
    assert_eq!(hits[0]["tier"], "prefix");
    // Exact words come before the start of longer ones.
    let hits = j.json(&["search", "council", "--json"]);
    let tiers: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["tier"].as_str().unwrap())
        .collect();
    assert_eq!(tiers, ["exact", "exact", "prefix"]);
    assert_eq!(
        j.json(&["search", "councl", "--limit", "1", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let text = j.ok(&["search", "councl", "--limit", "5"]);
    assert!(text.lines().next().unwrap().contains("Council"), "{text}");
    assert!(
        text.contains("council's budget"),
        "a body hit shows where: {text}"
    );
    j.cmd(&["search", "councl"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "No exact match for \"councl\"; close matches (one letter off):",
        ));
    j.cmd(&["search", "zzzqqq"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("Nothing matches"));
}

#[test]
fn stats_count_kinds_months_streak_and_open_experiments() {
    let mut j = Journal::new();
    for day in ["2026-10-30", "2026-11-21", "2026-11-22", "2026-11-23"] {
        j.at(&format!("{day}T12:00:00Z"));
        j.add(&["add", "note", "--title", day]);
    }
    j.add(&[
        "add",
        "experiment",
        "--title",
        "Try",
        "--follow-up",
        "2026-11-01",
    ]);
    j.add(&["add", "cycle", "--title", "Theme"]);
    let s = j.json(&["stats", "--json"]);
    assert_eq!(s["total"], 6);
    assert_eq!(s["by_kind"]["note"], 4);
    assert_eq!(s["by_kind"]["reflection"], 0);
    assert_eq!(s["by_month"]["2026-10"], 1);
    assert_eq!(s["by_month"]["2026-11"], 5);
    assert_eq!(s["streak_days"], 3);
    assert_eq!(s["open_experiments"], 1);
    assert_eq!(s["due_experiments"], 1);
    let text = j.ok(&["stats"]);
    assert!(text.contains("streak            3 days"), "{text}");
    j.at("2026-11-25T08:00:00Z");
    assert_eq!(j.json(&["stats", "--json"])["streak_days"], 0);
}

#[test]
fn delete_asks_for_a_yes_and_unlinks_what_pointed_at_it() {
    let j = Journal::new();
    let cycle = j.add(&["add", "cycle", "--title", "Theme"]);
    let experiment = j.add(&["add", "experiment", "--title", "Try", "--cycle", &cycle]);
    let err = j.fails(&["delete", &cycle]);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(j.list_json(&[]).len(), 2, "nothing deleted without a yes");
    let out = j.ok(&["delete", &cycle, "--yes"]);
    assert!(
        out.contains("Deleted cycle \"Theme\"") && out.contains("1 linked record"),
        "{out}"
    );
    let left = j.list_json(&[]);
    assert_eq!(ids(&left), vec![experiment]);
    assert_eq!(left[0]["cycle"], Value::Null);
    let err = j.fails(&["show", &cycle]);
    assert!(err.contains("no record has an id starting with"), "{err}");
}

#[test]
fn comments_show_under_the_record() {
    let j = Journal::new();
    let id = j.add(&["add", "note", "--title", "Council"]);
    j.add(&["comment", &id, "What did the relatives say?"]);
    let shown = j.ok(&["show", &id]);
    assert!(
        shown.contains("comments:") && shown.contains("What did the relatives say?"),
        "{shown}"
    );
    assert_eq!(
        j.json(&["show", &id, "--json"])["comments"][0]["author_name"],
        "Anna"
    );
}

#[test]
fn journal_details_can_be_set_and_init_refuses_twice() {
    let j = Journal::new();
    let out = j.ok(&["init", "--name", "Mette Hansen", "--lang", "da"]);
    assert!(out.contains("Mette Hansen (Dansk)"), "{out}");
    let err = j.fails(&["init", "--name", "Again"]);
    assert!(err.contains("already a journal"), "{err}");
    let out = j.ok(&["journal", "set", "--lang", "en"]);
    assert!(
        out.contains("author    Mette Hansen") && out.contains("language  English"),
        "{out}"
    );
    let out = j.cmd(&["journal", "set", "--lang", "sv"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("use en or da"));
}

#[test]
fn bad_input_gets_a_clear_message_and_changes_nothing() {
    let j = Journal::new();
    // Reading a journal that does not exist says how to start, and creates nothing.
    let err = j.fails(&["list"]);
    assert!(
        err.contains("no journal in") && err.contains("praxis add note"),
        "{err}"
    );
    assert!(!j.path().exists());

    j.add(&["add", "note", "--title", "First"]);
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "add",
                "experiment",
                "--title",
                "X",
                "--follow-up",
                "after the holidays",
            ],
            "YYYY-MM-DD",
        ),
        (
            &["add", "experiment", "--follow-up", "today"],
            "needs a title",
        ),
        (&["add", "note"], "nothing to save"),
        (
            &["add", "note", "--title", "x", "--visibility", "public"],
            "private, mentor or network",
        ),
        (
            &[
                "add",
                "reflection",
                "--set",
                "daily-checkin",
                "--answer",
                "no-equals",
            ],
            "QUESTION_ID=VALUE",
        ),
        (
            &[
                "add",
                "reflection",
                "--set",
                "daily-checkin",
                "--answer",
                "voice=high",
            ],
            "scale from 1 to 5",
        ),
        (
            &["add", "reflection", "--set", "no-such-set"],
            "no prompt set 'no-such-set'",
        ),
        (
            &["list", "--kind", "memo"],
            "cycle, experiment, reflection or note",
        ),
        (
            &["list", "--since", "2026-12-01", "--until", "2026-11-01"],
            "nothing can match",
        ),
        (
            &["show", "ZZZZ"],
            "no record has an id starting with 'ZZZZ'",
        ),
        (&["edit", "ZZZZ", "--title", "x"], "no record has an id"),
        (&["search", "  "], "give something to search for"),
    ];
    for (args, expected) in cases {
        let err = j.fails(args);
        assert!(err.contains(expected), "praxis {args:?}: {err}");
        assert!(err.starts_with("praxis: "), "{err}");
    }
    assert_eq!(
        j.list_json(&[]).len(),
        1,
        "no failed command saved anything"
    );

    let other = TempDir::new().unwrap();
    std::fs::write(other.path().join("budget.xlsx"), "numbers").unwrap();
    let err = Command::cargo_bin("praxis")
        .unwrap()
        .args([
            "--journal",
            other.path().to_str().unwrap(),
            "add",
            "note",
            "--title",
            "x",
        ])
        .output()
        .unwrap();
    assert!(!err.status.success());
    assert!(String::from_utf8_lossy(&err.stderr).contains("is not a praxis journal"));
}

#[test]
fn a_second_praxis_is_told_the_journal_is_in_use() {
    let j = Journal::new();
    j.add(&["add", "note", "--title", "First"]);
    let held = praxis::store::Journal::open(&j.path()).unwrap();
    let err = j.fails(&["add", "note", "--title", "Second"]);
    assert!(
        err.contains(&format!(
            "open in another praxis (pid {})",
            std::process::id()
        )),
        "{err}"
    );
    // Reading is not refused: it reads a copy of this moment, and says so.
    let first = j.list_json(&[])[0]["id"].as_str().unwrap().to_string();
    for args in [
        vec!["list"],
        vec!["show", &first[..12]],
        vec!["today"],
        vec!["search", "First"],
        vec!["stats"],
        vec!["export", "--for", "backup"],
    ] {
        let out = j.cmd(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)) && !out.stdout.is_empty(),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("read from a copy made now"),
            "{args:?}: {stderr}"
        );
    }
    // What the app saves next is in the next read.
    let mut r = praxis::record::Record::new(
        held.meta().id,
        chrono::Utc::now(),
        praxis::record::Content::Note,
    );
    r.title = "Saved in the app meanwhile".into();
    held.insert(&r).unwrap();
    assert!(j.ok(&["list"]).contains("Saved in the app meanwhile"));
    drop(held);
    assert_eq!(j.list_json(&[]).len(), 2);
}

#[test]
fn a_journal_from_a_newer_praxis_is_refused_untouched() {
    let j = Journal::new();
    j.add(&["add", "note", "--title", "First"]);
    {
        let db = sled::open(j.path().join("db")).unwrap();
        let meta = db.open_tree("meta").unwrap();
        meta.insert("schema", &99u32.to_be_bytes()).unwrap();
        db.flush().unwrap();
    }
    for args in [&["list"][..], &["add", "note", "--title", "x"]] {
        let err = j.fails(args);
        assert!(
            err.contains("newer praxis (schema 99") && err.contains("update praxis"),
            "{err}"
        );
    }
}

#[test]
fn the_overview_shows_checkin_due_experiments_and_cycles() {
    let j = Journal::new();
    let out = j.ok(&[]);
    assert!(out.contains("There is no journal in"), "{out}");
    let cycle = j.add(&[
        "add",
        "cycle",
        "--title",
        "Trust-based steering",
        "--question",
        "Where can I let go?",
    ]);
    j.add(&[
        "add",
        "experiment",
        "--title",
        "Let the team set the rota",
        "--cycle",
        &cycle,
        "--follow-up",
        "today",
    ]);
    let out = j.ok(&[]);
    assert!(
        out.contains("Journal of Anna — Monday 23 November 2026"),
        "{out}"
    );
    assert!(out.contains("not done yet today"), "{out}");
    assert!(
        out.contains("Due for follow-up") && out.contains("Let the team set the rota"),
        "{out}"
    );
    assert!(
        out.contains("Where can I let go?") && out.contains("1 experiment, 0 reflections"),
        "{out}"
    );
    j.add(&[
        "add",
        "reflection",
        "--set",
        "daily-checkin",
        "--answer",
        "happened=Rota meeting",
        "--answer",
        "noticed=Calm",
        "--answer",
        "try-tomorrow=Nothing new",
    ]);
    assert!(j.ok(&[]).contains("done today · streak 1 day"));
    assert!(j.ok(&[]).lines().all(|l| l.chars().count() <= 80));
}

#[test]
fn long_list_lines_fit_80_columns_and_always_show_visibility() {
    let j = Journal::new();
    j.add(&[
        "add",
        "experiment",
        "--title",
        "Let the night shift plan its own rota for a month, and meet them weekly to hear how it goes",
        "--follow-up",
        "+14d",
        "--tag",
        "trust,rota,nattevagt",
        "--visibility",
        "mentor",
    ]);
    let out = j.ok(&["list"]);
    let line = out.lines().next().unwrap();
    assert!(line.chars().count() <= 80, "{line}");
    assert!(
        line.contains("Let the night shift") && line.ends_with("[mentor]"),
        "{line}"
    );
}

#[test]
fn a_backup_is_made_once_a_day_kept_rolling_and_a_damaged_journal_is_repaired_from_it() {
    let mut j = Journal::new();
    j.add(&["add", "note", "--title", "First"]);
    let backups = j.path().join("backups");
    let names = |dir: &std::path::Path| {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    assert_eq!(
        names(&backups),
        vec!["backup-000001-2026-11-23.praxis.json"]
    );
    j.add(&["add", "note", "--title", "Second"]);
    assert_eq!(names(&backups).len(), 1, "at most one a day");
    j.ok(&["journal", "set", "--keep-backups", "2"]);
    for day in ["2026-11-24", "2026-11-25"] {
        j.at(&format!("{day}T09:00:00Z"));
        j.add(&["add", "note", "--title", day]);
    }
    assert_eq!(
        names(&backups),
        vec![
            "backup-000002-2026-11-24.praxis.json",
            "backup-000003-2026-11-25.praxis.json"
        ]
    );
    let info = j.ok(&["journal"]);
    assert!(
        info.contains("backups   2 kept (newest 2026-11-25; keeping 2)"),
        "{info}"
    );

    // Damage the database: the message says what was kept and the command to use…
    for entry in std::fs::read_dir(j.path().join("db")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let len = std::fs::metadata(&path).unwrap().len() as usize;
            std::fs::write(&path, vec![0x5a; len.max(64)]).unwrap();
        }
    }
    let err = j.fails(&["list"]);
    assert!(err.contains("is damaged"), "{err}");
    assert!(err.contains("praxis repair"), "{err}");
    assert!(!err.contains("not changed"), "{err}");
    let kept = j.path().join("kept");
    let copy = std::fs::read_dir(&kept)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .unwrap();
    assert_eq!(
        std::fs::read(copy.join("conf")).unwrap(),
        std::fs::read(j.path().join("db/conf")).unwrap(),
        "the copy kept aside is the files as they were"
    );
    // …and the way back works: from the newest backup and the save after it.
    j.fails(&["repair"]); // asks first; not on a terminal, it needs --yes
    let out = j.ok(&["repair", "--yes"]);
    assert!(out.contains("4 records"), "{out}");
    let listed = j.ok(&["list"]);
    for title in ["First", "Second", "2026-11-24", "2026-11-25"] {
        assert!(listed.contains(title), "{title} in {listed}");
    }
    // A restore of the newest backup into a new folder works too.
    let restored = TempDir::new().unwrap();
    let newest = backups.join("backup-000003-2026-11-25.praxis.json");
    let out = Command::cargo_bin("praxis")
        .unwrap()
        .args(["restore", newest.to_str().unwrap(), "--journal"])
        .arg(restored.path().join("j"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("4 records"));
}

#[test]
fn a_backup_made_with_a_wrong_clock_does_not_stay_the_newest() {
    let mut j = Journal::new();
    j.ok(&["init", "--name", "Anna"]);
    j.ok(&["journal", "set", "--keep-backups", "2"]);
    j.at("2036-01-01T09:00:00Z");
    j.add(&["add", "note", "--title", "the clock was wrong"]);
    for day in ["2026-11-24", "2026-11-25"] {
        j.at(&format!("{day}T09:00:00Z"));
        j.add(&["add", "note", "--title", day]);
    }
    let mut names: Vec<String> = std::fs::read_dir(j.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "backup-000002-2026-11-24.praxis.json",
            "backup-000003-2026-11-25.praxis.json"
        ],
        "the 2036 backup was the oldest, so it went first"
    );
    assert!(j.ok(&["journal"]).contains("newest 2026-11-25"));
}

#[test]
fn the_demo_prints_its_overview_when_not_on_a_terminal_and_can_be_kept() {
    let j = Journal::new();
    let kept = j.dir.path().join("demo");
    let out = j.ok(&["demo", "--keep", kept.to_str().unwrap()]);
    assert!(
        out.contains("Journal of Anna (demo)") && out.contains("Active cycles"),
        "{out}"
    );
    assert!(!j.path().exists(), "the own journal is not touched");
    let demo = |args: &[&str]| {
        let out = Command::cargo_bin("praxis")
            .unwrap()
            .args(args)
            .env("PRAXIS_JOURNAL", &kept)
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let own = demo(&["list", "--json"]);
    let own = own.as_array().unwrap();
    assert!(own.len() >= 15, "{}", own.len());
    // Hand-written: no title twice, and what it lists reads as the manager's own.
    let mut titles: Vec<&str> = own.iter().map(|r| r["title"].as_str().unwrap()).collect();
    titles.sort();
    let n = titles.len();
    titles.dedup();
    assert_eq!(titles.len(), n, "{titles:?}");
    let peers = demo(&["list", "--peers", "--json"]);
    assert!(!peers.as_array().unwrap().is_empty());
    assert!(
        peers
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["visibility"] == "network")
    );
    let stats = demo(&["stats", "--json"]);
    assert!(
        stats["due_experiments"].as_u64().unwrap() > 0,
        "something to follow up"
    );
}

#[test]
fn an_import_cut_off_last_time_is_undone_and_praxis_says_so() {
    use praxis::exchange::{self, Scope, Selection};
    let j = Journal::new();
    j.ok(&["init", "--name", "Anna", "--lang", "en"]);
    let now = chrono::DateTime::parse_from_rfc3339(&j.now)
        .unwrap()
        .to_utc();
    let peer = praxis::journal::JournalMeta::new("Bo", praxis::journal::Language::English, now);
    let library = praxis::prompts::load(None).library;
    let mut records = praxis::generate::journal(21, 2500, peer.id, now, None, &library);
    for r in &mut records {
        r.visibility = praxis::record::Visibility::Network;
    }
    let file = exchange::export(
        &peer,
        Scope::Network,
        &Selection::default(),
        records,
        vec![],
        now,
    )
    .to_json();
    {
        // As if praxis were killed half-way: some records written, never finished.
        let journal = praxis::store::Journal::open(&j.path()).unwrap();
        let mut importer = journal.importer(false);
        let cut = file.len() * 3 / 4;
        let _ = exchange::read_into("bo.json", &file[..cut], journal.meta().id, &mut importer);
        assert!(!journal.foreign_newest_first().unwrap().is_empty());
        std::mem::forget(importer);
    }
    let out = j.cmd(&["list", "--peers"]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("cut off before it finished; it has been undone"),
        "{err}"
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "");
    // Said once: the next run finds nothing to undo.
    let again = j.cmd(&["list", "--peers"]).output().unwrap();
    let again = String::from_utf8(again.stderr).unwrap();
    assert!(!again.contains("cut off"), "{again}");
}

fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

/// Every file and folder below `dir` (links not followed).
fn everything_below(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if std::fs::symlink_metadata(&path).unwrap().is_dir() {
            out.extend(everything_below(&path));
        }
        out.push(path);
    }
    out
}

#[test]
fn every_file_praxis_writes_is_private_to_its_user() {
    let j = Journal::new();
    j.ok(&["init", "--name", "Anna"]);
    j.add(&["add", "note", "--title", "Private thoughts"]);
    let export = j.dir.path().join("for-mette.json");
    j.ok(&["export", "--for", "backup", "-o", export.to_str().unwrap()]);
    assert!(j.path().join("backups").read_dir().unwrap().count() > 0);
    assert_eq!(mode(&j.path()), 0o700);
    for path in everything_below(&j.path()) {
        let want = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(&path), want, "{}", path.display());
    }
    assert_eq!(mode(&export), 0o600);
}

#[test]
fn a_journal_readable_by_others_is_made_private_on_open_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let j = Journal::new();
    j.add(&["add", "note", "--title", "Private thoughts"]);
    for path in everything_below(&j.path()).into_iter().chain([j.path()]) {
        let loose = if path.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(loose)).unwrap();
    }
    let out = j.cmd(&["list"]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("are now private to you"), "{err}");
    for path in everything_below(&j.path()) {
        let want = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(&path), want, "{}", path.display());
    }
    let again = j.cmd(&["list"]).output().unwrap();
    assert!(again.stderr.is_empty(), "said once");
}

#[test]
fn a_loose_file_inside_a_private_journal_folder_is_made_private_without_a_word() {
    use std::os::unix::fs::PermissionsExt;
    let j = Journal::new();
    j.add(&["add", "note", "--title", "Private thoughts"]);
    // As sled leaves a file it makes under the umask 022, in a folder others cannot enter.
    let loose = j.path().join("db/conf");
    std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(mode(&j.path()), 0o700);
    let out = j.cmd(&["list"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&loose), 0o600);
}

#[test]
fn a_private_journal_reached_through_a_link_opens_without_a_word() {
    let j = Journal::new();
    j.add(&["add", "note", "--title", "Private thoughts"]);
    // The journal moved, and a link stands where it was (a link's own mode reads 0777).
    let real = j.dir.path().join("real");
    std::fs::rename(j.path(), &real).unwrap();
    std::os::unix::fs::symlink(&real, j.path()).unwrap();
    for _ in 0..2 {
        let out = j.cmd(&["list"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("Private thoughts"));
    }
}

#[test]
fn links_planted_in_the_network_folder_never_redirect_a_sync() {
    let j = Journal::new();
    j.add(&[
        "add",
        "note",
        "--title",
        "For peers",
        "--visibility",
        "network",
    ]);
    let id = j
        .ok(&["journal"])
        .lines()
        .find_map(|l| l.strip_prefix("id        ").map(str::to_string))
        .unwrap();
    let network = j.dir.path().join("network");
    std::fs::create_dir(&network).unwrap();
    let db = j.path().join("db/db");
    let before = std::fs::read(&db).unwrap();
    let victim = j.dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // Links at every temporary name an older praxis would have used, and at the file itself.
    for pid in 1..400 {
        std::os::unix::fs::symlink(&db, network.join(format!(".{id}.praxis.json.{pid}.tmp")))
            .unwrap();
    }
    let own = format!("anna-{}.praxis.json", &id[..10]);
    for name in [format!("{id}.praxis.json"), own.clone()] {
        std::os::unix::fs::symlink(&victim, network.join(name)).unwrap();
    }
    j.ok(&["network", "sync", network.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the journal's own files untouched"
    );
    let written = network.join(own);
    assert!(std::fs::symlink_metadata(&written).unwrap().is_file());
    assert!(
        std::fs::read_to_string(&written)
            .unwrap()
            .contains("For peers")
    );
    assert!(j.ok(&["list"]).contains("For peers"));
}

#[test]
fn leftovers_of_a_killed_backup_or_editor_are_removed_when_the_journal_opens() {
    let j = Journal::new();
    j.add(&["add", "note", "--title", "First"]);
    let half_backup = j.path().join("backups/.praxis-Ab12Cd.tmp");
    std::fs::write(
        &half_backup,
        "{\"format\": \"praxis-exchange\", \"records\": [",
    )
    .unwrap();
    let editing = j.path().join("editing");
    std::fs::create_dir_all(&editing).unwrap();
    let answer = editing.join("answer-x1y2.md");
    std::fs::write(&answer, "what I really think of the director").unwrap();
    j.ok(&["list"]);
    assert!(!half_backup.exists());
    assert!(!answer.exists());
}

#[test]
fn show_keeps_the_paragraphs_of_answers_and_comments() {
    let j = Journal::new();
    let id = j.add(&["add", "note", "--title", "Council"]);
    j.add(&[
        "comment",
        &id,
        "First paragraph of the comment, long enough that it has to be wrapped to fit in eighty columns.\n\nSecond paragraph, after a blank line.",
    ]);
    let shown = j.ok(&["show", &id]);
    assert!(
        shown.contains("    First paragraph of the comment, long enough that it has to be wrapped to fit\n    in eighty columns.\n\n    Second paragraph, after a blank line."),
        "{shown}"
    );
    assert!(shown.lines().all(|l| l.chars().count() <= 80), "{shown}");
    let id = j.add(&[
        "add",
        "reflection",
        "--set",
        "daily-checkin",
        "--answer",
        "happened=Met the relatives.\n\nThen the night shift.",
        "--answer",
        "noticed=Quiet.",
        "--answer",
        "voice=3",
        "--answer",
        "try-tomorrow=Ask again.",
    ]);
    let shown = j.ok(&["show", &id]);
    assert!(
        shown.contains("  Met the relatives.\n\n  Then the night shift."),
        "{shown}"
    );
}

#[test]
fn completions_for_every_shell_name_the_commands() {
    let j = Journal::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = j.ok(&["completions", shell]);
        for word in ["export", "network", "review", "visibility"] {
            assert!(script.contains(word), "{shell}: {word}");
        }
    }
    let err = j.fails(&["completions", "tcsh"]);
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn the_man_page_in_docs_is_the_one_the_command_line_prints() {
    let j = Journal::new();
    let printed = j.ok(&["man"]);
    let kept =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/praxis.1")).unwrap();
    assert!(
        printed == kept,
        "docs/praxis.1 is out of date: run `cargo run -- man > docs/praxis.1`"
    );
    // Every subcommand and its options are in it, as --help has them.
    for word in [
        "praxis export",
        "\\-\\-visibility",
        "praxis network sync",
        "praxis man",
    ] {
        assert!(printed.contains(word), "{word}");
    }
}

#[test]
fn relative_dates_with_a_minus_are_taken_as_values() {
    let j = Journal::new();
    j.add(&["add", "note", "--title", "Recent"]);
    let out = j.ok(&["list", "--since", "-2w"]);
    assert!(out.contains("Recent"), "{out}");
    let out = j.ok(&["list", "--since", "-2w", "--until", "-1d"]);
    assert!(!out.contains("Recent"), "{out}");
    let id = j.add(&["add", "experiment", "--title", "Late", "--follow-up", "-2w"]);
    let (due, something_due) = j.due(&["due"]);
    assert!(something_due);
    assert!(due.contains("Late") && due.contains("14 days ago"), "{due}");
    let out = j.ok(&["export", "--for", "backup", "--since", "-1w"]);
    assert!(out.contains(&id));
}

#[test]
fn a_limit_of_nothing_is_refused_rather_than_showing_one() {
    let j = Journal::new();
    j.add(&["add", "note", "--title", "One"]);
    j.add(&["add", "note", "--title", "Two"]);
    let err = j.fails(&["list", "--limit", "0"]);
    assert!(err.contains("at least 1"), "{err}");
    let err = j.fails(&["search", "One", "-n", "0"]);
    assert!(err.contains("at least 1"), "{err}");
    assert_eq!(j.ok(&["list", "--limit", "1"]).lines().count(), 1);
}

#[test]
fn counts_and_articles_read_as_english() {
    let j = Journal::new();
    let cycle = j.add(&["add", "cycle", "--title", "Trust", "--question", "How?"]);
    j.add(&["add", "experiment", "--title", "Rota", "--cycle", &cycle]);
    let today = j.ok(&["today"]);
    assert!(today.contains("1 experiment, 0 reflections"), "{today}");
    let stats = j.ok(&["stats"]);
    assert!(
        stats.contains("(1 cycle, 1 experiment, 0 reflections, 0 notes)"),
        "{stats}"
    );
    let note = j.add(&["add", "note", "--title", "Hearing"]);
    let err = j.fails(&["add", "experiment", "--title", "x", "--cycle", &note]);
    assert!(err.contains("that is a note, not a cycle"), "{err}");
    let err = j.fails(&[
        "add",
        "reflection",
        "--set",
        "daily-checkin",
        "--cycle",
        &note[..12],
    ]);
    assert!(
        !err.contains("a experiment") && !err.contains("a reflection,"),
        "{err}"
    );
}

#[test]
fn a_journal_path_that_is_a_file_is_refused_with_what_to_give() {
    let j = Journal::new();
    let file = j.dir.path().join("journal.txt");
    std::fs::write(&file, "mine").unwrap();
    for args in [
        vec!["list"],
        vec!["add", "note", "--title", "x"],
        vec!["init", "--name", "Anna"],
    ] {
        let mut full = vec!["--journal", file.to_str().unwrap()];
        full.extend(args);
        let err = j.fails(&full);
        assert!(
            err.contains("is a file, not a folder") && !err.contains("os error"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}

#[test]
fn columns_line_up_in_lists_the_peers_list_and_today() {
    let j = Journal::new();
    // Saved in the same instant (the time is pinned), so ids need more characters to differ.
    for i in 0..30 {
        j.add(&["add", "note", "--title", &format!("Note {i}")]);
    }
    let list = j.ok(&["list"]);
    let columns: Vec<usize> = list
        .lines()
        .map(|l| l.find("2026-11-23").expect("a date"))
        .collect();
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{list}");

    let cycle = j.add(&["add", "cycle", "--title", "Trust"]);
    j.add(&[
        "add",
        "experiment",
        "--title",
        "Rota",
        "--cycle",
        &cycle,
        "--follow-up",
        "today",
    ]);
    let today = j.ok(&["today"]);
    let hints: Vec<usize> = ["check in", "start a cycle", "plan an experiment"]
        .iter()
        .map(|what| {
            let line = today.lines().find(|l| l.ends_with(what)).unwrap();
            line.chars().count() - what.chars().count()
        })
        .collect();
    assert_eq!(hints.len(), 3, "{today}");
    assert!(hints.windows(2).all(|w| w[0] == w[1]), "{today}");

    // Peers of different name lengths: their records' dates line up too.
    for name in ["Bo", "Marianne Kristoffersen"] {
        let peer = Journal::new();
        peer.ok(&["init", "--name", name]);
        peer.add(&[
            "add",
            "note",
            "--title",
            &format!("{name}'s note"),
            "--visibility",
            "network",
        ]);
        let file = peer.dir.path().join("net.json");
        peer.ok(&["export", "--for", "network", "-o", file.to_str().unwrap()]);
        j.ok(&["import", file.to_str().unwrap()]);
    }
    let peers = j.ok(&["list", "--peers"]);
    let columns: Vec<usize> = peers
        .lines()
        .map(|l| l[..l.find("2026-11-23").unwrap()].chars().count())
        .collect();
    assert_eq!(columns.len(), 2, "{peers}");
    assert_eq!(columns[0], columns[1], "{peers}");
}

#[test]
fn export_writes_the_format_its_file_name_says() {
    let j = Journal::new();
    j.add(&[
        "add",
        "note",
        "--title",
        "Hearing",
        "--visibility",
        "mentor",
    ]);
    let md = j.dir.path().join("anna.md");
    j.ok(&["export", "--for", "mentor", "-o", md.to_str().unwrap()]);
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with('#') && text.contains("Hearing"), "{text}");
    let json = j.dir.path().join("anna.json");
    j.ok(&["export", "--for", "mentor", "-o", json.to_str().unwrap()]);
    assert!(serde_json::from_str::<Value>(&std::fs::read_to_string(&json).unwrap()).is_ok());
    let odd = j.dir.path().join("anna.txt");
    let err = j.fails(&["export", "--for", "mentor", "-o", odd.to_str().unwrap()]);
    assert!(err.contains(".json") && err.contains(".md"), "{err}");
    assert!(!odd.exists(), "nothing written");
    let err = j.fails(&[
        "export",
        "--for",
        "mentor",
        "--format",
        "json",
        "-o",
        md.to_str().unwrap(),
    ]);
    assert!(err.contains("make them agree"), "{err}");
    // The format flag decides for a name without an extension.
    let plain = j.dir.path().join("anna");
    j.ok(&[
        "export",
        "--for",
        "mentor",
        "--format",
        "markdown",
        "-o",
        plain.to_str().unwrap(),
    ]);
    assert!(std::fs::read_to_string(&plain).unwrap().starts_with('#'));
}

#[test]
fn the_loop_closes_plan_outcome_follow_up_conclude_and_summary() {
    let mut j = Journal::new();
    let cycle = j.add(&[
        "cycle",
        "new",
        "--title",
        "Relatives and the rota",
        "--question",
        "How do I let relatives shape the Sunday rota?",
        "--goal",
        "Learn to hand over the plan",
        "--ends",
        "+8w",
    ]);
    let first = j.add(&[
        "add",
        "experiment",
        "--title",
        "Ask relatives at the door",
        "--cycle",
        &cycle,
        "--expect",
        "Relatives suggest changes",
        "--signal",
        "Three suggestions",
        "--follow-up",
        "+7d",
    ]);
    assert!(j.ok(&["show", &cycle]).contains("phase: act"));
    let today = j.ok(&["today"]);
    assert!(today.contains("phase: act"), "{today}");
    // Concluding with an open experiment names it and stops, unless forced.
    let err = j.fails(&["cycle", "conclude", &cycle, "--answer", "learned=x"]);
    assert!(
        err.contains("Ask relatives at the door") && err.contains("--force"),
        "{err}"
    );
    j.at("2026-11-30T16:00:00Z");
    j.ok(&[
        "experiment",
        "done",
        &first,
        "--outcome",
        "One suggestion, by phone",
        "--signal",
        "partly",
    ]);
    let e = j.json(&["show", &first, "--json"])["record"].clone();
    assert_eq!(e["signal_met"], "partly");
    assert_eq!(e["closed"], "2026-11-30T16:00:00Z");
    let show = j.ok(&["show", &cycle]);
    assert!(
        show.contains("phase: reflect") && show.contains("reflection owed on"),
        "{show}"
    );
    // The review's "adjust" plans v2 from v1.
    let review = j.add(&[
        "add",
        "reflection",
        "--set",
        "after-action-review",
        "--experiment",
        &first,
        "--answer",
        "intended=Relatives suggest changes",
        "--answer",
        "happened=One suggestion",
        "--answer",
        "signal-showed=partly",
        "--answer",
        "why=They are not at the door on Sundays",
        "--answer",
        "next-time=Call them the day before",
        "--answer",
        "outcome=adjust",
    ]);
    j.at("2026-12-01T09:00:00Z");
    let second = j.add(&["add", "experiment", "--from", &review, "--follow-up", "+7d"]);
    let v2 = j.json(&["show", &second, "--json"])["record"].clone();
    assert_eq!(
        v2["from"],
        first.as_str(),
        "adjust links the follow-up to the first"
    );
    assert_eq!(v2["title"], "Call them the day before");
    assert_eq!(v2["expectation"], "Relatives suggest changes");
    assert_eq!(v2["cycle"], cycle.as_str());
    assert!(
        j.ok(&["show", &first])
            .contains("followed by: Call them the day before")
    );
    // A comment from the mentor shows in the summary.
    j.ok(&[
        "comment",
        &second,
        "What would make relatives want to plan it?",
    ]);
    j.at("2026-12-09T09:00:00Z");
    j.ok(&[
        "experiment",
        "done",
        &second,
        "--outcome",
        "Four suggestions",
        "--signal",
        "yes",
    ]);
    j.ok(&[
        "cycle",
        "conclude",
        &cycle,
        "--answer",
        "learned=Relatives plan when asked early",
        "--answer",
        "keep=Calling the day before",
        "--answer",
        "share=With the other units",
        "--answer",
        "next=Let relatives run the planning meeting",
    ]);
    let c = j.json(&["show", &cycle, "--json"])["record"].clone();
    assert_eq!(c["status"], "concluded");
    assert!(c["closing"].is_string());
    let today = j.ok(&["today"]);
    assert!(
        today.contains("No active cycle") && today.contains("Concluded cycles"),
        "{today}"
    );
    assert!(today.contains("Relatives and the rota"), "{today}");
    assert!(
        j.ok(&["list", "--kind", "cycle"])
            .contains("Relatives and the rota")
    );

    let text = j.ok(&["summary", "--cycle", &cycle]);
    for wanted in [
        "How do I let relatives shape the Sunday rota?",
        "Learn to hand over the plan",
        "Ask relatives at the door",
        "Call them the day before (v2)",
        "expected: Relatives suggest changes",
        "observed: One suggestion, by phone",
        "signal showed: partly",
        "signal showed: yes",
        "Relatives plan when asked early",
        "not carried forward yet",
    ] {
        assert!(text.contains(wanted), "{wanted} in\n{text}");
    }
    let md = j.ok(&["summary", "--cycle", &cycle, "--format", "markdown"]);
    assert!(
        md.starts_with("# What I learned: Relatives and the rota"),
        "{md}"
    );
    assert!(
        md.contains("\n## Experiments\n") && md.contains("- **Ask relatives at the door**"),
        "{md}"
    );
    assert!(md.contains("  - **Call them the day before** (v2)"), "{md}");
    let json = j.json(&["summary", "--cycle", &cycle, "--json"]);
    assert_eq!(json["chain"].as_array().unwrap().len(), 2);
    assert_eq!(json["chain"][1]["depth"], 1);
    assert_eq!(json["chain"][0]["signal_met"], "partly");
    assert_eq!(json["concluded"], true);
    let month = j.json(&["summary", "--month", "2026-12", "--json"]);
    assert_eq!(month["title"], "2026-12");
    assert!(
        j.fails(&["summary", "--month", "2026-13"])
            .contains("YYYY-MM")
    );
}

#[test]
fn edit_status_concluded_keeps_the_cycle_reachable() {
    let j = Journal::new();
    let cycle = j.add(&["add", "cycle", "--title", "Trust in home care"]);
    j.add(&[
        "add",
        "experiment",
        "--title",
        "Let the team plan",
        "--cycle",
        &cycle,
    ]);
    j.ok(&["edit", &cycle, "--status", "concluded"]);
    let today = j.ok(&["today"]);
    assert!(!today.contains("No cycle yet"));
    assert!(
        today.contains("Concluded cycles") && today.contains("Trust in home care"),
        "{today}"
    );
    assert!(j.ok(&["edit", "--help"]).contains("active or concluded"));
}

#[test]
fn due_exits_1_when_something_is_due_and_keep_schedules_follow_ups_in_a_calendar() {
    let mut j = Journal::new();
    j.ok(&["init", "--name", "Anna"]);
    let (text, something) = j.due(&["due"]);
    assert!(
        something && text.contains("daily-checkin"),
        "today's check-in: {text}"
    );
    j.add(&[
        "add",
        "reflection",
        "--set",
        "daily-checkin",
        "--answer",
        "happened=A meeting",
        "--answer",
        "noticed=Quiet",
        "--answer",
        "try-tomorrow=Ask first",
    ]);
    let (_, something) = j.due(&["due"]);
    assert!(!something, "checked in, nothing else: exit 0");
    let e = j.add(&[
        "add",
        "experiment",
        "--title",
        "Open office hour",
        "--follow-up",
        "today",
    ]);
    let (text, something) = j.due(&["due"]);
    assert!(something && text.contains("Open office hour"), "{text}");
    j.ok(&["experiment", "done", &e, "--outcome", "Eight came"]);
    j.add(&[
        "add",
        "reflection",
        "--set",
        "after-action-review",
        "--experiment",
        &e,
        "--answer",
        "intended=Some came",
        "--answer",
        "happened=Eight came",
        "--answer",
        "why=The poster",
        "--answer",
        "next-time=Every week",
        "--answer",
        "outcome=keep",
    ]);
    j.ok(&["journal", "set", "--rhythm", "working-days"]);
    assert!(j.ok(&["journal"]).contains("rhythm    working days"));
    // Saturday 26 December, 33 days on: the 30-day follow-up is due, no check-in is asked.
    j.at("2026-12-26T09:00:00Z");
    let (text, something) = j.due(&["due"]);
    assert!(something, "{text}");
    assert!(
        text.contains("30 days") && text.contains("Open office hour"),
        "{text}"
    );
    assert!(
        !text.contains("daily-checkin"),
        "a Saturday asks no check-in: {text}"
    );
    let ics = j.dir.path().join("praxis.ics");
    j.ok(&["calendar", "-o", ics.to_str().unwrap()]);
    let body = std::fs::read_to_string(&ics).unwrap();
    assert!(body.starts_with("BEGIN:VCALENDAR\r\n"), "{body}");
    assert_eq!(
        body.matches("BEGIN:VEVENT").count(),
        3,
        "30, 60 and 90 days: {body}"
    );
    j.add(&[
        "add",
        "reflection",
        "--set",
        "success-case-follow-up",
        "--experiment",
        &e,
        "--answer",
        "days=30",
        "--answer",
        "in-practice=Weekly office hour",
        "--answer",
        "results=Fewer complaints",
        "--answer",
        "evidence=The front desk",
        "--answer",
        "value=Calmer relatives",
        "--answer",
        "applied=4",
        "--answer",
        "helped=The team",
        "--answer",
        "blocked=Holidays",
        "--answer",
        "next=Invite the council",
    ]);
    let (_, something) = j.due(&["due"]);
    assert!(
        !something,
        "the follow-up written, nothing is due on a Saturday"
    );
}

#[test]
fn a_danish_journal_is_told_in_danish_on_the_command_line() {
    let j = Journal::new();
    j.ok(&["init", "--name", "Anna", "--lang", "da"]);
    let cycle = j.add(&[
        "add",
        "cycle",
        "--title",
        "Tillid til nattevagten",
        "--question",
        "Hvor kan jeg styre med tillid?",
    ]);
    let exp = j.add(&[
        "add",
        "experiment",
        "--title",
        "Nattevagten lægger selv vagtplanen",
        "--cycle",
        &cycle,
        "--expect",
        "De beder mig afgøre de svære tilfælde",
        "--follow-up",
        "i dag",
        "--visibility",
        "mentor",
    ]);
    let english = [
        "Journal of",
        "Daily check-in",
        "Due for follow-up",
        "Active cycles",
        "phase:",
        "experiment,",
        "look back",
        "I expect",
        "created ",
        "status: running",
        "(planned",
        "(running",
        "records ",
        "by month",
        "streak",
        "open experiments",
        "Nothing",
        "no record",
        "cannot read",
        "there is no journal",
        "is a file",
    ];
    let check = |what: &str, text: &str| {
        for e in english {
            assert!(!text.contains(e), "{what} speaks English ({e}): {text}");
        }
    };
    let today = j.ok(&["today"]);
    assert!(
        today.contains("Journal for Anna – mandag den 23. november 2026")
            && today.contains("Til opfølgning")
            && today.contains("Aktive forløb")
            && today.contains("fase: iagttagelse · 1 eksperiment, 0 refleksioner"),
        "{today}"
    );
    check("today", &today);
    let shown = j.ok(&["show", &exp]);
    assert!(
        shown.contains("Jeg forventer: De beder mig afgøre")
            && shown.contains("opfølgning: 2026-11-23 (i dag)")
            && shown.contains("eksperiment · mentor"),
        "{shown}"
    );
    check("show", &shown);
    let (due, something) = j.due(&["due"]);
    assert!(something && due.contains("Til opfølgning"), "{due}");
    check("due", &due);
    let stats = j.ok(&["stats"]);
    assert!(
        stats.contains("poster            2 (1 forløb, 1 eksperiment"),
        "{stats}"
    );
    check("stats", &stats);
    let list = j.ok(&["list"]);
    assert!(
        list.contains("eksperiment") && list.contains("(planlagt"),
        "{list}"
    );
    check("list", &list);
    // Five different errors, each in Danish.
    let file = j.dir.path().join("en-fil.txt");
    std::fs::write(&file, "x").unwrap();
    let nowhere = j.dir.path().join("ingen");
    for (args, danish) in [
        (vec!["show", "ZZZZZZ"], "ingen post har et id"),
        (vec!["list", "--since", "næste år"], "kan ikke læse datoen"),
        (vec!["show", "01"], "flere poster"),
        (
            vec![
                "--lang",
                "da",
                "--journal",
                nowhere.to_str().unwrap(),
                "list",
            ],
            "der er ingen journal",
        ),
        (
            vec!["--lang", "da", "--journal", file.to_str().unwrap(), "list"],
            "er en fil, ikke en mappe",
        ),
    ] {
        let err = j.fails(&args);
        assert!(err.contains(danish), "{args:?}: {err}");
        check("an error", &err);
    }
}

#[test]
fn an_import_report_and_an_export_note_in_a_danish_journal_are_danish() {
    let j = Journal::new();
    j.ok(&["init", "--name", "Anna", "--lang", "da"]);
    let peer = Journal::new();
    peer.ok(&["init", "--name", "Bo", "--lang", "da"]);
    peer.add(&[
        "add",
        "note",
        "--title",
        "Bos note",
        "--visibility",
        "network",
    ]);
    let file = peer.dir.path().join("bo.json");
    let out = peer
        .cmd(&["export", "--for", "network", "-o", file.to_str().unwrap()])
        .output()
        .unwrap();
    let note = String::from_utf8_lossy(&out.stderr);
    assert!(note.contains("Skrev 1 post til netværket"), "{note}");
    let report = j.ok(&["import", file.to_str().unwrap()]);
    assert!(
        report.contains("Nøglen fra Bo er ny her") && report.contains("1 tilføjet, 0 opdateret"),
        "{report}"
    );
    for english in ["added", "updated", "already here", "key is new", "Wrote"] {
        assert!(!report.contains(english), "{english}: {report}");
    }
}

#[test]
fn writing_in_a_danish_journal_is_answered_in_danish() {
    let j = Journal::new();
    let started = j.ok(&["init", "--name", "Anna", "--lang", "da"]);
    assert!(started.contains("Startede en journal i"), "{started}");
    let id = j.add(&["add", "note", "--title", "Møde med pårørende"]);
    let saved = j.ok(&["edit", &id, "--title", "Møde med de pårørende"]);
    assert!(
        saved.contains("Gemt:") && saved.contains("(version 2)"),
        "{saved}"
    );
    let out = j
        .cmd(&["edit", &id, "--title", "Møde med de pårørende"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("Intet ændret"));
    let details = j.ok(&["journal"]);
    assert!(
        details.contains("nøgle     ") && details.contains("sprog     Dansk"),
        "{details}"
    );
    let deleted = j.ok(&["delete", &id, "--yes"]);
    assert!(
        deleted.contains("Slettet: note »Møde med de pårørende«."),
        "{deleted}"
    );
    for english in ["Saved", "Started a", "Deleted", "language  ", "key       "] {
        assert!(
            !started.contains(english)
                && !saved.contains(english)
                && !details.contains(english)
                && !deleted.contains(english),
            "{english}"
        );
    }
}

#[test]
fn search_finds_what_peers_shared_with_their_name_and_mine_keeps_to_ones_own() {
    let j = Journal::new();
    j.ok(&["init", "--name", "Ane"]);
    let own = j.add(&["add", "note", "--title", "Rota for the night shift"]);
    let peer = Journal::new();
    peer.ok(&["init", "--name", "Marianne Kristoffersen"]);
    peer.add(&[
        "add",
        "note",
        "--title",
        "A rota the staff wrote",
        "--visibility",
        "network",
    ]);
    // Shared through a network folder, as peers do.
    let network = j.dir.path().join("network");
    std::fs::create_dir(&network).unwrap();
    let folder = network.to_str().unwrap();
    peer.ok(&["network", "sync", folder]);
    j.ok(&["network", "sync", folder]);

    let out = j.ok(&["search", "rota"]);
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("ota")).collect();
    assert_eq!(lines.len(), 2, "{out}");
    let theirs = lines.iter().find(|l| l.contains("staff wrote")).unwrap();
    assert!(theirs.starts_with("Marianne Kristo…"), "{out}");
    let mine = lines.iter().find(|l| l.contains("night shift")).unwrap();
    assert!(mine.starts_with("Ane "), "{out}");
    // The dates line up whoever wrote it.
    let at = |l: &str| l[..l.find("2026-").unwrap()].chars().count();
    assert_eq!(at(theirs), at(mine), "{out}");

    let hits = j.json(&["search", "rota", "--json"]);
    let authors: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["author"].as_str().unwrap())
        .collect();
    assert_eq!(authors.len(), 2, "{hits}");
    assert!(authors.contains(&"Marianne Kristoffersen"), "{hits}");
    assert!(authors.contains(&"Ane"), "{hits}");

    // --mine: one's own alone, as before peers were searched.
    let hits = j.json(&["search", "rota", "--mine", "--json"]);
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["id"], own.as_str());
    assert_eq!(hits[0]["author"], "Ane");
    let out = j.ok(&["search", "rota", "--mine"]);
    assert!(!out.contains("staff wrote"), "{out}");

    // --author: what one person shared, named as `list --author` names them.
    let hits = j.json(&[
        "search",
        "rota",
        "--author",
        "marianne kristoffersen",
        "--json",
    ]);
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["author"], "Marianne Kristoffersen");
    let out = j.ok(&["search", "rota", "--author", "Marianne Kristoffersen"]);
    assert!(
        out.contains("staff wrote") && !out.contains("night shift"),
        "{out}"
    );
    // The start of a word in their name is enough when it names one person.
    for who in ["marianne", "Kristoff"] {
        let hits = j.json(&["search", "rota", "--author", who, "--json"]);
        assert_eq!(hits.as_array().unwrap().len(), 1, "{who}: {hits}");
    }
    // A name nobody has: the message says who has shared, with their journal's id.
    let err = j.fails(&["search", "rota", "--author", "Nobody"]);
    let shared = j.list_json(&["--peers"]);
    let peer_id = shared[0]["author"].as_str().unwrap();
    assert!(
        err.contains("Nobody") && err.contains(&format!("Marianne Kristoffersen ({peer_id})")),
        "{err}"
    );
    // Nothing of theirs matches: the message says whose records were searched.
    let run = j
        .cmd(&["search", "zzzqqq", "--author", "Marianne"])
        .output()
        .unwrap();
    assert!(run.status.success() && run.stdout.is_empty(), "{run:?}");
    let err = String::from_utf8(run.stderr).unwrap();
    assert!(
        err.contains("Nothing Marianne Kristoffersen shared matches"),
        "{err}"
    );
    // A journal nobody has shared with says so.
    let err = peer.fails(&["search", "rota", "--author", "Ane"]);
    assert!(err.contains("nobody has shared anything"), "{err}");
    // A blank name is asked for, not looked up.
    let err = j.fails(&["list", "--author", " "]);
    assert!(err.contains("--author needs a name"), "{err}");
    // Too short a start of her journal's id is told the rule, not that she is unknown.
    let err = j.fails(&["list", "--author", &peer_id[..3].to_lowercase()]);
    assert!(err.contains("needs 4 characters or more"), "{err}");
}
