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
pub(super) fn fingerprint(journal_dir: &Path) -> Option<String> {
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
    if let Some(mut print) = fingerprint(journal_dir) {
        if let Some(last) = log::segments(&log::folder(journal_dir))
            .ok()
            .and_then(|all| all.last().cloned())
        {
            let len = std::fs::metadata(&last.path).map_or(0, |m| m.len());
            print.push_str(&format!("\n--\nlog {} {len}", last.n));
        }
        let _ = crate::safe_fs::replace_unsynced(&journal_dir.join(FINGERPRINT), print.as_bytes());
    }
}

/// What was done about sled's files before sled opened them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Aside {
    /// They are as praxis left them at its last clean close: nothing to keep.
    Clean,
    /// They changed since: a copy of them as they were is here (`fresh`: made now, so it can go
    /// again if the journal is whole; otherwise an earlier copy of the very same files).
    Kept { copy: PathBuf, fresh: bool },
    /// They changed since, but the disk has no room for a copy: opened without one.
    NoRoom,
}

/// Before sled opens the files: when they are not as a clean close left them (praxis was
/// killed, or something else changed them), copies them aside first, untouched (unless the same
/// files were kept already, or there is no room for a copy).
pub(super) fn keep_aside_if_unclean(
    journal_dir: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Aside, StoreError> {
    let noted = std::fs::read_to_string(journal_dir.join(FINGERPRINT)).ok();
    let noted_db = noted.as_deref().map(db_part);
    let now_print = fingerprint(journal_dir);
    if noted_db.is_some() && noted_db == now_print.as_deref() {
        return Ok(Aside::Clean);
    }
    let io = |source| StoreError::Io {
        action: "open",
        dir: journal_dir.to_path_buf(),
        source,
    };
    let kept = kept_folder(journal_dir);
    // The same damaged files were kept already (each command on a damaged journal would
    // otherwise add a copy).
    if let Some(print) = &now_print
        && let Some(copy) = newest_copy_of(&kept, print)
    {
        return Ok(Aside::Kept { copy, fresh: false });
    }
    let size = dir_size(&journal_dir.join("db"));
    let free = fs2::available_space(journal_dir).unwrap_or(u64::MAX);
    if free < size.saturating_add(super::MIN_FREE_BYTES) {
        return Ok(Aside::NoRoom);
    }
    crate::safe_fs::private_dir(&kept).map_err(io)?;
    let to = unique(&kept, &format!("db-{}", now.format("%Y%m%dT%H%M%S")));
    if let Err(e) = copy_tree(&journal_dir.join("db"), &to) {
        let _ = std::fs::remove_dir_all(&to);
        return if e.kind() == std::io::ErrorKind::StorageFull {
            Ok(Aside::NoRoom)
        } else {
            Err(io(e))
        };
    }
    if let Some(print) = &now_print {
        let _ = std::fs::write(to.with_extension("closed"), print);
    }
    Ok(Aside::Kept {
        copy: to,
        fresh: true,
    })
}

/// The newest copy in `kept` made of files with this fingerprint.
fn newest_copy_of(kept: &Path, print: &str) -> Option<PathBuf> {
    let mut copies: Vec<PathBuf> = std::fs::read_dir(kept)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "closed"))
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t == print))
        .map(|p| p.with_extension(""))
        .filter(|p| p.is_dir())
        .collect();
    copies.sort();
    copies.pop()
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

/// The part of a clean-close note that describes sled's files (the rest is the log's end).
fn db_part(noted: &str) -> &str {
    noted.split("\n--\n").next().unwrap_or("")
}

/// What the clean-close note says of the save log's end: its last segment and that
/// segment's length.
fn noted_log_end(noted: &str) -> Option<(u64, u64)> {
    let tail = noted.split("\n--\n").nth(1)?;
    let mut words = tail.split_whitespace();
    (words.next()? == "log").then_some(())?;
    Some((words.next()?.parse().ok()?, words.next()?.parse().ok()?))
}

/// What is wrong with the save log as files (not its entries): a segment missing from the run,
/// or the log ending before where it ended at the last clean close.
/// What is wrong with the save log, checked at every open: its files, and its frames since its
/// newest start when they are at most `most` bytes (a larger log asks for a backup first).
pub(super) fn log_trouble(journal_dir: &Path, most: u64) -> Option<String> {
    log_files_trouble(journal_dir)
        .or_else(|| log::damage_since_start(&log::folder(journal_dir), most))
}

