//! A guided flow: one question at a time with its hint and progress, then the review page.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{frame_block, indented};
use crate::flow::Step;
use crate::prompts::AnswerKind;
use crate::tui::app::{App, FlowContext, FlowView};
use crate::tui::scroll::{Room, position};
use crate::tui::words::{date_in_words, fill};

pub(super) fn draw(app: &App, view: &FlowView, frame: &mut Frame, area: Rect) {
    match view.flow.step {
        Step::Question(i) => question(app, view, i, frame, area),
        Step::Review => review(app, view, frame, area),
    }
}

fn question(app: &App, view: &FlowView, i: usize, frame: &mut Frame, area: Rect) {
    let w = app.words();
    let t = &app.theme;
    let q = &view.flow.set.questions[i];
    let progress = fill(
        w.question_of,
        &[
            ("n", &(i + 1).to_string()),
            ("total", &view.flow.len().to_string()),
        ],
    );
    let title = match &view.about {
        Some(about) => format!("{}{}{about}", view.title, app.words().dash),
        None => view.title.clone(),
    };
    let block = frame_block(&title, t)
        .title_bottom(Line::from(Span::styled(format!(" {progress} "), t.key)));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut head = context_lines(app, view);
    head.push(Line::from(Span::styled(
        q.text.get(app.lang).to_string(),
        t.title,
    )));
    if let Some(hint) = &q.hint {
        head.push(Line::from(Span::styled(
            hint.get(app.lang).to_string(),
            t.dim,
        )));
    }
    if q.optional {
        head.push(Line::from(Span::styled(format!("({})", w.optional), t.dim)));
    }
    let head_height = wrapped_height(&head, inner.width)
        .min(inner.height / 2)
        .max(1);
    let why_height = if q.why.is_some() { 4 } else { 0 };
    let [head_area, input_area, why_area] = Layout::vertical([
        Constraint::Length(head_height + 1),
        Constraint::Fill(1),
        Constraint::Length(why_height),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: false }), head_area);

    let focus = |on: bool| if on { t.key } else { t.dim };
    match &q.kind {
        AnswerKind::Text => {
            let block = Block::default()
                .borders(Borders::TOP)
                .border_style(focus(!view.on_why));
            let inside = block.inner(input_area);
            frame.render_widget(block, input_area);
            if view.flow.date_question() == Some(i) {
                let line = date_line(app, view, i);
                let height = wrapped_height(std::slice::from_ref(&line), inside.width);
                // The date read stands right under what is typed.
                let typed: Vec<Line> = view.editor.lines().iter().map(Line::raw).collect();
                let rows = wrapped_height(&typed, inside.width)
                    .saturating_add(1)
                    .max(2);
                let [editor_area, date_area, _] = Layout::vertical([
                    Constraint::Max(rows),
                    Constraint::Length(height),
                    Constraint::Fill(1),
                ])
                .areas(inside);
                frame.render_widget(&view.editor, editor_area);
                frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: false }), date_area);
            } else {
                frame.render_widget(&view.editor, inside);
            }
        }
        AnswerKind::Scale {
            min,
            max,
            low,
            high,
            ..
        } => {
            let current = view.flow.values[i].trim().parse::<i64>().ok();
            let mut spans = vec![Span::raw("  ")];
            for n in *min..=*max {
                let style = if Some(n) == current {
                    t.selected
                } else {
                    Style::new()
                };
                spans.push(Span::styled(format!(" {n} "), style));
                spans.push(Span::raw(" "));
            }
            let mut lines = vec![Line::raw(""), Line::from(spans)];
            let label = |l: &Option<crate::prompts::Localized>| {
                l.as_ref()
                    .map(|l| l.get(app.lang).to_string())
                    .unwrap_or_default()
            };
            if low.is_some() || high.is_some() {
                lines.push(Line::from(Span::styled(
                    format!("  {min} = {}   ·   {max} = {}", label(low), label(high)),
                    t.dim,
                )));
            }
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), input_area);
        }
        AnswerKind::Choice { options } => {
            let lines: Vec<Line> = options
                .iter()
                .enumerate()
                .map(|(n, o)| {
                    let chosen = n == view.choice;
                    let mark = if chosen { "(•) " } else { "( ) " };
                    let style = if chosen { t.selected } else { Style::new() };
                    Line::from(Span::styled(
                        format!("  {mark}{}", o.label.get(app.lang)),
                        style,
                    ))
                })
                .collect();
            let mut all = vec![Line::raw("")];
            all.extend(lines);
            frame.render_widget(Paragraph::new(all), input_area);
        }
    }
    if let Some(why) = &q.why {
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(focus(view.on_why))
            .title(Span::styled(
                format!(" {} ", why.get(app.lang)),
                focus(view.on_why),
            ));
        let inside = block.inner(why_area);
        frame.render_widget(block, why_area);
        frame.render_widget(&view.why, inside);
    }
}

