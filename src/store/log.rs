//! The save log: every change to a journal's data, appended to a file of praxis's own and
//! synced before a save returns, beside sled's files. sled is not the only copy of a saved
//! word: the journal can always be rebuilt from the newest good backup and the log after it
//! (`praxis repair`), and a journal sled lost data from is told apart from a sound one.
//!
//! The log is a folder of segments, `log/<n>-<start>.log`, read in the order of `n`. A segment
//! is a run of frames: length (4 bytes, little-endian), CRC-32 of the payload (4 bytes), payload.
//! A frame cut short or failing its checksum ends what can be read of its segment; a segment
//! whose end is not clean is never appended to again (the next save starts a new one), so a
//! torn write from a crash can only ever be the last frame of a segment. `<start>` says what a
//! segment continues from: `new` (an empty journal: the log holds its whole history),
//! `checkpoint` (the backup named in its first entry), or `cont` (whatever came before).
//!
//! Entries name the trees by letter and carry whole values, so replaying a stretch of the log
//! in order over any state at or before its start gives the state at its end. Large writes
//! (imports) log their steps under a group and a commit entry at the end; the steps of a group
//! that never committed (it was rolled back) are skipped.

use std::fs::{File, OpenOptions};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// The trees whose contents the log carries (indexes and the undo log are derived or
/// transient, and left out).
pub(super) const LOGGED_TREES: [u8; 8] = [b'r', b'f', b'c', b'm', b'p', b'k', b'd', b'M'];

/// One key's new state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Op {
    /// Which tree (see [`LOGGED_TREES`]).
    pub tree: u8,
    /// The key.
    pub key: Vec<u8>,
    /// Its new value; `None` when it was removed.
    pub value: Option<Vec<u8>>,
    /// Whether the key held a value before.
    pub existed: bool,
}

/// What a backup that a segment continues from holds beyond the exchange file itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Checkpoint {
    /// The backup file's name, in the journal's `backups/`.
    pub backup: String,
    /// The backup's content checksum (as in the file), so a replaced file is noticed.
    pub checksum: String,
    /// The journal's settings and draft at that moment (the `M` tree), which a backup does not
    /// carry.
    pub meta: Vec<(Vec<u8>, Vec<u8>)>,
    /// How many keys the records, foreign, comments trees held then.
    pub counts: [u64; 3],
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Entry {
    /// Changes made together.
    Changes {
        /// The large write they belong to, if any.
        group: Option<u64>,
        /// The changes.
        ops: Vec<Op>,
    },
    /// A large write finished: its steps count.
    Commit {
        /// Which one.
        group: u64,
    },
    /// The first entry of a `checkpoint` segment.
    Checkpoint(Checkpoint),
}

/// Where a segment's history starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Start {
    /// An empty journal.
    New,
    /// The backup in its first entry.
    Checkpoint,
    /// Whatever came before it.
    Cont,
}

impl Start {
    fn word(self) -> &'static str {
        match self {
            Start::New => "new",
            Start::Checkpoint => "checkpoint",
            Start::Cont => "cont",
        }
    }

    fn from_word(w: &str) -> Option<Start> {
        [Start::New, Start::Checkpoint, Start::Cont]
            .into_iter()
            .find(|s| s.word() == w)
    }
}

/// A segment file.
#[derive(Debug, Clone)]
pub(super) struct Segment {
    /// Its place in the order.
    pub n: u64,
    /// What it continues from.
    pub start: Start,
    /// The file.
    pub path: PathBuf,
}

/// The log's folder in a journal folder.
pub(super) fn folder(journal_dir: &Path) -> PathBuf {
    journal_dir.join("log")
}

