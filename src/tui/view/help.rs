//! The help overlay (every key of the current screen) and the first-start orientation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::frame_block;
use crate::tui::app::App;
use crate::tui::keymap::bindings;

pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut lines: Vec<Line> = bindings(app.mode())
        .into_iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!("  {:<12}", b.keys), t.key),
                Span::raw(b.action.label(app.lang)),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        format!("  {}", app.words().help_close),
        t.dim,
    )));
    overlay(app, frame, area, app.words().help_title, lines);
}

pub(super) fn orientation(app: &App, frame: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = app
        .words()
        .orientation
        .iter()
        .map(|l| Line::raw(format!(" {l}")))
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        format!(" {}", app.words().help_close),
        app.theme.dim,
    )));
    overlay(app, frame, area, app.words().welcome, lines);
}

fn overlay(app: &App, frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line>) {
    let width = area.width.saturating_sub(4).min(80);
    let text_width = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(text_width))
        .sum();
    let height = (rows as u16 + 2).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(title, &app.theme))
            .wrap(Wrap { trim: false }),
        rect,
    );
}
