//! What the command line says to people, in one table per language. Machine output (`--json`)
//! stays language-neutral; `--help` stays English (clap's help is built from the code's doc
//! comments, one language only).
//!
//! Templates name their blanks in braces (`{name}`), filled with [`fill`].

use chrono::NaiveDate;

use crate::journal::Language;
use crate::record::Kind;
pub use crate::text::fill;
use crate::tui::words as shared;

/// One language's messages.
#[cfg_attr(test, derive(serde::Serialize))]
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
    // writing
    pub started: &'static str,
    pub started_new: &'static str,
    pub nothing_changed: &'static str,
    pub saved: &'static str,
    pub delete_question: &'static str,
    pub delete_comments: &'static str,
    pub delete_linked: &'static str,
    pub kept_it: &'static str,
    pub deleted: &'static str,
    pub unlinked: &'static str,
    // praxis journal
    pub j_journal: &'static str,
    pub j_key: &'static str,
    pub j_seal: &'static str,
    pub j_author: &'static str,
    pub j_language: &'static str,
    pub j_rhythm: &'static str,
    pub j_records: &'static str,
    pub j_backups: &'static str,
    pub j_no_backups: &'static str,
    // opening the journal, backups, questions
    pub open_read_only: &'static str,
    pub open_log_mended: &'static str,
    pub open_log_not_mended: &'static str,
    pub open_made_private: &'static str,
    pub open_undid_import: &'static str,
    pub skipped_prompt_file: &'static str,
    pub progress_backup: &'static str,
    pub backup_not_made: &'static str,
    pub yes_words: &'static str,
    pub nothing_was_changed: &'static str,
    pub dash: &'static str,
    pub and: &'static str,
    // praxis journal set, and its details
    pub j_id: &'static str,
    pub j_schema: &'static str,
    pub journal_nothing_to_change: &'static str,
    pub journal_keep_at_least_one: &'static str,
    pub err_rhythm: &'static str,
    // praxis repair
    pub repair_whole: &'static str,
    pub repair_log_afresh: &'static str,
    pub repair_log_agrees: &'static str,
    pub repair_from_backup: &'static str,
    pub repair_from_log: &'static str,
    pub repair_from_damaged_log: &'static str,
    pub repair_log_damaged: &'static str,
    pub repair_brings_over: &'static str,
    pub repair_needs_yes: &'static str,
    pub repair_question: &'static str,
    pub repair_rebuilt: &'static str,
    pub repair_from_old: &'static str,
    pub repair_kept: &'static str,
    pub repair_new_backup: &'static str,
    pub repair_no_new_backup: &'static str,
    pub repair_no_start_backup: &'static str,
    pub repair_no_start_none: &'static str,
    pub err_no_start: &'static str,
    pub err_repair_backup: &'static str,
    // praxis demo
    pub demo_removed: &'static str,
    pub demo_kept: &'static str,
    // praxis add and comment
    pub add_nothing: &'static str,
    pub err_experiment_title: &'static str,
    pub err_cycle_title: &'static str,
    pub err_no_set: &'static str,
    pub err_visibility: &'static str,
    pub err_ends_past: &'static str,
    pub err_gone: &'static str,
    pub err_from_no_plan: &'static str,
    pub err_from_kind: &'static str,
    pub err_new_status: &'static str,
    pub err_status: &'static str,
    pub err_cycle_status: &'static str,
    pub err_twice: &'static str,
    pub answers_not_saved: &'static str,
    pub err_pair: &'static str,
    pub err_answers_json: &'static str,
    pub err_answers_toml: &'static str,
    pub err_comment_empty: &'static str,
    pub err_piped: &'static str,
    pub err_empty_flag: &'static str,
    pub err_read_only_record: &'static str,
    pub err_wrong_kind: &'static str,
    // praxis edit, experiment start|done|drop, delete
    pub err_flag_kind: &'static str,
    pub err_set_gone: &'static str,
    pub err_needs_title: &'static str,
    pub err_not_saved: &'static str,
    pub err_outcome_done: &'static str,
    pub err_outcome_drop: &'static str,
    pub err_signal: &'static str,
    pub err_delete_needs_yes: &'static str,
    pub err_highest_revision: &'static str,
    // kinds of record, counted and with their article
    pub a_cycle: &'static str,
    pub an_experiment: &'static str,
    pub a_reflection: &'static str,
    pub a_note: &'static str,
    pub cycles: &'static str,
    pub experiments: &'static str,
    pub reflections: &'static str,
    pub notes: &'static str,
    pub n_cycle: &'static str,
    pub n_cycles: &'static str,
    pub n_experiment: &'static str,
    pub n_experiments: &'static str,
    pub n_reflection: &'static str,
    pub n_reflections: &'static str,
    pub n_note: &'static str,
    pub n_notes: &'static str,
    // praxis cycle, summary, calendar
    pub err_already_concluded: &'static str,
    pub conclude_still_open: &'static str,
    pub err_conclude_open: &'static str,
    pub conclude_anyway: &'static str,
    pub err_no_closing_set: &'static str,
    pub concluded: &'static str,
    pub err_summary_format: &'static str,
    pub err_month: &'static str,
    pub err_summary_scope: &'static str,
    pub calendar_wrote: &'static str,
    pub err_could_not_write: &'static str,
    // praxis prompts list|show|check
    pub p_phase: &'static str,
    pub p_questions: &'static str,
    pub p_title: &'static str,
    pub p_cadence: &'static str,
    pub p_source: &'static str,
    pub p_text: &'static str,
    pub p_scale: &'static str,
    pub p_choice: &'static str,
    pub p_may_skip: &'static str,
    pub p_carries: &'static str,
    pub err_check_nothing: &'static str,
    pub err_check_missing: &'static str,
    pub err_check_no_files: &'static str,
    pub check_ok: &'static str,
    pub check_error: &'static str,
    pub err_check_bad: &'static str,
    pub check_all_valid: &'static str,
    // praxis list
    pub err_kind: &'static str,
    pub err_since_until: &'static str,
    pub err_author_nobody: &'static str,
    pub err_author_several: &'static str,
    pub err_author_no_peers: &'static str,
    pub err_author_blank: &'static str,
    pub err_author_short_id: &'static str,
    // praxis export
    pub err_export_for: &'static str,
    pub err_export_format: &'static str,
    pub err_export_disagree: &'static str,
    pub err_export_name: &'static str,
    pub export_age: &'static str,
    pub err_export_write: &'static str,
    pub passphrase_to_seal: &'static str,
    pub err_passphrase: &'static str,
    pub progress_writing: &'static str,
    pub progress_writing_file: &'static str,
    pub err_to_nobody: &'static str,
    pub err_to_several: &'static str,
    pub scope_for_mentor: &'static str,
    pub scope_for_network: &'static str,
    pub scope_for_backup: &'static str,
    pub scope_for_comments: &'static str,
    // praxis import, and reading a file
    pub import_did: &'static str,
    pub import_would: &'static str,
    pub import_from_praxis: &'static str,
    pub scope_export_mentor: &'static str,
    pub scope_export_network: &'static str,
    pub scope_export_backup: &'static str,
    pub scope_export_comments: &'static str,
    pub import_from_jrnl: &'static str,
    pub import_from_tui: &'static str,
    pub import_from_file: &'static str,
    pub import_other_backup: &'static str,
    pub import_dry_run: &'static str,
    pub progress_reading: &'static str,
    pub progress_records: &'static str,
    pub passphrase_to_open: &'static str,
    pub opened: &'static str,
    pub opened_with_key: &'static str,
    pub opened_with_passphrase: &'static str,
    pub err_no_text_opened: &'static str,
    // praxis restore
    pub restore_starting_over: &'static str,
    pub err_restore_into_journal: &'static str,
    pub err_not_a_backup: &'static str,
    pub restored: &'static str,
    // praxis review
    pub err_review_name: &'static str,
    pub err_not_for_review: &'static str,
    pub review_how: &'static str,
    pub err_review_pair: &'static str,
    pub err_review_nothing: &'static str,
    pub err_review_several: &'static str,
    pub err_review_empty: &'static str,
    pub review_wrote: &'static str,
    pub review_in_file: &'static str,
    // praxis network sync|trust
    pub err_sync_not_a_folder: &'static str,
    pub sync_as_they_were: &'static str,
    pub err_sync_write: &'static str,
    pub sync_shared: &'static str,
    pub err_sync_read: &'static str,
    pub sync_skipped: &'static str,
    pub sync_conflict_copy: &'static str,
    pub sync_still_writing: &'static str,
    pub sync_git_copy: &'static str,
    pub sync_merge_markers: &'static str,
    pub err_sync_not_network: &'static str,
    pub sync_line: &'static str,
    pub sync_conflicts: &'static str,
    pub sync_refused: &'static str,
    pub sync_comments_refused: &'static str,
    pub sync_comments_added: &'static str,
    pub sync_comments_waiting: &'static str,
    pub sync_pinned: &'static str,
    pub key_would_pin: &'static str,
    pub sync_not_a_file: &'static str,
    pub sync_peers_unchanged: &'static str,
    pub err_sync_failed: &'static str,
    pub err_trust_nobody: &'static str,
    pub err_trust_several: &'static str,
    pub trust_forgot: &'static str,
    pub trust_none_pinned: &'static str,
    pub path_folder: &'static str,
    pub path_pipe: &'static str,
    pub path_device: &'static str,
    pub path_socket: &'static str,
    pub path_other: &'static str,
    // errors from below the command line (the journal, files, prompt sets)
    pub err_newer_schema: &'static str,
    pub err_corrupt: &'static str,
    pub err_corrupt_kept: &'static str,
    pub err_not_yours: &'static str,
    pub not_yours_signed: &'static str,
    pub not_yours_unsigned: &'static str,
    pub not_yours_old_backup: &'static str,
    pub not_yours_only_signed: &'static str,
    pub err_key_changed: &'static str,
    pub err_revision_jump: &'static str,
    pub err_restore_cut_off: &'static str,
    pub err_duplicate: &'static str,
    pub err_io: &'static str,
    pub io_hint_full: &'static str,
    pub io_hint_denied: &'static str,
    pub io_hint_read_only: &'static str,
    pub err_output: &'static str,
    pub input_not_a_file: &'static str,
    pub input_too_large: &'static str,
    pub input_not_text: &'static str,
    pub input_io: &'static str,
    pub read_not_json: &'static str,
    pub read_not_json_at_all: &'static str,
    pub read_unknown: &'static str,
    pub read_bad_entry: &'static str,
    pub read_not_entries: &'static str,
    pub tool_jrnl: &'static str,
    pub tool_jrnl_or_tui: &'static str,
    pub tool_tui: &'static str,
    pub tool_tui_file: &'static str,
    pub read_newer: &'static str,
    pub read_malformed: &'static str,
    pub read_tampered: &'static str,
    pub read_revision: &'static str,
    pub read_bad_signature: &'static str,
    pub read_wrong_scope: &'static str,
    pub seal_not_a_key: &'static str,
    pub seal_not_for_you: &'static str,
    pub seal_wrong_passphrase: &'static str,
    pub seal_no_journal: &'static str,
    pub seal_needs_passphrase: &'static str,
    pub seal_broken: &'static str,
    pub seal_key: &'static str,
    pub answer_unknown: &'static str,
    pub answer_twice: &'static str,
    pub answer_off_scale: &'static str,
    pub answer_not_option: &'static str,
    pub answer_no_why: &'static str,
    pub answer_missing: &'static str,
    pub answer_no_date: &'static str,
    pub finish_gone: &'static str,
    pub carry_not_reflection: &'static str,
    pub carry_no_set: &'static str,
    pub carry_no_next: &'static str,
    pub backup_write: &'static str,
    // errors
    pub err_no_journal: &'static str,
    pub err_not_a_folder: &'static str,
    pub err_not_a_journal: &'static str,
    pub err_exists: &'static str,
    pub err_locked: &'static str,
    pub err_not_found: &'static str,
    pub err_ambiguous: &'static str,
    pub err_date: &'static str,
    // a sealed network file
    pub seal_on: &'static str,
    pub seal_on_alone: &'static str,
    pub seal_off: &'static str,
    pub seal_line: &'static str,
    pub sealed_not_yet: &'static str,
    // praxis search
    pub err_search_empty: &'static str,
    pub search_nothing: &'static str,
    pub search_nothing_by: &'static str,
    pub search_close: &'static str,
    pub search_typo: &'static str,
    pub search_scattered: &'static str,
    pub search_best: &'static str,
    // where a comment goes
    pub comment_goes_nowhere: &'static str,
    pub comment_goes_mentor: &'static str,
    pub comment_goes_mentor_network: &'static str,
    pub comment_goes_author_network: &'static str,
    pub comment_goes_author: &'static str,
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
    comments_not_taken: "  {n} comment(s) refused: in someone else's name, changed since signed, or on a record not shared",
    deleted_here: "  {n} you deleted here, not brought back",
    repeated: "  {n} repeated in the file: the highest revision of each was taken",
    comments_report: "  comments: {added} added, {unchanged} already here, {orphaned} on records this journal does not have",
    wrote: "Wrote {n} record(s) for {scope} to {file}{sealed}.",
    sealed_key: ", sealed for its reader's key",
    sealed_passphrase: ", sealed with the passphrase",
    started: "Started a journal in {dir} for {name} ({language}).",
    started_new: "Started a new journal for {name} ({language}) in {dir}.\nChange the name or language with: praxis journal set --name NAME --lang en|da",
    nothing_changed: "Nothing changed: {id} is as it was.",
    saved: "Saved {id} (revision {n}).",
    delete_question: "Delete {kind} \"{title}\" ({id}){comments}{linked}? [y/N] ",
    delete_comments: " and its {n} comment(s)",
    delete_linked: "; {n} linked record(s) stay, unlinked",
    kept_it: "Kept it; nothing was deleted.",
    deleted: "Deleted {kind} \"{title}\".",
    unlinked: " {n} linked record(s) kept, unlinked.",
    j_journal: "journal   {dir}",
    j_key: "key       {key}  (read it out when a peer or mentor asks)",
    j_seal: "seal to   {key}  (give it to whoever seals files for you: praxis export --to …)",
    j_author: "author    {name}",
    j_language: "language  {language} ({code})",
    j_rhythm: "rhythm    {rhythm}",
    j_records: "records   {n}",
    j_backups: "backups   {n} kept (newest {day}; keeping {keep})",
    j_no_backups: "backups   none yet (keeping {keep})",
    // opening the journal, backups, questions
    open_read_only: "praxis: {dir} cannot be written to ({reason}); showing the journal as it is, read-only.",
    open_log_mended: "praxis: the save log beside your database was damaged or incomplete ({trouble}). Your database itself opened whole, so nothing is lost: a new backup was made ({file}) and the log starts afresh from it.",
    open_log_not_mended: "praxis: the save log beside your database was damaged or incomplete ({trouble}), and a new backup to start it afresh could not be made ({error}). Your database itself opened whole; free some space and run any praxis command again.",
    open_made_private: "praxis: {n} file(s) and folder(s) of your journal could be read by other users of this machine; they are now private to you (folders 0700, files 0600).",
    open_undid_import: "praxis: an import or restore was cut off before it finished; it has been undone, so nothing of it is in your journal. Run it again to bring the file in.",
    skipped_prompt_file: "praxis: skipped a prompt file: {problem}",
    progress_backup: "Making today's backup",
    backup_not_made: "praxis: today's backup was not made ({error}); what you saved is safe",
    yes_words: "y,yes",
    nothing_was_changed: "Nothing was changed.",
    dash: " — ",
    and: " and ",
    // praxis journal set, and its details
    j_id: "id        {id}",
    j_schema: "schema    {n}",
    journal_nothing_to_change: "nothing to change: give --name NAME, --lang en|da, --keep-backups N or --rhythm daily|working-days|N-per-week",
    journal_keep_at_least_one: "--keep-backups must be at least 1: the newest backup is your way back",
    err_rhythm: "--rhythm: unknown rhythm '{value}': use daily, working-days, or N-per-week with N from 1 to 7 (e.g. 3-per-week)",
    // praxis repair
    repair_whole: "The journal in {dir} opens whole{how}: there is nothing to repair.",
    repair_log_afresh: " (its save log was started afresh)",
    repair_log_agrees: " and agrees with its save log",
    repair_from_backup: "praxis repair rebuilds the journal in {dir} from the backup {backup} and the {n} save(s) logged since.",
    repair_from_log: "praxis repair rebuilds the journal in {dir} from its save log, which holds {n} save(s) since the journal began.",
    repair_from_damaged_log: "praxis repair rebuilds the journal in {dir} from its save log, which holds {n} save(s) since the journal began that can still be read.",
    repair_log_damaged: "Warning: the save log {file} is damaged from byte {at} on ({lost} bytes): saves written there cannot be read and will be missing.",
    repair_brings_over: "Whatever the damaged database still holds that these lack is brought over too. The database files it replaces are kept in {dir}; nothing is deleted.",
    repair_needs_yes: "repairing needs a yes: run `praxis repair --yes` to rebuild without asking",
    repair_question: "Rebuild it now? [y/N] ",
    repair_rebuilt: "Rebuilt the journal in {dir}: {n} record(s) of your own.",
    repair_from_old: "{n} record(s), comment(s) or other entries came from the damaged database itself, because the backup and the save log lacked them.",
    repair_kept: "The files it replaced are in {dir}.",
    repair_new_backup: "A new backup of it is in {file}.",
    repair_no_new_backup: "praxis: no new backup was made ({error}); run praxis again",
    repair_no_start_backup: "{why}. Your files are as they were. The newest backup can be brought back into a new folder: praxis restore {backup} --journal NEW_FOLDER",
    repair_no_start_none: "{why}. Your files are as they were, and there is no backup yet.",
    err_no_start: "the save log of {dir} does not reach back to a backup it can start from: it is missing or damaged, or it began with a praxis that had no log and no backup was made since, so the journal cannot be rebuilt exactly in place",
    err_repair_backup: "could not read the backup {file}: {detail}",
    // praxis demo
    demo_removed: "That was a demo journal; it has been removed. Your own journal was not touched.",
    demo_kept: "The demo journal is in {dir}.",
    // praxis add and comment
    add_nothing: "nothing to save: give --title or --body, or pipe the text in (echo \"…\" | praxis add note)",
    err_experiment_title: "an experiment needs a title: what you will try, e.g. --title \"Open office hour\"",
    err_cycle_title: "a cycle needs a title: the theme, e.g. --title \"Let citizens shape home care\"",
    err_no_set: "there is no prompt set '{id}': see praxis prompts list",
    err_visibility: "--visibility: unknown visibility '{value}': use private, mentor or network",
    err_ends_past: "--ends {date} is already past: give the day the cycle is meant to end",
    err_gone: "that record just went away",
    err_from_no_plan: "--from: that experiment has no plan to follow up",
    err_from_kind: "--from {id}: that is {kind}; an experiment follows from a reflection or an earlier experiment",
    err_new_status: "--status: a new experiment is planned or running; log its end later with praxis experiment done|drop ID --outcome TEXT",
    err_status: "--status: unknown experiment status '{value}': use planned, running, done or dropped",
    err_cycle_status: "--status: unknown cycle status '{value}': use active or concluded",
    err_twice: "question '{question}' is answered twice; nothing was saved",
    answers_not_saved: "{why}\nNothing was saved; see praxis prompts show {set}",
    err_pair: "--{flag} '{pair}': write it as QUESTION_ID=VALUE, e.g. --{flag} happened=…",
    err_answers_json: "--answers {file}: not a JSON object of answers ({detail}); write {example}",
    err_answers_toml: "--answers {file}: not a TOML table of answers ({detail}); write question-id = \"text\" or scale-id = 4",
    err_comment_empty: "the comment is empty: give it as an argument or pipe it in",
    err_piped: "the text piped in {problem}",
    err_empty_flag: "{flag} must not be empty",
    err_read_only_record: "that record is from {name}'s journal and is read-only here; you can comment on it (praxis comment)",
    err_wrong_kind: "{flag} {id}: that is {is}, not {want} ({title})",
    // praxis edit, experiment start|done|drop, delete
    err_flag_kind: "{flag} is for {kinds}; {id} is {is}. Nothing was saved.",
    err_set_gone: "this reflection's prompt set '{set}' is no longer in your library, so its answers cannot be checked; put the set's file back to edit them",
    err_needs_title: "a cycle or experiment needs a title; nothing was saved",
    err_not_saved: "{why}; nothing was saved",
    err_outcome_done: "say what happened: --outcome \"…\" (or pipe the text in)",
    err_outcome_drop: "say why you dropped it: --outcome \"…\" (or pipe the text in)",
    err_signal: "--signal: unknown answer '{value}': use yes, partly or no",
    err_delete_needs_yes: "deleting needs a yes: run `praxis delete {id} --yes` to delete it without asking",
    err_highest_revision: "record {id} has reached the highest revision praxis keeps ({max}) and cannot be changed further: copy what you need into a new record",
    // kinds of record, counted and with their article
    a_cycle: "a cycle",
    an_experiment: "an experiment",
    a_reflection: "a reflection",
    a_note: "a note",
    cycles: "cycles",
    experiments: "experiments",
    reflections: "reflections",
    notes: "notes",
    n_cycle: "{n} cycle",
    n_cycles: "{n} cycles",
    n_experiment: "{n} experiment",
    n_experiments: "{n} experiments",
    n_reflection: "{n} reflection",
    n_reflections: "{n} reflections",
    n_note: "{n} note",
    n_notes: "{n} notes",
    // praxis cycle, summary, calendar
    err_already_concluded: "\"{title}\" is already concluded; praxis summary --cycle {id} shows what it taught",
    conclude_still_open: "{n} experiment(s) of this cycle are still planned or running:",
    err_conclude_open: "log them first (praxis experiment done|drop ID --outcome …), or conclude anyway with --force; nothing was saved",
    conclude_anyway: "Concluding anyway (--force); they stay as they are.",
    err_no_closing_set: "the closing set '{set}' is missing from your library",
    concluded: "Concluded \"{title}\". praxis summary --cycle {id} shows what it taught.",
    err_summary_format: "--format {value}: use text, markdown or json",
    err_month: "--month: '{value}' is not a month: write it as YYYY-MM, e.g. 2026-11",
    err_summary_scope: "give --cycle ID or --month YYYY-MM",
    calendar_wrote: "Wrote {n} date(s) to {file}.",
    err_could_not_write: "could not write {file}: {error}",
    // praxis prompts list|show|check
    p_phase: "phase",
    p_questions: "questions",
    p_title: "title",
    p_cadence: "cadence",
    p_source: "source",
    p_text: "text",
    p_scale: "scale",
    p_choice: "choice",
    p_may_skip: " · may be skipped",
    p_carries: "→ can become your next experiment (praxis add experiment --from ID)",
    err_check_nothing: "no prompt files to check: give files or folders, e.g. praxis prompts check prompts/",
    err_check_missing: "{path} does not exist",
    err_check_no_files: "no *.toml prompt files found there",
    check_ok: "ok    {file} ({id}, {n} questions)",
    check_error: "error {file}",
    err_check_bad: "{bad} of {n} prompt files have mistakes (listed above); see docs/prompts.md",
    check_all_valid: "All {n} prompt files are valid.",
    // praxis list
    err_kind: "--kind {value}: use cycle, experiment, reflection or note (forløb, eksperiment, refleksion, note)",
    err_since_until: "--since {since} is after --until {until}: nothing can match",
    err_author_nobody: "--author {who}: nobody of that name or id has shared with this journal. Those who have: {whom}",
    err_author_several: "--author {who} could mean {whom}: give more of the name, or the start of their journal id",
    err_author_no_peers: "--author {who}: nobody has shared anything with this journal yet. What peers share comes in with praxis import FILE or praxis network sync DIR",
    err_author_blank: "--author needs a name, or the start of a journal id (4 characters or more)",
    err_author_short_id: "--author {who}: the start of a journal id needs 4 characters or more",
    // praxis export
    err_export_for: "--for {value}: use mentor, network or backup",
    err_export_format: "--format {value}: use json or markdown",
    err_export_disagree: "--format {format} but {file} ends in .{ext}: make them agree (or drop --format)",
    err_export_name: "{file}: the name does not say which format to write; end it in .json (for importing), .md (Markdown, to read){age} or give --format json|markdown",
    export_age: ", .age (sealed)",
    err_export_write: "could not write {file}: {error}. Nothing was written there",
    passphrase_to_seal: "Passphrase to seal the file with (tell it to the reader by phone): ",
    err_passphrase: "--passphrase: set PRAXIS_PASSPHRASE, or run praxis on a terminal to type one",
    progress_writing: "Writing",
    progress_writing_file: "Writing {file}",
    err_to_nobody: "--to {to}: no age key (age1…), key file, or peer of that name or key fingerprint that gave one. Ask them for the 'seal to' key their praxis journal shows",
    err_to_several: "--to {to} could mean several journals: give more of the key fingerprint",
    scope_for_mentor: "mentor",
    scope_for_network: "network",
    scope_for_backup: "backup",
    scope_for_comments: "comments",
    // praxis import, and reading a file
    import_did: "Imported {from}:",
    import_would: "Would import {from}:",
    import_from_praxis: "{name}'s {scope} export",
    scope_export_mentor: "mentor",
    scope_export_network: "network",
    scope_export_backup: "backup",
    scope_export_comments: "comments",
    import_from_jrnl: "a jrnl export",
    import_from_tui: "a tui-journal file",
    import_from_file: "the file",
    import_other_backup: "This is a backup of another journal ({name}'s): its records are kept apart, as shared records (praxis list --peers). To bring a journal back from its backup, use: praxis restore FILE --journal NEW_FOLDER",
    import_dry_run: "Nothing was changed (dry run).",
    progress_reading: "Reading {file}",
    progress_records: "{n} records",
    passphrase_to_open: "The file is sealed with a passphrase. Passphrase: ",
    opened: "Opened {file}: it was sealed {how}.",
    opened_with_key: "for this journal's key",
    opened_with_passphrase: "with a passphrase",
    err_no_text_opened: "{file} holds no text once opened",
    // praxis restore
    restore_starting_over: "praxis: an earlier restore into {dir} was cut off; starting it over.",
    err_restore_into_journal: "{dir} already holds a journal: restore into a new folder with --journal NEWDIR",
    err_not_a_backup: "{file} is not a backup export (praxis export --for backup); use praxis import for other files",
    restored: "Restored {name}'s journal into {dir}: {n} records, {comments} comments.",
    // praxis review
    err_review_name: "you have no praxis journal here: give your name with --name, so the manager sees who commented",
    err_not_for_review: "{file} is not an export shared for review (praxis export --for mentor)",
    review_how: "Comment with: praxis review {file} --comment ID=\"…\" (the mentor-review prompt set has questions to start from: praxis prompts show mentor-review)",
    err_review_pair: "--comment '{pair}': write it as ID=TEXT",
    err_review_nothing: "no record in {file} has an id starting with '{id}'",
    err_review_several: "'{id}' could mean several records in {file}: type more of the id",
    err_review_empty: "--comment {id}=…: the comment is empty",
    review_wrote: "Wrote {n} comment(s) to {file}: send it back; the manager runs praxis import on it.",
    review_in_file: "Your comments are in {file}: send it back; the manager runs praxis import on it.",
    // praxis network sync|trust
    err_sync_not_a_folder: "{dir} is not a folder: give the shared network folder",
    sync_as_they_were: "{file} is as it was: {n} network record(s), nothing new to share.",
    err_sync_write: "could not write into {dir}: {error}",
    sync_shared: "Shared {n} network record(s) as {file}.",
    err_sync_read: "cannot read {dir}: {error}",
    sync_skipped: "praxis: skipped {file}: {why}",
    sync_conflict_copy: "it is Syncthing's copy of a conflict; keep the right version under the original name",
    sync_still_writing: "Syncthing is still writing it",
    sync_git_copy: "it is a copy git left while merging",
    sync_merge_markers: "it has git merge-conflict markers (<<<<<<<); resolve the conflict in git (take either side whole), then sync again",
    err_sync_not_network: "{file} is not a network export; only network files belong in the shared folder",
    sync_line: "{who}: {added} new, {updated} updated, {unchanged} unchanged{conflicts}{refused}{comments}",
    sync_conflicts: ", {n} in conflict",
    sync_refused: ", {n} not taken (the file may not change them: it is unsigned, or not by their author)",
    sync_comments_refused: ", {n} comment(s) refused (in someone else's name, changed since signed, or on a record not shared)",
    sync_comments_added: ", {n} new comment(s)",
    sync_comments_waiting: ", {n} passed-on comment(s) left for their writers' own files (their keys are not known here yet)",
    sync_pinned: "  {name}'s key is new here and was pinned: {fingerprint} (compare it with {name}, by phone)",
    key_would_pin: "  {name}'s key is new here and would be pinned: {fingerprint}\n  (compare it with {name}, by phone, before you import)",
    sync_not_a_file: "it is {kind}, not a file",
    sync_peers_unchanged: "{n} peer file(s) unchanged since the last sync.",
    err_sync_failed: "{n} file(s) in {dir} could not be imported (see above); the others were",
    err_trust_nobody: "no journal praxis knows has an id starting with '{id}': see praxis list --peers",
    err_trust_several: "'{id}' could mean several journals: type more",
    trust_forgot: "Forgot the key pinned for {name} ({fingerprint}). The next file signed by {name} pins its key; praxis shows the new fingerprint then.",
    trust_none_pinned: "No key was pinned for {name}; the next signed file pins one.",
    path_folder: "a folder",
    path_pipe: "a named pipe (FIFO)",
    path_device: "a device",
    path_socket: "a socket",
    path_other: "a special file",
    // errors from below the command line (the journal, files, prompt sets)
    err_newer_schema: "this journal ({dir}) was written by a newer praxis (schema {found}; this praxis knows up to {supported}): update praxis to open it. Nothing was changed.",
    err_corrupt: "the journal in {dir} is damaged ({detail}). {kept}Run `praxis repair`: it rebuilds the journal from its newest good backup and every save logged since, and keeps the current files aside",
    err_corrupt_kept: "Its database files as they were before praxis opened them now are kept, unchanged, in {dir}. ",
    err_not_yours: "this file says it comes from your own journal, but it is {what}. Nothing was imported.{more}",
    not_yours_signed: "signed with another key: it was made to pass for yours",
    not_yours_unsigned: "not signed",
    not_yours_old_backup: " If it is an old backup of yours (from a praxis before keys), bring it back into a new folder: praxis restore FILE --journal NEW_FOLDER",
    not_yours_only_signed: " Only your own signed backups may change your records",
    err_key_changed: "this file says it comes from {name} (journal {journal}), but it is signed with another key than the one praxis pinned for {name}: pinned {pinned}, this file {found}. Nothing was imported. If {name} really made a new key (a new computer, a restored journal), compare the new fingerprint with {name} by phone, then run: praxis network trust {journal}",
    err_revision_jump: "record {id} would jump from revision {stored} to {found}: no journal edits a record that often, so the file is refused. Nothing was imported",
    err_restore_cut_off: "a restore into {dir} was cut off before it finished, so it holds no whole journal: run the same praxis restore again (it starts over)",
    err_duplicate: "a record with id {id} is already in the journal",
    err_io: "could not {action} the journal in {dir}: {error}{hint}",
    io_hint_full: ". The disk is full or nearly so: free some space and try again; what was saved before is safe",
    io_hint_denied: ". Check that you may write to that folder, or choose another with --journal",
    io_hint_read_only: ". The disk is read-only: choose another folder with --journal",
    err_output: "could not write the output: {error}",
    input_not_a_file: "is {kind}, not a regular file: give praxis the file itself. Nothing was changed",
    input_too_large: "is larger than {mib} MiB, the most praxis reads from it: check that it is what you meant to give. Nothing was changed",
    input_not_text: "is not UTF-8 text: save it as UTF-8 and try again. Nothing was changed",
    input_io: "cannot be read ({error}). Nothing was changed",
    read_not_json: "{file} is not valid JSON (line {line}, column {column}: {detail}); was it cut off while copying? Nothing was imported",
    read_not_json_at_all: "{file} is not valid JSON (line {line}, column {column}: {detail}): is it the file you meant? praxis imports its own exchange files and jrnl and tui-journal JSON exports. Nothing was imported",
    read_unknown: "{file} is not a file praxis can import: it is neither a praxis exchange file nor a jrnl or tui-journal export. Nothing was imported",
    read_bad_entry: "{file} reads as {what}, but its entry {entry} is not one as that tool writes it ({detail}): correct or remove that entry, or export the file again. Nothing was imported",
    read_not_entries: "{file} reads as {what}, but {detail}: export the file again from that tool. Nothing was imported",
    tool_jrnl: "a jrnl export",
    tool_jrnl_or_tui: "a jrnl or tui-journal export",
    tool_tui: "a tui-journal export",
    tool_tui_file: "a tui-journal file",
    read_newer: "{file} is exchange format version {found}; this praxis reads version {version}: update praxis. Nothing was imported",
    read_malformed: "{file} does not fit the exchange format ({detail}). Nothing was imported",
    read_tampered: "{file} was changed after it was exported (its checksum does not match its content): ask for a fresh export. Nothing was imported",
    read_revision: "{file}: record {id} has revision {revision}, and a revision is from 1 to {max}: the file is broken or was made to override other journals. Ask for a fresh export. Nothing was imported",
    read_bad_signature: "{file} is not signed by the key it names ({detail}): it was changed after it was written, or made to pass for another journal's file. Ask for a fresh export. Nothing was imported",
    read_wrong_scope: "{file} is a {scope} file but carries {what}: refusing it. Nothing was imported",
    seal_not_a_key: "'{key}' is not an age key (it starts with age1…) nor a file holding one: ask your mentor for the key `praxis journal` shows them",
    seal_not_for_you: "{file} is sealed, but not for this journal's key{more}. Nothing was imported",
    seal_wrong_passphrase: ": the passphrase is not right",
    seal_no_journal: ": there is no journal here to open it with",
    seal_needs_passphrase: "{file} is sealed with a passphrase: set PRAXIS_PASSPHRASE to it (or run praxis on a terminal, which asks). Nothing was imported",
    seal_broken: "{file} is sealed but cannot be opened ({detail}): ask for it again. Nothing was imported",
    seal_key: "the journal's sealing key {file}: {detail}",
    answer_unknown: "the set '{set}' has no question '{question}'; its questions are: {known}",
    answer_twice: "question '{question}' is answered twice",
    answer_off_scale: "'{question}' is a scale from {min} to {max}; '{given}' is not on it",
    answer_not_option: "'{question}' takes one of: {options}; '{given}' is not one of them",
    answer_no_why: "'{question}' does not ask why; the questions that do are: {asking}",
    answer_missing: "'{question}' needs an answer — \"{text}\"",
    answer_no_date: "cannot read a date in '{given}': write it like 2026-12-01, today, tomorrow, +3d or +2w",
    finish_gone: "the record being edited is gone",
    carry_not_reflection: "only a reflection's next step can be carried forward; that is {kind}",
    carry_no_set: "the reflection's prompt set '{set}' is not in your library",
    carry_no_next: "the reflection has no next step to carry forward (its set '{set}' asks none, or it was left out)",
    backup_write: "could not write the backup {file}: {error}. Your journal is safe; free some space and praxis will try again",
    err_no_journal: "there is no journal in {dir} yet: add your first record (praxis add note …) or run `praxis init`",
    err_not_a_folder: "{dir} is a file, not a folder: --journal (and PRAXIS_JOURNAL) name the folder a journal is kept in, e.g. --journal ~/praxis-journal",
    err_not_a_journal: "{dir} is not a praxis journal (it has other files but no journal database): choose an empty or new folder with --journal",
    err_exists: "there is already a journal in {dir}: use it, or choose another folder with --journal",
    err_locked: "this journal ({dir}) is open in another praxis{pid}: close that one first, then try again",
    err_not_found: "no record has an id starting with '{id}': see `praxis list` for ids",
    err_ambiguous: "'{id}' could mean several records ({ids}): type more of the id",
    err_date: "--{flag}: cannot read the date '{text}': use YYYY-MM-DD (like 2026-12-01), today, tomorrow, a weekday (friday), a day and month (16/12, 16 December), or an offset like +7d, +2w, in 3 days",
    seal_on: "From the next sync your network file is sealed, for you and the {n} journal(s) whose keys this journal knows: {names}. Someone new reads it once their own file has reached you and you have synced twice.",
    seal_on_alone: "From the next sync your network file is sealed, but this journal knows no peer's key yet: only you could read it. Sync once unsealed first, so your peers' files reach you.",
    seal_off: "From the next sync your network file is written in the clear again, for anyone who can read the folder.",
    seal_line: "network   sealed for {n} journal(s) at each sync",
    sealed_not_yet: "{name} is sealed, and not yet for your key: you can read it once your own file has reached its owner and they have synced twice",
    err_search_empty: "give something to search for, e.g. praxis search council",
    search_nothing: "Nothing matches \"{query}\".",
    search_nothing_by: "Nothing {name} shared matches \"{query}\".",
    search_close: "No exact match for \"{query}\"; close matches ({how}):",
    search_typo: "one letter off",
    search_scattered: "its letters in order",
    search_best: "Best {shown} of {matched} matches (--limit shows more).",
    comment_goes_nowhere: "Saved, for you alone: the record is private.",
    comment_goes_mentor: "Saved: it goes to your mentor with your next mentor export.",
    comment_goes_mentor_network: "Saved: it goes to your mentor with your next export and to your network at your next sync.",
    comment_goes_author_network: "Saved: it goes to {name} and everyone in your network at your next sync.",
    comment_goes_author: "Saved: it goes back to {name} in your review's comments file.",
};

