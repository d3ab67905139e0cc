//! Reading a file on one thread while its records are taken on another: what is read goes
//! over a short queue, in batches, in the order it was read, to the sink on the calling
//! thread. An import spends as long storing records as reading them, so the two overlap.

use std::sync::mpsc;

use super::stream::{Sink, Stopped};
use super::{About, Exporter, Peer, Scope};
use crate::record::{Comment, JournalId, Record};

/// What the reading thread hands on, one call of [`Sink`] each.
enum Item {
    Exporter(Box<Exporter>, Scope),
    Record(Box<Record>),
    Comment(Box<Comment>),
    Peer(Peer),
}

/// How many items go over the queue at a time, and how many batches wait in it at most.
const BATCH: usize = 128;
const WAITING: usize = 4;
/// The reading thread's stack.
const STACK: usize = 8 << 20;

/// The reading thread's sink: it batches what it gets and sends it on.
struct Sender {
    batch: Vec<Item>,
    send: mpsc::SyncSender<Vec<Item>>,
}

/// The taking side stopped (its sink said no): reading stops too.
struct Closed;

impl Sender {
    fn push(&mut self, item: Item) -> Result<(), Closed> {
        self.batch.push(item);
        if self.batch.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Closed> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        self.send.send(batch).map_err(|_| Closed)
    }
}

impl Sink for Sender {
    type Error = Closed;

    fn exporter(&mut self, by: &Exporter, scope: Scope) -> Result<(), Closed> {
        self.push(Item::Exporter(Box::new(by.clone()), scope))
    }

    fn record(&mut self, record: Record) -> Result<(), Closed> {
        self.push(Item::Record(Box::new(record)))
    }

    fn comment(&mut self, comment: Comment) -> Result<(), Closed> {
        self.push(Item::Comment(Box::new(comment)))
    }

    fn peer(&mut self, peer: Peer) -> Result<(), Closed> {
        self.push(Item::Peer(peer))
    }
}

fn take<S: Sink>(sink: &mut S, item: Item) -> Result<(), S::Error> {
    match item {
        Item::Exporter(by, scope) => sink.exporter(&by, scope),
        Item::Record(r) => sink.record(*r),
        Item::Comment(c) => sink.comment(*c),
        Item::Peer(p) => sink.peer(p),
    }
}

/// [`super::read_into`]: the file is read on a scoped thread; `sink` takes each item on this
/// one, in order. The first error, in the file's order, is the one returned: the sink's if it
/// refused something before the reading found a fault further on.
pub(super) fn read_into<S: Sink>(
    file: &str,
    text: &str,
    owner: JournalId,
    sink: &mut S,
) -> Result<About, Stopped<S::Error>> {
    let (send, receive) = mpsc::sync_channel::<Vec<Item>>(WAITING);
    std::thread::scope(|s| {
        // The main thread's stack, not a spawned thread's 2 MiB: the parse recurses into a
        // file's nesting (up to serde_json's limit of 128 levels).
        let reader = std::thread::Builder::new()
            .stack_size(STACK)
            .spawn_scoped(s, move || {
                let mut sender = Sender {
                    batch: Vec::with_capacity(BATCH),
                    send,
                };
                let read = super::read_into_here(file, text, owner, &mut sender);
                // What was read before the end (or before a fault) is taken all the same, as it
                // would be on one thread.
                match sender.flush() {
                    Ok(()) => read,
                    Err(Closed) => Err(Stopped::Sink(Closed)),
                }
            });
        let reader = match reader {
            Ok(reader) => reader,
            // No thread to be had: read here, as before there were two.
            Err(_) => return super::read_into_here(file, text, owner, sink),
        };
        let mut refused = None;
        'taking: for batch in &receive {
            for item in batch {
                if let Err(e) = take(sink, item) {
                    refused = Some(e);
                    break 'taking;
                }
            }
        }
        // The reading thread stops at its next hand-over once nobody takes.
        drop(receive);
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match (refused, read) {
            (Some(e), _) => Err(Stopped::Sink(e)),
            (None, Ok(about)) => Ok(about),
            (None, Err(Stopped::Read(e))) => Err(Stopped::Read(e)),
            (None, Err(Stopped::Sink(Closed))) => {
                unreachable!("the queue is taken from until the reading thread ends")
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes records until it has `room`, then refuses.
    struct Refusing {
        room: usize,
        records: Vec<Record>,
        calls: usize,
    }

    impl Refusing {
        /// Refuses the record after the first `room`.
        fn after(room: usize) -> Refusing {
            Refusing {
                room,
                records: Vec::new(),
                calls: 0,
            }
        }
    }

    impl Sink for Refusing {
        type Error = usize;

        fn exporter(&mut self, _by: &Exporter, _scope: Scope) -> Result<(), usize> {
            self.calls += 1;
            Ok(())
        }

        fn record(&mut self, record: Record) -> Result<(), usize> {
            self.calls += 1;
            if self.records.len() == self.room {
                return Err(self.records.len());
            }
            self.records.push(record);
            Ok(())
        }

        fn comment(&mut self, _comment: Comment) -> Result<(), usize> {
            self.calls += 1;
            Ok(())
        }

        fn peer(&mut self, _peer: Peer) -> Result<(), usize> {
            self.calls += 1;
            Ok(())
        }
    }

    /// jrnl's export of `n` entries, as jrnl 4.6 writes it.
    fn jrnl_export(n: usize) -> String {
        let entries: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"title": "Entry {i}", "body": "Body {i}.", "date": "2024-01-01", "time": "09:{:02}", "tags": [], "starred": false}}"#,
                    i % 60
                )
            })
            .collect();
        format!(r#"{{"tags": {{}}, "entries": [{}]}}"#, entries.join(", "))
    }

    #[test]
    fn every_record_arrives_in_the_files_order() {
        let text = jrnl_export(1000);
        let mut sink = Refusing::after(usize::MAX);
        read_into("jrnl.json", &text, JournalId(ulid::Ulid::new()), &mut sink).unwrap();
        let titles: Vec<String> = sink.records.iter().map(|r| r.title.clone()).collect();
        let want: Vec<String> = (0..1000).map(|i| format!("Entry {i}")).collect();
        assert_eq!(titles, want);
    }

    #[test]
    fn a_refusal_stops_the_reading_and_is_what_is_returned() {
        let text = jrnl_export(5000);
        let mut sink = Refusing::after(300);
        let read = read_into("jrnl.json", &text, JournalId(ulid::Ulid::new()), &mut sink);
        assert!(matches!(read, Err(Stopped::Sink(300))));
        assert_eq!(sink.records.len(), 300);
        // Nothing is handed to a sink after it refused.
        assert_eq!(sink.calls, 301);
    }

    #[test]
    fn a_refusal_comes_back_rather_than_a_fault_further_on_in_the_file() {
        let mut text = jrnl_export(1000);
        text.truncate(text.len() - 3);
        let mut sink = Refusing::after(300);
        let read = read_into("jrnl.json", &text, JournalId(ulid::Ulid::new()), &mut sink);
        assert!(matches!(read, Err(Stopped::Sink(300))));
    }

    #[test]
    fn a_fault_after_what_was_read_comes_back_after_all_of_it_was_taken() {
        let mut text = jrnl_export(1000);
        text.truncate(text.len() - 3);
        let mut sink = Refusing::after(usize::MAX);
        let read = read_into("jrnl.json", &text, JournalId(ulid::Ulid::new()), &mut sink);
        assert!(
            matches!(read, Err(Stopped::Read(_))),
            "{:?}",
            read.err().map(|_| ())
        );
        assert_eq!(sink.records.len(), 999);
    }
}
