use super::*;
use crate::journal::Language;
use crate::prompts::{Library, build_answers, builtin_files, load};
use crate::record::AnswerValue;
use unicode_width::UnicodeWidthStr;

const GOOD: &str = r#"id = "tiny"
title = { en = "Tiny", da = "Lille" }
purpose = { en = "A test set.", da = "Et testsæt." }
phase = "reflect"
source = "Nobody (2026)"

[[questions]]
id = "what"
kind = "text"
text = { en = "What happened?", da = "Hvad skete der?" }

[[questions]]
id = "score"
kind = "scale"
min = 1
max = 5
text = { en = "How well?", da = "Hvor godt?" }
why = { en = "Why?", da = "Hvorfor?" }
optional = true

[[questions]]
id = "who"
kind = "choice"
text = { en = "With whom?", da = "Med hvem?" }
options = [
  { id = "citizens", en = "Citizens", da = "Borgere" },
  { id = "staff", en = "Staff", da = "Medarbejdere" },
]
"#;

fn errors(text: &str) -> Vec<PromptError> {
    parse_set("my.toml", text, Origin::BuiltIn).expect_err("should be refused")
}

/// The one error of `text`, checked to name the file, the line and the words.
fn one_error(text: &str, line: usize, words: &str) {
    let errs = errors(text);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let e = &errs[0];
    assert_eq!(e.file, "my.toml");
    assert_eq!(e.line, line, "{e}");
    assert!(e.message.contains(words), "{e}");
    assert!(e.to_string().starts_with(&format!("my.toml:{line}: ")));
}

#[test]
fn a_good_file_parses_with_every_answer_kind() {
    let set = parse_set("my.toml", GOOD, Origin::BuiltIn).unwrap();
    assert_eq!(set.id, "tiny");
    assert_eq!(set.title.get(Language::Danish), "Lille");
    assert_eq!(set.questions.len(), 3);
    assert!(matches!(
        set.questions[1].kind,
        AnswerKind::Scale { min: 1, max: 5, .. }
    ));
    assert!(set.questions[1].optional && set.questions[1].why.is_some());
    assert!(matches!(&set.questions[2].kind, AnswerKind::Choice { options } if options.len() == 2));
}

#[test]
fn bad_toml_is_reported_at_its_line() {
    one_error(&GOOD.replace("kind = \"text\"", "kind = \"text"), 9, "");
}

#[test]
fn an_unknown_answer_kind_is_reported_at_its_line() {
    one_error(
        &GOOD.replace("kind = \"text\"", "kind = \"slider\""),
        9,
        "unknown answer kind 'slider'",
    );
}

#[test]
fn a_missing_danish_text_is_reported_at_its_line() {
    one_error(
        &GOOD.replace(", da = \"Hvor godt?\"", ""),
        17,
        "question 'score' text has no Danish text",
    );
    one_error(
        &GOOD.replace(", da = \"Lille\"", ""),
        2,
        "title has no Danish text",
    );
}

#[test]
fn duplicate_question_ids_are_reported_at_the_second() {
    one_error(
        &GOOD.replace("id = \"who\"", "id = \"what\""),
        22,
        "'what' is used twice",
    );
}

#[test]
fn an_empty_set_is_refused() {
    let text = GOOD.split("[[questions]]").next().unwrap();
    one_error(text, 1, "has no questions");
}

#[test]
fn other_mistakes_are_caught_with_their_lines() {
    one_error(
        &GOOD.replace("phase = \"reflect\"", "phase = \"think\""),
        4,
        "unknown phase 'think'",
    );
    one_error(
        &GOOD.replace("max = 5", "max = 1"),
        16,
        "must be above its min",
    );
    one_error(
        &GOOD.replace("id = \"tiny\"", "id = \"Tiny Set\""),
        1,
        "lower-case",
    );
    one_error(
        &GOOD.replace(
            "  { id = \"staff\", en = \"Staff\", da = \"Medarbejdere\" },\n",
            "",
        ),
        25,
        "at least two options",
    );
    one_error(
        &GOOD.replace("source = \"Nobody (2026)\"", "source = \" \""),
        5,
        "source is empty",
    );
    let misspelt = errors(&GOOD.replace("optional = true", "optionl = true"));
    assert!(
        misspelt[0].message.contains("unknown field"),
        "{:?}",
        misspelt
    );
    let missing = errors(&GOOD.replace("source = \"Nobody (2026)\"\n", ""));
    assert!(missing[0].message.contains("source"), "{:?}", missing);
    // Several mistakes in one file are all reported.
    let many = errors(
        &GOOD
            .replace(", da = \"Lille\"", "")
            .replace("\"slider", "")
            .replace("kind = \"text\"", "kind = \"essay\""),
    );
    assert_eq!(many.len(), 2, "{many:?}");
}

