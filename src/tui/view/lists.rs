//! The list screens: choosing a prompt set, the timeline grouped by day, and search results.

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::{draw_line_input, frame_block, highlighted};
use crate::record::{AnswerValue, Content, Record, Visibility};
use crate::search::Field;
use crate::tui::app::{App, SearchView, TimelineView, query_text};
use crate::tui::words;
use crate::width;

pub(super) fn pick_set(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    selected: usize,
    sets: &[String],
    phase: Option<crate::prompts::Phase>,
) {
    let t = &app.theme;
    let items: Vec<ListItem> = sets
        .iter()
        .filter_map(|id| app.library.get(id))
        .map(|s| {
            let suggested = phase == Some(s.phase);
            ListItem::new(vec![
                Line::from(vec![
                    Span::raw(if suggested { "● " } else { "  " }),
                    Span::styled(s.title.get(app.lang).to_string(), t.title),
                    Span::styled(
                        format!("  {} · {}", s.phase.label(app.lang), s.questions.len()),
                        t.dim,
                    ),
                ]),
                Line::from(Span::styled(
                    format!("    {}", s.purpose.get(app.lang)),
                    t.dim,
                )),
            ])
        })
        .collect();
    let title = match phase {
        Some(p) => words::fill(app.words().pick_set_phase, &[("phase", p.label(app.lang))]),
        None => app.words().pick_set.to_string(),
    };
    let list = List::new(items)
        .block(frame_block(&title, t))
        .highlight_style(t.selected);
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, area, &mut state);
}

/// The first words of what a record holds beyond its title: a reflection's first written
/// answer, a note's body, an experiment's expectation, a cycle's question.
fn first_words(r: &Record) -> String {
    let text = match &r.content {
        Content::Reflection { answers, .. } => answers
            .iter()
            .find_map(|a| match &a.value {
                AnswerValue::Text(t) if !t.trim().is_empty() => Some(t.as_str()),
                _ => None,
            })
            .unwrap_or(r.body.as_str()),
        Content::Experiment { expectation, .. } if !expectation.trim().is_empty() => expectation,
        Content::Cycle { question, .. } if !question.trim().is_empty() => question,
        _ => r.body.as_str(),
    };
    let text = width::one_line(text);
    // A note titled by its first line would say it twice.
    if text == width::one_line(&r.display_title()) {
        return String::new();
    }
    text
}

/// A record as one row of `width` cells: time of day, kind (in its colour), title, tags and
/// the first words of what was written, cut with `…` to leave room for who may see it and its
/// comments, which are never cut.
fn record_row(app: &App, r: &Record, comments: usize, width: u16, time: &str) -> Line<'static> {
    let t = &app.theme;
    let kind = words::kind(r.kind(), app.lang);
    let mut tail = Vec::new();
    if r.visibility != Visibility::Private {
        tail.push(Span::styled(
            format!(" [{}]", words::visibility(r.visibility, app.lang)),
            t.shared,
        ));
    }
    if comments > 0 {
        let w = app.words();
        let text = match comments {
            1 => w.comment_one.to_string(),
            n => crate::tui::words::fill(w.comment_count, &[("n", &n.to_string())]),
        };
        tail.push(Span::styled(format!(" {text}"), t.key));
    }
    let head = format!("  {time} {kind:<11} ");
    let tail_width: usize = tail.iter().map(Span::width).sum();
    let room = usize::from(width).saturating_sub(width::cells(&head) + tail_width);
    let title = width::one_line(&r.display_title());
    let tags: String = r
        .tags
        .iter()
        .map(|x| format!("#{x}"))
        .collect::<Vec<_>>()
        .join(" ");
    // The title first, then the tags, then the first words, each cut where the room ends.
    let mut spans = vec![
        Span::styled(format!("  {time} "), t.dim),
        Span::styled(format!("{kind:<11} "), t.kind(r.kind())),
    ];
    let mut left = room;
    for (gap, text, style) in [
        ("", title, Style::new()),
        (" ", tags, t.dim),
        (app.words().dash, first_words(r), t.dim),
    ] {
        // A piece with no room for a word or two is left out rather than shown as "…".
        if left < gap.len() + 6 || text.is_empty() {
            continue;
        }
        if !gap.is_empty() {
            spans.push(Span::styled(gap, t.dim));
            left -= width::cells(gap);
        }
        let piece = width::fit(&text, left);
        left = left.saturating_sub(width::cells(&piece));
        let cut = piece.ends_with('…') && !text.ends_with('…');
        spans.push(Span::styled(piece, style));
        if cut {
            left = 0;
        }
    }
    spans.extend(tail);
    Line::from(spans)
}

