//! The command line: every action that matters, scriptable, run before any terminal UI.

pub mod args;
mod change;
mod exchange;
mod format;
mod looping;
mod progress;
mod prompts;
mod say;
mod view;
mod write;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

pub use args::Cli;
use args::{Command, InitArgs, JournalAction};

use crate::clock::Clock;
use crate::dates::parse_date;
use crate::journal::{JournalMeta, Language};
use crate::record::{Kind, RecordId};
use crate::store::{Journal, StoreError};

/// Something the user can act on, reported on stderr with a non-zero exit.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The journal refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file given to praxis was not read (not a regular file, too large, not text).
    #[error(transparent)]
    Input(#[from] crate::input::InputError),
    /// A file to import, restore or review could not be read as an exchange file.
    #[error(transparent)]
    Read(#[from] crate::exchange::ReadError),
    /// A sealed file could not be opened, or a reader's key was not one.
    #[error(transparent)]
    Seal(#[from] crate::seal::SealError),
    /// The command's input does not make sense; the text says how to fix it.
    #[error("{0}")]
    Invalid(String),
    /// Printing the result failed (e.g. the reader of a pipe went away).
    #[error("could not write the output: {0}")]
    Output(#[from] std::io::Error),
    /// `praxis due` found something due: not a failure, but the exit status says so (1), for
    /// cron jobs and shell prompts.
    #[error("something is due")]
    SomethingDue,
}

/// Shorthand for an input error.
pub(crate) fn invalid(msg: impl Into<String>) -> CliError {
    CliError::Invalid(msg.into())
}

/// What a command runs with: the journal folder, the clock, and where output goes.
pub struct Context<'a> {
    /// The journal folder.
    pub dir: PathBuf,
    /// Now and today.
    pub clock: &'a dyn Clock,
    /// The language asked for on the command line, if any.
    pub lang: Option<Language>,
    /// The user's config folder (their own prompt sets are in `prompts/` inside it).
    pub config: Option<PathBuf>,
    /// Standard output.
    pub out: &'a mut dyn Write,
    /// Messages for the user that are not the command's result.
    pub err: &'a mut dyn Write,
    /// The language of the journal opened, once one is: what errors are told in.
    pub spoken: Option<Language>,
}

impl Context<'_> {
    /// Opens the journal to read or change; never creates one.
    pub(crate) fn open(&mut self) -> Result<Journal, CliError> {
        let journal = Journal::open(&self.dir)?;
        self.spoken = Some(journal.meta().language);
        self.tell_what_opening_did(&journal)?;
        Ok(journal)
    }

    /// Opens the journal to read it; a journal on a read-only disk, in a folder this user may
    /// not write to, or open in the app is read from a private copy of its database, which is
    /// said on stderr.
    pub(crate) fn open_to_read(&mut self) -> Result<Journal, CliError> {
        match Journal::open(&self.dir) {
            Err(StoreError::Io { source, .. })
                if matches!(
                    source.kind(),
                    std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
                ) =>
            {
                let journal = Journal::open_read_only(&self.dir)?;
                let lang = self.language(Some(&journal));
                self.spoken = Some(lang);
                let text = say::fill(
                    say::say(lang).open_read_only,
                    &[
                        ("dir", &self.dir.display().to_string()),
                        ("reason", &say::io_reason(&source, lang)),
                    ],
                );
                writeln!(self.err, "{text}")?;
                Ok(journal)
            }
            // The app has it open: read a copy of this moment rather than refuse.
            Err(StoreError::Locked { pid, .. }) => {
                let journal = Journal::open_read_only(&self.dir)?;
                let pid = pid.map(|p| format!(" (pid {p})")).unwrap_or_default();
                let lang = self.language(Some(&journal));
                self.spoken = Some(lang);
                let w = say::say(lang);
                writeln!(
                    self.err,
                    "{}",
                    say::fill(w.read_from_copy, &[("pid", &pid)])
                )?;
                Ok(journal)
            }
            other => {
                let journal = other?;
                self.spoken = Some(journal.meta().language);
                self.tell_what_opening_did(&journal)?;
                Ok(journal)
            }
        }
    }

    /// Says so when opening undid an import or restore that was cut off last time, or made
    /// the journal's files private; when the save log was found damaged (the database itself
    /// is whole), makes a backup so the log starts afresh, and says so.
    fn tell_what_opening_did(&mut self, journal: &Journal) -> Result<(), CliError> {
        let lang = self.language(Some(journal));
        let w = say::say(lang);
        if let Some(trouble) = journal.log_trouble() {
            let made = crate::backup::make_and_prune(journal, self.clock.today(), self.clock.now());
            let text = match made {
                Ok(path) => say::fill(
                    w.open_log_mended,
                    &[("trouble", &trouble), ("file", &path.display().to_string())],
                ),
                Err(e) => say::fill(
                    w.open_log_not_mended,
                    &[
                        ("trouble", &trouble),
                        ("error", &say::backup_error(&e, lang)),
                    ],
                ),
            };
            writeln!(self.err, "{text}")?;
        }
        if journal.made_private() > 0 {
            let n = journal.made_private().to_string();
            writeln!(self.err, "{}", say::fill(w.open_made_private, &[("n", &n)]))?;
        }
        if journal.undid_an_interrupted_import() {
            writeln!(self.err, "{}", w.open_undid_import)?;
        }
        Ok(())
    }

    /// Opens the journal to add to it, making one with defaults on first use.
    pub(crate) fn open_or_create(&mut self) -> Result<Journal, CliError> {
        match Journal::open(&self.dir) {
            Err(StoreError::NoJournal { .. }) => {
                let meta = JournalMeta::new(default_name(), default_language(), self.clock.now());
                let journal = Journal::create(&self.dir, meta)?;
                self.spoken = Some(journal.meta().language);
                let m = journal.meta();
                let text = say::fill(
                    say::say(m.language).started_new,
                    &[
                        ("name", &m.author_name),
                        ("language", &m.language.to_string()),
                        ("dir", &self.dir.display().to_string()),
                    ],
                );
                writeln!(self.err, "{text}")?;
                Ok(journal)
            }
            other => {
                let journal = other?;
                self.spoken = Some(journal.meta().language);
                self.tell_what_opening_did(&journal)?;
                Ok(journal)
            }
        }
    }

    /// The prompt library: built-in sets plus the user's; broken user files are reported on
    /// stderr and skipped.
    pub(crate) fn library(&mut self) -> Result<crate::prompts::Library, CliError> {
        let dir = self.config.as_ref().map(|c| c.join("prompts"));
        let loaded = crate::prompts::load(dir.as_deref());
        for problem in &loaded.problems {
            let problem = problem.to_string();
            let text = say::fill(self.say().skipped_prompt_file, &[("problem", &problem)]);
            writeln!(self.err, "{text}")?;
        }
        Ok(loaded.library)
    }

    /// The language for this command: the flag, else the journal's, else the locale's.
    pub(crate) fn language(&self, journal: Option<&Journal>) -> Language {
        self.lang
            .or(journal.map(|j| j.meta().language))
            .or(self.spoken)
            .unwrap_or_else(default_language)
    }

    /// Reads a date the user typed, relative to today.
    pub(crate) fn date(&self, flag: &str, text: &str) -> Result<chrono::NaiveDate, CliError> {
        parse_date(text, self.clock.today()).map_err(|_| {
            invalid(say::fill(
                self.say().err_date,
                &[("flag", flag), ("text", text)],
            ))
        })
    }

    /// The language messages are told in: --lang, else the opened journal's, else (before a
    /// journal is opened) the journal's as a look at it finds, else the locale's.
    pub(crate) fn speech(&self) -> Language {
        self.lang
            .or(self.spoken)
            .or_else(|| Journal::open(&self.dir).ok().map(|j| j.meta().language))
            .unwrap_or_else(default_language)
    }

    /// The messages in [`Context::speech`]'s language.
    pub(crate) fn say(&self) -> &'static say::Say {
        say::say(self.speech())
    }

    /// `e` as the user is told it: in --lang, else the opened journal's language, else the
    /// locale's (a journal that failed to open is not opened again to ask).
    pub fn error_text(&self, e: &CliError) -> String {
        let lang = self.lang.or(self.spoken).unwrap_or_else(default_language);
        say::error_text(e, lang)
    }
}

