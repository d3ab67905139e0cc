use super::*;
use crate::journal::{JournalMeta, Language};
use crate::record::{Content, JournalId};
use crate::store::Journal;
use chrono::{Duration, TimeZone};
use proptest::prelude::*;

fn journal() -> (tempfile::TempDir, Journal) {
    let dir = tempfile::TempDir::new().unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 8, 0, 0).unwrap();
    let j = Journal::create(dir.path(), JournalMeta::new("Anna", Language::Danish, at)).unwrap();
    (dir, j)
}

fn note(j: &Journal, n: i64, title: &str, body: &str) -> Record {
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 8, 0, 0).unwrap() + Duration::hours(n);
    let mut r = Record::new(j.meta().id, at, Content::Note);
    r.title = title.into();
    r.body = body.into();
    j.insert(&r).unwrap();
    r
}

fn ids(j: &Journal, q: &str) -> (Vec<RecordId>, Option<Tier>) {
    let mut index = j.search_index().unwrap();
    let a = search(&mut index, q, 100, Scope::All).unwrap();
    (a.hits.iter().map(|(h, _)| h.id).collect(), a.tier)
}

#[test]
fn exact_before_prefix_then_typo_only_without_them_then_scattered_only_without_those() {
    let (_d, j) = journal();
    let exact = note(&j, 1, "Weekly meeting", "We asked the council first.");
    let prefix = note(&j, 2, "Garden", "The councillors came late.");
    let typo = note(&j, 3, "Budget", "A letter to the cuoncil about it.");
    let scattered = note(&j, 4, "Notes", "The countercyclical plan.");
    let (found, tier) = ids(&j, "council");
    assert_eq!(found, vec![exact.id, prefix.id], "exact first, then prefix");
    assert_eq!(tier, Some(Tier::Prefix));
    j.delete(exact.id).unwrap();
    j.delete(prefix.id).unwrap();
    assert_eq!(ids(&j, "council"), (vec![typo.id], Some(Tier::Typo)));
    j.delete(typo.id).unwrap();
    let (found, tier) = ids(&j, "council");
    assert_eq!(found, vec![scattered.id], "its letters in order");
    assert_eq!(tier, Some(Tier::Scattered));
}

#[test]
fn in_danish_a_query_without_the_letters_finds_words_with_them_and_the_spelling_ranks_first() {
    let (_d, j) = journal();
    let with = note(&j, 1, "Møde med rådet", "Vi talte om læring.");
    let without = note(&j, 2, "Mode", "Et andet ord.");
    let (found, tier) = ids(&j, "mode");
    assert_eq!(
        found,
        vec![without.id, with.id],
        "the spelling as typed first"
    );
    assert_eq!(tier, Some(Tier::Exact));
    assert_eq!(ids(&j, "møde").0, vec![with.id, without.id]);
    assert_eq!(ids(&j, "radet").0, vec![with.id]);
    assert_eq!(ids(&j, "laering").0, vec![with.id]);
    assert_eq!(ids(&j, "LÆR"), (vec![with.id], Some(Tier::Prefix)));
    // One letter off in Danish is a typo too.
    assert_eq!(ids(&j, "læfing"), (vec![with.id], Some(Tier::Typo)));
}

#[test]
fn trust_does_not_match_true_st_and_every_word_must_match() {
    let (_d, j) = journal();
    let trust = note(&j, 1, "Trust first", "Steering by trust.");
    note(&j, 2, "A true story", "It is true, st. Anne's was late.");
    let both = note(&j, 3, "Council and trust", "");
    assert_eq!(ids(&j, "trust").0, vec![both.id, trust.id]);
    assert_eq!(ids(&j, "trust council").0, vec![both.id]);
    assert_eq!(ids(&j, "council trust").0, vec![both.id]);
    assert!(ids(&j, "trust zebra").0.is_empty());
}

