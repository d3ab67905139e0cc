//! Reading a praxis exchange file as a stream: each record, comment and peer goes to a
//! [`Sink`] as soon as it is read and checked, so a file of any size is never held in memory as
//! records; the checksum is worked out along the way and compared at the end. Whoever receives
//! the records (an import) undoes what it did when the read stops with an error.
//!
//! To hash as it reads, the file's top-level fields must come in the order praxis writes them:
//! `format`, `version`, `exported_by`, `exported_at` and `scope` (in any order among
//! themselves) before `records`, then `comments`, then `peers`; `checksum` may stand anywhere.
//!
//! jrnl's and tui-journal's files are streamed the same way: a top-level list (tui-journal's
//! back-end file) or an object's `entries` (jrnl's export, tui-journal's transfer file), each
//! entry handed on as a note as soon as it is read.

use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::error::Category;
use sha2::{Digest, Sha256};

use super::moving_in::{Entry, MovingIn};
use super::{Content, Exporter, FORMAT, Peer, ReadError, Scope, Source, UNSIGNED_VERSION, VERSION};
use crate::record::{Comment, JournalId, Record};

/// What receives a praxis file as it is read. An error from it stops the reading.
pub trait Sink {
    /// Why it could not take something.
    type Error;
    /// Who exported the file and for whom; comes before any record.
    fn exporter(&mut self, by: &Exporter, scope: Scope) -> Result<(), Self::Error>;
    /// One record, checked against the file's scope.
    fn record(&mut self, record: Record) -> Result<(), Self::Error>;
    /// One comment.
    fn comment(&mut self, comment: Comment) -> Result<(), Self::Error>;
    /// Another journal's author named in the file.
    fn peer(&mut self, peer: Peer) -> Result<(), Self::Error>;
}

/// Why a streamed read stopped.
#[derive(Debug)]
pub enum Stopped<E> {
    /// The file is not right (what [`super::read`] would say).
    Read(ReadError),
    /// The sink could not take something.
    Sink(E),
}

/// Why the stream gave up before the end, besides a JSON error.
pub(super) enum Stop<E> {
    /// Not a praxis file, or not one that can be read as a stream: the caller looks closer.
    NotStreamable,
    /// A praxis file, and this is what is wrong with it.
    Read(ReadError),
    /// The sink said no.
    Sink(E),
}

/// The content's compact JSON, hashed piece by piece in the order it is serialised: the same
/// bytes as `serde_json::to_vec(&content)`, without ever holding them.
pub(super) struct Canonical {
    hasher: Sha256,
    /// The value being hashed, serialised whole so the hash takes it in one piece.
    buf: Vec<u8>,
    records: usize,
    comments: usize,
    peers: usize,
}

impl Canonical {
    /// Starts with the header, up to the opening of the records.
    pub(super) fn new(
        format: &str,
        version: u32,
        by: &Exporter,
        at: &DateTime<Utc>,
        scope: Scope,
    ) -> Canonical {
        let mut c = Canonical {
            hasher: Sha256::new(),
            buf: Vec::new(),
            records: 0,
            comments: 0,
            peers: 0,
        };
        c.raw("{\"format\":");
        c.json(format);
        c.raw(",\"version\":");
        c.json(&version);
        c.raw(",\"exported_by\":");
        c.json(by);
        c.raw(",\"exported_at\":");
        c.json(at);
        c.raw(",\"scope\":");
        c.json(&scope);
        c.raw(",\"records\":[");
        c
    }

    /// The hash of a whole content.
    pub(super) fn of(content: &Content) -> String {
        let mut c = Canonical::new(
            &content.format,
            content.version,
            &content.exported_by,
            &content.exported_at,
            content.scope,
        );
        content.records.iter().for_each(|r| c.record(r));
        c.end_records();
        content.comments.iter().for_each(|m| c.comment(m));
        c.end_comments();
        content.peers.iter().for_each(|p| c.peer(p));
        c.finish()
    }

    fn raw(&mut self, s: &str) {
        self.hasher.update(s.as_bytes());
    }

