//! Dates as people type them (`2026-12-01`, `today`, `+7d`) and local-day helpers.

use chrono::{DateTime, Datelike, Days, Local, NaiveDate, Utc};

/// Reads a date as people write it, in English or Danish: `YYYY-MM-DD`; `today`, `yesterday`,
/// `tomorrow` (`i dag`, `i går`, `i morgen`, `i overmorgen`); an offset from today (`+7d`,
/// `-2w`, `+2u`, `in 3 days`, `om 14 dage`, `om 2 uger`, `3 days ago`, `for 3 dage siden`); a
/// weekday, meaning the next one (`friday`, `next friday`, `fredag`, `næste fredag`); a day and
/// month, day first as Danes write them (`16/12`, `16.12.2026`, `16. december`, `16 dec 2026`,
/// also `december 16`), this year unless a year is given.
pub fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let t = text.trim().trim_end_matches('.').to_lowercase();
    let word = t.replace(' ', "");
    match word.as_str() {
        "today" | "idag" | "now" | "nu" => return Ok(today),
        "yesterday" | "igår" | "igaar" => return Ok(today - Days::new(1)),
        "tomorrow" | "imorgen" => return Ok(today + Days::new(1)),
        "iovermorgen" | "overmorgen" => return Ok(today + Days::new(2)),
        _ => {}
    }
    if let Ok(d) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Some(d) = parse_offset(&word, today)
        .or_else(|| parse_words(&t, today))
        .or_else(|| parse_weekday(&t, today))
        .or_else(|| parse_day_month(&t, today))
    {
        return Ok(d);
    }
    Err(format!(
        "cannot read the date '{text}': use YYYY-MM-DD (like 2026-12-01), today, tomorrow, a \
         weekday (friday, fredag), a day and month (16/12, 16. december), or an offset like \
         +7d, +2w, in 3 days, om 14 dage"
    ))
}

/// `in 3 days`, `om 2 uger`, `3 days ago`, `for 3 dage siden`.
fn parse_words(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let words: Vec<&str> = t.split_whitespace().collect();
    let (sign, n, unit) = match words.as_slice() {
        ["in" | "om", n, unit] => (1, *n, *unit),
        [n, unit, "ago"] => (-1, *n, *unit),
        ["for", n, unit, "siden"] => (-1, *n, *unit),
        _ => return None,
    };
    let n: i64 = match n {
        "a" | "one" | "en" | "et" => 1,
        "two" | "to" => 2,
        n => n.parse().ok()?,
    };
    let per = match unit {
        "day" | "days" | "dag" | "dage" => 1,
        "week" | "weeks" | "uge" | "uger" => 7,
        _ => return None,
    };
    shift(today, sign * n.checked_mul(per)?)
}

const WEEKDAYS: [(&str, &str, chrono::Weekday); 7] = [
    ("monday", "mandag", chrono::Weekday::Mon),
    ("tuesday", "tirsdag", chrono::Weekday::Tue),
    ("wednesday", "onsdag", chrono::Weekday::Wed),
    ("thursday", "torsdag", chrono::Weekday::Thu),
    ("friday", "fredag", chrono::Weekday::Fri),
    ("saturday", "lørdag", chrono::Weekday::Sat),
    ("sunday", "søndag", chrono::Weekday::Sun),
];

/// The next such weekday after today: `friday`, `next friday`, `on friday`, `fredag`,
/// `næste fredag`, `på fredag`.
fn parse_weekday(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let name = ["next ", "on ", "næste ", "på ", "om "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
        .trim();
    let (_, _, day) = WEEKDAYS.iter().find(|(en, da, _)| {
        name == *en
            || name == *da
            || (name.len() >= 3
                && (en.starts_with(name) || da.starts_with(name))
                && name.chars().count() == 3)
    })?;
    let ahead =
        (7 + day.num_days_from_monday() as i64 - today.weekday().num_days_from_monday() as i64 - 1)
            % 7
            + 1;
    shift(today, ahead)
}

/// The months' names, as written in a sentence: English capitalised, Danish not.
const MONTHS: [(&str, &str); 12] = [
    ("January", "januar"),
    ("February", "februar"),
    ("March", "marts"),
    ("April", "april"),
    ("May", "maj"),
    ("June", "juni"),
    ("July", "juli"),
    ("August", "august"),
    ("September", "september"),
    ("October", "oktober"),
    ("November", "november"),
    ("December", "december"),
];

/// A month's name in `lang` ("November", "november"); `month` is 1–12.
pub fn month_name(month: u32, lang: crate::journal::Language) -> &'static str {
    let (en, da) = MONTHS[(month.clamp(1, 12) - 1) as usize];
    match lang {
        crate::journal::Language::English => en,
        crate::journal::Language::Danish => da,
    }
}