#[test]
fn every_built_in_set_is_valid_bilingual_and_fits_the_screen() {
    let loaded = load(None);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.library.sets().len(), builtin_files().len());
    for set in loaded.library.sets() {
        let n = set.questions.len();
        // Questions that asked two things at once are split, and Gittell's survey has seven
        // dimensions besides the counterpart: a set stays within a dozen.
        assert!((3..=12).contains(&n), "{} has {n} questions", set.id);
        for lang in [Language::English, Language::Danish] {
            assert!(
                set.title.get(lang).width() <= 33,
                "{}: title too wide for lists",
                set.id
            );
        }
        assert_ne!(
            set.title.en, set.title.da,
            "{}: title not translated",
            set.id
        );
        for q in &set.questions {
            assert_ne!(q.text.en, q.text.da, "{}/{}: not translated", set.id, q.id);
        }
    }
    // Every file in prompts/ is compiled in.
    let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/prompts"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count();
    assert_eq!(
        on_disk,
        builtin_files().len(),
        "add new prompt files to builtin_files()"
    );
}

#[test]
fn the_library_carries_the_classic_models_and_the_co_creation_themes() {
    let library = load(None).library;
    for id in [
        "daily-checkin",
        "plan-experiment",
        "after-action-review",
        "kolb",
        "gibbs",
        "schon-reflection-on-action",
        "action-learning-set",
        "co-creation-leadership",
        "relational-coordination",
        "trust-based-steering",
        "capacity-building",
        "interactive-political-leadership",
        "weekly-review",
        "mentor-review",
        "success-case-follow-up",
    ] {
        assert!(library.get(id).is_some(), "missing {id}");
    }
    let rc = library.get("relational-coordination").unwrap();
    let scales = rc
        .questions
        .iter()
        .filter(|q| matches!(q.kind, AnswerKind::Scale { min: 1, max: 5, .. }) && q.why.is_some())
        .count();
    assert_eq!(scales, 7, "Gittell's seven dimensions, each 1-5 with a why");
}

fn user_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::TempDir::new().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn user_sets_override_and_add_and_broken_ones_are_skipped() {
    let override_checkin = GOOD.replace("id = \"tiny\"", "id = \"daily-checkin\"");
    let dir = user_dir(&[
        ("a-override.toml", &override_checkin),
        ("b-new.toml", GOOD),
        ("c-broken.toml", "id = \"oops\"\ntitle = "),
        ("d-duplicate.toml", GOOD),
        ("notes.txt", "not a prompt file"),
    ]);
    let loaded = load(Some(dir.path()));
    let library: &Library = &loaded.library;
    assert_eq!(
        library.get("daily-checkin").unwrap().title.en,
        "Tiny",
        "same id overrides"
    );
    assert!(matches!(
        library.get("daily-checkin").unwrap().origin,
        Origin::User(_)
    ));
    assert!(library.get("tiny").is_some(), "new id adds");
    assert_eq!(library.sets().len(), builtin_files().len() + 1);
    assert!(library.get("kolb").is_some(), "built-ins still load");
    assert_eq!(loaded.problems.len(), 2, "{:?}", loaded.problems);
    assert!(loaded.problems[0].file.ends_with("c-broken.toml"));
    assert_eq!(loaded.problems[0].line, 2);
    assert!(loaded.problems[1].file.ends_with("d-duplicate.toml"));
    assert!(loaded.problems[1].message.contains("already used"));
}

#[test]
fn answers_are_checked_against_their_set() {
    let set = parse_set("my.toml", GOOD, Origin::BuiltIn).unwrap();
    let pairs = |p: &[(&str, &str)]| -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    let en = Language::English;
    let ok = build_answers(
        &set,
        &pairs(&[
            ("who", "Borgere"),
            ("what", "Met the council"),
            ("score", "4"),
        ]),
        &pairs(&[("score", "They listened")]),
        en,
    )
    .unwrap();
    let ids: Vec<_> = ok.iter().map(|a| a.question.as_str()).collect();
    assert_eq!(ids, ["what", "score", "who"], "set order");
    assert_eq!(ok[1].value, AnswerValue::Scale(4));
    assert_eq!(ok[1].why.as_deref(), Some("They listened"));
    assert_eq!(
        ok[2].value,
        AnswerValue::Choice("citizens".into()),
        "a label picks its option"
    );

    let fails = |given: &[(&str, &str)], whys: &[(&str, &str)], words: &str| {
        let e = build_answers(&set, &pairs(given), &pairs(whys), en).unwrap_err();
        assert!(e.to_string().contains(words), "{e}");
    };
    fails(
        &[("what", "x"), ("nope", "y"), ("who", "staff")],
        &[],
        "no question 'nope'",
    );
    fails(
        &[("what", "x"), ("score", "6"), ("who", "staff")],
        &[],
        "scale from 1 to 5",
    );
    fails(
        &[("what", "x"), ("score", "four"), ("who", "staff")],
        &[],
        "scale from 1 to 5",
    );
    fails(&[("what", "x"), ("who", "mayor")], &[], "citizens, staff");
    fails(
        &[("who", "staff")],
        &[],
        "'what' needs an answer — \"What happened?\"",
    );
    fails(
        &[("what", "  "), ("who", "staff")],
        &[],
        "'what' needs an answer",
    );
    fails(
        &[("what", "x"), ("what", "y"), ("who", "staff")],
        &[],
        "answered twice",
    );
    fails(
        &[("what", "x"), ("who", "staff")],
        &[("what", "because")],
        "does not ask why",
    );
    let skipped = build_answers(&set, &pairs(&[("what", "x"), ("who", "staff")]), &[], en).unwrap();
    assert_eq!(skipped.len(), 2, "an optional question may be skipped");
}