#[test]
fn titles_outrank_tags_and_those_outrank_text_and_short_words_read_short_fields() {
    let (_d, j) = journal();
    let body = note(&j, 1, "Garden", "Met the rota team.");
    let mut tagged = note(&j, 2, "Weekly", "");
    tagged.set_tags(["rota"]);
    j.update(&tagged).unwrap();
    let title = note(&j, 3, "Rota planning", "");
    assert_eq!(ids(&j, "rota").0, vec![title.id, tagged.id, body.id]);
    // Two letters look at titles and tags only.
    assert_eq!(ids(&j, "ro").0, vec![title.id, tagged.id]);
}

#[test]
fn hits_mark_the_matched_characters_of_the_field_shown() {
    let (_d, j) = journal();
    let r = note(
        &j,
        1,
        "Council hearing",
        "Relatives asked for evening visits.",
    );
    let mut index = j.search_index().unwrap();
    let a = search(&mut index, "counc hear", 10, Scope::All).unwrap();
    let (h, _) = &a.hits[0];
    assert_eq!(h.id, r.id);
    assert_eq!(h.field, Field::Title);
    assert_eq!(h.indices, vec![0, 1, 2, 3, 4, 8, 9, 10, 11]);
    let a = search(&mut index, "evening", 10, Scope::All).unwrap();
    let (h, _) = &a.hits[0];
    assert_eq!(h.field, Field::Body);
    let marked: String = h
        .indices
        .iter()
        .map(|i| h.text.chars().nth(*i).unwrap())
        .collect();
    assert_eq!(marked, "evening");
    // Danish letters: the characters of the word as written are marked.
    let m = note(&j, 2, "Et godt møde", "");
    let mut index = j.search_index().unwrap();
    let a = search(&mut index, "mode", 10, Scope::All).unwrap();
    let (h, _) = &a.hits[0];
    assert_eq!(h.id, m.id);
    assert_eq!(h.indices, vec![8, 9, 10, 11]);
}

#[test]
fn the_index_stays_true_through_every_kind_of_write_and_a_fold() {
    let (_d, j) = journal();
    let a = note(&j, 1, "Alpha council", "");
    let mut b = note(&j, 2, "Beta", "the council met");
    assert_eq!(ids(&j, "council").0, vec![a.id, b.id]);
    // An edit takes words away and brings others.
    b.body = "nothing now".into();
    b.touch(b.updated + Duration::seconds(1)).unwrap();
    j.update(&b).unwrap();
    assert_eq!(ids(&j, "council").0, vec![a.id]);
    assert_eq!(ids(&j, "nothing").0, vec![b.id]);
    let gone = j.delete(a.id).unwrap();
    assert!(ids(&j, "council").0.is_empty());
    j.undelete(&gone).unwrap();
    assert_eq!(ids(&j, "alpha").0, vec![a.id]);
    // A finished flow's save.
    let c = Record::new(j.meta().id, b.created + Duration::hours(1), Content::Note);
    let mut c = c;
    c.title = "Gamma council".into();
    j.save_finished(Some(&c), None).unwrap();
    assert_eq!(ids(&j, "council").0, vec![c.id, a.id]);
    // Many saves: the changes are folded into the index, and it says the same.
    let many: Vec<Record> = (0..300)
        .map(|n| note(&j, 10 + n, &format!("Extra {n}"), "filler words"))
        .collect();
    assert_eq!(ids(&j, "council").0, vec![c.id, a.id]);
    assert_eq!(ids(&j, "filler").0.len(), 100.min(many.len()));
    let mut index = j.search_index().unwrap();
    assert_eq!(
        search(&mut index, "filler", 1000, Scope::All)
            .unwrap()
            .matched,
        300
    );
    j.delete(many[0].id).unwrap();
    let mut index = j.search_index().unwrap();
    assert_eq!(
        search(&mut index, "filler", 1000, Scope::All)
            .unwrap()
            .matched,
        299
    );
}

#[test]
fn an_index_of_another_layout_or_missing_is_built_again_at_open() {
    let dir = tempfile::TempDir::new().unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 8, 0, 0).unwrap();
    let id = {
        let j =
            Journal::create(dir.path(), JournalMeta::new("Anna", Language::English, at)).unwrap();
        note(&j, 1, "Rota", "").id
    };
    // An older praxis had no search tree at all; a damaged one, a tree of another layout.
    for broken in [&b"\x00\x00\x00\x00"[..], b""] {
        {
            let db = sled::open(dir.path().join("db")).unwrap();
            let t = db.open_tree("search").unwrap();
            t.clear().unwrap();
            if !broken.is_empty() {
                t.insert("L", broken).unwrap();
            }
            db.flush().unwrap();
        }
        let j = Journal::open(dir.path()).unwrap();
        assert_eq!(ids(&j, "rota").0, vec![id]);
    }
}

