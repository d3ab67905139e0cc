//! The terminal app driven by key events into a test backend: screens snapshotted with insta,
//! flows checked by what they leave in the journal. Time and data are pinned.

use std::sync::Once;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use praxis::clock::FixedClock;
use praxis::exchange::ImportInto as _;
use praxis::journal::{JournalMeta, Language};
use praxis::prompts::load;
use praxis::record::{
    Comment, Content, CycleStatus, ExperimentStatus, Kind, Record, RecordId, Visibility,
};
use praxis::store::Journal;
use praxis::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

/// Dates on screen are local; the tests see them in UTC.
fn utc() {
    static ONCE: Once = Once::new();
    // SAFETY: set once, before any test here reads the time zone, to the same value.
    ONCE.call_once(|| unsafe { std::env::set_var("TZ", "UTC") });
}

struct Harness {
    dir: TempDir,
    /// The user's prompt folder, if the test gives one.
    prompts: Option<std::path::PathBuf>,
    app: Option<App>,
    terminal: Terminal<TestBackend>,
}

impl Harness {
    fn new(lang: Language, fill: impl FnOnce(&Journal)) -> Harness {
        Harness::with_prompts(lang, None, fill)
    }

    fn with_prompts(
        lang: Language,
        prompts: Option<std::path::PathBuf>,
        fill: impl FnOnce(&Journal),
    ) -> Harness {
        utc();
        let dir = TempDir::new().unwrap();
        let journal =
            Journal::create(dir.path(), JournalMeta::new("Anna Jensen", lang, at(1, 8))).unwrap();
        fill(&journal);
        let mut h = Harness {
            dir,
            prompts,
            app: None,
            terminal: Terminal::new(TestBackend::new(80, 24)).unwrap(),
        };
        h.app = Some(App::new(
            journal,
            load(h.prompts.as_deref()).library,
            Box::new(FixedClock(now())),
            None,
            true,
        ));
        h
    }

    /// Closes the app (as a quit does) and opens it again on the same journal.
    fn reopen(&mut self) {
        drop(self.app.take());
        let journal = Journal::open(self.dir.path()).unwrap();
        self.app = Some(App::new(
            journal,
            load(self.prompts.as_deref()).library,
            Box::new(FixedClock(now())),
            None,
            true,
        ));
    }

    fn app(&mut self) -> &mut App {
        self.app.as_mut().unwrap()
    }

    /// A terminal of `columns` × `rows`, as a resize tells the app.
    fn sized(&mut self, columns: u16, rows: u16) -> &mut Self {
        self.terminal = Terminal::new(TestBackend::new(columns, rows)).unwrap();
        self.app().resize(columns, rows);
        self
    }

    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.app()
            .handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        self
    }

    fn ctrl(&mut self, c: char) -> &mut Self {
        self.app()
            .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        self
    }

    fn shift_tab(&mut self) -> &mut Self {
        self.app()
            .handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
        self
    }

    fn text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            self.app()
                .handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        }
        self
    }

    fn screen(&mut self) -> String {
        let app = self.app.as_ref().unwrap();
        self.terminal.draw(|f| app.draw(f)).unwrap();
        let buffer = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            let mut line = String::new();
            let mut x = 0;
            // A wide character's second cell is not shown: the line reads as a terminal shows it.
            while x < buffer.area.width {
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                x += u16::try_from(praxis::width::cells(symbol))
                    .unwrap_or(1)
                    .max(1);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    fn records(&mut self, kind: Kind) -> Vec<Record> {
        let filter = praxis::query::Filter {
            kind: Some(kind),
            ..Default::default()
        };
        self.app().journal().list(&filter).unwrap()
    }
}

fn record(j: &Journal, when: DateTime<Utc>, title: &str, content: Content) -> Record {
    let mut r = Record::new(j.meta().id, when, content);
    r.title = title.into();
    j.insert(&r).unwrap();
    r
}

/// A manager three weeks into a cycle: one experiment due, one running, reflections, a comment.
fn busy(j: &Journal) {
    let cycle = record(
        j,
        at(2, 9),
        "Let citizens shape home care",
        Content::Cycle {
            question: "How do I let citizens' ideas shape our home-care services?".into(),
            status: CycleStatus::Active,
            goal: String::new(),
            ends: None,
            closing: None,
        },
    );
    let experiment = |day: u32, status| Content::Experiment {
        cycle: Some(cycle.id),
        with: vec!["relatives".into(), "care workers".into()],
        expectation: "Ideas we have not heard before".into(),
        signal: "Three ideas tried by January".into(),
        follow_up: NaiveDate::from_ymd_opt(2026, 11, day),
        status,
        outcome: None,
        from: None,
        closed: None,
        signal_met: None,
    };
    let mut due = Record::new(
        j.meta().id,
        at(3, 10),
        experiment(20, ExperimentStatus::Running),
    );
    due.title = "Open office hour for relatives".into();
    due.visibility = Visibility::Mentor;
    due.set_tags(["cocreation"]);
    j.insert(&due).unwrap();
    record(
        j,
        at(10, 10),
        "Let the night shift plan its own rota",
        experiment(30, ExperimentStatus::Planned),
    );
    let mut note = record(j, at(20, 16), "Council budget hearing", Content::Note);
    note.body = "The councillors asked what relatives think. I had no answer yet.".into();
    note.set_tags(["council"]);
    note.touch(at(20, 17)).unwrap();
    j.update(&note).unwrap();
    j.add_comment(&Comment {
        id: RecordId::new_at(at(21, 9)),
        on: note.id,
        author: praxis::record::JournalId::new_at(at(1, 1)),
        author_name: "Mette (mentor)".into(),
        created: at(21, 9),
        text: "What would it take to ask them before the next hearing?".into(),
        reach: Default::default(),
        signature: None,
    })
    .unwrap();
    for day in [21, 22] {
        let content = Content::Reflection {
            set: "daily-checkin".into(),
            cycle: Some(cycle.id),
            experiment: None,
            answers: vec![praxis::record::Answer {
                question: "happened".into(),
                value: praxis::record::AnswerValue::Text(format!("Day {day} at the day centre")),
                why: None,
            }],
        };
        record(j, at(day, 17), "Daily check-in", content);
    }
}

#[test]
fn home_on_an_empty_journal() {
    let mut h = Harness::new(Language::English, |_| {});
    insta::assert_snapshot!(h.screen());
}

#[test]
fn home_on_a_busy_journal_in_danish_and_english() {
    let mut h = Harness::new(Language::Danish, busy);
    insta::assert_snapshot!("home_busy_da", h.screen());
    let mut h = Harness::new(Language::English, busy);
    insta::assert_snapshot!("home_busy_en", h.screen());
}

#[test]
fn a_full_daily_check_in_is_saved_as_one_reflection() {
    let mut h = Harness::new(Language::English, |_| {});
    // A search opened before (its worker holds a copy of the records) must not go stale.
    h.key(KeyCode::Char('/')).key(KeyCode::Esc);
    h.key(KeyCode::Char('c'));
    insta::assert_snapshot!("flow_text_question", h.screen());
    h.text("Met three relatives at the day centre.\nThey stayed for coffee.");
    h.key(KeyCode::Tab)
        .text("They had ideas for Friday activities.")
        .key(KeyCode::Tab);
    insta::assert_snapshot!("flow_scale_question", h.screen());
    h.key(KeyCode::Char('4'))
        .key(KeyCode::Tab)
        .text("Ask them to run the Friday café.")
        .key(KeyCode::Tab);
    insta::assert_snapshot!("flow_review", h.screen());
    h.ctrl('s');
    let saved = h.records(Kind::Reflection);
    assert_eq!(saved.len(), 1);
    let Content::Reflection { set, answers, .. } = &saved[0].content else {
        panic!()
    };
    assert_eq!(set, "daily-checkin");
    assert_eq!(answers.len(), 4);
    assert_eq!(
        answers[0].value.to_text(),
        "Met three relatives at the day centre.\nThey stayed for coffee."
    );
    assert_eq!(answers[2].value, praxis::record::AnswerValue::Scale(4));
    assert_eq!(saved[0].title, "Daily check-in");
    assert!(
        h.app()
            .journal()
            .draft::<praxis::flow::Draft>()
            .unwrap()
            .is_none(),
        "no draft left after saving"
    );
    let screen = h.screen();
    assert!(
        screen.contains("done today") && screen.contains("Saved."),
        "{screen}"
    );
    // What was just saved can be found at once.
    h.key(KeyCode::Char('/')).text("friday");
    assert!(h.app().wait_for_search(Duration::from_secs(10), true));
    assert!(h.screen().contains("Daily check-in"), "{}", h.screen());
}

#[test]
fn a_required_answer_is_asked_for_on_the_review_page_and_nothing_is_saved() {
    let mut h = Harness::new(Language::English, |_| {});
    h.key(KeyCode::Char('c'))
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Tab);
    h.ctrl('s');
    assert!(h.records(Kind::Reflection).is_empty());
    let screen = h.screen();
    assert!(
        screen.contains("Answer this question first: “What happened today in your work"),
        "the question as the flow asks it, not its id: {screen}"
    );
    assert!(!screen.contains("'happened'"), "{screen}");
    assert!(screen.contains("(not answered)"), "{screen}");
    // Going back with Shift-Tab and skipping an optional question work too.
    h.shift_tab().shift_tab();
    h.ctrl('k');
    assert!(h.screen().contains("4 of 4"));
}

#[test]
fn a_draft_survives_a_quit_and_is_resumed() {
    let mut h = Harness::new(Language::English, |_| {});
    h.key(KeyCode::Char('c'))
        .text("Met the council")
        .key(KeyCode::Tab)
        .text("They listened");
    h.ctrl('c');
    assert!(h.app().should_quit());
    h.reopen();
    let screen = h.screen();
    assert!(
        screen.contains("Unfinished: Daily check-in, question 2 of 4"),
        "{screen}"
    );
    h.key(KeyCode::Char('r'));
    let screen = h.screen();
    assert!(
        screen.contains("They listened"),
        "the typed words are back: {screen}"
    );
    h.shift_tab();
    assert!(h.screen().contains("Met the council"));
    h.key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .text("Call the chair")
        .key(KeyCode::Tab)
        .ctrl('s');
    assert_eq!(h.records(Kind::Reflection).len(), 1);
    h.reopen();
    assert!(!h.screen().contains("Unfinished"));
}

#[test]
fn an_experiment_is_planned_in_a_cycle_then_its_outcome_logged() {
    let mut h = Harness::new(Language::English, |j| {
        record(
            j,
            at(2, 9),
            "Trust-based steering",
            Content::Cycle {
                question: "Where can I let go?".into(),
                status: CycleStatus::Active,
                goal: String::new(),
                ends: None,
                closing: None,
            },
        );
    });
    // The cycle is selected on home; e plans an experiment in it.
    h.key(KeyCode::Char('e'));
    h.text("Let the night shift plan its own rota")
        .key(KeyCode::Tab);
    h.key(KeyCode::Tab); // why: optional, left empty
    h.text("The night shift and the union rep")
        .key(KeyCode::Tab);
    h.text("Fewer swaps, more ownership").key(KeyCode::Tab);
    h.text("Swap requests in the log").key(KeyCode::Tab);
    h.key(KeyCode::Tab); // risk: optional
    h.text("2026-12-07 with the team").key(KeyCode::Tab);
    h.ctrl('s');
    let experiments = h.records(Kind::Experiment);
    assert_eq!(experiments.len(), 1, "{}", h.screen());
    let e = &experiments[0];
    assert_eq!(e.title, "Let the night shift plan its own rota");
    let cycle = h.records(Kind::Cycle)[0].id;
    assert_eq!(e.cycle(), Some(cycle));
    assert!(
        matches!(&e.content, Content::Experiment { follow_up: Some(d), .. } if *d == NaiveDate::from_ymd_opt(2026, 12, 7).unwrap())
    );
    let screen = h.screen();
    assert!(
        screen.contains("phase: act · 1 experiment · 0 reflections"),
        "{screen}"
    );

    // Open the cycle, then its experiment, and log the outcome.
    h.key(KeyCode::Enter);
    insta::assert_snapshot!("cycle_detail", h.screen());
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('o'));
    h.text("Fewer swaps").key(KeyCode::Tab);
    h.text("Swaps halved; two nurses took the lead")
        .key(KeyCode::Tab);
    // Did the signal show? Partly.
    h.key(KeyCode::Down).key(KeyCode::Enter);
    h.text("They knew the constraints better than I did")
        .key(KeyCode::Tab);
    h.key(KeyCode::Tab); // what stays the same: optional
    h.text("Try it on the day shift").key(KeyCode::Tab);
    insta::assert_snapshot!("flow_choice_question", h.screen());
    h.key(KeyCode::Down).key(KeyCode::Enter);
    h.ctrl('s');
    let e = &h.records(Kind::Experiment)[0];
    assert!(matches!(
        &e.content,
        Content::Experiment { status: ExperimentStatus::Done, outcome: Some(o), .. } if o == "Swaps halved; two nurses took the lead"
    ));
    assert!(matches!(
        &e.content,
        Content::Experiment {
            signal_met: Some(praxis::record::SignalMet::Partly),
            closed: Some(_),
            ..
        }
    ));
    let reviews = h.records(Kind::Reflection);
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].experiment(), Some(e.id));
    assert_eq!(reviews[0].cycle(), Some(cycle));
    let Content::Reflection { answers, .. } = &reviews[0].content else {
        panic!()
    };
    assert_eq!(
        answers[5].value,
        praxis::record::AnswerValue::Choice("adjust".into())
    );
}

