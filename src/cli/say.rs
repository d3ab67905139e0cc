//! What the command line says to people, in one table per language. Machine output (`--json`)
//! stays language-neutral; `--help` stays English (clap's help is built from the code's doc
//! comments, one language only).
//!
//! Templates name their blanks in braces (`{name}`), filled with [`fill`].

use chrono::NaiveDate;

use crate::journal::Language;
pub use crate::text::fill;
use crate::tui::words as shared;

/// One language's messages.
pub struct Say {
    pub welcome: &'static str,
    pub no_journal_yet: &'static str,
    pub init_hint: &'static str,
    pub or_first_note: &'static str,
    pub first_note_hint: &'static str,
    pub journal_of: &'static str,
    pub checkin_line: &'static str,
    pub done_today: &'static str,
    pub not_done: &'static str,
    pub day: &'static str,
    pub days: &'static str,
    pub week: &'static str,
    pub weeks: &'static str,
    pub meant_to_try: &'static str,
    pub due_heading: &'static str,
    pub look_back: &'static str,
    pub active_cycles: &'static str,
    pub phase_line: &'static str,
    pub reflection_owed: &'static str,
    pub no_active_cycle: &'static str,
    pub concluded_cycles: &'static str,
    pub and_more: &'static str,
    pub empty_journal: &'static str,
    pub hint_checkin: &'static str,
    pub hint_cycle: &'static str,
    pub hint_experiment: &'static str,
    pub hint_more: &'static str,
    // show
    pub from_journal: &'static str,
    pub created: &'static str,
    pub edited: &'static str,
    pub tags: &'static str,
    pub gone: &'static str,
    pub status: &'static str,
    pub question: &'static str,
    pub goal: &'static str,
    pub ends: &'static str,
    pub phase: &'static str,
    pub owed_on: &'static str,
    pub closing: &'static str,
    pub cycle: &'static str,
    pub follows_from: &'static str,
    pub followed_by: &'static str,
    pub with: &'static str,
    pub expect: &'static str,
    pub will_know: &'static str,
    pub look_back_label: &'static str,
    pub outcome: &'static str,
    pub signal_showed: &'static str,
    pub closed: &'static str,
    pub prompt_set: &'static str,
    pub about: &'static str,
    pub why: &'static str,
    pub linked: &'static str,
    pub other_version: &'static str,
    pub comments: &'static str,
    pub yes: &'static str,
    pub partly: &'static str,
    pub no: &'static str,
    // stats
    pub stats_records: &'static str,
    pub stats_streak: &'static str,
    pub stats_open: &'static str,
    pub stats_by_month: &'static str,
    // lists
    pub nothing_shared: &'static str,
    pub empty: &'static str,
    pub no_match: &'static str,
    pub nothing_due: &'static str,
    pub follow_ups_heading: &'static str,
    pub follow_up_days: &'static str,
    pub sets_due_heading: &'static str,
    pub last_time: &'static str,
    pub read_from_copy: &'static str,
    // import reports
    pub key_pinned: &'static str,
    pub imported: &'static str,
    pub in_conflict: &'static str,
    pub not_taken: &'static str,
    pub comments_not_taken: &'static str,
    pub deleted_here: &'static str,
    pub repeated: &'static str,
    pub comments_report: &'static str,
    pub wrote: &'static str,
    pub sealed_key: &'static str,
    pub sealed_passphrase: &'static str,
    // errors
    pub err_no_journal: &'static str,
    pub err_not_a_folder: &'static str,
    pub err_not_a_journal: &'static str,
    pub err_exists: &'static str,
    pub err_locked: &'static str,
    pub err_not_found: &'static str,
    pub err_ambiguous: &'static str,
    pub err_date: &'static str,
}