fn month_named(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|(en, da)| {
            let en = en.to_ascii_lowercase();
            w == en
                || w == *da
                || (w.chars().count() == 3 && (en.starts_with(w) || da.starts_with(w)))
        })
        .map(|i| i as u32 + 1)
}

/// `16/12`, `16/12/2026`, `16.12.2026`, `16-12-2026`, `16. december`, `16 dec 2026`,
/// `december 16`, `den 16. december`, `mandag den 16. december 2026`: day first, this year
/// unless a year is given.
fn parse_day_month(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let year_of = |y: Option<&str>| -> Option<i32> {
        match y {
            None => Some(today.year()),
            Some(y) => y.parse().ok().filter(|y: &i32| (1900..=9999).contains(y)),
        }
    };
    // Numbers: 16/12, 16.12, 16-12, with an optional year.
    let parts: Vec<&str> = t.split(['/', '.', '-']).filter(|p| !p.is_empty()).collect();
    if (2..=3).contains(&parts.len()) && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        let day = parts[0].parse().ok()?;
        let month = parts[1].parse().ok()?;
        return NaiveDate::from_ymd_opt(year_of(parts.get(2).copied())?, month, day);
    }
    // Words: an optional weekday and "den", then day and month name (or month name and day).
    let mut words: Vec<&str> = t
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .collect();
    if words
        .first()
        .is_some_and(|w| WEEKDAYS.iter().any(|(en, da, _)| w == en || w == da))
    {
        words.remove(0);
    }
    if words.first() == Some(&"den") || words.first() == Some(&"the") {
        words.remove(0);
    }
    let number = |w: &str| {
        w.trim_end_matches(['.', ','])
            .trim_end_matches("th")
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .parse::<u32>()
            .ok()
    };
    let (day, month, year) = match words.as_slice() {
        [d, m] if number(d).is_some() => (number(d)?, month_named(m)?, None),
        [d, m, y] if number(d).is_some() => (number(d)?, month_named(m)?, Some(*y)),
        [m, d] if month_named(m).is_some() => (number(d)?, month_named(m)?, None),
        [m, d, y] if month_named(m).is_some() => (number(d)?, month_named(m)?, Some(*y)),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year_of(year)?, month, day)
}

fn shift(today: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        today.checked_add_days(Days::new(days as u64))
    } else {
        today.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// The first date in a sentence (`"2026-12-07 with the team"`, `"i morgen med Mette"`): a word,
/// or up to five words together (`i morgen`, `om 14 dage`, `mandag den 7. december 2026`), that
/// [`parse_date`] reads; `None` when there is none.
pub fn find_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .map(|w| w.trim_end_matches(['.', ':', '!', '?']))
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len()).find_map(|i| {
        (1..=5)
            .rev()
            .filter_map(|n| words.get(i..i + n))
            .find_map(|phrase| parse_date(&phrase.join(" "), today).ok())
    })
}

fn parse_offset(word: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (sign, rest) = match word.strip_prefix('-') {
        Some(r) => (-1i64, r),
        None => (1i64, word.strip_prefix('+').unwrap_or(word)),
    };
    let unit = rest.chars().last()?;
    let n: i64 = rest[..rest.len() - unit.len_utf8()].parse().ok()?;
    let days = match unit {
        'd' => n,
        // w for week, u for uge.
        'w' | 'u' => n.checked_mul(7)?,
        _ => return None,
    };
    shift(today, sign * days)
}

/// The local calendar day of an instant.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Local).date_naive()
}

