//! Reading the journal: today's overview, list, show, due, search and stats.

use serde_json::json;

use super::args::{ListArgs, SearchArgs};
use super::format::{WIDTH, fit, id_width, list_line, list_line_as, local_time, one_line, wrap};
use super::say::{fill, long_date, relative, say};
use super::{CliError, Context, invalid, resolve_kind};
use crate::prompts::show_answer;
use crate::query::Filter;
use crate::record::{Content, Kind, Record};
use crate::search::Scope;
use crate::stats;
use crate::store::{Journal, StoreError};
use crate::tui::words as shared;

use crate::flow::DAILY_CHECKIN;

pub(super) fn home(ctx: &mut Context<'_>) -> Result<(), CliError> {
    let journal = match ctx.open_to_read() {
        Err(CliError::Store(StoreError::NoJournal { dir })) => {
            let w = say(ctx.language(None));
            writeln!(ctx.out, "{}", w.welcome)?;
            let dir = dir.display().to_string();
            writeln!(ctx.out, "{}", fill(w.no_journal_yet, &[("dir", &dir)]))?;
            writeln!(ctx.out, "{}", w.init_hint)?;
            writeln!(ctx.out, "{}", w.or_first_note)?;
            writeln!(ctx.out, "{}", w.first_note_hint)?;
            return Ok(());
        }
        other => other?,
    };
    let today = ctx.clock.today();
    let lang = ctx.language(Some(&journal));
    let w = say(lang);
    let home = crate::home::read(&journal, today, usize::MAX)?;
    writeln!(
        ctx.out,
        "{}",
        fill(
            w.journal_of,
            &[
                ("name", &journal.meta().author_name),
                ("date", &long_date(today, lang))
            ]
        )
    )?;
    writeln!(ctx.out)?;
    let rhythm = home
        .rhythm
        .unwrap_or(crate::rhythm::rhythm_run([], today, Default::default()));
    let unit = match (rhythm.in_weeks, home.streak == 1) {
        (true, true) => w.week,
        (true, false) => w.weeks,
        (false, true) => w.day,
        (false, false) => w.days,
    };
    let rhythm_note = match rhythm.rhythm {
        crate::rhythm::Rhythm::Daily => String::new(),
        r => format!(" ({})", r.label(lang)),
    };
    let state = if home.checked_in {
        w.done_today
    } else {
        w.not_done
    };
    writeln!(
        ctx.out,
        "{}",
        fill(
            w.checkin_line,
            &[
                ("state", state),
                ("n", &home.streak.to_string()),
                ("unit", unit),
                ("rhythm", &rhythm_note)
            ]
        )
    )?;
    let ids = id_width(
        &journal,
        home.due
            .iter()
            .chain(home.cycles.iter().map(|c| &c.record))
            .chain(home.concluded.iter()),
    );
    let library = ctx.library()?;
    if !home.checked_in
        && let Some(meant) = crate::carry::meant_to_try_in(&journal, &library, today)?
    {
        let text = fill(
            w.meant_to_try,
            &[
                ("when", &relative(meant.day, today, lang)),
                ("text", &one_line(&meant.text)),
                ("id", &journal.short_id(meant.reflection)),
            ],
        );
        writeln!(ctx.out, "{}", wrap(&text, WIDTH, "  "))?;
    }
    let out = &mut *ctx.out;
    if !home.due.is_empty() {
        writeln!(out, "\n{}", w.due_heading)?;
        for r in &home.due {
            writeln!(out, "{}", due_line(&journal, r, today, ids, lang))?;
        }
    }
    let indent = " ".repeat(ids + 3);
    if !home.cycles.is_empty() {
        writeln!(out, "\n{}", w.active_cycles)?;
        for c in &home.cycles {
            writeln!(
                out,
                "  {:<ids$} {}",
                journal.short_id(c.record.id),
                fit(&c.record.display_title(), WIDTH - ids - 3)
            )?;
            if let Content::Cycle { question, .. } = &c.record.content
                && !question.is_empty()
            {
                writeln!(out, "{indent}{}", fit(question, WIDTH - ids - 3))?;
            }
            let line = fill(
                w.phase_line,
                &[
                    ("phase", c.phase.label(lang)),
                    (
                        "experiments",
                        &shared::count(c.experiments, Kind::Experiment, lang),
                    ),
                    (
                        "reflections",
                        &shared::count(c.reflections, Kind::Reflection, lang),
                    ),
                ],
            );
            writeln!(out, "{indent}{line}")?;
            for id in &c.state.owed {
                let title = journal
                    .get(*id)?
                    .map(|r| r.display_title())
                    .unwrap_or_default();
                let title = fit(&title, WIDTH.saturating_sub(ids + 24));
                writeln!(
                    out,
                    "{indent}{}",
                    fill(w.reflection_owed, &[("title", &title)])
                )?;
            }
        }
    } else if !home.empty {
        writeln!(out, "\n{}", w.no_active_cycle)?;
    }
    if !home.concluded.is_empty() {
        writeln!(out, "\n{}", w.concluded_cycles)?;
        for c in home.concluded.iter().take(5) {
            writeln!(
                out,
                "  {:<ids$} {}",
                journal.short_id(c.id),
                fit(&c.display_title(), WIDTH - ids - 3)
            )?;
        }
        if home.concluded.len() > 5 {
            let more = (home.concluded.len() - 5).to_string();
            writeln!(out, "{}", fill(w.and_more, &[("n", &more)]))?;
        }
    }
    if home.empty {
        writeln!(out, "\n{}", wrap(w.empty_journal, WIDTH, ""))?;
    }
    writeln!(out)?;
    let checkin = format!("praxis add reflection --set {DAILY_CHECKIN} …");
    let hints = [
        (checkin.as_str(), w.hint_checkin),
        ("praxis cycle new --title … --question …", w.hint_cycle),
        (
            "praxis add experiment --title … --follow-up +14d",
            w.hint_experiment,
        ),
    ];
    let column = hints
        .iter()
        .map(|(c, _)| crate::width::cells(c))
        .max()
        .unwrap_or(0);
    for (command, what) in hints {
        let pad = column - crate::width::cells(command);
        writeln!(out, "  {command}{}   {what}", " ".repeat(pad))?;
    }
    writeln!(out, "{}", w.hint_more)?;
    Ok(())
}

