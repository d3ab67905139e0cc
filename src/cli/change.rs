//! `praxis edit`, `praxis delete` and `praxis experiment start|done|drop`: changing what is saved.

use std::io::{BufRead, IsTerminal};

use super::args::{EditArgs, ExperimentCommand, OutcomeArgs};
use super::write::{answers_for, parse_status, split_list};
use super::{CliError, Context, invalid, piped_text, resolve_kind};
use crate::record::{Content, ExperimentStatus, Kind, Record, normalize_tags};

pub(super) fn edit(ctx: &mut Context<'_>, a: EditArgs) -> Result<(), CliError> {
    let journal = ctx.open()?;
    let id = super::resolve_own(&journal, &a.id)?;
    let before = journal
        .get(id)?
        .ok_or_else(|| invalid("that record just went away"))?;
    let mut r = before.clone();
    let kind = r.kind();

    if let Some(t) = &a.title {
        r.title = t.trim().to_string();
    }
    if let Some(b) = &a.body {
        r.body = if b == "-" {
            piped_text()?.unwrap_or_default()
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
        r.visibility = v
            .parse()
            .map_err(|e| invalid(format!("--visibility: {e}")))?;
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
        let wants: Vec<String> = kinds.iter().map(|k| format!("{}s", k.as_str())).collect();
        return Err(invalid(format!(
            "{flag} is for {}; {} is {}. Nothing was saved.",
            wants.join(" and "),
            a.id,
            super::format::a(kind.as_str())
        )));
    }
    let new_cycle = match plan.cycle.as_deref() {
        None => None,
        Some("none") => Some(None),
        Some(c) => Some(Some(resolve_kind(&journal, "--cycle", c, Kind::Cycle)?)),
    };
    match &mut r.content {
        Content::Cycle {
            question, status, ..
        } => {
            if let Some(q) = &a.question {
                *question = q.trim().to_string();
            }
            if let Some(s) = &plan.status {
                *status = s.parse().map_err(|e| invalid(format!("--status: {e}")))?;
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
                let new = parse_status(s)?;
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
                let lang = ctx.language(Some(&journal));
                let set = library.get(set).ok_or_else(|| {
                    invalid(format!(
                        "this reflection's prompt set '{set}' is no longer in your library, so its \
                         answers cannot be checked; put the set's file back to edit them"
                    ))
                })?;
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
    let w = super::say::say(ctx.language(Some(journal)));
    if after == *before {
        let id = journal.short_id(before.id);
        writeln!(
            ctx.err,
            "{}",
            super::say::fill(w.nothing_changed, &[("id", &id)])
        )?;
        return Ok(());
    }
    if after.title.trim().is_empty() && matches!(after.kind(), Kind::Cycle | Kind::Experiment) {
        return Err(invalid(
            "a cycle or experiment needs a title; nothing was saved",
        ));
    }
    after
        .touch(ctx.clock.now())
        .map_err(|e| invalid(format!("{e}; nothing was saved")))?;
    journal.update(&after)?;
    let text = super::say::fill(
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
    let (prefix, status, outcome, signal) = match command {
        ExperimentCommand::Start { id } => (id, ExperimentStatus::Running, None, None),
        ExperimentCommand::Done(OutcomeArgs {
            id,
            outcome,
            signal,
        }) => (
            id,
            ExperimentStatus::Done,
            Some(outcome_text(outcome, "what happened")?),
            signal,
        ),
        ExperimentCommand::Drop(OutcomeArgs {
            id,
            outcome,
            signal,
        }) => (
            id,
            ExperimentStatus::Dropped,
            Some(outcome_text(outcome, "why you dropped it")?),
            signal,
        ),
    };
    let signal = signal
        .map(|s| {
            s.parse::<crate::record::SignalMet>()
                .map_err(|e| invalid(format!("--signal: {e}")))
        })
        .transpose()?;
    let id = resolve_kind(&journal, "experiment", &prefix, Kind::Experiment)?;
    let before = journal
        .get(id)?
        .ok_or_else(|| invalid("that record just went away"))?;
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

fn outcome_text(flag: Option<String>, what: &str) -> Result<String, CliError> {
    let text = match flag {
        Some(t) if t != "-" => Some(t),
        _ => piped_text()?,
    };
    match text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) {
        Some(t) => Ok(t),
        None => Err(invalid(format!(
            "say {what}: --outcome \"…\" (or pipe the text in)"
        ))),
    }
}

pub(super) fn delete(ctx: &mut Context<'_>, prefix: &str, yes: bool) -> Result<(), CliError> {
    let journal = ctx.open()?;
    let id = super::resolve_own(&journal, prefix)?;
    let record = journal
        .get(id)?
        .ok_or_else(|| invalid("that record just went away"))?;
    let linked = journal.linked_to(id)?.len();
    let comments = journal.comment_count(id);
    if !yes {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return Err(invalid(format!(
                "deleting needs a yes: run `praxis delete {prefix} --yes` to delete it without asking"
            )));
        }
        let w = super::say::say(ctx.language(Some(&journal)));
        let lang = ctx.language(Some(&journal));
        let comments = if comments > 0 {
            super::say::fill(w.delete_comments, &[("n", &comments.to_string())])
        } else {
            String::new()
        };
        let linked = if linked > 0 {
            super::say::fill(w.delete_linked, &[("n", &linked.to_string())])
        } else {
            String::new()
        };
        let question = super::say::fill(
            w.delete_question,
            &[
                ("kind", crate::tui::words::kind(record.kind(), lang)),
                ("title", &record.display_title()),
                ("id", &journal.short_id(id)),
                ("comments", &comments),
                ("linked", &linked),
            ],
        );
        ctx.out.flush()?;
        write!(ctx.err, "{question}")?;
        ctx.err.flush()?;
        let mut answer = String::new();
        stdin.lock().read_line(&mut answer)?;
        if !matches!(
            answer.trim().to_lowercase().as_str(),
            "y" | "yes" | "j" | "ja"
        ) {
            let w = super::say::say(ctx.language(Some(&journal)));
            writeln!(ctx.err, "{}", w.kept_it)?;
            return Ok(());
        }
    }
    let deleted = journal.delete(id)?;
    let lang = ctx.language(Some(&journal));
    let w = super::say::say(lang);
    let text = super::say::fill(
        w.deleted,
        &[
            ("kind", crate::tui::words::kind(deleted.record.kind(), lang)),
            ("title", &deleted.record.display_title()),
        ],
    );
    write!(ctx.out, "{text}")?;
    if !deleted.detached.is_empty() {
        let n = deleted.detached.len().to_string();
        write!(ctx.out, "{}", super::say::fill(w.unlinked, &[("n", &n)]))?;
    }
    writeln!(ctx.out)?;
    Ok(())
}
