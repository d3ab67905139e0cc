//! The loop in the app: which record a key works on, the sets offered first for its phase,
//! starting an experiment, carrying a next step forward, concluding a cycle, and the screens
//! that draw it together (the summary, the relational-coordination map, the rhythm's calendar,
//! scale answers over time).

use super::*;
use crate::carry::{Carried, CarryError};
use crate::flow::CONCLUDE_SET;
use crate::pictures::{Calendar, RcMap};
use crate::rhythm::RhythmRun;
use crate::summary::{Scope, Summary, Trend};
use crate::tui::words::fill;

/// How many weeks the rhythm's calendar reads back.
const CALENDAR_WEEKS: usize = 53;
/// How far back the charts of scale answers read from home.
const CHART_DAYS: u64 = 365;

/// What did I learn, on screen.
pub struct SummaryView {
    /// The summary, built when the screen opened.
    pub summary: Summary,
    /// How far it is scrolled.
    pub scroll: Scroll,
}

/// The relational-coordination map on screen.
pub struct RcMapView {
    /// The map.
    pub map: RcMap,
    /// The highlighted row (the weakest tie when it opens).
    pub selected: usize,
}

/// The rhythm's calendar on screen.
pub struct CalendarView {
    /// Days with records, week by week.
    pub calendar: Calendar,
    /// The rhythm the user set, and how it stands.
    pub rhythm: Option<RhythmRun>,
}

/// Scale answers over time on screen.
pub struct ChartView {
    /// The trends, one chart each.
    pub trends: Vec<Trend>,
    /// The one charted.
    pub selected: usize,
    /// What they are of: a cycle, a month, the last year.
    pub title: String,
}

impl App {
    /// The record of the highlighted home row: a due experiment, an active or a concluded
    /// cycle.
    pub(in crate::tui) fn highlighted(&self) -> Option<&Record> {
        let Some(Screen::Home { selected }) = self.screens.last() else {
            return None;
        };
        let h = &self.home;
        let i = *selected;
        if i < h.due.len() {
            return h.due.get(i);
        }
        let i = i - h.due.len();
        if i < h.cycles.len() {
            return h.cycles.get(i).map(|c| &c.record);
        }
        h.concluded.get(i - h.cycles.len())
    }

    /// The record a key works on: the highlighted one on home, the open one in the record view.
    fn focus(&self) -> Option<&Record> {
        match self.screens.last() {
            Some(Screen::Home { .. }) => self.highlighted(),
            Some(Screen::Detail(v)) => Some(&v.record),
            _ => None,
        }
    }

    /// The phase of the loop `record` is in: whose sets are offered first.
    fn phase_of(&self, record: &Record) -> Option<Phase> {
        let today = self.today();
        match &record.content {
            Content::Cycle { .. } => {
                if let Some(c) = self.home.cycles.iter().find(|c| c.record.id == record.id) {
                    return Some(c.state.phase);
                }
                crate::cycle::read_state(&self.journal, record, today)
                    .ok()
                    .map(|s| s.phase)
            }
            Content::Experiment {
                status, follow_up, ..
            } => Some(if !status.is_open() {
                Phase::Reflect
            } else if follow_up.is_some_and(|d| d <= today) {
                Phase::Observe
            } else {
                Phase::Act
            }),
            _ => None,
        }
    }

    /// `R`: choose a set to reflect with, about the highlighted or open record, the sets of its
    /// phase first.
    pub(super) fn reflect(&mut self) {
        let record = self.focus().cloned();
        let purpose = match self.screens.last() {
            Some(Screen::Home { .. } | Screen::Detail(_)) => {
                Purpose::reflection_on(record.as_ref())
            }
            _ => self.context_purpose(),
        };
        let phase = record.as_ref().and_then(|r| self.phase_of(r));
        let sets: Vec<String> = match phase {
            Some(p) => self.library.for_phase(p),
            None => self.library.sets().iter().collect(),
        }
        .into_iter()
        // The closing reflection is written by concluding a cycle (C), never on its own.
        .filter(|s| s.id != CONCLUDE_SET)
        .map(|s| s.id.clone())
        .collect();
        self.screens.push(Screen::PickSet {
            selected: 0,
            purpose,
            sets,
            phase,
        });
    }

