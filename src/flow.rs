//! A guided prompt flow: one question at a time, back and forth, a review, and what the finished
//! flow becomes in the journal. Also the draft it leaves behind when it is interrupted.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::dates::find_date;
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
        /// The reflection or earlier experiment it follows from (carried forward).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<RecordId>,
    },
    /// Concluding a cycle with the closing reflection ([`CONCLUDE_SET`]): the answers become a
    /// reflection in the cycle, and the cycle is concluded with a link to it.
    ConcludeCycle {
        /// The cycle concluded.
        cycle: RecordId,
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
    /// A free note, written with the built-in note form ([`NOTE_SET`]).
    Note,
    /// New answers for a saved reflection or experiment.
    Edit {
        /// The record whose answers change.
        record: RecordId,
    },
}

impl Purpose {
    /// A reflection started from `record` belongs where the record does: a cycle's to the
    /// cycle, an experiment's to the experiment and its cycle, another reflection's to what that
    /// one is linked to; anything else is unlinked.
    pub fn reflection_on(record: Option<&Record>) -> Purpose {
        let (cycle, experiment) = match record.map(|r| (r, &r.content)) {
            Some((r, Content::Cycle { .. })) => (Some(r.id), None),
            Some((r, Content::Experiment { cycle, .. })) => (*cycle, Some(r.id)),
            Some((
                _,
                Content::Reflection {
                    cycle, experiment, ..
                },
            )) => (*cycle, *experiment),
            _ => (None, None),
        };
        Purpose::Reflection { cycle, experiment }
    }

    /// An experiment planned from `record` belongs to the record's cycle (the cycle itself, or
    /// the cycle of an experiment or reflection), linked to nothing else.
    pub fn plan_in(record: Option<&Record>) -> Purpose {
        let cycle = record.and_then(|r| match r.content {
            Content::Cycle { .. } => Some(r.id),
            _ => r.cycle(),
        });
        Purpose::PlanExperiment { cycle, from: None }
    }
}

/// What an experiment's plan said, for the after-action review to start from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanContext {
    /// The experiment's title (what was tried).
    pub title: String,
    /// What was expected to happen.
    pub expectation: String,
    /// The signal to look for.
    pub signal: String,
    /// With whom.
    pub with: Vec<String>,
}

/// The plan of `experiment`, if it is one.
pub fn plan_context(experiment: &Record) -> Option<PlanContext> {
    match &experiment.content {
        Content::Experiment {
            with,
            expectation,
            signal,
            ..
        } => Some(PlanContext {
            title: experiment.display_title(),
            expectation: expectation.clone(),
            signal: signal.clone(),
            with: with.clone(),
        }),
        _ => None,
    }
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
    /// Whether one answer is being changed from the review page (the next step goes back there).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revising: bool,
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
    /// Whether one answer is being changed from the review page: the next step goes back there
    /// instead of through every later question.
    pub revising: bool,
}

