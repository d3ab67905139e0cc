//! One praxis process per journal: an exclusive lock on `praxis.lock` holding the owner's pid.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::StoreError;

/// Held while a journal is open; the OS releases it when the process ends, however it ends.
#[derive(Debug)]
pub struct JournalLock {
    _file: File,
}

impl JournalLock {
    /// Takes the lock in `dir`, or says which process holds it.
    pub fn acquire(dir: &Path) -> Result<JournalLock, StoreError> {
        let path = dir.join("praxis.lock");
        let io = |source| StoreError::Io {
            action: "lock",
            dir: dir.to_path_buf(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        // Held by this very process, the lock is on its way out: a handle just dropped, or a
        // child process started by another thread still holds a copy of the file until it
        // execs (seen under parallel tests on a loaded machine). Wait a little for that.
        let started = std::time::Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    let _ = file.seek(SeekFrom::Start(0));
                    let _ = file.read_to_string(&mut text);
                    let pid: Option<u32> = text.trim().parse().ok();
                    if pid == Some(std::process::id())
                        && started.elapsed() < std::time::Duration::from_secs(3)
                    {
                        std::thread::sleep(std::time::Duration::from_millis(10));
                        continue;
                    }
                    return Err(StoreError::Locked {
                        dir: dir.to_path_buf(),
                        pid,
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
        }
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        write!(file, "{}", std::process::id()).map_err(io)?;
        file.flush().map_err(io)?;
        Ok(JournalLock { _file: file })
    }
}
