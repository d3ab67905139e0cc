//! Every word the screens show, in English and Danish.

use crate::journal::Language;

/// The screen text of one language.
#[derive(Debug)]
pub struct Words {
    pub app_name: &'static str,
    pub today: &'static str,
    pub checkin: &'static str,
    pub checkin_done: &'static str,
    pub checkin_open: &'static str,
    pub streak: &'static str,
    pub days: &'static str,
    pub day: &'static str,
    pub due: &'static str,
    pub nothing_due: &'static str,
    pub active_cycles: &'static str,
    pub no_cycles: &'static str,
    pub phase: &'static str,
    pub draft_waiting: &'static str,
    pub question_of: &'static str,
    pub hint: &'static str,
    pub why: &'static str,
    pub optional: &'static str,
    pub review: &'static str,
    pub review_intro: &'static str,
    pub not_answered: &'static str,
    pub skipped: &'static str,
    /// "{question}" is a question left without an answer, as the flow asks it.
    pub missing_answer: &'static str,
    /// Said when a look-back answer holds no date praxis can read.
    pub date_refused: &'static str,
    /// Under the look-back answer while it holds no date praxis can read.
    pub date_how: &'static str,
    /// Under the look-back answer: the "{date}" read from it, in words.
    pub date_read: &'static str,
    /// The flow's subtitle while saved answers are changed.
    pub editing_answers: &'static str,
    /// Said when an edit is saved with nothing changed.
    pub unchanged: &'static str,
    /// Said when a record's answers cannot be opened because its "{set}" is gone.
    pub edit_set_gone: &'static str,
    pub saved: &'static str,
    pub import_undone: &'static str,
    /// Said once when opening made the journal's files private to their user.
    pub made_private: &'static str,
    /// Said when the save log was damaged and a new backup restarted it.
    pub log_restarted: &'static str,
    /// Said when the save log was damaged and no backup could be made to restart it.
    pub log_not_restarted: &'static str,
    pub draft_kept: &'static str,
    pub draft_discarded: &'static str,
    pub draft_replace: &'static str,
    /// The question before `x` throws away a draft with answers.
    pub draft_discard: &'static str,
    pub draft_changed: &'static str,
    pub draft_note_title: &'static str,
    pub answer_n: &'static str,
    pub pick_set: &'static str,
    pub timeline: &'static str,
    pub filter: &'static str,
    pub filter_help: &'static str,
    /// A filter word, "{word}", that is no kind, tag, date or cycle.
    pub not_a_filter: &'static str,
    /// A filter's date, "{word}", that cannot be read; "{why}" in English only.
    pub filter_date: &'static str,
    /// A filter's cycle id, "{word}", that names no one cycle; "{why}" in English only.
    pub filter_cycle: &'static str,
    pub no_records: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub searching: &'static str,
    pub no_matches: &'static str,
    /// Said above results that only match within a typo or by scattered letters.
    pub close_matches: &'static str,
    /// "{shown} of {matched}" when more matched than are shown.
    pub shown_of: &'static str,
    /// Between the rows shown and the rows in all: "12–34 of 80".
    pub of: &'static str,
    /// The search results' box, when there is nothing else to say.
    pub results: &'static str,
    /// The title of the timeline's preview pane.
    pub preview: &'static str,
    /// After the comment count in the preview: how to read them.
    pub preview_open: &'static str,
    /// Home, when others' comments arrived: how many, from whom, and the key.
    pub unread_one: &'static str,
    pub unread_many: &'static str,
    /// `m` with no comment waiting.
    pub no_unread: &'static str,
    /// After v: who may see the record now.
    pub now_private: &'static str,
    pub now_mentor: &'static str,
    pub now_network: &'static str,
    /// The same, for a record with comments: they are shared with it.
    pub now_with_comments: &'static str,
    /// Home: a prompt set whose cadence came round.
    pub nudge_set: &'static str,
    pub nudge_last: &'static str,
    /// Home: a success-case follow-up whose day came.
    pub nudge_follow_up: &'static str,
    /// The first Esc in a comment with text in it.
    pub comment_esc_again: &'static str,
    pub comments: &'static str,
    pub comment_count: &'static str,
    pub comment_one: &'static str,
    pub linked: &'static str,
    pub visibility: &'static str,
    /// "Delete {title}?"
    pub delete_confirm: &'static str,
    /// "{title}" was deleted; u undoes it.
    pub deleted: &'static str,
    /// "{title}" is back after an undo.
    pub undeleted: &'static str,
    pub nothing_to_undo: &'static str,
    /// `o` on home with no experiment due.
    pub nothing_due_to_log: &'static str,
    /// `o` on home with a cycle selected while experiments are due.
    pub pick_due: &'static str,
    /// `o` or `x` on a record that is not an experiment.
    pub not_an_experiment: &'static str,
    /// `o` or `x` on an experiment that is already "{status}".
    pub already_closed: &'static str,
    /// The after-action review's subtitle when it drops the experiment "{title}".
    pub dropping: &'static str,
    /// Said when the review that drops an experiment opens.
    pub dropping_told: &'static str,
    pub help_title: &'static str,
    pub help_close: &'static str,
    /// The same, for a help taller than the window.
    pub help_scroll_close: &'static str,
    pub welcome: &'static str,
    pub ask_name: &'static str,
    /// The same, after Enter on an empty name.
    pub name_needed: &'static str,
    pub ask_language: &'static str,
    pub orientation: &'static [&'static str],
    /// The demo's first screen: what it is, what home shows, three keys to try.
    pub demo_orientation: &'static [&'static str],
    pub new_cycle: &'static str,
    pub cycle_theme: &'static str,
    pub cycle_question: &'static str,
    pub cycle_theme_hint: &'static str,
    pub cycle_question_hint: &'static str,
    pub new_note: &'static str,
    pub note_text: &'static str,
    pub note_text_hint: &'static str,
    pub note_title: &'static str,
    pub note_title_hint: &'static str,
    pub look_back: &'static str,
    pub outcome: &'static str,
    pub status: &'static str,
    pub with: &'static str,
    pub expect: &'static str,
    pub signal: &'static str,
    pub editor_failed: &'static str,
    pub tags: &'static str,
    pub tags_prompt: &'static str,
    pub too_small: &'static str,
    pub peers: &'static str,
    pub read_only: &'static str,
    pub from: &'static str,
    pub comment_prompt: &'static str,
    /// The comment box's title on a peer's network record: where the comment goes.
    pub comment_to_peer: &'static str,
    /// The comment box's title on a record shared with you for review.
    pub comment_to_mentee: &'static str,
    /// The comment box's title on your own private record.
    pub comment_own_private: &'static str,
    /// The comment box's title on your own record shared with your mentor.
    pub comment_own_mentor: &'static str,
    /// The comment box's title on your own record shared with the network.
    pub comment_own_network: &'static str,
    /// Under a saved reflection with a next step.
    pub carry_hint: &'static str,
    /// Any key but yes to an offer: it can be done later.
    pub not_now: &'static str,
    /// A plan's subtitle when it follows from "{title}".
    pub follows_from_about: &'static str,
    /// A record's link to what it follows from.
    pub follows_from: &'static str,
    /// A record's link to an experiment planned from it.
    pub followed_by: &'static str,
    /// After a review that chose adjust.
    pub plan_follow_up_now: &'static str,
    /// s with nothing to start.
    pub start_what: &'static str,
    /// s on a cycle with no planned experiment.
    pub nothing_planned: &'static str,
    /// s on a cycle with "{n}" planned experiments.
    pub pick_planned: &'static str,
    /// After s started "{title}".
    pub started: &'static str,
    /// s on a running experiment.
    pub already_running: &'static str,
    /// C with no cycle selected or open.
    pub conclude_what: &'static str,
    /// C on a concluded cycle.
    pub already_concluded: &'static str,
    /// A title in quotation marks.
    pub quoted: &'static str,
    /// Before concluding a cycle with one open experiment, "{titles}".
    pub conclude_open_one: &'static str,
    /// Before concluding a cycle with "{n}" open experiments, "{titles}".
    pub conclude_open: &'static str,
    /// Any answer but yes to concluding a cycle with open experiments.
    pub not_concluded: &'static str,
    /// After the closing reflection is saved.
    pub cycle_concluded: &'static str,
    /// Home's rhythm: "{rhythm}", "{n}" "{unit}" in a row.
    pub rhythm_run: &'static str,
    /// With a weekly rhythm: "{n}" days written this week.
    pub this_week: &'static str,
    /// One week.
    pub week: &'static str,
    /// Weeks.
    pub weeks: &'static str,
    /// On a cycle's row: a closed experiment still owes a reflection.
    pub owed: &'static str,
    /// In a cycle's record: the experiments owed a reflection.
    pub owed_on: &'static str,
    /// Home when every cycle is concluded.
    pub no_active_cycle: &'static str,
    /// Home's list of concluded cycles.
    pub concluded_cycles: &'static str,
    /// Home and today's check-in: what the last check-in ("{when}") meant to try, "{text}".
    pub meant_to: &'static str,
    /// Above an after-action review's questions.
    pub your_plan: &'static str,
    /// The set list's title, "{phase}" being the phase whose sets come first.
    pub pick_set_phase: &'static str,
    /// The relational-coordination map's title.
    pub rc_title: &'static str,
    /// The map's first column.
    pub counterpart: &'static str,
    /// Under the map: the weakest tie, and the key.
    pub weakest_tie: &'static str,
    /// Under the map: the highlighted tie, when it is not the weakest.
    pub selected_tie: &'static str,
    /// The map's column of how often and when last.
    pub answered_times: &'static str,
    /// The map with no relational-coordination reflection.
    pub no_rc: &'static str,
    /// A plan from the map: why, filled in.
    pub tie_why: &'static str,
    /// The rhythm calendar's title.
    pub calendar_title: &'static str,
    /// Under the calendar: "{days}" days with a record in "{weeks}" weeks.
    pub calendar_days: &'static str,
    /// The calendar's key.
    pub calendar_legend: &'static str,
    /// Weekday names, two letters, Monday first.
    pub weekdays: &'static str,
    /// The charts' title, for "{title}".
    pub charts_title: &'static str,
    /// What the charts from home cover.
    pub last_year: &'static str,
    /// Charts with no scale answers.
    pub no_scales: &'static str,
    /// A chart's count of answers.
    pub answers_n: &'static str,
    /// Between two parts of one line: an em dash in English, an en dash in Danish.
    pub dash: &'static str,
    /// Before the last name of a list: "Bo, Mette and Eva".
    pub and: &'static str,
    /// The welcome's Enter: go on.
    pub welcome_go: &'static str,
    /// The welcome's Esc: leave without a journal.
    pub welcome_quit: &'static str,
}

