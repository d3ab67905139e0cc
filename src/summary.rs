//! What did I learn: one cycle or one month drawn together — the question, the chain of
//! experiments (expected against observed, whether the signal showed), the next steps carried
//! forward or not, scale answers over time (per counterpart where the set names one), the
//! questions mentors and peers asked, and what is still overdue. Built as plain data
//! ([`Summary`]) that the command line prints as text, Markdown or JSON and the app can draw.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::Serialize;

use crate::carry::carry_forward;
use crate::cycle::loop_state;
use crate::dates::local_day;
use crate::journal::Language;
use crate::prompts::{AnswerKind, Library, Phase};
use crate::record::{
    AnswerValue, Content, CycleStatus, ExperimentStatus, Kind, Record, RecordId, SignalMet,
};
use crate::rhythm::{FollowUp, success_follow_ups};
use crate::store::{Journal, StoreError};

/// What a summary covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum Scope {
    /// One cycle and what belongs to it.
    Cycle {
        /// The cycle.
        id: RecordId,
    },
    /// Everything written in one local month.
    Month {
        /// The year.
        year: i32,
        /// The month, 1–12.
        month: u32,
    },
}

impl Scope {
    /// A month read from `YYYY-MM`.
    pub fn month(text: &str) -> Result<Scope, String> {
        let bad = || format!("'{text}' is not a month: write it as YYYY-MM, e.g. 2026-11");
        let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)?;
        Ok(Scope::Month { year, month })
    }
}

/// One experiment in the chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// The experiment.
    pub id: RecordId,
    /// What was tried.
    pub title: String,
    /// Where it stands.
    pub status: ExperimentStatus,
    /// What was expected.
    pub expected: String,
    /// The signal chosen.
    pub signal: String,
    /// What happened (the outcome), when logged.
    pub observed: Option<String>,
    /// Whether the signal showed.
    pub signal_met: Option<SignalMet>,
    /// The reflection or experiment it follows from.
    pub from: Option<RecordId>,
    /// How many experiments before it in its line (v1 is 0).
    pub depth: usize,
    /// When it closed.
    pub closed: Option<DateTime<Utc>>,
}

/// A next step written in a reflection, and whether it became an experiment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextStep {
    /// The reflection.
    pub reflection: RecordId,
    /// Its prompt set.
    pub set: String,
    /// The prompt set's title, in the summary's language.
    pub set_title: String,
    /// The day it was written.
    pub day: NaiveDate,
    /// The next step as written.
    pub text: String,
    /// The experiments planned from it.
    pub carried_into: Vec<RecordId>,
}

/// One scale question's answers over time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    /// The prompt set.
    pub set: String,
    /// The question's id.
    pub question: String,
    /// The question as asked, in the summary's language.
    pub label: String,
    /// The counterpart the answers are about (relational coordination), if the set names one.
    pub counterpart: Option<String>,
    /// The scale's ends.
    pub min: i64,
    /// The scale's top.
    pub max: i64,
    /// Each answer: its day and value, oldest first.
    pub points: Vec<(NaiveDate, i64)>,
}

impl Trend {
    /// The newest value against the one before it: positive when it rose.
    pub fn change(&self) -> Option<i64> {
        match self.points.as_slice() {
            [.., a, b] => Some(b.1 - a.1),
            _ => None,
        }
    }
}

/// A comment by a mentor or peer on one of the records summed up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Asked {
    /// The record commented on.
    pub on: RecordId,
    /// Its title.
    pub on_title: String,
    /// Who wrote it.
    pub author_name: String,
    /// When.
    pub created: DateTime<Utc>,
    /// What they wrote.
    pub text: String,
    /// Whether it asks something (has a question mark).
    pub asks: bool,
}

/// Something still owed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Overdue {
    /// An open experiment whose look-back date has come.
    LookBack {
        /// The experiment.
        id: RecordId,
        /// Its title.
        title: String,
        /// The look-back date.
        date: NaiveDate,
    },
    /// A success-case follow-up whose day has come.
    FollowUp {
        /// The follow-up.
        follow_up: FollowUp,
        /// The experiment's title.
        title: String,
    },
    /// A closed experiment with no reflection since it closed.
    Reflection {
        /// The experiment.
        id: RecordId,
        /// Its title.
        title: String,
    },
}

/// One answer of the closing reflection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Closing {
    /// The question as asked.
    pub question: String,
    /// The answer.
    pub answer: String,
}

