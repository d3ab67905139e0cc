//! Rhythm and reminders: the rhythm of reflection the user sets (daily, working days, N a week)
//! and how long it has been kept; the prompt sets whose cadence has come round; the success-case
//! follow-ups a "keep" schedules at 30, 60 and 90 days; and all of it as an iCalendar file.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};
use serde::Serialize;

use crate::dates::local_day;
use crate::flow::{REVIEW_SET, SUCCESS_SET, SUM_UP};
use crate::prompts::{Cadence, Library};
use crate::record::{Content, Kind, Record, RecordId};
use crate::store::{Journal, StoreError};

pub use crate::journal::Rhythm;

/// Monday to Friday.
pub fn is_working_day(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// How the rhythm stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RhythmRun {
    /// The rhythm.
    pub rhythm: Rhythm,
    /// How many of its units in a row were kept: days (daily, working days) or weeks (N a week),
    /// ending today or this week, or the one before while today or this week is still open.
    pub run: u32,
    /// Whether `run` counts weeks.
    pub in_weeks: bool,
    /// Whether today (daily, working days) or this week (N a week) is already kept.
    pub kept_now: bool,
    /// Days with a record this week, Monday to today.
    pub this_week: u32,
}

/// A day's place in the rhythm's units: a day number, a working-day number (weekends have none),
/// or a week number.
fn unit_of(rhythm: Rhythm, day: NaiveDate) -> Option<i64> {
    let n = i64::from(day.num_days_from_ce());
    let wd = i64::from(day.weekday().num_days_from_monday());
    let week = (n - wd).div_euclid(7);
    match rhythm {
        Rhythm::Daily => Some(n),
        Rhythm::WorkingDays => (wd < 5).then_some(week * 5 + wd),
        Rhythm::PerWeek(_) => Some(week),
    }
}

/// The unit today falls in: on a weekend, a working-days rhythm is still at Friday.
fn current_unit(rhythm: Rhythm, today: NaiveDate) -> i64 {
    match rhythm {
        Rhythm::WorkingDays if !is_working_day(today) => {
            let back = u64::from(today.weekday().num_days_from_monday() - 4);
            unit_of(rhythm, today - Days::new(back)).unwrap_or_default()
        }
        _ => unit_of(rhythm, today).unwrap_or_default(),
    }
}

/// How long `rhythm` has been kept, from the days with a record given newest first (as the
/// journal's ids are stored; days may repeat); reads no further back than the run goes.
pub fn rhythm_run(
    days_newest_first: impl IntoIterator<Item = NaiveDate>,
    today: NaiveDate,
    rhythm: Rhythm,
) -> RhythmRun {
    let current = current_unit(rhythm, today);
    let week_start = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    let need = match rhythm {
        Rhythm::PerWeek(n) => u32::from(n),
        _ => 1,
    };
    let mut this_week = 0;
    let mut last_day = None;
    // Units newest first, each with how many distinct days it had.
    let mut counts: Vec<(i64, u32)> = Vec::new();
    let mut run = 0;
    let mut kept_now = false;
    let mut wanted: Option<i64> = None;
    let mut settle = |unit: i64, count: u32, wanted: &mut Option<i64>, run: &mut u32| -> bool {
        // Returns false once the run is over.
        let kept = count >= need;
        match *wanted {
            None if unit > current => true,
            None if unit == current && kept => {
                kept_now = true;
                *run = 1;
                *wanted = Some(unit - 1);
                true
            }
            None if unit == current => {
                *wanted = Some(unit - 1);
                true
            }
            None if unit == current - 1 && kept => {
                *run = 1;
                *wanted = Some(unit - 1);
                true
            }
            None => false,
            Some(w) if unit == w && kept => {
                *run += 1;
                *wanted = Some(unit - 1);
                true
            }
            Some(w) if unit > w => true,
            Some(_) => false,
        }
    };
    for day in days_newest_first {
        if day > today || last_day == Some(day) {
            continue;
        }
        last_day = Some(day);
        if day >= week_start {
            this_week += 1;
        }
        let Some(unit) = unit_of(rhythm, day) else {
            continue;
        };
        match counts.last_mut() {
            Some((u, n)) if *u == unit => *n += 1,
            _ => {
                if let Some((u, n)) = counts.pop()
                    && !settle(u, n, &mut wanted, &mut run)
                {
                    counts.clear();
                    break;
                }
                counts.push((unit, 1));
            }
        }
        if let Some(w) = wanted
            && unit < w
        {
            // A gap: nothing older can continue the run.
            counts.clear();
            break;
        }
    }
    if let Some((u, n)) = counts.pop() {
        settle(u, n, &mut wanted, &mut run);
    }
    if wanted.is_none() && !kept_now {
        run = 0;
    }
    RhythmRun {
        rhythm,
        run,
        in_weeks: matches!(rhythm, Rhythm::PerWeek(_)),
        kept_now,
        this_week,
    }
}

