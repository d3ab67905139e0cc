//! `praxis export`, `praxis import` and `praxis restore`: files that carry records between
//! journals.

use std::io::Write;

use crate::backup::ExportFailed;
use crate::exchange::ImportInto as _;
use age::secrecy::SecretString;
use std::path::Path;

use super::args::{ExportArgs, ReviewArgs};
use super::say::{self, Say, fill};
use super::{CliError, Context, invalid, resolve_kind};
use crate::exchange::{self, Exporter, Scope, Selection, Source};
use crate::input::{InputError, Problem};
use crate::journal::JournalMeta;
use crate::record::{Comment, JournalId, Kind, Reach, RecordId};
use crate::store::{ImportReport, Journal, StoreError};

pub(super) fn export(ctx: &mut Context<'_>, a: ExportArgs) -> Result<(), CliError> {
    let scope = match a.scope.trim().to_ascii_lowercase().as_str() {
        "mentor" => Scope::Mentor,
        "network" => Scope::Network,
        "backup" => Scope::Backup,
        other => {
            return Err(invalid(fill(ctx.say().err_export_for, &[("value", other)])));
        }
    };
    let markdown = export_format(&a, ctx.say())?;
    let journal = ctx.open_to_read()?;
    let lang = ctx.language(Some(&journal));
    let w = say::say(lang);
    let selection = Selection {
        cycle: a
            .cycle
            .map(|c| resolve_kind(ctx.speech(), &journal, "--cycle", &c, Kind::Cycle))
            .transpose()?,
        tag: a
            .tag
            .map(|t| crate::record::normalize_tags([t]).pop().unwrap_or_default()),
        since: a.since.map(|d| ctx.date("since", &d)).transpose()?,
        until: a.until.map(|d| ctx.date("until", &d)).transpose()?,
    };
    let now = ctx.clock.now();
    // Markdown is for reading, so built whole; JSON is written as the journal is read.
    let markdown = if markdown {
        let file = if scope == Scope::Backup {
            crate::backup::backup_file(&journal, &selection, now)?
        } else {
            let records: Vec<_> = journal.newest_first().collect::<Result<_, _>>()?;
            exchange::export(
                journal.meta(),
                scope,
                &selection,
                records,
                journal.all_comments()?,
                now,
            )
        };
        let text = exchange::to_markdown(&file.content, &ctx.library()?);
        Some((text, file.content.records.len()))
    } else {
        None
    };
    let seal = match (&a.to, a.passphrase) {
        (Some(to), _) => Some(crate::seal::SealFor::Key(sealing_key_for(
            &journal, to, lang,
        )?)),
        (None, true) => Some(crate::seal::SealFor::Passphrase(
            passphrase_from_user(w.passphrase_to_seal).ok_or_else(|| invalid(w.err_passphrase))?,
        )),
        (None, false) => None,
    };
    let plain = |w: &mut dyn Write| -> Result<usize, ExportFailed> {
        match &markdown {
            Some((text, n)) => w
                .write_all(text.as_bytes())
                .map(|()| *n)
                .map_err(Into::into),
            None => crate::backup::write_export_of(&journal, scope, &selection, now, w),
        }
    };
    // Sealed, the file is written into age's encrypting writer; nothing of it is in the clear.
    let shown = a.output.as_ref().map_or_else(
        || w.progress_writing.to_string(),
        |p| {
            fill(
                w.progress_writing_file,
                &[("file", &p.display().to_string())],
            )
        },
    );
    let write = |w: &mut dyn Write| -> Result<usize, ExportFailed> {
        let mut counted = super::progress::Counting::new(w, shown.clone());
        let w: &mut dyn Write = &mut counted;
        match &seal {
            None => plain(w),
            Some(seal) => {
                let mut count = 0;
                crate::seal::seal_into(w, seal, |sealed| plain(sealed).map(|n| count = n))?;
                Ok(count)
            }
        }
    };
    match &a.output {
        Some(path) => {
            let mut count = 0;
            exchange::write_atomically_with(path, |w| write(w).map(|n| count = n)).map_err(
                |e| match e {
                    ExportFailed::Read(e) => e.into(),
                    ExportFailed::Write(e) => invalid(fill(
                        w.err_export_write,
                        &[
                            ("file", &path.display().to_string()),
                            ("error", &say::io_reason(&e, lang)),
                        ],
                    )),
                },
            )?;
            let sealed = match (&a.to, a.passphrase) {
                (Some(_), _) => w.sealed_key,
                (None, true) => w.sealed_passphrase,
                _ => "",
            };
            let text = fill(
                w.wrote,
                &[
                    ("n", &count.to_string()),
                    ("scope", say::scope_for(scope, w)),
                    ("file", &path.display().to_string()),
                    ("sealed", sealed),
                ],
            );
            writeln!(ctx.err, "{text}")?;
        }
        None => match write(&mut ctx.out) {
            Ok(_) => {}
            Err(ExportFailed::Read(e)) => return Err(e.into()),
            Err(ExportFailed::Write(e)) => return Err(e.into()),
        },
    }
    Ok(())
}

