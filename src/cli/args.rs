//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::journal::Language;

fn parse_language(text: &str) -> Result<Language, String> {
    text.parse()
}

/// A count that makes sense only from one on (`--limit 0` would mean nothing to show).
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("'{text}' is not a whole number")),
    }
}

/// praxis: a learning journal for leaders who learn co-creation by practice.
#[derive(Debug, Parser)]
#[command(name = "praxis", version, about, max_term_width = 100)]
pub struct Cli {
    /// The journal folder (default: the platform's data folder, e.g. ~/.local/share/praxis/journal).
    #[arg(long, global = true, env = "PRAXIS_JOURNAL", value_name = "DIR")]
    pub journal: Option<PathBuf>,

    /// Language of prompts for this command (en or da); with `init` and `journal set`, the
    /// journal's language.
    #[arg(long, global = true, value_name = "en|da", value_parser = parse_language)]
    pub lang: Option<Language>,

    /// Folder with your own prompt sets in `prompts/` (default: the platform's config folder,
    /// e.g. ~/.config/praxis).
    #[arg(long, global = true, env = "PRAXIS_CONFIG", value_name = "DIR")]
    pub config: Option<PathBuf>,

    /// No progress lines on long work (imports, exports, restores, syncs).
    #[arg(long, global = true)]
    pub quiet: bool,

