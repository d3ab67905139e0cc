//! The exchange format (version 2): one JSON file that carries records and comments between
//! journals — for a mentor, for the learning network, or as a full backup — with a SHA-256
//! checksum over its content, signed by the journal that wrote it (version 1 files, unsigned,
//! are still read, as unverified). Also the files of other journaling tools that praxis reads to let
//! people move in with their history. See `docs/exchange-format.md`.

mod markdown;
mod moving_in;
mod stream;
mod write;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use markdown::to_markdown;
pub use stream::{Sink, Stopped};
pub use write::{ExportError, FileWriter, Signing, write_export};

use crate::filter::{Filter, belongs_to_cycle};
use crate::identity::{Identity, PublicKey};
use crate::journal::{JournalMeta, Language};
use crate::record::{Comment, JournalId, Record, RecordId, Visibility};

/// The format's name, first field of every file.
pub const FORMAT: &str = "praxis-exchange";
/// The version this praxis writes (signed files) and the newest it reads.
pub const VERSION: u32 = 2;
/// The version of unsigned files (older praxis; files made without a key): still read, as
/// unverified.
pub const UNSIGNED_VERSION: u32 = 1;

/// Who a file is for, and so what it may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// For the owner's mentor: `mentor` and `network` records, and their comments.
    Mentor,
    /// For the learning network: `network` records only.
    Network,
    /// Everything, private records included: only when the owner asks for it by name.
    Backup,
    /// Comments only (a mentor's or peer's remarks on records they were shown).
    Comments,
}

impl Scope {
    /// What a file of this scope may do, as the importer's trust rules see it.
    pub fn file_kind(self) -> crate::store::FileKind {
        match self {
            Scope::Backup => crate::store::FileKind::Backup,
            Scope::Network => crate::store::FileKind::Network,
            Scope::Mentor | Scope::Comments => crate::store::FileKind::Other,
        }
    }

    /// Whether a record of this visibility may leave in a file of this scope.
    pub fn admits(self, v: Visibility) -> bool {
        match self {
            Scope::Backup => true,
            Scope::Mentor => matches!(v, Visibility::Mentor | Visibility::Network),
            Scope::Network => v == Visibility::Network,
            Scope::Comments => false,
        }
    }

    /// The word used in flags and files.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Mentor => "mentor",
            Scope::Network => "network",
            Scope::Backup => "backup",
            Scope::Comments => "comments",
        }
    }
}

/// The journal a file comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exporter {
    /// Its id.
    pub journal: JournalId,
    /// Its owner's name.
    pub author_name: String,
    /// Its language.
    pub language: Language,
    /// Its public key (version 2): the file is signed with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<PublicKey>,
    /// Its age key (`age1…`), for sealing files for it (`praxis export --to`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal_to: Option<String>,
}

/// Everything in a file but its checksum, in the order it is hashed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version.
    pub version: u32,
    /// Who exported it.
    pub exported_by: Exporter,
    /// When.
    pub exported_at: DateTime<Utc>,
    /// For whom.
    pub scope: Scope,
    /// The records, oldest first.
    pub records: Vec<Record>,
    /// The comments, oldest first.
    pub comments: Vec<Comment>,
    /// Names of the other journals whose records a backup carries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub peers: Vec<Peer>,
}

/// Another journal's author, as a backup remembers them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Peer {
    /// Their journal.
    pub journal: JournalId,
    /// Their name.
    pub author_name: String,
}

/// A whole exchange file: its content and the content's checksum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeFile {
    /// What the file carries.
    #[serde(flatten)]
    pub content: Content,
    /// `sha256:` and the hex SHA-256 of the content serialised as compact JSON.
    pub checksum: String,
    /// In a signed backup: the journal's signing key, so a restore brings the journal's identity
    /// back (its public half must be the file's key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// The exporter's ed25519 signature over the checksum (hex), with the key in `exported_by`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

impl ExchangeFile {
    /// An unsigned file over `content` (version 1), with its checksum.
    pub fn seal(mut content: Content) -> ExchangeFile {
        content.version = UNSIGNED_VERSION;
        content.exported_by.key = None;
        let checksum = checksum(&content);
        ExchangeFile {
            content,
            checksum,
            identity: None,
            signature: None,
        }
    }