/// Whether an export is Markdown: as --format says, else as the output file's extension says
/// (an extension that says neither is refused, so `-o anna.md` never writes JSON).
fn export_format(a: &super::args::ExportArgs, w: &Say) -> Result<bool, CliError> {
    let sealed = a.to.is_some() || a.passphrase;
    let from_flag = match a.format.as_deref().map(|f| f.trim().to_ascii_lowercase()) {
        None => None,
        Some(f) if f == "json" => Some(false),
        Some(f) if f == "markdown" || f == "md" => Some(true),
        Some(other) => return Err(invalid(fill(w.err_export_format, &[("value", &other)]))),
    };
    let Some(out) = &a.output else {
        return Ok(from_flag.unwrap_or(false));
    };
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let from_name = match ext.as_deref() {
        Some("md" | "markdown") => Some(true),
        Some("json") => Some(false),
        Some("age") if sealed => Some(false),
        _ => None,
    };
    match (from_flag, from_name) {
        (Some(f), Some(n)) if f != n => Err(invalid(fill(
            w.err_export_disagree,
            &[
                ("format", if f { "markdown" } else { "json" }),
                ("file", &out.display().to_string()),
                ("ext", &ext.unwrap_or_default()),
            ],
        ))),
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => Err(invalid(fill(
            w.err_export_name,
            &[
                ("file", &out.display().to_string()),
                ("age", if sealed { w.export_age } else { "" }),
            ],
        ))),
    }
}

/// The text of a file to import, review, restore or sync; a sealed one is opened with the
/// journal's age key (in `journal_dir`), or a passphrase. A named pipe, a device or a file
/// over the limit is refused at once.
fn read_opened(
    err: &mut dyn Write,
    path: &Path,
    journal_dir: Option<&Path>,
    w: &Say,
) -> Result<String, CliError> {
    let bytes = crate::input::read_bytes(path, crate::input::EXCHANGE_LIMIT)?;
    if !crate::seal::is_sealed(&bytes) {
        return String::from_utf8(bytes).map_err(|_| {
            CliError::Input(crate::input::InputError {
                path: path.display().to_string(),
                problem: crate::input::Problem::NotText,
            })
        });
    }
    let shown = path.display().to_string();
    let (plain, how) = crate::seal::open(&shown, &bytes, journal_dir, || {
        passphrase_from_user(w.passphrase_to_open)
    })
    .map_err(CliError::Seal)?;
    let how = match how {
        crate::seal::OpenedWith::Key => w.opened_with_key,
        crate::seal::OpenedWith::Passphrase => w.opened_with_passphrase,
    };
    writeln!(err, "{}", fill(w.opened, &[("file", &shown), ("how", how)]))?;
    String::from_utf8(plain).map_err(|_| invalid(fill(w.err_no_text_opened, &[("file", &shown)])))
}

/// A passphrase from `PRAXIS_PASSPHRASE`, or asked for on the terminal without echo.
fn passphrase_from_user(prompt: &str) -> Option<SecretString> {
    if let Ok(p) = std::env::var("PRAXIS_PASSPHRASE")
        && !p.is_empty()
    {
        return Some(SecretString::from(p));
    }
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return None;
    }
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    crossterm::terminal::enable_raw_mode().ok()?;
    let mut typed = String::new();
    let result = loop {
        match crossterm::event::read() {
            Ok(crossterm::event::Event::Key(k))
                if k.kind != crossterm::event::KeyEventKind::Release =>
            {
                use crossterm::event::KeyCode;
                match k.code {
                    KeyCode::Enter => break Some(typed),
                    KeyCode::Esc => break None,
                    KeyCode::Backspace => {
                        typed.pop();
                    }
                    KeyCode::Char('c')
                        if k.modifiers
                            .contains(crossterm::event::KeyModifiers::CONTROL) =>
                    {
                        break None;
                    }
                    KeyCode::Char(c) => typed.push(c),
                    _ => {}
                }
            }
            Ok(_) => {}
            Err(_) => break None,
        }
    };
    let _ = crossterm::terminal::disable_raw_mode();
    eprintln!();
    result.filter(|p| !p.is_empty()).map(SecretString::from)
}

fn read_text(path: &Path) -> Result<String, CliError> {
    Ok(crate::input::read_text(path, crate::input::EXCHANGE_LIMIT)?)
}

/// Imports `path` into `journal` as it reads it (records are never all in memory). `accept`
/// may still refuse the file once it has been read; on any error nothing is kept.
fn import_file(
    err: &mut dyn Write,
    journal: &Journal,
    path: &Path,
    dry_run: bool,
    w: &'static Say,
    accept: impl FnOnce(&exchange::About) -> Result<(), CliError>,
) -> Result<(ImportReport, exchange::About), CliError> {
    let text = read_opened(err, path, Some(journal.dir()), w)?;
    let mut importer = journal.importer(dry_run);
    let shown = path.display().to_string();
    let mut progress = Progress::new(&mut importer, &shown, w);
    let read = exchange::read_into(&shown, &text, journal.meta().id, &mut progress);
    progress.clear();
    drop(text);
    let about = read
        .map_err(|stopped| match stopped {
            exchange::Stopped::Read(e) => CliError::Read(e),
            exchange::Stopped::Sink(e) => e.into(),
        })
        .and_then(|about| accept(&about).map(|()| about));
    match about {
        Ok(about) => Ok((importer.finish()?, about)),
        Err(e) => {
            importer.abandon()?;
            Err(e)
        }
    }
}

