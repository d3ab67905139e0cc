use super::*;
use crate::exchange::ImportInto as _;
use crate::journal::Language;
use crate::record::{
    Answer, AnswerValue, CycleStatus, ExperimentStatus, JournalId, Kind, Visibility,
};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use tempfile::TempDir;

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap() + Duration::minutes(minutes)
}

fn new_journal() -> (TempDir, Journal) {
    let dir = TempDir::new().unwrap();
    let meta = JournalMeta::new("Anna", Language::Danish, at(0));
    let j = Journal::create(dir.path(), meta).unwrap();
    (dir, j)
}

fn record(j: &Journal, minutes: i64, content: Content) -> Record {
    let mut r = Record::new(j.meta().id, at(minutes), content);
    r.title = format!("record at {minutes}");
    r
}

fn one_of_each(j: &Journal) -> Vec<Record> {
    let cycle = record(
        j,
        1,
        Content::Cycle {
            question: "How do I let citizens' ideas shape home care?".into(),
            status: CycleStatus::Active,
            goal: String::new(),
            ends: None,
            closing: None,
        },
    );
    let mut experiment = record(
        j,
        2,
        Content::Experiment {
            cycle: Some(cycle.id),
            with: vec!["citizens".into()],
            expectation: "ideas".into(),
            signal: "three ideas used".into(),
            follow_up: NaiveDate::from_ymd_opt(2026, 12, 1),
            status: ExperimentStatus::Planned,
            outcome: None,
            from: None,
            closed: None,
            signal_met: None,
        },
    );
    experiment.set_tags(["cocreation", "home care"]);
    experiment.visibility = Visibility::Mentor;
    let reflection = record(
        j,
        3,
        Content::Reflection {
            set: "after-action-review".into(),
            cycle: Some(cycle.id),
            experiment: Some(experiment.id),
            answers: vec![
                Answer {
                    question: "intended".into(),
                    value: AnswerValue::Text("An open office hour".into()),
                    why: None,
                },
                Answer {
                    question: "trust".into(),
                    value: AnswerValue::Scale(4),
                    why: Some("Relatives stayed for coffee".into()),
                },
            ],
        },
    );
    let mut note = record(j, 4, Content::Note);
    note.body = "Asked the council what to change first.".into();
    note.set_tags(["cocreation"]);
    vec![cycle, experiment, reflection, note]
}

#[test]
fn every_kind_round_trips_and_survives_reopening() {
    let (dir, j) = new_journal();
    let records = one_of_each(&j);
    for r in &records {
        j.insert(r).unwrap();
    }
    let meta = j.meta().clone();
    drop(j);
    let j = Journal::open(dir.path()).unwrap();
    assert_eq!(j.meta(), &meta);
    for r in &records {
        assert_eq!(j.get(r.id).unwrap().as_ref(), Some(r));
    }
    let newest: Vec<_> = j.newest_first().map(|r| r.unwrap().id).collect();
    let mut expected: Vec<_> = records.iter().map(|r| r.id).collect();
    expected.reverse();
    assert_eq!(newest, expected);
}

