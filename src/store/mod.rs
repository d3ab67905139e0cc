//! The journal on disk: one sled database per journal, typed access to records, indexes for
//! kind, tag and links, a stored schema version, one process at a time, and every save flushed
//! before it returns.

mod error;
mod guarded;
mod import;
mod lock;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use sled::{Transactional, Tree};

pub use error::StoreError;
pub use import::{ImportReport, Importer};
pub use lock::JournalLock;

use crate::flow::{Draft, Finished};
use crate::journal::{JournalMeta, SCHEMA_VERSION};
use crate::query::Filter;
use crate::record::{Comment, Content, Kind, Record, RecordId};

/// sled's page cache, kept small: the default (1 GB) inflates memory for no gain here.
const CACHE_BYTES: u64 = 16 * 1024 * 1024;
/// The shortest id prefix lists show.
const MIN_SHORT_ID: usize = 8;
const KEY_LEN: usize = 26;

/// Saves are refused below this much free disk space (see `ensure_room`).
pub const MIN_FREE_BYTES: u64 = 2 * 1024 * 1024;

const META_SCHEMA: &[u8] = b"schema";
const META_JOURNAL: &[u8] = b"journal";
const META_DRAFT: &[u8] = b"draft";
const META_INDEXES: &[u8] = b"indexes";
/// The layout of the index trees; a journal whose indexes have another is re-indexed on open.
const INDEX_VERSION: u32 = 2;

/// An open journal. Holds the lock file until dropped.
pub struct Journal {
    dir: PathBuf,
    db: sled::Db,
    meta_tree: Tree,
    records: Tree,
    by_kind: Tree,
    by_tag: Tree,
    by_link: Tree,
    by_due: Tree,
    comments: Tree,
    /// Records from other journals (imported), kept apart and read-only; no indexes.
    foreign: Tree,
    /// Versions that arrived with the same revision as a stored record but other content.
    conflicts: Tree,
    /// Other journals' authors' names, by journal id.
    peers: Tree,
    /// The undo log of a large write under way (see `guarded`).
    undo: Tree,
    /// Whether opening undid a large write that was cut off.
    undone: bool,
    meta: JournalMeta,
    _lock: JournalLock,
}

/// What a delete did.
#[derive(Debug)]
pub struct Deleted {
    /// The record that is gone.
    pub record: Record,
    /// Records that were linked to it and no longer are (they stay in the journal).
    pub detached: Vec<RecordId>,
    /// How many comments on it went with it.
    pub comments: usize,
}

type TxResult<T> = Result<T, ConflictableTransactionError<StoreError>>;

impl Journal {
    /// Opens the journal in `dir`; refuses a missing, locked, newer or damaged journal.
    pub fn open(dir: &Path) -> Result<Journal, StoreError> {
        let db_path = dir.join("db");
        if !db_path.exists() {
            return Err(if folder_has_files_besides_lock(dir) {
                StoreError::NotAJournal {
                    dir: dir.to_path_buf(),
                }
            } else {
                StoreError::NoJournal {
                    dir: dir.to_path_buf(),
                }
            });
        }
        let lock = JournalLock::acquire(dir)?;
        let db = open_sled(dir)?;
        let journal = Journal::from_db(dir, db, lock)?;
        Ok(journal)
    }

