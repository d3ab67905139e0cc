//! What did I learn: a cycle's or a month's summary as a text that scrolls — the question, the
//! chain of experiments (expected against observed, whether the signal showed), next steps
//! carried or not, scale trends, what mentors and peers asked, what is overdue.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{frame_block, indented};
use crate::record::ExperimentStatus;
use crate::summary::{Overdue, Summary, signal_word, trend_line, words};
use crate::tui::app::{App, looping::SummaryView};
use crate::tui::scroll::{Room, position};

fn text(app: &App, s: &Summary, width: u16) -> Vec<Line<'static>> {
    let w = words(app.lang);
    let t = &app.theme;
    let lang = app.lang;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let heading = |lines: &mut Vec<Line<'static>>, text: &str| {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(text.to_string(), t.title)));
    };
    lines.push(Line::from(Span::styled(
        crate::summary::meta_line(s, lang),
        t.dim,
    )));
    for q in &s.questions {
        lines.extend(indented(&format!("{}: {q}", w.question), "", width, t.key));
    }
    if let Some(g) = &s.goal {
        lines.extend(indented(
            &format!("{}: {g}", w.goal),
            "",
            width,
            Style::new(),
        ));
    }

    heading(&mut lines, w.chain);
    if s.chain.is_empty() {
        lines.push(Line::from(Span::styled(format!("  {}", w.none), t.dim)));
    }
    for l in &s.chain {
        let pad = "  ".repeat(l.depth + 1);
        let arrow = if l.depth > 0 { "↳ " } else { "" };
        let version = if l.depth > 0 {
            format!(" (v{})", l.depth + 1)
        } else {
            String::new()
        };
        let status = crate::tui::words::experiment_status(l.status, lang);
        let style = match l.status {
            ExperimentStatus::Done => t.ok,
            ExperimentStatus::Dropped => t.dim,
            _ => t.key,
        };
        lines.push(Line::from(vec![
            Span::raw(format!("{pad}{arrow}")),
            Span::styled(format!("{}{version}", l.title), t.title),
            Span::styled(format!(" · {status}"), style),
        ]));
        let inner = format!("{pad}    ");
        if !l.expected.is_empty() {
            lines.extend(indented(
                &format!("{}: {}", w.expected, l.expected),
                &inner,
                width,
                Style::new(),
            ));
        }
        let observed = l.observed.as_deref().unwrap_or(w.not_logged);
        lines.extend(indented(
            &format!("{}: {observed}", w.observed),
            &inner,
            width,
            if l.observed.is_some() {
                Style::new()
            } else {
                t.dim
            },
        ));
        if !l.signal.is_empty() || l.signal_met.is_some() {
            let met = l
                .signal_met
                .map(|m| format!("{}{}: {}", w.dash, w.signal_showed, signal_word(m, lang)))
                .unwrap_or_default();
            lines.extend(indented(
                &format!("{}: {}{met}", w.signal, l.signal),
                &inner,
                width,
                t.dim,
            ));
        }
    }

    heading(&mut lines, w.next_steps);
    if s.next_steps.is_empty() {
        lines.push(Line::from(Span::styled(format!("  {}", w.none), t.dim)));
    }
    for n in &s.next_steps {
        let fate = if n.carried_into.is_empty() {
            w.not_carried.to_string()
        } else {
            let titles: Vec<String> = n
                .carried_into
                .iter()
                .filter_map(|id| s.chain.iter().find(|l| l.id == *id))
                .map(|l| format!("“{}”", l.title))
                .collect();
            if titles.is_empty() {
                w.carried.to_string()
            } else {
                format!("{} {}", w.carried, titles.join(", "))
            }
        };
        let style = if n.carried_into.is_empty() {
            t.error
        } else {
            t.ok
        };
        lines.extend(indented(
            &format!("{} · {}", n.day.format("%Y-%m-%d"), n.text),
            "  ",
            width,
            Style::new(),
        ));
        lines.extend(indented(&format!("→ {fate}"), "    ", width, style));
    }

    if !s.trends.is_empty() {
        heading(&mut lines, w.trends);
        for tr in &s.trends {
            let who = tr
                .counterpart
                .as_deref()
                .map(|c| format!(" [{c}]"))
                .unwrap_or_default();
            let style = match tr.change() {
                Some(c) if c > 0 => t.ok,
                Some(c) if c < 0 => t.error,
                _ => Style::new(),
            };
            lines.extend(indented(&format!("{}{who}", tr.label), "  ", width, t.dim));
            lines.push(Line::from(Span::styled(
                format!("    {} ({}–{})", recent(tr), tr.min, tr.max),
                style,
            )));
        }
    }

    if !s.asked.is_empty() {
        heading(&mut lines, w.asked);
        for a in &s.asked {
            lines.push(Line::from(Span::styled(
                format!(
                    "  {} · {} · “{}”",
                    a.author_name,
                    a.created.with_timezone(&chrono::Local).format("%Y-%m-%d"),
                    a.on_title
                ),
                t.key,
            )));
            lines.extend(indented(&a.text, "    ", width, Style::new()));
        }
    }

    if !s.closing.is_empty() {
        heading(&mut lines, w.closing);
        for c in &s.closing {
            lines.extend(indented(&c.question, "  ", width, t.dim));
            lines.extend(indented(&c.answer, "    ", width, Style::new()));
        }
    }

    heading(&mut lines, w.overdue);
    if s.overdue.is_empty() {
        lines.push(Line::from(Span::styled(format!("  {}", w.none), t.dim)));
    }
    let today = app.clock.today();
    for o in &s.overdue {
        let text = match o {
            Overdue::LookBack { title, date, .. } => format!(
                "{} {}: {title}",
                w.look_back,
                crate::tui::words::relative_day(*date, today, lang)
            ),
            Overdue::FollowUp { follow_up, title } => format!(
                "{} ({} d) {}: {title}",
                w.follow_up,
                follow_up.days,
                crate::tui::words::relative_day(follow_up.date, today, lang)
            ),
            Overdue::Reflection { title, .. } => format!("{}: {title}", w.owed),
        };
        lines.extend(indented(&text, "  ", width, t.error));
    }
    lines
}