    /// The file signed by `identity` (version 2): its key goes into the content, the checksum
    /// is worked out again and signed; a backup also carries the key itself.
    pub fn signed_by(self, identity: &Identity) -> ExchangeFile {
        let mut content = self.content;
        content.version = VERSION;
        content.exported_by.key = Some(identity.public());
        let checksum = checksum(&content);
        let signature = Some(identity.sign(checksum.as_bytes()));
        let identity = (content.scope == Scope::Backup).then(|| identity.to_text());
        ExchangeFile {
            content,
            checksum,
            identity,
            signature,
        }
    }

    /// The file as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("exchange file serialises")
    }

    /// Writes the file as pretty JSON and a line end, as it goes (never held whole in memory).
    pub fn write_json(&self, w: impl std::io::Write) -> std::io::Result<()> {
        let c = &self.content;
        let signing = match &self.signature {
            None => Signing::Unsigned,
            Some(signature) => Signing::Known {
                signature: signature.clone(),
                identity: self.identity.clone(),
            },
        };
        let mut file = FileWriter::start(w, &c.exported_by, &c.exported_at, c.scope, signing)?;
        for r in &c.records {
            file.record(r)?;
        }
        file.finish(&c.comments, &c.peers)?;
        Ok(())
    }

    /// Writes the file to `path` atomically (see [`write_atomically_with`]).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        write_atomically_with(path, |w| self.write_json(w))
    }
}

/// `sha256:<hex>` of the content's compact JSON (hashed as it is written out, never held).
pub fn checksum(content: &Content) -> String {
    stream::Canonical::of(content)
}

/// What to put in an export.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only this cycle and what belongs to it.
    pub cycle: Option<RecordId>,
    /// Only records with this tag.
    pub tag: Option<String>,
    /// Created on or after this day.
    pub since: Option<NaiveDate>,
    /// Created on or before this day.
    pub until: Option<NaiveDate>,
}

/// The file for `scope` from a journal's own records (newest first or any order) and comments;
/// records the scope does not admit are left out, and so are comments on records left out.
pub fn export(
    meta: &JournalMeta,
    scope: Scope,
    selection: &Selection,
    records: impl IntoIterator<Item = Record>,
    comments: impl IntoIterator<Item = Comment>,
    now: DateTime<Utc>,
) -> ExchangeFile {
    export_with(meta, scope, selection, records, comments, now, |_| None)
}

/// [`export`], where `elsewhere` tells the visibility of records that are not among `records`
/// (other journals' records the journal holds: a network file carries the owner's comments on
/// those shared with the network, so they reach their authors).
pub fn export_with(
    meta: &JournalMeta,
    scope: Scope,
    selection: &Selection,
    records: impl IntoIterator<Item = Record>,
    comments: impl IntoIterator<Item = Comment>,
    now: DateTime<Utc>,
    elsewhere: impl Fn(RecordId) -> Option<Visibility>,
) -> ExchangeFile {
    let keep = admits(scope, selection);
    let all: Vec<Record> = records.into_iter().collect();
    let own: std::collections::HashMap<RecordId, Visibility> =
        all.iter().map(|r| (r.id, r.visibility)).collect();
    let visibility = |id| own.get(&id).copied().or_else(|| elsewhere(id));
    let mut records: Vec<Record> = all
        .into_iter()
        .filter(|r| keep(r))
        .map(|mut r| {
            without_hidden_links(&mut r, scope, visibility);
            r
        })
        .collect();
    records.sort_by_key(|r| r.id);
    let kept: std::collections::HashSet<RecordId> = records.iter().map(|r| r.id).collect();
    let comments = write::kept_comments(scope, comments, &kept, meta.id, visibility);
    ExchangeFile::seal(Content {
        format: FORMAT.to_string(),
        version: VERSION,
        exported_by: Exporter {
            journal: meta.id,
            author_name: meta.author_name.clone(),
            language: meta.language,
            key: None,
            seal_to: None,
        },
        exported_at: now,
        scope,
        records,
        comments,
        peers: Vec::new(),
    })
}