    fn json<T: Serialize + ?Sized>(&mut self, value: &T) {
        self.buf.clear();
        serde_json::to_writer(&mut self.buf, value).expect("serialises");
        self.hasher.update(&self.buf);
    }

    pub(super) fn record(&mut self, r: &Record) {
        if self.records > 0 {
            self.raw(",");
        }
        self.json(r);
        self.records += 1;
    }

    /// The next record, already serialised: `json` is `serde_json::to_vec` of it.
    pub(super) fn record_json(&mut self, json: &[u8]) {
        if self.records > 0 {
            self.raw(",");
        }
        self.hasher.update(json);
        self.records += 1;
    }

    pub(super) fn end_records(&mut self) {
        self.raw("],\"comments\":[");
    }

    pub(super) fn comment(&mut self, c: &Comment) {
        if self.comments > 0 {
            self.raw(",");
        }
        self.json(c);
        self.comments += 1;
    }

    pub(super) fn end_comments(&mut self) {
        self.raw("]");
    }

    pub(super) fn peer(&mut self, p: &Peer) {
        self.raw(if self.peers == 0 { ",\"peers\":[" } else { "," });
        self.json(p);
        self.peers += 1;
    }

    /// `sha256:<hex>`.
    pub(super) fn finish(mut self) -> String {
        if self.peers > 0 {
            self.raw("]");
        }
        self.raw("}");
        let hex: String = self
            .hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("sha256:{hex}")
    }
}

/// Where the reading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Header,
    Records,
    Comments,
    Peers,
}

/// The state of one streamed read.
pub(super) struct Reading<'a, S: Sink> {
    file: &'a str,
    owner: JournalId,
    sink: &'a mut S,
    pub(super) stop: Option<Stop<S::Error>>,
    format: Option<String>,
    /// The `version` field as it stands: a number, or `None` for anything else. Only a praxis
    /// file's is checked (tui-journal's transfer file has one too).
    given_version: Option<Option<u64>>,
    version: Option<u32>,
    /// Whether the top-level object has jrnl's `tags`.
    jrnl_tags: bool,
    /// Another tool's entries, once the first one comes.
    moving_in: Option<MovingIn>,
    /// The tool and number of the entry being read (0: the list itself), while it is read: a
    /// JSON error then is about it.
    pub(super) in_entry: Option<(&'static str, usize)>,
    exported_by: Option<Exporter>,
    exported_at: Option<DateTime<Utc>>,
    scope: Option<Scope>,
    checksum: Option<String>,
    identity: Option<String>,
    signature: Option<String>,
    canonical: Option<Canonical>,
    stage: Stage,
    /// What was read: the file's exporter and scope, and how it was signed.
    pub(super) done: Option<(Exporter, Scope, super::Sealed)>,
}

impl<'a, S: Sink> Reading<'a, S> {
    pub(super) fn new(file: &'a str, owner: JournalId, sink: &'a mut S) -> Self {
        Reading {
            file,
            owner,
            sink,
            stop: None,
            format: None,
            given_version: None,
            version: None,
            jrnl_tags: false,
            moving_in: None,
            in_entry: None,
            exported_by: None,
            exported_at: None,
            scope: None,
            checksum: None,
            identity: None,
            signature: None,
            canonical: None,
            stage: Stage::Header,
            done: None,
        }
    }

    /// Whether the file said it is a praxis file.
    pub(super) fn is_praxis(&self) -> bool {
        self.format.is_some()
    }

    /// Another tool's file, read to the end: which tool it came from.
    pub(super) fn moved_in(&self) -> Option<Source> {
        self.moving_in.as_ref().and_then(MovingIn::source)
    }

    /// Whether another tool's entries were handed on (so the file cannot be read again whole).
    pub(super) fn handed_entries(&self) -> bool {
        self.moving_in.is_some()
    }