/// What did I learn, for one cycle or one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// What it covers.
    pub scope: Scope,
    /// The cycle's theme, or the month as `YYYY-MM`.
    pub title: String,
    /// The challenge question(s): the cycle's, or those of the cycles the month touched.
    pub questions: Vec<String>,
    /// The cycle's learning goal.
    pub goal: Option<String>,
    /// The cycle's phase.
    pub phase: Option<Phase>,
    /// Whether the cycle is concluded.
    pub concluded: bool,
    /// The first and last day covered.
    pub from: NaiveDate,
    /// The last day covered.
    pub until: NaiveDate,
    /// How many reflections it holds.
    pub reflections: usize,
    /// The experiments, each line of follow-ups after its first (v1, v2…).
    pub chain: Vec<Link>,
    /// The next steps written, carried forward or not.
    pub next_steps: Vec<NextStep>,
    /// Scale answers over time.
    pub trends: Vec<Trend>,
    /// Mentors' and peers' comments, oldest first.
    pub asked: Vec<Asked>,
    /// What is still owed as of the day the summary was made.
    pub overdue: Vec<Overdue>,
    /// The closing reflection's answers, when the cycle was concluded with one.
    pub closing: Vec<Closing>,
}

/// The experiments that follow from `record` (its next versions, or experiments planned from
/// a reflection), oldest first.
pub fn followed_by(journal: &Journal, record: &Record) -> Result<Vec<RecordId>, StoreError> {
    let candidates: Vec<Record> = match record.cycle() {
        Some(c) => crate::cycle::members(journal, c)?,
        None => journal.list(&crate::filter::Filter {
            kind: Some(Kind::Experiment),
            since: Some(local_day(record.created)),
            ..Default::default()
        })?,
    };
    let mut ids: Vec<RecordId> = candidates
        .iter()
        .filter(|r| r.follows_from() == Some(record.id))
        .map(|r| r.id)
        .collect();
    ids.sort();
    Ok(ids)
}

/// The counterpart named in a reflection answered with a set that names one, trimmed.
pub fn counterpart_of(reflection: &Record, library: &Library) -> Option<String> {
    let Content::Reflection { set, answers, .. } = &reflection.content else {
        return None;
    };
    let q = library.get(set)?.counterpart_question()?;
    answers
        .iter()
        .find(|a| a.question == q.id)
        .map(|a| a.value.to_text().trim().to_string())
        .filter(|t| !t.is_empty())
}

/// The key counterparts are grouped by: case and spacing do not matter.
pub fn counterpart_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The experiments in line order: each first experiment (one that follows from no experiment in
/// the list), then the experiments that follow from it, depth first, oldest first.
fn chain_of(experiments: &[&Record]) -> Vec<Link> {
    let ids: Vec<RecordId> = experiments.iter().map(|e| e.id).collect();
    let mut sorted: Vec<&Record> = experiments.to_vec();
    sorted.sort_by_key(|e| e.id);
    let mut out = Vec::new();
    fn push(e: &Record, depth: usize, all: &[&Record], out: &mut Vec<Link>) {
        if out.iter().any(|l: &Link| l.id == e.id) {
            return;
        }
        if let Content::Experiment {
            status,
            expectation,
            signal,
            outcome,
            signal_met,
            from,
            ..
        } = &e.content
        {
            out.push(Link {
                id: e.id,
                title: e.display_title(),
                status: *status,
                expected: expectation.clone(),
                signal: signal.clone(),
                observed: outcome.clone(),
                signal_met: *signal_met,
                from: *from,
                depth,
                closed: e.closed_at(),
            });
        }
        for next in all.iter().filter(|n| n.follows_from() == Some(e.id)) {
            push(next, depth + 1, all, out);
        }
    }
    for e in &sorted {
        let root = e.follows_from().is_none_or(|f| !ids.contains(&f));
        if root {
            push(e, 0, &sorted, &mut out);
        }
    }
    // A loop of links (only possible by hand) still shows every experiment once.
    for e in &sorted {
        push(e, 0, &sorted, &mut out);
    }
    out
}

/// Scale answers over time in `reflections` (oldest first), grouped by set, question and
/// counterpart (case and spacing of a counterpart's name do not matter), questions in `lang`.
pub fn trends_of<'a>(
    reflections: impl IntoIterator<Item = &'a Record>,
    library: &Library,
    lang: Language,
) -> Vec<Trend> {
    let reflections: Vec<&Record> = reflections.into_iter().collect();
    let mut trends: BTreeMap<(String, String, String), Trend> = BTreeMap::new();
    for r in &reflections {
        let Content::Reflection { set, answers, .. } = &r.content else {
            continue;
        };
        let prompt_set = library.get(set);
        let counterpart = counterpart_of(r, library);
        for a in answers {
            let AnswerValue::Scale(n) = a.value else {
                continue;
            };
            let q = prompt_set.and_then(|s| s.question(&a.question));
            let (min, max) = match q.map(|q| &q.kind) {
                Some(AnswerKind::Scale { min, max, .. }) => (*min, *max),
                _ => (1, 5),
            };
            let key = (
                set.clone(),
                a.question.clone(),
                counterpart
                    .as_deref()
                    .map(counterpart_key)
                    .unwrap_or_default(),
            );
            let trend = trends.entry(key).or_insert_with(|| Trend {
                set: set.clone(),
                question: a.question.clone(),
                label: q
                    .map(|q| q.text.get(lang).to_string())
                    .unwrap_or_else(|| a.question.clone()),
                counterpart: counterpart.clone(),
                min,
                max,
                points: Vec::new(),
            });
            trend.points.push((local_day(r.created), n));
        }
    }
    trends.into_values().collect()
}

