//! Counts for `praxis stats`: by kind, by month, the daily streak, open experiments.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::dates::{local_day, month_key};
use crate::record::{Content, Kind, Record};

/// A journal's numbers on a given day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// All records.
    pub total: usize,
    /// Records of each kind.
    pub by_kind: BTreeMap<Kind, usize>,
    /// Records created in each local month (`YYYY-MM`).
    pub by_month: BTreeMap<String, usize>,
    /// Days in a row, ending today (or yesterday, while today is still open), with a record.
    pub streak_days: u32,
    /// Experiments planned or running.
    pub open_experiments: usize,
    /// Open experiments whose follow-up date has come.
    pub due_experiments: usize,
}

/// Counts `records` as of `today` (held or streamed: nothing is kept of them).
pub fn compute<R: std::borrow::Borrow<Record>>(
    records: impl IntoIterator<Item = R>,
    today: NaiveDate,
) -> Stats {
    let mut stats = Stats {
        total: 0,
        by_kind: Kind::ALL.iter().map(|k| (*k, 0)).collect(),
        by_month: BTreeMap::new(),
        streak_days: 0,
        open_experiments: 0,
        due_experiments: 0,
    };
    let mut days = BTreeSet::new();
    for r in records {
        let r = r.borrow();
        stats.total += 1;
        *stats.by_kind.entry(r.kind()).or_default() += 1;
        let day = local_day(r.created);
        *stats.by_month.entry(month_key(day)).or_default() += 1;
        days.insert(day);
        if let Content::Experiment {
            status, follow_up, ..
        } = &r.content
            && status.is_open()
        {
            stats.open_experiments += 1;
            if follow_up.is_some_and(|d| d <= today) {
                stats.due_experiments += 1;
            }
        }
    }
    stats.streak_days = streak(&days, today);
    stats
}

/// Consecutive days with a record, counted back from today; a streak that reached yesterday is
/// still alive today.
pub fn streak(days: &BTreeSet<NaiveDate>, today: NaiveDate) -> u32 {
    let mut day = if days.contains(&today) {
        today
    } else {
        match today.checked_sub_days(Days::new(1)) {
            Some(y) if days.contains(&y) => y,
            _ => return 0,
        }
    };
    let mut n = 0;
    while days.contains(&day) {
        n += 1;
        match day.checked_sub_days(Days::new(1)) {
            Some(prev) => day = prev,
            None => break,
        }
    }
    n
}

/// The streak from record days given newest first (as ids are stored), reading no further than
/// the streak goes: one pass, however long the streak.
pub fn streak_newest_first(days: impl IntoIterator<Item = NaiveDate>, today: NaiveDate) -> u32 {
    let yesterday = today.checked_sub_days(Days::new(1));
    let mut streak = 0;
    let mut wanted: Option<NaiveDate> = None;
    for day in days {
        match wanted {
            None if day > today => continue,
            None if day == today || Some(day) == yesterday => {
                streak = 1;
                wanted = day.checked_sub_days(Days::new(1));
            }
            None => break,
            Some(w) if day == w => {
                streak += 1;
                wanted = day.checked_sub_days(Days::new(1));
            }
            Some(w) if day > w => continue,
            Some(_) => break,
        }
        if wanted.is_none() {
            break;
        }
    }
    streak
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    #[test]
    fn streak_counts_back_from_today_or_yesterday() {
        let days: BTreeSet<_> = [d(18), d(20), d(21), d(22)].into();
        assert_eq!(streak(&days, d(22)), 3);
        assert_eq!(streak(&days, d(23)), 3, "today still open");
        assert_eq!(streak(&days, d(24)), 0, "a missed day ends it");
        assert_eq!(streak(&BTreeSet::new(), d(24)), 0);
    }

    #[test]
    fn the_streak_from_newest_days_stops_reading_early() {
        let mut read = 0;
        let days = [d(22), d(22), d(21), d(20), d(18), d(17), d(3), d(2), d(1)];
        let n = streak_newest_first(days.iter().inspect(|_| read += 1).copied(), d(23));
        assert_eq!(n, 3);
        assert!(read <= 5, "read {read} days");
        assert_eq!(streak_newest_first([d(10)], d(23)), 0);
        assert_eq!(
            streak_newest_first([d(22), d(21)], d(23)),
            2,
            "today still open"
        );
        assert_eq!(streak_newest_first([d(24), d(23), d(23), d(22)], d(23)), 2);
        let long: Vec<_> = (0..5000u64).map(|n| d(23) - Days::new(n)).collect();
        assert_eq!(streak_newest_first(long, d(23)), 5000);
    }
}
