//! The export as a readable Markdown document: cycles with their experiments and reflections,
//! questions with answers, then everything outside a cycle.

use std::fmt::Write;

use super::Content as FileContent;
use crate::prompts::{Library, show_answer};
use crate::record::{Content, Record, RecordId};

/// The file's records as Markdown, questions in the exporter's language.
pub fn to_markdown(file: &FileContent, library: &Library) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} — praxis journal ({})\n\nExported {} UTC.\n",
        file.exported_by.author_name,
        file.scope.as_str(),
        file.exported_at.format("%Y-%m-%d %H:%M")
    );
    let records = &file.records;
    let in_cycle = |r: &Record, c: RecordId| r.cycle() == Some(c);
    let mut shown: Vec<RecordId> = Vec::new();
    for cycle in records
        .iter()
        .filter(|r| matches!(r.content, Content::Cycle { .. }))
    {
        record(&mut out, cycle, 2, file, library);
        shown.push(cycle.id);
        for e in records
            .iter()
            .filter(|r| in_cycle(r, cycle.id) && matches!(r.content, Content::Experiment { .. }))
        {
            record(&mut out, e, 3, file, library);
            shown.push(e.id);
            for r in records.iter().filter(|r| r.experiment() == Some(e.id)) {
                record(&mut out, r, 4, file, library);
                shown.push(r.id);
            }
        }
        let others: Vec<&Record> = records
            .iter()
            .filter(|r| in_cycle(r, cycle.id) && !shown.contains(&r.id))
            .collect();
        for r in others {
            record(&mut out, r, 3, file, library);
            shown.push(r.id);
        }
    }
    let rest: Vec<&Record> = records.iter().filter(|r| !shown.contains(&r.id)).collect();
    if !rest.is_empty() {
        let _ = writeln!(out, "## Outside a cycle\n");
        for r in rest {
            record(&mut out, r, 3, file, library);
        }
    }
    out
}

fn record(out: &mut String, r: &Record, level: usize, file: &FileContent, library: &Library) {
    let lang = file.exported_by.language;
    let hashes = "#".repeat(level);
    let _ = writeln!(
        out,
        "{hashes} {}: {} ({})\n",
        kind_word(r),
        r.display_title(),
        r.created.format("%Y-%m-%d")
    );
    if !r.tags.is_empty() {
        let tags: Vec<String> = r.tags.iter().map(|t| format!("#{t}")).collect();
        let _ = writeln!(out, "Tags: {}\n", tags.join(" "));
    }
    match &r.content {
        Content::Note => {}
        Content::Cycle {
            question, status, ..
        } => {
            if !question.is_empty() {
                let _ = writeln!(out, "> {question}\n");
            }
            let _ = writeln!(out, "Status: {}\n", status.as_str());
        }
        Content::Experiment {
            with,
            expectation,
            signal,
            follow_up,
            status,
            outcome,
            ..
        } => {
            let _ = writeln!(out, "- Status: {}", status.as_str());
            if !with.is_empty() {
                let _ = writeln!(out, "- With: {}", with.join(", "));
            }
            if !expectation.is_empty() {
                let _ = writeln!(out, "- I expect: {expectation}");
            }
            if !signal.is_empty() {
                let _ = writeln!(out, "- I will know by: {signal}");
            }
            if let Some(d) = follow_up {
                let _ = writeln!(out, "- Look back: {d}");
            }
            if let Some(o) = outcome {
                let _ = writeln!(out, "- Outcome: {o}");
            }
            out.push('\n');
        }
        Content::Reflection { set, answers, .. } => {
            let prompt_set = library.get(set);
            for a in answers {
                let (asked, value) = show_answer(prompt_set, a, lang);
                let _ = writeln!(out, "**{asked}**\n\n{value}\n");
                if let Some(why) = &a.why {
                    let _ = writeln!(out, "_Why:_ {why}\n");
                }
            }
        }
    }
    if !r.body.trim().is_empty() {
        let _ = writeln!(out, "{}\n", r.body.trim_end());
    }
    for c in file.comments.iter().filter(|c| c.on == r.id) {
        let _ = writeln!(
            out,
            "> **{}** ({}): {}\n",
            c.author_name,
            c.created.format("%Y-%m-%d"),
            c.text.replace('\n', "\n> ")
        );
    }
}

fn kind_word(r: &Record) -> &'static str {
    match r.content {
        Content::Note => "Note",
        Content::Cycle { .. } => "Cycle",
        Content::Experiment { .. } => "Experiment",
        Content::Reflection { .. } => "Reflection",
    }
}