    /// What to do; without one, praxis opens the terminal app (or, when not on a terminal,
    /// prints today's overview).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print today's overview: check-in, experiments due, active cycles.
    Today,
    /// Start a journal: your name and language (done for you on the first `add`).
    Init(InitArgs),
    /// Show this journal's details, or change them with `journal set`.
    Journal {
        /// Change the author name or language.
        #[command(subcommand)]
        action: Option<JournalAction>,
    },
    /// Add a note, cycle, experiment or reflection; prints the new id.
    #[command(subcommand)]
    Add(AddCommand),
    /// List records, newest first.
    List(ListArgs),
    /// Show one record whole, with its links and comments.
    Show {
        /// The record's id (the first characters are enough).
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Change fields of a record; its revision grows.
    Edit(EditArgs),
    /// Delete a record (asks first, unless --yes).
    Delete {
        /// The record's id (the first characters are enough).
        id: String,
        /// Do not ask.
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Comment on a record.
    Comment {
        /// The record's id (the first characters are enough).
        id: String,
        /// The comment (or pipe it in).
        text: Option<String>,
    },
    /// Move an experiment along: start it, log it done, or drop it.
    #[command(subcommand)]
    Experiment(ExperimentCommand),
    /// What is due: experiments whose look-back date has come, success-case follow-ups (30,
    /// 60 and 90 days after a "keep") and prompt sets whose cadence has come round. Exits with
    /// status 1 when something is due and 0 when nothing is, for cron jobs and shell prompts.
    Due {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Start or conclude a cycle.
    #[command(subcommand)]
    Cycle(CycleCommand),
    /// What did I learn: one cycle, or one month, drawn together — the question, the chain of
    /// experiments (expected against observed, whether the signal showed), the next steps
    /// carried or not, scale answers over time, mentors' and peers' questions, what is overdue.
    Summary(SummaryArgs),
    /// Write look-back dates and success-case follow-ups as an iCalendar file (.ics) for any
    /// calendar.
    Calendar {
        /// The file to write.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
    },
    /// Fuzzy search over titles, texts, answers and tags, yours and what others shared with you.
    Search(SearchArgs),
    /// Write records for your mentor, your network, or a full backup (JSON or Markdown).
    Export(ExportArgs),
    /// Read an exchange file (or a jrnl / tui-journal export) into this journal.
    Import {
        /// The file.
        file: PathBuf,
        /// Only say what would be added, updated, skipped or in conflict.
        #[arg(long)]
        dry_run: bool,
    },
    /// Review what a manager shared with you: comment on records and save the comments as a
    /// file to send back.
    Review(ReviewArgs),
    /// Exchange network records with peers through a shared folder.
    #[command(subcommand)]
    Network(NetworkCommand),
    /// Rebuild a journal from a backup export, into a new folder (--journal).
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Rebuild a damaged journal in place, from its newest good backup and every save logged
    /// since; the damaged files are kept aside (asks first, unless --yes).
    Repair {
        /// Do not ask.
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Try praxis on a fresh demo journal (five weeks of a manager's two cycles); your own journal
    /// is not touched, and the demo is removed afterwards.
    Demo {
        /// Keep the demo journal in this folder instead of removing it.
        #[arg(long, value_name = "DIR")]
        keep: Option<PathBuf>,
    },
    /// The prompt sets: list them, show one, check prompt files.
    #[command(subcommand)]
    Prompts(PromptsCommand),
    /// Counts by kind and month, your daily streak, open experiments.
    Stats {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print a completion script for your shell, e.g. `praxis completions bash >
    /// ~/.local/share/bash-completion/completions/praxis`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `praxis man > praxis.1; man ./praxis.1`.
    Man,
}

/// `praxis cycle …`.
#[derive(Debug, Subcommand)]
pub enum CycleCommand {
    /// Start a cycle: a theme (the title), a challenge question, and optionally a learning goal
    /// and an end date (the same as `praxis add cycle`).
    New {
        /// Shared fields.
        #[command(flatten)]
        common: CommonFields,
        /// The cycle's fields.
        #[command(flatten)]
        cycle: CycleFields,
    },
    /// Conclude a cycle with the closing reflection (what you learned about your question, what
    /// you keep, what you share, what next). Open experiments are named and stop it: log them
    /// first (praxis experiment done|drop), or conclude anyway with --force.
    Conclude {
        /// The cycle's id.
        id: String,
        /// Answers to the closing reflection.
        #[command(flatten)]
        answers: AnswerFields,
        /// Conclude even though experiments are still planned or running.
        #[arg(long)]
        force: bool,
    },
}

/// A cycle's own fields.
#[derive(Debug, Args, Default)]
pub struct CycleFields {
    /// The challenge question ("How do I let citizens' ideas shape …?").
    #[arg(long, short = 'q')]
    pub question: Option<String>,
    /// What you want to learn in this cycle.
    #[arg(long, value_name = "TEXT")]
    pub goal: Option<String>,
    /// When the cycle is meant to end (YYYY-MM-DD, +3w…).
    #[arg(long, value_name = "DATE")]
    pub ends: Option<String>,
}

/// `praxis summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// One cycle, by its id.
    #[arg(
        long,
        value_name = "ID",
        conflicts_with = "month",
        required_unless_present = "month"
    )]
    pub cycle: Option<String>,
    /// One month, YYYY-MM (without it, this month).
    #[arg(long, value_name = "YYYY-MM", num_args = 0..=1, default_missing_value = "")]
    pub month: Option<String>,
    /// Print JSON instead of text.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// text (default), markdown or json.
    #[arg(long, value_name = "text|markdown|json")]
    pub format: Option<String>,
}

/// `praxis init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Your name, as mentors and peers will see it (default: your login name).
    #[arg(long)]
    pub name: Option<String>,
}

/// `praxis journal …`.
#[derive(Debug, Subcommand)]
pub enum JournalAction {
    /// Change the author name, language, or how many daily backups are kept.
    Set(SetArgs),
}

/// `praxis journal set`.
#[derive(Debug, Args)]
pub struct SetArgs {
    /// Your name, as mentors and peers will see it.
    #[arg(long)]
    pub name: Option<String>,
    /// How many daily backups to keep (in the journal's backups/ folder).
    #[arg(long, value_name = "N")]
    pub keep_backups: Option<u32>,
    /// Your rhythm of reflection: daily, working-days (Monday to Friday), or N per week
    /// (e.g. 3-per-week).
    #[arg(long, value_name = "daily|working-days|N-per-week")]
    pub rhythm: Option<String>,
}

/// Fields every kind of record has.
#[derive(Debug, Args, Default)]
pub struct CommonFields {
    /// A short title.
    #[arg(long, short = 't')]
    pub title: Option<String>,
    /// The text (without it, text piped on stdin is used).
    #[arg(long, short = 'b')]
    pub body: Option<String>,
    /// A tag; repeat or separate with commas.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Who may see it beyond you: private (default), mentor or network.
    #[arg(long, value_name = "private|mentor|network")]
    pub visibility: Option<String>,
}

/// `praxis add …`.
#[derive(Debug, Subcommand)]
pub enum AddCommand {
    /// Free text when no prompt fits.
    Note(CommonFields),
    /// A learning journey: a theme (the title) and a challenge question.
    Cycle {
        /// Shared fields.
        #[command(flatten)]
        common: CommonFields,
        /// The cycle's fields.
        #[command(flatten)]
        cycle: CycleFields,
    },
    /// Something you will try in practice.
    Experiment {
        /// Shared fields.
        #[command(flatten)]
        common: CommonFields,
        /// Plan details.
        #[command(flatten)]
        plan: PlanFields,
    },
    /// Answers to a prompt set.
    Reflection {
        /// Shared fields.
        #[command(flatten)]
        common: CommonFields,
        /// The prompt set answered (e.g. daily-checkin).
        #[arg(long, value_name = "SET")]
        set: String,
        /// Answers.
        #[command(flatten)]
        answers: AnswerFields,
        /// The cycle it belongs to.
        #[arg(long, value_name = "ID")]
        cycle: Option<String>,
        /// The experiment it is about.
        #[arg(long, value_name = "ID")]
        experiment: Option<String>,
    },
}

/// An experiment's plan.
#[derive(Debug, Args, Default)]
pub struct PlanFields {
    /// The cycle it belongs to (`none` to take it out, in `edit`).
    #[arg(long, value_name = "ID")]
    pub cycle: Option<String>,
    /// With whom: citizens, staff, partners…; repeat or separate with commas.
    #[arg(long = "with", value_name = "WHO")]
    pub with: Vec<String>,
    /// What you expect to happen.
    #[arg(long = "expect", value_name = "TEXT")]
    pub expectation: Option<String>,
    /// How you will know.
    #[arg(long = "signal", value_name = "TEXT")]
    pub signal: Option<String>,
    /// When you will look back (YYYY-MM-DD, today, +14d…; `none` to clear, in `edit`).
    #[arg(long = "follow-up", value_name = "DATE", allow_hyphen_values = true)]
    pub follow_up: Option<String>,
    /// An experiment's status: planned (default) or running when added; in `edit` also done or
    /// dropped (better: praxis experiment done|drop). A cycle's, in `edit`: active or concluded
    /// (better: praxis cycle conclude, which asks the closing reflection).
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// The reflection or earlier experiment this one follows from: its next step (Kolb's "what
    /// will you try", the review's "next time", the check-in's "try tomorrow"…) fills in what you
    /// leave out, and the new experiment is linked to it.
    #[arg(long, value_name = "ID")]
    pub from: Option<String>,
}

/// A reflection's answers, checked against its prompt set.
#[derive(Debug, Args, Default)]
pub struct AnswerFields {
    /// An answer, QUESTION_ID=VALUE (text, a number on a scale, or a choice); repeat for more.
    #[arg(long = "answer", value_name = "QUESTION=VALUE")]
    pub answer: Vec<String>,
    /// The short why for a question that asks one, QUESTION_ID=TEXT.
    #[arg(long = "why", value_name = "QUESTION=TEXT")]
    pub why: Vec<String>,
    /// A TOML or JSON file of answers: question id = text, number, or { value, why }.
    #[arg(long = "answers", value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// `praxis prompts …`.
#[derive(Debug, Subcommand)]
pub enum PromptsCommand {
    /// Every prompt set: id, title, phase, number of questions.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// One prompt set with all its questions.
    Show {
        /// The set's id.
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check prompt files or folders (default: your prompt folder); fails if any is invalid.
    Check {
        /// Files or folders of *.toml prompt files.
        paths: Vec<PathBuf>,
    },
}

/// `praxis list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this kind: cycle, experiment, reflection or note.
    #[arg(long)]
    pub kind: Option<String>,
    /// Only records with this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Only this cycle and what belongs to it.
    #[arg(long, value_name = "ID")]
    pub cycle: Option<String>,
    /// From this day on (YYYY-MM-DD, today, yesterday, -7d…).
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Up to and including this day.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// At most this many records (at least 1).
    #[arg(long, short = 'n', value_parser = at_least_one)]
    pub limit: Option<usize>,
    /// Records shared with you by your mentor and network peers (read-only), with their author.
    #[arg(long)]
    pub peers: bool,
    /// Only what this person shared with you: their name, the start of a word in it, or the
    /// start of their journal's id (4 characters or more); implies --peers.
    #[arg(long, value_name = "NAME|ID")]
    pub author: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `praxis edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The record's id (the first characters are enough).
    pub id: String,
    /// New title.
    #[arg(long, short = 't')]
    pub title: Option<String>,
    /// New text (`-` reads it from stdin).
    #[arg(long, short = 'b')]
    pub body: Option<String>,
    /// Replace all tags; repeat or separate with commas.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Add a tag.
    #[arg(long = "add-tag", value_name = "TAG")]
    pub add_tags: Vec<String>,
    /// Remove a tag.
    #[arg(long = "remove-tag", value_name = "TAG")]
    pub remove_tags: Vec<String>,
    /// private, mentor or network.
    #[arg(long, value_name = "private|mentor|network")]
    pub visibility: Option<String>,
    /// A cycle's challenge question.
    #[arg(long, short = 'q')]
    pub question: Option<String>,
    /// An experiment's plan (cycle, with, expect, signal, follow-up, status).
    #[command(flatten)]
    pub plan: PlanFields,
    /// An experiment's outcome.
    #[arg(long)]
    pub outcome: Option<String>,
    /// Reflection answers to set or replace.
    #[command(flatten)]
    pub answers: AnswerFields,
}

/// `praxis experiment …`.
#[derive(Debug, Subcommand)]
pub enum ExperimentCommand {
    /// Mark an experiment as running.
    Start {
        /// The experiment's id.
        id: String,
    },
    /// Log an experiment as done, with what happened.
    Done(OutcomeArgs),
    /// Drop an experiment, with why.
    Drop(OutcomeArgs),
}

/// The outcome of an experiment.
#[derive(Debug, Args)]
pub struct OutcomeArgs {
    /// The experiment's id.
    pub id: String,
    /// What happened (or pipe it in).
    #[arg(long)]
    pub outcome: Option<String>,
    /// Did the signal you chose show? yes, partly or no.
    #[arg(long, value_name = "yes|partly|no")]
    pub signal: Option<String>,
}

/// `praxis export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Who it is for: mentor (mentor and network records), network (network records), or
    /// backup (everything, private records too).
    #[arg(long = "for", value_name = "mentor|network|backup")]
    pub scope: String,
    /// Only this cycle and what belongs to it.
    #[arg(long, value_name = "ID")]
    pub cycle: Option<String>,
    /// Only records with this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// From this day on.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Up to and including this day.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// json (the exchange format, for importing) or markdown (to read); without it, the
    /// file's name says (.json, .md; .age for a sealed file), and standard output gets JSON.
    #[arg(long, value_name = "json|markdown")]
    pub format: Option<String>,
    /// Seal (encrypt) the file for one reader, so it can be mailed: their age key (age1…, which
    /// their `praxis journal` shows), a file holding it, or their name or key fingerprint once a
    /// signed file from them gave their age key.
    #[arg(
        long,
        value_name = "AGE_KEY|KEYFILE|NAME|FINGERPRINT",
        conflicts_with = "passphrase"
    )]
    pub to: Option<String>,
    /// Seal the file with a passphrase instead (for a mentor without praxis): read from
    /// PRAXIS_PASSPHRASE, or asked for on the terminal.
    #[arg(long)]
    pub passphrase: bool,
}

/// `praxis review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The export you were sent (praxis export --for mentor).
    pub file: PathBuf,
    /// A comment, RECORD_ID=TEXT (the first characters of the id are enough); repeat for more.
    #[arg(long = "comment", value_name = "ID=TEXT")]
    pub comments: Vec<String>,
    /// Where to write the comments file (default: beside the export, .comments.json).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Your name, if you have no praxis journal of your own.
    #[arg(long)]
    pub name: Option<String>,
}

