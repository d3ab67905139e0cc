//! The search index: every word of every record (this journal's own and those shared with it)
//! to the records that hold it, and a vocabulary that answers exact, prefix and one-typo
//! look-ups in microseconds (an `fst` set, searched with a Levenshtein automaton).
//!
//! It is derived: never logged, and can always be built again from the records. The `search`
//! tree holds
//!
//! - `L`: the layout version and a generation (bumped whenever the rest changes);
//! - `V`: the vocabulary, every folded word, as an fst set;
//! - `D`: the table of records by number (which tree, and the id; 0 for an entry no longer
//!   used);
//! - `w` + folded word + 0 + block: each spelling (lower-cased, accents as written) that folds
//!   to the word, with its postings — which records, and whether in a title, a short field or
//!   longer text. A fold adds a block; a word's blocks are merged when there are many;
//! - `B`: while a large write (an import, a restore) is under way or not yet folded in: its
//!   records are not in the words, and an index found so at open is built afresh.
//!
//! The `search-changed` tree marks each record saved, edited, deleted or undeleted since the
//! words were written, in the same sled transaction as the change itself. Search never trusts
//! the words for a marked record: it reads the record (or finds it gone). Marks are folded into
//! the words a few hundred at a time ([`FOLD_AFTER`]) and at open; a large write indexes its
//! records as it writes them and folds them in when it is whole.
//!
//! Folding writes the words in one sled batch (which sled recovers whole or not at all) and
//! only then removes the marks it folded: a kill in between leaves marks for records already
//! folded, which only costs reading them again. A journal without `L` of this layout is
//! indexed afresh when opened.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use fst::{Automaton, IntoStreamer, Streamer};
use sled::{Batch, Tree};

use super::{Journal, StoreError};
use crate::record::{Record, RecordId};
use crate::searchable;

/// The layout of the search tree; another one is built afresh.
pub(super) const LAYOUT: u32 = 2;
/// How many changed records search reads itself before they are folded into the index.
pub(super) const FOLD_AFTER: usize = 256;
/// Folding rebuilds the whole index instead once this share (in percent) of its table is
/// records that changed since (their old words only take room).
const REBUILD_PERCENT: usize = 25;
/// A word's blocks are merged into one when a fold would make more than this many.
const MOST_BLOCKS: usize = 16;

const KEY_LAYOUT: &[u8] = b"L";
const KEY_VOCAB: &[u8] = b"V";
const KEY_DOCS: &[u8] = b"D";
const KEY_BULK: &[u8] = b"B";
const WORD: u8 = b'w';
/// One entry of the table: the tree's letter (0: no longer indexed) and the id.
const DOC_LEN: usize = 17;
/// Record numbers from here on are records read for this search, not from the table.
const LIVE: u32 = 1 << 31;

/// A multiply-rotate hash over eight bytes at a time (as rustc's Fx): the index hashes
/// millions of short words, and needs no protection from floods.
#[derive(Default)]
struct WordHash(u64);

const SEED: u64 = 0x517c_c1b7_2722_0a95;