    /// `e`: on a reflection with a next step, plan it as the next experiment (filled in, linked
    /// back); on the relational-coordination map, plan one on the highlighted tie; elsewhere a
    /// fresh plan in the highlighted or open record's cycle.
    pub(super) fn plan_experiment(&mut self) {
        match self.screens.last() {
            Some(Screen::RcMap(_)) => return self.plan_on_tie(),
            Some(Screen::Detail(v)) if v.record.kind() == Kind::Reflection => {
                let id = v.record.id;
                match crate::carry::carry_forward_in(&self.journal, &self.library, id) {
                    Ok(carried) => return self.open_carried(carried),
                    Err(CarryError::NoNextStep(_)) => {}
                    Err(e) => return self.error(e.to_string()),
                }
            }
            _ => {}
        }
        // A concluded cycle takes no new experiment: its "what next" is planned on its own.
        let focus = self.focus().filter(|r| !crate::cycle::is_concluded(r));
        let purpose = Purpose::plan_in(focus);
        self.start_set(PLAN_SET, purpose);
    }

    /// Opens the plan-an-experiment flow filled in from `carried`.
    fn open_carried(&mut self, carried: Carried) {
        let Some(plan) = self.library.get(PLAN_SET).cloned() else {
            return self.error(format!("there is no prompt set '{PLAN_SET}'"));
        };
        let flow = carried.into_flow(plan, self.clock.now());
        self.open_ready(flow, None);
    }

    /// Starts a flow already filled in; over a draft with answers in it, asks first.
    pub(super) fn open_ready(&mut self, flow: Flow, changes: Option<Record>) {
        if let Some(pending) = self.draft_in_the_way(PendingFlow::Ready(flow, changes)) {
            self.pending_start = Some(pending);
        }
    }

    /// After an after-action review that chose "adjust" is saved: offers to plan the follow-up
    /// experiment now, filled in from the one reviewed and linked to it.
    pub(super) fn offer_follow_up(&mut self, review: RecordId) {
        let carried = match crate::carry::carry_forward_in(&self.journal, &self.library, review) {
            Ok(c) => Some(c),
            // "Adjust" with nothing written under "next time": the experiment's own plan.
            Err(CarryError::NoNextStep(_)) => self
                .journal
                .get(review)
                .ok()
                .flatten()
                .and_then(|r| r.experiment())
                .and_then(|e| self.journal.get(e).ok().flatten())
                .and_then(|e| crate::carry::follow_up_of(&e)),
            Err(_) => None,
        };
        let (Some(carried), Some(plan)) = (carried, self.library.get(PLAN_SET).cloned()) else {
            return;
        };
        let flow = carried.into_flow(plan, self.clock.now());
        self.pending_start = Some(PendingStart {
            start: Some(PendingFlow::Ready(flow, None)),
            question: self.words().plan_follow_up_now.to_string(),
            goes_on: true,
            no: self.words().not_now,
        });
    }

