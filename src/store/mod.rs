//! The journal on disk: one sled database per journal, typed access to records, indexes for
//! kind, tag and links, a stored schema version, one process at a time, and every save flushed
//! before it returns.

mod brief;
mod error;
mod guarded;
mod import;
mod index;
mod lock;
mod log;
mod repair;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use sled::{Transactional, Tree};

pub use error::StoreError;
pub use import::{FileKind, ImportReport, Importer, MAX_REVISION_JUMP, Trust};
pub use index::{Doc, IndexReader, Posting, SearchIndex};
pub use lock::JournalLock;
pub use repair::{RepairError, RepairPlan, Repaired, kept_folder};

use crate::filter::Filter;
use crate::identity::PublicKey;
use crate::journal::{JournalMeta, SCHEMA_VERSION};
use crate::record::{Comment, Content, JournalId, Kind, Record, RecordId};

/// sled's page cache, kept small: the default (1 GB) inflates memory for no gain here.
const CACHE_BYTES: u64 = 16 * 1024 * 1024;
/// The shortest id prefix lists show.
const MIN_SHORT_ID: usize = 8;
const KEY_LEN: usize = 26;

/// Saves are refused below this much free disk space (see `ensure_room`).
pub const MIN_FREE_BYTES: u64 = 2 * 1024 * 1024;
/// Deletes, which make room, are let through down to this much free space.
const MIN_FREE_FOR_DELETES: u64 = 256 * 1024;

const META_SCHEMA: &[u8] = b"schema";
const META_JOURNAL: &[u8] = b"journal";
const META_DRAFT: &[u8] = b"draft";
/// The ids of the comments by others already read in this journal.
const META_SEEN: &[u8] = b"comments-seen";
const META_INDEXES: &[u8] = b"indexes";
/// The layout of the index trees; a journal whose indexes have another is re-indexed on open.
/// (4: a tag's entries carry the record as lists show it, see `brief`.)
const INDEX_VERSION: u32 = 4;
/// Marks a journal a restore is still being written into.
const RESTORING: &str = "restore-unfinished";
/// A backup (a checkpoint of the save log) is due once the log since the last one holds this
/// much, so the log stays short to check at every open, and to replay.
const CHECKPOINT_AFTER_BYTES: u64 = 8 * 1024 * 1024;

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
    /// The search index (see `index`): derived from the records, never logged.
    search: Tree,
    /// The records changed since the search index's words were written (see `index`).
    search_changed: Tree,
    comments: Tree,
    /// Records from other journals (imported), kept apart and read-only; no indexes.
    foreign: Tree,
    /// Versions that arrived with the same revision as a stored record but other content.
    conflicts: Tree,
    /// Other journals' authors' names, by journal id.
    peers: Tree,
    /// Other journals' public keys, by journal id: pinned when first seen on a signed file.
    keys: Tree,
    /// This journal's records that were deleted (id → when), so that no import brings them back.
    deleted: Tree,
    /// This journal's signing key (kept in `identity.key`).
    identity: crate::identity::Identity,
    /// The undo log of a large write under way (see `guarded`).
    undo: Tree,
    /// Whether opening undid a large write that was cut off.
    undone: bool,
    /// The save log every change is appended to before a save returns (`None` while a
    /// journal is being rebuilt from the log itself).
    log: Option<Mutex<log::SaveLog>>,
    /// How many files and folders opening made private (they were readable by others).
    tightened: usize,
    /// What is wrong with the save log, when opening found it damaged or incomplete while the
    /// database itself opened whole: a new backup should be made so the log starts afresh.
    log_trouble: Mutex<Option<String>>,
    /// For a journal that cannot be written to: the private copy of its database it is read
    /// from (removed when the journal is closed).
    read_only: Option<tempfile::TempDir>,
    meta: JournalMeta,
    /// Whether closing notes the fingerprint of a clean close (not for a journal that was found
    /// damaged, nor one being rebuilt).
    note_close: bool,
    _lock: JournalLock,
}

impl Drop for Journal {
    fn drop(&mut self) {
        if self.note_close && self.db.flush().is_ok() {
            repair::note_clean_close(&self.dir);
        }
    }
}

/// What a delete did: all that [`Journal::undelete`] needs to bring the record back whole.
#[derive(Debug, Clone)]
pub struct Deleted {
    /// The record that is gone.
    pub record: Record,
    /// Records that were linked to it and no longer are (they stay in the journal).
    pub detached: Vec<RecordId>,
    /// The comments on it, which went with it.
    pub comments: Vec<Comment>,
}

type TxResult<T> = Result<T, ConflictableTransactionError<StoreError>>;

impl Journal {
    /// Opens the journal in `dir`; refuses a missing, locked, newer or damaged journal. When
    /// sled's files are not as praxis left them at its last clean close, a copy of them is kept
    /// aside before sled opens them, and the opened journal is checked against its save log;
    /// a journal that lost saved data is refused (see [`StoreError::Corrupt`]).
    pub fn open(dir: &Path) -> Result<Journal, StoreError> {
        not_a_file(dir)?;
        let now = Utc::now();
        repair::finish_cut_off_repair(dir, now);
        let db_path = dir.join("db");
        if !db_path.exists() && (log::folder(dir).is_dir() || identity_file(dir).exists()) {
            // The rest of a journal is here: its database went missing.
            return Err(StoreError::corrupt(
                dir,
                "its database folder db/ is missing",
            ));
        }
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
        if dir.join(RESTORING).exists() {
            return Err(StoreError::RestoreCutOff {
                dir: dir.to_path_buf(),
            });
        }
        remove_leftovers(dir);
        let aside = repair::keep_aside_if_unclean(dir, now)?;
        let kept = match &aside {
            repair::Aside::Kept { copy, .. } => Some(copy.clone()),
            _ => None,
        };
        let with_kept = |e: StoreError| match e {
            StoreError::Corrupt { dir, detail, .. } => StoreError::Corrupt {
                dir,
                detail,
                kept: kept.clone(),
            },
            other => other,
        };
        let db = open_sled(dir).map_err(with_kept)?;
        let log =
            log::SaveLog::open(&log::folder(dir), false).map_err(|source| StoreError::Io {
                action: "open the save log of",
                dir: dir.to_path_buf(),
                source,
            })?;
        let mut journal = Journal::from_db(dir, db, lock, Some(log)).map_err(with_kept)?;
        if aside == repair::Aside::Clean {
            journal.set_log_trouble(repair::log_trouble(dir, CHECKPOINT_AFTER_BYTES));
        } else {
            match repair::check_against_log(&journal).map_err(with_kept)? {
                repair::Check::Damaged(detail) => {
                    journal.note_close = false;
                    return Err(with_kept(StoreError::corrupt(dir, detail)));
                }
                repair::Check::LogTrouble(trouble) => journal.set_log_trouble(Some(trouble)),
                repair::Check::Whole => {}
            }
            // The journal opened and is not damaged: a copy made now is not needed.
            if let repair::Aside::Kept { copy, fresh: true } = &aside {
                let _ = std::fs::remove_dir_all(copy);
                let _ = std::fs::remove_file(copy.with_extension("closed"));
            }
        }
        // Files inside a private folder are out of others' reach whatever their own modes (sled
        // makes new ones as the umask says, at any moment): they are made private too, but only
        // an open folder is worth telling.
        let exposed = crate::safe_fs::open_to_others(dir);
        let tightened = crate::safe_fs::tighten(dir, 2).unwrap_or(0);
        journal.tightened = if exposed { tightened } else { 0 };
        Ok(journal)
    }