/// The segments in `dir`, in order.
pub(super) fn segments(dir: &Path) -> std::io::Result<Vec<Segment>> {
    let mut found = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".log") else {
            continue;
        };
        let Some((n, start)) = stem.split_once('-') else {
            continue;
        };
        let (Ok(n), Some(start)) = (n.parse(), Start::from_word(start)) else {
            continue;
        };
        if entry.file_type()?.is_file() {
            found.push(Segment {
                n,
                start,
                path: entry.path(),
            });
        }
    }
    found.sort_by_key(|s| s.n);
    Ok(found)
}

/// Whether the log in `dir` asks for a checkpoint: it has no known start (a journal from a
/// praxis without the log, not backed up since), or holds more than `after` bytes since its
/// newest start. Read from the folder alone, without opening the journal.
pub(super) fn wants_checkpoint(dir: &Path, after: u64) -> bool {
    let Ok(all) = segments(dir) else {
        return false;
    };
    let Some(from) = all.iter().rposition(|s| s.start != Start::Cont) else {
        return true;
    };
    let since: u64 = all[from..]
        .iter()
        .filter_map(|s| std::fs::metadata(&s.path).ok())
        .map(|m| m.len())
        .sum();
    since > after
}

/// The log, open for appending.
#[derive(Debug)]
pub(super) struct SaveLog {
    dir: PathBuf,
    /// The segment appended to; `None` until the first append after its end was found unclean.
    current: Option<(u64, File)>,
    /// The number the next new segment gets.
    next_n: u64,
}

impl SaveLog {
    /// Opens the log in `dir` (made if missing). A journal without a log yet starts one
    /// that continues from whatever it holds (`fresh` says it is a new, empty journal).
    pub(super) fn open(dir: &Path, fresh: bool) -> std::io::Result<SaveLog> {
        crate::safe_fs::private_dir(dir)?;
        let all = segments(dir)?;
        let mut log = SaveLog {
            dir: dir.to_path_buf(),
            current: None,
            next_n: all.last().map_or(0, |s| s.n + 1),
        };
        match all.last() {
            None => {
                let start = if fresh { Start::New } else { Start::Cont };
                log.start_segment(start, None)?;
            }
            Some(last) => {
                if ends_cleanly(&last.path)? {
                    let file = OpenOptions::new().append(true).open(&last.path)?;
                    log.current = Some((last.n, file));
                }
            }
        }
        Ok(log)
    }

    /// Appends `entry` and syncs it to disk.
    pub(super) fn append(&mut self, entry: &Entry) -> std::io::Result<()> {
        if self.current.is_none() {
            self.start_segment(Start::Cont, None)?;
        }
        let (_, file) = self.current.as_mut().expect("a segment is open");
        let frame = frame(&encode(entry));
        let before = file.metadata()?.len();
        let written = file.write_all(&frame).and_then(|()| file.sync_data());
        if let Err(e) = written {
            // Never leave a partial frame to be appended after: cut it off, or stop using the
            // segment.
            if file
                .set_len(before)
                .and_then(|()| file.sync_data())
                .is_err()
            {
                self.current = None;
            }
            return Err(e);
        }
        Ok(())
    }

    /// Starts a segment that continues from `checkpoint`'s backup; segments before the newest
    /// `keep` checkpoints are removed.
    pub(super) fn checkpoint(
        &mut self,
        checkpoint: Checkpoint,
        keep: usize,
    ) -> std::io::Result<()> {
        self.start_segment(Start::Checkpoint, Some(Entry::Checkpoint(checkpoint)))?;
        let all = segments(&self.dir)?;
        let starts: Vec<u64> = all
            .iter()
            .filter(|s| s.start == Start::Checkpoint)
            .map(|s| s.n)
            .collect();
        if starts.len() > keep.max(1) {
            let oldest_kept = starts[starts.len() - keep.max(1)];
            for s in all.iter().filter(|s| s.n < oldest_kept) {
                std::fs::remove_file(&s.path)?;
            }
            crate::safe_fs::sync_dir(&self.dir);
        }
        Ok(())
    }