/// The other journal a person's name or the start of a journal id names, among those that
/// shared with this one: their whole name first, then whole words of it ("Hansen" for "Bo
/// Hansen"), then the start of their journal's id (four characters or more), then the start of
/// their name or of a word in it ("Han" for "Bo Hansen").
fn peer_named(
    journal: &Journal,
    who: &str,
    lang: crate::journal::Language,
) -> Result<crate::record::JournalId, CliError> {
    let w = say(lang);
    if who.trim().is_empty() {
        return Err(invalid(w.err_author_blank.to_string()));
    }
    let peers = journal.peers()?;
    let found = peers_named(&peers, who);
    let listed = |many: &[&(crate::record::JournalId, String)]| {
        many.iter()
            .map(|(id, name)| format!("{name} ({id})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match found.as_slice() {
        [(id, _)] => Ok(*id),
        [] if peers.is_empty() => Err(invalid(fill(w.err_author_no_peers, &[("who", who)]))),
        [] if starts_an_id(&peers, who) => {
            Err(invalid(fill(w.err_author_short_id, &[("who", who)])))
        }
        [] => {
            let all: Vec<_> = peers.iter().collect();
            Err(invalid(fill(
                w.err_author_nobody,
                &[("who", who), ("whom", &listed(&all))],
            )))
        }
        many => Err(invalid(fill(
            w.err_author_several,
            &[("who", who), ("whom", &listed(many))],
        ))),
    }
}

/// Whether `who`, too short to name a journal by its id, starts one of `peers`' ids.
fn starts_an_id(peers: &[(crate::record::JournalId, String)], who: &str) -> bool {
    let wanted = who.trim().to_lowercase();
    peers.iter().any(|(id, _)| id_starts_with(*id, &wanted))
}

/// Whether journal `id` starts with `start` (in lower case): an id is typed in either case.
fn id_starts_with(id: crate::record::JournalId, start: &str) -> bool {
    id.to_string().to_lowercase().starts_with(start)
}

/// Who among `peers` `who` may mean, the closest way of naming them first (see [`peer_named`]).
fn peers_named<'p>(
    peers: &'p [(crate::record::JournalId, String)],
    who: &str,
) -> Vec<&'p (crate::record::JournalId, String)> {
    let wanted = who.trim().to_lowercase();
    if wanted.is_empty() {
        return Vec::new();
    }
    let by = |keep: &dyn Fn(&(crate::record::JournalId, String)) -> bool| -> Vec<_> {
        peers.iter().filter(|p| keep(p)).collect()
    };
    let whole = by(&|(_, name)| name.trim().to_lowercase() == wanted);
    if !whole.is_empty() {
        return whole;
    }
    // Whole words of the name: "Bo" is Bo Hansen's first name, not the start of Bodil's.
    let words = |text: &str| {
        format!(
            " {} ",
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        )
    };
    let wanted_words = words(&wanted);
    let whole_words = by(&|(_, name)| words(&name.to_lowercase()).contains(&wanted_words));
    if !whole_words.is_empty() {
        return whole_words;
    }
    let by_id = by(&|(id, _)| wanted.chars().count() >= 4 && id_starts_with(*id, &wanted));
    if !by_id.is_empty() {
        return by_id;
    }
    by(&|(_, name)| {
        let name = name.trim().to_lowercase();
        name.starts_with(&wanted)
            || name
                .match_indices(char::is_whitespace)
                .any(|(at, _)| name[at..].trim_start().starts_with(&wanted))
    })
}