#[test]
fn a_new_cycle_is_started_from_home() {
    let mut h = Harness::new(Language::English, |_| {});
    h.key(KeyCode::Char('n'))
        .text("Let citizens shape home care")
        .key(KeyCode::Tab);
    h.text("How do I let citizens' ideas count?")
        .key(KeyCode::Tab)
        .ctrl('s');
    let cycles = h.records(Kind::Cycle);
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0].title, "Let citizens shape home care");
    assert!(h.screen().contains("phase: plan"));
}

#[test]
fn the_timeline_groups_by_day_filters_and_opens_a_record_with_comments() {
    let mut h = Harness::new(Language::English, busy);
    h.key(KeyCode::Char('t'));
    insta::assert_snapshot!("timeline", h.screen());
    h.key(KeyCode::Char('f'))
        .text("note #council")
        .key(KeyCode::Enter);
    insta::assert_snapshot!("timeline_filtered", h.screen());
    h.key(KeyCode::Enter);
    insta::assert_snapshot!("detail_with_comments", h.screen());
    // Before a comment is saved, the box says where it will go.
    let visibility = h.records(Kind::Note).remove(0).visibility;
    h.key(KeyCode::Char('c'));
    let want = match visibility {
        Visibility::Private => "for you alone",
        Visibility::Mentor => "for your mentor at your next export",
        Visibility::Network => "for your mentor and your network",
    };
    assert!(h.screen().contains(want), "{}", h.screen());
    h.key(KeyCode::Esc);
    // Visibility and tags change from the detail view, and the revision grows.
    h.key(KeyCode::Char('v'));
    let note = h.records(Kind::Note).remove(0);
    assert_eq!(note.visibility, Visibility::Mentor);
    assert_eq!(note.revision, 3);
    h.key(KeyCode::Char('c'));
    assert!(
        h.screen().contains("for your mentor at your next export"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('T'));
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.text("budget, trust").key(KeyCode::Enter);
    assert_eq!(h.records(Kind::Note)[0].tags, vec!["budget", "trust"]);
    // Title and text are edited in $EDITOR: the app asks, the runner opens it, the app saves.
    h.key(KeyCode::Char('E'));
    let asked = h.app().take_editor_request().unwrap();
    assert!(
        asked.starts_with("Council budget hearing\n\nThe councillors asked"),
        "{asked}"
    );
    h.app().editor_done(Ok(
        "Budget hearing, part one\n\nThey asked about relatives.\n".into(),
    ));
    let note = h.records(Kind::Note).remove(0);
    assert_eq!(note.title, "Budget hearing, part one");
    assert_eq!(note.body, "They asked about relatives.");
    h.app()
        .editor_done(Err("vi ended with exit status 1".into()));
    assert!(h.screen().contains("Could not open the editor: vi ended"));
    // Delete asks first.
    h.key(KeyCode::Char('d')).key(KeyCode::Char('n'));
    assert_eq!(h.records(Kind::Note).len(), 1);
    h.key(KeyCode::Char('d')).key(KeyCode::Char('y'));
    assert!(h.records(Kind::Note).is_empty());
    let err_filter = {
        h.key(KeyCode::Char('f')).text(" memo").key(KeyCode::Enter);
        h.screen()
    };
    assert!(
        err_filter.contains("“memo” is not a filter"),
        "{err_filter}"
    );
}

#[test]
fn search_as_you_type_highlights_and_opens() {
    let mut h = Harness::new(Language::English, busy);
    h.key(KeyCode::Char('/')).text("councl");
    assert!(h.app().wait_for_search(Duration::from_secs(10), true));
    insta::assert_snapshot!("search", h.screen());
    // The matched letters are marked (bold and underlined without colour).
    let buffer = h.terminal.backend().buffer().clone();
    let marked: String = (0..buffer.area.height)
        .flat_map(|y| (0..buffer.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let m = buffer[(x, y)].modifier;
            m.contains(ratatui::style::Modifier::UNDERLINED) && y > 3
        })
        .map(|(x, y)| buffer[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(
        marked, "Council",
        "the word one letter off the query, in the title"
    );
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("What would it take to ask them"));
}

#[test]
fn help_lists_the_keys_of_the_screen() {
    let mut h = Harness::new(Language::English, |_| {});
    h.key(KeyCode::Char('?'));
    insta::assert_snapshot!("help_home", h.screen());
    h.key(KeyCode::Char('x'));
    assert!(!h.screen().contains("Any key closes"));
    // In a low window the help scrolls, says so, and shows where it is; another key closes it.
    h.sized(60, 14).key(KeyCode::Char('?'));
    let top = h.screen();
    assert!(top.contains(" 1–9 of "), "{top}");
    assert!(
        !top.contains("?           help"),
        "the last keys are below: {top}"
    );
    h.key(KeyCode::End);
    let end = h.screen();
    assert!(end.contains("?           help"), "{end}");
    assert!(end.contains("scroll the keys"), "{end}");
    h.key(KeyCode::Char('x'));
    assert!(!h.screen().contains("scroll the keys"));
}

#[test]
fn a_small_window_is_told_to_grow_and_a_resize_relays_out() {
    let mut h = Harness::new(Language::English, busy);
    h.terminal = Terminal::new(TestBackend::new(30, 8)).unwrap();
    assert!(h.screen().contains("Make the window at least"));
    h.terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    let wide = h.screen();
    assert!(wide.lines().any(|l| l.chars().count() > 100), "{wide}");
}

/// A journal that was shared a mentor export of `busy`'s records by "Anna Jensen".
fn shared_with_mette(j: &Journal) {
    let dir = TempDir::new().unwrap();
    let anna = Journal::create(
        dir.path(),
        JournalMeta::new("Anna Jensen", Language::English, at(1, 8)),
    )
    .unwrap();
    busy(&anna);
    let records: Vec<Record> = anna.newest_first().map(Result::unwrap).collect();
    let file = praxis::exchange::export(
        anna.meta(),
        praxis::exchange::Scope::Mentor,
        &praxis::exchange::Selection::default(),
        records,
        Vec::new(),
        now(),
    );
    let incoming = praxis::exchange::read("shared.json", &file.to_json(), j.meta().id).unwrap();
    j.import(&incoming, false).unwrap();
}

#[test]
fn a_mentor_reads_shared_records_read_only_and_comments_on_them() {
    utc();
    let dir = TempDir::new().unwrap();
    let journal = Journal::create(
        dir.path(),
        JournalMeta::new("Mette", Language::English, at(1, 8)),
    )
    .unwrap();
    shared_with_mette(&journal);
    let mut h = Harness {
        dir,
        prompts: None,
        app: Some(App::new(
            journal,
            load(None).library,
            Box::new(FixedClock(now())),
            None,
            true,
        )),
        terminal: Terminal::new(TestBackend::new(80, 24)).unwrap(),
    };
    h.key(KeyCode::Char('p'));
    insta::assert_snapshot!("peers", h.screen());
    h.key(KeyCode::Enter);
    let screen = h.screen();
    assert!(screen.contains("from Anna Jensen"), "{screen}");
    h.key(KeyCode::Char('v'));
    assert!(
        h.screen().contains("read-only here"),
        "changing someone else's record is refused"
    );
    // A short comment…
    h.key(KeyCode::Char('c'))
        .text("Good start. Who else could you ask?")
        .ctrl('s');
    let experiment = h.app().journal().foreign_newest_first().unwrap()[0].clone();
    let comments = h.app().journal().comments_on(experiment.id).unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].author_name, "Mette");
    // …and the mentor's review, whose answers become a comment.
    h.key(KeyCode::Char('R'));
    assert!(h.screen().contains("Mentor's review"), "{}", h.screen());
    for answer in [
        "An office hour for relatives",
        "You asked them in person",
        "What did the staff think?",
        "",
        "Invite the staff next time",
    ] {
        if answer.is_empty() {
            h.ctrl('k');
        } else {
            h.text(answer).key(KeyCode::Tab);
        }
    }
    h.ctrl('s');
    let comments = h.app().journal().comments_on(experiment.id).unwrap();
    assert_eq!(comments.len(), 2, "{}", h.screen());
    let review = comments
        .iter()
        .find(|c| c.text.contains("Invite the staff next time"))
        .expect("the review is a comment");
    assert!(
        review.text.contains("What do you read in this"),
        "{}",
        review.text
    );
    let screen = h.screen();
    assert!(
        screen.contains("Comments") && screen.contains("Mette ·"),
        "back on the record, its comments shown: {screen}"
    );
    // Search reaches the shared records too.
    h.key(KeyCode::Esc)
        .key(KeyCode::Char('/'))
        .text("office hour");
    assert!(h.app().wait_for_search(Duration::from_secs(10), true));
    assert!(h.screen().contains("Open office hour for relatives"));
}

#[test]
fn starting_anew_over_a_draft_asks_first_and_only_a_yes_throws_it_away() {
    let mut h = Harness::new(Language::English, |_| {});
    h.key(KeyCode::Char('c')).text("Met the council");
    h.ctrl('c');
    h.reopen();
    for key in ['c', 'e', 'n'] {
        h.key(KeyCode::Char(key));
        let screen = h.screen();
        assert!(
            screen.contains("You have an unfinished Daily check-in. Start anew and throw it"),
            "{key} asks first: {screen}"
        );
        h.key(KeyCode::Char('n'));
        let screen = h.screen();
        assert!(
            screen.contains("Unfinished: Daily check-in") && screen.contains("kept as a draft"),
            "no keeps it: {screen}"
        );
    }
    h.key(KeyCode::Char('R')).key(KeyCode::Enter);
    assert!(h.screen().contains("Start anew and throw it away?"));
    h.key(KeyCode::Esc);
    assert!(
        h.app()
            .journal()
            .draft::<praxis::flow::Draft>()
            .unwrap()
            .is_some(),
        "Esc keeps it too"
    );

    h.key(KeyCode::Char('r'));
    assert!(h.screen().contains("Met the council"), "still resumable");
    h.key(KeyCode::Esc);
    // x, the key that throws a draft away, asks too.
    h.key(KeyCode::Char('x'));
    assert!(
        h.screen()
            .contains("Throw away your unfinished Daily check-in"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('q'));
    assert!(
        h.screen().contains("Unfinished: Daily check-in"),
        "any other key keeps it"
    );
    h.key(KeyCode::Char('e')).key(KeyCode::Char('y'));
    let screen = h.screen();
    assert!(
        screen.contains("Plan an experiment") && screen.contains("thrown away"),
        "{screen}"
    );
    h.key(KeyCode::Esc);
    assert_eq!(
        h.app().journal().draft::<praxis::flow::Draft>().unwrap(),
        None
    );
}

#[test]
fn the_question_before_throwing_a_draft_away_speaks_danish() {
    let mut h = Harness::new(Language::Danish, |_| {});
    h.key(KeyCode::Char('c')).text("Mødte byrådet");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('e'));
    let screen = h.screen();
    assert!(
        screen.contains("Du har en kladde til Dagens check-in, som ikke er færdig.")
            && screen.contains("begynde forfra? j/n"),
        "{screen}"
    );
    h.key(KeyCode::Char('j'));
    assert!(h.screen().contains("Kladden er kasseret"));
}