/// An import's sink that counts the records read on the progress line.
struct Progress<'s, S> {
    sink: &'s mut S,
    ticker: super::progress::Ticker,
    w: &'static Say,
}

impl<'s, S> Progress<'s, S> {
    fn new(sink: &'s mut S, file: &'s str, w: &'static Say) -> Self {
        Progress {
            sink,
            ticker: super::progress::Ticker::new(fill(w.progress_reading, &[("file", file)])),
            w,
        }
    }

    fn tick(&mut self) {
        let w = self.w;
        self.ticker
            .add(1, |n| fill(w.progress_records, &[("n", &n.to_string())]));
    }

    /// Takes the line away again, if it was shown.
    fn clear(&mut self) {
        self.ticker.clear();
    }
}

impl<S: exchange::Sink> exchange::Sink for Progress<'_, S> {
    type Error = S::Error;

    fn exporter(&mut self, by: &Exporter, scope: Scope) -> Result<(), Self::Error> {
        self.sink.exporter(by, scope)
    }

    fn record(&mut self, record: crate::record::Record) -> Result<(), Self::Error> {
        self.tick();
        self.sink.record(record)
    }

    fn comment(&mut self, comment: Comment) -> Result<(), Self::Error> {
        self.sink.comment(comment)
    }

    fn peer(&mut self, peer: exchange::Peer) -> Result<(), Self::Error> {
        self.sink.peer(peer)
    }
}

pub(super) fn import(ctx: &mut Context<'_>, path: &Path, dry_run: bool) -> Result<(), CliError> {
    let journal = if dry_run {
        ctx.open()?
    } else {
        ctx.open_or_create()?
    };
    let w = say::say(ctx.language(Some(&journal)));
    let (report, about) = import_file(&mut *ctx.err, &journal, path, dry_run, w, |_| Ok(()))?;
    let from = match (&about.source, &about.exported_by) {
        (Source::Praxis(scope), Some(by)) => fill(
            w.import_from_praxis,
            &[
                ("name", &by.author_name),
                ("scope", say::scope_export(*scope, w)),
            ],
        ),
        (Source::Jrnl, _) => w.import_from_jrnl.to_string(),
        (Source::TuiJournal | Source::TuiJournalTransfer, _) => w.import_from_tui.to_string(),
        _ => w.import_from_file.to_string(),
    };
    let verb = if dry_run {
        w.import_would
    } else {
        w.import_did
    };
    writeln!(ctx.out, "{}", fill(verb, &[("from", &from)]))?;
    print_report(ctx, &report, dry_run)?;
    if let (Source::Praxis(Scope::Backup), Some(by)) = (&about.source, &about.exported_by)
        && by.journal != journal.meta().id
    {
        let text = fill(w.import_other_backup, &[("name", &by.author_name)]);
        writeln!(ctx.err, "{text}")?;
    }
    if dry_run {
        writeln!(ctx.out, "{}", w.import_dry_run)?;
    } else {
        super::backup_if_due_of(ctx, Some(&journal))?;
    }
    Ok(())
}

/// The age key `--to` names: an age key, a file holding one, or a peer's key fingerprint or
/// name (their age key as their signed files gave it).
fn sealing_key_for(
    journal: &Journal,
    to: &str,
    lang: crate::journal::Language,
) -> Result<age::x25519::Recipient, CliError> {
    let w = say::say(lang);
    if let Ok(key) = crate::seal::recipient(to) {
        return Ok(key);
    }
    let squash = |s: &str| s.replace(' ', "").to_uppercase();
    let wanted = squash(to);
    let known = journal.sealing_keys()?;
    let found: Vec<_> = known
        .iter()
        .filter(|(_, name, key, _)| {
            name.eq_ignore_ascii_case(to.trim())
                || (wanted.len() >= 8 && squash(&key.fingerprint()).starts_with(&wanted))
        })
        .collect();
    match found.as_slice() {
        [(_, _, _, age)] => crate::seal::recipient(age)
            .map_err(|e| invalid(format!("--to {to}: {}", say::seal_error(&e, lang)))),
        [] => Err(invalid(fill(w.err_to_nobody, &[("to", to)]))),
        _ => Err(invalid(fill(w.err_to_several, &[("to", to)]))),
    }
}

/// `praxis network trust ID`: forgets the key pinned for another journal.
pub(super) fn trust(ctx: &mut Context<'_>, prefix: &str) -> Result<(), CliError> {
    let journal = ctx.open()?;
    let w = say::say(ctx.language(Some(&journal)));
    let wanted = prefix.trim().to_ascii_uppercase();
    let known: Vec<(JournalId, String)> = journal
        .peers()?
        .into_iter()
        .filter(|(id, _)| !wanted.is_empty() && id.to_string().starts_with(&wanted))
        .collect();
    let (id, name) = match known.as_slice() {
        [one] => one.clone(),
        [] => return Err(invalid(fill(w.err_trust_nobody, &[("id", prefix)]))),
        _ => return Err(invalid(fill(w.err_trust_several, &[("id", prefix)]))),
    };
    let text = match journal.unpin_key(id)? {
        Some(old) => fill(
            w.trust_forgot,
            &[("name", &name), ("fingerprint", &old.fingerprint())],
        ),
        None => fill(w.trust_none_pinned, &[("name", &name)]),
    };
    writeln!(ctx.out, "{text}")?;
    Ok(())
}

