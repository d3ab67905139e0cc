//! What the app draws as pictures, worked out as plain data: the relational-coordination map
//! (one row per counterpart, Gittell's seven dimensions as columns, the newest score against the
//! one before, the weakest tie) and the calendar of the reflection rhythm (weeks × weekdays).

use chrono::{Datelike, Days, NaiveDate};

use crate::dates::local_day;
use crate::journal::Language;
use crate::prompts::{AnswerKind, Library};
use crate::record::{AnswerValue, Content, Record, RecordId};
use crate::summary::{counterpart_key, counterpart_of};

/// The relational-coordination set's id.
pub const RC_SET: &str = "relational-coordination";

/// One dimension of relational coordination: a scale question of the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dimension {
    /// The question's id (`frequent`, `shared-goals`…).
    pub id: String,
    /// The question as asked, in the map's language.
    pub question: String,
    /// The scale's bottom.
    pub min: i64,
    /// The scale's top.
    pub max: i64,
}

/// One counterpart's scores on one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// The newest answer.
    pub latest: i64,
    /// The answer before it, if there was one.
    pub previous: Option<i64>,
}

impl Score {
    /// The newest against the one before: positive when it rose.
    pub fn change(&self) -> Option<i64> {
        self.previous.map(|p| self.latest - p)
    }
}

/// One counterpart: a row of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    /// The counterpart as last written.
    pub counterpart: String,
    /// Each dimension's scores, in the map's column order (`None` when never answered).
    pub scores: Vec<Option<Score>>,
    /// How many times the set was answered for this counterpart.
    pub times: usize,
    /// The newest reflection about this counterpart.
    pub latest: RecordId,
    /// Its cycle, if it belongs to one.
    pub cycle: Option<RecordId>,
    /// Its day.
    pub day: NaiveDate,
    /// Its answer to the set's next-step question ("what will you try to strengthen…"), if any.
    pub next_step: Option<String>,
}

impl Tie {
    /// The newest scores as a share of each scale (0 at the bottom, 1 at the top), averaged;
    /// `None` when no dimension was answered.
    pub fn strength(&self, dimensions: &[Dimension]) -> Option<f64> {
        let shares: Vec<f64> = self
            .scores
            .iter()
            .zip(dimensions)
            .filter_map(|(s, d)| s.map(|s| share(s.latest, d)))
            .collect();
        (!shares.is_empty()).then(|| shares.iter().sum::<f64>() / shares.len() as f64)
    }

    /// The column of its weakest dimension (the first of equals).
    pub fn weakest_dimension(&self, dimensions: &[Dimension]) -> Option<usize> {
        let mut best: Option<(usize, f64)> = None;
        for (i, (s, d)) in self.scores.iter().zip(dimensions).enumerate() {
            if let Some(s) = s {
                let v = share(s.latest, d);
                if best.is_none_or(|(_, b)| v < b) {
                    best = Some((i, v));
                }
            }
        }
        best.map(|(i, _)| i)
    }
}

fn share(value: i64, d: &Dimension) -> f64 {
    let span = (d.max - d.min).max(1) as f64;
    (value - d.min) as f64 / span
}

/// The relational-coordination map.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RcMap {
    /// The columns.
    pub dimensions: Vec<Dimension>,
    /// The rows, by counterpart name.
    pub ties: Vec<Tie>,
    /// The row of the weakest tie, if any row has a score.
    pub weakest: Option<usize>,
}

/// The map from `reflections` (any order; only those answered with the relational-coordination
/// set and naming a counterpart count), questions in `lang`.
pub fn rc_map<'a>(
    reflections: impl IntoIterator<Item = &'a Record>,
    library: &Library,
    lang: Language,
) -> RcMap {
    let Some(set) = library.get(RC_SET) else {
        return RcMap::default();
    };
    let dimensions: Vec<Dimension> = set
        .questions
        .iter()
        .filter_map(|q| match q.kind {
            AnswerKind::Scale { min, max, .. } => Some(Dimension {
                id: q.id.clone(),
                question: q.text.get(lang).to_string(),
                min,
                max,
            }),
            _ => None,
        })
        .collect();
    let next_question = set.carrying().next().map(|q| q.id.clone());
    let mut answered: Vec<&Record> = reflections
        .into_iter()
        .filter(|r| matches!(&r.content, Content::Reflection { set, .. } if set == RC_SET))
        .collect();
    answered.sort_by_key(|r| (r.created, r.id));
    let mut ties: Vec<(String, Tie)> = Vec::new();
    for r in answered {
        let Some(name) = counterpart_of(r, library) else {
            continue;
        };
        let Content::Reflection { answers, cycle, .. } = &r.content else {
            continue;
        };
        let key = counterpart_key(&name);
        let at = match ties.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                ties.push((
                    key,
                    Tie {
                        counterpart: name.clone(),
                        scores: vec![None; dimensions.len()],
                        times: 0,
                        latest: r.id,
                        cycle: *cycle,
                        day: local_day(r.created),
                        next_step: None,
                    },
                ));
                ties.len() - 1
            }
        };
        let tie = &mut ties[at].1;
        tie.counterpart = name;
        tie.times += 1;
        tie.latest = r.id;
        tie.cycle = *cycle;
        tie.day = local_day(r.created);
        tie.next_step = next_question
            .as_ref()
            .and_then(|q| answers.iter().find(|a| a.question == *q))
            .map(|a| a.value.to_text().trim().to_string())
            .filter(|t| !t.is_empty());
        for (i, d) in dimensions.iter().enumerate() {
            let value = answers.iter().find_map(|a| match a.value {
                AnswerValue::Scale(n) if a.question == d.id => Some(n),
                _ => None,
            });
            if let Some(n) = value {
                tie.scores[i] = Some(Score {
                    latest: n,
                    previous: tie.scores[i].map(|s| s.latest),
                });
            }
        }
    }
    let mut ties: Vec<Tie> = ties.into_iter().map(|(_, t)| t).collect();
    ties.sort_by_key(|t| counterpart_key(&t.counterpart));
    let weakest = ties
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.strength(&dimensions).map(|s| (i, s)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i);
    RcMap {
        dimensions,
        ties,
        weakest,
    }
}

