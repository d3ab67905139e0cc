//! `praxis add …` and `praxis comment`: new records and comments.

use super::args::{AddCommand, AnswerFields, CommonFields, PlanFields};
use super::{CliError, Context, invalid, piped_text, resolve_kind};
use crate::record::{
    Answer, AnswerValue, Comment, Content, CycleStatus, ExperimentStatus, Kind, Record, RecordId,
};
use crate::store::Journal;

pub(super) fn add(ctx: &mut Context<'_>, command: AddCommand) -> Result<(), CliError> {
    let journal = ctx.open_or_create()?;
    let now = ctx.clock.now();
    let (common, content) = match command {
        AddCommand::Note(common) => (common, Content::Note),
        AddCommand::Cycle { common, question } => {
            require_title(
                &common,
                "cycle",
                "the theme, e.g. --title \"Let citizens shape home care\"",
            )?;
            let content = Content::Cycle {
                question: question.unwrap_or_default().trim().to_string(),
                status: CycleStatus::Active,
            };
            (common, content)
        }
        AddCommand::Experiment { common, plan } => {
            require_title(
                &common,
                "experiment",
                "what you will try, e.g. --title \"Open office hour\"",
            )?;
            let content = experiment_content(ctx, &journal, plan)?;
            (common, content)
        }
        AddCommand::Reflection {
            common,
            set,
            answers,
            cycle,
            experiment,
        } => {
            let set = set.trim().to_string();
            if set.is_empty() {
                return Err(invalid(
                    "--set must name a prompt set, e.g. --set daily-checkin",
                ));
            }
            let experiment = experiment
                .map(|e| resolve_kind(&journal, "--experiment", &e, Kind::Experiment))
                .transpose()?;
            let cycle = match cycle {
                Some(c) => Some(resolve_kind(&journal, "--cycle", &c, Kind::Cycle)?),
                // A reflection on an experiment belongs to the experiment's cycle.
                None => match experiment {
                    Some(e) => journal.get(e)?.and_then(|r| r.cycle()),
                    None => None,
                },
            };
            let content = Content::Reflection {
                set,
                cycle,
                experiment,
                answers: parse_answers(&answers)?,
            };
            (common, content)
        }
    };
    let mut record = Record::new(journal.meta().id, now, content);
    apply_common(&mut record, common)?;
    if record.title.trim().is_empty() && record.body.trim().is_empty() && !has_answers(&record) {
        return Err(invalid(
            "nothing to save: give --title or --body, or pipe the text in (echo \"…\" | praxis add note)",
        ));
    }
    journal.insert(&record)?;
    writeln!(ctx.out, "{}", record.id)?;
    Ok(())
}

fn has_answers(r: &Record) -> bool {
    matches!(&r.content, Content::Reflection { answers, .. } if !answers.is_empty())
}

fn require_title(common: &CommonFields, kind: &str, example: &str) -> Result<(), CliError> {
    if common.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        return Err(invalid(format!("a {kind} needs a title: {example}")));
    }
    Ok(())
}

fn apply_common(record: &mut Record, common: CommonFields) -> Result<(), CliError> {
    record.title = common.title.unwrap_or_default().trim().to_string();
    record.body = match common.body {
        Some(b) if b == "-" => piped_text()?.unwrap_or_default(),
        Some(b) => b,
        None => piped_text()?.unwrap_or_default(),
    };
    record.set_tags(&common.tags);
    if let Some(v) = common.visibility {
        record.visibility = v
            .parse()
            .map_err(|e| invalid(format!("--visibility: {e}")))?;
    }
    Ok(())
}

fn experiment_content(
    ctx: &Context<'_>,
    journal: &Journal,
    plan: PlanFields,
) -> Result<Content, CliError> {
    let cycle = plan
        .cycle
        .map(|c| resolve_kind(journal, "--cycle", &c, Kind::Cycle))
        .transpose()?;
    let follow_up = plan
        .follow_up
        .map(|d| ctx.date("follow-up", &d))
        .transpose()?;
    let status = match plan.status {
        Some(s) => parse_status(&s)?,
        None => ExperimentStatus::Planned,
    };
    if !status.is_open() {
        return Err(invalid(
            "--status: a new experiment is planned or running; log its end later with \
             praxis experiment done|drop ID --outcome TEXT",
        ));
    }
    Ok(Content::Experiment {
        cycle,
        with: split_list(&plan.with),
        expectation: plan.expectation.unwrap_or_default().trim().to_string(),
        signal: plan.signal.unwrap_or_default().trim().to_string(),
        follow_up,
        status,
        outcome: None,
    })
}

pub(super) fn parse_status(s: &str) -> Result<ExperimentStatus, CliError> {
    s.parse().map_err(|e| invalid(format!("--status: {e}")))
}

/// Comma-separated or repeated values, trimmed, without empties or repeats.
pub(super) fn split_list(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in values.iter().flat_map(|v| v.split(',')) {
        let part = part.trim();
        if !part.is_empty() && !out.iter().any(|o| o == part) {
            out.push(part.to_string());
        }
    }
    out
}

/// `--answer Q=TEXT` and `--scale Q=N` into answers, in the order given (texts first).
pub(super) fn parse_answers(fields: &AnswerFields) -> Result<Vec<Answer>, CliError> {
    let mut answers: Vec<Answer> = Vec::new();
    let split = |flag: &str, pair: &str| -> Result<(String, String), CliError> {
        match pair.split_once('=') {
            Some((q, v)) if !q.trim().is_empty() => Ok((q.trim().to_string(), v.to_string())),
            _ => Err(invalid(format!(
                "--{flag} '{pair}': write it as QUESTION_ID=VALUE, e.g. --{flag} happened=…"
            ))),
        }
    };
    let mut push = |question: String, value: AnswerValue| -> Result<(), CliError> {
        if answers.iter().any(|a| a.question == question) {
            return Err(invalid(format!("question '{question}' is answered twice")));
        }
        answers.push(Answer { question, value });
        Ok(())
    };
    for pair in &fields.text {
        let (q, v) = split("answer", pair)?;
        push(q, AnswerValue::Text(v.trim().to_string()))?;
    }
    for pair in &fields.scale {
        let (q, v) = split("scale", pair)?;
        let n: i64 = v.trim().parse().map_err(|_| {
            invalid(format!(
                "--scale {q}={v}: a scale answer is a whole number, e.g. {q}=4"
            ))
        })?;
        push(q, AnswerValue::Scale(n))?;
    }
    Ok(answers)
}

pub(super) fn comment(
    ctx: &mut Context<'_>,
    prefix: &str,
    text: Option<String>,
) -> Result<(), CliError> {
    let journal = ctx.open()?;
    let on = journal.resolve(prefix)?;
    let text = match text {
        Some(t) if t != "-" => t,
        _ => piped_text()?.unwrap_or_default(),
    };
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err(invalid(
            "the comment is empty: give it as an argument or pipe it in",
        ));
    }
    let now = ctx.clock.now();
    let comment = Comment {
        id: RecordId::new_at(now),
        on,
        author: journal.meta().id,
        author_name: journal.meta().author_name.clone(),
        created: now,
        text,
    };
    journal.add_comment(&comment)?;
    writeln!(ctx.out, "{}", comment.id)?;
    Ok(())
}
