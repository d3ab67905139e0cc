//! What the home screen and `praxis` (without a command) show: today's check-in, the streak,
//! the experiments due for a look back, and the active cycles with where each stands. Read
//! through the journal's indexes, so it costs the same for a journal of any size (but for the
//! streak, which walks back as far as it runs).

use chrono::NaiveDate;

use crate::flow::DAILY_CHECKIN;
use crate::prompts::Phase;
use crate::query::{Filter, cycle_phase};
use crate::record::{Content, CycleStatus, Kind, Record};
use crate::stats::streak_newest_first;
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
}

/// What home shows.
#[derive(Debug, Clone, Default)]
pub struct Home {
    /// Whether today's check-in is done.
    pub checked_in: bool,
    /// Days in a row with a record.
    pub streak: u32,
    /// Open experiments whose look-back date has come.
    pub due: Vec<Record>,
    /// Active cycles, newest first.
    pub cycles: Vec<CycleSummary>,
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
    let streak = streak_newest_first(days, today);
    let due = journal.due_experiments(today)?;
    let active = journal
        .list(&Filter {
            kind: Some(Kind::Cycle),
            ..Filter::default()
        })?
        .into_iter()
        .filter(|c| {
            matches!(
                c.content,
                Content::Cycle {
                    status: CycleStatus::Active,
                    ..
                }
            )
        })
        .take(max_cycles);
    let mut cycles = Vec::new();
    for cycle in active {
        // A cycle's phase needs its experiments and only its newest reflection.
        let experiments: Vec<Record> = journal
            .linked_of_kind(cycle.id, Kind::Experiment)?
            .into_iter()
            .filter_map(|id| journal.get(id).transpose())
            .collect::<Result<_, _>>()?;
        let reflections = journal.linked_of_kind(cycle.id, Kind::Reflection)?;
        let newest = match reflections.last() {
            Some(id) => journal.get(*id)?,
            None => None,
        };
        let members: Vec<&Record> = experiments.iter().chain(newest.as_ref()).collect();
        cycles.push(CycleSummary {
            phase: cycle_phase(&members, today),
            experiments: experiments.len(),
            reflections: reflections.len(),
            record: cycle,
        });
    }
    Ok(Home {
        checked_in,
        streak,
        due,
        cycles,
        empty: journal.is_empty(),
    })
}