/// `praxis network seal on|off`: whether the next syncs seal this journal's network file.
pub(super) fn seal_network(ctx: &mut Context<'_>, on: bool) -> Result<(), CliError> {
    let mut journal = ctx.open()?;
    let mut meta = journal.meta().clone();
    meta.seal_network = on;
    journal.set_meta(meta)?;
    let w = super::say::say(ctx.language(Some(&journal)));
    let readers = journal.sealing_keys()?;
    let names: Vec<String> = readers
        .iter()
        .map(|(id, name, _, _)| {
            if name.is_empty() {
                id.to_string()[..10].to_string()
            } else {
                name.clone()
            }
        })
        .collect();
    let text = match (on, names.is_empty()) {
        (false, _) => w.seal_off.to_string(),
        (true, true) => w.seal_on_alone.to_string(),
        (true, false) => super::say::fill(
            w.seal_on,
            &[
                ("n", &names.len().to_string()),
                ("names", &names.join(", ")),
            ],
        ),
    };
    writeln!(ctx.out, "{text}")?;
    Ok(())
}

fn print_report(ctx: &mut Context<'_>, r: &ImportReport, dry_run: bool) -> Result<(), CliError> {
    let w = say::say(ctx.language(None));
    let n = |v: usize| v.to_string();
    if let Some((_, name, fingerprint)) = &r.pinned {
        let text = fill(
            if dry_run {
                w.key_would_pin
            } else {
                w.key_pinned
            },
            &[("name", name), ("fingerprint", fingerprint)],
        );
        writeln!(ctx.out, "{text}")?;
    }
    let counts = fill(
        w.imported,
        &[
            ("added", &n(r.added)),
            ("updated", &n(r.updated)),
            ("unchanged", &n(r.unchanged)),
            ("older", &n(r.older)),
        ],
    );
    writeln!(ctx.out, "{counts}")?;
    if !r.conflicts.is_empty() {
        let text = fill(w.in_conflict, &[("n", &n(r.conflicts.len()))]);
        writeln!(ctx.out, "{text}")?;
        for id in &r.conflicts {
            writeln!(ctx.out, "    {id}")?;
        }
    }
    for (count, template) in [
        (r.refused, w.not_taken),
        (r.comments_refused, w.comments_not_taken),
        (r.deleted_here, w.deleted_here),
        (r.repeated, w.repeated),
    ] {
        if count > 0 {
            writeln!(ctx.out, "{}", fill(template, &[("n", &n(count))]))?;
        }
    }
    if r.comments_added + r.comments_unchanged + r.comments_orphaned > 0 {
        let text = fill(
            w.comments_report,
            &[
                ("added", &n(r.comments_added)),
                ("unchanged", &n(r.comments_unchanged)),
                ("orphaned", &n(r.comments_orphaned)),
            ],
        );
        writeln!(ctx.out, "{text}")?;
    }
    Ok(())
}

pub(super) fn restore(ctx: &mut Context<'_>, path: &Path) -> Result<(), CliError> {
    let dir = ctx.dir.display().to_string();
    // The folder holds no journal (or must not), so --lang or the locale speaks.
    let w = say::say(ctx.language(None));
    if Journal::discard_cut_off_restore(&ctx.dir)? {
        writeln!(
            ctx.err,
            "{}",
            fill(w.restore_starting_over, &[("dir", &dir)])
        )?;
    }
    match Journal::open(&ctx.dir) {
        Err(StoreError::NoJournal { .. }) => {}
        Ok(journal) => {
            let w = say::say(ctx.language(Some(&journal)));
            return Err(invalid(fill(w.err_restore_into_journal, &[("dir", &dir)])));
        }
        Err(StoreError::Locked { .. }) => {
            return Err(invalid(fill(w.err_restore_into_journal, &[("dir", &dir)])));
        }
        Err(e) => return Err(e.into()),
    }
    let shown = path.display().to_string();
    // Who exported it, from its header; a broken file gets the full reader's word.
    let text = read_opened(&mut *ctx.err, path, None, w)?;
    let peeked = exchange::peek(&text);
    // From here on in the language of the journal the file came from, unless --lang says.
    let lang = ctx
        .lang
        .or(peeked.as_ref().map(|(_, by)| by.language))
        .unwrap_or(ctx.language(None));
    ctx.spoken = Some(lang);
    let w = say::say(lang);
    let not_backup = || invalid(fill(w.err_not_a_backup, &[("file", &shown)]));
    let Some((Scope::Backup, by)) = peeked else {
        exchange::read(
            &shown,
            &text,
            crate::record::JournalId::new_at(ctx.clock.now()),
        )
        .map_err(CliError::Read)?;
        return Err(not_backup());
    };
    // A signed backup carries the journal's key: the restored journal is the same journal.
    let identity = exchange::peek_identity(&text);
    drop(text);
    let mut meta = JournalMeta::new(by.author_name.clone(), by.language, ctx.clock.now());
    meta.id = by.journal;
    let existed = ctx.dir.exists();
    let journal = Journal::create_for_restore(&ctx.dir, meta, identity.as_ref())?;
    let result = import_file(
        &mut *ctx.err,
        &journal,
        path,
        false,
        w,
        |about| match about.source {
            Source::Praxis(Scope::Backup) => Ok(()),
            _ => Err(not_backup()),
        },
    )
    .and_then(|done| {
        journal.restore_finished()?;
        Ok(done)
    });
    drop(journal);
    let (report, _) = match result {
        Ok(done) => done,
        Err(e) => {
            // The new journal is empty: take it away so the restore can simply be run again.
            if existed {
                Journal::discard_cut_off_restore(&ctx.dir)?;
                let _ = std::fs::remove_file(ctx.dir.join("praxis.lock"));
            } else {
                let _ = std::fs::remove_dir_all(&ctx.dir);
            }
            return Err(e);
        }
    };
    let text = fill(
        w.restored,
        &[
            ("name", &by.author_name),
            ("dir", &dir),
            ("n", &report.added.to_string()),
            ("comments", &report.comments_added.to_string()),
        ],
    );
    writeln!(ctx.out, "{text}")?;
    Ok(())
}

