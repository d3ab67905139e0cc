//! Dates as people type them (`2026-12-01`, `today`, `+7d`) and local-day helpers.

use chrono::{DateTime, Datelike, Days, Local, NaiveDate, Utc};

/// Reads a date: `YYYY-MM-DD`, `today`, `yesterday`, `tomorrow` (also Danish `i dag`, `i går`,
/// `i morgen`), or an offset from today such as `+7d`, `-2w`, `3d`.
pub fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let t = text.trim().to_lowercase();
    let word = t.replace(' ', "");
    match word.as_str() {
        "today" | "idag" | "now" => return Ok(today),
        "yesterday" | "igår" | "igaar" => return Ok(today - Days::new(1)),
        "tomorrow" | "imorgen" => return Ok(today + Days::new(1)),
        _ => {}
    }
    if let Ok(d) = NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Some(d) = parse_offset(&word, today) {
        return Ok(d);
    }
    Err(format!(
        "cannot read the date '{text}': use YYYY-MM-DD (like 2026-12-01), today, yesterday, \
         tomorrow, or an offset like +7d or -2w"
    ))
}

/// The first date in a sentence (`"2026-12-07 with the team"`, `"i morgen med Mette"`): a word,
/// or up to three words together (`i morgen`), that [`parse_date`] reads; `None` when there is
/// none.
pub fn find_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .map(|w| w.trim_end_matches(['.', ':', '!', '?']))
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len()).find_map(|i| {
        (1..=3)
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
        'w' => n.checked_mul(7)?,
        _ => return None,
    };
    let days = sign * days;
    if days >= 0 {
        today.checked_add_days(Days::new(days as u64))
    } else {
        today.checked_sub_days(Days::new(days.unsigned_abs()))
    }
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
            "next friday",
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
        for none in ["2026-13-45", "next Friday", "Soon, with the team", ""] {
            assert_eq!(find_date(none, today), None, "{none}");
        }
    }

    #[test]
    fn month_keys_sort_as_text() {
        assert_eq!(month_key(d(2026, 3, 9)), "2026-03");
        assert!(month_key(d(2026, 3, 9)) < month_key(d(2026, 11, 1)));
    }
}
