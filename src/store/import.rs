//! Importing an exchange file: all or nothing in one transaction; the same file twice changes
//! nothing; a higher revision replaces the older; same revision with other content is a
//! conflict and both versions stay readable; other journals' records are kept apart.

use std::collections::HashSet;

use sha2::{Digest, Sha256};

use super::guarded::{Change, Target, Value};
use super::{Journal, StoreError, comment_key};
use crate::exchange::Incoming;
use crate::record::{Comment, JournalId, Record, RecordId};

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
}

impl Journal {
    /// Imports `incoming`: everything or, on any error or interruption, nothing (see
    /// `guarded`). With `dry_run`, only reports.
    pub fn import(&self, incoming: &Incoming, dry_run: bool) -> Result<ImportReport, StoreError> {
        let own = self.meta().id;
        let mut report = ImportReport::default();
        let mut changes = Vec::new();
        let mut seen: HashSet<RecordId> = HashSet::new();
        for r in &incoming.records {
            if !seen.insert(r.id) {
                continue;
            }
            let target = if r.author == own {
                Target::Records
            } else {
                Target::Foreign
            };
            let take = match self.stored_copy(r.id, r.author == own)? {
                None => {
                    report.added += 1;
                    true
                }
                Some(e) if e == *r => {
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
                    let key = conflict_key(r);
                    if self
                        .conflicts
                        .contains_key(&key)
                        .map_err(|e| self.sled_error("read", e))?
                    {
                        report.unchanged += 1;
                    } else {
                        report.conflicts.push(r.id);
                        changes.push(Change {
                            target: Target::Conflicts,
                            key,
                            value: Value::Record(r),
                        });
                    }
                    false
                }
            };
            if take {
                changes.push(Change {
                    target,
                    key: r.id.to_key().into_bytes(),
                    value: Value::Record(r),
                });
            }
        }
        for c in &incoming.comments {
            let key = comment_key(c);
            if self
                .comments
                .contains_key(&key)
                .map_err(|e| self.sled_error("read", e))?
            {
                report.comments_unchanged += 1;
            } else if seen.contains(&c.on) || self.get_any(c.on)?.is_some() {
                report.comments_added += 1;
                changes.push(Change {
                    target: Target::Comments,
                    key,
                    value: Value::Comment(c),
                });
            } else {
                report.comments_orphaned += 1;
            }
        }
        if dry_run {
            return Ok(report);
        }
        let peer = incoming
            .exported_by
            .as_ref()
            .map(|by| (by.journal, by.author_name.as_str()));
        let named = incoming
            .peers
            .iter()
            .map(|p| (p.journal, p.author_name.as_str()));
        for (journal, name) in peer.into_iter().chain(named) {
            let key = journal.to_string().into_bytes();
            let known = self
                .peers
                .get(&key)
                .map_err(|e| self.sled_error("read", e))?;
            if journal != own && known.as_deref() != Some(name.as_bytes()) {
                changes.push(Change {
                    target: Target::Peers,
                    key,
                    value: Value::Bytes(name.as_bytes().to_vec()),
                });
            }
        }
        self.apply_guarded(&changes)?;
        Ok(report)
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
    pub fn list_foreign(&self, filter: &crate::query::Filter) -> Result<Vec<Record>, StoreError> {
        let mut found: Vec<Record> = self
            .foreign_newest_first()?
            .into_iter()
            .filter(|r| filter.matches(r))
            .collect();
        found.truncate(filter.limit.unwrap_or(usize::MAX));
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

/// id + the hash of the conflicting version, so the same version is kept once.
fn conflict_key(r: &Record) -> Vec<u8> {
    let json = serde_json::to_vec(r).expect("record serialises");
    let digest = Sha256::digest(&json);
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    [r.id.to_key(), hex].concat().into_bytes()
}