/// From this width on, the timeline has the selected record's text beside the list.
const PREVIEW_FROM: u16 = 120;

pub(super) fn timeline(app: &App, view: &TimelineView, frame: &mut Frame, whole: Rect) {
    let w = app.words();
    let t = &app.theme;
    let (area, preview_area) = if whole.width >= PREVIEW_FROM {
        let [list, preview] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(whole);
        (list, Some(preview))
    } else {
        (whole, None)
    };
    if let (Some(rect), Some(r)) = (preview_area, view.records.get(view.selected)) {
        preview(app, view, r, frame, rect);
    }
    let mut title = if view.peers { w.peers } else { w.timeline }.to_string();
    if !view.filter_text.trim().is_empty() {
        title = format!("{title}{}{}: {}", w.dash, w.filter, view.filter_text.trim());
    }
    let mut items = Vec::new();
    let mut selected_row = 0;
    let mut last_day = None;
    let mut last_author = None;
    for (i, r) in view.records.iter().enumerate() {
        let local = r.created.with_timezone(&Local);
        let day = local.date_naive();
        // Others' records come grouped by person (each newest first); one's own by day.
        if view.peers {
            if last_author != Some(r.author) {
                let name = view
                    .authors
                    .get(&r.author)
                    .cloned()
                    .unwrap_or_else(|| r.author.to_string());
                items.push(ListItem::new(Line::from(Span::styled(name, t.title))));
                last_author = Some(r.author);
            }
        } else if last_day != Some(day) {
            items.push(ListItem::new(Line::from(Span::styled(
                super::long_date(day, app.lang),
                t.title,
            ))));
            last_day = Some(day);
        }
        if i == view.selected {
            selected_row = items.len();
        }
        let comments = view.comment_counts.get(&r.id).copied().unwrap_or(0);
        // Inside the borders; others' records, grouped by person, also show their day.
        let row_width = area.width.saturating_sub(2);
        let when = if view.peers {
            local.format("%Y-%m-%d")
        } else {
            local.format("%H:%M")
        };
        let row = record_row(app, r, comments, row_width, &when.to_string());
        items.push(ListItem::new(row));
    }
    if items.is_empty() {
        items.push(ListItem::new(Span::styled(
            format!("  {}", w.no_records),
            t.dim,
        )));
    }
    let mut block = frame_block(&title, t);
    if !view.records.is_empty() {
        let total = format!("{}{}", view.records.len(), if view.more { "+" } else { "" });
        block = block.title_bottom(
            Line::from(Span::styled(
                format!(" {} {} {total} ", view.selected + 1, w.of),
                t.dim,
            ))
            .right_aligned(),
        );
    }
    let list = List::new(items).block(block).highlight_style(t.selected);
    let mut state =
        ListState::default().with_selected((!view.records.is_empty()).then_some(selected_row));
    frame.render_stateful_widget(list, area, &mut state);
    if let Some(input) = &view.input {
        draw_line_input(frame, whole, w.filter_help, input, t);
    }
}

/// The selected record's text beside the timeline, on wide terminals.
fn preview(app: &App, view: &TimelineView, r: &Record, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let from = view.peers.then(|| {
        view.authors
            .get(&r.author)
            .cloned()
            .unwrap_or_else(|| r.author.to_string())
    });
    let block = frame_block("", t);
    let width = block.inner(area).width;
    let mut lines = vec![Line::from(Span::styled(
        width::fit(&r.display_title(), usize::from(width)),
        t.title,
    ))];
    lines.extend(super::detail::record_text(
        app,
        &super::detail::Shown {
            record: r,
            from: from.as_deref(),
            links: &[],
            phase: None,
            owed: &[],
            comments: &[],
        },
        width,
    ));
    let comments = view.comment_counts.get(&r.id).copied().unwrap_or(0);
    if comments > 0 {
        let w = app.words();
        let n = match comments {
            1 => w.comment_one.to_string(),
            n => crate::tui::words::fill(w.comment_count, &[("n", &n.to_string())]),
        };
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(
            format!("{}{}{}", n.trim_matches(['(', ')']), w.dash, w.preview_open),
            t.key,
        )));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(app.words().preview, t))
            .wrap(Wrap { trim: false }),
        area,
    );
}

