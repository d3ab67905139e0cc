//! Rolling backups: a full backup export of the journal, at most one a day (and whenever the
//! save log asks for a checkpoint), the newest N kept, in the journal folder's `backups/` — so
//! that even a failure of the database engine cannot lose a journal: `praxis repair` rebuilds
//! it from the newest one and the save log, `praxis restore` from any one into a new folder.
//!
//! Backups are numbered as they are made (`backup-<n>-<day>.praxis.json`): "newest" is the
//! highest number, never the day in the name, which a wrong clock may have made.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use chrono::{DateTime, NaiveDate, Utc};

use crate::exchange::{self, Peer, Scope, Selection};
use crate::store::{Journal, StoreError};

/// How many daily backups are kept when the journal does not say.
pub const DEFAULT_KEEP: u32 = crate::journal::DEFAULT_KEEP_BACKUPS;

const PREFIX: &str = "backup-";
const SUFFIX: &str = ".praxis.json";

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Backup {
    /// Its number: later backups have higher ones (0 for those of older praxis versions,
    /// which had none).
    pub n: u64,
    /// The day it was made on, by the clock of the time.
    pub day: NaiveDate,
    /// The file.
    pub path: PathBuf,
}

/// The folder a journal's backups are kept in.
pub fn folder(journal_dir: &Path) -> PathBuf {
    crate::store::backups_folder(journal_dir)
}

/// A backup's file name.
pub fn file_name(n: u64, day: NaiveDate) -> String {
    format!("{PREFIX}{n:06}-{}{SUFFIX}", day.format("%Y-%m-%d"))
}

fn parse_name(name: &str) -> Option<(u64, NaiveDate)> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    match stem.split_once('-') {
        Some((n, d)) if n.len() == 6 && n.bytes().all(|b| b.is_ascii_digit()) => {
            Some((n.parse().ok()?, day(d)?))
        }
        _ => Some((0, day(stem)?)),
    }
}

/// The backups there are, oldest first (by number, then day).
pub fn list(journal_dir: &Path) -> Vec<Backup> {
    let Ok(entries) = std::fs::read_dir(folder(journal_dir)) else {
        return Vec::new();
    };
    let mut found: Vec<Backup> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let (n, day) = parse_name(&e.file_name().to_string_lossy())?;
            Some(Backup {
                n,
                day,
                path: e.path(),
            })
        })
        .collect();
    found.sort();
    found
}

/// The newest backup, if any.
pub fn newest(journal_dir: &Path) -> Option<PathBuf> {
    list(journal_dir).pop().map(|b| b.path)
}

/// The backups of a journal whose newest backup is at most this large are still made daily
/// at its first write from the command line: below it a backup costs less than half a write
/// (about 17 µs a record; a 1 MiB backup holds about 500 records).
pub const CHEAP_BACKUP_BYTES: u64 = 1024 * 1024;

/// Whether a write from the command line should be followed by a backup: the save log asks for
/// one (it has no start yet, or has grown large since the last), or none was made today and
/// backups are still cheap. A larger journal's daily backup is made when the app closes, and
/// every save in between is in the save log. Read from the files, without opening the journal.
pub fn due_after_write(journal_dir: &Path, today: NaiveDate) -> bool {
    let all = list(journal_dir);
    let cheap = all
        .last()
        .is_none_or(|b| std::fs::metadata(&b.path).is_ok_and(|m| m.len() <= CHEAP_BACKUP_BYTES));
    Journal::wants_checkpoint_at(journal_dir) || (cheap && !all.iter().any(|b| b.day == today))
}

