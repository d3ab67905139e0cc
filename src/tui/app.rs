//! The app's state and `update`: every change happens here, in answer to an [`Action`].

use std::collections::HashMap;
use std::time::Duration;

use crossterm::event::{Event, KeyEvent, KeyEventKind, MouseEventKind};
use ratatui_textarea::TextArea;

use super::action::Action;
use super::keymap::{self, Mode};
use super::scroll::Scroll;
use super::search_worker::SearchWorker;
use super::theme::Theme;
use super::words::{Words, words};
use crate::carry::MeantToTry;
use crate::clock::Clock;
use crate::flow::PlanContext;
use crate::flow::{
    DAILY_CHECKIN, Draft, FinishError, Flow, NOTE_SET, NOTE_TEXT, NOTE_TITLE, PLAN_SET, Problem,
    Purpose, REVIEW_SET, Resumed, Step, Typed,
};
use crate::home::Home;
use crate::journal::Language;
use crate::prompts::{AnswerKind, Library, Localized, Origin, Phase, PromptSet, Question};
use crate::query::{Filter, FilterError, cycle_phase, parse_filter};
use crate::record::{
    Comment, Content, CycleStatus, ExperimentStatus, JournalId, Kind, Reach, Record, RecordId,
    Visibility,
};
use crate::search::Hit;
use crate::store::{Deleted, Journal, StoreError};

pub mod looping;

/// How many records the timeline reads at a time.
const PAGE: usize = 200;
/// How many search results are shown.
const SEARCH_LIMIT: usize = 50;
/// The most active cycles the home screen lists (newest first).
const MAX_HOME_CYCLES: usize = 20;
/// The prompt set offered for commenting on someone else's record.
const MENTOR_REVIEW_SET: &str = "mentor-review";
/// The id of the built-in form for a new cycle.
const NEW_CYCLE_SET: &str = "praxis-new-cycle";

/// A one-line input at the bottom of a screen.
pub struct LineInput {
    /// What is typed.
    pub text: TextArea<'static>,
    /// What it is for.
    pub purpose: LineFor,
}

/// What a one-line input edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineFor {
    /// The timeline's filter.
    Filter,
    /// The open record's tags.
    Tags,
    /// A comment on the open record (several lines, wrapped).
    Comment,
}

/// A guided flow on screen.
pub struct FlowView {
    /// The flow.
    pub flow: Flow,
    /// The editor of the current text answer.
    pub editor: TextArea<'static>,
    /// The editor of the current why.
    pub why: TextArea<'static>,
    /// Whether the why has the focus.
    pub on_why: bool,
    /// The highlighted option of a choice question.
    pub choice: usize,
    /// The highlighted answer on the review page.
    pub review_selected: usize,
    /// How far the review page is scrolled.
    pub review_scroll: Scroll,
    /// The reflection's title.
    pub title: String,
    /// The record the flow changes: the experiment whose outcome is logged, the record whose
    /// answers are edited.
    pub changes: Option<Record>,
    /// What the flow is about (the cycle, experiment or record), shown with its title.
    pub about: Option<String>,
    /// What the flow starts from, shown above its questions.
    pub context: Option<FlowContext>,
}

/// What a flow starts from, shown above its questions (read when the flow opens).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowContext {
    /// The plan of the experiment an after-action review looks back on.
    Plan(PlanContext),
    /// What the last check-in meant to try: today's asks "did you?".
    MeantTo(MeantToTry),
}

/// How a record in a record's lineage is related to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lineage {
    /// The record follows from this one (the reflection or experiment it was planned from).
    FollowsFrom,
    /// This experiment was planned from the record (its next version, or from its next step).
    FollowedBy,
}

/// The timeline on screen.
pub struct TimelineView {
    /// The filter in force.
    pub filter: Filter,
    /// The filter as typed.
    pub filter_text: String,
    /// The records read so far, newest first.
    pub records: Vec<Record>,
    /// Whether more records may follow.
    pub more: bool,
    /// Comments per record shown.
    pub comment_counts: HashMap<RecordId, usize>,
    /// The selected row.
    pub selected: usize,
    /// A filter being typed.
    pub input: Option<LineInput>,
    /// Whether it shows other journals' records (shared with this journal) instead of its own.
    pub peers: bool,
    /// Other journals' authors' names, for the peers' records shown.
    pub authors: HashMap<JournalId, String>,
}

/// One record on screen.
pub struct DetailView {
    /// The record.
    pub record: Record,
    /// Its comments.
    pub comments: Vec<Comment>,
    /// Where the record comes from and what came of it: follows from, followed by.
    pub lineage: Vec<(Lineage, Record)>,
    /// Records linked to it, oldest first.
    pub linked: Vec<Record>,
    /// Titles of what it links to (its cycle, its experiment).
    pub links: Vec<(String, String)>,
    /// The highlighted linked record.
    pub selected: usize,
    /// Asking whether to delete.
    pub confirm_delete: bool,
    /// Tags being typed.
    pub input: Option<LineInput>,
    /// Where a cycle stands.
    pub phase: Option<Phase>,
    /// A cycle's closed experiments that still owe a reflection, by title.
    pub owed: Vec<String>,
    /// Whose record it is, when another journal's (read-only here).
    pub from: Option<String>,
    /// How far its text is scrolled.
    pub scroll: Scroll,
    /// Esc was pressed once in a comment with text: a second throws it away.
    pub leave_asked: bool,
}

impl DetailView {
    /// The records listed below the text, lineage first: the `i`th.
    pub fn listed(&self, i: usize) -> Option<&Record> {
        match i.checked_sub(self.lineage.len()) {
            None => self.lineage.get(i).map(|(_, r)| r),
            Some(j) => self.linked.get(j),
        }
    }

    /// How many records are listed below the text.
    pub fn listed_len(&self) -> usize {
        self.lineage.len() + self.linked.len()
    }
}

/// Search on screen.
pub struct SearchView {
    /// The query.
    pub query: TextArea<'static>,
    /// The results for `shown_for`.
    pub results: Vec<Hit>,
    /// The query the results are for.
    pub shown_for: String,
    /// Whether the results are complete (not only the newest records).
    pub complete: bool,
    /// How many records matched in all.
    pub matched: usize,
    /// How the results matched (close matches are said to be so).
    pub tier: Option<crate::search::Tier>,
    /// The selected result.
    pub selected: usize,
}

/// A screen of the app.
pub enum Screen {
    /// Today: check-in, due experiments, active cycles.
    Home {
        /// The selected row (due experiments first, then cycles).
        selected: usize,
    },
    /// Choosing a prompt set.
    PickSet {
        /// The selected set.
        selected: usize,
        /// What the flow will be for.
        purpose: Purpose,
        /// The sets' ids in the order shown: the phase's first.
        sets: Vec<String>,
        /// The phase of the cycle or experiment reflected on, if known.
        phase: Option<Phase>,
    },
    /// A guided flow.
    Flow(Box<FlowView>),
    /// Every record.
    Timeline(Box<TimelineView>),
    /// One record.
    Detail(Box<DetailView>),
    /// Search as you type.
    Search(Box<SearchView>),
    /// What did I learn: a cycle's or a month's summary.
    Summary(Box<looping::SummaryView>),
    /// The relational-coordination map.
    RcMap(Box<looping::RcMapView>),
    /// The calendar of the rhythm.
    Calendar(Box<looping::CalendarView>),
    /// Scale answers over time.
    Chart(Box<looping::ChartView>),
}

/// A message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// Whether it reports a problem.
    pub error: bool,
}

/// A flow to start once the draft in its way may be thrown away.
pub(super) enum PendingFlow {
    /// A fresh flow over a set, for a purpose (with the experiment whose outcome it logs).
    New(PromptSet, Purpose, Option<Record>),
    /// A flow over a saved record's answers, and that record.
    Edit(Flow, Record),
    /// A flow made ready (filled in from a plan or a next step), with the record it changes.
    Ready(Flow, Option<Record>),
}

/// A flow asked for while a draft with answers waits (or `x`, to throw the draft away): it
/// happens only after a yes, since it throws the draft away.
pub(super) struct PendingStart {
    /// The flow to start then; `None` when the draft is only to be thrown away.
    start: Option<PendingFlow>,
    /// The question shown until the user answers it.
    pub(super) question: String,
    /// Whether it warns (open experiments) or offers (plan the follow-up) rather than asks to
    /// throw a draft away: a yes goes on to start the flow, asking about a draft if one waits.
    pub(super) goes_on: bool,
    /// What is said after any answer but yes.
    pub(super) no: &'static str,
}

