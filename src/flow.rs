//! A guided prompt flow: one question at a time, back and forth, a review, and what the finished
//! flow becomes in the journal. Also the draft it leaves behind when it is interrupted.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::dates::parse_date;
use crate::journal::Language;
use crate::prompts::{AnswerError, AnswerKind, PromptSet, build_answers};
use crate::record::{
    Answer, Content, ExperimentStatus, HighestRevision, JournalId, Record, RecordId,
};

/// What a flow is for, and so what it saves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Purpose {
    /// A reflection, optionally linked to a cycle or an experiment.
    Reflection {
        /// The cycle it belongs to.
        cycle: Option<RecordId>,
        /// The experiment it is about.
        experiment: Option<RecordId>,
    },
    /// A new experiment planned with the plan-an-experiment set.
    PlanExperiment {
        /// The cycle it belongs to.
        cycle: Option<RecordId>,
    },
    /// A comment on another journal's record (a mentor's review): the answers become its text.
    Comment {
        /// The record commented on.
        on: RecordId,
    },
    /// The outcome of an experiment, with an after-action review.
    LogOutcome {
        /// The experiment.
        experiment: RecordId,
        /// Done or dropped.
        status: ExperimentStatus,
    },
}

/// Where in the flow the user is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "at", content = "index")]
pub enum Step {
    /// Answering question `n` (0-based).
    Question(usize),
    /// Looking over every answer before saving.
    Review,
}

/// An unfinished flow as stored in the journal, so it can be resumed after a quit or a crash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The prompt set's id.
    pub set: String,
    /// What the flow is for.
    pub purpose: Purpose,
    /// The typed value for each question, in order ("" when not answered yet).
    pub values: Vec<String>,
    /// The typed why for each question, in order.
    pub whys: Vec<String>,
    /// Where the user was.
    pub step: Step,
    /// When the flow was started.
    pub started: DateTime<Utc>,
    /// The set's [`shape`] when the draft was saved; absent in drafts from before praxis kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<String>,
}

impl Draft {
    /// Whether anything has been typed or chosen in it.
    pub fn has_input(&self) -> bool {
        self.values
            .iter()
            .chain(&self.whys)
            .any(|v| !v.trim().is_empty())
    }

    /// What was typed, question by question, leaving out the unanswered ones.
    pub fn typed(&self) -> Vec<Typed> {
        self.values
            .iter()
            .enumerate()
            .map(|(i, value)| Typed {
                number: i + 1,
                value: value.trim().to_string(),
                why: self
                    .whys
                    .get(i)
                    .map(|w| w.trim().to_string())
                    .unwrap_or_default(),
            })
            .filter(|t| !t.value.is_empty() || !t.why.is_empty())
            .collect()
    }
}

/// One answer of a draft, kept as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    /// The question's place in the set as it was (1-based).
    pub number: usize,
    /// The value as typed (or the id of the option chosen).
    pub value: String,
    /// The why, if one was typed.
    pub why: String,
}

/// A short fingerprint of a set's questions: their ids and kinds, in order. A draft remembers
/// it, so a draft is never resumed into questions that have changed under it.
pub fn shape(set: &PromptSet) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for q in &set.questions {
        let kind = match q.kind {
            AnswerKind::Text => "text",
            AnswerKind::Scale { .. } => "scale",
            AnswerKind::Choice { .. } => "choice",
        };
        hash.update(format!("{}\0{kind}\0", q.id));
    }
    hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A draft taken up again.
#[derive(Debug, Clone, PartialEq)]
pub enum Resumed {
    /// Where it was left, with everything typed in place.
    AsLeft(Flow),
    /// The set's questions changed since the draft was saved: a fresh flow over the set as it
    /// is now, and what was typed, to be kept as text (an answer never lands on another
    /// question, nor typed text where an option is chosen).
    Changed {
        /// The fresh flow.
        flow: Flow,
        /// What the draft held.
        typed: Vec<Typed>,
    },
}

/// A flow in progress over one prompt set.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// The set being answered.
    pub set: PromptSet,
    /// What it is for.
    pub purpose: Purpose,
    /// The typed value for each question.
    pub values: Vec<String>,
    /// The typed why for each question.
    pub whys: Vec<String>,
    /// Where the user is.
    pub step: Step,
    /// When it was started.
    pub started: DateTime<Utc>,
}

/// The daily check-in's id; the home screen looks for today's.
pub const DAILY_CHECKIN: &str = "daily-checkin";
/// The plan-an-experiment set's id; its answers become an experiment.
pub const PLAN_SET: &str = "plan-experiment";
/// The after-action review's id; logging an outcome uses it.
pub const REVIEW_SET: &str = "after-action-review";
/// Days until an experiment's look-back when the plan names no date.
pub const DEFAULT_LOOK_BACK_DAYS: u64 = 14;