const EN: Say = Say {
    welcome: "Welcome to praxis, a learning journal for leading co-creation.",
    no_journal_yet: "There is no journal in {dir} yet. Start one with",
    init_hint: "  praxis init --name \"Your name\" --lang en   (or --lang da)",
    or_first_note: "or simply write your first note:",
    first_note_hint: "  praxis add note --title \"What I noticed today\"",
    journal_of: "Journal of {name} — {date}",
    checkin_line: "Daily check-in   {state} · streak {n} {unit}{rhythm}",
    done_today: "done today",
    not_done: "not done yet today",
    day: "day",
    days: "days",
    week: "week",
    weeks: "weeks",
    meant_to_try: "You meant to try ({when}): {text} — did you? (praxis add experiment --from {id})",
    due_heading: "Due for follow-up",
    look_back: "look back {date} ({when})",
    active_cycles: "Active cycles",
    phase_line: "phase: {phase} · {experiments}, {reflections}",
    reflection_owed: "reflection owed: {title}",
    no_active_cycle: "No active cycle. Start one with praxis cycle new --title … --question …",
    concluded_cycles: "Concluded cycles",
    and_more: "  … and {n} more: praxis list --kind cycle",
    empty_journal: "Your journal is empty. A good first step is a cycle: the change you are working on, as a question you want to learn your way into.",
    hint_checkin: "check in",
    hint_cycle: "start a cycle",
    hint_experiment: "plan an experiment",
    hint_more: "  praxis list · praxis search TEXT · praxis --help",
    from_journal: "from {name}'s journal (read-only)",
    created: "created {when}",
    edited: " · edited {when} · revision {n}",
    tags: "tags",
    gone: "{id} (no longer in the journal)",
    status: "status",
    question: "question",
    goal: "learning goal",
    ends: "ends",
    phase: "phase",
    owed_on: "reflection owed on",
    closing: "closing reflection",
    cycle: "cycle",
    follows_from: "follows from",
    followed_by: "followed by",
    with: "with",
    expect: "I expect",
    will_know: "I will know by",
    look_back_label: "look back",
    outcome: "outcome",
    signal_showed: "signal showed",
    closed: "closed",
    prompt_set: "prompt set",
    about: "about",
    why: "why",
    linked: "linked records:",
    other_version: "another version with the same revision ({n}) arrived, edited {when}:",
    comments: "comments:",
    yes: "yes",
    partly: "partly",
    no: "no",
    stats_records: "records           {total} ({kinds})",
    stats_streak: "streak            {n} {unit}",
    stats_open: "open experiments  {open} ({due} due for follow-up)",
    stats_by_month: "by month",
    nothing_shared: "Nothing has been shared with this journal yet (praxis import, or praxis network sync).",
    empty: "The journal is empty.",
    no_match: "No records match.",
    nothing_due: "Nothing is due.",
    follow_ups_heading: "Success-case follow-ups",
    follow_up_days: "{days} days",
    sets_due_heading: "Prompt sets due",
    last_time: ", last {when}",
    read_from_copy: "praxis: the journal is open in praxis{pid}; this is read from a copy made now, so what is saved there from now on is not in it.",
    key_pinned: "  {name}'s key is new here and was pinned: {fingerprint}\n  (compare it with {name}, by phone; a later file with another key is refused)",
    imported: "  {added} added, {updated} updated, {unchanged} already here, {older} older than ours",
    in_conflict: "  {n} in conflict (same revision, other content; both versions kept — see praxis show):",
    not_taken: "  {n} not taken: this file may not add or change them (it is unsigned, or not by their author); they are left as they are",
    comments_not_taken: "  {n} comment(s) not taken: written in a name other than the file's",
    deleted_here: "  {n} you deleted here, not brought back",
    repeated: "  {n} repeated in the file: the highest revision of each was taken",
    comments_report: "  comments: {added} added, {unchanged} already here, {orphaned} on records this journal does not have",
    wrote: "Wrote {n} record(s) for {scope} to {file}{sealed}.",
    sealed_key: ", sealed for its reader's key",
    sealed_passphrase: ", sealed with the passphrase",
    err_no_journal: "there is no journal in {dir} yet: add your first record (praxis add note …) or run `praxis init`",
    err_not_a_folder: "{dir} is a file, not a folder: --journal (and PRAXIS_JOURNAL) name the folder a journal is kept in, e.g. --journal ~/praxis-journal",
    err_not_a_journal: "{dir} is not a praxis journal (it has other files but no journal database): choose an empty or new folder with --journal",
    err_exists: "there is already a journal in {dir}: use it, or choose another folder with --journal",
    err_locked: "this journal ({dir}) is open in another praxis{pid}: close that one first, then try again",
    err_not_found: "no record has an id starting with '{id}': see `praxis list` for ids",
    err_ambiguous: "'{id}' could mean several records ({ids}): type more of the id",
    err_date: "--{flag}: cannot read the date '{text}': use YYYY-MM-DD (like 2026-12-01), today, tomorrow, a weekday (friday), a day and month (16/12, 16 December), or an offset like +7d, +2w, in 3 days",
};