    fn start_segment(&mut self, start: Start, first: Option<Entry>) -> std::io::Result<()> {
        let n = self.next_n;
        let path = self.dir.join(format!("{n:08}-{}.log", start.word()));
        let mut file = OpenOptions::new()
            .append(true)
            .create_new(true)
            .open(&path)?;
        if let Some(entry) = first {
            file.write_all(&frame(&encode(&entry)))?;
        }
        file.sync_all()?;
        crate::safe_fs::sync_dir(&self.dir);
        self.next_n = n + 1;
        self.current = Some((n, file));
        Ok(())
    }
}

/// What reading a segment found.
#[derive(Debug, Default)]
pub(super) struct SegmentRead {
    /// The entries that could be read, in order.
    pub entries: Vec<Entry>,
    /// Stretches that could not be read (a damaged frame up to the next good one): their byte
    /// offset and length. A write cut off at the very end is not among them.
    pub damaged: Vec<(u64, u64)>,
}

/// Reads every entry of a segment. A damaged frame costs only itself: reading goes on at the
/// next frame whose length and checksum hold.
pub(super) fn read_segment(path: &Path) -> std::io::Result<SegmentRead> {
    let bytes = std::fs::read(path)?;
    let mut out = SegmentRead::default();
    let mut at = 0usize;
    while at < bytes.len() {
        if let Some((entry, next)) = frame_at(&bytes, at) {
            out.entries.push(entry);
            at = next;
            continue;
        }
        let resume = (at + 1..bytes.len()).find(|&p| frame_at(&bytes, p).is_some());
        let torn = resume.is_none() && looks_cut_off(&bytes, at);
        if !torn {
            let end = resume.unwrap_or(bytes.len());
            out.damaged.push((at as u64, (end - at) as u64));
        }
        match resume {
            Some(p) => at = p,
            None => break,
        }
    }
    Ok(out)
}

/// The entry framed at `at`, and where the next frame starts; `None` if no whole, sound frame
/// starts there.
fn frame_at(bytes: &[u8], at: usize) -> Option<(Entry, usize)> {
    let head = bytes.get(at..at + 8)?;
    let size = u32::from_le_bytes(head[..4].try_into().ok()?) as usize;
    let payload = bytes.get(at + 8..(at + 8).checked_add(size)?)?;
    // Every entry starts with its letter: a cheap test before the checksum.
    if !matches!(payload.first(), Some(b'C' | b'K' | b'P')) {
        return None;
    }
    let crc = u32::from_le_bytes(head[4..].try_into().ok()?);
    if crc32fast::hash(payload) != crc {
        return None;
    }
    Some((decode(payload)?, at + 8 + size))
}

/// Whether what starts at `at` and runs to the end is a write that was cut off, not damage: a
/// frame head of a sane length that reaches past the end, whose payload (as far as it got)
/// starts as every entry does.
fn looks_cut_off(bytes: &[u8], at: usize) -> bool {
    const MOST: usize = 256 * 1024 * 1024;
    let Some(head) = bytes.get(at..at + 4) else {
        return true;
    };
    let size = u32::from_le_bytes(head.try_into().expect("4 bytes")) as usize;
    size <= MOST
        && at + 8 + size >= bytes.len()
        && bytes
            .get(at + 8)
            .is_none_or(|first| matches!(first, b'C' | b'K' | b'P'))
}

/// Damage in the log from its newest start (a checkpoint or the journal's beginning) on: the
/// first damaged stretch, as words. Reads those segments whole, when they hold at most `most`
/// bytes (a checkpoint is made when they grow past it; till then they are not checked here).
pub(super) fn damage_since_start(dir: &Path, most: u64) -> Option<String> {
    let all = segments(dir).ok()?;
    let from = all
        .iter()
        .rposition(|s| s.start != Start::Cont)
        .unwrap_or(0);
    let size: u64 = all[from..]
        .iter()
        .filter_map(|s| std::fs::metadata(&s.path).ok())
        .map(|m| m.len())
        .sum();
    if size > most {
        return None;
    }
    for s in &all[from..] {
        let read = read_segment(&s.path).ok()?;
        if let Some((at, len)) = read.damaged.first() {
            return Some(format!(
                "{} has {len} damaged byte(s) from byte {at} on",
                s.path.display()
            ));
        }
    }
    None
}

