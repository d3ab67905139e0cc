//! Drawing: reads the app's state and paints it; never changes anything.

mod detail;
mod flow;
mod help;
mod home;
mod lists;
mod pictures;
mod summary;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::{App, LineInput, Screen};
use super::keymap::bindings;
use super::scroll::Room;
use super::theme::Theme;

/// The smallest window praxis draws in.
const MIN_WIDTH: u16 = 40;
const MIN_HEIGHT: u16 = 12;

/// Paints the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        frame.render_widget(
            Paragraph::new(app.words().too_small).wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let [top, body, status, footer] = rows(area, status_rows(app, area.width));
    draw_top(app, frame, top);
    match app.screens.last() {
        Some(Screen::Home { selected }) => home::draw(app, frame, body, *selected),
        None => home::draw(app, frame, body, 0),
        Some(Screen::PickSet {
            selected,
            sets,
            phase,
            ..
        }) => lists::pick_set(app, frame, body, *selected, sets, *phase),
        Some(Screen::Flow(v)) => flow::draw(app, v, frame, body),
        Some(Screen::Timeline(v)) => lists::timeline(app, v, frame, body),
        Some(Screen::Detail(v)) => detail::draw(app, v, frame, body),
        Some(Screen::Search(v)) => lists::search(app, v, frame, body),
        Some(Screen::Summary(v)) => summary::draw(app, v, frame, body),
        Some(Screen::RcMap(v)) => pictures::rc_map(app, v, frame, body),
        Some(Screen::Calendar(v)) => pictures::calendar(app, v, frame, body),
        Some(Screen::Chart(v)) => pictures::chart(app, v, frame, body),
    }
    if let Some(pending) = &app.pending_start {
        draw_question(app, &pending.question, frame, body);
    }
    draw_status(app, frame, status);
    draw_footer(app, frame, footer);
    if app.help {
        help::draw(app, frame, body);
    } else if app.orientation {
        help::orientation(app, frame, body);
    }
}

/// The screen's rows: the top line, the body, the status line and the footer.
fn rows(area: Rect, status: u16) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(status),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The most rows a message takes; a longer one is cut there, with its end marked.
const MOST_STATUS_ROWS: u16 = 4;

/// The status line's message, wrapped at words to `width`, never cut mid-word without a mark.
fn status_lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let Some(m) = &app.message else {
        return vec![Line::raw("")];
    };
    let style = if m.error {
        app.theme.error
    } else {
        app.theme.ok
    };
    let mut rows = crate::width::wrap_lines(&m.text, usize::from(width.saturating_sub(1)), " ");
    if rows.len() > usize::from(MOST_STATUS_ROWS) {
        rows.truncate(usize::from(MOST_STATUS_ROWS));
        let last = rows.last_mut().expect("some rows");
        *last = crate::width::fit(&format!("{last} …"), usize::from(width));
    }
    rows.into_iter()
        .map(|r| Line::from(Span::styled(r, style)))
        .collect()
}

/// How many rows the status line takes: one, or as many as its message needs.
fn status_rows(app: &App, width: u16) -> u16 {
    u16::try_from(status_lines(app, width).len()).unwrap_or(1)
}

/// How far the open record's text can scroll on a screen of `size` (columns, rows).
pub fn detail_room(app: &App, view: &super::app::DetailView, size: (u16, u16)) -> Room {
    let [_, body, _, _] = rows(Rect::new(0, 0, size.0, size.1), status_rows(app, size.0));
    detail::room(app, view, body)
}

/// How far the review page can scroll on a screen of `size`, and the rows of each question.
pub fn review_room(
    app: &App,
    view: &super::app::FlowView,
    size: (u16, u16),
) -> (Room, Vec<(u16, u16)>) {
    let [_, body, _, _] = rows(Rect::new(0, 0, size.0, size.1), status_rows(app, size.0));
    flow::review_room(app, view, body)
}

/// How far the summary can scroll on a screen of `size` (columns, rows).
pub fn summary_room(app: &App, view: &super::app::looping::SummaryView, size: (u16, u16)) -> Room {
    let [_, body, _, _] = rows(Rect::new(0, 0, size.0, size.1), status_rows(app, size.0));
    summary::room(app, view, body)
}

/// How far the help can scroll on a screen of `size` (columns, rows).
pub fn help_room(app: &App, size: (u16, u16)) -> Room {
    let [_, body, _, _] = rows(Rect::new(0, 0, size.0, size.1), status_rows(app, size.0));
    help::room(app, body)
}