const DA: Say = Say {
    welcome: "Velkommen til praxis, en læringsjournal for ledelse af samskabelse.",
    no_journal_yet: "Der er ingen journal i {dir} endnu. Start en med",
    init_hint: "  praxis init --name \"Dit navn\" --lang da   (eller --lang en)",
    or_first_note: "eller skriv bare din første note:",
    first_note_hint: "  praxis add note --title \"Det lagde jeg mærke til i dag\"",
    journal_of: "Journal for {name} — {date}",
    checkin_line: "Dagens check-in   {state} · {n} {unit} i træk{rhythm}",
    done_today: "gjort i dag",
    not_done: "ikke gjort endnu i dag",
    day: "dag",
    days: "dage",
    week: "uge",
    weeks: "uger",
    meant_to_try: "Du ville prøve ({when}): {text} — gjorde du? (praxis add experiment --from {id})",
    due_heading: "Til opfølgning",
    look_back: "opfølgning {date} ({when})",
    active_cycles: "Aktive forløb",
    phase_line: "fase: {phase} · {experiments}, {reflections}",
    reflection_owed: "mangler refleksion: {title}",
    no_active_cycle: "Intet aktivt forløb. Start et med praxis cycle new --title … --question …",
    concluded_cycles: "Afsluttede forløb",
    and_more: "  … og {n} mere: praxis list --kind forløb",
    empty_journal: "Din journal er tom. Et godt første skridt er et forløb: den forandring, du arbejder med, formuleret som et spørgsmål, du vil blive klogere på.",
    hint_checkin: "check-in",
    hint_cycle: "start et forløb",
    hint_experiment: "planlæg et eksperiment",
    hint_more: "  praxis list · praxis search TEKST · praxis --help",
    from_journal: "fra {name} (kan kun læses her)",
    created: "oprettet {when}",
    edited: " · rettet {when} · version {n}",
    tags: "emner",
    gone: "{id} (findes ikke længere i journalen)",
    status: "status",
    question: "spørgsmål",
    goal: "læringsmål",
    ends: "slutter",
    phase: "fase",
    owed_on: "mangler refleksion om",
    closing: "afsluttende refleksion",
    cycle: "forløb",
    follows_from: "bygger på",
    followed_by: "fulgt op af",
    with: "med",
    expect: "Jeg forventer",
    will_know: "Jeg kan se det på",
    look_back_label: "opfølgning",
    outcome: "resultat",
    signal_showed: "signalet viste sig",
    closed: "afsluttet",
    prompt_set: "spørgsmålssæt",
    about: "om",
    why: "hvorfor",
    linked: "tilknyttede poster:",
    other_version: "en anden udgave med samme version ({n}) er kommet, rettet {when}:",
    comments: "kommentarer:",
    yes: "ja",
    partly: "delvist",
    no: "nej",
    stats_records: "poster            {total} ({kinds})",
    stats_streak: "i træk            {n} {unit}",
    stats_open: "åbne eksperimenter {open} ({due} til opfølgning)",
    stats_by_month: "pr. måned",
    nothing_shared: "Intet er delt med denne journal endnu (praxis import eller praxis network sync).",
    empty: "Journalen er tom.",
    no_match: "Ingen poster passer.",
    nothing_due: "Intet venter.",
    follow_ups_heading: "Opfølgning på succestilfælde",
    follow_up_days: "{days} dage",
    sets_due_heading: "Spørgsmålssæt, der venter",
    last_time: ", sidst {when}",
    read_from_copy: "praxis: journalen er åben i praxis{pid}; dette er læst fra en kopi taget nu, så det, der gemmes dér fra nu af, er ikke med.",
    key_pinned: "  Nøglen fra {name} er ny her og er nu fastgjort: {fingerprint}\n  (sammenlign den med {name}, i telefonen; en senere fil med en anden nøgle afvises)",
    imported: "  {added} tilføjet, {updated} opdateret, {unchanged} fandtes allerede, {older} ældre end vores",
    in_conflict: "  {n} i konflikt (samme version, andet indhold; begge udgaver er gemt – se praxis show):",
    not_taken: "  {n} ikke taget med: denne fil må ikke tilføje eller ændre dem (den er ikke signeret, eller ikke af forfatteren); de står, som de stod",
    comments_not_taken: "  {n} kommentar(er) ikke taget med: skrevet i et andet navn end filens",
    deleted_here: "  {n}, som du har slettet her, er ikke hentet tilbage",
    repeated: "  {n} stod flere gange i filen: den højeste version af hver er taget",
    comments_report: "  kommentarer: {added} tilføjet, {unchanged} fandtes allerede, {orphaned} til poster, denne journal ikke har",
    wrote: "Skrev {n} post(er) til {scope} i {file}{sealed}.",
    sealed_key: ", forseglet til modtagerens nøgle",
    sealed_passphrase: ", forseglet med adgangsfrasen",
    err_no_journal: "der er ingen journal i {dir} endnu: skriv din første post (praxis add note …) eller kør `praxis init`",
    err_not_a_folder: "{dir} er en fil, ikke en mappe: --journal (og PRAXIS_JOURNAL) angiver den mappe, journalen ligger i, fx --journal ~/praxis-journal",
    err_not_a_journal: "{dir} er ikke en praxis-journal (der er andre filer, men ingen journaldatabase): vælg en tom eller ny mappe med --journal",
    err_exists: "der er allerede en journal i {dir}: brug den, eller vælg en anden mappe med --journal",
    err_locked: "journalen ({dir}) er åben i en anden praxis{pid}: luk den først, og prøv så igen",
    err_not_found: "ingen post har et id, der begynder med '{id}': se id'erne med `praxis list`",
    err_ambiguous: "'{id}' er begyndelsen på flere poster ({ids}): skriv mere af id'et",
    err_date: "--{flag}: kan ikke læse datoen '{text}': skriv ÅÅÅÅ-MM-DD (fx 2026-12-01), i dag, i morgen, en ugedag (fredag), en dag og måned (16/12, 16. december) eller fx +7d, +2u, om 3 dage",
};

