//! What the home screen and `praxis` (without a command) show: today's check-in, the rhythm
//! kept, the experiments due for a look back, the active cycles with where each stands in the
//! loop (and the reflections they owe), and the concluded ones. Read through the journal's
//! indexes, so it costs the same for a journal of any size (but for the rhythm, which walks
//! back as far as it runs).

use chrono::NaiveDate;

use crate::cycle::{LoopState, loop_state};
use crate::flow::DAILY_CHECKIN;
use crate::prompts::Phase;
use crate::query::Filter;
use crate::record::{Content, CycleStatus, Kind, Record};
use crate::rhythm::{RhythmRun, rhythm_run};
use crate::store::{Journal, StoreError};

/// An active cycle, as home lists it.
#[derive(Debug, Clone)]
pub struct CycleSummary {
    /// The cycle.
    pub record: Record,
    /// Where it stands.
    pub phase: Phase,
    /// How many experiments it has.
    pub experiments: usize,
    /// How many reflections it has.
    pub reflections: usize,
    /// Where it stands in the loop, with the reflections owed on closed experiments.
    pub state: LoopState,
}

/// What home shows.
#[derive(Debug, Clone, Default)]
pub struct Home {
    /// Whether today's check-in is done.
    pub checked_in: bool,
    /// How many units of the rhythm in a row were kept (days, or weeks for N a week).
    pub streak: u32,
    /// The rhythm the user set, and how it stands.
    pub rhythm: Option<RhythmRun>,
    /// Open experiments whose look-back date has come.
    pub due: Vec<Record>,
    /// Active cycles, newest first.
    pub cycles: Vec<CycleSummary>,
    /// Concluded cycles, newest first (at most as many as active ones are asked for).
    pub concluded: Vec<Record>,
    /// Whether the journal holds no record of its own.
    pub empty: bool,
}

/// Reads home as of `today`, with at most `max_cycles` active cycles.
pub fn read(journal: &Journal, today: NaiveDate, max_cycles: usize) -> Result<Home, StoreError> {
    let checkins = journal.list(&Filter {
        kind: Some(Kind::Reflection),
        since: Some(today),
        ..Filter::default()
    })?;
    let checked_in = checkins.iter().any(|r| {
        crate::dates::local_day(r.created) == today
            && matches!(&r.content, Content::Reflection { set, .. } if set == DAILY_CHECKIN)
    });
    let days = journal
        .creation_times_newest_first()
        .map(crate::dates::local_day);
    let rhythm = rhythm_run(days, today, journal.meta().rhythm);
    let streak = rhythm.run;
    let due = journal.due_experiments(today)?;
    let (active, done): (Vec<Record>, Vec<Record>) = journal
        .list(&Filter {
            kind: Some(Kind::Cycle),
            ..Filter::default()
        })?
        .into_iter()
        .partition(|c| {
            matches!(
                c.content,
                Content::Cycle {
                    status: CycleStatus::Active,
                    ..
                }
            )
        });
    let mut cycles = Vec::new();
    for cycle in active.into_iter().take(max_cycles) {
        let experiments: Vec<Record> = journal
            .linked_of_kind(cycle.id, Kind::Experiment)?
            .into_iter()
            .filter_map(|id| journal.get(id).transpose())
            .collect::<Result<_, _>>()?;
        let reflections = journal.linked_of_kind(cycle.id, Kind::Reflection)?;
        // Only reflections written since the earliest closing count for what is owed: read
        // back from the newest until one is older than that.
        let earliest = experiments.iter().filter_map(Record::closed_at).min();
        let mut recent = Vec::new();
        if let Some(earliest) = earliest {
            for id in reflections.iter().rev() {
                match journal.get(*id)? {
                    Some(r) if r.created > earliest => recent.push(r),
                    Some(_) => break,
                    None => {}
                }
            }
        }
        let members: Vec<&Record> = experiments.iter().chain(&recent).collect();
        let state = loop_state(Some(&cycle), &members, today);
        cycles.push(CycleSummary {
            phase: state.phase,
            experiments: experiments.len(),
            reflections: reflections.len(),
            state,
            record: cycle,
        });
    }
    let concluded: Vec<Record> = done.into_iter().take(max_cycles).collect();
    Ok(Home {
        checked_in,
        streak,
        rhythm: Some(rhythm),
        due,
        cycles,
        concluded,
        empty: journal.is_empty(),
    })
}
