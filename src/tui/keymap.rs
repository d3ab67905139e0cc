//! Which key does what on which screen: one table, read by the app and by the help screen.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// The kinds of screen, as far as keys are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The home screen.
    Home,
    /// Choosing a prompt set.
    PickSet,
    /// A text question.
    FlowText,
    /// A scale question.
    FlowScale,
    /// A choice question.
    FlowChoice,
    /// The review page of a flow.
    Review,
    /// The timeline.
    Timeline,
    /// One record.
    Detail,
    /// Someone else's record: read-only, so only reading and commenting keys.
    Foreign,
    /// Search as you type.
    Search,
    /// A one-line input (filter, tags).
    LineInput,
    /// A comment being written: several lines, Enter starts a new one.
    Comment,
    /// A yes/no question.
    Confirm,
    /// What did I learn: a cycle's or a month's summary.
    Summary,
    /// The relational-coordination map.
    RcMap,
    /// The calendar of the rhythm.
    Calendar,
    /// Scale answers over time.
    Chart,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 17] = [
        Mode::Home,
        Mode::PickSet,
        Mode::FlowText,
        Mode::FlowScale,
        Mode::FlowChoice,
        Mode::Review,
        Mode::Timeline,
        Mode::Detail,
        Mode::Foreign,
        Mode::Search,
        Mode::LineInput,
        Mode::Comment,
        Mode::Confirm,
        Mode::Summary,
        Mode::RcMap,
        Mode::Calendar,
        Mode::Chart,
    ];
}

/// A key, written as the help screen shows it.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// How the key is shown.
    pub keys: &'static str,
    /// What it does.
    pub action: Action,
    /// Shown in the footer, not only in the help.
    pub footer: bool,
    /// What it does here, when the action's own words would mislead (English, Danish).
    pub says: Option<(&'static str, &'static str)>,
    /// The key as a Danish screen shows it, when it differs (j for ja).
    pub da_keys: Option<&'static str>,
}

impl Binding {
    /// What the key does, in a few words.
    pub fn label(&self, lang: crate::journal::Language) -> &'static str {
        match (self.says, lang) {
            (Some((en, _)), crate::journal::Language::English) => en,
            (Some((_, da)), crate::journal::Language::Danish) => da,
            (None, _) => self.action.label(lang),
        }
    }

    /// How the key is shown in `lang`.
    pub fn keys(&self, lang: crate::journal::Language) -> &'static str {
        match (self.da_keys, lang) {
            (Some(da), crate::journal::Language::Danish) => da,
            _ => self.keys,
        }
    }
}

const fn b(keys: &'static str, action: Action, footer: bool) -> Binding {
    Binding {
        keys,
        action,
        footer,
        says: None,
        da_keys: None,
    }
}

/// Esc in a text box: it closes the box, keeping nothing typed in it.
const CANCEL: Binding = Binding {
    keys: "Esc",
    action: Action::Cancel,
    footer: true,
    says: Some(("cancel", "annullér")),
    da_keys: None,
};

const LIST_MOVES: [Binding; 8] = [
    b("↑/k", Action::Up, false),
    b("↓/j", Action::Down, false),
    b("PgUp", Action::PageUp, false),
    Binding {
        da_keys: Some("PgDn/mellemrum"),
        ..b("PgDn/Space", Action::PageDown, false)
    },
    b("Ctrl-u", Action::HalfPageUp, false),
    b("Ctrl-d", Action::HalfPageDown, false),
    b("g/Home", Action::Top, false),
    b("G/End", Action::Bottom, false),
];