const DA: Say = Say {
    welcome: "Velkommen til praxis, en læringsjournal for ledelse af samskabelse.",
    no_journal_yet: "Der er ingen journal i {dir} endnu. Start en med",
    init_hint: "  praxis init --name \"Dit navn\" --lang da   (eller --lang en)",
    or_first_note: "eller skriv bare din første note:",
    first_note_hint: "  praxis add note --title \"Det lagde jeg mærke til i dag\"",
    journal_of: "Journal for {name} – {date}",
    checkin_line: "Dagens check-in   {state} · {n} {unit} i træk{rhythm}",
    done_today: "gjort i dag",
    not_done: "ikke gjort endnu i dag",
    day: "dag",
    days: "dage",
    week: "uge",
    weeks: "uger",
    meant_to_try: "Du ville prøve ({when}): {text} – gjorde du det? (praxis add experiment --from {id})",
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
    follow_ups_heading: "Opfølgning efter 30/60/90 dage",
    follow_up_days: "{days} dage",
    sets_due_heading: "Spørgsmålssæt, der venter",
    last_time: ", sidst {when}",
    read_from_copy: "praxis: journalen er åben i praxis{pid}; dette er læst fra en kopi taget nu, så det, der gemmes dér fra nu af, er ikke med.",
    key_pinned: "  Nøglen fra {name} er ny her og er nu fastgjort: {fingerprint}\n  (sammenlign fingeraftrykket med {name} over telefonen; en senere fil med en anden nøgle afvises)",
    imported: "  {added} tilføjet, {updated} opdateret, {unchanged} fandtes allerede, {older} ældre end vores",
    in_conflict: "  {n} i konflikt (samme version, andet indhold; begge udgaver er gemt – se praxis show):",
    not_taken: "  {n} ikke taget med: denne fil må ikke tilføje eller ændre dem (den er ikke signeret, eller ikke af forfatteren); de står, som de stod",
    comments_not_taken: "  {n} kommentar(er) afvist: i en andens navn, ændret efter signeringen eller på en post, der ikke er delt",
    deleted_here: "  {n}, som du har slettet her, er ikke hentet tilbage",
    repeated: "  {n} stod flere gange i filen: den højeste version af hver er taget",
    comments_report: "  kommentarer: {added} tilføjet, {unchanged} fandtes allerede, {orphaned} til poster, denne journal ikke har",
    wrote: "Skrev {n} post(er) til {scope} i {file}{sealed}.",
    sealed_key: ", forseglet til modtagerens nøgle",
    sealed_passphrase: ", forseglet med adgangsfrasen",
    started: "Startede en journal i {dir} for {name} ({language}).",
    started_new: "Startede en ny journal for {name} ({language}) i {dir}.\nSkift navn eller sprog med: praxis journal set --name NAVN --lang da|en",
    nothing_changed: "Intet ændret: {id} er, som den var.",
    saved: "Gemt: {id} (version {n}).",
    delete_question: "Slet {kind} »{title}« ({id}){comments}{linked}? [j/N] ",
    delete_comments: " og dens {n} kommentar(er)",
    delete_linked: "; {n} tilknyttede post(er) bliver, uden tilknytning",
    kept_it: "Beholdt; intet er slettet.",
    deleted: "Slettet: {kind} »{title}«.",
    unlinked: " {n} tilknyttede post(er) beholdt, uden tilknytning.",
    j_journal: "journal   {dir}",
    j_key: "nøgle     {key}  (læs den op, når en kollega eller din mentor spørger)",
    j_seal: "forsegl   {key}  (giv den til dem, der forsegler filer til dig: praxis export --to …)",
    j_author: "forfatter {name}",
    j_language: "sprog     {language} ({code})",
    j_rhythm: "rytme     {rhythm}",
    j_records: "poster    {n}",
    j_backups: "backup    {n} gemt (nyeste {day}; beholder {keep})",
    j_no_backups: "backup    ingen endnu (beholder {keep})",
    // opening the journal, backups, questions
    open_read_only: "praxis: der kan ikke skrives i {dir} ({reason}); journalen vises, som den er, og kan kun læses.",
    open_log_mended: "praxis: gemmeloggen ved siden af din database var beskadiget eller ufuldstændig ({trouble}). Selve databasen åbnede uden fejl, så intet er tabt: der er taget en ny backup ({file}), og loggen begynder forfra fra den.",
    open_log_not_mended: "praxis: gemmeloggen ved siden af din database var beskadiget eller ufuldstændig ({trouble}), og der kunne ikke tages en ny backup, som den kan begynde forfra fra ({error}). Selve databasen åbnede uden fejl; frigør lidt plads, og kør en hvilken som helst praxis-kommando igen.",
    open_made_private: "praxis: {n} fil(er) og mappe(r) i din journal kunne læses af andre brugere på denne computer; nu kan kun du læse dem (mapper 0700, filer 0600).",
    open_undid_import: "praxis: en import eller gendannelse blev afbrudt, før den var færdig; den er rullet tilbage, så intet af den er i din journal. Kør den igen for at hente filen ind.",
    skipped_prompt_file: "praxis: en fil med spørgsmålssæt blev sprunget over: {problem}",
    progress_backup: "Tager dagens backup",
    backup_not_made: "praxis: dagens backup blev ikke taget ({error}); det, du har gemt, er i sikkerhed",
    yes_words: "j,ja,y,yes",
    nothing_was_changed: "Intet er ændret.",
    dash: " – ",
    and: " og ",
    // praxis journal set, and its details
    j_id: "id        {id}",
    j_schema: "skema     {n}",
    journal_nothing_to_change: "intet at ændre: angiv --name NAVN, --lang da|en, --keep-backups N eller --rhythm hver-dag|hverdage|N-om-ugen",
    journal_keep_at_least_one: "--keep-backups skal være mindst 1: den nyeste backup er din vej tilbage",
    err_rhythm: "--rhythm: kender ikke rytmen »{value}«: brug hver-dag, hverdage eller N-om-ugen med N fra 1 til 7 (fx 3-om-ugen)",
    // praxis repair
    repair_whole: "Journalen i {dir} åbner uden fejl{how}: der er intet at reparere.",
    repair_log_afresh: " (dens gemmelog er begyndt forfra)",
    repair_log_agrees: " og stemmer med sin gemmelog",
    repair_from_backup: "praxis repair genopbygger journalen i {dir} ud fra backuppen {backup} og de {n} ændring(er), der er logget siden.",
    repair_from_log: "praxis repair genopbygger journalen i {dir} ud fra dens gemmelog, som rummer {n} ændring(er), siden journalen blev oprettet.",
    repair_from_damaged_log: "praxis repair genopbygger journalen i {dir} ud fra dens gemmelog, som rummer {n} ændring(er), der stadig kan læses, siden journalen blev oprettet.",
    repair_log_damaged: "Advarsel: gemmeloggen {file} er beskadiget fra byte {at} og frem ({lost} byte): de ændringer, der er skrevet dér, kan ikke læses og kommer til at mangle.",
    repair_brings_over: "Det, som den beskadigede database stadig rummer, og som de mangler, bliver også taget med. De databasefiler, der bliver erstattet, gemmes i {dir}; intet slettes.",
    repair_needs_yes: "reparationen kræver et ja: kør `praxis repair --yes` for at genopbygge uden at blive spurgt",
    repair_question: "Genopbyg den nu? [j/N] ",
    repair_rebuilt: "Journalen i {dir} er genopbygget: {n} af dine egne poster.",
    repair_from_old: "{n} post(er), kommentar(er) eller andre data kom fra selve den beskadigede database, fordi backuppen og gemmeloggen manglede dem.",
    repair_kept: "De filer, der blev erstattet, ligger i {dir}.",
    repair_new_backup: "Der ligger en ny backup af den i {file}.",
    repair_no_new_backup: "praxis: der blev ikke taget en ny backup ({error}); kør praxis igen",
    repair_no_start_backup: "{why}. Dine filer er, som de var. Den nyeste backup kan gendannes i en ny mappe: praxis restore {backup} --journal NY_MAPPE",
    repair_no_start_none: "{why}. Dine filer er, som de var, og der er ingen backup endnu.",
    err_no_start: "gemmeloggen for {dir} når ikke tilbage til en backup, den kan begynde fra: den mangler eller er beskadiget, eller den blev startet af en praxis uden log, og der er ikke taget nogen backup siden, så journalen kan ikke genopbygges nøjagtigt på stedet",
    err_repair_backup: "kunne ikke læse backuppen {file}: {detail}",
    // praxis demo
    demo_removed: "Det var en demojournal; den er slettet igen. Din egen journal er ikke rørt.",
    demo_kept: "Demojournalen ligger i {dir}.",
    // praxis add and comment
    add_nothing: "intet at gemme: angiv --title eller --body, eller send teksten ind (echo \"…\" | praxis add note)",
    err_experiment_title: "et eksperiment skal have en titel: det, du vil afprøve, fx --title \"Åben kontortid\"",
    err_cycle_title: "et forløb skal have en titel: temaet, fx --title \"Lad borgerne forme hjemmeplejen\"",
    err_no_set: "der er intet spørgsmålssæt, der hedder »{id}«: se praxis prompts list",
    err_visibility: "--visibility: kender ikke synligheden »{value}«: brug privat, mentor eller netværk",
    err_ends_past: "--ends {date} er allerede passeret: angiv den dag, forløbet skal slutte",
    err_gone: "posten forsvandt lige",
    err_from_no_plan: "--from: det eksperiment har ingen plan at følge op på",
    err_from_kind: "--from {id}: det er {kind}; et eksperiment bygger på en refleksion eller et tidligere eksperiment",
    err_new_status: "--status: et nyt eksperiment er planlagt eller i gang; skriv senere, hvordan det endte, med praxis experiment done|drop ID --outcome TEKST",
    err_status: "--status: kender ikke eksperimentets status »{value}«: brug planned, running, done eller dropped",
    err_cycle_status: "--status: kender ikke forløbets status »{value}«: brug active eller concluded",
    err_twice: "spørgsmålet »{question}« er besvaret to gange; intet er gemt",
    answers_not_saved: "{why}\nIntet er gemt; se praxis prompts show {set}",
    err_pair: "--{flag} »{pair}«: skriv det som SPØRGSMÅLS-ID=VÆRDI, fx --{flag} happened=…",
    err_answers_json: "--answers {file}: ikke et JSON-objekt med svar ({detail}); skriv {example}",
    err_answers_toml: "--answers {file}: ikke en TOML-tabel med svar ({detail}); skriv question-id = \"tekst\" eller scale-id = 4",
    err_comment_empty: "kommentaren er tom: skriv den som argument, eller send den ind",
    err_piped: "den tekst, der blev sendt ind, {problem}",
    err_empty_flag: "{flag} må ikke være tom",
    err_read_only_record: "den post kommer fra {name} og kan kun læses her; du kan kommentere den (praxis comment)",
    err_wrong_kind: "{flag} {id}: det er {is}, ikke {want} ({title})",
    // praxis edit, experiment start|done|drop, delete
    err_flag_kind: "{flag} gælder kun {kinds}; {id} er {is}. Intet er gemt.",
    err_set_gone: "refleksionens spørgsmålssæt »{set}« er ikke længere i dit bibliotek, så svarene kan ikke kontrolleres; læg sættets fil tilbage for at rette dem",
    err_needs_title: "et forløb eller et eksperiment skal have en titel; intet er gemt",
    err_not_saved: "{why}; intet er gemt",
    err_outcome_done: "skriv, hvad der skete: --outcome \"…\" (eller send teksten ind)",
    err_outcome_drop: "skriv, hvorfor du stoppede det: --outcome \"…\" (eller send teksten ind)",
    err_signal: "--signal: kender ikke svaret »{value}«: brug ja, delvis eller nej",
    err_delete_needs_yes: "sletning kræver et ja: kør `praxis delete {id} --yes` for at slette uden at blive spurgt",
    err_highest_revision: "posten {id} har nået den højeste version, praxis gemmer ({max}), og kan ikke ændres mere: kopier det, du skal bruge, over i en ny post",
    // kinds of record, counted and with their article
    a_cycle: "et forløb",
    an_experiment: "et eksperiment",
    a_reflection: "en refleksion",
    a_note: "en note",
    cycles: "forløb",
    experiments: "eksperimenter",
    reflections: "refleksioner",
    notes: "noter",
    n_cycle: "{n} forløb",
    n_cycles: "{n} forløb",
    n_experiment: "{n} eksperiment",
    n_experiments: "{n} eksperimenter",
    n_reflection: "{n} refleksion",
    n_reflections: "{n} refleksioner",
    n_note: "{n} note",
    n_notes: "{n} noter",
    // praxis cycle, summary, calendar
    err_already_concluded: "»{title}« er allerede afsluttet; praxis summary --cycle {id} viser, hvad du lærte",
    conclude_still_open: "{n} eksperiment(er) i dette forløb er stadig planlagt eller i gang:",
    err_conclude_open: "skriv først, hvordan de endte (praxis experiment done|drop ID --outcome …), eller afslut alligevel med --force; intet er gemt",
    conclude_anyway: "Afslutter alligevel (--force); de forbliver, som de er.",
    err_no_closing_set: "det afsluttende spørgsmålssæt »{set}« mangler i dit bibliotek",
    concluded: "»{title}« er afsluttet. praxis summary --cycle {id} viser, hvad du lærte.",
    err_summary_format: "--format {value}: brug text, markdown eller json",
    err_month: "--month: »{value}« er ikke en måned: skriv den som ÅÅÅÅ-MM, fx 2026-11",
    err_summary_scope: "angiv --cycle ID eller --month ÅÅÅÅ-MM",
    calendar_wrote: "Skrev {n} dato(er) i {file}.",
    err_could_not_write: "kunne ikke skrive {file}: {error}",
    // praxis prompts list|show|check
    p_phase: "fase",
    p_questions: "spørgsmål",
    p_title: "titel",
    p_cadence: "rytme",
    p_source: "kilde",
    p_text: "tekst",
    p_scale: "skala",
    p_choice: "valg",
    p_may_skip: " · kan springes over",
    p_carries: "→ kan blive dit næste eksperiment (praxis add experiment --from ID)",
    err_check_nothing: "ingen filer med spørgsmålssæt at kontrollere: angiv filer eller mapper, fx praxis prompts check prompts/",
    err_check_missing: "{path} findes ikke",
    err_check_no_files: "der er ingen *.toml-filer med spørgsmålssæt dér",
    check_ok: "ok    {file} ({id}, {n} spørgsmål)",
    check_error: "fejl  {file}",
    err_check_bad: "{bad} af {n} filer med spørgsmålssæt har fejl (se ovenfor); se docs/prompts.md",
    check_all_valid: "Alle {n} filer med spørgsmålssæt er i orden.",
    // praxis list
    err_kind: "--kind {value}: brug forløb, eksperiment, refleksion eller note (cycle, experiment, reflection, note)",
    err_since_until: "--since {since} ligger efter --until {until}: intet kan passe",
    err_author_nobody: "--author {who}: ingen med det navn eller id har delt noget med denne journal. Disse har: {whom}",
    err_author_several: "--author {who} kan være {whom}: skriv mere af navnet eller begyndelsen af vedkommendes journal-id",
    err_author_no_peers: "--author {who}: ingen har delt noget med denne journal endnu. Det, andre deler, kommer ind med praxis import FIL eller praxis network sync MAPPE",
    err_author_blank: "--author skal have et navn eller begyndelsen af et journal-id (mindst 4 tegn)",
    err_author_short_id: "--author {who}: begyndelsen af et journal-id skal være mindst 4 tegn",
    // praxis export
    err_export_for: "--for {value}: brug mentor, network eller backup",
    err_export_format: "--format {value}: brug json eller markdown",
    err_export_disagree: "--format {format}, men {file} ender på .{ext}: få dem til at passe sammen (eller udelad --format)",
    err_export_name: "{file}: navnet siger ikke, hvilket format der skal skrives; lad det ende på .json (til import), .md (Markdown, til læsning){age}, eller angiv --format json|markdown",
    export_age: ", .age (forseglet)",
    err_export_write: "kunne ikke skrive {file}: {error}. Intet er skrevet dér",
    passphrase_to_seal: "Adgangsfrase, som filen forsegles med (fortæl den til modtageren over telefonen): ",
    err_passphrase: "--passphrase: sæt PRAXIS_PASSPHRASE, eller kør praxis i en terminal for at skrive en",
    progress_writing: "Skriver",
    progress_writing_file: "Skriver {file}",
    err_to_nobody: "--to {to}: ingen age-nøgle (age1…), nøglefil eller netværkskollega med det navn eller nøglefingeraftryk, som har givet en. Bed dem om den »forsegl«-nøgle, som deres praxis journal viser",
    err_to_several: "--to {to} kan være flere journaler: skriv mere af nøglefingeraftrykket",
    scope_for_mentor: "din mentor",
    scope_for_network: "netværket",
    scope_for_backup: "en backup",
    scope_for_comments: "kommentarer",
    // praxis import, and reading a file
    import_did: "Importerede {from}:",
    import_would: "Ville importere {from}:",
    import_from_praxis: "{scope} fra {name}",
    scope_export_mentor: "mentoreksporten",
    scope_export_network: "netværkseksporten",
    scope_export_backup: "backuppen",
    scope_export_comments: "kommentarerne",
    import_from_jrnl: "en eksport fra jrnl",
    import_from_tui: "en fil fra tui-journal",
    import_from_file: "filen",
    import_other_backup: "Dette er en backup af en anden journal (fra {name}): dens poster holdes for sig, som delte poster (praxis list --peers). Brug praxis restore FIL --journal NY_MAPPE for at gendanne en journal fra dens backup.",
    import_dry_run: "Intet er ændret (prøvekørsel).",
    progress_reading: "Læser {file}",
    progress_records: "{n} poster",
    passphrase_to_open: "Filen er forseglet med en adgangsfrase. Adgangsfrase: ",
    opened: "Åbnede {file}: den var forseglet {how}.",
    opened_with_key: "til denne journals nøgle",
    opened_with_passphrase: "med en adgangsfrase",
    err_no_text_opened: "{file} indeholder ingen tekst, når den er åbnet",
    // praxis restore
    restore_starting_over: "praxis: en tidligere gendannelse i {dir} blev afbrudt; den startes forfra.",
    err_restore_into_journal: "{dir} rummer allerede en journal: gendan i en ny mappe med --journal NY_MAPPE",
    err_not_a_backup: "{file} er ikke en backup (praxis export --for backup); brug praxis import til andre filer",
    restored: "Journalen for {name} er gendannet i {dir}: {n} post(er), {comments} kommentar(er).",
    // praxis review
    err_review_name: "du har ingen praxis-journal her: angiv dit navn med --name, så lederen kan se, hvem der har kommenteret",
    err_not_for_review: "{file} er ikke en eksport, der er delt til mentortilbagemelding (praxis export --for mentor)",
    review_how: "Kommenter med: praxis review {file} --comment ID=\"…\" (spørgsmålssættet mentor-review har spørgsmål at begynde med: praxis prompts show mentor-review)",
    err_review_pair: "--comment »{pair}«: skriv det som ID=TEKST",
    err_review_nothing: "ingen post i {file} har et id, der begynder med »{id}«",
    err_review_several: "»{id}« kan være flere poster i {file}: skriv mere af id'et",
    err_review_empty: "--comment {id}=…: kommentaren er tom",
    review_wrote: "Skrev {n} kommentar(er) i {file}: send den tilbage; lederen kører praxis import på den.",
    review_in_file: "Dine kommentarer ligger i {file}: send den tilbage; lederen kører praxis import på den.",
    // praxis network sync|trust
    err_sync_not_a_folder: "{dir} er ikke en mappe: angiv netværkets fælles mappe",
    sync_as_they_were: "{file} er uændret: {n} netværkspost(er), intet nyt at dele.",
    err_sync_write: "kunne ikke skrive i {dir}: {error}",
    sync_shared: "Delte {n} netværkspost(er) som {file}.",
    err_sync_read: "kan ikke læse {dir}: {error}",
    sync_skipped: "praxis: sprang {file} over: {why}",
    sync_conflict_copy: "det er Syncthings kopi ved en konflikt; behold den rigtige udgave under det oprindelige navn",
    sync_still_writing: "Syncthing er stadig ved at skrive den",
    sync_git_copy: "det er en kopi, som git efterlod under en sammenfletning",
    sync_merge_markers: "den har gits konfliktmarkeringer (<<<<<<<); løs konflikten i git (tag den ene side helt), og synkroniser så igen",
    err_sync_not_network: "{file} er ikke en netværkseksport; kun netværksfiler hører hjemme i den fælles mappe",
    sync_line: "{who}: {added} tilføjet, {updated} opdateret, {unchanged} uændret{conflicts}{refused}{comments}",
    sync_conflicts: ", {n} i konflikt",
    sync_refused: ", {n} ikke taget med (filen må ikke ændre dem: den er ikke signeret, eller ikke af forfatteren)",
    sync_comments_refused: ", {n} kommentar(er) afvist (i en andens navn, ændret efter signeringen eller på en post, der ikke er delt)",
    sync_comments_added: ", {n} ny(e) kommentar(er)",
    sync_comments_waiting: ", {n} videregiven(ne) kommentar(er) venter på forfatternes egne filer (deres nøgler kendes ikke her endnu)",
    sync_pinned: "  Nøglen fra {name} er ny her og er nu fastgjort: {fingerprint}\n  (sammenlign fingeraftrykket med {name} over telefonen)",
    key_would_pin: "  Nøglen fra {name} er ny her og ville blive fastgjort: {fingerprint}\n  (sammenlign fingeraftrykket med {name} over telefonen, før du importerer)",
    sync_not_a_file: "det er {kind}, ikke en fil",
    sync_peers_unchanged: "{n} fil(er) fra netværkskolleger er uændret siden sidste synkronisering.",
    err_sync_failed: "{n} fil(er) i {dir} kunne ikke importeres (se ovenfor); de andre blev",
    err_trust_nobody: "ingen journal, som praxis kender, har et id, der begynder med »{id}«: se praxis list --peers",
    err_trust_several: "»{id}« kan være flere journaler: skriv mere af id'et",
    trust_forgot: "Den nøgle, der var fastgjort for {name} ({fingerprint}), er glemt. Den næste fil, som {name} signerer, fastgør sin nøgle; praxis viser så det nye fingeraftryk.",
    trust_none_pinned: "Der var ingen nøgle fastgjort for {name}; den næste signerede fil fastgør en.",
    path_folder: "en mappe",
    path_pipe: "en navngiven pipe (FIFO)",
    path_device: "en enhed",
    path_socket: "en socket",
    path_other: "en specialfil",
    // errors from below the command line (the journal, files, prompt sets)
    err_newer_schema: "journalen ({dir}) er skrevet af en nyere praxis (skema {found}; denne praxis kender op til {supported}): opdater praxis for at åbne den. Intet er ændret.",
    err_corrupt: "journalen i {dir} er beskadiget ({detail}). {kept}Kør `praxis repair`: den genopbygger journalen ud fra den nyeste hele backup og alle ændringer, der er logget siden, og lægger de nuværende filer til side",
    err_corrupt_kept: "Databasefilerne, som de var, før praxis åbnede dem nu, er gemt uændret i {dir}. ",
    err_not_yours: "filen siger, at den kommer fra din egen journal, men den er {what}. Intet er importeret.{more}",
    not_yours_signed: "signeret med en anden nøgle: den er lavet til at ligne din",
    not_yours_unsigned: "ikke signeret",
    not_yours_old_backup: " Hvis det er en gammel backup af din journal (fra en praxis fra før nøglerne), så gendan den i en ny mappe: praxis restore FIL --journal NY_MAPPE",
    not_yours_only_signed: " Kun dine egne signerede backupper må ændre dine poster",
    err_key_changed: "filen siger, at den kommer fra {name} (journal {journal}), men den er signeret med en anden nøgle end den, praxis har fastgjort for {name}: fastgjort {pinned}, denne fil {found}. Intet er importeret. Hvis {name} virkelig har fået en ny nøgle (en ny computer, en gendannet journal), så sammenlign det nye fingeraftryk med {name} over telefonen, og kør derefter: praxis network trust {journal}",
    err_revision_jump: "posten {id} ville springe fra version {stored} til {found}: ingen journal retter en post så tit, så filen afvises. Intet er importeret",
    err_restore_cut_off: "en gendannelse i {dir} blev afbrudt, før den var færdig, så der er ingen hel journal: kør den samme praxis restore igen (den starter forfra)",
    err_duplicate: "en post med id {id} findes allerede i journalen",
    err_io: "kunne ikke {action} journalen i {dir}: {error}{hint}",
    io_hint_full: ". Disken er fuld eller næsten fuld: frigør lidt plads, og prøv igen; det, der er gemt før, er i sikkerhed",
    io_hint_denied: ". Tjek, at du må skrive i den mappe, eller vælg en anden med --journal",
    io_hint_read_only: ". Disken er skrivebeskyttet: vælg en anden mappe med --journal",
    err_output: "kunne ikke skrive resultatet: {error}",
    input_not_a_file: "er {kind}, ikke en almindelig fil: giv praxis selve filen. Intet er ændret",
    input_too_large: "er større end {mib} MiB, som er det meste, praxis læser af den: tjek, at det er den fil, du mente. Intet er ændret",
    input_not_text: "er ikke UTF-8-tekst: gem den som UTF-8, og prøv igen. Intet er ændret",
    input_io: "kan ikke læses ({error}). Intet er ændret",
    read_not_json: "{file} er ikke gyldig JSON (linje {line}, kolonne {column}: {detail}); blev den afbrudt under kopieringen? Intet er importeret",
    read_not_json_at_all: "{file} er ikke gyldig JSON (linje {line}, kolonne {column}: {detail}): er det den fil, du mente? praxis importerer sine egne udvekslingsfiler og JSON-eksporter fra jrnl og tui-journal. Intet er importeret",
    read_unknown: "{file} er ikke en fil, praxis kan importere: den er hverken en praxis-udvekslingsfil eller en eksport fra jrnl eller tui-journal. Intet er importeret",
    read_bad_entry: "{file} ligner {what}, men dens indlæg nr. {entry} er ikke skrevet, som det program skriver dem ({detail}): ret eller fjern indlægget, eller eksporter filen igen. Intet er importeret",
    read_not_entries: "{file} ligner {what}, men {detail}: eksporter filen igen fra det program. Intet er importeret",
    tool_jrnl: "en jrnl-eksport",
    tool_jrnl_or_tui: "en eksport fra jrnl eller tui-journal",
    tool_tui: "en tui-journal-eksport",
    tool_tui_file: "en tui-journal-fil",
    read_newer: "{file} har udvekslingsformatets version {found}; denne praxis læser version {version}: opdater praxis. Intet er importeret",
    read_malformed: "{file} passer ikke til udvekslingsformatet ({detail}). Intet er importeret",
    read_tampered: "{file} er ændret, efter den blev eksporteret (kontrolsummen passer ikke til indholdet): bed om en ny eksport. Intet er importeret",
    read_revision: "{file}: posten {id} har version {revision}, og en version går fra 1 til {max}: filen er i stykker eller lavet til at overskrive andre journaler. Bed om en ny eksport. Intet er importeret",
    read_bad_signature: "{file} er ikke signeret med den nøgle, den angiver ({detail}): den er ændret, efter den blev skrevet, eller lavet til at ligne en anden journals fil. Bed om en ny eksport. Intet er importeret",
    read_wrong_scope: "{file} er en {scope}-fil, men indeholder {what}: den afvises. Intet er importeret",
    seal_not_a_key: "»{key}« er hverken en age-nøgle (den begynder med age1…) eller en fil med en: bed din mentor om den nøgle, som `praxis journal` viser dem",
    seal_not_for_you: "{file} er forseglet, men ikke til denne journals nøgle{more}. Intet er importeret",
    seal_wrong_passphrase: ": adgangsfrasen er forkert",
    seal_no_journal: ": der er ingen journal her at åbne den med",
    seal_needs_passphrase: "{file} er forseglet med en adgangsfrase: sæt PRAXIS_PASSPHRASE til den (eller kør praxis i en terminal, så bliver du spurgt). Intet er importeret",
    seal_broken: "{file} er forseglet, men kan ikke åbnes ({detail}): bed om at få den igen. Intet er importeret",
    seal_key: "journalens forseglingsnøgle {file}: {detail}",
    answer_unknown: "sættet »{set}« har intet spørgsmål, der hedder »{question}«; dets spørgsmål er: {known}",
    answer_twice: "spørgsmålet »{question}« er besvaret to gange",
    answer_off_scale: "»{question}« er en skala fra {min} til {max}; »{given}« ligger ikke på den",
    answer_not_option: "»{question}« skal besvares med en af: {options}; »{given}« er ikke en af dem",
    answer_no_why: "»{question}« spørger ikke om hvorfor; det gør disse spørgsmål: {asking}",
    answer_missing: "»{question}« skal besvares – »{text}«",
    answer_no_date: "kan ikke læse en dato i »{given}«: skriv den som 2026-12-01, i dag, i morgen, +3d eller +2u",
    finish_gone: "den post, der rettes i, er forsvundet",
    carry_not_reflection: "kun en refleksions næste skridt kan føres videre; det er {kind}",
    carry_no_set: "refleksionens spørgsmålssæt »{set}« findes ikke i dit bibliotek",
    carry_no_next: "refleksionen har intet næste skridt at føre videre (sættet »{set}« spørger ikke om et, eller svaret blev sprunget over)",
    backup_write: "kunne ikke skrive backuppen {file}: {error}. Din journal er i sikkerhed; frigør lidt plads, så prøver praxis igen",
    err_no_journal: "der er ingen journal i {dir} endnu: skriv din første post (praxis add note …) eller kør `praxis init`",
    err_not_a_folder: "{dir} er en fil, ikke en mappe: --journal (og PRAXIS_JOURNAL) angiver den mappe, journalen ligger i, fx --journal ~/praxis-journal",
    err_not_a_journal: "{dir} er ikke en praxis-journal (der er andre filer, men ingen journaldatabase): vælg en tom eller ny mappe med --journal",
    err_exists: "der er allerede en journal i {dir}: brug den, eller vælg en anden mappe med --journal",
    err_locked: "journalen ({dir}) er åben i en anden praxis{pid}: luk den først, og prøv så igen",
    err_not_found: "ingen post har et id, der begynder med »{id}«: se id'erne med `praxis list`",
    err_ambiguous: "»{id}« er begyndelsen på flere poster ({ids}): skriv mere af id'et",
    err_date: "--{flag}: kan ikke læse datoen »{text}«: skriv ÅÅÅÅ-MM-DD (fx 2026-12-01), i dag, i morgen, en ugedag (fredag), en dag og måned (16/12, 16. december) eller fx +7d, +2u, om 3 dage",
    seal_on: "Fra næste synkronisering er din netværksfil forseglet, så kun du og de {n} journal(er), hvis nøgler denne journal kender, kan læse den: {names}. En ny netværkskollega kan læse den, når vedkommendes egen fil er nået frem til dig, og du har synkroniseret to gange.",
    seal_on_alone: "Fra næste synkronisering er din netværksfil forseglet, men denne journal kender endnu ingen netværkskollegers nøgler: kun du ville kunne læse den. Synkronisér først én gang uden forsegling, så dine netværkskollegers filer når frem til dig.",
    seal_off: "Fra næste synkronisering skrives din netværksfil igen åbent, så alle med adgang til mappen kan læse den.",
    seal_line: "netværk   forsegles for {n} journal(er) ved hver synkronisering",
    sealed_not_yet: "{name} er forseglet, og din nøgle er ikke med endnu: du kan læse den, når din egen fil er nået frem til ejeren, og vedkommende har synkroniseret to gange",
    err_search_empty: "skriv, hvad du søger efter, fx praxis search byråd",
    search_nothing: "Intet passer på »{query}«.",
    search_nothing_by: "Intet af det, {name} har delt, passer på »{query}«.",
    search_close: "Intet passer præcist på »{query}«; de nærmeste ({how}):",
    search_typo: "ét bogstav forkert",
    search_scattered: "bogstaverne i rækkefølge",
    search_best: "De {shown} bedste af {matched} (--limit viser flere).",
    comment_goes_nowhere: "Gemt, kun til dig: posten er privat.",
    comment_goes_mentor: "Gemt: den går til din mentor med din næste mentoreksport.",
    comment_goes_mentor_network: "Gemt: den går til din mentor med din næste eksport og til dit netværk ved næste synkronisering.",
    comment_goes_author_network: "Gemt: den går til {name} og alle i dit netværk ved næste synkronisering.",
    comment_goes_author: "Gemt: den går tilbage til {name} i kommentarfilen fra din gennemgang.",
};