/// The config folder used when neither --config nor PRAXIS_CONFIG is given.
pub fn default_config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "praxis").map(|d| d.config_dir().to_path_buf())
}

/// The journal folder used when neither --journal nor PRAXIS_JOURNAL is given.
pub fn default_journal_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "praxis").map(|d| d.data_dir().join("journal"))
}

/// Runs one parsed command line.
pub fn run(cli: Cli, ctx: &mut Context<'_>) -> Result<(), CliError> {
    progress::set_quiet(cli.quiet);
    ctx.lang = ctx.lang.or(cli.lang);
    if ctx.config.is_none() {
        ctx.config = cli.config.clone().or_else(default_config_dir);
    }
    let Some(command) = cli.command else {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
            let library = ctx.library()?;
            let start = crate::tui::Start {
                dir: &ctx.dir,
                clock: ctx.clock.boxed(),
                lang: ctx.lang,
                library,
                // No login name, no suggestion: the app asks for a real one.
                default_name: login_name().unwrap_or_default(),
                default_language: default_language(),
                review_out: None,
                review_of: None,
                demo: false,
            };
            return Ok(crate::tui::run(start)?);
        }
        return view::home(ctx);
    };
    let writes = matches!(
        command,
        Command::Add(_)
            | Command::Edit(_)
            | Command::Delete { .. }
            | Command::Comment { .. }
            | Command::Experiment(_)
            | Command::Restore { .. }
            | Command::Network(_)
            | Command::Cycle(_)
    );
    // An import makes its own backup, with the journal it still has open.
    let result = run_command(command, ctx);
    if result.is_ok() && writes {
        backup_if_due(ctx)?;
    }
    result
}

