//! Tests that nothing people read exists in one language only: the screens' words, the action
//! labels and keys, the record words, the summary's words and every built-in prompt. A Danish
//! text may not be a copy of the English one (a few words are the same in both) nor hold
//! telltale English words.

use crate::journal::Language;
use crate::tui::action::Action;
use crate::tui::keymap::{Mode, bindings};

/// Words that are the same in Danish and English.
const SAME_IN_BOTH: [&str; 7] = [
    "praxis", "status", "filter", "mentor", "note", "check-in", "Check-in",
];

/// Names of methods kept in English beside their Danish name.
const METHOD_NAMES: [&str; 2] = ["After Action Review", "Success Case"];

/// Whole words that give an untranslated Danish text away ("to", "on", "for" and "is" are
/// Danish words too, so they are not here).
const ENGLISH_TELLS: [&str; 44] = [
    "the",
    "and",
    "you",
    "your",
    "press",
    "with",
    "cycle",
    "cycles",
    "experiment",
    "experiments",
    "reflection",
    "reflections",
    "review",
    "quit",
    "since",
    "until",
    "saved",
    "open",
    "back",
    "keys",
    "this",
    "what",
    "which",
    "yet",
    "not",
    "nothing",
    "here",
    "look",
    "shared",
    "comment",
    "comments",
    "answer",
    "answers",
    "question",
    "questions",
    "will",
    "would",
    "done",
    "today",
    "tomorrow",
    "days",
    "week",
    "weeks",
    "of",
];

/// What is wrong with `da` as the Danish of `en`, if anything.
fn untranslated(en: &str, da: &str) -> Option<String> {
    // Placeholders ({title}) are the same in both languages by design.
    let mut letters = String::new();
    let mut inside = false;
    for c in da.chars() {
        match c {
            '{' => inside = true,
            '}' => inside = false,
            c if !inside => letters.push(c),
            _ => {}
        }
    }
    if !letters.chars().any(char::is_alphabetic) {
        return None;
    }
    if da.trim() == en.trim() && !SAME_IN_BOTH.contains(&da.trim()) {
        return Some(format!("\"{da}\" is the English text"));
    }
    for name in METHOD_NAMES {
        letters = letters.replace(name, "");
    }
    let tells: Vec<&str> = letters
        .split(|c: char| !c.is_alphabetic() && c != '-')
        .filter(|w| ENGLISH_TELLS.contains(&w.to_lowercase().as_str()))
        .collect();
    (!tells.is_empty()).then(|| format!("\"{da}\" holds English: {tells:?}"))
}

/// Every `(field, item)` of a `{:#?}` print of a struct of strings and lists of strings, the
/// strings without their quotes.
fn fields(debug: &str) -> Vec<(String, String)> {
    let text = |v: &str| {
        let v = v.trim_end_matches(',');
        v.strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(v)
            .to_string()
    };
    let mut out = Vec::new();
    let mut list = None;
    for line in debug.lines() {
        if let Some(item) = line.strip_prefix("        ") {
            if let Some(name) = &list {
                out.push((format!("{name}[]"), text(item)));
            }
        } else if let Some(field) = line.strip_prefix("    ")
            && let Some((name, value)) = field.split_once(": ")
        {
            if value == "[" {
                list = Some(name.to_string());
            } else {
                list = None;
                out.push((name.to_string(), text(value)));
            }
        }
    }
    out
}

/// The mistakes in a list of `(what, English, Danish)`.
fn check<'a>(pairs: impl IntoIterator<Item = (String, &'a str, &'a str)>) -> Vec<String> {
    pairs
        .into_iter()
        .filter_map(|(what, en, da)| untranslated(en, da).map(|why| format!("{what}: {why}")))
        .collect()
}

/// Compares two `{:#?}` prints field by field, item by item.
fn check_debug(what: &str, en: &str, da: &str) -> Vec<String> {
    let (en, da) = (fields(en), fields(da));
    assert_eq!(en.len(), da.len(), "{what}: lists of another length");
    assert!(!en.is_empty(), "{what}: the print was read");
    check(
        en.iter()
            .zip(&da)
            .map(|((name, e), (_, d))| (format!("{what}.{name}"), e.as_str(), d.as_str())),
    )
}

