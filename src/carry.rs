//! Carry forward: a saved reflection's next step (Kolb's "what will you try", Gibbs' action plan,
//! the review's "next time", Schön's "could have", the check-in's "try tomorrow", the weekly
//! carry…) becomes the next experiment's plan, linked back to where it came from; "adjust" in an
//! after-action review plans the follow-up of the experiment it reviewed. And yesterday's "try
//! tomorrow", for today's check-in to ask about.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::dates::local_day;
use crate::flow::{DAILY_CHECKIN, Flow, Purpose, REVIEW_SET, SUM_UP};
use crate::prompts::{Library, PromptSet};
use crate::record::{Content, Kind, Record, RecordId};
use crate::store::{Journal, StoreError};

/// A plan carried forward: what the plan-an-experiment flow starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Carried {
    /// What the flow is for: a new experiment in the reflection's cycle, `from` the reflection
    /// (or, for an "adjust", from the experiment reviewed).
    pub purpose: Purpose,
    /// The plan's answers filled in, by the plan set's question ids (`try`, and for an adjust
    /// also `with-whom`, `expect`, `signal`).
    pub values: Vec<(String, String)>,
    /// The question of the reflection the next step was answered to.
    pub question: String,
    /// The next step as written.
    pub text: String,
    /// Whether this is the follow-up of an experiment the review said to adjust.
    pub adjusts: bool,
}

impl Carried {
    /// The plan-an-experiment flow over `plan` (the library's plan set), filled in.
    pub fn into_flow(self, plan: PromptSet, now: chrono::DateTime<chrono::Utc>) -> Flow {
        Flow::prefilled(plan, self.purpose, now, &self.values)
    }

    /// The link the new experiment gets.
    pub fn from(&self) -> Option<RecordId> {
        match self.purpose {
            Purpose::PlanExperiment { from, .. } => from,
            _ => None,
        }
    }
}

/// The next step of `reflection` (answered with `set`) as a plan, or `None` when the reflection
/// answered no question that carries (`carries = "experiment"` in the set's file). When it is
/// an after-action review that chose "adjust", `experiment` (the one reviewed, if the caller has
/// it) is what the follow-up is planned from: its plan is filled in and the link goes to it.
pub fn carry_forward(
    reflection: &Record,
    set: &PromptSet,
    experiment: Option<&Record>,
) -> Option<Carried> {
    let Content::Reflection {
        answers,
        cycle,
        experiment: about,
        ..
    } = &reflection.content
    else {
        return None;
    };
    let (question, text) = set.carrying().find_map(|q| {
        answers
            .iter()
            .find(|a| a.question == q.id)
            .map(|a| a.value.to_text().trim().to_string())
            .filter(|t| !t.is_empty())
            .map(|t| (q.id.clone(), t))
    })?;
    let adjusted = (set.id == REVIEW_SET)
        .then(|| answers.iter().find(|a| a.question == SUM_UP))
        .flatten()
        .is_some_and(|a| a.value.to_text() == "adjust");
    let reviewed = experiment.filter(|e| Some(e.id) == *about && e.kind() == Kind::Experiment);
    let mut values = vec![("try".to_string(), text.clone())];
    let (from, cycle, adjusts) = match reviewed {
        Some(e) if adjusted => {
            if let Content::Experiment {
                with,
                expectation,
                signal,
                ..
            } = &e.content
            {
                values.push(("with-whom".into(), with.join(", ")));
                values.push(("expect".into(), expectation.clone()));
                values.push(("signal".into(), signal.clone()));
            }
            (e.id, e.cycle().or(*cycle), true)
        }
        _ => (reflection.id, *cycle, false),
    };
    values.retain(|(_, v)| !v.trim().is_empty());
    Some(Carried {
        purpose: Purpose::PlanExperiment {
            cycle,
            from: Some(from),
        },
        values,
        question,
        text,
        adjusts,
    })
}

/// Why a reflection cannot be carried forward.
#[derive(Debug, thiserror::Error)]
pub enum CarryError {
    /// The journal failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The record is not a reflection of this journal.
    #[error("only a reflection's next step can be carried forward; that is a {0}")]
    NotAReflection(&'static str),
    /// Its prompt set is not in the library.
    #[error("the reflection's prompt set '{0}' is not in your library")]
    NoSet(String),
    /// No question of it carries, or the ones that do were not answered.
    #[error(
        "the reflection has no next step to carry forward (its set '{0}' asks none, or it was left out)"
    )]
    NoNextStep(String),
}