/// Takes out of `r` its links to records a file of `scope` may not carry (`visibility` tells a
/// linked record's, `None` for one not in the journal), so that no private record's id leaves
/// in a mentor's or the network's file. A backup keeps every link.
pub fn without_hidden_links(
    r: &mut Record,
    scope: Scope,
    visibility: impl Fn(RecordId) -> Option<Visibility>,
) {
    if scope == Scope::Backup {
        return;
    }
    let shown = |link: &mut Option<RecordId>| {
        if let Some(id) = *link
            && !visibility(id).is_some_and(|v| scope.admits(v))
        {
            *link = None;
        }
    };
    match &mut r.content {
        crate::record::Content::Experiment { cycle, .. } => shown(cycle),
        crate::record::Content::Reflection {
            cycle, experiment, ..
        } => {
            shown(cycle);
            shown(experiment);
        }
        _ => {}
    }
}

/// Whether a record goes into an export of `scope` limited by `selection`.
fn admits(scope: Scope, selection: &Selection) -> impl Fn(&Record) -> bool + '_ {
    let filter = Filter {
        tag: selection.tag.clone(),
        since: selection.since,
        until: selection.until,
        ..Filter::default()
    };
    move |r| {
        scope.admits(r.visibility)
            && filter.matches(r)
            && selection.cycle.is_none_or(|c| belongs_to_cycle(r, c))
    }
}

/// A file of comments written on someone else's records (a mentor's review).
pub fn comments_file(by: Exporter, comments: Vec<Comment>, now: DateTime<Utc>) -> ExchangeFile {
    ExchangeFile::seal(Content {
        format: FORMAT.to_string(),
        version: VERSION,
        exported_by: by,
        exported_at: now,
        scope: Scope::Comments,
        records: Vec::new(),
        comments,
        peers: Vec::new(),
    })
}

/// What the JSON parser said of `file`, which is not JSON (or ends too soon).
fn not_json(file: &str, e: &serde_json::Error) -> ReadError {
    let said = e.to_string();
    let place = format!(" at line {} column {}", e.line(), e.column());
    ReadError::NotJson {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        detail: said.strip_suffix(&place).unwrap_or(&said).to_string(),
        cut_off: e.is_eof(),
    }
}

/// Why a file cannot be read; nothing is imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Not JSON at all, or cut off.
    #[error(
        "{file} is not valid JSON (line {line}, column {column}: {detail}){}. Nothing was imported",
        if *cut_off { "; was it cut off while copying?" } else { ": is it the file you meant?" }
    )]
    NotJson {
        /// The file.
        file: String,
        /// Where.
        line: usize,
        /// Where.
        column: usize,
        /// What the parser said (without the place, which `line` and `column` give).
        detail: String,
        /// Whether the file ended too soon (it may have been cut off), rather than being
        /// something other than JSON.
        cut_off: bool,
    },
    /// JSON, but no format praxis knows.
    #[error(
        "{file} is not a file praxis can import: it is neither a praxis exchange file nor a jrnl or tui-journal export. Nothing was imported"
    )]
    Unknown {
        /// The file.
        file: String,
    },
    /// jrnl's or tui-journal's file with an entry that is not one as the tool writes it.
    #[error(
        "{file} reads as {what}, but its entry {entry} is not one as that tool writes it \
         ({detail}): correct or remove that entry, or export the file again. Nothing was imported"
    )]
    BadEntry {
        /// The file.
        file: String,
        /// Which tool's file it looks like.
        what: &'static str,
        /// The entry's number, from 1.
        entry: usize,
        /// What is wrong with it, and where.
        detail: String,
    },
    /// jrnl's or tui-journal's file whose list of entries is not one.
    #[error(
        "{file} reads as {what}, but {detail}: export the file again from that tool. Nothing \
         was imported"
    )]
    NotEntries {
        /// The file.
        file: String,
        /// Which tool's file it looks like.
        what: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// A praxis file from a newer praxis.
    #[error(
        "{file} is exchange format version {found}; this praxis reads version {VERSION}: update praxis. Nothing was imported"
    )]
    NewerVersion {
        /// The file.
        file: String,
        /// Its version.
        found: u32,
    },
    /// A praxis file whose fields do not fit the format.
    #[error("{file} does not fit the exchange format ({detail}). Nothing was imported")]
    Malformed {
        /// The file.
        file: String,
        /// What is wrong and where.
        detail: String,
    },
    /// A praxis file whose content was changed after export.
    #[error(
        "{file} was changed after it was exported (its checksum does not match its content): ask for a fresh export. Nothing was imported"
    )]
    Tampered {
        /// The file.
        file: String,
    },
    /// A record whose revision no journal could have given it (0, or above
    /// [`MAX_REVISION`](crate::record::MAX_REVISION)).
    #[error(
        "{file}: record {id} has revision {revision}, and a revision is from 1 to {}: the file is broken or was made to override other journals. Ask for a fresh export. Nothing was imported",
        crate::record::MAX_REVISION
    )]
    Revision {
        /// The file.
        file: String,
        /// The record.
        id: RecordId,
        /// Its revision.
        revision: u32,
    },
    /// A version 2 file without a valid signature by the key it names.
    #[error(
        "{file} is not signed by the key it names ({detail}): it was changed after it was \
         written, or made to pass for another journal's file. Ask for a fresh export. Nothing \
         was imported"
    )]
    BadSignature {
        /// The file.
        file: String,
        /// What is wrong.
        detail: &'static str,
    },
    /// A file that breaks the scope's rule (e.g. private records in a network file).
    #[error("{file} is a {scope} file but carries {what}: refusing it. Nothing was imported")]
    WrongScope {
        /// The file.
        file: String,
        /// Its scope.
        scope: &'static str,
        /// What it should not carry.
        what: String,
    },
}

