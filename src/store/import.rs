//! Importing an exchange file, as it is read: all or nothing (see `guarded`); the same file
//! twice changes nothing; a higher revision replaces the older; same revision with other content is a
//! conflict and both versions stay readable; other journals' records are kept apart.
//!
//! Who may change what is decided here, in [`Importer::may`], from who signed the file (see
//! [`Trust`]): this journal's own records change only through a file signed with its own key
//! (its backups); another journal's records only through a file signed by that journal with the
//! key pinned for it; unsigned files may only add what is new; comments attach and never alter
//! a record; a record deleted here is never brought back.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::guarded::{CHUNK, Change, Guard, Target};
use super::{Journal, StoreError, clash_key, comment_key};
use crate::identity::PublicKey;
use crate::record::{Comment, JournalId, Reach, Record, RecordId, Visibility};

/// How far a file may raise a record's revision at once: beyond it, it is no edit but an attempt
/// to put a record out of its owner's reach.
pub const MAX_REVISION_JUMP: u32 = 1_000_000;

/// The longest comment an import takes, in bytes: a remark, not a document.
pub const MAX_COMMENT: usize = 64 * 1024;

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// New records.
    pub added: usize,
    /// Records replaced by a higher revision.
    pub updated: usize,
    /// Records already there as they are.
    pub unchanged: usize,
    /// Records already there in a higher revision (the older one is not taken).
    pub older: usize,
    /// Records with the same revision but other content: both versions are kept.
    pub conflicts: Vec<RecordId>,
    /// New comments.
    pub comments_added: usize,
    /// Comments already there.
    pub comments_unchanged: usize,
    /// Comments on records this journal does not have (not imported).
    pub comments_orphaned: usize,
    /// Records that stood in the file more than once (the highest revision of each is taken).
    pub repeated: usize,
    /// Records the file may not add or change (see [`Trust`]): left as they are.
    pub refused: usize,
    /// Comments the file may not bring (written in another journal's name or in this one's,
    /// changed since signed, on a record not shared with the file's readers, or too long).
    pub comments_refused: usize,
    /// Comments passed on from writers whose keys are not known here: they cannot be checked
    /// yet, and come with their writers' own files.
    pub comments_unverifiable: usize,
    /// Records deleted in this journal, not brought back.
    pub deleted_here: usize,
    /// A key seen for the first time and pinned: whose, their name, its fingerprint.
    pub pinned: Option<(JournalId, String, String)>,
}

/// What a file is for, as far as trust goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A journal's backup: may bring back its own journal's records.
    Backup,
    /// A learning network's file: may pass on others' comments meant for the network.
    Network,
    /// Anything else (for a mentor, a mentor's comments).
    Other,
}

/// Who stands behind a file, and so what it may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// Another tool's file, moving in: its entries become this journal's records. Adds only.
    MovingIn,
    /// Signed with this journal's own key (its backups, its own exports): may change anything.
    Own,
    /// An unsigned backup that says it is this journal's (from a praxis before keys): adds only.
    OwnUnsigned,
    /// Signed by this other journal, with the key pinned for it: may change its records.
    Signed(JournalId),
    /// Unsigned, saying it is from this other journal: adds only.
    Unsigned(JournalId),
}

/// An import under way: takes records, comments and peers as they are read (the exchange
/// layer hands them over as it reads a file) and writes them a thousand at a time; [`Importer::finish`]
/// makes it final, and anything else (an error, [`Importer::abandon`], a crash) undoes it all.
pub struct Importer<'j> {
    journal: &'j Journal,
    own: JournalId,
    dry_run: bool,
    report: ImportReport,
    /// Records already read from the file, with the highest revision seen of each.
    seen: HashMap<RecordId, u32>,
    trust: Trust,
    /// The key the file is signed with, and whether it may pass on others' comments.
    signer_key: Option<PublicKey>,
    kind: FileKind,
    pending: Vec<Change>,
    guard: Guard<'j>,
}

