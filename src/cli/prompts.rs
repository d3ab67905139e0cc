//! `praxis prompts list|show|check`: the prompt library from the command line.

use std::path::PathBuf;

use super::args::PromptsCommand;
use super::format::{WIDTH, fit, wrap};
use super::say::{self, Say, fill};
use super::{CliError, Context, invalid};
use crate::journal::Language;
use crate::prompts::{AnswerKind, PromptSet, check_paths};
use crate::store::Journal;

pub(super) fn run(ctx: &mut Context<'_>, command: PromptsCommand) -> Result<(), CliError> {
    match command {
        PromptsCommand::List { json } => list(ctx, json),
        PromptsCommand::Show { id, json } => show(ctx, &id, json),
        PromptsCommand::Check { paths } => check(ctx, paths),
    }
}

/// The language for prompt output; the journal is only peeked at (it may be open elsewhere).
fn language(ctx: &Context<'_>) -> Language {
    let journal = if ctx.lang.is_none() {
        Journal::open(&ctx.dir).ok()
    } else {
        None
    };
    ctx.language(journal.as_ref())
}

fn list(ctx: &mut Context<'_>, as_json: bool) -> Result<(), CliError> {
    let library = ctx.library()?;
    if as_json {
        serde_json::to_writer_pretty(&mut *ctx.out, library.sets())
            .map_err(std::io::Error::other)?;
        writeln!(ctx.out)?;
        return Ok(());
    }
    let lang = language(ctx);
    let w = say::say(lang);
    // The phase column as wide as its longest word, so "planlægning" does not run on.
    let phases = library
        .sets()
        .iter()
        .map(|s| s.phase.label(lang).chars().count())
        .chain([w.p_phase.chars().count(), 10])
        .max()
        .unwrap_or(0)
        + 1;
    let questions = w.p_questions.chars().count().max(9) + 1;
    writeln!(
        ctx.out,
        "{:<33}{:<phases$}{:<questions$}{}",
        "id", w.p_phase, w.p_questions, w.p_title
    )?;
    for set in library.sets() {
        let head = format!(
            "{:<33}{:<phases$}{:<questions$}",
            set.id,
            set.phase.label(lang),
            set.questions.len()
        );
        let line = format!(
            "{head}{}",
            fit(set.title.get(lang), WIDTH - head.chars().count())
        );
        writeln!(ctx.out, "{line}")?;
    }
    Ok(())
}

fn show(ctx: &mut Context<'_>, id: &str, as_json: bool) -> Result<(), CliError> {
    let library = ctx.library()?;
    let set = library
        .get(id.trim())
        .ok_or_else(|| invalid(fill(ctx.say().err_no_set, &[("id", id.trim())])))?;
    if as_json {
        serde_json::to_writer_pretty(&mut *ctx.out, set).map_err(std::io::Error::other)?;
        writeln!(ctx.out)?;
        return Ok(());
    }
    let lang = language(ctx);
    writeln!(ctx.out, "{}", describe(set, lang))?;
    Ok(())
}

/// A whole set as readable text.
fn describe(set: &PromptSet, lang: Language) -> String {
    let w: &Say = say::say(lang);
    let mut out = vec![format!("{} ({})", set.title.get(lang), set.id)];
    out.push(wrap(set.purpose.get(lang), WIDTH, ""));
    let mut facts = format!("{}: {}", w.p_phase, set.phase.label(lang));
    if let Some(c) = set.cadence {
        facts.push_str(&format!(" · {}: {}", w.p_cadence, c.label(lang)));
    }
    out.push(facts);
    out.push(wrap(&format!("{}: {}", w.p_source, set.source), WIDTH, ""));
    for (n, q) in set.questions.iter().enumerate() {
        out.push(String::new());
        let mut head = format!("{}. {}{}", n + 1, q.id, w.dash);
        let mut ends = None;
        match &q.kind {
            AnswerKind::Text => head.push_str(w.p_text),
            AnswerKind::Scale {
                min,
                max,
                low,
                high,
                labels,
            } => {
                head.push_str(&format!("{} {min}–{max}", w.p_scale));
                if !labels.is_empty() {
                    let points: Vec<String> = (*min..=*max)
                        .zip(labels)
                        .map(|(n, l)| format!("{n} = {}", l.get(lang)))
                        .collect();
                    ends = Some(points.join(" · "));
                } else if let (Some(l), Some(h)) = (low, high) {
                    ends = Some(format!("{min} = {} · {max} = {}", l.get(lang), h.get(lang)));
                }
            }
            AnswerKind::Choice { .. } => head.push_str(w.p_choice),
        }
        if q.optional {
            head.push_str(w.p_may_skip);
        }
        out.push(wrap(&head, WIDTH, ""));
        out.push(wrap(q.text.get(lang), WIDTH, "   "));
        if let Some(ends) = ends {
            out.push(wrap(&ends, WIDTH, "   "));
        }
        if let Some(h) = &q.hint {
            out.push(wrap(&format!("({})", h.get(lang)), WIDTH, "   "));
        }
        if let AnswerKind::Choice { options } = &q.kind {
            for o in options {
                out.push(wrap(
                    &format!("- {}: {}", o.id, o.label.get(lang)),
                    WIDTH,
                    "   ",
                ));
            }
        }
        if let Some(w) = &q.why {
            out.push(wrap(&format!("+ {}", w.get(lang)), WIDTH, "   "));
        }
        if q.carries.is_some() {
            out.push(wrap(w.p_carries, WIDTH, "   "));
        }
        if let Some(s) = &q.source {
            out.push(wrap(&format!("{}: {s}", w.p_source), WIDTH, "   "));
        }
    }
    out.join("\n")
}

fn check(ctx: &mut Context<'_>, paths: Vec<PathBuf>) -> Result<(), CliError> {
    let w = say::say(language(ctx));
    let paths = if paths.is_empty() {
        let dir = ctx.config.as_ref().map(|c| c.join("prompts"));
        match dir {
            Some(d) if d.is_dir() => vec![d],
            _ => return Err(invalid(w.err_check_nothing)),
        }
    } else {
        paths
    };
    for p in &paths {
        if !p.exists() {
            let path = p.display().to_string();
            return Err(invalid(fill(w.err_check_missing, &[("path", &path)])));
        }
    }
    let results = check_paths(&paths);
    if results.is_empty() {
        return Err(invalid(w.err_check_no_files));
    }
    let mut bad = 0;
    for (path, result) in &results {
        let file = path.display().to_string();
        match result {
            Ok(set) => {
                let n = set.questions.len().to_string();
                let values = [("file", file.as_str()), ("id", &set.id), ("n", &n)];
                writeln!(ctx.out, "{}", fill(w.check_ok, &values))?
            }
            Err(errors) => {
                bad += 1;
                writeln!(ctx.out, "{}", fill(w.check_error, &[("file", &file)]))?;
                for e in errors {
                    writeln!(ctx.err, "{e}")?;
                }
            }
        }
    }
    let n = results.len().to_string();
    if bad > 0 {
        let bad = bad.to_string();
        return Err(invalid(fill(w.err_check_bad, &[("bad", &bad), ("n", &n)])));
    }
    writeln!(ctx.out, "{}", fill(w.check_all_valid, &[("n", &n)]))?;
    Ok(())
}