/// `praxis network …`.
#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Write this journal's network records to DIR/<name>-<id>.praxis.json (sealed:
    /// .praxis.json.age) and import every other journal's file there. DIR can be carried by
    /// git, Syncthing or a network drive.
    Sync {
        /// The shared folder.
        dir: PathBuf,
    },
    /// Forget the key pinned for another journal, so that its next signed file pins its new
    /// key. Compare the new fingerprint with its owner (by phone) first.
    Trust {
        /// The other journal's id (the first characters are enough), as the refusal named it.
        #[arg(value_name = "JOURNAL_ID")]
        peer: String,
    },
    /// Seal this journal's network file (on) for the peers whose keys it knows, so no one else
    /// with access to the folder can read it, or write it in the clear again (off). A peer new
    /// to the network can read it once their own file has reached you and you synced twice.
    Seal {
        /// on or off.
        #[arg(value_parser = ["on", "off"])]
        state: String,
    },
}

/// `praxis search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for; typos are forgiven.
    pub query: String,
    /// At most this many results (at least 1).
    #[arg(long, short = 'n', default_value_t = 20, value_parser = at_least_one)]
    pub limit: usize,
    /// Only your own records (without it, what your mentor and network peers shared with you
    /// is searched too, shown with their name).
    #[arg(long, conflicts_with = "author")]
    pub mine: bool,
    /// Only what this person shared with you: their name, the start of a word in it, or the
    /// start of their journal's id (4 characters or more).
    #[arg(long, value_name = "NAME|ID")]
    pub author: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        // clap's own checks: no two options share a name or a short letter, and so on.
        <super::Cli as clap::CommandFactory>::command().debug_assert();
    }
}