#[test]
fn a_draft_whose_questions_changed_keeps_what_was_typed_as_a_note() {
    let config = TempDir::new().unwrap();
    let set = |kind: &str| {
        format!(
            r#"id = "pulse"
title = {{ en = "Pulse", da = "Puls" }}
purpose = {{ en = "How it went.", da = "Hvordan det gik." }}
phase = "observe"
source = "Our own team, 2026"

[[questions]]
id = "mood"
{kind}
text = {{ en = "How was the day?", da = "Hvordan var dagen?" }}

[[questions]]
id = "next"
kind = "text"
text = {{ en = "What next?", da = "Hvad nu?" }}
"#
        )
    };
    let file = config.path().join("pulse.toml");
    std::fs::write(&file, set("kind = \"text\"")).unwrap();
    let mut h = Harness::with_prompts(Language::English, Some(config.path().into()), |_| {});
    // A user's set comes last in the list of sets.
    h.key(KeyCode::Char('R'))
        .key(KeyCode::End)
        .key(KeyCode::Enter);
    assert!(h.screen().contains("How was the day?"));
    h.text("Tired but hopeful");
    h.ctrl('c');

    // The first question becomes a choice: the typed words must not become an option.
    std::fs::write(
        &file,
        set(r#"kind = "choice"
options = [
  { id = "good", en = "Good", da = "God" },
  { id = "bad", en = "Bad", da = "Dårlig" },
]"#),
    )
    .unwrap();
    h.reopen();
    h.key(KeyCode::Char('r'));
    let screen = h.screen();
    assert!(
        screen.contains("Questions changed: starting afresh. Your answers are saved as a note."),
        "{screen}"
    );
    let notes = h.records(Kind::Note);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].body, "Answer 1:\nTired but hopeful");
    assert_eq!(notes[0].visibility, Visibility::Private);
    let draft = h
        .app()
        .journal()
        .draft::<praxis::flow::Draft>()
        .unwrap()
        .unwrap();
    assert!(
        draft.values.iter().all(String::is_empty),
        "no answer carried into the changed questions: {draft:?}"
    );
    h.ctrl('c');
    h.reopen();
    h.key(KeyCode::Char('r'));
    assert_eq!(h.records(Kind::Note).len(), 1, "kept once, not again");
}

/// Bo, a peer in Mette's network, shares two notes written between Anna's records.
fn shared_by_bo(j: &Journal) -> praxis::record::JournalId {
    let dir = TempDir::new().unwrap();
    let bo = Journal::create(
        dir.path(),
        JournalMeta::new("Bo Lund", Language::English, at(1, 8)),
    )
    .unwrap();
    let mut records = Vec::new();
    for (day, title) in [
        (2, "Bo's walk with the night shift"),
        (21, "Bo's rota survey"),
    ] {
        let mut r = record(&bo, at(day, 12), title, Content::Note);
        r.visibility = Visibility::Network;
        bo.update(&r).unwrap();
        records.push(r);
    }
    let file = praxis::exchange::export(
        bo.meta(),
        praxis::exchange::Scope::Network,
        &praxis::exchange::Selection::default(),
        records,
        Vec::new(),
        now(),
    );
    let incoming = praxis::exchange::read("bo.json", &file.to_json(), j.meta().id).unwrap();
    j.import(&incoming, false).unwrap();
    bo.meta().id
}

#[test]
fn others_records_are_grouped_by_person_and_a_review_opens_on_its_mentee() {
    utc();
    let dir = TempDir::new().unwrap();
    let journal = Journal::create(
        dir.path(),
        JournalMeta::new("Mette", Language::English, at(1, 8)),
    )
    .unwrap();
    shared_with_mette(&journal);
    let bo = shared_by_bo(&journal);
    let anna = journal
        .foreign_newest_first()
        .unwrap()
        .into_iter()
        .find(|r| r.author != bo)
        .unwrap()
        .author;
    let app = |journal| {
        App::new(
            journal,
            load(None).library,
            Box::new(FixedClock(now())),
            None,
            true,
        )
    };
    let mut h = Harness {
        dir,
        prompts: None,
        app: Some(app(journal)),
        terminal: Terminal::new(TestBackend::new(80, 24)).unwrap(),
    };
    h.key(KeyCode::Char('p'));
    let screen = h.screen();
    let line = |text: &str| {
        screen
            .lines()
            .position(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text} not in {screen}"))
    };
    // Bo wrote the newest record, so he comes first; his two notes stay together though Anna
    // wrote between them (3 November).
    let (anna_head, bo_head) = (line("│Anna Jensen"), line("│Bo Lund"));
    assert!(bo_head < anna_head, "{screen}");
    assert_eq!(line("Bo's rota survey"), bo_head + 1, "{screen}");
    assert_eq!(
        line("Bo's walk with the night shift"),
        bo_head + 2,
        "{screen}"
    );
    assert_eq!(
        line("Open office hour for relatives"),
        anna_head + 1,
        "{screen}"
    );
    // The selection follows the grouped order: the second row is Bo's older note.
    h.key(KeyCode::Home).key(KeyCode::Down).key(KeyCode::Enter);
    let screen = h.screen();
    assert!(
        screen.contains("Bo's walk with the night shift"),
        "{screen}"
    );
    // On someone else's record the footer offers what works there, not what is refused.
    let footer = screen.lines().last().unwrap().to_string();
    assert!(
        footer.contains("c comment") && footer.contains("R mentor's review"),
        "{footer}"
    );
    for refused in ["delete", "visibility", "plan experiment"] {
        assert!(!footer.contains(refused), "{footer}");
    }

    // A review of Anna's file opens on Anna's records only.
    let journal = h.app.take().unwrap().into_journal();
    let mut review = app(journal);
    review.start_review(Some(anna));
    h.app = Some(review);
    let screen = h.screen();
    assert!(screen.contains("Anna Jensen"), "{screen}");
    assert!(
        !screen.contains("Bo Lund") && !screen.contains("Bo's"),
        "{screen}"
    );
}

/// A reflection on the action-learning set: six long answers and a mentor's long comment, more
/// than any screen shows at once.
fn long_reflection(j: &Journal) -> Record {
    let answers = [
        (
            "problem",
            "How do I let relatives shape the home-care plan when the team already feels stretched and the council wants results by spring?",
        ),
        (
            "questions-asked",
            "Why do you think the team feels stretched? What would relatives bring that the plan lacks? Who decides what counts as a result?",
        ),
        (
            "hardest-question",
            "Who would miss the old plan if it went? Nobody answered at first, then the night shift said they would not miss it at all.",
        ),
        (
            "insight",
            "The stretch is in the handovers, not in the visits: relatives could take part exactly where we lose time today.",
        ),
        (
            "before-next",
            "Ask three relatives to sit in on one Monday handover and write down what they notice, without preparing them.",
        ),
        (
            "report-back",
            "What the relatives noticed, and whether the night shift wants to try it again. LAST-SENTENCE: the handover took eleven minutes.",
        ),
    ];
    let content = Content::Reflection {
        set: "action-learning-set".into(),
        cycle: None,
        experiment: None,
        answers: answers
            .iter()
            .map(|(q, a)| praxis::record::Answer {
                question: (*q).into(),
                value: praxis::record::AnswerValue::Text((*a).into()),
                why: None,
            })
            .collect(),
    };
    let r = record(j, at(22, 15), "Action-learning set, third meeting", content);
    j.add_comment(&Comment {
        id: RecordId::new_at(at(22, 18)),
        on: r.id,
        author: praxis::record::JournalId::new_at(at(1, 1)),
        author_name: "Mette (mentor)".into(),
        created: at(22, 18),
        text: "You heard the night shift say something surprising. What would it take to let them lead the next handover trial? COMMENT-END".into(),
        reach: Default::default(),
        signature: None,
    })
    .unwrap();
    r
}

#[test]
fn a_long_reflection_scrolls_to_its_end_with_the_usual_keys() {
    for (columns, rows) in [(80, 24), (120, 40)] {
        let mut h = Harness::new(Language::English, |j| {
            long_reflection(j);
        });
        h.sized(columns, rows);
        h.key(KeyCode::Char('t')).key(KeyCode::Enter);
        let top = h.screen();
        assert!(top.contains("Action-learning set, third meeting"), "{top}");
        if rows == 24 {
            assert!(!top.contains("COMMENT-END"), "{top}");
            assert!(top.contains("1–19 of"), "the position shows: {top}");
        }
        insta::assert_snapshot!(format!("long_reflection_top_{columns}x{rows}"), top);
        h.key(KeyCode::Char(' '));
        insta::assert_snapshot!(
            format!("long_reflection_middle_{columns}x{rows}"),
            h.screen()
        );
        h.key(KeyCode::End);
        let end = h.screen();
        assert!(end.contains("COMMENT-END"), "the comment's end: {end}");
        assert!(end.contains("eleven minutes"), "the last answer: {end}");
        insta::assert_snapshot!(format!("long_reflection_end_{columns}x{rows}"), end);
        // Back up by every way there is.
        h.key(KeyCode::Home);
        assert_eq!(h.screen(), top);
        h.ctrl('d').ctrl('d').ctrl('d').ctrl('d');
        assert!(h.screen().contains("COMMENT-END"), "Ctrl-d reaches the end");
        h.ctrl('u').ctrl('u').ctrl('u').ctrl('u').ctrl('u');
        assert_eq!(h.screen(), top, "Ctrl-u back to the top");
        h.key(KeyCode::Char('G')).key(KeyCode::Char('g'));
        assert_eq!(h.screen(), top);
        h.key(KeyCode::PageDown)
            .key(KeyCode::PageDown)
            .key(KeyCode::PageDown);
        assert!(h.screen().contains("COMMENT-END"));
        for _ in 0..60 {
            h.key(KeyCode::Char('k'));
        }
        assert_eq!(h.screen(), top, "k back to the top");
        for _ in 0..60 {
            h.key(KeyCode::Down);
        }
        assert!(h.screen().contains("COMMENT-END"), "↓ to the end");
        // The mouse wheel moves it too.
        for _ in 0..30 {
            h.app().handle_event(crossterm::event::Event::Mouse(
                crossterm::event::MouseEvent {
                    kind: crossterm::event::MouseEventKind::ScrollUp,
                    column: 10,
                    row: 10,
                    modifiers: KeyModifiers::NONE,
                },
            ));
        }
        assert_eq!(h.screen(), top, "the wheel back to the top");
    }
}

#[test]
fn timeline_rows_cut_with_a_mark_keep_their_comments_and_never_move_a_border() {
    let mut h = Harness::new(Language::Danish, |j| {
        let mut r = record(
            j,
            at(20, 14),
            "Møde med 👩‍👩‍👧 familierne og én café ☕ om hjemmeplejens nye besøgsplan i Nordby",
            Content::Note,
        );
        r.body = "Første afsnit med 🎉 og e\u{301}n kombineret accent.".into();
        r.set_tags(["hjemmepleje", "samskabelse"]);
        j.update(&r).unwrap();
        for (i, text) in ["Hvem var med?", "Hvad sagde de pårørende?"]
            .iter()
            .enumerate()
        {
            j.add_comment(&Comment {
                id: RecordId::new_at(at(21, 9 + i as u32)),
                on: r.id,
                author: praxis::record::JournalId::new_at(at(1, 1)),
                author_name: "Mette".into(),
                created: at(21, 9 + i as u32),
                text: (*text).into(),
                reach: Default::default(),
                signature: None,
            })
            .unwrap();
        }
    });
    for (columns, rows) in [(80, 24), (120, 40)] {
        h.sized(columns, rows);
        if columns == 80 {
            h.key(KeyCode::Char('t'));
        }
        let screen = h.screen();
        let row = screen
            .lines()
            .find(|l| l.contains("14:00"))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(row.contains("(2 kommentarer)"), "{row}");
        if columns == 80 {
            assert!(row.contains('…'), "cut with a mark: {row}");
        }
        for line in screen.lines().skip(1).take(usize::from(rows) - 3) {
            assert_eq!(
                praxis::width::cells(line),
                usize::from(columns),
                "the border stays put: {line}"
            );
        }
    }
}

/// A paragraph of about 290 characters, longer than any line of the screen.
const LONG: &str = "When the relatives came to the day centre this morning, three of them stayed \
for coffee and told us what they would change about the Friday activities: more music, fewer \
forms, and a say in who is invited. I had not asked them before, and it showed how much we miss \
by planning alone.";

/// The words of `text` in order, as they stand on `screen` (wrapped lines read as one).
fn reads_through(screen: &str, text: &str) -> bool {
    let on_screen: Vec<&str> = screen
        .split(|c: char| c.is_whitespace() || c == '│')
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    on_screen
        .windows(words.len())
        .any(|w| w == words.as_slice())
}