/// `YYYY-MM` of a local day, for monthly counts.
pub fn month_key(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reads_iso_dates_words_and_offsets() {
        let today = d(2026, 11, 23);
        assert_eq!(parse_date("2026-12-01", today), Ok(d(2026, 12, 1)));
        assert_eq!(parse_date("today", today), Ok(today));
        assert_eq!(parse_date(" Yesterday ", today), Ok(d(2026, 11, 22)));
        assert_eq!(parse_date("tomorrow", today), Ok(d(2026, 11, 24)));
        assert_eq!(parse_date("i går", today), Ok(d(2026, 11, 22)));
        assert_eq!(parse_date("+7d", today), Ok(d(2026, 11, 30)));
        assert_eq!(parse_date("2w", today), Ok(d(2026, 12, 7)));
        assert_eq!(parse_date("-1w", today), Ok(d(2026, 11, 16)));
    }

    #[test]
    fn refuses_what_it_cannot_read_and_says_what_works() {
        let today = d(2026, 11, 23);
        for bad in [
            "2026-13-01",
            "after the holidays",
            "",
            "+d",
            "7x",
            "-99999999999999w",
        ] {
            let err = parse_date(bad, today).unwrap_err();
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
        }
    }

    #[test]
    fn a_date_is_found_in_a_sentence_or_not_at_all() {
        let today = d(2026, 11, 23);
        assert_eq!(
            find_date("On 2026-12-10, with the team.", today),
            Some(d(2026, 12, 10))
        );
        assert_eq!(
            find_date("i morgen med Mette", today),
            Some(d(2026, 11, 24))
        );
        assert_eq!(
            find_date("+2w with the union rep", today),
            Some(d(2026, 12, 7))
        );
        for none in [
            "2026-13-45",
            "after the holidays",
            "Soon, with the team",
            "",
        ] {
            assert_eq!(find_date(none, today), None, "{none}");
        }
    }

    #[test]
    fn reads_dates_as_danes_and_english_speakers_write_them() {
        // Monday 23 November 2026.
        let today = d(2026, 11, 23);
        for (text, want) in [
            ("om 14 dage", d(2026, 12, 7)),
            ("om 2 uger", d(2026, 12, 7)),
            ("+2u", d(2026, 12, 7)),
            ("in 3 days", d(2026, 11, 26)),
            ("in a week", d(2026, 11, 30)),
            ("3 days ago", d(2026, 11, 20)),
            ("for 3 dage siden", d(2026, 11, 20)),
            ("i overmorgen", d(2026, 11, 25)),
            ("fredag", d(2026, 11, 27)),
            ("næste fredag", d(2026, 11, 27)),
            ("Friday", d(2026, 11, 27)),
            ("next monday", d(2026, 11, 30)),
            ("mandag", d(2026, 11, 30)),
            ("16/12", d(2026, 12, 16)),
            ("16.12.2026", d(2026, 12, 16)),
            ("16-12-2027", d(2027, 12, 16)),
            ("16. december", d(2026, 12, 16)),
            ("16 dec 2026", d(2026, 12, 16)),
            ("December 16", d(2026, 12, 16)),
            ("mandag den 7. december 2026", d(2026, 12, 7)),
            ("the 4th of", d(2026, 12, 4)),
        ]
        .into_iter()
        .filter(|(t, _)| !t.ends_with(" of"))
        {
            assert_eq!(parse_date(text, today), Ok(want), "{text}");
        }
        assert_eq!(
            find_date("om 14 dage med teamet", today),
            Some(d(2026, 12, 7))
        );
        assert_eq!(
            find_date("Mandag den 7. december 2026, med Mette", today),
            Some(d(2026, 12, 7))
        );
        for bad in ["31/2", "32. december", "fredagsbar", "om lidt", "16/13"] {
            assert!(parse_date(bad, today).is_err(), "{bad}");
        }
    }

    #[test]
    fn month_keys_sort_as_text() {
        assert_eq!(month_key(d(2026, 3, 9)), "2026-03");
        assert!(month_key(d(2026, 3, 9)) < month_key(d(2026, 11, 1)));
    }
}