fn log_files_trouble(journal_dir: &Path) -> Option<String> {
    let all = log::segments(&log::folder(journal_dir)).ok()?;
    // From the newest start on: what came before a backup is no longer needed.
    let from = all
        .iter()
        .rposition(|s| s.start != log::Start::Cont)
        .unwrap_or(0);
    if let Some(w) = all[from..].windows(2).find(|w| w[1].n != w[0].n + 1) {
        return Some(format!(
            "its part {} is missing",
            (w[0].n + 1..w[1].n)
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let noted = std::fs::read_to_string(journal_dir.join(FINGERPRINT)).ok()?;
    let (n, len) = noted_log_end(&noted)?;
    let last = all.iter().find(|s| s.n == n);
    match last {
        None if all.last().is_none_or(|s| s.n < n) => {
            Some(format!("its newest part {n} is missing"))
        }
        Some(s) if std::fs::metadata(&s.path).map_or(0, |m| m.len()) < len => {
            Some(format!("its part {n} was cut short"))
        }
        _ => None,
    }
}

/// Keeps a copy of sled's files as they are now (unless the very same files were kept already,
/// or there is no room).
fn keep_copy(journal_dir: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<Aside, StoreError> {
    let _ = std::fs::remove_file(journal_dir.join(FINGERPRINT));
    keep_aside_if_unclean(journal_dir, now)
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
            std::fs::set_permissions(
                &target,
                std::os::unix::fs::PermissionsExt::from_mode(crate::safe_fs::FILE_MODE),
            )?;
        }
    }
    Ok(())
}

/// What checking a journal against its save log found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Check {
    /// The database holds what the log says.
    Whole,
    /// The database lacks what the log says was saved: it is damaged.
    Damaged(String),
    /// The log itself is damaged or incomplete, so it cannot judge the database (which opened
    /// without an error): the log should start afresh from a new backup.
    LogTrouble(String),
}

/// Checks a journal against its save log. The one save a crash can leave in the log but not
/// yet in sled (its last) is put into sled here: it was saved.
pub(super) fn check_against_log(journal: &Journal) -> Result<Check, StoreError> {
    let replay =
        log::replay(&log::folder(&journal.dir), |_| true).map_err(|source| StoreError::Io {
            action: "read the save log of",
            dir: journal.dir.clone(),
            source,
        })?;
    let trouble = log_files_trouble(&journal.dir).or_else(|| {
        replay
            .damaged
            .first()
            .map(|(path, at, _)| format!("{} is damaged from byte {at} on", path.display()))
    });
    if let Some(trouble) = trouble {
        // The log cannot say all that was saved; what it can still say must be there.
        let lost = lost_despite_gaps(journal, &replay)?;
        return Ok(if lost > 0 {
            Check::Damaged(format!(
                "{lost} record(s) or comment(s) its log still tells of are missing or older in the \
                 database, and the log itself is damaged ({trouble})"
            ))
        } else {
            Check::LogTrouble(trouble)
        });
    }
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
        return Ok(Check::Damaged(format!(
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
                return Ok(Check::Damaged(format!(
                    "the database holds {got} {what} where its log says {want}"
                )));
            }
        }
    }
    Ok(Check::Whole)
}

/// With parts of the log unreadable, what the rest still proves lost: a record it saved that
/// the database has neither (nor a note of its deletion) nor in that revision or a later one,
/// a comment it saved on a record not deleted since.
fn lost_despite_gaps(journal: &Journal, replay: &Replay) -> Result<usize, StoreError> {
    let fail = |e| journal.sled_error("read", e);
    let revision = |v: &[u8]| {
        serde_json::from_slice::<crate::record::Record>(v)
            .ok()
            .map(|r| r.revision)
    };
    let mut last: HashMap<(u8, &[u8]), &[u8]> = HashMap::new();
    for op in &replay.ops {
        if let (b'r' | b'm', Some(v)) = (op.tree, &op.value) {
            last.insert((op.tree, &op.key), v);
        }
    }
    let mut lost = 0;
    for ((tree, key), value) in last {
        let deleted = match key.get(..26) {
            Some(id) => journal.deleted.contains_key(id).map_err(fail)?,
            None => false,
        };
        if deleted {
            continue;
        }
        let stored = journal.logged_tree(tree).get(key).map_err(fail)?;
        let fine = match (tree, stored) {
            (_, None) => false,
            (b'r', Some(have)) => revision(&have) >= revision(value),
            _ => true,
        };
        if !fine {
            lost += 1;
        }
    }
    Ok(lost)
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
    /// How many records, comments and other entries came from the old database because the
    /// backup and the log lacked them.
    pub from_old: usize,
}

/// Why a journal cannot be rebuilt exactly.
#[derive(Debug, thiserror::Error)]
pub enum RepairError {
    /// The journal (reading, locking, writing) failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The log does not reach back to a backup or to the journal's start.
    #[error(
        "the save log of {dir} does not reach back to a backup it can start from: it is missing \
         or damaged, or it began with a praxis that had no log and no backup was made since, so \
         the journal cannot be rebuilt exactly in place"
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
        // What the old database still holds is brought over too, so a repair never loses what
        // either copy kept (a damaged log can hold less than the database).
        // sled may rewrite damaged files as it opens them: a copy as they are is kept first.
        let _ = keep_copy(dir, now);
        let old = open_old_database(dir);
        let built = build(dir, &plan, &rebuilt, old.as_ref(), lock, restore);
        let (records, from_old) = match built {
            Ok(done) => done,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&rebuilt);
                return Err(e);
            }
        };
        drop(old);
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
            from_old,
        })
    }
}

