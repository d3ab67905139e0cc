//! Keeping sled from being the only copy: the fingerprint of sled's files at a clean close, a
//! copy of them kept aside before sled opens files that changed since (sled's own recovery
//! rewrites a damaged file in place), the check of an opened journal against the save log,
//! and the rebuild from the newest good backup plus the log (`praxis repair`).

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::log::{self, Checkpoint, Replay};
use super::{Journal, JournalLock, META_INDEXES, StoreError};

/// Where sled's files were at their last clean close: `path size mtime inode` lines.
pub(super) const FINGERPRINT: &str = "db.closed";
/// Folder of copies kept aside.
const KEPT: &str = "kept";
/// A rebuilt database waiting to be put in place.
const REBUILT: &str = "db.rebuilt";
/// Says that [`REBUILT`] is whole.
const REBUILT_WHOLE: &str = "db.rebuilt.whole";

/// The folder where praxis keeps the copies it sets aside.
pub fn kept_folder(journal_dir: &Path) -> PathBuf {
    journal_dir.join(KEPT)
}

/// sled's files at the top of `db/`: its config, its log and its snapshots. Blob files (large
/// values, in `db/blobs/`) are left out: sled removes the unused ones some time after a
/// close, and it never rewrites one in place.
fn fingerprint(journal_dir: &Path) -> Option<String> {
    let mut lines = Vec::new();
    for entry in std::fs::read_dir(journal_dir.join("db")).ok()? {
        let entry = entry.ok()?;
        let meta = std::fs::symlink_metadata(entry.path()).ok()?;
        if !meta.is_dir() {
            lines.push(format!(
                "{} {} {}.{} {}",
                entry.file_name().to_string_lossy(),
                meta.len(),
                meta.mtime(),
                meta.mtime_nsec(),
                meta.ino()
            ));
        }
    }
    lines.sort();
    Some(lines.join("\n"))
}

/// Notes how sled's files look now that the journal is closed. Not synced: a fingerprint lost
/// in a crash only makes the next open take the careful way.
pub(super) fn note_clean_close(journal_dir: &Path) {
    if let Some(print) = fingerprint(journal_dir) {
        let _ = crate::safe_fs::replace_unsynced(&journal_dir.join(FINGERPRINT), print.as_bytes());
    }
}

