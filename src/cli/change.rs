//! `praxis edit`, `praxis delete` and `praxis experiment start|done|drop`: changing what is saved.

use std::io::IsTerminal;

use super::args::{EditArgs, ExperimentCommand, OutcomeArgs};
use super::write::{answers_for, parse_status, parse_visibility, split_list};
use super::{CliError, Context, invalid, piped_text, resolve_kind, say};
use crate::journal::Language;
use crate::record::{Content, ExperimentStatus, Kind, Record, normalize_tags};

pub(super) fn edit(ctx: &mut Context<'_>, a: EditArgs) -> Result<(), CliError> {
    let journal = ctx.open()?;
    let id = super::resolve_own(ctx.speech(), &journal, &a.id)?;
    let lang = ctx.language(Some(&journal));
    let w = say::say(lang);
    let before = journal.get(id)?.ok_or_else(|| invalid(w.err_gone))?;
    let mut r = before.clone();
    let kind = r.kind();

    if let Some(t) = &a.title {
        r.title = t.trim().to_string();
    }
    if let Some(b) = &a.body {
        r.body = if b == "-" {
            piped_text(lang)?.unwrap_or_default()
        } else {
            b.clone()
        };
    }
    if !a.tags.is_empty() {
        r.set_tags(&a.tags);
    }
    if !a.add_tags.is_empty() {
        let mut tags = r.tags.clone();
        tags.extend(normalize_tags(&a.add_tags));
        r.set_tags(tags);
    }
    if !a.remove_tags.is_empty() {
        let gone = normalize_tags(&a.remove_tags);
        r.tags.retain(|t| !gone.contains(t));
    }
    if let Some(v) = &a.visibility {
        r.visibility = parse_visibility(v, lang)?;
    }

    let plan = &a.plan;
    // Each kind-specific flag given, with the kinds it belongs to.
    let given: [(bool, &str, &[Kind]); 11] = [
        (a.question.is_some(), "--question", &[Kind::Cycle]),
        (
            plan.status.is_some(),
            "--status",
            &[Kind::Cycle, Kind::Experiment],
        ),
        (
            plan.cycle.is_some(),
            "--cycle",
            &[Kind::Experiment, Kind::Reflection],
        ),
        (!plan.with.is_empty(), "--with", &[Kind::Experiment]),
        (plan.expectation.is_some(), "--expect", &[Kind::Experiment]),
        (plan.signal.is_some(), "--signal", &[Kind::Experiment]),
        (plan.follow_up.is_some(), "--follow-up", &[Kind::Experiment]),
        (a.outcome.is_some(), "--outcome", &[Kind::Experiment]),
        (
            !a.answers.answer.is_empty(),
            "--answer",
            &[Kind::Reflection],
        ),
        (!a.answers.why.is_empty(), "--why", &[Kind::Reflection]),
        (a.answers.file.is_some(), "--answers", &[Kind::Reflection]),
    ];
    if let Some((_, flag, kinds)) = given
        .iter()
        .find(|(set, _, kinds)| *set && !kinds.contains(&kind))
    {
        let wants: Vec<&str> = kinds.iter().map(|k| say::kinds(*k, lang)).collect();
        return Err(invalid(say::fill(
            w.err_flag_kind,
            &[
                ("flag", flag),
                ("kinds", &wants.join(w.and)),
                ("id", &a.id),
                ("is", say::a_kind(kind, lang)),
            ],
        )));
    }
    let new_cycle = match plan.cycle.as_deref() {
        None => None,
        Some("none") => Some(None),
        Some(c) => Some(Some(resolve_kind(
            ctx.speech(),
            &journal,
            "--cycle",
            c,
            Kind::Cycle,
        )?)),
    };
    match &mut r.content {
        Content::Cycle {
            question, status, ..
        } => {
            if let Some(q) = &a.question {
                *question = q.trim().to_string();
            }
            if let Some(s) = &plan.status {
                *status = s
                    .parse()
                    .map_err(|_| invalid(say::fill(w.err_cycle_status, &[("value", s)])))?;
            }
        }
        Content::Experiment {
            cycle,
            with,
            expectation,
            signal,
            follow_up,
            status,
            outcome,
            closed,
            ..
        } => {
            if let Some(c) = new_cycle {
                *cycle = c;
            }
            if !plan.with.is_empty() {
                *with = split_list(&plan.with);
            }
            if let Some(e) = &plan.expectation {
                *expectation = e.trim().to_string();
            }
            if let Some(s) = &plan.signal {
                *signal = s.trim().to_string();
            }
            if let Some(d) = &plan.follow_up {
                *follow_up = if d == "none" {
                    None
                } else {
                    Some(ctx.date("follow-up", d)?)
                };
            }
            if let Some(s) = &plan.status {
                let new = parse_status(s, lang)?;
                *closed = crate::cycle::closing_time(*status, new, *closed, ctx.clock.now());
                *status = new;
            }
            if let Some(o) = &a.outcome {
                *outcome = Some(o.trim().to_string()).filter(|o| !o.is_empty());
            }
        }
        Content::Reflection {
            cycle,
            answers,
            set,
            ..
        } => {
            if let Some(c) = new_cycle {
                *cycle = c;
            }
            let a = &a.answers;
            if !a.answer.is_empty() || !a.why.is_empty() || a.file.is_some() {
                let library = ctx.library()?;
                let set = library
                    .get(set)
                    .ok_or_else(|| invalid(say::fill(w.err_set_gone, &[("set", set)])))?;
                *answers = answers_for(set, a, answers, lang)?;
            }
        }
        Content::Note => {}
    }
    save_if_changed(ctx, &journal, &before, r)
}

