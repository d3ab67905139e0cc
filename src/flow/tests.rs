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
        f.current_problem(Language::English)
            .unwrap()
            .contains("1 to 5")
    );
    f.values[2] = "4".into();
    assert_eq!(f.current_problem(Language::English), None);
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
    let r = done.new;
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
        Purpose::PlanExperiment { cycle: Some(cycle) },
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
        NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()
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
    let e = done.new;
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
    value(&mut f, "look-back", "Soon, with the team");
    assert_eq!(
        f.look_back(today()),
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
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
        },
    );
    experiment.title = "Office hour".into();
    let purpose = Purpose::LogOutcome {
        experiment: experiment.id,
        status: ExperimentStatus::Done,
    };
    let mut f = Flow::new(set(REVIEW_SET), purpose, now());
    for (i, v) in [
        "Ideas",
        "Nine relatives came",
        "We called them",
        "Invite staff",
    ]
    .iter()
    .enumerate()
    {
        f.values[i] = v.to_string();
    }
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
    assert_eq!(done.new.experiment(), Some(experiment.id));
    assert_eq!(done.new.cycle(), Some(cycle));
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
    let json = r#"{"set":"gibbs","purpose":{"kind":"reflection","cycle":null,"experiment":null},
        "values":["The meeting","","","","",""],"whys":["","","","","",""],
        "step":{"at":"question","index":1},"started":"2026-11-23T15:00:00Z"}"#;
    let old: Draft = serde_json::from_str(json).unwrap();
    assert_eq!(old.shape, None);
    let Some(Resumed::AsLeft(f)) = Flow::resume(set("gibbs"), old) else {
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
