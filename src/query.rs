//! Which records a list shows: filters by kind, tag, cycle and local date range.

use chrono::NaiveDate;

use crate::prompts::Phase;
use crate::record::{Content, Kind, Record, RecordId};

pub use crate::filter::{Filter, belongs_to_cycle};

/// Open experiments whose follow-up date has come (today or earlier), earliest first.
pub fn due_experiments<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    today: NaiveDate,
) -> Vec<&'a Record> {
    let mut due: Vec<&Record> = records
        .into_iter()
        .filter(|r| match &r.content {
            Content::Experiment {
                follow_up: Some(date),
                status,
                ..
            } => status.is_open() && *date <= today,
            _ => false,
        })
        .collect();
    due.sort_by_key(|r| match &r.content {
        Content::Experiment { follow_up, .. } => (*follow_up, r.id),
        _ => (None, r.id),
    });
    due
}

/// Where a cycle stands in the plan → act → observe → reflect → review loop, from its records
/// (see [`crate::cycle::loop_state`], which also says which reflections are owed).
pub fn cycle_phase(members: &[&Record], today: NaiveDate) -> Phase {
    crate::cycle::loop_state(None, members, today).phase
}

/// Reads a filter as typed in the timeline: words for kinds (`experiment`), `#tag`,
/// `since:DATE`, `until:DATE`, `cycle:ID` (resolved by `resolve_cycle`); Danish words too
/// (`fra:`, `til:`, `forløb:`, and the kinds `forløb`, `eksperiment`, `refleksion`).
pub fn parse_filter(
    text: &str,
    today: NaiveDate,
    resolve_cycle: impl Fn(&str) -> Result<RecordId, String>,
) -> Result<Filter, FilterError> {
    let mut f = Filter::default();
    let words: Vec<&str> = text.split_whitespace().collect();
    // A date may be several words (`fra:i går`, `til:om 2 uger`): the longest that reads.
    let date_from = |first: &str, at: usize| -> Result<(NaiveDate, usize), FilterError> {
        for n in (1..=3).rev() {
            if at + n < words.len() {
                let phrase = std::iter::once(first)
                    .chain(words[at + 1..=at + n].iter().copied())
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Ok(d) = crate::dates::parse_date(&phrase, today) {
                    return Ok((d, n));
                }
            }
        }
        crate::dates::parse_date(first, today)
            .map(|d| (d, 0))
            .map_err(|why| FilterError::Date(first.to_string(), why))
    };
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let lower = word.to_lowercase();
        if let Some(tag) = word.strip_prefix('#') {
            f.tag = crate::record::normalize_tags([tag]).pop();
        } else if let Some(d) = lower.strip_prefix("since:").or(lower.strip_prefix("fra:")) {
            let (day, used) = date_from(d, i)?;
            f.since = Some(day);
            i += used;
        } else if let Some(d) = lower.strip_prefix("until:").or(lower.strip_prefix("til:")) {
            let (day, used) = date_from(d, i)?;
            f.until = Some(day);
            i += used;
        } else if let Some(id) = lower
            .strip_prefix("cycle:")
            .or(lower.strip_prefix("forløb:"))
        {
            f.cycle =
                Some(resolve_cycle(id).map_err(|why| FilterError::Cycle(id.to_string(), why))?);
        } else {
            f.kind =
                Some(kind_word(&lower).ok_or_else(|| FilterError::NotAFilter(word.to_string()))?);
        }
        i += 1;
    }
    Ok(f)
}

/// Why a typed filter cannot be read; the screens word it in the journal's language.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FilterError {
    /// A word that is no kind, `#tag`, date or cycle.
    #[error(
        "'{0}' is not a filter: use a kind (cycle, experiment, reflection, note; forløb, \
         eksperiment, refleksion, note), #tag, since:DATE (fra:), until:DATE (til:) or cycle:ID \
         (forløb:)"
    )]
    NotAFilter(String),
    /// A date that cannot be read, and why (in English).
    #[error("{1}")]
    Date(String, String),
    /// A cycle id that names no one cycle, and why (in English).
    #[error("{1}")]
    Cycle(String, String),
}