/// English.
pub const EN: Words = Words {
    app_name: "praxis",
    today: "Today",
    checkin: "Daily check-in",
    checkin_done: "done today",
    checkin_open: "not done yet — press c",
    streak: "streak {n} {unit}",
    days: "days",
    day: "day",
    due: "Experiments to look back on",
    nothing_due: "Nothing is due. Plan a small experiment with e.",
    active_cycles: "Active cycles",
    no_cycles: "No cycle yet. Start one with n: the change you are working on, as a question.",
    phase: "phase",
    draft_waiting: "Unfinished: {title}, question {n} of {total}. r resumes it, x throws it away.",
    question_of: "{n} of {total}",
    hint: "hint",
    why: "Why?",
    optional: "may be skipped",
    review: "Review",
    review_intro: "Look over your answers. Enter edits one, Ctrl-s saves.",
    not_answered: "(not answered)",
    skipped: "(skipped)",
    missing_answer: "Answer this question first: “{question}”",
    date_refused: "praxis cannot read a date in this answer; your answer is kept.",
    date_how: "No date read yet: write one like Friday, in 2 weeks, 16/12, 16 December or 2026-12-16.",
    date_read: "Look back on {date}.",
    editing_answers: "changing saved answers",
    unchanged: "Nothing changed.",
    edit_set_gone: "The prompt set '{set}' this record was answered with is gone, so its answers cannot be opened.",
    saved: "Saved.",
    import_undone: "An import or restore was cut off last time; it has been undone, so nothing of it is here. Run it again.",
    made_private: "Your journal's files were readable by other users; now only you can read them.",
    log_restarted: "The save log was damaged; nothing is lost. A new backup restarts it.",
    log_not_restarted: "The save log is damaged; no backup could be made (disk full?). Nothing is lost.",
    draft_kept: "Your answers are kept as a draft; r on the home screen resumes them.",
    draft_discarded: "The draft was thrown away.",
    draft_replace: "You have an unfinished {title}. Start anew and throw it away? y/n — any other key keeps it.",
    draft_discard: "Throw away your unfinished {title} and what you wrote in it? y/n — any other key keeps it.",
    draft_changed: "Questions changed: starting afresh. Your answers are saved as a note.",
    draft_note_title: "Unfinished {title}, kept when its questions changed",
    answer_n: "Answer {n}",
    pick_set: "Choose a prompt set",
    timeline: "Timeline",
    filter: "filter",
    filter_help: "Filter: kind (note, cycle…), #tag, since:DATE, until:DATE, cycle:ID",
    not_a_filter: "“{word}” is not a filter: use a kind (note, cycle…), #tag, since:DATE, until:DATE or cycle:ID.",
    filter_date: "{why}",
    filter_cycle: "{why}",
    no_records: "Nothing here yet.",
    search: "Search",
    search_hint: "Type to search everything; Enter opens, Esc goes back.",
    searching: "searching…",
    no_matches: "No matches.",
    close_matches: "no exact match; close matches:",
    shown_of: "best {shown} of {matched} — type more to narrow",
    of: "of",
    results: "Results",
    preview: "Preview",
    preview_open: "Enter opens the record",
    unread_one: "A new comment from {names} on “{title}” — m reads it",
    unread_many: "{n} new comments from {names} — m reads the newest",
    no_unread: "No new comments.",
    comment_esc_again: "Esc again throws this comment away; Ctrl-s saves it.",
    nudge_set: "Due: {title} ({cadence}{last}) — R, then pick it",
    nudge_last: ", last {when}",
    nudge_follow_up: "Due: the {days}-day success-case follow-up of “{title}” — R, then pick it",
    now_private: "Private now: only you see it. v changes it again.",
    now_mentor: "Shared with your mentor at the next export. v changes it again.",
    now_network: "Shared with your network at the next sync. v changes it again.",
    now_with_comments: "{now} With it: {comments}.",
    comments: "Comments",
    comment_count: "({n} comments)",
    comment_one: "(1 comment)",
    linked: "Linked records",
    visibility: "visibility",
    delete_confirm: "Delete “{title}”? y deletes, any other key keeps it.",
    deleted: "Deleted: “{title}” — u undoes it.",
    undeleted: "“{title}” is back.",
    nothing_to_undo: "Nothing to undo.",
    nothing_due_to_log: "No experiment is due for a look-back. Open one (t) and press o to log its outcome.",
    pick_due: "Select an experiment to look back on (↑/↓), then press o.",
    not_an_experiment: "o and x work on an experiment only.",
    already_closed: "This experiment is already {status}.",
    dropping: "dropping “{title}”",
    dropping_told: "Saving this review drops the experiment; Esc goes back and keeps it.",
    help_title: "Keys",
    help_close: "Any key closes this help.",
    help_scroll_close: "↑/↓ and PgUp/PgDn scroll the keys; any other key closes this help.",
    welcome: "Welcome to praxis",
    ask_name: "Your name, as your mentor and peers will see it:",
    name_needed: "A name is needed — your mentor and peers see it on what you share:",
    ask_language: "Language for prompts and screens (Tab switches):",
    orientation: &[
        "praxis guides you through small action-learning cycles:",
        "plan an experiment → try it → look at what happened → reflect → next step.",
        "",
        "Every day: a three-minute check-in (c).",
        "When you want to change something: start a cycle (n) and plan an experiment (e).",
        "When the look-back date comes, praxis reminds you here; log what happened (o).",
        "",
        "Everything stays on this machine and is private until you choose to share it.",
        "? shows the keys on every screen.",
    ],
    demo_orientation: &[
        "This is a demo: five weeks of Anna's journal. She manages home care",
        "and is in the middle of two cycles. Nothing you do here touches your",
        "own journal; the demo is removed when you quit.",
        "",
        "Home shows today's check-in, the experiment due for its look-back,",
        "and each cycle with the phase it is in. Three things to try:",
        "  Enter  open the experiment that is due; o logs what happened",
        "  t      the timeline: everything Anna wrote, newest first",
        "  p      what Bo, a peer in Anna's network, shared with her",
        "",
        "? shows the keys on every screen; q quits.",
    ],
    new_cycle: "New cycle",
    cycle_theme: "What is the theme of this cycle?",
    cycle_question: "Which question do you want to learn your way into?",
    cycle_theme_hint: "A few words: “Let citizens shape home care”.",
    cycle_question_hint: "“How do I let citizens' ideas shape our home-care services?”",
    new_note: "New note",
    note_text: "What do you want to note?",
    note_text_hint: "Anything worth keeping: an observation, a thought, a quote. Ctrl-s saves.",
    note_title: "A title for it",
    note_title_hint: "Leave it empty and the first line is the title.",
    look_back: "look back",
    outcome: "outcome",
    status: "status",
    with: "with",
    expect: "I expect",
    signal: "I will know by",
    editor_failed: "Could not open the editor",
    tags: "tags",
    tags_prompt: "Tags (separate with commas), Enter saves, Esc cancels:",
    too_small: "Make the window at least 40×12 to use praxis.",
    peers: "Shared with me",
    read_only: "This is someone else's record: read-only here. c comments on it, R answers the mentor's review.",
    from: "from",
    comment_prompt: "Your comment (Ctrl-s saves, Esc cancels):",
    comment_to_peer: "Your comment, for {name} and your network, at your next sync",
    comment_to_mentee: "Your comment, for {name} in your comments file",
    comment_own_private: "Your comment, for you alone: the record is private",
    comment_own_mentor: "Your comment, for your mentor at your next export",
    comment_own_network: "Your comment, for your mentor and your network",
    carry_hint: "A next step: e plans it as an experiment, filled in and linked to this reflection.",
    not_now: "Not now. e on the review plans it later.",
    follows_from_about: "follows from “{title}”",
    follows_from: "follows from",
    followed_by: "followed by",
    plan_follow_up_now: "You chose to adjust: plan the follow-up experiment now, filled in from this one? y/n — any other key: not now.",
    start_what: "s starts an experiment: select or open a planned one.",
    nothing_planned: "This cycle has no planned experiment to start. e plans one.",
    pick_planned: "This cycle has {n} planned experiments: open it (Enter) and start one with s.",
    started: "Started: “{title}”. R writes a note in action; o logs the outcome.",
    already_running: "This experiment is already running.",
    conclude_what: "C concludes a cycle: select or open one.",
    already_concluded: "This cycle is already concluded; S shows what it taught.",
    quoted: "“{title}”",
    conclude_open_one: "One experiment of this cycle is still open: {titles}. Conclude anyway? It stays as it is. y/n",
    conclude_open: "{n} experiments of this cycle are still open: {titles}. Conclude anyway? They stay as they are. y/n",
    not_concluded: "Not concluded: the cycle stays active.",
    cycle_concluded: "Concluded. S shows what the cycle taught; home lists it under concluded cycles.",
    rhythm_run: "{rhythm}: {n} {unit} in a row",
    this_week: "{n} this week",
    week: "week",
    weeks: "weeks",
    owed: "reflection owed",
    owed_on: "reflection owed on",
    no_active_cycle: "No active cycle. n starts a new one; Enter opens a concluded one below.",
    concluded_cycles: "Concluded cycles",
    meant_to: "You meant to try ({when}): {text} — did you?",
    your_plan: "Your plan",
    pick_set_phase: "Choose a prompt set — for the {phase} phase first",
    rc_title: "Relational coordination: how each counterpart works with you",
    counterpart: "counterpart",
    weakest_tie: "Weakest tie: {counterpart}, {dimension} {score} of {max} — e plans an experiment on it",
    selected_tie: "{counterpart}: weakest is {dimension}, {score} of {max} — e plans an experiment on it",
    answered_times: "{n}×, last {day}",
    no_rc: "No relational-coordination reflection yet. R and “Relational coordination” take stock of one counterpart; answer it again later to see the tie change.",
    tie_why: "Strengthen {dimension} with {counterpart} (now {score} of {max})",
    calendar_title: "Rhythm: days you wrote, week by week",
    calendar_days: "{days} days with a record in the last {weeks} weeks",
    calendar_legend: "none · 1 · 2 · 3 or more",
    weekdays: "Mo Tu We Th Fr Sa Su",
    charts_title: "Scales over time: {title}",
    last_year: "the last 12 months",
    no_scales: "No scale answers yet. Relational coordination, trust-based steering and others ask on scales; each answer adds a point here.",
    answers_n: "{n} answers, {from} to {until}",
    dash: " — ",
    and: " and ",
    welcome_go: "ok",
    welcome_quit: "quit",
};