/// The messages in `lang`.
pub fn say(lang: Language) -> &'static Say {
    match lang {
        Language::English => &EN,
        Language::Danish => &DA,
    }
}

/// An error as the command line tells it in `lang`; a message already worded (an input the
/// command refused) is told as it is.
pub fn error_text(e: &super::CliError, lang: Language) -> String {
    use super::CliError;
    match e {
        CliError::Store(s) => store_error(s, lang),
        CliError::Input(i) => input_error(i, lang),
        CliError::Read(r) => read_error(r, lang),
        CliError::Seal(s) => seal_error(s, lang),
        CliError::Output(o) => fill(say(lang).err_output, &[("error", &io_reason(o, lang))]),
        other => other.to_string(),
    }
}

/// The journal's own errors, in `lang`.
pub fn store_error(e: &crate::store::StoreError, lang: Language) -> String {
    use crate::store::StoreError;
    let w = say(lang);
    let dir = |d: &std::path::Path| d.display().to_string();
    match e {
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
        StoreError::NewerSchema {
            dir: d,
            found,
            supported,
        } => fill(
            w.err_newer_schema,
            &[
                ("dir", &dir(d)),
                ("found", &found.to_string()),
                ("supported", &supported.to_string()),
            ],
        ),
        StoreError::Corrupt {
            dir: d,
            detail,
            kept,
        } => {
            let kept = kept
                .as_deref()
                .map(|k| fill(w.err_corrupt_kept, &[("dir", &dir(k))]))
                .unwrap_or_default();
            fill(
                w.err_corrupt,
                &[("dir", &dir(d)), ("detail", detail), ("kept", &kept)],
            )
        }
        StoreError::NotYours { signed, backup } => {
            let (what, more) = match (signed, backup) {
                (true, _) => (w.not_yours_signed, ""),
                (false, true) => (w.not_yours_unsigned, w.not_yours_old_backup),
                (false, false) => (w.not_yours_unsigned, w.not_yours_only_signed),
            };
            fill(w.err_not_yours, &[("what", what), ("more", more)])
        }
        StoreError::KeyChanged {
            journal,
            name,
            pinned,
            found,
        } => fill(
            w.err_key_changed,
            &[
                ("journal", &journal.to_string()),
                ("name", name),
                ("pinned", pinned),
                ("found", found),
            ],
        ),
        StoreError::RevisionJump { id, stored, found } => fill(
            w.err_revision_jump,
            &[
                ("id", &id.to_string()),
                ("stored", &stored.to_string()),
                ("found", &found.to_string()),
            ],
        ),
        StoreError::RestoreCutOff { dir: d } => fill(w.err_restore_cut_off, &[("dir", &dir(d))]),
        StoreError::Duplicate { id } => fill(w.err_duplicate, &[("id", id)]),
        StoreError::Io {
            action,
            dir: d,
            source,
        } => {
            use std::io::ErrorKind;
            let hint = match source.kind() {
                ErrorKind::StorageFull | ErrorKind::QuotaExceeded => w.io_hint_full,
                ErrorKind::PermissionDenied => w.io_hint_denied,
                ErrorKind::ReadOnlyFilesystem => w.io_hint_read_only,
                _ => "",
            };
            fill(
                w.err_io,
                &[
                    ("action", io_action(action, lang)),
                    ("dir", &dir(d)),
                    ("error", &io_reason(source, lang)),
                    ("hint", hint),
                ],
            )
        }
    }
}