pub(super) fn review(ctx: &mut Context<'_>, a: ReviewArgs) -> Result<(), CliError> {
    let shown = a.file.display().to_string();
    let own_journal = ctx.dir.join("db").is_dir().then(|| ctx.dir.clone());
    let lang = ctx.speech();
    let w = say::say(lang);
    let text = read_opened(&mut *ctx.err, &a.file, own_journal.as_deref(), w)?;
    // The reviewer's own journal, when there is one, signs the comments.
    let mut signer = None;
    let reviewer = match Journal::open(&ctx.dir) {
        Ok(j) => {
            signer = Some(j.identity().clone());
            Exporter {
                journal: j.meta().id,
                author_name: a
                    .name
                    .clone()
                    .unwrap_or_else(|| j.meta().author_name.clone()),
                language: j.meta().language,
                key: Some(j.identity().public()),
                seal_to: crate::backup::sealing_key_of(&j),
            }
        }
        Err(StoreError::NoJournal { .. }) => {
            let Some(name) = a.name.clone() else {
                return Err(invalid(w.err_review_name));
            };
            Exporter {
                journal: JournalId::new_at(ctx.clock.now()),
                author_name: name,
                language: ctx.lang.unwrap_or_default(),
                key: None,
                seal_to: None,
            }
        }
        Err(e) => return Err(e.into()),
    };
    let shared = exchange::read(&shown, &text, reviewer.journal).map_err(CliError::Read)?;
    if !matches!(
        shared.source,
        Source::Praxis(Scope::Mentor | Scope::Network)
    ) {
        return Err(invalid(fill(w.err_not_for_review, &[("file", &shown)])));
    }
    let out_path = a
        .output
        .clone()
        .unwrap_or_else(|| a.file.with_extension("comments.json"));
    use std::io::IsTerminal;
    if a.comments.is_empty() && std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        return review_in_the_app(ctx, &a.file, &shared, reviewer, signer.as_ref(), &out_path);
    }
    if a.comments.is_empty() {
        // Without comments: show what there is to review.
        for r in &shared.records {
            writeln!(
                ctx.out,
                "{}  {:<11} {}",
                &r.id.to_key()[..12],
                crate::tui::words::kind(r.kind(), lang),
                r.display_title()
            )?;
        }
        writeln!(ctx.err, "{}", fill(w.review_how, &[("file", &shown)]))?;
        return Ok(());
    }
    let mut comments = Vec::new();
    for pair in &a.comments {
        let Some((prefix, text)) = pair.split_once('=') else {
            return Err(invalid(fill(w.err_review_pair, &[("pair", pair)])));
        };
        let wanted = prefix.trim().to_ascii_uppercase();
        let matching: Vec<_> = shared
            .records
            .iter()
            .filter(|r| !wanted.is_empty() && r.id.to_key().starts_with(&wanted))
            .collect();
        let on = match matching.as_slice() {
            [one] => one.id,
            [] => {
                let values = [("file", shown.as_str()), ("id", prefix)];
                return Err(invalid(fill(w.err_review_nothing, &values)));
            }
            _ => {
                let values = [("file", shown.as_str()), ("id", prefix)];
                return Err(invalid(fill(w.err_review_several, &values)));
            }
        };
        let text = text.trim();
        if text.is_empty() {
            return Err(invalid(fill(w.err_review_empty, &[("id", prefix)])));
        }
        let now = ctx.clock.now() + chrono::Duration::milliseconds(comments.len() as i64);
        comments.push(Comment {
            id: RecordId::new_at(now),
            on,
            author: reviewer.journal,
            author_name: reviewer.author_name.clone(),
            created: now,
            text: text.to_string(),
            // A mentor's remark goes back to the manager alone.
            reach: Reach::Owner,
            signature: None,
        });
        if let (Some(identity), Some(c)) = (&signer, comments.last_mut()) {
            c.sign(identity);
        }
    }
    let count = comments.len();
    let mut file = exchange::comments_file(reviewer, comments, ctx.clock.now());
    if let Some(identity) = &signer {
        file = file.signed_by(identity);
    }
    let out_shown = out_path.display().to_string();
    file.save(&out_path).map_err(|e| {
        let values = [
            ("file", out_shown.as_str()),
            ("error", &say::io_reason(&e, lang)),
        ];
        invalid(fill(w.err_could_not_write, &values))
    })?;
    let values = [("n", count.to_string()), ("file", out_shown)];
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    writeln!(ctx.out, "{}", fill(w.review_wrote, &values))?;
    Ok(())
}