/// The whole app.
pub struct App {
    pub(super) journal: Journal,
    pub(super) library: Library,
    pub(super) clock: Box<dyn Clock>,
    pub(super) lang: Language,
    pub(super) theme: Theme,
    pub(super) screens: Vec<Screen>,
    pub(super) help: bool,
    pub(super) orientation: bool,
    pub(super) message: Option<Message>,
    pub(super) home: Home,
    pub(super) draft: Option<Draft>,
    pub(super) pending_start: Option<PendingStart>,
    /// The terminal's size (columns, rows), for scrolling.
    pub(super) size: (u16, u16),
    /// How far the help is scrolled.
    pub(super) help_scroll: Scroll,
    /// Whether this is the demo journal (its orientation says so).
    pub(super) demo: bool,
    /// The record deleted last while the app is open, kept so `u` can bring it back.
    last_deleted: Vec<Deleted>,
    /// Comments others wrote on this journal's records, not read yet, newest first, with the
    /// title of the record each is on.
    pub(super) unread: Vec<(Comment, String)>,
    /// What the newest check-in before today meant to try, while today's is not done.
    pub(super) meant: Option<MeantToTry>,
    /// What else home nudges about: prompt sets whose cadence came round and success-case
    /// follow-ups whose day came, in words.
    pub(super) nudges: Vec<String>,
    /// A mentor's review of a manager's file: comments go back to the manager alone.
    pub(super) reviewing: bool,
    search: Option<SearchWorker>,
    editor_request: Option<String>,
    quit: bool,
}

impl App {
    /// The app on an open journal; `lang` overrides the journal's language.
    pub fn new(
        journal: Journal,
        library: Library,
        clock: Box<dyn Clock>,
        lang: Option<Language>,
        no_color: bool,
    ) -> App {
        let lang = lang.unwrap_or(journal.meta().language);
        let mut app = App {
            journal,
            library,
            clock,
            lang,
            theme: Theme::new(no_color),
            screens: vec![Screen::Home { selected: 0 }],
            help: false,
            orientation: false,
            message: None,
            home: Home::default(),
            draft: None,
            pending_start: None,
            size: (80, 24),
            help_scroll: Scroll::default(),
            demo: false,
            last_deleted: Vec::new(),
            unread: Vec::new(),
            meant: None,
            nudges: Vec::new(),
            reviewing: false,
            search: None,
            editor_request: None,
            quit: false,
        };
        app.refresh_home();
        if app.journal.undid_an_interrupted_import() {
            app.info(words(app.lang).import_undone);
        } else if app.journal.log_trouble().is_some() {
            let today = app.today();
            let now = app.clock.now();
            app.info(
                match crate::backup::make_and_prune(&app.journal, today, now) {
                    Ok(_) => words(app.lang).log_restarted,
                    Err(_) => words(app.lang).log_not_restarted,
                },
            );
        } else if app.journal.made_private() > 0 {
            app.info(words(app.lang).made_private);
        }
        app.draft = app.journal.draft().unwrap_or_else(|e| {
            app.message = Some(Message {
                text: e.to_string(),
                error: true,
            });
            None
        });
        app
    }

    /// Shows the short orientation over the home screen (after the first start).
    pub fn show_orientation(&mut self) {
        self.orientation = true;
    }

    /// Opens on the demo's own orientation: what the demo is and three keys to try.
    pub fn show_demo_orientation(&mut self) {
        self.orientation = true;
        self.demo = true;
    }

    /// Whether the user asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The journal, for reading after the app is done (tests).
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// Closes the app (and its search, with what it holds) and hands back the journal.
    pub fn into_journal(self) -> Journal {
        self.journal
    }

    /// The status-line message, if any.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// The text to open in an external editor, if the user asked for one.
    pub fn take_editor_request(&mut self) -> Option<String> {
        self.editor_request.take()
    }