/// Danish.
pub const DA: Words = Words {
    app_name: "praxis",
    today: "I dag",
    checkin: "Dagens check-in",
    checkin_done: "gjort i dag",
    checkin_open: "ikke gjort endnu – tryk c",
    streak: "{n} {unit} i træk",
    days: "dage",
    day: "dag",
    due: "Eksperimenter til opfølgning",
    nothing_due: "Intet at følge op på. Planlæg et lille eksperiment med e.",
    active_cycles: "Aktive forløb",
    no_cycles: "Intet forløb endnu. Start et med n: den forandring, du arbejder med, formuleret som et spørgsmål.",
    phase: "fase",
    draft_waiting: "Ikke færdig: {title}, spørgsmål {n} af {total}. r fortsætter, x kasserer.",
    question_of: "{n} af {total}",
    hint: "tip",
    why: "Hvorfor?",
    optional: "kan springes over",
    review: "Gennemse",
    review_intro: "Se dine svar igennem. Enter retter et, Ctrl-s gemmer.",
    not_answered: "(ikke besvaret)",
    skipped: "(sprunget over)",
    missing_answer: "Besvar først spørgsmålet: »{question}«",
    date_refused: "praxis kan ikke læse en dato i svaret; dit svar står der stadig.",
    date_how: "Ingen dato endnu: skriv den som fredag, om 2 uger, 16/12, 16. december eller 2026-12-16.",
    date_read: "Opfølgning {date}.",
    editing_answers: "retter gemte svar",
    unchanged: "Intet er ændret.",
    edit_set_gone: "Spørgsmålssættet »{set}«, som posten er besvaret med, findes ikke længere, så svarene kan ikke åbnes.",
    saved: "Gemt.",
    import_undone: "En import eller gendannelse blev afbrudt sidst; den er rullet tilbage, så intet fra den er gemt. Kør den igen.",
    made_private: "Andre brugere kunne læse dine filer i praxis; nu kan kun du læse dem.",
    log_restarted: "Loggen var beskadiget; intet er tabt. En ny sikkerhedskopi starter den igen.",
    log_not_restarted: "Loggen er beskadiget; ingen ny sikkerhedskopi (fuld disk?). Intet er tabt.",
    draft_kept: "Dine svar er gemt som kladde; r på forsiden fortsætter.",
    draft_discarded: "Kladden er kasseret.",
    draft_replace: "Du har en kladde til {title}, som ikke er færdig. Vil du kassere den og begynde forfra? j/n – enhver anden tast beholder den.",
    draft_discard: "Vil du kassere din kladde til {title} og det, du har skrevet i den? j/n – enhver anden tast beholder den.",
    draft_changed: "Spørgsmålene er ændret: du begynder forfra. Dine svar er gemt som en note.",
    draft_note_title: "Kladde til {title}, gemt da spørgsmålene blev ændret",
    answer_n: "Svar {n}",
    pick_set: "Vælg et spørgsmålssæt",
    timeline: "Tidslinje",
    filter: "filter",
    filter_help: "Filter: type (note, forløb …), #emne, fra:DATO, til:DATO, forløb:ID",
    not_a_filter: "»{word}« er ikke et filter: brug en type (note, forløb …), #emne, fra:DATO, til:DATO eller forløb:ID.",
    filter_date: "»{word}« kan ikke læses som en dato: skriv den som i går, fredag, om 2 uger, 16/12 eller 2026-12-16.",
    filter_cycle: "»{word}« er ikke ét bestemt forløb i journalen: skriv de første tegn af forløbets id.",
    no_records: "Intet her endnu.",
    search: "Søg",
    search_hint: "Skriv for at søge i alt; Enter åbner, Esc går tilbage.",
    searching: "søger…",
    no_matches: "Ingen resultater.",
    close_matches: "intet præcist resultat; nære resultater:",
    shown_of: "de {shown} bedste af {matched} – skriv mere for at indsnævre",
    of: "af",
    results: "Resultater",
    preview: "Forhåndsvisning",
    preview_open: "Enter åbner posten",
    unread_one: "En ny kommentar fra {names} til »{title}« – m læser den",
    unread_many: "{n} nye kommentarer fra {names} – m læser den nyeste",
    no_unread: "Ingen nye kommentarer.",
    comment_esc_again: "Tryk Esc igen for at kassere kommentaren; Ctrl-s gemmer den.",
    nudge_set: "Venter: {title} ({cadence}{last}) – R, og vælg det",
    nudge_last: ", sidst {when}",
    nudge_follow_up: "Venter: opfølgningen efter {days} dage på »{title}« – R, og vælg den",
    now_private: "Privat nu: kun du kan se den. v ændrer det igen.",
    now_mentor: "Deles med din mentor ved næste eksport. v ændrer det igen.",
    now_network: "Deles med dit netværk ved næste synkronisering. v ændrer det igen.",
    now_with_comments: "{now} Med den: {comments}.",
    comments: "Kommentarer",
    comment_count: "({n} kommentarer)",
    comment_one: "(1 kommentar)",
    linked: "Tilknyttede poster",
    visibility: "synlighed",
    delete_confirm: "Slet »{title}«? j sletter, enhver anden tast beholder den.",
    deleted: "Slettet: »{title}« – u fortryder.",
    undeleted: "»{title}« er tilbage.",
    nothing_to_undo: "Der er intet at fortryde.",
    nothing_due_to_log: "Intet eksperiment venter på opfølgning. Åbn et (t), og tryk o for at skrive resultatet.",
    pick_due: "Vælg det eksperiment, du vil følge op på (↑/↓), og tryk o.",
    not_an_experiment: "o og x gælder kun eksperimenter.",
    already_closed: "Eksperimentet er allerede {status}.",
    dropping: "stopper »{title}«",
    dropping_told: "Når du gemmer erfaringsopsamlingen, stopper eksperimentet; Esc går tilbage og beholder det.",
    help_title: "Taster",
    help_close: "Tryk på en vilkårlig tast for at lukke.",
    help_scroll_close: "↑/↓ og PgUp/PgDn ruller; enhver anden tast lukker hjælpen.",
    welcome: "Velkommen til praxis",
    ask_name: "Dit navn, som din mentor og dit netværk vil se det:",
    name_needed: "Skriv et navn – din mentor og dit netværk ser det på det, du deler:",
    ask_language: "Sprog for spørgsmål og skærmbilleder (Tab skifter):",
    orientation: &[
        "praxis fører dig gennem små aktionslæringsforløb:",
        "planlæg et eksperiment → prøv det → se, hvad der skete → reflektér → næste skridt.",
        "",
        "Hver dag: et check-in på tre minutter (c).",
        "Når du vil ændre noget: start et forløb (n), og planlæg et eksperiment (e).",
        "Når datoen for opfølgning kommer, minder praxis dig om det på forsiden; skriv, hvad der skete (o).",
        "",
        "Alt bliver på denne computer og er privat, indtil du vælger at dele det.",
        "? viser tasterne på alle skærmbilleder.",
    ],
    demo_orientation: &[
        "Dette er en demo: fem uger af Annas journal. Hun er leder i",
        "hjemmeplejen og i gang med to forløb. Intet, du gør her, rører din",
        "egen journal; demoen slettes, når du afslutter.",
        "",
        "Forsiden viser dagens check-in, det eksperiment, der skal følges op,",
        "og hvert forløb med den fase, det er i. Tre ting at prøve:",
        "  Enter  åbn eksperimentet til opfølgning; o skriver, hvad der skete",
        "  t      tidslinjen: alt, hvad Anna har skrevet, nyeste først",
        "  p      det, Bo fra Annas netværk har delt med hende",
        "",
        "? viser tasterne på alle skærmbilleder; q afslutter.",
    ],
    new_cycle: "Nyt forløb",
    cycle_theme: "Hvad er temaet for forløbet?",
    cycle_question: "Hvilket spørgsmål vil du blive klogere på?",
    cycle_theme_hint: "Få ord: »Lad borgerne forme hjemmeplejen«.",
    cycle_question_hint: "»Hvordan lader jeg borgernes idéer forme vores hjemmepleje?«",
    new_note: "Ny note",
    note_text: "Hvad vil du notere?",
    note_text_hint: "Alt, der er værd at gemme: en iagttagelse, en tanke, et citat. Ctrl-s gemmer.",
    note_title: "En titel",
    note_title_hint: "Lad feltet stå tomt, så bliver første linje titlen.",
    look_back: "opfølgning",
    outcome: "resultat",
    status: "status",
    with: "med",
    expect: "jeg forventer",
    signal: "det kan jeg se på",
    editor_failed: "Kunne ikke åbne editoren",
    tags: "emner",
    tags_prompt: "Emner (adskil med komma), Enter gemmer, Esc annullerer:",
    too_small: "Gør vinduet mindst 40×12 for at bruge praxis.",
    peers: "Delt med mig",
    read_only: "Det er en andens post: den kan kun læses her. c kommenterer, R skriver en mentortilbagemelding.",
    from: "fra",
    comment_prompt: "Din kommentar (Ctrl-s gemmer, Esc annullerer):",
    comment_to_peer: "Din kommentar, til {name} og netværket ved næste synkronisering",
    comment_to_mentee: "Din kommentar, til {name} i din kommentarfil",
    comment_own_private: "Din kommentar, kun til dig: posten er privat",
    comment_own_mentor: "Din kommentar, til din mentor ved næste eksport",
    comment_own_network: "Din kommentar, til din mentor og dit netværk",
    carry_hint: "Et næste skridt: e planlægger det som et eksperiment, udfyldt og knyttet til denne refleksion.",
    not_now: "Ikke nu. e på erfaringsopsamlingen planlægger det senere.",
    follows_from_about: "bygger på »{title}«",
    follows_from: "bygger på",
    followed_by: "fulgt op af",
    plan_follow_up_now: "Du valgte at justere: vil du planlægge det næste eksperiment nu, udfyldt ud fra dette? j/n – enhver anden tast: ikke nu.",
    start_what: "s starter et eksperiment: vælg eller åbn et planlagt.",
    nothing_planned: "Forløbet har intet planlagt eksperiment at starte. e planlægger et.",
    pick_planned: "Forløbet har {n} planlagte eksperimenter: åbn det (Enter), og start et med s.",
    started: "Startet: »{title}«. R skriver et notat undervejs; o skriver resultatet.",
    already_running: "Eksperimentet er allerede i gang.",
    conclude_what: "C afslutter et forløb: vælg eller åbn et.",
    already_concluded: "Forløbet er allerede afsluttet; S viser, hvad du lærte.",
    quoted: "»{title}«",
    conclude_open_one: "Et eksperiment i forløbet er stadig åbent: {titles}. Vil du afslutte alligevel? Det forbliver, som det er. j/n",
    conclude_open: "{n} eksperimenter i forløbet er stadig åbne: {titles}. Vil du afslutte alligevel? De forbliver, som de er. j/n",
    not_concluded: "Ikke afsluttet: forløbet er stadig aktivt.",
    cycle_concluded: "Afsluttet. S viser, hvad forløbet lærte dig; forsiden viser det under afsluttede forløb.",
    rhythm_run: "{rhythm}: {n} {unit} i træk",
    this_week: "{n} denne uge",
    week: "uge",
    weeks: "uger",
    owed: "refleksion mangler",
    owed_on: "mangler refleksion over",
    no_active_cycle: "Intet aktivt forløb. n starter et nyt; Enter åbner et afsluttet nedenfor.",
    concluded_cycles: "Afsluttede forløb",
    meant_to: "Du ville prøve ({when}): {text} – gjorde du det?",
    your_plan: "Din plan",
    pick_set_phase: "Vælg et spørgsmålssæt – først dem til fasen {phase}",
    rc_title: "Relationel koordinering: hvordan hver samarbejdspartner arbejder med dig",
    counterpart: "samarbejdspartner",
    weakest_tie: "Svageste relation: {counterpart}, {dimension} {score} af {max} – e planlægger et eksperiment om den",
    selected_tie: "{counterpart}: svagest er {dimension}, {score} af {max} – e planlægger et eksperiment om den",
    answered_times: "{n}×, senest {day}",
    no_rc: "Ingen refleksion over relationel koordinering endnu. R og »Relationel koordinering« gør status over én samarbejdspartner; svar igen senere for at se relationen ændre sig.",
    tie_why: "Styrk {dimension} med {counterpart} (nu {score} af {max})",
    calendar_title: "Rytme: dage, du skrev, uge for uge",
    calendar_days: "{days} dage med en post de seneste {weeks} uger",
    calendar_legend: "ingen · 1 · 2 · 3 eller flere",
    weekdays: "ma ti on to fr lø sø",
    charts_title: "Skalaer over tid: {title}",
    last_year: "de seneste 12 måneder",
    no_scales: "Ingen svar på skalaer endnu. Relationel koordinering, tillidsbaseret styring og andre spørger på skalaer; hvert svar bliver et punkt her.",
    answers_n: "{n} svar, {from} til {until}",
    dash: " – ",
    and: " og ",
    welcome_go: "fortsæt",
    welcome_quit: "afslut",
};

