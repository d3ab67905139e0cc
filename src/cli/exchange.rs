//! `praxis export`, `praxis import` and `praxis restore`: files that carry records between
//! journals.

use std::path::Path;

use super::args::ExportArgs;
use super::{CliError, Context, invalid, resolve_kind};
use crate::exchange::{self, Peer, Scope, Selection, Source};
use crate::journal::JournalMeta;
use crate::record::Kind;
use crate::store::{ImportReport, Journal, StoreError};

pub(super) fn export(ctx: &mut Context<'_>, a: ExportArgs) -> Result<(), CliError> {
    let scope = match a.scope.trim().to_ascii_lowercase().as_str() {
        "mentor" => Scope::Mentor,
        "network" => Scope::Network,
        "backup" => Scope::Backup,
        other => {
            return Err(invalid(format!(
                "--for {other}: use mentor, network or backup"
            )));
        }
    };
    let markdown = match a.format.trim().to_ascii_lowercase().as_str() {
        "json" => false,
        "markdown" | "md" => true,
        other => return Err(invalid(format!("--format {other}: use json or markdown"))),
    };
    let journal = ctx.open()?;
    let selection = Selection {
        cycle: a
            .cycle
            .map(|c| resolve_kind(&journal, "--cycle", &c, Kind::Cycle))
            .transpose()?,
        tag: a.tag.map(|t| crate::record::normalize_tags([t]).pop().unwrap_or_default()),
        since: a.since.map(|d| ctx.date("since", &d)).transpose()?,
        until: a.until.map(|d| ctx.date("until", &d)).transpose()?,
    };
    let mut records: Vec<_> = journal.newest_first().collect::<Result<_, _>>()?;
    let file = if scope == Scope::Backup {
        // A backup carries everything: other journals' records and who wrote them too.
        records.extend(journal.foreign_newest_first()?);
        let mut file = exchange::export(
            journal.meta(),
            scope,
            &selection,
            records,
            journal.all_comments()?,
            ctx.clock.now(),
        );
        file.content.peers = journal
            .peers()?
            .into_iter()
            .map(|(journal, author_name)| Peer {
                journal,
                author_name,
            })
            .collect();
        exchange::ExchangeFile::seal(file.content)
    } else {
        exchange::export(
            journal.meta(),
            scope,
            &selection,
            records,
            journal.all_comments()?,
            ctx.clock.now(),
        )
    };
    let text = if markdown {
        exchange::to_markdown(&file.content, &ctx.library()?)
    } else {
        file.to_json() + "\n"
    };
    let count = file.content.records.len();
    match &a.output {
        Some(path) => {
            exchange::write_atomically(path, &text).map_err(|e| {
                invalid(format!(
                    "could not write {}: {e}. Nothing was written there",
                    path.display()
                ))
            })?;
            writeln!(
                ctx.err,
                "Wrote {count} record(s) for {} to {}.",
                scope.as_str(),
                path.display()
            )?;
        }
        None => write!(ctx.out, "{text}")?,
    }
    Ok(())
}

fn read_file(
    path: &Path,
    owner: crate::record::JournalId,
) -> Result<exchange::Incoming, CliError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| invalid(format!("cannot read {shown}: {e}. Nothing was imported")))?;
    exchange::read(&shown, &text, owner).map_err(|e| invalid(e.to_string()))
}

pub(super) fn import(ctx: &mut Context<'_>, path: &Path, dry_run: bool) -> Result<(), CliError> {
    let journal = if dry_run { ctx.open()? } else { ctx.open_or_create()? };
    let incoming = read_file(path, journal.meta().id)?;
    let report = journal.import(&incoming, dry_run)?;
    let from = match (&incoming.source, &incoming.exported_by) {
        (Source::Praxis(scope), Some(by)) => format!("{}'s {} export", by.author_name, scope.as_str()),
        (Source::Jrnl, _) => "a jrnl export".to_string(),
        (Source::TuiJournal | Source::TuiJournalTransfer, _) => "a tui-journal file".to_string(),
        _ => "the file".to_string(),
    };
    let verb = if dry_run { "Would import" } else { "Imported" };
    writeln!(ctx.out, "{verb} {from}:")?;
    print_report(ctx, &report)?;
    if dry_run {
        writeln!(ctx.out, "Nothing was changed (dry run).")?;
    }
    Ok(())
}

fn print_report(ctx: &mut Context<'_>, r: &ImportReport) -> Result<(), CliError> {
    writeln!(ctx.out, "  {} added, {} updated, {} already here, {} older than ours", r.added, r.updated, r.unchanged, r.older)?;
    if !r.conflicts.is_empty() {
        writeln!(
            ctx.out,
            "  {} in conflict (same revision, other content; both versions kept — see praxis show):",
            r.conflicts.len()
        )?;
        for id in &r.conflicts {
            writeln!(ctx.out, "    {id}")?;
        }
    }
    if r.comments_added + r.comments_unchanged + r.comments_orphaned > 0 {
        writeln!(
            ctx.out,
            "  comments: {} added, {} already here, {} on records this journal does not have",
            r.comments_added, r.comments_unchanged, r.comments_orphaned
        )?;
    }
    Ok(())
}

pub(super) fn restore(ctx: &mut Context<'_>, path: &Path) -> Result<(), CliError> {
    match Journal::open(&ctx.dir) {
        Err(StoreError::NoJournal { .. }) => {}
        Ok(_) | Err(StoreError::Locked { .. }) => {
            return Err(invalid(format!(
                "{} already holds a journal: restore into a new folder with --journal NEWDIR",
                ctx.dir.display()
            )));
        }
        Err(e) => return Err(e.into()),
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| invalid(format!("cannot read {}: {e}", path.display())))?;
    let shown = path.display().to_string();
    // Read it as if by its own journal: the exporter is found in the file.
    let probe = exchange::read(&shown, &text, crate::record::JournalId::new_at(ctx.clock.now()))
        .map_err(|e| invalid(e.to_string()))?;
    let (Source::Praxis(Scope::Backup), Some(by)) = (&probe.source, &probe.exported_by) else {
        return Err(invalid(format!(
            "{shown} is not a backup export (praxis export --for backup); use praxis import for other files"
        )));
    };
    let mut meta = JournalMeta::new(by.author_name.clone(), by.language, ctx.clock.now());
    meta.id = by.journal;
    let journal = Journal::create(&ctx.dir, meta)?;
    let report = journal.import(&probe, false)?;
    writeln!(
        ctx.out,
        "Restored {}'s journal into {}: {} records, {} comments.",
        by.author_name,
        ctx.dir.display(),
        report.added,
        report.comments_added
    )?;
    Ok(())
}
