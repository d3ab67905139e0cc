//! Moving in: jrnl's JSON export and tui-journal's JSON back-end and transfer files, read as
//! notes with their dates and tags. Ids come from the entries' content, so importing the same
//! file twice adds nothing (neither tool dedups its own imports). The entries are read one at a
//! time as the file streams by (see `stream.rs`); this module turns each into a note.
//!
//! The shapes, as the tools write them:
//! - jrnl: `{"tags": {tag: count}, "entries": [{"title", "body", "date": "2026-11-20",
//!   "time": "09:30", "tags": ["@tag"], "starred"}]}`, dates and times local.
//! - tui-journal's back-end file: `[{"id", "date": "2026-11-20T00:00:00Z", "title", "content",
//!   "tags", "priority"}]`; its transfer file: `{"version": 100, "entries": [...]}`, the same
//!   entries without `id`. The app keeps a day, as midnight UTC, and shows that UTC date.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use ulid::Ulid;

use super::Source;
use crate::record::{Content, JournalId, Record, RecordId};

/// One entry as jrnl or tui-journal writes it; which fields count depends on the tool.
#[derive(Deserialize)]
#[serde(expecting = "an entry: an object with a date, a title and a text")]
pub(super) struct Entry {
    title: Option<String>,
    /// jrnl's text after the title.
    body: Option<String>,
    /// tui-journal's text.
    content: Option<String>,
    date: Option<String>,
    /// jrnl's local time of day.
    time: Option<String>,
    tags: Option<Vec<String>>,
    starred: Option<bool>,
    /// tui-journal's priority, a number or `null`.
    priority: Option<u32>,
}

/// The notes made so far from one file's entries.
pub(super) struct MovingIn {
    owner: JournalId,
    source: Option<Source>,
    seen: HashSet<RecordId>,
    entries: usize,
}

impl MovingIn {
    /// Starts on a file of `source` (or, with `None`, of whichever tool its first entry shows).
    pub(super) fn new(owner: JournalId, source: Option<Source>) -> MovingIn {
        MovingIn {
            owner,
            source,
            seen: HashSet::new(),
            entries: 0,
        }
    }

    /// Which tool the file is from, as far as it is known.
    pub(super) fn source(&self) -> Option<Source> {
        self.source
    }

    /// How many entries were read so far (the next one is number `entries() + 1`).
    pub(super) fn entries(&self) -> usize {
        self.entries
    }

    /// What the file is called in messages.
    pub(super) fn described(&self) -> &'static str {
        match self.source {
            Some(Source::Jrnl) => "a jrnl export",
            Some(Source::TuiJournal) => "a tui-journal file",
            Some(Source::TuiJournalTransfer) => "a tui-journal export",
            Some(Source::Praxis(_)) => "a praxis exchange file",
            None => "a jrnl or tui-journal export",
        }
    }

    /// The next entry as a note; `None` when the file already had the same entry. The error
    /// says what is wrong with the entry.
    pub(super) fn note(&mut self, entry: Entry) -> Result<Option<Record>, String> {
        self.entries += 1;
        let source = *self.source.get_or_insert(
            if entry.body.is_some() || entry.time.is_some() || entry.starred.is_some() {
                Source::Jrnl
            } else {
                Source::TuiJournalTransfer
            },
        );
        let note = match source {
            Source::Jrnl => jrnl_note(self.owner, entry)?,
            _ => tui_note(self.owner, entry)?,
        };
        Ok(self.seen.insert(note.id).then_some(note))
    }
}

fn jrnl_note(owner: JournalId, e: Entry) -> Result<Record, String> {
    let date = e.date.ok_or("it has no `date`")?;
    let created = jrnl_time(&date, e.time.as_deref()).ok_or_else(|| {
        format!(
            "its date and time ({date} {}) are not as jrnl writes them, e.g. 2026-11-20 09:30",
            e.time.as_deref().unwrap_or("")
        )
    })?;
    let mut tags = e.tags.unwrap_or_default();
    for t in &mut tags {
        // jrnl keeps a tag with its symbol, `@` or `#` (praxis drops a `#` on its own).
        if let Some(bare) = t.strip_prefix('@') {
            *t = bare.to_string();
        }
    }
    if e.starred == Some(true) {
        tags.push("starred".into());
    }
    let title = e.title.unwrap_or_default();
    let body = e.body.unwrap_or_default();
    Ok(note(
        owner, "jrnl", created, created, &title, &body, &date, tags,
    ))
}

fn tui_note(owner: JournalId, e: Entry) -> Result<Record, String> {
    let date = e.date.ok_or("it has no `date`")?;
    let at: DateTime<Utc> = date
        .parse::<DateTime<chrono::FixedOffset>>()
        .map_err(|_| {
            format!("its date `{date}` is not as tui-journal writes it, e.g. 2026-11-20T00:00:00Z")
        })?
        .with_timezone(&Utc);
    // tui-journal stores the day its user picked as midnight UTC and shows that UTC date: the
    // note is put at the start of the same day here. A time of day it did not write is kept.
    let created = if at.time() == NaiveTime::MIN {
        local(NaiveDateTime::new(at.date_naive(), NaiveTime::MIN)).unwrap_or(at)
    } else {
        at
    };
    let mut tags = e.tags.unwrap_or_default();
    if let Some(p) = e.priority {
        tags.push(format!("priority-{p}"));
    }
    let title = e.title.unwrap_or_default();
    let content = e.content.unwrap_or_default();
    Ok(note(
        owner,
        "tui-journal",
        at,
        created,
        &title,
        &content,
        &date,
        tags,
    ))
}

/// jrnl writes local dates and times (`2026-11-20`, `09:30`).
fn jrnl_time(date: &str, time: Option<&str>) -> Option<DateTime<Utc>> {
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let at = match time.map(str::trim) {
        None | Some("") => NaiveTime::MIN,
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
            .ok()?,
    };
    local(NaiveDateTime::new(day, at))
}

/// A local date and time as an instant; a time skipped by a change to summer time counts as
/// the hour after it.
fn local(at: NaiveDateTime) -> Option<DateTime<Utc>> {
    Local
        .from_local_datetime(&at)
        .earliest()
        .or_else(|| {
            Local
                .from_local_datetime(&(at + Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
}

/// A note whose id is made from its source and content, so the same entry always gets it; the
/// id's time is `id_time`, the instant the file gives (the same in every time zone).
#[allow(clippy::too_many_arguments)]
fn note(
    owner: JournalId,
    tool: &str,
    id_time: DateTime<Utc>,
    created: DateTime<Utc>,
    title: &str,
    body: &str,
    date: &str,
    tags: Vec<String>,
) -> Record {
    // The same bytes as `format!("{tool}\n{date}\n{title}\n{body}")`, without the copy.
    let mut hash = Sha256::new();
    for (n, part) in [tool, date, title, body].into_iter().enumerate() {
        if n > 0 {
            hash.update(b"\n");
        }
        hash.update(part.as_bytes());
    }
    let digest = hash.finalize();
    let random = digest[..10]
        .iter()
        .fold(0u128, |acc, b| (acc << 8) | u128::from(*b));
    let ms = id_time.timestamp_millis().max(0) as u64;
    let mut r = Record::new(owner, created, Content::Note);
    r.id = RecordId(Ulid::from_parts(ms, random));
    r.title = title.trim().to_string();
    r.body = body.trim_end().to_string();
    r.set_tags(tags);
    r
}