/// The words of `lang`.
pub fn words(lang: Language) -> &'static Words {
    match lang {
        Language::English => &EN,
        Language::Danish => &DA,
    }
}

pub use crate::text::fill;

use crate::record::{CycleStatus, ExperimentStatus, Kind, Visibility};

/// A record kind as the screens name it.
pub fn kind(kind: Kind, lang: Language) -> &'static str {
    match (kind, lang) {
        (Kind::Cycle, Language::English) => "cycle",
        (Kind::Experiment, Language::English) => "experiment",
        (Kind::Reflection, Language::English) => "reflection",
        (Kind::Note, Language::English) => "note",
        (Kind::Cycle, Language::Danish) => "forløb",
        (Kind::Experiment, Language::Danish) => "eksperiment",
        (Kind::Reflection, Language::Danish) => "refleksion",
        (Kind::Note, Language::Danish) => "note",
    }
}

/// Who may see a record, as the screens name it.
pub fn visibility(v: Visibility, lang: Language) -> &'static str {
    match (v, lang) {
        (Visibility::Private, Language::English) => "private",
        (Visibility::Mentor, Language::English) => "mentor",
        (Visibility::Network, Language::English) => "network",
        (Visibility::Private, Language::Danish) => "privat",
        (Visibility::Mentor, Language::Danish) => "mentor",
        (Visibility::Network, Language::Danish) => "netværk",
    }
}

