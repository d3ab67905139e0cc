use super::*;
use crate::generate;
use crate::journal::JournalMeta;
use crate::prompts::load;
use crate::record::Content as Kind;
use crate::store::Journal;
use chrono::TimeZone;
use proptest::prelude::*;
use tempfile::TempDir;

fn end() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn journal(name: &str) -> (TempDir, Journal) {
    let dir = TempDir::new().unwrap();
    let j = Journal::create(dir.path(), JournalMeta::new(name, Language::English, end())).unwrap();
    (dir, j)
}

/// A generated journal in which every private record (and every comment on one) carries a
/// marker that must never leave in a mentor or network export.
fn marked_journal(seed: u64, size: usize) -> (TempDir, Journal) {
    let (dir, j) = journal("Anna");
    let library = load(None).library;
    let mut records = generate::journal(seed, size, j.meta().id, end(), None, &library);
    for (n, r) in records.iter_mut().enumerate() {
        if r.visibility == Visibility::Private {
            r.body = format!("{} PRIVATE-{n}", r.body);
        }
    }
    j.insert_batch(&records).unwrap();
    for (n, r) in records.iter().enumerate().step_by(3) {
        let marker = if r.visibility == Visibility::Private {
            format!(" PRIVATE-c{n}")
        } else {
            String::new()
        };
        j.add_comment(&Comment {
            id: RecordId::new_at(end() + chrono::Duration::seconds(n as i64)),
            on: r.id,
            author: JournalId::new_at(end()),
            author_name: "Mette".into(),
            created: end(),
            text: format!("A question{marker}"),
            reach: Default::default(),
            signature: None,
        })
        .unwrap();
    }
    (dir, j)
}

fn own_export(j: &Journal, scope: Scope) -> ExchangeFile {
    let records: Vec<Record> = j.newest_first().map(Result::unwrap).collect();
    export(
        j.meta(),
        scope,
        &Selection::default(),
        records,
        j.all_comments().unwrap(),
        end(),
    )
    .signed_by(j.identity())
}

