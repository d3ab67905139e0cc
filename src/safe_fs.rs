//! Files on disk that nobody else can read and nobody can redirect: every file praxis writes is
//! made fresh under an unpredictable name in its target folder (`O_EXCL`, so a link planted at
//! that name is never followed), filled, synced and renamed into place; folders are 0700 and
//! files 0600.

use std::fs::{File, Permissions};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Temporary files praxis makes start with this and end with [`TEMP_SUFFIX`].
pub const TEMP_PREFIX: &str = ".praxis-";
/// See [`TEMP_PREFIX`].
pub const TEMP_SUFFIX: &str = ".tmp";

/// Folders praxis makes are for their owner alone.
pub const DIR_MODE: u32 = 0o700;
/// Files praxis makes are for their owner alone.
pub const FILE_MODE: u32 = 0o600;

/// Makes every file and folder this process creates private to its user from here on, sled's
/// own files included (the umask is process-wide; the binary sets it first thing).
pub fn make_new_files_private() {
    // SAFETY: umask only changes the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// Writes `text` to `path` atomically (see [`write_atomically_with`]), straight into the file
/// (it is all there already: no thread to hand it to).
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    write_atomically_as(path, FILE_MODE, |mut file: Writeback| {
        file.write_all(text.as_bytes())?;
        Ok(file)
    })
}

/// Writes to `path` so that a crash leaves either the old file or the whole new one, and so
/// that no link planted beside it can redirect the write: `fill` writes a new temporary file
/// with a random name in the same folder (created exclusively, 0600), which is synced, then
/// renamed over `path` (a link at `path` is replaced, never followed), then the folder is
/// synced. When `fill` fails (with its own error, or an I/O one), the temporary file is removed
/// and `path` is left as it was.
pub fn write_atomically_with<E: From<std::io::Error>>(
    path: &Path,
    fill: impl FnOnce(&mut Handoff) -> Result<(), E>,
) -> Result<(), E> {
    write_atomically_as(path, FILE_MODE, |file| through_handoff(file, fill))
}

/// [`write_atomically_with`] for a file that is meant for others on this machine too (the
/// network folder's file, which other users of a shared drive read): 0644.
pub fn write_shared_atomically_with<E: From<std::io::Error>>(
    path: &Path,
    fill: impl FnOnce(&mut Handoff) -> Result<(), E>,
) -> Result<(), E> {
    write_atomically_as(path, 0o644, |file| through_handoff(file, fill))
}

/// The atomic write itself, for a mode: `write` fills the new file and gives it back.
fn write_atomically_as<E: From<std::io::Error>>(
    path: &Path,
    mode: u32,
    write: impl FnOnce(Writeback) -> Result<Writeback, E>,
) -> Result<(), E> {
    let dir = parent_of(path);
    remove_leftovers(&dir, Some(Duration::from_secs(600)));
    let tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .permissions(Permissions::from_mode(mode))
        .tempfile_in(&dir)?;
    // The umask may have taken bits away; the mode asked for is the mode given.
    tmp.as_file()
        .set_permissions(Permissions::from_mode(mode))?;
    let (file, tmp_path) = tmp.into_parts();
    // From here, `tmp_path` removes the temporary file when dropped, unless it was kept.
    let file = write(Writeback::new(file))?.file;
    file.sync_all()?;
    drop(file);
    tmp_path.persist(path).map_err(|e| e.error)?;
    sync_dir(&dir);
    Ok(())
}

