//! Fuzzy search over everything a record says, ranked, with the matched characters marked.
//!
//! A query is split into words; a record matches when every word matches one of its fields
//! (fuzzily: typos and left-out letters are forgiven). Words of one or two letters only look at
//! the short fields (titles, tags, questions); in long text a word's letters must stand close
//! together, so letters strewn over a paragraph do not count as a match.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use chrono::{DateTime, Utc};

use crate::record::{AnswerValue, Content, Kind, Record, RecordId};

/// The part of a record a search hit was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The title.
    Title,
    /// One of the tags.
    Tag,
    /// The body text.
    Body,
    /// A cycle's challenge question.
    Question,
    /// An experiment's people, expectation, signal or outcome.
    Plan,
    /// An answer to a prompt question.
    Answer,
}

impl Field {
    /// Titles and tags are short and chosen with care: a match there counts for more.
    fn weight(self) -> i64 {
        match self {
            Field::Title => 3,
            Field::Tag | Field::Question => 2,
            Field::Body | Field::Plan | Field::Answer => 1,
        }
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
    /// Higher is better.
    pub score: i64,
    /// Where the best match was.
    pub field: Field,
    /// The text of that field.
    pub text: String,
    /// Character positions in `text` that matched the query.
    pub indices: Vec<usize>,
}

/// A reusable searcher (the matcher keeps scratch space between queries).
pub struct Searcher {
    matcher: SkimMatcherV2,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher {
            matcher: SkimMatcherV2::default().smart_case(),
        }
    }
}

/// Fields longer than this (in bytes) are "long": only words of three letters or more look at
/// them, and only where the word's letters stand close together.
const SHORT_FIELD: usize = 64;
/// Words shorter than this only look at short fields.
const MIN_LONG_WORD: usize = 3;

/// One word of a query.
struct Word<'q> {
    text: &'q str,
    lower: String,
    letters: Vec<char>,
}

impl<'q> Word<'q> {
    fn all(query: &'q str) -> Vec<Word<'q>> {
        query
            .split_whitespace()
            .map(|text| {
                let lower = text.to_lowercase();
                Word {
                    text,
                    letters: lower.chars().collect(),
                    lower,
                }
            })
            .collect()
    }

    fn reads_long_fields(&self) -> bool {
        self.letters.len() >= MIN_LONG_WORD
    }
}

/// How a record ranks for a query: the summed score, and the field to show.
#[derive(Debug, Clone, Copy)]
struct Rank {
    score: i64,
    field: usize,
}

impl Searcher {
    /// The best match of `query` in `record`, if any.
    pub fn score(&self, record: &Record, query: &str) -> Option<Hit> {
        let words = Word::all(query);
        let fields = fields(record);
        let rank = self.rank(&fields, &words, None)?;
        self.hit(&About::of(record), &fields, &words, rank)
    }

