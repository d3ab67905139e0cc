//! Text output that reads well in an 80-column terminal.

use chrono::{DateTime, Local, Utc};
use unicode_width::UnicodeWidthStr;

use crate::record::{Content, Record, Visibility};
use crate::store::Journal;

/// The width people's terminals have at the least.
pub const WIDTH: usize = 80;

pub use crate::width::{fit, one_line, wrap};

/// A local date and time, minutes precision.
pub fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The width of the widest short id among `records`, so a list's columns line up.
pub fn id_width<'a>(journal: &Journal, records: impl IntoIterator<Item = &'a Record>) -> usize {
    records
        .into_iter()
        .map(|r| journal.short_id(r.id).len())
        .max()
        .unwrap_or(0)
}

/// A record as one list line: short id (padded to `ids` columns), day, kind, title, then
/// status, tags and visibility.
pub fn list_line(
    journal: &Journal,
    r: &Record,
    ids: usize,
    lang: crate::journal::Language,
) -> String {
    list_line_as(&journal.short_id(r.id), r, ids, lang)
}

/// [`list_line`] with the record's short id worked out already.
pub fn list_line_as(
    short_id: &str,
    r: &Record,
    ids: usize,
    lang: crate::journal::Language,
) -> String {
    use crate::tui::words as shared;
    let kind = shared::kind(r.kind(), lang);
    let head = format!(
        "{:<ids$} {}  {kind:<11} ",
        short_id,
        r.created.with_timezone(&Local).format("%Y-%m-%d"),
    );
    let (status_long, status_short) = match &r.content {
        Content::Experiment {
            status, follow_up, ..
        } => {
            let word = shared::experiment_status(*status, lang);
            let short = format!("({word})");
            match (follow_up, status.is_open()) {
                (Some(d), true) => (
                    format!("({word}, {} {d})", super::say::say(lang).look_back_label),
                    short,
                ),
                _ => (short.clone(), short),
            }
        }
        Content::Cycle { status, .. } => {
            let s = format!("({})", shared::cycle_status(*status, lang));
            (s.clone(), s)
        }
        _ => (String::new(), String::new()),
    };
    let tags: Vec<String> = r.tags.iter().map(|t| format!("#{t}")).collect();
    let visibility = match r.visibility {
        Visibility::Private => String::new(),
        v => format!("[{}]", shared::visibility(v, lang)),
    };
    let join = |parts: &[&str]| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let all_tags = tags.join(" ");
    let first_tag = match tags.len() {
        0 => String::new(),
        1 => tags[0].clone(),
        n => format!("{} +{}", tags[0], n - 1),
    };
    // Ever shorter tails; visibility is never dropped, it says who may see the record.
    let tails = [
        join(&[&status_long, &all_tags, &visibility]),
        join(&[&status_short, &all_tags, &visibility]),
        join(&[&status_short, &first_tag, &visibility]),
        join(&[&status_short, &visibility]),
    ];
    let room = WIDTH.saturating_sub(head.width());
    let title = one_line(&r.display_title());
    let title_min = title.width().min(room * 3 / 5);
    let tail = tails
        .iter()
        .find(|t| t.is_empty() || title_min + 1 + t.width() <= room)
        .unwrap_or(&tails[3]);
    if tail.is_empty() {
        return format!("{head}{}", fit(&title, room));
    }
    let title = fit(&title, room.saturating_sub(tail.width() + 1));
    format!("{head}{title} {tail}")
}