/// Runs `fill` with a [`Handoff`] whose bytes a thread of their own writes to `sink`, in
/// order; gives the sink back when all of them are written. When `fill` fails because the
/// sink did, the sink's error is the one returned (`fill` only saw that the writer stopped).
fn through_handoff<W: Write + Send, E: From<std::io::Error>>(
    sink: W,
    fill: impl FnOnce(&mut Handoff) -> Result<(), E>,
) -> Result<W, E> {
    std::thread::scope(|s| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<u8>>(IN_FLIGHT);
        let (give_back, back) = std::sync::mpsc::channel::<Vec<u8>>();
        let writer =
            std::thread::Builder::new().spawn_scoped(s, move || -> std::io::Result<W> {
                let mut sink = sink;
                for mut buf in receive {
                    sink.write_all(&buf)?;
                    buf.clear();
                    // Emptied, it goes back to be filled again (and freed where it was made).
                    let _ = give_back.send(buf);
                }
                sink.flush()?;
                Ok(sink)
            })?;
        let mut handoff = Handoff {
            send: Some(send),
            back,
            buf: Vec::with_capacity(HANDOFF_BYTES),
            out: 0,
            stopped: false,
        };
        let filled = fill(&mut handoff).and_then(|()| Ok(handoff.finish()?));
        let saw_it_stop = handoff.stopped;
        drop(handoff);
        let written = writer.join().expect("the file's writer does not panic");
        match (filled, written) {
            (Ok(()), Ok(sink)) => Ok(sink),
            // `fill` stopped because the writer did: the writer's error says why.
            (Err(_), Err(e)) if saw_it_stop => Err(e.into()),
            (Err(e), _) => Err(e),
            (Ok(()), Err(e)) => Err(e.into()),
        }
    })
}

/// What [`write_atomically_with`] fills: the bytes go in chunks to a thread that writes them
/// to the file, so that making them (a backup: reading, encoding and hashing 50,000 records)
/// and the kernel's copying them into the file take a core each.
pub struct Handoff {
    send: Option<std::sync::mpsc::SyncSender<Vec<u8>>>,
    /// Chunks written, to be filled again.
    back: std::sync::mpsc::Receiver<Vec<u8>>,
    buf: Vec<u8>,
    /// Chunks sent and not yet back.
    out: usize,
    /// Whether the writer was found to have stopped (it failed).
    stopped: bool,
}

/// How many bytes go to the writer at a time.
const HANDOFF_BYTES: usize = 1 << 20;
/// How many chunks may wait for the writer.
const IN_FLIGHT: usize = 2;

impl Handoff {
    /// Sends what is gathered to the writer.
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let next = match self.back.try_recv() {
            Ok(buf) => {
                self.out -= 1;
                buf
            }
            Err(_) => Vec::with_capacity(HANDOFF_BYTES),
        };
        let full = std::mem::replace(&mut self.buf, next);
        let send = self.send.as_ref().ok_or_else(stopped)?;
        if send.send(full).is_err() {
            self.stopped = true;
            return Err(stopped());
        }
        self.out += 1;
        Ok(())
    }

    /// Sends the rest and waits until the writer has written all of it.
    fn drain(&mut self) -> std::io::Result<()> {
        self.send()?;
        while self.out > 0 {
            if self.back.recv().is_err() {
                self.stopped = true;
                return Err(stopped());
            }
            self.out -= 1;
        }
        Ok(())
    }

    /// Everything written; the writer is told there is no more.
    fn finish(&mut self) -> std::io::Result<()> {
        let drained = self.drain();
        self.send = None;
        drained
    }
}

/// What `fill` sees when the writer stopped (its own error is the one returned).
fn stopped() -> std::io::Error {
    std::io::Error::other("the file's writer stopped")
}

impl Write for Handoff {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(buf);
        if self.buf.len() >= HANDOFF_BYTES {
            self.send()?;
        }
        Ok(buf.len())
    }

    /// Returns once every byte so far is in the file.
    fn flush(&mut self) -> std::io::Result<()> {
        self.drain()
    }
}

/// A file being written that the disk starts taking as it grows: every [`WRITEBACK_EVERY`]
/// bytes, what was written is handed to the kernel to write out (without waiting), so the sync
/// at the end of a large file (a backup of 50,000 records is 85 MB) waits for little.
struct Writeback {
    file: File,
    written: u64,
    started: u64,
}

/// See [`Writeback`].
const WRITEBACK_EVERY: u64 = 4 << 20;

impl Writeback {
    fn new(file: File) -> Writeback {
        Writeback {
            file,
            written: 0,
            started: 0,
        }
    }
}