/// `text` wrapped at word boundaries to `width` terminal cells, every row indented by
/// `indent` (so a long answer reads as one block under its question), its paragraphs kept.
fn indented(text: &str, indent: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    let options = textwrap::Options::new(usize::from(width).max(indent.len() + 8))
        .initial_indent(indent)
        .subsequent_indent(indent);
    // A terminal shows no tab the way the text means it: four spaces do.
    let text = text.replace('\t', "    ");
    textwrap::wrap(text.trim_end(), options)
        .into_iter()
        .map(|row| Line::from(Span::styled(row.into_owned(), style)))
        .collect()
}

/// A yes/no question in a box at the foot of `area`, over what is there.
fn draw_question(app: &App, question: &str, frame: &mut Frame, area: Rect) {
    let height = 4.min(area.height);
    let rect = Rect::new(
        area.x,
        area.y + area.height.saturating_sub(height),
        area.width,
        height,
    );
    frame.render_widget(ratatui::widgets::Clear, rect);
    frame.render_widget(
        Paragraph::new(Span::styled(question, app.theme.error))
            .wrap(Wrap { trim: true })
            .block(frame_block("?", &app.theme)),
        rect,
    );
}

fn draw_top(app: &App, frame: &mut Frame, area: Rect) {
    let meta = app.journal.meta();
    let date = long_date(app.clock.today(), app.lang);
    let line = Line::from(vec![
        Span::styled(format!(" {} ", app.words().app_name), app.theme.title),
        Span::raw("· "),
        Span::raw(meta.author_name.clone()),
        Span::styled(format!(" · {date}"), app.theme.dim),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// "Monday 23 November 2026", "mandag den 23. november 2026".
fn long_date(d: chrono::NaiveDate, lang: crate::journal::Language) -> String {
    match lang {
        crate::journal::Language::English => d.format("%A %-d %B %Y").to_string(),
        crate::journal::Language::Danish => danish_date(d),
    }
}

/// "mandag den 23. november 2026", as Danes write a date.
fn danish_date(d: chrono::NaiveDate) -> String {
    use super::words::{month_name, weekday_name};
    use chrono::Datelike;
    let da = crate::journal::Language::Danish;
    format!(
        "{} den {}. {} {}",
        weekday_name(d, da),
        d.day(),
        month_name(d, da),
        d.year()
    )
}

fn draw_status(app: &App, frame: &mut Frame, area: Rect) {
    if app.message.is_some() {
        frame.render_widget(Paragraph::new(status_lines(app, area.width)), area);
    }
}

fn draw_footer(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    // Help first: whatever else the width cuts, the way to every key stays visible.
    let mut keys: Vec<_> = bindings(app.mode())
        .into_iter()
        .filter(|b| b.footer)
        .collect();
    keys.sort_by_key(|b| b.action != super::action::Action::Help);
    for b in keys {
        spans.push(Span::styled(
            format!(" {}", b.keys(app.lang)),
            app.theme.key,
        ));
        spans.push(Span::styled(
            format!(" {} ", b.label(app.lang)),
            app.theme.dim,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A titled box around a screen's body.
fn frame_block<'a>(title: &'a str, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.title))
}

/// A one-line input box over the bottom of `area`.
fn draw_line_input(frame: &mut Frame, area: Rect, label: &str, input: &LineInput, theme: &Theme) {
    let h = 3.min(area.height);
    let rect = Rect::new(area.x, area.y + area.height - h, area.width, h);
    frame.render_widget(Clear, rect);
    let block = frame_block(label, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(&input.text, inner);
}

/// A box for writing several lines over the lower part of `area` (at least 6 rows, up to
/// half of it).
fn draw_text_box(frame: &mut Frame, area: Rect, label: &str, input: &LineInput, theme: &Theme) {
    let h = (area.height / 2).max(6).min(area.height);
    let rect = Rect::new(area.x, area.y + area.height - h, area.width, h);
    frame.render_widget(Clear, rect);
    let block = frame_block(label, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    frame.render_widget(&input.text, inner);
}

/// `text` with the characters at `indices` in the matched style.
fn highlighted(text: &str, indices: &[usize], base: Style, matched: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in text.chars().enumerate() {
        let m = indices.binary_search(&i).is_ok();
        if m != run_matched && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_matched { matched } else { base },
            ));
        }
        run_matched = m;
        run.push(if c == '\n' { ' ' } else { c });
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_matched { matched } else { base }));
    }
    spans
}