    /// Makes a new journal in `dir` (created if needed) described by `meta`.
    pub fn create(dir: &Path, meta: JournalMeta) -> Result<Journal, StoreError> {
        let io = |action, source| StoreError::Io {
            action,
            dir: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(|e| io("create", e))?;
        if !dir.join("db").exists() && folder_has_files_besides_lock(dir) {
            return Err(StoreError::NotAJournal {
                dir: dir.to_path_buf(),
            });
        }
        let lock = JournalLock::acquire(dir)?;
        let db = open_sled(dir)?;
        let meta_tree = db
            .open_tree("meta")
            .map_err(|e| sled_error(dir, "create", e))?;
        let has_records = db
            .open_tree("records")
            .map(|t| !t.is_empty())
            .unwrap_or(true);
        if meta_tree.get(META_SCHEMA).ok().flatten().is_some() || has_records {
            return Err(StoreError::AlreadyExists {
                dir: dir.to_path_buf(),
            });
        }
        let json = serde_json::to_vec(&meta).expect("journal meta serialises");
        // The description goes first, the schema last: a journal without a schema is unfinished.
        meta_tree
            .insert(META_JOURNAL, json)
            .map_err(|e| sled_error(dir, "create", e))?;
        meta_tree
            .insert(META_SCHEMA, &SCHEMA_VERSION.to_be_bytes())
            .map_err(|e| sled_error(dir, "create", e))?;
        db.flush().map_err(|e| sled_error(dir, "create", e))?;
        Journal::from_db(dir, db, lock)
    }

    fn from_db(dir: &Path, db: sled::Db, lock: JournalLock) -> Result<Journal, StoreError> {
        let tree = |name: &str| db.open_tree(name).map_err(|e| sled_error(dir, "open", e));
        let meta_tree = tree("meta")?;
        let records = tree("records")?;
        let corrupt = |detail: String| StoreError::corrupt(dir, detail);
        let schema = meta_tree
            .get(META_SCHEMA)
            .map_err(|e| sled_error(dir, "open", e))?;
        let Some(schema) = schema else {
            return Err(if records.is_empty() {
                // Creation was cut off before it finished: nothing was ever saved here.
                StoreError::NoJournal {
                    dir: dir.to_path_buf(),
                }
            } else {
                corrupt("its schema version is missing".into())
            });
        };
        let found = <[u8; 4]>::try_from(schema.as_ref())
            .map(u32::from_be_bytes)
            .map_err(|_| corrupt("its schema version is unreadable".into()))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                dir: dir.to_path_buf(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        let meta = meta_tree
            .get(META_JOURNAL)
            .map_err(|e| sled_error(dir, "open", e))?
            .ok_or_else(|| corrupt("its description is missing".into()))?;
        let meta: JournalMeta = serde_json::from_slice(&meta)
            .map_err(|e| corrupt(format!("its description is unreadable: {e}")))?;
        let journal = Journal {
            dir: dir.to_path_buf(),
            meta_tree,
            records,
            by_kind: tree("by_kind")?,
            by_tag: tree("by_tag")?,
            by_link: tree("by_link")?,
            by_due: tree("by_due")?,
            comments: tree("comments")?,
            foreign: tree("foreign")?,
            conflicts: tree("conflicts")?,
            peers: tree("peers")?,
            undo: tree("undo")?,
            undone: false,
            meta,
            db,
            _lock: lock,
        };
        let mut journal = journal;
        journal.undone = journal.recover()?;
        journal.ensure_indexes()?;
        Ok(journal)
    }

    /// Rebuilds every index from the records when they were built by another version of this
    /// code (or never); the records themselves are not touched.
    fn ensure_indexes(&self) -> Result<(), StoreError> {
        let stored = self
            .meta_tree
            .get(META_INDEXES)
            .map_err(|e| self.sled_error("open", e))?;
        if stored.as_deref() == Some(&INDEX_VERSION.to_be_bytes()[..]) {
            return Ok(());
        }
        let fail = |e| self.sled_error("open", e);
        for index in Index::ALL {
            self.index_tree(index).clear().map_err(fail)?;
        }
        let mut batches: Vec<sled::Batch> =
            Index::ALL.iter().map(|_| sled::Batch::default()).collect();
        let mut pending = 0;
        let mut records = self.newest_first().peekable();
        while let Some(record) = records.next() {
            for (index, key) in index_keys(&record?) {
                batches[index as usize].insert(key, &[]);
            }
            pending += 1;
            if pending == 1000 || records.peek().is_none() {
                pending = 0;
                for (index, batch) in Index::ALL.into_iter().zip(batches.iter_mut()) {
                    self.index_tree(index)
                        .apply_batch(std::mem::take(batch))
                        .map_err(fail)?;
                }
            }
        }
        self.meta_tree
            .insert(META_INDEXES, &INDEX_VERSION.to_be_bytes())
            .map_err(|e| self.sled_error("open", e))?;
        self.flush()
    }

    /// Makes the next open rebuild the indexes.
    fn forget_indexes(&self) -> Result<(), StoreError> {
        self.meta_tree
            .remove(META_INDEXES)
            .map_err(|e| self.sled_error("open", e))?;
        Ok(())
    }

    /// Whether opening undid an import or restore that was cut off (killed, or the machine
    /// stopped) before it finished: nothing of it is in the journal.
    pub fn undid_an_interrupted_import(&self) -> bool {
        self.undone
    }

    /// The folder this journal lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The journal's description.
    pub fn meta(&self) -> &JournalMeta {
        &self.meta
    }

    /// Changes the journal's description (author name, language); durable on return.
    pub fn set_meta(&mut self, meta: JournalMeta) -> Result<(), StoreError> {
        self.ensure_room()?;
        let json = serde_json::to_vec(&meta).expect("journal meta serialises");
        self.meta_tree
            .insert(META_JOURNAL, json)
            .map_err(|e| self.sled_error("save", e))?;
        self.flush()?;
        self.meta = meta;
        Ok(())
    }

    /// How many records the journal holds.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the journal holds no records.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Saves a new record; durable on return.
    pub fn insert(&self, record: &Record) -> Result<(), StoreError> {
        self.write(record, false)
    }

    /// Saves many new records at once (generated journals, the demo): all of them or, if
    /// interrupted, none (see `guarded`); durable on return. Refuses ids already stored.
    pub fn insert_batch(&self, records: &[Record]) -> Result<(), StoreError> {
        for r in records {
            if self
                .records
                .contains_key(r.id.to_key())
                .map_err(|e| self.sled_error("read", e))?
            {
                return Err(StoreError::Duplicate { id: r.id.to_key() });
            }
        }
        let mut guard = guarded::Guard::new(self);
        for chunk in records.chunks(guarded::CHUNK) {
            let changes: Vec<_> = chunk
                .iter()
                .map(|r| guarded::Change::record(guarded::Target::Records, r))
                .collect();
            guard.apply(&changes)?;
        }
        guard.commit()
    }

    /// Saves a changed record over its older version; durable on return.
    pub fn update(&self, record: &Record) -> Result<(), StoreError> {
        self.write(record, true)
    }

    fn write(&self, record: &Record, replace: bool) -> Result<(), StoreError> {
        let key = record.id.to_key();
        let exists = self
            .records
            .contains_key(&key)
            .map_err(|e| self.sled_error("read", e))?;
        if exists != replace {
            return Err(if replace {
                StoreError::NotFound { prefix: key }
            } else {
                StoreError::Duplicate { id: key }
            });
        }
        self.transact(|t| {
            let old = t.records.get(&key)?;
            let old = old.map(|v| self.decode_tx(&v)).transpose()?;
            t.put(old.as_ref(), Some(record))
        })?;
        self.flush()
    }

    /// Removes a record, its comments, and the links other records had to it; durable on return.
    pub fn delete(&self, id: RecordId) -> Result<Deleted, StoreError> {
        let record = self.get(id)?.ok_or_else(|| StoreError::NotFound {
            prefix: id.to_key(),
        })?;
        let linked = self.linked_to(id)?;
        let mut detached = Vec::new();
        for child_id in linked {
            let Some(mut child) = self.get(child_id)? else {
                continue;
            };
            let old = child.clone();
            unlink(&mut child, id);
            if child != old {
                // At the highest revision the link still goes, at the same revision.
                let _ = child.touch(record.updated.max(child.updated));
                detached.push((old, child));
            }
        }
        let comment_keys: Vec<sled::IVec> = self
            .comments
            .scan_prefix(id.to_key())
            .keys()
            .collect::<Result<_, _>>()
            .map_err(|e| self.sled_error("read", e))?;
        self.transact(|t| {
            t.put(Some(&record), None)?;
            for (old, new) in &detached {
                t.put(Some(old), Some(new))?;
            }
            for key in &comment_keys {
                t.comments.remove(key)?;
            }
            Ok(())
        })?;
        self.flush()?;
        Ok(Deleted {
            record,
            detached: detached.into_iter().map(|(_, new)| new.id).collect(),
            comments: comment_keys.len(),
        })
    }

    /// The record with this id, if stored.
    pub fn get(&self, id: RecordId) -> Result<Option<Record>, StoreError> {
        let value = self
            .records
            .get(id.to_key())
            .map_err(|e| self.sled_error("read", e))?;
        value.map(|v| self.decode(&v)).transpose()
    }

    /// The one record whose id starts with `prefix` (case-insensitive).
    pub fn resolve(&self, prefix: &str) -> Result<RecordId, StoreError> {
        self.resolve_in(&self.records, prefix)
    }

    /// The one key in `tree` that starts with `prefix` (case-insensitive).
    fn resolve_in(&self, tree: &Tree, prefix: &str) -> Result<RecordId, StoreError> {
        let wanted = prefix.trim().to_ascii_uppercase();
        let not_found = || StoreError::NotFound {
            prefix: prefix.trim().to_string(),
        };
        if wanted.is_empty() || wanted.len() > KEY_LEN {
            return Err(not_found());
        }
        let found: Vec<sled::IVec> = tree
            .scan_prefix(wanted.as_bytes())
            .keys()
            .take(4)
            .collect::<Result<_, _>>()
            .map_err(|e| self.sled_error("read", e))?;
        match found.as_slice() {
            [] => Err(not_found()),
            [one] => parse_key(one).ok_or_else(|| self.corrupt("a record key is unreadable")),
            many => Err(StoreError::Ambiguous {
                prefix: prefix.trim().to_string(),
                candidates: many
                    .iter()
                    .take(3)
                    .map(|k| String::from_utf8_lossy(k).into_owned())
                    .collect(),
            }),
        }
    }

    /// The shortest prefix of `id` (at least 8 characters) that no other record shares.
    pub fn short_id(&self, id: RecordId) -> String {
        let key = id.to_key();
        // Another journal's record is told apart from the others of its kind.
        let tree = if self.foreign.contains_key(&key).unwrap_or(false) {
            &self.foreign
        } else {
            &self.records
        };
        let before = tree.range(..key.as_bytes()).next_back();
        let after = tree.range(key.as_bytes()..).find(|kv| {
            kv.as_ref()
                .map(|(k, _)| k != key.as_bytes())
                .unwrap_or(true)
        });
        let shared = [before, after]
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|(k, _)| common_prefix(&k, key.as_bytes()))
            .max()
            .unwrap_or(0);
        key[..(shared + 1).clamp(MIN_SHORT_ID, KEY_LEN)].to_string()
    }

    /// Every record, newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = Result<Record, StoreError>> + '_ {
        self.records.iter().rev().map(move |kv| {
            let (_, v) = kv.map_err(|e| self.sled_error("read", e))?;
            self.decode(&v)
        })
    }

