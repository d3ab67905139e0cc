use super::*;
use crate::record::{Answer, AnswerValue, JournalId};
use chrono::TimeZone;

fn d(day: u32) -> NaiveDate {
    // November 2026: Monday the 2nd, 9th, 16th, 23rd, 30th.
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

fn newest_first(days: &[u32]) -> Vec<NaiveDate> {
    let mut v: Vec<NaiveDate> = days.iter().map(|n| d(*n)).collect();
    v.sort();
    v.reverse();
    v
}

#[test]
fn a_working_days_manager_keeps_the_rhythm_over_a_weekend() {
    // Monday 16th to Friday 20th, then Monday 23rd: nothing on the weekend.
    let days = newest_first(&[16, 17, 18, 19, 20, 23]);
    let run = rhythm_run(days.clone(), d(23), Rhythm::WorkingDays);
    assert_eq!(run.run, 6);
    assert!(run.kept_now);
    // Daily, the same days break on Saturday.
    assert_eq!(rhythm_run(days.clone(), d(23), Rhythm::Daily).run, 1);
    // On Saturday and Sunday the working-days run is still alive from Friday.
    let before_monday = newest_first(&[16, 17, 18, 19, 20]);
    assert_eq!(
        rhythm_run(before_monday.clone(), d(21), Rhythm::WorkingDays).run,
        5
    );
    assert_eq!(
        rhythm_run(before_monday.clone(), d(22), Rhythm::WorkingDays).run,
        5
    );
    // Monday morning, before the day's record, it is still alive too.
    let monday = rhythm_run(before_monday.clone(), d(23), Rhythm::WorkingDays);
    assert_eq!((monday.run, monday.kept_now), (5, false));
    // A missed Tuesday ends it; a weekend record neither breaks nor counts.
    assert_eq!(
        rhythm_run(newest_first(&[16, 18, 19]), d(19), Rhythm::WorkingDays).run,
        2
    );
    assert_eq!(
        rhythm_run(
            newest_first(&[19, 20, 21, 22, 23]),
            d(23),
            Rhythm::WorkingDays
        )
        .run,
        3
    );
    assert_eq!(
        rhythm_run(newest_first(&[18]), d(23), Rhythm::WorkingDays).run,
        0
    );
}

#[test]
fn n_per_week_counts_weeks_with_enough_days() {
    // Weeks: 2–8 has three days, 9–15 three, 16–22 two, 23–29 (this week) three so far.
    let days = newest_first(&[2, 4, 6, 9, 10, 13, 17, 19, 23, 24, 25]);
    let three = rhythm_run(days.clone(), d(25), Rhythm::PerWeek(3));
    assert_eq!((three.run, three.kept_now, three.in_weeks), (1, true, true));
    assert_eq!(three.this_week, 3);
    assert_eq!(rhythm_run(days.clone(), d(25), Rhythm::PerWeek(2)).run, 4);
    // While this week is still short, last week keeps it alive.
    let open = rhythm_run(
        newest_first(&[9, 10, 13, 16, 18, 20, 23]),
        d(24),
        Rhythm::PerWeek(3),
    );
    assert_eq!((open.run, open.kept_now), (2, false));
    assert!("3-per-week".parse::<Rhythm>() == Ok(Rhythm::PerWeek(3)));
    assert!("9-per-week".parse::<Rhythm>().is_err());
    assert_eq!("working-days".parse::<Rhythm>(), Ok(Rhythm::WorkingDays));
    assert_eq!(Rhythm::PerWeek(3).to_string(), "3-per-week");
}

#[test]
fn the_rhythm_is_kept_in_the_journal_settings_and_old_settings_read_as_daily() {
    use crate::journal::{JournalMeta, Language};
    let old = r#"{"id":"01JD0000000000000000000000","author_name":"Anna","language":"da","created":"2026-11-01T08:00:00Z"}"#;
    let meta: JournalMeta = serde_json::from_str(old).unwrap();
    assert_eq!(meta.rhythm, Rhythm::Daily);
    let mut meta = JournalMeta::new("Anna", Language::Danish, Utc::now());
    meta.rhythm = Rhythm::WorkingDays;
    let json = serde_json::to_string(&meta).unwrap();
    assert!(json.contains(r#""rhythm":"working-days""#), "{json}");
    assert_eq!(serde_json::from_str::<JournalMeta>(&json).unwrap(), meta);
}

fn review(experiment: RecordId, day: NaiveDate, choice: &str) -> Record {
    let at = Utc.from_utc_datetime(&day.and_hms_opt(15, 0, 0).unwrap());
    Record::new(
        JournalId::new_at(at),
        at,
        Content::Reflection {
            set: REVIEW_SET.into(),
            cycle: None,
            experiment: Some(experiment),
            answers: vec![Answer {
                question: SUM_UP.into(),
                value: AnswerValue::Choice(choice.into()),
                why: None,
            }],
        },
    )
}

fn success(experiment: RecordId, day: NaiveDate, days: &str) -> Record {
    let mut r = review(experiment, day, "keep");
    r.content = Content::Reflection {
        set: SUCCESS_SET.into(),
        cycle: None,
        experiment: Some(experiment),
        answers: vec![Answer {
            question: "days".into(),
            value: AnswerValue::Choice(days.into()),
            why: None,
        }],
    };
    r
}

#[test]
fn keep_schedules_follow_ups_at_30_60_and_90_days() {
    let kept = RecordId::new_at(Utc::now());
    let adjusted = RecordId::new_at(Utc::now());
    let keep = review(kept, d(2), "keep");
    let adjust = review(adjusted, d(2), "adjust");
    let f = success_follow_ups([&keep, &adjust]);
    let dates: Vec<(u32, NaiveDate)> = f.iter().map(|f| (f.days, f.date)).collect();
    assert_eq!(
        dates,
        vec![
            (30, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()),
            (60, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()),
            (90, NaiveDate::from_ymd_opt(2027, 1, 31).unwrap()),
        ]
    );
    assert!(f.iter().all(|f| f.experiment == kept && !f.done));
    let thirty = success(kept, NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(), "30");
    let f = success_follow_ups([&keep, &adjust, &thirty]);
    let done: Vec<bool> = f.iter().map(|f| f.done).collect();
    assert_eq!(done, vec![true, false, false]);
}

#[test]
fn sets_with_a_cadence_come_due() {
    let library = crate::prompts::load(None).library;
    let mut last = BTreeMap::new();
    last.insert("weekly-review".to_string(), d(13));
    last.insert("trust-based-steering".to_string(), d(20));
    let sat = d(21);
    let due = |last: &BTreeMap<String, NaiveDate>,
               today,
               rhythm,
               unreviewed: &[RecordId]|
     -> Vec<String> {
        due_sets(&library, last, unreviewed, today, rhythm)
            .into_iter()
            .map(|s| s.set)
            .collect()
    };
    // Saturday, working days: no check-in asked; the weekly review (8 days ago) is due, trust
    // (yesterday) is not, and a weekly set never used is not nudged.
    assert_eq!(
        due(&last, sat, Rhythm::WorkingDays, &[]),
        vec!["weekly-review"]
    );
    let monday = d(23);
    assert_eq!(
        due(&last, monday, Rhythm::WorkingDays, &[]),
        vec!["daily-checkin", "weekly-review"]
    );
    last.insert("daily-checkin".to_string(), monday);
    let closed = RecordId::new_at(Utc::now());
    assert_eq!(
        due(&last, monday, Rhythm::Daily, &[closed]),
        vec!["after-action-review", "weekly-review"]
    );
}

#[test]
fn the_calendar_file_is_valid_icalendar() {
    use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let mut e = Record::new(
        JournalId::new_at(now),
        now,
        Content::Experiment {
            cycle: None,
            with: vec![],
            expectation: "Relatives suggest changes; three, at least".into(),
            signal: "A question, a suggestion\nand a call".into(),
            follow_up: Some(d(30)),
            status: crate::record::ExperimentStatus::Running,
            outcome: None,
            from: None,
            closed: None,
            signal_met: None,
        },
    );
    e.title =
        "Let the relatives plan the Sunday rota — a long title that must fold across lines, ø æ å"
            .into();
    let keep = review(e.id, d(2), "keep");
    let follow_ups = success_follow_ups([&keep]);
    let entries = calendar_entries(
        std::slice::from_ref(&e),
        &follow_ups,
        |_| e.title.clone(),
        crate::journal::Language::English,
    );
    assert_eq!(entries.len(), 4);
    let ics = to_ics(&entries, now);
    assert!(
        ics.lines().all(|l| l.len() <= 76),
        "lines fold at 75 octets"
    );
    assert!(ics.contains("\r\n "), "the long title is folded");
    let parsed: Calendar = ics.parse().expect("a parser reads it");
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 4);
    let first = events[0];
    assert_eq!(
        first.get_summary(),
        Some(format!("Look back on: {}", e.title).as_str())
    );
    assert_eq!(
        first.get_start(),
        Some(DatePerhapsTime::Date(d(30))),
        "an all-day event on the look-back date"
    );
    assert_eq!(
        first.get_uid(),
        Some(format!("{}-look-back@praxis", e.id).as_str())
    );
    let description = first.get_description().unwrap();
    assert!(description.contains("three, at least"), "{description}");
    assert!(description.contains("\nand a call"), "{description}");
    let thirty = events[1];
    assert!(
        thirty
            .get_summary()
            .unwrap()
            .starts_with("30-day success follow-up")
    );
    assert_eq!(
        thirty.get_start(),
        Some(DatePerhapsTime::Date(
            NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
        ))
    );
}