#[test]
fn the_example_in_the_docs_is_a_valid_set() {
    let doc = include_str!("../../../docs/prompts.md");
    let start = doc
        .find("```toml\n")
        .expect("docs/prompts.md has a toml example")
        + 8;
    let end = start + doc[start..].find("```").unwrap();
    let set = parse_set("docs/prompts.md", &doc[start..end], Origin::BuiltIn).unwrap();
    assert_eq!(set.id, "home-visit");
    assert_eq!(set.questions.len(), 4);
}

#[test]
fn every_built_in_scale_point_is_labelled_and_every_question_has_a_source() {
    let loaded = load(None);
    for set in loaded.library.sets() {
        for q in &set.questions {
            assert!(
                q.source.as_deref().is_some_and(|s| !s.trim().is_empty()),
                "{}.{} has no source of its own",
                set.id,
                q.id
            );
            if let AnswerKind::Scale { min, max, .. } = &q.kind {
                for n in *min..=*max {
                    for lang in [Language::English, Language::Danish] {
                        assert!(
                            q.point_label(n, lang).is_some_and(|l| !l.is_empty()),
                            "{}.{}: point {n} has no {lang} label",
                            set.id,
                            q.id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_sets_follow_their_sources() {
    let library = load(None).library;
    let q = |set: &str, id: &str| library.get(set).unwrap().question(id).cloned();
    // Gittell asks how the other group communicates with you, about one named counterpart.
    let rc = library.get("relational-coordination").unwrap();
    assert!(rc.counterpart_question().is_some());
    assert!(
        q("relational-coordination", "frequent")
            .unwrap()
            .text
            .en
            .contains("with you")
    );
    // The mentor asks questions; no required next step, nothing suggested.
    let mentor = library.get("mentor-review").unwrap();
    assert!(
        mentor
            .questions
            .iter()
            .all(|q| !q.text.en.contains("suggest"))
    );
    assert!(mentor.carrying().next().is_none());
    // Brinkerhoff's evidence and value.
    assert!(
        q("success-case-follow-up", "evidence")
            .unwrap()
            .text
            .en
            .contains("confirm")
    );
    assert!(q("success-case-follow-up", "value").is_some());
    // Trust and control on scales of their own; the steering from above is asked.
    assert!(
        q("trust-based-steering", "trust").is_some()
            && q("trust-based-steering", "control").is_some()
    );
    assert!(!q("trust-based-steering", "from-above").unwrap().optional);
    // The action-learning set starts before the meeting.
    assert!(
        q("action-learning-set", "problem")
            .unwrap()
            .text
            .en
            .starts_with("Before the meeting")
    );
    // A set for each phase of the loop, and the ones for the phase first.
    for phase in Phase::ALL {
        let sets = library.for_phase(phase);
        assert_eq!(sets.len(), library.sets().len());
        assert_eq!(sets[0].phase, phase, "a set for {phase:?}");
    }
    assert_eq!(library.get("in-action").unwrap().phase, Phase::Act);
    assert!(
        library
            .get("conclude-cycle")
            .unwrap()
            .carrying()
            .next()
            .is_some()
    );
}

#[test]
fn labels_must_match_the_scale_and_carries_must_be_known() {
    let file = |extra: &str| {
        format!(
            "id = \"x\"\ntitle = {{ en = \"X\", da = \"X\" }}\npurpose = {{ en = \"X\", da = \"X\" }}\nphase = \"reflect\"\nsource = \"S\"\n\n[[questions]]\nid = \"q\"\n{extra}text = {{ en = \"Q\", da = \"Q\" }}\n"
        )
    };
    let two = file(
        "kind = \"scale\"\nmin = 1\nmax = 3\nlabels = [{ en = \"a\", da = \"a\" }, { en = \"b\", da = \"b\" }]\n",
    );
    let e = parse_set("x.toml", &two, Origin::BuiltIn).unwrap_err();
    assert!(e[0].message.contains("3 points"), "{e:?}");
    let carries = file("kind = \"text\"\ncarries = \"plan\"\n");
    let e = parse_set("x.toml", &carries, Origin::BuiltIn).unwrap_err();
    assert!(e[0].message.contains("carries"), "{e:?}");
    let ok = file("kind = \"text\"\ncarries = \"experiment\"\nsource = \"Kolb\"\n");
    let set = parse_set("x.toml", &ok, Origin::BuiltIn).unwrap();
    assert_eq!(set.questions[0].source.as_deref(), Some("Kolb"));
    assert_eq!(set.questions[0].source_in(&set), "Kolb");
}
