//! `praxis add …` and `praxis comment`: new records and comments.

use super::args::{AddCommand, AnswerFields, CommonFields, CycleFields, PlanFields};
use super::{CliError, Context, invalid, piped_text, resolve_kind, say};
use crate::flow::Purpose;
use crate::journal::Language;
use crate::prompts::{PromptSet, build_answers};
use crate::record::{
    Answer, Comment, CommentGoes, Content, CycleStatus, ExperimentStatus, Kind, Reach, Record,
    RecordId,
};
use crate::store::{Journal, StoreError};

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
            require_title(&common, ctx.say().err_experiment_title)?;
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
                invalid(say::fill(say::say(lang).err_no_set, &[("id", set.trim())]))
            })?;
            let experiment = experiment
                .map(|e| resolve_kind(ctx.speech(), &journal, "--experiment", &e, Kind::Experiment))
                .transpose()?;
            let cycle = match cycle {
                Some(c) => Some(resolve_kind(
                    ctx.speech(),
                    &journal,
                    "--cycle",
                    &c,
                    Kind::Cycle,
                )?),
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
    let lang = ctx.language(Some(&journal));
    apply_common(&mut record, common, lang)?;
    if record.title.trim().is_empty() && record.body.trim().is_empty() && !has_answers(&record) {
        return Err(invalid(say::say(lang).add_nothing));
    }
    journal.insert(&record)?;
    writeln!(ctx.out, "{}", record.id)?;
    Ok(())
}

fn has_answers(r: &Record) -> bool {
    matches!(&r.content, Content::Reflection { answers, .. } if !answers.is_empty())
}

/// Refused with `said` when the record has no title.
fn require_title(common: &CommonFields, said: &str) -> Result<(), CliError> {
    if common.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        return Err(invalid(said));
    }
    Ok(())
}

fn apply_common(record: &mut Record, common: CommonFields, lang: Language) -> Result<(), CliError> {
    record.title = common.title.unwrap_or_default().trim().to_string();
    record.body = match common.body {
        Some(b) if b == "-" => piped_text(lang)?.unwrap_or_default(),
        Some(b) => b,
        None => piped_text(lang)?.unwrap_or_default(),
    };
    record.set_tags(&common.tags);
    if let Some(v) = common.visibility {
        record.visibility = parse_visibility(&v, lang)?;
    }
    Ok(())
}

/// `--visibility`'s value, refused in `lang`.
pub(super) fn parse_visibility(
    value: &str,
    lang: Language,
) -> Result<crate::record::Visibility, CliError> {
    value.parse().map_err(|_| {
        invalid(say::fill(
            say::say(lang).err_visibility,
            &[("value", value)],
        ))
    })
}