#[test]
fn indexes_follow_edits_and_deletes() {
    let (_dir, j) = new_journal();
    let records = one_of_each(&j);
    for r in &records {
        j.insert(r).unwrap();
    }
    let (cycle, experiment, reflection, note) =
        (&records[0], &records[1], &records[2], &records[3]);
    let by_tag = |tag: &str| {
        j.list(&Filter {
            tag: Some(tag.into()),
            ..Filter::default()
        })
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect::<Vec<_>>()
    };
    assert_eq!(by_tag("cocreation"), vec![note.id, experiment.id]);

    let mut edited = note.clone();
    edited.set_tags(["trust"]);
    edited.touch(at(10)).unwrap();
    j.update(&edited).unwrap();
    assert_eq!(by_tag("cocreation"), vec![experiment.id]);
    assert_eq!(by_tag("trust"), vec![note.id]);
    assert_eq!(j.get(note.id).unwrap().unwrap().revision, 2);
    assert_eq!(
        j.tags().unwrap(),
        vec![
            ("cocreation".to_string(), 1),
            ("home care".to_string(), 1),
            ("trust".to_string(), 1)
        ]
    );

    let in_cycle = |j: &Journal| {
        j.list(&Filter {
            cycle: Some(cycle.id),
            ..Filter::default()
        })
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect::<Vec<_>>()
    };
    assert_eq!(in_cycle(&j), vec![reflection.id, experiment.id, cycle.id]);
    assert_eq!(j.linked_to(experiment.id).unwrap(), vec![reflection.id]);

    let deleted = j.delete(experiment.id).unwrap();
    assert_eq!(deleted.detached, vec![reflection.id]);
    assert!(j.get(experiment.id).unwrap().is_none());
    assert!(by_tag("cocreation").is_empty());
    assert!(by_tag("home care").is_empty());
    let kept = j.get(reflection.id).unwrap().unwrap();
    assert_eq!(kept.experiment(), None);
    assert_eq!(kept.cycle(), Some(cycle.id), "other links stay");
    assert_eq!(kept.revision, 2);
    assert_eq!(in_cycle(&j), vec![reflection.id, cycle.id]);
    let experiments = j
        .list(&Filter {
            kind: Some(Kind::Experiment),
            ..Filter::default()
        })
        .unwrap();
    assert!(experiments.is_empty());

    j.delete(cycle.id).unwrap();
    assert_eq!(j.get(reflection.id).unwrap().unwrap().cycle(), None);
    assert!(j.linked_to(cycle.id).unwrap().is_empty());
    assert_eq!(j.len(), 2);
}

#[test]
fn an_undone_delete_brings_the_record_back_whole_and_the_log_rebuilds_it() {
    let (dir, j) = new_journal();
    let records = one_of_each(&j);
    for r in &records {
        j.insert(r).unwrap();
    }
    let (cycle, experiment, reflection) = (&records[0], &records[1], &records[2]);
    let comment = Comment {
        id: RecordId::new_at(at(6)),
        on: experiment.id,
        author: JournalId::new_at(at(0)),
        author_name: "Mentor Mette".into(),
        created: at(6),
        text: "Who else could come?".into(),
        reach: Default::default(),
        signature: None,
    };
    j.add_comment(&comment).unwrap();
    let in_tag = |j: &Journal| {
        j.list(&Filter {
            tag: Some("cocreation".into()),
            ..Filter::default()
        })
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect::<Vec<_>>()
    };
    let before = (
        in_tag(&j),
        j.linked_to(experiment.id).unwrap(),
        j.linked_to(cycle.id).unwrap(),
        j.due_experiments(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap())
            .unwrap(),
    );

    let deleted = j.delete(experiment.id).unwrap();
    assert!(j.was_deleted(experiment.id).unwrap());
    assert_eq!(j.get(reflection.id).unwrap().unwrap().experiment(), None);
    j.undelete(&deleted).unwrap();

    assert_eq!(j.get(experiment.id).unwrap().as_ref(), Some(experiment));
    assert!(
        !j.was_deleted(experiment.id).unwrap(),
        "the tombstone is gone"
    );
    assert_eq!(j.comments_on(experiment.id).unwrap(), vec![comment.clone()]);
    let back = j.get(reflection.id).unwrap().unwrap();
    assert_eq!(back.experiment(), Some(experiment.id), "linked again");
    assert_eq!(back.revision, 3, "unlinked and linked again: two edits");
    let after = (
        in_tag(&j),
        j.linked_to(experiment.id).unwrap(),
        j.linked_to(cycle.id).unwrap(),
        j.due_experiments(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap())
            .unwrap(),
    );
    assert_eq!(after, before, "every index as before the delete");
    assert!(matches!(
        j.undelete(&deleted),
        Err(StoreError::Duplicate { .. })
    ));

    // The save log holds the undo too: a journal rebuilt from it alone has the record back.
    drop(j);
    let plan = Journal::repair_plan(dir.path(), |_, _| false).unwrap();
    Journal::repair(dir.path(), plan, at(9), |_, _| Ok(())).unwrap();
    let j = Journal::open(dir.path()).unwrap();
    assert_eq!(j.get(experiment.id).unwrap().as_ref(), Some(experiment));
    assert_eq!(j.comments_on(experiment.id).unwrap(), vec![comment]);
    assert!(!j.was_deleted(experiment.id).unwrap());
    assert_eq!(in_tag(&j), before.0);
}