impl Flow {
    /// A fresh flow at the first question.
    pub fn new(set: PromptSet, purpose: Purpose, now: DateTime<Utc>) -> Flow {
        let n = set.questions.len();
        Flow {
            set,
            purpose,
            values: vec![String::new(); n],
            whys: vec![String::new(); n],
            step: Step::Question(0),
            started: now,
        }
    }

    /// A flow taken up again from its draft; `None` if the draft is of another set.
    pub fn resume(set: PromptSet, draft: Draft) -> Option<Resumed> {
        if draft.set != set.id {
            return None;
        }
        let n = set.questions.len();
        let same = draft.values.len() == n
            && draft.whys.len() == n
            && draft.shape.as_ref().is_none_or(|s| *s == shape(&set));
        if !same {
            let typed = draft.typed();
            let flow = Flow::new(set, draft.purpose, draft.started);
            return Some(Resumed::Changed { flow, typed });
        }
        let step = match draft.step {
            Step::Question(i) if i >= n => Step::Review,
            s => s,
        };
        Some(Resumed::AsLeft(Flow {
            set,
            purpose: draft.purpose,
            values: draft.values,
            whys: draft.whys,
            step,
            started: draft.started,
        }))
    }

    /// The draft to store for this flow.
    pub fn to_draft(&self) -> Draft {
        Draft {
            set: self.set.id.clone(),
            purpose: self.purpose.clone(),
            values: self.values.clone(),
            whys: self.whys.clone(),
            step: self.step,
            started: self.started,
            shape: Some(shape(&self.set)),
        }
    }

    /// How many questions the set has.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the set has no questions (never true for a loaded set).
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The current question's index, if not on the review page.
    pub fn index(&self) -> Option<usize> {
        match self.step {
            Step::Question(i) => Some(i),
            Step::Review => None,
        }
    }

    /// Whether anything has been typed yet.
    pub fn has_input(&self) -> bool {
        self.values
            .iter()
            .chain(&self.whys)
            .any(|v| !v.trim().is_empty())
    }

    /// Why the current answer cannot be accepted, if it cannot (a value off the scale, an
    /// option that does not exist). An empty answer is fine here; the review page reports it.
    pub fn current_problem(&self, lang: Language) -> Option<String> {
        let i = self.index()?;
        let value = self.values[i].trim();
        if value.is_empty() {
            return None;
        }
        let q = &self.set.questions[i];
        let given = vec![(q.id.clone(), value.to_string())];
        let mut one = self.set.clone();
        one.questions = vec![q.clone()];
        match build_answers(&one, &given, &[], lang) {
            Err(e) => Some(e.to_string()),
            Ok(_) => None,
        }
    }

    /// Moves to the next question, or to the review after the last.
    pub fn next(&mut self) {
        self.step = match self.step {
            Step::Question(i) if i + 1 < self.len() => Step::Question(i + 1),
            _ => Step::Review,
        };
    }

    /// Moves to the previous question; from the review, to the last question.
    pub fn back(&mut self) {
        self.step = match self.step {
            Step::Question(i) => Step::Question(i.saturating_sub(1)),
            Step::Review => Step::Question(self.len().saturating_sub(1)),
        };
    }

    /// Jumps to question `i`.
    pub fn go_to(&mut self, i: usize) {
        if i < self.len() {
            self.step = Step::Question(i);
        }
    }

    /// Whether the current question may be skipped.
    pub fn can_skip(&self) -> bool {
        self.index().is_some_and(|i| self.set.questions[i].optional)
    }

