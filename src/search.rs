//! Search, answered from the journal's search index and ranked in tiers: records holding every
//! word of the query exactly come first, then those where some word is only the start of a
//! longer one (what is typed as one types), then — only when neither exists — those within one
//! typo, and last, only when nothing else matches, words whose letters the query holds in order
//! (fuzzy-matcher's scattered match, within one word). Words compare lower-cased and folded
//! ("mode" finds "møde"; the spelling as typed ranks first), titles count more than tags and
//! counterparts, and those more than text. Each hit carries the matched characters of the field
//! it shows.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::record::{Kind, Record, RecordId};
pub use crate::searchable::Field;
use crate::searchable::{self, IN_SHORT, IN_TITLE, class_weight, fold};
use crate::store::{Doc, SearchIndex, StoreError};

/// How a record matched the query: the loosest way any of its words matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// Every word as typed (accents aside).
    Exact,
    /// Some word only as the start of a longer one.
    Prefix,
    /// Some word only within one typo (one letter changed, left out, added or swapped).
    Typo,
    /// Some word only as letters in order within a word.
    Scattered,
}

impl Tier {
    /// The word a list or JSON uses for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Exact => "exact",
            Tier::Prefix => "prefix",
            Tier::Typo => "typo",
            Tier::Scattered => "scattered",
        }
    }

    /// Whether these are close matches rather than matches ("no exact match; close matches").
    pub fn is_close(self) -> bool {
        self >= Tier::Typo
    }
}

/// One record that matched, with where and how well.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The record.
    pub id: RecordId,
    /// Its kind.
    pub kind: Kind,
    /// Its title as lists show it.
    pub title: String,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// Higher is better (within its tier).
    pub score: i64,
    /// How it matched.
    pub tier: Tier,
    /// Where the best match was.
    pub field: Field,
    /// The text of that field.
    pub text: String,
    /// Character positions in `text` that matched the query.
    pub indices: Vec<usize>,
}

/// What a search found.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    /// The best matches, best first, with their records.
    pub hits: Vec<(Hit, Record)>,
    /// How many records matched in all (more than are shown when there are many).
    pub matched: usize,
    /// The loosest tier among the matches (`None`: nothing matched).
    pub tier: Option<Tier>,
}

/// Whose records a search looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// This journal's own records and those shared with it.
    All,
    /// Only this journal's own records.
    Own,
    /// Only what this other journal's author shared with it.
    By(crate::record::JournalId),
}

/// Words shorter than this (in characters) only look at titles, tags and counterparts.
const MIN_LONG_WORD: usize = 3;
/// Words shorter than this are not looked for with a typo.
const MIN_TYPO_WORD: usize = 4;

/// One word of a query.
struct QueryWord {
    lower: String,
    folded: String,
    chars: usize,
}

impl QueryWord {
    fn all(query: &str) -> Vec<QueryWord> {
        searchable::words(query)
            .into_iter()
            .map(|w| QueryWord {
                folded: fold(&w.lower).into_owned(),
                chars: w.chars,
                lower: w.lower,
            })
            .collect()
    }

    /// Whether a match in these places counts for this word.
    fn reads(&self, places: u8) -> bool {
        self.chars >= MIN_LONG_WORD || places & (IN_TITLE | IN_SHORT) != 0
    }
}

/// How one word matched one record: its tier and score.
#[derive(Debug, Clone, Copy)]
struct WordMatch {
    tier: Tier,
    score: u32,
}

/// How well a vocabulary word matches a query word (before the field's weight).
fn word_score(tier: Tier, q: &QueryWord, folded: &str, spelling: &str, fuzzy: i64) -> u32 {
    match tier {
        Tier::Exact => 100 + if spelling == q.lower { 20 } else { 0 },
        Tier::Prefix => 80 - (folded.len().saturating_sub(q.folded.len()) as u32).min(30),
        Tier::Typo => 40,
        Tier::Scattered => (fuzzy.clamp(0, 200) as u32) / 10,
    }
}