/// A file read and checked, ready to be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// Which kind of file it was.
    pub source: Source,
    /// Who exported it (for praxis files).
    pub exported_by: Option<Exporter>,
    /// The records.
    pub records: Vec<Record>,
    /// The comments.
    pub comments: Vec<Comment>,
    /// Other journals' authors named in the file.
    pub peers: Vec<Peer>,
}

/// The kinds of file praxis imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A praxis exchange file of this scope.
    Praxis(Scope),
    /// jrnl's JSON export.
    Jrnl,
    /// tui-journal's JSON file.
    TuiJournal,
    /// tui-journal's transfer file.
    TuiJournalTransfer,
}

/// What a file said about itself.
#[derive(Debug, Clone)]
pub struct About {
    /// Which kind of file it was.
    pub source: Source,
    /// Who exported it (for praxis files).
    pub exported_by: Option<Exporter>,
    /// How it was signed.
    pub sealed: Sealed,
}

/// How a praxis file was signed, once its signature was checked.
#[derive(Debug, Clone, Default)]
pub struct Sealed {
    /// The key whose signature the file carries (checked): `None` for an unsigned file
    /// (version 1, or another tool's), which is read as unverified.
    pub key: Option<PublicKey>,
    /// In a signed backup: the journal's own signing key (its public half is `key`).
    pub identity: Option<Identity>,
}

/// Checks how a file of `version` is signed: a version 2 file must carry a signature by the key
/// in `exported_by` over its checksum; a key in a backup must be the one that signed it.
fn check_seal(
    file: &str,
    version: u32,
    by: &Exporter,
    scope: Scope,
    checksum: &str,
    signature: Option<String>,
    identity: Option<String>,
) -> Result<Sealed, ReadError> {
    let bad = |detail| ReadError::BadSignature {
        file: file.to_string(),
        detail,
    };
    if version < VERSION {
        return Ok(Sealed::default());
    }
    let key = by.key.clone().ok_or_else(|| bad("it names no key"))?;
    let signature = signature.ok_or_else(|| bad("it has no signature"))?;
    if !key.verifies(checksum.as_bytes(), &signature) {
        return Err(bad("the signature does not match"));
    }
    let identity = match identity {
        None => None,
        Some(text) => {
            let identity =
                Identity::from_text(&text).ok_or_else(|| bad("its key is unreadable"))?;
            if scope != Scope::Backup || identity.public() != key {
                return Err(bad("it carries a key that is not its own"));
            }
            Some(identity)
        }
    };
    Ok(Sealed {
        key: Some(key),
        identity,
    })
}

