//! The loop on the command line: `praxis cycle new|conclude`, `praxis summary`, `praxis due`
//! and `praxis calendar`.

use super::args::{CycleCommand, SummaryArgs};
use super::format::{WIDTH, fit};
use super::say::{self, fill};
use super::write::{answers_for, cycle_content};
use super::{CliError, Context, invalid, resolve_kind};
use crate::flow::{CONCLUDE_SET, Flow, Purpose};
use crate::record::{Kind, Record};
use crate::summary::Scope;

pub(super) fn cycle(ctx: &mut Context<'_>, command: CycleCommand) -> Result<(), CliError> {
    match command {
        CycleCommand::New { common, cycle } => {
            let journal = ctx.open_or_create()?;
            let content = cycle_content(ctx, &common, cycle)?;
            let mut record = Record::new(journal.meta().id, ctx.clock.now(), content);
            record.title = common.title.unwrap_or_default().trim().to_string();
            record.body = common.body.unwrap_or_default();
            record.set_tags(&common.tags);
            if let Some(v) = common.visibility {
                record.visibility =
                    super::write::parse_visibility(&v, ctx.language(Some(&journal)))?;
            }
            journal.insert(&record)?;
            writeln!(ctx.out, "{}", record.id)?;
            Ok(())
        }
        CycleCommand::Conclude { id, answers, force } => {
            let journal = ctx.open()?;
            let id = resolve_kind(ctx.speech(), &journal, "cycle", &id, Kind::Cycle)?;
            let lang = ctx.language(Some(&journal));
            let w = say::say(lang);
            let cycle = journal.get(id)?.ok_or_else(|| invalid(w.err_gone))?;
            let named = [
                ("title", cycle.display_title()),
                ("id", journal.short_id(id)),
            ];
            let named: Vec<(&str, &str)> = named.iter().map(|(k, v)| (*k, v.as_str())).collect();
            if crate::cycle::is_concluded(&cycle) {
                return Err(invalid(fill(w.err_already_concluded, &named)));
            }
            let open = crate::cycle::open_experiments(&journal, id)?;
            if !open.is_empty() {
                let n = open.len().to_string();
                writeln!(ctx.err, "{}", fill(w.conclude_still_open, &[("n", &n)]))?;
                for e in &open {
                    writeln!(
                        ctx.err,
                        "  {:<10} {}",
                        journal.short_id(e.id),
                        fit(&e.display_title(), WIDTH - 13)
                    )?;
                }
                if !force {
                    return Err(invalid(w.err_conclude_open));
                }
                writeln!(ctx.err, "{}", w.conclude_anyway)?;
            }
            let library = ctx.library()?;
            let set = library
                .get(CONCLUDE_SET)
                .ok_or_else(|| invalid(fill(w.err_no_closing_set, &[("set", CONCLUDE_SET)])))?;
            let given = answers_for(set, &answers, &[], lang)?;
            let mut flow = Flow::new(
                set.clone(),
                Purpose::ConcludeCycle { cycle: id },
                ctx.clock.now(),
            );
            for a in &given {
                if let Some(i) = set.questions.iter().position(|q| q.id == a.question) {
                    flow.values[i] = a.value.to_text();
                    flow.whys[i] = a.why.clone().unwrap_or_default();
                }
            }
            let finished = flow
                .finish(
                    journal.meta().id,
                    set.title.get(lang),
                    ctx.clock.now(),
                    ctx.clock.today(),
                    lang,
                    Some(&cycle),
                )
                .map_err(|e| {
                    let why = say::finish_error(&e, lang);
                    invalid(fill(w.err_not_saved, &[("why", &why)]))
                })?;
            journal.save_finished(finished.new.as_ref(), finished.changed.as_ref())?;
            writeln!(ctx.out, "{}", fill(w.concluded, &named))?;
            Ok(())
        }
    }
}

pub(super) fn summary(ctx: &mut Context<'_>, a: SummaryArgs) -> Result<(), CliError> {
    let journal = ctx.open_to_read()?;
    let lang = ctx.language(Some(&journal));
    let w = say::say(lang);
    let format = match (a.json, a.format.as_deref()) {
        (true, _) => "json",
        (false, None) => "text",
        (false, Some(f)) => match f.trim() {
            "text" | "markdown" | "md" | "json" => f.trim(),
            other => {
                return Err(invalid(fill(w.err_summary_format, &[("value", other)])));
            }
        },
    };
    let scope = match (&a.cycle, &a.month) {
        (Some(c), _) => Scope::Cycle {
            id: resolve_kind(lang, &journal, "--cycle", c, Kind::Cycle)?,
        },
        (None, Some(m)) if m.trim().is_empty() => {
            use chrono::Datelike;
            let today = ctx.clock.today();
            Scope::Month {
                year: today.year(),
                month: today.month(),
            }
        }
        (None, Some(m)) => {
            Scope::month(m).map_err(|_| invalid(fill(w.err_month, &[("value", m.as_str())])))?
        }
        (None, None) => return Err(invalid(w.err_summary_scope)),
    };
    let library = ctx.library()?;
    let s = crate::summary::build(&journal, &library, scope, ctx.clock.today(), lang)?;
    if format == "json" {
        serde_json::to_writer_pretty(&mut *ctx.out, &s).map_err(std::io::Error::other)?;
        writeln!(ctx.out)?;
        return Ok(());
    }
    let short = |id| journal.short_id(id);
    let text = crate::summary::render(&s, lang, format != "text", &short);
    write!(ctx.out, "{text}")?;
    Ok(())
}

