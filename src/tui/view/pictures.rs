//! Pictures where people would rather look: the relational-coordination map, the rhythm's
//! calendar (weeks × weekdays) and scale answers over time as a chart.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Cell, Chart, Dataset, GraphType, List, ListItem, ListState, Paragraph, Row, Table,
    TableState, Wrap,
};

use super::frame_block;
use crate::pictures::Score;
use crate::tui::app::App;
use crate::tui::app::looping::{CalendarView, ChartView, RcMapView};
use crate::tui::words::{dimension, fill, month_name};

/// A score with its change: `4 ▲`, `2 ▼`, `3 =`, or `3` the first time.
fn score_text(s: Option<Score>) -> String {
    match s {
        None => "·".to_string(),
        Some(s) => match s.change() {
            Some(c) if c > 0 => format!("{} ▲", s.latest),
            Some(c) if c < 0 => format!("{} ▼", s.latest),
            Some(_) => format!("{} =", s.latest),
            None => s.latest.to_string(),
        },
    }
}

/// The map: a row per counterpart, the seven dimensions as columns, the weakest tie marked »
/// and its weakest score in brackets; below, what the highlighted tie is weakest in.
pub(super) fn rc_map(app: &App, view: &RcMapView, frame: &mut Frame, area: Rect) {
    let w = app.words();
    let t = &app.theme;
    let block = frame_block(w.rc_title, t);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let map = &view.map;
    if map.ties.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(w.no_rc, t.dim)).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let [table_area, info_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(4)]).areas(inner);
    let column: u16 = if inner.width < 100 { 7 } else { 12 };
    let mut widths = vec![Constraint::Fill(1)];
    widths.extend(map.dimensions.iter().map(|_| Constraint::Length(column)));
    let mut header = vec![Cell::from(w.counterpart)];
    header.extend(
        map.dimensions
            .iter()
            .map(|d| Cell::from(dimension_column(&d.id, app.lang, usize::from(column)))),
    );
    let rows: Vec<Row> = map
        .ties
        .iter()
        .enumerate()
        .map(|(i, tie)| {
            let weakest_row = map.weakest == Some(i);
            let weakest_cell = tie.weakest_dimension(&map.dimensions);
            let mark = if weakest_row { "» " } else { "  " };
            let mut cells = vec![Cell::from(Span::styled(
                format!("{mark}{}", tie.counterpart),
                if weakest_row { t.error } else { t.title },
            ))];
            for (j, s) in tie.scores.iter().enumerate() {
                let text = score_text(*s);
                let style = match s.and_then(|s| s.change()) {
                    Some(c) if c > 0 => t.ok,
                    Some(c) if c < 0 => t.error,
                    _ => Style::new(),
                };
                let cell = if weakest_row && weakest_cell == Some(j) {
                    Cell::from(Span::styled(format!("[{text}]"), t.error))
                } else {
                    Cell::from(Span::styled(format!(" {text}"), style))
                };
                cells.push(cell);
            }
            Row::new(cells)
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(t.dim).bottom_margin(1))
        .row_highlight_style(t.selected)
        .column_spacing(1);
    let mut state = TableState::default().with_selected(Some(view.selected));
    frame.render_stateful_widget(table, table_area, &mut state);

    let mut info = Vec::new();
    if let Some(tie) = map.ties.get(view.selected)
        && let Some(j) = tie.weakest_dimension(&map.dimensions)
        && let Some(score) = tie.scores[j]
    {
        let d = &map.dimensions[j];
        let template = if map.weakest == Some(view.selected) {
            w.weakest_tie
        } else {
            w.selected_tie
        };
        let text = fill(
            template,
            &[
                ("counterpart", &tie.counterpart),
                ("dimension", dimension(&d.id, app.lang)),
                ("score", &score.latest.to_string()),
                ("max", &d.max.to_string()),
            ],
        );
        info.push(Line::from(Span::styled(text, t.key)));
        let day = tie.day.format("%Y-%m-%d").to_string();
        let times = fill(
            w.answered_times,
            &[("n", &tie.times.to_string()), ("day", &day)],
        );
        info.push(Line::from(Span::styled(
            format!("{} ({times})", d.question),
            t.dim,
        )));
    }
    frame.render_widget(Paragraph::new(info).wrap(Wrap { trim: true }), info_area);
}