/// The daily check-in's id; the home screen looks for today's.
pub const DAILY_CHECKIN: &str = "daily-checkin";
/// The plan-an-experiment set's id; its answers become an experiment.
pub const PLAN_SET: &str = "plan-experiment";
/// The after-action review's id; logging an outcome uses it.
pub const REVIEW_SET: &str = "after-action-review";
/// Days until an experiment's look-back when the plan leaves the date out.
pub const DEFAULT_LOOK_BACK_DAYS: u64 = 14;
/// The plan's question whose answer holds the look-back date.
pub const LOOK_BACK: &str = "look-back";
/// The id of the built-in note form: the note's text ([`NOTE_TEXT`]), then its title.
pub const NOTE_SET: &str = "praxis-note";
/// The note form's question for the text.
pub const NOTE_TEXT: &str = "text";
/// The note form's question for the title.
pub const NOTE_TITLE: &str = "title";
/// The closing reflection of a cycle; `praxis cycle conclude` and the app use it.
pub const CONCLUDE_SET: &str = "conclude-cycle";
/// The in-action note on a running experiment (the act phase).
pub const IN_ACTION_SET: &str = "in-action";
/// Brinkerhoff's success-case follow-up, due 30, 60 and 90 days after a "keep".
pub const SUCCESS_SET: &str = "success-case-follow-up";
/// The after-action review's question "Did your signal show?": its answer is stored on the
/// experiment as [`crate::record::SignalMet`].
pub const SIGNAL_SHOWED: &str = "signal-showed";
/// The after-action review's keep / adjust / stop choice.
pub const SUM_UP: &str = "outcome";
/// The plan's questions whose answers are fields of the experiment, not part of its text.
const PLAN_FIELDS: [&str; 3] = ["with-whom", "expect", "signal"];

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
            revising: false,
        }
    }

    /// A fresh flow with answers already in place (by question id; ids the set lacks are left
    /// out): what a carried-forward plan or an after-action review starts from.
    pub fn prefilled(
        set: PromptSet,
        purpose: Purpose,
        now: DateTime<Utc>,
        values: &[(String, String)],
    ) -> Flow {
        let mut flow = Flow::new(set, purpose, now);
        for (id, value) in values {
            flow.set_value(id, value.clone());
        }
        flow
    }

    /// The after-action review of `experiment`, logging it `status` (done or dropped): it
    /// starts from the plan, with what was supposed to happen filled in from the expectation.
    pub fn for_outcome(
        set: PromptSet,
        experiment: &Record,
        status: ExperimentStatus,
        now: DateTime<Utc>,
    ) -> Flow {
        let values: Vec<(String, String)> = plan_context(experiment)
            .map(|p| p.expectation)
            .filter(|e| !e.trim().is_empty())
            .map(|e| ("intended".to_string(), e))
            .into_iter()
            .collect();
        let purpose = Purpose::LogOutcome {
            experiment: experiment.id,
            status,
        };
        Flow::prefilled(set, purpose, now, &values)
    }

    /// The plan the current flow starts from: for an after-action review, the experiment's
    /// (given by the caller, who holds it).
    pub fn context(&self, experiment: Option<&Record>) -> Option<PlanContext> {
        match &self.purpose {
            Purpose::LogOutcome { experiment: id, .. } => {
                experiment.filter(|e| e.id == *id).and_then(plan_context)
            }
            _ => None,
        }
    }

    /// A flow over the answers of a saved reflection or experiment, opened on its review page;
    /// finishing it changes that record.
    pub fn editing(set: PromptSet, record: &Record, now: DateTime<Utc>) -> Result<Flow, EditError> {
        let mut flow = Flow::new(set, Purpose::Edit { record: record.id }, now);
        let other_set = |of: &str, set: &PromptSet| EditError::OtherSet {
            record: of.to_string(),
            set: set.id.clone(),
        };
        match &record.content {
            Content::Reflection { set, answers, .. } => {
                if *set != flow.set.id {
                    return Err(other_set(set, &flow.set));
                }
                for (i, q) in flow.set.questions.iter().enumerate() {
                    if let Some(a) = answers.iter().find(|a| a.question == q.id) {
                        flow.values[i] = a.value.to_text();
                        flow.whys[i] = a.why.clone().unwrap_or_default();
                    }
                }
            }
            Content::Experiment {
                with,
                expectation,
                signal,
                follow_up,
                ..
            } => {
                if flow.set.id != PLAN_SET {
                    return Err(other_set(PLAN_SET, &flow.set));
                }
                let (_, sections) = plan_sections(&flow.set, &record.body);
                for (i, text) in sections {
                    flow.values[i] = text;
                }
                flow.set_value("with-whom", with.join(", "));
                flow.set_value("expect", expectation.clone());
                flow.set_value("signal", signal.clone());
                if flow.value_of("try").is_empty() {
                    flow.set_value("try", record.title.clone());
                }
                if let Some(date) = follow_up {
                    // Words like "tomorrow" meant the day it was planned: the date it was read
                    // as goes first, so saving again keeps it.
                    let said = flow.value_of(LOOK_BACK);
                    let iso = date.to_string();
                    if !(said.contains(&iso) && find_date(&said, *date) == Some(*date)) {
                        let joined = if said.is_empty() {
                            iso
                        } else {
                            format!("{iso}, {said}")
                        };
                        flow.set_value(LOOK_BACK, joined);
                    }
                }
            }
            Content::Note | Content::Cycle { .. } => return Err(EditError::NotAnswers),
        }
        flow.step = Step::Review;
        Ok(flow)
    }

    /// Whether this is an edit of `record` whose answers are still as they were opened.
    pub fn edits_nothing(&self, record: &Record) -> bool {
        self.purpose == (Purpose::Edit { record: record.id })
            && Flow::editing(self.set.clone(), record, self.started)
                .is_ok_and(|f| f.values == self.values && f.whys == self.whys)
    }

    /// Sets the value of question `id`, if the set has it.
    fn set_value(&mut self, id: &str, value: String) {
        if let Some(i) = self.set.questions.iter().position(|q| q.id == id) {
            self.values[i] = value;
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
            revising: draft.revising && step != Step::Review,
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
            revising: self.revising,
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
    /// option that does not exist, a look-back date praxis cannot read). An empty answer is
    /// fine here; the review page reports it.
    pub fn current_problem(&self, lang: Language, today: NaiveDate) -> Option<Problem> {
        let i = self.index()?;
        let value = self.values[i].trim();
        if value.is_empty() {
            return None;
        }
        if self.date_question() == Some(i) {
            return self.look_back(today).err();
        }
        let q = &self.set.questions[i];
        let given = vec![(q.id.clone(), value.to_string())];
        let mut one = self.set.clone();
        one.questions = vec![q.clone()];
        build_answers(&one, &given, &[], lang)
            .err()
            .map(Problem::Answer)
    }

    /// Moves to the next question, or to the review after the last (or after the one answer
    /// being changed from the review).
    pub fn next(&mut self) {
        self.step = match self.step {
            Step::Question(i) if i + 1 < self.len() && !self.revising => Step::Question(i + 1),
            _ => Step::Review,
        };
        if self.step == Step::Review {
            self.revising = false;
        }
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

    /// Goes from the review page to question `i` to change it; the next step returns to the
    /// review.
    pub fn revise(&mut self, i: usize) {
        if i < self.len() {
            self.step = Step::Question(i);
            self.revising = true;
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

    /// The question whose answer is a date: a plan's look-back.
    pub fn date_question(&self) -> Option<usize> {
        if self.set.id != PLAN_SET {
            return None;
        }
        self.set.questions.iter().position(|q| q.id == LOOK_BACK)
    }

    /// The look-back date of a plan: the first date in the look-back answer ("2026-12-07 with
    /// the team", "tomorrow"); two weeks from today when the answer is left out. An answer
    /// with no date praxis can read is refused, never replaced by a guess.
    pub fn look_back(&self, today: NaiveDate) -> Result<NaiveDate, Problem> {
        let default = today + Days::new(DEFAULT_LOOK_BACK_DAYS);
        let Some(i) = self.date_question() else {
            return Ok(default);
        };
        let given = self.values[i].trim();
        if given.is_empty() {
            return Ok(default);
        }
        find_date(given, today).ok_or_else(|| Problem::NoDate {
            question: i,
            given: given.to_string(),
        })
    }

    /// An experiment's text: the plan's answers that are not its fields, under their questions.
    fn plan_body(&self, lang: Language) -> String {
        let mut body = Vec::new();
        for q in &self.set.questions {
            let v = self.value_of(&q.id);
            if !v.is_empty() && !PLAN_FIELDS.contains(&q.id.as_str()) {
                body.push(format!("{}\n{}", q.text.get(lang), v));
            }
        }
        body.join("\n\n")
    }

    /// What the finished flow saves: a new record, and a changed one. `changes` is the record
    /// the flow changes: the experiment whose outcome is logged, the record whose answers are
    /// edited.
    pub fn finish(
        &self,
        author: JournalId,
        title: &str,
        now: DateTime<Utc>,
        today: NaiveDate,
        lang: Language,
        changes: Option<&Record>,
    ) -> Result<Finished, FinishError> {
        let answers = self.answers(lang)?;
        let one = |r| Finished {
            new: Some(r),
            changed: None,
        };
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
            Purpose::Comment { .. } => one(reflection(None, None)),
            Purpose::Reflection { cycle, experiment } => one(reflection(*cycle, *experiment)),
            Purpose::Note => {
                let mut r = Record::new(author, now, Content::Note);
                r.title = self.value_of(NOTE_TITLE);
                r.body = self.value_of(NOTE_TEXT);
                one(r)
            }
            Purpose::Edit { record: id } => {
                let original = changes.filter(|r| r.id == *id).ok_or(FinishError::Gone)?;
                self.edited(original, answers.clone(), now, today, lang)?
            }
            Purpose::ConcludeCycle { cycle: id } => {
                let new = reflection(Some(*id), None);
                let changed = changes
                    .filter(|c| c.id == *id)
                    .map(|c| {
                        let mut c = c.clone();
                        if let Content::Cycle {
                            status, closing, ..
                        } = &mut c.content
                        {
                            *status = crate::record::CycleStatus::Concluded;
                            *closing = Some(new.id);
                        }
                        c.touch(now).map(|()| c)
                    })
                    .transpose()?;
                Finished {
                    new: Some(new),
                    changed,
                }
            }
            Purpose::PlanExperiment { cycle, from } => {
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
                        follow_up: Some(self.look_back(today)?),
                        status: ExperimentStatus::Planned,
                        outcome: None,
                        from: *from,
                        closed: None,
                        signal_met: None,
                    },
                );
                r.title = first_line(&try_text, 72);
                r.body = self.plan_body(lang);
                one(r)
            }
            Purpose::LogOutcome {
                experiment: id,
                status,
            } => {
                let changed = changes.filter(|e| e.id == *id).map(|e| {
                    let mut e = e.clone();
                    e.touch(now)?;
                    if let Content::Experiment {
                        status: s,
                        outcome,
                        closed,
                        signal_met,
                        ..
                    } = &mut e.content
                    {
                        *closed = crate::cycle::closing_time(*s, *status, *closed, now);
                        *s = *status;
                        let happened = self.value_of("happened");
                        *outcome = Some(happened).filter(|h| !h.is_empty());
                        let met = self.value_of(SIGNAL_SHOWED).parse().ok();
                        if met.is_some() {
                            *signal_met = met;
                        }
                    }
                    Ok::<_, HighestRevision>(e)
                });
                let changed = changed.transpose()?;
                let cycle = changes.and_then(|e| e.cycle());
                Finished {
                    new: Some(reflection(cycle, Some(*id))),
                    changed,
                }
            }
        })
    }

    /// The saved record with this flow's answers in place of its old ones; nothing to save when
    /// no answer changed.
    fn edited(
        &self,
        original: &Record,
        answers: Vec<Answer>,
        now: DateTime<Utc>,
        today: NaiveDate,
        lang: Language,
    ) -> Result<Finished, FinishError> {
        let mut r = original.clone();
        match &mut r.content {
            Content::Reflection { answers: old, .. } => {
                // Answers to questions the set no longer has are kept, after the others.
                let gone = old
                    .iter()
                    .filter(|a| self.set.question(&a.question).is_none())
                    .cloned();
                let mut new = answers;
                new.extend(gone);
                *old = new;
            }
            Content::Experiment {
                with,
                expectation,
                signal,
                follow_up,
                ..
            } => {
                *with = Some(self.value_of("with-whom"))
                    .filter(|w| !w.is_empty())
                    .into_iter()
                    .collect();
                *expectation = self.value_of("expect");
                *signal = self.value_of("signal");
                *follow_up = Some(self.look_back(today)?);
                let before = Flow::editing(self.set.clone(), original, self.started)
                    .map_err(|_| FinishError::Gone)?;
                // A title changed by hand is kept; one made from the answer follows it.
                if original.title == first_line(&before.value_of("try"), 72) {
                    r.title = first_line(&self.value_of("try"), 72);
                }
                let (rest, _) = plan_sections(&self.set, &original.body);
                let body = self.plan_body(lang);
                r.body = [rest, body]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n\n");
            }
            Content::Note | Content::Cycle { .. } => return Err(FinishError::Gone),
        }
        if r == *original {
            return Ok(Finished {
                new: None,
                changed: None,
            });
        }
        r.touch(now)?;
        Ok(Finished {
            new: None,
            changed: Some(r),
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

/// Why an answer cannot be taken as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// It does not fit its question.
    #[error(transparent)]
    Answer(#[from] AnswerError),
    /// The look-back answer holds no date praxis can read.
    #[error(
        "cannot read a date in '{given}': write it like 2026-12-01, today, tomorrow, +3d or +2w"
    )]
    NoDate {
        /// The question's index.
        question: usize,
        /// The answer as typed.
        given: String,
    },
}

/// Why a saved record's answers cannot be opened in a flow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// Only reflections and experiments have answers.
    #[error("only a reflection's or an experiment's answers open in a flow")]
    NotAnswers,
    /// The record was answered with another prompt set.
    #[error("the record was answered with the set '{record}', not '{set}'")]
    OtherSet {
        /// The record's set.
        record: String,
        /// The set given.
        set: String,
    },
}

/// Why a finished flow cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FinishError {
    /// The answers do not fit the set.
    #[error(transparent)]
    Answers(#[from] AnswerError),
    /// The look-back answer holds no date praxis can read.
    #[error(transparent)]
    Problem(Problem),
    /// The experiment whose outcome is logged, or the record edited, cannot take another edit.
    #[error(transparent)]
    Revision(#[from] HighestRevision),
    /// The record whose answers were edited is not there (or has no answers).
    #[error("the record being edited is gone")]
    Gone,
}

impl From<Problem> for FinishError {
    fn from(p: Problem) -> FinishError {
        match p {
            Problem::Answer(e) => FinishError::Answers(e),
            p => FinishError::Problem(p),
        }
    }
}

/// What a finished flow writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    /// The new record (a reflection, an experiment or a note), if the flow makes one.
    pub new: Option<Record>,
    /// A changed record (the experiment whose outcome was logged, the record edited).
    pub changed: Option<Record>,
}

/// A plan's text split back into its answers: the text before the first question (written by
/// hand), and each answer after its question (as [`Flow::plan_body`] wrote it, in either
/// language), by question index.
fn plan_sections(set: &PromptSet, body: &str) -> (String, Vec<(usize, String)>) {
    let header = |line: &str| {
        let line = line.trim();
        set.questions.iter().position(|q| {
            !PLAN_FIELDS.contains(&q.id.as_str())
                && !line.is_empty()
                && (q.text.en == line || q.text.da == line)
        })
    };
    let mut rest = Vec::new();
    let mut sections: Vec<(usize, Vec<&str>)> = Vec::new();
    for line in body.lines() {
        match (header(line), sections.last_mut()) {
            (Some(i), _) => sections.push((i, Vec::new())),
            (None, Some((_, lines))) => lines.push(line),
            (None, None) => rest.push(line),
        }
    }
    let text = |lines: &[&str]| lines.join("\n").trim().to_string();
    (
        text(&rest),
        sections
            .into_iter()
            .map(|(i, lines)| (i, text(&lines)))
            .collect(),
    )
}

/// The first non-empty line of `text`, cut to `max_chars` with "…": a title made from an answer.
pub fn first_line(text: &str, max_chars: usize) -> String {
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