/// The review in the terminal app: in the mentor's own journal when they have one (the
/// manager's records kept there, read-only, with the comments made on them, so the next export
/// from the same manager opens where the mentor left off), else in a review journal kept beside
/// the export. The comments file — the mentor's comments on that manager's records — is written
/// when the app closes.
fn review_in_the_app(
    ctx: &mut Context<'_>,
    file: &Path,
    shared: &exchange::Incoming,
    reviewer: Exporter,
    signer: Option<&crate::identity::Identity>,
    out: &Path,
) -> Result<(), CliError> {
    let dir = if signer.is_some() {
        ctx.dir.clone()
    } else {
        file.with_extension("review")
    };
    let journal = match Journal::open(&dir) {
        Ok(j) => j,
        Err(StoreError::NoJournal { .. }) => {
            let mut meta = JournalMeta::new(
                reviewer.author_name.clone(),
                reviewer.language,
                ctx.clock.now(),
            );
            meta.id = reviewer.journal;
            // The review signs its comments as the mentor's own journal would, so the manager
            // pins one key for the mentor, whichever way the comments come.
            if let Some(identity) = signer {
                crate::safe_fs::private_dir(&dir)
                    .map_err(|e| invalid(say::io_reason(&e, ctx.speech())))?;
                crate::store::keep_identity(&dir, identity)?;
            }
            Journal::create(&dir, meta)?
        }
        Err(e) => return Err(e.into()),
    };
    journal.import(shared, false)?;
    drop(journal);
    let start = crate::tui::Start {
        dir: &dir,
        clock: ctx.clock.boxed(),
        lang: ctx.lang,
        library: ctx.library()?,
        default_name: reviewer.author_name.clone(),
        default_language: reviewer.language,
        review_out: Some(out.to_path_buf()),
        review_of: shared.exported_by.as_ref().map(|by| by.journal),
        demo: false,
    };
    crate::tui::run(start)?;
    if out.exists() {
        let file = out.display().to_string();
        let text = fill(ctx.say().review_in_file, &[("file", &file)]);
        writeln!(ctx.out, "{text}")?;
    }
    Ok(())
}