/// A dimension's column header, in at most `column` cells: the few words of
/// [`dimension`] where they fit, a shorter form where they do not.
fn dimension_column(id: &str, lang: crate::journal::Language, column: usize) -> String {
    let name = dimension(id, lang);
    if name.chars().count() <= column {
        return name.to_string();
    }
    let (en, da) = match id {
        "frequent" => ("freq.", "hyppig"),
        "timely" => ("timely", "rettid."),
        "accurate" => ("accur.", "præcis"),
        "problem-solving" => ("solving", "løsning"),
        "shared-goals" => ("goals", "mål"),
        "shared-knowledge" => ("knowl.", "viden"),
        "mutual-respect" => ("respect", "respekt"),
        _ => (name, name),
    };
    let short = match lang {
        crate::journal::Language::English => en,
        crate::journal::Language::Danish => da,
    };
    crate::width::fit(short, column)
}

/// A day's cell in the calendar, by how many records it had.
fn shade(n: u32) -> &'static str {
    match n {
        0 => "·",
        1 => "░",
        2 => "▒",
        _ => "▓",
    }
}

pub(super) fn calendar(app: &App, view: &CalendarView, frame: &mut Frame, area: Rect) {
    let w = app.words();
    let t = &app.theme;
    let block = frame_block(w.calendar_title, t);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let c = &view.calendar;
    // Two cells a week after the weekday's name; as many of the newest weeks as fit.
    let fit = usize::from(inner.width.saturating_sub(4) / 2).max(1);
    let shown = fit.min(c.weeks.len());
    let first = c.weeks.len() - shown;
    let weekdays: Vec<&str> = w.weekdays.split(' ').collect();
    let working_days = matches!(
        view.rhythm.map(|r| r.rhythm),
        Some(crate::rhythm::Rhythm::WorkingDays)
    );
    let mut lines = Vec::new();
    // Month names over the week each month starts in.
    let mut months = String::from("   ");
    for week in first..c.weeks.len() {
        let (monday, sunday) = (c.day(week, 0), c.day(week, 6));
        let col = 3 + (week - first) * 2;
        if (monday.day() == 1 || sunday.day() < monday.day()) && months.chars().count() <= col {
            let name: String = month_name(sunday, app.lang).chars().take(3).collect();
            while months.chars().count() < col {
                months.push(' ');
            }
            months.push_str(&name);
        }
    }
    lines.push(Line::from(Span::styled(months, t.dim)));
    for (d, name) in weekdays.iter().enumerate().take(7) {
        let weekend = d >= 5;
        let quiet = weekend && working_days;
        let mut spans = vec![Span::styled(
            format!("{name} "),
            if quiet { t.dim } else { t.title },
        )];
        for week in first..c.weeks.len() {
            let day = c.day(week, d);
            let text = if day > c.today {
                "  ".to_string()
            } else {
                format!("{} ", shade(c.weeks[week][d]))
            };
            let style = if day == c.today {
                t.selected
            } else if quiet {
                t.dim
            } else {
                Style::new()
            };
            spans.push(Span::styled(text, style));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    let legend: Vec<&str> = w.calendar_legend.split(" · ").collect();
    let mut spans = vec![Span::raw("    ")];
    for (i, label) in legend.iter().enumerate() {
        spans.push(Span::raw(format!("{} ", shade(i as u32))));
        spans.push(Span::styled(format!("{label}   "), t.dim));
    }
    lines.push(Line::from(spans));
    let days = c.weeks[first..]
        .iter()
        .enumerate()
        .flat_map(|(i, week)| {
            week.iter()
                .enumerate()
                .filter(move |(d, _)| c.day(first + i, *d) <= c.today)
                .map(|(_, n)| *n)
        })
        .filter(|n| *n > 0)
        .count();
    lines.push(Line::from(Span::styled(
        format!(
            "    {}",
            fill(
                w.calendar_days,
                &[("days", &days.to_string()), ("weeks", &shown.to_string())]
            )
        ),
        t.dim,
    )));
    if let Some(r) = &view.rhythm {
        lines.push(Line::from(Span::styled(
            format!("    {}", super::home::rhythm_text(app, r)),
            t.key,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub(super) fn chart(app: &App, view: &ChartView, frame: &mut Frame, area: Rect) {
    let w = app.words();
    let t = &app.theme;
    let title = fill(w.charts_title, &[("title", &view.title)]);
    let block = frame_block(&title, t);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if view.trends.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(w.no_scales, t.dim)).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let list_height = u16::try_from(view.trends.len())
        .unwrap_or(u16::MAX)
        .min(inner.height / 3)
        .max(1);
    let [chart_area, list_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(list_height)]).areas(inner);
    let selected = view.selected.min(view.trends.len() - 1);
    let tr = &view.trends[selected];
    let first = tr.points.first().map(|p| p.0).unwrap_or(app.clock.today());
    let last = tr.points.last().map(|p| p.0).unwrap_or(first);
    let data: Vec<(f64, f64)> = tr
        .points
        .iter()
        .map(|(d, v)| ((*d - first).num_days() as f64, *v as f64))
        .collect();
    let span = ((last - first).num_days() as f64).max(1.0);
    let who = tr
        .counterpart
        .as_deref()
        .map(|c| format!(" [{c}]"))
        .unwrap_or_default();
    let name = format!("{}{who}", tr.label);
    let lines = Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(t.key)
        .data(&data);
    let dots = Dataset::default()
        .marker(Marker::Dot)
        .graph_type(GraphType::Scatter)
        .style(t.title)
        .data(&data);
    let answers = fill(
        w.answers_n,
        &[
            ("n", &tr.points.len().to_string()),
            ("from", &first.format("%Y-%m-%d").to_string()),
            ("until", &last.format("%Y-%m-%d").to_string()),
        ],
    );
    let y_labels: Vec<Line> = (tr.min..=tr.max)
        .map(|n| Line::raw(n.to_string()))
        .collect();
    let chart = Chart::new(vec![lines, dots])
        .block(
            ratatui::widgets::Block::default()
                .title(Span::styled(
                    crate::width::fit(&name, usize::from(chart_area.width.saturating_sub(2))),
                    t.title,
                ))
                .title_bottom(Line::from(Span::styled(answers, t.dim)).right_aligned()),
        )
        .x_axis(
            Axis::default()
                .bounds([0.0, span])
                .labels(vec![
                    Line::raw(first.format("%d %b").to_string()),
                    Line::raw(last.format("%d %b").to_string()),
                ])
                .style(t.dim),
        )
        .y_axis(
            Axis::default()
                .bounds([tr.min as f64, tr.max as f64])
                .labels(y_labels)
                .style(t.dim),
        );
    frame.render_widget(chart, chart_area);
    let width = usize::from(list_area.width);
    let items: Vec<ListItem> = view
        .trends
        .iter()
        .map(|tr| {
            let who = tr
                .counterpart
                .as_deref()
                .map(|c| format!(" [{c}]"))
                .unwrap_or_default();
            let newest = crate::summary::Trend {
                points: tr.points[tr.points.len().saturating_sub(6)..].to_vec(),
                ..tr.clone()
            };
            let tail = crate::width::fit(&crate::summary::trend_line(&newest), width / 2);
            let head = crate::width::fit(
                &format!("{}{who}", tr.label),
                width.saturating_sub(crate::width::cells(&tail) + 4),
            );
            ListItem::new(Line::from(vec![
                Span::raw(head),
                Span::raw("  "),
                Span::styled(tail, t.dim),
            ]))
        })
        .collect();
    let list = List::new(items)
        .highlight_style(t.selected)
        .highlight_symbol("▸ ");
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, list_area, &mut state);
}