pub(super) fn due(ctx: &mut Context<'_>, as_json: bool) -> Result<(), CliError> {
    let journal = ctx.open_to_read()?;
    let library = ctx.library()?;
    let today = ctx.clock.today();
    let due = crate::rhythm::read_due(&journal, &library, today)?;
    if as_json {
        serde_json::to_writer_pretty(&mut *ctx.out, &due).map_err(std::io::Error::other)?;
        writeln!(ctx.out)?;
    } else if due.is_empty() {
        let w = super::say::say(ctx.language(Some(&journal)));
        writeln!(ctx.err, "{}", w.nothing_due)?;
    } else {
        let lang = ctx.language(Some(&journal));
        let w = super::say::say(lang);
        if !due.experiments.is_empty() {
            writeln!(ctx.out, "{}", w.due_heading)?;
            let ids = super::format::id_width(&journal, &due.experiments);
            for r in &due.experiments {
                writeln!(
                    ctx.out,
                    "{}",
                    super::view::due_line(&journal, r, today, ids, lang)
                )?;
            }
        }
        if !due.follow_ups.is_empty() {
            writeln!(ctx.out, "{}", w.follow_ups_heading)?;
            for f in &due.follow_ups {
                let title = journal
                    .get(f.experiment)?
                    .map(|e| e.display_title())
                    .unwrap_or_default();
                let days = super::say::fill(w.follow_up_days, &[("days", &f.days.to_string())]);
                let head = format!("  {:<10} {days}: ", journal.short_id(f.experiment));
                writeln!(
                    ctx.out,
                    "{head}{}{}{} ({})",
                    fit(&title, WIDTH.saturating_sub(head.len() + 28)),
                    w.dash,
                    f.date,
                    super::say::relative(f.date, today, lang)
                )?;
            }
        }
        if !due.sets.is_empty() {
            writeln!(ctx.out, "{}", w.sets_due_heading)?;
            for s in &due.sets {
                let title = library
                    .get(&s.set)
                    .map_or(s.set.clone(), |set| set.title.get(lang).to_string());
                let last = s
                    .last
                    .map(|d| {
                        let when = super::say::relative(d, today, lang);
                        super::say::fill(w.last_time, &[("when", &when)])
                    })
                    .unwrap_or_default();
                writeln!(
                    ctx.out,
                    "  {:<28} {title} ({}{last})",
                    s.set,
                    s.cadence.label(lang)
                )?;
            }
        }
    }
    if due.is_empty() {
        Ok(())
    } else {
        Err(CliError::SomethingDue)
    }
}

pub(super) fn calendar(ctx: &mut Context<'_>, output: &std::path::Path) -> Result<(), CliError> {
    let journal = ctx.open_to_read()?;
    let lang = ctx.language(Some(&journal));
    let today = ctx.clock.today();
    let open: Vec<Record> = journal
        .list(&crate::filter::Filter {
            kind: Some(Kind::Experiment),
            ..Default::default()
        })?
        .into_iter()
        .filter(|e| e.closed_at().is_none())
        .collect();
    let reflections = journal.list(&crate::filter::Filter {
        kind: Some(Kind::Reflection),
        since: today.checked_sub_days(chrono::Days::new(120)),
        ..Default::default()
    })?;
    let follow_ups = crate::rhythm::success_follow_ups(&reflections);
    let title_of = |id| {
        journal
            .get(id)
            .ok()
            .flatten()
            .map(|r| r.display_title())
            .unwrap_or_default()
    };
    let entries = crate::rhythm::calendar_entries(&open, &follow_ups, title_of, lang);
    let ics = crate::rhythm::to_ics(&entries, ctx.clock.now());
    let w = say::say(lang);
    let file = output.display().to_string();
    crate::safe_fs::write_atomically(output, &ics).map_err(|e| {
        let error = say::io_reason(&e, lang);
        invalid(fill(
            w.err_could_not_write,
            &[("file", &file), ("error", &error)],
        ))
    })?;
    let n = entries.len().to_string();
    writeln!(
        ctx.out,
        "{}",
        fill(w.calendar_wrote, &[("n", &n), ("file", &file)])
    )?;
    Ok(())
}