#[test]
fn a_long_answer_wraps_at_word_boundaries_in_the_editor() {
    let mut h = Harness::new(Language::English, |_| {});
    h.key(KeyCode::Char('c')).text(LONG);
    let screen = h.screen();
    insta::assert_snapshot!("flow_wrapped_editor", screen);
    assert!(
        reads_through(&screen, LONG),
        "every word is on screen, none cut mid-word: {screen}"
    );
    let wide = h.sized(120, 40).screen();
    insta::assert_snapshot!("flow_wrapped_editor_wide", wide);
    assert!(reads_through(&wide, LONG), "{wide}");
}

/// Plans an experiment up to its look-back answer.
fn plan_up_to_the_look_back(h: &mut Harness) {
    h.key(KeyCode::Char('e'));
    h.text("Rota trial").key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.text("The night shift").key(KeyCode::Tab);
    h.text("Fewer swaps").key(KeyCode::Tab);
    h.text("The swap log").key(KeyCode::Tab);
    h.key(KeyCode::Tab);
}

#[test]
fn a_look_back_date_praxis_cannot_read_is_refused_on_screen_and_the_answer_kept() {
    let mut h = Harness::new(Language::English, |_| {});
    plan_up_to_the_look_back(&mut h);
    assert!(
        h.screen()
            .contains("No date read yet: write one like Friday, in 2 weeks"),
        "{}",
        h.screen()
    );
    h.text("after the holidays").key(KeyCode::Tab);
    let screen = h.screen();
    insta::assert_snapshot!("flow_date_refused", screen);
    assert!(
        screen.contains("praxis cannot read a date in this answer; your answer is kept."),
        "{screen}"
    );
    assert!(
        screen.contains("after the holidays") && screen.contains("7 of 7"),
        "still on the question, the answer as typed: {screen}"
    );
    h.ctrl('s');
    assert!(h.records(Kind::Experiment).is_empty(), "nothing saved");
    assert!(h.screen().contains("after the holidays") && h.screen().contains("7 of 7"));
    let wide = h.sized(120, 40).screen();
    insta::assert_snapshot!("flow_date_refused_wide", wide);

    // A date praxis reads is shown back in words as it is typed, then on the review page.
    for _ in 0.."after the holidays".len() {
        h.key(KeyCode::Backspace);
    }
    h.text("2026-12-15 with Mette");
    assert!(
        h.screen()
            .contains("Look back on Tuesday 15 December, in 22 days."),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Tab);
    assert!(h.screen().contains("Look over your answers"));
    assert!(h.screen().contains("Tuesday 15 December, in 22 days"));
    h.ctrl('s');
    let e = h.records(Kind::Experiment).remove(0);
    assert!(
        matches!(&e.content, Content::Experiment { follow_up: Some(d), .. } if *d == NaiveDate::from_ymd_opt(2026, 12, 15).unwrap())
    );
}

#[test]
fn the_date_read_is_shown_back_in_danish() {
    let mut h = Harness::new(Language::Danish, |_| {});
    plan_up_to_the_look_back(&mut h);
    h.text("2026-13-45 med Mette").key(KeyCode::Tab);
    let screen = h.screen();
    assert!(
        screen.contains("praxis kan ikke læse en dato i svaret; dit svar står der stadig.")
            && screen.contains("2026-13-45 med Mette")
            && screen.contains("Ingen dato endnu: skriv den som fredag, om 2 uger"),
        "{screen}"
    );
    for _ in 0.."2026-13-45 med Mette".len() {
        h.key(KeyCode::Backspace);
    }
    h.text("i morgen med Mette");
    assert!(
        h.screen()
            .contains("Opfølgning tirsdag den 24. november, i morgen."),
        "{}",
        h.screen()
    );
    for _ in 0.."i morgen med Mette".len() {
        h.key(KeyCode::Backspace);
    }
    h.text("2026-12-15 med Mette").key(KeyCode::Tab);
    assert!(
        h.screen()
            .contains("Opfølgning tirsdag den 15. december, om 22 dage."),
        "{}",
        h.screen()
    );
}

#[test]
fn the_look_back_date_of_a_saved_experiment_changes_with_e() {
    let mut h = Harness::new(Language::English, busy);
    // The due experiment is selected on home.
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("Open office hour for relatives"));
    h.key(KeyCode::Char('E'));
    let screen = h.screen();
    assert!(
        screen.contains("Look over your answers") && screen.contains("2026-11-20"),
        "its answers on the review page, its date first: {screen}"
    );
    h.key(KeyCode::End).key(KeyCode::Enter);
    for _ in 0..20 {
        h.key(KeyCode::Backspace);
    }
    h.text("+2w").key(KeyCode::Tab);
    assert!(
        h.screen().contains("Look over your answers"),
        "back on the review after the one answer: {}",
        h.screen()
    );
    h.ctrl('s');
    let e = h
        .records(Kind::Experiment)
        .into_iter()
        .find(|e| e.title == "Open office hour for relatives")
        .unwrap();
    assert!(
        matches!(&e.content, Content::Experiment { follow_up: Some(d), with, .. }
            if *d == NaiveDate::from_ymd_opt(2026, 12, 7).unwrap() && with == &vec!["relatives, care workers".to_string()]),
        "{:?}",
        e.content
    );
    assert_eq!(e.revision, 2);
    assert_eq!(
        e.tags,
        vec!["cocreation"],
        "what the flow does not ask is kept"
    );
    assert_eq!(e.visibility, Visibility::Mentor);
    assert!(h.screen().contains("Saved."), "{}", h.screen());
    assert!(
        h.screen().contains("look back: 2026-12-07"),
        "{}",
        h.screen()
    );
}

#[test]
fn saved_answers_are_edited_in_their_flow_and_the_revision_grows() {
    let mut h = Harness::new(Language::English, |_| {});
    h.key(KeyCode::Char('c'))
        .text("Met the council")
        .key(KeyCode::Tab)
        .text("They listened")
        .key(KeyCode::Tab)
        .key(KeyCode::Char('4'))
        .key(KeyCode::Tab)
        .text("Ask relatives")
        .key(KeyCode::Tab);
    // Changing one answer from the review page comes back to the review page.
    h.key(KeyCode::Enter);
    assert!(h.screen().contains("1 of 4"));
    h.text(" about the budget").key(KeyCode::Tab);
    assert!(
        h.screen().contains("Look over your answers"),
        "not on to question 2: {}",
        h.screen()
    );
    h.ctrl('s');
    let saved = h.records(Kind::Reflection).remove(0);
    assert_eq!(saved.revision, 1);

    h.key(KeyCode::Char('t')).key(KeyCode::Enter);
    h.key(KeyCode::Char('E'));
    let screen = h.screen();
    assert!(
        screen.contains("Review") && screen.contains("Met the council about the budget"),
        "{screen}"
    );
    h.key(KeyCode::Down).key(KeyCode::Enter);
    assert!(h.screen().contains("2 of 4") && h.screen().contains("changing saved answers"));
    h.text(", then asked for numbers").key(KeyCode::Tab);
    assert!(h.screen().contains("Look over your answers"));
    h.ctrl('s');
    let edited = h.records(Kind::Reflection);
    assert_eq!(edited.len(), 1, "changed in place, not saved again");
    let edited = &edited[0];
    assert_eq!(edited.id, saved.id);
    assert_eq!(edited.revision, 2);
    assert_eq!(edited.title, "Daily check-in");
    let Content::Reflection { answers, .. } = &edited.content else {
        panic!()
    };
    let values: Vec<String> = answers.iter().map(|a| a.value.to_text()).collect();
    assert_eq!(
        values,
        [
            "Met the council about the budget",
            "They listened, then asked for numbers",
            "4",
            "Ask relatives"
        ]
    );
    let screen = h.screen();
    assert!(
        screen.contains("Saved.") && screen.contains("They listened, then asked for numbers"),
        "back on the record, its new answers shown: {screen}"
    );
    // Leaving an edit untouched keeps no draft; saving without a change writes nothing.
    h.key(KeyCode::Char('E')).key(KeyCode::Esc);
    assert!(!h.screen().contains("kept as a draft"), "{}", h.screen());
    assert_eq!(
        h.app().journal().draft::<praxis::flow::Draft>().unwrap(),
        None
    );
    h.key(KeyCode::Char('E')).ctrl('s');
    assert!(h.screen().contains("Nothing changed."), "{}", h.screen());
    assert_eq!(h.records(Kind::Reflection)[0].revision, 2);
}

#[test]
fn the_comment_box_takes_several_lines_and_ctrl_s_saves_them() {
    let mut h = Harness::new(Language::English, busy);
    h.key(KeyCode::Char('t'))
        .key(KeyCode::Char('f'))
        .text("note #council")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    h.key(KeyCode::Char('c'))
        .text("Ask the relatives' council first.\nThen bring it to the hearing. ")
        .text(LONG);
    let screen = h.screen();
    insta::assert_snapshot!("comment_multi_line", screen);
    assert!(reads_through(&screen, "Ask the relatives' council first."));
    assert!(
        reads_through(&screen, "by planning alone."),
        "the long line wraps: {screen}"
    );
    insta::assert_snapshot!("comment_multi_line_wide", h.sized(120, 40).screen());
    h.ctrl('s');
    let note = h.records(Kind::Note).remove(0);
    let comments = h.app().journal().comments_on(note.id).unwrap();
    assert_eq!(comments.len(), 2);
    let mine = comments
        .iter()
        .find(|c| c.author_name == "Anna Jensen")
        .unwrap();
    assert!(
        mine.text
            .starts_with("Ask the relatives' council first.\nThen bring it to the hearing. When"),
        "{}",
        mine.text
    );
    // Ctrl-e opens the comment in $EDITOR and brings the edited text back into the box.
    h.key(KeyCode::Char('c')).text("Draft");
    h.ctrl('e');
    assert_eq!(h.app().take_editor_request().as_deref(), Some("Draft"));
    h.app()
        .editor_done(Ok("Draft, written\nin the editor\n".into()));
    assert!(h.screen().contains("in the editor"));
    h.ctrl('s');
    let comments = h.app().journal().comments_on(note.id).unwrap();
    assert!(
        comments
            .iter()
            .any(|c| c.text == "Draft, written\nin the editor"),
        "{comments:?}"
    );
}

