//! Where a cycle stands in the action-learning loop, and what concluding one takes: its phase
//! from its experiments' stored closing times, the reflections still owed on closed experiments,
//! and the open experiments a conclusion warns about.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::prompts::Phase;
use crate::record::{Content, CycleStatus, ExperimentStatus, Kind, Record, RecordId};
use crate::store::{Journal, StoreError};

/// Where a cycle stands, as home, `praxis today` and `praxis show` tell it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoopState {
    /// The phase of the loop the cycle is in.
    pub phase: Phase,
    /// Closed experiments with no reflection written since they closed, oldest first; shown
    /// even while another experiment is open.
    pub owed: Vec<RecordId>,
    /// Experiments planned or running.
    pub open: Vec<RecordId>,
    /// Whether the cycle is concluded.
    pub concluded: bool,
}

/// The new closing time of an experiment whose status goes from `old` to `new` at `now`:
/// set when it closes, kept while it stays closed, cleared when it is opened again.
pub fn closing_time(
    old: ExperimentStatus,
    new: ExperimentStatus,
    closed: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    match (old.is_open(), new.is_open()) {
        (_, true) => None,
        (true, false) => Some(now),
        (false, false) => closed,
    }
}

/// Whether `reflection` counts as the reflection on the closed `experiment`: written after it
/// closed (the after-action review saved with the outcome is written at the same instant, so it
/// does not count) and about it, or about the cycle as a whole.
fn reflects_on(reflection: &Record, experiment: &Record, closed: DateTime<Utc>) -> bool {
    reflection.kind() == Kind::Reflection
        && reflection.created > closed
        && reflection.experiment().is_none_or(|e| e == experiment.id)
}

/// Where a cycle stands, from its own record (concluded or not, when given) and its `members`:
/// its experiments and reflections. Phase: no experiment yet → plan; an open experiment whose
/// look-back date has come → observe; other open experiments → act; a closed experiment owing
/// a reflection → reflect; everything reflected on → review. Closing times are the stored ones
/// ([`Record::closed_at`]), so editing a closed experiment (sharing it, say) moves nothing.
pub fn loop_state(cycle: Option<&Record>, members: &[&Record], today: NaiveDate) -> LoopState {
    let concluded = cycle.is_some_and(|c| {
        matches!(
            c.content,
            Content::Cycle {
                status: CycleStatus::Concluded,
                ..
            }
        )
    });
    let mut experiments: Vec<&Record> = members
        .iter()
        .copied()
        .filter(|r| r.kind() == Kind::Experiment)
        .collect();
    experiments.sort_by_key(|r| r.id);
    let open: Vec<&Record> = experiments
        .iter()
        .copied()
        .filter(|r| r.closed_at().is_none())
        .collect();
    let mut owed: Vec<(DateTime<Utc>, RecordId)> = experiments
        .iter()
        .filter_map(|e| e.closed_at().map(|at| (e, at)))
        .filter(|(e, at)| !members.iter().any(|r| reflects_on(r, e, *at)))
        .map(|(e, at)| (at, e.id))
        .collect();
    owed.sort();
    let due = open.iter().any(
        |r| matches!(&r.content, Content::Experiment { follow_up: Some(d), .. } if *d <= today),
    );
    let phase = if concluded {
        Phase::Review
    } else if experiments.is_empty() {
        Phase::Plan
    } else if due {
        Phase::Observe
    } else if !open.is_empty() {
        Phase::Act
    } else if !owed.is_empty() {
        Phase::Reflect
    } else {
        Phase::Review
    };
    LoopState {
        phase,
        owed: owed.into_iter().map(|(_, id)| id).collect(),
        open: open.iter().map(|r| r.id).collect(),
        concluded,
    }
}

/// The records that belong to `cycle`: its experiments and reflections, oldest first.
pub fn members(journal: &Journal, cycle: RecordId) -> Result<Vec<Record>, StoreError> {
    journal
        .linked_to(cycle)?
        .into_iter()
        .filter_map(|id| journal.get(id).transpose())
        .filter(|r| {
            r.as_ref().map_or(true, |r| {
                matches!(r.kind(), Kind::Experiment | Kind::Reflection)
            })
        })
        .collect()
}

/// Where the cycle `cycle` stands as of `today`, read from the journal.
pub fn read_state(
    journal: &Journal,
    cycle: &Record,
    today: NaiveDate,
) -> Result<LoopState, StoreError> {
    let members = members(journal, cycle.id)?;
    let refs: Vec<&Record> = members.iter().collect();
    Ok(loop_state(Some(cycle), &refs, today))
}

/// The cycle's experiments still planned or running: concluding the cycle warns about them
/// (log their outcome first, or conclude anyway).
pub fn open_experiments(journal: &Journal, cycle: RecordId) -> Result<Vec<Record>, StoreError> {
    Ok(members(journal, cycle)?
        .into_iter()
        .filter(|r| r.kind() == Kind::Experiment && r.closed_at().is_none())
        .collect())
}

/// Whether a cycle record is concluded.
pub fn is_concluded(cycle: &Record) -> bool {
    matches!(
        cycle.content,
        Content::Cycle {
            status: CycleStatus::Concluded,
            ..
        }
    )
}

#[cfg(test)]
mod tests;
