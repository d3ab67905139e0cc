//! What a key press asks for, decided by the keymap before anything changes.

use crossterm::event::KeyEvent;

use crate::journal::Language;

/// One thing the user asked the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave praxis; an unfinished flow is kept as a draft.
    Quit,
    /// Go back to the previous screen.
    Back,
    /// Show the keys of the current screen.
    Help,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move the selection a page up.
    PageUp,
    /// Move the selection a page down.
    PageDown,
    /// Jump to the first item.
    Top,
    /// Jump to the last item.
    Bottom,
    /// Half a window up (Ctrl-u).
    HalfPageUp,
    /// Half a window down (Ctrl-d).
    HalfPageDown,
    /// Open what is selected.
    Open,
    /// Go back to the selected answer to change it.
    EditAnswer,
    /// Start today's daily check-in.
    CheckIn,
    /// Choose a prompt set to reflect with (about the open cycle or experiment, if any).
    Reflect,
    /// Start a new cycle.
    NewCycle,
    /// Write a free note.
    NewNote,
    /// Plan an experiment (in the selected or open cycle, if any).
    PlanExperiment,
    /// Log the outcome of the selected or open experiment as done, with an after-action review.
    LogDone,
    /// Drop the selected or open experiment, with an after-action review.
    LogDropped,
    /// Start the selected or open experiment: planned → running.
    StartExperiment,
    /// Conclude the selected or open cycle with its closing reflection (warning first about
    /// experiments still open).
    ConcludeCycle,
    /// What did I learn: the open cycle's summary, or this month's from home.
    Summary,
    /// The relational-coordination map: a row per counterpart, the seven dimensions.
    RcMap,
    /// The calendar of the reflection rhythm: weeks × weekdays.
    Calendar,
    /// Scale answers over time as charts.
    Charts,
    /// Take up the kept draft again.
    ResumeDraft,
    /// Throw the kept draft away.
    DiscardDraft,
    /// Open the timeline of every record.
    Timeline,
    /// Open what mentors and peers shared with this journal (read-only).
    Peers,
    /// Open the record with the newest comment not read yet.
    ReadComments,
    /// Write a comment on the open record.
    Comment,
    /// On someone else's record: the mentor's review, whose answers become a comment.
    MentorReview,
    /// Open search as you type.
    Search,
    /// Edit the timeline's filter.
    Filter,
    /// Go to the next question (or the review after the last).
    NextQuestion,
    /// Go to the previous question.
    PrevQuestion,
    /// Skip a question that may be skipped.
    Skip,
    /// Save the finished flow, or the line being edited.
    Save,
    /// Open the current answer in $VISUAL or $EDITOR.
    ExternalEditor,
    /// Switch between an answer and its why.
    SwitchField,
    /// Pick this value on a scale.
    ScaleValue(i64),
    /// Lower the scale value by one.
    ScaleDown,
    /// Raise the scale value by one.
    ScaleUp,
    /// Change who may see the open record: private → mentor → network → private.
    CycleVisibility,
    /// Edit the open record's tags.
    EditTags,
    /// Edit the open record: a reflection's or experiment's answers in their flow (with the
    /// review page), a note's or cycle's title and text in $VISUAL or $EDITOR.
    Edit,
    /// Ask to delete the open record.
    Delete,
    /// Bring back the record deleted last.
    Undo,
    /// Answer yes to the question asked.
    Confirm,
    /// Answer no to the question asked.
    Cancel,
    /// A key for the text field being edited.
    Input(KeyEvent),
}

impl Action {
    /// What the action does, in a few words for the help screen and footer.
    pub fn label(&self, lang: Language) -> &'static str {
        let (en, da) = match self {
            Action::Quit => ("quit", "afslut"),
            Action::Back => ("back", "tilbage"),
            Action::Help => ("help", "hjælp"),
            Action::Up => ("up", "op"),
            Action::Down => ("down", "ned"),
            Action::PageUp => ("page up", "side op"),
            Action::PageDown => ("page down", "side ned"),
            Action::Top => ("first", "første"),
            Action::Bottom => ("last", "sidste"),
            Action::HalfPageUp => ("half a page up", "en halv side op"),
            Action::HalfPageDown => ("half a page down", "en halv side ned"),
            Action::Open => ("open", "åbn"),
            Action::EditAnswer => ("change answer", "ret svar"),
            Action::CheckIn => ("check in", "check-in"),
            Action::Reflect => ("reflect", "reflektér"),
            Action::NewCycle => ("new cycle", "nyt forløb"),
            Action::NewNote => ("new note", "ny note"),
            Action::PlanExperiment => ("plan experiment", "planlæg eksperiment"),
            Action::LogDone => ("log outcome", "skriv resultat"),
            Action::LogDropped => ("drop experiment", "stop eksperiment"),
            Action::StartExperiment => ("start experiment", "start eksperiment"),
            Action::ConcludeCycle => ("conclude cycle", "afslut forløb"),
            Action::Summary => ("what I learned", "det har jeg lært"),
            Action::RcMap => ("coordination map", "koordineringskort"),
            Action::Calendar => ("rhythm calendar", "rytmekalender"),
            Action::Charts => ("scales over time", "skalaer over tid"),
            Action::ResumeDraft => ("resume draft", "fortsæt kladde"),
            Action::DiscardDraft => ("discard draft", "kassér kladde"),
            Action::Timeline => ("timeline", "tidslinje"),
            Action::Peers => ("shared with me", "delt med mig"),
            Action::ReadComments => ("read new comments", "læs nye kommentarer"),
            Action::Comment => ("comment", "kommentér"),
            Action::MentorReview => ("mentor's review", "mentortilbagemelding"),
            Action::Search => ("search", "søg"),
            Action::Filter => ("filter", "filter"),
            Action::NextQuestion => ("next", "næste"),
            Action::PrevQuestion => ("previous", "forrige"),
            Action::Skip => ("skip", "spring over"),
            Action::Save => ("save", "gem"),
            Action::ExternalEditor => ("open in $EDITOR", "åbn i $EDITOR"),
            Action::SwitchField => ("answer / why", "svar / hvorfor"),
            Action::ScaleValue(_) => ("pick value", "vælg værdi"),
            Action::ScaleDown => ("lower", "lavere"),
            Action::ScaleUp => ("higher", "højere"),
            Action::CycleVisibility => ("visibility", "synlighed"),
            Action::EditTags => ("tags", "emner"),
            Action::Edit => ("edit", "ret"),
            Action::Delete => ("delete", "slet"),
            Action::Undo => ("undo delete", "fortryd sletning"),
            Action::Confirm => ("yes", "ja"),
            Action::Cancel => ("no", "nej"),
            Action::Input(_) => ("type", "skriv"),
        };
        match lang {
            Language::English => en,
            Language::Danish => da,
        }
    }
}