pub(super) fn list(ctx: &mut Context<'_>, a: ListArgs) -> Result<(), CliError> {
    let journal = ctx.open_to_read()?;
    let lang = ctx.language(Some(&journal));
    let w = say(lang);
    let filter = Filter {
        kind: a
            .kind
            .map(|k| {
                crate::query::kind_word(&k)
                    .ok_or_else(|| invalid(fill(w.err_kind, &[("value", &k)])))
            })
            .transpose()?,
        tag: a
            .tag
            .map(|t| crate::record::normalize_tags([t]).pop().unwrap_or_default()),
        cycle: a
            .cycle
            .map(|c| resolve_kind(ctx.speech(), &journal, "--cycle", &c, Kind::Cycle))
            .transpose()?,
        since: a.since.map(|d| ctx.date("since", &d)).transpose()?,
        until: a.until.map(|d| ctx.date("until", &d)).transpose()?,
        limit: a.limit,
        author: a
            .author
            .as_deref()
            .map(|who| peer_named(&journal, who, lang))
            .transpose()?,
    };
    let peers = a.peers || a.author.is_some();
    if let (Some(s), Some(u)) = (filter.since, filter.until)
        && s > u
    {
        let (since, until) = (s.to_string(), u.to_string());
        let values = [("since", since.as_str()), ("until", &until)];
        return Err(invalid(fill(w.err_since_until, &values)));
    }
    let only_a_tag = Filter {
        tag: None,
        limit: None,
        ..filter.clone()
    } == Filter::default();
    if let (Some(tag), false, false, true) = (&filter.tag, peers, a.json, only_a_tag) {
        // One tag alone: its ids from the index's keys, then each line as its entry is read,
        // so that no list of records is held.
        let ids = journal.tagged(tag, filter.limit)?;
        if ids.is_empty() {
            writeln!(ctx.err, "{}", say(lang).no_match)?;
        }
        let shorts = journal.short_ids(&ids);
        let width = shorts.iter().map(String::len).max().unwrap_or(0);
        let mut shorts = shorts.into_iter();
        let out = &mut *ctx.out;
        return journal.each_brief(&filter, |r| -> Result<(), CliError> {
            let short = shorts.next().unwrap_or_else(|| journal.short_id(r.id));
            writeln!(out, "{}", list_line_as(&short, &r, width, lang))?;
            Ok(())
        });
    }
    let records = if peers {
        journal.list_foreign(&filter)?
    } else if a.json {
        journal.list(&filter)?
    } else {
        // A line needs no long text: a tag's records come from its index alone.
        journal.list_brief(&filter)?
    };
    if a.json {
        serde_json::to_writer_pretty(&mut *ctx.out, &records).map_err(std::io::Error::other)?;
        writeln!(ctx.out)?;
        return Ok(());
    }
    if records.is_empty() {
        let what = match (peers, filter == Filter::default()) {
            (true, true) => w.nothing_shared,
            (false, true) => w.empty,
            (_, false) => w.no_match,
        };
        writeln!(ctx.err, "{what}")?;
    }
    // Each short id once (it looks at the neighbouring ids in the journal).
    let shorts: Vec<String> = if peers {
        records.iter().map(|r| journal.short_id(r.id)).collect()
    } else {
        journal.short_ids(&records.iter().map(|r| r.id).collect::<Vec<_>>())
    };
    let ids = shorts.iter().map(String::len).max().unwrap_or(0);
    let names = if peers {
        names_width(&journal, &records)
    } else {
        0
    };
    for (r, short) in records.iter().zip(&shorts) {
        if peers {
            let line = list_line_as(short, r, ids, lang);
            writeln!(ctx.out, "{}", with_author(&journal, r, names, &line))?;
        } else {
            writeln!(ctx.out, "{}", list_line_as(short, r, ids, lang))?;
        }
    }
    Ok(())
}

