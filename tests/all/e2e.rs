//! The real binary in a pseudo-terminal: first start, a check-in typed key by key, quit; the
//! record is there for `praxis list --json`, and the terminal is given back — after a quit and
//! after a panic.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Tty {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Tty {
    fn start(journal: &Path, extra_env: &[(&str, &str)]) -> Tty {
        Tty::start_with(journal, &[], extra_env)
    }

    fn start_with(journal: &Path, args: &[&str], extra_env: &[(&str, &str)]) -> Tty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_praxis"));
        cmd.args(args);
        cmd.env("PRAXIS_JOURNAL", journal);
        cmd.env("PRAXIS_CONFIG", journal.with_extension("config"));
        cmd.env("PRAXIS_NOW", "2026-11-23T15:00:00Z");
        cmd.env("TZ", "UTC");
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("USER", "");
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            24.try_into().unwrap(),
            80.try_into().unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        // Keep the master open for the child's lifetime.
        std::mem::forget(pty.master);
        Tty {
            parser,
            raw,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !self.screen().contains(text) {
            assert!(
                Instant::now() < deadline,
                "waited for {text:?}; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "praxis did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal is usable again: main screen, cursor shown, raw mode and the alternate
    /// screen left (the escape sequences that leave them were written last).
    fn assert_restored(&self) {
        let parser = self.parser.lock().unwrap();
        assert!(
            !parser.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!parser.screen().hide_cursor(), "cursor still hidden");
        let raw = String::from_utf8_lossy(&self.raw.lock().unwrap()).to_string();
        let entered = raw
            .rfind("\x1b[?1049h")
            .expect("entered the alternate screen");
        let left = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
        assert!(left > entered);
    }
}

const ESC: &str = "\x1b";
const TAB: &str = "\t";

/// Runs praxis (without a terminal) on `journal`, expects success, returns its output.
fn praxis_ok(journal: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .args(args)
        .env("PRAXIS_JOURNAL", journal)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn list_json(journal: &Path) -> serde_json::Value {
    serde_json::from_str(&praxis_ok(journal, &["list", "--json"])).unwrap()
}

#[test]
fn first_start_a_check_in_and_quit_leave_the_record_and_a_usable_terminal() {
    let dir = tempfile::TempDir::new().unwrap();
    let journal = dir.path().join("journal");
    let mut tty = Tty::start(&journal, &[]);
    tty.wait_for("Your name");
    // No login name to suggest: Enter on the empty field asks again, visibly.
    tty.send("\r");
    tty.wait_for("A name is needed");
    tty.send("Anna Jensen");
    tty.send("\r");
    tty.wait_for("praxis guides you");
    tty.send(" ");
    tty.wait_for("not done yet");
    tty.send("c");
    tty.wait_for("1 of 4");
    tty.send("Met three relatives at the day centre.");
    tty.send(TAB);
    tty.wait_for("2 of 4");
    tty.send("They had ideas.");
    tty.send(TAB);
    tty.send("4");
    tty.send(TAB);
    tty.send("Ask them to run the café.");
    tty.send(TAB);
    tty.wait_for("Look over your answers");
    tty.send("\x13"); // Ctrl-s
    tty.wait_for("done today");
    tty.send("q");
    let status = tty.wait_exit();
    assert!(status.success(), "{status:?}");
    tty.assert_restored();

    let records = list_json(&journal);
    let records = records.as_array().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["set"], "daily-checkin");
    assert_eq!(
        records[0]["answers"][0]["value"]["value"],
        "Met three relatives at the day centre."
    );
}

#[test]
fn a_panic_gives_the_terminal_back_and_keeps_the_draft() {
    let dir = tempfile::TempDir::new().unwrap();
    let journal = dir.path().join("journal");
    let init = std::process::Command::new(env!("CARGO_BIN_EXE_praxis"))
        .args(["init", "--name", "Anna", "--lang", "en"])
        .env("PRAXIS_JOURNAL", &journal)
        .output()
        .unwrap();
    assert!(init.status.success());
    let mut tty = Tty::start(&journal, &[("PRAXIS_TEST_PANIC_KEY", "1")]);
    tty.wait_for("not done yet");
    tty.send("c");
    tty.wait_for("1 of 4");
    tty.send("Words typed before the crash");
    tty.send("\x1b[24~"); // F12
    let status = tty.wait_exit();
    assert!(!status.success());
    tty.assert_restored();

    // The draft is offered at the next start, with the words typed.
    let mut tty = Tty::start(&journal, &[]);
    tty.wait_for("Unfinished: Daily check-in");
    tty.send("r");
    tty.wait_for("Words typed before the crash");
    tty.send(ESC);
    tty.wait_for("Your answers are kept as a draft");
    tty.send("q");
    assert!(tty.wait_exit().success());
    tty.assert_restored();
}

#[test]
fn a_mentor_reviews_in_the_app_and_the_comments_file_is_written_on_quit() {
    let dir = tempfile::TempDir::new().unwrap();
    let anna = dir.path().join("anna");
    let run = |args: &[&str]| praxis_ok(&anna, args);
    run(&["init", "--name", "Anna", "--lang", "en"]);
    let id = run(&[
        "add",
        "note",
        "--title",
        "Council hearing",
        "--visibility",
        "mentor",
    ]);
    let export = dir.path().join("for-mette.json");
    run(&["export", "--for", "mentor", "-o", export.to_str().unwrap()]);

    let mette = dir.path().join("mette");
    let mut tty = Tty::start_with(
        &mette,
        &["review", export.to_str().unwrap(), "--name", "Mette"],
        &[],
    );
    tty.wait_for("Shared with me");
    tty.wait_for("│Anna ");
    tty.wait_for("Council hearing");
    tty.send("\r");
    tty.wait_for("from Anna");
    tty.send("c");
    // Before saving, the box says where the comment will go.
    tty.wait_for("Your comment, for Anna in your comments file");
    tty.send("Ask the relatives before the next hearing.");
    tty.send("\x13"); // Ctrl-s saves; Enter makes a new line
    tty.wait_for("Mette ·");
    tty.send("q");
    tty.send("q");
    tty.send("q");
    assert!(tty.wait_exit().success());
    tty.assert_restored();
    let comments = export.with_extension("comments.json");
    assert!(comments.exists(), "the comments file is written on quit");
    run(&["import", comments.to_str().unwrap()]);
    let shown = run(&["show", id.trim()]);
    assert!(
        shown.contains("Mette") && shown.contains("Ask the relatives before the next hearing."),
        "{shown}"
    );
}

#[test]
fn the_demo_opens_a_believable_journal_and_leaves_nothing_behind() {
    let dir = tempfile::TempDir::new().unwrap();
    let own = dir.path().join("own-journal");
    let mut tty = Tty::start_with(&own, &["demo"], &[]);
    let pid = tty.child.process_id().unwrap();
    tty.wait_for("Anna (demo)");
    // It opens on what the demo is and three keys to try; a key goes on to home.
    tty.wait_for("This is a demo: five weeks of Anna's journal");
    tty.wait_for("the timeline: everything Anna wrote");
    tty.send(" ");
    tty.wait_for("Experiments to look back on");
    tty.send("?");
    tty.wait_for("Keys");
    tty.send(" ");
    tty.wait_for("Active cycles");
    tty.send("t");
    tty.wait_for("Check-in: the rota came in");
    tty.send("\x1b");
    tty.send("p");
    tty.wait_for("│Bo (network) ");
    tty.wait_for("Residents host the budget evening");
    tty.send("q");
    tty.send("q");
    assert!(tty.wait_exit().success());
    tty.assert_restored();
    let demo_dir = std::env::temp_dir().join(format!("praxis-demo-{pid}"));
    assert!(!demo_dir.exists(), "the demo journal is removed");
    assert!(!own.exists(), "the user's own journal is not touched");
}

#[test]
fn a_mentor_with_a_journal_reviews_in_it_and_the_next_export_opens_where_they_left_off() {
    let dir = tempfile::TempDir::new().unwrap();
    let anna = dir.path().join("anna");
    let mette = dir.path().join("mette");
    praxis_ok(&anna, &["init", "--name", "Anna", "--lang", "en"]);
    praxis_ok(&mette, &["init", "--name", "Mette", "--lang", "en"]);
    let id = praxis_ok(
        &anna,
        &[
            "add",
            "note",
            "--title",
            "Council hearing",
            "--visibility",
            "mentor",
        ],
    );
    let export = dir.path().join("for-mette.json");
    praxis_ok(
        &anna,
        &["export", "--for", "mentor", "-o", export.to_str().unwrap()],
    );
    let mut tty = Tty::start_with(&mette, &["review", export.to_str().unwrap()], &[]);
    tty.wait_for("│Anna ");
    tty.wait_for("Council hearing");
    tty.send("\r");
    tty.wait_for("from Anna");
    tty.send("c");
    tty.wait_for("Your comment, for Anna");
    tty.send("Who else was in the room?");
    tty.send("\x13"); // Ctrl-s saves; Enter makes a new line
    tty.wait_for("Mette ·");
    for _ in 0..3 {
        tty.send("q");
    }
    assert!(tty.wait_exit().success());
    // The review happened in Mette's own journal: Anna's record and the comment are kept there.
    assert!(
        !export.with_extension("review").exists(),
        "no separate review journal"
    );
    let peers = praxis_ok(&mette, &["list", "--peers"]);
    assert!(peers.contains("Council hearing"), "{peers}");
    let shown = praxis_ok(&mette, &["show", id.trim()]);
    assert!(shown.contains("Who else was in the room?"), "{shown}");
    // The comments file carries it back.
    let comments = export.with_extension("comments.json");
    praxis_ok(&anna, &["import", comments.to_str().unwrap()]);
    assert!(praxis_ok(&anna, &["show", id.trim()]).contains("Who else was in the room?"));
    // Anna's next export opens in Mette's journal with her earlier comment still there.
    praxis_ok(
        &anna,
        &[
            "add",
            "note",
            "--title",
            "Second hearing",
            "--visibility",
            "mentor",
        ],
    );
    praxis_ok(
        &anna,
        &["export", "--for", "mentor", "-o", export.to_str().unwrap()],
    );
    let mut tty = Tty::start_with(&mette, &["review", export.to_str().unwrap()], &[]);
    tty.wait_for("│Anna ");
    tty.wait_for("Second hearing");
    tty.send("q");
    tty.send("q");
    assert!(tty.wait_exit().success());
    let shown = praxis_ok(&mette, &["show", id.trim()]);
    assert!(shown.contains("Who else was in the room?"), "{shown}");
}

/// The screen's text as one line: each row without its borders and indentation, joined by a
/// space, so a sentence wrapped over two rows reads as one.
fn flowing(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.trim().trim_matches('│').trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_long_answer_is_written_saved_and_read_back_to_its_last_sentence() {
    let dir = tempfile::TempDir::new().unwrap();
    let journal = dir.path().join("journal");
    praxis_ok(&journal, &["init", "--name", "Anna", "--lang", "en"]);
    let mut tty = Tty::start(&journal, &[]);
    tty.wait_for("not done yet");
    tty.send("c");
    tty.wait_for("1 of 4");
    let mut answer = String::new();
    let mut n = 1;
    while answer.len() < 560 {
        answer.push_str(&format!(
            "Sentence {n} of the morning at the day centre, with relatives. "
        ));
        n += 1;
    }
    answer.push_str("The last sentence says the café opens in May.");
    assert!(answer.len() >= 600, "{}", answer.len());
    tty.send("Met the relatives.");
    tty.send(TAB);
    tty.wait_for("2 of 4");
    tty.send("They had ideas.");
    tty.send(TAB);
    tty.send("4");
    tty.send(TAB);
    tty.wait_for("4 of 4");
    tty.send(&answer);
    tty.send(TAB);
    tty.wait_for("Look over your answers");
    tty.send("\x13"); // Ctrl-s
    tty.wait_for("done today");
    tty.send("t");
    tty.wait_for("Timeline");
    tty.send("\r");
    tty.wait_for("1–19 of"); // the record's scroll position
    assert!(
        !flowing(&tty.screen()).contains("café opens in May"),
        "{}",
        tty.screen()
    );
    tty.send("\x1b[F"); // End
    let deadline = Instant::now() + Duration::from_secs(30);
    while !flowing(&tty.screen()).contains("The last sentence says the café opens in May.") {
        assert!(Instant::now() < deadline, "{}", tty.screen());
        std::thread::sleep(Duration::from_millis(20));
    }
    // The wheel comes as arrow keys ("alternate scroll"): asked for on start, undone on quit.
    tty.send("q");
    tty.send("q");
    tty.send("q");
    assert!(tty.wait_exit().success());
    tty.assert_restored();
    let raw = String::from_utf8_lossy(&tty.raw.lock().unwrap()).to_string();
    let on = raw.find("\x1b[?1007h").expect("alternate scroll asked for");
    let off = raw.rfind("\x1b[?1007l").expect("and undone");
    assert!(on < off);
}

#[test]
fn a_paste_in_a_real_terminal_stays_in_the_answer() {
    let dir = tempfile::TempDir::new().unwrap();
    let journal = dir.path().join("journal");
    praxis_ok(&journal, &["init", "--name", "Anna", "--lang", "en"]);
    let mut tty = Tty::start(&journal, &[]);
    tty.wait_for("not done yet");
    tty.send("c");
    tty.wait_for("1 of 4");
    // As a terminal sends a paste once praxis asked for bracketed pastes.
    tty.send("\x1b[200~Kolonne1\tKolonne2\rværdi a\tværdi b\x1b[201~");
    tty.wait_for("Kolonne1    Kolonne2");
    tty.wait_for("værdi a    værdi b");
    assert!(tty.screen().contains("1 of 4"), "{}", tty.screen());
    tty.send("\x03"); // Ctrl-c
    assert!(tty.wait_exit().success());
    tty.assert_restored();
    let raw = String::from_utf8_lossy(&tty.raw.lock().unwrap()).to_string();
    assert!(raw.contains("\x1b[?2004h") && raw.contains("\x1b[?2004l"));
}

const DOWN: &str = "\x1b[B";
const CTRL_S: &str = "\x13";

/// Answers the plan-an-experiment flow's remaining questions from where it is, leaving those
/// already filled in as they are: `answers` by question number (1-based), then saves.
fn plan(tty: &mut Tty, answers: &[(usize, &str)]) {
    for n in 1..=7 {
        if let Some((_, text)) = answers.iter().find(|(i, _)| *i == n) {
            tty.send(text);
        }
        tty.send(TAB);
    }
    tty.wait_for("Look over your answers");
    tty.send(CTRL_S);
}

#[test]
fn one_whole_loop_in_the_app_from_plan_to_what_the_cycle_taught() {
    let dir = tempfile::TempDir::new().unwrap();
    let journal = dir.path().join("journal");
    praxis_ok(&journal, &["init", "--name", "Anna", "--lang", "en"]);
    praxis_ok(
        &journal,
        &[
            "cycle",
            "new",
            "--title",
            "Trust-based steering",
            "--question",
            "Where can I let go?",
        ],
    );
    let mut tty = Tty::start(&journal, &[]);
    tty.wait_for("phase: plan");
    // Plan, with the cycle highlighted.
    tty.send("e");
    tty.wait_for("1 of 7");
    plan(
        &mut tty,
        &[
            (1, "Let the night shift plan its own rota"),
            (3, "The night shift"),
            (4, "Fewer swaps"),
            (5, "Swap requests in the log"),
            (7, "+2w"),
        ],
    );
    tty.wait_for("phase: act");
    // Start it, from the cycle's record.
    tty.send("\r");
    tty.wait_for("Linked records");
    tty.send("\r");
    tty.wait_for("status: planned");
    tty.send("s");
    tty.wait_for("status: running");
    // Log the outcome: the review starts from the plan; the signal showed partly; adjust.
    tty.send("o");
    tty.wait_for("Your plan: Let the night shift plan its own rota");
    tty.send(TAB);
    tty.send("Swaps halved; two nurses took the lead");
    tty.send(TAB);
    tty.wait_for("Did the signal you chose in the plan show?");
    tty.send(DOWN);
    tty.send("\r");
    tty.send("They knew the constraints better than I did");
    tty.send(TAB);
    tty.send(TAB);
    tty.send("Try it on the day shift");
    tty.send(TAB);
    tty.wait_for("How would you sum up the experiment?");
    tty.send(DOWN);
    tty.send("\r");
    tty.wait_for("Look over your answers");
    tty.send(CTRL_S);
    // Adjust: the follow-up, filled in from the first and linked to it.
    tty.wait_for("You chose to adjust");
    tty.send("y");
    tty.wait_for("follows from “Let the night shift plan its own rota”");
    plan(&mut tty, &[(7, "+3w")]);
    tty.wait_for("followed by: Try it on the day shift");
    // Conclude the cycle: the open follow-up is named first.
    tty.send(ESC);
    tty.wait_for("status: active");
    tty.send("C");
    tty.wait_for("still open");
    tty.send("y");
    tty.wait_for("What have you learned about your question?");
    for answer in [
        "The people closest to the work plan it better",
        "Asking before deciding",
        "My team, at the staff day",
        "A cycle on the day shift",
    ] {
        tty.send(answer);
        tty.send(TAB);
    }
    tty.wait_for("Look over your answers");
    tty.send(CTRL_S);
    tty.wait_for("Concluded.");
    // What the cycle taught: the chain, v1 → v2.
    tty.send("S");
    tty.wait_for("What I learned: Trust-based steering");
    tty.wait_for("Let the night shift plan its own rota · done");
    tty.wait_for("↳ Try it on the day shift (v2) · planned");
    tty.wait_for("signal showed: partly");
    tty.send("q");
    tty.send("q");
    tty.send("q");
    let status = tty.wait_exit();
    assert!(status.success(), "{status:?}");
    tty.assert_restored();

    let records = list_json(&journal);
    let records = records.as_array().unwrap();
    let find = |title: &str| {
        records
            .iter()
            .find(|r| r["title"] == title)
            .unwrap_or_else(|| panic!("{title}: {records:#?}"))
    };
    let v1 = find("Let the night shift plan its own rota");
    let v2 = find("Try it on the day shift");
    assert_eq!(v2["from"], v1["id"], "{v2:#?}");
    assert_eq!(v1["signal_met"], "partly", "{v1:#?}");
    let cycle = find("Trust-based steering");
    assert_eq!(cycle["status"], "concluded", "{cycle:#?}");
}

#[test]
fn a_backup_made_after_a_write_says_so_on_a_terminal() {
    let dir = tempfile::TempDir::new().unwrap();
    let journal = dir.path().join("journal");
    praxis_ok(&journal, &["init", "--name", "Anna", "--lang", "en"]);
    // The first write of the day makes the day's backup; the line shows from the start here.
    let mut tty = Tty::start_with(
        &journal,
        &["add", "note", "--title", "First of the day"],
        &[("PRAXIS_PROGRESS_AFTER_MS", "0")],
    );
    assert!(tty.wait_exit().success());
    let raw = String::from_utf8_lossy(&tty.raw.lock().unwrap()).to_string();
    let shown = raw.find("Making today's backup…").expect("the line");
    let cleared = raw.rfind("\r\x1b[2K").expect("taken away");
    assert!(shown < cleared, "{raw:?}");
    assert!(journal.join("backups").read_dir().unwrap().next().is_some());
}

#[test]
fn an_error_on_a_terminal_is_broken_between_words() {
    let dir = tempfile::TempDir::new().unwrap();
    let journal = dir.path().join("journal");
    praxis_ok(&journal, &["init", "--name", "Anna", "--lang", "en"]);
    // 84 characters: the terminal alone would cut "more" after "mor".
    let mut tty = Tty::start_with(&journal, &["list", "--author", " "], &[]);
    assert!(!tty.wait_exit().success());
    let parser = tty.parser.lock().unwrap();
    let rows: Vec<String> = parser.screen().rows(0, 80).collect();
    let text = rows.join("\n");
    assert!(text.contains("--author needs a name"), "{text}");
    assert!(text.contains("(4 characters or\nmore)"), "{text}");
}