/// Reads an importable file into memory: a praxis exchange file (checked: format, version,
/// checksum, scope) or another tool's export, whose entries become notes by `owner`.
pub fn read(file: &str, text: &str, owner: JournalId) -> Result<Incoming, ReadError> {
    let mut incoming = Incoming {
        source: Source::Jrnl,
        exported_by: None,
        records: Vec::new(),
        comments: Vec::new(),
        peers: Vec::new(),
    };
    match read_into(file, text, owner, &mut incoming) {
        Ok(about) => {
            incoming.source = about.source;
            incoming.exported_by = about.exported_by;
            Ok(incoming)
        }
        Err(Stopped::Read(e)) => Err(e),
        Err(Stopped::Sink(never)) => match never {},
    }
}

impl Sink for Incoming {
    type Error = std::convert::Infallible;

    fn exporter(&mut self, _by: &Exporter, _scope: Scope) -> Result<(), Self::Error> {
        Ok(())
    }

    fn record(&mut self, record: Record) -> Result<(), Self::Error> {
        self.records.push(record);
        Ok(())
    }

    fn comment(&mut self, comment: Comment) -> Result<(), Self::Error> {
        self.comments.push(comment);
        Ok(())
    }

    fn peer(&mut self, peer: Peer) -> Result<(), Self::Error> {
        self.peers.push(peer);
        Ok(())
    }
}

/// Reads an importable file as [`read`] does, handing each record, comment and peer to `sink`
/// as soon as it is read and checked. A praxis file, jrnl's export and tui-journal's files are
/// read as a stream (their records are never all in memory); when the read stops with an
/// error, `sink` may have been given some of the file and has to undo what it did with it.
pub fn read_into<S: Sink>(
    file: &str,
    text: &str,
    owner: JournalId,
    sink: &mut S,
) -> Result<About, Stopped<S::Error>> {
    use serde::Deserializer as _;
    // Some editors and tools on Windows put a byte-order mark first.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reading = stream::Reading::new(file, owner, sink);
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = (&mut de)
        .deserialize_any(stream::FileVisitor(&mut reading))
        .and_then(|()| de.end());
    let praxis = reading.is_praxis();
    let moved_in = reading.handed_entries();
    let in_entry = reading.in_entry;
    match (reading.stop.take(), parsed) {
        (None, Ok(())) if moved_in => {
            // No entry at all: which tool's is all the same.
            let source = reading.moved_in().unwrap_or(Source::Jrnl);
            return Ok(About {
                source,
                exported_by: None,
                sealed: Sealed::default(),
            });
        }
        (None, Ok(())) => {
            let (by, scope, sealed) = reading
                .done
                .take()
                .expect("a finished read says what it read");
            return Ok(About {
                source: Source::Praxis(scope),
                exported_by: Some(by),
                sealed,
            });
        }
        (Some(stream::Stop::Read(e)), _) => return Err(Stopped::Read(e)),
        (Some(stream::Stop::Sink(e)), _) => return Err(Stopped::Sink(e)),
        (Some(stream::Stop::NotStreamable), _) if moved_in => {
            // Entries were handed on already; such a mix is no file praxis knows.
            return Err(Stopped::Read(ReadError::Unknown {
                file: file.to_string(),
            }));
        }
        (Some(stream::Stop::NotStreamable), _) => {}
        (None, Err(e)) if stream::is_syntax(&e) => {
            return Err(Stopped::Read(not_json(file, &e)));
        }
        (None, Err(e)) if moved_in => {
            let e = match in_entry {
                Some((what, 0)) => ReadError::NotEntries {
                    file: file.to_string(),
                    what,
                    detail: format!("its `entries` is not a list of entries ({e})"),
                },
                Some((what, entry)) => ReadError::BadEntry {
                    file: file.to_string(),
                    what,
                    entry,
                    detail: e.to_string(),
                },
                None => ReadError::NotEntries {
                    file: file.to_string(),
                    what: "a jrnl or tui-journal export",
                    detail: format!("a field after its entries is not as the tool writes it ({e})"),
                },
            };
            return Err(Stopped::Read(e));
        }
        (None, Err(e)) if praxis => {
            return Err(Stopped::Read(ReadError::Malformed {
                file: file.to_string(),
                detail: e.to_string(),
            }));
        }
        (None, Err(_)) => {}
    }
    drop(reading);
    // Not a praxis file as praxis writes them: read it whole and look closer.
    let (incoming, sealed) = read_whole(file, text).map_err(Stopped::Read)?;
    if let (Some(by), Source::Praxis(scope)) = (&incoming.exported_by, incoming.source) {
        sink.exporter(by, scope).map_err(Stopped::Sink)?;
    }
    for r in incoming.records {
        sink.record(r).map_err(Stopped::Sink)?;
    }
    for c in incoming.comments {
        sink.comment(c).map_err(Stopped::Sink)?;
    }
    for p in incoming.peers {
        sink.peer(p).map_err(Stopped::Sink)?;
    }
    Ok(About {
        source: incoming.source,
        exported_by: incoming.exported_by,
        sealed,
    })
}