    /// Every record of this journal, oldest first (as exports list them).
    pub fn oldest_first(&self) -> impl Iterator<Item = Result<Record, StoreError>> + '_ {
        self.records.iter().map(move |kv| {
            let (_, v) = kv.map_err(|e| self.sled_error("read", e))?;
            self.decode(&v)
        })
    }

    /// This journal's records and other journals' (kept apart), merged oldest first by id.
    pub fn all_oldest_first(&self) -> impl Iterator<Item = Result<Record, StoreError>> + '_ {
        let mut own = self.records.iter().peekable();
        let mut foreign = self.foreign.iter().peekable();
        std::iter::from_fn(move || {
            let key = |kv: Option<&sled::Result<(sled::IVec, sled::IVec)>>| {
                kv.map(|kv| kv.as_ref().map(|(k, _)| k.clone()).ok())
            };
            let next = match (key(own.peek()), key(foreign.peek())) {
                (None, None) => return None,
                (Some(_), None) => own.next(),
                (None, Some(_)) => foreign.next(),
                // An error is handed on at once; otherwise the smaller id goes first.
                (Some(None), _) => own.next(),
                (_, Some(None)) => foreign.next(),
                (Some(Some(a)), Some(Some(b))) if a <= b => own.next(),
                _ => foreign.next(),
            }?;
            Some(
                next.map_err(|e| self.sled_error("read", e))
                    .and_then(|(_, v)| self.decode(&v)),
            )
        })
    }

    /// A handle that reads records from another thread (e.g. a search worker).
    pub fn reader(&self) -> RecordReader {
        RecordReader {
            records: self.records.clone(),
            foreign: self.foreign.clone(),
        }
    }

    /// The records that pass `filter`, newest first, using the narrowest index it allows.
    pub fn list(&self, filter: &Filter) -> Result<Vec<Record>, StoreError> {
        let limit = filter.limit.unwrap_or(usize::MAX);
        // Ids carry their creation time, so walking newest first can stop a day (a margin for
        // time zones) before `since`.
        let oldest_ms = filter.since.map(|d| {
            d.and_hms_opt(0, 0, 0)
                .expect("midnight exists")
                .and_utc()
                .timestamp_millis()
                .saturating_sub(86_400_000)
        });
        let mut out = Vec::new();
        let mut keep = |record: Record| {
            if oldest_ms.is_some_and(|ms| (record.id.0.timestamp_ms() as i64) < ms) {
                return false;
            }
            if filter.matches(&record) {
                out.push(record);
            }
            out.len() < limit
        };
        // Newest first from the narrowest index, read lazily so a limit or `since` stops early.
        let newest_ids: Box<dyn Iterator<Item = Result<RecordId, StoreError>> + '_> =
            if let Some(cycle) = filter.cycle {
                let mut ids = self.index_ids(&self.by_link, cycle.to_key().as_bytes())?;
                ids.push(cycle);
                ids.sort();
                ids.dedup();
                Box::new(ids.into_iter().rev().map(Ok))
            } else if let Some(tag) = &filter.tag {
                Box::new(self.index_newest_first(&self.by_tag, tag_prefix(tag)))
            } else if let Some(k) = filter.kind {
                Box::new(self.index_newest_first(&self.by_kind, vec![k.code()]))
            } else {
                for record in self.newest_first() {
                    if !keep(record?) {
                        break;
                    }
                }
                return Ok(out);
            };
        for id in newest_ids {
            let Some(record) = self.get(id?)? else {
                continue;
            };
            if !keep(record) {
                break;
            }
        }
        Ok(out)
    }

    /// The record ids under `prefix` in an index, newest first, read as they are needed.
    fn index_newest_first(
        &self,
        tree: &Tree,
        prefix: Vec<u8>,
    ) -> impl Iterator<Item = Result<RecordId, StoreError>> + '_ {
        tree.scan_prefix(prefix).keys().rev().map(move |key| {
            let key = key.map_err(|e| self.sled_error("read", e))?;
            parse_key(&key[key.len() - KEY_LEN..])
                .ok_or_else(|| self.corrupt("an index key is unreadable"))
        })
    }

    /// When each record was made, newest first, read from the ids alone (no record is decoded).
    pub fn creation_times_newest_first(&self) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        // Read from the kind index, whose entries are small, not from the records: a long
        // streak walks far back. The kinds' newest-first runs are merged as they are read.
        let mut runs: Vec<std::iter::Peekable<Box<dyn Iterator<Item = RecordId>>>> = Kind::ALL
            .iter()
            .map(|k| {
                let run: Box<dyn Iterator<Item = RecordId>> = Box::new(
                    self.by_kind
                        .scan_prefix([k.code()])
                        .keys()
                        .rev()
                        .filter_map(|key| parse_key(key.ok()?.get(1..)?)),
                );
                run.peekable()
            })
            .collect();
        std::iter::from_fn(move || {
            let (_, newest) = runs
                .iter_mut()
                .enumerate()
                .filter_map(|(n, run)| run.peek().map(|id| (*id, n)))
                .max()?;
            let id = runs[newest].next()?;
            DateTime::from_timestamp_millis(id.0.timestamp_ms() as i64)
        })
    }

    /// The record ids under `prefix` in an index, oldest first.
    fn index_ids(&self, tree: &Tree, prefix: &[u8]) -> Result<Vec<RecordId>, StoreError> {
        tree.scan_prefix(prefix)
            .keys()
            .map(|key| {
                let key = key.map_err(|e| self.sled_error("read", e))?;
                parse_key(&key[key.len() - KEY_LEN..])
                    .ok_or_else(|| self.corrupt("an index key is unreadable"))
            })
            .collect()
    }

    /// The records linked to `id` (a cycle's experiments and reflections, an experiment's
    /// reflections), oldest first.
    pub fn linked_to(&self, id: RecordId) -> Result<Vec<RecordId>, StoreError> {
        let mut ids = self.index_ids(&self.by_link, id.to_key().as_bytes())?;
        ids.sort();
        Ok(ids)
    }

    /// The records of `kind` linked to `id`, oldest first (read from the index alone).
    pub fn linked_of_kind(&self, id: RecordId, kind: Kind) -> Result<Vec<RecordId>, StoreError> {
        let prefix = [id.to_key().as_bytes(), &[kind.code()]].concat();
        self.index_ids(&self.by_link, &prefix)
    }

    /// Open experiments whose look-back date is `today` or earlier, earliest date first.
    pub fn due_experiments(&self, today: NaiveDate) -> Result<Vec<Record>, StoreError> {
        let end = [today.format("%Y-%m-%d").to_string().as_bytes(), &[0xff]].concat();
        self.by_due
            .range(..end)
            .keys()
            .map(|k| {
                let k = k.map_err(|e| self.sled_error("read", e))?;
                let id = parse_key(&k[k.len() - KEY_LEN..])
                    .ok_or_else(|| self.corrupt("an index key is unreadable"))?;
                self.get(id)?
                    .ok_or_else(|| self.corrupt("an index names a record that is missing"))
            })
            .collect()
    }

    /// Every tag in use, with how many records carry it.
    pub fn tags(&self) -> Result<Vec<(String, usize)>, StoreError> {
        let mut out: Vec<(String, usize)> = Vec::new();
        for key in self.by_tag.iter().keys() {
            let key = key.map_err(|e| self.sled_error("read", e))?;
            let tag = String::from_utf8_lossy(&key[..key.len() - KEY_LEN - 1]).into_owned();
            match out.last_mut() {
                Some((last, n)) if *last == tag => *n += 1,
                _ => out.push((tag, 1)),
            }
        }
        Ok(out)
    }

    /// Keeps an unfinished flow so it can be resumed; durable on return. One draft at a time.
    pub fn save_draft(&self, draft: &Draft) -> Result<(), StoreError> {
        self.ensure_room()?;
        let json = serde_json::to_vec(draft).expect("draft serialises");
        self.meta_tree
            .insert(META_DRAFT, json)
            .map_err(|e| self.sled_error("save", e))?;
        self.flush()
    }

    /// The unfinished flow, if one was kept.
    pub fn draft(&self) -> Result<Option<Draft>, StoreError> {
        let value = self
            .meta_tree
            .get(META_DRAFT)
            .map_err(|e| self.sled_error("read", e))?;
        value
            .map(|v| {
                serde_json::from_slice(&v)
                    .map_err(|e| self.corrupt(&format!("the unfinished draft is unreadable: {e}")))
            })
            .transpose()
    }

    /// Throws the kept draft away; durable on return.
    pub fn clear_draft(&self) -> Result<(), StoreError> {
        self.meta_tree
            .remove(META_DRAFT)
            .map_err(|e| self.sled_error("save", e))?;
        self.flush()
    }

    /// Saves what a finished flow makes and drops its draft, all at once; durable on return.
    pub fn save_finished(&self, finished: &Finished) -> Result<(), StoreError> {
        let new_key = finished.new.id.to_key();
        if self
            .records
            .contains_key(&new_key)
            .map_err(|e| self.sled_error("read", e))?
        {
            return Err(StoreError::Duplicate { id: new_key });
        }
        let old = match &finished.changed {
            Some(c) => Some(self.get(c.id)?.ok_or_else(|| StoreError::NotFound {
                prefix: c.id.to_key(),
            })?),
            None => None,
        };
        self.transact(|t| {
            t.put(None, Some(&finished.new))?;
            if let (Some(old), Some(new)) = (&old, &finished.changed) {
                t.put(Some(old), Some(new))?;
            }
            t.meta.remove(META_DRAFT)?;
            Ok(())
        })?;
        self.flush()
    }

    /// Saves a comment on a stored record; durable on return.
    pub fn add_comment(&self, comment: &Comment) -> Result<(), StoreError> {
        self.ensure_room()?;
        if self.get_any(comment.on)?.is_none() {
            return Err(StoreError::NotFound {
                prefix: comment.on.to_key(),
            });
        }
        let key = comment_key(comment);
        let json = serde_json::to_vec(comment).expect("comment serialises");
        self.comments
            .insert(key, json)
            .map_err(|e| self.sled_error("save", e))?;
        self.flush()
    }

    /// The comments on a record, oldest first.
    pub fn comments_on(&self, id: RecordId) -> Result<Vec<Comment>, StoreError> {
        self.comments
            .scan_prefix(id.to_key())
            .values()
            .map(|v| self.decode_comment(v))
            .collect()
    }

    fn decode_comment(&self, value: sled::Result<sled::IVec>) -> Result<Comment, StoreError> {
        let v = value.map_err(|e| self.sled_error("read", e))?;
        serde_json::from_slice(&v)
            .map_err(|e| self.corrupt(&format!("a comment is unreadable: {e}")))
    }

    /// How many comments a record has.
    pub fn comment_count(&self, id: RecordId) -> usize {
        self.comments.scan_prefix(id.to_key()).count()
    }

    /// Refuses to write when the disk is nearly full: sled does not always fail cleanly when
    /// it runs out of space (it can stall), so praxis stops before it gets there.
    fn ensure_room(&self) -> Result<(), StoreError> {
        match fs2::available_space(&self.dir) {
            Ok(free) if free < MIN_FREE_BYTES => Err(StoreError::Io {
                action: "save to",
                dir: self.dir.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    format!(
                        "only {} KiB free, and praxis keeps {} MiB in reserve",
                        free / 1024,
                        MIN_FREE_BYTES / (1024 * 1024)
                    ),
                ),
            }),
            _ => Ok(()),
        }
    }

    fn transact<F>(&self, f: F) -> Result<(), StoreError>
    where
        F: Fn(&TxTrees<'_>) -> TxResult<()>,
    {
        self.ensure_room()?;
        (
            &self.records,
            &self.by_kind,
            &self.by_tag,
            &self.by_link,
            &self.by_due,
            &self.comments,
            &self.meta_tree,
        )
            .transaction(
                |(records, by_kind, by_tag, by_link, by_due, comments, meta)| {
                    f(&TxTrees {
                        records,
                        by_kind,
                        by_tag,
                        by_link,
                        by_due,
                        comments,
                        meta,
                    })
                },
            )
            .map_err(|e| match e {
                TransactionError::Abort(e) => e,
                TransactionError::Storage(e) => self.sled_error("save", e),
            })
    }

    fn flush(&self) -> Result<(), StoreError> {
        self.db.flush().map_err(|e| self.sled_error("save", e))?;
        Ok(())
    }

    fn decode(&self, bytes: &[u8]) -> Result<Record, StoreError> {
        serde_json::from_slice(bytes)
            .map_err(|e| self.corrupt(&format!("a record is unreadable: {e}")))
    }

    fn decode_tx(&self, bytes: &[u8]) -> TxResult<Record> {
        self.decode(bytes)
            .map_err(ConflictableTransactionError::Abort)
    }

    fn corrupt(&self, detail: &str) -> StoreError {
        StoreError::corrupt(&self.dir, detail)
    }

    fn sled_error(&self, action: &'static str, e: sled::Error) -> StoreError {
        sled_error(&self.dir, action, e)
    }
}