/// How many days had a record, week by week: the calendar of the rhythm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// The Monday of the first week shown.
    pub first_monday: NaiveDate,
    /// Records per day, a week a row, Monday first.
    pub weeks: Vec<[u32; 7]>,
    /// The day it was made for (days after it are empty).
    pub today: NaiveDate,
}

impl Calendar {
    /// The day at `week`, `weekday` (0 = Monday).
    pub fn day(&self, week: usize, weekday: usize) -> NaiveDate {
        self.first_monday + Days::new((week * 7 + weekday) as u64)
    }

    /// The most records on any one day.
    pub fn most(&self) -> u32 {
        self.weeks.iter().flatten().copied().max().unwrap_or(0)
    }

    /// How many days had a record.
    pub fn days_written(&self) -> usize {
        self.weeks.iter().flatten().filter(|n| **n > 0).count()
    }
}

/// The calendar of the `weeks` weeks up to and including `today`'s, from the days records were
/// written (given newest first, as the journal reads them; reading stops at the first day older
/// than the calendar).
pub fn calendar(
    days_newest_first: impl IntoIterator<Item = NaiveDate>,
    today: NaiveDate,
    weeks: usize,
) -> Calendar {
    let weeks = weeks.max(1);
    let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    let first_monday = monday - Days::new(7 * (weeks as u64 - 1));
    let mut counts = vec![[0u32; 7]; weeks];
    for day in days_newest_first {
        if day < first_monday {
            break;
        }
        if day > today {
            continue;
        }
        let n = (day - first_monday).num_days() as usize;
        counts[n / 7][n % 7] += 1;
    }
    Calendar {
        first_monday,
        weeks: counts,
        today,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Answer, JournalId};
    use chrono::{TimeZone, Utc};

    fn rc(day: u32, who: &str, scores: &[(&str, i64)]) -> Record {
        let mut answers = vec![Answer {
            question: "counterpart".into(),
            value: AnswerValue::Text(who.into()),
            why: None,
        }];
        for (q, n) in scores {
            answers.push(Answer {
                question: (*q).into(),
                value: AnswerValue::Scale(*n),
                why: None,
            });
        }
        Record::new(
            JournalId::new_at(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()),
            Utc.with_ymd_and_hms(2026, 11, day, 12, 0, 0).unwrap(),
            Content::Reflection {
                set: RC_SET.into(),
                cycle: None,
                experiment: None,
                answers,
            },
        )
    }

    #[test]
    fn the_map_has_a_row_per_counterpart_whatever_its_spelling_and_finds_the_weakest_tie() {
        let library = crate::prompts::load(None).library;
        let records = [
            rc(2, "Home care", &[("frequent", 2), ("timely", 3)]),
            rc(9, "the hospital ward", &[("frequent", 2), ("timely", 1)]),
            rc(16, "home  CARE", &[("frequent", 4), ("timely", 3)]),
        ];
        let map = rc_map(&records, &library, Language::English);
        assert_eq!(map.dimensions.len(), 7, "Gittell's seven dimensions");
        assert_eq!(map.ties.len(), 2);
        let home = &map.ties[0];
        assert_eq!(home.counterpart, "home  CARE", "as last written");
        assert_eq!(home.times, 2);
        assert_eq!(home.latest, records[2].id);
        let frequent = home.scores[0].unwrap();
        assert_eq!((frequent.latest, frequent.change()), (4, Some(2)));
        assert_eq!(home.scores[1].unwrap().change(), Some(0));
        assert_eq!(home.scores[2], None);
        assert_eq!(map.weakest, Some(1), "the ward scores lowest");
        assert_eq!(map.ties[1].weakest_dimension(&map.dimensions), Some(1));
    }

    #[test]
    fn the_calendar_counts_days_by_week_and_weekday_and_stops_reading_at_its_start() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let today = d(11, 25); // a Wednesday
        let days = [
            d(11, 25),
            d(11, 25),
            d(11, 23),
            d(11, 20),
            d(11, 9),
            d(1, 5),
        ];
        let c = calendar(days, today, 3);
        assert_eq!(c.first_monday, d(11, 9));
        assert_eq!(c.weeks[2][2], 2, "two records today");
        assert_eq!(c.weeks[2][0], 1);
        assert_eq!(c.weeks[1][4], 1, "Friday the 20th");
        assert_eq!(c.weeks[0][0], 1);
        assert_eq!(c.most(), 2);
        assert_eq!(c.days_written(), 4, "January is before the calendar");
        assert_eq!(c.day(2, 2), today);
    }
}