impl Hasher for WordHash {
    fn finish(&self) -> u64 {
        // The table takes its bucket from the low bits: the high ones, mixed, go there too.
        self.0 ^ (self.0 >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().expect("eight bytes"));
            h = (h.rotate_left(5) ^ v).wrapping_mul(SEED);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(SEED);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHash>>;

/// A record in the index: its number there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Doc(u32);

/// The records one spelling of a word is in.
#[derive(Debug, Clone)]
pub struct Posting {
    /// The spelling, lower-cased (accents as written).
    pub spelling: String,
    /// The records, with where in each the word stands ([`searchable::IN_TITLE`]…).
    pub docs: Vec<(Doc, u8)>,
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn take_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// Postings are `(doc − previous doc) << 3 | places`, as varints.
fn push_posting(out: &mut Vec<u8>, last: &mut Option<u32>, doc: u32, places: u8) {
    let delta = doc - last.unwrap_or(0);
    put_varint(out, (u64::from(delta) << 3) | u64::from(places & 7));
    *last = Some(doc);
}

fn decode_postings(bytes: &[u8]) -> Option<Vec<(u32, u8)>> {
    let mut out = Vec::with_capacity(bytes.len() / 2);
    let mut at = 0;
    let mut doc = 0u32;
    while at < bytes.len() {
        let v = take_varint(bytes, &mut at)?;
        doc = doc.checked_add(u32::try_from(v >> 3).ok()?)?;
        out.push((doc, (v & 7) as u8));
    }
    Some(out)
}

fn encode_postings(docs: &[(u32, u8)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(docs.len() * 2);
    let mut last = None;
    for (d, p) in docs {
        push_posting(&mut out, &mut last, *d, *p);
    }
    out
}

/// A block: each spelling and its encoded postings.
fn decode_block(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut at = 0;
    let n = take_varint(bytes, &mut at)? as usize;
    let mut out = Vec::with_capacity(n.min(64));
    for _ in 0..n {
        let len = take_varint(bytes, &mut at)? as usize;
        let spelling = std::str::from_utf8(bytes.get(at..at + len)?).ok()?;
        at += len;
        let plen = take_varint(bytes, &mut at)? as usize;
        let postings = bytes.get(at..at + plen)?.to_vec();
        at += plen;
        out.push((spelling.to_string(), postings));
    }
    (at == bytes.len()).then_some(out)
}

fn encode_block(spellings: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, spellings.len() as u64);
    for (s, p) in spellings {
        put_varint(&mut out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
        put_varint(&mut out, p.len() as u64);
        out.extend_from_slice(p);
    }
    out
}

/// A word's blocks, oldest first, as one list of spellings and their records.
fn merge_blocks<'a>(blocks: impl IntoIterator<Item = &'a [u8]>) -> Vec<(String, Vec<(u32, u8)>)> {
    let mut out: Vec<(String, Vec<(u32, u8)>)> = Vec::new();
    for block in blocks {
        for (spelling, postings) in decode_block(block).unwrap_or_default() {
            let docs = decode_postings(&postings).unwrap_or_default();
            match out.iter_mut().find(|(s, _)| *s == spelling) {
                Some((_, list)) => list.extend(docs),
                None => out.push((spelling, docs)),
            }
        }
    }
    out
}

fn word_prefix(folded: &str) -> Vec<u8> {
    [&[WORD][..], folded.as_bytes(), &[0]].concat()
}

fn block_key(folded: &str, block: u64) -> Vec<u8> {
    [word_prefix(folded).as_slice(), &block.to_be_bytes()].concat()
}

/// The mark of a changed record: its tree's letter and its key.
pub(super) fn changed_key(tree: u8, key: &[u8]) -> Vec<u8> {
    [&[tree][..], key].concat()
}

fn doc_entry(tree: u8, id: RecordId) -> [u8; DOC_LEN] {
    let mut out = [0; DOC_LEN];
    out[0] = tree;
    out[1..].copy_from_slice(&id.0.0.to_be_bytes());
    out
}

fn entry_id(entry: &[u8]) -> Option<(u8, RecordId)> {
    let tree = *entry.first()?;
    let id = u128::from_be_bytes(entry.get(1..DOC_LEN)?.try_into().ok()?);
    (tree != 0).then_some((tree, RecordId(ulid::Ulid(id))))
}

/// A word's spellings, each with its encoded postings.
type Spellings = Vec<(String, Vec<u8>)>;

/// Words of records as they are added, each spelling's postings encoded as they grow.
#[derive(Default)]
struct Builder {
    /// Open addressing over `spellings` (a spelling's number + 1; 0: free), a power of two
    /// long and at most half full. Its own table, not a map: a word is hashed once and
    /// compared by its hash before its bytes.
    table: Vec<u32>,
    spellings: Vec<Spelling>,
    /// The spellings the record being added holds.
    touched: Vec<u32>,
}

/// One spelling's postings so far, and where it stands in the record being added.
struct Spelling {
    text: Box<str>,
    hash: u64,
    postings: Vec<u8>,
    last: Option<u32>,
    /// Places in the record being added (0: not in it).
    places: u8,
}

fn word_hash(word: &str) -> u64 {
    let mut h = WordHash::default();
    h.write(word.as_bytes());
    h.finish()
}

/// Whether two words are the same, compared eight bytes at a time (most words are shorter
/// than a call to memcmp takes).
fn same_word(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a8, mut b8) = (a.chunks_exact(8), b.chunks_exact(8));
    if !(&mut a8).zip(&mut b8).all(|(x, y)| x == y) {
        return false;
    }
    let (ra, rb) = (a8.remainder(), b8.remainder());
    (0..ra.len()).all(|i| ra[i] == rb[i])
}

impl Builder {
    /// The number of `word`'s spelling, added if new.
    fn slot(&mut self, word: &str) -> u32 {
        if self.spellings.len() * 2 >= self.table.len() {
            self.grow();
        }
        let hash = word_hash(word);
        let mask = self.table.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            match self.table[at] {
                0 => {
                    let slot = self.spellings.len() as u32;
                    self.table[at] = slot + 1;
                    self.spellings.push(Spelling {
                        text: word.into(),
                        hash,
                        postings: Vec::new(),
                        last: None,
                        places: 0,
                    });
                    return slot;
                }
                n => {
                    let sp = &self.spellings[n as usize - 1];
                    if sp.hash == hash && same_word(sp.text.as_bytes(), word.as_bytes()) {
                        return n - 1;
                    }
                }
            }
            at = (at + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let len = (self.table.len() * 2).max(1024);
        let mask = len - 1;
        let mut table = vec![0u32; len];
        for (n, sp) in self.spellings.iter().enumerate() {
            let mut at = sp.hash as usize & mask;
            while table[at] != 0 {
                at = (at + 1) & mask;
            }
            table[at] = n as u32 + 1;
        }
        self.table = table;
    }

    /// Adds record number `doc` (higher than any added before).
    fn add(&mut self, doc: u32, r: &Record) {
        let mut touched = std::mem::take(&mut self.touched);
        touched.clear();
        for (field, text) in searchable::fields(r) {
            let class = field.class();
            searchable::each_word(text, |lower, _, _| {
                let slot = self.slot(lower);
                let sp = &mut self.spellings[slot as usize];
                if sp.places == 0 {
                    touched.push(slot);
                }
                sp.places |= class;
            });
        }
        for slot in &touched {
            let sp = &mut self.spellings[*slot as usize];
            push_posting(&mut sp.postings, &mut sp.last, doc, sp.places);
            sp.places = 0;
        }
        self.touched = touched;
    }

    /// Every folded word with its spellings and their postings, in folded order.
    fn grouped(self) -> Vec<(String, Spellings)> {
        let mut all: Vec<(String, String, Vec<u8>)> = self
            .spellings
            .into_iter()
            .map(|s| {
                (
                    searchable::fold(&s.text).into_owned(),
                    s.text.into(),
                    s.postings,
                )
            })
            .collect();
        all.sort_unstable_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        let mut out: Vec<(String, Spellings)> = Vec::new();
        for (folded, spelling, postings) in all {
            match out.last_mut() {
                Some((f, list)) if *f == folded => list.push((spelling, postings)),
                _ => out.push((folded, vec![(spelling, postings)])),
            }
        }
        out
    }
}

/// The records a large write wrote, indexed as it goes, so that folding them in at its end
/// need not read them again.
#[derive(Default)]
pub(super) struct Feed {
    builder: Builder,
    entries: Vec<[u8; DOC_LEN]>,
    at: FastMap<(u8, u128), usize>,
}

impl Feed {
    /// Takes a record as written to `tree` (a later version of the same record replaces it).
    pub(super) fn add(&mut self, tree: u8, r: &Record) {
        if let Some(&old) = self.at.get(&(tree, r.id.0.0)) {
            self.entries[old][0] = 0;
        }
        let doc = self.entries.len();
        self.builder.add(doc as u32, r);
        self.at.insert((tree, r.id.0.0), doc);
        self.entries.push(doc_entry(tree, r.id));
    }

    fn holds(&self, tree: u8, id: RecordId) -> bool {
        self.at.contains_key(&(tree, id.0.0))
    }
}

fn layout_value(generation: u64) -> Vec<u8> {
    [LAYOUT.to_be_bytes().as_slice(), &generation.to_be_bytes()].concat()
}

/// The layout and generation in an `L` value.
fn read_layout(v: &[u8]) -> Option<(u32, u64)> {
    Some((
        u32::from_be_bytes(v.get(..4)?.try_into().ok()?),
        u64::from_be_bytes(v.get(4..12)?.try_into().ok()?),
    ))
}

fn vocab_bytes<I, K>(words: I) -> Vec<u8>
where
    I: IntoIterator<Item = K>,
    K: AsRef<[u8]>,
{
    fst::Set::from_iter(words)
        .map(|s| s.into_fst().into_inner())
        .unwrap_or_default()
}

fn read_fail(e: sled::Error) -> StoreError {
    StoreError::Corrupt {
        dir: std::path::PathBuf::new(),
        detail: format!("the search index could not be read: {e}"),
        kept: None,
    }
}

impl Journal {
    fn search_fail(&self, e: sled::Error) -> StoreError {
        self.sled_error("index", e)
    }

    /// Whether the search index is of this layout and whole (else it is built afresh).
    pub(super) fn search_index_current(&self) -> Result<bool, StoreError> {
        let fail = |e| self.search_fail(e);
        let v = self.search.get(KEY_LAYOUT).map_err(fail)?;
        let bulk = self.search.contains_key(KEY_BULK).map_err(fail)?;
        Ok(!bulk
            && v.as_deref()
                .and_then(read_layout)
                .is_some_and(|(l, _)| l == LAYOUT))
    }

    /// Makes the next open build the search index afresh.
    pub(super) fn forget_search_index(&self) -> Result<(), StoreError> {
        self.search
            .remove(KEY_LAYOUT)
            .map_err(|e| self.search_fail(e))?;
        Ok(())
    }

    /// Notes that a large write begins: until it is folded in, the index lacks its records.
    pub(super) fn search_index_bulk_write(&self, group: u64) -> Result<(), StoreError> {
        self.search
            .insert(KEY_BULK, &group.to_be_bytes())
            .map_err(|e| self.search_fail(e))?;
        Ok(())
    }

    fn generation(&self) -> Result<u64, StoreError> {
        let v = self
            .search
            .get(KEY_LAYOUT)
            .map_err(|e| self.search_fail(e))?;
        Ok(v.as_deref().and_then(read_layout).map_or(0, |(_, g)| g))
    }

    /// Builds the search index afresh from every record (own and shared, oldest first).
    pub(super) fn rebuild_search_index(&self) -> Result<(), StoreError> {
        let generation = self.generation()? + 1;
        let fail = |e| self.search_fail(e);
        // Without `L` a half-made index is never read: it is made again at the next open.
        self.search.remove(KEY_LAYOUT).map_err(fail)?;
        self.search.clear().map_err(fail)?;
        let mut builder = Builder::default();
        let mut docs = Vec::new();
        for r in self.all_oldest_first() {
            let r = r?;
            let tree = if self.records_has(r.id)? { b'r' } else { b'f' };
            builder.add((docs.len() / DOC_LEN) as u32, &r);
            docs.extend_from_slice(&doc_entry(tree, r.id));
        }
        let mut batch = Batch::default();
        let grouped = builder.grouped();
        batch.insert(
            KEY_VOCAB,
            vocab_bytes(grouped.iter().map(|(f, _)| f.as_bytes())),
        );
        for (folded, spellings) in &grouped {
            batch.insert(block_key(folded, generation), encode_block(spellings));
        }
        batch.insert(KEY_DOCS, docs);
        batch.insert(KEY_LAYOUT, layout_value(generation));
        self.search.apply_batch(batch).map_err(fail)?;
        self.search_changed.clear().map_err(fail)?;
        Ok(())
    }

    fn records_has(&self, id: RecordId) -> Result<bool, StoreError> {
        self.records
            .contains_key(id.to_key())
            .map_err(|e| self.search_fail(e))
    }

    /// Folds the marks of changed records into the index's words once there are more than
    /// `after` of them. Derived data only: a failure leaves the marks, which stay correct.
    pub(super) fn fold_search_index(&self, after: usize) -> Result<(), StoreError> {
        let count = self.search_changed.iter().keys().take(after + 1).count();
        if count == 0 || count <= after {
            return Ok(());
        }
        self.fold_search_index_with(Feed::default())
    }

    /// Folds every marked record, and every record of `feed` (a large write indexed them as it
    /// wrote them), into the index's words.
    pub(super) fn fold_search_index_with(&self, mut feed: Feed) -> Result<(), StoreError> {
        if self.read_only.is_none() && self.log.is_some() {
            // A fold needs room, as any write does (it is skipped on a full disk).
            self.ensure_room(0)?;
        }
        let fail = |e| self.search_fail(e);
        let layout = self.search.get(KEY_LAYOUT).map_err(fail)?;
        if layout
            .as_deref()
            .and_then(read_layout)
            .is_none_or(|(l, _)| l != LAYOUT)
        {
            return self.rebuild_search_index();
        }
        let mut docs = self
            .search
            .get(KEY_DOCS)
            .map_err(fail)?
            .map(|v| v.to_vec())
            .unwrap_or_default();
        let marks: Vec<sled::IVec> = self
            .search_changed
            .iter()
            .keys()
            .collect::<Result<_, _>>()
            .map_err(fail)?;
        let mut changed: HashSet<(u8, u128)> = HashSet::new();
        for m in &marks {
            if let (Some(&tree), Some(id)) = (m.first(), m.get(1..).and_then(super::parse_key)) {
                changed.insert((tree, id.0.0));
            }
        }
        // Records that changed, or that the large write wrote, are no longer read from their
        // old entry.
        let mut dead = 0;
        for entry in docs.chunks_exact_mut(DOC_LEN) {
            match entry_id(entry) {
                None => dead += 1,
                Some((tree, id)) if changed.contains(&(tree, id.0.0)) || feed.holds(tree, id) => {
                    entry[0] = 0;
                    dead += 1;
                }
                Some(_) => {}
            }
        }
        let total = docs.len() / DOC_LEN + changed.len() + feed.entries.len();
        if total > 1000 && dead * 100 > total * REBUILD_PERCENT {
            return self.rebuild_search_index();
        }
        let mut live: Vec<(u8, Record)> = Vec::new();
        for (tree, id) in &changed {
            let id = RecordId(ulid::Ulid(*id));
            if feed.holds(*tree, id) {
                continue;
            }
            let t = if *tree == b'f' {
                &self.foreign
            } else {
                &self.records
            };
            if let Some(v) = t.get(id.to_key()).map_err(fail)? {
                live.push((*tree, self.decode(&v)?));
            }
        }
        live.sort_by_key(|(_, r)| r.id);
        for (tree, r) in &live {
            feed.add(*tree, r);
        }
        let offset = (docs.len() / DOC_LEN) as u32;
        for entry in &feed.entries {
            docs.extend_from_slice(entry);
        }
        let generation = self.generation()? + 1;
        let mut batch = Batch::default();
        let vocab = self
            .search
            .get(KEY_VOCAB)
            .map_err(fail)?
            .and_then(|v| fst::Set::new(v.to_vec()).ok());
        let mut new_words = Vec::new();
        for (folded, spellings) in feed.builder.grouped() {
            let spellings: Vec<(String, Vec<u8>)> = if offset == 0 {
                spellings
            } else {
                spellings
                    .into_iter()
                    .map(|(s, p)| {
                        let docs: Vec<(u32, u8)> = decode_postings(&p)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|(d, pl)| (d + offset, pl))
                            .collect();
                        (s, encode_postings(&docs))
                    })
                    .collect()
            };
            if !vocab.as_ref().is_some_and(|v| v.contains(&folded)) {
                new_words.push(folded.clone());
            }
            let old: Vec<(sled::IVec, sled::IVec)> = self
                .search
                .scan_prefix(word_prefix(&folded))
                .collect::<Result<_, _>>()
                .map_err(fail)?;
            if old.len() + 1 > MOST_BLOCKS {
                // Many small blocks: merged into one with the new.
                let new = encode_block(&spellings);
                let merged = merge_blocks(
                    old.iter()
                        .map(|(_, v)| v.as_ref())
                        .chain(std::iter::once(new.as_slice())),
                );
                let merged: Vec<(String, Vec<u8>)> = merged
                    .into_iter()
                    .map(|(s, d)| (s, encode_postings(&d)))
                    .collect();
                for (k, _) in &old {
                    batch.remove(k.as_ref());
                }
                batch.insert(block_key(&folded, generation), encode_block(&merged));
            } else {
                batch.insert(block_key(&folded, generation), encode_block(&spellings));
            }
        }
        if !new_words.is_empty() || vocab.is_none() {
            let mut all: Vec<Vec<u8>> = vocab
                .map(|v| v.into_stream().into_bytes())
                .unwrap_or_default();
            all.extend(new_words.into_iter().map(String::into_bytes));
            all.sort_unstable();
            all.dedup();
            batch.insert(KEY_VOCAB, vocab_bytes(&all));
        }
        batch.insert(KEY_DOCS, docs);
        batch.remove(KEY_BULK);
        batch.insert(KEY_LAYOUT, layout_value(generation));
        self.search.apply_batch(batch).map_err(fail)?;
        // Only now are the folded marks let go (a kill before leaves them: harmless).
        let mut unmark = Batch::default();
        for m in marks {
            unmark.remove(m);
        }
        self.search_changed.apply_batch(unmark).map_err(fail)?;
        self.flush()
    }

    /// How many bytes the search index holds (its keys and values, before sled's own
    /// overhead).
    pub fn search_index_bytes(&self) -> u64 {
        [&self.search, &self.search_changed]
            .iter()
            .flat_map(|t| t.iter())
            .filter_map(Result::ok)
            .map(|(k, v)| (k.len() + v.len()) as u64)
            .sum()
    }

    /// The search index as it stands, to be searched (see [`SearchIndex`]).
    pub fn search_index(&self) -> Result<SearchIndex, StoreError> {
        self.index_reader().open()
    }

    /// A handle that opens the search index from another thread (e.g. a search worker).
    pub fn index_reader(&self) -> IndexReader {
        IndexReader {
            search: self.search.clone(),
            changed: self.search_changed.clone(),
            records: self.records.clone(),
            foreign: self.foreign.clone(),
        }
    }
}

/// Opens the search index, from any thread.
#[derive(Clone)]
pub struct IndexReader {
    search: Tree,
    changed: Tree,
    records: Tree,
    foreign: Tree,
}

impl IndexReader {
    fn generation(&self) -> Result<Option<u64>, StoreError> {
        let v = self.search.get(KEY_LAYOUT).map_err(read_fail)?;
        Ok(v.as_deref()
            .and_then(read_layout)
            .filter(|(l, _)| *l == LAYOUT)
            .map(|(_, g)| g))
    }

    /// The index as it stands now: the vocabulary and the table, and the records that
    /// changed since they were written, read and indexed here. An index that is not whole (a
    /// large write under way, or of another layout) is not used: every record is read.
    pub fn open(&self) -> Result<SearchIndex, StoreError> {
        loop {
            let generation = self.generation()?;
            let whole =
                generation.is_some() && !self.search.contains_key(KEY_BULK).map_err(read_fail)?;
            let (vocab, docs) = if whole {
                (
                    self.search
                        .get(KEY_VOCAB)
                        .map_err(read_fail)?
                        .and_then(|v| fst::Set::new(v.to_vec()).ok())
                        .unwrap_or_default(),
                    self.search
                        .get(KEY_DOCS)
                        .map_err(read_fail)?
                        .map(|v| v.to_vec())
                        .unwrap_or_default(),
                )
            } else {
                (fst::Set::default(), Vec::new())
            };
            let mut changed = HashSet::new();
            let mut live: Vec<(u8, Record)> = Vec::new();
            let read = |tree: u8, v: &[u8], live: &mut Vec<(u8, Record)>| {
                if let Ok(r) = serde_json::from_slice::<Record>(v) {
                    live.push((tree, r));
                }
            };
            if whole {
                for key in self.changed.iter().keys() {
                    let key = key.map_err(read_fail)?;
                    let (Some(&tree), Some(id)) =
                        (key.first(), key.get(1..).and_then(super::parse_key))
                    else {
                        continue;
                    };
                    changed.insert((tree, id.0.0));
                    let t = if tree == b'f' {
                        &self.foreign
                    } else {
                        &self.records
                    };
                    if let Some(v) = t.get(id.to_key()).map_err(read_fail)? {
                        read(tree, &v, &mut live);
                    }
                }
            } else {
                for (tree, t) in [(b'r', &self.records), (b'f', &self.foreign)] {
                    for kv in t.iter() {
                        let (_, v) = kv.map_err(read_fail)?;
                        read(tree, &v, &mut live);
                    }
                }
            }
            live.sort_by_key(|(_, r)| r.id);
            let mut builder = Builder::default();
            let mut live_docs = Vec::new();
            for (tree, r) in &live {
                builder.add(live_docs.len() as u32, r);
                live_docs.push((*tree, r.id));
            }
            drop(live);
            let mut words: HashMap<String, Vec<Posting>> = HashMap::new();
            for (folded, spellings) in builder.grouped() {
                let list = spellings
                    .into_iter()
                    .map(|(spelling, p)| Posting {
                        spelling,
                        docs: decode_postings(&p)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|(d, places)| (Doc(LIVE + d), places))
                            .collect(),
                    })
                    .collect();
                words.insert(folded, list);
            }
            let live_vocab = {
                let mut w: Vec<&String> = words.keys().collect();
                w.sort_unstable();
                fst::Set::from_iter(w).unwrap_or_default()
            };
            if self.generation()? != generation {
                // Folded meanwhile (another thread saved): read again.
                continue;
            }
            return Ok(SearchIndex {
                reader: self.clone(),
                generation,
                vocab,
                docs,
                changed,
                live_vocab,
                live_words: words,
                live_docs,
                cache: HashMap::new(),
            });
        }
    }
}

/// The search index at one moment: ask it which words match and which records hold them.
pub struct SearchIndex {
    reader: IndexReader,
    generation: Option<u64>,
    vocab: fst::Set<Vec<u8>>,
    docs: Vec<u8>,
    /// Records changed since the table was written: their entries there are not used.
    changed: HashSet<(u8, u128)>,
    live_vocab: fst::Set<Vec<u8>>,
    live_words: HashMap<String, Vec<Posting>>,
    live_docs: Vec<(u8, RecordId)>,
    /// Each word's blocks read so far.
    cache: HashMap<String, Vec<Arc<[u8]>>>,
}

impl SearchIndex {
    /// How many records it holds (about: some may have been deleted since it was written).
    pub fn len(&self) -> usize {
        self.docs.len() / DOC_LEN + self.live_docs.len()
    }

