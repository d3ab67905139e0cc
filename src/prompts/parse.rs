//! Reading one prompt file: TOML into a checked [`PromptSet`], every mistake with its line.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::{
    AnswerKind, Cadence, Carry, ChoiceOption, Localized, Origin, Phase, PromptError, PromptSet,
    Question,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    id: Spanned<String>,
    title: Spanned<RawText>,
    purpose: Spanned<RawText>,
    phase: Spanned<String>,
    cadence: Option<Spanned<String>>,
    source: Spanned<String>,
    #[serde(default)]
    questions: Vec<Spanned<RawQuestion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    en: Option<String>,
    da: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    kind: Spanned<String>,
    text: Spanned<RawText>,
    hint: Option<Spanned<RawText>>,
    why: Option<Spanned<RawText>>,
    #[serde(default)]
    optional: bool,
    min: Option<Spanned<i64>>,
    max: Option<Spanned<i64>>,
    low: Option<Spanned<RawText>>,
    high: Option<Spanned<RawText>>,
    labels: Option<Spanned<Vec<Spanned<RawText>>>>,
    options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    source: Option<Spanned<String>>,
    carries: Option<Spanned<String>>,
    #[serde(default)]
    counterpart: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: Spanned<String>,
    en: Option<String>,
    da: Option<String>,
}

/// Collects the mistakes of one file.
struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<PromptError>,
}

impl Checker<'_> {
    fn line(&self, span: &Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text[..end].matches('\n').count() + 1
    }

    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        self.errors.push(PromptError {
            file: self.file.to_string(),
            line: self.line(span),
            message: message.into(),
        });
    }

    fn localized(&mut self, what: &str, raw: &Spanned<RawText>) -> Localized {
        let span = raw.span();
        let t = raw.get_ref();
        let mut get = |lang: &str, name: &str, value: &Option<String>| match value {
            Some(v) if !v.trim().is_empty() => v.trim().to_string(),
            _ => {
                self.error(&span, format!("{what} has no {name} text ({lang} = \"…\")"));
                String::new()
            }
        };
        Localized {
            en: get("en", "English", &t.en),
            da: get("da", "Danish", &t.da),
        }
    }

    fn id(&mut self, what: &str, raw: &Spanned<String>) -> String {
        let id = raw.get_ref().trim();
        let ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok {
            self.error(
                &raw.span(),
                format!(
                    "{what} id '{id}' must be lower-case letters, digits, '-' or '_' (like daily-checkin)"
                ),
            );
        }
        id.to_string()
    }
}

/// Parses and checks the prompt file `file` (its name, for messages) holding `text`.
pub fn parse_set(file: &str, text: &str, origin: Origin) -> Result<PromptSet, Vec<PromptError>> {
    let mut c = Checker {
        file,
        text,
        errors: Vec::new(),
    };
    let raw: RawSet = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            c.error(&span, explain_toml_error(&message));
            return Err(c.errors);
        }
    };
    let id = c.id("set", &raw.id);
    let title = c.localized("title", &raw.title);
    let purpose = c.localized("purpose", &raw.purpose);
    let phase = match Phase::ALL
        .iter()
        .find(|p| p.as_str() == raw.phase.get_ref().trim())
    {
        Some(p) => *p,
        None => {
            c.error(
                &raw.phase.span(),
                format!(
                    "unknown phase '{}': use plan, act, observe, reflect or review",
                    raw.phase.get_ref()
                ),
            );
            Phase::Reflect
        }
    };
    let cadence = raw
        .cadence
        .as_ref()
        .and_then(|cad| match cad.get_ref().trim() {
            "daily" => Some(Cadence::Daily),
            "weekly" => Some(Cadence::Weekly),
            "after-experiment" => Some(Cadence::AfterExperiment),
            other => {
                c.error(
                    &cad.span(),
                    format!("unknown cadence '{other}': use daily, weekly or after-experiment"),
                );
                None
            }
        });
    if raw.source.get_ref().trim().is_empty() {
        c.error(
            &raw.source.span(),
            "source is empty: name the model or publication the set draws on",
        );
    }
    if raw.questions.is_empty() {
        c.error(
            &raw.id.span(),
            "the set has no questions: add at least one [[questions]] table",
        );
    }
    let mut questions: Vec<Question> = Vec::new();
    for q in &raw.questions {
        let q_span = q.span();
        let q = q.get_ref();
        let qid = c.id("question", &q.id);
        if questions.iter().any(|other| other.id == qid) {
            c.error(
                &q.id.span(),
                format!("question id '{qid}' is used twice in this set"),
            );
        }
        let what = format!("question '{qid}'");
        let text = c.localized(&format!("{what} text"), &q.text);
        let hint = q
            .hint
            .as_ref()
            .map(|h| c.localized(&format!("{what} hint"), h));
        let why = q
            .why
            .as_ref()
            .map(|w| c.localized(&format!("{what} why"), w));
        let kind = question_kind(&mut c, &what, q, &q_span);
        let source = q.source.as_ref().and_then(|s| {
            let text = s.get_ref().trim();
            if text.is_empty() {
                c.error(
                    &s.span(),
                    format!(
                        "{what}: source is empty: name the model or publication, or leave it out"
                    ),
                );
            }
            Some(text.to_string()).filter(|t| !t.is_empty())
        });
        let carries = q.carries.as_ref().and_then(|cr| match cr.get_ref().trim() {
            "experiment" => Some(Carry::Experiment),
            other => {
                c.error(
                    &cr.span(),
                    format!("{what}: unknown carries '{other}': use carries = \"experiment\""),
                );
                None
            }
        });
        if q.counterpart && !matches!(kind, AnswerKind::Text) {
            c.error(
                &q.id.span(),
                format!(
                    "{what}: counterpart = true needs kind = \"text\" (the counterpart's name)"
                ),
            );
        }
        questions.push(Question {
            id: qid,
            text,
            hint,
            why,
            kind,
            optional: q.optional,
            source,
            carries,
            counterpart: q.counterpart,
        });
    }
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    Ok(PromptSet {
        id,
        title,
        purpose,
        phase,
        cadence,
        source: raw.source.into_inner().trim().to_string(),
        questions,
        origin,
    })
}

