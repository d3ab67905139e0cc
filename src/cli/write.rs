//! `praxis add …` and `praxis comment`: new records and comments.

use super::args::{AddCommand, AnswerFields, CommonFields, CycleFields, PlanFields};
use super::{CliError, Context, invalid, piped_text, resolve_kind};
use crate::flow::Purpose;
use crate::journal::Language;
use crate::prompts::{PromptSet, build_answers};
use crate::record::{
    Answer, Comment, Content, CycleStatus, ExperimentStatus, Kind, Reach, Record, RecordId,
};
use crate::store::Journal;

pub(super) fn add(ctx: &mut Context<'_>, command: AddCommand) -> Result<(), CliError> {
    let journal = ctx.open_or_create()?;
    let now = ctx.clock.now();
    let (common, content) = match command {
        AddCommand::Note(common) => (common, Content::Note),
        AddCommand::Cycle { common, cycle } => {
            let content = cycle_content(ctx, &common, cycle)?;
            (common, content)
        }
        AddCommand::Experiment { mut common, plan } => {
            let content = experiment_content(ctx, &journal, &mut common, plan)?;
            require_title(
                &common,
                "experiment",
                "what you will try, e.g. --title \"Open office hour\"",
            )?;
            (common, content)
        }
        AddCommand::Reflection {
            mut common,
            set,
            answers,
            cycle,
            experiment,
        } => {
            let library = ctx.library()?;
            let lang = ctx.language(Some(&journal));
            let set = library.get(set.trim()).ok_or_else(|| {
                invalid(format!(
                    "there is no prompt set '{}': see praxis prompts list",
                    set.trim()
                ))
            })?;
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
            // Untitled reflections are titled by their set, in the journal's language.
            if common.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
                common.title = Some(set.title.get(lang).to_string());
            }
            let content = Content::Reflection {
                set: set.id.clone(),
                cycle,
                experiment,
                answers: answers_for(set, &answers, &[], lang)?,
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

/// A new cycle's fields, checked.
pub(super) fn cycle_content(
    ctx: &Context<'_>,
    common: &CommonFields,
    fields: CycleFields,
) -> Result<Content, CliError> {
    require_title(
        common,
        "cycle",
        "the theme, e.g. --title \"Let citizens shape home care\"",
    )?;
    let ends = fields.ends.map(|d| ctx.date("ends", &d)).transpose()?;
    if let Some(d) = ends
        && d < ctx.clock.today()
    {
        return Err(invalid(format!(
            "--ends {d} is already past: give the day the cycle is meant to end"
        )));
    }
    Ok(Content::Cycle {
        question: fields.question.unwrap_or_default().trim().to_string(),
        status: CycleStatus::Active,
        goal: fields.goal.unwrap_or_default().trim().to_string(),
        ends,
        closing: None,
    })
}

/// The plan carried forward from the record `prefix` names: a reflection's next step, or an
/// experiment's follow-up.
fn carried_from(
    ctx: &mut Context<'_>,
    journal: &Journal,
    prefix: &str,
) -> Result<crate::carry::Carried, CliError> {
    let id = journal.resolve(prefix)?;
    let record = journal
        .get(id)?
        .ok_or_else(|| invalid("that record just went away"))?;
    match record.kind() {
        Kind::Experiment => crate::carry::follow_up_of(&record)
            .ok_or_else(|| invalid("--from: that experiment has no plan to follow up")),
        Kind::Reflection => {
            let library = ctx.library()?;
            crate::carry::carry_forward_in(journal, &library, id)
                .map_err(|e| invalid(format!("--from {prefix}: {e}")))
        }
        other => Err(invalid(format!(
            "--from {prefix}: that is a {}; an experiment follows from a reflection or an earlier experiment",
            other.as_str()
        ))),
    }
}

fn experiment_content(
    ctx: &mut Context<'_>,
    journal: &Journal,
    common: &mut CommonFields,
    mut plan: PlanFields,
) -> Result<Content, CliError> {
    let mut from = None;
    let mut carried_cycle = None;
    if let Some(prefix) = plan.from.clone() {
        let carried = carried_from(ctx, journal, &prefix)?;
        let value = |id: &str| {
            carried
                .values
                .iter()
                .find(|(q, _)| q == id)
                .map(|(_, v)| v.clone())
        };
        if common.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            common.title = value("try").map(|t| crate::flow::first_line(&t, 72));
            if common.body.is_none() {
                common.body =
                    value("try").filter(|t| t.lines().count() > 1 || t.chars().count() > 72);
            }
        }
        if plan.with.is_empty() {
            plan.with = value("with-whom").into_iter().collect();
        }
        plan.expectation = plan.expectation.or(value("expect"));
        plan.signal = plan.signal.or(value("signal"));
        if let Purpose::PlanExperiment { cycle, .. } = carried.purpose {
            carried_cycle = cycle;
        }
        from = carried.from();
    }
    let cycle = match plan.cycle {
        Some(c) => Some(resolve_kind(journal, "--cycle", &c, Kind::Cycle)?),
        None => carried_cycle,
    };
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
        from,
        closed: None,
        signal_met: None,
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

/// The answers given by `--answer`, `--why` and `--answers FILE`, on top of `earlier` ones,
/// checked against `set`.
pub(super) fn answers_for(
    set: &PromptSet,
    fields: &AnswerFields,
    earlier: &[Answer],
    lang: Language,
) -> Result<Vec<Answer>, CliError> {
    let mut given: Vec<(String, String)> = earlier
        .iter()
        .map(|a| (a.question.clone(), a.value.to_text()))
        .collect();
    let mut whys: Vec<(String, String)> = earlier
        .iter()
        .filter_map(|a| a.why.clone().map(|w| (a.question.clone(), w)))
        .collect();
    let mut new_given = Vec::new();
    let mut new_whys = Vec::new();
    if let Some(path) = &fields.file {
        read_answers_file(path, &mut new_given, &mut new_whys)?;
    }
    for pair in &fields.answer {
        new_given.push(split_pair("answer", pair)?);
    }
    for pair in &fields.why {
        new_whys.push(split_pair("why", pair)?);
    }
    for (i, (q, _)) in new_given.iter().enumerate() {
        if new_given[..i].iter().any(|(earlier, _)| earlier == q) {
            return Err(invalid(format!(
                "question '{q}' is answered twice; nothing was saved"
            )));
        }
    }
    for (list, new) in [(&mut given, new_given), (&mut whys, new_whys)] {
        for (q, v) in new {
            list.retain(|(old, _)| *old != q);
            list.push((q, v));
        }
    }
    build_answers(set, &given, &whys, lang).map_err(|e| {
        invalid(format!(
            "{e}\nNothing was saved; see praxis prompts show {}",
            set.id
        ))
    })
}

fn split_pair(flag: &str, pair: &str) -> Result<(String, String), CliError> {
    match pair.split_once('=') {
        Some((q, v)) if !q.trim().is_empty() => Ok((q.trim().to_string(), v.to_string())),
        _ => Err(invalid(format!(
            "--{flag} '{pair}': write it as QUESTION_ID=VALUE, e.g. --{flag} happened=…"
        ))),
    }
}

/// One answer in an answers file.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum FileAnswer {
    Plain(FileValue),
    WithWhy {
        value: FileValue,
        why: Option<String>,
    },
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum FileValue {
    Number(i64),
    Text(String),
}

impl FileValue {
    fn into_text(self) -> String {
        match self {
            FileValue::Number(n) => n.to_string(),
            FileValue::Text(t) => t,
        }
    }
}

fn read_answers_file(
    path: &std::path::Path,
    given: &mut Vec<(String, String)>,
    whys: &mut Vec<(String, String)>,
) -> Result<(), CliError> {
    let shown = path.display();
    let text = crate::input::read_text(path, crate::input::TEXT_LIMIT)
        .map_err(|e| invalid(format!("--answers: {e}")))?;
    let is_json =
        path.extension().is_some_and(|e| e == "json") || text.trim_start().starts_with('{');
    let map: std::collections::BTreeMap<String, FileAnswer> = if is_json {
        serde_json::from_str(&text).map_err(|e| {
            invalid(format!(
                "--answers {shown}: not a JSON object of answers ({e}); write {{\"question-id\": \"text\", \"scale-id\": 4}}"
            ))
        })?
    } else {
        toml::from_str(&text).map_err(|e| {
            invalid(format!(
                "--answers {shown}: not a TOML table of answers ({}); write question-id = \"text\" or scale-id = 4",
                e.message().trim()
            ))
        })?
    };
    for (q, a) in map {
        match a {
            FileAnswer::Plain(v) => given.push((q, v.into_text())),
            FileAnswer::WithWhy { value, why } => {
                given.push((q.clone(), value.into_text()));
                if let Some(w) = why {
                    whys.push((q, w));
                }
            }
        }
    }
    Ok(())
}

pub(super) fn comment(
    ctx: &mut Context<'_>,
    prefix: &str,
    text: Option<String>,
) -> Result<(), CliError> {
    let journal = ctx.open()?;
    let on = journal.resolve_any(prefix)?;
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
    let visibility = journal.get_any(on)?.map(|r| r.visibility);
    let comment = Comment {
        id: RecordId::new_at(now),
        on,
        author: journal.meta().id,
        author_name: journal.meta().author_name.clone(),
        created: now,
        text,
        reach: visibility.map_or(Reach::Owner, |v| Reach::of(v, false)),
        signature: None,
    };
    journal.add_comment(&comment)?;
    writeln!(ctx.out, "{}", comment.id)?;
    Ok(())
}