#[test]
fn insert_refuses_a_duplicate_and_update_refuses_a_stranger() {
    let (_dir, j) = new_journal();
    let r = record(&j, 1, Content::Note);
    assert!(matches!(j.update(&r), Err(StoreError::NotFound { .. })));
    j.insert(&r).unwrap();
    assert!(matches!(j.insert(&r), Err(StoreError::Duplicate { .. })));
}

#[test]
fn prefixes_resolve_when_unique_and_short_ids_are_unique() {
    let (_dir, j) = new_journal();
    let a = record(&j, 1, Content::Note);
    let b = record(&j, 1, Content::Note);
    j.insert(&a).unwrap();
    j.insert(&b).unwrap();
    let full = a.id.to_key();
    assert_eq!(j.resolve(&full.to_lowercase()).unwrap(), a.id);
    assert!(matches!(
        j.resolve(&full[..10]),
        Err(StoreError::Ambiguous { .. })
    ));
    assert!(matches!(j.resolve("ZZZ"), Err(StoreError::NotFound { .. })));
    assert!(matches!(j.resolve(""), Err(StoreError::NotFound { .. })));
    let (sa, sb) = (j.short_id(a.id), j.short_id(b.id));
    assert_ne!(sa, sb);
    assert!(
        sa.len() > 10,
        "same millisecond: the random part tells them apart"
    );
    assert_eq!(j.resolve(&sa).unwrap(), a.id);
    assert_eq!(j.resolve(&sb).unwrap(), b.id);
}

#[test]
fn a_comment_id_taken_by_another_writer_hides_nothing_through_delete_and_undo() {
    let (_dir, j) = new_journal();
    let mut r = record(&j, 1, Content::Note);
    r.visibility = Visibility::Network;
    j.insert(&r).unwrap();
    let id = RecordId::new_at(at(5));
    let by = |author: JournalId, name: &str, text: &str| Comment {
        id,
        on: r.id,
        author,
        author_name: name.into(),
        created: at(5),
        text: text.into(),
        reach: Default::default(),
        signature: None,
    };
    let (bo, dora) = (JournalId::new_at(at(2)), JournalId::new_at(at(3)));
    // Dora's file comes first with Bo's comment's id; Bo's real one after it.
    for (author, name, text) in [(dora, "Dora", "squatted"), (bo, "Bo", "the real one")] {
        let mut importer = j.importer(false);
        importer
            .exporter(author, name, None, None, FileKind::Network)
            .unwrap();
        importer.comment(by(author, name, text)).unwrap();
        let report = importer.finish().unwrap();
        assert_eq!(report.comments_added, 1, "{name}");
    }
    let texts = |j: &Journal| {
        let mut t: Vec<String> = j
            .comments_on(r.id)
            .unwrap()
            .into_iter()
            .map(|c| c.text)
            .collect();
        t.sort();
        t
    };
    assert_eq!(texts(&j), ["squatted", "the real one"]);
    let deleted = j.delete(r.id).unwrap();
    assert!(
        j.comments_on(r.id).unwrap().is_empty(),
        "both go with the record"
    );
    j.undelete(&deleted).unwrap();
    assert_eq!(
        texts(&j),
        ["squatted", "the real one"],
        "and both come back"
    );
}