/// Who wrote a record: this journal's author, or the name another journal's author gave.
fn author_of(journal: &Journal, r: &Record) -> String {
    if r.author == journal.meta().id {
        return journal.meta().author_name.clone();
    }
    peer_name_or_id(journal, r.author)
}

/// The name another journal's author gave, or its id where they gave none.
pub(super) fn peer_name_or_id(journal: &Journal, peer: crate::record::JournalId) -> String {
    journal.peer_name(peer).unwrap_or_else(|| peer.to_string())
}

/// How wide the authors' column is: as wide as the widest name (up to 16).
fn names_width<'a>(journal: &Journal, records: impl IntoIterator<Item = &'a Record>) -> usize {
    records
        .into_iter()
        .map(|r| crate::width::cells(&author_of(journal, r)))
        .max()
        .unwrap_or(0)
        .min(16)
}

/// A list line with its author's name in a column `names` wide before it.
fn with_author(journal: &Journal, r: &Record, names: usize, line: &str) -> String {
    let name = fit(&author_of(journal, r), names);
    let pad = names.saturating_sub(crate::width::cells(&name));
    fit(&format!("{name}{}  {line}", " ".repeat(pad)), WIDTH)
}

pub(super) fn show(ctx: &mut Context<'_>, prefix: &str, as_json: bool) -> Result<(), CliError> {
    let journal = ctx.open_to_read()?;
    let id = journal.resolve_any(prefix)?;
    let lang = ctx.language(Some(&journal));
    let r = journal
        .get_any(id)?
        .ok_or_else(|| invalid(say(lang).err_gone))?;
    let foreign = r.author != journal.meta().id;
    let conflicts = journal.conflicting_versions(id)?;
    let comments = journal.comments_to_show(id)?;
    let linked: Vec<Record> = journal
        .linked_to(id)?
        .into_iter()
        .filter_map(|l| journal.get(l).transpose())
        .collect::<Result<_, _>>()?;
    if as_json {
        let value = json!({
            "record": r,
            "from": foreign.then(|| journal.peer_name(r.author)),
            "conflicts": conflicts,
            "comments": comments,
            "linked": linked.iter().map(|l| l.id).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut *ctx.out, &value).map_err(std::io::Error::other)?;
        writeln!(ctx.out)?;
        return Ok(());
    }
    let today = ctx.clock.today();
    let library = match r.kind() {
        Kind::Reflection => ctx.library()?,
        _ => Default::default(),
    };
    let prompt_set = match &r.content {
        Content::Reflection { set, .. } => library.get(set),
        _ => None,
    };
    let w = say(lang);
    let out = &mut *ctx.out;
    match prompt_set {
        Some(set) if r.title.trim().is_empty() && r.body.trim().is_empty() => {
            writeln!(out, "{}", set.title.get(lang))?
        }
        _ => writeln!(out, "{}", r.display_title())?,
    }
    writeln!(
        out,
        "{} · {} · {}",
        shared::kind(r.kind(), lang),
        shared::visibility(r.visibility, lang),
        r.id
    )?;
    if foreign {
        let name = peer_name_or_id(&journal, r.author);
        writeln!(out, "{}", fill(w.from_journal, &[("name", &name)]))?;
    }
    let mut dates = fill(w.created, &[("when", &local_time(r.created))]);
    if r.revision > 1 {
        dates.push_str(&fill(
            w.edited,
            &[
                ("when", &local_time(r.updated)),
                ("n", &r.revision.to_string()),
            ],
        ));
    }
    writeln!(out, "{dates}")?;
    if !r.tags.is_empty() {
        writeln!(out, "{}: {}", w.tags, r.tags.join(", "))?;
    }
    let title_of = |id| -> Result<String, CliError> {
        Ok(match journal.get_any(id)? {
            Some(t) => format!("{} ({})", t.display_title(), journal.short_id(id)),
            None => fill(w.gone, &[("id", &id.to_string())]),
        })
    };
    match &r.content {
        Content::Note => {}
        Content::Cycle {
            question,
            status,
            goal,
            ends,
            closing,
        } => {
            writeln!(out, "{}: {}", w.status, shared::cycle_status(*status, lang))?;
            if !question.is_empty() {
                writeln!(out, "{}: {question}", w.question)?;
            }
            if !goal.is_empty() {
                writeln!(out, "{}: {goal}", w.goal)?;
            }
            if let Some(d) = ends {
                writeln!(out, "{}: {d} ({})", w.ends, relative(*d, today, lang))?;
            }
            let state = crate::cycle::read_state(&journal, &r, today)?;
            writeln!(out, "{}: {}", w.phase, state.phase.label(lang))?;
            for e in &state.owed {
                writeln!(out, "{}: {}", w.owed_on, title_of(*e)?)?;
            }
            if let Some(c) = closing {
                writeln!(out, "{}: {}", w.closing, title_of(*c)?)?;
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
            from,
            closed,
            signal_met,
        } => {
            writeln!(
                out,
                "{}: {}",
                w.status,
                shared::experiment_status(*status, lang)
            )?;
            if let Some(c) = cycle {
                writeln!(out, "{}: {}", w.cycle, title_of(*c)?)?;
            }
            if let Some(f) = from {
                writeln!(out, "{}: {}", w.follows_from, title_of(*f)?)?;
            }
            for next in crate::summary::followed_by(&journal, &r)? {
                writeln!(out, "{}: {}", w.followed_by, title_of(next)?)?;
            }
            if !with.is_empty() {
                writeln!(out, "{}: {}", w.with, with.join(", "))?;
            }
            if !expectation.is_empty() {
                writeln!(out, "{}: {expectation}", w.expect)?;
            }
            if !signal.is_empty() {
                writeln!(out, "{}: {signal}", w.will_know)?;
            }
            if let Some(d) = follow_up {
                writeln!(
                    out,
                    "{}: {d} ({})",
                    w.look_back_label,
                    relative(*d, today, lang)
                )?;
            }
            if let Some(o) = outcome {
                writeln!(out, "{}: {o}", w.outcome)?;
            }
            if let Some(m) = signal_met {
                let said = match m {
                    crate::record::SignalMet::Yes => w.yes,
                    crate::record::SignalMet::Partly => w.partly,
                    crate::record::SignalMet::No => w.no,
                };
                writeln!(out, "{}: {said}", w.signal_showed)?;
            }
            if let Some(at) = closed {
                writeln!(out, "{}: {}", w.closed, local_time(*at))?;
            }
        }
        Content::Reflection {
            set,
            cycle,
            experiment,
            answers,
        } => {
            let set_name = prompt_set.map_or(set.clone(), |p| p.title.get(lang).to_string());
            writeln!(out, "{}: {set_name}", w.prompt_set)?;
            if let Some(c) = cycle {
                writeln!(out, "{}: {}", w.cycle, title_of(*c)?)?;
            }
            if let Some(e) = experiment {
                writeln!(out, "{}: {}", w.about, title_of(*e)?)?;
            }
            for a in answers {
                let (asked, value) = show_answer(prompt_set, a, lang);
                writeln!(out, "\n{}", wrap(&asked, WIDTH, ""))?;
                writeln!(out, "{}", wrap(&value, WIDTH, "  "))?;
                if let Some(why) = &a.why {
                    writeln!(out, "{}", wrap(&format!("{}: {why}", w.why), WIDTH, "  "))?;
                }
            }
        }
    }
    if !r.body.trim().is_empty() {
        writeln!(out, "\n{}", r.body.trim_end())?;
    }
    if !linked.is_empty() {
        writeln!(out, "\n{}", w.linked)?;
        let ids = id_width(&journal, &linked);
        for l in &linked {
            writeln!(
                out,
                "{}",
                fit(&format!("  {}", list_line(&journal, l, ids, lang)), WIDTH)
            )?;
        }
    }
    for c in &conflicts {
        let head = fill(
            w.other_version,
            &[
                ("n", &c.revision.to_string()),
                ("when", &local_time(c.updated)),
            ],
        );
        writeln!(out, "\n{head}")?;
        writeln!(out, "  {}", c.display_title())?;
        if !c.body.trim().is_empty() {
            writeln!(out, "{}", wrap(&c.body, WIDTH, "  "))?;
        }
    }
    if !comments.is_empty() {
        writeln!(out, "\n{}", w.comments)?;
        for c in &comments {
            writeln!(out, "  {} · {}", c.author_name, local_time(c.created))?;
            writeln!(out, "{}", wrap(&c.text, WIDTH, "    "))?;
        }
    }
    Ok(())
}

pub(super) fn due_line(
    journal: &Journal,
    r: &Record,
    today: chrono::NaiveDate,
    ids: usize,
    lang: crate::journal::Language,
) -> String {
    let when = match &r.content {
        Content::Experiment {
            follow_up: Some(d), ..
        } => fill(
            say(lang).look_back,
            &[
                ("date", &d.to_string()),
                ("when", &relative(*d, today, lang)),
            ],
        ),
        _ => String::new(),
    };
    let head = format!("  {:<ids$} ", journal.short_id(r.id));
    let room = WIDTH.saturating_sub(head.len() + crate::width::cells(&when) + 3);
    format!(
        "{head}{}{}{when}",
        fit(&r.display_title(), room),
        say(lang).dash
    )
}

pub(super) fn search(ctx: &mut Context<'_>, a: SearchArgs) -> Result<(), CliError> {
    let journal = ctx.open_to_read()?;
    let lang = ctx.language(Some(&journal));
    let w = say(lang);
    if a.query.trim().is_empty() {
        return Err(invalid(w.err_search_empty));
    }
    // What others shared is searched too, as in the app, unless --mine or --author.
    let scope = match (&a.author, a.mine) {
        (Some(who), _) => Scope::By(peer_named(&journal, who, lang)?),
        (None, true) => Scope::Own,
        (None, false) => Scope::All,
    };
    // From the search index: only the words asked for and the records shown are read.
    let mut index = journal.search_index()?;
    let answer = crate::search::search(&mut index, &a.query, a.limit, scope)?;
    let hits = &answer.hits;
    if a.json {
        let value: Vec<_> = hits
            .iter()
            .map(|(h, record)| {
                json!({
                    "id": h.id,
                    "author": author_of(&journal, record),
                    "score": h.score,
                    "tier": h.tier.as_str(),
                    "field": format!("{:?}", h.field).to_lowercase(),
                    "text": h.text,
                    "indices": h.indices,
                    "record": record,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *ctx.out, &value).map_err(std::io::Error::other)?;
        writeln!(ctx.out)?;
        return Ok(());
    }
    let query = a.query.trim();
    let told = match answer.tier {
        None => Some(match scope {
            Scope::By(peer) => fill(
                w.search_nothing_by,
                &[("query", query), ("name", &peer_name_or_id(&journal, peer))],
            ),
            _ => fill(w.search_nothing, &[("query", query)]),
        }),
        Some(tier) if tier.is_close() => {
            let how = match tier {
                crate::search::Tier::Typo => w.search_typo,
                _ => w.search_scattered,
            };
            Some(fill(w.search_close, &[("query", query), ("how", how)]))
        }
        Some(_) if answer.matched > hits.len() => {
            let (shown, matched) = (hits.len().to_string(), answer.matched.to_string());
            Some(fill(
                w.search_best,
                &[("shown", &shown), ("matched", &matched)],
            ))
        }
        Some(_) => None,
    };
    if let Some(text) = told {
        writeln!(ctx.err, "{text}")?;
    }
    let ids = id_width(&journal, hits.iter().map(|(_, r)| r));
    // Whose each record is, in a column of its own, once anyone else's is among them.
    let own = journal.meta().id;
    let names = if hits.iter().any(|(_, r)| r.author != own) {
        names_width(&journal, hits.iter().map(|(_, r)| r))
    } else {
        0
    };
    let indent = if names > 0 { 13 + names } else { 11 };
    for (h, record) in hits {
        let line = list_line(&journal, record, ids, lang);
        if names > 0 {
            writeln!(ctx.out, "{}", with_author(&journal, record, names, &line))?;
        } else {
            writeln!(ctx.out, "{line}")?;
        }
        if h.field != crate::search::Field::Title {
            writeln!(
                ctx.out,
                "{}{}",
                " ".repeat(indent),
                snippet(&h.text, &h.indices, WIDTH - indent)
            )?;
        }
    }
    Ok(())
}

/// The part of `text` around its first matched character, on one line.
fn snippet(text: &str, indices: &[usize], width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let first = indices.first().copied().unwrap_or(0);
    let start = first.saturating_sub(width / 4);
    let piece: String = chars[start.min(chars.len())..].iter().collect();
    let prefix = if start > 0 { "…" } else { "" };
    fit(&format!("{prefix}{}", one_line(&piece)), width)
}

pub(super) fn stats(ctx: &mut Context<'_>, as_json: bool) -> Result<(), CliError> {
    let journal = ctx.open_to_read()?;
    // Streamed: a journal of any size is counted without holding it.
    let mut failed = None;
    let records = journal
        .newest_first()
        .map_while(|r| r.map_err(|e| failed = Some(e)).ok());
    let s = stats::compute(records, ctx.clock.today());
    if let Some(e) = failed {
        return Err(e.into());
    }
    if as_json {
        serde_json::to_writer_pretty(&mut *ctx.out, &s).map_err(std::io::Error::other)?;
        writeln!(ctx.out)?;
        return Ok(());
    }
    let lang = ctx.language(Some(&journal));
    let w = say(lang);
    let out = &mut *ctx.out;
    let kinds: Vec<String> = s
        .by_kind
        .iter()
        .map(|(k, n)| super::say::counted(*n, *k, lang))
        .collect();
    let total = s.total.to_string();
    let kinds = kinds.join(", ");
    writeln!(
        out,
        "{}",
        fill(w.stats_records, &[("total", &total), ("kinds", &kinds)])
    )?;
    let unit = if s.streak_days == 1 { w.day } else { w.days };
    let streak = s.streak_days.to_string();
    writeln!(
        out,
        "{}",
        fill(w.stats_streak, &[("n", &streak), ("unit", unit)])
    )?;
    let (open, due) = (
        s.open_experiments.to_string(),
        s.due_experiments.to_string(),
    );
    writeln!(
        out,
        "{}",
        fill(w.stats_open, &[("open", &open), ("due", &due)])
    )?;
    if !s.by_month.is_empty() {
        writeln!(out, "{}", w.stats_by_month)?;
        let most = s.by_month.values().copied().max().unwrap_or(1).max(1);
        for (month, n) in &s.by_month {
            let bar = "█".repeat((n * 50).div_ceil(most));
            writeln!(out, "  {month}  {bar} {n}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::peers_named;
    use crate::record::JournalId;

    #[test]
    fn a_peer_is_found_by_whole_name_id_start_or_the_start_of_a_word_in_the_name() {
        let id = |s: &str| JournalId(s.parse().unwrap());
        let peers = vec![
            (id("01JA0000000000000000000000"), "Bo Hansen".to_string()),
            (id("01JB0000000000000000000000"), "Bodil Jensen".to_string()),
            (id("01JC0000000000000000000000"), "Bo".to_string()),
        ];
        let names = |who: &str| -> Vec<&str> {
            peers_named(&peers, who)
                .iter()
                .map(|(_, n)| n.as_str())
                .collect()
        };
        // The whole name wins over names it starts.
        assert_eq!(names("bo"), ["Bo"]);
        // A whole word of a name wins over names it only starts.
        let without_bo = &peers[..2];
        let named = |who: &str| -> Vec<&str> {
            peers_named(without_bo, who)
                .iter()
                .map(|(_, n)| n.as_str())
                .collect()
        };
        assert_eq!(named("bo"), ["Bo Hansen"]);
        assert_eq!(named("JENSEN"), ["Bodil Jensen"]);
        assert_eq!(named("bo han"), ["Bo Hansen"]);
        assert_eq!(named("bo hansen"), ["Bo Hansen"]);
        assert_eq!(names(" Bo Hansen "), ["Bo Hansen"]);
        // The start of the name, or of a later word in it.
        assert_eq!(names("bod"), ["Bodil Jensen"]);
        assert_eq!(names("hans"), ["Bo Hansen"]);
        assert_eq!(names("sen"), Vec::<&str>::new());
        // Several: all of them, for the message to name.
        assert_eq!(names("b").len(), 3);
        // The start of a journal id, from four characters.
        assert_eq!(names("01jb"), ["Bodil Jensen"]);
        assert!(names("01j").is_empty());
        assert!(names("  ").is_empty());
    }
}