pub(super) fn sync(ctx: &mut Context<'_>, dir: &Path) -> Result<(), CliError> {
    let shown_dir = dir.display().to_string();
    if !dir.is_dir() {
        let text = fill(ctx.say().err_sync_not_a_folder, &[("dir", &shown_dir)]);
        return Err(invalid(text));
    }
    let journal = ctx.open()?;
    let lang = ctx.language(Some(&journal));
    let w = say::say(lang);
    let plain_name = network_file_name(&journal.meta().author_name, journal.meta().id);
    let sealed_name = format!("{plain_name}.age");
    let readers = journal
        .meta()
        .seal_network
        .then(|| network_readers(&journal))
        .transpose()?;
    let (own_name, other_form) = match readers {
        Some(_) => (sealed_name, plain_name),
        None => (plain_name, sealed_name),
    };
    let records: Vec<_> = journal.newest_first().collect::<Result<_, _>>()?;
    // With this journal's comments on its peers' records, so they reach those records' authors.
    let file = exchange::export_with(
        journal.meta(),
        Scope::Network,
        &Selection::default(),
        records,
        journal.all_comments()?,
        ctx.clock.now(),
        |id| journal.get_foreign(id).ok().flatten().map(|r| r.visibility),
    );
    let mut file = file;
    file.content.exported_by.seal_to = crate::backup::sealing_key_of(&journal);
    let own_path = dir.join(&own_name);
    let sealed_for = sealed_for_file(&journal);
    // Rewritten only when what it shares changed (and, sealed, for whom), so a git or Syncthing
    // folder does not churn.
    let unchanged = own_file_text(&own_path, &journal)
        .and_then(|text| serde_json::from_str::<exchange::ExchangeFile>(&text).ok())
        .filter(|_| {
            readers.as_ref().is_none_or(|(_, list)| {
                read_text(&sealed_for).ok().as_deref() == Some(list.as_str())
            })
        })
        .is_some_and(|old| {
            old.content.records == file.content.records
                && old.content.comments == file.content.comments
                && old.content.exported_by.author_name == file.content.exported_by.author_name
                && old.content.exported_by.key == Some(journal.identity().public())
        });
    let n = file.content.records.len().to_string();
    if unchanged {
        let text = fill(w.sync_as_they_were, &[("n", &n), ("file", &own_name)]);
        writeln!(ctx.out, "{text}")?;
    } else {
        // Signed, so peers can tell it is this journal's; readable by the other users of a
        // shared drive, since it is meant for them.
        let file = file.clone().signed_by(journal.identity());
        let written = match &readers {
            Some((keys, _)) => crate::safe_fs::write_shared_atomically_with(&own_path, |w| {
                crate::seal::seal_into::<_, std::io::Error>(
                    w,
                    &crate::seal::SealFor::Keys(keys.clone()),
                    |inner| file.write_json(inner),
                )
            }),
            None => crate::safe_fs::write_shared_atomically_with(&own_path, |w| file.write_json(w)),
        };
        let cannot_write = |e: std::io::Error| {
            let error = say::io_reason(&e, lang);
            invalid(fill(
                w.err_sync_write,
                &[("dir", &shown_dir), ("error", &error)],
            ))
        };
        written.map_err(cannot_write)?;
        if let Some((_, list)) = &readers {
            crate::safe_fs::write_atomically(&sealed_for, list).map_err(cannot_write)?;
        }
        writeln!(
            ctx.out,
            "{}",
            fill(w.sync_shared, &[("n", &n), ("file", &own_name)])
        )?;
    }
    // The name older praxis versions used for this journal's file, and the file in the other
    // form (sealed or not): this one replaces them.
    for old_name in [
        dir.join(format!("{}.praxis.json", journal.meta().id)),
        dir.join(&other_form),
    ] {
        if std::fs::symlink_metadata(&old_name).is_ok_and(|m| m.is_file() || m.is_symlink()) {
            let _ = std::fs::remove_file(&old_name);
        }
    }
    let mut seen = SeenFiles::load(&journal);
    let mut others: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| {
            let error = say::io_reason(&e, lang);
            invalid(fill(
                w.err_sync_read,
                &[("dir", &shown_dir), ("error", &error)],
            ))
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                (n.ends_with(".praxis.json") || n.ends_with(".praxis.json.age"))
                    && n != own_name
                    && n != other_form
                    && !n.starts_with('.')
            })
        })
        .collect();
    others.sort();
    let mut failed = 0;
    let mut skipped_unchanged = 0;
    for path in others {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let skipped = |why: &str| fill(w.sync_skipped, &[("file", &name), ("why", why)]);
        if let Some(why) = sync_engine_leftover(&name, w) {
            writeln!(ctx.err, "{}", skipped(why))?;
            continue;
        }
        let stamp = file_stamp(&path);
        let key = path.display().to_string();
        if stamp.is_some() && seen.files.get(&key) == stamp.as_ref() {
            skipped_unchanged += 1;
            continue;
        }
        if has_merge_conflict_markers(&path) {
            writeln!(ctx.err, "{}", skipped(w.sync_merge_markers))?;
            continue;
        }
        let result = import_file(&mut *ctx.err, &journal, &path, false, w, |about| {
            if about.source != Source::Praxis(Scope::Network) {
                return Err(invalid(fill(w.err_sync_not_network, &[("file", &name)])));
            }
            Ok(())
        });
        if result.is_ok()
            && let Some(stamp) = stamp
        {
            seen.files.insert(key, stamp);
        }
        match result {
            Ok((report, about)) => {
                let who = about
                    .exported_by
                    .map(|b| crate::text::one_line(&b.author_name))
                    .unwrap_or_default();
                let part = |n: usize, template: &str| {
                    if n == 0 {
                        String::new()
                    } else {
                        fill(template, &[("n", &n.to_string())])
                    }
                };
                let text = fill(
                    w.sync_line,
                    &[
                        ("who", &who),
                        ("added", &report.added.to_string()),
                        ("updated", &report.updated.to_string()),
                        ("unchanged", &report.unchanged.to_string()),
                        ("conflicts", &part(report.conflicts.len(), w.sync_conflicts)),
                        ("refused", &part(report.refused, w.sync_refused)),
                        (
                            "comments",
                            &[
                                part(report.comments_added, w.sync_comments_added),
                                part(report.comments_unverifiable, w.sync_comments_waiting),
                                part(report.comments_refused, w.sync_comments_refused),
                            ]
                            .concat(),
                        ),
                    ],
                );
                writeln!(ctx.out, "{text}")?;
                if let Some((_, name, fingerprint)) = &report.pinned {
                    let values = [("name", name.as_str()), ("fingerprint", fingerprint)];
                    writeln!(ctx.out, "{}", fill(w.sync_pinned, &values))?;
                }
            }
            // Not a file at all (a named pipe, a folder): no peer's export, so not a failure.
            Err(CliError::Input(InputError {
                problem: Problem::NotAFile(kind),
                ..
            })) => {
                let what = fill(w.sync_not_a_file, &[("kind", say::path_kind(kind, w))]);
                writeln!(ctx.err, "{}", skipped(&what))?;
            }
            // Sealed for its readers, and this journal is not one yet: normal for someone new
            // to the network, not a failure.
            Err(CliError::Seal(crate::seal::SealError::NotForYou(..))) => {
                writeln!(ctx.err, "{}", fill(w.sealed_not_yet, &[("name", &name)]))?;
            }
            Err(e) => {
                failed += 1;
                writeln!(ctx.err, "{}", skipped(&say::error_text(&e, lang)))?;
            }
        }
    }
    if skipped_unchanged > 0 {
        let n = skipped_unchanged.to_string();
        writeln!(ctx.out, "{}", fill(w.sync_peers_unchanged, &[("n", &n)]))?;
    }
    seen.save(&journal);
    if failed > 0 {
        let n = failed.to_string();
        let text = fill(w.err_sync_failed, &[("n", &n), ("dir", &shown_dir)]);
        return Err(invalid(text));
    }
    Ok(())
}