#[test]
fn comments_attach_to_a_record_and_go_with_it() {
    let (_dir, j) = new_journal();
    let r = record(&j, 1, Content::Note);
    j.insert(&r).unwrap();
    let comment = Comment {
        id: RecordId::new_at(at(5)),
        on: r.id,
        author: JournalId::new_at(at(0)),
        author_name: "Mentor Mette".into(),
        created: at(5),
        text: "What did the relatives say?".into(),
        reach: Default::default(),
        signature: None,
    };
    j.add_comment(&comment).unwrap();
    assert_eq!(j.comments_on(r.id).unwrap(), vec![comment.clone()]);
    assert_eq!(j.comment_count(r.id), 1);
    let deleted = j.delete(r.id).unwrap();
    assert_eq!(deleted.comments, vec![comment.clone()]);
    assert!(j.comments_on(r.id).unwrap().is_empty());
    assert!(matches!(
        j.add_comment(&comment),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn a_second_opener_is_told_the_journal_is_in_use_with_our_pid() {
    let (dir, _j) = new_journal();
    match Journal::open(dir.path()) {
        Err(StoreError::Locked { pid, .. }) => assert_eq!(pid, Some(std::process::id())),
        other => panic!("expected Locked, got {:?}", other.err()),
    }
}

#[test]
fn a_journal_from_a_newer_praxis_is_refused_and_left_alone() {
    let (dir, j) = new_journal();
    j.insert(&record(&j, 1, Content::Note)).unwrap();
    j.meta_tree
        .insert(META_SCHEMA, &(SCHEMA_VERSION + 1).to_be_bytes())
        .unwrap();
    j.db.flush().unwrap();
    drop(j);
    let err = Journal::open(dir.path()).err().unwrap();
    assert!(matches!(err, StoreError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1));
    assert!(err.to_string().contains("update praxis"));
}

#[test]
fn missing_empty_and_foreign_folders_are_told_apart() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("nope");
    assert!(matches!(
        Journal::open(&missing),
        Err(StoreError::NoJournal { .. })
    ));
    assert!(!missing.exists(), "opening never creates");
    std::fs::write(dir.path().join("taxes.txt"), "mine").unwrap();
    assert!(matches!(
        Journal::open(dir.path()),
        Err(StoreError::NotAJournal { .. })
    ));
    let meta = JournalMeta::new("Anna", Language::English, at(0));
    assert!(matches!(
        Journal::create(dir.path(), meta.clone()),
        Err(StoreError::NotAJournal { .. })
    ));
    let fresh = dir.path().join("j");
    drop(Journal::create(&fresh, meta.clone()).unwrap());
    assert!(matches!(
        Journal::create(&fresh, meta),
        Err(StoreError::AlreadyExists { .. })
    ));
}

#[test]
fn an_unreadable_record_is_reported_as_damage_without_changes() {
    let (dir, j) = new_journal();
    let r = record(&j, 1, Content::Note);
    j.insert(&r).unwrap();
    j.records.insert(r.id.to_key(), &b"{not json"[..]).unwrap();
    j.db.flush().unwrap();
    let err = j.get(r.id).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }));
    assert!(err.to_string().contains("praxis repair"), "{err}");
    assert!(!err.to_string().contains("not changed"), "{err}");
    drop(j);
    assert!(dir.path().join("db").exists());
}

#[test]
fn damaged_database_files_are_reported_and_not_rewritten() {
    let (dir, j) = new_journal();
    for i in 0..50 {
        j.insert(&record(&j, i, Content::Note)).unwrap();
    }
    drop(j);
    let db_dir = dir.path().join("db");
    let mut damaged = Vec::new();
    for entry in std::fs::read_dir(&db_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let len = std::fs::metadata(&path).unwrap().len() as usize;
            let garbage: Vec<u8> = (0..len.max(64)).map(|i| (i * 7 + 13) as u8).collect();
            std::fs::write(&path, &garbage).unwrap();
            damaged.push((path, garbage));
        }
    }
    let err = Journal::open(dir.path()).err().expect("damage is noticed");
    assert!(
        matches!(err, StoreError::Corrupt { .. }),
        "expected Corrupt, got {err:?}"
    );
    for (path, garbage) in damaged {
        assert_eq!(std::fs::read(&path).unwrap(), garbage, "{path:?} untouched");
    }
}