/// An experiment's status, as the screens name it.
pub fn experiment_status(s: ExperimentStatus, lang: Language) -> &'static str {
    s.label(lang)
}

/// A cycle's status, as the screens name it.
pub fn cycle_status(s: CycleStatus, lang: Language) -> &'static str {
    match (s, lang) {
        (CycleStatus::Active, Language::English) => "active",
        (CycleStatus::Concluded, Language::English) => "concluded",
        (CycleStatus::Active, Language::Danish) => "aktivt",
        (CycleStatus::Concluded, Language::Danish) => "afsluttet",
    }
}

/// "1 experiment", "3 experiments", in the language.
pub fn count(n: usize, what: Kind, lang: Language) -> String {
    let word = match (what, lang, n == 1) {
        (Kind::Experiment, Language::English, true) => "experiment",
        (Kind::Experiment, Language::English, false) => "experiments",
        (Kind::Reflection, Language::English, true) => "reflection",
        (Kind::Reflection, Language::English, false) => "reflections",
        (Kind::Experiment, Language::Danish, true) => "eksperiment",
        (Kind::Experiment, Language::Danish, false) => "eksperimenter",
        (Kind::Reflection, Language::Danish, true) => "refleksion",
        (Kind::Reflection, Language::Danish, false) => "refleksioner",
        (k, l, _) => kind(k, l),
    };
    format!("{n} {word}")
}

