//! The home screen: today's check-in and streak, experiments due, active cycles, a kept draft.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::frame_block;
use crate::record::{Content, Kind};
use crate::tui::app::App;
use crate::tui::words::fill;

pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect, selected: usize) {
    let w = app.words();
    let t = &app.theme;
    let today = app.clock.today();
    let home = &app.home;
    let mut lines: Vec<Line> = Vec::new();
    let width = frame_block("", t).inner(area).width;
    // Where the selected row is, so a long home scrolls to keep it in view.
    let mut selected_line = 0;

    if let Some(draft) = &app.draft {
        let title = app.draft_title(draft);
        let at = match draft.step {
            crate::flow::Step::Question(i) => i + 1,
            crate::flow::Step::Review => draft.values.len(),
        };
        let text = fill(
            w.draft_waiting,
            &[
                ("title", &title),
                ("n", &at.to_string()),
                ("total", &draft.values.len().to_string()),
            ],
        );
        lines.push(Line::from(Span::styled(text, t.key)));
        lines.push(Line::raw(""));
    }

    if let Some((_, title)) = app.unread.first() {
        let mut names: Vec<&str> = Vec::new();
        for (c, _) in &app.unread {
            if !names.contains(&c.author_name.as_str()) {
                names.push(&c.author_name);
            }
        }
        let names = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!("{}{}{last}", rest.join(", "), w.and)
            }
            _ => names.join(""),
        };
        let text = if app.unread.len() == 1 {
            fill(w.unread_one, &[("names", &names), ("title", title)])
        } else {
            fill(
                w.unread_many,
                &[("n", &app.unread.len().to_string()), ("names", &names)],
            )
        };
        lines.extend(super::indented(
            &text,
            "",
            area.width.saturating_sub(2),
            t.key,
        ));
        lines.push(Line::raw(""));
    }

    let rhythm = match &home.rhythm {
        Some(r) => rhythm_text(app, r),
        None => {
            let unit = if home.streak == 1 { w.day } else { w.days };
            fill(w.streak, &[("n", &home.streak.to_string()), ("unit", unit)])
        }
    };
    lines.push(Line::from(vec![
        Span::styled(format!("{}: ", w.checkin), t.title),
        if home.checked_in {
            Span::styled(w.checkin_done, t.ok)
        } else {
            Span::raw(w.checkin_open)
        },
        Span::styled(format!("  ·  {rhythm}"), t.dim),
    ]));
    if let Some(meant) = &app.meant {
        let when = relative(meant.day, today, app);
        let text = fill(
            w.meant_to,
            &[
                ("when", &when),
                (
                    "text",
                    crate::width::one_line(&meant.text).trim_end_matches('.'),
                ),
            ],
        );
        lines.extend(super::indented(&text, "  ", width, t.key));
    }
    for nudge in &app.nudges {
        lines.extend(super::indented(nudge, "  ", width, t.key));
    }
    lines.push(Line::raw(""));

    lines.push(Line::from(Span::styled(w.due, t.title)));
    if home.due.is_empty() {
        lines.extend(super::indented(w.nothing_due, "  ", width, t.dim));
    }
    for (i, r) in home.due.iter().enumerate() {
        let when = match &r.content {
            Content::Experiment {
                follow_up: Some(d), ..
            } => relative(*d, today, app),
            _ => String::new(),
        };
        let style = if i == selected {
            selected_line = lines.len();
            t.selected
        } else {
            ratatui::style::Style::new()
        };
        let status = format!(" {} {when}", w.look_back);
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {} ", fitted(&r.display_title(), &status, width)),
                style,
            ),
            Span::styled(status, t.dim),
        ]));
    }
    lines.push(Line::raw(""));

    lines.push(Line::from(Span::styled(w.active_cycles, t.title)));
    if home.cycles.is_empty() {
        let none = if home.concluded.is_empty() {
            w.no_cycles
        } else {
            w.no_active_cycle
        };
        lines.extend(super::indented(none, "  ", width, t.dim));
    }
    for (j, c) in home.cycles.iter().enumerate() {
        let row = home.due.len() + j;
        let style = if row == selected {
            selected_line = lines.len();
            t.selected
        } else {
            ratatui::style::Style::new()
        };
        let mut status = format!(
            " {}: {} · {} · {}",
            w.phase,
            c.phase.label(app.lang),
            crate::tui::words::count(c.experiments, Kind::Experiment, app.lang),
            crate::tui::words::count(c.reflections, Kind::Reflection, app.lang),
        );
        if !c.state.owed.is_empty() {
            status.push_str(&format!(" · {}", w.owed));
        }
        let title = c.record.display_title();
        if crate::width::cells(&title) + crate::width::cells(&status) + 3 > usize::from(width) {
            // No room for both on a row: the status goes under the title.
            lines.push(Line::from(Span::styled(
                format!("  {}", crate::width::fit(&title, usize::from(width) - 2)),
                style,
            )));
            lines.push(Line::from(Span::styled(format!("   {status}"), t.dim)));
        } else {
            lines.push(Line::from(vec![
                Span::styled(format!("  {} ", fitted(&title, &status, width)), style),
                Span::styled(status, t.dim),
            ]));
        }
        if let Content::Cycle { question, .. } = &c.record.content
            && !question.is_empty()
        {
            lines.extend(super::indented(question, "    ", width, t.dim));
        }
    }
    if !home.concluded.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(w.concluded_cycles, t.title)));
    }
    for (k, c) in home.concluded.iter().enumerate() {
        let row = home.due.len() + home.cycles.len() + k;
        let style = if row == selected {
            selected_line = lines.len();
            t.selected
        } else {
            ratatui::style::Style::new()
        };
        let status = format!(
            " {} {}",
            crate::tui::words::cycle_status(crate::record::CycleStatus::Concluded, app.lang),
            c.updated.with_timezone(&chrono::Local).format("%Y-%m-%d")
        );
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {} ", fitted(&c.display_title(), &status, width)),
                style,
            ),
            Span::styled(status, t.dim),
        ]));
    }

    let block = frame_block(w.today, t);
    let page = block.inner(area).height;
    let rows_before = |n: usize| {
        let count = Paragraph::new(lines[..n].to_vec())
            .wrap(Wrap { trim: false })
            .line_count(width);
        u16::try_from(count).unwrap_or(u16::MAX)
    };
    // The selected row and the line after it (a cycle's question) stay in view.
    let below = rows_before((selected_line + 2).min(lines.len()));
    let offset = below.saturating_sub(page);
    let room = crate::tui::scroll::Room {
        page,
        total: rows_before(lines.len()),
    };
    let at = crate::tui::scroll::Scroll { offset };
    let block = match crate::tui::scroll::position(at, room, w.of) {
        Some(p) => {
            block.title_bottom(Line::from(Span::styled(format!(" {p} "), t.dim)).right_aligned())
        }
        None => block,
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((offset, 0)),
        area,
    );
}