#[test]
fn a_draft_is_kept_until_its_flow_is_saved_with_it_atomically() {
    use crate::flow::{Draft, Finished, Purpose, Step};
    let (dir, j) = new_journal();
    assert_eq!(j.draft::<Draft>().unwrap(), None);
    let draft = Draft {
        set: "daily-checkin".into(),
        purpose: Purpose::Reflection {
            cycle: None,
            experiment: None,
        },
        values: vec!["Met the council".into(), String::new()],
        whys: vec![String::new(), String::new()],
        step: Step::Question(1),
        started: at(1),
        shape: None,
        revising: false,
    };
    j.save_draft(&draft).unwrap();
    drop(j);
    let j = Journal::open(dir.path()).unwrap();
    assert_eq!(
        j.draft::<Draft>().unwrap(),
        Some(draft.clone()),
        "survives reopening"
    );

    let experiment = record(&j, 2, Content::Note);
    j.insert(&experiment).unwrap();
    let mut changed = experiment.clone();
    changed.title = "changed".into();
    changed.touch(at(3)).unwrap();
    let finished = Finished {
        new: Some(record(&j, 3, Content::Note)),
        changed: Some(changed.clone()),
    };
    j.save_finished(finished.new.as_ref(), finished.changed.as_ref())
        .unwrap();
    assert_eq!(
        j.draft::<Draft>().unwrap(),
        None,
        "the draft goes with the save"
    );
    assert_eq!(
        j.get(finished.new.as_ref().unwrap().id).unwrap(),
        finished.new
    );
    assert_eq!(j.get(changed.id).unwrap().unwrap().title, "changed");
    // Saving the same flow twice is refused and changes nothing.
    j.save_draft(&draft).unwrap();
    assert!(matches!(
        j.save_finished(finished.new.as_ref(), finished.changed.as_ref()),
        Err(StoreError::Duplicate { .. })
    ));
    assert_eq!(j.draft::<Draft>().unwrap(), Some(draft));
    j.clear_draft().unwrap();
    assert_eq!(j.draft::<Draft>().unwrap(), None);
}

#[test]
fn the_due_index_follows_status_and_date_changes() {
    let (_dir, j) = new_journal();
    let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
    let experiment = |minutes, follow_up| {
        record(
            &j,
            minutes,
            Content::Experiment {
                cycle: None,
                with: vec![],
                expectation: String::new(),
                signal: String::new(),
                follow_up: Some(follow_up),
                status: ExperimentStatus::Planned,
                outcome: None,
                from: None,
                closed: None,
                signal_met: None,
            },
        )
    };
    let late = experiment(1, d(20));
    let early = experiment(2, d(10));
    let later = experiment(3, d(30));
    for r in [&late, &early, &later] {
        j.insert(r).unwrap();
    }
    let ids = |j: &Journal, day| {
        j.due_experiments(d(day))
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&j, 23), vec![early.id, late.id], "earliest date first");
    assert_eq!(
        ids(&j, 20),
        vec![early.id, late.id],
        "the day itself counts"
    );
    let mut done = early.clone();
    if let Content::Experiment { status, .. } = &mut done.content {
        *status = ExperimentStatus::Done;
    }
    done.touch(at(5)).unwrap();
    j.update(&done).unwrap();
    let mut moved = later.clone();
    if let Content::Experiment { follow_up, .. } = &mut moved.content {
        *follow_up = Some(d(15));
    }
    moved.touch(at(5)).unwrap();
    j.update(&moved).unwrap();
    assert_eq!(ids(&j, 23), vec![later.id, late.id]);
    j.delete(late.id).unwrap();
    assert_eq!(ids(&j, 23), vec![later.id]);
}