impl Journal {
    /// Starts an import; with `dry_run` it only counts what it would do.
    pub fn importer(&self, dry_run: bool) -> Importer<'_> {
        Importer {
            journal: self,
            own: self.meta().id,
            dry_run,
            report: ImportReport::default(),
            seen: HashMap::new(),
            trust: Trust::MovingIn,
            signer_key: None,
            kind: FileKind::Other,
            pending: Vec::new(),
            guard: Guard::new(self),
        }
    }

    /// The stored copy of a record: among this journal's own or among the foreign ones.
    fn stored_copy(&self, id: RecordId, own: bool) -> Result<Option<Record>, StoreError> {
        if own {
            return self.get(id);
        }
        self.get_foreign(id)
    }

    /// A record from another journal, if stored.
    pub fn get_foreign(&self, id: RecordId) -> Result<Option<Record>, StoreError> {
        let value = self
            .foreign
            .get(id.to_key())
            .map_err(|e| self.sled_error("read", e))?;
        value.map(|v| self.decode(&v)).transpose()
    }

    /// A record by id, this journal's own or another's.
    pub fn get_any(&self, id: RecordId) -> Result<Option<Record>, StoreError> {
        match self.get(id)? {
            Some(r) => Ok(Some(r)),
            None => self.get_foreign(id),
        }
    }

    /// Every record from other journals, newest first.
    pub fn foreign_newest_first(&self) -> Result<Vec<Record>, StoreError> {
        self.foreign
            .iter()
            .rev()
            .map(|kv| self.decode(&kv.map_err(|e| self.sled_error("read", e))?.1))
            .collect()
    }

    /// Every other journal's author this journal knows of.
    pub fn peers(&self) -> Result<Vec<(JournalId, String)>, StoreError> {
        self.peers
            .iter()
            .map(|kv| {
                let (k, v) = kv.map_err(|e| self.sled_error("read", e))?;
                let id = std::str::from_utf8(&k)
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .map(JournalId)
                    .ok_or_else(|| self.corrupt("a peer key is unreadable"))?;
                Ok((id, String::from_utf8_lossy(&v).into_owned()))
            })
            .collect()
    }

    /// The name another journal's author gave, if known.
    pub fn peer_name(&self, journal: JournalId) -> Option<String> {
        self.peers
            .get(journal.to_string().as_bytes())
            .ok()
            .flatten()
            .map(|v| String::from_utf8_lossy(&v).into_owned())
    }

    /// Versions of a record that arrived in conflict with the stored one.
    pub fn conflicting_versions(&self, id: RecordId) -> Result<Vec<Record>, StoreError> {
        self.conflicts
            .scan_prefix(id.to_key())
            .values()
            .map(|v| self.decode(&v.map_err(|e| self.sled_error("read", e))?))
            .collect()
    }

    /// Every stored comment, oldest first by record.
    pub fn all_comments(&self) -> Result<Vec<Comment>, StoreError> {
        self.comments
            .iter()
            .values()
            .map(|v| self.decode_comment(v))
            .collect()
    }

    /// The records from other journals that pass `filter`, newest first (up to its limit).
    pub fn list_foreign(&self, filter: &crate::filter::Filter) -> Result<Vec<Record>, StoreError> {
        // Read newest first, one at a time, so a limit stops early (a network of a hundred
        // peers holds hundreds of thousands).
        let mut found = Vec::new();
        for kv in self.foreign.iter().rev() {
            if found.len() >= filter.limit.unwrap_or(usize::MAX) {
                break;
            }
            let record = self.decode(&kv.map_err(|e| self.sled_error("read", e))?.1)?;
            if filter.matches(&record) {
                found.push(record);
            }
        }
        Ok(found)
    }

    /// Resolves an id prefix among this journal's records and then other journals'.
    pub fn resolve_any(&self, prefix: &str) -> Result<RecordId, StoreError> {
        match self.resolve(prefix) {
            Err(StoreError::NotFound { .. }) => self.resolve_in(&self.foreign, prefix),
            other => other,
        }
    }
}

