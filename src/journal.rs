//! Who a journal belongs to: its id, author name, language and schema version.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::record::JournalId;

/// The schema this praxis writes; journals with a higher number are refused.
pub const SCHEMA_VERSION: u32 = 1;

/// The language of a journal's prompts and screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    /// English.
    #[default]
    #[serde(rename = "en")]
    English,
    /// Danish (dansk).
    #[serde(rename = "da")]
    Danish,
}

impl Language {
    /// The two-letter code used in flags and files.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Danish => "da",
        }
    }

    /// The language named by a locale such as `da_DK.UTF-8`, if praxis speaks it.
    pub fn from_locale(locale: &str) -> Option<Language> {
        let lower = locale.to_ascii_lowercase();
        if lower.starts_with("da") {
            Some(Language::Danish)
        } else if lower.starts_with("en") {
            Some(Language::English)
        } else {
            None
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Language::English => "English",
            Language::Danish => "Dansk",
        })
    }
}

impl FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Language::English),
            "da" | "danish" | "dansk" => Ok(Language::Danish),
            other => Err(format!("unknown language '{other}': use en or da")),
        }
    }
}

/// How often the user means to reflect; stored in the journal's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rhythm {
    /// Every day.
    #[default]
    Daily,
    /// Monday to Friday: a weekend never breaks it.
    WorkingDays,
    /// At least this many days a week (Monday to Sunday).
    PerWeek(u8),
}

impl Rhythm {
    /// Whether `day` is one the rhythm asks for a record on (a week rhythm asks on none in
    /// particular).
    pub fn asks_on(self, day: NaiveDate) -> bool {
        match self {
            Rhythm::Daily => true,
            Rhythm::WorkingDays => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
            Rhythm::PerWeek(_) => false,
        }
    }

    /// The rhythm as people read it, in `lang`.
    pub fn label(self, lang: Language) -> String {
        use Language::*;
        match (self, lang) {
            (Rhythm::Daily, English) => "daily".into(),
            (Rhythm::Daily, Danish) => "hver dag".into(),
            (Rhythm::WorkingDays, English) => "working days".into(),
            (Rhythm::WorkingDays, Danish) => "hverdage".into(),
            (Rhythm::PerWeek(n), English) => format!("{n} a week"),
            (Rhythm::PerWeek(n), Danish) => format!("{n} om ugen"),
        }
    }
}

impl fmt::Display for Rhythm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rhythm::Daily => f.write_str("daily"),
            Rhythm::WorkingDays => f.write_str("working-days"),
            Rhythm::PerWeek(n) => write!(f, "{n}-per-week"),
        }
    }
}

impl FromStr for Rhythm {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_lowercase().replace([' ', '_'], "-");
        match t.as_str() {
            "daily" | "hver-dag" => return Ok(Rhythm::Daily),
            "working-days" | "weekdays" | "hverdage" => return Ok(Rhythm::WorkingDays),
            _ => {}
        }
        let n = t
            .strip_suffix("-per-week")
            .or(t.strip_suffix("/week"))
            .or(t.strip_suffix("-om-ugen"))
            .and_then(|n| n.parse::<u8>().ok());
        match n {
            Some(n @ 1..=7) => Ok(Rhythm::PerWeek(n)),
            _ => Err(format!(
                "unknown rhythm '{s}': use daily, working-days, or N-per-week with N from 1 to 7 (e.g. 3-per-week)"
            )),
        }
    }
}

impl Serialize for Rhythm {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rhythm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A journal's own description, stored once in the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalMeta {
    /// The journal's id; every record it writes carries it as author.
    pub id: JournalId,
    /// The owner's name, shown to mentors and peers.
    pub author_name: String,
    /// The language of prompts and screens.
    pub language: Language,
    /// When the journal was made.
    pub created: DateTime<Utc>,
    /// How many daily backups to keep.
    #[serde(default = "default_keep")]
    pub keep_backups: u32,
    /// The rhythm of reflection the owner set (daily when they did not).
    #[serde(default, skip_serializing_if = "is_daily")]
    pub rhythm: Rhythm,
    /// Whether this journal's file in a network folder is sealed for the peers whose keys it
    /// knows, so that a shared drive's other users cannot read it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub seal_network: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_daily(r: &Rhythm) -> bool {
    *r == Rhythm::Daily
}

/// How many backups a journal keeps when it does not say.
pub const DEFAULT_KEEP_BACKUPS: u32 = 7;

fn default_keep() -> u32 {
    DEFAULT_KEEP_BACKUPS
}

impl JournalMeta {
    /// A new journal's description.
    pub fn new(author_name: impl Into<String>, language: Language, now: DateTime<Utc>) -> Self {
        JournalMeta {
            id: JournalId::new_at(now),
            author_name: author_name.into(),
            language,
            created: now,
            keep_backups: DEFAULT_KEEP_BACKUPS,
            rhythm: Rhythm::Daily,
            seal_network: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse_from_codes_names_and_locales() {
        assert_eq!("da".parse::<Language>(), Ok(Language::Danish));
        assert_eq!("Dansk".parse::<Language>(), Ok(Language::Danish));
        assert!("sv".parse::<Language>().is_err());
        assert_eq!(Language::from_locale("da_DK.UTF-8"), Some(Language::Danish));
        assert_eq!(Language::from_locale("C.UTF-8"), None);
    }
}
