use super::*;
use crate::flow::{CONCLUDE_SET, PLAN_SET};
use crate::journal::Language;
use crate::prompts::load;
use crate::record::{Answer, AnswerValue, ExperimentStatus, JournalId};
use chrono::{DateTime, TimeZone, Utc};

fn at(day: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, h, 0, 0).unwrap()
}

fn library() -> Library {
    load(None).library
}

fn reflection(set: &str, answers: &[(&str, &str)], cycle: Option<RecordId>, day: u32) -> Record {
    let library = library();
    let prompt_set = library.get(set).unwrap();
    let answers = answers
        .iter()
        .map(|(q, v)| {
            let kind = &prompt_set.question(q).unwrap().kind;
            Answer {
                question: q.to_string(),
                value: match kind {
                    crate::prompts::AnswerKind::Choice { .. } => AnswerValue::Choice(v.to_string()),
                    _ => AnswerValue::Text(v.to_string()),
                },
                why: None,
            }
        })
        .collect();
    Record::new(
        JournalId::new_at(at(1, 8)),
        at(day, 17),
        Content::Reflection {
            set: set.into(),
            cycle,
            experiment: None,
            answers,
        },
    )
}

#[test]
fn every_next_step_question_carries_forward_into_a_linked_plan() {
    let library = library();
    let cycle = RecordId::new_at(at(1, 9));
    let cases = [
        ("kolb", "experimentation"),
        ("gibbs", "action-plan"),
        ("after-action-review", "next-time"),
        ("schon-reflection-on-action", "could-have"),
        ("daily-checkin", "try-tomorrow"),
        ("weekly-review", "carry"),
        ("action-learning-set", "before-next"),
        ("trust-based-steering", "next-step"),
        ("capacity-building", "how"),
        ("success-case-follow-up", "next"),
        (CONCLUDE_SET, "next"),
    ];
    for (set, question) in cases {
        let text = format!("Let the team plan its own rota ({set})");
        let r = reflection(set, &[(question, &text)], Some(cycle), 20);
        let carried = carry_forward(&r, library.get(set).unwrap(), None)
            .unwrap_or_else(|| panic!("{set}.{question} does not carry"));
        assert_eq!(carried.question, question);
        assert_eq!(carried.text, text);
        assert_eq!(carried.from(), Some(r.id), "{set}: linked back");
        assert_eq!(
            carried.purpose,
            Purpose::PlanExperiment {
                cycle: Some(cycle),
                from: Some(r.id)
            }
        );
        let mut flow = carried.into_flow(library.get(PLAN_SET).unwrap().clone(), at(20, 18));
        assert!(
            flow.values[0].starts_with("Let the team plan"),
            "the plan starts filled in"
        );
        // The rest of the plan is the leader's to answer.
        for (i, q) in flow.set.questions.iter().enumerate() {
            if flow.values[i].is_empty() && !q.optional {
                flow.values[i] = if q.id == "look-back" {
                    "2026-12-04 with the team".into()
                } else {
                    "the team".into()
                };
            }
        }
        let saved = flow
            .finish(
                r.author,
                "",
                at(20, 18),
                at(20, 18).date_naive(),
                Language::English,
                None,
            )
            .unwrap()
            .new
            .unwrap();
        assert_eq!(saved.follows_from(), Some(r.id), "{set}");
        assert_eq!(saved.cycle(), Some(cycle));
        assert!(
            saved.title.starts_with("Let the team plan"),
            "{}",
            saved.title
        );
    }
}

#[test]
fn a_reflection_without_a_next_step_carries_nothing() {
    let library = library();
    let r = reflection("kolb", &[("experience", "Met the council")], None, 20);
    assert_eq!(carry_forward(&r, library.get("kolb").unwrap(), None), None);
    let r = reflection("mentor-review", &[("mirror", "I read doubt")], None, 20);
    assert_eq!(
        carry_forward(&r, library.get("mentor-review").unwrap(), None),
        None,
        "the mentor asks; the next step is the leader's"
    );
}

#[test]
fn adjust_plans_the_follow_up_of_the_experiment_reviewed() {
    let library = library();
    let cycle = RecordId::new_at(at(1, 9));
    let mut first = Record::new(
        JournalId::new_at(at(1, 8)),
        at(2, 9),
        Content::Experiment {
            cycle: Some(cycle),
            with: vec!["relatives".into()],
            expectation: "Relatives suggest changes".into(),
            signal: "Three suggestions".into(),
            follow_up: None,
            status: ExperimentStatus::Done,
            outcome: Some("One suggestion".into()),
            from: None,
            closed: Some(at(16, 9)),
            signal_met: Some(crate::record::SignalMet::Partly),
        },
    );
    first.title = "Ask relatives at the door".into();
    let mut review = reflection(
        REVIEW_SET,
        &[
            ("next-time", "Ask them by phone the day before"),
            ("outcome", "adjust"),
        ],
        Some(cycle),
        16,
    );
    if let Content::Reflection { experiment, .. } = &mut review.content {
        *experiment = Some(first.id);
    }
    let set = library.get(REVIEW_SET).unwrap();
    let carried = carry_forward(&review, set, Some(&first)).unwrap();
    assert!(carried.adjusts);
    assert_eq!(carried.from(), Some(first.id), "v2 follows from v1");
    let value = |q: &str| {
        carried
            .values
            .iter()
            .find(|(id, _)| id == q)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(value("try"), Some("Ask them by phone the day before"));
    assert_eq!(value("expect"), Some("Relatives suggest changes"));
    assert_eq!(value("signal"), Some("Three suggestions"));
    assert_eq!(value("with-whom"), Some("relatives"));
    // Keep or stop: the next step still carries, from the review itself.
    let keep = reflection(
        REVIEW_SET,
        &[("next-time", "More of it"), ("outcome", "keep")],
        None,
        16,
    );
    assert_eq!(
        carry_forward(&keep, set, Some(&first)).unwrap().from(),
        Some(keep.id)
    );
    // An experiment followed up from itself.
    let again = follow_up_of(&first).unwrap();
    assert_eq!(again.from(), Some(first.id));
    assert_eq!(again.values[0].1, "Ask relatives at the door");
}

#[test]
fn yesterdays_try_tomorrow_is_what_today_asks_about() {
    let library = library();
    let set = library.get(DAILY_CHECKIN).unwrap();
    let friday = reflection(
        DAILY_CHECKIN,
        &[("try-tomorrow", "Ask Mette first")],
        None,
        20,
    );
    let thursday = reflection(DAILY_CHECKIN, &[("try-tomorrow", "Older")], None, 19);
    let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let meant = meant_to_try([&thursday, &friday], set, monday).unwrap();
    assert_eq!(meant.text, "Ask Mette first");
    assert_eq!(meant.reflection, friday.id);
    assert_eq!(meant.day, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    // Today's own check-in is not "yesterday's"; a check-in from weeks ago is forgotten.
    let today_too = reflection(DAILY_CHECKIN, &[("try-tomorrow", "Today")], None, 23);
    assert_eq!(meant_to_try([&today_too], set, monday), None);
    let old = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    assert_eq!(meant_to_try([&friday], set, old), None);
}
