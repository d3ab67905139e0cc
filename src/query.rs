//! Which records a list shows: filters by kind, tag, cycle and local date range.

use chrono::NaiveDate;

use crate::dates::local_day;
use crate::record::{Content, Kind, Record, RecordId};

/// A list's filters; every one that is set must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only records carrying this tag (normalised, lower-case).
    pub tag: Option<String>,
    /// Only this cycle and what belongs to it.
    pub cycle: Option<RecordId>,
    /// Created on or after this local day.
    pub since: Option<NaiveDate>,
    /// Created on or before this local day.
    pub until: Option<NaiveDate>,
    /// At most this many records.
    pub limit: Option<usize>,
}

impl Filter {
    /// Whether `r` passes every filter that is set (the limit aside).
    pub fn matches(&self, r: &Record) -> bool {
        let day = local_day(r.created);
        self.kind.is_none_or(|k| r.kind() == k)
            && self.tag.as_ref().is_none_or(|t| r.tags.contains(t))
            && self.cycle.is_none_or(|c| belongs_to_cycle(r, c))
            && self.since.is_none_or(|d| day >= d)
            && self.until.is_none_or(|d| day <= d)
    }
}

/// Whether `r` is the cycle `cycle` or is linked to it.
pub fn belongs_to_cycle(r: &Record, cycle: RecordId) -> bool {
    r.id == cycle || r.cycle() == Some(cycle)
}

/// Open experiments whose follow-up date has come (today or earlier), earliest first.
pub fn due_experiments<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    today: NaiveDate,
) -> Vec<&'a Record> {
    let mut due: Vec<&Record> = records
        .into_iter()
        .filter(|r| match &r.content {
            Content::Experiment {
                follow_up: Some(date),
                status,
                ..
            } => status.is_open() && *date <= today,
            _ => false,
        })
        .collect();
    due.sort_by_key(|r| match &r.content {
        Content::Experiment { follow_up, .. } => (*follow_up, r.id),
        _ => (None, r.id),
    });
    due
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ExperimentStatus, JournalId};
    use chrono::{TimeZone, Utc};

    fn experiment(follow_up: Option<NaiveDate>, status: ExperimentStatus) -> Record {
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap();
        Record::new(
            JournalId::new_at(now),
            now,
            Content::Experiment {
                cycle: None,
                with: vec![],
                expectation: String::new(),
                signal: String::new(),
                follow_up,
                status,
                outcome: None,
            },
        )
    }

    #[test]
    fn due_means_open_with_a_follow_up_today_or_before() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day);
        let today = d(23).unwrap();
        let records = [
            experiment(d(24), ExperimentStatus::Planned),
            experiment(d(23), ExperimentStatus::Running),
            experiment(d(2), ExperimentStatus::Planned),
            experiment(d(2), ExperimentStatus::Done),
            experiment(None, ExperimentStatus::Planned),
        ];
        let due = due_experiments(&records, today);
        let ids: Vec<_> = due.iter().map(|r| r.id).collect();
        assert_eq!(ids, vec![records[2].id, records[1].id]);
    }

    #[test]
    fn filters_combine() {
        let mut r = experiment(None, ExperimentStatus::Planned);
        r.set_tags(["trust"]);
        let day = local_day(r.created);
        let mut f = Filter {
            kind: Some(Kind::Experiment),
            tag: Some("trust".into()),
            since: Some(day),
            until: Some(day),
            ..Filter::default()
        };
        assert!(f.matches(&r));
        f.tag = Some("other".into());
        assert!(!f.matches(&r));
        f.tag = None;
        f.since = day.succ_opt();
        assert!(!f.matches(&r));
        f.since = None;
        f.kind = Some(Kind::Note);
        assert!(!f.matches(&r));
    }
}