#[test]
fn indexes_are_rebuilt_when_missing_or_from_another_layout() {
    let (dir, j) = new_journal();
    let records = one_of_each(&j);
    for r in &records {
        j.insert(r).unwrap();
    }
    j.by_kind.clear().unwrap();
    j.by_link.clear().unwrap();
    j.meta_tree.remove(META_INDEXES).unwrap();
    j.db.flush().unwrap();
    drop(j);
    let j = Journal::open(dir.path()).unwrap();
    let notes = j
        .list(&Filter {
            kind: Some(Kind::Note),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        j.linked_to(records[0].id).unwrap(),
        vec![records[1].id, records[2].id]
    );
    assert_eq!(
        j.linked_of_kind(records[0].id, Kind::Reflection).unwrap(),
        vec![records[2].id]
    );
}

#[test]
fn creation_times_come_newest_first_across_every_kind() {
    let (_dir, j) = new_journal();
    let mut made = Vec::new();
    for (n, content) in [
        Content::Note,
        Content::Cycle {
            question: "q".into(),
            status: CycleStatus::Active,
            goal: String::new(),
            ends: None,
            closing: None,
        },
        Content::Note,
        Content::Reflection {
            set: "daily-checkin".into(),
            cycle: None,
            experiment: None,
            answers: Vec::new(),
        },
    ]
    .into_iter()
    .cycle()
    .take(13)
    .enumerate()
    {
        // Kinds interleave in time, and some arrive out of order.
        let minutes = (n as i64 * 37) % 101;
        let r = record(&j, minutes, content);
        made.push(r.created);
        j.insert(&r).unwrap();
    }
    made.sort_by(|a, b| b.cmp(a));
    let read: Vec<_> = j.creation_times_newest_first().collect();
    assert_eq!(read, made);
}

#[test]
fn a_journal_closed_after_writing_opens_again_at_once() {
    // sled lets go of its files a moment after the last handle is dropped (its flusher thread
    // finishes first); opening again straight away must wait for that, not say "in use".
    let (dir, j) = new_journal();
    drop(j);
    for n in 0..300 {
        let j = Journal::open(dir.path()).unwrap_or_else(|e| panic!("round {n}: {e}"));
        let records: Vec<Record> = (0..20)
            .map(|m| record(&j, n * 100 + m, Content::Note))
            .collect();
        j.insert_batch(&records).unwrap();
        drop(j);
    }
}

#[test]
fn a_large_write_rolled_back_leaves_records_and_indexes_as_they_were() {
    let (_dir, j) = new_journal();
    let before: Vec<Record> = (0..1200).map(|n| record(&j, n, Content::Note)).collect();
    j.insert_batch(&before).unwrap();
    let snapshot = |j: &Journal| -> Vec<Record> { j.newest_first().map(Result::unwrap).collect() };
    let was = snapshot(&j);
    // Every record rewritten with a new tag, and more added: several chunks in one call.
    let mut changed = before.clone();
    for r in &mut changed {
        r.revision += 1;
        r.tags = vec!["changed".into()];
    }
    changed.extend((1200..2600).map(|n| record(&j, n, Content::Note)));
    let mut changes: Vec<_> = changed
        .iter()
        .map(|r| guarded::Change::record(guarded::Target::Records, r.clone()))
        .collect();
    let mut guard = guarded::Guard::new(&j);
    guard.apply(&mut changes).unwrap();
    assert_eq!(j.len(), 2600);
    guard.roll_back().unwrap();
    let now = snapshot(&j);
    let changed = now.iter().filter(|r| !was.contains(r)).count();
    assert!(
        now.len() == was.len() && changed == 0,
        "{} records ({} before), {changed} not as they were",
        now.len(),
        was.len()
    );
    let tagged = j
        .list(&Filter {
            tag: Some("changed".into()),
            ..Filter::default()
        })
        .unwrap();
    assert!(tagged.is_empty(), "{} still tagged", tagged.len());
    assert_eq!(
        j.list(&Filter {
            kind: Some(Kind::Note),
            ..Filter::default()
        })
        .unwrap()
        .len(),
        1200
    );
}

/// An unsigned network file from `peer`'s journal (Bo's), holding `records`.
fn network_file(peer: JournalId, records: Vec<Record>) -> crate::exchange::Incoming {
    crate::exchange::Incoming {
        source: crate::exchange::Source::Praxis(crate::exchange::Scope::Network),
        exported_by: Some(crate::exchange::Exporter {
            journal: peer,
            author_name: "Bo".into(),
            language: Language::English,
            key: None,
            seal_to: None,
        }),
        records,
        comments: Vec::new(),
        peers: Vec::new(),
    }
}

#[test]
fn a_record_repeated_in_one_file_lands_in_its_highest_revision_even_across_steps() {
    let (_dir, j) = new_journal();
    let peer = JournalId::new_at(at(0));
    let note = |minutes: i64| {
        let mut r = Record::new(peer, at(minutes), Content::Note);
        r.title = format!("shared {minutes}");
        r.visibility = Visibility::Network;
        r
    };
    let first = note(1);
    let mut edited = first.clone();
    edited.title = "edited twice".into();
    edited.revision = 3;
    let mut middle = first.clone();
    middle.title = "edited once".into();
    middle.revision = 2;
    // The first copy lands in the first step; the higher revision comes a step later.
    let mut records = vec![first];
    records.extend((2..1502).map(note));
    records.extend([edited.clone(), middle]);
    let incoming = network_file(peer, records);
    let report = j.import(&incoming, false).unwrap();
    assert_eq!(report.repeated, 2);
    assert_eq!(report.added, 1501);
    assert_eq!(j.get_foreign(edited.id).unwrap().unwrap(), edited);
    drop(j);
    // The journal agrees with its save log when checked as after a crash.
    std::fs::remove_file(_dir.path().join("db.closed")).unwrap();
    let j = Journal::open(_dir.path()).unwrap();
    assert_eq!(j.get_foreign(edited.id).unwrap().unwrap(), edited);
}

#[test]
fn a_new_journal_has_current_indexes_so_its_first_open_rebuilds_nothing() {
    let (_dir, j) = new_journal();
    assert_eq!(
        j.meta_tree.get(META_INDEXES).unwrap().as_deref(),
        Some(&INDEX_VERSION.to_be_bytes()[..])
    );
}

#[test]
fn a_tags_list_read_from_its_index_says_what_the_records_say_and_short_ids_agree() {
    let (_dir, j) = new_journal();
    let library = crate::prompts::load(None).library;
    let records = crate::generate::journal(5, 900, j.meta().id, at(0), None, &library);
    j.insert_batch(&records).unwrap();
    let (tag, _) = j
        .tags()
        .unwrap()
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .unwrap();
    // An edit and a delete after the batch: the index follows.
    let mut edited = j
        .list(&Filter {
            tag: Some(tag.clone()),
            ..Filter::default()
        })
        .unwrap()[0]
        .clone();
    edited.title = "Edited title".into();
    edited.touch(edited.updated + Duration::seconds(1)).unwrap();
    j.update(&edited).unwrap();
    let gone = j
        .list(&Filter {
            tag: Some(tag.clone()),
            ..Filter::default()
        })
        .unwrap()[1]
        .id;
    j.delete(gone).unwrap();
    for limit in [None, Some(7)] {
        let filter = Filter {
            tag: Some(tag.clone()),
            limit,
            ..Filter::default()
        };
        let whole = j.list(&filter).unwrap();
        let brief = j.list_brief(&filter).unwrap();
        assert_eq!(
            brief
                .iter()
                .map(|r| (r.id, r.display_title(), r.kind(), r.tags.clone()))
                .collect::<Vec<_>>(),
            whole
                .iter()
                .map(|r| (r.id, r.display_title(), r.kind(), r.tags.clone()))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            j.tagged(&tag, limit).unwrap(),
            whole.iter().map(|r| r.id).collect::<Vec<_>>()
        );
    }
    assert_eq!(
        j.list_brief(&Filter {
            tag: Some(tag.clone()),
            ..Filter::default()
        })
        .unwrap()[0]
            .title,
        "Edited title"
    );
    let ids: Vec<RecordId> = j.newest_first().map(|r| r.unwrap().id).collect();
    assert!(ids.len() > 256);
    let one_by_one: Vec<String> = ids.iter().map(|id| j.short_id(*id)).collect();
    assert_eq!(j.short_ids(&ids), one_by_one);
}

#[test]
fn all_records_oldest_first_are_counted_by_the_tree_they_come_from() {
    let (_dir, j) = new_journal();
    let me = j.meta().id;
    for n in 0..7 {
        j.insert(&Record::new(me, at(2 * n), Content::Note))
            .unwrap();
    }
    let peer = JournalId::new_at(at(0));
    let records: Vec<Record> = (0..11)
        .map(|n| {
            let mut r = Record::new(peer, at(2 * n + 1), Content::Note);
            r.visibility = Visibility::Network;
            r
        })
        .collect();
    let incoming = network_file(peer, records);
    assert_eq!(j.import(&incoming, false).unwrap().added, 11);
    let counted: [std::sync::atomic::AtomicU64; 2] = Default::default();
    let all: Vec<Record> = j
        .all_oldest_first_counted(Some(&counted))
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        counted.map(std::sync::atomic::AtomicU64::into_inner),
        [7, 11]
    );
    assert_eq!(all.len(), 18);
    assert!(all.windows(2).all(|w| w[0].id < w[1].id), "merged by id");
    assert_eq!(all.iter().filter(|r| r.author == peer).count(), 11);
}