fn question_kind(
    c: &mut Checker<'_>,
    what: &str,
    q: &RawQuestion,
    span: &Range<usize>,
) -> AnswerKind {
    let kind = q.kind.get_ref().trim();
    let scale_only: [Option<(&str, Range<usize>)>; 5] = [
        q.min.as_ref().map(|m| ("min", m.span())),
        q.max.as_ref().map(|m| ("max", m.span())),
        q.low.as_ref().map(|m| ("low", m.span())),
        q.high.as_ref().map(|m| ("high", m.span())),
        q.labels.as_ref().map(|m| ("labels", m.span())),
    ];
    if kind != "scale" {
        for (name, s) in scale_only.iter().flatten() {
            c.error(
                s,
                format!("{what}: '{name}' only applies to kind = \"scale\""),
            );
        }
    }
    if kind != "choice"
        && let Some(o) = &q.options
    {
        c.error(
            &o.span(),
            format!("{what}: 'options' only apply to kind = \"choice\""),
        );
    }
    match kind {
        "text" => AnswerKind::Text,
        "scale" => {
            let min = q.min.as_ref().map(|m| *m.get_ref()).unwrap_or(1);
            let max = q.max.as_ref().map(|m| *m.get_ref()).unwrap_or(5);
            if min >= max {
                let s = q.max.as_ref().map(|m| m.span()).unwrap_or(span.clone());
                c.error(
                    &s,
                    format!("{what}: the scale's max ({max}) must be above its min ({min})"),
                );
            }
            let labels: Vec<Localized> = match &q.labels {
                None => Vec::new(),
                Some(raw) => {
                    let points = max.saturating_sub(min).saturating_add(1);
                    if i64::try_from(raw.get_ref().len()).ok() != Some(points) {
                        c.error(
                            &raw.span(),
                            format!(
                                "{what}: labels has {} entries; the scale {min}–{max} has {points} points, one label each",
                                raw.get_ref().len()
                            ),
                        );
                    }
                    raw.get_ref()
                        .iter()
                        .enumerate()
                        .map(|(i, l)| c.localized(&format!("{what} label {}", i + 1), l))
                        .collect()
                }
            };
            AnswerKind::Scale {
                min,
                max,
                low: q
                    .low
                    .as_ref()
                    .map(|l| c.localized(&format!("{what} low"), l))
                    .or_else(|| labels.first().cloned()),
                high: q
                    .high
                    .as_ref()
                    .map(|h| c.localized(&format!("{what} high"), h))
                    .or_else(|| labels.last().cloned()),
                labels,
            }
        }
        "choice" => {
            let Some(raw_options) = &q.options else {
                c.error(
                    span,
                    format!("{what}: a choice needs options = [{{ id = \"…\", en = \"…\", da = \"…\" }}, …]"),
                );
                return AnswerKind::Choice { options: vec![] };
            };
            let mut options: Vec<ChoiceOption> = Vec::new();
            for o in raw_options.get_ref() {
                let o_span = o.span();
                let o = o.get_ref();
                let id = c.id("option", &o.id);
                if options.iter().any(|x| x.id == id) {
                    c.error(
                        &o.id.span(),
                        format!("{what}: option id '{id}' is used twice"),
                    );
                }
                let label = c.localized(
                    &format!("{what} option '{id}'"),
                    &Spanned::new(
                        o_span,
                        RawText {
                            en: o.en.clone(),
                            da: o.da.clone(),
                        },
                    ),
                );
                options.push(ChoiceOption { id, label });
            }
            if options.len() < 2 {
                c.error(
                    &raw_options.span(),
                    format!("{what}: a choice needs at least two options"),
                );
            }
            AnswerKind::Choice { options }
        }
        other => {
            c.error(
                &q.kind.span(),
                format!("{what}: unknown answer kind '{other}': use text, scale or choice"),
            );
            AnswerKind::Text
        }
    }
}

/// serde's wording, with the fix spelled out where it helps.
fn explain_toml_error(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!(
            "missing {rest}: every set needs id, title, purpose, phase and source; every question id, kind and text"
        );
    }
    if message.starts_with("unknown field") {
        return format!("{message} (check the spelling; see docs/prompts.md)");
    }
    message.to_string()
}

#[cfg(test)]
mod tests;
