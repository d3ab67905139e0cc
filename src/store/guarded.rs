//! Large writes (imports, restores, generated journals) made all-or-nothing without one huge
//! sled transaction. A transaction over 50,000 records held more than a gigabyte and took
//! seconds; plain inserts are fast but a crash can stop them anywhere. So a large write keeps
//! an undo log in the `undo` tree:
//!
//! 1. a marker is set and flushed: from here on, an interrupted write is rolled back at the
//!    next open;
//! 2. for each step of (up to) a thousand changes, what their keys held before (or that they
//!    held nothing) goes into the log as one entry and is flushed; then the changes go in, with
//!    the records' index entries;
//! 3. at the end everything is flushed, a commit goes into the save log (the moment the write
//!    has happened), the marker is removed and flushed. The undo log is then emptied.
//!
//! Each step also goes into the save log (see `log`) under the write's group number, which the
//! marker holds; a group without a commit there is skipped when the save log is replayed.
//!
//! Rolling back ([`Guard::roll_back`], or at open in [`Journal::recover`] when the marker is
//! there) puts every logged key back as it was, newest entry first, rebuilds the indexes from
//! the records and removes the marker; rolling back twice is harmless, so a crash while rolling
//! back is too. `tests/faults.rs` kills imports at random moments to hold this to account.

use sled::Tree;

use super::{Index, Journal, StoreError, index_entries_of, index_keys};
use crate::record::Record;

/// The marker key: a write is under way. Log entries have keys `u` + a number.
const IN_PROGRESS: &[u8] = b"!";
/// Changes per log entry and per step of applying them.
pub(super) const CHUNK: usize = 1000;

/// The trees a large write may change (the indexes follow the records).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// This journal's own records (their index entries are kept in step).
    Records,
    /// Other journals' records.
    Foreign,
    /// Conflicting versions.
    Conflicts,
    /// Comments.
    Comments,
    /// Other journals' authors' names.
    Peers,
    /// Other journals' public keys, pinned on first sight.
    Keys,
}

impl Target {
    const ALL: [Target; 6] = [
        Target::Records,
        Target::Foreign,
        Target::Conflicts,
        Target::Comments,
        Target::Peers,
        Target::Keys,
    ];

    pub(super) fn code(self) -> u8 {
        match self {
            Target::Records => b'r',
            Target::Foreign => b'f',
            Target::Conflicts => b'c',
            Target::Comments => b'm',
            Target::Peers => b'p',
            Target::Keys => b'k',
        }
    }
}

/// One key set to a value.
pub(super) struct Change {
    /// In which tree.
    pub target: Target,
    /// Which key.
    pub key: Vec<u8>,
    /// What it gets (taken out by [`Guard::apply`], which leaves it empty).
    pub value: Vec<u8>,
    /// For a record of this journal: its index entries and their values.
    pub index: Vec<(Index, Vec<u8>, Vec<u8>)>,
    /// The record itself, for the search index.
    pub record: Option<Record>,
}

impl Change {
    /// A record stored under its id, in `target`.
    pub(super) fn record(target: Target, r: Record) -> Change {
        Change {
            target,
            key: r.id.to_key().into_bytes(),
            value: {
                // Room for the text and the fields around it at once (growing, it was copied
                // again and again).
                let mut json = Vec::with_capacity(r.title.len() + r.body.len() + 512);
                serde_json::to_writer(&mut json, &r).expect("record serialises");
                json
            },
            index: if target == Target::Records {
                index_entries_of(&r)
            } else {
                Vec::new()
            },
            record: Some(r),
        }
    }

    /// Any value under any key (no index entries).
    pub(super) fn bytes(target: Target, key: Vec<u8>, value: Vec<u8>) -> Change {
        Change {
            target,
            key,
            value,
            index: Vec::new(),
            record: None,
        }
    }
}

/// A large write under way. Dropped without [`Guard::commit`], it rolls back what it wrote.
pub(super) struct Guard<'j> {
    journal: &'j Journal,
    /// Log entries written so far; `None` until the first change.
    entries: Option<u64>,
    /// Its number in the save log.
    group: u64,
    /// The search index's thread, indexing the records written so far.
    indexer: Option<Indexer>,
}

/// Records on their way to the search index's thread, with the tree they were written to.
type Batch = Vec<(u8, Record)>;

