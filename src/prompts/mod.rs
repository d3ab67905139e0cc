//! Prompt sets: the research-grounded questions that guide a reflection, stored as TOML files
//! (built into the binary from `prompts/`, extended or overridden from the user's config folder),
//! and the checking of answers against them.

mod answers;
mod library;
mod parse;

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use crate::journal::Language;
use crate::record::Answer;

pub use answers::{AnswerError, build_answers};
pub use library::{Library, Loaded, builtin_files, check_paths, load};
pub use parse::parse_set;

/// Text in every language praxis speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Localized {
    /// English.
    pub en: String,
    /// Danish.
    pub da: String,
}

impl Localized {
    /// The text in `lang`.
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::English => &self.en,
            Language::Danish => &self.da,
        }
    }
}

/// The step of the action-learning cycle a set serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Plan an experiment.
    Plan,
    /// Try it in practice.
    Act,
    /// Look at what happened.
    Observe,
    /// Reflect on it.
    Reflect,
    /// Look back over a period.
    Review,
}

impl Phase {
    /// Every phase, in cycle order.
    pub const ALL: [Phase; 5] = [
        Phase::Plan,
        Phase::Act,
        Phase::Observe,
        Phase::Reflect,
        Phase::Review,
    ];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Plan => "plan",
            Phase::Act => "act",
            Phase::Observe => "observe",
            Phase::Reflect => "reflect",
            Phase::Review => "review",
        }
    }

    /// The phase's name shown to people.
    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Phase::Plan, Language::English) => "plan",
            (Phase::Act, Language::English) => "act",
            (Phase::Observe, Language::English) => "observe",
            (Phase::Reflect, Language::English) => "reflect",
            (Phase::Review, Language::English) => "review",
            (Phase::Plan, Language::Danish) => "planlægning",
            (Phase::Act, Language::Danish) => "handling",
            (Phase::Observe, Language::Danish) => "iagttagelse",
            (Phase::Reflect, Language::Danish) => "refleksion",
            (Phase::Review, Language::Danish) => "opsamling",
        }
    }
}

/// How often a set is meant to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    /// Every working day.
    Daily,
    /// Once a week.
    Weekly,
    /// When an experiment has been tried.
    AfterExperiment,
}

impl Cadence {
    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Daily => "daily",
            Cadence::Weekly => "weekly",
            Cadence::AfterExperiment => "after-experiment",
        }
    }

    /// The rhythm in words, for people.
    pub fn label(self, lang: Language) -> &'static str {
        match (self, lang) {
            (Cadence::Daily, Language::English) => "daily",
            (Cadence::Weekly, Language::English) => "weekly",
            (Cadence::AfterExperiment, Language::English) => "after each experiment",
            (Cadence::Daily, Language::Danish) => "dagligt",
            (Cadence::Weekly, Language::Danish) => "ugentligt",
            (Cadence::AfterExperiment, Language::Danish) => "efter hvert eksperiment",
        }
    }
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChoiceOption {
    /// Stored as the answer.
    pub id: String,
    /// Shown to people.
    pub label: Localized,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum AnswerKind {
    /// Free text.
    Text,
    /// A whole number from `min` to `max`, with optional labels for the ends or every point.
    Scale {
        /// The lowest value.
        min: i64,
        /// The highest value.
        max: i64,
        /// What the lowest value means.
        low: Option<Localized>,
        /// What the highest value means.
        high: Option<Localized>,
        /// What each point means, from `min` to `max` (empty when only the ends are labelled).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        labels: Vec<Localized>,
    },
    /// One of a list of options.
    Choice {
        /// The options, in order.
        options: Vec<ChoiceOption>,
    },
}

/// One question of a prompt set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    /// Unique within the set; answers are stored under it.
    pub id: String,
    /// The question.
    pub text: Localized,
    /// A nudge shown under the question.
    pub hint: Option<Localized>,
    /// When set, a short "why" is asked along with the answer (e.g. for a scale).
    pub why: Option<Localized>,
    /// The kind of answer.
    #[serde(flatten)]
    pub kind: AnswerKind,
    /// Whether it may be skipped.
    pub optional: bool,
    /// The model or publication this question comes from, when the set mixes sources.
    pub source: Option<String>,
    /// What its answer can become: a next step that carries forward into an experiment.
    pub carries: Option<Carry>,
    /// Whether its answer names the counterpart the set is about (relational coordination):
    /// answers are grouped by it over time.
    pub counterpart: bool,
}