    /// How a record whose searchable text is `fields` ranks for `words`, if every word
    /// matches; `lowered` is every field's lower-case text when worked out beforehand.
    fn rank(
        &self,
        fields: &[(Field, &str)],
        words: &[Word<'_>],
        lowered: Option<&[&str]>,
    ) -> Option<Rank> {
        if words.is_empty() {
            return None;
        }
        let mut total = 0;
        let mut shown: Option<(i64, usize)> = None;
        for word in words {
            let mut best: Option<(i64, usize)> = None;
            for (n, (field, text)) in fields.iter().enumerate() {
                if text.is_empty() {
                    continue;
                }
                let found = if text.len() > SHORT_FIELD {
                    if !word.reads_long_fields() {
                        continue;
                    }
                    // Long text is scored on the stretch where the word's letters stand close.
                    let owned;
                    let lower = match lowered.and_then(|l| l.get(n)) {
                        Some(lower) => lower,
                        None => {
                            owned = text.to_lowercase();
                            owned.as_str()
                        }
                    };
                    close_window(lower, &word.letters)
                        .and_then(|w| self.matcher.fuzzy_match(&lower[w], &word.lower))
                } else {
                    self.matcher.fuzzy_match(text, word.text)
                };
                if let Some(score) = found {
                    let score = score * field.weight();
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, n));
                    }
                }
            }
            let (score, n) = best?;
            total += score;
            if shown.is_none_or(|(b, _)| score > b) {
                shown = Some((score, n));
            }
        }
        shown.map(|(_, field)| Rank {
            score: total,
            field,
        })
    }

    /// The hit for `rank`, with every word's matched positions in the field shown.
    fn hit(
        &self,
        about: &About,
        fields: &[(Field, &str)],
        words: &[Word<'_>],
        rank: Rank,
    ) -> Option<Hit> {
        let (field, text) = *fields.get(rank.field)?;
        let lower = text.to_lowercase();
        let mut indices: Vec<usize> = words
            .iter()
            .filter_map(|w| {
                if text.len() <= SHORT_FIELD {
                    return self.matcher.fuzzy_indices(text, w.text).map(|(_, i)| i);
                }
                let window = close_window(&lower, &w.letters)?;
                let offset = lower[..window.start].chars().count();
                let (_, i) = self.matcher.fuzzy_indices(&lower[window], &w.lower)?;
                Some(i.into_iter().map(|x| x + offset).collect())
            })
            .flatten()
            .collect();
        indices.sort_unstable();
        indices.dedup();
        Some(Hit {
            id: about.id,
            kind: about.kind,
            title: about.title.to_string(),
            created: about.created,
            score: rank.score,
            field,
            text: text.to_string(),
            indices,
        })
    }

    /// The `limit` best matches of `query`, best first; ties go to the newer record.
    pub fn search<'a>(
        &self,
        records: impl IntoIterator<Item = &'a Record>,
        query: &str,
        limit: usize,
    ) -> Vec<Hit> {
        self.search_with(records, query, limit)
            .into_iter()
            .map(|(hit, _)| hit)
            .collect()
    }

    /// Like [`Searcher::search`], with each hit's record; the records may be streamed, as only
    /// the best few matches so far are kept.
    pub fn search_with<R: std::borrow::Borrow<Record>>(
        &self,
        records: impl IntoIterator<Item = R>,
        query: &str,
        limit: usize,
    ) -> Vec<(Hit, R)> {
        let words = Word::all(query);
        let keep = limit.max(1);
        let mut ranked: Vec<(R, Rank)> = Vec::new();
        for r in records {
            if let Some(rank) = self.rank(&fields(r.borrow()), &words, None) {
                ranked.push((r, rank));
                if ranked.len() >= 2 * keep + 64 {
                    best_first(&mut ranked, |r| r.borrow().id);
                    ranked.truncate(keep);
                }
            }
        }
        best_first(&mut ranked, |r| r.borrow().id);
        ranked
            .into_iter()
            .take(limit)
            .filter_map(|(r, k)| {
                let record = r.borrow();
                let hit = self.hit(&About::of(record), &fields(record), &words, k)?;
                Some((hit, r))
            })
            .collect()
    }
}

/// Sorts ranked things best first, the newer first among equals.
fn best_first<T>(ranked: &mut [(T, Rank)], id: impl Fn(&T) -> RecordId) {
    ranked.sort_by(|a, b| b.1.score.cmp(&a.1.score).then(id(&b.0).cmp(&id(&a.0))));
}

/// What a hit says about its record besides the match.
struct About {
    id: RecordId,
    kind: Kind,
    title: Box<str>,
    created: DateTime<Utc>,
}

impl About {
    fn of(r: &Record) -> About {
        About {
            id: r.id,
            kind: r.kind(),
            title: r.display_title().into(),
            created: r.created,
        }
    }
}

/// Where `letters` first occur in order in `text` within a short stretch (at most twice the
/// word's length plus a few characters): the byte range of that stretch.
fn close_window(text: &str, letters: &[char]) -> Option<std::ops::Range<usize>> {
    let first = letters.first()?;
    let span = letters.len() * 2 + 4;
    text.char_indices().find_map(|(at, c)| {
        if c != *first {
            return None;
        }
        let start_rest = at + c.len_utf8();
        let mut wanted = letters[1..].iter().peekable();
        let mut end = start_rest;
        for (i, c) in text[start_rest..].char_indices().take(span) {
            if wanted.peek().is_none() {
                break;
            }
            if **wanted.peek()? == c {
                wanted.next();
                end = start_rest + i + c.len_utf8();
            }
        }
        wanted.peek().is_none().then_some(at..end)
    })
}