/// The vocabulary words that match `q` in `tier`, with their fuzzy score (scattered only).
fn vocabulary(index: &SearchIndex, q: &QueryWord, tier: Tier) -> Vec<(String, i64)> {
    match tier {
        Tier::Exact => index.exact(&q.folded).into_iter().map(|w| (w, 0)).collect(),
        Tier::Prefix => index
            .with_prefix(&q.folded)
            .into_iter()
            .map(|w| (w, 0))
            .collect(),
        Tier::Typo if q.folded.chars().count() >= MIN_TYPO_WORD => index
            .one_typo_from(&q.folded)
            .into_iter()
            .filter(|w| !w.starts_with(&q.folded))
            .map(|w| (w, 0))
            .collect(),
        Tier::Typo => Vec::new(),
        Tier::Scattered if q.chars >= 2 => {
            let matcher = SkimMatcherV2::default();
            let letters: Vec<char> = q.folded.chars().collect();
            index
                .all_words()
                .into_iter()
                .filter(|w| w.len() > q.folded.len() && holds_in_order(w, &letters))
                .filter(|w| !w.starts_with(&q.folded))
                .filter_map(|w| {
                    let s = matcher.fuzzy_match(&w, &q.folded)?;
                    Some((w, s))
                })
                .collect()
        }
        Tier::Scattered => Vec::new(),
    }
}

/// Whether `word` holds `letters` in order (not necessarily together).
fn holds_in_order(word: &str, letters: &[char]) -> bool {
    let mut wanted = letters.iter().peekable();
    for c in word.chars() {
        if wanted.peek() == Some(&&c) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

/// Per query word: the folded vocabulary words accepted so far, with their tier.
type Accepted = Vec<HashMap<String, Tier>>;

/// The records every word matches in `tiers` (each word's best match per record), sorted by
/// record number.
fn matches_in(
    index: &mut SearchIndex,
    words: &[QueryWord],
    found: &mut [Vec<(Doc, WordMatch)>],
    accepted: &mut Accepted,
    tier: Tier,
) -> Result<(), StoreError> {
    for (i, q) in words.iter().enumerate() {
        let mut add = Vec::new();
        for (folded, fuzzy) in vocabulary(index, q, tier) {
            if accepted[i].contains_key(&folded) {
                continue;
            }
            accepted[i].insert(folded.clone(), tier);
            for posting in index.postings(&folded)? {
                let base = word_score(tier, q, &folded, &posting.spelling, fuzzy);
                for (doc, places) in posting.docs {
                    if q.reads(places) {
                        add.push((
                            doc,
                            WordMatch {
                                tier,
                                score: base * class_weight(places),
                            },
                        ));
                    }
                }
            }
        }
        if !add.is_empty() {
            found[i].extend(add);
            best_per_doc(&mut found[i]);
        }
    }
    Ok(())
}

/// Keeps each record's best match (the better tier, then the higher score), sorted by record.
fn best_per_doc(list: &mut Vec<(Doc, WordMatch)>) {
    list.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.tier.cmp(&b.1.tier))
            .then(b.1.score.cmp(&a.1.score))
    });
    list.dedup_by(|later, first| later.0 == first.0);
}

/// The records in every list, with the loosest tier and the summed score.
fn intersect(found: &[Vec<(Doc, WordMatch)>]) -> Vec<(Doc, Tier, u32)> {
    let Some((shortest, _)) = found.iter().enumerate().min_by_key(|(_, l)| l.len()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    'docs: for (doc, m) in &found[shortest] {
        let (mut tier, mut score) = (m.tier, m.score);
        for (i, list) in found.iter().enumerate() {
            if i == shortest {
                continue;
            }
            match list.binary_search_by(|(d, _)| d.cmp(doc)) {
                Ok(at) => {
                    tier = tier.max(list[at].1.tier);
                    score += list[at].1.score;
                }
                Err(_) => continue 'docs,
            }
        }
        out.push((*doc, tier, score));
    }
    out
}

