use super::*;
use crate::record::{JournalId, SignalMet};
use chrono::{Days, Duration, TimeZone};
use proptest::prelude::*;

fn t(h: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap() + Duration::hours(h)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn cycle() -> Record {
    Record::new(
        JournalId::new_at(t(0)),
        t(0),
        Content::Cycle {
            question: "How do I let relatives shape the rota?".into(),
            status: CycleStatus::Active,
            goal: String::new(),
            ends: None,
            closing: None,
        },
    )
}

fn experiment(c: &Record, at: i64, follow_up: Option<NaiveDate>) -> Record {
    Record::new(
        c.author,
        t(at),
        Content::Experiment {
            cycle: Some(c.id),
            with: vec![],
            expectation: String::new(),
            signal: String::new(),
            follow_up,
            status: ExperimentStatus::Planned,
            outcome: None,
            from: None,
            closed: None,
            signal_met: None,
        },
    )
}

fn close(e: &mut Record, at: i64) {
    if let Content::Experiment {
        status,
        closed,
        signal_met,
        ..
    } = &mut e.content
    {
        *closed = closing_time(*status, ExperimentStatus::Done, *closed, t(at));
        *status = ExperimentStatus::Done;
        *signal_met = Some(SignalMet::Partly);
    }
    e.touch(t(at)).unwrap();
}

fn reflection(c: &Record, on: Option<&Record>, at: i64) -> Record {
    Record::new(
        c.author,
        t(at),
        Content::Reflection {
            set: "kolb".into(),
            cycle: Some(c.id),
            experiment: on.map(|e| e.id),
            answers: vec![],
        },
    )
}

fn state(c: &Record, members: &[&Record]) -> LoopState {
    loop_state(Some(c), members, today())
}

#[test]
fn editing_a_closed_experiment_keeps_its_cycle_in_review() {
    let c = cycle();
    let mut e = experiment(&c, 1, None);
    close(&mut e, 2);
    let r = reflection(&c, Some(&e), 3);
    assert_eq!(state(&c, &[&e, &r]).phase, Phase::Review);
    // Sharing it later moves `updated` past the reflection; the stored closing time does not.
    e.visibility = crate::record::Visibility::Mentor;
    e.touch(t(10)).unwrap();
    assert_eq!(e.updated, t(10));
    assert_eq!(state(&c, &[&e, &r]).phase, Phase::Review);
    // The old rule read `updated` and sent it back to reflect.
    let mut old = e.clone();
    if let Content::Experiment { closed, .. } = &mut old.content {
        *closed = None;
    }
    assert_eq!(state(&c, &[&old, &r]).phase, Phase::Reflect);
}

#[test]
fn a_reflection_owed_shows_while_another_experiment_is_open() {
    let c = cycle();
    let mut first = experiment(&c, 1, None);
    close(&mut first, 2);
    let second = experiment(&c, 3, NaiveDate::from_ymd_opt(2026, 12, 24));
    let s = state(&c, &[&first, &second]);
    assert_eq!(s.phase, Phase::Act);
    assert_eq!(s.owed, vec![first.id]);
    assert_eq!(s.open, vec![second.id]);
    // A reflection on the other experiment does not pay what the first is owed.
    let on_second = reflection(&c, Some(&second), 4);
    assert_eq!(
        state(&c, &[&first, &second, &on_second]).owed,
        vec![first.id]
    );
    let on_first = reflection(&c, Some(&first), 5);
    assert!(state(&c, &[&first, &second, &on_first]).owed.is_empty());
}

#[test]
fn the_review_saved_with_the_outcome_does_not_count_as_the_reflection() {
    let c = cycle();
    let mut e = experiment(&c, 1, None);
    close(&mut e, 2);
    let review = reflection(&c, Some(&e), 2);
    assert_eq!(state(&c, &[&e, &review]).phase, Phase::Reflect);
    let later = reflection(&c, None, 3);
    assert_eq!(state(&c, &[&e, &review, &later]).phase, Phase::Review);
}

#[test]
fn phases_from_plan_to_concluded() {
    let mut c = cycle();
    assert_eq!(state(&c, &[]).phase, Phase::Plan);
    let due = experiment(&c, 1, Some(today()));
    assert_eq!(state(&c, &[&due]).phase, Phase::Observe);
    let later = experiment(&c, 1, NaiveDate::from_ymd_opt(2027, 1, 1));
    assert_eq!(state(&c, &[&later]).phase, Phase::Act);
    if let Content::Cycle { status, .. } = &mut c.content {
        *status = CycleStatus::Concluded;
    }
    let s = state(&c, &[&later]);
    assert!(s.concluded);
    assert_eq!(s.phase, Phase::Review);
}

#[test]
fn the_closing_time_is_set_kept_and_cleared() {
    use ExperimentStatus::*;
    assert_eq!(closing_time(Running, Done, None, t(5)), Some(t(5)));
    assert_eq!(closing_time(Done, Dropped, Some(t(2)), t(5)), Some(t(2)));
    assert_eq!(closing_time(Done, Running, Some(t(2)), t(5)), None);
    assert_eq!(closing_time(Planned, Running, None, t(5)), None);
}

/// One thing a user can do to a cycle's records.
#[derive(Debug, Clone)]
enum Event {
    Plan(bool),
    Close(usize),
    Reopen(usize),
    Share(usize),
    ReflectOn(usize),
    ReflectOnCycle,
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        any::<bool>().prop_map(Event::Plan),
        (0..6usize).prop_map(Event::Close),
        (0..6usize).prop_map(Event::Reopen),
        (0..6usize).prop_map(Event::Share),
        (0..6usize).prop_map(Event::ReflectOn),
        Just(Event::ReflectOnCycle),
    ]
}