fn save_if_changed(
    ctx: &mut Context<'_>,
    journal: &crate::store::Journal,
    before: &Record,
    mut after: Record,
) -> Result<(), CliError> {
    let lang = ctx.language(Some(journal));
    let w = say::say(lang);
    if after == *before {
        let id = journal.short_id(before.id);
        writeln!(ctx.err, "{}", say::fill(w.nothing_changed, &[("id", &id)]))?;
        return Ok(());
    }
    if after.title.trim().is_empty() && matches!(after.kind(), Kind::Cycle | Kind::Experiment) {
        return Err(invalid(w.err_needs_title));
    }
    after.touch(ctx.clock.now()).map_err(|e| {
        let why = say::highest_revision(&e, lang);
        invalid(say::fill(w.err_not_saved, &[("why", &why)]))
    })?;
    journal.update(&after)?;
    let text = say::fill(
        w.saved,
        &[
            ("id", &journal.short_id(after.id)),
            ("n", &after.revision.to_string()),
        ],
    );
    writeln!(ctx.out, "{text}")?;
    Ok(())
}

pub(super) fn experiment(
    ctx: &mut Context<'_>,
    command: ExperimentCommand,
) -> Result<(), CliError> {
    let journal = ctx.open()?;
    let lang = ctx.language(Some(&journal));
    let w = say::say(lang);
    let (prefix, status, outcome, signal) = match command {
        ExperimentCommand::Start { id } => (id, ExperimentStatus::Running, None, None),
        ExperimentCommand::Done(OutcomeArgs {
            id,
            outcome,
            signal,
        }) => (
            id,
            ExperimentStatus::Done,
            Some(outcome_text(outcome, w.err_outcome_done, lang)?),
            signal,
        ),
        ExperimentCommand::Drop(OutcomeArgs {
            id,
            outcome,
            signal,
        }) => (
            id,
            ExperimentStatus::Dropped,
            Some(outcome_text(outcome, w.err_outcome_drop, lang)?),
            signal,
        ),
    };
    let signal = signal
        .map(|s| {
            s.parse::<crate::record::SignalMet>()
                .map_err(|_| invalid(say::fill(w.err_signal, &[("value", &s)])))
        })
        .transpose()?;
    let id = resolve_kind(
        ctx.speech(),
        &journal,
        "experiment",
        &prefix,
        Kind::Experiment,
    )?;
    let before = journal.get(id)?.ok_or_else(|| invalid(w.err_gone))?;
    let mut after = before.clone();
    if let Content::Experiment {
        status: s,
        outcome: o,
        closed,
        signal_met,
        ..
    } = &mut after.content
    {
        *closed = crate::cycle::closing_time(*s, status, *closed, ctx.clock.now());
        *s = status;
        if outcome.is_some() {
            *o = outcome;
        }
        if signal.is_some() {
            *signal_met = signal;
        }
    }
    save_if_changed(ctx, &journal, &before, after)
}

/// The outcome given or piped in; refused with `missing` when there is none.
fn outcome_text(flag: Option<String>, missing: &str, lang: Language) -> Result<String, CliError> {
    let text = match flag {
        Some(t) if t != "-" => Some(t),
        _ => piped_text(lang)?,
    };
    match text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) {
        Some(t) => Ok(t),
        None => Err(invalid(missing)),
    }
}

pub(super) fn delete(ctx: &mut Context<'_>, prefix: &str, yes: bool) -> Result<(), CliError> {
    let journal = ctx.open()?;
    let id = super::resolve_own(ctx.speech(), &journal, prefix)?;
    let lang = ctx.language(Some(&journal));
    let w = say::say(lang);
    let record = journal.get(id)?.ok_or_else(|| invalid(w.err_gone))?;
    let linked = journal.linked_to(id)?.len();
    let comments = journal.comment_count(id);
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(invalid(say::fill(
                w.err_delete_needs_yes,
                &[("id", prefix)],
            )));
        }
        let comments = if comments > 0 {
            say::fill(w.delete_comments, &[("n", &comments.to_string())])
        } else {
            String::new()
        };
        let linked = if linked > 0 {
            say::fill(w.delete_linked, &[("n", &linked.to_string())])
        } else {
            String::new()
        };
        let question = say::fill(
            w.delete_question,
            &[
                ("kind", crate::tui::words::kind(record.kind(), lang)),
                ("title", &record.display_title()),
                ("id", &journal.short_id(id)),
                ("comments", &comments),
                ("linked", &linked),
            ],
        );
        if !super::ask(ctx, &question, w)? {
            writeln!(ctx.err, "{}", w.kept_it)?;
            return Ok(());
        }
    }
    let deleted = journal.delete(id)?;
    let text = say::fill(
        w.deleted,
        &[
            ("kind", crate::tui::words::kind(deleted.record.kind(), lang)),
            ("title", &deleted.record.display_title()),
        ],
    );
    write!(ctx.out, "{text}")?;
    if !deleted.detached.is_empty() {
        let n = deleted.detached.len().to_string();
        write!(ctx.out, "{}", say::fill(w.unlinked, &[("n", &n)]))?;
    }
    writeln!(ctx.out)?;
    Ok(())
}