/// Builds the summary of `scope` as of `today`, questions in `lang`.
pub fn build(
    journal: &Journal,
    library: &Library,
    scope: Scope,
    today: NaiveDate,
    lang: Language,
) -> Result<Summary, StoreError> {
    let (records, cycle) = match scope {
        Scope::Cycle { id } => {
            let cycle = journal.get(id)?.ok_or(StoreError::NotFound {
                prefix: id.to_string(),
            })?;
            (crate::cycle::members(journal, id)?, Some(cycle))
        }
        Scope::Month { year, month } => {
            let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(today);
            let last = first
                .checked_add_months(chrono::Months::new(1))
                .and_then(|d| d.checked_sub_days(Days::new(1)))
                .unwrap_or(first);
            let records = journal.list(&crate::filter::Filter {
                since: Some(first),
                until: Some(last),
                ..Default::default()
            })?;
            (records, None)
        }
    };
    let mut records = records;
    records.sort_by_key(|r| r.id);
    summarise(
        journal,
        library,
        scope,
        cycle.as_ref(),
        &records,
        today,
        lang,
    )
}

/// The summary of `records` (oldest first), with `cycle` the cycle summed up, if it is one.
fn summarise(
    journal: &Journal,
    library: &Library,
    scope: Scope,
    cycle: Option<&Record>,
    records: &[Record],
    today: NaiveDate,
    lang: Language,
) -> Result<Summary, StoreError> {
    let experiments: Vec<&Record> = records
        .iter()
        .filter(|r| r.kind() == Kind::Experiment)
        .collect();
    let reflections: Vec<&Record> = records
        .iter()
        .filter(|r| r.kind() == Kind::Reflection)
        .collect();
    let (title, from, until) = match scope {
        Scope::Month { year, month } => {
            let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(today);
            let last = first
                .checked_add_months(chrono::Months::new(1))
                .and_then(|d| d.checked_sub_days(Days::new(1)))
                .unwrap_or(first);
            (format!("{year:04}-{month:02}"), first, last)
        }
        Scope::Cycle { .. } => {
            let first = cycle.map(|c| local_day(c.created)).unwrap_or(today);
            let last = records
                .iter()
                .map(|r| local_day(r.created))
                .max()
                .unwrap_or(first)
                .max(first);
            let title = cycle.map(|c| c.display_title()).unwrap_or_default();
            (title, first, last)
        }
    };
    let mut questions = Vec::new();
    let mut goal = None;
    let mut concluded = false;
    let mut closing = Vec::new();
    let cycles_touched: Vec<Record> = match cycle {
        Some(c) => vec![c.clone()],
        None => {
            let mut ids: Vec<RecordId> = records
                .iter()
                .filter_map(|r| match r.content {
                    Content::Cycle { .. } => Some(r.id),
                    _ => r.cycle(),
                })
                .collect();
            ids.sort();
            ids.dedup();
            ids.into_iter()
                .filter_map(|id| journal.get(id).transpose())
                .collect::<Result<_, _>>()?
        }
    };
    for c in &cycles_touched {
        if let Content::Cycle {
            question,
            goal: g,
            status,
            closing: closed_with,
            ..
        } = &c.content
        {
            if !question.is_empty() && !questions.contains(question) {
                questions.push(question.clone());
            }
            if cycle.is_some() {
                goal = Some(g.clone()).filter(|g| !g.is_empty());
                concluded = *status == CycleStatus::Concluded;
                if let Some(id) = closed_with
                    && let Some(r) = journal.get(*id)?
                    && let Content::Reflection { set, answers, .. } = &r.content
                {
                    let set = library.get(set);
                    for a in answers {
                        let (q, v) = crate::prompts::show_answer(set, a, lang);
                        closing.push(Closing {
                            question: q,
                            answer: v,
                        });
                    }
                }
            }
        }
    }
    let phase = cycle.map(|c| {
        let refs: Vec<&Record> = records.iter().collect();
        loop_state(Some(c), &refs, today).phase
    });

    // Next steps, and the experiments carried from them (planned later, maybe in another month).
    let mut next_steps = Vec::new();
    for r in &reflections {
        let Content::Reflection { set, .. } = &r.content else {
            continue;
        };
        let Some(prompt_set) = library.get(set) else {
            continue;
        };
        if let Some(c) = carry_forward(r, prompt_set, None) {
            let carried_into = match cycle {
                Some(_) => experiments
                    .iter()
                    .filter(|e| e.follows_from() == Some(r.id))
                    .map(|e| e.id)
                    .collect(),
                None => followed_by(journal, r)?,
            };
            next_steps.push(NextStep {
                reflection: r.id,
                set: set.clone(),
                set_title: prompt_set.title.get(lang).to_string(),
                day: local_day(r.created),
                text: c.text,
                carried_into,
            });
        }
    }

    let trends = trends_of(reflections.iter().copied(), library, lang);
    // Others' comments on the records summed up.
    let own = journal.meta().id;
    let mut asked = Vec::new();
    for r in records.iter().chain(cycle) {
        for c in journal.comments_to_show(r.id)? {
            if c.author == own {
                continue;
            }
            asked.push(Asked {
                on: r.id,
                on_title: r.display_title(),
                author_name: c.author_name.clone(),
                created: c.created,
                asks: c.text.contains('?'),
                text: c.text,
            });
        }
    }
    asked.sort_by_key(|a| a.created);

    // What is still owed.
    let mut overdue = Vec::new();
    for e in &experiments {
        if let Content::Experiment {
            follow_up: Some(d),
            status,
            ..
        } = &e.content
            && status.is_open()
            && *d <= today
        {
            overdue.push(Overdue::LookBack {
                id: e.id,
                title: e.display_title(),
                date: *d,
            });
        }
    }
    if let Some(c) = cycle {
        let refs: Vec<&Record> = records.iter().collect();
        for id in loop_state(Some(c), &refs, today).owed {
            let title = records
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.display_title())
                .unwrap_or_default();
            overdue.push(Overdue::Reflection { id, title });
        }
    }
    for f in success_follow_ups(reflections.iter().copied()) {
        if f.done || f.date > today {
            continue;
        }
        let title = match journal.get(f.experiment)? {
            Some(e) => e.display_title(),
            None => continue,
        };
        overdue.push(Overdue::FollowUp {
            follow_up: f,
            title,
        });
    }

    Ok(Summary {
        scope,
        title,
        questions,
        goal,
        phase,
        concluded,
        from,
        until,
        reflections: reflections.len(),
        chain: chain_of(&experiments),
        next_steps,
        trends,
        asked,
        overdue,
        closing,
    })
}