/// A new cycle's fields, checked.
pub(super) fn cycle_content(
    ctx: &Context<'_>,
    common: &CommonFields,
    fields: CycleFields,
) -> Result<Content, CliError> {
    let w = ctx.say();
    require_title(common, w.err_cycle_title)?;
    let ends = fields.ends.map(|d| ctx.date("ends", &d)).transpose()?;
    if let Some(d) = ends
        && d < ctx.clock.today()
    {
        return Err(invalid(say::fill(
            w.err_ends_past,
            &[("date", &d.to_string())],
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
    let lang = ctx.language(Some(journal));
    let w = say::say(lang);
    let record = journal.get(id)?.ok_or_else(|| invalid(w.err_gone))?;
    match record.kind() {
        Kind::Experiment => {
            crate::carry::follow_up_of(&record).ok_or_else(|| invalid(w.err_from_no_plan))
        }
        Kind::Reflection => {
            let library = ctx.library()?;
            crate::carry::carry_forward_in(journal, &library, id).map_err(|e| match e {
                crate::carry::CarryError::Store(e) => e.into(),
                e => invalid(format!("--from {prefix}: {}", say::carry_error(&e, lang))),
            })
        }
        other => Err(invalid(say::fill(
            w.err_from_kind,
            &[("id", prefix), ("kind", say::a_kind(other, lang))],
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
        Some(c) => Some(resolve_kind(
            ctx.speech(),
            journal,
            "--cycle",
            &c,
            Kind::Cycle,
        )?),
        None => carried_cycle,
    };
    let follow_up = plan
        .follow_up
        .map(|d| ctx.date("follow-up", &d))
        .transpose()?;
    let lang = ctx.language(Some(journal));
    let status = match plan.status {
        Some(s) => parse_status(&s, lang)?,
        None => ExperimentStatus::Planned,
    };
    if !status.is_open() {
        return Err(invalid(say::say(lang).err_new_status));
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

/// An experiment's `--status`, refused in `lang`.
pub(super) fn parse_status(s: &str, lang: Language) -> Result<ExperimentStatus, CliError> {
    s.parse()
        .map_err(|_| invalid(say::fill(say::say(lang).err_status, &[("value", s)])))
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
    let w = say::say(lang);
    let mut new_given = Vec::new();
    let mut new_whys = Vec::new();
    if let Some(path) = &fields.file {
        read_answers_file(path, &mut new_given, &mut new_whys, lang)?;
    }
    for pair in &fields.answer {
        new_given.push(split_pair(w, "answer", pair)?);
    }
    for pair in &fields.why {
        new_whys.push(split_pair(w, "why", pair)?);
    }
    for (i, (q, _)) in new_given.iter().enumerate() {
        if new_given[..i].iter().any(|(earlier, _)| earlier == q) {
            return Err(invalid(say::fill(w.err_twice, &[("question", q)])));
        }
    }
    for (list, new) in [(&mut given, new_given), (&mut whys, new_whys)] {
        for (q, v) in new {
            list.retain(|(old, _)| *old != q);
            list.push((q, v));
        }
    }
    build_answers(set, &given, &whys, lang).map_err(|e| {
        invalid(say::fill(
            w.answers_not_saved,
            &[("why", &say::answer_error(&e, lang)), ("set", &set.id)],
        ))
    })
}

fn split_pair(w: &say::Say, flag: &str, pair: &str) -> Result<(String, String), CliError> {
    match pair.split_once('=') {
        Some((q, v)) if !q.trim().is_empty() => Ok((q.trim().to_string(), v.to_string())),
        _ => Err(invalid(say::fill(
            w.err_pair,
            &[("flag", flag), ("pair", pair)],
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
    lang: Language,
) -> Result<(), CliError> {
    let w = say::say(lang);
    let shown = path.display().to_string();
    let text = crate::input::read_text(path, crate::input::TEXT_LIMIT)
        .map_err(|e| invalid(format!("--answers: {}", say::input_error(&e, lang))))?;
    let is_json =
        path.extension().is_some_and(|e| e == "json") || text.trim_start().starts_with('{');
    let map: std::collections::BTreeMap<String, FileAnswer> = if is_json {
        serde_json::from_str(&text).map_err(|e| {
            let example = r#"{"question-id": "text", "scale-id": 4}"#;
            invalid(say::fill(
                w.err_answers_json,
                &[
                    ("file", &shown),
                    ("detail", &e.to_string()),
                    ("example", example),
                ],
            ))
        })?
    } else {
        toml::from_str(&text).map_err(|e| {
            invalid(say::fill(
                w.err_answers_toml,
                &[("file", &shown), ("detail", e.message().trim())],
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
    let lang = ctx.language(Some(&journal));
    let text = match text {
        Some(t) if t != "-" => t,
        _ => piped_text(lang)?.unwrap_or_default(),
    };
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err(invalid(say::say(lang).err_comment_empty));
    }
    let now = ctx.clock.now();
    // resolve_any found it, so it is there.
    let record = journal.get_any(on)?.ok_or_else(|| StoreError::NotFound {
        prefix: on.to_key(),
    })?;
    let comment = Comment {
        id: RecordId::new_at(now),
        on,
        author: journal.meta().id,
        author_name: journal.meta().author_name.clone(),
        created: now,
        text,
        reach: Reach::of(record.visibility, false),
        signature: None,
    };
    journal.add_comment(&comment)?;
    writeln!(ctx.out, "{}", comment.id)?;
    // Where it goes, on stderr: stdout stays the id alone, for scripts.
    let own = record.author == journal.meta().id;
    let w = say::say(lang);
    let name = journal.peer_name(record.author).unwrap_or_default();
    let text = match CommentGoes::of(own, record.visibility, false) {
        CommentGoes::OnlyHere => w.comment_goes_nowhere,
        CommentGoes::ToMentor => w.comment_goes_mentor,
        CommentGoes::ToMentorAndNetwork => w.comment_goes_mentor_network,
        CommentGoes::ToAuthorAndNetwork => w.comment_goes_author_network,
        CommentGoes::ToAuthor => w.comment_goes_author,
    };
    writeln!(ctx.err, "{}", say::fill(text, &[("name", &name)]))?;
    Ok(())
}
