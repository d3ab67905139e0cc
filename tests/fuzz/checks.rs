//! What the fuzz targets check, shared with `tests/fuzz_regressions.rs`, which replays the seed
//! inputs and every input a fuzzer found a problem with. Beyond "never panics", each check
//! holds the parser to what it promises.

#![allow(dead_code)] // Each fuzz target uses one of these.

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use praxis::exchange::{self, Content, ExchangeFile, FORMAT, Incoming, Scope, VERSION};
use praxis::prompts::{AnswerKind, Origin, parse_set};
use praxis::query::Filter;
use praxis::record::{JournalId, Kind, RecordId};
use praxis::store::Journal;

/// The journal the files are imported into (fixed, so runs repeat).
pub fn owner() -> JournalId {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    JournalId(ulid::Ulid::from_parts(at.timestamp_millis() as u64, 7))
}

/// A praxis file that parses but whose checksum is wrong gets a right one, so that what it
/// carries reaches the checks behind the checksum (a fuzzer's changes almost never keep it).
fn resealed(text: &str) -> Option<String> {
    let file: ExchangeFile = serde_json::from_str(text).ok()?;
    let sealed = ExchangeFile::seal(file.content);
    (sealed.checksum != file.checksum).then(|| sealed.to_json())
}

/// The exchange reader on any bytes: never panics, and whatever it accepts, written out again
/// as a backup, reads back the same.
pub fn exchange_read(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for text in [Some(text.to_string()), resealed(text)]
        .into_iter()
        .flatten()
    {
        if let Ok(incoming) = exchange::read("fuzz.json", &text, owner()) {
            round_trip(&incoming);
        }
    }
}

fn round_trip(incoming: &Incoming) {
    let by = incoming.exported_by.clone().unwrap_or(exchange::Exporter {
        journal: owner(),
        author_name: "Fuzz".into(),
        language: praxis::journal::Language::English,
        key: None,
        seal_to: None,
    });
    let again = ExchangeFile::seal(Content {
        format: FORMAT.into(),
        version: VERSION,
        exported_by: by,
        exported_at: Utc.with_ymd_and_hms(2026, 1, 2, 0, 0, 0).unwrap(),
        scope: Scope::Backup,
        records: incoming.records.clone(),
        comments: incoming.comments.clone(),
        peers: incoming.peers.clone(),
    });
    let back = exchange::read("again.json", &again.to_json(), owner())
        .unwrap_or_else(|e| panic!("an accepted file written out again is refused: {e}"));
    assert_eq!(back.records, incoming.records);
    assert_eq!(back.comments, incoming.comments);
    assert_eq!(back.peers, incoming.peers);
}

/// Imports any bytes into a fresh journal in `dir` as `praxis import` does: a refused file
/// leaves the journal as it was; an accepted one lands whole, and every index agrees with the
/// records.
pub fn import(dir: &std::path::Path, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for text in [Some(text.to_string()), resealed(text)]
        .into_iter()
        .flatten()
    {
        // Only files the reader takes reach a journal (the refusals are checked in tests).
        let Ok(incoming) = exchange::read("fuzz.json", &text, owner()) else {
            continue;
        };
        let _ = std::fs::remove_dir_all(dir);
        let meta = praxis::journal::JournalMeta::new(
            "Fuzz",
            praxis::journal::Language::English,
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        );
        let mut meta = meta;
        meta.id = owner();
        let journal = Journal::create(dir, meta).unwrap();
        let mut importer = journal.importer(false);
        exchange::read_into("fuzz.json", &text, owner(), &mut importer)
            .unwrap_or_else(|e| panic!("read took it, the stream did not: {e:?}"));
        let report = importer.finish().unwrap();
        let distinct: HashSet<RecordId> = incoming.records.iter().map(|r| r.id).collect();
        assert_eq!(
            report.added + report.conflicts.len(),
            distinct.len(),
            "{report:?}"
        );
        assert_indexes_agree(&journal);
        drop(journal);
        // It opens again.
        assert_indexes_agree(&Journal::open(dir).unwrap());
    }
}