    /// Whether it holds no records.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the journal changed since this was read (then open it again).
    pub fn is_stale(&self) -> bool {
        self.reader.generation().ok().flatten() != self.generation
            || self.reader.search.contains_key(KEY_BULK).unwrap_or(true)
            || self
                .reader
                .changed
                .iter()
                .keys()
                .take(self.changed.len() + 1)
                .count()
                != self.changed.len()
    }

    fn matching<A: Automaton + Clone>(&self, a: A) -> Vec<String> {
        let mut out = Vec::new();
        for set in [&self.vocab, &self.live_vocab] {
            let mut s = set.search(a.clone()).into_stream();
            while let Some(w) = s.next() {
                if let Ok(w) = std::str::from_utf8(w) {
                    out.push(w.to_string());
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// `folded`, if some record holds it (folded: see [`searchable::fold`]).
    pub fn exact(&self, folded: &str) -> Vec<String> {
        let here = self.vocab.contains(folded) || self.live_vocab.contains(folded);
        if here {
            vec![folded.to_string()]
        } else {
            Vec::new()
        }
    }

    /// The folded words that start with `folded` and are longer.
    pub fn with_prefix(&self, folded: &str) -> Vec<String> {
        let mut out = self.matching(fst::automaton::Str::new(folded).starts_with());
        out.retain(|w| w != folded);
        out
    }

    /// The folded words one letter away from `folded` (one changed, left out, added or two
    /// neighbours swapped), not `folded` itself.
    pub fn one_typo_from(&self, folded: &str) -> Vec<String> {
        let Ok(lev) = fst::automaton::Levenshtein::new(folded, 1) else {
            return Vec::new();
        };
        let mut out = self.matching(&lev);
        out.retain(|w| w != folded);
        // A swap of two neighbours is one typo too (Levenshtein counts it as two).
        let chars: Vec<char> = folded.chars().collect();
        for i in 1..chars.len() {
            let mut swapped = chars.clone();
            swapped.swap(i - 1, i);
            let s: String = swapped.into_iter().collect();
            if s != folded && !out.contains(&s) {
                out.extend(self.exact(&s));
            }
        }
        out
    }

    /// Every folded word (for the scattered-letters search when nothing better matches).
    pub fn all_words(&self) -> Vec<String> {
        self.matching(fst::automaton::AlwaysMatch)
    }

    fn blocks(&mut self, folded: &str) -> Result<Vec<Arc<[u8]>>, StoreError> {
        if let Some(b) = self.cache.get(folded) {
            return Ok(b.clone());
        }
        let blocks: Vec<Arc<[u8]>> = self
            .reader
            .search
            .scan_prefix(word_prefix(folded))
            .values()
            .map(|v| v.map(|v| Arc::from(&v[..])))
            .collect::<Result<_, _>>()
            .map_err(read_fail)?;
        self.cache.insert(folded.to_string(), blocks.clone());
        Ok(blocks)
    }

    /// The records each spelling of `folded` is in, leaving out those that changed since the
    /// table was written (their new words are among the records read for this search).
    pub fn postings(&mut self, folded: &str) -> Result<Vec<Posting>, StoreError> {
        let mut out = Vec::new();
        if self.generation.is_some() {
            let blocks = self.blocks(folded)?;
            let table = self.docs.len() / DOC_LEN;
            for (spelling, docs) in merge_blocks(blocks.iter().map(|b| &b[..])) {
                let docs: Vec<(Doc, u8)> = docs
                    .into_iter()
                    .filter(|(d, _)| (*d as usize) < table && self.in_table(*d))
                    .map(|(d, p)| (Doc(d), p))
                    .collect();
                if !docs.is_empty() {
                    out.push(Posting { spelling, docs });
                }
            }
        }
        if let Some(live) = self.live_words.get(folded) {
            out.extend(live.iter().cloned());
        }
        Ok(out)
    }

    /// Whether table entry `d` is a record as indexed (not one that changed since).
    fn in_table(&self, d: u32) -> bool {
        let at = d as usize * DOC_LEN;
        self.docs
            .get(at..at + DOC_LEN)
            .and_then(entry_id)
            .is_some_and(|(tree, id)| !self.changed.contains(&(tree, id.0.0)))
    }

    /// Which record a number stands for, and whether it is this journal's own.
    pub fn record_id(&self, doc: Doc) -> Option<(RecordId, bool)> {
        let (tree, id) = if doc.0 >= LIVE {
            *self.live_docs.get((doc.0 - LIVE) as usize)?
        } else {
            let at = doc.0 as usize * DOC_LEN;
            entry_id(self.docs.get(at..at + DOC_LEN)?)?
        };
        Some((id, tree == b'r'))
    }

    /// The record a number stands for, as stored now (`None` if it is gone).
    pub fn record(&self, doc: Doc) -> Result<Option<Record>, StoreError> {
        let Some((id, own)) = self.record_id(doc) else {
            return Ok(None);
        };
        let tree = if own {
            &self.reader.records
        } else {
            &self.reader.foreign
        };
        let v = tree.get(id.to_key()).map_err(read_fail)?;
        Ok(v.and_then(|v| serde_json::from_slice(&v).ok()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_table_finds_every_spelling_again_as_it_grows() {
        let mut b = Builder::default();
        // More words than the first table holds, and words of every length around eight.
        let words: Vec<String> = (0..3000)
            .map(|n| format!("w{}{n}", "x".repeat(n % 19)))
            .collect();
        let slots: Vec<u32> = words.iter().map(|w| b.slot(w)).collect();
        assert_eq!(slots, (0..3000).collect::<Vec<u32>>());
        for (w, s) in words.iter().zip(&slots) {
            assert_eq!(b.slot(w), *s, "{w}");
            assert_eq!(&*b.spellings[*s as usize].text, w.as_str());
        }
        assert_eq!(b.spellings.len(), 3000);
        assert!(same_word(b"abcdefghij", b"abcdefghij"));
        assert!(!same_word(b"abcdefghij", b"abcdefghik"));
        assert!(!same_word(b"abcdefgh", b"abcdefgi"));
        assert!(!same_word(b"abc", b"abcd"));
    }

    #[test]
    fn postings_and_blocks_read_back_as_written_and_blocks_merge_in_order() {
        let docs = vec![(0, 1), (3, 4), (1000, 7), (70000, 2)];
        let p = encode_postings(&docs);
        assert_eq!(decode_postings(&p).unwrap(), docs);
        let w = vec![("møde".to_string(), p.clone()), ("mode".to_string(), p)];
        assert_eq!(decode_block(&encode_block(&w)).unwrap(), w);
        let bytes = encode_block(&w);
        assert!(decode_block(&bytes[..bytes.len() - 1]).is_none());
        let later = encode_block(&[("mode".to_string(), encode_postings(&[(70001, 1)]))]);
        let merged = merge_blocks([bytes.as_slice(), later.as_slice()]);
        assert_eq!(merged[1].0, "mode");
        assert_eq!(merged[1].1.last(), Some(&(70001, 1)));
        assert_eq!(merged[0].1, docs);
    }
}