#[test]
fn other_journals_records_are_searched_apart_from_ones_own_scope() {
    let (_d, j) = journal();
    let own = note(&j, 1, "Rota", "");
    let mut theirs = Record::new(JournalId::new_at(own.created), own.created, Content::Note);
    theirs.title = "Rota too".into();
    let mut importer = j.importer(false);
    importer
        .exporter(
            theirs.author,
            "Bo",
            None,
            None,
            crate::store::FileKind::Other,
        )
        .unwrap();
    importer.record(theirs.clone()).unwrap();
    importer.finish().unwrap();
    assert_eq!(ids(&j, "rota").0.len(), 2);
    let mut index = j.search_index().unwrap();
    let a = search(&mut index, "rota", 10, Scope::Own).unwrap();
    assert_eq!(a.hits.len(), 1);
    assert_eq!(a.hits[0].0.id, own.id);
    let a = search(&mut index, "rota", 10, Scope::By(theirs.author)).unwrap();
    assert_eq!(a.hits.len(), 1);
    assert_eq!(a.hits[0].0.id, theirs.id);
    assert_eq!(a.matched, 1);
    // One's own journal shared nothing with itself.
    let a = search(&mut index, "rota", 10, Scope::By(j.meta().id)).unwrap();
    assert!(a.hits.is_empty());
}

const WORDS: [&str; 12] = [
    "council", "councils", "møde", "mode", "trust", "true", "læring", "rota", "rotation",
    "citizen", "garden", "tillid",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Index search agrees with a full scan on which records hold every word exactly.
    #[test]
    fn the_exact_hits_are_the_records_that_hold_every_word(
        texts in prop::collection::vec(
            (prop::collection::vec(0..WORDS.len(), 0..4), prop::collection::vec(0..WORDS.len(), 0..8)),
            1..30,
        ),
        query in prop::collection::vec(0..WORDS.len(), 1..3),
    ) {
        let (_d, j) = journal();
        let mut records = Vec::new();
        for (n, (title, body)) in texts.iter().enumerate() {
            let words = |w: &Vec<usize>| w.iter().map(|i| WORDS[*i]).collect::<Vec<_>>().join(" ");
            records.push(note(&j, n as i64, &words(title), &format!("{}.", words(body))));
        }
        let q: Vec<&str> = query.iter().map(|i| WORDS[*i]).collect();
        let holds = |r: &Record| {
            let all: Vec<String> = searchable::fields(r)
                .iter()
                .flat_map(|(_, t)| searchable::words(t))
                .map(|w| fold(&w.lower).into_owned())
                .collect();
            q.iter().all(|w| all.contains(&fold(w).into_owned()))
        };
        let mut want: Vec<RecordId> = records.iter().filter(|r| holds(r)).map(|r| r.id).collect();
        let mut index = j.search_index().unwrap();
        let a = search(&mut index, &q.join(" "), 1000, Scope::All).unwrap();
        let mut got: Vec<RecordId> =
            a.hits.iter().filter(|(h, _)| h.tier == Tier::Exact).map(|(h, _)| h.id).collect();
        want.sort();
        got.sort();
        prop_assert_eq!(got, want);
        // Every hit holds every word, at worst as the start of a longer one.
        for (h, r) in &a.hits {
            if h.tier <= Tier::Prefix {
                let all: Vec<String> = searchable::fields(r)
                    .iter()
                    .flat_map(|(_, t)| searchable::words(t))
                    .map(|w| fold(&w.lower).into_owned())
                    .collect();
                for w in &q {
                    let w = fold(w).into_owned();
                    prop_assert!(all.iter().any(|x| x.starts_with(&w)));
                }
            }
        }
    }
}