/// A dimension of relational coordination by its question's id, in a few words for a column.
pub fn dimension(id: &str, lang: Language) -> &str {
    let (en, da) = match id {
        "frequent" => ("frequent", "hyppig"),
        "timely" => ("timely", "rettidig"),
        "accurate" => ("accurate", "præcis"),
        "problem-solving" => ("problem solving", "problemløsning"),
        "shared-goals" => ("shared goals", "fælles mål"),
        "shared-knowledge" => ("shared knowledge", "fælles viden"),
        "mutual-respect" => ("respect", "respekt"),
        other => (other, other),
    };
    match lang {
        Language::English => en,
        Language::Danish => da,
    }
}

const WEEKDAYS: [(&str, &str); 7] = [
    ("Monday", "mandag"),
    ("Tuesday", "tirsdag"),
    ("Wednesday", "onsdag"),
    ("Thursday", "torsdag"),
    ("Friday", "fredag"),
    ("Saturday", "lørdag"),
    ("Sunday", "søndag"),
];

fn pick(pair: (&'static str, &'static str), lang: Language) -> &'static str {
    match lang {
        Language::English => pair.0,
        Language::Danish => pair.1,
    }
}

/// The name of a date's weekday: "Tuesday", "tirsdag".
pub fn weekday_name(d: chrono::NaiveDate, lang: Language) -> &'static str {
    use chrono::Datelike;
    pick(WEEKDAYS[d.weekday().num_days_from_monday() as usize], lang)
}