/// The `limit` best matches of `query` in `index`, in tiers: exact and prefix matches
/// together (exact first); only when there are none, matches within one typo; only when
/// there are none either, scattered letters.
pub fn search(
    index: &mut SearchIndex,
    query: &str,
    limit: usize,
    scope: Scope,
) -> Result<Answer, StoreError> {
    let words = QueryWord::all(query);
    if words.is_empty() {
        return Ok(Answer::default());
    }
    let mut found: Vec<Vec<(Doc, WordMatch)>> = words.iter().map(|_| Vec::new()).collect();
    let mut accepted: Accepted = words.iter().map(|_| HashMap::new()).collect();
    let mut matched = Vec::new();
    for step in [
        &[Tier::Exact, Tier::Prefix][..],
        &[Tier::Typo],
        &[Tier::Scattered],
    ] {
        for tier in step {
            matches_in(index, &words, &mut found, &mut accepted, *tier)?;
        }
        matched = intersect(&found);
        match scope {
            Scope::All => {}
            Scope::Own => {
                matched.retain(|(d, _, _)| index.record_id(*d).is_some_and(|(_, own)| own));
            }
            Scope::By(author) => {
                // The index knows whose tree a record is in, not whose it is: those of other
                // journals are read.
                let mut theirs = Vec::new();
                for m in matched {
                    let foreign = index.record_id(m.0).is_some_and(|(_, own)| !own);
                    if foreign && index.record(m.0)?.is_some_and(|r| r.author == author) {
                        theirs.push(m);
                    }
                }
                matched = theirs;
            }
        }
        if !matched.is_empty() {
            break;
        }
    }
    let total = matched.len();
    let key = |(d, tier, score): &(Doc, Tier, u32)| {
        let id = index.record_id(*d).map(|(id, _)| id);
        (*tier, Reverse(*score), Reverse(id))
    };
    let mut keyed: Vec<_> = matched.iter().map(|m| (key(m), *m)).collect();
    // Some may have been deleted since the index was read: a few more are ranked than shown.
    let keep = (limit + 8).min(keyed.len());
    if keep > 0 && keep < keyed.len() {
        keyed.select_nth_unstable_by(keep - 1, |a, b| a.0.cmp(&b.0));
        keyed.truncate(keep);
    }
    keyed.sort_unstable_by_key(|a| a.0);
    let mut hits = Vec::new();
    let mut worst = None;
    for (_, (doc, tier, score)) in keyed {
        if hits.len() >= limit {
            break;
        }
        let Some(record) = index.record(doc)? else {
            continue;
        };
        worst = worst.max(Some(tier));
        let hit = hit(&record, &words, &accepted, tier, score);
        hits.push((hit, record));
    }
    Ok(Answer {
        hits,
        matched: total,
        tier: worst,
    })
}

/// The hit for a record: the field where the query's words weigh most, its matched characters.
fn hit(record: &Record, words: &[QueryWord], accepted: &Accepted, tier: Tier, score: u32) -> Hit {
    let fields = searchable::fields(record);
    let mut best: Option<(u32, usize, Vec<usize>)> = None;
    for (n, (field, text)) in fields.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        let class = field.class();
        let mut indices = Vec::new();
        let mut weight = vec![0u32; words.len()];
        searchable::each_word(text, |lower, start, chars| {
            let folded = fold(lower);
            for (i, q) in words.iter().enumerate() {
                if !q.reads(class) {
                    continue;
                }
                let Some(t) = accepted[i].get(folded.as_ref()) else {
                    continue;
                };
                let marked = match t {
                    Tier::Prefix => searchable::chars_for_folded(lower, q.folded.len()),
                    _ => chars,
                }
                .min(chars);
                indices.extend(start..start + marked);
                let w = field.weight() * (4 - *t as u32);
                weight[i] = weight[i].max(w);
            }
        });
        let total: u32 = weight.iter().sum();
        if total > 0 && best.as_ref().is_none_or(|(b, _, _)| total > *b) {
            indices.sort_unstable();
            indices.dedup();
            best = Some((total, n, indices));
        }
    }
    let (field, text, indices) = match best {
        Some((_, n, indices)) => (fields[n].0, fields[n].1, indices),
        None => (Field::Title, record.title.as_str(), Vec::new()),
    };
    Hit {
        id: record.id,
        kind: record.kind(),
        title: record.display_title(),
        created: record.created,
        score: i64::from(score),
        tier,
        field,
        text: text.to_string(),
        indices,
    }
}

#[cfg(test)]
mod tests;