/// What the journal was doing when the disk failed ("open", "save to"), in `lang`.
fn io_action(action: &'static str, lang: Language) -> &'static str {
    if lang == Language::English {
        return action;
    }
    match action {
        "save to" => "gemme i",
        "read the save log of" => "læse gemmeloggen for",
        "show" => "vise",
        "save the key of" => "gemme nøglen til",
        "repair" => "reparere",
        "read" => "læse",
        "read the key of" => "læse nøglen til",
        "open" => "åbne",
        "open the save log of" => "åbne gemmeloggen for",
        "lock" => "låse",
        "finish the restore of" => "gøre gendannelsen færdig for",
        "create" => "oprette",
        "clear the cut-off restore in" => "rydde den afbrudte gendannelse i",
        other => other,
    }
}

/// Why the disk said no, in `lang`: Danish words for the common reasons, else the system's.
pub fn io_reason(e: &std::io::Error, lang: Language) -> String {
    use std::io::ErrorKind;
    if lang == Language::English {
        return e.to_string();
    }
    match e.kind() {
        ErrorKind::NotFound => "den findes ikke".into(),
        ErrorKind::PermissionDenied => "adgang nægtet".into(),
        ErrorKind::ReadOnlyFilesystem => "disken er skrivebeskyttet".into(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "disken er fuld".into(),
        ErrorKind::IsADirectory => "det er en mappe".into(),
        ErrorKind::NotADirectory => "en del af stien er ikke en mappe".into(),
        _ => e.to_string(),
    }
}

/// A file praxis would not read, and why, in `lang`.
pub fn input_error(e: &crate::input::InputError, lang: Language) -> String {
    format!("{} {}", e.path, problem_text(&e.problem, lang))
}

/// Why a file or piped text was not read, in `lang` ("is not UTF-8 text: …").
pub fn problem_text(p: &crate::input::Problem, lang: Language) -> String {
    use crate::input::Problem;
    let w = say(lang);
    match p {
        Problem::NotAFile(kind) => fill(w.input_not_a_file, &[("kind", path_kind(*kind, w))]),
        Problem::TooLarge { limit } => {
            fill(w.input_too_large, &[("mib", &(limit >> 20).to_string())])
        }
        Problem::NotText => w.input_not_text.to_string(),
        Problem::Io(e) => fill(w.input_io, &[("error", &io_reason(e, lang))]),
    }
}

/// What a path that is not a regular file is instead ("a folder", "en mappe").
pub fn path_kind(kind: crate::input::Kind, w: &Say) -> &'static str {
    use crate::input::Kind;
    match kind {
        Kind::Folder => w.path_folder,
        Kind::Pipe => w.path_pipe,
        Kind::Device => w.path_device,
        Kind::Socket => w.path_socket,
        Kind::Other => w.path_other,
    }
}

/// Why an exchange file was not read, in `lang`.
pub fn read_error(e: &crate::exchange::ReadError, lang: Language) -> String {
    use crate::exchange::ReadError;
    let w = say(lang);
    // The tool a file looks like, as the reader names it, in `lang`.
    let tool = |what: &str| -> String {
        [
            (EN.tool_jrnl, w.tool_jrnl),
            (EN.tool_jrnl_or_tui, w.tool_jrnl_or_tui),
            (EN.tool_tui, w.tool_tui),
            (EN.tool_tui_file, w.tool_tui_file),
        ]
        .iter()
        .find(|(en, _)| *en == what)
        .map_or(what.to_string(), |(_, said)| said.to_string())
    };
    match e {
        ReadError::NotJson {
            file,
            line,
            column,
            detail,
            cut_off,
        } => fill(
            if *cut_off {
                w.read_not_json
            } else {
                w.read_not_json_at_all
            },
            &[
                ("file", file),
                ("line", &line.to_string()),
                ("column", &column.to_string()),
                ("detail", detail),
            ],
        ),
        ReadError::Unknown { file } => fill(w.read_unknown, &[("file", file)]),
        ReadError::BadEntry {
            file,
            what,
            entry,
            detail,
        } => fill(
            w.read_bad_entry,
            &[
                ("file", file),
                ("what", &tool(what)),
                ("entry", &entry.to_string()),
                ("detail", detail),
            ],
        ),
        ReadError::NotEntries { file, what, detail } => fill(
            w.read_not_entries,
            &[("file", file), ("what", &tool(what)), ("detail", detail)],
        ),
        ReadError::NewerVersion { file, found } => fill(
            w.read_newer,
            &[
                ("file", file),
                ("found", &found.to_string()),
                ("version", &crate::exchange::VERSION.to_string()),
            ],
        ),
        ReadError::Malformed { file, detail } => {
            fill(w.read_malformed, &[("file", file), ("detail", detail)])
        }
        ReadError::Tampered { file } => fill(w.read_tampered, &[("file", file)]),
        ReadError::Revision { file, id, revision } => fill(
            w.read_revision,
            &[
                ("file", file),
                ("id", &id.to_string()),
                ("revision", &revision.to_string()),
                ("max", &crate::record::MAX_REVISION.to_string()),
            ],
        ),
        ReadError::BadSignature { file, detail } => {
            fill(w.read_bad_signature, &[("file", file), ("detail", detail)])
        }
        ReadError::WrongScope { file, scope, what } => fill(
            w.read_wrong_scope,
            &[("file", file), ("scope", scope), ("what", what)],
        ),
    }
}

/// Why a sealed file did not open, or a reader's key is not one, in `lang`.
pub fn seal_error(e: &crate::seal::SealError, lang: Language) -> String {
    use crate::seal::SealError;
    let w = say(lang);
    match e {
        SealError::NotAKey(key) => fill(w.seal_not_a_key, &[("key", key)]),
        SealError::NotForYou(file, more) => {
            let more = if *more == EN.seal_wrong_passphrase {
                w.seal_wrong_passphrase
            } else if *more == EN.seal_no_journal {
                w.seal_no_journal
            } else {
                more
            };
            fill(w.seal_not_for_you, &[("file", file), ("more", more)])
        }
        SealError::NeedsPassphrase(file) => fill(w.seal_needs_passphrase, &[("file", file)]),
        SealError::Broken(file, detail) => {
            fill(w.seal_broken, &[("file", file), ("detail", detail)])
        }
        SealError::Key(file, detail) => fill(
            w.seal_key,
            &[("file", &file.display().to_string()), ("detail", detail)],
        ),
    }
}

/// Why answers do not fit their prompt set, in `lang`.
pub fn answer_error(e: &crate::prompts::AnswerError, lang: Language) -> String {
    use crate::prompts::AnswerError;
    let w = say(lang);
    match e {
        AnswerError::UnknownQuestion {
            set,
            question,
            known,
        } => fill(
            w.answer_unknown,
            &[("set", set), ("question", question), ("known", known)],
        ),
        AnswerError::Twice(question) => fill(w.answer_twice, &[("question", question)]),
        AnswerError::OffScale {
            question,
            given,
            min,
            max,
        } => fill(
            w.answer_off_scale,
            &[
                ("question", question),
                ("given", given),
                ("min", &min.to_string()),
                ("max", &max.to_string()),
            ],
        ),
        AnswerError::NotAnOption {
            question,
            given,
            options,
        } => fill(
            w.answer_not_option,
            &[
                ("question", question),
                ("given", given),
                ("options", options),
            ],
        ),
        AnswerError::NoWhy { question, asking } => fill(
            w.answer_no_why,
            &[("question", question), ("asking", asking)],
        ),
        AnswerError::Missing { question, text } => {
            fill(w.answer_missing, &[("question", question), ("text", text)])
        }
    }
}

/// Why a finished flow (a cycle's closing reflection) cannot be saved, in `lang`.
pub fn finish_error(e: &crate::flow::FinishError, lang: Language) -> String {
    use crate::flow::{FinishError, Problem};
    match e {
        FinishError::Answers(a) | FinishError::Problem(Problem::Answer(a)) => answer_error(a, lang),
        FinishError::Problem(Problem::NoDate { given, .. }) => {
            fill(say(lang).answer_no_date, &[("given", given)])
        }
        FinishError::Revision(r) => highest_revision(r, lang),
        FinishError::Gone => say(lang).finish_gone.to_string(),
    }
}

/// A record that cannot take another edit, in `lang`.
pub fn highest_revision(e: &crate::record::HighestRevision, lang: Language) -> String {
    fill(
        say(lang).err_highest_revision,
        &[
            ("id", &e.id.to_string()),
            ("max", &crate::record::MAX_REVISION.to_string()),
        ],
    )
}

/// Why a reflection's next step cannot be carried forward, in `lang`.
pub fn carry_error(e: &crate::carry::CarryError, lang: Language) -> String {
    use crate::carry::CarryError;
    let w = say(lang);
    match e {
        CarryError::Store(s) => store_error(s, lang),
        CarryError::NotAReflection(kind) => {
            let kind = crate::query::kind_word(kind).map_or(*kind, |k| a_kind(k, lang));
            fill(w.carry_not_reflection, &[("kind", kind)])
        }
        CarryError::NoSet(set) => fill(w.carry_no_set, &[("set", set)]),
        CarryError::NoNextStep(set) => fill(w.carry_no_next, &[("set", set)]),
    }
}

/// Why a repair cannot go ahead, in `lang` (the journal's own errors as [`store_error`]).
pub fn repair_error(e: &crate::store::RepairError, lang: Language) -> String {
    use crate::store::RepairError;
    let w = say(lang);
    match e {
        RepairError::Store(s) => store_error(s, lang),
        RepairError::NoStart { dir } => {
            fill(w.err_no_start, &[("dir", &dir.display().to_string())])
        }
        RepairError::Backup(file, detail) => fill(
            w.err_repair_backup,
            &[("file", &file.display().to_string()), ("detail", detail)],
        ),
    }
}

/// Why a backup was not made, in `lang`.
pub fn backup_error(e: &crate::backup::BackupError, lang: Language) -> String {
    use crate::backup::BackupError;
    match e {
        BackupError::Store(s) => store_error(s, lang),
        BackupError::Write(file, error) => fill(
            say(lang).backup_write,
            &[
                ("file", &file.display().to_string()),
                ("error", &io_reason(error, lang)),
            ],
        ),
    }
}

/// A kind of record with its article: "an experiment", "et eksperiment".
pub fn a_kind(kind: Kind, lang: Language) -> &'static str {
    let w = say(lang);
    match kind {
        Kind::Cycle => w.a_cycle,
        Kind::Experiment => w.an_experiment,
        Kind::Reflection => w.a_reflection,
        Kind::Note => w.a_note,
    }
}