/// The headings and words of a summary in one language; each field is named for what it holds.
#[derive(Debug)]
pub struct Words {
    pub summary: &'static str,
    pub question: &'static str,
    pub goal: &'static str,
    pub phase: &'static str,
    pub concluded: &'static str,
    pub chain: &'static str,
    pub expected: &'static str,
    pub observed: &'static str,
    pub signal: &'static str,
    pub signal_showed: &'static str,
    pub next_steps: &'static str,
    pub carried: &'static str,
    pub not_carried: &'static str,
    pub trends: &'static str,
    pub asked: &'static str,
    pub overdue: &'static str,
    pub look_back: &'static str,
    pub follow_up: &'static str,
    pub owed: &'static str,
    pub closing: &'static str,
    pub none: &'static str,
    pub reflections: &'static str,
    pub not_logged: &'static str,
    /// Between two parts of one line: an em dash in English, an en dash in Danish.
    pub dash: &'static str,
    /// A mentor's or peer's question on a record: who, on which, what.
    pub asked_on: &'static str,
}

/// The summary's line under its title: the days it covers, the phase, whether the cycle is
/// concluded, how many reflections it holds.
pub fn meta_line(s: &Summary, lang: Language) -> String {
    let w = words(lang);
    let mut meta = format!("{} – {}", s.from, s.until);
    if let Some(p) = s.phase {
        meta.push_str(&format!(" · {}: {}", w.phase, p.label(lang)));
    }
    if s.concluded {
        meta.push_str(&format!(" · {}", w.concluded));
    }
    meta.push_str(&format!(" · {}", reflections_counted(s.reflections, lang)));
    meta
}