impl Importer<'_> {
    /// Writes what is pending and makes the import final; durable on return.
    pub fn finish(mut self) -> Result<ImportReport, StoreError> {
        self.write_pending()?;
        let Importer { guard, report, .. } = self;
        guard.commit()?;
        Ok(report)
    }

    /// Undoes whatever the import wrote so far.
    pub fn abandon(self) -> Result<(), StoreError> {
        self.guard.roll_back()
    }

    fn take(&mut self, change: Change) -> Result<(), StoreError> {
        if self.dry_run {
            return Ok(());
        }
        self.pending.push(change);
        if self.pending.len() >= CHUNK {
            self.write_pending()?;
        }
        Ok(())
    }

    fn write_pending(&mut self) -> Result<(), StoreError> {
        self.guard.apply(&mut self.pending)?;
        self.pending.clear();
        Ok(())
    }

    /// Whether a key is already stored or waiting to be written.
    fn has(&self, target: Target, key: &[u8]) -> Result<bool, StoreError> {
        let stored = self
            .journal
            .target_tree(target)
            .contains_key(key)
            .map_err(|e| self.journal.sled_error("read", e))?;
        Ok(stored
            || self
                .pending
                .iter()
                .any(|c| c.target == target && c.key == key))
    }

    /// Notes another journal's author's name: a name already known changes only through a file
    /// that journal signed (or this journal's own backup).
    fn name_peer(&mut self, journal: JournalId, name: &str) -> Result<(), StoreError> {
        let name = &crate::text::one_line(name);
        let key = journal.to_string().into_bytes();
        let known = self
            .journal
            .peers
            .get(&key)
            .map_err(|e| self.journal.sled_error("read", e))?;
        let may_rename = matches!(self.trust, Trust::Own)
            || self.trust == Trust::Signed(journal)
            || known.is_none();
        if journal != self.own && known.as_deref() != Some(name.as_bytes()) && may_rename {
            self.take(Change::bytes(Target::Peers, key, name.as_bytes().to_vec()))?;
        }
        Ok(())
    }

    /// Whether the file may add (`exists` false) or change (`exists` true) a record by
    /// `author`. The one place the trust rules live.
    fn may(&self, author: JournalId, exists: bool) -> bool {
        let own = author == self.own;
        match (self.trust, own, exists) {
            (Trust::Own, _, _) => true,
            (Trust::MovingIn | Trust::OwnUnsigned, true, false) => true,
            (Trust::OwnUnsigned, false, false) => true,
            (Trust::Signed(by), false, true) => by == author,
            (Trust::Signed(_) | Trust::Unsigned(_), false, false) => true,
            _ => false,
        }
    }
}