/// A kind of record in the plural: "experiments", "eksperimenter".
pub fn kinds(kind: Kind, lang: Language) -> &'static str {
    let w = say(lang);
    match kind {
        Kind::Cycle => w.cycles,
        Kind::Experiment => w.experiments,
        Kind::Reflection => w.reflections,
        Kind::Note => w.notes,
    }
}

/// A count of records of one kind: "1 note", "0 noter".
pub fn counted(n: usize, kind: Kind, lang: Language) -> String {
    let w = say(lang);
    let template = match (kind, n == 1) {
        (Kind::Cycle, true) => w.n_cycle,
        (Kind::Cycle, false) => w.n_cycles,
        (Kind::Experiment, true) => w.n_experiment,
        (Kind::Experiment, false) => w.n_experiments,
        (Kind::Reflection, true) => w.n_reflection,
        (Kind::Reflection, false) => w.n_reflections,
        (Kind::Note, true) => w.n_note,
        (Kind::Note, false) => w.n_notes,
    };
    fill(template, &[("n", &n.to_string())])
}

/// Whom an export is for, as "Wrote … for {scope}" says it.
pub fn scope_for(scope: crate::exchange::Scope, w: &Say) -> &'static str {
    use crate::exchange::Scope;
    match scope {
        Scope::Mentor => w.scope_for_mentor,
        Scope::Network => w.scope_for_network,
        Scope::Backup => w.scope_for_backup,
        Scope::Comments => w.scope_for_comments,
    }
}