    /// The external editor's result: the current answer, or the open record's title and text.
    pub fn editor_done(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) if matches!(self.screens.last(), Some(Screen::Detail(v)) if v.input.is_some()) => {
                if let Some(Screen::Detail(v)) = self.screens.last_mut()
                    && let Some(input) = &mut v.input
                {
                    input.text = editor_area(text.trim_end());
                }
            }
            Ok(text) if matches!(self.screens.last(), Some(Screen::Detail(_))) => {
                let Some(Screen::Detail(v)) = self.screens.last() else {
                    return;
                };
                let mut record = v.record.clone();
                let (title, body) = split_title_body(&text);
                record.title = title;
                record.body = body;
                self.save_record_change(record);
            }
            Ok(text) => {
                if let Some(Screen::Flow(view)) = self.screens.last_mut() {
                    let text = text.trim_end().to_string();
                    let target = if view.on_why {
                        &mut view.why
                    } else {
                        &mut view.editor
                    };
                    *target = editor_area(&text);
                }
                self.store_answer();
            }
            Err(e) => self.error(format!("{}: {e}", self.words().editor_failed)),
        }
    }

    pub(super) fn words(&self) -> &'static Words {
        words(self.lang)
    }

    pub(super) fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// The key mode of the current screen.
    pub fn mode(&self) -> Mode {
        if self.pending_start.is_some() {
            return Mode::Confirm;
        }
        match self.screens.last() {
            Some(Screen::Home { .. }) | None => Mode::Home,
            Some(Screen::PickSet { .. }) => Mode::PickSet,
            Some(Screen::Flow(v)) => match v.flow.step {
                Step::Review => Mode::Review,
                Step::Question(i) => match (&v.flow.set.questions[i].kind, v.on_why) {
                    (_, true) | (AnswerKind::Text, _) => Mode::FlowText,
                    (AnswerKind::Scale { .. }, _) => Mode::FlowScale,
                    (AnswerKind::Choice { .. }, _) => Mode::FlowChoice,
                },
            },
            Some(Screen::Timeline(v)) if v.input.is_some() => Mode::LineInput,
            Some(Screen::Timeline(_)) => Mode::Timeline,
            Some(Screen::Detail(v)) if v.confirm_delete => Mode::Confirm,
            Some(Screen::Detail(v)) => match &v.input {
                Some(input) if input.purpose == LineFor::Comment => Mode::Comment,
                Some(_) => Mode::LineInput,
                None if v.from.is_some() => Mode::Foreign,
                None => Mode::Detail,
            },
            Some(Screen::Search(_)) => Mode::Search,
            Some(Screen::Summary(_)) => Mode::Summary,
            Some(Screen::RcMap(_)) => Mode::RcMap,
            Some(Screen::Calendar(_)) => Mode::Calendar,
            Some(Screen::Chart(_)) => Mode::Chart,
        }
    }

    /// Handles one terminal event: keys go through the keymap to `update`.
    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Resize(columns, rows) => self.resize(columns, rows),
            Event::Paste(text) if !self.help && !self.orientation => self.paste(&text),
            Event::Mouse(mouse) => {
                let action = match mouse.kind {
                    MouseEventKind::ScrollDown => Action::Down,
                    MouseEventKind::ScrollUp => Action::Up,
                    _ => return,
                };
                // The wheel moves as the arrows do, three rows a notch, where there is
                // something to move through (not in a text being typed).
                if !matches!(
                    self.mode(),
                    Mode::FlowText | Mode::LineInput | Mode::Confirm
                ) && !self.help
                    && !self.orientation
                {
                    for _ in 0..3 {
                        self.update(action);
                    }
                }
            }
            _ => {}
        }
    }

    /// The terminal's size changed (or is first known): scrolling measures against it.
    pub fn resize(&mut self, columns: u16, rows: u16) {
        self.size = (columns, rows);
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if self.help {
            // The keys that move scroll a help taller than the window; any other closes it.
            let moves = keymap::action(Mode::Timeline, key).filter(|a| {
                matches!(
                    a,
                    Action::Up
                        | Action::Down
                        | Action::PageUp
                        | Action::PageDown
                        | Action::HalfPageUp
                        | Action::HalfPageDown
                        | Action::Top
                        | Action::Bottom
                )
            });
            let room = super::view::help_room(self, self.size);
            match moves {
                Some(a) if room.total > room.page => {
                    self.help_scroll.apply(a, room);
                }
                _ => {
                    self.help = false;
                    self.help_scroll = Scroll::default();
                }
            }
            return;
        }
        if self.orientation {
            self.orientation = false;
            return;
        }
        let mode = self.mode();
        if let Some(action) = keymap::action(mode, key) {
            self.message = None;
            self.update(action);
        }
    }

    /// Takes in search results that have arrived; call it between events.
    pub fn tick(&mut self) {
        let Some(worker) = &self.search else { return };
        if let Some(result) = worker.latest()
            && let Some(Screen::Search(view)) = self.screens.last_mut()
        {
            if let Some(e) = &result.error {
                self.message = Some(Message {
                    text: e.clone(),
                    error: true,
                });
            }
            view.results = result.shown;
            view.shown_for = result.query;
            view.complete = result.complete;
            view.matched = result.matched;
            view.tier = result.tier;
            view.selected = view.selected.min(view.results.len().saturating_sub(1));
        }
    }

    /// Waits up to `timeout` for results of the current query — the first ones, or only
    /// `complete` ones (tests and benchmarks).
    pub fn wait_for_search(&mut self, timeout: Duration, complete: bool) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            self.tick();
            if let Some(Screen::Search(view)) = self.screens.last()
                && view.shown_for == query_text(&view.query)
                && (view.complete || !complete)
            {
                return true;
            }
            if std::time::Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Does what `action` asks.
    pub fn update(&mut self, action: Action) {
        self.act(action);
        // Whatever brought the review page up (or moved its selection), the selected answer
        // is in view; only the keys that scroll move past it.
        if !matches!(
            action,
            Action::PageUp | Action::PageDown | Action::HalfPageUp | Action::HalfPageDown
        ) {
            self.keep_review_selection_in_view();
        }
    }

    fn keep_review_selection_in_view(&mut self) {
        let Some(Screen::Flow(v)) = self.screens.last() else {
            return;
        };
        if v.flow.step != Step::Review {
            return;
        }
        let (room, blocks) = super::view::review_room(self, v, self.size);
        let Some(Screen::Flow(v)) = self.screens.last_mut() else {
            return;
        };
        let Some(&(from, to)) = blocks.get(v.review_selected) else {
            return;
        };
        let offset = v.review_scroll.shown(room);
        let page = room.page.max(1);
        // The selected block whole where it fits, else its start at the top.
        let offset = if from < offset || to.saturating_sub(from) > page {
            from
        } else if to > offset + page {
            to - page
        } else {
            offset
        };
        // The intro lines above the first question stay with it.
        v.review_scroll.offset = if v.review_selected == 0 { 0 } else { offset };
    }

    fn act(&mut self, action: Action) {
        if let Some(pending) = self.pending_start.take() {
            return self.answer_pending_start(pending, action);
        }
        if let Some(Screen::Detail(v)) = self.screens.last()
            && v.from.is_some()
        {
            match action {
                Action::CycleVisibility
                | Action::EditTags
                | Action::Edit
                | Action::Delete
                | Action::PlanExperiment
                | Action::LogDone
                | Action::LogDropped
                | Action::StartExperiment
                | Action::ConcludeCycle
                | Action::Summary => {
                    self.error(self.words().read_only);
                    return;
                }
                Action::Reflect | Action::MentorReview => {
                    // On someone else's record, reflecting means the mentor's review: its
                    // answers become a comment.
                    let on = v.record.id;
                    self.start_set(MENTOR_REVIEW_SET, Purpose::Comment { on });
                    return;
                }
                _ => {}
            }
        }
        match action {
            Action::Quit => self.quit_app(),
            Action::Help => self.help = true,
            Action::Back => self.back(),
            // Only on someone else's record (above).
            Action::MentorReview => {}
            Action::CheckIn => self.start_set(DAILY_CHECKIN, self.context_purpose()),
            Action::Reflect => self.reflect(),
            Action::NewCycle => {
                let set = self.new_cycle_set();
                self.open_flow(
                    set,
                    Purpose::Reflection {
                        cycle: None,
                        experiment: None,
                    },
                );
            }
            Action::NewNote => {
                let set = self.note_set();
                self.open_flow(set, Purpose::Note);
            }
            Action::PlanExperiment => self.plan_experiment(),
            Action::StartExperiment => self.start_experiment(),
            Action::ConcludeCycle => self.conclude_cycle(),
            Action::Summary => self.open_summary(),
            Action::RcMap => self.open_rc_map(),
            Action::Calendar => self.open_calendar(),
            Action::Charts => self.open_charts(),
            Action::LogDone => self.log_outcome(ExperimentStatus::Done),
            Action::LogDropped => self.log_outcome(ExperimentStatus::Dropped),
            Action::ResumeDraft => self.resume_draft(),
            Action::DiscardDraft => match self.draft.as_ref() {
                // Answers are never thrown away without a yes.
                Some(draft) if draft.has_input() => {
                    let title = self.draft_title(draft);
                    let question =
                        super::words::fill(self.words().draft_discard, &[("title", &title)]);
                    self.pending_start = Some(PendingStart {
                        start: None,
                        question,
                        goes_on: false,
                        no: self.words().draft_kept,
                    });
                }
                Some(_) => self.discard_draft(),
                None => {}
            },
            Action::Timeline => self.open_timeline(Filter::default(), String::new(), false),
            Action::Peers => self.open_timeline(Filter::default(), String::new(), true),
            Action::ReadComments => match self.unread.first() {
                Some((c, _)) => {
                    // The comments are at the foot of the record: open it there.
                    self.open_detail(c.on);
                    self.scroll_detail(Action::Bottom);
                }
                None => self.info(self.words().no_unread),
            },
            Action::Comment => {
                if let Some(Screen::Detail(v)) = self.screens.last_mut() {
                    v.input = Some(LineInput {
                        text: editor_area(""),
                        purpose: LineFor::Comment,
                    });
                }
            }
            Action::Search => self.open_search(),
            Action::Filter => {
                if let Some(Screen::Timeline(v)) = self.screens.last_mut() {
                    v.input = Some(LineInput {
                        text: text_area(&v.filter_text),
                        purpose: LineFor::Filter,
                    });
                }
            }
            Action::EditTags => {
                if let Some(Screen::Detail(v)) = self.screens.last_mut() {
                    v.input = Some(LineInput {
                        text: text_area(&v.record.tags.join(", ")),
                        purpose: LineFor::Tags,
                    });
                }
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
            | Action::HalfPageUp
            | Action::HalfPageDown => self.move_selection(action),
            Action::Open | Action::EditAnswer => self.open(),
            Action::NextQuestion => self.step(Flow::next),
            Action::PrevQuestion => self.step(Flow::back),
            Action::Skip => self.skip(),
            Action::Save => self.save(),
            Action::ExternalEditor => match self.screens.last() {
                Some(Screen::Flow(v)) => {
                    let area = if v.on_why { &v.why } else { &v.editor };
                    self.editor_request = Some(area.lines().join("\n"));
                }
                Some(Screen::Detail(v)) => {
                    if let Some(input) = &v.input {
                        self.editor_request = Some(input.text.lines().join("\n"));
                    }
                }
                _ => {}
            },
            Action::Edit => self.edit_open_record(),
            Action::SwitchField => {
                if let Some(Screen::Flow(v)) = self.screens.last_mut()
                    && let Some(i) = v.flow.index()
                    && v.flow.set.questions[i].why.is_some()
                {
                    v.on_why = !v.on_why;
                }
            }
            Action::ScaleValue(n) => self.set_scale(|_, _, _| n),
            Action::ScaleDown => self.set_scale(|cur, min, _| cur.map_or(min, |c| c - 1)),
            Action::ScaleUp => self.set_scale(|cur, min, _| cur.map_or(min, |c| c + 1)),
            Action::CycleVisibility => self.cycle_visibility(),
            Action::Delete => {
                if let Some(Screen::Detail(v)) = self.screens.last_mut() {
                    v.confirm_delete = true;
                }
            }
            Action::Confirm => self.delete_open_record(),
            Action::Undo => self.undo_delete(),
            Action::Cancel => match self.screens.last_mut() {
                Some(Screen::Detail(v)) => {
                    v.confirm_delete = false;
                    // A comment written is not thrown away by one Esc: the first says what a
                    // second would do.
                    if let Some(input) = &mut v.input
                        && input.purpose == LineFor::Comment
                        && !query_text(&input.text).trim().is_empty()
                        && !v.leave_asked
                    {
                        v.leave_asked = true;
                        self.info(self.words().comment_esc_again);
                        return;
                    }
                    v.leave_asked = false;
                    v.input = None;
                }
                Some(Screen::Timeline(v)) => v.input = None,
                _ => {}
            },
            Action::Input(key) => self.input(key),
        }
    }

    fn quit_app(&mut self) {
        if let Some(Screen::Flow(_)) = self.screens.last() {
            self.store_answer();
        }
        self.quit = true;
    }

    fn back(&mut self) {
        if self.screens.len() <= 1 {
            return;
        }
        if let Some(Screen::Flow(_)) = self.screens.last() {
            self.store_answer();
            let Some(Screen::Flow(v)) = self.screens.last() else {
                return;
            };
            // An edit left as it was opened is no draft.
            let unchanged_edit = v.changes.as_ref().is_some_and(|r| v.flow.edits_nothing(r));
            if v.flow.has_input() && !unchanged_edit {
                self.info(self.words().draft_kept);
            } else {
                let _ = self.journal.clear_draft();
                self.draft = None;
            }
        }
        self.screens.pop();
        self.refresh_current();
    }

    /// Re-reads what the now-current screen shows, after something changed.
    fn refresh_current(&mut self) {
        match self.screens.last() {
            Some(Screen::Home { .. }) => self.refresh_home(),
            Some(Screen::Timeline(v)) => {
                let (filter, text, peers) = (v.filter.clone(), v.filter_text.clone(), v.peers);
                let selected = v.selected;
                self.screens.pop();
                self.open_timeline(filter, text, peers);
                if let Some(Screen::Timeline(v)) = self.screens.last_mut() {
                    v.selected = selected.min(v.records.len().saturating_sub(1));
                }
            }
            Some(Screen::Detail(v)) => {
                let id = v.record.id;
                self.screens.pop();
                if self.journal.get_any(id).ok().flatten().is_some() {
                    self.open_detail(id);
                } else {
                    self.refresh_current();
                }
            }
            _ => {}
        }
    }

    /// Reads the home screen's numbers from the journal.
    pub(super) fn refresh_home(&mut self) {
        match self.read_home() {
            Ok(home) => self.home = home,
            Err(e) => self.error(e.to_string()),
        }
        let unread = self.journal.unread_comments().and_then(|comments| {
            comments
                .into_iter()
                .map(|c| {
                    let title = self.journal.get(c.on)?.map(|r| r.display_title());
                    Ok((c, title.unwrap_or_default()))
                })
                .collect::<Result<Vec<_>, StoreError>>()
        });
        match unread {
            Ok(unread) => self.unread = unread,
            Err(e) => self.error(e.to_string()),
        }
        self.meant = if self.home.checked_in {
            None
        } else {
            crate::carry::meant_to_try_in(&self.journal, &self.library, self.today())
                .unwrap_or_else(|e| {
                    self.message = Some(Message {
                        text: e.to_string(),
                        error: true,
                    });
                    None
                })
        };
        self.nudges = match crate::rhythm::read_due(&self.journal, &self.library, self.today()) {
            Ok(due) => self.nudges_for(&due),
            Err(e) => {
                self.error(e.to_string());
                Vec::new()
            }
        };
        if let Some(Screen::Home { selected }) = self.screens.first_mut() {
            let rows = self.home.due.len() + self.home.cycles.len() + self.home.concluded.len();
            *selected = (*selected).min(rows.saturating_sub(1));
        }
    }

    /// Home's nudges in words: the sets due by their cadence (the check-in has its own line) and
    /// the success-case follow-ups due.
    fn nudges_for(&self, due: &crate::rhythm::Due) -> Vec<String> {
        let w = self.words();
        let today = self.today();
        let mut out = Vec::new();
        for s in due.sets.iter().filter(|s| s.set != DAILY_CHECKIN) {
            let title = self
                .library
                .get(&s.set)
                .map_or(s.set.clone(), |set| set.title.get(self.lang).to_string());
            let last = s.last.map_or_else(String::new, |d| {
                super::words::fill(
                    w.nudge_last,
                    &[("when", &super::words::relative_day(d, today, self.lang))],
                )
            });
            out.push(super::words::fill(
                w.nudge_set,
                &[
                    ("title", &title),
                    ("cadence", s.cadence.label(self.lang)),
                    ("last", &last),
                ],
            ));
        }
        for f in &due.follow_ups {
            let title = self
                .journal
                .get(f.experiment)
                .ok()
                .flatten()
                .map(|r| r.display_title())
                .unwrap_or_default();
            out.push(super::words::fill(
                w.nudge_follow_up,
                &[("days", &f.days.to_string()), ("title", &title)],
            ));
        }
        out
    }

    fn read_home(&self) -> Result<Home, StoreError> {
        crate::home::read(&self.journal, self.today(), MAX_HOME_CYCLES)
    }

    /// The cycle or experiment the user is looking at, as the purpose of a reflection.
    fn context_purpose(&self) -> Purpose {
        match self.screens.last() {
            Some(Screen::Detail(v)) => match &v.record.content {
                Content::Cycle { .. } => Purpose::Reflection {
                    cycle: Some(v.record.id),
                    experiment: None,
                },
                Content::Experiment { cycle, .. } => Purpose::Reflection {
                    cycle: *cycle,
                    experiment: Some(v.record.id),
                },
                _ => Purpose::Reflection {
                    cycle: v.record.cycle(),
                    experiment: None,
                },
            },
            _ => Purpose::Reflection {
                cycle: None,
                experiment: None,
            },
        }
    }

    /// The experiment selected on home, or open in the detail view.
    fn selected_experiment(&self) -> Option<Record> {
        match self.screens.last() {
            Some(Screen::Home { selected }) => self.home.due.get(*selected).cloned(),
            Some(Screen::Detail(v)) if v.record.kind() == Kind::Experiment => {
                Some(v.record.clone())
            }
            _ => None,
        }
    }

    fn log_outcome(&mut self, status: ExperimentStatus) {
        let w = self.words();
        let Some(experiment) = self.selected_experiment() else {
            let why = match self.screens.last() {
                Some(Screen::Home { .. }) if self.home.due.is_empty() => w.nothing_due_to_log,
                Some(Screen::Home { .. }) => w.pick_due,
                _ => w.not_an_experiment,
            };
            return self.info(why);
        };
        if let Content::Experiment { status: now, .. } = &experiment.content
            && !now.is_open()
        {
            let now = super::words::experiment_status(*now, self.lang);
            return self.info(super::words::fill(w.already_closed, &[("status", now)]));
        }
        match self.library.get(REVIEW_SET).cloned() {
            Some(set) => {
                let flow = Flow::for_outcome(set, &experiment, status, self.clock.now());
                self.open_ready(flow, Some(experiment));
            }
            None => return self.error(format!("there is no prompt set '{REVIEW_SET}'")),
        }
        if status == ExperimentStatus::Dropped
            && matches!(self.screens.last(), Some(Screen::Flow(_)))
        {
            self.info(w.dropping_told);
        }
    }

    /// `E` on the open record: a reflection's or experiment's answers open in their flow, on
    /// the review page; a note's or cycle's title and text open in $EDITOR.
    fn edit_open_record(&mut self) {
        let Some(Screen::Detail(v)) = self.screens.last() else {
            return;
        };
        let record = v.record.clone();
        let set_id = match &record.content {
            Content::Reflection { set, .. } => set.clone(),
            Content::Experiment { .. } => PLAN_SET.to_string(),
            Content::Note | Content::Cycle { .. } => {
                self.editor_request = Some(format!("{}\n\n{}", record.title, record.body));
                return;
            }
        };
        let Some(set) = self.library.get(&set_id).cloned() else {
            let text = super::words::fill(self.words().edit_set_gone, &[("set", &set_id)]);
            return self.error(text);
        };
        match Flow::editing(set, &record, self.clock.now()) {
            Ok(flow) => {
                if let Some(pending) = self.draft_in_the_way(PendingFlow::Edit(flow, record)) {
                    self.pending_start = Some(pending);
                }
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn start_set(&mut self, id: &str, purpose: Purpose) {
        self.start_set_for(id, purpose, None);
    }

    fn start_set_for(&mut self, id: &str, purpose: Purpose, experiment: Option<Record>) {
        match self.library.get(id).cloned() {
            Some(set) => self.open_flow_for(set, purpose, experiment),
            None => self.error(format!("there is no prompt set '{id}'")),
        }
    }

    fn open_flow(&mut self, set: PromptSet, purpose: Purpose) {
        self.open_flow_for(set, purpose, None);
    }

    /// Starts a flow; over a draft with answers in it, asks first (one draft at a time, so
    /// starting anew throws the old one away).
    fn open_flow_for(&mut self, set: PromptSet, purpose: Purpose, experiment: Option<Record>) {
        if let Some(pending) = self.draft_in_the_way(PendingFlow::New(set, purpose, experiment)) {
            self.pending_start = Some(pending);
        }
    }

    /// Starts `flow` at once, or, over a draft with answers in it, returns the question to ask
    /// first (one draft at a time, so starting anew throws the old one away).
    fn draft_in_the_way(&mut self, flow: PendingFlow) -> Option<PendingStart> {
        if let Some(draft) = self.draft.as_ref().filter(|d| d.has_input()) {
            let title = self.draft_title(draft);
            let question = super::words::fill(self.words().draft_replace, &[("title", &title)]);
            return Some(PendingStart {
                start: Some(flow),
                question,
                goes_on: false,
                no: self.words().draft_kept,
            });
        }
        self.start_anew(flow);
        None
    }

    /// Starts a flow, throwing away whatever draft there is.
    fn start_anew(&mut self, flow: PendingFlow) {
        if self.draft.is_some() {
            if let Err(e) = self.journal.clear_draft() {
                self.error(e.to_string());
                return;
            }
            self.draft = None;
        }
        match flow {
            PendingFlow::New(set, purpose, experiment) => {
                let title = set.title.get(self.lang).to_string();
                let flow = Flow::new(set, purpose, self.clock.now());
                self.push_flow(flow, title, experiment);
            }
            PendingFlow::Edit(flow, record) => {
                let title = record.display_title();
                self.push_flow(flow, title, Some(record));
                self.store_answer();
            }
            PendingFlow::Ready(flow, changes) => {
                let title = flow.set.title.get(self.lang).to_string();
                self.push_flow(flow, title, changes);
                self.store_answer();
            }
        }
    }

    /// Throws the draft away.
    fn discard_draft(&mut self) {
        match self.journal.clear_draft() {
            Ok(()) => {
                self.draft = None;
                self.info(self.words().draft_discarded);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// The yes or no to "start anew and throw the draft away?".
    fn answer_pending_start(&mut self, pending: PendingStart, action: Action) {
        match action {
            Action::Confirm if pending.goes_on => {
                if let Some(flow) = pending.start
                    && let Some(next) = self.draft_in_the_way(flow)
                {
                    self.pending_start = Some(next);
                }
            }
            Action::Confirm => {
                match pending.start {
                    Some(flow) => self.start_anew(flow),
                    None => self.discard_draft(),
                }
                if self.message.is_none() {
                    self.info(self.words().draft_discarded);
                }
            }
            Action::Quit => self.quit_app(),
            Action::Help => {
                self.pending_start = Some(pending);
                self.help = true;
            }
            _ => self.info(pending.no),
        }
    }

    /// The name of the flow a draft is of, as the home screen shows it.
    pub(super) fn draft_title(&self, draft: &Draft) -> String {
        if draft.set == NEW_CYCLE_SET {
            return self.words().new_cycle.to_string();
        }
        if draft.set == NOTE_SET {
            return self.words().new_note.to_string();
        }
        self.library
            .get(&draft.set)
            .map_or(draft.set.clone(), |s| s.title.get(self.lang).to_string())
    }

    fn push_flow(&mut self, flow: Flow, title: String, changes: Option<Record>) {
        let target = match &flow.purpose {
            Purpose::Reflection { experiment, cycle } => experiment.or(*cycle),
            Purpose::PlanExperiment { cycle, .. } => *cycle,
            Purpose::ConcludeCycle { cycle } => Some(*cycle),
            Purpose::Comment { on } => Some(*on),
            Purpose::LogOutcome { experiment, .. } => Some(*experiment),
            Purpose::Note | Purpose::Edit { .. } => None,
        };
        let w = self.words();
        let about = target
            .and_then(|id| self.journal.get_any(id).ok().flatten())
            .map(|r| r.display_title());
        let about = match &flow.purpose {
            Purpose::LogOutcome {
                status: ExperimentStatus::Dropped,
                ..
            } => about.map(|t| super::words::fill(w.dropping, &[("title", &t)])),
            Purpose::Edit { .. } => Some(w.editing_answers.to_string()),
            Purpose::PlanExperiment {
                from: Some(from), ..
            } => self
                .journal
                .get(*from)
                .ok()
                .flatten()
                .map(|r| super::words::fill(w.follows_from_about, &[("title", &r.display_title())]))
                .or(about),
            _ => about,
        };
        let context = match &flow.purpose {
            Purpose::LogOutcome { .. } => flow.context(changes.as_ref()).map(FlowContext::Plan),
            _ if flow.set.id == DAILY_CHECKIN => self.meant.clone().map(FlowContext::MeantTo),
            _ => None,
        };
        let mut view = FlowView {
            about,
            flow,
            editor: editor_area(""),
            why: editor_area(""),
            on_why: false,
            choice: 0,
            review_selected: 0,
            review_scroll: Scroll::default(),
            title,
            changes,
            context,
        };
        load_question(&mut view);
        self.screens.push(Screen::Flow(Box::new(view)));
    }

    fn resume_draft(&mut self) {
        let Some(draft) = self.draft.clone() else {
            return;
        };
        let set = if draft.set == NEW_CYCLE_SET {
            Some(self.new_cycle_set())
        } else if draft.set == NOTE_SET {
            Some(self.note_set())
        } else {
            self.library.get(&draft.set).cloned()
        };
        let changes = match &draft.purpose {
            Purpose::LogOutcome { experiment: id, .. } | Purpose::Edit { record: id } => {
                self.journal.get(*id).ok().flatten()
            }
            _ => None,
        };
        let title = match (&draft.purpose, &changes) {
            (Purpose::Edit { .. }, Some(r)) => r.display_title(),
            _ => self.draft_title(&draft),
        };
        match set.and_then(|s| Flow::resume(s, draft)) {
            Some(Resumed::AsLeft(flow)) => {
                let title = match &flow.purpose {
                    Purpose::Edit { .. } => title,
                    _ => flow.set.title.get(self.lang).to_string(),
                };
                self.push_flow(flow, title, changes);
            }
            Some(Resumed::Changed { flow, typed }) => {
                // Nothing typed goes into questions that changed under it: it is kept as a
                // note first, and only then does the fresh flow replace the draft.
                if !typed.is_empty()
                    && let Err(e) = self.keep_as_note(&title, &typed)
                {
                    self.error(e.to_string());
                    return;
                }
                let set_title = flow.set.title.get(self.lang).to_string();
                self.push_flow(flow, set_title, changes);
                self.store_answer();
                if !typed.is_empty() {
                    self.info(self.words().draft_changed);
                }
            }
            None => {
                self.error("the draft's prompt set has changed or is gone; x throws the draft away")
            }
        }
    }

    /// What a draft held, saved as a private note, answer by answer.
    fn keep_as_note(&mut self, title: &str, typed: &[Typed]) -> Result<(), StoreError> {
        let w = self.words();
        let body = typed
            .iter()
            .map(|t| {
                let mut text = format!(
                    "{}:\n{}",
                    super::words::fill(w.answer_n, &[("n", &t.number.to_string())]),
                    t.value
                );
                if !t.why.is_empty() {
                    text.push_str(&format!("\n{} {}", w.why, t.why));
                }
                text
            })
            .collect::<Vec<_>>()
            .join("\n\n");
        let mut note = Record::new(self.journal.meta().id, self.clock.now(), Content::Note);
        note.title = super::words::fill(w.draft_note_title, &[("title", title)]);
        note.body = body;
        self.journal.insert(&note)?;
        self.search = None;
        Ok(())
    }

    /// The small built-in form that starts a cycle.
    fn new_cycle_set(&self) -> PromptSet {
        let w = (&super::words::EN, &super::words::DA);
        let loc = |en: &str, da: &str| Localized {
            en: en.to_string(),
            da: da.to_string(),
        };
        let q = |id: &str, text: Localized, hint: Localized, optional| Question {
            id: id.to_string(),
            text,
            hint: Some(hint),
            why: None,
            kind: AnswerKind::Text,
            optional,
            source: None,
            carries: None,
            counterpart: false,
        };
        PromptSet {
            id: NEW_CYCLE_SET.to_string(),
            title: loc(w.0.new_cycle, w.1.new_cycle),
            purpose: loc("", ""),
            phase: Phase::Plan,
            cadence: None,
            source: "praxis".into(),
            questions: vec![
                q(
                    "theme",
                    loc(w.0.cycle_theme, w.1.cycle_theme),
                    loc(w.0.cycle_theme_hint, w.1.cycle_theme_hint),
                    false,
                ),
                q(
                    "question",
                    loc(w.0.cycle_question, w.1.cycle_question),
                    loc(w.0.cycle_question_hint, w.1.cycle_question_hint),
                    true,
                ),
            ],
            origin: Origin::BuiltIn,
        }
    }

    /// The small built-in form that writes a note: its text, then (optionally) its title.
    fn note_set(&self) -> PromptSet {
        let (en, da) = (&super::words::EN, &super::words::DA);
        let loc = |en: &str, da: &str| Localized {
            en: en.to_string(),
            da: da.to_string(),
        };
        let q = |id: &str, text: Localized, hint: Localized, optional| Question {
            id: id.to_string(),
            text,
            hint: Some(hint),
            why: None,
            kind: AnswerKind::Text,
            optional,
            source: None,
            carries: None,
            counterpart: false,
        };
        PromptSet {
            id: NOTE_SET.to_string(),
            title: loc(en.new_note, da.new_note),
            purpose: loc("", ""),
            phase: Phase::Observe,
            cadence: None,
            source: "praxis".into(),
            questions: vec![
                q(
                    NOTE_TEXT,
                    loc(en.note_text, da.note_text),
                    loc(en.note_text_hint, da.note_text_hint),
                    false,
                ),
                q(
                    NOTE_TITLE,
                    loc(en.note_title, da.note_title),
                    loc(en.note_title_hint, da.note_title_hint),
                    true,
                ),
            ],
            origin: Origin::BuiltIn,
        }
    }

    /// A problem with an answer, in the user's words: a missing answer names its question as
    /// the flow asks it.
    fn problem_text(&self, problem: &Problem) -> String {
        let w = self.words();
        match problem {
            Problem::NoDate { .. } => w.date_refused.to_string(),
            Problem::Answer(crate::prompts::AnswerError::Missing { text, .. }) => {
                super::words::fill(w.missing_answer, &[("question", text)])
            }
            Problem::Answer(e) => e.to_string(),
        }
    }

    /// Saves the current answer into the flow and the flow as a draft.
    fn store_answer(&mut self) {
        let Some(Screen::Flow(view)) = self.screens.last_mut() else {
            return;
        };
        if let Some(i) = view.flow.index() {
            match &view.flow.set.questions[i].kind {
                AnswerKind::Text => view.flow.values[i] = view.editor.lines().join("\n"),
                AnswerKind::Choice { options } => {
                    if let Some(o) = options.get(view.choice)
                        && !view.flow.values[i].is_empty()
                    {
                        view.flow.values[i] = o.id.clone();
                    }
                }
                AnswerKind::Scale { .. } => {}
            }
            view.flow.whys[i] = view.why.lines().join("\n");
        }
        let draft = view.flow.to_draft();
        match self.journal.save_draft(&draft) {
            Ok(()) => self.draft = Some(draft),
            Err(e) => self.error(e.to_string()),
        }
    }

    fn step(&mut self, go: fn(&mut Flow)) {
        if let Some(Screen::Flow(view)) = self.screens.last_mut()
            && let Some(i) = view.flow.index()
            && let AnswerKind::Choice { options } = &view.flow.set.questions[i].kind
            && let Some(o) = options.get(view.choice)
        {
            view.flow.values[i] = o.id.clone();
        }
        self.store_answer();
        let lang = self.lang;
        let today = self.today();
        let Some(Screen::Flow(view)) = self.screens.last_mut() else {
            return;
        };
        if let Some(problem) = view.flow.current_problem(lang, today) {
            let text = self.problem_text(&problem);
            self.error(text);
            return;
        }
        go(&mut view.flow);
        load_question(view);
        self.store_answer();
    }

    fn skip(&mut self) {
        let Some(Screen::Flow(view)) = self.screens.last_mut() else {
            return;
        };
        if !view.flow.can_skip() {
            return;
        }
        if let Some(i) = view.flow.index() {
            view.flow.values[i].clear();
            view.flow.whys[i].clear();
        }
        view.flow.next();
        load_question(view);
        self.store_answer();
    }

    fn set_scale(&mut self, pick: impl Fn(Option<i64>, i64, i64) -> i64) {
        let Some(Screen::Flow(view)) = self.screens.last_mut() else {
            return;
        };
        let Some(i) = view.flow.index() else { return };
        if let AnswerKind::Scale { min, max, .. } = view.flow.set.questions[i].kind {
            let current = view.flow.values[i].trim().parse::<i64>().ok();
            let value = pick(current, min, max);
            if (min..=max).contains(&value) {
                view.flow.values[i] = value.to_string();
            }
        }
        self.store_answer();
    }

    /// Pasted text goes whole into the text being typed — its tabs and line breaks are text,
    /// not keys that move to the next question or save. Where nothing is being typed, a paste
    /// does nothing.
    fn paste(&mut self, text: &str) {
        let text = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\t', "    ");
        let one_line = || text.split_whitespace().collect::<Vec<_>>().join(" ");
        match self.mode() {
            Mode::FlowText => {
                if let Some(Screen::Flow(view)) = self.screens.last_mut() {
                    let area = if view.on_why {
                        &mut view.why
                    } else {
                        &mut view.editor
                    };
                    area.insert_str(&text);
                    self.store_answer();
                }
            }
            Mode::Comment => {
                if let Some(Screen::Detail(v)) = self.screens.last_mut()
                    && let Some(input) = &mut v.input
                {
                    input.text.insert_str(&text);
                }
            }
            Mode::LineInput => match self.screens.last_mut() {
                Some(Screen::Timeline(v)) => {
                    if let Some(input) = &mut v.input {
                        input.text.insert_str(one_line());
                    }
                }
                Some(Screen::Detail(v)) => {
                    if let Some(input) = &mut v.input {
                        input.text.insert_str(one_line());
                    }
                }
                _ => {}
            },
            Mode::Search => {
                if let Some(Screen::Search(view)) = self.screens.last_mut() {
                    view.query.insert_str(one_line());
                    view.selected = 0;
                    let q = query_text(&view.query);
                    if let Some(worker) = &self.search {
                        worker.ask(&q);
                    }
                }
            }
            _ => {}
        }
    }

    fn input(&mut self, key: KeyEvent) {
        match self.screens.last_mut() {
            Some(Screen::Flow(view)) => {
                let area = if view.on_why {
                    &mut view.why
                } else {
                    &mut view.editor
                };
                if area.input(key) {
                    self.store_answer();
                }
            }
            Some(Screen::Search(view)) => {
                if key.code == crossterm::event::KeyCode::Enter {
                    return;
                }
                if view.query.input(key) {
                    view.selected = 0;
                    let q = query_text(&view.query);
                    if let Some(worker) = &self.search {
                        worker.ask(&q);
                    }
                }
            }
            Some(Screen::Timeline(v)) => line_input(&mut v.input, key),
            Some(Screen::Detail(v)) => match &mut v.input {
                Some(input) if input.purpose == LineFor::Comment => {
                    v.leave_asked = false;
                    input.text.input(key);
                }
                _ => line_input(&mut v.input, key),
            },
            _ => {}
        }
    }

    fn save(&mut self) {
        match self.screens.last_mut() {
            Some(Screen::Flow(_)) => self.finish_flow(),
            Some(Screen::Timeline(v)) => {
                let Some(line) = v.input.take() else { return };
                let text = query_text(&line.text);
                let today = self.clock.today();
                let journal = &self.journal;
                let parsed = parse_filter(&text, today, |id| {
                    journal.resolve(id).map_err(|e| e.to_string())
                });
                match parsed {
                    Ok(filter) => {
                        let peers = v.peers;
                        self.screens.pop();
                        self.open_timeline(filter, text, peers);
                    }
                    Err(e) => {
                        v.input = Some(line);
                        let w = words(self.lang);
                        let (template, word, why) = match &e {
                            FilterError::NotAFilter(word) => (w.not_a_filter, word, ""),
                            FilterError::Date(word, why) => (w.filter_date, word, why.as_str()),
                            FilterError::Cycle(word, why) => (w.filter_cycle, word, why.as_str()),
                        };
                        self.error(super::words::fill(
                            template,
                            &[("word", word.as_str()), ("why", why)],
                        ));
                    }
                }
            }
            Some(Screen::Detail(v)) => {
                let Some(line) = v.input.take() else { return };
                match line.purpose {
                    LineFor::Comment => {
                        let on = v.record.id;
                        let text = line.text.lines().join("\n");
                        self.save_comment(on, text);
                    }
                    _ => {
                        let mut record = v.record.clone();
                        record.set_tags([query_text(&line.text)]);
                        self.save_record_change(record);
                    }
                }
            }
            _ => {}
        }
    }

    fn save_comment(&mut self, on: RecordId, text: String) {
        let text = text.trim().to_string();
        if text.is_empty() {
            return;
        }
        let now = self.clock.now();
        let reach = match self.journal.get_any(on) {
            Ok(Some(r)) => Reach::of(r.visibility, self.reviewing),
            _ => Reach::Owner,
        };
        let meta = self.journal.meta();
        let comment = Comment {
            id: RecordId::new_at(now),
            on,
            author: meta.id,
            author_name: meta.author_name.clone(),
            created: now,
            text,
            reach,
            signature: None,
        };
        let result = self.journal.add_comment(&comment);
        self.after_write(result, false, self.words().saved);
    }

    /// After a write: on success the search's copy of the records is dropped (it is stale),
    /// the current screen is left if `leave`, what is now on screen is read again and `done`
    /// is shown; on failure the error is shown and nothing moves.
    fn after_write(&mut self, result: Result<(), StoreError>, leave: bool, done: &'static str) {
        match result {
            Ok(()) => {
                self.search = None;
                if leave {
                    self.screens.pop();
                }
                self.refresh_current();
                self.info(done);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Saves what a finished flow makes (its draft goes with it) and leaves the flow.
    fn save_flow(&mut self, finished: &crate::flow::Finished) {
        let result = self
            .journal
            .save_finished(finished.new.as_ref(), finished.changed.as_ref());
        if result.is_ok() {
            self.draft = None;
        }
        let done = if finished.new.is_none() && finished.changed.is_none() {
            self.words().unchanged
        } else {
            self.words().saved
        };
        self.after_write(result, true, done);
    }

    fn finish_flow(&mut self) {
        self.store_answer();
        let lang = self.lang;
        if let Some(Screen::Flow(view)) = self.screens.last()
            && let Purpose::Comment { on } = view.flow.purpose
        {
            match view.flow.as_text(lang) {
                Ok(text) => {
                    let _ = self.journal.clear_draft();
                    self.draft = None;
                    self.screens.pop();
                    self.save_comment(on, text);
                }
                Err(e) => self.refuse_finish(e.into()),
            }
            return;
        }
        let now = self.clock.now();
        let today = self.today();
        let author = self.journal.meta().id;
        let Some(Screen::Flow(view)) = self.screens.last_mut() else {
            return;
        };
        if view.flow.set.id == NEW_CYCLE_SET {
            return self.finish_new_cycle();
        }
        let finished =
            view.flow
                .finish(author, &view.title, now, today, lang, view.changes.as_ref());
        let concludes = matches!(view.flow.purpose, Purpose::ConcludeCycle { .. });
        let adjusts = matches!(view.flow.purpose, Purpose::LogOutcome { .. })
            && view
                .flow
                .set
                .questions
                .iter()
                .position(|q| q.id == crate::flow::SUM_UP)
                .is_some_and(|i| view.flow.values[i].trim() == "adjust");
        match finished {
            Err(e) => self.refuse_finish(e),
            Ok(finished) => {
                self.save_flow(&finished);
                let saved = self.message.as_ref().is_none_or(|m| !m.error);
                if saved && concludes {
                    self.info(self.words().cycle_concluded);
                }
                if let (true, true, Some(review)) = (adjusts, saved, &finished.new) {
                    self.offer_follow_up(review.id);
                }
            }
        }
    }

    /// A flow that cannot be saved yet: a date praxis cannot read goes back to its question
    /// with the answer as typed; anything else is shown on the review page.
    fn refuse_finish(&mut self, e: FinishError) {
        let text = match &e {
            FinishError::Answers(a) => self.problem_text(&Problem::Answer(a.clone())),
            FinishError::Problem(p) => self.problem_text(p),
            e => e.to_string(),
        };
        if let Some(Screen::Flow(view)) = self.screens.last_mut() {
            match e {
                FinishError::Problem(Problem::NoDate { question, .. }) => {
                    view.flow.revise(question);
                    load_question(view);
                }
                _ => view.flow.step = Step::Review,
            }
        }
        self.store_answer();
        self.error(text);
    }

    fn finish_new_cycle(&mut self) {
        let Some(Screen::Flow(view)) = self.screens.last_mut() else {
            return;
        };
        let theme = view.flow.values[0].trim().to_string();
        if theme.is_empty() {
            view.flow.step = Step::Question(0);
            load_question(view);
            let text = self.words().cycle_theme;
            self.error(text);
            return;
        }
        let mut cycle = Record::new(
            self.journal.meta().id,
            self.clock.now(),
            Content::Cycle {
                question: view.flow.values[1].trim().to_string(),
                status: CycleStatus::Active,
                goal: String::new(),
                ends: None,
                closing: None,
            },
        );
        cycle.title = theme;
        let finished = crate::flow::Finished {
            new: Some(cycle),
            changed: None,
        };
        self.save_flow(&finished);
    }

    /// Up and down move through the record's text, then on through the records linked below
    /// it (and back up the same way); pages and ends move the text.
    fn scroll_detail(&mut self, action: Action) {
        let Some(Screen::Detail(v)) = self.screens.last() else {
            return;
        };
        let room = super::view::detail_room(self, v, self.size);
        let Some(Screen::Detail(v)) = self.screens.last_mut() else {
            return;
        };
        let linked = v.listed_len();
        match action {
            Action::Down => {
                if !v.scroll.apply(action, room) && linked > 0 {
                    v.selected = (v.selected + 1).min(linked - 1);
                }
            }
            Action::Up if v.selected > 0 => v.selected -= 1,
            _ => {
                v.scroll.apply(action, room);
            }
        }
    }

    /// Pages scroll the review page as a text (an answer longer than the window can be read
    /// to its end); the arrows and ends move the selection.
    fn scroll_review(&mut self, action: Action) {
        let Some(Screen::Flow(v)) = self.screens.last() else {
            return;
        };
        let (room, _) = super::view::review_room(self, v, self.size);
        if let Some(Screen::Flow(v)) = self.screens.last_mut() {
            v.review_scroll.apply(action, room);
        }
    }

    fn move_selection(&mut self, action: Action) {
        // A page is about as many rows as the list's window shows (the top line, status line,
        // footer and the list's borders take five).
        let page = usize::from(self.size.1.saturating_sub(5)).max(2);
        let home_rows = self.home.due.len() + self.home.cycles.len() + self.home.concluded.len();
        let more = |v: &TimelineView| v.more;
        let (selected, len): (&mut usize, usize) = match self.screens.last_mut() {
            Some(Screen::Home { selected }) => (selected, home_rows),
            Some(Screen::PickSet { selected, sets, .. }) => (selected, sets.len()),
            Some(Screen::Summary(_)) => return self.scroll_summary(action),
            Some(Screen::RcMap(v)) => (&mut v.selected, v.map.ties.len()),
            Some(Screen::Chart(v)) => (&mut v.selected, v.trends.len()),
            Some(Screen::Calendar(_)) => return,
            Some(Screen::Timeline(v)) => {
                let len = v.records.len();
                let wants_more = more(v)
                    && matches!(
                        action,
                        Action::Down | Action::PageDown | Action::HalfPageDown | Action::Bottom
                    )
                    && v.selected + 60 >= len;
                if wants_more {
                    self.load_more();
                    return self.move_selection(action);
                }
                let Some(Screen::Timeline(v)) = self.screens.last_mut() else {
                    return;
                };
                (&mut v.selected, v.records.len())
            }
            Some(Screen::Detail(_)) => return self.scroll_detail(action),
            Some(Screen::Search(v)) => (&mut v.selected, v.results.len()),
            Some(Screen::Flow(v)) => match (&v.flow.step, v.flow.current_kind()) {
                (Step::Review, _)
                    if matches!(
                        action,
                        Action::PageUp
                            | Action::PageDown
                            | Action::HalfPageUp
                            | Action::HalfPageDown
                    ) =>
                {
                    return self.scroll_review(action);
                }
                (Step::Review, _) => (&mut v.review_selected, v.flow.len()),
                (_, Some(AnswerKind::Choice { options })) => {
                    let n = options.len();
                    (&mut v.choice, n)
                }
                _ => return,
            },
            None => return,
        };
        if len == 0 {
            *selected = 0;
            return;
        }
        let last = len - 1;
        *selected = match action {
            Action::Up => selected.saturating_sub(1),
            Action::Down => (*selected + 1).min(last),
            Action::PageUp => selected.saturating_sub(page),
            Action::PageDown => (*selected + page).min(last),
            Action::HalfPageUp => selected.saturating_sub(page / 2),
            Action::HalfPageDown => (*selected + page / 2).min(last),
            Action::Top => 0,
            _ => last,
        };
        if let Some(Screen::Flow(v)) = self.screens.last_mut()
            && let Some(i) = v.flow.index()
            && let AnswerKind::Choice { options } = &v.flow.set.questions[i].kind
        {
            v.flow.values[i] = options[v.choice].id.clone();
            self.store_answer();
        }
    }

    fn open(&mut self) {
        let target = match self.screens.last() {
            Some(Screen::Home { .. }) => self.highlighted().map(|r| r.id),
            Some(Screen::PickSet {
                selected,
                purpose,
                sets,
                ..
            }) => {
                let (purpose, id) = (purpose.clone(), sets.get(*selected).cloned());
                if let Some(set) = id.and_then(|id| self.library.get(&id).cloned()) {
                    self.screens.pop();
                    self.open_flow(set, purpose);
                }
                return;
            }
            Some(Screen::Timeline(v)) => v.records.get(v.selected).map(|r| r.id),
            Some(Screen::Detail(v)) => v.listed(v.selected).map(|r| r.id),
            Some(Screen::Search(v)) => v.results.get(v.selected).map(|r| r.id),
            Some(Screen::Summary(_) | Screen::Calendar(_) | Screen::Chart(_)) => None,
            Some(Screen::RcMap(v)) => v.map.ties.get(v.selected).map(|t| t.latest),
            Some(Screen::Flow(v)) => {
                if v.flow.step == Step::Review {
                    let i = v.review_selected;
                    if let Some(Screen::Flow(v)) = self.screens.last_mut() {
                        v.flow.revise(i);
                        load_question(v);
                    }
                    self.store_answer();
                }
                return;
            }
            None => None,
        };
        if let Some(id) = target {
            self.open_detail(id);
        }
    }

    fn open_detail(&mut self, id: RecordId) {
        let read = || -> Result<DetailView, StoreError> {
            let record = self.journal.get_any(id)?.ok_or(StoreError::NotFound {
                prefix: id.to_key(),
            })?;
            let own = self.journal.meta().id;
            let from = (record.author != own).then(|| {
                self.journal
                    .peer_name(record.author)
                    .unwrap_or_else(|| record.author.to_string())
            });
            let comments = self.journal.comments_to_show(id)?;
            let linked = if from.is_some() {
                // Other journals' records have no link index: look through them.
                self.journal
                    .foreign_newest_first()?
                    .into_iter()
                    .rev()
                    .filter(|r| r.cycle() == Some(id) || r.experiment() == Some(id))
                    .collect()
            } else {
                self.journal
                    .linked_to(id)?
                    .into_iter()
                    .filter_map(|l| self.journal.get(l).transpose())
                    .collect::<Result<Vec<_>, _>>()?
            };
            let mut links = Vec::new();
            for (kind, target) in [
                (Kind::Cycle, record.cycle()),
                (Kind::Experiment, record.experiment()),
            ] {
                let label = super::words::kind(kind, self.lang);
                if let Some(t) = target {
                    let title = self
                        .journal
                        .get_any(t)?
                        .map_or_else(|| t.to_key(), |r| r.display_title());
                    links.push((label.to_string(), title));
                }
            }
            let mut phase = None;
            let mut owed = Vec::new();
            if record.kind() == Kind::Cycle {
                let refs: Vec<&Record> = linked.iter().collect();
                let state = if from.is_some() {
                    crate::cycle::LoopState {
                        phase: cycle_phase(&refs, self.clock.today()),
                        owed: Vec::new(),
                        open: Vec::new(),
                        concluded: false,
                    }
                } else {
                    crate::cycle::loop_state(Some(&record), &refs, self.clock.today())
                };
                phase = Some(state.phase);
                owed = state
                    .owed
                    .iter()
                    .filter_map(|id| linked.iter().find(|r| r.id == *id))
                    .map(Record::display_title)
                    .collect();
            }
            let mut lineage = Vec::new();
            if from.is_none() {
                if let Some(f) = record.follows_from()
                    && let Some(r) = self.journal.get(f)?
                {
                    lineage.push((Lineage::FollowsFrom, r));
                }
                if matches!(record.kind(), Kind::Experiment | Kind::Reflection) {
                    for id in crate::summary::followed_by(&self.journal, &record)? {
                        if let Some(r) = self.journal.get(id)? {
                            lineage.push((Lineage::FollowedBy, r));
                        }
                    }
                }
            }
            for (role, r) in &lineage {
                let label = match role {
                    Lineage::FollowsFrom => self.words().follows_from,
                    Lineage::FollowedBy => self.words().followed_by,
                };
                links.push((label.to_string(), r.display_title()));
            }
            Ok(DetailView {
                from,
                phase,
                owed,
                lineage,
                record,
                comments,
                linked,
                links,
                selected: 0,
                confirm_delete: false,
                input: None,
                scroll: Scroll::default(),
                leave_asked: false,
            })
        };
        match read() {
            Ok(view) => {
                // Opening one's own record reads the comments on it.
                let read: Vec<Comment> = self
                    .unread
                    .iter()
                    .filter(|(c, _)| c.on == view.record.id)
                    .map(|(c, _)| c.clone())
                    .collect();
                if !read.is_empty() {
                    match self.journal.mark_read(&read) {
                        Ok(()) => self.unread.retain(|(c, _)| c.on != view.record.id),
                        Err(e) => self.error(e.to_string()),
                    }
                }
                self.screens.push(Screen::Detail(Box::new(view)));
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// A mentor's review of one manager's file: the app opens on that manager's records (or on
    /// everything shared, when the file names nobody).
    pub fn start_review(&mut self, mentee: Option<JournalId>) {
        self.reviewing = true;
        let filter = Filter {
            author: mentee,
            ..Filter::default()
        };
        self.open_timeline(filter, String::new(), true);
    }

    fn open_timeline(&mut self, filter: Filter, filter_text: String, peers: bool) {
        let mut view = TimelineView {
            filter,
            filter_text,
            records: Vec::new(),
            more: true,
            comment_counts: HashMap::new(),
            selected: 0,
            input: None,
            peers,
            authors: HashMap::new(),
        };
        if let Err(e) = self.read_page(&mut view) {
            self.error(e.to_string());
        }
        self.screens.push(Screen::Timeline(Box::new(view)));
    }

    fn read_page(&self, view: &mut TimelineView) -> Result<(), StoreError> {
        let want = view.records.len() + PAGE;
        let filter = Filter {
            limit: Some(want),
            ..view.filter.clone()
        };
        if view.peers {
            view.authors = self.journal.peers()?.into_iter().collect();
        }
        let records = if view.peers {
            self.journal.list_foreign(&filter)?
        } else {
            self.journal.list(&filter)?
        };
        view.more = records.len() == want;
        for r in &records[view.records.len()..] {
            let n = self.journal.comment_count(r.id);
            if n > 0 {
                view.comment_counts.insert(r.id, n);
            }
        }
        view.records = records;
        if view.peers {
            let selected = view.records.get(view.selected).map(|r| r.id);
            group_by_author(&mut view.records);
            if let Some(id) = selected {
                view.selected = view.records.iter().position(|r| r.id == id).unwrap_or(0);
            }
        }
        Ok(())
    }

    fn load_more(&mut self) {
        let Some(Screen::Timeline(mut view)) = self.screens.pop() else {
            return;
        };
        if let Err(e) = self.read_page(&mut view) {
            view.more = false;
            self.error(e.to_string());
        }
        self.screens.push(Screen::Timeline(view));
    }

    fn open_search(&mut self) {
        if self.search.is_none() {
            self.search = Some(SearchWorker::start(
                self.journal.index_reader(),
                SEARCH_LIMIT,
            ));
        }
        self.screens.push(Screen::Search(Box::new(SearchView {
            query: text_area(""),
            results: Vec::new(),
            shown_for: String::new(),
            complete: true,
            matched: 0,
            tier: None,
            selected: 0,
        })));
    }

    fn cycle_visibility(&mut self) {
        let Some(Screen::Detail(v)) = self.screens.last() else {
            return;
        };
        let mut record = v.record.clone();
        record.visibility = match record.visibility {
            Visibility::Private => Visibility::Mentor,
            Visibility::Mentor => Visibility::Network,
            Visibility::Network => Visibility::Private,
        };
        // Say who may see it now, and that its comments go with it.
        let w = self.words();
        let now = match record.visibility {
            Visibility::Private => w.now_private,
            Visibility::Mentor => w.now_mentor,
            Visibility::Network => w.now_network,
        };
        let comments = v.comments.len();
        let said = if comments > 0 && record.visibility != Visibility::Private {
            let n = match comments {
                1 => w.comment_one.trim_matches(['(', ')']).to_string(),
                n => super::words::fill(w.comment_count, &[("n", &n.to_string())])
                    .trim_matches(['(', ')'])
                    .to_string(),
            };
            super::words::fill(w.now_with_comments, &[("now", now), ("comments", &n)])
        } else {
            now.to_string()
        };
        self.save_record_change(record);
        if self.message.as_ref().is_none_or(|m| !m.error) {
            self.info(said);
        }
    }

    fn save_record_change(&mut self, mut record: Record) {
        let Some(Screen::Detail(v)) = self.screens.last() else {
            return;
        };
        if record == v.record {
            return;
        }
        if let Err(e) = record.touch(self.clock.now()) {
            self.error(e.to_string());
            return;
        }
        let result = self.journal.update(&record);
        self.after_write(result, false, self.words().saved);
    }

    fn delete_open_record(&mut self) {
        let Some(Screen::Detail(v)) = self.screens.last() else {
            return;
        };
        let id = v.record.id;
        let result = self.journal.delete(id).map(|deleted| {
            self.last_deleted.push(deleted);
        });
        self.after_write(result, true, "");
        if let Some(d) = self.last_deleted.last()
            && d.record.id == id
            && self.message.as_ref().is_none_or(|m| !m.error)
        {
            let title = d.record.display_title();
            self.info(super::words::fill(
                self.words().deleted,
                &[("title", &title)],
            ));
        }
    }

    /// Brings back the record deleted last, whole (its comments and links too); again, the one
    /// deleted before it, and so on while the app is open.
    fn undo_delete(&mut self) {
        let Some(deleted) = self.last_deleted.pop() else {
            return self.info(self.words().nothing_to_undo);
        };
        match self.journal.undelete(&deleted) {
            Ok(()) => {
                self.after_write(Ok(()), false, "");
                let title = deleted.record.display_title();
                self.info(super::words::fill(
                    self.words().undeleted,
                    &[("title", &title)],
                ));
            }
            Err(e) => {
                self.error(e.to_string());
                self.last_deleted.push(deleted);
            }
        }
    }
}

/// Types into a one-line input (Enter is the save key, never a new line).
fn line_input(input: &mut Option<LineInput>, key: KeyEvent) {
    if let Some(line) = input
        && key.code != crossterm::event::KeyCode::Enter
    {
        line.text.input(key);
    }
}

/// Title and text from an edited record: the first line is the title, the rest (after blank
/// lines) the text.
fn split_title_body(text: &str) -> (String, String) {
    let mut lines = text.lines();
    let title = lines.next().unwrap_or("").trim().to_string();
    let rest: Vec<&str> = lines.skip_while(|l| l.trim().is_empty()).collect();
    (title, rest.join("\n").trim_end().to_string())
}

/// Puts the current question's saved answer into the editors.
fn load_question(view: &mut FlowView) {
    view.on_why = false;
    // On the review page the selection stays where it was: back from changing one answer,
    // that answer is still the one selected.
    let Some(i) = view.flow.index() else {
        return;
    };
    view.editor = editor_area(&view.flow.values[i]);
    view.why = editor_area(&view.flow.whys[i]);
    if let AnswerKind::Choice { options } = &view.flow.set.questions[i].kind {
        view.choice = options
            .iter()
            .position(|o| o.id == view.flow.values[i])
            .unwrap_or(0);
    }
}

/// A text area holding `text`, with the cursor at its end.
pub(super) fn text_area(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// A text area for writing: `text`, wrapped at word boundaries (long words where they must be).
pub(super) fn editor_area(text: &str) -> TextArea<'static> {
    let mut area = text_area(text);
    area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    area
}

/// A one-line text area's text.
pub(super) fn query_text(area: &TextArea<'_>) -> String {
    area.lines().join(" ")
}

/// Other journals' records, newest first, regrouped by person: whoever wrote the newest record
/// comes first, each person's records stay newest first.
fn group_by_author(records: &mut [Record]) {
    let mut rank: HashMap<JournalId, usize> = HashMap::new();
    for r in records.iter() {
        let next = rank.len();
        rank.entry(r.author).or_insert(next);
    }
    records.sort_by_key(|r| rank[&r.author]);
}