/// Reads records while the journal is open, from any thread.
#[derive(Clone)]
pub struct RecordReader {
    records: Tree,
    foreign: Tree,
}

impl RecordReader {
    /// Every record of this journal, newest first, then those shared with it by other journals;
    /// unreadable ones are skipped (the journal reports them).
    pub fn newest_first(&self) -> impl Iterator<Item = Record> + '_ {
        self.records
            .iter()
            .rev()
            .chain(self.foreign.iter().rev())
            .filter_map(Result::ok)
            .filter_map(|(_, v)| serde_json::from_slice(&v).ok())
    }
}

/// The trees one transaction writes.
struct TxTrees<'a> {
    records: &'a TransactionalTree,
    by_kind: &'a TransactionalTree,
    by_tag: &'a TransactionalTree,
    by_link: &'a TransactionalTree,
    by_due: &'a TransactionalTree,
    comments: &'a TransactionalTree,
    meta: &'a TransactionalTree,
}

impl TxTrees<'_> {
    /// Replaces `old` by `new` (either may be absent), keeping every index in step.
    fn put(&self, old: Option<&Record>, new: Option<&Record>) -> TxResult<()> {
        if let Some(old) = old {
            self.records.remove(old.id.to_key().as_bytes())?;
            for (tree, key) in self.index_entries(old) {
                tree.remove(key)?;
            }
        }
        if let Some(new) = new {
            let json = serde_json::to_vec(new).expect("record serialises");
            self.records.insert(new.id.to_key().as_bytes(), json)?;
            for (tree, key) in self.index_entries(new) {
                tree.insert(key, &[])?;
            }
        }
        Ok(())
    }

    fn index_entries(&self, r: &Record) -> Vec<(&TransactionalTree, Vec<u8>)> {
        index_keys(r)
            .into_iter()
            .map(|(index, key)| {
                let tree = match index {
                    Index::Kind => self.by_kind,
                    Index::Tag => self.by_tag,
                    Index::Link => self.by_link,
                    Index::Due => self.by_due,
                };
                (tree, key)
            })
            .collect()
    }
}