/// "1 reflection", "3 reflections", "1 refleksion", "3 refleksioner".
pub fn reflections_counted(n: usize, lang: Language) -> String {
    match (lang, n) {
        (Language::English, 1) => "1 reflection".into(),
        (Language::English, n) => format!("{n} reflections"),
        (Language::Danish, 1) => "1 refleksion".into(),
        (Language::Danish, n) => format!("{n} refleksioner"),
    }
}

/// The summary's words in `lang`: the app's summary screen uses them too.
pub fn words(lang: Language) -> Words {
    match lang {
        Language::English => Words {
            summary: "What I learned",
            question: "Question",
            goal: "Learning goal",
            phase: "phase",
            concluded: "concluded",
            chain: "Experiments",
            expected: "expected",
            observed: "observed",
            signal: "signal",
            signal_showed: "signal showed",
            next_steps: "Next steps",
            carried: "carried into",
            not_carried: "not carried forward yet",
            trends: "Over time",
            asked: "Questions from mentors and peers",
            overdue: "Still overdue",
            look_back: "look back",
            follow_up: "success follow-up",
            owed: "reflection owed on",
            closing: "Closing reflection",
            none: "nothing",
            reflections: "reflections",
            not_logged: "not logged yet",
            dash: " — ",
            asked_on: "{name} on “{title}”: {text}",
        },
        Language::Danish => Words {
            summary: "Det har jeg lært",
            question: "Spørgsmål",
            goal: "Læringsmål",
            phase: "fase",
            concluded: "afsluttet",
            chain: "Eksperimenter",
            expected: "forventet",
            observed: "sket",
            signal: "tegn",
            signal_showed: "tegnet viste sig",
            next_steps: "Næste skridt",
            carried: "blev til",
            not_carried: "endnu ikke taget videre",
            trends: "Over tid",
            asked: "Spørgsmål fra mentor og netværk",
            overdue: "Stadig udestående",
            look_back: "følg op",
            follow_up: "opfølgning",
            owed: "mangler refleksion over",
            closing: "Afsluttende refleksion",
            none: "ingen",
            reflections: "refleksioner",
            not_logged: "intet resultat endnu",
            dash: " – ",
            asked_on: "{name} om »{title}«: {text}",
        },
    }
}

/// Whether the signal showed, as a word in `lang`.
pub fn signal_word(m: SignalMet, lang: Language) -> &'static str {
    match (m, lang) {
        (SignalMet::Yes, Language::English) => "yes",
        (SignalMet::Partly, Language::English) => "partly",
        (SignalMet::No, Language::English) => "no",
        (SignalMet::Yes, Language::Danish) => "ja",
        (SignalMet::Partly, Language::Danish) => "delvis",
        (SignalMet::No, Language::Danish) => "nej",
    }
}

/// The values of a trend as a line: `3 → 4 → 2 ▼`.
pub fn trend_line(t: &Trend) -> String {
    let values: Vec<String> = t.points.iter().map(|(_, v)| v.to_string()).collect();
    let arrow = match t.change() {
        Some(c) if c > 0 => " ▲",
        Some(c) if c < 0 => " ▼",
        Some(_) => " =",
        None => "",
    };
    format!("{}{arrow}", values.join(" → "))
}