/// The keys of a mode, for help and footer.
pub fn bindings(mode: Mode) -> Vec<Binding> {
    let mut v = match mode {
        Mode::Home => vec![
            b("c", Action::CheckIn, true),
            b("e", Action::PlanExperiment, true),
            b("n", Action::NewCycle, false),
            b("N", Action::NewNote, false),
            b("R", Action::Reflect, false),
            b("s", Action::StartExperiment, false),
            b("o", Action::LogDone, false),
            b("C", Action::ConcludeCycle, false),
            b("S", Action::Summary, false),
            b("M", Action::RcMap, false),
            b("H", Action::Calendar, false),
            b("K", Action::Charts, false),
            b("t", Action::Timeline, true),
            b("p", Action::Peers, false),
            b("m", Action::ReadComments, false),
            b("/", Action::Search, true),
            b("r", Action::ResumeDraft, false),
            b("x", Action::DiscardDraft, false),
            b("u", Action::Undo, false),
            b("Enter", Action::Open, false),
        ],
        Mode::PickSet => vec![
            b("Enter", Action::Open, true),
            b("N", Action::NewNote, false),
        ],
        Mode::FlowText => vec![
            b("Tab", Action::NextQuestion, true),
            b("Shift-Tab", Action::PrevQuestion, true),
            b("Ctrl-o", Action::SwitchField, false),
            b("Ctrl-e", Action::ExternalEditor, true),
            b("Ctrl-s", Action::Save, false),
        ],
        Mode::FlowScale => vec![
            b("1-9", Action::ScaleValue(0), true),
            b("←/→", Action::ScaleUp, false),
            b("Tab/Enter", Action::NextQuestion, true),
            b("Shift-Tab", Action::PrevQuestion, true),
            b("Ctrl-o", Action::SwitchField, false),
            b("Ctrl-s", Action::Save, false),
        ],
        Mode::FlowChoice => vec![
            b("↑/↓", Action::Down, false),
            b("Tab/Enter", Action::NextQuestion, true),
            b("Shift-Tab", Action::PrevQuestion, true),
            b("Ctrl-s", Action::Save, false),
        ],
        Mode::Review => vec![
            b("Ctrl-s", Action::Save, true),
            b("Enter", Action::EditAnswer, true),
            b("Shift-Tab", Action::PrevQuestion, false),
        ],
        Mode::Timeline => vec![
            b("Enter", Action::Open, true),
            b("f", Action::Filter, true),
            b("/", Action::Search, true),
            b("N", Action::NewNote, false),
            b("u", Action::Undo, false),
        ],
        Mode::Detail => vec![
            b("v", Action::CycleVisibility, true),
            b("T", Action::EditTags, false),
            b("E", Action::Edit, false),
            b("c", Action::Comment, false),
            b("d", Action::Delete, true),
            b("e", Action::PlanExperiment, true),
            b("R", Action::Reflect, true),
            b("s", Action::StartExperiment, false),
            b("o", Action::LogDone, false),
            b("x", Action::LogDropped, false),
            b("C", Action::ConcludeCycle, false),
            b("S", Action::Summary, false),
            b("N", Action::NewNote, false),
            b("u", Action::Undo, false),
            b("Enter", Action::Open, false),
        ],
        Mode::Foreign => vec![
            b("c", Action::Comment, true),
            b("R", Action::MentorReview, true),
            b("N", Action::NewNote, false),
            b("Enter", Action::Open, false),
        ],
        Mode::Search => vec![b("Enter", Action::Open, true)],
        Mode::LineInput => vec![b("Enter", Action::Save, true), CANCEL],
        Mode::Comment => vec![
            b("Ctrl-s", Action::Save, true),
            b("Ctrl-e", Action::ExternalEditor, true),
            CANCEL,
            b("F1", Action::Help, false),
        ],
        Mode::Confirm => vec![
            // The questions say j/n in Danish; both letters answer yes in either language.
            Binding {
                da_keys: Some("j"),
                ..b("y", Action::Confirm, true)
            },
            b("n/Esc", Action::Cancel, true),
        ],
        Mode::Summary => vec![b("K", Action::Charts, true)],
        Mode::RcMap => vec![Binding {
            keys: "e",
            action: Action::PlanExperiment,
            footer: true,
            says: Some(("plan an experiment on it", "planlæg et eksperiment om den")),
            da_keys: None,
        }],
        Mode::Calendar => vec![],
        Mode::Chart => vec![],
    };
    if matches!(
        mode,
        Mode::Home
            | Mode::PickSet
            | Mode::Timeline
            | Mode::Detail
            | Mode::Foreign
            | Mode::Search
            | Mode::Review
            | Mode::Summary
            | Mode::RcMap
            | Mode::Chart
    ) {
        if mode != Mode::Search {
            v.extend(LIST_MOVES);
        } else {
            v.push(b("↑/↓", Action::Down, false));
            v.push(b("PgUp/PgDn", Action::PageDown, false));
        }
    }
    match mode {
        Mode::Home => v.push(b("q", Action::Quit, true)),
        Mode::LineInput | Mode::Confirm | Mode::Comment => {}
        Mode::FlowText | Mode::FlowScale | Mode::FlowChoice | Mode::Search => {
            if mode != Mode::Search {
                v.push(b("Ctrl-k", Action::Skip, false));
            }
            v.push(b("Esc", Action::Back, true));
        }
        _ => v.push(b("Esc/q", Action::Back, true)),
    }
    if !matches!(
        mode,
        Mode::LineInput | Mode::Confirm | Mode::FlowText | Mode::Search | Mode::Comment
    ) {
        v.push(b("?", Action::Help, true));
    } else if matches!(mode, Mode::FlowText | Mode::Search) {
        v.push(b("F1", Action::Help, false));
    }
    v
}