/// The index trees.
#[derive(Debug, Clone, Copy)]
enum Index {
    /// kind code + id.
    Kind,
    /// tag + 0 + id.
    Tag,
    /// linked-to id + kind code + id: a cycle's or experiment's records.
    Link,
    /// look-back date (YYYY-MM-DD) + id, for open experiments with a look-back date.
    Due,
}

impl Index {
    /// Every index, in the order of their discriminants.
    const ALL: [Index; 4] = [Index::Kind, Index::Tag, Index::Link, Index::Due];
}

/// Every index entry a record has.
fn index_keys(r: &Record) -> Vec<(Index, Vec<u8>)> {
    let id = r.id.to_key();
    let kind = r.kind().code();
    let mut out = vec![(Index::Kind, [&[kind], id.as_bytes()].concat())];
    for tag in &r.tags {
        out.push((
            Index::Tag,
            [tag_prefix(tag).as_slice(), id.as_bytes()].concat(),
        ));
    }
    for target in [r.cycle(), r.experiment()].into_iter().flatten() {
        out.push((
            Index::Link,
            [target.to_key().as_bytes(), &[kind], id.as_bytes()].concat(),
        ));
    }
    if let Content::Experiment {
        follow_up: Some(date),
        status,
        ..
    } = &r.content
        && status.is_open()
    {
        out.push((
            Index::Due,
            [date.format("%Y-%m-%d").to_string(), id]
                .concat()
                .into_bytes(),
        ));
    }
    out
}