/// The messages in `lang`.
pub fn say(lang: Language) -> &'static Say {
    match lang {
        Language::English => &EN,
        Language::Danish => &DA,
    }
}

/// An error as the command line tells it in `lang`: the journal's common troubles in the
/// table, the rest as they are (their text says what to do, in English for now).
pub fn error_text(e: &super::CliError, lang: Language) -> String {
    use crate::store::StoreError;
    let w = say(lang);
    let dir = |d: &std::path::Path| d.display().to_string();
    match e {
        super::CliError::Store(s) => match s {
            StoreError::NoJournal { dir: d } => fill(w.err_no_journal, &[("dir", &dir(d))]),
            StoreError::NotAFolder { dir: d } => fill(w.err_not_a_folder, &[("dir", &dir(d))]),
            StoreError::NotAJournal { dir: d } => fill(w.err_not_a_journal, &[("dir", &dir(d))]),
            StoreError::AlreadyExists { dir: d } => fill(w.err_exists, &[("dir", &dir(d))]),
            StoreError::Locked { dir: d, pid } => {
                let pid = pid.map(|p| format!(" (pid {p})")).unwrap_or_default();
                fill(w.err_locked, &[("dir", &dir(d)), ("pid", &pid)])
            }
            StoreError::NotFound { prefix } => fill(w.err_not_found, &[("id", prefix)]),
            StoreError::Ambiguous { prefix, candidates } => fill(
                w.err_ambiguous,
                &[("id", prefix), ("ids", &candidates.join(", "))],
            ),
            other => other.to_string(),
        },
        other => other.to_string(),
    }
}