/// How the rhythm the user set stands: "working days: 4 days in a row", "3 a week: 2 this
/// week · 5 weeks in a row".
pub(super) fn rhythm_text(app: &App, r: &crate::rhythm::RhythmRun) -> String {
    let w = app.words();
    let unit = match (r.in_weeks, r.run == 1) {
        (true, true) => w.week,
        (true, false) => w.weeks,
        (false, true) => w.day,
        (false, false) => w.days,
    };
    let run = fill(
        w.rhythm_run,
        &[
            ("rhythm", &r.rhythm.label(app.lang)),
            ("n", &r.run.to_string()),
            ("unit", unit),
        ],
    );
    if r.in_weeks {
        let week = fill(w.this_week, &[("n", &r.this_week.to_string())]);
        format!("{run} · {week}")
    } else {
        run
    }
}

/// A row's title cut with … so its status still fits on the row (a title keeps at least 24
/// cells; a status longer than that wraps below).
fn fitted(title: &str, status: &str, width: u16) -> String {
    let room = usize::from(width)
        .saturating_sub(crate::width::cells(status) + 3)
        .max(24);
    crate::width::fit(title, room)
}

/// "in 3 days", "3 days ago", in the app's language.
pub(super) fn relative(date: chrono::NaiveDate, today: chrono::NaiveDate, app: &App) -> String {
    crate::tui::words::relative_day(date, today, app.lang)
}