/// A prompt set whose cadence has come round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueSet {
    /// The set's id.
    pub set: String,
    /// Its cadence.
    pub cadence: Cadence,
    /// When it was last used, if in the weeks read.
    pub last: Option<NaiveDate>,
    /// For a set used after an experiment: the closed experiments still without one.
    pub experiments: Vec<RecordId>,
}

/// How far back the cadence of a weekly set is read: a set used in these days and not in the
/// last seven is due; one not used for longer is no longer nudged.
pub const WEEKLY_MEMORY_DAYS: u64 = 35;

/// The sets of `library` that are due `today`: a daily set not used today (on a day the rhythm
/// asks for), a weekly set used in the last five weeks but not in the last seven days, a set
/// used after an experiment while a closed experiment has none (`unreviewed`). `last_used` has
/// each set's newest day of use.
pub fn due_sets(
    library: &Library,
    last_used: &BTreeMap<String, NaiveDate>,
    unreviewed: &[RecordId],
    today: NaiveDate,
    rhythm: Rhythm,
) -> Vec<DueSet> {
    let week_ago = today - Days::new(7);
    let memory = today - Days::new(WEEKLY_MEMORY_DAYS);
    library
        .sets()
        .iter()
        .filter_map(|s| {
            let cadence = s.cadence?;
            let last = last_used.get(&s.id).copied();
            let due = match cadence {
                Cadence::Daily => {
                    (rhythm.asks_on(today) || matches!(rhythm, Rhythm::PerWeek(_)))
                        && last != Some(today)
                }
                Cadence::Weekly => last.is_some_and(|d| d <= week_ago && d > memory),
                Cadence::AfterExperiment => !unreviewed.is_empty(),
            };
            due.then(|| DueSet {
                set: s.id.clone(),
                cadence,
                last,
                experiments: if cadence == Cadence::AfterExperiment {
                    unreviewed.to_vec()
                } else {
                    Vec::new()
                },
            })
        })
        .collect()
}

/// The days after a "keep" on which a success-case follow-up is due.
pub const SUCCESS_DAYS: [u32; 3] = [30, 60, 90];

/// One success-case follow-up scheduled by a "keep" in an after-action review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// The experiment that is kept.
    pub experiment: RecordId,
    /// The review that said "keep".
    pub review: RecordId,
    /// 30, 60 or 90.
    pub days: u32,
    /// The day it is due.
    pub date: NaiveDate,
    /// Whether a success-case follow-up for these days has been written.
    pub done: bool,
}

/// The success-case follow-ups `reflections` schedule: for each after-action review about an
/// experiment that chose "keep", one at 30, 60 and 90 days after it (the newest "keep" of an
/// experiment counts); each done once a success-case reflection on that experiment answered
/// those days. Earliest first.
pub fn success_follow_ups<'a>(reflections: impl IntoIterator<Item = &'a Record>) -> Vec<FollowUp> {
    let mut keeps: BTreeMap<RecordId, (&Record, NaiveDate)> = BTreeMap::new();
    let mut written: Vec<(RecordId, String)> = Vec::new();
    for r in reflections {
        let Content::Reflection {
            set,
            experiment: Some(e),
            answers,
            ..
        } = &r.content
        else {
            continue;
        };
        let answer = |q: &str| {
            answers
                .iter()
                .find(|a| a.question == q)
                .map(|a| a.value.to_text())
        };
        if set == REVIEW_SET && answer(SUM_UP).as_deref() == Some("keep") {
            let day = local_day(r.created);
            match keeps.get(e) {
                Some((old, _)) if old.created >= r.created => {}
                _ => {
                    keeps.insert(*e, (r, day));
                }
            }
        } else if set == SUCCESS_SET
            && let Some(days) = answer("days")
        {
            written.push((*e, days));
        }
    }
    let mut out: Vec<FollowUp> = keeps
        .into_iter()
        .flat_map(|(e, (review, day))| {
            let written = &written;
            SUCCESS_DAYS.iter().map(move |n| FollowUp {
                experiment: e,
                review: review.id,
                days: *n,
                date: day + Days::new(u64::from(*n)),
                done: written
                    .iter()
                    .any(|(we, d)| *we == e && *d == n.to_string()),
            })
        })
        .collect();
    out.sort_by_key(|f| (f.date, f.experiment, f.days));
    out
}

/// What is due today, for home and `praxis due`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Due {
    /// Open experiments whose look-back date has come, earliest first.
    pub experiments: Vec<Record>,
    /// Success-case follow-ups whose day has come and that are not written yet.
    pub follow_ups: Vec<FollowUp>,
    /// Prompt sets whose cadence has come round.
    pub sets: Vec<DueSet>,
}

impl Due {
    /// Whether anything at all is due.
    pub fn is_empty(&self) -> bool {
        self.experiments.is_empty() && self.follow_ups.is_empty() && self.sets.is_empty()
    }
}

