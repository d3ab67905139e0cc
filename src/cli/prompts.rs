//! `praxis prompts list|show|check`: the prompt library from the command line.

use std::path::PathBuf;

use super::args::PromptsCommand;
use super::format::{WIDTH, fit, wrap};
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
    let (phase, questions) = match lang {
        Language::English => ("phase", "questions"),
        Language::Danish => ("fase", "spørgsmål"),
    };
    writeln!(
        ctx.out,
        "{:<33}{:<11}{:<10}{}",
        "id",
        phase,
        questions,
        title_word(lang)
    )?;
    for set in library.sets() {
        let head = format!(
            "{:<33}{:<11}{:<10}",
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

fn title_word(lang: Language) -> &'static str {
    match lang {
        Language::English => "title",
        Language::Danish => "titel",
    }
}

fn show(ctx: &mut Context<'_>, id: &str, as_json: bool) -> Result<(), CliError> {
    let library = ctx.library()?;
    let set = library.get(id.trim()).ok_or_else(|| {
        invalid(format!(
            "there is no prompt set '{}': see praxis prompts list",
            id.trim()
        ))
    })?;
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
    let da = lang == Language::Danish;
    let mut out = vec![format!("{} ({})", set.title.get(lang), set.id)];
    out.push(wrap(set.purpose.get(lang), WIDTH, ""));
    let mut facts = format!(
        "{}: {}",
        if da { "fase" } else { "phase" },
        set.phase.label(lang)
    );
    if let Some(c) = set.cadence {
        facts.push_str(&format!(
            " · {}: {}",
            if da { "rytme" } else { "cadence" },
            c.as_str()
        ));
    }
    out.push(facts);
    out.push(wrap(
        &format!("{}: {}", if da { "kilde" } else { "source" }, set.source),
        WIDTH,
        "",
    ));
    for (n, q) in set.questions.iter().enumerate() {
        out.push(String::new());
        let mut head = format!("{}. {} — ", n + 1, q.id);
        let mut ends = None;
        match &q.kind {
            AnswerKind::Text => head.push_str(if da { "tekst" } else { "text" }),
            AnswerKind::Scale {
                min,
                max,
                low,
                high,
                labels,
            } => {
                head.push_str(&format!(
                    "{} {min}–{max}",
                    if da { "skala" } else { "scale" }
                ));
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
            AnswerKind::Choice { .. } => head.push_str(if da { "valg" } else { "choice" }),
        }
        if q.optional {
            head.push_str(if da {
                " · kan springes over"
            } else {
                " · may be skipped"
            });
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
            out.push(wrap(
                if da {
                    "→ kan blive dit næste eksperiment (praxis add experiment --from ID)"
                } else {
                    "→ can become your next experiment (praxis add experiment --from ID)"
                },
                WIDTH,
                "   ",
            ));
        }
        if let Some(s) = &q.source {
            let word = if da { "kilde" } else { "source" };
            out.push(wrap(&format!("{word}: {s}"), WIDTH, "   "));
        }
    }
    out.join("\n")
}

fn check(ctx: &mut Context<'_>, paths: Vec<PathBuf>) -> Result<(), CliError> {
    let paths = if paths.is_empty() {
        let dir = ctx.config.as_ref().map(|c| c.join("prompts"));
        match dir {
            Some(d) if d.is_dir() => vec![d],
            _ => {
                return Err(invalid(
                    "no prompt files to check: give files or folders, e.g. praxis prompts check prompts/",
                ));
            }
        }
    } else {
        paths
    };
    for p in &paths {
        if !p.exists() {
            return Err(invalid(format!("{} does not exist", p.display())));
        }
    }
    let results = check_paths(&paths);
    if results.is_empty() {
        return Err(invalid("no *.toml prompt files found there"));
    }
    let mut bad = 0;
    for (path, result) in &results {
        match result {
            Ok(set) => writeln!(
                ctx.out,
                "ok    {} ({}, {} questions)",
                path.display(),
                set.id,
                set.questions.len()
            )?,
            Err(errors) => {
                bad += 1;
                writeln!(ctx.out, "error {}", path.display())?;
                for e in errors {
                    writeln!(ctx.err, "{e}")?;
                }
            }
        }
    }
    if bad > 0 {
        return Err(invalid(format!(
            "{bad} of {} prompt files have mistakes (listed above); see docs/prompts.md",
            results.len()
        )));
    }
    writeln!(ctx.out, "All {} prompt files are valid.", results.len())?;
    Ok(())
}