#[test]
fn a_deleted_record_comes_back_whole_with_u() {
    let mut h = Harness::new(Language::English, busy);
    h.key(KeyCode::Char('t'))
        .key(KeyCode::Char('f'))
        .text("note #council")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    let before = h.records(Kind::Note).remove(0);
    h.key(KeyCode::Char('d'));
    assert!(
        h.screen()
            .contains("Delete “Council budget hearing”? y deletes"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('y'));
    assert!(h.records(Kind::Note).is_empty());
    assert!(
        h.screen()
            .contains("Deleted: “Council budget hearing” — u undoes it."),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Esc).key(KeyCode::Char('u'));
    assert!(
        h.screen().contains("“Council budget hearing” is back."),
        "{}",
        h.screen()
    );
    let back = h.records(Kind::Note);
    assert_eq!(back, vec![before.clone()], "the record as it was");
    let comments = h.app().journal().comments_on(before.id).unwrap();
    assert_eq!(comments.len(), 1, "its comment too");
    assert!(!h.app().journal().was_deleted(before.id).unwrap());
    h.key(KeyCode::Char('u'));
    assert!(h.screen().contains("Nothing to undo."));
    // Found again in the timeline, by tag and by search.
    h.key(KeyCode::Char('t'));
    assert!(
        h.screen().contains("Council budget hearing"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('f'))
        .text("#council")
        .key(KeyCode::Enter);
    assert!(h.screen().contains("Council budget hearing"));
    h.key(KeyCode::Esc).key(KeyCode::Esc);
    h.key(KeyCode::Char('/')).text("councillors");
    assert!(h.app().wait_for_search(Duration::from_secs(10), true));
    h.key(KeyCode::Enter);
    let screen = h.screen();
    assert!(
        screen.contains("What would it take to ask them"),
        "opened, with its comment: {screen}"
    );
}

#[test]
fn n_writes_a_note_from_anywhere() {
    let mut h = Harness::new(Language::English, busy);
    h.key(KeyCode::Char('N'));
    assert!(
        h.screen().contains("What do you want to note?"),
        "{}",
        h.screen()
    );
    h.text("The chair asked for numbers.\nBring them on Monday.")
        .ctrl('s');
    let titles = |h: &mut Harness| {
        h.records(Kind::Note)
            .iter()
            .map(|n| n.display_title())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        titles(&mut h),
        ["The chair asked for numbers.", "Council budget hearing"]
    );
    assert!(h.screen().contains("Saved."));
    // From the timeline and from a record too, with a title this time.
    h.key(KeyCode::Char('t')).key(KeyCode::Enter);
    h.key(KeyCode::Char('N'))
        .text("Relatives want music")
        .key(KeyCode::Tab)
        .text("Friday café")
        .key(KeyCode::Tab)
        .ctrl('s');
    let titled = h
        .records(Kind::Note)
        .into_iter()
        .find(|n| n.body == "Relatives want music")
        .unwrap();
    assert_eq!(titled.title, "Friday café");
    h.key(KeyCode::Esc).key(KeyCode::Char('N')).ctrl('s');
    assert!(
        h.screen()
            .contains("Answer this question first: “What do you want to note?”"),
        "{}",
        h.screen()
    );
}

#[test]
fn o_with_nothing_due_says_so_and_x_says_it_drops_the_experiment() {
    let mut h = Harness::new(Language::English, |_| {});
    h.key(KeyCode::Char('o'));
    assert!(
        h.screen().contains("No experiment is due for a look-back."),
        "{}",
        h.screen()
    );
    let mut h = Harness::new(Language::English, busy);
    h.key(KeyCode::Char('t'))
        .key(KeyCode::Char('f'))
        .text("experiment")
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    h.key(KeyCode::Char('x'));
    let screen = h.screen();
    assert!(
        screen.contains("After-action review — dropping “")
            && screen.contains("Saving this review drops the experiment; Esc goes back"),
        "{screen}"
    );
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc)
        .key(KeyCode::Char('N'))
        .key(KeyCode::Esc);
    h.key(KeyCode::Char('f'));
    for _ in 0.."experiment".len() {
        h.key(KeyCode::Backspace);
    }
    h.text("note").key(KeyCode::Enter);
    h.key(KeyCode::Enter).key(KeyCode::Char('o'));
    assert!(
        h.screen().contains("o and x work on an experiment only."),
        "{}",
        h.screen()
    );
}

#[test]
fn help_lists_the_new_keys_in_both_languages() {
    for (lang, note, undo) in [
        (Language::English, "new note", "undo delete"),
        (Language::Danish, "ny note", "fortryd sletning"),
    ] {
        let mut h = Harness::new(lang, |_| {});
        h.sized(120, 40);
        h.key(KeyCode::Char('?'));
        let screen = h.screen();
        // The keys' column is as wide as the longest key name of the language.
        let spaced = screen
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            spaced.contains(&format!("N {note}")) && spaced.contains(&format!("u {undo}")),
            "{screen}"
        );
        h.key(KeyCode::Esc)
            .key(KeyCode::Char('t'))
            .key(KeyCode::Char('?'));
        assert!(h.screen().contains(undo), "{}", h.screen());
    }
}

#[test]
fn the_review_page_shows_every_answer_whole_and_scrolls_to_the_end() {
    let mut h = Harness::new(Language::English, |_| {});
    h.key(KeyCode::Char('c'));
    h.text(LONG).key(KeyCode::Tab);
    h.text(LONG).key(KeyCode::Tab);
    h.key(KeyCode::Char('4')).key(KeyCode::Tab);
    h.text(&format!("{LONG} REVIEW-END")).key(KeyCode::Tab);
    let top = h.screen();
    assert!(top.contains("Look over your answers"), "{top}");
    assert!(!top.contains("REVIEW-END"), "{top}");
    assert!(top.contains(" of "), "the position shows: {top}");
    insta::assert_snapshot!("review_long_top", top);
    // The arrows move to the last answer, and it is shown whole.
    h.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::Down);
    let last = h.screen();
    assert!(last.contains("REVIEW-END"), "{last}");
    assert!(last.contains("4. "), "its question too: {last}");
    insta::assert_snapshot!("review_long_last_selected", last);
    // The ends select the first and last answer; pages scroll the text.
    h.key(KeyCode::Home);
    assert_eq!(h.screen(), top);
    h.key(KeyCode::End);
    assert!(h.screen().contains("REVIEW-END"));
    h.key(KeyCode::Home)
        .key(KeyCode::PageDown)
        .key(KeyCode::PageDown);
    assert!(h.screen().contains("REVIEW-END"), "{}", h.screen());
    h.key(KeyCode::PageUp).key(KeyCode::PageUp);
    assert!(h.screen().contains("Look over your answers"));
}

#[test]
fn a_long_timeline_says_where_one_is_and_pages_by_the_window() {
    let mut h = Harness::new(Language::English, |j| {
        for i in 0..1000u32 {
            let when = at(1, 8) + chrono::Duration::minutes(i64::from(i) * 30);
            record(j, when, &format!("Note number {i}"), Content::Note);
        }
    });
    h.key(KeyCode::Char('t'));
    let screen = h.screen();
    assert!(screen.contains(" 1 of 200+ "), "more to read: {screen}");
    assert!(screen.contains("Note number 999"), "{screen}");
    h.key(KeyCode::PageDown);
    let screen = h.screen();
    assert!(
        screen.contains(" 20 of 200+ "),
        "a page is the window's rows: {screen}"
    );
    h.key(KeyCode::Char(' ')).ctrl('d');
    assert!(h.screen().contains(" 48 of "), "{}", h.screen());
    for _ in 0..10 {
        h.key(KeyCode::End);
    }
    let screen = h.screen();
    assert!(screen.contains(" 1000 of 1000 "), "{screen}");
    assert!(screen.contains("Note number 0"), "{screen}");
    h.key(KeyCode::Home);
    assert!(h.screen().contains(" 1 of 1000 "));
}

#[test]
fn a_wide_timeline_shows_the_selected_record_beside_the_list() {
    let mut h = Harness::new(Language::English, busy);
    h.sized(120, 40).key(KeyCode::Char('t'));
    let screen = h.screen();
    assert!(screen.contains("Preview"), "{screen}");
    // The newest record (a check-in) is selected: its answer stands in the preview.
    assert!(screen.contains("Day 22 at the day centre"), "{screen}");
    insta::assert_snapshot!("timeline_preview_120x40", screen);
    // Moving the selection moves the preview; the comment count says how to read them.
    h.key(KeyCode::Down).key(KeyCode::Down);
    let screen = h.screen();
    assert!(
        screen.contains("The councillors asked what relatives think"),
        "{screen}"
    );
    assert!(
        screen.contains("1 comment — Enter opens the record"),
        "{screen}"
    );
    // At 80 columns there is no room for it.
    h.sized(80, 24);
    assert!(!h.screen().contains("Preview"));
}

#[test]
fn a_long_message_wraps_onto_more_rows_instead_of_being_cut() {
    let mut h = Harness::new(Language::Danish, |_| {});
    h.key(KeyCode::Char('o'));
    let screen = h.screen();
    let rows: Vec<&str> = screen.lines().collect();
    let footer = rows.len() - 1;
    let message = format!("{} {}", rows[footer - 2].trim(), rows[footer - 1].trim());
    assert_eq!(
        message,
        "Intet eksperiment venter på opfølgning. Åbn et (t), og tryk o for at skrive resultatet.",
        "{screen}"
    );
    assert!(rows[footer].contains("hjælp"), "the footer stays: {screen}");
    for row in &rows {
        assert!(praxis::width::cells(row) <= 80, "{row}");
    }
}

#[test]
fn home_says_when_comments_arrived_and_m_opens_them_until_read() {
    let mut h = Harness::new(Language::English, busy);
    let screen = h.screen();
    assert!(
        screen
            .contains("A new comment from Mette (mentor) on “Council budget hearing” — m reads it"),
        "{screen}"
    );
    h.key(KeyCode::Char('m'));
    let screen = h.screen();
    assert!(
        screen.contains("What would it take to ask them before the next hearing?"),
        "{screen}"
    );
    h.key(KeyCode::Esc);
    assert!(!h.screen().contains("new comment"), "{}", h.screen());
    // Read stays read after the app is closed and opened again.
    h.reopen();
    assert!(!h.screen().contains("new comment"), "{}", h.screen());
    h.key(KeyCode::Char('m'));
    assert!(h.screen().contains("No new comments."), "{}", h.screen());
    // Two more, from two people, on two records: the newest opens first.
    let records = h.records(Kind::Experiment);
    for (i, (r, who)) in records.iter().zip(["Bo", "Mette (mentor)"]).enumerate() {
        let when = at(22, 10 + i as u32);
        h.app()
            .journal()
            .add_comment(&Comment {
                id: RecordId::new_at(when),
                on: r.id,
                author: praxis::record::JournalId::new_at(at(1, 2 + i as u32)),
                author_name: who.into(),
                created: when,
                text: format!("QUESTION-{i}"),
                reach: Default::default(),
                signature: None,
            })
            .unwrap();
    }
    h.reopen();
    let screen = h.screen();
    assert!(
        screen.contains("2 new comments from Mette (mentor) and Bo — m reads the newest"),
        "{screen}"
    );
    h.key(KeyCode::Char('m'));
    assert!(h.screen().contains("QUESTION-1"), "{}", h.screen());
    h.key(KeyCode::Esc);
    assert!(
        h.screen().contains("A new comment from Bo"),
        "{}",
        h.screen()
    );
}

#[test]
fn a_long_home_keeps_the_selected_row_in_view() {
    let mut h = Harness::new(Language::English, |j| {
        for i in 0..15u32 {
            record(
                j,
                at(2, 8) + chrono::Duration::hours(i64::from(i)),
                &format!("Cycle number {i}"),
                Content::Cycle {
                    question: format!("How do I let citizens shape service {i}?"),
                    status: CycleStatus::Active,
                    goal: String::new(),
                    ends: None,
                    closing: None,
                },
            );
        }
    });
    let top = h.screen();
    assert!(top.contains("Cycle number 14"), "newest first: {top}");
    assert!(!top.contains("Cycle number 0 "), "{top}");
    assert!(top.contains(" 1–19 of "), "where one is: {top}");
    h.key(KeyCode::End);
    let end = h.screen();
    assert!(end.contains("Cycle number 0 "), "{end}");
    assert!(end.contains("service 0?"), "its question too: {end}");
    h.key(KeyCode::Home);
    assert_eq!(h.screen(), top);
}

#[test]
fn a_paste_with_tabs_and_line_breaks_stays_in_the_answer() {
    let mut h = Harness::new(Language::English, |_| {});
    h.key(KeyCode::Char('c'))
        .text("First answer")
        .key(KeyCode::Tab);
    assert!(h.screen().contains("2 of 4"));
    h.app().handle_event(crossterm::event::Event::Paste(
        "Column1\tColumn2\tColumn3\r\nvalue a\tvalue b\tvalue c".into(),
    ));
    let screen = h.screen();
    assert!(
        screen.contains("2 of 4"),
        "still on the same question: {screen}"
    );
    h.key(KeyCode::Tab);
    assert!(h.screen().contains("3 of 4"), "{}", h.screen());
    h.ctrl('c');
    h.reopen();
    let draft: praxis::flow::Draft = h.app().journal().draft().unwrap().unwrap();
    assert_eq!(
        draft.values[1],
        "Column1    Column2    Column3\nvalue a    value b    value c"
    );
    assert_eq!(draft.values[2], "", "the scale question was not touched");
    // In search, a paste is one line of query.
    h.key(KeyCode::Char('/'));
    h.app()
        .handle_event(crossterm::event::Event::Paste("first\nanswer".into()));
    assert!(h.screen().contains("first answer"), "{}", h.screen());
}

#[test]
fn one_esc_does_not_throw_a_written_comment_away() {
    let mut h = Harness::new(Language::English, busy);
    h.key(KeyCode::Char('t')).key(KeyCode::Enter);
    h.key(KeyCode::Char('c'))
        .text("Good thinking.\nWhat did Lise say?");
    h.key(KeyCode::Esc);
    let screen = h.screen();
    assert!(
        screen.contains("Esc again throws this comment away"),
        "{screen}"
    );
    assert!(
        screen.contains("What did Lise say?"),
        "the text is still there: {screen}"
    );
    // Typing on and Ctrl-s saves it whole.
    h.text(" And Bo?").ctrl('s');
    let records = h.records(Kind::Reflection);
    let comments = h.app().journal().comments_on(records[0].id).unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(
        comments[0].text,
        "Good thinking.\nWhat did Lise say? And Bo?"
    );
    // Two Escs throw a new one away; an empty box closes at once.
    h.key(KeyCode::Char('c')).text("Never mind");
    h.key(KeyCode::Esc).key(KeyCode::Esc);
    assert!(!h.screen().contains("Never mind"));
    h.key(KeyCode::Char('c')).key(KeyCode::Esc);
    assert!(!h.screen().contains("Esc again"), "{}", h.screen());
    assert_eq!(
        h.app().journal().comments_on(records[0].id).unwrap().len(),
        1
    );
}

