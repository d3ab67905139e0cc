//! The help overlay (every key of the current screen) and the first-start orientation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::frame_block;
use crate::tui::app::App;
use crate::tui::keymap::bindings;
use crate::tui::scroll::{Room, position};

/// The widest the overlays get.
const MAX_WIDTH: u16 = 80;
/// A key's column: the keys as written, then what they do.
const KEYS: usize = 12;

/// The keys of the screen under the help, in two columns where they fit side by side.
fn lines(app: &App, width: u16, scrolls: bool) -> Vec<Line<'static>> {
    let t = &app.theme;
    let entries: Vec<(String, &'static str)> = bindings(app.mode())
        .into_iter()
        .map(|b| (b.keys(app.lang).to_string(), b.label(app.lang)))
        .collect();
    let label_w = entries
        .iter()
        .map(|(_, label)| label.chars().count())
        .max()
        .unwrap_or(0);
    // Each column's keys are as wide as its longest key name ("PgDn/mellemrum") needs.
    let keys_w = |list: &[(String, &str)]| {
        list.iter()
            .map(|(k, _)| k.chars().count() + 1)
            .max()
            .unwrap_or(0)
            .max(KEYS)
    };
    let half = entries.len().div_ceil(2);
    let (left, right) = entries.split_at(half);
    let two = [keys_w(left), keys_w(right)];
    let columns = if usize::from(width) >= 2 * (2 + label_w + 2) + two[0] + two[1] {
        2
    } else {
        1
    };
    let rows = entries.len().div_ceil(columns);
    let widths = if columns == 2 {
        two
    } else {
        [keys_w(&entries), 0]
    };
    let mut lines = Vec::new();
    for row in 0..rows {
        let mut spans = Vec::new();
        for (c, keys_w) in widths.iter().copied().enumerate().take(columns) {
            let Some((keys, label)) = entries.get(c * rows + row) else {
                continue;
            };
            spans.push(Span::styled(format!("  {keys:<keys_w$}"), t.key));
            let pad = if c + 1 < columns { label_w + 2 } else { 0 };
            spans.push(Span::raw(format!("{label:<pad$}")));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    let close = if scrolls {
        app.words().help_scroll_close
    } else {
        app.words().help_close
    };
    lines.push(Line::from(Span::styled(format!("  {close}"), t.dim)));
    lines
}

/// Where the help goes in a screen body of `area`, and how far it can scroll there.
fn place(app: &App, area: Rect) -> (Rect, Vec<Line<'static>>, Room) {
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    let inner_width = width.saturating_sub(2);
    let count = |lines: &[Line<'static>]| {
        let n = Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: false })
            .line_count(inner_width);
        u16::try_from(n).unwrap_or(u16::MAX)
    };
    let mut lines = lines(app, inner_width, false);
    let mut total = count(&lines);
    if total.saturating_add(2) > area.height {
        lines = self::lines(app, inner_width, true);
        total = count(&lines);
    }
    let height = total.saturating_add(2).min(area.height);
    let rect = centred(area, width, height);
    let room = Room {
        page: height.saturating_sub(2),
        total,
    };
    (rect, lines, room)
}

/// How far the help can scroll in a screen body of `area`.
pub(super) fn room(app: &App, area: Rect) -> Room {
    place(app, area).2
}

pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let (rect, lines, room) = place(app, area);
    let mut block = frame_block(app.words().help_title, &app.theme);
    if let Some(at) = position(app.help_scroll, room, app.words().of) {
        block = block.title_bottom(
            Line::from(Span::styled(format!(" {at} "), app.theme.dim)).right_aligned(),
        );
    }
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((app.help_scroll.shown(room), 0)),
        rect,
    );
}

pub(super) fn orientation(app: &App, frame: &mut Frame, area: Rect) {
    let text = if app.demo {
        app.words().demo_orientation
    } else {
        app.words().orientation
    };
    let mut lines: Vec<Line> = text.iter().map(|l| Line::raw(format!(" {l}"))).collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        format!(" {}", app.words().help_close),
        app.theme.dim,
    )));
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    let total = Paragraph::new(lines.clone())
        .wrap(Wrap { trim: false })
        .line_count(width.saturating_sub(2));
    let height = u16::try_from(total)
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(area.height);
    let rect = centred(area, width, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(app.words().welcome, &app.theme))
            .wrap(Wrap { trim: false }),
        rect,
    );
}

fn centred(area: Rect, width: u16, height: u16) -> Rect {
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