    /// `s`: the highlighted or open experiment goes from planned to running; on a cycle's row,
    /// its one planned experiment does.
    pub(super) fn start_experiment(&mut self) {
        let w = self.words();
        let target = match self.focus() {
            Some(r) if r.kind() == Kind::Experiment => r.clone(),
            Some(r)
                if r.kind() == Kind::Cycle
                    && matches!(self.screens.last(), Some(Screen::Home { .. })) =>
            {
                let planned: Vec<Record> = match crate::cycle::open_experiments(&self.journal, r.id)
                {
                    Ok(open) => open
                        .into_iter()
                        .filter(|e| {
                            matches!(
                                e.content,
                                Content::Experiment {
                                    status: ExperimentStatus::Planned,
                                    ..
                                }
                            )
                        })
                        .collect(),
                    Err(e) => return self.error(e.to_string()),
                };
                match planned.as_slice() {
                    [one] => one.clone(),
                    [] => return self.info(w.nothing_planned),
                    many => {
                        let n = many.len().to_string();
                        return self.info(fill(w.pick_planned, &[("n", &n)]));
                    }
                }
            }
            _ => return self.info(w.start_what),
        };
        let Content::Experiment { status, .. } = &target.content else {
            return;
        };
        match status {
            ExperimentStatus::Planned => {}
            ExperimentStatus::Running => return self.info(w.already_running),
            s => {
                let s = crate::tui::words::experiment_status(*s, self.lang);
                return self.info(fill(w.already_closed, &[("status", s)]));
            }
        }
        let mut started = target.clone();
        let now = self.clock.now();
        if let Content::Experiment { status, closed, .. } = &mut started.content {
            *closed = crate::cycle::closing_time(*status, ExperimentStatus::Running, *closed, now);
            *status = ExperimentStatus::Running;
        }
        if let Err(e) = started.touch(now) {
            return self.error(e.to_string());
        }
        let result = self.journal.update(&started);
        self.after_write(result, false, "");
        if self.message.as_ref().is_none_or(|m| !m.error) {
            let title = started.display_title();
            self.info(fill(w.started, &[("title", &title)]));
        }
    }

    /// `C`: conclude the highlighted or open cycle with the closing reflection; experiments
    /// still open are named first, and only a yes goes on.
    pub(super) fn conclude_cycle(&mut self) {
        let w = self.words();
        let cycle = match self.focus() {
            Some(r) if r.kind() == Kind::Cycle => r.clone(),
            _ => return self.info(w.conclude_what),
        };
        if crate::cycle::is_concluded(&cycle) {
            return self.info(w.already_concluded);
        }
        let Some(set) = self.library.get(CONCLUDE_SET).cloned() else {
            return self.error(format!("there is no prompt set '{CONCLUDE_SET}'"));
        };
        let open = match crate::cycle::open_experiments(&self.journal, cycle.id) {
            Ok(open) => open,
            Err(e) => return self.error(e.to_string()),
        };
        let flow = PendingFlow::New(set, Purpose::ConcludeCycle { cycle: cycle.id }, Some(cycle));
        if open.is_empty() {
            if let Some(pending) = self.draft_in_the_way(flow) {
                self.pending_start = Some(pending);
            }
            return;
        }
        let titles: Vec<String> = open
            .iter()
            .map(|e| fill(w.quoted, &[("title", &e.display_title())]))
            .collect();
        let template = if open.len() == 1 {
            w.conclude_open_one
        } else {
            w.conclude_open
        };
        let question = fill(
            template,
            &[
                ("n", &open.len().to_string()),
                ("titles", &titles.join(", ")),
            ],
        );
        self.pending_start = Some(PendingStart {
            start: Some(flow),
            question,
            goes_on: true,
            no: self.words().not_concluded,
        });
    }