/// A thread that indexes a large write's records for search while the write goes on.
struct Indexer {
    send: std::sync::mpsc::SyncSender<Batch>,
    /// Batches indexed, handed back to be freed on the thread that allocated them: freed on
    /// the indexer's, every free took the writer's allocator lock (glibc), and both waited.
    back: std::sync::mpsc::Receiver<Batch>,
    done: std::thread::JoinHandle<super::index::Feed>,
}

impl Indexer {
    fn start() -> Indexer {
        let (send, receive) = std::sync::mpsc::sync_channel::<Batch>(4);
        let (give_back, back) = std::sync::mpsc::channel::<Batch>();
        let done = std::thread::spawn(move || {
            let mut feed = super::index::Feed::default();
            for batch in receive {
                for (tree, r) in &batch {
                    feed.add(*tree, r);
                }
                let _ = give_back.send(batch);
            }
            feed
        });
        Indexer { send, back, done }
    }

    /// Frees the batches indexed so far.
    fn free_indexed(&self) {
        while self.back.try_recv().is_ok() {}
    }

    /// Everything it was given, indexed (`None` if the thread failed).
    fn finish(self) -> Option<super::index::Feed> {
        let Indexer { send, back, done } = self;
        drop(send);
        let feed = done.join().ok();
        drop(back);
        feed
    }
}

impl<'j> Guard<'j> {
    /// Nothing is written until the first change.
    pub(super) fn new(journal: &'j Journal) -> Guard<'j> {
        Guard {
            journal,
            entries: None,
            group: ulid::Ulid::new().random() as u64,
            indexer: None,
        }
    }

    /// Makes `changes` (saving first what their keys hold); their values and records are
    /// taken out of them (the records go on to be indexed for search).
    pub(super) fn apply(&mut self, changes: &mut [Change]) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        let j = self.journal;
        let fail = |e| j.sled_error("save", e);
        j.ensure_room(changes.iter().map(|c| c.key.len() + c.value.len()).sum())?;
        let mut n = match self.entries {
            Some(n) => n,
            None => {
                j.undo.clear().map_err(fail)?;
                // The search index lacks what this write writes until it is folded in.
                j.search_index_bulk_write(self.group)?;
                j.undo
                    .insert(IN_PROGRESS, &self.group.to_be_bytes())
                    .map_err(fail)?;
                j.flush()?;
                0
            }
        };
        for chunk in changes.chunks_mut(CHUNK) {
            let mut saved = Vec::new();
            let mut ops = Vec::with_capacity(chunk.len());
            let mut olds = Vec::with_capacity(chunk.len());
            for c in chunk.iter_mut() {
                let old = j.target_tree(c.target).get(&c.key).map_err(fail)?;
                encode_undo(&mut saved, c.target, &c.key, old.as_deref());
                // The value moves to the save log's entry, and sled takes it from there.
                ops.push(super::log::Op {
                    tree: c.target.code(),
                    key: c.key.clone(),
                    value: Some(std::mem::take(&mut c.value)),
                    existed: old.is_some(),
                });
                olds.push(old);
            }
            let key = [b"u", &n.to_be_bytes()[..]].concat();
            j.undo.insert(key, saved).map_err(fail)?;
            j.flush()?;
            n += 1;
            self.entries = Some(n);
            // The step goes into the save log while it goes into sled: until the commit, a
            // group in the log is skipped and sled's changes are undone, so neither waits.
            let entry = super::log::Entry::Changes {
                group: Some(self.group),
                ops,
            };
            let super::log::Entry::Changes { ops, .. } = &entry else {
                unreachable!("made just above")
            };
            let (logged, applied) = std::thread::scope(|s| {
                let logged = s.spawn(|| j.log(&entry));
                let applied = j.apply_chunk(chunk, ops, &olds);
                (
                    logged.join().expect("the save log's writer does not panic"),
                    applied,
                )
            });
            logged?;
            applied?;
            let records: Vec<(u8, Record)> = chunk
                .iter_mut()
                .filter_map(|c| Some((c.target.code(), c.record.take()?)))
                .collect();
            if !records.is_empty() {
                let indexer = self.indexer.get_or_insert_with(Indexer::start);
                indexer.free_indexed();
                // A thread that failed only leaves the index to be built afresh at open.
                let _ = indexer.send.send(records);
            }
        }
        Ok(())
    }