    /// Checks the version once the file is known to be a praxis file.
    fn check_version<E: de::Error>(&mut self) -> Result<(), E> {
        let Some(given) = self.given_version else {
            return Ok(());
        };
        let Some(v) = given else {
            return Err(self.halt(Stop::NotStreamable));
        };
        if v > u64::from(VERSION) {
            let why = Stop::Read(ReadError::NewerVersion {
                file: self.file.to_string(),
                found: u32::try_from(v).unwrap_or(u32::MAX),
            });
            return Err(self.halt(why));
        }
        if v < u64::from(UNSIGNED_VERSION) {
            let why = self.malformed(format!("version {v} is not one praxis knows"));
            return Err(self.halt(why));
        }
        self.version = Some(v as u32);
        Ok(())
    }

    /// Another tool's entries start: of `source`, or, with `None`, of the tool the top-level
    /// fields point to.
    fn start_entries<E: de::Error>(&mut self, source: Option<Source>) -> Result<(), E> {
        if self.moving_in.is_some() {
            let why = self.malformed_entries("it has `entries` twice");
            return Err(self.halt(why));
        }
        let source = source.or(if self.given_version.is_some() {
            Some(Source::TuiJournalTransfer)
        } else if self.jrnl_tags {
            Some(Source::Jrnl)
        } else {
            None
        });
        let moving_in = MovingIn::new(self.owner, source);
        self.in_entry = Some((moving_in.described(), 0));
        self.moving_in = Some(moving_in);
        Ok(())
    }

    fn malformed_entries(&self, detail: &str) -> Stop<S::Error> {
        let what = self
            .moving_in
            .as_ref()
            .map_or("a jrnl or tui-journal export", MovingIn::described);
        Stop::Read(ReadError::NotEntries {
            file: self.file.to_string(),
            what,
            detail: detail.to_string(),
        })
    }

    /// Reads one entry into a note and hands it on.
    fn take_entry<E: de::Error>(&mut self, entry: Entry) -> Result<(), E> {
        let moving_in = self.moving_in.as_mut().expect("entries started");
        match moving_in.note(entry) {
            Ok(None) => Ok(()),
            Ok(Some(note)) => self.sink.record(note).map_err(|e| self.halt(Stop::Sink(e))),
            Err(detail) => {
                let (what, entry) = (moving_in.described(), moving_in.entries());
                let why = Stop::Read(ReadError::BadEntry {
                    file: self.file.to_string(),
                    what,
                    entry,
                    detail,
                });
                Err(self.halt(why))
            }
        }
    }

    /// Stops the reading for `why`; the returned error only unwinds the parser.
    fn halt<E: de::Error>(&mut self, why: Stop<S::Error>) -> E {
        self.stop = Some(why);
        E::custom("stopped")
    }

    fn malformed(&self, detail: impl Into<String>) -> Stop<S::Error> {
        Stop::Read(ReadError::Malformed {
            file: self.file.to_string(),
            detail: detail.into(),
        })
    }

    fn wrong_scope(&self, scope: Scope, what: String) -> Stop<S::Error> {
        Stop::Read(ReadError::WrongScope {
            file: self.file.to_string(),
            scope: scope.as_str(),
            what,
        })
    }

    /// Moves on to `next`, which must come after where the reading is.
    fn enter<E: de::Error>(&mut self, next: Stage, field: &str) -> Result<(), E> {
        if self.stage == Stage::Header && next != Stage::Records {
            // Comments or peers before the records: nothing is handed on yet, so the file can
            // still be read whole instead.
            return Err(self.halt(Stop::NotStreamable));
        }
        if self.stage >= next {
            let why = self.malformed(format!(
                "`{field}` is not where praxis writes it, or stands twice"
            ));
            return Err(self.halt(why));
        }
        if self.stage == Stage::Header {
            self.start_records()?;
        }
        if self.stage == Stage::Records && next > Stage::Records {
            self.canonical.as_mut().expect("started").end_records();
        }
        if self.stage <= Stage::Comments && next > Stage::Comments {
            self.canonical.as_mut().expect("started").end_comments();
        }
        self.stage = next;
        Ok(())
    }

    /// The header is complete: hashing can start, and the sink learns who exported the file.
    fn start_records<E: de::Error>(&mut self) -> Result<(), E> {
        let (Some(format), Some(version), Some(by), Some(at), Some(scope)) = (
            self.format.as_deref(),
            self.version,
            self.exported_by.as_ref(),
            self.exported_at.as_ref(),
            self.scope,
        ) else {
            return Err(self.halt(Stop::NotStreamable));
        };
        self.canonical = Some(Canonical::new(format, version, by, at, scope));
        let by = by.clone();
        if let Err(e) = self.sink.exporter(&by, scope) {
            return Err(self.halt(Stop::Sink(e)));
        }
        Ok(())
    }