/// [`carry_forward`] for the record `id` of `journal`, looking up its set and the experiment it
/// reviewed.
pub fn carry_forward_in(
    journal: &Journal,
    library: &Library,
    id: RecordId,
) -> Result<Carried, CarryError> {
    let record = journal.get(id)?.ok_or(StoreError::NotFound {
        prefix: id.to_string(),
    })?;
    let Content::Reflection {
        set, experiment, ..
    } = &record.content
    else {
        return Err(CarryError::NotAReflection(record.kind().as_str()));
    };
    let prompt_set = library
        .get(set)
        .ok_or_else(|| CarryError::NoSet(set.clone()))?;
    let reviewed = match experiment {
        Some(e) => journal.get(*e)?,
        None => None,
    };
    carry_forward(&record, prompt_set, reviewed.as_ref())
        .ok_or_else(|| CarryError::NoNextStep(set.clone()))
}

/// What the follow-up of an experiment starts with when planned from the experiment itself
/// (v1 → v2): its plan filled in, linked to it, in its cycle.
pub fn follow_up_of(experiment: &Record) -> Option<Carried> {
    let Content::Experiment {
        with,
        expectation,
        signal,
        cycle,
        ..
    } = &experiment.content
    else {
        return None;
    };
    let title = experiment.display_title();
    let mut values = vec![
        ("try".to_string(), title.clone()),
        ("with-whom".to_string(), with.join(", ")),
        ("expect".to_string(), expectation.clone()),
        ("signal".to_string(), signal.clone()),
    ];
    values.retain(|(_, v)| !v.trim().is_empty());
    Some(Carried {
        purpose: Purpose::PlanExperiment {
            cycle: *cycle,
            from: Some(experiment.id),
        },
        values,
        question: String::new(),
        text: title,
        adjusts: true,
    })
}

/// What the user meant to try: the "try tomorrow" of their latest check-in before today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeantToTry {
    /// The check-in it was written in.
    pub reflection: RecordId,
    /// The day of that check-in.
    pub day: NaiveDate,
    /// What they meant to try.
    pub text: String,
}

/// How far back a check-in's "try tomorrow" is still asked about: over a long weekend.
pub const MEANT_TO_TRY_DAYS: u64 = 4;

/// The "try tomorrow" of the newest daily check-in written before `today` (and no more than
/// [`MEANT_TO_TRY_DAYS`] before it, so a Monday asks about Friday's), among `records`; `None`
/// when there is none, or it said nothing to try. Today's check-in shows it: "You meant to…
/// did you?"
pub fn meant_to_try<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    set: &PromptSet,
    today: NaiveDate,
) -> Option<MeantToTry> {
    let oldest = today.checked_sub_days(Days::new(MEANT_TO_TRY_DAYS))?;
    let newest = records
        .into_iter()
        .filter(|r| matches!(&r.content, Content::Reflection { set, .. } if set == DAILY_CHECKIN))
        .filter(|r| {
            let day = local_day(r.created);
            day < today && day >= oldest
        })
        .max_by_key(|r| r.created)?;
    let carried = carry_forward(newest, set, None)?;
    Some(MeantToTry {
        reflection: newest.id,
        day: local_day(newest.created),
        text: carried.text,
    })
}

/// [`meant_to_try`] read from the journal (its reflections of the last few days).
pub fn meant_to_try_in(
    journal: &Journal,
    library: &Library,
    today: NaiveDate,
) -> Result<Option<MeantToTry>, StoreError> {
    let Some(set) = library.get(DAILY_CHECKIN) else {
        return Ok(None);
    };
    let recent = journal.list(&crate::filter::Filter {
        kind: Some(Kind::Reflection),
        since: today.checked_sub_days(Days::new(MEANT_TO_TRY_DAYS)),
        ..Default::default()
    })?;
    Ok(meant_to_try(&recent, set, today))
}

#[cfg(test)]
mod tests;