/// The name of a date's month: "December", "december".
pub fn month_name(d: chrono::NaiveDate, lang: Language) -> &'static str {
    use chrono::Datelike;
    crate::dates::month_name(d.month(), lang)
}

/// How far a day is from today: "tomorrow", "in 14 days", "3 days ago"; "i morgen", "om 14
/// dage", "for 3 dage siden".
pub fn relative_day(date: chrono::NaiveDate, today: chrono::NaiveDate, lang: Language) -> String {
    let n = (date - today).num_days();
    match lang {
        Language::English => match n {
            0 => "today".into(),
            1 => "tomorrow".into(),
            -1 => "yesterday".into(),
            n if n > 0 => format!("in {n} days"),
            n => format!("{} days ago", -n),
        },
        Language::Danish => match n {
            0 => "i dag".into(),
            1 => "i morgen".into(),
            -1 => "i går".into(),
            n if n > 0 => format!("om {n} dage"),
            n => format!("for {} dage siden", -n),
        },
    }
}

/// A date in words and how far it is: "Tuesday 15 December, in 14 days", "tirsdag den 15.
/// december, om 14 dage"; with the year when it is not this year.
pub fn date_in_words(d: chrono::NaiveDate, today: chrono::NaiveDate, lang: Language) -> String {
    use chrono::Datelike;
    let (day, month) = (weekday_name(d, lang), month_name(d, lang));
    let mut out = match lang {
        Language::English => format!("{day} {} {month}", d.day()),
        Language::Danish => format!("{day} den {}. {month}", d.day()),
    };
    if d.year() != today.year() {
        out.push_str(&format!(" {}", d.year()));
    }
    format!("{out}, {}", relative_day(d, today, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_reads_as_words_in_both_languages() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
        assert_eq!(
            date_in_words(d, today, Language::English),
            "Tuesday 15 December, in 14 days"
        );
        assert_eq!(
            date_in_words(d, today, Language::Danish),
            "tirsdag den 15. december, om 14 dage"
        );
        let next_year = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        assert_eq!(
            date_in_words(next_year, today, Language::English),
            "Monday 4 January 2027, in 34 days"
        );
    }
}