/// The review page's text, wrapped to `width`, and the rows each question's block takes
/// (from, to), so the selected one can be kept in view.
fn review_text(app: &App, view: &FlowView, width: u16) -> (Vec<Line<'static>>, Vec<(u16, u16)>) {
    let w = app.words();
    let t = &app.theme;
    let mut lines = context_lines(app, view);
    lines.push(Line::from(Span::styled(w.review_intro, t.dim)));
    lines.push(Line::raw(""));
    let rows = |lines: &[Line<'static>]| {
        let n = Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: false })
            .line_count(width);
        u16::try_from(n).unwrap_or(u16::MAX)
    };
    let mut blocks = Vec::new();
    for (i, q) in view.flow.set.questions.iter().enumerate() {
        let from = rows(&lines);
        let selected = i == view.review_selected;
        let style = if selected { t.selected } else { t.title };
        lines.push(Line::from(Span::styled(
            format!("{}. {}", i + 1, q.text.get(app.lang)),
            style,
        )));
        let value = view.flow.values[i].trim();
        if value.is_empty() {
            let missing = if q.optional {
                w.skipped
            } else {
                w.not_answered
            };
            let style = if q.optional { t.dim } else { t.error };
            lines.push(Line::from(Span::styled(format!("   {missing}"), style)));
        } else {
            let text = q.show_value(value, app.lang);
            lines.extend(indented(&text, "   ", width, Style::new()));
        }
        if view.flow.date_question() == Some(i) && !value.is_empty() {
            let mut line = date_line(app, view, i);
            line.spans.insert(0, Span::raw("   "));
            lines.push(line);
        }
        let why = view.flow.whys[i].trim();
        if !why.is_empty() {
            lines.extend(indented(&format!("{} {why}", w.why), "   ", width, t.dim));
        }
        blocks.push((from, rows(&lines)));
    }
    (lines, blocks)
}

/// The review page's inside in a screen body of `area`.
fn review_inner(app: &App, area: Rect) -> Rect {
    frame_block(app.words().review, &app.theme).inner(area)
}

/// How far the review page can scroll in a screen body of `area`, and the rows of each
/// question's block.
pub(super) fn review_room(app: &App, view: &FlowView, area: Rect) -> (Room, Vec<(u16, u16)>) {
    let inner = review_inner(app, area);
    let (lines, blocks) = review_text(app, view, inner.width);
    let total = blocks.last().map_or(lines.len() as u16, |b| b.1);
    (
        Room {
            page: inner.height,
            total,
        },
        blocks,
    )
}

fn review(app: &App, view: &FlowView, frame: &mut Frame, area: Rect) {
    let w = app.words();
    let t = &app.theme;
    let inner = review_inner(app, area);
    let (room, _) = review_room(app, view, area);
    let mut block = frame_block(w.review, t)
        .title_bottom(Line::from(Span::styled(format!(" {} ", view.title), t.dim)));
    if let Some(at) = position(view.review_scroll, room, w.of) {
        block =
            block.title_bottom(Line::from(Span::styled(format!(" {at} "), t.dim)).right_aligned());
    }
    frame.render_widget(block, area);
    let (lines, _) = review_text(app, view, inner.width);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((view.review_scroll.shown(room), 0)),
        inner,
    );
}

/// What the flow starts from, above its questions: the plan an after-action review looks back
/// on, or what the last check-in meant to try; then a blank line.
fn context_lines(app: &App, view: &FlowView) -> Vec<Line<'static>> {
    let w = app.words();
    let t = &app.theme;
    let mut lines = Vec::new();
    match &view.context {
        Some(FlowContext::Plan(p)) => {
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", w.your_plan), t.key),
                Span::raw(p.title.clone()),
            ]));
            for (label, value) in [
                (w.expect, p.expectation.clone()),
                (w.signal, p.signal.clone()),
                (w.with, p.with.join(", ")),
            ] {
                if !value.trim().is_empty() {
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {label}: "), t.dim),
                        Span::raw(value),
                    ]));
                }
            }
        }
        Some(FlowContext::MeantTo(m)) => {
            let when = crate::tui::words::relative_day(m.day, app.today(), app.lang);
            let text = fill(
                w.meant_to,
                &[
                    ("when", &when),
                    (
                        "text",
                        crate::width::one_line(&m.text).trim_end_matches('.'),
                    ),
                ],
            );
            lines.push(Line::from(Span::styled(text, t.key)));
        }
        None => return lines,
    }
    lines.push(Line::raw(""));
    lines
}

/// Under a date answer: the date read from it in words, or how to write one.
fn date_line(app: &App, view: &FlowView, i: usize) -> Line<'static> {
    let w = app.words();
    let t = &app.theme;
    let today = app.today();
    let typed = !view.flow.values[i].trim().is_empty();
    match view.flow.look_back(today) {
        Ok(d) if typed => Line::from(Span::styled(
            fill(w.date_read, &[("date", &date_in_words(d, today, app.lang))]),
            t.ok,
        )),
        Ok(_) => Line::from(Span::styled(w.date_how, t.dim)),
        Err(_) => Line::from(Span::styled(w.date_how, t.error)),
    }
}

/// How many rows `lines` take when wrapped at `width`.
fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(width))
        .sum::<usize>()
        .try_into()
        .unwrap_or(u16::MAX)
}