    /// Makes a new journal in `dir` (created if needed) described by `meta`.
    pub fn create(dir: &Path, meta: JournalMeta) -> Result<Journal, StoreError> {
        not_a_file(dir)?;
        let io = |action, source| StoreError::Io {
            action,
            dir: dir.to_path_buf(),
            source,
        };
        crate::safe_fs::private_dir(dir).map_err(|e| io("create", e))?;
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
        // A log left by a creation that was cut off belongs to nothing.
        let log_dir = log::folder(dir);
        if log_dir.exists() {
            std::fs::remove_dir_all(&log_dir).map_err(|e| io("create", e))?;
        }
        let log = log::SaveLog::open(&log_dir, true).map_err(|e| io("create", e))?;
        let json = serde_json::to_vec(&meta).expect("journal meta serialises");
        let journal = Journal::unchecked(dir, db, lock, Some(log), meta)?;
        // The description goes first, the schema last: a journal without a schema is unfinished.
        journal.write_plain(b'M', META_JOURNAL, Some(json))?;
        journal.write_plain(
            b'M',
            META_SCHEMA,
            Some(SCHEMA_VERSION.to_be_bytes().to_vec()),
        )?;
        // The (empty) indexes are of this version: the first open need not rebuild them.
        journal.ensure_indexes()?;
        crate::safe_fs::tighten(dir, 2).map_err(|e| io("create", e))?;
        Ok(journal)
    }

