//! What of a record can be searched, and its words as search compares them: split at every
//! character that is not a letter or digit, lower-cased (Unicode-aware), and folded — accents
//! and the Danish letters written the way a keyboard without them would (ø → o, å → a,
//! æ → ae) — so that "mode" finds "møde". Plain rules on plain data: the store indexes by
//! them and search ranks by them.

use std::borrow::Cow;

use crate::record::{AnswerValue, Content, Record};

/// The part of a record a search hit was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The title.
    Title,
    /// One of the tags.
    Tag,
    /// The body text.
    Body,
    /// A cycle's challenge question.
    Question,
    /// Who an experiment is tried with (its counterparts).
    With,
    /// An experiment's expectation, signal or outcome.
    Plan,
    /// An answer to a prompt question.
    Answer,
}

/// A word found in a title.
pub const IN_TITLE: u8 = 1;
/// A word found in a short field chosen with care: a tag, a counterpart, a cycle's question.
pub const IN_SHORT: u8 = 2;
/// A word found in longer text: the body, the plan, the answers.
pub const IN_TEXT: u8 = 4;

impl Field {
    /// Where a word in this field counts (one of [`IN_TITLE`], [`IN_SHORT`], [`IN_TEXT`]).
    pub fn class(self) -> u8 {
        match self {
            Field::Title => IN_TITLE,
            Field::Tag | Field::Question | Field::With => IN_SHORT,
            Field::Body | Field::Plan | Field::Answer => IN_TEXT,
        }
    }

    /// Titles count most, then tags and counterparts, then text.
    pub fn weight(self) -> u32 {
        class_weight(self.class())
    }
}

/// The weight of the best place among `classes` (a set of [`IN_TITLE`]… bits).
pub fn class_weight(classes: u8) -> u32 {
    if classes & IN_TITLE != 0 {
        3
    } else if classes & IN_SHORT != 0 {
        2
    } else {
        1
    }
}

/// Every searchable text of a record, with its field, in the order hits prefer them.
pub fn fields(r: &Record) -> Vec<(Field, &str)> {
    let mut out = vec![(Field::Title, r.title.as_str())];
    out.extend(r.tags.iter().map(|t| (Field::Tag, t.as_str())));
    out.push((Field::Body, r.body.as_str()));
    match &r.content {
        Content::Note => {}
        Content::Cycle { question, .. } => out.push((Field::Question, question)),
        Content::Experiment {
            with,
            expectation,
            signal,
            outcome,
            ..
        } => {
            out.extend(with.iter().map(|w| (Field::With, w.as_str())));
            out.push((Field::Plan, expectation));
            out.push((Field::Plan, signal));
            if let Some(o) = outcome {
                out.push((Field::Plan, o));
            }
        }
        Content::Reflection { answers, .. } => {
            for a in answers {
                if let AnswerValue::Text(t) | AnswerValue::Choice(t) = &a.value {
                    out.push((Field::Answer, t));
                }
                if let Some(why) = &a.why {
                    out.push((Field::Answer, why));
                }
            }
        }
    }
    out
}

/// Words longer than this (in bytes, lower-cased) are not indexed: no one types them.
pub const MAX_WORD: usize = 48;

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Where it starts, in characters of the text.
    pub start: usize,
    /// How many characters it has in the text.
    pub chars: usize,
    /// Lower-cased.
    pub lower: String,
}

/// Calls `each` with every word of `text` (lower-cased into a buffer it reuses) and where it
/// stands, in characters.
pub fn each_word(text: &str, mut each: impl FnMut(&str, usize, usize)) {
    let mut lower = String::new();
    let mut start = 0;
    let mut chars = 0;
    let mut n = 0;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if chars == 0 && b.is_ascii_alphanumeric() {
            // Most words are ASCII: one that ends in ASCII (or the text) is lower-cased
            // without a character loop, and when already lower-case, not copied at all.
            let end = bytes[at..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .map_or(bytes.len(), |p| at + p);
            if end == bytes.len() || bytes[end].is_ascii() {
                let word = &text[at..end];
                let len = end - at;
                if len <= MAX_WORD {
                    if word.bytes().any(|b| b.is_ascii_uppercase()) {
                        lower.clear();
                        lower.push_str(word);
                        lower.make_ascii_lowercase();
                        each(&lower, n, len);
                    } else {
                        each(word, n, len);
                    }
                }
                n += len;
                at = end;
                continue;
            }
        }
        // Most text is ASCII: taken a byte at a time.
        let (c, len) = if b.is_ascii() {
            (b as char, 1)
        } else {
            let c = text[at..].chars().next().expect("at a character boundary");
            (c, c.len_utf8())
        };
        at += len;
        if c.is_alphanumeric() {
            if chars == 0 {
                start = n;
                lower.clear();
            }
            chars += 1;
            if c.is_ascii() {
                lower.push(c.to_ascii_lowercase());
            } else {
                lower.extend(c.to_lowercase());
            }
        } else if is_mark(c) && chars > 0 {
            // A combining accent belongs to the word it is on.
            chars += 1;
            lower.push(c);
        } else if chars > 0 {
            if lower.len() <= MAX_WORD {
                each(&lower, start, chars);
            }
            chars = 0;
        }
        n += 1;
    }
    if chars > 0 && lower.len() <= MAX_WORD {
        each(&lower, start, chars);
    }
}