impl Importer<'_> {
    /// The journal that wrote the file, its author's name, the key it is signed with (checked
    /// by the reader: a wrong signature fails the whole import), and whether it is a backup;
    /// comes before any record. Refuses a file that says it is this journal's but is not signed
    /// with its key, and one signed by a key other than the one pinned for its journal.
    pub fn exporter(
        &mut self,
        journal: JournalId,
        author_name: &str,
        key: Option<&PublicKey>,
        seal_to: Option<&str>,
        kind: FileKind,
    ) -> Result<(), StoreError> {
        let backup = kind == FileKind::Backup;
        self.kind = kind;
        self.signer_key = key.cloned();
        let own_key = self.journal.identity().public();
        self.trust = if journal == self.own {
            match key {
                Some(k) if *k == own_key => Trust::Own,
                // A backup from a praxis before keys: only into a journal being restored or
                // rebuilt, never over a journal in use.
                None if backup && self.journal.takes_unsigned_backups() => Trust::OwnUnsigned,
                _ => {
                    return Err(StoreError::NotYours {
                        signed: key.is_some(),
                        backup,
                    });
                }
            }
        } else {
            match key {
                None => Trust::Unsigned(journal),
                Some(k) => {
                    // The pinned key, and the age key a signed file gives for sealing files for
                    // its journal, kept together.
                    let entry = match seal_to {
                        Some(age) if age.starts_with("age1") && !age.contains('\n') => {
                            format!("{}\n{age}", k.as_str())
                        }
                        _ => k.as_str().to_string(),
                    };
                    let stored = self
                        .journal
                        .keys
                        .get(journal.to_string().as_bytes())
                        .map_err(|e| self.journal.sled_error("read", e))?;
                    match self.journal.pinned_key(journal)? {
                        Some(pinned) if pinned == *k => {
                            if stored.as_deref() != Some(entry.as_bytes()) && seal_to.is_some() {
                                self.take(Change::bytes(
                                    Target::Keys,
                                    journal.to_string().into_bytes(),
                                    entry.into_bytes(),
                                ))?;
                            }
                        }
                        Some(pinned) => {
                            return Err(StoreError::KeyChanged {
                                journal,
                                name: author_name.to_string(),
                                pinned: pinned.fingerprint(),
                                found: k.fingerprint(),
                            });
                        }
                        None => {
                            self.report.pinned =
                                Some((journal, author_name.to_string(), k.fingerprint()));
                            self.take(Change::bytes(
                                Target::Keys,
                                journal.to_string().into_bytes(),
                                entry.into_bytes(),
                            ))?;
                        }
                    }
                    Trust::Signed(journal)
                }
            }
        };
        self.name_peer(journal, author_name)
    }

    /// How far the file is trusted (after [`Importer::exporter`]).
    pub fn trust(&self) -> Trust {
        self.trust
    }

    /// One record from the file.
    pub fn record(&mut self, r: Record) -> Result<(), StoreError> {
        let own = r.author == self.own;
        let target = if own {
            Target::Records
        } else {
            Target::Foreign
        };
        if let Some(&first) = self.seen.get(&r.id) {
            // The same record again: a higher revision wins over what was read before.
            self.report.repeated += 1;
            if r.revision <= first {
                return Ok(());
            }
            self.seen.insert(r.id, r.revision);
            let stored = self.journal.stored_copy(r.id, own)?;
            if stored.is_none_or(|e| r.revision > e.revision) {
                let key = r.id.to_key().into_bytes();
                self.pending
                    .retain(|c| !(c.target == target && c.key == key));
                self.take(Change::record(target, r))?;
            }
            return Ok(());
        }
        self.seen.insert(r.id, r.revision);
        if own && self.journal.was_deleted(r.id)? {
            self.report.deleted_here += 1;
            return Ok(());
        }
        let stored = self.journal.stored_copy(r.id, own)?;
        if let Some(e) = &stored
            && r.revision > e.revision.saturating_add(MAX_REVISION_JUMP)
        {
            return Err(StoreError::RevisionJump {
                id: r.id,
                stored: e.revision,
                found: r.revision,
            });
        }
        if stored.as_ref() != Some(&r) && !self.may(r.author, stored.is_some()) {
            self.report.refused += 1;
            return Ok(());
        }
        let report = &mut self.report;
        let take = match stored {
            None => {
                report.added += 1;
                true
            }
            Some(e) if e == r => {
                report.unchanged += 1;
                false
            }
            Some(e) if r.revision > e.revision => {
                report.updated += 1;
                true
            }
            Some(e) if r.revision < e.revision => {
                report.older += 1;
                false
            }
            Some(_) => {
                let key = conflict_key(&r);
                if self.has(Target::Conflicts, &key)? {
                    self.report.unchanged += 1;
                } else {
                    self.report.conflicts.push(r.id);
                    let json = serde_json::to_vec(&r).expect("record serialises");
                    self.take(Change::bytes(Target::Conflicts, key, json))?;
                }
                false
            }
        };
        if take {
            self.take(Change::record(target, r))?;
        }
        Ok(())
    }

    /// One comment from the file.
    pub fn comment(&mut self, c: Comment) -> Result<(), StoreError> {
        let on = match self.seen.get(&c.on) {
            // A record of this file: its scope admitted it, so the comment may go with it.
            Some(_) => Some(None),
            None => self.journal.get_any(c.on)?.map(|r| Some(r.visibility)),
        };
        let Some(visibility) = on else {
            self.report.comments_orphaned += 1;
            return Ok(());
        };
        match self.may_comment(&c, visibility)? {
            Verdict::Refused => {
                self.report.comments_refused += 1;
                return Ok(());
            }
            Verdict::CannotCheck => {
                self.report.comments_unverifiable += 1;
                return Ok(());
            }
            Verdict::Take => {}
        }
        // Kept under its record and id; when another writer's comment already holds that id
        // (a clash, perhaps made on purpose to hide it), under its writer too, so neither
        // hides the other.
        let plain = comment_key(&c);
        let (key, here) = match self.comment_at(&plain)? {
            Some(there) if there.author != c.author => {
                let key = clash_key(&c);
                let here = self.has(Target::Comments, &key)?;
                (key, here)
            }
            there => (plain, there.is_some()),
        };
        if here {
            self.report.comments_unchanged += 1;
        } else {
            self.report.comments_added += 1;
            let json = serde_json::to_vec(&c).expect("comment serialises");
            self.take(Change::bytes(Target::Comments, key, json))?;
        }
        Ok(())
    }

    /// The comment stored or waiting to be written under `key`.
    fn comment_at(&self, key: &[u8]) -> Result<Option<Comment>, StoreError> {
        let pending = self
            .pending
            .iter()
            .rev()
            .find(|c| c.target == Target::Comments && c.key == key)
            .map(|c| c.value.clone());
        let value = match pending {
            Some(v) => Some(v),
            None => self
                .journal
                .comments
                .get(key)
                .map_err(|e| self.journal.sled_error("read", e))?
                .map(|v| v.to_vec()),
        };
        Ok(value.and_then(|v| serde_json::from_slice(&v).ok()))
    }

    /// Whether the file may bring comment `c`: the rules for comments, in one place. A comment
    /// is only ever in its writer's name. This journal's own backups bring anything. A signed
    /// file brings its signer's comments (a signature of the comment's own, where there is one,
    /// must be right), and — a network file only — comments it passes on from others, each
    /// meant for the network and signed by its writer's key: this journal's own, or the one
    /// pinned for the writer. An unsigned file brings its writer's comments, never this
    /// journal's.
    ///
    /// Outside a backup, a comment must also be on a record its file's readers were shared: a
    /// network file's on network records, a mentor's on mentor or network records (`on` is the
    /// record's visibility, `None` for a record of this file), and no longer than
    /// [`MAX_COMMENT`].
    fn may_comment(&self, c: &Comment, on: Option<Visibility>) -> Result<Verdict, StoreError> {
        use Verdict::{CannotCheck, Refused, Take};
        if matches!(self.trust, Trust::Own | Trust::OwnUnsigned) {
            return Ok(Take);
        }
        let shared = match (self.kind, on) {
            (_, None) | (FileKind::Backup, _) => true,
            (FileKind::Network, Some(v)) => v == Visibility::Network,
            (FileKind::Other, Some(v)) => v != Visibility::Private,
        };
        if !shared || c.text.len() > MAX_COMMENT {
            return Ok(Refused);
        }
        let fair = |yes: bool| if yes { Take } else { Refused };
        Ok(match self.trust {
            Trust::Own | Trust::OwnUnsigned => Take,
            Trust::MovingIn => Refused,
            Trust::Unsigned(by) => fair(c.author == by && c.author != self.own),
            Trust::Signed(by) if c.author == by => match (&c.signature, &self.signer_key) {
                (None, _) => Take,
                (Some(_), Some(key)) => fair(c.is_signed_by(key)),
                (Some(_), None) => Refused,
            },
            Trust::Signed(_) => {
                if self.kind != FileKind::Network || c.reach != Reach::Network {
                    return Ok(Refused);
                }
                let writer = if c.author == self.own {
                    Some(self.journal.identity().public())
                } else {
                    self.journal.pinned_key(c.author)?
                };
                match writer {
                    // Passed on from a writer whose key is not known here: it comes with the
                    // writer's own file.
                    None => CannotCheck,
                    Some(k) => fair(c.is_signed_by(&k)),
                }
            }
        })
    }

    /// Another journal's author named in the file.
    pub fn peer(&mut self, journal: JournalId, author_name: &str) -> Result<(), StoreError> {
        self.name_peer(journal, author_name)
    }
}

/// What the trust rules say of one comment.
enum Verdict {
    /// It may come in.
    Take,
    /// It may not: in someone else's name, changed, on a record not shared, or too long.
    Refused,
    /// Passed on from a writer whose key is not known here, so it cannot be checked yet.
    CannotCheck,
}

/// id + the hash of the conflicting version, so the same version is kept once.
fn conflict_key(r: &Record) -> Vec<u8> {
    let json = serde_json::to_vec(r).expect("record serialises");
    let digest = Sha256::digest(&json);
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    [r.id.to_key(), hex].concat().into_bytes()
}