/// The action a key asks for in a mode, if any.
pub fn action(mode: Mode, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::Quit);
    }
    if key.code == KeyCode::F(1) {
        return Some(Action::Help);
    }
    let text_like = matches!(
        mode,
        Mode::FlowText | Mode::Search | Mode::LineInput | Mode::Comment
    );
    if !text_like && let Some(a) = list_key(mode, key) {
        return Some(a);
    }
    use KeyCode::*;
    let a = match (mode, key.code) {
        (Mode::Home, Char('q')) => Action::Quit,
        (Mode::Home, Char('c')) => Action::CheckIn,
        (Mode::Home, Char('e')) => Action::PlanExperiment,
        (Mode::Home, Char('n')) => Action::NewCycle,
        (Mode::Home, Char('R')) => Action::Reflect,
        (Mode::Home | Mode::Detail, Char('s')) => Action::StartExperiment,
        (Mode::Home | Mode::Detail, Char('C')) => Action::ConcludeCycle,
        (Mode::Home | Mode::Detail, Char('S')) => Action::Summary,
        (Mode::Home, Char('M')) => Action::RcMap,
        (Mode::Home, Char('H')) => Action::Calendar,
        (Mode::Home | Mode::Summary, Char('K')) => Action::Charts,
        (Mode::RcMap, Char('e')) => Action::PlanExperiment,
        (Mode::Summary | Mode::RcMap | Mode::Calendar | Mode::Chart, Esc | Char('q')) => {
            Action::Back
        }
        (Mode::Summary | Mode::RcMap | Mode::Calendar | Mode::Chart, Char('?')) => Action::Help,
        (Mode::Home, Char('o')) => Action::LogDone,
        (Mode::Home, Char('t')) => Action::Timeline,
        (Mode::Home, Char('p')) => Action::Peers,
        (Mode::Home, Char('m')) => Action::ReadComments,
        (Mode::Home, Char('/')) => Action::Search,
        (Mode::Home, Char('r')) => Action::ResumeDraft,
        (Mode::Home, Char('x')) => Action::DiscardDraft,
        (Mode::Home | Mode::PickSet | Mode::Timeline | Mode::Detail, Char('N')) => Action::NewNote,
        (Mode::Home | Mode::Timeline | Mode::Detail, Char('u')) if !ctrl => Action::Undo,
        (Mode::Home, Char('?')) => Action::Help,
        (Mode::Home, Enter) => Action::Open,

        (Mode::PickSet | Mode::Timeline | Mode::Detail | Mode::Foreign, Esc | Char('q')) => {
            Action::Back
        }
        (
            Mode::PickSet | Mode::Timeline | Mode::Detail | Mode::Foreign | Mode::Review,
            Char('?'),
        ) => Action::Help,
        (Mode::PickSet | Mode::Timeline | Mode::Detail | Mode::Foreign | Mode::Search, Enter) => {
            Action::Open
        }
        (Mode::Foreign, Char('c')) => Action::Comment,
        (Mode::Foreign, Char('R')) => Action::MentorReview,
        // The keys that change one's own records still reach the app on someone else's,
        // which says they are read-only here rather than doing nothing.
        (Mode::Foreign, _) => return action(Mode::Detail, key),
        (Mode::Timeline, Char('f')) => Action::Filter,
        (Mode::Timeline, Char('/')) => Action::Search,
        (Mode::Detail, Char('v')) => Action::CycleVisibility,
        (Mode::Detail, Char('T')) => Action::EditTags,
        (Mode::Detail, Char('c')) => Action::Comment,
        (Mode::Detail, Char('E')) => Action::Edit,
        (Mode::Detail, Char('d')) => Action::Delete,
        (Mode::Detail, Char('R')) => Action::Reflect,
        (Mode::Detail, Char('e')) => Action::PlanExperiment,
        (Mode::Detail, Char('o')) => Action::LogDone,
        (Mode::Detail, Char('x')) => Action::LogDropped,

        (Mode::FlowText | Mode::FlowScale | Mode::FlowChoice, Tab) => Action::NextQuestion,
        (Mode::FlowScale | Mode::FlowChoice, Enter) => Action::NextQuestion,
        (Mode::FlowText | Mode::FlowScale | Mode::FlowChoice | Mode::Review, BackTab) => {
            Action::PrevQuestion
        }
        (Mode::FlowText | Mode::FlowScale | Mode::FlowChoice, Esc) => Action::Back,
        (Mode::FlowText | Mode::FlowScale | Mode::FlowChoice | Mode::Review, Char('s')) if ctrl => {
            Action::Save
        }
        (Mode::FlowText | Mode::FlowScale | Mode::FlowChoice, Char('k')) if ctrl => Action::Skip,
        (Mode::FlowText | Mode::FlowScale, Char('o')) if ctrl => Action::SwitchField,
        (Mode::FlowText, Char('e')) if ctrl => Action::ExternalEditor,
        (Mode::FlowScale, Char(d)) if d.is_ascii_digit() && d != '0' => {
            Action::ScaleValue(i64::from(d as u8 - b'0'))
        }
        (Mode::FlowScale, Char('?')) => Action::Help,
        (Mode::FlowScale, Left | Char('h')) => Action::ScaleDown,
        (Mode::FlowScale, Right | Char('l')) => Action::ScaleUp,
        (Mode::FlowChoice, Char('?')) => Action::Help,

        (Mode::Review, Enter) => Action::EditAnswer,
        (Mode::Review, Esc | Char('q')) => Action::Back,

        (Mode::Search, Esc) => Action::Back,
        (Mode::Search, Up) => Action::Up,
        (Mode::Search, Down) => Action::Down,
        (Mode::Search, PageUp) => Action::PageUp,
        (Mode::Search, PageDown) => Action::PageDown,
        // A query is one line of words: Tab neither types nor moves.
        (Mode::Search | Mode::LineInput, Tab | BackTab) => return None,

        (Mode::LineInput, Enter) => Action::Save,
        (Mode::LineInput | Mode::Comment, Esc) => Action::Cancel,
        (Mode::Comment, Char('s')) if ctrl => Action::Save,
        (Mode::Comment, Char('e')) if ctrl => Action::ExternalEditor,

        (Mode::Confirm, Char('y') | Char('Y') | Char('j') | Char('J')) => Action::Confirm,
        (Mode::Confirm, _) => Action::Cancel,

        (Mode::FlowText | Mode::Search | Mode::LineInput | Mode::Comment, _) => Action::Input(key),
        _ => return None,
    };
    Some(a)
}