impl Write for Writeback {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.started >= WRITEBACK_EVERY {
            start_writeback(&self.file, self.started, self.written - self.started);
            self.started = self.written;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Asks the kernel to start writing `len` bytes of `file` from `offset` to disk; a hint only
/// (the sync at the end is what makes the file durable), so a refusal is of no matter.
#[cfg(target_os = "linux")]
fn start_writeback(file: &File, offset: u64, len: u64) {
    use std::os::fd::AsRawFd;
    // SAFETY: sync_file_range only reads its arguments; a bad range or descriptor is an error
    // return, not undefined behaviour.
    unsafe {
        libc::sync_file_range(
            file.as_raw_fd(),
            offset as libc::off64_t,
            len as libc::off64_t,
            libc::SYNC_FILE_RANGE_WRITE,
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_file: &File, _offset: u64, _len: u64) {}

/// Replaces `path` with `bytes` through a new temporary file renamed into place (so no planted
/// link is followed), without syncing: for files whose loss in a crash does no harm.
pub fn replace_unsynced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .permissions(Permissions::from_mode(FILE_MODE))
        .tempfile_in(parent_of(path))?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The folder a file lives in (`.` for a bare name).
pub fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Syncs a folder, so a rename or a new file in it survives a crash (best effort).
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Removes the temporary files a killed praxis left in `dir`: all of them, or with `min_age`
/// only those older than that (in a folder where another praxis may be writing right now).
/// Links and folders of that name are left alone.
pub fn remove_leftovers(dir: &Path, min_age: Option<Duration>) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        let old_enough = match min_age {
            None => true,
            Some(age) => meta
                .modified()
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|a| a > age),
        };
        if meta.is_file() && old_enough && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Makes `dir` (and its missing parents) and makes it private.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::set_permissions(dir, Permissions::from_mode(DIR_MODE))
}

/// Whether users other than the owner may enter or read `path` (its mode has group or other
/// bits; a link is judged by what it leads to, as a link's own mode is always 0777); a path
/// that cannot be read is taken as closed.
pub fn open_to_others(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
}

/// Takes group and other permissions away from `dir`, and from the files and folders inside it
/// down to `depth` levels; links are not followed. Returns how many modes changed.
pub fn tighten(dir: &Path, depth: usize) -> std::io::Result<usize> {
    let mut changed = 0;
    tighten_one(dir, &mut changed)?;
    if depth > 0 {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let meta = std::fs::symlink_metadata(&path)?;
            if meta.is_dir() {
                changed += tighten(&path, depth - 1)?;
            } else if meta.is_file() {
                tighten_one(&path, &mut changed)?;
            }
        }
    }
    Ok(changed)
}

fn tighten_one(path: &Path, changed: &mut usize) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    let mode = meta.permissions().mode() & 0o7777;
    if mode & 0o077 != 0 {
        std::fs::set_permissions(path, Permissions::from_mode(mode & !0o077))?;
        *changed += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sink that takes `room` bytes, then fails as a full disk does.
    struct Disk {
        taken: Vec<u8>,
        room: usize,
    }

    impl Write for Disk {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.room - self.taken.len());
            if n == 0 && !buf.is_empty() {
                return Err(std::io::ErrorKind::StorageFull.into());
            }
            self.taken.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Bytes that tell their place: writes of many sizes, none the size of a chunk.
    fn pieces() -> Vec<Vec<u8>> {
        let mut n = 0u32;
        (0..3000)
            .map(|i| {
                let len = (i * 7919) % 5000;
                (0..len)
                    .map(|_| {
                        n = n.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        (n >> 16) as u8
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn what_is_handed_off_arrives_whole_and_in_order_and_a_flush_waits_for_it() {
        let pieces = pieces();
        let whole: Vec<u8> = pieces.concat();
        assert!(whole.len() > 5 * HANDOFF_BYTES);
        let written = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
        impl Write for Shared {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                // A slow disk: a flush that did not wait would find bytes missing.
                std::thread::sleep(Duration::from_millis(5));
                self.0.lock().unwrap().extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let half = pieces.len() / 2;
        let before_half: usize = pieces[..half].iter().map(Vec::len).sum();
        through_handoff(Shared(written.clone()), |w| -> std::io::Result<()> {
            for (n, piece) in pieces.iter().enumerate() {
                if n == half {
                    w.flush()?;
                    assert_eq!(written.lock().unwrap().len(), before_half);
                }
                w.write_all(piece)?;
            }
            Ok(())
        })
        .unwrap();
        assert!(*written.lock().unwrap() == whole);
    }

    #[test]
    fn a_sink_that_fails_gives_its_own_error_and_fill_stops() {
        let mut tried = 0usize;
        let result = through_handoff(
            Disk {
                taken: Vec::new(),
                room: 3 * HANDOFF_BYTES + 17,
            },
            |w| -> std::io::Result<()> {
                for piece in pieces().iter().cycle().take(100_000) {
                    tried += piece.len();
                    w.write_all(piece)?;
                }
                Ok(())
            },
        );
        let e = result.err().expect("the disk was full");
        assert_eq!(e.kind(), std::io::ErrorKind::StorageFull, "{e}");
        // It stopped soon after the disk did, not at the end of what it had to write.
        assert!(tried < 10 * HANDOFF_BYTES, "{tried} bytes tried");
    }

    #[test]
    fn fill_s_own_error_is_returned_when_the_sink_is_sound_or_failed_unseen() {
        #[derive(Debug, PartialEq)]
        enum Failed {
            Io(std::io::ErrorKind),
            Mine,
        }
        impl From<std::io::Error> for Failed {
            fn from(e: std::io::Error) -> Failed {
                Failed::Io(e.kind())
            }
        }
        let result = through_handoff(Vec::new(), |w| {
            w.write_all(&[1; 3 * HANDOFF_BYTES])?;
            Err(Failed::Mine)
        });
        assert_eq!(result.err(), Some(Failed::Mine));
        // The disk fills with what was handed over, but `fill` fails for a reason of its own
        // (a record that cannot be read) before it notices: its reason is the one told.
        let full = Disk {
            taken: Vec::new(),
            room: 10,
        };
        let result = through_handoff(full, |w| {
            w.write_all(&[1; HANDOFF_BYTES])?;
            Err(Failed::Mine)
        });
        assert_eq!(result.err(), Some(Failed::Mine));
    }

    #[test]
    fn an_atomic_write_replaces_a_planted_link_and_never_writes_through_it() {
        let dir = tempfile::TempDir::new().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let target = dir.path().join("shared.praxis.json");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        // Links at every name an older praxis would have used.
        for pid in 0..50 {
            let planted = dir.path().join(format!(".shared.praxis.json.{pid}.tmp"));
            std::os::unix::fs::symlink(&victim, planted).unwrap();
        }
        write_atomically(&target, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        let meta = std::fs::symlink_metadata(&target).unwrap();
        assert!(meta.is_file(), "the link was replaced by a file");
        assert_eq!(meta.permissions().mode() & 0o777, FILE_MODE);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn a_failed_fill_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::TempDir::new().unwrap();
        let target = dir.path().join("f");
        std::fs::write(&target, "old").unwrap();
        let r: std::io::Result<()> = write_atomically_with(&target, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("stop"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn tightening_makes_files_and_folders_private_and_leaves_links_alone() {
        let dir = tempfile::TempDir::new().unwrap();
        let outside = tempfile::NamedTempFile::new().unwrap();
        std::fs::set_permissions(outside.path(), Permissions::from_mode(0o644)).unwrap();
        let j = dir.path().join("j");
        std::fs::create_dir_all(j.join("db")).unwrap();
        std::fs::write(j.join("db/db"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path(), j.join("db/link")).unwrap();
        for p in [j.clone(), j.join("db")] {
            std::fs::set_permissions(&p, Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::set_permissions(j.join("db/db"), Permissions::from_mode(0o644)).unwrap();
        assert_eq!(tighten(&j, 2).unwrap(), 3);
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&j), 0o700);
        assert_eq!(mode(&j.join("db")), 0o700);
        assert_eq!(mode(&j.join("db/db")), 0o600);
        assert_eq!(
            mode(outside.path()),
            0o644,
            "a link's target is not touched"
        );
        assert_eq!(tighten(&j, 2).unwrap(), 0);
    }

    #[test]
    fn leftovers_are_removed_but_not_links_or_other_files() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join(".praxis-abc.tmp"), "private").unwrap();
        std::fs::write(dir.path().join("keep.json"), "x").unwrap();
        std::os::unix::fs::symlink("/etc/hostname", dir.path().join(".praxis-l.tmp")).unwrap();
        assert_eq!(
            remove_leftovers(dir.path(), Some(Duration::from_secs(600))),
            0
        );
        assert_eq!(remove_leftovers(dir.path(), None), 1);
        assert!(dir.path().join("keep.json").exists());
        assert!(std::fs::symlink_metadata(dir.path().join(".praxis-l.tmp")).is_ok());
    }
}