#[test]
fn search_results_page_and_cut_with_a_mark() {
    let mut h = Harness::new(Language::English, |j| {
        for i in 0..60u32 {
            let mut r = record(
                j,
                at(2, 8) + chrono::Duration::hours(i64::from(i)),
                &format!(
                    "Meeting {i} with the night shift about the handover board and what it shows"
                ),
                Content::Note,
            );
            r.body = format!(
                "We talked for a long while about many things before anyone said the word rota, {i}."
            );
            j.update(&r).unwrap();
        }
    });
    h.key(KeyCode::Char('/')).text("rota");
    assert!(h.app().wait_for_search(Duration::from_secs(10), true));
    let screen = h.screen();
    assert!(screen.contains(" 1 of "), "{screen}");
    let title_row = screen.lines().find(|l| l.contains("Meeting")).unwrap();
    assert!(
        title_row.contains('…'),
        "a cut title is marked: {title_row}"
    );
    let snippet = screen
        .lines()
        .find(|l| l.contains("word rota"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        snippet.contains("…") && !snippet.contains("…ng "),
        "a snippet starts at a word, marked: {snippet}"
    );
    h.key(KeyCode::PageDown);
    assert!(!h.screen().contains(" 1 of "), "PgDn moves: {}", h.screen());
    h.key(KeyCode::PageUp);
    assert!(h.screen().contains(" 1 of "));
    h.key(KeyCode::Tab).text("x");
    let screen = h.screen();
    assert!(screen.contains("│rotax"), "Tab typed nothing: {screen}");
}

#[test]
fn u_undoes_every_delete_made_while_the_app_is_open_newest_first() {
    let mut h = Harness::new(Language::English, busy);
    let before = h.records(Kind::Experiment).len();
    for _ in 0..2 {
        h.key(KeyCode::Char('t')).key(KeyCode::End);
        // The oldest rows are the experiments and the cycle; open the last experiment.
        h.key(KeyCode::Up).key(KeyCode::Enter);
        assert!(h.screen().contains("experiment ·"), "{}", h.screen());
        h.key(KeyCode::Char('d')).key(KeyCode::Char('y'));
        h.key(KeyCode::Esc);
    }
    assert_eq!(h.records(Kind::Experiment).len(), before - 2);
    h.key(KeyCode::Char('u'));
    assert_eq!(h.records(Kind::Experiment).len(), before - 1);
    h.key(KeyCode::Char('u'));
    assert_eq!(h.records(Kind::Experiment).len(), before, "both back");
    h.key(KeyCode::Char('u'));
    assert!(h.screen().contains("Nothing to undo."));
}

#[test]
fn m_opens_a_long_record_where_its_new_comment_is() {
    let mut h = Harness::new(Language::English, |j| {
        long_reflection(j);
    });
    assert!(h.screen().contains("A new comment from Mette (mentor)"));
    h.key(KeyCode::Char('m'));
    let screen = h.screen();
    assert!(screen.contains("COMMENT-END"), "{screen}");
}

#[test]
fn back_from_changing_an_answer_the_review_keeps_it_selected() {
    let mut h = Harness::new(Language::English, |_| {});
    h.key(KeyCode::Char('c'));
    h.text("Met them").key(KeyCode::Tab);
    h.text("They talked").key(KeyCode::Tab);
    h.key(KeyCode::Char('4')).key(KeyCode::Tab);
    h.text("Ask again").key(KeyCode::Tab);
    assert!(h.screen().contains("Look over your answers"));
    // Change the second answer.
    h.key(KeyCode::Down).key(KeyCode::Enter);
    assert!(h.screen().contains("2 of 4"), "{}", h.screen());
    h.text(" at length").key(KeyCode::Tab);
    assert!(h.screen().contains("Look over your answers"));
    // Enter again opens the same answer, not the first.
    h.key(KeyCode::Enter);
    let screen = h.screen();
    assert!(
        screen.contains("2 of 4") && screen.contains("They talked at length"),
        "{screen}"
    );
}

#[test]
fn changing_who_may_see_a_record_says_so_and_that_its_comments_go_with_it() {
    let mut h = Harness::new(Language::English, busy);
    h.key(KeyCode::Char('t'))
        .key(KeyCode::Down)
        .key(KeyCode::Down)
        .key(KeyCode::Enter);
    assert!(h.screen().contains("Council budget hearing"));
    h.key(KeyCode::Char('v'));
    let screen = h.screen();
    let flowing: String = screen.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(
        flowing.contains("Shared with your mentor at the next export.")
            && flowing.contains("With it: 1 comment."),
        "{screen}"
    );
    h.key(KeyCode::Char('v')).key(KeyCode::Char('v'));
    assert!(
        h.screen().contains("Private now: only you see it."),
        "{}",
        h.screen()
    );
}

// ---- The loop (issue 13): phase-correct keys, carry forward, concluding, the pictures. ----

fn when(month: u32, day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, hour, 0, 0).unwrap()
}

fn text_answer(question: &str, text: &str) -> praxis::record::Answer {
    praxis::record::Answer {
        question: question.into(),
        value: praxis::record::AnswerValue::Text(text.into()),
        why: None,
    }
}

fn scale_answer(question: &str, n: i64) -> praxis::record::Answer {
    praxis::record::Answer {
        question: question.into(),
        value: praxis::record::AnswerValue::Scale(n),
        why: None,
    }
}

fn choice_answer(question: &str, id: &str) -> praxis::record::Answer {
    praxis::record::Answer {
        question: question.into(),
        value: praxis::record::AnswerValue::Choice(id.into()),
        why: None,
    }
}

fn reflection(
    j: &Journal,
    at: DateTime<Utc>,
    set: &str,
    cycle: Option<RecordId>,
    experiment: Option<RecordId>,
    answers: Vec<praxis::record::Answer>,
) -> Record {
    let title = match set {
        "daily-checkin" => "Daily check-in",
        "relational-coordination" => "Relational coordination",
        "after-action-review" => "After-action review",
        _ => "Reflection",
    };
    record(
        j,
        at,
        title,
        Content::Reflection {
            set: set.into(),
            cycle,
            experiment,
            answers,
        },
    )
}

/// Half a year of practice on working days: a cycle with a line of experiments (v1 done with
/// its signal partly showing and "adjust", v2 from it, running and overdue; one dropped), about
/// a hundred and thirty check-ins with a voice score, notes, relational-coordination stock-takes
/// of three counterparts every four weeks, and a mentor's question. About two hundred records.
fn half_a_year(j: &Journal) -> (Record, Record, Record) {
    let cycle = record(
        j,
        when(6, 1, 8),
        "Let citizens shape home care",
        Content::Cycle {
            question: "How do I let citizens' ideas shape our home-care services?".into(),
            status: CycleStatus::Active,
            goal: "Three ideas from relatives in our services by Christmas".into(),
            ends: None,
            closing: None,
        },
    );
    let mut day = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
    let last = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let mut n = 0;
    while day <= last {
        use chrono::Datelike;
        if day.weekday().num_days_from_monday() < 5 {
            n += 1;
            if n % 9 != 0 {
                let at = Utc.from_utc_datetime(&day.and_hms_opt(16, 30, 0).unwrap());
                let mut answers = vec![
                    text_answer(
                        "happened",
                        &format!("Day {n}: a visit round and a team meeting"),
                    ),
                    scale_answer("voice", 1 + (n * 7 % 5)),
                ];
                if n % 15 == 0 {
                    answers.push(text_answer(
                        "try-tomorrow",
                        "Ask one relative what they would change",
                    ));
                }
                let linked =
                    (day >= NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()).then_some(cycle.id);
                reflection(j, at, "daily-checkin", linked, None, answers);
            }
            if n % 5 == 2 {
                let at = Utc.from_utc_datetime(&day.and_hms_opt(11, 0, 0).unwrap());
                let mut note = Record::new(j.meta().id, at, Content::Note);
                note.title = format!(
                    "Notes from the team meeting, week {}",
                    day.iso_week().week()
                );
                note.body = "Who asked what, and what we left open.".into();
                j.insert(&note).unwrap();
            }
        }
        day = day.succ_opt().unwrap();
    }
    let counterparts = ["Home care", "The hospital ward", "Job centre"];
    for round in 0..6u32 {
        for (k, who) in counterparts.iter().enumerate() {
            let at = when(6, 3, 9 + k as u32) + chrono::Duration::days(28 * i64::from(round));
            let base = [3i64, 2, 4][k];
            let score = |d: i64| (base + (i64::from(round) + d) % 3 - 1).clamp(1, 5);
            let mut answers = vec![text_answer("counterpart", who)];
            for (d, q) in [
                "frequent",
                "timely",
                "accurate",
                "problem-solving",
                "shared-goals",
                "shared-knowledge",
                "mutual-respect",
            ]
            .iter()
            .enumerate()
            {
                answers.push(scale_answer(q, score(d as i64)));
            }
            if k == 1 {
                answers.push(text_answer(
                    "strengthen",
                    "Invite the ward's discharge nurse to our Monday huddle",
                ));
            }
            reflection(
                j,
                at,
                "relational-coordination",
                Some(cycle.id),
                None,
                answers,
            );
        }
    }
    let experiment = |title: &str, at, content| record(j, at, title, content);
    let v1 = experiment(
        "Open office hour for relatives",
        when(7, 1, 9),
        Content::Experiment {
            cycle: Some(cycle.id),
            with: vec!["relatives".into()],
            expectation: "Ideas we have not heard before".into(),
            signal: "Three ideas tried by January".into(),
            follow_up: NaiveDate::from_ymd_opt(2026, 7, 15),
            status: ExperimentStatus::Done,
            outcome: Some("Two ideas, both about the Friday activities".into()),
            from: None,
            closed: Some(when(7, 16, 10)),
            signal_met: Some(praxis::record::SignalMet::Partly),
        },
    );
    reflection(
        j,
        when(7, 16, 10),
        "after-action-review",
        Some(cycle.id),
        Some(v1.id),
        vec![
            text_answer("intended", "Ideas we have not heard before"),
            text_answer("happened", "Two ideas, both about the Friday activities"),
            choice_answer("signal-showed", "partly"),
            text_answer("why", "Only the relatives who already talk to us came"),
            text_answer("next-time", "Hold it at the day centre, not the town hall"),
            choice_answer("outcome", "adjust"),
        ],
    );
    reflection(
        j,
        when(7, 20, 15),
        "kolb",
        Some(cycle.id),
        Some(v1.id),
        vec![
            text_answer("experience", "The office hour"),
            text_answer(
                "experimentation",
                "Ask the day centre's users' council to host it",
            ),
        ],
    );
    let v2 = experiment(
        "Office hour at the day centre",
        when(7, 21, 9),
        Content::Experiment {
            cycle: Some(cycle.id),
            with: vec!["relatives, the day centre".into()],
            expectation: "Relatives who never come to the town hall".into(),
            signal: "Five relatives in a month".into(),
            follow_up: NaiveDate::from_ymd_opt(2026, 11, 20),
            status: ExperimentStatus::Running,
            outcome: None,
            from: Some(v1.id),
            closed: None,
            signal_met: None,
        },
    );
    experiment(
        "Relatives on the hiring panel",
        when(8, 3, 9),
        Content::Experiment {
            cycle: Some(cycle.id),
            with: vec!["relatives, HR".into()],
            expectation: "A say in who cares for their parents".into(),
            signal: "Two relatives on a panel".into(),
            follow_up: NaiveDate::from_ymd_opt(2026, 9, 10),
            status: ExperimentStatus::Dropped,
            outcome: Some("The union asked us to wait for the new agreement".into()),
            from: None,
            closed: Some(when(9, 10, 12)),
            signal_met: Some(praxis::record::SignalMet::No),
        },
    );
    reflection(
        j,
        when(9, 11, 15),
        "kolb",
        Some(cycle.id),
        None,
        vec![text_answer("experience", "The hiring panel stopped")],
    );
    j.add_comment(&Comment {
        id: RecordId::new_at(when(7, 18, 9)),
        on: v1.id,
        author: praxis::record::JournalId::new_at(when(1, 1, 1)),
        author_name: "Mette (mentor)".into(),
        created: when(7, 18, 9),
        text: "What did the relatives who did not come think?".into(),
        reach: Default::default(),
        signature: None,
    })
    .unwrap();
    (cycle, v1, v2)
}