/// Before sled opens the files: when they are not as a clean close left them (praxis was
/// killed, or something else changed them), copies them aside first, untouched, and returns
/// where. The caller removes the copy once the journal is found whole.
pub(super) fn keep_aside_if_unclean(
    journal_dir: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<PathBuf>, StoreError> {
    let noted = std::fs::read_to_string(journal_dir.join(FINGERPRINT)).ok();
    if noted.is_some() && noted == fingerprint(journal_dir) {
        return Ok(None);
    }
    let io = |source| StoreError::Io {
        action: "open",
        dir: journal_dir.to_path_buf(),
        source,
    };
    let kept = kept_folder(journal_dir);
    crate::safe_fs::private_dir(&kept).map_err(io)?;
    let to = unique(&kept, &format!("db-{}", now.format("%Y%m%dT%H%M%S")));
    copy_tree(&journal_dir.join("db"), &to).map_err(io)?;
    Ok(Some(to))
}

/// A name in `dir` not yet taken, starting with `stem`.
fn unique(dir: &Path, stem: &str) -> PathBuf {
    (0..)
        .map(|n| match n {
            0 => dir.join(stem),
            n => dir.join(format!("{stem}-{n}")),
        })
        .find(|p| !p.exists())
        .expect("some name is free")
}

pub(super) fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    crate::safe_fs::private_dir(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let meta = std::fs::symlink_metadata(entry.path())?;
        let target = to.join(entry.file_name());
        if meta.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else if meta.is_file() {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// What a journal's check against its log found wrong, if anything. The one save a crash can
/// leave in the log but not yet in sled (its last) is put into sled here: it was saved.
pub(super) fn disagreement(journal: &Journal) -> Result<Option<String>, StoreError> {
    let replay =
        log::replay(&log::folder(&journal.dir), |_| true).map_err(|source| StoreError::Io {
            action: "read the save log of",
            dir: journal.dir.clone(),
            source,
        })?;
    let fail = |e| journal.sled_error("read", e);
    let mut missing = not_in_sled(journal, &replay)?;
    if !missing.is_empty()
        && let Some(last) = &replay.last_save
        && missing
            .iter()
            .all(|(tree, key)| last.iter().any(|op| op.tree == *tree && op.key == *key))
    {
        for op in last {
            let tree = journal.logged_tree(op.tree);
            match &op.value {
                Some(v) => tree.insert(op.key.as_slice(), v.as_slice()).map(drop),
                None => tree.remove(op.key.as_slice()).map(drop),
            }
            .map_err(fail)?;
        }
        journal.forget_indexes()?;
        journal.ensure_indexes()?;
        missing = not_in_sled(journal, &replay)?;
    }
    if !missing.is_empty() {
        return Ok(Some(format!(
            "{} of the saves in its log are not in the database",
            missing.len()
        )));
    }
    if replay.complete {
        let expected = expected_counts(&replay);
        let found = [
            journal.records.len(),
            journal.foreign.len(),
            journal.comments.len(),
        ];
        for ((want, got), what) in
            expected
                .iter()
                .zip(found)
                .zip(["records", "shared records", "comments"])
        {
            if *want != got as i64 {
                return Ok(Some(format!(
                    "the database holds {got} {what} where its log says {want}"
                )));
            }
        }
    }
    Ok(None)
}

/// The keys whose newest value in the log is not what sled holds.
fn not_in_sled(journal: &Journal, replay: &Replay) -> Result<Vec<(u8, Vec<u8>)>, StoreError> {
    let mut last: HashMap<(u8, &[u8]), Option<&[u8]>> = HashMap::new();
    for op in &replay.ops {
        last.insert((op.tree, &op.key), op.value.as_deref());
    }
    let mut missing = Vec::new();
    for ((tree, key), value) in last {
        if tree == b'M' && key == META_INDEXES {
            continue;
        }
        let stored = journal
            .logged_tree(tree)
            .get(key)
            .map_err(|e| journal.sled_error("read", e))?;
        if stored.as_deref() != value {
            missing.push((tree, key.to_vec()));
        }
    }
    Ok(missing)
}

/// How many records, foreign records and comments the log says the journal holds.
fn expected_counts(replay: &Replay) -> [i64; 3] {
    let mut n = replay
        .checkpoint
        .as_ref()
        .map_or([0; 3], |c| c.counts.map(|x| x as i64));
    for op in &replay.ops {
        let Some(i) = [b'r', b'f', b'm'].iter().position(|t| *t == op.tree) else {
            continue;
        };
        match (&op.value, op.existed) {
            (Some(_), false) => n[i] += 1,
            (None, true) => n[i] -= 1,
            _ => {}
        }
    }
    n
}

/// What `praxis repair` would do.
#[derive(Debug)]
pub struct RepairPlan {
    /// The backup it starts from (`None`: the log holds the journal's whole history).
    pub backup: Option<PathBuf>,
    /// How many saves from the log go on top of it.
    pub saves: usize,
    /// Stretches of the log that could not be read (file, offset, bytes), whose saves are lost.
    pub damaged_log: Vec<(PathBuf, u64, u64)>,
    replay: Replay,
}

/// What a repair did.
#[derive(Debug)]
pub struct Repaired {
    /// The plan it followed.
    pub plan: RepairPlan,
    /// Where the database files it replaced were put.
    pub kept: Option<PathBuf>,
    /// How many records of its own the journal holds now.
    pub records: usize,
}

/// Why a journal cannot be rebuilt exactly.
#[derive(Debug, thiserror::Error)]
pub enum RepairError {
    /// The journal (reading, locking, writing) failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The log does not reach back to a backup or to the journal's start.
    #[error(
        "the save log of {dir} does not reach back to a backup it can start from (it began with a \
         praxis that had no log, and no backup has been made since). Rebuild from the newest \
         backup instead, into a new folder: praxis restore FILE --journal NEW_FOLDER"
    )]
    NoStart {
        /// The journal folder.
        dir: PathBuf,
    },
    /// Bringing the backup in failed.
    #[error("could not read the backup {0}: {1}")]
    Backup(PathBuf, String),
}

impl Journal {
    /// What a repair of the journal in `dir` would start from; `usable` tells whether a backup
    /// file is whole and is the one with `checksum`.
    pub fn repair_plan(
        dir: &Path,
        usable: impl Fn(&Path, &str) -> bool,
    ) -> Result<RepairPlan, RepairError> {
        let backups = super::backups_folder(dir);
        let replay = log::replay(&log::folder(dir), |c: &Checkpoint| {
            usable(&backups.join(&c.backup), &c.checksum)
        })
        .map_err(|source| StoreError::Io {
            action: "read the save log of",
            dir: dir.to_path_buf(),
            source,
        })?;
        if !replay.complete {
            return Err(RepairError::NoStart {
                dir: dir.to_path_buf(),
            });
        }
        Ok(RepairPlan {
            backup: replay.checkpoint.as_ref().map(|c| backups.join(&c.backup)),
            saves: replay.saves,
            damaged_log: replay.damaged.clone(),
            replay,
        })
    }

    /// Rebuilds the journal in `dir` by `plan`: a new database from the plan's backup (brought
    /// in by `restore`) and the logged saves, then put in place of the old one, which is kept
    /// aside. A repair cut off is simply run again.
    pub fn repair(
        dir: &Path,
        plan: RepairPlan,
        now: chrono::DateTime<chrono::Utc>,
        restore: impl FnOnce(&Journal, &Path) -> Result<(), String>,
    ) -> Result<Repaired, RepairError> {
        let lock = JournalLock::acquire(dir)?;
        let io = |source| StoreError::Io {
            action: "repair",
            dir: dir.to_path_buf(),
            source,
        };
        let rebuilt = dir.join(REBUILT);
        let _ = std::fs::remove_file(dir.join(REBUILT_WHOLE));
        if rebuilt.exists() {
            std::fs::remove_dir_all(&rebuilt).map_err(io)?;
        }
        let db = super::open_sled_at(dir, &rebuilt)?;
        let fail = |e| super::sled_error(dir, "repair", e);
        if let Some(c) = &plan.replay.checkpoint {
            let meta = db.open_tree("meta").map_err(fail)?;
            for (k, v) in &c.meta {
                meta.insert(k.as_slice(), v.as_slice()).map_err(fail)?;
            }
        } else if let Some(first) = plan.replay.ops.iter().position(|op| op.tree == b'M') {
            // From the very start: the journal's description comes first in its log.
            let meta = db.open_tree("meta").map_err(fail)?;
            for op in plan.replay.ops[first..].iter().filter(|op| op.tree == b'M') {
                if let Some(v) = &op.value {
                    meta.insert(op.key.as_slice(), v.as_slice()).map_err(fail)?;
                }
            }
        }
        let journal = Journal::from_db(dir, db, lock, None)?;
        if let Some(backup) = &plan.backup {
            restore(&journal, backup).map_err(|e| RepairError::Backup(backup.clone(), e))?;
        }
        for op in &plan.replay.ops {
            let tree = journal.logged_tree(op.tree);
            match &op.value {
                Some(v) => tree.insert(op.key.as_slice(), v.as_slice()).map(drop),
                None => tree.remove(op.key.as_slice()).map(drop),
            }
            .map_err(fail)?;
        }
        journal.forget_indexes()?;
        journal.ensure_indexes()?;
        journal.flush()?;
        let records = journal.len();
        drop(journal);
        let lock = JournalLock::acquire(dir)?;
        std::fs::write(dir.join(REBUILT_WHOLE), b"").map_err(io)?;
        crate::safe_fs::sync_dir(dir);
        let kept = put_rebuilt_in_place(dir, now).map_err(io)?;
        note_clean_close(dir);
        drop(lock);
        Ok(Repaired {
            plan,
            kept,
            records,
        })
    }
}

/// Finishes a repair that was cut off after its database was whole.
pub(super) fn finish_cut_off_repair(dir: &Path, now: chrono::DateTime<chrono::Utc>) {
    if dir.join(REBUILT_WHOLE).exists() && dir.join(REBUILT).is_dir() {
        let _ = put_rebuilt_in_place(dir, now);
    }
}

fn put_rebuilt_in_place(
    dir: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> std::io::Result<Option<PathBuf>> {
    let db = dir.join("db");
    let kept = if db.exists() {
        let kept = kept_folder(dir);
        crate::safe_fs::private_dir(&kept)?;
        let to = unique(
            &kept,
            &format!("db-replaced-{}", now.format("%Y%m%dT%H%M%S")),
        );
        std::fs::rename(&db, &to)?;
        Some(to)
    } else {
        None
    };
    std::fs::rename(dir.join(REBUILT), &db)?;
    crate::safe_fs::sync_dir(dir);
    std::fs::remove_file(dir.join(REBUILT_WHOLE))?;
    Ok(kept)
}