/// What a question's answer carries forward into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Carry {
    /// The answer is a next step: it can be planned as an experiment, linked back.
    Experiment,
}

impl Question {
    /// The label of point `n` of a scale question, if it has one.
    pub fn point_label(&self, n: i64, lang: Language) -> Option<&str> {
        match &self.kind {
            AnswerKind::Scale {
                min,
                max,
                low,
                high,
                labels,
            } => {
                let i = usize::try_from(n - min).ok()?;
                labels
                    .get(i)
                    .or(if n == *min { low.as_ref() } else { None })
                    .or(if n == *max { high.as_ref() } else { None })
                    .map(|l| l.get(lang))
            }
            _ => None,
        }
    }

    /// The question's own source, else its set's.
    pub fn source_in<'a>(&'a self, set: &'a PromptSet) -> &'a str {
        self.source.as_deref().unwrap_or(&set.source)
    }

    /// A stored value as people read it: "4 / 5" on a scale (with its label, when every point
    /// has one), an option's label for a choice.
    pub fn show_value(&self, value: &str, lang: Language) -> String {
        match &self.kind {
            AnswerKind::Scale { max, labels, .. } => {
                match value.parse().ok().and_then(|n| self.point_label(n, lang)) {
                    Some(label) if !labels.is_empty() => format!("{value} / {max} ({label})"),
                    _ => format!("{value} / {max}"),
                }
            }
            AnswerKind::Choice { options } => options
                .iter()
                .find(|o| o.id == value)
                .map_or(value.to_string(), |o| o.label.get(lang).to_string()),
            AnswerKind::Text => value.to_string(),
        }
    }
}

/// An answer as people read it: its question (the id, when the set is gone) and its value.
pub fn show_answer(set: Option<&PromptSet>, answer: &Answer, lang: Language) -> (String, String) {
    match set.and_then(|s| s.question(&answer.question)) {
        Some(q) => (
            q.text.get(lang).to_string(),
            q.show_value(&answer.value.to_text(), lang),
        ),
        None => (answer.question.clone(), answer.value.to_text()),
    }
}

/// Where a set was loaded from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Compiled into praxis from `prompts/`.
    BuiltIn,
    /// A file in the user's config folder.
    User(PathBuf),
}

/// A prompt set: ordered questions for one kind of reflection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromptSet {
    /// Unique id; reflections name their set by it.
    pub id: String,
    /// Short title.
    pub title: Localized,
    /// What the set is for, in a sentence or two.
    pub purpose: Localized,
    /// The step of the cycle it serves.
    pub phase: Phase,
    /// How often it is meant to be used.
    pub cadence: Option<Cadence>,
    /// The model or publication it draws on.
    pub source: String,
    /// The questions, in order.
    pub questions: Vec<Question>,
    /// Where it was loaded from.
    pub origin: Origin,
}

impl PromptSet {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The questions whose answers carry forward into an experiment, in order.
    pub fn carrying(&self) -> impl Iterator<Item = &Question> {
        self.questions
            .iter()
            .filter(|q| q.carries == Some(Carry::Experiment))
    }

    /// The question that names the counterpart, if the set has one.
    pub fn counterpart_question(&self) -> Option<&Question> {
        self.questions.iter().find(|q| q.counterpart)
    }
}

/// A mistake in a prompt file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptError {
    /// The file, as the user named it.
    pub file: String,
    /// The 1-based line.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for PromptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for PromptError {}