/// What kind of export a file is, as "Imported {name}'s {scope} export" says it.
pub fn scope_export(scope: crate::exchange::Scope, w: &Say) -> &'static str {
    use crate::exchange::Scope;
    match scope {
        Scope::Mentor => w.scope_export_mentor,
        Scope::Network => w.scope_export_network,
        Scope::Backup => w.scope_export_backup,
        Scope::Comments => w.scope_export_comments,
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

    /// Every message of a table, by its name, in the table's order of fields.
    fn fields(s: &Say) -> Vec<(String, String)> {
        let serde_json::Value::Object(map) = serde_json::to_value(s).expect("a table of text")
        else {
            panic!("a table is an object");
        };
        map.into_iter()
            .map(|(name, v)| (name, v.as_str().expect("text").to_string()))
            .collect()
    }

    fn blanks(t: &str) -> Vec<String> {
        let mut b: Vec<String> = t
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
            .collect();
        b.sort();
        b
    }

    /// Every template names the same blanks in both languages (a blank left out would print
    /// nothing where the user needs the value).
    #[test]
    fn both_languages_fill_the_same_blanks() {
        let (en, da) = (fields(&EN), fields(&DA));
        assert_eq!(en.len(), da.len());
        assert!(en.len() > 300, "every field is looked at: {}", en.len());
        for ((name, e), (_, d)) in en.iter().zip(&da) {
            assert_eq!(blanks(e), blanks(d), "{name}: {e} / {d}");
            assert!(!d.trim().is_empty(), "{name} is empty in Danish");
        }
    }

    /// Every English message has a Danish translation that differs from it, but for the few
    /// that are the same words in both languages.
    #[test]
    fn every_message_is_translated() {
        let same = ["status", "j_journal", "j_id", "n_note"];
        for ((name, e), (_, d)) in fields(&EN).iter().zip(&fields(&DA)) {
            assert!(
                e != d || same.contains(&name.as_str()),
                "{name} is not translated: {e}"
            );
        }
        // The allow-list names only fields that exist and are still the same.
        for name in same {
            let e = fields(&EN).into_iter().find(|(n, _)| n == name);
            let d = fields(&DA).into_iter().find(|(n, _)| n == name);
            assert!(e.is_some() && e == d, "{name} is not the same in both");
        }
    }

    /// Danish text uses the en dash between clauses, never the English em dash.
    #[test]
    fn danish_messages_use_the_en_dash() {
        for (name, d) in fields(&DA) {
            assert!(!d.contains('—'), "{name}: {d}");
        }
    }

    #[test]
    fn counts_and_articles_in_both_languages() {
        assert_eq!(counted(0, Kind::Note, Language::Danish), "0 noter");
        assert_eq!(counted(1, Kind::Note, Language::Danish), "1 note");
        assert_eq!(counted(2, Kind::Cycle, Language::English), "2 cycles");
        assert_eq!(a_kind(Kind::Experiment, Language::English), "an experiment");
        assert_eq!(a_kind(Kind::Cycle, Language::Danish), "et forløb");
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
