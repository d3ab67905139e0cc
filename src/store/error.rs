//! What can go wrong with a journal on disk, each phrased so the user knows what to do.

use std::path::PathBuf;

/// An error from the journal store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// There is no journal in the folder yet.
    #[error(
        "there is no journal in {dir} yet: add your first record (praxis add note …) or run `praxis init`"
    )]
    NoJournal {
        /// The folder that was looked in.
        dir: PathBuf,
    },
    /// The journal's path names a file (or something else that is not a folder).
    #[error(
        "{dir} is a file, not a folder: --journal (and PRAXIS_JOURNAL) name the folder a journal \
         is kept in, e.g. --journal ~/praxis-journal"
    )]
    NotAFolder {
        /// The path given.
        dir: PathBuf,
    },
    /// The folder holds other files, not a praxis journal.
    #[error(
        "{dir} is not a praxis journal (it has other files but no journal database): \
         choose an empty or new folder with --journal"
    )]
    NotAJournal {
        /// The folder that was looked in.
        dir: PathBuf,
    },
    /// A journal already exists where a new one was to be made.
    #[error("there is already a journal in {dir}: use it, or choose another folder with --journal")]
    AlreadyExists {
        /// The folder that holds it.
        dir: PathBuf,
    },
    /// Another praxis process holds the journal.
    #[error(
        "this journal ({dir}) is open in another praxis{}: close that one first, then try again",
        pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
    )]
    Locked {
        /// The journal folder.
        dir: PathBuf,
        /// The other process, when it could be read from the lock file.
        pid: Option<u32>,
    },
    /// The journal was written by a newer praxis.
    #[error(
        "this journal ({dir}) was written by a newer praxis (schema {found}; this praxis knows up to \
         {supported}): update praxis to open it. Nothing was changed."
    )]
    NewerSchema {
        /// The journal folder.
        dir: PathBuf,
        /// The schema version found in the journal.
        found: u32,
        /// The newest schema this build understands.
        supported: u32,
    },
    /// The journal's files are damaged.
    #[error(
        "the journal in {dir} is damaged ({detail}). {}Run `praxis repair`: it rebuilds the \
         journal from its newest good backup and every save logged since, and keeps the current \
         files aside",
        kept_note(kept.as_deref())
    )]
    Corrupt {
        /// The journal folder.
        dir: PathBuf,
        /// What was found wrong.
        detail: String,
        /// Where a copy of the database files as they were before this run is kept, if one was
        /// made (the database engine may change its own files when it opens damaged ones).
        kept: Option<PathBuf>,
    },
    /// A file that says it comes from this journal but is not signed with its key.
    #[error(
        "this file says it comes from your own journal, but it is {}. Nothing was imported.{}",
        if *signed { "signed with another key: it was made to pass for yours" } else { "not signed" },
        if *backup && !*signed {
            " If it is an old backup of yours (from a praxis before keys), bring it back into a new \
             folder: praxis restore FILE --journal NEW_FOLDER"
        } else if *signed {
            ""
        } else {
            " Only your own signed backups may change your records"
        }
    )]
    NotYours {
        /// Whether it was signed at all.
        signed: bool,
        /// Whether it is a backup.
        backup: bool,
    },
    /// A file signed with another key than the one pinned for its journal.
    #[error(
        "this file says it comes from {name} (journal {journal}), but it is signed with another key \
         than the one praxis pinned for {name}: pinned {pinned}, this file {found}. Nothing was \
         imported. If {name} really made a new key (a new computer, a restored journal), compare \
         the new fingerprint with {name} by phone, then run: praxis network trust {journal}"
    )]
    KeyChanged {
        /// The journal.
        journal: crate::record::JournalId,
        /// Its author's name as the file gives it.
        name: String,
        /// The pinned key's fingerprint.
        pinned: String,
        /// The file's key's fingerprint.
        found: String,
    },
    /// A revision far beyond the stored one.
    #[error(
        "record {id} would jump from revision {stored} to {found}: no journal edits a record that \
         often, so the file is refused. Nothing was imported"
    )]
    RevisionJump {
        /// The record.
        id: crate::record::RecordId,
        /// Its stored revision.
        stored: u32,
        /// The file's.
        found: u32,
    },
    /// A restore into the folder was cut off before it finished.
    #[error(
        "a restore into {dir} was cut off before it finished, so it holds no whole journal: run \
         the same praxis restore again (it starts over)"
    )]
    RestoreCutOff {
        /// The folder.
        dir: PathBuf,
    },
    /// No record has an id starting with the given text.
    #[error("no record has an id starting with '{prefix}': see `praxis list` for ids")]
    NotFound {
        /// What was looked for.
        prefix: String,
    },
    /// More than one record has an id starting with the given text.
    #[error(
        "'{prefix}' could mean several records ({}): type more of the id",
        candidates.join(", ")
    )]
    Ambiguous {
        /// What was looked for.
        prefix: String,
        /// Some of the ids that start with it.
        candidates: Vec<String>,
    },
    /// A record with this id is already stored.
    #[error("a record with id {id} is already in the journal")]
    Duplicate {
        /// The id.
        id: String,
    },
    /// Reading or writing the disk failed.
    #[error("could not {action} the journal in {dir}: {source}{}", hint(source))]
    Io {
        /// What praxis was doing.
        action: &'static str,
        /// The journal folder.
        dir: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl StoreError {
    /// The error for a damaged journal in `dir`.
    pub fn corrupt(dir: &std::path::Path, detail: impl Into<String>) -> StoreError {
        StoreError::Corrupt {
            dir: dir.to_path_buf(),
            detail: detail.into(),
            kept: None,
        }
    }
}

fn kept_note(kept: Option<&std::path::Path>) -> String {
    match kept {
        Some(k) => format!(
            "Its database files as they were before praxis opened them now are kept, unchanged, \
             in {}. ",
            k.display()
        ),
        None => String::new(),
    }
}

fn hint(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
            ". The disk is full or nearly so: free some space and try again; what was saved before is safe"
        }
        std::io::ErrorKind::PermissionDenied => {
            ". Check that you may write to that folder, or choose another with --journal"
        }
        std::io::ErrorKind::ReadOnlyFilesystem => {
            ". The disk is read-only: choose another folder with --journal"
        }
        _ => "",
    }
}
