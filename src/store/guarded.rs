//! Large writes (imports, restores, generated journals) made all-or-nothing without one huge
//! sled transaction. A transaction over 50,000 records held more than a gigabyte and took
//! seconds; per-tree batches are fast but only atomic within one tree. So a large write keeps
//! an undo log:
//!
//! 1. every key it will overwrite is saved with what it held before (or that it held nothing)
//!    in the `undo` tree, then flushed;
//! 2. a marker is set in the `undo` tree and flushed: from here on, an interrupted write is
//!    rolled back at the next open;
//! 3. the changes go in, in per-tree batches of a thousand records with their index entries;
//!    everything is flushed;
//! 4. the marker is removed and flushed: the write has happened. The log is then emptied.
//!
//! At open ([`Journal::recover`]): with the marker present, every saved key gets its old
//! value back, the indexes are rebuilt from the records, and the marker goes; without it, a
//! leftover log is just emptied. Rolling back twice is harmless, so a crash while rolling back
//! is too. `tests/faults.rs` kills imports at random moments to hold this to account.

use sled::Tree;

use super::{Index, Journal, StoreError, index_keys};
use crate::record::{Comment, Record};

/// The marker key: a write is under way. Log entries have keys `u` + a number.
const IN_PROGRESS: &[u8] = b"!";
/// Changes per log entry and per step of applying them.
const CHUNK: usize = 1000;

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
}

impl Target {
    const ALL: [Target; 5] = [
        Target::Records,
        Target::Foreign,
        Target::Conflicts,
        Target::Comments,
        Target::Peers,
    ];

    fn code(self) -> u8 {
        match self {
            Target::Records => b'r',
            Target::Foreign => b'f',
            Target::Conflicts => b'c',
            Target::Comments => b'm',
            Target::Peers => b'p',
        }
    }
}

/// What a key gets.
pub(super) enum Value<'a> {
    /// A record, stored as JSON.
    Record(&'a Record),
    /// A comment, stored as JSON.
    Comment(&'a Comment),
    /// Bytes as they are.
    Bytes(Vec<u8>),
}

impl Value<'_> {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Value::Record(r) => serde_json::to_vec(r).expect("record serialises"),
            Value::Comment(c) => serde_json::to_vec(c).expect("comment serialises"),
            Value::Bytes(b) => b.clone(),
        }
    }
}

/// One key set to a value.
pub(super) struct Change<'a> {
    /// In which tree.
    pub target: Target,
    /// Which key.
    pub key: Vec<u8>,
    /// What it gets.
    pub value: Value<'a>,
}

impl Journal {
    fn target_tree(&self, target: Target) -> &Tree {
        match target {
            Target::Records => &self.records,
            Target::Foreign => &self.foreign,
            Target::Conflicts => &self.conflicts,
            Target::Comments => &self.comments,
            Target::Peers => &self.peers,
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

    /// Makes `changes` all at once or not at all (see the module's text); durable on return.
    pub(super) fn apply_guarded(&self, changes: &[Change<'_>]) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        self.ensure_room()?;
        let fail = |e| self.sled_error("save", e);
        // 1. What every key held before, a thousand keys to a log entry.
        self.undo.clear().map_err(fail)?;
        for (n, chunk) in changes.chunks(CHUNK).enumerate() {
            let mut saved = Vec::new();
            for c in chunk {
                let old = self.target_tree(c.target).get(&c.key).map_err(fail)?;
                encode_undo(&mut saved, c.target, &c.key, old.as_deref());
            }
            let key = [b"u", &(n as u64).to_be_bytes()[..]].concat();
            self.undo.insert(key, saved).map_err(fail)?;
        }
        self.flush()?;
        // 2. From here on an interruption is rolled back at the next open.
        self.undo.insert(IN_PROGRESS, &[]).map_err(fail)?;
        self.flush()?;
        // 3. The changes, with the records' index entries.
        for chunk in changes.chunks(CHUNK) {
            self.apply_chunk(chunk)?;
        }
        self.flush()?;
        // 4. Done.
        self.undo.remove(IN_PROGRESS).map_err(fail)?;
        self.flush()?;
        self.undo.clear().map_err(fail)?;
        Ok(())
    }

    /// One chunk: the values and the index entries go in side by side on two threads (plain
    /// inserts; the undo log, not a batch, makes them all-or-nothing).
    fn apply_chunk(&self, chunk: &[Change<'_>]) -> Result<(), StoreError> {
        let fail = |e| self.sled_error("save", e);
        let mut values = Vec::with_capacity(chunk.len());
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for c in chunk {
            if c.target == Target::Records {
                if let Some(old) = self.records.get(&c.key).map_err(fail)? {
                    removed.extend(index_keys(&self.decode(&old)?));
                }
                if let Value::Record(new) = &c.value {
                    added.extend(index_keys(new));
                }
            }
            values.push((c.target, c.key.as_slice(), c.value.bytes()));
        }
        let (a, b) = std::thread::scope(|s| {
            let indexes = s.spawn(|| -> sled::Result<()> {
                for (index, key) in &removed {
                    self.index_tree(*index).remove(key)?;
                }
                for (index, key) in added {
                    self.index_tree(index).insert(key, &[])?;
                }
                Ok(())
            });
            let stored = values.into_iter().try_for_each(|(target, key, value)| {
                self.target_tree(target).insert(key, value).map(drop)
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

    /// Rolls back a large write that was interrupted, or empties the log of one that finished.
    /// Returns whether something was rolled back (the indexes then need rebuilding).
    pub(super) fn recover(&self) -> Result<bool, StoreError> {
        let fail = |e| self.sled_error("open", e);
        if !self.undo.contains_key(IN_PROGRESS).map_err(fail)? {
            if !self.undo.is_empty() {
                self.undo.clear().map_err(fail)?;
            }
            return Ok(false);
        }
        let unreadable = || self.corrupt("the log of an interrupted import is unreadable");
        for entry in self.undo.iter() {
            let (key, log) = entry.map_err(fail)?;
            if key.as_ref() == IN_PROGRESS {
                continue;
            }
            let mut rest: &[u8] = &log;
            while !rest.is_empty() {
                let (target, key, old) = decode_undo(&mut rest).ok_or_else(unreadable)?;
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
        Ok(true)
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