/// Whether a segment's frames run cleanly to its end (only the lengths are followed; the last
/// frame's checksum is checked).
fn ends_cleanly(path: &Path) -> std::io::Result<bool> {
    let file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut r = BufReader::with_capacity(1 << 14, file);
    let mut at = 0u64;
    while at < len {
        let mut head = [0u8; 8];
        if len - at < 8 {
            return Ok(false);
        }
        r.read_exact(&mut head)?;
        let size = u32::from_le_bytes(head[..4].try_into().expect("4 bytes")) as u64;
        if size > len - at - 8 {
            return Ok(false);
        }
        if at + 8 + size == len {
            let mut payload = vec![0; size as usize];
            r.read_exact(&mut payload)?;
            let crc = u32::from_le_bytes(head[4..].try_into().expect("4 bytes"));
            return Ok(crc32fast::hash(&payload) == crc && decode(&payload).is_some());
        }
        r.seek_relative(size as i64)?;
        at += 8 + size;
    }
    Ok(true)
}

fn frame(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 8);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    out.extend_from_slice(&(b.len() as u32).to_le_bytes());
    out.extend_from_slice(b);
}

fn encode(entry: &Entry) -> Vec<u8> {
    let mut out = Vec::new();
    match entry {
        Entry::Changes { group, ops } => {
            out.push(b'C');
            match group {
                None => out.push(0),
                Some(g) => {
                    out.push(1);
                    out.extend_from_slice(&g.to_le_bytes());
                }
            }
            out.extend_from_slice(&(ops.len() as u32).to_le_bytes());
            for op in ops {
                out.push(op.tree);
                out.push(u8::from(op.existed));
                put_bytes(&mut out, &op.key);
                match &op.value {
                    None => out.push(0),
                    Some(v) => {
                        out.push(1);
                        put_bytes(&mut out, v);
                    }
                }
            }
        }
        Entry::Commit { group } => {
            out.push(b'K');
            out.extend_from_slice(&group.to_le_bytes());
        }
        Entry::Checkpoint(c) => {
            out.push(b'P');
            put_bytes(&mut out, c.backup.as_bytes());
            put_bytes(&mut out, c.checksum.as_bytes());
            out.extend_from_slice(&(c.meta.len() as u32).to_le_bytes());
            for (k, v) in &c.meta {
                put_bytes(&mut out, k);
                put_bytes(&mut out, v);
            }
            for n in c.counts {
                out.extend_from_slice(&n.to_le_bytes());
            }
        }
    }
    out
}

struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.0.split_at_checked(n)?;
        self.0 = tail;
        Some(head)
    }
    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn bytes(&mut self) -> Option<Vec<u8>> {
        let n = self.u32()? as usize;
        Some(self.take(n)?.to_vec())
    }
    fn text(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?).ok()
    }
}