    /// The write has happened; durable on return.
    pub(super) fn commit(mut self) -> Result<(), StoreError> {
        let j = self.journal;
        if self.entries.take().is_some() {
            let fail = |e| j.sled_error("save", e);
            j.flush()?;
            j.log(&super::log::Entry::Commit { group: self.group })?;
            j.undo.remove(IN_PROGRESS).map_err(fail)?;
            j.flush()?;
            j.undo.clear().map_err(fail)?;
            // Derived data: the write is whole. Until its records are folded into the search
            // index (or if that fails), the index is built afresh at the next open.
            let feed = self
                .indexer
                .take()
                .map_or(Some(Default::default()), Indexer::finish);
            if let Some(feed) = feed {
                let _ = j.fold_search_index_with(feed);
            }
        }
        Ok(())
    }

    /// Puts back everything the write changed.
    pub(super) fn roll_back(mut self) -> Result<(), StoreError> {
        match self.entries.take() {
            Some(_) => self.journal.roll_back(),
            None => Ok(()),
        }
    }
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        if self.entries.is_some() {
            // Should this fail too, the marker stays and the next open rolls back.
            let _ = self.journal.roll_back();
        }
    }
}

impl Journal {
    pub(super) fn target_tree(&self, target: Target) -> &Tree {
        match target {
            Target::Records => &self.records,
            Target::Foreign => &self.foreign,
            Target::Conflicts => &self.conflicts,
            Target::Comments => &self.comments,
            Target::Peers => &self.peers,
            Target::Keys => &self.keys,
        }
    }

    pub(super) fn index_tree(&self, index: Index) -> &Tree {
        match index {
            Index::Kind => &self.by_kind,
            Index::Tag => &self.by_tag,
            Index::Link => &self.by_link,
            Index::Due => &self.by_due,
        }
    }

    /// One chunk: the values and the index entries go in side by side on two threads (plain
    /// inserts; the undo log, not a batch, makes them all-or-nothing). `ops` are the chunk's
    /// changes as the save log has them, with their values; `olds` are what the chunk's keys
    /// held before it, as the undo log saved them.
    fn apply_chunk(
        &self,
        chunk: &[Change],
        ops: &[super::log::Op],
        olds: &[Option<sled::IVec>],
    ) -> Result<(), StoreError> {
        let fail = |e| self.sled_error("save", e);
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for (c, old) in chunk.iter().zip(olds) {
            if c.target == Target::Records {
                if let Some(old) = old {
                    removed.extend(index_keys(&self.decode(old)?));
                }
                added.extend(
                    c.index
                        .iter()
                        .map(|(i, k, v)| (*i, k.as_slice(), v.as_slice())),
                );
            }
        }
        let (a, b) = std::thread::scope(|s| {
            let indexes = s.spawn(|| -> sled::Result<()> {
                for (index, key) in &removed {
                    self.index_tree(*index).remove(key)?;
                }
                for (index, key, value) in added {
                    self.index_tree(index).insert(key, value)?;
                }
                Ok(())
            });
            let stored = chunk.iter().zip(ops).try_for_each(|(c, op)| {
                self.target_tree(c.target)
                    .insert(c.key.as_slice(), op.value.as_deref().unwrap_or_default())
                    .map(drop)
            });
            (
                stored,
                indexes.join().expect("the index writer does not panic"),
            )
        });
        a.map_err(fail)?;
        b.map_err(fail)?;
        Ok(())
    }

    /// Rolls back a large write that was interrupted (returning true), or empties the log of
    /// one that finished (its commit reached the save log even if the marker stayed).
    pub(super) fn recover(&self) -> Result<bool, StoreError> {
        let fail = |e| self.sled_error("open", e);
        if let Some(marker) = self.undo.get(IN_PROGRESS).map_err(fail)? {
            let group = <[u8; 8]>::try_from(marker.as_ref()).map(u64::from_be_bytes);
            let committed = match (group, &self.log) {
                (Ok(group), Some(_)) => {
                    super::log::committed(&super::log::folder(&self.dir), group).map_err(
                        |source| StoreError::Io {
                            action: "read the save log of",
                            dir: self.dir.clone(),
                            source,
                        },
                    )?
                }
                _ => false,
            };
            if !committed {
                self.roll_back()?;
                return Ok(true);
            }
            self.undo.remove(IN_PROGRESS).map_err(fail)?;
            self.flush()?;
        }
        if !self.undo.is_empty() {
            self.undo.clear().map_err(fail)?;
        }
        Ok(false)
    }