/// The flow's purpose as its draft keeps it: type a letter, leave, read the draft, throw it away.
fn purpose_of_flow(h: &mut Harness) -> praxis::flow::Purpose {
    h.text("x").key(KeyCode::Esc);
    let draft: praxis::flow::Draft = h.app().journal().draft().unwrap().expect("a draft");
    h.key(KeyCode::Char('x')).key(KeyCode::Char('y'));
    draft.purpose
}

#[test]
fn r_and_e_on_home_belong_to_the_highlighted_experiment_or_cycle() {
    use praxis::flow::Purpose;
    let mut h = Harness::new(Language::English, busy);
    let cycle = h.records(Kind::Cycle)[0].id;
    let due = h
        .records(Kind::Experiment)
        .into_iter()
        .find(|e| e.title == "Open office hour for relatives")
        .unwrap()
        .id;
    // The due experiment is the first row: R reflects on it, the observe phase's sets first.
    h.key(KeyCode::Char('R'));
    let screen = h.screen();
    assert!(
        screen.contains("Choose a prompt set — for the observe phase first"),
        "{screen}"
    );
    h.key(KeyCode::Enter);
    assert_eq!(
        purpose_of_flow(&mut h),
        Purpose::Reflection {
            cycle: Some(cycle),
            experiment: Some(due)
        }
    );
    // e on it plans in its cycle (it used to plan in none).
    h.key(KeyCode::Char('e'));
    assert_eq!(
        purpose_of_flow(&mut h),
        Purpose::PlanExperiment {
            cycle: Some(cycle),
            from: None
        }
    );
    // On the cycle's row, R belongs to the cycle.
    h.key(KeyCode::Down)
        .key(KeyCode::Char('R'))
        .key(KeyCode::Enter);
    assert_eq!(
        purpose_of_flow(&mut h),
        Purpose::Reflection {
            cycle: Some(cycle),
            experiment: None
        }
    );
}

#[test]
fn s_starts_the_planned_experiment_and_reflecting_on_it_offers_the_note_in_action_first() {
    let mut h = Harness::new(Language::English, busy);
    // On the cycle's row, s starts its one planned experiment.
    h.key(KeyCode::Down).key(KeyCode::Char('s'));
    let screen = h.screen();
    assert!(
        screen.contains("Started: “Let the night shift plan its own rota”"),
        "{screen}"
    );
    let rota = h
        .records(Kind::Experiment)
        .into_iter()
        .find(|e| e.title == "Let the night shift plan its own rota")
        .unwrap();
    assert!(matches!(
        rota.content,
        Content::Experiment {
            status: ExperimentStatus::Running,
            closed: None,
            ..
        }
    ));
    h.key(KeyCode::Char('s'));
    assert!(h.screen().contains("no planned experiment to start"));
    // Open it from the cycle: reflecting on a running experiment offers the act phase's sets.
    h.key(KeyCode::Enter).key(KeyCode::Down).key(KeyCode::Enter);
    assert!(h.screen().contains("status: running"), "{}", h.screen());
    h.key(KeyCode::Char('s'));
    assert!(h.screen().contains("already running"));
    h.key(KeyCode::Char('R'));
    let screen = h.screen();
    assert!(screen.contains("for the act phase first"), "{screen}");
    let first_set = screen
        .lines()
        .find(|l| l.contains('●'))
        .unwrap_or_default()
        .to_string();
    assert!(first_set.contains("Note in action"), "{screen}");
}

#[test]
fn the_review_starts_from_the_plan_and_stores_whether_the_signal_showed() {
    let mut h = Harness::new(Language::English, busy);
    h.key(KeyCode::Char('o'));
    let screen = h.screen();
    for shown in [
        "Your plan: Open office hour for relatives",
        "I expect: Ideas we have not heard before",
        "I will know by: Three ideas tried by January",
        "with: relatives, care workers",
    ] {
        assert!(screen.contains(shown), "{shown}: {screen}");
    }
    // What was supposed to happen starts from the plan's expectation.
    assert!(
        screen.matches("Ideas we have not heard before").count() >= 2,
        "{screen}"
    );
    h.key(KeyCode::Tab);
    h.text("Four relatives came, two ideas").key(KeyCode::Tab);
    let screen = h.screen();
    assert!(screen.contains("Did the signal you chose in the plan show?"));
    assert!(
        screen.contains("I will know by: Three ideas tried by January"),
        "{screen}"
    );
    h.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::Enter); // no
    h.text("Too soon").key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.text("Ask at the day centre").key(KeyCode::Tab);
    h.key(KeyCode::Enter); // keep
    h.ctrl('s');
    let e = h
        .records(Kind::Experiment)
        .into_iter()
        .find(|e| e.title == "Open office hour for relatives")
        .unwrap();
    assert!(
        matches!(
            e.content,
            Content::Experiment {
                signal_met: Some(praxis::record::SignalMet::No),
                status: ExperimentStatus::Done,
                ..
            }
        ),
        "{:?}",
        e.content
    );
}

#[test]
fn e_on_a_saved_reflection_carries_its_next_step_forward_filled_in_and_linked() {
    let mut h = Harness::new(Language::English, |j| {
        let cycle = record(
            j,
            at(2, 9),
            "Trust-based steering",
            Content::Cycle {
                question: "Where can I let go?".into(),
                status: CycleStatus::Active,
                goal: String::new(),
                ends: None,
                closing: None,
            },
        );
        reflection(
            j,
            at(20, 15),
            "kolb",
            Some(cycle.id),
            None,
            vec![
                text_answer("experience", "The rota meeting"),
                text_answer("experimentation", "Let the night shift draft the rota"),
            ],
        );
    });
    let kolb = h.records(Kind::Reflection)[0].clone();
    let cycle = h.records(Kind::Cycle)[0].id;
    h.key(KeyCode::Enter).key(KeyCode::Enter);
    assert!(
        h.screen()
            .contains("A next step: e plans it as an experiment")
    );
    h.key(KeyCode::Char('e'));
    let screen = h.screen();
    assert!(screen.contains("follows from “"), "{screen}");
    assert!(
        screen.contains("Let the night shift draft the rota"),
        "{screen}"
    );
    h.key(KeyCode::Tab).key(KeyCode::Tab);
    h.text("The night shift").key(KeyCode::Tab);
    h.text("Fewer swaps").key(KeyCode::Tab);
    h.text("Swap requests").key(KeyCode::Tab);
    h.key(KeyCode::Tab).text("+2w").key(KeyCode::Tab).ctrl('s');
    let experiments = h.records(Kind::Experiment);
    assert_eq!(experiments.len(), 1, "{}", h.screen());
    let e = &experiments[0];
    assert_eq!(e.title, "Let the night shift draft the rota");
    assert_eq!(e.follows_from(), Some(kolb.id));
    assert_eq!(e.cycle(), Some(cycle));
    // Back on the reflection: what followed from it is listed, and opens.
    let screen = h.screen();
    assert!(
        screen.contains("followed by: Let the night shift draft the rota"),
        "{screen}"
    );
    h.key(KeyCode::Enter);
    let screen = h.screen();
    assert!(screen.contains("follows from: "), "{screen}");
    assert!(screen.contains("status: planned"), "{screen}");
}

#[test]
fn adjust_in_a_review_plans_the_follow_up_linked_to_the_first() {
    let mut h = Harness::new(Language::English, busy);
    let v1 = h
        .records(Kind::Experiment)
        .into_iter()
        .find(|e| e.title == "Open office hour for relatives")
        .unwrap();
    h.key(KeyCode::Char('o'));
    h.key(KeyCode::Tab);
    h.text("Only regulars came").key(KeyCode::Tab);
    h.key(KeyCode::Down).key(KeyCode::Enter); // partly
    h.text("The town hall keeps people away").key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.text("Hold it at the day centre").key(KeyCode::Tab);
    h.key(KeyCode::Down).key(KeyCode::Enter); // adjust
    h.ctrl('s');
    let screen = h.screen();
    assert!(
        screen.contains("You chose to adjust: plan the follow-up experiment now"),
        "{screen}"
    );
    h.key(KeyCode::Char('y'));
    let screen = h.screen();
    assert!(screen.contains("Hold it at the day centre"), "{screen}");
    assert!(
        screen.contains("follows from “Open office hour for relatives”"),
        "{screen}"
    );
    for _ in 0..6 {
        h.key(KeyCode::Tab);
    }
    h.text("+2w").key(KeyCode::Tab).ctrl('s');
    let v2 = h
        .records(Kind::Experiment)
        .into_iter()
        .find(|e| e.title == "Hold it at the day centre")
        .expect("the follow-up");
    assert_eq!(v2.follows_from(), Some(v1.id));
    assert_eq!(v2.cycle(), v1.cycle());
    assert!(matches!(
        &v2.content,
        Content::Experiment { expectation, signal, .. }
            if expectation == "Ideas we have not heard before" && signal == "Three ideas tried by January"
    ));
    // v1's record shows what followed it.
    h.key(KeyCode::Char('/')).text("Open office hour");
    h.app().wait_for_search(Duration::from_secs(5), true);
    h.key(KeyCode::Enter);
    let screen = h.screen();
    assert!(
        screen.contains("followed by: Hold it at the day centre"),
        "{screen}"
    );
}

#[test]
fn any_other_key_than_yes_to_the_follow_up_plans_nothing_now() {
    let mut h = Harness::new(Language::English, busy);
    h.key(KeyCode::Char('o')).key(KeyCode::Tab);
    h.text("Only regulars came").key(KeyCode::Tab);
    h.key(KeyCode::Enter);
    h.text("Too soon").key(KeyCode::Tab).key(KeyCode::Tab);
    h.text("Try again").key(KeyCode::Tab);
    h.key(KeyCode::Down).key(KeyCode::Enter);
    h.ctrl('s');
    h.key(KeyCode::Char('n'));
    assert!(
        h.screen()
            .contains("Not now. e on the review plans it later.")
    );
    assert_eq!(h.records(Kind::Experiment).len(), 2);
}

#[test]
fn concluding_a_cycle_with_open_experiments_warns_then_concludes_and_it_stays_reachable() {
    let mut h = Harness::new(Language::English, busy);
    let cycle = h.records(Kind::Cycle)[0].id;
    h.key(KeyCode::Down).key(KeyCode::Enter);
    h.key(KeyCode::Char('C'));
    let screen = h.screen();
    assert!(
        screen.contains("2 experiments of this cycle are still open"),
        "{screen}"
    );
    assert!(
        screen.contains("“Open office hour for relatives”"),
        "{screen}"
    );
    h.key(KeyCode::Char('n'));
    assert!(matches!(
        h.records(Kind::Cycle)[0].content,
        Content::Cycle {
            status: CycleStatus::Active,
            ..
        }
    ));
    // A no says what it left as it was, not the follow-up offer's "e … later".
    let screen = h.screen();
    assert!(
        screen.contains("Not concluded: the cycle stays active."),
        "{screen}"
    );
    h.key(KeyCode::Char('C')).key(KeyCode::Char('y'));
    let screen = h.screen();
    assert!(
        screen.contains("What have you learned about your question?"),
        "{screen}"
    );
    h.text("Relatives shape more than I let them")
        .key(KeyCode::Tab);
    h.text("Asking before deciding").key(KeyCode::Tab);
    h.text("The team, at the next staff day").key(KeyCode::Tab);
    h.text("A cycle on the night shift").key(KeyCode::Tab);
    h.ctrl('s');
    let screen = h.screen();
    assert!(
        screen.contains("Concluded. S shows what the cycle taught"),
        "{screen}"
    );
    assert!(screen.contains("status: concluded"), "{screen}");
    let c = h.records(Kind::Cycle).remove(0);
    let Content::Cycle {
        status, closing, ..
    } = &c.content
    else {
        panic!()
    };
    assert_eq!(*status, CycleStatus::Concluded);
    let closing = closing.expect("the closing reflection");
    let r = h.app().journal().get(closing).unwrap().unwrap();
    assert_eq!(r.cycle(), Some(cycle));
    assert!(matches!(&r.content, Content::Reflection { set, .. } if set == "conclude-cycle"));
    h.key(KeyCode::Char('C'));
    assert!(h.screen().contains("already concluded"));
    // Home: no active cycle, the concluded one listed, and Enter opens it.
    h.key(KeyCode::Esc);
    let screen = h.screen();
    assert!(screen.contains("No active cycle."), "{screen}");
    assert!(screen.contains("Concluded cycles"), "{screen}");
    h.key(KeyCode::Down).key(KeyCode::Enter);
    let screen = h.screen();
    assert!(screen.contains("Let citizens shape home care"), "{screen}");
    assert!(screen.contains("status: concluded"), "{screen}");
}