fn decode(payload: &[u8]) -> Option<Entry> {
    let mut c = Cursor(payload);
    let entry = match c.byte()? {
        b'C' => {
            let group = match c.byte()? {
                0 => None,
                1 => Some(c.u64()?),
                _ => return None,
            };
            let n = c.u32()? as usize;
            let mut ops = Vec::with_capacity(n.min(4096));
            for _ in 0..n {
                let tree = c.byte()?;
                if !LOGGED_TREES.contains(&tree) {
                    return None;
                }
                let existed = match c.byte()? {
                    0 => false,
                    1 => true,
                    _ => return None,
                };
                let key = c.bytes()?;
                let value = match c.byte()? {
                    0 => None,
                    1 => Some(c.bytes()?),
                    _ => return None,
                };
                ops.push(Op {
                    tree,
                    key,
                    value,
                    existed,
                });
            }
            Entry::Changes { group, ops }
        }
        b'K' => Entry::Commit { group: c.u64()? },
        b'P' => {
            let backup = c.text()?;
            let checksum = c.text()?;
            let n = c.u32()? as usize;
            let mut meta = Vec::with_capacity(n.min(64));
            for _ in 0..n {
                meta.push((c.bytes()?, c.bytes()?));
            }
            let counts = [c.u64()?, c.u64()?, c.u64()?];
            Entry::Checkpoint(Checkpoint {
                backup,
                checksum,
                meta,
                counts,
            })
        }
        _ => return None,
    };
    c.0.is_empty().then_some(entry)
}

/// What the log says the journal holds: read from the newest usable start to the end.
#[derive(Debug, Default)]
pub(super) struct Replay {
    /// The checkpoint it starts from (`None`: from an empty journal, or from unknown history).
    pub checkpoint: Option<Checkpoint>,
    /// Whether the history before the first entry is known (an empty journal or a checkpoint).
    pub complete: bool,
    /// The changes to apply, in order (steps of uncommitted large writes left out).
    pub ops: Vec<Op>,
    /// How many saves (entries) that is.
    pub saves: usize,
    /// The changes of the log's very last entry, when it is a save of its own (not part of a
    /// large write): the one save that a crash can leave in the log but not yet in sled.
    pub last_save: Option<Vec<Op>>,
    /// Segments that could not be read to their end (not a cut-off last write), as
    /// (file, offset, bytes lost).
    pub damaged: Vec<(PathBuf, u64, u64)>,
}

/// Reads the log from the start that `usable` accepts (tried newest first; a checkpoint whose
/// backup is missing or changed is passed over), or from its very beginning.
pub(super) fn replay(dir: &Path, usable: impl Fn(&Checkpoint) -> bool) -> std::io::Result<Replay> {
    let all = segments(dir)?;
    let mut from = 0;
    let mut checkpoint = None;
    let mut reads = Vec::new();
    for (i, s) in all.iter().enumerate().rev() {
        let read = read_segment(&s.path)?;
        let found = match (s.start, read.entries.first()) {
            (Start::Checkpoint, Some(Entry::Checkpoint(c))) if usable(c) => Some(c.clone()),
            _ => None,
        };
        reads.push((i, read));
        if let Some(c) = found {
            from = i;
            checkpoint = Some(c);
            break;
        }
    }
    reads.reverse();
    let complete = checkpoint.is_some() || all.first().is_some_and(|s| s.start == Start::New);
    if checkpoint.is_none() {
        // Back to the beginning: segments not yet read are read now.
        let have: Vec<usize> = reads.iter().map(|(i, _)| *i).collect();
        for (i, s) in all.iter().enumerate() {
            if !have.contains(&i) {
                reads.push((i, read_segment(&s.path)?));
            }
        }
        reads.sort_by_key(|(i, _)| *i);
    }
    let mut out = Replay {
        checkpoint,
        complete,
        ..Replay::default()
    };
    let mut entries = Vec::new();
    for (i, read) in reads.into_iter().filter(|(i, _)| *i >= from) {
        for (at, len) in &read.damaged {
            out.damaged.push((all[i].path.clone(), *at, *len));
        }
        entries.extend(read.entries);
    }
    let committed: std::collections::HashSet<u64> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Commit { group } => Some(*group),
            _ => None,
        })
        .collect();
    out.last_save = match entries.last() {
        Some(Entry::Changes { group: None, ops }) => Some(ops.clone()),
        _ => None,
    };
    for entry in entries {
        if let Entry::Changes { group, ops } = entry
            && group.is_none_or(|g| committed.contains(&g))
        {
            out.saves += 1;
            out.ops.extend(ops);
        }
    }
    Ok(out)
}