/// "Monday 23 November 2026", "mandag den 23. november 2026".
pub fn long_date(d: NaiveDate, lang: Language) -> String {
    use chrono::Datelike;
    match lang {
        Language::English => d.format("%A %-d %B %Y").to_string(),
        Language::Danish => format!(
            "{} den {}. {} {}",
            shared::weekday_name(d, lang),
            d.day(),
            shared::month_name(d, lang),
            d.year()
        ),
    }
}

/// "today", "in 3 days", "i går", "om 3 dage".
pub fn relative(d: NaiveDate, today: NaiveDate, lang: Language) -> String {
    shared::relative_day(d, today, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every template names the same blanks in both languages (a blank left out would print
    /// nothing where the user needs the value).
    #[test]
    fn both_languages_fill_the_same_blanks() {
        fn blanks(t: &str) -> Vec<String> {
            let mut b: Vec<String> = t
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            b.sort();
            b
        }
        // Words that are the same in both languages; every other message is translated.
        let same = [
            "status",
            "mentor",
            "  praxis list · praxis search TEXT · praxis --help",
        ];
        for (e, d) in fields(&EN).iter().zip(fields(&DA)) {
            assert_eq!(blanks(e), blanks(d), "{e} / {d}");
            assert!(!d.is_empty());
            assert!(*e != d || same.contains(e), "not translated: {e}");
        }
    }

    fn fields(s: &Say) -> Vec<&'static str> {
        vec![
            s.welcome,
            s.no_journal_yet,
            s.init_hint,
            s.or_first_note,
            s.first_note_hint,
            s.journal_of,
            s.checkin_line,
            s.done_today,
            s.not_done,
            s.day,
            s.days,
            s.week,
            s.weeks,
            s.meant_to_try,
            s.due_heading,
            s.look_back,
            s.active_cycles,
            s.phase_line,
            s.reflection_owed,
            s.no_active_cycle,
            s.concluded_cycles,
            s.and_more,
            s.empty_journal,
            s.hint_checkin,
            s.hint_cycle,
            s.hint_experiment,
            s.hint_more,
            s.from_journal,
            s.created,
            s.edited,
            s.tags,
            s.gone,
            s.status,
            s.question,
            s.goal,
            s.ends,
            s.phase,
            s.owed_on,
            s.closing,
            s.cycle,
            s.follows_from,
            s.followed_by,
            s.with,
            s.expect,
            s.will_know,
            s.look_back_label,
            s.outcome,
            s.signal_showed,
            s.closed,
            s.prompt_set,
            s.about,
            s.why,
            s.linked,
            s.other_version,
            s.comments,
            s.yes,
            s.partly,
            s.no,
            s.stats_records,
            s.stats_streak,
            s.stats_open,
            s.stats_by_month,
            s.nothing_shared,
            s.empty,
            s.no_match,
            s.nothing_due,
            s.follow_ups_heading,
            s.follow_up_days,
            s.sets_due_heading,
            s.last_time,
            s.read_from_copy,
            s.err_no_journal,
            s.err_not_a_folder,
            s.err_not_a_journal,
            s.err_exists,
            s.err_locked,
            s.err_not_found,
            s.err_ambiguous,
            s.err_date,
        ]
    }

    #[test]
    fn danish_dates_read_as_danes_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            long_date(d, Language::Danish),
            "mandag den 23. november 2026"
        );
        assert_eq!(long_date(d, Language::English), "Monday 23 November 2026");
    }
}
