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
        err.contains("intet spørgsmålssæt, der hedder »nope«"),
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
        "falder igennem",
    ];
    for (path, text) in prompt_and_screen_files() {
        for w in wrong {
            assert!(!text.contains(w), "{}: still says \"{w}\"", path.display());
        }
    }
}

/// The prompt files and every source file under `src/` (the command line's included), read.
fn prompt_and_screen_files() -> Vec<(std::path::PathBuf, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml" || e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("prompts"), &mut files);
    walk(&root.join("src"), &mut files);
    assert!(files.len() > 50, "the files were found");
    files
}

/// The Danish review's anglicisms and unnatural phrasing (section 3) and its consistency points
/// (section 5), as praxis rewrote them: none comes back.
#[test]
fn the_danish_reviews_anglicisms_and_inconsistencies_are_gone() {
    let wrong = [
        // Prompt files.
        "fang det, der skete",
        "i hvordan situationen",
        "Bliv ved det, du så",
        "Deres stemmer formede det",
        "Deres synspunkter vejede med",
        "Hvad er én lille ting",
        "en medarbejders stol",
        "\"Drænet\"",
        "Hvordan er din energi",
        "Evaluering efter handling",
        "Hvorfor var der en forskel",
        "hvorfor forskellen,",
        "\"Fortsæt med det\"",
        "\"Justér og prøv igen\"",
        "Stop: det lærte mig",
        "Gør en hensigt til",
        "Interaktiv politisk ledelse",
        "Jeg støttede politikerne",
        "Lyttede og spurgte politikerne",
        "som ikke var kommet",
        "Hvad ville gøre den næste dialog",
        "blev bragt i",
        "høres sjældent i byrådet",
        "deler folk i denne gruppe dine mål",
        "i tide, når du har brug for at vide det",
        "mulighed for at tage del",
        "bragte borgerne med",
        "Også hvor du holdt fast",
        "kan opgaven ofte kun løses",
        "Et virkeligt problem",
        "Hvad vil du fortælle gruppen",
        "Hvilket ét",
        "Hvilken én",
        "kunnet bruge?",
        "hjalp dig med at bruge det",
        "også hvordan den føltes",
        "\"Overraskelsen (Schön)\"",
        "vil du se tilbage på",
        // Screen text.
        "Eksperimenter at se tilbage på",
        "linked: \"Tilknyttet\"",
        "Tryk en vilkårlig",
        "og skærme ",
        "alle skærme.",
        "alle skærme;",
        "denne maskine",
        "intet af den er her",
        "alle andre taster",
        "guider dig",
        "forløb med aktionslæring",
        "du arbejder med, som et spørgsmål",
        "opgivet",
        "\"opgiv",
        "på succestilfældet",
        "\"Opfølgning på succestilfælde\" }",
        "gemmer evalueringen",
        "på evalueringen",
        "type (note, cycle",
        "since:DATO",
        "\"ok \"",
        // The demo and the generator.
        "bytteproblemet",
        "samrådet",
        "end jeg troede, da jeg holdt op",
        "december-vagtplanen",
        // Consistency: one word, one dash, one spelling, one accent.
        " ideer",
        "\"reflekter\"",
        "→ reflekter ",
        "\"annuller\"",
    ];
    for (path, text) in prompt_and_screen_files() {
        for w in wrong {
            assert!(!text.contains(w), "{}: still says \"{w}\"", path.display());
        }
        // "samarbejdspart" alone, or as the short "partner", for a counterpart.
        for (at, _) in text.match_indices("samarbejdspart") {
            assert!(
                text[at..].starts_with("samarbejdspartner"),
                "{}: \"samarbejdspart\" at byte {at}",
                path.display()
            );
        }
    }
}

/// Danish text uses the en dash ( – ) between clauses, never the English em dash.
#[test]
fn danish_text_has_no_em_dash() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(root.join("prompts")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        // Every `da = "…"` of a prompt file.
        for part in text.split("da = \"").skip(1) {
            texts.push(part.split('"').next().unwrap_or("").to_string());
        }
    }
    let words = std::fs::read_to_string(root.join("src/tui/words.rs")).unwrap();
    let da = &words[words.find("pub const DA").unwrap()..];
    texts.push(da[..da.find("\n};").unwrap()].to_string());
    for t in texts {
        assert!(!t.contains('—'), "an em dash in Danish: {t}");
    }
}
