use super::*;
use crate::prompts::load;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn set(id: &str) -> PromptSet {
    load(None).library.get(id).unwrap().clone()
}

fn reflection() -> Purpose {
    Purpose::Reflection {
        cycle: None,
        experiment: None,
    }
}

#[test]
fn steps_go_forward_to_the_review_and_back() {
    let mut f = Flow::new(set("daily-checkin"), reflection(), now());
    assert_eq!(f.step, Step::Question(0));
    f.back();
    assert_eq!(f.step, Step::Question(0), "no step before the first");
    for _ in 0..4 {
        f.next();
    }
    assert_eq!(f.step, Step::Review);
    f.next();
    assert_eq!(f.step, Step::Review);
    f.back();
    assert_eq!(f.step, Step::Question(3));
    f.go_to(2);
    assert!(f.can_skip(), "the voice scale is optional");
    f.go_to(0);
    assert!(!f.can_skip());
}

#[test]
fn a_finished_check_in_becomes_a_checked_reflection() {
    let mut f = Flow::new(set("daily-checkin"), reflection(), now());
    f.values[0] = "Met the council".into();
    f.values[1] = "They listened".into();
    assert!(
        f.answers(Language::English).is_err(),
        "try-tomorrow is required"
    );
    f.values[3] = "Ask relatives".into();
    f.values[2] = "9".into();
    f.go_to(2);
    assert!(
        f.current_problem(Language::English, today())
            .unwrap()
            .to_string()
            .contains("1 to 5")
    );
    f.values[2] = "4".into();
    assert_eq!(f.current_problem(Language::English, today()), None);
    let author = JournalId::new_at(now());
    let done = f
        .finish(
            author,
            "Daily check-in",
            now(),
            today(),
            Language::English,
            None,
        )
        .unwrap();
    assert!(done.changed.is_none());
    let r = done.new.unwrap();
    assert_eq!(r.title, "Daily check-in");
    match r.content {
        Content::Reflection { set, answers, .. } => {
            assert_eq!(set, "daily-checkin");
            assert_eq!(answers.len(), 4);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_plan_becomes_an_experiment_with_its_look_back_date() {
    let cycle = RecordId::new_at(now());
    let mut f = Flow::new(
        set(PLAN_SET),
        Purpose::PlanExperiment {
            cycle: Some(cycle),
            from: None,
        },
        now(),
    );
    let value = |f: &mut Flow, id: &str, v: &str| {
        let i = f.set.questions.iter().position(|q| q.id == id).unwrap();
        f.values[i] = v.into();
    };
    value(
        &mut f,
        "try",
        "Open office hour for relatives\nevery Thursday",
    );
    value(&mut f, "with-whom", "Relatives and two care workers");
    value(&mut f, "expect", "Ideas we have not heard");
    value(&mut f, "signal", "Three ideas tried");
    value(&mut f, "look-back", "On 2026-12-10, with the team.");
    assert_eq!(
        f.look_back(today()),
        Ok(NaiveDate::from_ymd_opt(2026, 12, 10).unwrap())
    );
    let done = f
        .finish(
            JournalId::new_at(now()),
            "",
            now(),
            today(),
            Language::English,
            None,
        )
        .unwrap();
    let e = done.new.unwrap();
    assert_eq!(e.title, "Open office hour for relatives");
    assert_eq!(e.cycle(), Some(cycle));
    match &e.content {
        Content::Experiment {
            with,
            expectation,
            follow_up,
            status,
            ..
        } => {
            assert_eq!(with, &vec!["Relatives and two care workers".to_string()]);
            assert_eq!(expectation, "Ideas we have not heard");
            assert_eq!(*follow_up, NaiveDate::from_ymd_opt(2026, 12, 10));
            assert_eq!(*status, ExperimentStatus::Planned);
        }
        other => panic!("{other:?}"),
    }
    assert!(e.body.contains("every Thursday"), "{}", e.body);
    value(&mut f, "look-back", "");
    assert_eq!(
        f.look_back(today()),
        Ok(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()),
        "two weeks when the date is left out"
    );
}

#[test]
fn logging_an_outcome_closes_the_experiment_and_links_the_review() {
    let author = JournalId::new_at(now());
    let cycle = RecordId::new_at(now());
    let mut experiment = Record::new(
        author,
        now(),
        Content::Experiment {
            cycle: Some(cycle),
            with: vec![],
            expectation: String::new(),
            signal: String::new(),
            follow_up: None,
            status: ExperimentStatus::Running,
            outcome: None,
            from: None,
            closed: None,
            signal_met: None,
        },
    );
    experiment.title = "Office hour".into();
    let purpose = Purpose::LogOutcome {
        experiment: experiment.id,
        status: ExperimentStatus::Done,
    };
    let values: Vec<(String, String)> = [
        ("intended", "Ideas"),
        ("happened", "Nine relatives came"),
        ("why", "We called them"),
        ("next-time", "Invite staff"),
    ]
    .iter()
    .map(|(q, v)| (q.to_string(), v.to_string()))
    .collect();
    let f = Flow::prefilled(set(REVIEW_SET), purpose, now(), &values);
    let done = f
        .finish(
            author,
            "After-action review",
            now(),
            today(),
            Language::English,
            Some(&experiment),
        )
        .unwrap();
    let changed = done.changed.unwrap();
    assert_eq!(changed.revision, 2);
    assert!(matches!(
        &changed.content,
        Content::Experiment { status: ExperimentStatus::Done, outcome: Some(o), .. } if o == "Nine relatives came"
    ));
    let new = done.new.as_ref().unwrap();
    assert_eq!(new.experiment(), Some(experiment.id));
    assert_eq!(new.cycle(), Some(cycle));
}

#[test]
fn a_draft_resumes_where_it_was_and_refuses_another_set() {
    let mut f = Flow::new(set("gibbs"), reflection(), now());
    f.values[0] = "The meeting".into();
    f.next();
    let draft = f.to_draft();
    let json = serde_json::to_string(&draft).unwrap();
    let back: Draft = serde_json::from_str(&json).unwrap();
    assert_eq!(back.shape, Some(shape(&f.set)));
    let resumed = Flow::resume(set("gibbs"), back.clone()).unwrap();
    assert_eq!(resumed, Resumed::AsLeft(f));
    assert!(Flow::resume(set("kolb"), back).is_none());
}

#[test]
fn a_draft_from_before_shapes_were_kept_loads_and_resumes_as_before() {
    let json = r#"{"set":"daily-checkin","purpose":{"kind":"reflection","cycle":null,"experiment":null},
        "values":["The meeting","","",""],"whys":["","","",""],
        "step":{"at":"question","index":1},"started":"2026-11-23T15:00:00Z"}"#;
    let old: Draft = serde_json::from_str(json).unwrap();
    assert_eq!(old.shape, None);
    let Some(Resumed::AsLeft(f)) = Flow::resume(set("daily-checkin"), old) else {
        panic!("an old draft of an unchanged set resumes in place");
    };
    assert_eq!(f.values[0], "The meeting");
    assert_eq!(f.step, Step::Question(1));
}

#[test]
fn a_draft_whose_questions_changed_starts_afresh_and_hands_back_what_was_typed() {
    let mut f = Flow::new(set("daily-checkin"), reflection(), now());
    f.values[0] = "Met the council".into();
    f.values[2] = "4".into();
    f.whys[2] = "they listened".into();
    f.go_to(3);
    let draft = f.to_draft();

    // Same number of questions, but the first is now a choice and the third has a new id.
    let mut changed = set("daily-checkin");
    changed.questions[0].kind = AnswerKind::Choice {
        options: Vec::new(),
    };
    let mut renamed = set("daily-checkin");
    renamed.questions[2].id = "voice-heard".into();
    let mut shorter = set("daily-checkin");
    shorter.questions.pop();
    for other in [changed, renamed, shorter] {
        let Some(Resumed::Changed { flow, typed }) = Flow::resume(other.clone(), draft.clone())
        else {
            panic!("a changed set is not resumed in place");
        };
        assert_eq!(
            flow,
            Flow::new(other, reflection(), now()),
            "nothing carried over"
        );
        assert_eq!(
            typed,
            vec![
                Typed {
                    number: 1,
                    value: "Met the council".into(),
                    why: String::new()
                },
                Typed {
                    number: 3,
                    value: "4".into(),
                    why: "they listened".into()
                },
            ]
        );
    }
}

fn plan(values: &[(&str, &str)]) -> Flow {
    let mut f = Flow::new(
        set(PLAN_SET),
        Purpose::PlanExperiment {
            cycle: None,
            from: None,
        },
        now(),
    );
    for (id, v) in values {
        f.set_value(id, v.to_string());
    }
    f
}

fn finish(f: &Flow, changes: Option<&Record>) -> Result<Finished, FinishError> {
    f.finish(
        JournalId::new_at(now()),
        "Daily check-in",
        now(),
        today(),
        Language::English,
        changes,
    )
}

#[test]
fn a_look_back_date_praxis_cannot_read_is_refused_and_the_answer_kept() {
    let look_back = f_index(&plan(&[]), LOOK_BACK);
    for unread in ["2026-13-45", "after the holidays", "Soon, with the team"] {
        let mut f = plan(&[
            ("try", "Rota trial"),
            ("with-whom", "The night shift"),
            ("expect", "Fewer swaps"),
            ("signal", "The swap log"),
            (LOOK_BACK, unread),
        ]);
        f.go_to(look_back);
        assert_eq!(
            f.current_problem(Language::English, today()),
            Some(Problem::NoDate {
                question: look_back,
                given: unread.to_string()
            }),
            "{unread}"
        );
        let refused = finish(&f, None).unwrap_err();
        assert!(
            matches!(&refused, FinishError::Problem(Problem::NoDate { question, .. }) if *question == look_back),
            "{refused:?}"
        );
        assert_eq!(f.values[look_back], unread, "the answer is kept as typed");
    }
    let f = plan(&[(LOOK_BACK, "i morgen med Mette")]);
    assert_eq!(
        f.look_back(today()),
        Ok(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()),
        "two words that make a date are read"
    );
}

fn f_index(f: &Flow, id: &str) -> usize {
    f.set.questions.iter().position(|q| q.id == id).unwrap()
}

#[test]
fn changing_one_answer_from_the_review_returns_to_the_review() {
    let mut f = Flow::new(set("daily-checkin"), reflection(), now());
    for _ in 0..4 {
        f.next();
    }
    assert_eq!(f.step, Step::Review);
    f.revise(1);
    assert_eq!(f.step, Step::Question(1));
    let draft = f.to_draft();
    f.next();
    assert_eq!(f.step, Step::Review, "not on through questions 3 and 4");
    f.next();
    assert_eq!(f.step, Step::Review);
    f.back();
    assert_eq!(
        f.step,
        Step::Question(3),
        "after the review, steps are plain again"
    );
    f.back();
    f.next();
    assert_eq!(f.step, Step::Question(3));
    // A draft left while changing one answer resumes the same way.
    let Some(Resumed::AsLeft(mut resumed)) = Flow::resume(set("daily-checkin"), draft) else {
        panic!()
    };
    resumed.next();
    assert_eq!(resumed.step, Step::Review);
}

fn saved_check_in() -> Record {
    let mut f = Flow::new(set("daily-checkin"), reflection(), now());
    f.values = vec![
        "Met the council".into(),
        "They listened".into(),
        "4".into(),
        "Ask relatives".into(),
    ];
    finish(&f, None).unwrap().new.unwrap()
}

#[test]
fn a_saved_reflection_opens_on_its_review_and_saves_changed_answers_over_itself() {
    let mut saved = saved_check_in();
    let Content::Reflection { answers, .. } = &mut saved.content else {
        panic!()
    };
    // An answer to a question the set no longer has is kept.
    answers.push(Answer {
        question: "gone".into(),
        value: crate::record::AnswerValue::Text("Kept".into()),
        why: None,
    });
    let mut f = Flow::editing(set("daily-checkin"), &saved, now()).unwrap();
    assert_eq!(f.step, Step::Review);
    assert_eq!(f.purpose, Purpose::Edit { record: saved.id });
    assert_eq!(f.values[0], "Met the council");
    assert_eq!(f.values[2], "4");
    assert_eq!(
        finish(&f, Some(&saved)).unwrap(),
        Finished {
            new: None,
            changed: None
        },
        "nothing changed, nothing to save"
    );
    f.values[1] = "They listened, and then they asked".into();
    let later = now() + chrono::Duration::hours(2);
    let done = f
        .finish(
            JournalId::new_at(now()),
            "ignored",
            later,
            today(),
            Language::English,
            Some(&saved),
        )
        .unwrap();
    assert!(done.new.is_none());
    let edited = done.changed.unwrap();
    assert_eq!(edited.id, saved.id);
    assert_eq!(edited.revision, saved.revision + 1);
    assert_eq!(edited.updated, later);
    assert_eq!(edited.title, saved.title);
    let Content::Reflection { answers, .. } = &edited.content else {
        panic!()
    };
    let texts: Vec<String> = answers.iter().map(|a| a.value.to_text()).collect();
    assert_eq!(
        texts,
        [
            "Met the council",
            "They listened, and then they asked",
            "4",
            "Ask relatives",
            "Kept"
        ]
    );
    assert!(matches!(
        Flow::editing(set("gibbs"), &saved, now()),
        Err(EditError::OtherSet { .. })
    ));
    let note = Record::new(JournalId::new_at(now()), now(), Content::Note);
    assert_eq!(
        Flow::editing(set("daily-checkin"), &note, now()),
        Err(EditError::NotAnswers)
    );
}

#[test]
fn a_saved_experiment_opens_with_its_answers_and_its_look_back_date_can_change() {
    let mut f = plan(&[
        ("try", "Rota trial"),
        ("risk", "The union objects"),
        ("with-whom", "The night shift"),
        ("expect", "Fewer swaps"),
        ("signal", "The swap log"),
        (LOOK_BACK, "tomorrow, with the team"),
    ]);
    f.set_value("why", "Letting go of control".into());
    let mut saved = finish(&f, None).unwrap().new.unwrap();
    saved.body = format!("Written by hand first.\n\n{}", saved.body);
    let planned = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    assert!(
        matches!(saved.content, Content::Experiment { follow_up: Some(d), .. } if d == planned)
    );

    let mut edit = Flow::editing(set(PLAN_SET), &saved, now()).unwrap();
    let value = |f: &Flow, id: &str| f.values[f_index(f, id)].clone();
    assert_eq!(value(&edit, "try"), "Rota trial");
    assert_eq!(value(&edit, "why"), "Letting go of control");
    assert_eq!(value(&edit, "risk"), "The union objects");
    assert_eq!(value(&edit, "with-whom"), "The night shift");
    assert_eq!(
        value(&edit, LOOK_BACK),
        "2026-11-24, tomorrow, with the team",
        "the date it was read as comes first, so a later save keeps it"
    );
    // A week on, the same answers keep the same date.
    let week_on = today() + chrono::Days::new(7);
    let same = edit
        .finish(
            JournalId::new_at(now()),
            "",
            now(),
            week_on,
            Language::English,
            Some(&saved),
        )
        .unwrap()
        .changed
        .unwrap();
    assert!(matches!(same.content, Content::Experiment { follow_up: Some(d), .. } if d == planned));

    edit.set_value(LOOK_BACK, "2026-12-15 with Mette".into());
    edit.set_value("expect", "Half the swaps".into());
    let changed = finish(&edit, Some(&saved)).unwrap().changed.unwrap();
    assert_eq!(changed.revision, saved.revision + 1);
    assert_eq!(changed.title, "Rota trial");
    assert!(matches!(
        &changed.content,
        Content::Experiment { follow_up: Some(d), expectation, .. }
            if *d == NaiveDate::from_ymd_opt(2026, 12, 15).unwrap() && expectation == "Half the swaps"
    ));
    assert!(
        changed.body.starts_with("Written by hand first.\n\n"),
        "{}",
        changed.body
    );
    assert!(changed.body.contains("2026-12-15 with Mette"));
    assert!(changed.body.contains("The union objects"));
    edit.set_value(LOOK_BACK, "after the holidays".into());
    assert!(matches!(
        finish(&edit, Some(&saved)),
        Err(FinishError::Problem(Problem::NoDate { .. }))
    ));
}

#[test]
fn a_note_is_its_text_and_an_optional_title() {
    let note_set = crate::prompts::PromptSet {
        id: NOTE_SET.into(),
        questions: vec![
            crate::prompts::Question {
                id: NOTE_TEXT.into(),
                optional: false,
                ..set("daily-checkin").questions[0].clone()
            },
            crate::prompts::Question {
                id: NOTE_TITLE.into(),
                optional: true,
                ..set("daily-checkin").questions[0].clone()
            },
        ],
        ..set("daily-checkin")
    };
    let mut f = Flow::new(note_set, Purpose::Note, now());
    assert!(matches!(
        finish(&f, None),
        Err(FinishError::Answers(AnswerError::Missing { .. }))
    ));
    f.values[0] = "The chair asked for numbers.\nBring them Monday.".into();
    let note = finish(&f, None).unwrap().new.unwrap();
    assert_eq!(note.kind(), crate::record::Kind::Note);
    assert_eq!(note.title, "");
    assert_eq!(note.display_title(), "The chair asked for numbers.");
    assert_eq!(
        note.body,
        "The chair asked for numbers.\nBring them Monday."
    );
}