    /// `S`: what the open cycle (or the open record's cycle) taught; from home, this month.
    pub(super) fn open_summary(&mut self) {
        let today = self.today();
        let cycle = match self.screens.last() {
            Some(Screen::Detail(v)) if v.record.kind() == Kind::Cycle => Some(v.record.id),
            Some(Screen::Detail(v)) => v.record.cycle(),
            _ => None,
        };
        let scope = match cycle {
            Some(id) => Scope::Cycle { id },
            None => crate::summary::month_of(today),
        };
        match crate::summary::build(&self.journal, &self.library, scope, today, self.lang) {
            Ok(summary) => self.screens.push(Screen::Summary(Box::new(SummaryView {
                summary,
                scroll: Scroll::default(),
            }))),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Scrolls the summary.
    pub(super) fn scroll_summary(&mut self, action: Action) {
        let Some(Screen::Summary(v)) = self.screens.last() else {
            return;
        };
        let room = crate::tui::view::summary_room(self, v, self.size);
        if let Some(Screen::Summary(v)) = self.screens.last_mut() {
            v.scroll.apply(action, room);
        }
    }

    /// Every reflection of this journal answered with `set`, or all of them.
    fn reflections_since(
        &self,
        since: Option<chrono::NaiveDate>,
    ) -> Result<Vec<Record>, StoreError> {
        self.journal.list(&Filter {
            kind: Some(Kind::Reflection),
            since,
            ..Filter::default()
        })
    }

    /// `M`: the relational-coordination map, the weakest tie highlighted.
    pub(super) fn open_rc_map(&mut self) {
        match self.reflections_since(None) {
            Ok(records) => {
                let map = crate::pictures::rc_map(&records, &self.library, self.lang);
                let selected = map.weakest.unwrap_or(0);
                self.screens
                    .push(Screen::RcMap(Box::new(RcMapView { map, selected })));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// `e` on the map: plan an experiment on the highlighted tie, with whom and why filled in
    /// (and what the reflection said it would try, if it did), linked to that reflection.
    fn plan_on_tie(&mut self) {
        let w = self.words();
        let Some(Screen::RcMap(v)) = self.screens.last() else {
            return;
        };
        let Some(tie) = v.map.ties.get(v.selected) else {
            return self.info(w.no_rc);
        };
        let dims = &v.map.dimensions;
        let why = tie.weakest_dimension(dims).and_then(|i| {
            let score = tie.scores[i]?;
            Some(fill(
                w.tie_why,
                &[
                    (
                        "dimension",
                        crate::tui::words::dimension(&dims[i].id, self.lang),
                    ),
                    ("counterpart", &tie.counterpart),
                    ("score", &score.latest.to_string()),
                    ("max", &dims[i].max.to_string()),
                ],
            ))
        });
        let mut values = vec![("with-whom".to_string(), tie.counterpart.clone())];
        values.extend(why.map(|why| ("why".to_string(), why)));
        values.extend(tie.next_step.clone().map(|t| ("try".to_string(), t)));
        let purpose = Purpose::PlanExperiment {
            cycle: tie.cycle,
            from: Some(tie.latest),
        };
        let Some(plan) = self.library.get(PLAN_SET).cloned() else {
            return self.error(format!("there is no prompt set '{PLAN_SET}'"));
        };
        let flow = Flow::prefilled(plan, purpose, self.clock.now(), &values);
        self.open_ready(flow, None);
    }

    /// `H`: the calendar of the rhythm, a year of weeks.
    pub(super) fn open_calendar(&mut self) {
        let days = self
            .journal
            .creation_times_newest_first()
            .map(crate::dates::local_day);
        let calendar = crate::pictures::calendar(days, self.today(), CALENDAR_WEEKS);
        let rhythm = self.home.rhythm;
        self.screens.push(Screen::Calendar(Box::new(CalendarView {
            calendar,
            rhythm,
        })));
    }

    /// `K`: scale answers over time; of the summary on screen, or from home the last year's.
    pub(super) fn open_charts(&mut self) {
        let (trends, title) = match self.screens.last() {
            Some(Screen::Summary(v)) => (v.summary.trends.clone(), v.summary.title.clone()),
            _ => {
                let since = self.today().checked_sub_days(chrono::Days::new(CHART_DAYS));
                match self.reflections_since(since) {
                    Ok(mut records) => {
                        records.sort_by_key(|r| r.id);
                        let trends = crate::summary::trends_of(&records, &self.library, self.lang);
                        (trends, self.words().last_year.to_string())
                    }
                    Err(e) => return self.error(e.to_string()),
                }
            }
        };
        self.screens.push(Screen::Chart(Box::new(ChartView {
            trends,
            selected: 0,
            title,
        })));
    }
}
