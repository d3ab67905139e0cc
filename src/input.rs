//! Reading a file that a user or another journal handed praxis: only a regular file, never more
//! than a limit, and never waiting on a named pipe or a device.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The most praxis reads from an exchange file (an export, a backup, a network file): 256 MiB,
/// held in memory while it is read (a backup of 150,000 records is about 230 MiB).
pub const EXCHANGE_LIMIT: u64 = 256 << 20;

/// The most praxis reads from a small text file or from text piped in (an answers file, a
/// prompt file, a note's body on stdin): 8 MiB.
pub const TEXT_LIMIT: u64 = 8 << 20;

/// A file that praxis would not or could not read, and why.
#[derive(Debug, thiserror::Error)]
#[error("{path} {problem}")]
pub struct InputError {
    /// The file, as the user named it.
    pub path: String,
    /// What is wrong with it.
    pub problem: Problem,
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum Problem {
    /// Not a regular file: a named pipe, a device, a socket or a folder.
    #[error("is {0}, not a regular file: give praxis the file itself. Nothing was changed")]
    NotAFile(Kind),
    /// Larger than praxis reads from such a file.
    #[error(
        "is larger than {} MiB, the most praxis reads from it: check that it is what you meant to give. Nothing was changed",
        .limit >> 20
    )]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// Not UTF-8 text.
    #[error("is not UTF-8 text: save it as UTF-8 and try again. Nothing was changed")]
    NotText,
    /// Opening or reading failed.
    #[error("cannot be read ({0}). Nothing was changed")]
    Io(#[from] std::io::Error),
}

/// What a path that is not a regular file is instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A folder.
    Folder,
    /// A named pipe (FIFO).
    Pipe,
    /// A character or block device, such as /dev/zero.
    Device,
    /// A Unix socket.
    Socket,
    /// Anything else that is not a regular file.
    Other,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Folder => "a folder",
            Kind::Pipe => "a named pipe (FIFO)",
            Kind::Device => "a device",
            Kind::Socket => "a socket",
            Kind::Other => "a special file",
        })
    }
}

/// The text of the regular file at `path` (a symbolic link is followed), at most `limit`
/// bytes. Opening never blocks, so a named pipe is refused at once instead of waiting for a
/// writer, and a device such as /dev/zero is refused before a byte is read.
pub fn read_text(path: &Path, limit: u64) -> Result<String, InputError> {
    let bytes = read_bytes(path, limit)?;
    String::from_utf8(bytes).map_err(|_| InputError {
        path: path.display().to_string(),
        problem: Problem::NotText,
    })
}

/// The bytes of the regular file at `path`, checked as [`read_text`] checks it.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let fail = |problem| InputError {
        path: path.display().to_string(),
        problem,
    };
    let file = open(path).map_err(|e| fail(e.into()))?;
    let meta = file.metadata().map_err(|e| fail(e.into()))?;
    if let Some(kind) = not_a_file(&meta.file_type()) {
        return Err(fail(Problem::NotAFile(kind)));
    }
    if meta.len() > limit {
        return Err(fail(Problem::TooLarge { limit }));
    }
    // The size on disk can be 0 (files under /proc) or grow while being read: never take in
    // more than the limit allows. Room for what it says it holds is made at once (an 80 MB
    // file read into a growing buffer was copied over and over as it doubled).
    read_limited_bytes(file, limit, meta.len()).map_err(fail)
}

/// Everything `reader` gives, if it is UTF-8 text of at most `limit` bytes.
pub fn read_limited(reader: impl Read, limit: u64) -> Result<String, Problem> {
    String::from_utf8(read_limited_bytes(reader, limit, 0)?).map_err(|_| Problem::NotText)
}

/// Everything `reader` gives, at most `limit` bytes; `expected` of them make room first.
fn read_limited_bytes(reader: impl Read, limit: u64, expected: u64) -> Result<Vec<u8>, Problem> {
    let room = usize::try_from(expected.min(limit)).unwrap_or(0);
    // One byte more: reading to the end then needs no second allocation to see that it ended.
    let mut bytes = Vec::with_capacity(room.saturating_add(1));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(Problem::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn not_a_file(t: &std::fs::FileType) -> Option<Kind> {
    use std::os::unix::fs::FileTypeExt;
    Some(if t.is_file() {
        return None;
    } else if t.is_dir() {
        Kind::Folder
    } else if t.is_fifo() {
        Kind::Pipe
    } else if t.is_char_device() || t.is_block_device() {
        Kind::Device
    } else if t.is_socket() {
        Kind::Socket
    } else {
        Kind::Other
    })
}

#[cfg(not(unix))]
fn not_a_file(t: &std::fs::FileType) -> Option<Kind> {
    match () {
        _ if t.is_file() => None,
        _ if t.is_dir() => Some(Kind::Folder),
        _ => Some(Kind::Other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "id = \"x\"\n").unwrap();
        assert_eq!(read_text(&path, 100).unwrap(), "id = \"x\"\n");
    }

    #[test]
    fn a_named_pipe_a_device_and_a_folder_are_refused_without_waiting() {
        let dir = tempfile::TempDir::new().unwrap();
        let fifo = dir.path().join("peer.praxis.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let kind = |path: &Path| match read_text(path, TEXT_LIMIT) {
            Err(InputError {
                problem: Problem::NotAFile(kind),
                ..
            }) => kind,
            other => panic!("{} was not refused: {other:?}", path.display()),
        };
        assert_eq!(kind(&fifo), Kind::Pipe);
        assert_eq!(kind(Path::new("/dev/zero")), Kind::Device);
        assert_eq!(kind(dir.path()), Kind::Folder);
        let e = read_text(&fifo, TEXT_LIMIT).unwrap_err().to_string();
        assert!(e.contains("peer.praxis.json is a named pipe (FIFO)"), "{e}");
        assert!(e.contains("Nothing was changed"), "{e}");
    }

    #[test]
    fn more_than_the_limit_or_other_than_utf8_is_refused() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("big.json");
        std::fs::write(&path, "x".repeat(11)).unwrap();
        assert!(read_text(&path, 11).is_ok());
        let e = read_text(&path, 10).unwrap_err();
        assert!(matches!(e.problem, Problem::TooLarge { limit: 10 }), "{e}");
        assert!(matches!(
            read_limited(std::io::repeat(b'x'), 10),
            Err(Problem::TooLarge { .. })
        ));
        std::fs::write(&path, [0xff, 0xfe]).unwrap();
        let e = read_text(&path, 10).unwrap_err();
        assert!(matches!(e.problem, Problem::NotText), "{e}");
    }
}
