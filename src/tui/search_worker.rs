//! Search off the UI thread: typing sends queries, results come back when ready, and only the
//! newest query is worked on, so the screen never waits for a search. The thread opens the
//! journal's search index once (and again when the journal changed since); the words it looks
//! up stay in memory for the keys that follow.

use std::sync::mpsc::{Receiver, Sender, channel};

use crate::search::{Hit, Scope, Tier, search};
use crate::store::IndexReader;

/// The results of one query.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The query.
    pub query: String,
    /// The best matches, best first.
    pub shown: Vec<Hit>,
    /// How many records matched in all (more than are shown when there are many).
    pub matched: usize,
    /// The loosest tier among them (`None` when nothing matched).
    pub tier: Option<Tier>,
    /// False until the whole journal was searched (kept for the screen; the index answers
    /// in full at once).
    pub complete: bool,
    /// What went wrong, if the index could not be read.
    pub error: Option<String>,
}

/// A search thread over the journal's search index.
pub struct SearchWorker {
    ask: Sender<String>,
    answers: Receiver<Results>,
}

impl SearchWorker {
    /// Starts the thread; it opens the index itself, so starting costs the UI nothing.
    pub fn start(reader: IndexReader, limit: usize) -> SearchWorker {
        let (ask, questions) = channel::<String>();
        let (reply, answers) = channel();
        std::thread::spawn(move || {
            let mut index = None;
            while let Ok(first) = questions.recv() {
                // Only the newest question is answered.
                let query = questions.try_iter().last().unwrap_or(first);
                if index
                    .as_ref()
                    .is_none_or(|i: &crate::store::SearchIndex| i.is_stale())
                {
                    index = reader.open().ok();
                }
                let answer = match index.as_mut() {
                    Some(i) => search(i, &query, limit, Scope::All).map_err(|e| e.to_string()),
                    None => Err("the search index could not be read".to_string()),
                };
                let results = match answer {
                    Ok(a) => Results {
                        query,
                        matched: a.matched,
                        tier: a.tier,
                        shown: a.hits.into_iter().map(|(h, _)| h).collect(),
                        complete: true,
                        error: None,
                    },
                    Err(e) => Results {
                        query,
                        shown: Vec::new(),
                        matched: 0,
                        tier: None,
                        complete: true,
                        error: Some(e),
                    },
                };
                if reply.send(results).is_err() {
                    return;
                }
            }
        });
        SearchWorker { ask, answers }
    }

    /// Asks for the results of `query`.
    pub fn ask(&self, query: &str) {
        let _ = self.ask.send(query.to_string());
    }

    /// The newest results that have arrived, if any.
    pub fn latest(&self) -> Option<Results> {
        self.answers.try_iter().last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{JournalMeta, Language};
    use chrono::{TimeZone, Utc};
    use std::time::{Duration, Instant};

    fn complete(worker: &SearchWorker, query: &str) -> Results {
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if let Some(r) = worker.latest()
                && r.complete
                && r.query == query
            {
                return r;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("no complete answer to {query}");
    }

    #[test]
    fn the_thread_answers_from_the_index_and_sees_later_saves() {
        let end = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let dir = tempfile::TempDir::new().unwrap();
        let journal = crate::store::Journal::create(
            dir.path(),
            JournalMeta::new("Anna", Language::English, end),
        )
        .unwrap();
        let library = crate::prompts::load(None).library;
        let records =
            crate::generate::journal(3, 3 * 2048 + 17, journal.meta().id, end, None, &library);
        journal.insert_batch(&records).unwrap();
        let expected = |q: &str| -> (Vec<_>, usize) {
            let mut index = journal.search_index().unwrap();
            let a = search(&mut index, q, 20, Scope::All).unwrap();
            (a.hits.iter().map(|(h, _)| h.id).collect(), a.matched)
        };
        let worker = SearchWorker::start(journal.index_reader(), 20);
        worker.ask("council");
        worker.ask("council relatives");
        let answer = complete(&worker, "council relatives");
        let got: Vec<_> = answer.shown.iter().map(|h| h.id).collect();
        assert_eq!((got.clone(), answer.matched), expected("council relatives"));
        assert!(!got.is_empty());
        worker.ask("rota");
        let answer = complete(&worker, "rota");
        let got: Vec<_> = answer.shown.iter().map(|h| h.id).collect();
        assert_eq!((got, answer.matched), expected("rota"));
        // A record saved after the thread read the index is found by the next question.
        let mut r =
            crate::record::Record::new(journal.meta().id, end, crate::record::Content::Note);
        r.title = "Zanzibar rota".into();
        journal.insert(&r).unwrap();
        worker.ask("zanzibar");
        let answer = complete(&worker, "zanzibar");
        assert_eq!(
            answer.shown.iter().map(|h| h.id).collect::<Vec<_>>(),
            vec![r.id]
        );
    }
}