/// A search over a fixed set of records that gets faster as the query grows: a longer query
/// can only match records the shorter one matched, so only those are searched again; and a
/// record whose text does not hold a word's letters in order is passed over before the
/// (costlier) fuzzy scoring. A search can be given up half-way when a newer query is waiting.
///
/// It keeps only what search needs of each record (its searchable text, as written and in
/// lower case, and what a hit shows), not the records themselves.
pub struct Session {
    docs: Vec<Doc>,
    searcher: Searcher,
    last_query: String,
    last_matches: Option<Vec<usize>>,
}

/// Separates a record's fields in a [`Doc`]'s text (taken out of the fields themselves).
const SEP: char = '\u{1f}';

/// What a session keeps of one record.
struct Doc {
    about: About,
    /// The kind of each field, in [`fields`] order.
    kinds: Box<[Field]>,
    /// The fields as written, joined by [`SEP`].
    text: Box<str>,
    /// The same in lower case.
    lower: Box<str>,
}

impl Doc {
    fn of(r: &Record) -> Doc {
        let fields = fields(r);
        let mut text = String::new();
        for (n, (_, t)) in fields.iter().enumerate() {
            if n > 0 {
                text.push(SEP);
            }
            text.extend(t.chars().map(|c| if c == SEP { ' ' } else { c }));
        }
        Doc {
            about: About::of(r),
            kinds: fields.iter().map(|(f, _)| *f).collect(),
            lower: text.to_lowercase().into(),
            text: text.into(),
        }
    }

    /// Each field's kind and text, and its lower-case text.
    fn fields<'d>(&'d self, out: &mut Vec<(Field, &'d str)>, lowered: &mut Vec<&'d str>) {
        out.clear();
        out.extend(self.kinds.iter().copied().zip(self.text.split(SEP)));
        lowered.clear();
        lowered.extend(self.lower.split(SEP));
    }
}

/// How often (in records) a search checks whether it should give up.
const CHECK_EVERY: usize = 1024;

impl Session {
    /// A session over `records` (newest first, so ties favour newer records); each record is
    /// let go of once what search needs of it is taken.
    pub fn new(records: impl IntoIterator<Item = Record>) -> Self {
        Session {
            docs: records.into_iter().map(|r| Doc::of(&r)).collect(),
            searcher: Searcher::default(),
            last_query: String::new(),
            last_matches: None,
        }
    }

    /// Adds records (older than those it has, when it is read newest first). What the last
    /// query matched no longer covers everything, so the next query searches all again.
    pub fn extend(&mut self, records: impl IntoIterator<Item = Record>) {
        self.docs.extend(records.into_iter().map(|r| Doc::of(&r)));
        self.last_query.clear();
        self.last_matches = None;
    }

    /// How many records it searches.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether it searches no records.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// How many records the last query matched (before the limit).
    pub fn matched(&self) -> usize {
        self.last_matches.as_ref().map_or(0, Vec::len)
    }

    /// The `limit` best matches of `query`, best first.
    pub fn query(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        self.query_until(query, limit, || false)
            .expect("never given up")
    }

    /// Like [`Session::query`], but gives up (returning `None`) as soon as `give_up` says so.
    pub fn query_until(
        &mut self,
        query: &str,
        limit: usize,
        give_up: impl Fn() -> bool,
    ) -> Option<Vec<Hit>> {
        self.query_progressively(query, limit, usize::MAX, give_up, |_| {})
    }

    /// Like [`Session::query_until`], and after every `every` records (newest first) hands the
    /// best matches so far to `partial`, so a screen can show them before the search is done.
    pub fn query_progressively(
        &mut self,
        query: &str,
        limit: usize,
        every: usize,
        give_up: impl Fn() -> bool,
        mut partial: impl FnMut(Vec<Hit>),
    ) -> Option<Vec<Hit>> {
        let words = Word::all(query);
        if words.is_empty() {
            self.last_query.clear();
            self.last_matches = None;
            return Some(Vec::new());
        }
        let candidates: Vec<usize> = match (&self.last_matches, self.narrows(query)) {
            (Some(m), true) => m.clone(),
            _ => (0..self.docs.len()).collect(),
        };
        let total = candidates.len();
        let mut ranked: Vec<(usize, Rank)> = Vec::new();
        let (mut fields, mut lowered) = (Vec::new(), Vec::new());
        for (n, i) in candidates.into_iter().enumerate() {
            if n % CHECK_EVERY == CHECK_EVERY - 1 && give_up() {
                return None;
            }
            if n > 0 && n % every.max(1) == 0 && n < total {
                partial(self.top(&ranked, &words, limit));
            }
            let doc = &self.docs[i];
            if !words.iter().all(|w| holds_in_order(&doc.lower, &w.letters)) {
                continue;
            }
            doc.fields(&mut fields, &mut lowered);
            if let Some(rank) = self.searcher.rank(&fields, &words, Some(&lowered)) {
                ranked.push((i, rank));
            }
        }
        self.last_query = query.to_string();
        self.last_matches = Some(ranked.iter().map(|(i, _)| *i).collect());
        Some(self.top(&ranked, &words, limit))
    }