/// The summary as Markdown (`--format markdown`), or as plain text when `markdown` is false.
pub fn render(
    s: &Summary,
    lang: Language,
    markdown: bool,
    short_id: &dyn Fn(RecordId) -> String,
) -> String {
    let w = words(lang);
    let mut out: Vec<String> = Vec::new();
    let h = |level: usize, text: &str| {
        if markdown {
            format!("{} {text}", "#".repeat(level))
        } else if level == 1 {
            format!("{text}\n{}", "=".repeat(text.chars().count()))
        } else {
            text.to_string()
        }
    };
    let item = |depth: usize, text: String| {
        let pad = "  ".repeat(depth);
        if markdown {
            format!("{pad}- {text}")
        } else {
            format!("  {pad}{text}")
        }
    };
    // A month in words ("november 2026"), as a cycle by its theme.
    let about = match s.scope {
        Scope::Month { year, month } => {
            format!("{} {year}", crate::dates::month_name(month, lang))
        }
        _ => s.title.clone(),
    };
    out.push(h(1, &format!("{}: {about}", w.summary)));
    out.push(meta_line(s, lang));
    for q in &s.questions {
        out.push(String::new());
        out.push(if markdown {
            format!("> {}: {q}", w.question)
        } else {
            format!("{}: {q}", w.question)
        });
    }
    if let Some(g) = &s.goal {
        out.push(format!("{}: {g}", w.goal));
    }

    out.push(String::new());
    out.push(h(2, w.chain));
    if s.chain.is_empty() {
        out.push(item(0, w.none.to_string()));
    }
    for l in &s.chain {
        let version = if l.depth > 0 {
            format!(" (v{})", l.depth + 1)
        } else {
            String::new()
        };
        let name = if markdown {
            format!(
                "**{}**{version} · {} · {}",
                l.title,
                l.status.label(lang),
                short_id(l.id)
            )
        } else {
            format!(
                "{}{version} · {} · {}",
                l.title,
                l.status.label(lang),
                short_id(l.id)
            )
        };
        out.push(item(l.depth, name));
        if !l.expected.is_empty() {
            out.push(item(l.depth + 1, format!("{}: {}", w.expected, l.expected)));
        }
        let observed = l.observed.as_deref().unwrap_or(w.not_logged);
        out.push(item(l.depth + 1, format!("{}: {observed}", w.observed)));
        if !l.signal.is_empty() || l.signal_met.is_some() {
            let met = l
                .signal_met
                .map(|m| format!("{}{}: {}", w.dash, w.signal_showed, signal_word(m, lang)))
                .unwrap_or_default();
            out.push(item(
                l.depth + 1,
                format!("{}: {}{met}", w.signal, l.signal),
            ));
        }
    }

    out.push(String::new());
    out.push(h(2, w.next_steps));
    if s.next_steps.is_empty() {
        out.push(item(0, w.none.to_string()));
    }
    for n in &s.next_steps {
        let fate = if n.carried_into.is_empty() {
            w.not_carried.to_string()
        } else {
            let ids: Vec<String> = n.carried_into.iter().map(|id| short_id(*id)).collect();
            format!("{} {}", w.carried, ids.join(", "))
        };
        out.push(item(
            0,
            format!("{} · {}: {}{}{fate}", n.day, n.set_title, n.text, w.dash),
        ));
    }

    if !s.trends.is_empty() {
        out.push(String::new());
        out.push(h(2, w.trends));
        for t in &s.trends {
            let who = t
                .counterpart
                .as_deref()
                .map(|c| format!(" [{c}]"))
                .unwrap_or_default();
            out.push(item(
                0,
                format!("{}{who} ({}–{}): {}", t.label, t.min, t.max, trend_line(t)),
            ));
        }
    }

    if !s.asked.is_empty() {
        out.push(String::new());
        out.push(h(2, w.asked));
        for a in &s.asked {
            let text = a.text.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push(item(
                0,
                crate::text::fill(
                    w.asked_on,
                    &[
                        ("name", &a.author_name),
                        ("title", &a.on_title),
                        ("text", &text),
                    ],
                ),
            ));
        }
    }

    if !s.closing.is_empty() {
        out.push(String::new());
        out.push(h(2, w.closing));
        for c in &s.closing {
            out.push(item(0, format!("{} {}", c.question, c.answer)));
        }
    }

    out.push(String::new());
    out.push(h(2, w.overdue));
    if s.overdue.is_empty() {
        out.push(item(0, w.none.to_string()));
    }
    for o in &s.overdue {
        out.push(item(
            0,
            match o {
                Overdue::LookBack { title, date, id } => {
                    format!("{} {date}: {title} · {}", w.look_back, short_id(*id))
                }
                Overdue::FollowUp { follow_up, title } => format!(
                    "{} {} ({}): {title}",
                    w.follow_up, follow_up.date, follow_up.days
                ),
                Overdue::Reflection { id, title } => {
                    format!("{}: {title} · {}", w.owed, short_id(*id))
                }
            },
        ));
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// The month a local day falls in, as a scope.
pub fn month_of(day: NaiveDate) -> Scope {
    Scope::Month {
        year: day.year(),
        month: day.month(),
    }
}

#[cfg(test)]
mod tests;