proptest! {
    /// Over any order of planning, closing, reopening, sharing and reflecting: the phase says
    /// plan exactly when there is no experiment, act or observe exactly while one is open,
    /// reflect exactly when all are closed and one is owed; a closed experiment is owed until a
    /// reflection on it (or on the cycle) comes after its closing; and sharing never moves the
    /// phase.
    #[test]
    fn the_phase_follows_the_loop_in_any_order(events in proptest::collection::vec(event(), 0..30)) {
        let c = cycle();
        let mut experiments: Vec<Record> = Vec::new();
        let mut reflections: Vec<Record> = Vec::new();
        for (n, ev) in events.iter().enumerate() {
            let at = 1 + n as i64;
            let before = {
                let m: Vec<&Record> = experiments.iter().chain(&reflections).collect();
                state(&c, &m)
            };
            let pick = |i: usize, len: usize| (len > 0).then(|| i % len);
            match ev {
                Event::Plan(due) => {
                    let d = if *due { today() } else { today() + Days::new(30) };
                    experiments.push(experiment(&c, at, Some(d)));
                }
                Event::Close(i) => if let Some(i) = pick(*i, experiments.len())
                    && experiments[i].closed_at().is_none()
                {
                    close(&mut experiments[i], at);
                },
                Event::Reopen(i) => if let Some(i) = pick(*i, experiments.len()) {
                    let e = &mut experiments[i];
                    if let Content::Experiment { status, closed, .. } = &mut e.content {
                        *closed = closing_time(*status, ExperimentStatus::Running, *closed, t(at));
                        *status = ExperimentStatus::Running;
                    }
                    e.touch(t(at)).unwrap();
                },
                Event::Share(i) => if let Some(i) = pick(*i, experiments.len()) {
                    experiments[i].visibility = crate::record::Visibility::Network;
                    experiments[i].touch(t(at)).unwrap();
                    let m: Vec<&Record> = experiments.iter().chain(&reflections).collect();
                    prop_assert_eq!(state(&c, &m), before.clone(), "sharing moved the loop");
                },
                Event::ReflectOn(i) => if let Some(i) = pick(*i, experiments.len()) {
                    let r = reflection(&c, Some(&experiments[i]), at);
                    reflections.push(r);
                },
                Event::ReflectOnCycle => reflections.push(reflection(&c, None, at)),
            }
            let m: Vec<&Record> = experiments.iter().chain(&reflections).collect();
            let s = state(&c, &m);
            let open = experiments.iter().filter(|e| e.closed_at().is_none()).count();
            prop_assert_eq!(s.open.len(), open);
            prop_assert_eq!(s.phase == Phase::Plan, experiments.is_empty());
            prop_assert_eq!(matches!(s.phase, Phase::Act | Phase::Observe), open > 0);
            prop_assert_eq!(
                s.phase == Phase::Reflect,
                !experiments.is_empty() && open == 0 && !s.owed.is_empty()
            );
            for e in &experiments {
                let Some(at) = e.closed_at() else {
                    prop_assert!(!s.owed.contains(&e.id));
                    continue;
                };
                let paid = reflections.iter().any(|r| {
                    r.created > at && r.experiment().is_none_or(|x| x == e.id)
                });
                prop_assert_eq!(s.owed.contains(&e.id), !paid, "owed on {}", e.id);
            }
        }
    }
}