/// Everything a journal holds, to compare before and after.
fn snapshot(j: &Journal) -> (Vec<Record>, Vec<Record>, Vec<Comment>) {
    (
        j.newest_first().map(Result::unwrap).collect(),
        j.foreign_newest_first().unwrap(),
        j.all_comments().unwrap(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn mentor_and_network_exports_never_carry_private_text(seed in 0u64..10_000, size in 1usize..80) {
        let (_dir, j) = marked_journal(seed, size);
        for scope in [Scope::Mentor, Scope::Network] {
            let json = own_export(&j, scope).to_json();
            prop_assert!(!json.contains("PRIVATE-"), "{scope:?} export leaked private text");
        }
        let backup = own_export(&j, Scope::Backup).to_json();
        let privates = j.newest_first().map(Result::unwrap).filter(|r| r.visibility == Visibility::Private).count();
        prop_assert_eq!(privates > 0, backup.contains("PRIVATE-"), "a backup carries everything");
    }

    #[test]
    fn a_backup_restores_exactly_and_every_kind_round_trips(seed in 0u64..10_000, size in 1usize..80) {
        let (_dir, j) = marked_journal(seed, size);
        let file = own_export(&j, Scope::Backup);
        let text = file.to_json();
        let incoming = read("backup.json", &text, JournalId::new_at(end())).unwrap();
        let target = TempDir::new().unwrap();
        let mut meta = j.meta().clone();
        meta.created = end();
        // As `praxis restore` does: the journal's key comes back from the backup.
        let key = crate::identity::Identity::from_text(file.identity.as_ref().unwrap()).unwrap();
        crate::store::keep_identity(target.path(), &key).unwrap();
        let restored = Journal::create(target.path(), meta).unwrap();
        let report = restored.import(&incoming, false).unwrap();
        prop_assert_eq!(report.added, size);
        prop_assert_eq!(restored.identity().public(), j.identity().public());
        prop_assert_eq!(snapshot(&restored), snapshot(&j));
        // And a second import of the same file changes nothing.
        let again = restored.import(&incoming, false).unwrap();
        prop_assert_eq!(again.added + again.updated, 0);
        prop_assert_eq!(again.unchanged, size);
    }
}

#[test]
fn every_refusal_names_the_problem_and_changes_nothing() {
    let (_dir, source) = marked_journal(3, 30);
    let (_dir2, target) = journal("Mette");
    let before = snapshot(&target);
    let good = own_export(&source, Scope::Mentor).to_json();
    let tampered = good.replacen("\"title\": \"", "\"title\": \"X", 1);
    let newer = good.replacen("\"version\": 2", "\"version\": 3", 1);
    let mut wrong_scope_file = own_export(&source, Scope::Backup);
    wrong_scope_file.content.scope = Scope::Network;
    let wrong_scope = ExchangeFile::seal(wrong_scope_file.content).to_json();
    let cases: Vec<(&str, String, &str)> = vec![
        ("bad json", "{ not json".into(), "not valid JSON"),
        (
            "truncated",
            good[..good.len() / 2].to_string(),
            "not valid JSON",
        ),
        ("tampered", tampered, "changed after it was exported"),
        ("unknown version", newer, "version 3"),
        (
            "wrong scope",
            wrong_scope,
            "network file but carries a private record",
        ),
        (
            "unknown",
            "{\"hello\": 1}".into(),
            "not a file praxis can import",
        ),
        (
            "malformed",
            good.replacen("\"revision\": 1", "\"revision\": \"one\"", 1),
            "at line",
        ),
    ];
    for (what, text, words) in cases {
        let err = read("shared.json", &text, target.meta().id).unwrap_err();
        assert!(err.to_string().contains(words), "{what}: {err}");
        assert!(
            err.to_string().contains("Nothing was imported"),
            "{what}: {err}"
        );
    }
    assert_eq!(snapshot(&target), before);
}

#[test]
fn revisions_replace_older_and_same_revision_changes_are_conflicts_kept_side_by_side() {
    let (_d1, anna) = journal("Anna");
    let (_d2, mette) = journal("Mette");
    let mut r = Record::new(anna.meta().id, end(), Kind::Note);
    r.title = "Council".into();
    r.visibility = Visibility::Mentor;
    anna.insert(&r).unwrap();
    let first = read(
        "1.json",
        &own_export(&anna, Scope::Mentor).to_json(),
        mette.meta().id,
    )
    .unwrap();
    assert_eq!(mette.import(&first, false).unwrap().added, 1);
    assert_eq!(mette.peer_name(anna.meta().id).as_deref(), Some("Anna"));

    let mut edited = r.clone();
    edited.title = "Council, second meeting".into();
    edited.touch(end()).unwrap();
    anna.update(&edited).unwrap();
    let second = read(
        "2.json",
        &own_export(&anna, Scope::Mentor).to_json(),
        mette.meta().id,
    )
    .unwrap();
    let report = mette.import(&second, true).unwrap();
    assert_eq!(report.updated, 1, "a dry run reports");
    assert_eq!(
        mette.get_foreign(r.id).unwrap().unwrap().title,
        "Council",
        "…and changes nothing"
    );
    mette.import(&second, false).unwrap();
    assert_eq!(
        mette.get_foreign(r.id).unwrap().unwrap().title,
        "Council, second meeting"
    );
    assert_eq!(
        mette.import(&first, false).unwrap().older,
        1,
        "the older file is not taken"
    );
    assert!(
        mette.get(r.id).unwrap().is_none(),
        "kept apart from Mette's own records"
    );

    // Same revision, other content: a conflict; both stay readable, and once is enough.
    let mut other = edited.clone();
    other.title = "Council (edited elsewhere)".into();
    let mut content = own_export(&anna, Scope::Mentor).content;
    content.records = vec![other.clone()];
    let clash = read(
        "3.json",
        &ExchangeFile::seal(content)
            .signed_by(anna.identity())
            .to_json(),
        mette.meta().id,
    )
    .unwrap();
    let report = mette.import(&clash, false).unwrap();
    assert_eq!(report.conflicts, vec![r.id]);
    assert_eq!(
        mette.get_foreign(r.id).unwrap().unwrap().title,
        "Council, second meeting"
    );
    assert_eq!(mette.conflicting_versions(r.id).unwrap(), vec![other]);
    assert!(mette.import(&clash, false).unwrap().conflicts.is_empty());
}

#[test]
fn comments_from_a_mentor_attach_to_the_owners_records() {
    let (_d1, anna) = journal("Anna");
    let mut r = Record::new(anna.meta().id, end(), Kind::Note);
    r.visibility = Visibility::Mentor;
    anna.insert(&r).unwrap();
    let mette = Exporter {
        journal: JournalId::new_at(end()),
        author_name: "Mette".into(),
        language: Language::Danish,
        key: None,
        seal_to: None,
    };
    let comment = Comment {
        id: RecordId::new_at(end()),
        on: r.id,
        author: mette.journal,
        author_name: "Mette".into(),
        created: end(),
        text: "What did the relatives say?".into(),
        reach: Default::default(),
        signature: None,
    };
    let stray = Comment {
        on: RecordId::new_at(end()),
        id: RecordId::new_at(end()),
        ..comment.clone()
    };
    let file = comments_file(mette, vec![comment.clone(), stray], end());
    let incoming = read("c.json", &file.to_json(), anna.meta().id).unwrap();
    let report = anna.import(&incoming, false).unwrap();
    assert_eq!((report.comments_added, report.comments_orphaned), (1, 1));
    assert_eq!(anna.comments_on(r.id).unwrap(), vec![comment]);
    assert_eq!(anna.import(&incoming, false).unwrap().comments_unchanged, 1);
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn jrnl_and_tui_journal_files_move_in_as_notes_once() {
    let (_d, j) = journal("Anna");
    let jrnl = read("jrnl.json", &fixture("jrnl.json"), j.meta().id).unwrap();
    assert_eq!(jrnl.source, Source::Jrnl);
    assert_eq!(jrnl.records.len(), 1000);
    let first = &jrnl.records[0];
    assert_eq!(first.title, "A hard conversation with a team lead (#1)!");
    assert!(first.body.starts_with(
        "The \"quick win\" turned out to be slow. Follow-up: send the notes to Åse and Søren."
    ));
    assert_eq!(first.tags, vec!["trust"]);
    assert_eq!(
        jrnl.records[3].tags,
        vec!["co-creation", "library", "starred", "union"]
    );
    assert_eq!(
        crate::dates::local_day(first.created),
        NaiveDate::from_ymd_opt(2023, 1, 3).unwrap()
    );
    assert_eq!(j.import(&jrnl, false).unwrap().added, 1000);
    assert_eq!(
        j.import(&jrnl, false).unwrap().unchanged,
        1000,
        "the same file twice adds nothing"
    );
    let again = read("jrnl.json", &fixture("jrnl.json"), j.meta().id).unwrap();
    assert_eq!(again.records[0].id, first.id, "ids come from the entries");
    // And stay what earlier versions of praxis made of them: a changed id would bring the
    // same entry in twice.
    assert_eq!(first.id.to_key(), "01GNWN76A0JW9KTKNA70CKBMC1");

    let tui = read("tj.json", &fixture("tui-journal.json"), j.meta().id).unwrap();
    assert_eq!(tui.source, Source::TuiJournal);
    assert_eq!(tui.records[0].tags, vec!["priority-3", "trust"]);
    assert_eq!(
        crate::dates::local_day(tui.records[0].created),
        NaiveDate::from_ymd_opt(2022, 3, 2).unwrap()
    );
    let transfer = read("t.json", &fixture("tui-journal-transfer.json"), j.meta().id).unwrap();
    assert_eq!(transfer.source, Source::TuiJournalTransfer);
    assert!(
        transfer.records[0]
            .body
            .starts_with("# Notes\n\nNæste gang spørger jeg først")
    );
    j.import(&tui, false).unwrap();
    j.import(&transfer, false).unwrap();
    assert_eq!(
        j.len(),
        2200,
        "the export's entries are the back-end file's"
    );
    assert!(
        j.newest_first()
            .all(|r| r.unwrap().kind() == crate::record::Kind::Note)
    );
}

#[test]
fn markdown_reads_as_cycles_with_their_experiments_and_answers() {
    let (_d, j) = journal("Anna");
    let library = load(None).library;
    let records = generate::journal(5, 40, j.meta().id, end(), Some(Language::English), &library);
    j.insert_batch(&records).unwrap();
    let file = own_export(&j, Scope::Backup);
    let md = to_markdown(&file.content, &library);
    assert!(md.starts_with("# Anna — praxis journal (backup)"));
    assert!(md.contains("## Cycle: "));
    assert!(
        md.contains("\n**"),
        "questions in bold with their answers: {md}"
    );
    let cycles = records
        .iter()
        .filter(|r| matches!(r.content, Kind::Cycle { .. }))
        .count();
    assert_eq!(md.matches("## Cycle: ").count(), cycles);
}

#[test]
fn files_are_replaced_whole() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("out.json");
    std::fs::write(&path, "old").unwrap();
    write_atomically(&path, "new content").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new content");
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file left behind");
    let missing = dir.path().join("no/such/dir/out.json");
    assert!(write_atomically(&missing, "x").is_err());
}

#[test]
fn the_example_in_the_docs_is_a_valid_file_and_the_schema_names_its_fields() {
    let doc = include_str!("../../docs/exchange-format.md");
    let start = doc.find("```json\n").unwrap() + 8;
    let end = start + doc[start..].find("```").unwrap();
    let incoming = read("docs", &doc[start..end], JournalId::new_at(self::end())).unwrap();
    assert_eq!(incoming.source, Source::Praxis(Scope::Mentor));
    assert_eq!(incoming.records.len(), 2);
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/exchange-format.schema.json")).unwrap();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let file: serde_json::Value = serde_json::from_str(&doc[start..end]).unwrap();
    for field in &required {
        assert!(file.get(*field).is_some(), "{field}");
    }
    for field in file.as_object().unwrap().keys() {
        assert!(
            schema["properties"].get(field).is_some(),
            "{field} is in the schema"
        );
    }
    // The example is signed, as praxis writes files.
    assert_eq!(file["version"], 2);
    assert!(file.get("signature").is_some());
}

#[test]
fn the_checksum_is_the_sha256_of_the_contents_compact_json() {
    use sha2::{Digest, Sha256};
    let (_dir, j) = marked_journal(8, 40);
    let mut with_peers = crate::backup::backup_file(&j, &Selection::default(), end()).unwrap();
    with_peers.content.peers = vec![Peer {
        journal: JournalId::new_at(end()),
        author_name: "Bo \"the peer\"".into(),
    }];
    let comments = comments_file(
        with_peers.content.exported_by.clone(),
        j.all_comments().unwrap(),
        end(),
    );
    for content in [
        own_export(&j, Scope::Network).content,
        own_export(&j, Scope::Mentor).content,
        with_peers.content,
        comments.content,
    ] {
        let digest = Sha256::digest(serde_json::to_vec(&content).unwrap());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(checksum(&content), format!("sha256:{hex}"));
    }
}

#[test]
fn a_file_whose_fields_stand_in_another_order_is_read_whole_and_still_checked() {
    let (_dir, source) = marked_journal(4, 20);
    // A backup: it carries the comments others wrote too.
    let file = own_export(&source, Scope::Backup);
    // serde_json's own map sorts the keys: checksum, comments, exported_at, … records, scope.
    let shuffled = serde_json::to_string(&serde_json::to_value(&file).unwrap()).unwrap();
    assert!(shuffled.find("\"comments\"") < shuffled.find("\"records\""));
    let owner = JournalId::new_at(end());
    assert_eq!(
        read("sorted.json", &shuffled, owner).unwrap(),
        read("file.json", &file.to_json(), owner).unwrap()
    );
    // By hand: the header in order, then the comments before the records.
    let c = &file.content;
    let json = |v: serde_json::Value| v.to_string();
    let by_hand = format!(
        "{{\"format\":{},\"version\":{},\"exported_by\":{},\"exported_at\":{},\"scope\":{},\"comments\":{},\"records\":{},\"checksum\":{},\"signature\":{}}}",
        json(serde_json::json!(c.format)),
        c.version,
        json(serde_json::json!(c.exported_by)),
        json(serde_json::json!(c.exported_at)),
        json(serde_json::json!(c.scope)),
        json(serde_json::json!(c.comments)),
        json(serde_json::json!(c.records)),
        json(serde_json::json!(file.checksum)),
        json(serde_json::json!(file.signature)),
    );
    assert!(!c.comments.is_empty());
    assert_eq!(
        read("by-hand.json", &by_hand, owner).unwrap(),
        read("file.json", &file.to_json(), owner).unwrap()
    );
    let with_mark = format!("\u{feff}{}", file.to_json());
    assert_eq!(
        read("bom.json", &with_mark, owner).unwrap(),
        read("file.json", &file.to_json(), owner).unwrap()
    );
    let tampered = shuffled.replacen("\"title\":\"", "\"title\":\"X", 1);
    assert!(matches!(
        read("sorted.json", &tampered, owner),
        Err(ReadError::Tampered { .. })
    ));
}

#[test]
fn a_problem_found_deep_in_a_streamed_file_undoes_everything_already_written() {
    let (_dir, source) = marked_journal(5, 2500);
    let (_dir2, target) = journal("Mette");
    let before = snapshot(&target);
    let backup = crate::backup::backup_file(&source, &Selection::default(), end())
        .unwrap()
        .to_json();
    let last_title = backup.rfind("\"title\": \"").unwrap();
    let mut network = own_export(&source, Scope::Backup);
    network.content.scope = Scope::Network;
    for r in &mut network.content.records[..2400] {
        r.visibility = Visibility::Network;
    }
    let network = ExchangeFile::seal(network.content).to_json();
    let cases: Vec<(&str, String)> = vec![
        ("tampered at the end", {
            let mut t = backup.clone();
            t.insert(last_title + 10, 'X');
            t
        }),
        ("a private record late in a network file", network),
        ("cut off", backup[..backup.len() * 9 / 10].to_string()),
        (
            "malformed late",
            format!(
                "{}\"revision\": \"one\"{}",
                &backup[..backup.rfind("\"revision\": 1").unwrap()],
                &backup[backup.rfind("\"revision\": 1").unwrap() + 13..]
            ),
        ),
    ];
    for (what, text) in cases {
        let mut importer = target.importer(false);
        let stopped = read_into("shared.json", &text, target.meta().id, &mut importer);
        assert!(
            matches!(stopped, Err(Stopped::Read(_))),
            "{what}: {stopped:?}"
        );
        assert!(
            !target.foreign_newest_first().unwrap().is_empty(),
            "{what}: nothing was written before the problem, so nothing is tested"
        );
        importer.abandon().unwrap();
        assert_eq!(snapshot(&target), before, "{what}");
    }
    // And the good file goes in whole.
    let mut importer = target.importer(false);
    read_into("backup.json", &backup, target.meta().id, &mut importer).unwrap();
    assert_eq!(importer.finish().unwrap().added, 2500);
    assert_eq!(target.foreign_newest_first().unwrap().len(), 2500);
}

#[test]
fn a_file_written_as_it_goes_is_byte_for_byte_the_whole_file_serialised() {
    let (_dir, j) = marked_journal(9, 60);
    let mut with_peers = crate::backup::backup_file(&j, &Selection::default(), end()).unwrap();
    with_peers.content.peers = vec![Peer {
        journal: JournalId::new_at(end()),
        author_name: "Bo \"the peer\"\nsecond line".into(),
    }];
    let with_peers = ExchangeFile::seal(with_peers.content);
    let empty = own_export(&journal("Empty").1, Scope::Network);
    let comments = comments_file(
        with_peers.content.exported_by.clone(),
        j.all_comments().unwrap(),
        end(),
    );
    for file in [
        own_export(&j, Scope::Network),
        own_export(&j, Scope::Mentor),
        with_peers,
        empty,
        comments,
    ] {
        let mut streamed = Vec::new();
        file.write_json(&mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), file.to_json() + "\n");
    }
}

#[test]
fn an_export_streamed_from_the_store_is_the_export_made_in_memory() {
    let (_dir, j) = marked_journal(10, 80);
    let cycle = j
        .list(&crate::query::Filter {
            kind: Some(crate::record::Kind::Cycle),
            ..Default::default()
        })
        .unwrap()[0]
        .id;
    let selections = [
        Selection::default(),
        Selection {
            cycle: Some(cycle),
            ..Selection::default()
        },
        Selection {
            since: Some(end().date_naive() - chrono::Days::new(20)),
            ..Selection::default()
        },
    ];
    for scope in [Scope::Mentor, Scope::Network, Scope::Backup] {
        for selection in &selections {
            let in_memory = export(
                j.meta(),
                scope,
                selection,
                j.newest_first().map(Result::unwrap),
                j.all_comments().unwrap(),
                end(),
            );
            let by = in_memory.content.exported_by.clone();
            let (streamed, count, _) = write_export(
                Vec::new(),
                &by,
                scope,
                selection,
                j.oldest_first(),
                j.all_comments().unwrap(),
                &[],
                end(),
                Signing::Unsigned,
                |id| j.get(id).ok().flatten().map(|r| r.visibility),
            )
            .unwrap();
            assert_eq!(count, in_memory.content.records.len());
            assert_eq!(
                String::from_utf8(streamed).unwrap(),
                in_memory.to_json() + "\n",
                "{scope:?} {selection:?}"
            );
        }
    }
}

#[test]
fn a_backup_streamed_from_the_store_is_the_backup_made_in_memory() {
    let (_dir, j) = marked_journal(11, 50);
    let (_dir2, peer) = marked_journal(12, 30);
    let shared = own_export(&peer, Scope::Network).to_json();
    j.import(&read("peer.json", &shared, j.meta().id).unwrap(), false)
        .unwrap();
    assert!(!j.foreign_newest_first().unwrap().is_empty());
    assert!(!j.peers().unwrap().is_empty());
    for selection in [
        Selection::default(),
        Selection {
            tag: Some("trust".into()),
            ..Selection::default()
        },
    ] {
        let in_memory = crate::backup::backup_file(&j, &selection, end()).unwrap();
        let mut streamed = Vec::new();
        let count =
            crate::backup::write_export_of(&j, Scope::Backup, &selection, end(), &mut streamed)
                .unwrap();
        assert_eq!(count, in_memory.content.records.len());
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            in_memory.to_json() + "\n"
        );
    }
}