pub(super) fn search(app: &App, view: &SearchView, frame: &mut Frame, area: Rect) {
    let w = app.words();
    let t = &app.theme;
    let [query_area, results_area] =
        Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(area);
    let query_block = frame_block(w.search, t);
    let inside = query_block.inner(query_area);
    frame.render_widget(query_block, query_area);
    frame.render_widget(&view.query, inside);

    let query = query_text(&view.query);
    let waiting = view.shown_for.trim() != query.trim() || !view.complete;
    let note = if query.trim().is_empty() {
        w.search_hint
    } else if waiting {
        w.searching
    } else if view.results.is_empty() {
        w.no_matches
    } else {
        ""
    };
    let more;
    let note = if note.is_empty() && view.tier.is_some_and(|t| t.is_close()) {
        w.close_matches
    } else if note.is_empty() && view.matched > view.results.len() {
        more = w
            .shown_of
            .replace("{shown}", &view.results.len().to_string())
            .replace("{matched}", &view.matched.to_string());
        more.as_str()
    } else {
        note
    };
    let items: Vec<ListItem> = view
        .results
        .iter()
        .map(|s| {
            let date = s
                .created
                .with_timezone(&Local)
                .format("%Y-%m-%d")
                .to_string();
            let mut first = vec![Span::styled(
                format!("{date} {:<11} ", words::kind(s.kind, app.lang)),
                t.dim,
            )];
            let room = usize::from(area.width.saturating_sub(2))
                .saturating_sub(first.iter().map(Span::width).sum());
            if s.field == Field::Title {
                let title = width::fit(&s.title, room);
                first.extend(highlighted(&title, &s.indices, Style::new(), t.matched));
                ListItem::new(Line::from(first))
            } else {
                first.push(Span::raw(width::fit(&s.title, room)));
                let (text, indices) = window(
                    &s.text,
                    &s.indices,
                    usize::from(area.width).saturating_sub(8),
                );
                let mut second = vec![Span::raw("      ")];
                second.extend(highlighted(&text, &indices, t.dim, t.matched));
                ListItem::new(vec![Line::from(first), Line::from(second)])
            }
        })
        .collect();
    let mut block = frame_block(if note.is_empty() { w.results } else { note }, t);
    if !view.results.is_empty() {
        block = block.title_bottom(
            Line::from(Span::styled(
                format!(" {} {} {} ", view.selected + 1, w.of, view.results.len()),
                t.dim,
            ))
            .right_aligned(),
        );
    }
    let list = List::new(items).block(block).highlight_style(t.selected);
    let mut state =
        ListState::default().with_selected((!view.results.is_empty()).then_some(view.selected));
    frame.render_stateful_widget(list, results_area, &mut state);
}

/// The part of `text` around its first match that fits `width` characters, with the match
/// positions moved to fit.
fn window(text: &str, indices: &[usize], width: usize) -> (String, Vec<usize>) {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let first = indices.first().copied().unwrap_or(0);
    let mut start = first.saturating_sub(width / 4).min(chars.len());
    // Start at a word, not in the middle of one, unless that loses the match.
    if start > 0
        && chars[start - 1] != ' '
        && let Some(space) = chars[start..first.max(start)]
            .iter()
            .position(|c| *c == ' ')
    {
        start += space + 1;
    }
    // Where the text goes on beyond the window, a … says so.
    let before = usize::from(start > 0);
    let room = width.saturating_sub(before);
    let cut_end = start + room < chars.len();
    let end = (start + room.saturating_sub(usize::from(cut_end))).min(chars.len());
    let mut piece = String::new();
    if before == 1 {
        piece.push('…');
    }
    piece.extend(&chars[start..end]);
    if cut_end {
        piece.push('…');
    }
    let moved = indices
        .iter()
        .filter(|i| (start..end).contains(i))
        .map(|i| i - start + before)
        .collect();
    (piece, moved)
}