fn run_command(command: Command, ctx: &mut Context<'_>) -> Result<(), CliError> {
    match command {
        Command::Today => view::home(ctx),
        Command::Init(a) => init(ctx, a),
        Command::Journal { action } => journal(ctx, action),
        Command::Add(a) => write::add(ctx, a),
        Command::List(a) => view::list(ctx, a),
        Command::Show { id, json } => view::show(ctx, &id, json),
        Command::Edit(a) => change::edit(ctx, a),
        Command::Delete { id, yes } => change::delete(ctx, &id, yes),
        Command::Comment { id, text } => write::comment(ctx, &id, text),
        Command::Experiment(a) => change::experiment(ctx, a),
        Command::Due { json } => looping::due(ctx, json),
        Command::Cycle(c) => looping::cycle(ctx, c),
        Command::Summary(a) => looping::summary(ctx, a),
        Command::Calendar { output } => looping::calendar(ctx, &output),
        Command::Search(a) => view::search(ctx, a),
        Command::Prompts(a) => prompts::run(ctx, a),
        Command::Export(a) => exchange::export(ctx, a),
        Command::Import { file, dry_run } => exchange::import(ctx, &file, dry_run),
        Command::Restore { file } => exchange::restore(ctx, &file),
        Command::Repair { yes } => repair(ctx, yes),
        Command::Review(a) => exchange::review(ctx, a),
        Command::Network(args::NetworkCommand::Sync { dir }) => exchange::sync(ctx, &dir),
        Command::Network(args::NetworkCommand::Trust { peer }) => exchange::trust(ctx, &peer),
        Command::Network(args::NetworkCommand::Seal { state }) => {
            exchange::seal_network(ctx, state == "on")
        }
        Command::Stats { json } => view::stats(ctx, json),
        Command::Demo { keep } => demo(ctx, keep),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "praxis", ctx.out);
            Ok(())
        }
        Command::Man => Ok(man_page(ctx.out)?),
    }
}

