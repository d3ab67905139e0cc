//! A list's filters as plain data: by kind, tag, cycle and local date range. The store walks
//! its indexes by them; `query` reads them from what a user types.

use chrono::NaiveDate;

use crate::dates::local_day;
use crate::record::{Kind, Record, RecordId};

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
    /// Only records written by this journal (another's, among those shared with this one).
    pub author: Option<crate::record::JournalId>,
}

impl Filter {
    /// Whether `r` passes every filter that is set (the limit aside).
    pub fn matches(&self, r: &Record) -> bool {
        let day = local_day(r.created);
        self.kind.is_none_or(|k| r.kind() == k)
            && self.author.is_none_or(|a| r.author == a)
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