    fn take_record<E: de::Error>(&mut self, r: Record) -> Result<(), E> {
        let scope = self.scope.expect("header read");
        let by = self.exported_by.as_ref().expect("header read").journal;
        if let Some(e) = super::revision_error(self.file, &r) {
            return Err(self.halt(Stop::Read(e)));
        }
        if !scope.admits(r.visibility) {
            let why = self.wrong_scope(
                scope,
                format!("a {} record ({})", r.visibility.as_str(), r.id),
            );
            return Err(self.halt(why));
        }
        if scope != Scope::Backup && r.author != by {
            let why = self.wrong_scope(
                scope,
                format!(
                    "a record by another journal ({}); only backups carry those",
                    r.author
                ),
            );
            return Err(self.halt(why));
        }
        self.canonical.as_mut().expect("started").record(&r);
        self.sink.record(r).map_err(|e| self.halt(Stop::Sink(e)))
    }

    fn take_comment<E: de::Error>(&mut self, c: Comment) -> Result<(), E> {
        self.canonical.as_mut().expect("started").comment(&c);
        self.sink.comment(c).map_err(|e| self.halt(Stop::Sink(e)))
    }

    fn take_peer<E: de::Error>(&mut self, p: Peer) -> Result<(), E> {
        self.canonical.as_mut().expect("started").peer(&p);
        self.sink.peer(p).map_err(|e| self.halt(Stop::Sink(e)))
    }

    /// After the last field: everything there, and the checksum right.
    fn finish<E: de::Error>(&mut self) -> Result<(), E> {
        if self.moving_in.is_some() {
            return Ok(());
        }
        for (stage, field) in [(Stage::Records, "records"), (Stage::Comments, "comments")] {
            if self.stage < stage {
                if self.format.as_deref() != Some(FORMAT) {
                    return Err(self.halt(Stop::NotStreamable));
                }
                let why = self.malformed(format!("missing field `{field}`"));
                return Err(self.halt(why));
            }
        }
        let canonical = self.canonical.take().expect("started");
        let canonical = if self.stage == Stage::Comments {
            let mut c = canonical;
            c.end_comments();
            c
        } else {
            canonical
        };
        let Some(given) = self.checksum.take() else {
            let why = self.malformed("missing field `checksum`");
            return Err(self.halt(why));
        };
        if canonical.finish() != given {
            let why = Stop::Read(ReadError::Tampered {
                file: self.file.to_string(),
            });
            return Err(self.halt(why));
        }
        let by = self.exported_by.clone().expect("header read");
        let scope = self.scope.expect("header read");
        let sealed = super::check_seal(
            self.file,
            self.version.expect("header read"),
            &by,
            scope,
            &given,
            self.signature.take(),
            self.identity.take(),
        )
        .map_err(|e| self.halt(Stop::Read(e)))?;
        self.done = Some((by, scope, sealed));
        Ok(())
    }
}

/// Reads the top-level object.
pub(super) struct FileVisitor<'r, 'a, S: Sink>(pub(super) &'r mut Reading<'a, S>);