/// The manual page: the command line as `--help` has it, then every subcommand (and theirs)
/// with its usage and options, in one page.
pub fn man_page(out: &mut dyn Write) -> std::io::Result<()> {
    let command = <Cli as clap::CommandFactory>::command();
    clap_mangen::Man::new(command.clone()).render(out)?;
    writeln!(out, ".SH \"COMMANDS IN FULL\"")?;
    let mut stack: Vec<(String, clap::Command)> = command
        .get_subcommands()
        .map(|c| (format!("praxis {}", c.get_name()), c.clone()))
        .collect();
    stack.reverse();
    while let Some((path, mut sub)) = stack.pop() {
        writeln!(out, ".SS \"{}\"", roff_text(&path))?;
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            writeln!(out, "{}", roff_text(&about.to_string()))?;
        }
        let usage = sub.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage: ");
        let usage = usage.replacen(sub.get_name(), &path, 1);
        writeln!(out, ".PP\n\\fB{}\\fR", roff_text(&usage))?;
        for arg in sub.get_arguments() {
            if arg.is_hide_set() || arg.is_global_set() || arg.get_id() == "help" {
                continue;
            }
            let mut names = Vec::new();
            if let Some(s) = arg.get_short() {
                names.push(format!("-{s}"));
            }
            if let Some(l) = arg.get_long() {
                names.push(format!("--{l}"));
            }
            let value = arg
                .get_value_names()
                .map(|v| {
                    v.iter()
                        .map(|v| format!("<{v}>"))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            let head = if names.is_empty() {
                value
            } else if value.is_empty() || !arg.get_action().takes_values() {
                names.join(", ")
            } else {
                format!("{} {value}", names.join(", "))
            };
            writeln!(out, ".TP\n{}", roff_text(&head))?;
            if let Some(help) = arg.get_long_help().or(arg.get_help()) {
                writeln!(out, "{}", roff_text(&help.to_string()))?;
            }
        }
        let mut children: Vec<(String, clap::Command)> = sub
            .get_subcommands()
            .map(|c| (format!("{path} {}", c.get_name()), c.clone()))
            .collect();
        children.reverse();
        stack.extend(children);
    }
    Ok(())
}

/// Text as roff prints it literally: backslashes and hyphens escaped, and no line taken for
/// a request.
fn roff_text(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            if line.starts_with('.') || line.starts_with('\'') {
                format!("\\&{line}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn init(ctx: &mut Context<'_>, a: InitArgs) -> Result<(), CliError> {
    let language = ctx.lang.unwrap_or_else(default_language);
    let name = a.name.unwrap_or_else(default_name);
    let name = non_empty(say::say(language), "--name", &name)?;
    let journal = Journal::create(&ctx.dir, JournalMeta::new(name, language, ctx.clock.now()))?;
    let m = journal.meta();
    let text = say::fill(
        say::say(m.language).started,
        &[
            ("dir", &ctx.dir.display().to_string()),
            ("name", &m.author_name),
            ("language", &m.language.to_string()),
        ],
    );
    writeln!(ctx.out, "{text}")?;
    Ok(())
}

fn journal(ctx: &mut Context<'_>, action: Option<JournalAction>) -> Result<(), CliError> {
    let mut journal = match action {
        Some(_) => ctx.open()?,
        None => ctx.open_to_read()?,
    };
    if let Some(JournalAction::Set(a)) = action {
        let mut meta = journal.meta().clone();
        let w = say::say(ctx.language(Some(&journal)));
        if a.name.is_none() && ctx.lang.is_none() && a.keep_backups.is_none() && a.rhythm.is_none()
        {
            return Err(invalid(w.journal_nothing_to_change));
        }
        if let Some(r) = &a.rhythm {
            meta.rhythm = r
                .parse()
                .map_err(|_| invalid(say::fill(w.err_rhythm, &[("value", r)])))?;
        }
        if let Some(n) = a.keep_backups {
            if n == 0 {
                return Err(invalid(w.journal_keep_at_least_one));
            }
            meta.keep_backups = n;
        }
        if let Some(name) = a.name {
            meta.author_name = non_empty(w, "--name", &name)?;
        }
        if let Some(lang) = ctx.lang {
            meta.language = lang;
        }
        journal.set_meta(meta)?;
    }
    let m = journal.meta();
    let w = say::say(m.language);
    let line = |template: &str, values: &[(&str, &str)]| say::fill(template, values);
    writeln!(
        ctx.out,
        "{}",
        line(
            w.j_journal,
            &[("dir", &journal.dir().display().to_string())]
        )
    )?;
    writeln!(ctx.out, "{}", line(w.j_id, &[("id", &m.id.to_string())]))?;
    let key = journal.identity().public().fingerprint();
    writeln!(ctx.out, "{}", line(w.j_key, &[("key", &key)]))?;
    if let Ok(age) = crate::seal::own_identity(journal.dir()) {
        let key = age.to_public().to_string();
        writeln!(ctx.out, "{}", line(w.j_seal, &[("key", &key)]))?;
    }
    if m.seal_network {
        let n = journal.sealing_keys()?.len() + 1;
        writeln!(ctx.out, "{}", line(w.seal_line, &[("n", &n.to_string())]))?;
    }
    writeln!(ctx.out, "{}", line(w.j_author, &[("name", &m.author_name)]))?;
    let language = m.language.to_string();
    writeln!(
        ctx.out,
        "{}",
        line(
            w.j_language,
            &[("language", &language), ("code", m.language.code())]
        )
    )?;
    writeln!(
        ctx.out,
        "{}",
        line(w.j_rhythm, &[("rhythm", &m.rhythm.label(m.language))])
    )?;
    let schema = crate::journal::SCHEMA_VERSION.to_string();
    writeln!(ctx.out, "{}", line(w.j_schema, &[("n", &schema)]))?;
    writeln!(
        ctx.out,
        "{}",
        line(w.j_records, &[("n", &journal.len().to_string())])
    )?;
    let backups = crate::backup::list(journal.dir());
    let keep = m.keep_backups.to_string();
    match backups.last() {
        Some(newest) => writeln!(
            ctx.out,
            "{}",
            line(
                w.j_backups,
                &[
                    ("n", &backups.len().to_string()),
                    ("day", &newest.day.to_string()),
                    ("keep", &keep)
                ]
            )
        )?,
        None => writeln!(ctx.out, "{}", line(w.j_no_backups, &[("keep", &keep)]))?,
    }
    Ok(())
}

/// Makes a backup if one is due after a write (see `backup::due_after_write`); a
/// failure is reported but does not fail the command, whose own save already succeeded.
fn backup_if_due(ctx: &mut Context<'_>) -> Result<(), CliError> {
    backup_if_due_of(ctx, None)
}

/// [`backup_if_due`] with the journal the command still has open, if it has: a large write
/// (an import) then does not close and open its journal again to back it up, which at 50,000
/// records costs sled a quarter of a second of reading its log back.
pub(crate) fn backup_if_due_of(
    ctx: &mut Context<'_>,
    journal: Option<&Journal>,
) -> Result<(), CliError> {
    if !crate::backup::due_after_write(&ctx.dir, ctx.clock.today()) {
        return Ok(());
    }
    let lang = ctx.speech();
    if let Err(e) = todays_backup(ctx, journal) {
        let text = say::fill(
            say::say(lang).backup_not_made,
            &[("error", &say::backup_error(&e, lang))],
        );
        writeln!(ctx.err, "{text}")?;
    }
    Ok(())
}

/// Makes today's backup of the journal, saying so on the progress line if it takes long.
fn todays_backup(
    ctx: &Context<'_>,
    journal: Option<&Journal>,
) -> Result<PathBuf, crate::backup::BackupError> {
    let (today, now) = (ctx.clock.today(), ctx.clock.now());
    progress::while_working(ctx.say().progress_backup, || match journal {
        Some(j) => crate::backup::make_and_prune(j, today, now),
        None => Journal::open(&ctx.dir)
            .map_err(crate::backup::BackupError::from)
            .and_then(|j| crate::backup::make_and_prune(&j, today, now)),
    })
}

/// `praxis repair`: says what it will rebuild from, asks, rebuilds.
fn repair(ctx: &mut Context<'_>, yes: bool) -> Result<(), CliError> {
    let newest = crate::backup::newest(&ctx.dir);
    let lang = ctx.speech();
    let w = say::say(lang);
    let dir = ctx.dir.display().to_string();
    let repair_error = |e: crate::store::RepairError| match e {
        crate::store::RepairError::Store(e) => CliError::Store(e),
        e => {
            let why = say::repair_error(&e, lang);
            invalid(match &newest {
                Some(b) if matches!(e, crate::store::RepairError::NoStart { .. }) => say::fill(
                    w.repair_no_start_backup,
                    &[("why", &why), ("backup", &b.display().to_string())],
                ),
                None if matches!(e, crate::store::RepairError::NoStart { .. }) => {
                    say::fill(w.repair_no_start_none, &[("why", &why)])
                }
                _ => why,
            })
        }
    };
    // A journal that opens and agrees with its save log needs no repair (opening it mends a
    // damaged log by starting it afresh from a new backup, and says so).
    if let Ok(journal) = Journal::open(&ctx.dir) {
        let log_was_damaged = journal.log_trouble().is_some();
        ctx.tell_what_opening_did(&journal)?;
        let how = if log_was_damaged {
            w.repair_log_afresh
        } else {
            w.repair_log_agrees
        };
        let text = say::fill(w.repair_whole, &[("dir", &dir), ("how", how)]);
        writeln!(ctx.out, "{text}")?;
        return Ok(());
    }
    let plan = Journal::repair_plan(&ctx.dir, crate::backup::is_intact).map_err(repair_error)?;
    let saves = plan.saves.to_string();
    let text = match &plan.backup {
        Some(b) => say::fill(
            w.repair_from_backup,
            &[
                ("dir", &dir),
                ("backup", &b.display().to_string()),
                ("n", &saves),
            ],
        ),
        None if plan.damaged_log.is_empty() => {
            say::fill(w.repair_from_log, &[("dir", &dir), ("n", &saves)])
        }
        None => say::fill(w.repair_from_damaged_log, &[("dir", &dir), ("n", &saves)]),
    };
    writeln!(ctx.err, "{text}")?;
    for (file, at, lost) in &plan.damaged_log {
        let text = say::fill(
            w.repair_log_damaged,
            &[
                ("file", &file.display().to_string()),
                ("at", &at.to_string()),
                ("lost", &lost.to_string()),
            ],
        );
        writeln!(ctx.err, "{text}")?;
    }
    let kept = crate::store::kept_folder(&ctx.dir).display().to_string();
    writeln!(
        ctx.err,
        "{}",
        say::fill(w.repair_brings_over, &[("dir", &kept)])
    )?;
    if !yes {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return Err(invalid(w.repair_needs_yes));
        }
        if !ask(ctx, w.repair_question, w)? {
            writeln!(ctx.err, "{}", w.nothing_was_changed)?;
            return Ok(());
        }
    }
    let done = Journal::repair(&ctx.dir, plan, ctx.clock.now(), crate::backup::restore_into)
        .map_err(repair_error)?;
    let records = done.records.to_string();
    let text = say::fill(w.repair_rebuilt, &[("dir", &dir), ("n", &records)]);
    writeln!(ctx.out, "{text}")?;
    if done.from_old > 0 {
        let n = done.from_old.to_string();
        writeln!(ctx.out, "{}", say::fill(w.repair_from_old, &[("n", &n)]))?;
    }
    if let Some(kept) = &done.kept {
        let kept = kept.display().to_string();
        writeln!(ctx.out, "{}", say::fill(w.repair_kept, &[("dir", &kept)]))?;
    }
    // A new backup, so the save log starts afresh from the rebuilt journal.
    match todays_backup(ctx, None) {
        Ok(path) => {
            let file = path.display().to_string();
            writeln!(
                ctx.out,
                "{}",
                say::fill(w.repair_new_backup, &[("file", &file)])
            )?
        }
        Err(e) => {
            let error = say::backup_error(&e, lang);
            let text = say::fill(w.repair_no_new_backup, &[("error", &error)]);
            writeln!(ctx.err, "{text}")?
        }
    }
    Ok(())
}

/// Asks `question` on the terminal; whether the answer was yes (y, yes, and in Danish j, ja).
pub(crate) fn ask(ctx: &mut Context<'_>, question: &str, w: &say::Say) -> Result<bool, CliError> {
    ctx.out.flush()?;
    write!(ctx.err, "{question}")?;
    ctx.err.flush()?;
    let mut answer = String::new();
    std::io::BufRead::read_line(&mut std::io::stdin().lock(), &mut answer)?;
    let answer = answer.trim().to_lowercase();
    Ok(w.yes_words.split(',').any(|y| y == answer))
}

/// `praxis demo`: a believable journal in a folder of its own, opened like the real one.
fn demo(ctx: &mut Context<'_>, keep: Option<PathBuf>) -> Result<(), CliError> {
    let dir = match &keep {
        Some(d) => d.clone(),
        None => std::env::temp_dir().join(format!("praxis-demo-{}", std::process::id())),
    };
    let lang = ctx.lang.unwrap_or_else(default_language);
    let library = ctx.library()?;
    crate::demo::fill(&dir, lang, &library, ctx.clock.now())?;
    let own_dir = std::mem::replace(&mut ctx.dir, dir.clone());
    use std::io::IsTerminal;
    let result = if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        let start = crate::tui::Start {
            dir: &dir,
            clock: ctx.clock.boxed(),
            lang: Some(lang),
            library,
            default_name: String::new(),
            default_language: lang,
            review_out: None,
            review_of: None,
            demo: true,
        };
        crate::tui::run(start).map_err(CliError::from)
    } else {
        view::home(ctx)
    };
    ctx.dir = own_dir;
    let w = say::say(lang);
    if keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
        writeln!(ctx.err, "{}", w.demo_removed)?;
    } else {
        let dir = dir.display().to_string();
        writeln!(ctx.err, "{}", say::fill(w.demo_kept, &[("dir", &dir)]))?;
    }
    result
}

