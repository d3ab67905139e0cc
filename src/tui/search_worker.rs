//! Search off the UI thread: typing sends queries, results come back when ready, and only the
//! newest query is worked on, so the screen never waits for a search.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender, channel};

use chrono::{DateTime, Utc};

use crate::record::{Kind, RecordId};
use crate::search::{Field, Session};
use crate::store::RecordReader;

/// One result as the screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The record.
    pub id: RecordId,
    /// Its kind.
    pub kind: Kind,
    /// Its title.
    pub title: String,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// Where the match is.
    pub field: Field,
    /// The matched text.
    pub text: String,
    /// Matched character positions in `text`.
    pub indices: Vec<usize>,
}

/// The results of one query.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The query.
    pub query: String,
    /// The best matches, best first.
    pub shown: Vec<Shown>,
}

/// A search thread over a snapshot of the journal's records.
pub struct SearchWorker {
    ask: Sender<String>,
    answers: Receiver<Results>,
}

impl SearchWorker {
    /// Starts the thread; it reads the records itself, so starting costs the UI nothing.
    pub fn start(reader: RecordReader, limit: usize) -> SearchWorker {
        let (ask, questions) = channel::<String>();
        let (reply, answers) = channel();
        std::thread::spawn(move || {
            let mut session = Session::new(reader.newest_first().collect());
            let by_id: HashMap<RecordId, usize> = session
                .records()
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id, i))
                .collect();
            while let Ok(mut query) = questions.recv() {
                // Only the newest query matters; skip the ones typed past meanwhile.
                while let Ok(newer) = questions.try_recv() {
                    query = newer;
                }
                let hits = session.query(&query, limit);
                let shown = hits
                    .into_iter()
                    .map(|h| {
                        let r = &session.records()[by_id[&h.id]];
                        Shown {
                            id: h.id,
                            kind: r.kind(),
                            title: r.display_title(),
                            created: r.created,
                            field: h.field,
                            text: h.text,
                            indices: h.indices,
                        }
                    })
                    .collect();
                if reply.send(Results { query, shown }).is_err() {
                    break;
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
