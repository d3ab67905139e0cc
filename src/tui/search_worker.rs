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
    /// False while only the newest records have been searched.
    pub complete: bool,
}

/// How many records (newest first) are searched before the first results are shown.
const FIRST_RESULTS_AFTER: usize = 2048;

/// A search thread over a snapshot of the journal's records.
pub struct SearchWorker {
    ask: Sender<(u64, String)>,
    answers: Receiver<Results>,
    /// The number of the newest query; a search for an older one gives up.
    newest: Arc<AtomicU64>,
}

impl SearchWorker {
    /// Starts the thread; it reads the records itself, so starting costs the UI nothing.
    pub fn start(reader: RecordReader, limit: usize) -> SearchWorker {
        let (ask, questions) = channel::<(u64, String)>();
        let (reply, answers) = channel();
        let newest = Arc::new(AtomicU64::new(0));
        let current = newest.clone();
        std::thread::spawn(move || {
            let mut session = Session::new(reader.newest_first());
            while let Ok(mut asked) = questions.recv() {
                // Only the newest query matters; skip the ones typed past meanwhile.
                while let Ok(newer) = questions.try_recv() {
                    asked = newer;
                }
                let (number, query) = asked;
                let stale = || current.load(Ordering::Relaxed) != number;
                let send = |shown, complete| {
                    reply.send(Results {
                        query: query.clone(),
                        shown,
                        complete,
                    })
                };
                let done = session.query_progressively(
                    &query,
                    limit,
                    FIRST_RESULTS_AFTER,
                    stale,
                    |hits| {
                        let _ = send(hits, false);
                    },
                );
                if let Some(hits) = done
                    && send(hits, true).is_err()
                {
                    break;
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