/// Whether the save log holds the commit of large write `group` (read from the newest segment
/// back).
pub(super) fn committed(dir: &Path, group: u64) -> std::io::Result<bool> {
    for s in segments(dir)?.iter().rev() {
        let entries = read_segment(&s.path)?.entries;
        if entries
            .iter()
            .any(|e| matches!(e, Entry::Commit { group: g } if *g == group))
        {
            return Ok(true);
        }
        if entries
            .iter()
            .any(|e| matches!(e, Entry::Changes { group: Some(g), .. } if *g == group))
        {
            return Ok(false);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(tree: u8, key: &str, value: Option<&str>) -> Op {
        Op {
            tree,
            key: key.as_bytes().to_vec(),
            value: value.map(|v| v.as_bytes().to_vec()),
            existed: false,
        }
    }

    fn changes(ops: Vec<Op>) -> Entry {
        Entry::Changes { group: None, ops }
    }

    #[test]
    fn entries_read_back_as_written() {
        let entries = vec![
            changes(vec![op(b'r', "A", Some("{}")), op(b'm', "B", None)]),
            Entry::Changes {
                group: Some(7),
                ops: vec![op(b'f', "", Some(""))],
            },
            Entry::Commit { group: 7 },
            Entry::Checkpoint(Checkpoint {
                backup: "backup-2026-12-01.praxis.json".into(),
                checksum: "sha256:ab".into(),
                meta: vec![(b"schema".to_vec(), vec![0, 0, 0, 1])],
                counts: [3, 2, 1],
            }),
        ];
        for e in &entries {
            assert_eq!(decode(&encode(e)).as_ref(), Some(e));
            let bytes = encode(e);
            for cut in 0..bytes.len() {
                assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
            }
        }
    }

    #[test]
    fn a_torn_last_write_is_dropped_and_the_next_save_starts_a_new_segment() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut log = SaveLog::open(dir.path(), true).unwrap();
        log.append(&changes(vec![op(b'r', "A", Some("1"))]))
            .unwrap();
        log.append(&changes(vec![op(b'r', "B", Some("2"))]))
            .unwrap();
        drop(log);
        let seg = segments(dir.path()).unwrap().pop().unwrap();
        // A crash in the middle of the next write.
        let mut half = frame(&encode(&changes(vec![op(b'r', "C", Some("3"))])));
        half.truncate(half.len() - 2);
        OpenOptions::new()
            .append(true)
            .open(&seg.path)
            .unwrap()
            .write_all(&half)
            .unwrap();
        let mut log = SaveLog::open(dir.path(), false).unwrap();
        log.append(&changes(vec![op(b'r', "D", Some("4"))]))
            .unwrap();
        assert_eq!(segments(dir.path()).unwrap().len(), 2);
        let r = replay(dir.path(), |_| true).unwrap();
        assert!(r.complete);
        assert!(r.damaged.is_empty(), "{:?}", r.damaged);
        let keys: Vec<&[u8]> = r.ops.iter().map(|o| o.key.as_slice()).collect();
        assert_eq!(keys, [b"A", b"B", b"D"]);
    }

    #[test]
    fn damage_in_the_middle_is_reported_and_uncommitted_groups_are_skipped() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut log = SaveLog::open(dir.path(), true).unwrap();
        log.append(&Entry::Changes {
            group: Some(1),
            ops: vec![op(b'r', "rolled-back", Some("x"))],
        })
        .unwrap();
        log.append(&Entry::Changes {
            group: Some(2),
            ops: vec![op(b'r', "imported", Some("y"))],
        })
        .unwrap();
        log.append(&Entry::Commit { group: 2 }).unwrap();
        log.append(&changes(vec![op(b'r', "A", Some("1"))]))
            .unwrap();
        log.append(&changes(vec![op(b'r', "B", Some("2"))]))
            .unwrap();
        let r = replay(dir.path(), |_| true).unwrap();
        let keys: Vec<&[u8]> = r.ops.iter().map(|o| o.key.as_slice()).collect();
        assert_eq!(keys, [&b"imported"[..], b"A", b"B"]);
        assert_eq!(r.saves, 3);
        let seg = segments(dir.path()).unwrap().pop().unwrap();
        let mut bytes = std::fs::read(&seg.path).unwrap();
        let len = bytes.len();
        bytes[len - 20] ^= 0x40;
        std::fs::write(&seg.path, &bytes).unwrap();
        let r = replay(dir.path(), |_| true).unwrap();
        assert_eq!(r.ops.len(), 2, "read up to the damage");
        assert_eq!(r.damaged.len(), 0, "a bad last frame is a torn write");
        bytes[len - 20] ^= 0x40;
        let first_frame_payload = 10;
        bytes[first_frame_payload] ^= 0x40;
        std::fs::write(&seg.path, &bytes).unwrap();
        let r = replay(dir.path(), |_| true).unwrap();
        assert_eq!(r.damaged.len(), 1, "damage before the end is reported");
    }

    #[test]
    fn a_checkpoint_starts_the_replay_and_old_segments_go() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut log = SaveLog::open(dir.path(), true).unwrap();
        let cp = |n: u64| Checkpoint {
            backup: format!("b{n}"),
            checksum: String::new(),
            meta: Vec::new(),
            counts: [n, 0, 0],
        };
        for n in 0..4 {
            log.append(&changes(vec![op(b'r', &format!("before-{n}"), Some("1"))]))
                .unwrap();
            log.checkpoint(cp(n), 2).unwrap();
        }
        log.append(&changes(vec![op(b'r', "after", Some("1"))]))
            .unwrap();
        let starts: Vec<Start> = segments(dir.path())
            .unwrap()
            .iter()
            .map(|s| s.start)
            .collect();
        assert_eq!(starts, [Start::Checkpoint, Start::Checkpoint]);
        let r = replay(dir.path(), |_| true).unwrap();
        assert_eq!(r.checkpoint.unwrap().backup, "b3");
        assert_eq!(r.ops.len(), 1);
        // The newest backup is gone: the one before it, and everything since.
        let r = replay(dir.path(), |c| c.backup != "b3").unwrap();
        assert_eq!(r.checkpoint.unwrap().backup, "b2");
        assert_eq!(r.ops.len(), 2);
    }

    #[test]
    fn a_damaged_frame_costs_only_itself_and_reading_goes_on_after_it() {
        let dir = tempfile::TempDir::new().unwrap();
        let mut log = SaveLog::open(dir.path(), true).unwrap();
        for n in 0..50 {
            log.append(&changes(vec![op(b'r', &format!("k{n:02}"), Some("v"))]))
                .unwrap();
        }
        drop(log);
        let seg = segments(dir.path()).unwrap().pop().unwrap();
        let mut bytes = std::fs::read(&seg.path).unwrap();
        let frame_len = bytes.len() / 50;
        bytes[20 * frame_len + 12] ^= 0x01;
        std::fs::write(&seg.path, &bytes).unwrap();
        let read = read_segment(&seg.path).unwrap();
        assert_eq!(read.entries.len(), 49);
        assert_eq!(
            read.damaged,
            vec![((20 * frame_len) as u64, frame_len as u64)]
        );
        assert!(damage_since_start(dir.path(), 1 << 20).is_some());
        assert!(
            damage_since_start(dir.path(), 10).is_none(),
            "too large to check at open"
        );
        // Garbage from the start is damage, not a write cut off.
        std::fs::write(&seg.path, vec![0x17; 400]).unwrap();
        assert_eq!(read_segment(&seg.path).unwrap().damaged.len(), 1);
    }
}