/// Makes a new backup and keeps only the newest ones.
pub fn make_and_prune(
    journal: &Journal,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<PathBuf, BackupError> {
    let path = make(journal, today, now)?;
    prune(journal.dir(), journal.meta().keep_backups.max(1))?;
    Ok(path)
}

/// Makes a backup unless one was made today and the save log does not ask for one, then
/// keeps only the newest ones. Returns the new file, if one was made.
pub fn make_if_due(
    journal: &Journal,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<PathBuf>, BackupError> {
    let dir = journal.dir();
    if !journal.wants_checkpoint() && list(dir).iter().any(|b| b.day == today) {
        return Ok(None);
    }
    make_and_prune(journal, today, now).map(Some)
}

/// A backup export of `journal`: every record (other journals' too, with their authors' names)
/// and every comment that `selection` admits.
pub fn backup_file(
    journal: &Journal,
    selection: &Selection,
    now: DateTime<Utc>,
) -> Result<exchange::ExchangeFile, StoreError> {
    let mut records: Vec<_> = journal.newest_first().collect::<Result<_, _>>()?;
    records.extend(journal.foreign_newest_first()?);
    let mut file = exchange::export(
        journal.meta(),
        Scope::Backup,
        selection,
        records,
        journal.all_comments()?,
        now,
    );
    file.content.peers = peers_of(journal)?;
    file.content.exported_by.seal_to = sealing_key_of(journal);
    Ok(exchange::ExchangeFile::seal(file.content).signed_by(journal.identity()))
}

/// Who writes a journal's files: the journal, its author and language, its key.
pub fn exporter_of(journal: &Journal) -> exchange::Exporter {
    let meta = journal.meta();
    exchange::Exporter {
        journal: meta.id,
        author_name: meta.author_name.clone(),
        language: meta.language,
        key: Some(journal.identity().public()),
        seal_to: sealing_key_of(journal),
    }
}

/// The journal's age key, which its signed files give so others can seal files for it.
pub fn sealing_key_of(journal: &Journal) -> Option<String> {
    crate::seal::own_identity(journal.dir())
        .ok()
        .map(|age| age.to_public().to_string())
}

/// The other journals' authors a journal knows of, as a backup names them.
fn peers_of(journal: &Journal) -> Result<Vec<Peer>, StoreError> {
    Ok(journal
        .peers()?
        .into_iter()
        .map(|(journal, author_name)| Peer {
            journal,
            author_name,
        })
        .collect())
}

/// Writes the export of `scope` from `journal` to `w` as it reads the journal, never holding it
/// whole; returns how many records went in. A backup holds other journals' records too, with
/// their authors' names (as [`backup_file`] makes it); the other scopes only the journal's own.
pub fn write_export_of<W: std::io::Write>(
    journal: &Journal,
    scope: Scope,
    selection: &Selection,
    now: DateTime<Utc>,
    w: W,
) -> Result<usize, ExportFailed> {
    let counted = Default::default();
    written_export_of(journal, scope, selection, now, w, &counted).map(|(count, _)| count)
}

/// [`write_export_of`], also returning the content's checksum (a backup's checkpoint names it);
/// a backup counts in `counted` how many of this journal's records and of other journals' it
/// holds.
fn written_export_of<W: std::io::Write>(
    journal: &Journal,
    scope: Scope,
    selection: &Selection,
    now: DateTime<Utc>,
    w: W,
    counted: &[AtomicU64; 2],
) -> Result<(usize, String), ExportFailed> {
    let by = exporter_of(journal);
    let comments = journal.all_comments()?;
    let signing = exchange::Signing::By(journal.identity().clone());
    let written = if scope == Scope::Backup {
        let peers = peers_of(journal)?;
        let records = journal.all_oldest_first_counted(Some(counted));
        exchange::write_export(
            w,
            &by,
            scope,
            selection,
            records,
            comments,
            &peers,
            now,
            signing,
            |_| None,
        )
    } else {
        let records = journal.oldest_first();
        // Links to records this file may not carry are left out (no private ids leave).
        let visibility = |id| journal.get_any(id).ok().flatten().map(|r| r.visibility);
        exchange::write_export(
            w,
            &by,
            scope,
            selection,
            records,
            comments,
            &[],
            now,
            signing,
            visibility,
        )
    };
    written
        .map(|(_, count, sum)| (count, sum))
        .map_err(|e| match e {
            exchange::ExportError::Read(e) => ExportFailed::Read(e),
            exchange::ExportError::Write(e) => ExportFailed::Write(e),
        })
}

/// Why writing an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportFailed {
    /// Reading the journal failed.
    #[error(transparent)]
    Read(#[from] StoreError),
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] std::io::Error),
}