    /// Opens a journal that cannot be written to (a read-only disk, another user's folder, or
    /// one open in the app) for reading: its database is copied to a private temporary folder
    /// and opened there; every save is refused. A copy during which sled's files changed (the
    /// app saved meanwhile) is made again, so the copy is of one moment.
    pub fn open_read_only(dir: &Path) -> Result<Journal, StoreError> {
        not_a_file(dir)?;
        let io = |source| StoreError::Io {
            action: "read",
            dir: dir.to_path_buf(),
            source,
        };
        if !dir.join("db").is_dir() {
            return Err(StoreError::NoJournal {
                dir: dir.to_path_buf(),
            });
        }
        let copy = tempfile::Builder::new()
            .prefix("praxis-read-only-")
            .tempdir()
            .map_err(io)?;
        for attempt in 0.. {
            let before = repair::fingerprint(dir);
            repair::copy_tree(&dir.join("db"), &copy.path().join("db")).map_err(io)?;
            if repair::fingerprint(dir) == before || attempt == 20 {
                break;
            }
            std::fs::remove_dir_all(copy.path().join("db")).map_err(io)?;
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        let lock = JournalLock::acquire(copy.path())?;
        let db = open_sled_at(dir, &copy.path().join("db"))?;
        let mut journal = Journal::from_db(dir, db, lock, None)?;
        journal.note_close = false;
        journal.read_only = Some(copy);
        Ok(journal)
    }

    /// Makes a new journal in `dir` to restore a backup into: marked unfinished until
    /// [`Journal::restore_finished`], so that a restore cut off (killed) is refused as a
    /// journal and can simply be run again (see [`Journal::discard_cut_off_restore`]).
    /// The journal takes `identity` as its key (the one its backup carries), or makes one.
    pub fn create_for_restore(
        dir: &Path,
        meta: JournalMeta,
        identity: Option<&crate::identity::Identity>,
    ) -> Result<Journal, StoreError> {
        let io = |source| StoreError::Io {
            action: "create",
            dir: dir.to_path_buf(),
            source,
        };
        crate::safe_fs::private_dir(dir).map_err(io)?;
        std::fs::write(dir.join(RESTORING), b"").map_err(io)?;
        crate::safe_fs::sync_dir(dir);
        if let Some(identity) = identity {
            keep_identity(dir, identity)?;
        }
        Journal::create(dir, meta)
    }

    /// The restore is whole: the journal is a journal.
    pub fn restore_finished(&self) -> Result<(), StoreError> {
        std::fs::remove_file(self.dir.join(RESTORING)).map_err(|source| StoreError::Io {
            action: "finish the restore of",
            dir: self.dir.clone(),
            source,
        })?;
        crate::safe_fs::sync_dir(&self.dir);
        Ok(())
    }

    /// Takes away what a restore into `dir` that was cut off left (returning true), so it can
    /// start again; a folder without such a restore is not touched.
    pub fn discard_cut_off_restore(dir: &Path) -> Result<bool, StoreError> {
        if !dir.join(RESTORING).exists() {
            return Ok(false);
        }
        let _lock = JournalLock::acquire(dir)?;
        let io = |source| StoreError::Io {
            action: "clear the cut-off restore in",
            dir: dir.to_path_buf(),
            source,
        };
        for sub in ["db", "log", "backups", "editing", "kept"] {
            let path = dir.join(sub);
            if path.exists() {
                std::fs::remove_dir_all(&path).map_err(io)?;
            }
        }
        let _ = std::fs::remove_file(dir.join(repair::FINGERPRINT));
        let _ = std::fs::remove_file(identity_file(dir));
        crate::safe_fs::remove_leftovers(dir, None);
        std::fs::remove_file(dir.join(RESTORING)).map_err(io)?;
        Ok(true)
    }

    /// What is wrong with the save log, if opening found it damaged or incomplete (the database
    /// itself is whole): make a backup ([`Journal::checkpoint`]) so the log starts afresh from it.
    pub fn log_trouble(&self) -> Option<String> {
        self.log_trouble
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn set_log_trouble(&self, trouble: Option<String>) {
        *self.log_trouble.lock().unwrap_or_else(|e| e.into_inner()) = trouble;
    }

    /// How many of the journal's files and folders opening made private, when others could
    /// reach them (the journal's folder was open to them); 0 otherwise.
    pub fn made_private(&self) -> usize {
        self.tightened
    }

    fn from_db(
        dir: &Path,
        db: sled::Db,
        lock: JournalLock,
        log: Option<log::SaveLog>,
    ) -> Result<Journal, StoreError> {
        let meta_tree = db
            .open_tree("meta")
            .map_err(|e| sled_error(dir, "open", e))?;
        let records = db
            .open_tree("records")
            .map_err(|e| sled_error(dir, "open", e))?;
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
        let mut journal = Journal::unchecked(dir, db, lock, log, meta)?;
        journal.undone = journal.recover()?;
        journal.ensure_indexes()?;
        // A large write cut off after it committed leaves many marks: fold them now.
        let _ = journal.fold_search_index(index::FOLD_AFTER);
        Ok(journal)
    }

    /// The journal over an open database, its trees opened, nothing checked.
    fn unchecked(
        dir: &Path,
        db: sled::Db,
        lock: JournalLock,
        log: Option<log::SaveLog>,
        meta: JournalMeta,
    ) -> Result<Journal, StoreError> {
        let tree = |name: &str| db.open_tree(name).map_err(|e| sled_error(dir, "open", e));
        let identity = load_identity(dir, log.is_some())?;
        Ok(Journal {
            dir: dir.to_path_buf(),
            meta_tree: tree("meta")?,
            records: tree("records")?,
            by_kind: tree("by_kind")?,
            by_tag: tree("by_tag")?,
            by_link: tree("by_link")?,
            by_due: tree("by_due")?,
            search: tree("search")?,
            search_changed: tree("search-changed")?,
            comments: tree("comments")?,
            foreign: tree("foreign")?,
            conflicts: tree("conflicts")?,
            peers: tree("peers")?,
            keys: tree("keys")?,
            deleted: tree("deleted")?,
            identity,
            undo: tree("undo")?,
            undone: false,
            note_close: log.is_some(),
            log: log.map(Mutex::new),
            tightened: 0,
            log_trouble: Mutex::new(None),
            read_only: None,
            meta,
            db,
            _lock: lock,
        })
    }

    /// The tree a log entry names.
    fn logged_tree(&self, code: u8) -> &Tree {
        match code {
            b'M' => &self.meta_tree,
            b'r' => &self.records,
            b'f' => &self.foreign,
            b'c' => &self.conflicts,
            b'm' => &self.comments,
            b'k' => &self.keys,
            b'd' => &self.deleted,
            _ => &self.peers,
        }
    }

    /// This journal's signing key.
    pub fn identity(&self) -> &crate::identity::Identity {
        &self.identity
    }

    /// The key pinned for another journal, if one was.
    pub fn pinned_key(&self, journal: JournalId) -> Result<Option<PublicKey>, StoreError> {
        let value = self
            .keys
            .get(journal.to_string().as_bytes())
            .map_err(|e| self.sled_error("read", e))?;
        Ok(value.and_then(|v| {
            let text = String::from_utf8_lossy(&v);
            PublicKey::parse(text.lines().next().unwrap_or_default())
        }))
    }

    /// The age key (`age1…`) another journal gave in its signed files, for sealing files for it;
    /// with its name and pinned key, for every journal that gave one.
    pub fn sealing_keys(&self) -> Result<Vec<(JournalId, String, PublicKey, String)>, StoreError> {
        let mut out = Vec::new();
        for kv in self.keys.iter() {
            let (k, v) = kv.map_err(|e| self.sled_error("read", e))?;
            let text = String::from_utf8_lossy(&v).into_owned();
            let mut lines = text.lines();
            let (Some(key), Some(age)) = (lines.next().and_then(PublicKey::parse), lines.next())
            else {
                continue;
            };
            let Some(id) = std::str::from_utf8(&k).ok().and_then(|s| s.parse().ok()) else {
                continue;
            };
            let id = JournalId(id);
            out.push((
                id,
                self.peer_name(id).unwrap_or_default(),
                key,
                age.to_string(),
            ));
        }
        Ok(out)
    }

    /// Forgets the key pinned for another journal (the next signed file from it pins its key
    /// anew); returns the key it had. Durable on return.
    pub fn unpin_key(&self, journal: JournalId) -> Result<Option<PublicKey>, StoreError> {
        let old = self.pinned_key(journal)?;
        if old.is_some() {
            self.write_plain(b'k', journal.to_string().as_bytes(), None)?;
        }
        Ok(old)
    }

    /// Whether an unsigned backup of this journal (from a praxis before keys) may be brought in:
    /// only while the journal is being restored or rebuilt.
    pub fn takes_unsigned_backups(&self) -> bool {
        self.log.is_none() || self.dir.join(RESTORING).exists()
    }

    /// Whether this journal deleted the record with this id.
    pub fn was_deleted(&self, id: RecordId) -> Result<bool, StoreError> {
        self.deleted
            .contains_key(id.to_key())
            .map_err(|e| self.sled_error("read", e))
    }

    /// Appends changes to the save log, synced (nothing while a journal is being rebuilt).
    fn log(&self, entry: &log::Entry) -> Result<(), StoreError> {
        let Some(log) = &self.log else {
            return Ok(());
        };
        let mut log = log.lock().unwrap_or_else(|e| e.into_inner());
        log.append(entry).map_err(|source| StoreError::Io {
            action: "save to",
            dir: self.dir.clone(),
            source,
        })
    }

    /// Sets (or with `None` removes) one key outside any transaction, logged; durable on
    /// return.
    fn write_plain(&self, tree: u8, key: &[u8], value: Option<Vec<u8>>) -> Result<(), StoreError> {
        self.ensure_room(value.as_ref().map_or(0, Vec::len))?;
        let t = self.logged_tree(tree);
        let old = match &value {
            Some(v) => t.insert(key, v.as_slice()),
            None => t.remove(key),
        }
        .map_err(|e| self.sled_error("save", e))?;
        let op = log::Op {
            tree,
            key: key.to_vec(),
            value,
            existed: old.is_some(),
        };
        self.log(&log::Entry::Changes {
            group: None,
            ops: vec![op],
        })?;
        self.flush()
    }

    /// Rebuilds every index from the records when they were built by another version of this
    /// code (or never); the records themselves are not touched.
    fn ensure_indexes(&self) -> Result<(), StoreError> {
        let stored = self
            .meta_tree
            .get(META_INDEXES)
            .map_err(|e| self.sled_error("open", e))?;
        if stored.as_deref() == Some(&INDEX_VERSION.to_be_bytes()[..]) {
            if !self.search_index_current()? {
                self.rebuild_search_index()?;
                self.flush()?;
            }
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
            for (index, key, value) in index_entries_of(&record?) {
                batches[index as usize].insert(key, value);
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
        self.rebuild_search_index()?;
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
        self.forget_search_index()
    }

    /// Whether the save log lacks a known start (a journal from a praxis without the log, not
    /// yet backed up since) or has grown large since its last checkpoint: then a backup should
    /// be made and checkpointed (see [`Journal::checkpoint`]).
    pub fn wants_checkpoint(&self) -> bool {
        self.log.is_some()
            && (self.log_trouble().is_some() || Journal::wants_checkpoint_at(&self.dir))
    }

    /// [`Journal::wants_checkpoint`] for the journal in `dir`, read from its files without
    /// opening it.
    pub fn wants_checkpoint_at(dir: &Path) -> bool {
        log::wants_checkpoint(&log::folder(dir), CHECKPOINT_AFTER_BYTES)
    }

    /// Notes in the save log that `backup` (in the journal's backups folder, with content
    /// checksum `checksum`) holds everything saved so far: `records`, this journal's records
    /// and other journals'; older stretches of the log beyond the newest `keep` backups are
    /// removed.
    pub fn checkpoint(
        &self,
        backup: &str,
        checksum: &str,
        records: [u64; 2],
        keep: usize,
    ) -> Result<(), StoreError> {
        let Some(log) = &self.log else {
            return Ok(());
        };
        let fail = |e| self.sled_error("read", e);
        let meta = self
            .meta_tree
            .iter()
            .filter(|kv| {
                kv.as_ref()
                    .map_or(true, |(k, _)| k.as_ref() != META_INDEXES)
            })
            .map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())))
            .collect::<Result<Vec<_>, _>>()
            .map_err(fail)?;
        let counts = [records[0], records[1], self.comments.len() as u64];
        let mut log = log.lock().unwrap_or_else(|e| e.into_inner());
        log.checkpoint(
            log::Checkpoint {
                backup: backup.to_string(),
                checksum: checksum.to_string(),
                meta,
                counts,
            },
            keep,
        )
        .map_err(|source| StoreError::Io {
            action: "save to",
            dir: self.dir.clone(),
            source,
        })?;
        // The log starts afresh from this backup: whatever was wrong with it before is behind.
        self.set_log_trouble(None);
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
        let json = serde_json::to_vec(&meta).expect("journal meta serialises");
        self.write_plain(b'M', META_JOURNAL, Some(json))?;
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
            let mut changes: Vec<_> = chunk
                .iter()
                .map(|r| guarded::Change::record(guarded::Target::Records, r.clone()))
                .collect();
            guard.apply(&mut changes)?;
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
        let size = serde_json::to_vec(record).map_or(0, |v| v.len());
        self.transact(Some(size), |t| {
            let old = t.records.get(&key)?;
            let old = old.map(|v| self.decode_tx(&v)).transpose()?;
            t.put(old.as_ref(), Some(record))
        })
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
        let comments = self.comments_on(id)?;
        let comment_keys: Vec<Vec<u8>> = self
            .comments
            .scan_prefix(id.to_key())
            .keys()
            .map(|k| {
                k.map(|k| k.to_vec())
                    .map_err(|e| self.sled_error("read", e))
            })
            .collect::<Result<_, _>>()?;
        // A delete makes room, so it is let through on a full disk.
        self.transact(None, |t| {
            t.put(Some(&record), None)?;
            t.note_deleted(record.id, Utc::now())?;
            for (old, new) in &detached {
                t.put(Some(old), Some(new))?;
            }
            for key in &comment_keys {
                t.remove_comment(key)?;
            }
            Ok(())
        })?;
        Ok(Deleted {
            record,
            detached: detached.into_iter().map(|(_, new)| new.id).collect(),
            comments,
        })
    }

    /// Brings back a record [`Journal::delete`] removed: the record as it was, its comments,
    /// the links the records detached from it had, and every index; its tombstone goes, so
    /// imports and the save log see it as if never deleted. Durable on return. Refuses when a
    /// record with its id is stored again.
    pub fn undelete(&self, deleted: &Deleted) -> Result<(), StoreError> {
        let record = &deleted.record;
        let key = record.id.to_key();
        if self
            .records
            .contains_key(&key)
            .map_err(|e| self.sled_error("read", e))?
        {
            return Err(StoreError::Duplicate { id: key });
        }
        let mut relinked = Vec::new();
        for child_id in &deleted.detached {
            let Some(mut child) = self.get(*child_id)? else {
                continue;
            };
            let old = child.clone();
            relink(&mut child, record);
            if child != old {
                // As in a delete: at the highest revision the link still comes back.
                let _ = child.touch(record.updated.max(child.updated));
                relinked.push((old, child));
            }
        }
        let mut comments: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        for c in &deleted.comments {
            let json = serde_json::to_vec(c).expect("comment serialises");
            let key = comment_key(c);
            let key = if comments.iter().any(|(k, _)| *k == key) {
                clash_key(c)
            } else {
                key
            };
            comments.push((key, json));
        }
        let size = serde_json::to_vec(record).map_or(0, |v| v.len())
            + comments.iter().map(|(_, v)| v.len()).sum::<usize>();
        self.transact(Some(size), |t| {
            t.put(None, Some(record))?;
            t.forget_deleted(record.id)?;
            for (old, new) in &relinked {
                t.put(Some(old), Some(new))?;
            }
            for (key, json) in &comments {
                t.put_comment(key, json)?;
            }
            Ok(())
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
        self.all_oldest_first_counted(None)
    }

    /// [`Journal::all_oldest_first`], counting in `counted` how many came from this journal's
    /// records and how many from other journals' (a backup's checkpoint notes both; sled can
    /// only count a tree by reading all of it again).
    pub fn all_oldest_first_counted<'a>(
        &'a self,
        counted: Option<&'a [std::sync::atomic::AtomicU64; 2]>,
    ) -> impl Iterator<Item = Result<Record, StoreError>> + 'a {
        let mut own = self.records.iter().peekable();
        let mut foreign = self.foreign.iter().peekable();
        let count = move |tree: usize| {
            if let Some(counted) = counted {
                counted[tree].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        };
        std::iter::from_fn(move || {
            let key = |kv: Option<&sled::Result<(sled::IVec, sled::IVec)>>| {
                kv.map(|kv| kv.as_ref().map(|(k, _)| k.clone()).ok())
            };
            let from_own = match (key(own.peek()), key(foreign.peek())) {
                (None, None) => return None,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                // An error is handed on at once; otherwise the smaller id goes first.
                (Some(None), _) => true,
                (_, Some(None)) => false,
                (Some(Some(a)), Some(Some(b))) => a <= b,
            };
            let next = if from_own { own.next() } else { foreign.next() }?;
            if next.is_ok() {
                count(usize::from(!from_own));
            }
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

    /// The records that pass `filter`, newest first, as lists show them: from a tag filter,
    /// read from the tag index alone, without their long text (see [`Journal::list`] for
    /// whole records).
    pub fn list_brief(&self, filter: &Filter) -> Result<Vec<Record>, StoreError> {
        if filter.tag.is_none() {
            return self.list(filter);
        }
        let mut out = Vec::new();
        self.each_brief(filter, |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }

    /// [`Journal::list_brief`] one record at a time, for a tag filter (`f` is not called
    /// without one).
    pub fn each_brief<E: From<StoreError>>(
        &self,
        filter: &Filter,
        mut f: impl FnMut(Record) -> Result<(), E>,
    ) -> Result<(), E> {
        let Some(tag) = &filter.tag else {
            return Ok(());
        };
        let limit = filter.limit.unwrap_or(usize::MAX);
        let mut n = 0;
        for kv in self.by_tag.scan_prefix(tag_prefix(tag)).rev() {
            if n >= limit {
                break;
            }
            let (k, v) = kv.map_err(|e| self.sled_error("read", e))?;
            let record = k
                .get(k.len().saturating_sub(KEY_LEN)..)
                .and_then(parse_key)
                .and_then(|id| brief::decode(id, self.meta.id, &v))
                .ok_or_else(|| self.corrupt("a tag index entry is unreadable"))?;
            if filter.matches(&record) {
                n += 1;
                f(record)?;
            }
        }
        Ok(())
    }

    /// The ids of the records carrying `tag`, newest first (up to `limit`), from the tag
    /// index's keys alone.
    pub fn tagged(&self, tag: &str, limit: Option<usize>) -> Result<Vec<RecordId>, StoreError> {
        self.index_newest_first(&self.by_tag, tag_prefix(tag))
            .take(limit.unwrap_or(usize::MAX))
            .collect()
    }

    /// [`Journal::short_id`] of each of `ids` (this journal's own records), worked out from
    /// one pass over the kind index (all ids in order, its kinds' runs merged) when there are
    /// many.
    pub fn short_ids(&self, ids: &[RecordId]) -> Vec<String> {
        if ids.len() < 256 {
            return ids.iter().map(|id| self.short_id(*id)).collect();
        }
        let mut wanted: Vec<(String, usize)> = ids
            .iter()
            .enumerate()
            .map(|(n, id)| (id.to_key(), n))
            .collect();
        wanted.sort_unstable();
        let mut runs: Vec<std::iter::Peekable<_>> = Kind::ALL
            .iter()
            .map(|k| {
                self.by_kind
                    .scan_prefix([k.code()])
                    .keys()
                    .filter_map(Result::ok)
                    .peekable()
            })
            .collect();
        let mut next_key = move || -> Option<sled::IVec> {
            let (n, _) = runs
                .iter_mut()
                .enumerate()
                .filter_map(|(n, r)| r.peek().map(|k| (n, k.get(1..).map(<[u8]>::to_vec))))
                .min_by(|a, b| a.1.cmp(&b.1))?;
            runs[n].next()
        };
        let mut shared = vec![0usize; ids.len()];
        let mut previous: Option<sled::IVec> = None;
        let mut current = next_key();
        for (key, n) in &wanted {
            let key = key.as_bytes();
            // Walk to this id, remembering the one before it.
            while let Some(k) = &current {
                if &k[1..] >= key {
                    break;
                }
                previous = current.take();
                current = next_key();
            }
            let mut best = previous.as_ref().map_or(0, |p| common_prefix(&p[1..], key));
            if current.as_ref().is_some_and(|c| &c[1..] == key) {
                previous = current.take();
                current = next_key();
            }
            if let Some(c) = &current {
                best = best.max(common_prefix(&c[1..], key));
            }
            shared[*n] = best;
        }
        ids.iter()
            .zip(shared)
            .map(|(id, shared)| {
                let key = id.to_key();
                key[..(shared + 1).clamp(MIN_SHORT_ID, KEY_LEN)].to_string()
            })
            .collect()
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

    /// Keeps an unfinished flow (any value the caller can write and read back) so it can be
    /// resumed; durable on return. One draft at a time.
    pub fn save_draft(&self, draft: &impl serde::Serialize) -> Result<(), StoreError> {
        let json = serde_json::to_vec(draft).expect("draft serialises");
        self.write_plain(b'M', META_DRAFT, Some(json))
    }

    /// The unfinished flow, if one was kept.
    pub fn draft<D: serde::de::DeserializeOwned>(&self) -> Result<Option<D>, StoreError> {
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
        self.write_plain(b'M', META_DRAFT, None)
    }

    fn seen_comments(&self) -> Result<std::collections::BTreeSet<String>, StoreError> {
        let value = self
            .meta_tree
            .get(META_SEEN)
            .map_err(|e| self.sled_error("read", e))?;
        Ok(value
            .and_then(|v| serde_json::from_slice(&v).ok())
            .unwrap_or_default())
    }

    /// The comments others wrote on this journal's own records that were not read here yet,
    /// newest first.
    pub fn unread_comments(&self) -> Result<Vec<Comment>, StoreError> {
        let seen = self.seen_comments()?;
        let me = self.meta().id;
        let mut unread = Vec::new();
        for c in self.all_comments()? {
            if c.author != me && !seen.contains(&c.id.to_key()) && self.get(c.on)?.is_some() {
                unread.push(c);
            }
        }
        unread.sort_by_key(|c| std::cmp::Reverse(c.created));
        Ok(unread.into_iter().map(|c| self.as_shown(c)).collect())
    }

    /// Notes `comments` as read; durable on return. Writes nothing when all were read before.
    pub fn mark_read(&self, comments: &[Comment]) -> Result<(), StoreError> {
        let mut seen = self.seen_comments()?;
        let before = seen.len();
        seen.extend(comments.iter().map(|c| c.id.to_key()));
        if seen.len() == before {
            return Ok(());
        }
        let json = serde_json::to_vec(&seen).expect("ids serialise");
        self.write_plain(b'M', META_SEEN, Some(json))
    }

    /// Saves what a finished flow makes — a new record, a changed one (the experiment whose
    /// outcome was logged, the record whose answers were edited), or both — and drops its
    /// draft, all at once; durable on return.
    pub fn save_finished(
        &self,
        new: Option<&Record>,
        changed: Option<&Record>,
    ) -> Result<(), StoreError> {
        if let Some(new) = new {
            let new_key = new.id.to_key();
            if self
                .records
                .contains_key(&new_key)
                .map_err(|e| self.sled_error("read", e))?
            {
                return Err(StoreError::Duplicate { id: new_key });
            }
        }
        let old = match changed {
            Some(c) => Some(self.get(c.id)?.ok_or_else(|| StoreError::NotFound {
                prefix: c.id.to_key(),
            })?),
            None => None,
        };
        let size = [new, changed]
            .into_iter()
            .flatten()
            .map(|r| serde_json::to_vec(r).map_or(0, |v| v.len()))
            .sum();
        self.transact(Some(size), |t| {
            if let Some(new) = new {
                t.put(None, Some(new))?;
            }
            if let (Some(old), Some(changed)) = (&old, changed) {
                t.put(Some(old), Some(changed))?;
            }
            t.remove_draft()
        })
    }

    /// Saves a comment on a stored record (signed with this journal's key when it is this
    /// journal's); durable on return.
    pub fn add_comment(&self, comment: &Comment) -> Result<(), StoreError> {
        if self.get_any(comment.on)?.is_none() {
            return Err(StoreError::NotFound {
                prefix: comment.on.to_key(),
            });
        }
        let mut comment = comment.clone();
        // Every comment this journal writes is signed with its key, so it can be passed on.
        if comment.author == self.meta().id && comment.signature.is_none() {
            comment.sign(&self.identity);
        }
        let key = comment_key(&comment);
        let json = serde_json::to_vec(&comment).expect("comment serialises");
        self.write_plain(b'm', &key, Some(json))
    }

    /// The comments on a record as they are shown, oldest first: each writer named as this
    /// journal knows them — itself by its own name, another journal by the name its signed
    /// files gave — so no comment can pass for someone else's by the name it carries.
    pub fn comments_to_show(&self, id: RecordId) -> Result<Vec<Comment>, StoreError> {
        Ok(self
            .comments_on(id)?
            .into_iter()
            .map(|c| self.as_shown(c))
            .collect())
    }

    /// A comment with its writer's name as this journal knows it, on one line.
    fn as_shown(&self, mut c: Comment) -> Comment {
        let known = if c.author == self.meta().id {
            Some(self.meta().author_name.clone())
        } else {
            self.peer_name(c.author)
        };
        c.author_name = crate::text::one_line(&known.unwrap_or(c.author_name));
        c
    }

    /// The comments on a record, oldest first, as stored.
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
    /// Refuses every save to a journal opened read-only.
    fn ensure_writable(&self) -> Result<(), StoreError> {
        match self.read_only {
            Some(_) => Err(StoreError::Io {
                action: "save to",
                dir: self.dir.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::ReadOnlyFilesystem,
                    "it was opened read-only",
                ),
            }),
            None => Ok(()),
        }
    }

    /// A delete writes little (a removal in two logs); it is refused only when even that
    /// might not fit.
    fn ensure_room_to_delete(&self) -> Result<(), StoreError> {
        self.ensure_writable()?;
        match fs2::available_space(&self.dir) {
            Ok(free) if free < MIN_FREE_FOR_DELETES => Err(StoreError::Io {
                action: "save to",
                dir: self.dir.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    format!("only {} KiB free", free / 1024),
                ),
            }),
            _ => Ok(()),
        }
    }

    /// `bytes` is the size of what is about to be written: it is saved twice (the save log and
    /// sled's own log) and must leave the reserve free.
    fn ensure_room(&self, bytes: usize) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let needed = MIN_FREE_BYTES + 3 * bytes as u64;
        match fs2::available_space(&self.dir) {
            Ok(free) if free < needed => Err(StoreError::Io {
                action: "save to",
                dir: self.dir.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    format!(
                        "only {} KiB free; this save needs {} KiB and praxis keeps {} MiB in reserve",
                        free / 1024,
                        (3 * bytes as u64).div_ceil(1024),
                        MIN_FREE_BYTES / (1024 * 1024)
                    ),
                ),
            }),
            _ => Ok(()),
        }
    }

    /// Runs `f` as one sled transaction, logs what it changed, and flushes; durable on return.
    /// `bytes` is about how much it writes (see [`Journal::ensure_room`]); `None` for a delete,
    /// which frees room and needs only a little.
    fn transact<F>(&self, bytes: Option<usize>, f: F) -> Result<(), StoreError>
    where
        F: Fn(&TxTrees<'_>) -> TxResult<()>,
    {
        match bytes {
            Some(bytes) => self.ensure_room(bytes)?,
            None => self.ensure_room_to_delete()?,
        }
        // sled may run the closure again on a conflict: the ops of the run that committed win.
        let committed_ops = RefCell::new(Vec::new());
        (
            &self.records,
            &self.by_kind,
            &self.by_tag,
            &self.by_link,
            &self.by_due,
            &self.search_changed,
            &self.comments,
            &self.meta_tree,
            &self.deleted,
        )
            .transaction(
                |(records, by_kind, by_tag, by_link, by_due, changed, comments, meta, deleted)| {
                    let trees = TxTrees {
                        records,
                        by_kind,
                        by_tag,
                        by_link,
                        by_due,
                        changed,
                        comments,
                        meta,
                        deleted,
                        ops: RefCell::new(Vec::new()),
                    };
                    f(&trees)?;
                    *committed_ops.borrow_mut() = trees.ops.take();
                    Ok(())
                },
            )
            .map_err(|e| match e {
                TransactionError::Abort(e) => e,
                TransactionError::Storage(e) => self.sled_error("save", e),
            })?;
        self.log(&log::Entry::Changes {
            group: None,
            ops: committed_ops.take(),
        })?;
        self.flush()?;
        // Derived data: the save is whole; a fold that fails leaves marks that stay correct.
        let _ = self.fold_search_index(index::FOLD_AFTER);
        Ok(())
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
    changed: &'a TransactionalTree,
    comments: &'a TransactionalTree,
    meta: &'a TransactionalTree,
    deleted: &'a TransactionalTree,
    /// What the transaction changed, for the save log.
    ops: RefCell<Vec<log::Op>>,
}

impl TxTrees<'_> {
    /// Replaces `old` by `new` (either may be absent), keeping every index in step.
    fn put(&self, old: Option<&Record>, new: Option<&Record>) -> TxResult<()> {
        let mut ops = self.ops.borrow_mut();
        // The search index reads a record that changed from the record itself until the
        // change is folded into it: marked in this same transaction.
        for r in [old, new].into_iter().flatten() {
            self.changed
                .insert(index::changed_key(b'r', r.id.to_key().as_bytes()), &[])?;
        }
        if let Some(old) = old {
            self.records.remove(old.id.to_key().as_bytes())?;
            for (tree, key) in self.index_entries(old) {
                tree.remove(key)?;
            }
            if new.is_none_or(|n| n.id != old.id) {
                ops.push(log::Op {
                    tree: b'r',
                    key: old.id.to_key().into_bytes(),
                    value: None,
                    existed: true,
                });
            }
        }
        if let Some(new) = new {
            let json = serde_json::to_vec(new).expect("record serialises");
            self.records
                .insert(new.id.to_key().as_bytes(), json.as_slice())?;
            for (tree, key, value) in self.index_entries_with_values(new) {
                tree.insert(key, value)?;
            }
            ops.push(log::Op {
                tree: b'r',
                key: new.id.to_key().into_bytes(),
                value: Some(json),
                existed: old.is_some_and(|o| o.id == new.id),
            });
        }
        Ok(())
    }

    /// Removes a comment.
    fn remove_comment(&self, key: &[u8]) -> TxResult<()> {
        let old = self.comments.remove(key)?;
        self.ops.borrow_mut().push(log::Op {
            tree: b'm',
            key: key.to_vec(),
            value: None,
            existed: old.is_some(),
        });
        Ok(())
    }

    /// Saves a comment (one brought back with its record).
    fn put_comment(&self, key: &[u8], json: &[u8]) -> TxResult<()> {
        let old = self.comments.insert(key, json)?;
        self.ops.borrow_mut().push(log::Op {
            tree: b'm',
            key: key.to_vec(),
            value: Some(json.to_vec()),
            existed: old.is_some(),
        });
        Ok(())
    }

    /// Forgets that a record was deleted (its delete was undone).
    fn forget_deleted(&self, id: RecordId) -> TxResult<()> {
        let key = id.to_key().into_bytes();
        let old = self.deleted.remove(key.as_slice())?;
        self.ops.borrow_mut().push(log::Op {
            tree: b'd',
            key,
            value: None,
            existed: old.is_some(),
        });
        Ok(())
    }

    /// Notes that a record of this journal was deleted (when), so no import brings it back.
    fn note_deleted(&self, id: RecordId, at: DateTime<Utc>) -> TxResult<()> {
        let key = id.to_key().into_bytes();
        let value = at.to_rfc3339().into_bytes();
        let old = self.deleted.insert(key.as_slice(), value.as_slice())?;
        self.ops.borrow_mut().push(log::Op {
            tree: b'd',
            key,
            value: Some(value),
            existed: old.is_some(),
        });
        Ok(())
    }

    /// Drops the kept draft.
    fn remove_draft(&self) -> TxResult<()> {
        let old = self.meta.remove(META_DRAFT)?;
        self.ops.borrow_mut().push(log::Op {
            tree: b'M',
            key: META_DRAFT.to_vec(),
            value: None,
            existed: old.is_some(),
        });
        Ok(())
    }

    fn index_entries(&self, r: &Record) -> Vec<(&TransactionalTree, Vec<u8>)> {
        index_keys(r)
            .into_iter()
            .map(|(index, key)| (self.index_tree(index), key))
            .collect()
    }

    fn index_entries_with_values(&self, r: &Record) -> Vec<(&TransactionalTree, Vec<u8>, Vec<u8>)> {
        index_entries_of(r)
            .into_iter()
            .map(|(index, key, value)| (self.index_tree(index), key, value))
            .collect()
    }

    fn index_tree(&self, index: Index) -> &TransactionalTree {
        match index {
            Index::Kind => self.by_kind,
            Index::Tag => self.by_tag,
            Index::Link => self.by_link,
            Index::Due => self.by_due,
        }
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

/// Every index entry a record has, with its value: a tag's entries carry the record as lists
/// show it (see `brief`), so that listing a tag reads no record; the others are empty.
fn index_entries_of(r: &Record) -> Vec<(Index, Vec<u8>, Vec<u8>)> {
    let brief = if r.tags.is_empty() {
        Vec::new()
    } else {
        brief::encode(r)
    };
    index_keys(r)
        .into_iter()
        .map(|(index, key)| {
            let value = match index {
                Index::Tag => brief.clone(),
                _ => Vec::new(),
            };
            (index, key, value)
        })
        .collect()
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
/// Links `r` again to `target`, whose delete detached it (the reverse of [`unlink`]).
fn relink(r: &mut Record, target: &Record) {
    let id = Some(target.id);
    match (&mut r.content, target.kind()) {
        (Content::Experiment { cycle, .. } | Content::Reflection { cycle, .. }, Kind::Cycle)
            if cycle.is_none() =>
        {
            *cycle = id;
        }
        (Content::Reflection { experiment, .. }, Kind::Experiment) if experiment.is_none() => {
            *experiment = id;
        }
        _ => {}
    }
}

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
    open_sled_at(dir, &dir.join("db"))
}

/// Opens the database at `path` for the journal in `dir` (see [`open_sled`]).
fn open_sled_at(dir: &Path, path: &Path) -> Result<sled::Db, StoreError> {
    // praxis's own lock is held by now, so sled's lock still taken is a handle of this process
    // closing (its flusher finishing): wait for it, longer on a loaded machine (3 s was seen to
    // be too short there).
    let started = std::time::Instant::now();
    loop {
        match open_sled_once(dir, path) {
            Err(StoreError::Locked { pid: None, .. })
                if started.elapsed() < std::time::Duration::from_secs(10) =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

fn open_sled_once(dir: &Path, path: &Path) -> Result<sled::Db, StoreError> {
    // No background flushing: sled writes to disk when praxis flushes, after the save log has
    // the change, so sled is never ahead of the log.
    let config = sled::Config::new()
        .path(path)
        .cache_capacity(CACHE_BYTES)
        .flush_every_ms(None);
    // sled may panic on some damaged files instead of returning an error; either way the
    // journal is reported damaged.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| config.open())) {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(e)) => Err(sled_error(dir, "open", e)),
        Err(_) => Err(StoreError::corrupt(
            dir,
            "the database engine could not read its files",
        )),
    }
}

/// Refuses a journal path that exists and is not a folder.
fn not_a_file(dir: &Path) -> Result<(), StoreError> {
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => Err(StoreError::NotAFolder {
            dir: dir.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

/// The file a journal's signing key is kept in.
pub fn identity_file(journal_dir: &Path) -> PathBuf {
    journal_dir.join(IDENTITY)
}

/// The name of a journal's key file.
const IDENTITY: &str = "identity.key";

/// The journal's signing key from its file; one is made (and, when `writable`, kept) for a
/// journal that has none yet (made by a praxis before keys).
fn load_identity(dir: &Path, writable: bool) -> Result<crate::identity::Identity, StoreError> {
    let path = identity_file(dir);
    let io = |source| StoreError::Io {
        action: "read the key of",
        dir: dir.to_path_buf(),
        source,
    };
    match crate::input::read_text(&path, 4096) {
        Ok(text) => crate::identity::Identity::from_text(&text).ok_or_else(|| {
            StoreError::corrupt(
                dir,
                format!("its key file {} is unreadable", path.display()),
            )
        }),
        Err(_) if !path.exists() => {
            let identity = crate::identity::Identity::generate().map_err(io)?;
            if writable {
                crate::safe_fs::write_atomically(&path, &identity.to_text()).map_err(io)?;
            }
            Ok(identity)
        }
        Err(e) => Err(StoreError::corrupt(dir, e.to_string())),
    }
}

/// Keeps `identity` as the journal's key (a restore brings the key back from its backup).
pub fn keep_identity(dir: &Path, identity: &crate::identity::Identity) -> Result<(), StoreError> {
    crate::safe_fs::write_atomically(&identity_file(dir), &identity.to_text()).map_err(|source| {
        StoreError::Io {
            action: "save the key of",
            dir: dir.to_path_buf(),
            source,
        }
    })
}

/// The folder a journal's daily backups are kept in.
pub fn backups_folder(journal_dir: &Path) -> PathBuf {
    journal_dir.join("backups")
}

/// The private folder where answers being written in `$EDITOR` are kept meanwhile.
pub fn editing_folder(journal_dir: &Path) -> PathBuf {
    journal_dir.join("editing")
}

/// What a killed praxis left behind in a journal it no longer holds: half-written backups and
/// other temporary files, answers that were open in `$EDITOR`, half-made sled snapshots.
fn remove_leftovers(dir: &Path) {
    crate::safe_fs::remove_leftovers(dir, None);
    crate::safe_fs::remove_leftovers(&backups_folder(dir), None);
    if let Ok(entries) = std::fs::read_dir(editing_folder(dir)) {
        for entry in entries.filter_map(Result::ok) {
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    // sled writes a snapshot as `snap.<n>.generating` and renames it when whole; one left by a
    // full disk or a kill is of no use, and sled refuses to open beside it.
    if let Ok(entries) = std::fs::read_dir(dir.join("db")) {
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with("snap.") && name.ends_with(".generating") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
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
            entries.filter_map(Result::ok).any(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                // praxis's own: its lock, a restore's marker, the key, a killed write's leftover.
                let own_temporary = name.starts_with(crate::safe_fs::TEMP_PREFIX)
                    && name.ends_with(crate::safe_fs::TEMP_SUFFIX);
                !own_temporary && !["praxis.lock", RESTORING, IDENTITY].contains(&&*name)
            })
        })
        .unwrap_or(false)
}

fn tag_prefix(tag: &str) -> Vec<u8> {
    [tag.as_bytes(), &[0]].concat()
}

fn comment_key(c: &Comment) -> Vec<u8> {
    [c.on.to_key(), c.id.to_key()].concat().into_bytes()
}

/// The key of a comment whose id another writer's comment already holds: with its writer, so
/// neither hides the other.
fn clash_key(c: &Comment) -> Vec<u8> {
    let mut key = comment_key(c);
    key.extend_from_slice(format!("-{}", c.author).as_bytes());
    key
}

fn parse_key(bytes: &[u8]) -> Option<RecordId> {
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests;