    /// Puts every logged key back as it was (newest entry first, so the oldest state wins),
    /// has the indexes rebuilt from the records, and removes the marker.
    fn roll_back(&self) -> Result<(), StoreError> {
        let fail = |e| self.sled_error("save", e);
        let unreadable = || self.corrupt("the log of an interrupted import is unreadable");
        for entry in self.undo.iter().rev() {
            let (key, log) = entry.map_err(fail)?;
            if key.as_ref() == IN_PROGRESS {
                continue;
            }
            let mut rest: &[u8] = &log;
            let mut saved = Vec::new();
            while !rest.is_empty() {
                saved.push(decode_undo(&mut rest).ok_or_else(unreadable)?);
            }
            for (target, key, old) in saved.into_iter().rev() {
                let tree = self.target_tree(target);
                match old {
                    Some(value) => tree.insert(key, value).map(drop),
                    None => tree.remove(key).map(drop),
                }
                .map_err(fail)?;
            }
        }
        self.forget_indexes()?;
        self.flush()?;
        self.undo.remove(IN_PROGRESS).map_err(fail)?;
        self.flush()?;
        self.undo.clear().map_err(fail)?;
        self.ensure_indexes()
    }
}

/// Appends one key's old state to a log entry: the tree's letter, the key's length (4 bytes)
/// and the key, then 0 (it held nothing) or 1, the value's length (4 bytes) and the value.
fn encode_undo(out: &mut Vec<u8>, target: Target, key: &[u8], old: Option<&[u8]>) {
    out.push(target.code());
    out.extend_from_slice(&(key.len() as u32).to_be_bytes());
    out.extend_from_slice(key);
    match old {
        None => out.push(0),
        Some(value) => {
            out.push(1);
            out.extend_from_slice(&(value.len() as u32).to_be_bytes());
            out.extend_from_slice(value);
        }
    }
}

/// One key's old state in the log: its tree, the key, and its value if it had one.
type Saved<'a> = (Target, &'a [u8], Option<&'a [u8]>);

/// Takes one key's old state off the front of a log entry; `None` if it is malformed.
fn decode_undo<'a>(rest: &mut &'a [u8]) -> Option<Saved<'a>> {
    fn take<'a>(rest: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, tail) = rest.split_at_checked(n)?;
        *rest = tail;
        Some(head)
    }
    fn length(rest: &mut &[u8]) -> Option<usize> {
        Some(u32::from_be_bytes(take(rest, 4)?.try_into().ok()?) as usize)
    }
    let code = take(rest, 1)?[0];
    let target = Target::ALL.into_iter().find(|t| t.code() == code)?;
    let len = length(rest)?;
    let key = take(rest, len)?;
    let old = match take(rest, 1)?[0] {
        0 => None,
        1 => {
            let len = length(rest)?;
            Some(take(rest, len)?)
        }
        _ => return None,
    };
    Some((target, key, old))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undo_entry_reads_back_as_written_and_a_cut_one_is_refused() {
        let mut log = Vec::new();
        encode_undo(&mut log, Target::Records, b"01ABC", None);
        encode_undo(&mut log, Target::Peers, b"p", Some(b"Bo"));
        encode_undo(&mut log, Target::Comments, b"", Some(b""));
        let mut rest: &[u8] = &log;
        assert_eq!(
            decode_undo(&mut rest),
            Some((Target::Records, &b"01ABC"[..], None))
        );
        assert_eq!(
            decode_undo(&mut rest),
            Some((Target::Peers, &b"p"[..], Some(&b"Bo"[..])))
        );
        assert_eq!(
            decode_undo(&mut rest),
            Some((Target::Comments, &b""[..], Some(&b""[..])))
        );
        assert!(rest.is_empty());
        // A log entry cut inside a key's state, or with a stray byte, is refused.
        let mut first = Vec::new();
        encode_undo(&mut first, Target::Peers, b"p", Some(b"Bo"));
        for cut in 1..first.len() {
            let mut rest: &[u8] = &first[..cut];
            assert_eq!(decode_undo(&mut rest), None, "cut at {cut}");
        }
        let mut rest: &[u8] = b"x";
        assert_eq!(decode_undo(&mut rest), None);
    }
}