/// Takes away `r`'s links to `target`.
fn unlink(r: &mut Record, target: RecordId) {
    match &mut r.content {
        Content::Experiment { cycle, .. } => {
            if *cycle == Some(target) {
                *cycle = None;
            }
        }
        Content::Reflection {
            cycle, experiment, ..
        } => {
            if *cycle == Some(target) {
                *cycle = None;
            }
            if *experiment == Some(target) {
                *experiment = None;
            }
        }
        Content::Note | Content::Cycle { .. } => {}
    }
}

/// Opens the database. Called with praxis's own lock held, so no other praxis has it; but sled
/// lets go of its files a moment after its last handle in this process is dropped (its flusher
/// thread finishes first), so a database that is still locked is waited for, briefly.
fn open_sled(dir: &Path) -> Result<sled::Db, StoreError> {
    let started = std::time::Instant::now();
    loop {
        match open_sled_once(dir) {
            Err(StoreError::Locked { pid: None, .. })
                if started.elapsed() < std::time::Duration::from_secs(3) =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

fn open_sled_once(dir: &Path) -> Result<sled::Db, StoreError> {
    let config = sled::Config::new()
        .path(dir.join("db"))
        .cache_capacity(CACHE_BYTES);
    // sled may panic on some damaged files instead of returning an error; either way the
    // journal is reported damaged and left as it is.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| config.open())) {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(e)) => Err(sled_error(dir, "open", e)),
        Err(_) => Err(StoreError::corrupt(
            dir,
            "the database engine could not read its files",
        )),
    }
}

fn sled_error(dir: &Path, action: &'static str, e: sled::Error) -> StoreError {
    match e {
        sled::Error::Io(source) => {
            if source.to_string().contains("WouldBlock")
                || source.kind() == std::io::ErrorKind::WouldBlock
            {
                StoreError::Locked {
                    dir: dir.to_path_buf(),
                    pid: None,
                }
            } else {
                StoreError::Io {
                    action,
                    dir: dir.to_path_buf(),
                    source,
                }
            }
        }
        sled::Error::Corruption { .. } => {
            StoreError::corrupt(dir, "the database engine found damaged data")
        }
        other => StoreError::corrupt(dir, other.to_string()),
    }
}

fn folder_has_files_besides_lock(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| e.file_name() != "praxis.lock")
        })
        .unwrap_or(false)
}

fn tag_prefix(tag: &str) -> Vec<u8> {
    [tag.as_bytes(), &[0]].concat()
}

fn comment_key(c: &Comment) -> Vec<u8> {
    [c.on.to_key(), c.id.to_key()].concat().into_bytes()
}

fn parse_key(bytes: &[u8]) -> Option<RecordId> {
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests;