/// Who this journal's sealed network file is for: its own age key and every key that signed
/// files gave it (peers, and a mentor, who may read network records anyway); as keys, and as
/// the sorted list kept to tell when it changed.
fn network_readers(journal: &Journal) -> Result<(Vec<age::x25519::Recipient>, String), CliError> {
    let mut keys: Vec<String> = journal
        .sealing_keys()?
        .into_iter()
        .map(|(_, _, _, age)| age)
        .collect();
    keys.extend(crate::backup::sealing_key_of(journal));
    keys.sort();
    keys.dedup();
    let recipients = keys.iter().filter_map(|k| k.parse().ok()).collect();
    Ok((recipients, keys.join("\n")))
}

/// The file (in the journal folder) that lists the keys this journal's network file was last
/// sealed for.
fn sealed_for_file(journal: &Journal) -> std::path::PathBuf {
    journal.dir().join("network-sealed-for")
}

/// This journal's own network file as text, opened with its own key if sealed; `None` when
/// it is missing or cannot be read.
fn own_file_text(path: &Path, journal: &Journal) -> Option<String> {
    let bytes = crate::input::read_bytes(path, crate::input::EXCHANGE_LIMIT).ok()?;
    if !crate::seal::is_sealed(&bytes) {
        return String::from_utf8(bytes).ok();
    }
    let (plain, _) = crate::seal::open("", &bytes, Some(journal.dir()), || None).ok()?;
    String::from_utf8(plain).ok()
}

/// The network folder's file for a journal: its author's name, so people can tell whose is
/// whose, and the start of its id, so two Annas do not collide.
fn network_file_name(author: &str, id: JournalId) -> String {
    let mut slug = String::new();
    for c in author.trim().to_lowercase().chars() {
        match c {
            'æ' => slug.push_str("ae"),
            'ø' => slug.push_str("oe"),
            'å' => slug.push_str("aa"),
            c if c.is_ascii_alphanumeric() => slug.push(c),
            _ if !slug.ends_with('-') && !slug.is_empty() => slug.push('-'),
            _ => {}
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(24).collect();
    let short = &id.to_string()[..10];
    if slug.is_empty() {
        format!("{short}.praxis.json")
    } else {
        format!("{slug}-{short}.praxis.json")
    }
}

/// Why a file in the network folder is a sync engine's, not a peer's export, if it is one.
fn sync_engine_leftover(name: &str, w: &Say) -> Option<&'static str> {
    if name.contains(".sync-conflict-") {
        Some(w.sync_conflict_copy)
    } else if name.starts_with("~syncthing~") || name.contains(".syncthing.") {
        Some(w.sync_still_writing)
    } else if name.contains(".orig.") || name.contains("_BACKUP_") || name.contains("_REMOTE_") {
        Some(w.sync_git_copy)
    } else {
        None
    }
}

/// Whether a file carries git's merge-conflict markers at the start of a line.
fn has_merge_conflict_markers(path: &Path) -> bool {
    let Ok(text) = crate::input::read_text(path, crate::input::EXCHANGE_LIMIT) else {
        return false;
    };
    text.lines()
        .any(|l| l.starts_with("<<<<<<< ") || l == "=======" || l.starts_with(">>>>>>> "))
}

/// A file's size and change time, to tell at once that it is as it was at the last sync.
fn file_stamp(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(path).ok()?;
    m.is_file()
        .then(|| format!("{} {}.{} {}", m.len(), m.mtime(), m.mtime_nsec(), m.ino()))
}

/// The peer files a sync took in whole, with their stamps, so an unchanged one is not read
/// again (kept in the journal folder).
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct SeenFiles {
    files: std::collections::BTreeMap<String, String>,
}

impl SeenFiles {
    fn path(journal: &Journal) -> std::path::PathBuf {
        journal.dir().join("network-seen.json")
    }

    fn load(journal: &Journal) -> SeenFiles {
        crate::input::read_text(&SeenFiles::path(journal), crate::input::TEXT_LIMIT)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    fn save(&self, journal: &Journal) {
        let text = serde_json::to_string_pretty(self).expect("serialises");
        let _ = crate::safe_fs::write_atomically(&SeenFiles::path(journal), &text);
    }
}