    /// The best `limit` of the ranked records, as hits with match positions.
    fn top(&self, ranked: &[(usize, Rank)], words: &[Word<'_>], limit: usize) -> Vec<Hit> {
        let mut ranked = ranked.to_vec();
        best_first(&mut ranked, |i| self.docs[*i].about.id);
        let (mut fields, mut lowered) = (Vec::new(), Vec::new());
        ranked
            .into_iter()
            .take(limit)
            .filter_map(|(i, k)| {
                let doc = &self.docs[i];
                doc.fields(&mut fields, &mut lowered);
                self.searcher.hit(&doc.about, &fields, words, k)
            })
            .collect()
    }

    /// Whether `query` can only match what the last query matched: it extends it, and no word
    /// grew from short (titles only) to long enough to read long fields.
    fn narrows(&self, query: &str) -> bool {
        if self.last_query.is_empty() || !query.starts_with(self.last_query.as_str()) {
            return false;
        }
        let old: Vec<&str> = self.last_query.split_whitespace().collect();
        let new: Vec<&str> = query.split_whitespace().collect();
        old.iter().zip(&new).all(|(o, n)| {
            o == n || o.chars().count() >= MIN_LONG_WORD || n.chars().count() < MIN_LONG_WORD
        })
    }
}

/// Whether `haystack` holds `letters` in order (not necessarily together).
fn holds_in_order(haystack: &str, letters: &[char]) -> bool {
    let mut wanted = letters.iter().peekable();
    for c in haystack.chars() {
        match wanted.peek() {
            Some(w) if **w == c => {
                wanted.next();
            }
            Some(_) => {}
            None => return true,
        }
    }
    wanted.peek().is_none()
}

/// Every searchable text of a record, with its field.
fn fields(r: &Record) -> Vec<(Field, &str)> {
    let mut out = vec![(Field::Title, r.title.as_str())];
    out.extend(r.tags.iter().map(|t| (Field::Tag, t.as_str())));
    out.push((Field::Body, r.body.as_str()));
    match &r.content {
        Content::Note => {}
        Content::Cycle { question, .. } => out.push((Field::Question, question)),
        Content::Experiment {
            with,
            expectation,
            signal,
            outcome,
            ..
        } => {
            out.extend(with.iter().map(|w| (Field::Plan, w.as_str())));
            out.push((Field::Plan, expectation));
            out.push((Field::Plan, signal));
            if let Some(o) = outcome {
                out.push((Field::Plan, o));
            }
        }
        Content::Reflection { answers, .. } => {
            for a in answers {
                if let AnswerValue::Text(t) | AnswerValue::Choice(t) = &a.value {
                    out.push((Field::Answer, t));
                }
                if let Some(why) = &a.why {
                    out.push((Field::Answer, why));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Answer, JournalId};
    use chrono::{Duration, TimeZone, Utc};

    fn note(n: i64, title: &str, body: &str) -> Record {
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 8, 0, 0).unwrap() + Duration::hours(n);
        let mut r = Record::new(JournalId::new_at(at), at, Content::Note);
        r.title = title.into();
        r.body = body.into();
        r
    }

    #[test]
    fn a_typo_still_finds_the_title_and_titles_outrank_bodies() {
        let records = vec![
            note(
                1,
                "Weekly staff meeting",
                "We talked about the council's budget.",
            ),
            note(2, "Council", "Asked the council what to change first."),
            note(3, "Garden", "Nothing about it."),
        ];
        let hits = Searcher::default().search(&records, "councl", 5);
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].id, records[1].id);
        assert_eq!(hits[0].field, Field::Title);
        assert_eq!(hits[0].indices, vec![0, 1, 2, 3, 4, 6]);
        assert_eq!(hits[1].field, Field::Body);
    }

    #[test]
    fn a_session_narrows_as_the_query_grows_and_gives_the_same_answers() {
        let records: Vec<Record> = (0..40)
            .map(|i| {
                note(
                    i,
                    &format!("meeting {i}"),
                    if i % 3 == 0 {
                        "council budget"
                    } else {
                        "garden"
                    },
                )
            })
            .collect();
        let mut session = Session::new(records.clone());
        let fresh = Searcher::default();
        for q in [
            "c", "co", "cou", "coun", "counc", "counci", "council", "counc", "x", "",
        ] {
            let got: Vec<_> = session.query(q, 100).into_iter().map(|h| h.id).collect();
            let want: Vec<_> = fresh
                .search(&records, q, 100)
                .into_iter()
                .map(|h| h.id)
                .collect();
            assert_eq!(got, want, "query {q:?}");
        }
    }

    #[test]
    fn every_word_must_match_short_words_read_titles_and_strewn_letters_do_not_count() {
        let long = "We met relatives and care workers at the day centre to talk about what the \
                    council could change in the coming year and who would lead it";
        let records = vec![
            note(1, "Council hearing", "Relatives asked for evening visits."),
            note(2, "Garden", long),
            note(3, "Relatives' evening", "Nothing more."),
        ];
        let s = Searcher::default();
        let ids = |q| {
            s.search(&records, q, 10)
                .into_iter()
                .map(|h| h.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids("council relatives"),
            vec![records[0].id, records[1].id],
            "both words"
        );
        assert_eq!(ids("relatives council").len(), 2, "in any order");
        assert_eq!(
            ids("ga"),
            vec![records[1].id],
            "a short word reads titles only"
        );
        assert!(ids("wmrcw").is_empty(), "letters strewn over a paragraph");
        let hit = s.score(&records[0], "counc hear").unwrap();
        assert_eq!(hit.field, Field::Title);
        assert_eq!(
            hit.indices,
            vec![0, 1, 2, 3, 4, 8, 9, 10, 11],
            "both words marked"
        );
        let mut session = Session::new(records.clone());
        assert!(
            session.query_until("council", 10, || true).is_some(),
            "small sets finish before the first check"
        );
    }

    #[test]
    fn answers_and_tags_are_searched_and_the_limit_holds() {
        let mut r = note(1, "", "");
        r.content = Content::Reflection {
            set: "daily-checkin".into(),
            cycle: None,
            experiment: None,
            answers: vec![Answer {
                question: "noticed".into(),
                value: AnswerValue::Text("Relatives brought their own ideas".into()),
                why: None,
            }],
        };
        let mut t = note(2, "Plain", "");
        t.set_tags(["samskabelse"]);
        let records = vec![r, t];
        let s = Searcher::default();
        assert_eq!(
            s.search(&records, "relatives ideas", 5)[0].field,
            Field::Answer
        );
        assert_eq!(s.search(&records, "samskab", 5)[0].field, Field::Tag);
        assert!(s.search(&records, "  ", 5).is_empty());
        assert_eq!(s.search(&records, "e", 1).len(), 1);
    }

    #[test]
    fn a_streamed_search_keeps_only_the_best_and_finds_the_same() {
        let records: Vec<Record> = (0..500)
            .map(|n| {
                note(
                    n,
                    &format!("Meeting {n}"),
                    &format!("The council met; {} relatives came.", n % 7),
                )
            })
            .collect();
        let s = Searcher::default();
        for (query, limit) in [("council", 3), ("relatives 3", 5), ("meeting 4", 1)] {
            let all = s.search(&records, query, 1000);
            assert!(
                all.len() > 2 * limit + 64,
                "{query}: too few matches to test"
            );
            let streamed = s.search_with(records.clone(), query, limit);
            let ids: Vec<RecordId> = streamed
                .iter()
                .map(|(h, r)| {
                    assert_eq!(h.id, r.id);
                    h.id
                })
                .collect();
            let best: Vec<RecordId> = all.iter().take(limit).map(|h| h.id).collect();
            assert_eq!(ids, best, "{query}");
        }
    }
}