/// Reads a whole praxis file into memory whose fields are not in the order praxis writes them,
/// or says why the file is not one (jrnl's and tui-journal's files were streamed already).
fn read_whole(file: &str, text: &str) -> Result<(Incoming, Sealed), ReadError> {
    let parsed = serde_json::from_str::<ExchangeFile>(text);
    if let Ok(parsed) = parsed
        && parsed.content.format == FORMAT
        && parsed.content.version <= VERSION
    {
        return check_praxis(file, parsed);
    }
    let head = match serde_json::from_str::<Head>(text) {
        Ok(head) => Some(head),
        Err(e) if stream::is_syntax(&e) => return Err(not_json(file, &e)),
        Err(_) => None, // JSON, but not an object like praxis's.
    };
    if let Some(head) = head
        && head.format.as_ref().and_then(|f| f.as_str()) == Some(FORMAT)
    {
        let version = head.version.as_ref().and_then(|v| v.as_u64()).unwrap_or(0);
        if version > u64::from(VERSION) {
            return Err(ReadError::NewerVersion {
                file: file.to_string(),
                found: u32::try_from(version).unwrap_or(u32::MAX),
            });
        }
        // Parsed again from the text so the message can say on which line.
        let detail = match serde_json::from_str::<ExchangeFile>(text) {
            Err(e) => e.to_string(),
            Ok(f) => format!("version {} is not one praxis knows", f.content.version),
        };
        return Err(ReadError::Malformed {
            file: file.to_string(),
            detail,
        });
    }
    Err(ReadError::Unknown {
        file: file.to_string(),
    })
}

/// A praxis file's scope and exporter, read from its header alone (the records are skipped, not
/// kept); `None` if the file is not a praxis file of this version that says them plainly.
pub fn peek(text: &str) -> Option<(Scope, Exporter)> {
    let head: Head = serde_json::from_str(text).ok()?;
    let praxis = head.format.as_ref().and_then(|f| f.as_str()) == Some(FORMAT)
        && head
            .version
            .as_ref()
            .and_then(|v| v.as_u64())
            .is_some_and(|v| (u64::from(UNSIGNED_VERSION)..=u64::from(VERSION)).contains(&v));
    let scope = serde_json::from_value(head.scope?).ok()?;
    let by = serde_json::from_value(head.exported_by?).ok()?;
    praxis.then_some((scope, by))
}

/// The signing key a backup carries, if it carries one whose public half is the key the file
/// names (read from the top-level fields alone; the signature itself is checked on import).
pub fn peek_identity(text: &str) -> Option<Identity> {
    let head: Head = serde_json::from_str(text).ok()?;
    let identity = Identity::from_text(head.identity?.as_str()?)?;
    let by: Exporter = serde_json::from_value(head.exported_by?).ok()?;
    (by.key == Some(identity.public())).then_some(identity)
}

/// The fields that tell a praxis file, its version, scope and exporter, as they stand (so that
/// any JSON object reads); everything else is skipped.
#[derive(Deserialize)]
struct Head {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
    scope: Option<serde_json::Value>,
    exported_by: Option<serde_json::Value>,
    identity: Option<serde_json::Value>,
}

