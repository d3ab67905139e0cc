//! One record whole: its fields, answers, links, linked records and comments.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::home::relative;
use super::{draw_line_input, frame_block, indented};
use crate::prompts::Phase;
use crate::prompts::show_answer;
use crate::record::{Comment, Content, Record};
use crate::tui::app::{App, DetailView};
use crate::tui::scroll::{Room, position};
use crate::tui::words;

/// What a record's text is made of: the record and what is known around it.
pub(super) struct Shown<'a> {
    pub record: &'a Record,
    /// Whose it is, when another journal's.
    pub from: Option<&'a str>,
    /// Titles of what it links to.
    pub links: &'a [(String, String)],
    /// Where a cycle stands.
    pub phase: Option<Phase>,
    /// A cycle's experiments still owed a reflection.
    pub owed: &'a [String],
    pub comments: &'a [Comment],
}

fn shown(view: &DetailView) -> Shown<'_> {
    Shown {
        record: &view.record,
        from: view.from.as_deref(),
        links: &view.links,
        phase: view.phase,
        owed: &view.owed,
        comments: &view.comments,
    }
}

fn text(app: &App, view: &DetailView, width: u16) -> Vec<Line<'static>> {
    record_text(app, &shown(view), width)
}

/// A record's text as the record view and the timeline's preview show it, wrapped to `width`.
pub(super) fn record_text(app: &App, view: &Shown, width: u16) -> Vec<Line<'static>> {
    let w = app.words();
    let t = &app.theme;
    let r = view.record;
    let lang = app.lang;
    let mut lines = vec![Line::from(vec![
        Span::styled(words::kind(r.kind(), lang), t.dim),
        Span::styled(
            format!(
                " · {} {}",
                w.visibility,
                words::visibility(r.visibility, lang)
            ),
            t.shared,
        ),
        Span::styled(
            format!(
                " · {}",
                r.created
                    .with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
            ),
            t.dim,
        ),
    ])];
    if let Some(name) = view.from {
        lines.push(Line::from(Span::styled(
            format!("{} {name}", w.from),
            t.key,
        )));
    }
    if !r.tags.is_empty() {
        let tags: Vec<String> = r.tags.iter().map(|x| format!("#{x}")).collect();
        lines.push(Line::from(Span::styled(
            format!("{}: {}", w.tags, tags.join(" ")),
            t.dim,
        )));
    }
    for (label, title) in view.links {
        lines.push(Line::from(Span::styled(format!("{label}: {title}"), t.dim)));
    }
    lines.push(Line::raw(""));
    let field = |label: &str, value: &str| {
        Line::from(vec![
            Span::styled(format!("{label}: "), t.title),
            Span::raw(value.to_string()),
        ])
    };
    match &r.content {
        Content::Note => {}
        Content::Cycle {
            question, status, ..
        } => {
            lines.push(field(w.status, words::cycle_status(*status, lang)));
            if let Some(p) = view.phase {
                lines.push(field(w.phase, p.label(lang)));
            }
            for title in view.owed {
                lines.push(Line::from(vec![
                    Span::styled(format!("{}: ", w.owed_on), t.error),
                    Span::raw(title.clone()),
                ]));
            }
            if !question.is_empty() {
                lines.push(Line::from(Span::styled(question.clone(), t.title)));
            }
        }
        Content::Experiment {
            with,
            expectation,
            signal,
            follow_up,
            status,
            outcome,
            signal_met,
            ..
        } => {
            lines.push(field(w.status, words::experiment_status(*status, lang)));
            if !with.is_empty() {
                lines.push(field(w.with, &with.join(", ")));
            }
            if !expectation.is_empty() {
                lines.push(field(w.expect, expectation));
            }
            if !signal.is_empty() {
                lines.push(field(w.signal, signal));
            }
            if let Some(d) = follow_up {
                lines.push(field(
                    w.look_back,
                    &format!("{d} ({})", relative(*d, app.clock.today(), app)),
                ));
            }
            if let Some(o) = outcome {
                lines.push(field(w.outcome, o));
            }
            if let Some(m) = signal_met {
                let sw = crate::summary::words(lang);
                lines.push(field(
                    sw.signal_showed,
                    crate::summary::signal_word(*m, lang),
                ));
            }
        }
        Content::Reflection { set, answers, .. } => {
            let prompt_set = app.library.get(set);
            let carries = prompt_set.is_some_and(|s| {
                s.carrying().any(|q| {
                    answers
                        .iter()
                        .any(|a| a.question == q.id && !a.value.to_text().trim().is_empty())
                })
            });
            for (i, a) in answers.iter().enumerate() {
                let (asked, value) = show_answer(prompt_set, a, lang);
                if i > 0 {
                    lines.push(Line::raw(""));
                }
                lines.push(Line::from(Span::styled(asked, t.title)));
                lines.extend(indented(&value, "  ", width, Style::new()));
                if let Some(why) = &a.why {
                    lines.extend(indented(&format!("{} {why}", w.why), "  ", width, t.dim));
                }
            }
            if carries && view.from.is_none() {
                lines.push(Line::raw(""));
                lines.extend(indented(w.carry_hint, "", width, t.key));
            }
        }
    }
    if !r.body.trim().is_empty() {
        if lines.last().is_some_and(|l| l.width() > 0) {
            lines.push(Line::raw(""));
        }
        lines.extend(indented(&r.body, "", width, Style::new()));
    }
    if !view.comments.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(Span::styled(w.comments, t.title)));
        for c in view.comments {
            lines.push(Line::from(Span::styled(
                format!(
                    "  {} · {}",
                    c.author_name,
                    c.created
                        .with_timezone(&chrono::Local)
                        .format("%Y-%m-%d %H:%M")
                ),
                t.key,
            )));
            lines.extend(indented(&c.text, "    ", width, Style::new()));
        }
    }
    lines
}

