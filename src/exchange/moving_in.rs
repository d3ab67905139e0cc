//! Moving in: jrnl's JSON export and tui-journal's JSON and transfer files, read as notes with
//! their dates and tags. Ids come from the entries' content, so importing the same file twice
//! adds nothing (neither tool dedups its own imports).

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use ulid::Ulid;

use super::{Incoming, Source};
use crate::record::{Content, JournalId, Record, RecordId};

#[derive(Deserialize)]
struct JrnlEntry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

#[derive(Deserialize)]
struct TuiEntry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    content: String,
    date: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    priority: Option<u32>,
}

/// The file as notes by `owner`, if it is one of the formats praxis moves in from.
pub(super) fn read(_file: &str, value: &Value, owner: JournalId) -> Option<Incoming> {
    let (source, entries) = match value {
        Value::Array(entries) => (Source::TuiJournal, entries),
        Value::Object(o) => match o.get("entries")? {
            Value::Array(entries) => {
                let jrnl = o.contains_key("tags")
                    || entries.first().is_some_and(|e| e.get("body").is_some());
                let source = if jrnl {
                    Source::Jrnl
                } else {
                    Source::TuiJournalTransfer
                };
                (source, entries)
            }
            _ => return None,
        },
        _ => return None,
    };
    let mut records = Vec::new();
    for entry in entries {
        let note = match source {
            Source::Jrnl => {
                let e: JrnlEntry = serde_json::from_value(entry.clone()).ok()?;
                let created = jrnl_time(&e.date, e.time.as_deref())?;
                let mut tags: Vec<String> = e
                    .tags
                    .iter()
                    .map(|t| t.trim_start_matches('@').to_string())
                    .collect();
                if e.starred {
                    tags.push("starred".into());
                }
                note(owner, "jrnl", created, &e.title, &e.body, &e.date, tags)
            }
            _ => {
                let e: TuiEntry = serde_json::from_value(entry.clone()).ok()?;
                let created = DateTime::parse_from_rfc3339(&e.date)
                    .ok()?
                    .with_timezone(&Utc);
                let mut tags = e.tags.clone();
                if let Some(p) = e.priority {
                    tags.push(format!("priority-{p}"));
                }
                note(
                    owner,
                    "tui-journal",
                    created,
                    &e.title,
                    &e.content,
                    &e.date,
                    tags,
                )
            }
        };
        if !records.iter().any(|r: &Record| r.id == note.id) {
            records.push(note);
        }
    }
    Some(Incoming {
        source,
        exported_by: None,
        records,
        comments: Vec::new(),
        peers: Vec::new(),
    })
}

/// jrnl writes local dates and times (`2026-11-20`, `09:30`).
fn jrnl_time(date: &str, time: Option<&str>) -> Option<DateTime<Utc>> {
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let at = time
        .and_then(|t| {
            NaiveTime::parse_from_str(t.trim(), "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(t.trim(), "%H:%M:%S"))
                .ok()
        })
        .unwrap_or(NaiveTime::MIN);
    let local = NaiveDateTime::new(day, at);
    Local
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// A note whose id is made from its source and content, so the same entry always gets it.
fn note(
    owner: JournalId,
    tool: &str,
    created: DateTime<Utc>,
    title: &str,
    body: &str,
    date: &str,
    tags: Vec<String>,
) -> Record {
    let digest = Sha256::digest(format!("{tool}\n{date}\n{title}\n{body}").as_bytes());
    let random = digest[..10]
        .iter()
        .fold(0u128, |acc, b| (acc << 8) | u128::from(*b));
    let ms = created.timestamp_millis().max(0) as u64;
    let mut r = Record::new(owner, created, Content::Note);
    r.id = RecordId(Ulid::from_parts(ms, random));
    r.title = title.trim().to_string();
    r.body = body.trim_end().to_string();
    r.set_tags(tags);
    r
}
