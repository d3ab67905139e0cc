//! Text from another journal or a file made safe to print on a terminal: characters a terminal
//! would obey as commands (escape sequences, bells, a backspace, C1 controls) or that reorder
//! what is shown (bidi overrides) are shown as `\u001b`-style escapes instead.
//!
//! The escape is JSON's own, so JSON output passed through stays exact JSON with the same
//! values; line breaks and tabs are kept, as bodies have them.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether a terminal could take `c` as a command or reorder the text around it.
pub fn is_hazard(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// A name as it is shown: on one line (line breaks, tabs and other controls become spaces, so a
/// name cannot draw a line of its own, such as a made-up comment), trimmed, at most 80
/// characters.
pub fn one_line(name: &str) -> String {
    let spaced: String = name
        .chars()
        .map(|c| {
            if c.is_control() || is_hazard(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    spaced
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(80)
        .collect()
}

/// `text` with every hazard (and a carriage return not before a line feed) shown escaped.
pub fn visible(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let used = escape(bytes, &mut out, true);
    debug_assert_eq!(used, bytes.len());
    if out == bytes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(String::from_utf8(out).expect("escaping keeps UTF-8"))
    }
}

/// A writer that passes text through [`visible`]; what it holds back (the start of a
/// character, a carriage return that a line feed may follow) goes out on `flush`.
pub struct Visible<W: Write> {
    inner: W,
    held: Vec<u8>,
}

impl<W: Write> Visible<W> {
    /// Escapes what is written before it reaches `inner`.
    pub fn new(inner: W) -> Visible<W> {
        Visible {
            inner,
            held: Vec::new(),
        }
    }
}

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut data = std::mem::take(&mut self.held);
        data.extend_from_slice(buf);
        let mut out = Vec::with_capacity(data.len() + 16);
        let used = escape(&data, &mut out, false);
        self.held = data[used..].to_vec();
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let held = std::mem::take(&mut self.held);
        let mut out = Vec::new();
        escape(&held, &mut out, true);
        self.inner.write_all(&out)?;
        self.inner.flush()
    }
}

/// Copies `bytes` to `out` with hazards escaped; returns how many bytes it took. Unless `all`,
/// an unfinished sequence at the end is left for the next call.
fn escape(bytes: &[u8], out: &mut Vec<u8>, all: bool) -> usize {
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let (len, hazard) = match rest {
            [b'\r', b'\n', ..] => (2, None),
            [b'\r'] if !all => return i,
            [b @ (0..=0x08 | 0x0b..=0x1f | 0x7f), ..] => (1, Some(u32::from(*b))),
            [0xc2, b @ 0x80..=0x9f, ..] => (2, Some(u32::from(*b))),
            [0xe2, 0x80, b @ 0xaa..=0xae, ..] => (3, Some(0x2000 + u32::from(*b - 0x80))),
            [0xe2, 0x81, b @ 0xa6..=0xa9, ..] => (3, Some(0x2040 + u32::from(*b - 0x80))),
            [0xc2] | [0xe2] | [0xe2, 0x80 | 0x81] if !all => return i,
            _ => (1, None),
        };
        match hazard {
            Some(c) => out.extend_from_slice(format!("\\u{c:04x}").as_bytes()),
            None => out.extend_from_slice(&rest[..len]),
        }
        i += len;
    }
    i
}

/// `template` with each `{name}` replaced by its value: how every message in both languages is
/// filled.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    // A count named `n` settles the template's plural endings before anything is filled in, so
    // a filled-in text (a title) is never touched.
    let template = match values.iter().find(|(name, _)| *name == "n") {
        Some((_, n)) => counted(template, n.trim() == "1"),
        None => template.to_string(),
    };
    // One pass over the template: a value that itself holds "{title}" stays as it is.
    let mut out = String::with_capacity(template.len());
    let mut rest = template.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| Some((values.iter().find(|(n, _)| *n == &after[..close])?, close)));
        match value {
            Some(((_, v), close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `template` with its plural endings settled: a word's ending in brackets — "post(er)",
/// "record(s)", "ny(e)" — is dropped for one and kept for any other count.
fn counted(template: &str, one: bool) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('(') {
        let (before, after) = rest.split_at(open);
        let ending: String = after[1..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase())
            .collect();
        let closes = after[1 + ending.len()..].starts_with(')');
        let after_word = before.chars().last().is_some_and(char::is_alphabetic);
        out.push_str(before);
        if after_word && closes && (1..=3).contains(&ending.len()) {
            if !one {
                out.push_str(&ending);
            }
            rest = &after[ending.len() + 2..];
        } else {
            out.push('(');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_settles_the_plural_endings_and_nothing_filled_in() {
        let t = "{n} ny(e) kommentar(er) on {title} (see above)";
        assert_eq!(
            fill(t, &[("n", "1"), ("title", "Rota(s)")]),
            "1 ny kommentar on Rota(s) (see above)"
        );
        assert_eq!(
            fill(t, &[("n", "5"), ("title", "x")]),
            "5 nye kommentarer on x (see above)"
        );
        assert_eq!(fill("{n} record(s)", &[("n", "0")]), "0 records");
        assert_eq!(fill("no count: post(er)", &[]), "no count: post(er)");
    }

    #[test]
    fn a_value_is_filled_in_once_and_never_read_as_a_blank() {
        let t = "{name} on {title}: {text} {unknown}";
        assert_eq!(
            fill(
                t,
                &[("name", "{text}"), ("title", "Rota"), ("text", "hi {name}")]
            ),
            "{text} on Rota: hi {name} {unknown}"
        );
    }

    #[test]
    fn commands_for_the_terminal_are_shown_not_sent() {
        assert_eq!(visible("Eve\x1b]0;pwned\x07"), "Eve\\u001b]0;pwned\\u0007");
        assert_eq!(visible("a\x1b[2J\x1b[?1049h"), "a\\u001b[2J\\u001b[?1049h");
        assert_eq!(visible("\u{9b}31m\x7f\x08"), "\\u009b31m\\u007f\\u0008");
        assert_eq!(visible("exe.\u{202e}txt\u{2066}"), "exe.\\u202etxt\\u2066");
        assert_eq!(visible("over\rwrite"), "over\\u000dwrite");
    }

    #[test]
    fn ordinary_text_line_breaks_and_tabs_pass_unchanged() {
        let text = "Æble – “citat” … ½ ©\n\tnext\r\nlast \u{a0}日本";
        assert!(matches!(visible(text), Cow::Borrowed(_)));
        assert!(!text.replace("\r\n", "\n").chars().any(is_hazard));
    }

    #[test]
    fn the_writer_escapes_across_any_split_and_keeps_json_exact() {
        let value = serde_json::json!({"title": "a\u{9b}b\u{202e}c\x7f\r", "n": 1});
        let json = serde_json::to_string_pretty(&value).unwrap();
        for step in 1..5 {
            let mut out = Visible::new(Vec::new());
            for chunk in json.as_bytes().chunks(step) {
                out.write_all(chunk).unwrap();
            }
            out.flush().unwrap();
            let shown = String::from_utf8(out.inner).unwrap();
            assert!(!shown.chars().any(is_hazard), "{shown}");
            let back: serde_json::Value = serde_json::from_str(&shown).unwrap();
            assert_eq!(back, value, "split every {step} bytes");
        }
        let mut out = Visible::new(Vec::new());
        out.write_all(b"a\r").unwrap();
        out.write_all(b"\nb\r").unwrap();
        out.flush().unwrap();
        assert_eq!(out.inner, b"a\r\nb\\u000d");
    }
}