fn check_praxis(file: &str, parsed: ExchangeFile) -> Result<(Incoming, Sealed), ReadError> {
    if parsed.content.version < UNSIGNED_VERSION {
        return Err(ReadError::Malformed {
            file: file.to_string(),
            detail: format!("version {} is not one praxis knows", parsed.content.version),
        });
    }
    if checksum(&parsed.content) != parsed.checksum {
        return Err(ReadError::Tampered {
            file: file.to_string(),
        });
    }
    let sealed = check_seal(
        file,
        parsed.content.version,
        &parsed.content.exported_by,
        parsed.content.scope,
        &parsed.checksum,
        parsed.signature,
        parsed.identity,
    )?;
    let c = parsed.content;
    let wrong = |what: String| ReadError::WrongScope {
        file: file.to_string(),
        scope: c.scope.as_str(),
        what,
    };
    if let Some(e) = c.records.iter().find_map(|r| revision_error(file, r)) {
        return Err(e);
    }
    if let Some(r) = c.records.iter().find(|r| !c.scope.admits(r.visibility)) {
        return Err(wrong(format!(
            "a {} record ({})",
            r.visibility.as_str(),
            r.id
        )));
    }
    if c.scope != Scope::Backup
        && let Some(r) = c.records.iter().find(|r| r.author != c.exported_by.journal)
    {
        return Err(wrong(format!(
            "a record by another journal ({}); only backups carry those",
            r.author
        )));
    }
    let incoming = Incoming {
        source: Source::Praxis(c.scope),
        exported_by: Some(c.exported_by),
        records: c.records,
        comments: c.comments,
        peers: c.peers,
    };
    Ok((incoming, sealed))
}

/// The error for a record whose revision is 0 or above [`MAX_REVISION`](crate::record::MAX_REVISION),
/// if it is one.
fn revision_error(file: &str, r: &Record) -> Option<ReadError> {
    (!(1..=crate::record::MAX_REVISION).contains(&r.revision)).then(|| ReadError::Revision {
        file: file.to_string(),
        id: r.id,
        revision: r.revision,
    })
}

pub use crate::safe_fs::{write_atomically, write_atomically_with};

impl Sink for crate::store::Importer<'_> {
    type Error = crate::store::StoreError;

    fn exporter(&mut self, by: &Exporter, scope: Scope) -> Result<(), Self::Error> {
        crate::store::Importer::exporter(
            self,
            by.journal,
            &by.author_name,
            by.key.as_ref(),
            by.seal_to.as_deref(),
            scope.file_kind(),
        )
    }

    fn record(&mut self, record: Record) -> Result<(), Self::Error> {
        crate::store::Importer::record(self, record)
    }

    fn comment(&mut self, comment: Comment) -> Result<(), Self::Error> {
        crate::store::Importer::comment(self, comment)
    }

    fn peer(&mut self, peer: Peer) -> Result<(), Self::Error> {
        crate::store::Importer::peer(self, peer.journal, &peer.author_name)
    }
}

/// Bringing a file that was read whole into a journal.
pub trait ImportInto {
    /// Imports `incoming`: everything or, on any error or interruption, nothing. With
    /// `dry_run`, only reports.
    fn import(
        &self,
        incoming: &Incoming,
        dry_run: bool,
    ) -> Result<crate::store::ImportReport, crate::store::StoreError>;
}

impl ImportInto for crate::store::Journal {
    fn import(
        &self,
        incoming: &Incoming,
        dry_run: bool,
    ) -> Result<crate::store::ImportReport, crate::store::StoreError> {
        let mut importer = self.importer(dry_run);
        if let (Some(by), Source::Praxis(scope)) = (&incoming.exported_by, incoming.source) {
            Sink::exporter(&mut importer, by, scope)?;
        }
        for r in &incoming.records {
            importer.record(r.clone())?;
        }
        for c in &incoming.comments {
            importer.comment(c.clone())?;
        }
        for p in &incoming.peers {
            importer.peer(p.journal, &p.author_name)?;
        }
        importer.finish()
    }
}

#[cfg(test)]
mod tests;