/// Reads what is due `today` from the journal: the due index, and the reflections of the last
/// hundred days (enough for every 90-day follow-up and every cadence).
pub fn read_due(journal: &Journal, library: &Library, today: NaiveDate) -> Result<Due, StoreError> {
    let experiments = journal.due_experiments(today)?;
    let recent = recent_reflections(journal, today)?;
    let follow_ups = success_follow_ups(&recent)
        .into_iter()
        .filter(|f| !f.done && f.date <= today)
        .collect();
    let mut last_used: BTreeMap<String, NaiveDate> = BTreeMap::new();
    for r in &recent {
        if let Content::Reflection { set, .. } = &r.content {
            let day = local_day(r.created);
            let e = last_used.entry(set.clone()).or_insert(day);
            *e = (*e).max(day);
        }
    }
    let unreviewed = unreviewed_experiments(journal, &recent, today)?;
    let sets = due_sets(
        library,
        &last_used,
        &unreviewed,
        today,
        journal.meta().rhythm,
    );
    Ok(Due {
        experiments,
        follow_ups,
        sets,
    })
}

/// The reflections of the last hundred days.
fn recent_reflections(journal: &Journal, today: NaiveDate) -> Result<Vec<Record>, StoreError> {
    journal.list(&crate::filter::Filter {
        kind: Some(Kind::Reflection),
        since: today.checked_sub_days(Days::new(100)),
        ..Default::default()
    })
}

/// Experiments closed in the last two weeks without any reflection about them.
fn unreviewed_experiments(
    journal: &Journal,
    recent: &[Record],
    today: NaiveDate,
) -> Result<Vec<RecordId>, StoreError> {
    let since = today - Days::new(14);
    let experiments = journal.list(&crate::filter::Filter {
        kind: Some(Kind::Experiment),
        since: today.checked_sub_days(Days::new(365)),
        ..Default::default()
    })?;
    Ok(experiments
        .iter()
        .filter(|e| e.closed_at().is_some_and(|at| local_day(at) >= since))
        .filter(|e| !recent.iter().any(|r| r.experiment() == Some(e.id)))
        .map(|e| e.id)
        .collect())
}

/// One day in the calendar file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    /// Stable across exports, so a calendar updates the event instead of adding another.
    pub uid: String,
    /// The day.
    pub date: NaiveDate,
    /// The event's title.
    pub summary: String,
    /// More about it.
    pub description: String,
}

/// The look-back dates of open experiments and the success-case follow-ups not yet written, as
/// calendar entries, earliest first.
pub fn calendar_entries(
    open_experiments: &[Record],
    follow_ups: &[FollowUp],
    title_of: impl Fn(RecordId) -> String,
    lang: crate::journal::Language,
) -> Vec<CalendarEntry> {
    let da = lang == crate::journal::Language::Danish;
    let mut out = Vec::new();
    for e in open_experiments {
        if let Content::Experiment {
            follow_up: Some(d),
            status,
            expectation,
            signal,
            ..
        } = &e.content
            && status.is_open()
        {
            let what = if da { "Følg op på" } else { "Look back on" };
            let mut description = String::new();
            if !expectation.is_empty() {
                let label = if da { "Jeg forventer" } else { "I expect" };
                description.push_str(&format!("{label}: {expectation}\n"));
            }
            if !signal.is_empty() {
                let label = if da { "Tegnet" } else { "The signal" };
                description.push_str(&format!("{label}: {signal}\n"));
            }
            description.push_str(&format!("praxis experiment done {}", e.id));
            out.push(CalendarEntry {
                uid: format!("{}-look-back@praxis", e.id),
                date: *d,
                summary: format!("{what}: {}", e.display_title()),
                description,
            });
        }
    }
    for f in follow_ups.iter().filter(|f| !f.done) {
        let title = title_of(f.experiment);
        let summary = if da {
            format!("Opfølgning efter {} dage: {title}", f.days)
        } else {
            format!("{}-day success follow-up: {title}", f.days)
        };
        out.push(CalendarEntry {
            uid: format!("{}-success-{}@praxis", f.experiment, f.days),
            date: f.date,
            summary,
            description: format!(
                "praxis add reflection --set {SUCCESS_SET} --experiment {} --answer days={}",
                f.experiment, f.days
            ),
        });
    }
    out.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    out
}

/// The entries as an iCalendar (RFC 5545) file: one all-day event each, lines folded at 75
/// octets and ended with CRLF, text escaped.
pub fn to_ics(entries: &[CalendarEntry], now: DateTime<Utc>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//praxis//learning journal//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
    ];
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for e in entries {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", escape(&e.uid)));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART;VALUE=DATE:{}", e.date.format("%Y%m%d")));
        lines.push(format!(
            "DTEND;VALUE=DATE:{}",
            (e.date + Days::new(1)).format("%Y%m%d")
        ));
        lines.push(format!("SUMMARY:{}", escape(&e.summary)));
        lines.push(format!("DESCRIPTION:{}", escape(&e.description)));
        lines.push("TRANSP:TRANSPARENT".into());
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

/// RFC 5545 TEXT escaping.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded so no line is longer than 75 octets, never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests;