/// Every index answers as a scan of the records does.
pub fn assert_indexes_agree(journal: &Journal) {
    let all: Vec<_> = journal.newest_first().map(Result::unwrap).collect();
    let tags: BTreeSet<String> = all.iter().flat_map(|r| r.tags.clone()).collect();
    let mut filters: Vec<Filter> = Kind::ALL
        .iter()
        .map(|k| Filter {
            kind: Some(*k),
            ..Filter::default()
        })
        .collect();
    filters.extend(tags.into_iter().map(|t| Filter {
        tag: Some(t),
        ..Filter::default()
    }));
    filters.extend(
        all.iter()
            .filter(|r| r.kind() == Kind::Cycle)
            .map(|r| Filter {
                cycle: Some(r.id),
                ..Filter::default()
            }),
    );
    for filter in filters {
        let listed: Vec<RecordId> = journal
            .list(&filter)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        let scanned: Vec<RecordId> = all
            .iter()
            .filter(|r| filter.matches(r))
            .map(|r| r.id)
            .collect();
        assert_eq!(listed, scanned, "{filter:?}");
    }
}

/// The search index agrees with a scan of every record (own and shared) on which records hold
/// a word exactly, for words taken from the records themselves and one no record holds.
pub fn assert_search_index_agrees(journal: &Journal) {
    use praxis::search::{Scope as Whose, Tier, search};
    use praxis::searchable::{fields, fold, words};
    let mut all: Vec<_> = journal.newest_first().map(Result::unwrap).collect();
    all.extend(journal.foreign_newest_first().unwrap());
    let words_of = |r: &praxis::record::Record| -> BTreeSet<String> {
        fields(r)
            .iter()
            .flat_map(|(_, t)| words(t))
            .map(|w| fold(&w.lower).into_owned())
            .collect()
    };
    let mut probes: BTreeSet<String> = all
        .iter()
        .step_by((all.len() / 7).max(1))
        .filter_map(|r| words_of(r).into_iter().max_by_key(|w| w.len()))
        .collect();
    probes.insert("rewritten".into());
    probes.insert("zzyzzogeton".into());
    let mut index = journal.search_index().unwrap();
    for word in probes {
        let mut scanned: Vec<RecordId> = all
            .iter()
            .filter(|r| words_of(r).contains(&word))
            .map(|r| r.id)
            .collect();
        let answer = search(&mut index, &word, usize::MAX / 2, Whose::All).unwrap();
        let mut found: Vec<RecordId> = answer
            .hits
            .iter()
            .filter(|(h, _)| h.tier == Tier::Exact)
            .map(|(h, _)| h.id)
            .collect();
        scanned.sort();
        found.sort();
        assert_eq!(
            found, scanned,
            "the search index and a scan differ on {word:?}"
        );
    }
}

/// The prompt-file parser on any bytes: never panics; a set it accepts is whole (both
/// languages, unique ids, sound scales and choices); every problem it reports names the file
/// and a line of it.
pub fn prompt_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_set("fuzz.toml", text, Origin::User(PathBuf::from("fuzz.toml"))) {
        Ok(set) => {
            assert!(!set.id.is_empty() && !set.questions.is_empty());
            assert!(!set.title.en.is_empty() && !set.title.da.is_empty());
            let ids: HashSet<&str> = set.questions.iter().map(|q| q.id.as_str()).collect();
            assert_eq!(ids.len(), set.questions.len(), "question ids repeat");
            for q in &set.questions {
                assert!(!q.text.en.trim().is_empty() && !q.text.da.trim().is_empty());
                match &q.kind {
                    AnswerKind::Scale { min, max, .. } => assert!(min < max),
                    AnswerKind::Choice { options } => {
                        assert!(!options.is_empty());
                        let ids: HashSet<&str> = options.iter().map(|o| o.id.as_str()).collect();
                        assert_eq!(ids.len(), options.len(), "option ids repeat");
                    }
                    AnswerKind::Text => {}
                }
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            let lines = text.lines().count().max(1) + 1;
            for e in errors {
                assert_eq!(e.file, "fuzz.toml");
                assert!(
                    e.line >= 1 && e.line <= lines,
                    "line {} of {lines}: {e}",
                    e.line
                );
                assert!(!e.message.trim().is_empty());
            }
        }
    }
}