/// The current database, if sled can still open it (it is about to be replaced, and a copy of
/// it as it was is kept).
fn open_old_database(dir: &Path) -> Option<sled::Db> {
    if !dir.join("db").is_dir() {
        return None;
    }
    super::open_sled(dir).ok()
}

/// Builds the new database: the backup, the log replayed over it, then whatever the old
/// database holds that neither has (records it deleted excepted). Returns how many records of
/// its own the journal holds and how many things came from the old database.
fn build(
    dir: &Path,
    plan: &RepairPlan,
    rebuilt: &Path,
    old: Option<&sled::Db>,
    lock: JournalLock,
    restore: impl FnOnce(&Journal, &Path) -> Result<(), String>,
) -> Result<(usize, usize), RepairError> {
    let db = super::open_sled_at(dir, rebuilt)?;
    let fail = |e| super::sled_error(dir, "repair", e);
    let meta = db.open_tree("meta").map_err(fail)?;
    if let Some(c) = &plan.replay.checkpoint {
        for (k, v) in &c.meta {
            meta.insert(k.as_slice(), v.as_slice()).map_err(fail)?;
        }
    } else {
        // From the very start: the journal's description comes first in its log.
        for op in plan.replay.ops.iter().filter(|op| op.tree == b'M') {
            if let Some(v) = &op.value {
                meta.insert(op.key.as_slice(), v.as_slice()).map_err(fail)?;
            }
        }
    }
    if meta.get(super::META_SCHEMA).map_err(fail)?.is_none()
        && let Some(old) = old
        && let Ok(old_meta) = old.open_tree("meta")
    {
        // Neither a backup nor the log says what the journal is: the old database does.
        for (k, v) in old_meta.iter().flatten() {
            meta.insert(k, v).map_err(fail)?;
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
    let from_old = match old {
        Some(old) => merge_old(&journal, old)?,
        None => 0,
    };
    journal.forget_indexes()?;
    journal.ensure_indexes()?;
    journal.flush()?;
    Ok((journal.len(), from_old))
}

/// Brings over from the old database what the rebuilt one lacks: records (the higher revision
/// wins), shared records, comments, names and keys; never a record this journal deleted.
fn merge_old(journal: &Journal, old: &sled::Db) -> Result<usize, StoreError> {
    let fail = |e| journal.sled_error("repair", e);
    let revision = |v: &[u8]| {
        serde_json::from_slice::<crate::record::Record>(v)
            .ok()
            .map(|r| r.revision)
    };
    let mut brought = 0;
    for (name, code) in [
        ("records", b'r'),
        ("foreign", b'f'),
        ("comments", b'm'),
        ("peers", b'p'),
        ("keys", b'k'),
        ("deleted", b'd'),
    ] {
        let Ok(tree) = old.open_tree(name) else {
            continue;
        };
        let new = journal.logged_tree(code);
        // A damaged database may fail part-way through a tree: what was read is kept.
        for (k, v) in tree.iter().map_while(Result::ok) {
            let deleted = |key: &[u8]| {
                key.get(..26)
                    .is_some_and(|id| journal.deleted.contains_key(id).unwrap_or(false))
            };
            if matches!(code, b'r' | b'm') && deleted(&k) {
                continue;
            }
            let take = match new.get(&k).map_err(fail)? {
                None => true,
                Some(have) if matches!(code, b'r' | b'f') => {
                    matches!((revision(&v), revision(&have)), (Some(a), Some(b)) if a > b)
                }
                Some(_) => false,
            };
            if take {
                new.insert(k, v).map_err(fail)?;
                brought += 1;
            }
        }
    }
    Ok(brought)
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
