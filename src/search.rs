//! Fuzzy search over everything a record says, ranked, with the matched characters marked.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::record::{AnswerValue, Content, Record, RecordId};

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

impl Searcher {
    /// The best match of `query` in `record`, if any.
    pub fn score(&self, record: &Record, query: &str) -> Option<Hit> {
        let (score, field) = self.rank(record, query)?;
        self.hit(record, query, score, field)
    }

    /// The best weighted score of `query` over `record`'s fields, and which field (by its
    /// place in [`fields`]). Cheaper than [`Searcher::score`]: no match positions.
    fn rank(&self, record: &Record, query: &str) -> Option<(i64, usize)> {
        let mut best: Option<(i64, usize)> = None;
        for (n, (field, text)) in fields(record).into_iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let Some(score) = self.matcher.fuzzy_match(text, query) else {
                continue;
            };
            let score = score * field.weight();
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, n));
            }
        }
        best
    }

    /// The hit for field number `n` of `record`, with the matched positions.
    fn hit(&self, record: &Record, query: &str, score: i64, n: usize) -> Option<Hit> {
        let (field, text) = fields(record).into_iter().nth(n)?;
        let (_, indices) = self.matcher.fuzzy_indices(text, query)?;
        Some(Hit {
            id: record.id,
            score,
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
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let ranked: Vec<(&Record, i64, usize)> = records
            .into_iter()
            .filter_map(|r| self.rank(r, query).map(|(s, n)| (r, s, n)))
            .collect();
        self.top(ranked, query, limit)
    }

    /// The best `limit` of ranked records, as hits with match positions.
    fn top(&self, mut ranked: Vec<(&Record, i64, usize)>, query: &str, limit: usize) -> Vec<Hit> {
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.id.cmp(&a.0.id)));
        ranked
            .into_iter()
            .take(limit)
            .filter_map(|(r, s, n)| self.hit(r, query, s, n))
            .collect()
    }
}

/// A search over a fixed set of records that gets faster as the query grows: a longer query
/// can only match records the shorter one matched, so only those are searched again; and a
/// record whose text does not hold the query's letters in order is passed over before the
/// (costlier) fuzzy scoring.
pub struct Session {
    records: Vec<Record>,
    /// Every record's searchable text, lower-case, fields joined by line breaks.
    haystacks: Vec<String>,
    searcher: Searcher,
    last_query: String,
    last_matches: Option<Vec<usize>>,
}

impl Session {
    /// A session over `records` (newest first, so ties favour newer records).
    pub fn new(records: Vec<Record>) -> Self {
        let haystacks = records
            .iter()
            .map(|r| {
                fields(r)
                    .into_iter()
                    .map(|(_, t)| t.to_lowercase())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect();
        Session {
            records,
            haystacks,
            searcher: Searcher::default(),
            last_query: String::new(),
            last_matches: None,
        }
    }

    /// The records searched.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The `limit` best matches of `query`, best first.
    pub fn query(&mut self, query: &str, limit: usize) -> Vec<Hit> {
        let query = query.trim();
        if query.is_empty() {
            self.last_query.clear();
            self.last_matches = None;
            return Vec::new();
        }
        let narrowed = !self.last_query.is_empty() && query.starts_with(self.last_query.as_str());
        let candidates: Vec<usize> = match (&self.last_matches, narrowed) {
            (Some(m), true) => m.clone(),
            _ => (0..self.records.len()).collect(),
        };
        let letters: Vec<char> = query.to_lowercase().chars().collect();
        let ranked: Vec<(usize, i64, usize)> = candidates
            .into_iter()
            .filter(|i| holds_in_order(&self.haystacks[*i], &letters))
            .filter_map(|i| {
                self.searcher
                    .rank(&self.records[i], query)
                    .map(|(s, n)| (i, s, n))
            })
            .collect();
        self.last_query = query.to_string();
        self.last_matches = Some(ranked.iter().map(|(i, _, _)| *i).collect());
        let ranked = ranked
            .into_iter()
            .map(|(i, s, n)| (&self.records[i], s, n))
            .collect();
        self.searcher.top(ranked, query, limit)
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
}