fn non_empty(w: &say::Say, flag: &str, text: &str) -> Result<String, CliError> {
    let t = text.trim();
    if t.is_empty() {
        Err(invalid(say::fill(w.err_empty_flag, &[("flag", flag)])))
    } else {
        Ok(t.to_string())
    }
}

fn default_name() -> String {
    login_name().unwrap_or_else(|| "me".to_string())
}

/// The user's login name, when the environment says it.
fn login_name() -> Option<String> {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
}

fn default_language() -> Language {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find_map(|l| Language::from_locale(&l))
        .unwrap_or_default()
}

/// Text piped on stdin, if stdin is not a terminal and has something.
pub(crate) fn piped_text(lang: Language) -> Result<Option<String>, CliError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(None);
    }
    let text = crate::input::read_limited(stdin.lock(), crate::input::TEXT_LIMIT).map_err(|e| {
        let problem = say::problem_text(&e, lang);
        invalid(say::fill(
            say::say(lang).err_piped,
            &[("problem", &problem)],
        ))
    })?;
    let text = text.trim_end().to_string();
    Ok((!text.trim().is_empty()).then_some(text))
}

/// Resolves an id prefix to one of this journal's own records; another journal's record is
/// refused as read-only.
pub(crate) fn resolve_own(
    lang: Language,
    journal: &Journal,
    prefix: &str,
) -> Result<RecordId, CliError> {
    match journal.resolve(prefix) {
        Err(StoreError::NotFound { .. }) => {
            let id = journal.resolve_any(prefix)?;
            let author = journal
                .get_foreign(id)?
                .map(|r| view::peer_name_or_id(journal, r.author))
                .unwrap_or_default();
            let w = say::say(lang);
            Err(invalid(say::fill(
                w.err_read_only_record,
                &[("name", &author)],
            )))
        }
        other => Ok(other?),
    }
}

/// Resolves an id prefix to a record of the wanted kind.
pub(crate) fn resolve_kind(
    lang: Language,
    journal: &Journal,
    flag: &str,
    prefix: &str,
    want: Kind,
) -> Result<RecordId, CliError> {
    let id = journal.resolve(prefix)?;
    let record = journal.get(id)?.ok_or(StoreError::NotFound {
        prefix: prefix.to_string(),
    })?;
    if record.kind() != want {
        let text = say::fill(
            say::say(lang).err_wrong_kind,
            &[
                ("flag", flag),
                ("id", prefix),
                ("is", say::a_kind(record.kind(), lang)),
                ("want", say::a_kind(want, lang)),
                ("title", &record.display_title()),
            ],
        );
        return Err(invalid(text));
    }
    Ok(id)
}