/// The text's box above, the linked records' below (when there are any).
fn areas(view: &DetailView, area: Rect) -> [Rect; 2] {
    let linked_height = if view.listed_len() == 0 {
        0
    } else {
        (view.listed_len() as u16 + 2).min(area.height / 3)
    };
    Layout::vertical([Constraint::Fill(1), Constraint::Length(linked_height)]).areas(area)
}

/// How far the record's text can scroll in a screen body of `body`.
pub(super) fn room(app: &App, view: &DetailView, body: Rect) -> Room {
    let [text_area, _] = areas(view, body);
    let inner = frame_block("", &app.theme).inner(text_area);
    let total = Paragraph::new(text(app, view, inner.width))
        .wrap(Wrap { trim: false })
        .line_count(inner.width);
    Room {
        page: inner.height,
        total: u16::try_from(total).unwrap_or(u16::MAX),
    }
}

pub(super) fn draw(app: &App, view: &DetailView, frame: &mut Frame, area: Rect) {
    let w = app.words();
    let t = &app.theme;
    let r = &view.record;
    let lang = app.lang;
    let [text_area, linked_area] = areas(view, area);
    let title = r.display_title();
    let room = room(app, view, area);
    let mut block = frame_block(&title, t);
    if let Some(at) = position(view.scroll, room, w.of) {
        block =
            block.title_bottom(Line::from(Span::styled(format!(" {at} "), t.dim)).right_aligned());
    }
    let width = block.inner(text_area).width;
    frame.render_widget(
        Paragraph::new(text(app, view, width))
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((view.scroll.shown(room), 0)),
        text_area,
    );
    if view.listed_len() > 0 {
        let row = |label: String, l: &Record| {
            ListItem::new(Line::from(vec![
                Span::styled(
                    format!(
                        "{} {label:<11} ",
                        l.created.with_timezone(&chrono::Local).format("%Y-%m-%d"),
                    ),
                    t.dim,
                ),
                Span::raw(l.display_title()),
            ]))
        };
        let items: Vec<ListItem> = view
            .lineage
            .iter()
            .map(|(role, l)| {
                let label = match role {
                    crate::tui::app::Lineage::FollowsFrom => w.follows_from,
                    crate::tui::app::Lineage::FollowedBy => w.followed_by,
                };
                row(label.to_string(), l)
            })
            .chain(
                view.linked
                    .iter()
                    .map(|l| row(words::kind(l.kind(), lang).to_string(), l)),
            )
            .collect();
        let list = List::new(items)
            .block(frame_block(w.linked, t))
            .highlight_style(t.selected);
        let mut state = ListState::default().with_selected(Some(view.selected));
        frame.render_stateful_widget(list, linked_area, &mut state);
    }
    if view.confirm_delete {
        let question = words::fill(w.delete_confirm, &[("title", &title)]);
        super::draw_question(app, &question, frame, area);
    }
    if let Some(input) = &view.input {
        match input.purpose {
            crate::tui::app::LineFor::Comment => {
                super::draw_text_box(
                    frame,
                    area,
                    &comment_goes_to(view, app.reviewing, w),
                    input,
                    t,
                );
            }
            _ => draw_line_input(frame, area, w.tags_prompt, input, t),
        }
    }
}

/// The comment box's title: where a comment on this record will go, before it is saved.
fn comment_goes_to(
    view: &crate::tui::app::DetailView,
    reviewing: bool,
    w: &crate::tui::words::Words,
) -> String {
    use crate::record::CommentGoes;
    let text = match CommentGoes::of(view.from.is_none(), view.record.visibility, reviewing) {
        CommentGoes::ToAuthorAndNetwork => w.comment_to_peer,
        CommentGoes::ToAuthor => w.comment_to_mentee,
        CommentGoes::OnlyHere => w.comment_own_private,
        CommentGoes::ToMentor => w.comment_own_mentor,
        CommentGoes::ToMentorAndNetwork => w.comment_own_network,
    };
    crate::tui::words::fill(text, &[("name", view.from.as_deref().unwrap_or(""))])
}
