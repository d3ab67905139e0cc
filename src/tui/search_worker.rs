//! Search off the UI thread: typing sends queries, results come back when ready, and only the
//! newest query is worked on, so the screen never waits for a search.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::search::{Hit, Session};
use crate::store::RecordReader;

/// The results of one query.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The query.
    pub query: String,
    /// The best matches, best first.
    pub shown: Vec<Hit>,
    /// How many records matched in all (more than are shown when there are many).
    pub matched: usize,
    /// False while only the newest records have been searched.
    pub complete: bool,
}

/// How many records (newest first) are searched before the first results are shown.
const FIRST_RESULTS_AFTER: usize = 2048;
/// How many records the thread reads between looks at the questions.
const READ_AT_ONCE: usize = 2048;

/// A search thread over a snapshot of the journal's records.
pub struct SearchWorker {
    ask: Sender<(u64, String)>,
    answers: Receiver<Results>,
    /// The number of the newest query; a search for an older one gives up.
    newest: Arc<AtomicU64>,
}

impl SearchWorker {
    /// Starts the thread; it reads the records itself, so starting costs the UI nothing. While
    /// it is still reading (newest first), a query is answered from what it has read so far,
    /// marked incomplete, and answered again in full once everything is read.
    pub fn start(reader: RecordReader, limit: usize) -> SearchWorker {
        let (ask, questions) = channel::<(u64, String)>();
        let (reply, answers) = channel();
        let newest = Arc::new(AtomicU64::new(0));
        let current = newest.clone();
        std::thread::spawn(move || {
            let mut session = Session::new(Vec::new());
            let mut unread = reader.newest_first();
            let mut reading = true;
            let mut waiting: Option<(u64, String)> = None;
            loop {
                // The newest question; while reading, only those already asked.
                let asked = if reading {
                    questions.try_iter().last()
                } else {
                    match questions.recv() {
                        Ok(first) => Some(questions.try_iter().last().unwrap_or(first)),
                        Err(_) => return,
                    }
                };
                let fresh = asked.is_some();
                if asked.is_some() {
                    waiting = asked;
                }
                if reading {
                    let batch: Vec<_> = unread.by_ref().take(READ_AT_ONCE).collect();
                    reading = batch.len() == READ_AT_ONCE;
                    session.extend(batch);
                }
                // Answer a new question at once (from what is read so far), and the waiting
                // one again in full when the reading is done.
                let Some((number, query)) = waiting.clone() else {
                    continue;
                };
                if !fresh && reading {
                    continue;
                }
                let stale = || current.load(Ordering::Relaxed) != number;
                let send = |shown: Vec<Hit>, matched: Option<usize>, complete| {
                    reply.send(Results {
                        query: query.clone(),
                        matched: matched.unwrap_or(shown.len()),
                        shown,
                        complete,
                    })
                };
                let every = if reading {
                    usize::MAX
                } else {
                    FIRST_RESULTS_AFTER
                };
                let done = session.query_progressively(&query, limit, every, stale, |hits| {
                    let _ = send(hits, None, false);
                });
                if let Some(hits) = done {
                    if send(hits, Some(session.matched()), !reading).is_err() {
                        return;
                    }
                    if !reading {
                        waiting = None;
                    }
                }
            }
        });
        SearchWorker {
            ask,
            answers,
            newest,
        }
    }

    /// Asks for the results of `query`; a search still running for an older query gives up.
    pub fn ask(&self, query: &str) {
        let number = self.newest.fetch_add(1, Ordering::Relaxed) + 1;
        let _ = self.ask.send((number, query.to_string()));
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
    fn questions_asked_while_it_still_reads_get_the_full_answer_in_the_end() {
        let end = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let dir = tempfile::TempDir::new().unwrap();
        let journal = crate::store::Journal::create(
            dir.path(),
            JournalMeta::new("Anna", Language::English, end),
        )
        .unwrap();
        let library = crate::prompts::load(None).library;
        let records = crate::generate::journal(
            3,
            3 * READ_AT_ONCE + 17,
            journal.meta().id,
            end,
            None,
            &library,
        );
        journal.insert_batch(&records).unwrap();
        let expected = |q: &str| -> (Vec<_>, usize) {
            let mut session = Session::new(journal.reader().newest_first());
            let ids = session.query(q, 20).into_iter().map(|h| h.id).collect();
            (ids, session.matched())
        };
        let worker = SearchWorker::start(journal.reader(), 20);
        worker.ask("council");
        worker.ask("council relatives");
        let answer = complete(&worker, "council relatives");
        let got: Vec<_> = answer.shown.iter().map(|h| h.id).collect();
        assert_eq!((got.clone(), answer.matched), expected("council relatives"));
        assert!(!got.is_empty());
        // Once everything is read, questions are answered in full straight away.
        worker.ask("rota");
        let answer = complete(&worker, "rota");
        let got: Vec<_> = answer.shown.iter().map(|h| h.id).collect();
        assert_eq!((got, answer.matched), expected("rota"));
    }
}