#[test]
fn the_check_catches_a_copy_and_english_words_but_not_danish() {
    assert!(untranslated("Saved.", "Saved.").is_some());
    assert!(untranslated("Saved.", "Gemt – press Enter").is_some());
    assert!(untranslated("Saved.", "Gemt.").is_none());
    assert!(untranslated("mentor", "mentor").is_none());
    assert!(untranslated("{n} of {total}", "{n} af {total}").is_none());
    assert!(untranslated("{why}", "{why}").is_none());
    assert!(untranslated("two", "to eksperimenter").is_none());
    let en = crate::tui::words::EN;
    let da = crate::tui::words::Words {
        saved: "Saved.",
        ..crate::tui::words::DA
    };
    let found = check_debug("words", &format!("{en:#?}"), &format!("{da:#?}"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("words.saved:"), "{found:?}");
}

#[test]
fn every_screen_word_is_danish_in_danish() {
    use crate::tui::words::{DA, EN};
    let found = check_debug("words", &format!("{EN:#?}"), &format!("{DA:#?}"));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_action_label_and_key_is_danish_in_danish() {
    let modes = Mode::ALL;
    // A new mode must be added to Mode::ALL: this match has no catch-all.
    for m in modes {
        match m {
            Mode::Home
            | Mode::PickSet
            | Mode::FlowText
            | Mode::FlowScale
            | Mode::FlowChoice
            | Mode::Review
            | Mode::Timeline
            | Mode::Detail
            | Mode::Foreign
            | Mode::Search
            | Mode::LineInput
            | Mode::Comment
            | Mode::Confirm
            | Mode::Summary
            | Mode::RcMap
            | Mode::Calendar
            | Mode::Chart => {}
        }
    }
    let mut pairs = Vec::new();
    let mut actions = every_action().to_vec();
    for m in modes {
        for b in bindings(m) {
            let (en, da) = (b.label(Language::English), b.label(Language::Danish));
            pairs.push((format!("{m:?} {}", b.keys), en, da));
            actions.push(b.action);
        }
    }
    for a in actions {
        let (en, da) = (a.label(Language::English), a.label(Language::Danish));
        pairs.push((format!("{a:?}"), en, da));
    }
    let found = check(pairs);
    assert!(found.is_empty(), "{found:#?}");
}

/// Every action; the match below makes a new one a compile error here until it is listed.
fn every_action() -> [Action; 52] {
    use Action::*;
    let all = [
        Quit,
        Back,
        Help,
        Up,
        Down,
        PageUp,
        PageDown,
        Top,
        Bottom,
        HalfPageUp,
        HalfPageDown,
        Open,
        EditAnswer,
        CheckIn,
        Reflect,
        NewCycle,
        NewNote,
        PlanExperiment,
        LogDone,
        LogDropped,
        StartExperiment,
        ConcludeCycle,
        Summary,
        RcMap,
        Calendar,
        Charts,
        ResumeDraft,
        DiscardDraft,
        Timeline,
        Peers,
        ReadComments,
        Comment,
        MentorReview,
        Search,
        Filter,
        NextQuestion,
        PrevQuestion,
        Skip,
        Save,
        ExternalEditor,
        SwitchField,
        ScaleValue(1),
        ScaleDown,
        ScaleUp,
        CycleVisibility,
        EditTags,
        Edit,
        Delete,
        Undo,
        Confirm,
        Cancel,
        Input(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Null,
        )),
    ];
    for a in all {
        match a {
            Quit | Back | Help | Up | Down | PageUp | PageDown | Top | Bottom | HalfPageUp
            | HalfPageDown | Open | EditAnswer | CheckIn | Reflect | NewCycle | NewNote
            | PlanExperiment | LogDone | LogDropped | StartExperiment | ConcludeCycle | Summary
            | RcMap | Calendar | Charts | ResumeDraft | DiscardDraft | Timeline | Peers
            | ReadComments | Comment | MentorReview | Search | Filter | NextQuestion
            | PrevQuestion | Skip | Save | ExternalEditor | SwitchField | ScaleValue(_)
            | ScaleDown | ScaleUp | CycleVisibility | EditTags | Edit | Delete | Undo | Confirm
            | Cancel | Input(_) => {}
        }
    }
    all
}

#[test]
fn the_record_and_summary_words_are_danish_in_danish() {
    use crate::prompts::{Cadence, Phase};
    use crate::record::{CycleStatus, ExperimentStatus, Kind, Visibility};
    use crate::tui::words;
    let mut pairs: Vec<(String, &str, &str)> = Vec::new();
    let both = |f: &dyn Fn(Language) -> &'static str| (f(Language::English), f(Language::Danish));
    for k in [Kind::Cycle, Kind::Experiment, Kind::Reflection, Kind::Note] {
        let (en, da) = both(&|l| words::kind(k, l));
        pairs.push((format!("{k:?}"), en, da));
    }
    for v in [Visibility::Private, Visibility::Mentor, Visibility::Network] {
        let (en, da) = both(&|l| words::visibility(v, l));
        pairs.push((format!("{v:?}"), en, da));
    }
    for s in [
        ExperimentStatus::Planned,
        ExperimentStatus::Running,
        ExperimentStatus::Done,
        ExperimentStatus::Dropped,
    ] {
        let (en, da) = both(&|l| words::experiment_status(s, l));
        pairs.push((format!("{s:?}"), en, da));
    }
    for s in [CycleStatus::Active, CycleStatus::Concluded] {
        let (en, da) = both(&|l| words::cycle_status(s, l));
        pairs.push((format!("{s:?}"), en, da));
    }
    for p in Phase::ALL {
        let (en, da) = both(&|l| p.label(l));
        pairs.push((format!("{p:?}"), en, da));
    }
    for c in [Cadence::Daily, Cadence::Weekly, Cadence::AfterExperiment] {
        let (en, da) = both(&|l| c.label(l));
        pairs.push((format!("{c:?}"), en, da));
    }
    // The dimensions are the scale questions of the relational-coordination set.
    let library = crate::prompts::load(None).library;
    let rc = library.get("relational-coordination").expect("built in");
    let ids: Vec<&str> = rc
        .questions
        .iter()
        .filter(|q| matches!(q.kind, crate::prompts::AnswerKind::Scale { .. }))
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(ids.len(), 7, "Gittell's seven dimensions");
    for id in ids {
        let (en, da) = (
            words::dimension(id, Language::English),
            words::dimension(id, Language::Danish),
        );
        pairs.push((id.to_string(), en, da));
    }
    let mut found = check(pairs);
    found.extend(check_debug(
        "summary",
        &format!("{:#?}", crate::summary::words(Language::English)),
        &format!("{:#?}", crate::summary::words(Language::Danish)),
    ));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_built_in_prompt_is_danish_in_danish() {
    use crate::prompts::{AnswerKind, Localized};
    let loaded = crate::prompts::load(None);
    let sets = loaded.library.sets();
    assert!(sets.len() >= 15, "the built-in sets were loaded");
    let mut texts: Vec<(String, &Localized)> = Vec::new();
    for s in sets {
        texts.push((format!("{}: title", s.id), &s.title));
        texts.push((format!("{}: purpose", s.id), &s.purpose));
        for q in &s.questions {
            let at = format!("{} {}", s.id, q.id);
            texts.push((format!("{at}: text"), &q.text));
            for (part, t) in [("hint", &q.hint), ("why", &q.why)] {
                if let Some(t) = t {
                    texts.push((format!("{at}: {part}"), t));
                }
            }
            match &q.kind {
                AnswerKind::Text => {}
                AnswerKind::Scale {
                    low, high, labels, ..
                } => {
                    for (i, t) in low.iter().chain(high).chain(labels).enumerate() {
                        texts.push((format!("{at}: point {i}"), t));
                    }
                }
                AnswerKind::Choice { options } => {
                    for o in options {
                        texts.push((format!("{at}: option {}", o.id), &o.label));
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    for (what, t) in &texts {
        if t.en.trim().is_empty() || t.da.trim().is_empty() {
            found.push(format!("{what}: one language only"));
        }
    }
    found.extend(check(
        texts
            .iter()
            .map(|(w, t)| (w.clone(), t.en.as_str(), t.da.as_str())),
    ));
    assert!(found.is_empty(), "{found:#?}");
}
