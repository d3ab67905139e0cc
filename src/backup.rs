//! Rolling backups: a full backup export of the journal, at most one a day, the newest N kept,
//! in the journal folder's `backups/` — so that even a failure of the database engine cannot
//! lose a journal: `praxis restore` rebuilds it from the newest one.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use crate::exchange::{self, Peer, Scope, Selection};
use crate::store::{Journal, StoreError};

/// How many daily backups are kept when the journal does not say.
pub const DEFAULT_KEEP: u32 = 7;

const PREFIX: &str = "backup-";
const SUFFIX: &str = ".praxis.json";

/// The folder a journal's backups are kept in.
pub fn folder(journal_dir: &Path) -> PathBuf {
    journal_dir.join("backups")
}

/// A backup's file name for a day.
pub fn file_name(day: NaiveDate) -> String {
    format!("{PREFIX}{}{SUFFIX}", day.format("%Y-%m-%d"))
}

/// The backups there are, oldest first.
pub fn list(journal_dir: &Path) -> Vec<(NaiveDate, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(folder(journal_dir)) else {
        return Vec::new();
    };
    let mut found: Vec<(NaiveDate, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let day = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
            let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
            Some((day, e.path()))
        })
        .collect();
    found.sort();
    found
}

/// The newest backup, if any.
pub fn newest(journal_dir: &Path) -> Option<PathBuf> {
    list(journal_dir).pop().map(|(_, p)| p)
}

/// Makes today's backup unless there is one, then keeps only the newest `keep`. Returns the
/// new file, if one was made.
pub fn make_if_due(
    journal: &Journal,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<PathBuf>, BackupError> {
    let dir = journal.dir();
    if list(dir).iter().any(|(day, _)| *day == today) {
        return Ok(None);
    }
    let path = make(journal, today, now)?;
    prune(dir, journal.meta().keep_backups.max(1))?;
    Ok(Some(path))
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
    Ok(exchange::ExchangeFile::seal(file.content))
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
    let meta = journal.meta();
    let by = exchange::Exporter {
        journal: meta.id,
        author_name: meta.author_name.clone(),
        language: meta.language,
    };
    let comments = journal.all_comments()?;
    let written = if scope == Scope::Backup {
        let peers = peers_of(journal)?;
        let records = journal.all_oldest_first();
        exchange::write_export(w, &by, scope, selection, records, comments, &peers, now)
    } else {
        let records = journal.oldest_first();
        exchange::write_export(w, &by, scope, selection, records, comments, &[], now)
    };
    written.map(|(_, count)| count).map_err(|e| match e {
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

/// Writes today's backup (replacing one of the same day), atomically, as it reads the journal.
pub fn make(
    journal: &Journal,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<PathBuf, BackupError> {
    let dir = folder(journal.dir());
    std::fs::create_dir_all(&dir).map_err(|e| BackupError::Write(dir.clone(), e))?;
    let path = dir.join(file_name(today));
    // A backup never eats the room the journal itself needs to go on saving: written whole,
    // it is kept only if the reserve is still free.
    exchange::write_atomically_with(&path, |w| {
        write_export_of(journal, Scope::Backup, &Selection::default(), now, &mut *w)?;
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
    Ok(path)
}

/// Removes all but the newest `keep` backups.
pub fn prune(journal_dir: &Path, keep: u32) -> Result<Vec<PathBuf>, BackupError> {
    let all = list(journal_dir);
    let extra = all.len().saturating_sub(keep as usize);
    let mut removed = Vec::new();
    for (_, path) in all.into_iter().take(extra) {
        std::fs::remove_file(&path).map_err(|e| BackupError::Write(path.clone(), e))?;
        removed.push(path);
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
        let kept: Vec<NaiveDate> = list(dir.path()).into_iter().map(|(d, _)| d).collect();
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
        let err = StoreError::corrupt(dir.path(), "test");
        assert!(
            err.to_string()
                .contains(&format!("praxis restore {}", newest.display())),
            "{err}"
        );
    }
}
