//! A record as a list line shows it and a filter judges it, in a few bytes: what a tag's index
//! entries carry, so that listing a tag reads no record. Its long text (the body, a cycle's
//! question, an experiment's plan, a reflection's answers) is left out; the title kept is the
//! one lists show.

use chrono::{DateTime, NaiveDate, Utc};

use crate::record::{Content, JournalId, Kind, Record, RecordId};

const VERSION: u8 = 1;
/// Titles are kept to this many bytes (a list line is narrower).
const TITLE: usize = 240;

fn put_str(out: &mut Vec<u8>, s: &str) {
    let s = &s[..floor_char(s, u16::MAX as usize)];
    out.extend_from_slice(&(s.len() as u16).to_be_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_id(out: &mut Vec<u8>, id: Option<RecordId>) {
    match id {
        None => out.push(0),
        Some(id) => {
            out.push(1);
            out.extend_from_slice(&id.0.0.to_be_bytes());
        }
    }
}

fn floor_char(s: &str, most: usize) -> usize {
    let mut at = most.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The brief form of `r`.
pub(super) fn encode(r: &Record) -> Vec<u8> {
    let mut out = vec![VERSION];
    out.extend_from_slice(&r.created.timestamp_millis().to_be_bytes());
    put_str(&mut out, r.kind().as_str());
    put_str(&mut out, r.visibility.as_str());
    match &r.content {
        Content::Note => {}
        Content::Cycle { status, .. } => put_str(&mut out, status.as_str()),
        Content::Experiment {
            status,
            follow_up,
            cycle,
            ..
        } => {
            put_str(&mut out, status.as_str());
            let days = follow_up.map_or(i32::MIN, |d| chrono::Datelike::num_days_from_ce(&d));
            out.extend_from_slice(&days.to_be_bytes());
            put_id(&mut out, *cycle);
        }
        Content::Reflection {
            set,
            cycle,
            experiment,
            ..
        } => {
            put_str(&mut out, set);
            put_id(&mut out, *cycle);
            put_id(&mut out, *experiment);
        }
    }
    out.extend_from_slice(&(r.tags.len() as u16).to_be_bytes());
    for t in &r.tags {
        put_str(&mut out, t);
    }
    let title = r.display_title();
    put_str(&mut out, &title[..floor_char(&title, TITLE)]);
    out
}

struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.0.split_at_checked(n)?;
        self.0 = tail;
        Some(head)
    }
    fn str(&mut self) -> Option<&'a str> {
        let n = u16::from_be_bytes(self.take(2)?.try_into().ok()?) as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
    fn id(&mut self) -> Option<Option<RecordId>> {
        match self.take(1)?[0] {
            0 => Some(None),
            1 => Some(Some(RecordId(ulid::Ulid(u128::from_be_bytes(
                self.take(16)?.try_into().ok()?,
            ))))),
            _ => None,
        }
    }
}

/// The record `id` (by `author`) as its brief form says; `None` if the bytes are not one.
pub(super) fn decode(id: RecordId, author: JournalId, bytes: &[u8]) -> Option<Record> {
    let mut c = Cursor(bytes);
    if c.take(1)? != [VERSION] {
        return None;
    }
    let ms = i64::from_be_bytes(c.take(8)?.try_into().ok()?);
    let created: DateTime<Utc> = DateTime::from_timestamp_millis(ms)?;
    let kind: Kind = c.str()?.parse().ok()?;
    let visibility = c.str()?.parse().ok()?;
    let content = match kind {
        Kind::Note => Content::Note,
        Kind::Cycle => Content::Cycle {
            question: String::new(),
            status: c.str()?.parse().ok()?,
            goal: String::new(),
            ends: None,
            closing: None,
        },
        Kind::Experiment => {
            let status = c.str()?.parse().ok()?;
            let days = i32::from_be_bytes(c.take(4)?.try_into().ok()?);
            let follow_up = match days {
                i32::MIN => None,
                d => Some(NaiveDate::from_num_days_from_ce_opt(d)?),
            };
            Content::Experiment {
                cycle: c.id()?,
                with: Vec::new(),
                expectation: String::new(),
                signal: String::new(),
                follow_up,
                status,
                outcome: None,
                from: None,
                closed: None,
                signal_met: None,
            }
        }
        Kind::Reflection => Content::Reflection {
            set: c.str()?.to_string(),
            cycle: c.id()?,
            experiment: c.id()?,
            answers: Vec::new(),
        },
    };
    let n = u16::from_be_bytes(c.take(2)?.try_into().ok()?) as usize;
    let mut tags = Vec::with_capacity(n);
    for _ in 0..n {
        tags.push(c.str()?.to_string());
    }
    let title = c.str()?.to_string();
    if !c.0.is_empty() {
        return None;
    }
    let mut r = Record::new(author, created, content);
    r.id = id;
    r.title = title;
    r.tags = tags;
    r.visibility = visibility;
    Some(r)
}
