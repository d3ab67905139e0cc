//! Text measured in terminal cells, as a terminal shows it: wide characters (CJK, most emoji)
//! take two, combining marks none, and a cut never splits a character and its marks.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// How many cells `text` takes on one line.
pub fn cells(text: &str) -> usize {
    text.width()
}

/// `text` on one line (line breaks and tabs become spaces; other spacing is kept), cut with `…`
/// to at most `width` cells.
pub fn fit(text: &str, width: usize) -> String {
    let flat: String = text
        .trim()
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if flat.width() <= width {
        return flat;
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in flat.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Whitespace and line breaks collapsed to single spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` wrapped at word boundaries to `width` cells, every line starting with `indent`; its
/// line breaks are kept, so paragraphs stay paragraphs (an empty line stays empty).
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    wrap_lines(text, width, indent).join("\n")
}

/// [`wrap`], line by line.
pub fn wrap_lines(text: &str, width: usize, indent: &str) -> Vec<String> {
    let width = width.max(indent.width() + 20);
    let options = textwrap::Options::new(width)
        .initial_indent(indent)
        .subsequent_indent(indent);
    text.trim_end()
        .lines()
        .flat_map(|line| {
            if line.trim().is_empty() {
                return vec![String::new()];
            }
            textwrap::wrap(line.trim_end(), &options)
                .into_iter()
                .map(|l| l.into_owned())
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_cells_and_marks_the_cut() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("a\nb", 10), "a b");
        assert_eq!(
            fit("id   date", 20),
            "id   date",
            "columns keep their spacing"
        );
        assert_eq!(fit("abcdefghij", 5), "abcd…");
        assert_eq!(cells(&fit("æøåæøå", 4)), 4);
        assert_eq!(fit("日本語テキスト", 6), "日本…");
        assert!(cells(&fit("møde 🎉🎉🎉🎉 i dag", 9)) <= 9);
    }

    #[test]
    fn a_cut_keeps_a_letter_with_its_combining_mark() {
        let text = "cafe\u{301} cafe\u{301} cafe\u{301}";
        let cut = fit(text, 5);
        assert_eq!(cut, "cafe\u{301}…");
        assert_eq!(cells(&cut), 5);
    }

    #[test]
    fn wrap_breaks_between_words_within_the_width() {
        let text =
            "Hvordan bliver jeg i stand til at se borgernes ressourcer og indgå i partnerskaber";
        let wrapped = wrap(text, 30, "  ");
        assert!(
            wrapped
                .lines()
                .all(|l| cells(l) <= 30 && l.starts_with("  ")),
            "{wrapped}"
        );
        assert_eq!(one_line(&wrapped), text);
    }

    #[test]
    fn wrap_keeps_paragraphs() {
        let text = "First paragraph, long enough to be wrapped over two lines here.\n\nSecond.";
        let wrapped = wrap(text, 40, "  ");
        let lines: Vec<&str> = wrapped.lines().collect();
        assert!(lines.len() >= 4, "{wrapped}");
        assert_eq!(lines[lines.len() - 2], "", "{wrapped}");
        assert_eq!(lines[lines.len() - 1], "  Second.");
    }
}