impl<'de, S: Sink> Visitor<'de> for FileVisitor<'_, '_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a praxis exchange file")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        // tui-journal's back-end file is a bare list of entries.
        self.0.start_entries(Some(Source::TuiJournal))?;
        Entries(self.0).visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let r = self.0;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let header = |r: &mut Reading<'_, S>| -> Result<(), A::Error> {
                if r.stage != Stage::Header {
                    let why = r.malformed(format!(
                        "`{key}` comes after the records; praxis writes it before them"
                    ));
                    return Err(r.halt(why));
                }
                Ok(())
            };
            match key.as_ref() {
                "format" => {
                    header(r)?;
                    let format: serde_json::Value = map.next_value()?;
                    match format.as_str() {
                        Some(FORMAT) if r.moving_in.is_none() => {
                            r.format = Some(FORMAT.to_string());
                            r.check_version()?;
                        }
                        Some(FORMAT) => {
                            let why = r.malformed("it has both `entries` and a praxis `format`");
                            return Err(r.halt(why));
                        }
                        _ => return Err(r.halt(Stop::NotStreamable)),
                    }
                }
                "version" => {
                    header(r)?;
                    let version: serde_json::Value = map.next_value()?;
                    r.given_version = Some(version.as_u64());
                    if r.format.is_some() {
                        r.check_version()?;
                    }
                }
                "entries" if r.format.is_none() => {
                    r.start_entries(None)?;
                    map.next_value_seed(Entries(&mut *r))?;
                }
                "tags" if r.format.is_none() => {
                    r.jrnl_tags = true;
                    map.next_value::<IgnoredAny>()?;
                }
                "exported_by" => {
                    header(r)?;
                    r.exported_by = Some(map.next_value()?);
                }
                "exported_at" => {
                    header(r)?;
                    r.exported_at = Some(map.next_value()?);
                }
                "scope" => {
                    header(r)?;
                    r.scope = Some(map.next_value()?);
                }
                "records" => {
                    r.enter(Stage::Records, "records")?;
                    map.next_value_seed(Each::<S, Record>(&mut *r, PhantomData))?;
                }
                "comments" => {
                    r.enter(Stage::Comments, "comments")?;
                    map.next_value_seed(Each::<S, Comment>(&mut *r, PhantomData))?;
                }
                "peers" => {
                    r.enter(Stage::Peers, "peers")?;
                    map.next_value_seed(Each::<S, Peer>(&mut *r, PhantomData))?;
                }
                "checksum" => r.checksum = Some(map.next_value()?),
                "signature" => r.signature = Some(map.next_value()?),
                "identity" => r.identity = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        r.finish()
    }
}

/// What a list in the file holds, and where each one goes.
trait Item: Sized {
    fn take<S: Sink, E: de::Error>(self, r: &mut Reading<'_, S>) -> Result<(), E>;
}

impl Item for Record {
    fn take<S: Sink, E: de::Error>(self, r: &mut Reading<'_, S>) -> Result<(), E> {
        r.take_record(self)
    }
}

impl Item for Comment {
    fn take<S: Sink, E: de::Error>(self, r: &mut Reading<'_, S>) -> Result<(), E> {
        r.take_comment(self)
    }
}

impl Item for Peer {
    fn take<S: Sink, E: de::Error>(self, r: &mut Reading<'_, S>) -> Result<(), E> {
        r.take_peer(self)
    }
}

/// A field's value that is a list, each element handed on as it is read.
struct Each<'r, 'a, S: Sink, T>(&'r mut Reading<'a, S>, PhantomData<T>);

impl<'de, S: Sink, T: Item + de::Deserialize<'de>> DeserializeSeed<'de> for Each<'_, '_, S, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: Sink, T: Item + de::Deserialize<'de>> Visitor<'de> for Each<'_, '_, S, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<T>()? {
            item.take(self.0)?;
        }
        Ok(())
    }
}

/// Another tool's list of entries, each handed on as a note as it is read.
struct Entries<'r, 'a, S: Sink>(&'r mut Reading<'a, S>);

impl<'de, S: Sink> DeserializeSeed<'de> for Entries<'_, '_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: Sink> Visitor<'de> for Entries<'_, '_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let r = self.0;
        loop {
            let moving_in = r.moving_in.as_ref().expect("entries started");
            r.in_entry = Some((moving_in.described(), moving_in.entries() + 1));
            let Some(entry) = seq.next_element::<Entry>()? else {
                break;
            };
            r.in_entry = None;
            r.take_entry(entry)?;
        }
        r.in_entry = None;
        Ok(())
    }
}

/// Whether a JSON error means the text is not JSON at all (rather than JSON of another shape).
pub(super) fn is_syntax(e: &serde_json::Error) -> bool {
    matches!(
        e.classify(),
        Category::Syntax | Category::Eof | Category::Io
    )
}