    /// The answers, checked against the set.
    pub fn answers(&self, lang: Language) -> Result<Vec<Answer>, AnswerError> {
        let pairs = |values: &[String]| -> Vec<(String, String)> {
            self.set
                .questions
                .iter()
                .zip(values)
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(q, v)| (q.id.clone(), v.clone()))
                .collect()
        };
        let whys: Vec<(String, String)> = pairs(&self.whys)
            .into_iter()
            .filter(|(q, _)| self.set.question(q).is_some_and(|q| q.why.is_some()))
            .collect();
        build_answers(&self.set, &pairs(&self.values), &whys, lang)
    }

    /// The value typed for question `id`, trimmed.
    fn value_of(&self, id: &str) -> String {
        self.set
            .questions
            .iter()
            .position(|q| q.id == id)
            .map(|i| self.values[i].trim().to_string())
            .unwrap_or_default()
    }

    /// The look-back date of a plan: the first date-like word in the look-back answer, else
    /// two weeks from today.
    pub fn look_back(&self, today: NaiveDate) -> NaiveDate {
        let text = self.value_of("look-back");
        text.split(|c: char| c.is_whitespace() || c == ',')
            .find_map(|word| parse_date(word.trim_end_matches('.'), today).ok())
            .unwrap_or(today + Days::new(DEFAULT_LOOK_BACK_DAYS))
    }

    /// What the finished flow saves: new records, and changed ones (an experiment's outcome).
    pub fn finish(
        &self,
        author: JournalId,
        title: &str,
        now: DateTime<Utc>,
        today: NaiveDate,
        lang: Language,
        experiment: Option<&Record>,
    ) -> Result<Finished, FinishError> {
        let answers = self.answers(lang)?;
        let reflection = |cycle, experiment| {
            let mut r = Record::new(
                author,
                now,
                Content::Reflection {
                    set: self.set.id.clone(),
                    cycle,
                    experiment,
                    answers: answers.clone(),
                },
            );
            r.title = title.to_string();
            r
        };
        Ok(match &self.purpose {
            Purpose::Comment { .. } => Finished {
                new: reflection(None, None),
                changed: None,
            },
            Purpose::Reflection { cycle, experiment } => Finished {
                new: reflection(*cycle, *experiment),
                changed: None,
            },
            Purpose::PlanExperiment { cycle } => {
                let try_text = self.value_of("try");
                let mut r = Record::new(
                    author,
                    now,
                    Content::Experiment {
                        cycle: *cycle,
                        with: vec![self.value_of("with-whom")]
                            .into_iter()
                            .filter(|w| !w.is_empty())
                            .collect(),
                        expectation: self.value_of("expect"),
                        signal: self.value_of("signal"),
                        follow_up: Some(self.look_back(today)),
                        status: ExperimentStatus::Planned,
                        outcome: None,
                    },
                );
                r.title = first_line(&try_text, 72);
                let mut body = Vec::new();
                for q in &self.set.questions {
                    let v = self.value_of(&q.id);
                    if !v.is_empty() && !matches!(q.id.as_str(), "with-whom" | "expect" | "signal")
                    {
                        body.push(format!("{}\n{}", q.text.get(lang), v));
                    }
                }
                r.body = body.join("\n\n");
                Finished {
                    new: r,
                    changed: None,
                }
            }
            Purpose::LogOutcome {
                experiment: id,
                status,
            } => {
                let changed = experiment.filter(|e| e.id == *id).map(|e| {
                    let mut e = e.clone();
                    e.touch(now)?;
                    if let Content::Experiment {
                        status: s, outcome, ..
                    } = &mut e.content
                    {
                        *s = *status;
                        let happened = self.value_of("happened");
                        *outcome = Some(happened).filter(|h| !h.is_empty());
                    }
                    Ok::<_, HighestRevision>(e)
                });
                let changed = changed.transpose()?;
                let cycle = experiment.and_then(|e| e.cycle());
                Finished {
                    new: reflection(cycle, Some(*id)),
                    changed,
                }
            }
        })
    }

    /// The answers as plain text, question by question (what a comment says).
    pub fn as_text(&self, lang: Language) -> Result<String, AnswerError> {
        let answers = self.answers(lang)?;
        Ok(answers
            .iter()
            .map(|a| {
                let (q, v) = crate::prompts::show_answer(Some(&self.set), a, lang);
                match &a.why {
                    Some(why) => format!("{q}\n{v} ({why})"),
                    None => format!("{q}\n{v}"),
                }
            })
            .collect::<Vec<_>>()
            .join("\n\n"))
    }

    /// The answer kind of the current question.
    pub fn current_kind(&self) -> Option<&AnswerKind> {
        self.index().map(|i| &self.set.questions[i].kind)
    }
}

/// Why a finished flow cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FinishError {
    /// The answers do not fit the set.
    #[error(transparent)]
    Answers(#[from] AnswerError),
    /// The experiment whose outcome is logged cannot take another edit.
    #[error(transparent)]
    Revision(#[from] HighestRevision),
}

/// What a finished flow writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    /// The new record (a reflection or an experiment).
    pub new: Record,
    /// A changed record (the experiment whose outcome was logged).
    pub changed: Option<Record>,
}

fn first_line(text: &str, max_chars: usize) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if line.chars().count() <= max_chars {
        line.to_string()
    } else {
        let cut: String = line.chars().take(max_chars - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests;
