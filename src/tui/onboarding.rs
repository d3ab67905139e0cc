//! The first start on an empty journal: the author's name and language.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;

use super::app::{query_text, text_area};
use super::theme::Theme;
use super::words::words;
use crate::journal::Language;

/// The first-start questions.
pub struct Onboarding {
    name: TextArea<'static>,
    /// The suggested name: shown in the empty field, taken when nothing is typed.
    suggested: String,
    lang: Language,
    theme: Theme,
    problem: bool,
}

/// What a key did to the onboarding.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Still asking.
    Asking,
    /// Answered: the name and language.
    Done(String, Language),
    /// The user left without starting a journal.
    Cancelled,
}

impl Onboarding {
    /// Starts with a suggested name (a placeholder in the empty field, so typing replaces it)
    /// and language.
    pub fn new(name: &str, lang: Language, no_color: bool) -> Onboarding {
        let theme = Theme::new(no_color);
        let mut field = text_area("");
        field.set_placeholder_text(name.trim());
        field.set_placeholder_style(theme.dim);
        Onboarding {
            name: field,
            suggested: name.trim().to_string(),
            lang,
            theme,
            problem: false,
        }
    }

    /// Handles a key: typing edits the name, Tab switches language, Enter is done, Esc leaves.
    pub fn handle_key(&mut self, key: KeyEvent) -> Outcome {
        let ctrl_c = key.code == KeyCode::Char('c')
            && key
                .modifiers
                .contains(crossterm::event::KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => Outcome::Cancelled,
            _ if ctrl_c => Outcome::Cancelled,
            KeyCode::Tab | KeyCode::BackTab => {
                self.lang = match self.lang {
                    Language::English => Language::Danish,
                    Language::Danish => Language::English,
                };
                Outcome::Asking
            }
            KeyCode::Enter => {
                let typed = query_text(&self.name).trim().to_string();
                let name = if typed.is_empty() {
                    self.suggested.clone()
                } else {
                    typed
                };
                if name.is_empty() {
                    self.problem = true;
                    Outcome::Asking
                } else {
                    Outcome::Done(name, self.lang)
                }
            }
            _ => {
                self.name.input(key);
                self.problem = false;
                Outcome::Asking
            }
        }
    }

    /// Paints the questions.
    pub fn draw(&self, frame: &mut Frame) {
        let w = words(self.lang);
        let t = &self.theme;
        let area = frame.area();
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(format!(" {} ", w.welcome), t.title));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [intro, name_label, name, lang, _, keys] = Layout::vertical([
            Constraint::Length(4),
            Constraint::Length(1),
            Constraint::Length(3),
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        frame.render_widget(
            Paragraph::new(vec![
                Line::raw(w.orientation[0]),
                Line::raw(w.orientation[1]),
            ])
            .wrap(ratatui::widgets::Wrap { trim: true }),
            intro,
        );
        let (label, label_style) = if self.problem {
            (w.name_needed, t.error)
        } else {
            (w.ask_name, t.title)
        };
        frame.render_widget(Paragraph::new(Span::styled(label, label_style)), name_label);
        let name_block = Block::default().borders(Borders::ALL);
        let name_inner = name_block.inner(name);
        frame.render_widget(name_block, name);
        frame.render_widget(&self.name, name_inner);
        let pick = |l: Language, label: &'static str| {
            if l == self.lang {
                Span::styled(format!(" [{label}] "), t.selected)
            } else {
                Span::raw(format!("  {label}  "))
            }
        };
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled(w.ask_language, t.title)),
                Line::from(vec![
                    pick(Language::English, "English"),
                    pick(Language::Danish, "Dansk"),
                ]),
            ]),
            lang,
        );
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(" Enter ", t.key),
                Span::styled(format!("{} ", w.welcome_go), t.dim),
                Span::styled(" Tab ", t.key),
                Span::styled("English/Dansk ", t.dim),
                Span::styled(" Esc ", t.key),
                Span::styled(w.welcome_quit, t.dim),
            ])),
            keys,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn the_suggested_name_is_a_placeholder_that_typing_replaces() {
        let mut o = Onboarding::new("me", Language::English, true);
        for c in "Anna".chars() {
            assert_eq!(o.handle_key(key(KeyCode::Char(c))), Outcome::Asking);
        }
        assert_eq!(
            o.handle_key(key(KeyCode::Enter)),
            Outcome::Done("Anna".into(), Language::English)
        );
        let mut o = Onboarding::new("anna", Language::Danish, true);
        assert_eq!(
            o.handle_key(key(KeyCode::Enter)),
            Outcome::Done("anna".into(), Language::Danish),
            "Enter on the empty field takes the suggestion"
        );
        let mut o = Onboarding::new("", Language::English, true);
        assert_eq!(o.handle_key(key(KeyCode::Enter)), Outcome::Asking);
        assert!(o.problem, "no name at all is asked for again");
    }
}