/// Moving through a list: arrows, vim keys, pages, ends. Not in the scale and confirm modes,
/// where h/l and letters mean something else.
fn list_key(mode: Mode, key: KeyEvent) -> Option<Action> {
    if matches!(mode, Mode::FlowScale | Mode::Confirm) {
        return None;
    }
    let choice = mode == Mode::FlowChoice;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('d') if ctrl && !choice => Action::HalfPageDown,
        KeyCode::Char('u') if ctrl && !choice => Action::HalfPageUp,
        KeyCode::Char(' ') if !choice => Action::PageDown,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::Char('k') if !choice || key.modifiers.is_empty() => Action::Up,
        KeyCode::Char('j') if !choice || key.modifiers.is_empty() => Action::Down,
        KeyCode::PageUp if !choice => Action::PageUp,
        KeyCode::PageDown if !choice => Action::PageDown,
        KeyCode::Home | KeyCode::Char('g') if !choice => Action::Top,
        KeyCode::End | KeyCode::Char('G') if !choice => Action::Bottom,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn letters_are_text_in_a_text_answer_and_commands_elsewhere() {
        let q = key(KeyCode::Char('q'));
        assert_eq!(action(Mode::Home, q), Some(Action::Quit));
        assert_eq!(action(Mode::FlowText, q), Some(Action::Input(q)));
        assert_eq!(
            action(Mode::Search, key(KeyCode::Char('j'))),
            Some(Action::Input(key(KeyCode::Char('j'))))
        );
        assert_eq!(
            action(Mode::Timeline, key(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(
            action(Mode::FlowScale, key(KeyCode::Char('4'))),
            Some(Action::ScaleValue(4))
        );
        assert_eq!(
            action(
                Mode::FlowText,
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            action(Mode::FlowText, key(KeyCode::Tab)),
            Some(Action::NextQuestion)
        );
        assert_eq!(
            action(Mode::Confirm, key(KeyCode::Char('x'))),
            Some(Action::Cancel)
        );
    }

    #[test]
    fn someone_elses_record_offers_only_the_keys_that_work_on_it() {
        let offered: Vec<Action> = bindings(Mode::Foreign).iter().map(|b| b.action).collect();
        for refused in [
            Action::CycleVisibility,
            Action::EditTags,
            Action::Edit,
            Action::Delete,
            Action::PlanExperiment,
            Action::LogDone,
            Action::LogDropped,
            Action::Reflect,
        ] {
            assert!(!offered.contains(&refused), "{refused:?}");
        }
        assert_eq!(
            action(Mode::Foreign, key(KeyCode::Char('c'))),
            Some(Action::Comment)
        );
        assert_eq!(
            action(Mode::Foreign, key(KeyCode::Char('R'))),
            Some(Action::MentorReview)
        );
    }

    #[test]
    fn a_letter_typed_on_the_review_page_never_saves() {
        // Typing on after "Answer this question first" must not save half an answer.
        for c in ['s', 'S', 'y', 'j'] {
            assert_ne!(
                action(Mode::Review, key(KeyCode::Char(c))),
                Some(Action::Save),
                "{c}"
            );
        }
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(action(Mode::Review, ctrl_s), Some(Action::Save));
    }

    #[test]
    fn in_a_comment_enter_is_a_new_line_and_ctrl_s_saves() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let enter = key(KeyCode::Enter);
        assert_eq!(action(Mode::Comment, enter), Some(Action::Input(enter)));
        assert_eq!(action(Mode::Comment, ctrl('s')), Some(Action::Save));
        assert_eq!(
            action(Mode::Comment, ctrl('e')),
            Some(Action::ExternalEditor)
        );
        assert_eq!(
            action(Mode::Comment, key(KeyCode::Esc)),
            Some(Action::Cancel)
        );
        let u = key(KeyCode::Char('u'));
        assert_eq!(action(Mode::Comment, u), Some(Action::Input(u)));
        assert_eq!(action(Mode::Detail, u), Some(Action::Undo));
        assert_eq!(
            action(Mode::Detail, ctrl('u')),
            Some(Action::HalfPageUp),
            "Ctrl-u is not u"
        );
        assert_eq!(
            action(Mode::Timeline, key(KeyCode::Char('N'))),
            Some(Action::NewNote)
        );
    }

    #[test]
    fn every_mode_offers_help_and_a_way_out() {
        // A text box and a question close with their own keys (Esc, n), not help's.
        let boxes = [Mode::LineInput, Mode::Comment, Mode::Confirm];
        for mode in Mode::ALL.into_iter().filter(|m| !boxes.contains(m)) {
            let keys = bindings(mode);
            assert!(keys.iter().any(|b| b.action == Action::Help), "{mode:?}");
            assert!(
                keys.iter()
                    .any(|b| matches!(b.action, Action::Back | Action::Quit)),
                "{mode:?}"
            );
            assert!(action(mode, key(KeyCode::F(1))) == Some(Action::Help));
        }
    }
}
