//! Colours and emphasis; with NO_COLOR set, emphasis only (bold, reverse, underline).

use ratatui::style::{Color, Modifier, Style};

use crate::record::Kind;

/// The styles the screens use.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Screen and section titles.
    pub title: Style,
    /// The selected row.
    pub selected: Style,
    /// Quiet text: dates, hints, ids.
    pub dim: Style,
    /// Matched characters in search results.
    pub matched: Style,
    /// Error messages.
    pub error: Style,
    /// Confirmations and good news.
    pub ok: Style,
    /// Keys in the footer and help.
    pub key: Style,
    /// Records shared beyond the owner.
    pub shared: Style,
    /// Each kind of record: cycle, experiment, reflection, note.
    kinds: [Style; 4],
}

impl Theme {
    /// The theme for this terminal: plain when `no_color` (the NO_COLOR convention).
    pub fn new(no_color: bool) -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if no_color {
            return Theme {
                title: bold,
                selected: Style::new().add_modifier(Modifier::REVERSED),
                dim: Style::new(),
                matched: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                error: bold,
                ok: Style::new(),
                key: bold,
                shared: Style::new(),
                kinds: [Style::new(); 4],
            };
        }
        Theme {
            title: bold.fg(Color::Cyan),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            dim: Style::new().fg(Color::DarkGray),
            matched: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: bold.fg(Color::Red),
            ok: Style::new().fg(Color::Green),
            key: bold.fg(Color::Cyan),
            shared: Style::new().fg(Color::Magenta),
            kinds: [
                Style::new().fg(Color::Yellow),
                Style::new().fg(Color::LightBlue),
                Style::new().fg(Color::Green),
                Style::new(),
            ],
        }
    }

    /// The colour of a kind of record, the same wherever it is shown.
    pub fn kind(&self, kind: Kind) -> Style {
        let i = match kind {
            Kind::Cycle => 0,
            Kind::Experiment => 1,
            Kind::Reflection => 2,
            Kind::Note => 3,
        };
        self.kinds[i]
    }

    /// Whether NO_COLOR asks for no colour (set and not empty).
    pub fn no_color_from_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_uses_emphasis_only() {
        let plain = Theme::new(true);
        for style in [
            plain.title,
            plain.selected,
            plain.dim,
            plain.matched,
            plain.error,
            plain.key,
            plain.kind(Kind::Cycle),
            plain.kind(Kind::Reflection),
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
        assert_ne!(Theme::new(false).title.fg, None);
    }
}
