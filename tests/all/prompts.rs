//! The prompt library from the command line: list, show, check, user sets, checked answers.

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Self {
        let env = Env {
            dir: TempDir::new().unwrap(),
        };
        std::fs::create_dir_all(env.prompts()).unwrap();
        env
    }

    fn prompts(&self) -> std::path::PathBuf {
        self.dir.path().join("config/prompts")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("praxis").unwrap();
        cmd.args(args)
            .env("PRAXIS_JOURNAL", self.dir.path().join("journal"))
            .env("PRAXIS_CONFIG", self.dir.path().join("config"))
            .env("PRAXIS_NOW", "2026-11-23T09:00:00Z")
            .env("TZ", "UTC")
            .env("USER", "Anna")
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        cmd
    }

    fn run(&self, args: &[&str]) -> (bool, String, String) {
        let out = self.cmd(args).output().unwrap();
        (
            out.status.success(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (ok, out, err) = self.run(args);
        assert!(ok, "praxis {args:?} failed: {err}");
        out
    }

    fn fails(&self, args: &[&str]) -> String {
        let (ok, out, err) = self.run(args);
        assert!(!ok, "praxis {args:?} should fail; printed {out}");
        err
    }
}

const MINE: &str = r#"id = "home-visit"
title = { en = "After a home visit", da = "Efter et hjemmebesøg" }
purpose = { en = "Notes after visiting a citizen at home.", da = "Noter efter et besøg hos en borger." }
phase = "observe"
source = "Our own team, 2026"

[[questions]]
id = "heard"
kind = "text"
text = { en = "What did the citizen want?", da = "Hvad ønskede borgeren?" }
"#;

#[test]
fn the_built_in_files_check_clean() {
    let env = Env::new();
    let prompts = concat!(env!("CARGO_MANIFEST_DIR"), "/prompts");
    let out = env.ok(&["prompts", "check", prompts]);
    assert!(out.contains("All 17 prompt files are valid."), "{out}");
}

#[test]
fn list_and_show_speak_the_asked_language() {
    let env = Env::new();
    let out = env.ok(&["prompts", "list", "--lang", "da"]);
    assert!(
        out.contains("Dagens check-in") && out.contains("Relationel koordinering"),
        "{out}"
    );
    assert!(out.contains("planlægning"), "phases in Danish too: {out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    let out = env.ok(&["prompts", "list"]);
    assert!(
        out.contains("Daily check-in") && !out.contains("Dagens check-in"),
        "{out}"
    );

    // The journal's language is the default.
    env.ok(&["init", "--name", "Mette", "--lang", "da"]);
    assert!(env.ok(&["prompts", "list"]).contains("Dagens check-in"));
    assert!(
        env.ok(&["prompts", "list", "--lang", "en"])
            .contains("Daily check-in")
    );

    let out = env.ok(&["prompts", "show", "relational-coordination", "--lang", "en"]);
    assert!(
        out.contains("Gittell") && out.contains("9. mutual-respect — scale 1–5"),
        "{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    let err = env.fails(&["prompts", "show", "nope"]);
    assert!(
        err.contains("intet spørgsmålssæt, der hedder 'nope'"),
        "in the journal's language: {err}"
    );
    let err = env.fails(&["prompts", "show", "nope", "--lang", "en"]);
    assert!(err.contains("no prompt set 'nope'"), "{err}");
}

#[test]
fn check_names_the_file_and_line_of_each_mistake_and_fails() {
    let env = Env::new();
    let good = env.prompts().join("home-visit.toml");
    let bad = env.prompts().join("broken.toml");
    std::fs::write(&good, MINE).unwrap();
    std::fs::write(
        &bad,
        MINE.replace("home-visit", "other")
            .replace("kind = \"text\"", "kind = \"essay\""),
    )
    .unwrap();
    let (ok, out, err) = env.run(&["prompts", "check"]);
    assert!(!ok);
    assert!(
        out.contains("ok    ") && out.contains("home-visit.toml"),
        "{out}"
    );
    assert!(
        err.contains("broken.toml:9: question 'heard': unknown answer kind 'essay'"),
        "{err}"
    );
    assert!(err.contains("1 of 2 prompt files have mistakes"), "{err}");
    std::fs::remove_file(&bad).unwrap();
    assert!(
        env.ok(&["prompts", "check", good.to_str().unwrap()])
            .contains("All 1 prompt files are valid.")
    );
}

#[test]
fn user_sets_add_and_override_and_a_broken_one_is_skipped_with_a_warning() {
    let env = Env::new();
    std::fs::write(env.prompts().join("home-visit.toml"), MINE).unwrap();
    std::fs::write(
        env.prompts().join("kolb.toml"),
        MINE.replace("home-visit", "kolb")
            .replace("After a home visit", "Our Kolb"),
    )
    .unwrap();
    std::fs::write(env.prompts().join("zz-broken.toml"), "id = ").unwrap();
    let (ok, out, err) = env.run(&["prompts", "list"]);
    assert!(ok);
    assert!(
        out.contains("home-visit") && out.contains("Our Kolb"),
        "{out}"
    );
    assert!(
        out.contains("Daily check-in"),
        "built-ins still load: {out}"
    );
    assert!(
        err.contains("skipped a prompt file") && err.contains("zz-broken.toml:1"),
        "{err}"
    );

    let id = env.ok(&[
        "add",
        "reflection",
        "--set",
        "home-visit",
        "--answer",
        "heard=To stay at home",
    ]);
    let shown: Value = serde_json::from_str(&env.ok(&["show", id.trim(), "--json"])).unwrap();
    assert_eq!(shown["record"]["set"], "home-visit");
    assert_eq!(
        shown["record"]["title"], "After a home visit",
        "titled by its set"
    );
}

#[test]
fn answers_are_checked_and_nothing_is_saved_when_they_do_not_fit() {
    let env = Env::new();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--answer", "happened=x", "--answer", "noticed=y"],
            "'try-tomorrow' needs an answer",
        ),
        (
            &["--answer", "happened=x", "--answer", "wat=y"],
            "has no question 'wat'",
        ),
        (
            &["--answer", "voice=9"],
            "scale from 1 to 5; '9' is not on it",
        ),
        (
            &["--answers", "/no/such/file.toml"],
            "file.toml cannot be read",
        ),
    ];
    for (extra, words) in cases {
        let mut args = vec!["add", "reflection", "--set", "daily-checkin"];
        args.extend_from_slice(extra);
        let err = env.fails(&args);
        assert!(err.contains(words), "{extra:?}: {err}");
        assert!(
            err.contains("Nothing was saved") || err.contains("Nothing was changed"),
            "{err}"
        );
    }
    assert!(
        !env.ok(&["list", "--json"]).contains("\"id\""),
        "nothing saved"
    );
}

#[test]
fn an_answers_file_fills_a_set_with_scales_and_whys() {
    let env = Env::new();
    let toml_file = env.dir.path().join("answers.toml");
    std::fs::write(
        &toml_file,
        r#"counterpart = "Home care, evening shift"
frequent = { value = 2, why = "We only meet at handovers" }
timely = 3
accurate = 4
problem-solving = 2
shared-goals = 3
shared-knowledge = 2
mutual-respect = { value = 5, why = "They know the citizens best" }
"#,
    )
    .unwrap();
    let id = env.ok(&[
        "add",
        "reflection",
        "--set",
        "relational-coordination",
        "--answers",
        toml_file.to_str().unwrap(),
    ]);
    let r: Value = serde_json::from_str(&env.ok(&["show", id.trim(), "--json"])).unwrap();
    let answers = r["record"]["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 8);
    assert_eq!(answers[1]["question"], "frequent");
    assert_eq!(answers[1]["value"]["value"], 2);
    assert_eq!(answers[1]["why"], "We only meet at handovers");
    let text = env.ok(&["show", id.trim()]);
    assert!(text.contains("We only meet at handovers"), "{text}");

    let json_file = env.dir.path().join("answers.json");
    std::fs::write(
        &json_file,
        r#"{"happened": "Council", "noticed": "Quiet", "try-tomorrow": "Ask", "voice": 3}"#,
    )
    .unwrap();
    let id = env.ok(&[
        "add",
        "reflection",
        "--set",
        "daily-checkin",
        "--answers",
        json_file.to_str().unwrap(),
    ]);
    // Editing an answer keeps the others, checks the new one, and grows the revision.
    let err = env.fails(&["edit", id.trim(), "--answer", "voice=7"]);
    assert!(err.contains("scale from 1 to 5"), "{err}");
    env.ok(&["edit", id.trim(), "--answer", "voice=5"]);
    let r: Value = serde_json::from_str(&env.ok(&["show", id.trim(), "--json"])).unwrap();
    assert_eq!(r["record"]["revision"], 2);
    assert_eq!(r["record"]["answers"][0]["value"]["value"], "Council");
    assert_eq!(r["record"]["answers"][2]["value"]["value"], 5);
}

/// The Danish review's list of wrong meanings and grammar (section 2 of
/// ../shared/language/danish-review.md): none of them is left in the prompts or the word tables.
#[test]
fn the_danish_reviews_errors_of_meaning_and_grammar_are_gone() {
    let wrong = [
        "R besvarer mentorens spørgsmål",
        "En del af min ledelse",
        "Lidt respekt",
        "det ene og det andet",
        "Hvilket ét næste skridt",
        "bedste {shown} af",
        "lære dig ind på",
        "skabe af det",
        "Hvilken ene ramme",
        "stemmer tæller",
        "sektorer eller civilsamfundet",
        "påvirker den andens",
        "hinandens bidrag",
        "minder praxis dig om det her",
        "udfordring afprøver det",
        "Hvordan vil du vide",
        "hvordan vil du vide",
        "jeg ved det, når",
        "handle på deres egen",
        "Opfølgning på det, der lykkedes\"",
        "skrev ned",
        "Esc fortryder",
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["prompts", "src/tui", "src/cli", "src"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml" || e == "rs") {
                files.push(path);
            }
        }
    }
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for w in wrong {
            // This test's own list is the one place they may stand.
            if path.ends_with("prompts.rs") && path.parent().is_some_and(|p| p.ends_with("tests")) {
                continue;
            }
            assert!(!text.contains(w), "{}: still says \"{w}\"", path.display());
        }
    }
}