/// The newest answers of a trend as a line, `… 3 → 4 → 2 ▼` when there are many.
fn recent(tr: &crate::summary::Trend) -> String {
    const SHOWN: usize = 8;
    if tr.points.len() <= SHOWN {
        return trend_line(tr);
    }
    let tail = crate::summary::Trend {
        points: tr.points[tr.points.len() - SHOWN..].to_vec(),
        ..tr.clone()
    };
    format!("{} × · … {}", tr.points.len(), trend_line(&tail))
}

/// How far the summary can scroll in a screen body of `area`.
pub(super) fn room(app: &App, view: &SummaryView, area: Rect) -> Room {
    let inner = frame_block("", &app.theme).inner(area);
    let total = Paragraph::new(text(app, &view.summary, inner.width))
        .wrap(Wrap { trim: false })
        .line_count(inner.width);
    Room {
        page: inner.height,
        total: u16::try_from(total).unwrap_or(u16::MAX),
    }
}

pub(super) fn draw(app: &App, view: &SummaryView, frame: &mut Frame, area: Rect) {
    let w = words(app.lang);
    let t = &app.theme;
    // A month in words ("december 2026"), as a cycle by its theme.
    let about = match view.summary.scope {
        crate::summary::Scope::Month { year, .. } => format!(
            "{} {year}",
            crate::tui::words::month_name(view.summary.from, app.lang)
        ),
        _ => view.summary.title.clone(),
    };
    let title = format!("{}: {about}", w.summary);
    let room = room(app, view, area);
    let mut block = frame_block(&title, t);
    if let Some(at) = position(view.scroll, room, app.words().of) {
        block =
            block.title_bottom(Line::from(Span::styled(format!(" {at} "), t.dim)).right_aligned());
    }
    let width = block.inner(area).width;
    frame.render_widget(
        Paragraph::new(text(app, &view.summary, width))
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((view.scroll.shown(room), 0)),
        area,
    );
}