/// A kind of record named in English or Danish, singular or plural.
pub fn kind_word(word: &str) -> Option<Kind> {
    match word.trim().to_lowercase().as_str() {
        "forløb" | "forlob" => Some(Kind::Cycle),
        "eksperiment" | "eksperimenter" | "experiments" => Some(Kind::Experiment),
        "refleksion" | "refleksioner" | "reflections" => Some(Kind::Reflection),
        "noter" | "notes" => Some(Kind::Note),
        "cycles" => Some(Kind::Cycle),
        other => other.parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::local_day;

    #[test]
    fn filters_take_danish_words() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let id = RecordId::new_at(chrono::Utc::now());
        let f = parse_filter(
            "eksperiment fra:i går til:om 2 uger #tillid forløb:01ABC",
            today,
            |_| Ok(id),
        )
        .unwrap();
        let g = parse_filter(
            "eksperiment fra:igår til:+2u #tillid forløb:01ABC",
            today,
            |_| Ok(id),
        )
        .unwrap();
        assert_eq!(f, g);
        assert_eq!(f.kind, Some(Kind::Experiment));
        assert_eq!(f.since, NaiveDate::from_ymd_opt(2026, 11, 22));
        assert_eq!(f.until, NaiveDate::from_ymd_opt(2026, 12, 7));
        assert_eq!(f.tag.as_deref(), Some("tillid"));
        assert_eq!(f.cycle, Some(id));
        for (word, kind) in [
            ("forløb", Kind::Cycle),
            ("refleksioner", Kind::Reflection),
            ("noter", Kind::Note),
            ("experiments", Kind::Experiment),
        ] {
            assert_eq!(kind_word(word), Some(kind), "{word}");
        }
        let err = parse_filter("møder", today, |_| Ok(id)).unwrap_err();
        assert_eq!(err, FilterError::NotAFilter("møder".into()));
        assert!(err.to_string().contains("forløb, eksperiment"), "{err}");
    }
    use crate::record::{ExperimentStatus, JournalId};
    use chrono::{TimeZone, Utc};

    fn experiment(follow_up: Option<NaiveDate>, status: ExperimentStatus) -> Record {
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap();
        Record::new(
            JournalId::new_at(now),
            now,
            Content::Experiment {
                cycle: None,
                with: vec![],
                expectation: String::new(),
                signal: String::new(),
                follow_up,
                status,
                outcome: None,
                from: None,
                closed: None,
                signal_met: None,
            },
        )
    }

    #[test]
    fn due_means_open_with_a_follow_up_today_or_before() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day);
        let today = d(23).unwrap();
        let records = [
            experiment(d(24), ExperimentStatus::Planned),
            experiment(d(23), ExperimentStatus::Running),
            experiment(d(2), ExperimentStatus::Planned),
            experiment(d(2), ExperimentStatus::Done),
            experiment(None, ExperimentStatus::Planned),
        ];
        let due = due_experiments(&records, today);
        let ids: Vec<_> = due.iter().map(|r| r.id).collect();
        assert_eq!(ids, vec![records[2].id, records[1].id]);
    }

    #[test]
    fn a_typed_filter_reads_kinds_tags_dates_and_cycles() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let cycle = RecordId::new_at(Utc::now());
        let f = parse_filter(
            "experiment #Trust since:-7d until:today cycle:01ab",
            today,
            |id| {
                assert_eq!(id, "01ab");
                Ok(cycle)
            },
        )
        .unwrap();
        assert_eq!(f.kind, Some(Kind::Experiment));
        assert_eq!(f.tag.as_deref(), Some("trust"));
        assert_eq!(f.since, NaiveDate::from_ymd_opt(2026, 11, 16));
        assert_eq!(f.until, Some(today));
        assert_eq!(f.cycle, Some(cycle));
        assert_eq!(
            parse_filter("", today, |_| Err("no".into())).unwrap(),
            Filter::default()
        );
        assert!(
            parse_filter("memo", today, |_| Err("no".into()))
                .unwrap_err()
                .to_string()
                .contains("#tag")
        );
        assert!(matches!(
            parse_filter("since:soon", today, |_| Err("no".into())),
            Err(FilterError::Date(w, _)) if w == "soon"
        ));
    }

    #[test]
    fn a_cycle_moves_through_its_phases() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let cycle = experiment(None, ExperimentStatus::Planned);
        assert_eq!(cycle_phase(&[], today), Phase::Plan);
        let later = experiment(
            NaiveDate::from_ymd_opt(2026, 12, 1),
            ExperimentStatus::Planned,
        );
        assert_eq!(cycle_phase(&[&later], today), Phase::Act);
        let due = experiment(Some(today), ExperimentStatus::Running);
        assert_eq!(cycle_phase(&[&later, &due], today), Phase::Observe);
        let done = experiment(Some(today), ExperimentStatus::Done);
        assert_eq!(cycle_phase(&[&done], today), Phase::Reflect);
        let mut reflection = cycle.clone();
        reflection.content = Content::Reflection {
            set: "kolb".into(),
            cycle: None,
            experiment: None,
            answers: vec![],
        };
        reflection.created = done.updated + chrono::Duration::hours(1);
        assert_eq!(cycle_phase(&[&done, &reflection], today), Phase::Review);
    }

    #[test]
    fn filters_combine() {
        let mut r = experiment(None, ExperimentStatus::Planned);
        r.set_tags(["trust"]);
        let day = local_day(r.created);
        let mut f = Filter {
            kind: Some(Kind::Experiment),
            tag: Some("trust".into()),
            since: Some(day),
            until: Some(day),
            ..Filter::default()
        };
        assert!(f.matches(&r));
        f.tag = Some("other".into());
        assert!(!f.matches(&r));
        f.tag = None;
        f.since = day.succ_opt();
        assert!(!f.matches(&r));
        f.since = None;
        f.kind = Some(Kind::Note);
        assert!(!f.matches(&r));
    }
}