/// Every word of `text`.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    each_word(text, |lower, start, chars| {
        out.push(Word {
            start,
            chars,
            lower: lower.to_string(),
        })
    });
    out
}

/// Combining diacritical marks (as in a decomposed "å").
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// A lower-cased word as it compares when accents are not typed: "møde" → "mode",
/// "læring" → "laering", "café" → "cafe".
pub fn fold(lower: &str) -> Cow<'_, str> {
    if lower.is_ascii() {
        return Cow::Borrowed(lower);
    }
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        push_folded(&mut out, c);
    }
    Cow::Owned(out)
}

/// How many characters of a lower-cased word give the first `folded_len` bytes of its folded
/// form (to mark the part of a word a prefix matched).
pub fn chars_for_folded(lower: &str, folded_len: usize) -> usize {
    let mut out = String::new();
    let mut n = 0;
    for c in lower.chars() {
        if out.len() >= folded_len {
            break;
        }
        push_folded(&mut out, c);
        n += 1;
    }
    n
}

fn push_folded(out: &mut String, c: char) {
    let s = match c {
        'æ' | 'ä' => "ae",
        'œ' => "oe",
        'ø' | 'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ő' => "o",
        'å' | 'á' | 'à' | 'â' | 'ã' | 'ā' | 'ą' => "a",
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'í' | 'ì' | 'î' | 'ï' | 'ī' => "i",
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ç' | 'č' | 'ć' => "c",
        'ñ' | 'ń' | 'ň' => "n",
        'š' | 'ś' => "s",
        'ž' | 'ź' | 'ż' => "z",
        'ř' => "r",
        'ł' => "l",
        'đ' | 'ð' | 'ď' => "d",
        'ť' => "t",
        'ß' => "ss",
        'þ' => "th",
        c if is_mark(c) => "",
        c => {
            out.push(c);
            return;
        }
    };
    out.push_str(s);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_lowered_and_placed_in_characters() {
        let w = words("Mødet med Rådet: ÆBLE-tid, 2026!");
        let lower: Vec<&str> = w.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(lower, ["mødet", "med", "rådet", "æble", "tid", "2026"]);
        assert_eq!((w[2].start, w[2].chars), (10, 5));
        assert_eq!((w[3].start, w[3].chars), (17, 4));
    }

    #[test]
    fn ascii_words_and_the_rest_split_alike_wherever_they_meet() {
        // ASCII words take a shorter way; where one meets other letters, marks or an end it
        // must give what the character-by-character way gives.
        let w = words("The CEO's plan: x1 naïve Æble-tid e\u{301}t mødet2 end");
        let got: Vec<(&str, usize, usize)> = w
            .iter()
            .map(|w| (w.lower.as_str(), w.start, w.chars))
            .collect();
        assert_eq!(
            got,
            [
                ("the", 0, 3),
                ("ceo", 4, 3),
                ("s", 8, 1),
                ("plan", 10, 4),
                ("x1", 16, 2),
                ("naïve", 19, 5),
                ("æble", 25, 4),
                ("tid", 30, 3),
                ("e\u{301}t", 34, 3),
                ("mødet2", 38, 6),
                ("end", 45, 3),
            ]
        );
        let long = "a".repeat(MAX_WORD + 1);
        assert!(words(&format!("{long} ok")).iter().all(|w| w.lower == "ok"));
        assert_eq!(words(&format!("ok {long}")).len(), 1);
    }

    #[test]
    fn folding_writes_what_a_keyboard_without_the_letters_would() {
        assert_eq!(fold("møde"), "mode");
        assert_eq!(fold("læring"), "laering");
        assert_eq!(fold("på"), "pa");
        assert_eq!(fold("café"), "cafe");
        assert_eq!(fold("council"), "council");
        // A decomposed å (a + ring above) folds as the composed one does.
        let decomposed: String = words("pa\u{30a}").pop().unwrap().lower;
        assert_eq!(fold(&decomposed), "pa");
        assert_eq!(chars_for_folded("læring", 3), 2);
        assert_eq!(chars_for_folded("møde", 2), 2);
    }
}