/// Writes a new backup, atomically, as it reads the journal, and notes it in the save log as
/// the point a repair can start from.
pub fn make(
    journal: &Journal,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<PathBuf, BackupError> {
    let dir = folder(journal.dir());
    crate::safe_fs::private_dir(&dir).map_err(|e| BackupError::Write(dir.clone(), e))?;
    let n = list(journal.dir()).last().map_or(1, |b| b.n + 1);
    let name = file_name(n, today);
    let path = dir.join(&name);
    let meta = journal.meta();
    let mut checksum = String::new();
    let counted: [AtomicU64; 2] = Default::default();
    // A backup never eats the room the journal itself needs to go on saving: written whole,
    // it is kept only if the reserve is still free.
    exchange::write_atomically_with(&path, |w| {
        let (_, sum) = written_export_of(
            journal,
            Scope::Backup,
            &Selection::default(),
            now,
            &mut *w,
            &counted,
        )?;
        checksum = sum;
        std::io::Write::flush(w)?;
        match fs2::available_space(&dir) {
            Ok(free) if free < crate::store::MIN_FREE_BYTES => Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "the disk is nearly full",
            )
            .into()),
            _ => Ok(()),
        }
    })
    .map_err(|e| match e {
        ExportFailed::Read(e) => BackupError::Store(e),
        ExportFailed::Write(e) => BackupError::Write(path.clone(), e),
    })?;
    let records = counted.map(AtomicU64::into_inner);
    journal.checkpoint(&name, &checksum, records, meta.keep_backups.max(1) as usize)?;
    Ok(path)
}

/// Whether `path` is a whole backup whose content checksum is `checksum` (as a checkpoint of
/// the save log names it).
pub fn is_intact(path: &Path, checksum: &str) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let Ok(file) = serde_json::from_str::<exchange::ExchangeFile>(&text) else {
        return false;
    };
    file.checksum == checksum && exchange::checksum(&file.content) == checksum
}

/// Brings the backup at `path` into `journal` (a journal being rebuilt by `praxis repair`).
pub fn restore_into(journal: &Journal, path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut importer = journal.importer(false);
    let shown = path.display().to_string();
    match exchange::read_into(&shown, &text, journal.meta().id, &mut importer) {
        Ok(about) if about.source == exchange::Source::Praxis(Scope::Backup) => {
            importer.finish().map(drop).map_err(|e| e.to_string())
        }
        Ok(_) => Err("it is not a backup export".into()),
        Err(exchange::Stopped::Read(e)) => Err(e.to_string()),
        Err(exchange::Stopped::Sink(e)) => Err(e.to_string()),
    }
}

/// Removes all but the newest `keep` backups.
pub fn prune(journal_dir: &Path, keep: u32) -> Result<Vec<PathBuf>, BackupError> {
    let all = list(journal_dir);
    let extra = all.len().saturating_sub(keep as usize);
    let mut removed = Vec::new();
    for b in all.into_iter().take(extra) {
        std::fs::remove_file(&b.path).map_err(|e| BackupError::Write(b.path.clone(), e))?;
        removed.push(b.path);
    }
    Ok(removed)
}

/// Why a backup could not be made; the journal itself is untouched.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// Reading the journal failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing the backup failed (a full disk, say).
    #[error(
        "could not write the backup {0}: {1}. Your journal is safe; free some space and praxis will try again"
    )]
    Write(PathBuf, std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{JournalMeta, Language};
    use crate::record::{Content, Record};
    use chrono::{Days, TimeZone};

    #[test]
    fn one_backup_a_day_the_newest_kept_each_a_full_restorable_export() {
        let dir = tempfile::TempDir::new().unwrap();
        let start = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
        let mut meta = JournalMeta::new("Anna", Language::English, start);
        meta.keep_backups = 3;
        let j = Journal::create(dir.path(), meta).unwrap();
        let day0 = start.date_naive();
        for n in 0..5u64 {
            let now = start + chrono::Duration::days(n as i64);
            let mut r = Record::new(j.meta().id, now, Content::Note);
            r.title = format!("day {n}");
            j.insert(&r).unwrap();
            let today = day0 + Days::new(n);
            assert!(make_if_due(&j, today, now).unwrap().is_some(), "day {n}");
            assert!(make_if_due(&j, today, now).unwrap().is_none(), "once a day");
        }
        let kept: Vec<NaiveDate> = list(dir.path()).into_iter().map(|b| b.day).collect();
        assert_eq!(
            kept,
            vec![
                day0 + Days::new(2),
                day0 + Days::new(3),
                day0 + Days::new(4)
            ]
        );
        let newest = newest(dir.path()).unwrap();
        let text = std::fs::read_to_string(&newest).unwrap();
        let incoming = exchange::read("b", &text, j.meta().id).unwrap();
        assert_eq!(incoming.source, exchange::Source::Praxis(Scope::Backup));
        assert_eq!(incoming.records.len(), 5);
    }
}