#[test]
fn home_shows_the_rhythm_the_user_set_and_what_the_last_check_in_meant_to_try() {
    let mut h = Harness::new(Language::English, |j| {
        // Monday 9 to Friday 20 November, every working day; nothing at the weekend.
        for day in [9, 10, 11, 12, 13, 16, 17, 18, 19, 20] {
            let mut answers = vec![text_answer("happened", "A day")];
            if day == 20 {
                answers.push(text_answer("try-tomorrow", "Ask the night shift first"));
            }
            reflection(j, at(day, 16), "daily-checkin", None, None, answers);
        }
    });
    assert!(
        h.screen().contains("daily: 0 days in a row"),
        "{}",
        h.screen()
    );
    drop(h.app.take());
    let mut j = Journal::open(h.dir.path()).unwrap();
    let mut meta = j.meta().clone();
    meta.rhythm = praxis::rhythm::Rhythm::WorkingDays;
    j.set_meta(meta).unwrap();
    drop(j);
    h.reopen();
    let screen = h.screen();
    assert!(
        screen.contains("working days: 10 days in a row"),
        "a Monday-to-Friday manager keeps it over the weekend: {screen}"
    );
    assert!(
        screen.contains("You meant to try (3 days ago): Ask the night shift first — did you?"),
        "{screen}"
    );
    h.key(KeyCode::Char('c'));
    let screen = h.screen();
    assert!(
        screen.contains("You meant to try (3 days ago): Ask the night shift first"),
        "today's check-in asks: {screen}"
    );
}

#[test]
fn a_cycle_row_says_a_reflection_is_owed_while_another_experiment_is_open() {
    let mut h = Harness::new(Language::English, |j| {
        busy(j);
        let cycle = j
            .list(&praxis::query::Filter {
                kind: Some(Kind::Cycle),
                ..Default::default()
            })
            .unwrap()[0]
            .id;
        record(
            j,
            at(12, 9),
            "Ask the council's youth panel",
            Content::Experiment {
                cycle: Some(cycle),
                with: vec![],
                expectation: String::new(),
                signal: String::new(),
                follow_up: NaiveDate::from_ymd_opt(2026, 11, 19),
                status: ExperimentStatus::Done,
                outcome: Some("They came".into()),
                from: None,
                closed: Some(at(22, 18)),
                signal_met: None,
            },
        );
    });
    let screen = h.screen();
    assert!(screen.contains("reflection owed"), "{screen}");
    h.key(KeyCode::Down).key(KeyCode::Enter);
    let screen = h.screen();
    assert!(
        screen.contains("reflection owed on: Ask the council's youth panel"),
        "{screen}"
    );
}

#[test]
fn the_summary_of_a_cycle_shows_the_chain_and_scrolls() {
    let mut h = Harness::new(Language::English, |j| {
        half_a_year(j);
    });
    assert!(h.records(Kind::Reflection).len() > 100);
    // The cycle is the second row (after the overdue v2).
    h.key(KeyCode::Down)
        .key(KeyCode::Enter)
        .key(KeyCode::Char('S'));
    insta::assert_snapshot!("summary_cycle_80x24", h.screen());
    insta::assert_snapshot!("summary_cycle_120x40", h.sized(120, 40).screen());
    h.key(KeyCode::Char('G'));
    let screen = h.screen();
    assert!(screen.contains("Still overdue"), "{screen}");
    assert!(
        screen.contains("look back 3 days ago: Office hour at the day centre"),
        "{screen}"
    );
    h.key(KeyCode::Char('g'));
    let screen = h.screen();
    assert!(
        screen.contains("↳ Office hour at the day centre (v2) · running"),
        "{screen}"
    );
    assert!(screen.contains("signal showed: partly"), "{screen}");
    // From home, S sums up this month.
    h.key(KeyCode::Esc)
        .key(KeyCode::Esc)
        .key(KeyCode::Char('S'));
    let screen = h.screen();
    assert!(screen.contains("What I learned: November 2026"), "{screen}");
}

#[test]
fn the_coordination_map_has_a_row_per_counterpart_and_plans_on_the_weakest_tie() {
    let mut h = Harness::new(Language::English, |j| {
        half_a_year(j);
    });
    h.key(KeyCode::Char('M'));
    insta::assert_snapshot!("rc_map_80x24", h.screen());
    insta::assert_snapshot!("rc_map_120x40", h.sized(120, 40).screen());
    let screen = h.screen();
    assert!(screen.contains("» The hospital ward"), "{screen}");
    h.key(KeyCode::Char('e'));
    let screen = h.screen();
    assert!(
        screen.contains("Invite the ward's discharge nurse to our Monday huddle"),
        "what the stock-take said it would try: {screen}"
    );
    h.key(KeyCode::Tab).key(KeyCode::Tab).key(KeyCode::Tab);
    h.text("The ward knows our Monday plans").key(KeyCode::Tab);
    h.text("Fewer surprise discharges").key(KeyCode::Tab);
    h.key(KeyCode::Tab).text("+2w").key(KeyCode::Tab).ctrl('s');
    let e = h
        .records(Kind::Experiment)
        .into_iter()
        .find(|e| e.title.starts_with("Invite the ward's"))
        .expect("planned on the tie");
    assert!(
        matches!(&e.content, Content::Experiment { with, .. } if with == &vec!["The hospital ward".to_string()])
    );
    let from = h
        .app()
        .journal()
        .get(e.follows_from().unwrap())
        .unwrap()
        .unwrap();
    assert!(
        matches!(&from.content, Content::Reflection { set, .. } if set == "relational-coordination")
    );
    assert!(e.body.contains("Strengthen"), "{}", e.body);
}

#[test]
fn the_rhythm_calendar_shows_weeks_by_weekday() {
    let mut h = Harness::new(Language::English, |j| {
        half_a_year(j);
    });
    h.key(KeyCode::Char('H'));
    insta::assert_snapshot!("calendar_80x24", h.screen());
    insta::assert_snapshot!("calendar_120x40", h.sized(120, 40).screen());
    let mut h = Harness::new(Language::Danish, |j| {
        half_a_year(j);
    });
    h.key(KeyCode::Char('H'));
    let screen = h.screen();
    assert!(
        screen.contains("Rytme: dage, du skrev, uge for uge"),
        "{screen}"
    );
    assert!(screen.contains("ma "), "{screen}");
}

#[test]
fn scale_answers_are_charted_over_time() {
    let mut h = Harness::new(Language::English, |j| {
        half_a_year(j);
    });
    h.key(KeyCode::Char('K'));
    insta::assert_snapshot!("chart_80x24", h.screen());
    h.key(KeyCode::Down);
    insta::assert_snapshot!("chart_120x40", h.sized(120, 40).screen());
    // From a summary, K charts its trends.
    let mut h = Harness::new(Language::English, |j| {
        half_a_year(j);
    });
    h.key(KeyCode::Down)
        .key(KeyCode::Enter)
        .key(KeyCode::Char('S'))
        .key(KeyCode::Char('K'));
    assert!(
        h.screen()
            .contains("Scales over time: Let citizens shape home care"),
        "{}",
        h.screen()
    );
}

#[test]
fn help_lists_the_loop_keys_on_a_cycle_in_both_languages() {
    let mut h = Harness::new(Language::Danish, busy);
    h.key(KeyCode::Down)
        .key(KeyCode::Enter)
        .key(KeyCode::Char('?'));
    let screen = h.screen();
    for key in ["start eksperiment", "afslut forløb", "det har jeg lært"] {
        assert!(screen.contains(key), "{key}: {screen}");
    }
}

#[test]
fn home_nudges_about_a_weekly_set_and_a_success_case_follow_up_that_came_due() {
    let mut h = Harness::new(Language::English, |j| {
        let weekly = Content::Reflection {
            set: "weekly-review".into(),
            cycle: None,
            experiment: None,
            answers: Vec::new(),
        };
        // Last done nine days ago: due again.
        record(j, at(14, 16), "Week review", weekly);
        let tried = record(
            j,
            at(1, 9),
            "Relatives plan the Friday visits",
            Content::Note,
        );
        let keep = Content::Reflection {
            set: "after-action-review".into(),
            cycle: None,
            experiment: Some(tried.id),
            answers: vec![praxis::record::Answer {
                question: "outcome".into(),
                value: praxis::record::AnswerValue::Choice("keep".into()),
                why: None,
            }],
        };
        // Kept 22 October: the 30-day follow-up came on 21 November.
        let mut r = Record::new(j.meta().id, at(1, 10) - chrono::Duration::days(10), keep);
        r.title = "Review of the Friday visits".into();
        j.insert(&r).unwrap();
    });
    let screen = h.screen();
    let flowing: String = screen
        .lines()
        .map(|l| l.trim().trim_matches('│').trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flowing.contains("Due: Weekly review (weekly, last 9 days ago)"),
        "{screen}"
    );
    assert!(
        flowing.contains("the 30-day success-case follow-up of “Relatives plan the Friday visits”"),
        "{screen}"
    );
}

/// The Danish demo, opened as `praxis demo --lang da` opens it, at 80×24.
fn danish_demo() -> Harness {
    utc();
    let dir = TempDir::new().unwrap();
    let library = load(None).library;
    praxis::demo::fill(dir.path(), Language::Danish, &library, now()).unwrap();
    // The first open makes the files private (as the umask left them); the screens start after.
    drop(Journal::open(dir.path()).unwrap());
    let journal = Journal::open(dir.path()).unwrap();
    let mut app = App::new(journal, library, Box::new(FixedClock(now())), None, true);
    app.show_demo_orientation();
    Harness {
        dir,
        prompts: None,
        app: Some(app),
        terminal: Terminal::new(TestBackend::new(80, 24)).unwrap(),
    }
}

/// Words that give an English screen away; the Danish screens hold none of them.
const ENGLISH_TELLS: [&str; 23] = [
    " the ",
    " and ",
    " of ",
    " is ",
    " with ",
    "press",
    "quit",
    "back",
    "look back",
    "cycle",
    "experiment",
    "reflection",
    "review",
    "since:",
    "until:",
    "Today",
    "due",
    "saved",
    "open",
    "help",
    "search",
    "keys",
    "—",
];

fn no_english(screen: &str, what: &str) {
    let lower = screen.to_lowercase();
    for tell in ENGLISH_TELLS {
        assert!(
            !lower.contains(&tell.to_lowercase()),
            "{what} shows English \"{tell}\":\n{screen}"
        );
    }
}

#[test]
fn the_main_screens_of_the_danish_demo_speak_danish_only() {
    let mut h = danish_demo();
    let snap = |h: &mut Harness, name: &str| {
        let screen = h.screen();
        no_english(&screen, name);
        insta::assert_snapshot!(name, screen);
    };
    snap(&mut h, "da_demo_orientation");
    h.key(KeyCode::Char(' '));
    snap(&mut h, "da_home");
    h.key(KeyCode::Char('?'));
    snap(&mut h, "da_help_home");
    h.key(KeyCode::Esc);
    // The experiment due today is the first row on home.
    h.key(KeyCode::Enter);
    snap(&mut h, "da_experiment_detail");
    h.key(KeyCode::Char('S'));
    snap(&mut h, "da_summary");
    h.key(KeyCode::Esc).key(KeyCode::Esc);
    // From home, the month's summary names its month in words.
    h.key(KeyCode::Char('S'));
    let screen = h.screen();
    assert!(
        screen.contains("Det har jeg lært: november 2026"),
        "{screen}"
    );
    no_english(&screen, "the month's summary");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('t'));
    snap(&mut h, "da_timeline");
    // A filter word that is none is told in Danish.
    h.key(KeyCode::Char('f')).text("møder").key(KeyCode::Enter);
    let screen = h.screen();
    assert!(screen.contains("»møder« er ikke et filter"), "{screen}");
    no_english(&screen, "a refused filter");
    h.key(KeyCode::Esc).key(KeyCode::Esc).key(KeyCode::Esc);
    h.key(KeyCode::Char('c'));
    snap(&mut h, "da_checkin_question");
    h.text("Et møde med de pårørende om fredagsbesøgene.")
        .key(KeyCode::Tab)
        .text("De talte mere, da jeg spurgte først.")
        .key(KeyCode::Tab)
        .key(KeyCode::Char('4'))
        .key(KeyCode::Tab)
        .text("Spørge først på næste møde.")
        .key(KeyCode::Tab);
    snap(&mut h, "da_checkin_review");
}