/// Takes `room` bytes, then fails as a full disk does.
struct FullDisk {
    room: usize,
    taken: Vec<u8>,
}

impl std::io::Write for FullDisk {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.taken.len() + buf.len() > self.room {
            return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
        }
        self.taken.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_record_nested_as_deep_as_json_allows_is_read_without_running_out_of_stack() {
    // A record's unknown field 124 lists deep (with the file's own levels, just under
    // serde_json's limit of 128) is buffered through the record's flattened content, a deep
    // recursion.
    let (_dir, source) = marked_journal(16, 3);
    let text = own_export(&source, Scope::Backup).to_json();
    let deep = format!("{}{}", "[".repeat(124), "]".repeat(124));
    let at = text.find("\"records\": [").unwrap();
    let at = at + text[at..].find('{').unwrap() + 1;
    let text = format!("{}\"zzz\": {deep}, {}", &text[..at], &text[at..]);
    // A stack overflow would abort the test binary.
    let read = read("peer.json", &text, JournalId::new_at(end()));
    assert!(read.is_ok(), "{:?}", read.map(|_| ()));
}

#[test]
fn a_full_disk_stops_a_long_export_while_its_records_are_still_being_read() {
    // The disk fills long before the journal's records are all written.
    let (_dir, j) = marked_journal(14, 600);
    let mut disk = FullDisk {
        room: 150_000,
        taken: Vec::new(),
    };
    let result =
        crate::backup::write_export_of(&j, Scope::Backup, &Selection::default(), end(), &mut disk);
    match result {
        Err(crate::backup::ExportFailed::Write(e)) => {
            assert_eq!(e.kind(), std::io::ErrorKind::StorageFull);
        }
        other => panic!("the export went on past a full disk: {other:?}"),
    }
    assert!(disk.taken.len() <= 150_000);
}

#[test]
fn a_record_that_cannot_be_read_stops_the_export_with_a_read_error() {
    let (_dir, j) = marked_journal(15, 200);
    let records = j
        .oldest_first()
        .map(|r| r.map_err(|_| "unexpected"))
        .chain(std::iter::once(Err("the store failed")))
        .chain(j.oldest_first().map(|r| r.map_err(|_| "unexpected")));
    let by = own_export(&j, Scope::Backup).content.exported_by;
    let result = write_export(
        Vec::new(),
        &by,
        Scope::Backup,
        &Selection::default(),
        records,
        Vec::new(),
        &[],
        end(),
        Signing::Unsigned,
        |_| None,
    );
    match result {
        Err(ExportError::Read(e)) => assert_eq!(e, "the store failed"),
        Err(ExportError::Write(e)) => panic!("a write error: {e}"),
        Ok((_, n, _)) => panic!("the export went on past a bad record: {n} records"),
    }
}

#[test]
fn a_write_error_half_way_leaves_the_old_file_and_no_temporary_one() {
    // Where no small disk can be mounted, an injected error stands in for a full disk.
    let (_dir, j) = marked_journal(13, 60);
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("backup.json");
    std::fs::write(&path, "yesterday's backup").unwrap();
    let result = write_atomically_with(&path, |w| {
        let mut disk = FullDisk {
            room: 20_000,
            taken: Vec::new(),
        };
        match crate::backup::write_export_of(
            &j,
            Scope::Backup,
            &Selection::default(),
            end(),
            &mut disk,
        ) {
            Err(crate::backup::ExportFailed::Write(e)) => {
                std::io::Write::write_all(w, &disk.taken)?;
                Err(e)
            }
            other => panic!("the export went on past a full disk: {other:?}"),
        }
    });
    assert_eq!(result.unwrap_err().kind(), std::io::ErrorKind::StorageFull);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "yesterday's backup"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn a_record_with_an_absurd_revision_is_refused_streamed_or_read_whole() {
    let (_dir, source) = marked_journal(5, 6);
    let owner = JournalId::new_at(end());
    for revision in [0, crate::record::MAX_REVISION + 1, u32::MAX] {
        let mut file = own_export(&source, Scope::Backup);
        file.content.records[2].revision = revision;
        let id = file.content.records[2].id;
        let file = ExchangeFile::seal(file.content);
        let sorted = serde_json::to_string(&serde_json::to_value(&file).unwrap()).unwrap();
        for text in [file.to_json(), sorted] {
            let err = read("peer.json", &text, owner).unwrap_err();
            assert_eq!(
                err,
                ReadError::Revision {
                    file: "peer.json".into(),
                    id,
                    revision
                }
            );
            assert!(err.to_string().contains(&format!("record {id}")), "{err}");
        }
    }
    let mut file = own_export(&source, Scope::Backup);
    file.content.records[2].revision = crate::record::MAX_REVISION;
    let text = ExchangeFile::seal(file.content).to_json();
    assert!(
        read("peer.json", &text, owner).is_ok(),
        "the highest is fine"
    );
}
