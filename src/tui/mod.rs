//! The terminal app: `praxis` with no subcommand. A key goes event → keymap → action → update;
//! drawing only reads the state.

pub mod action;
pub mod app;
pub mod keymap;
pub mod onboarding;
pub mod scroll;
mod search_worker;
mod theme;
mod view;
pub mod words;

use std::io;
use std::path::Path;
use std::time::Duration;

use crossterm::event;
use ratatui::{DefaultTerminal, Frame};

pub use app::App;
use onboarding::{Onboarding, Outcome};
pub use theme::Theme;

use crate::clock::Clock;
use crate::journal::{JournalMeta, Language};
use crate::prompts::Library;
use crate::store::{Journal, StoreError};

impl App {
    /// Paints the app into a frame.
    pub fn draw(&self, frame: &mut Frame) {
        view::draw(self, frame);
    }
}

/// What the terminal app needs from the command line.
pub struct Start<'a> {
    /// The journal folder.
    pub dir: &'a Path,
    /// The clock.
    pub clock: Box<dyn Clock>,
    /// The language asked for, if any.
    pub lang: Option<Language>,
    /// The prompt library.
    pub library: Library,
    /// Suggested author name for a new journal.
    pub default_name: String,
    /// Suggested language for a new journal.
    pub default_language: Language,
    /// A mentor's review: open on the shared records, and on quit write the comments made to
    /// this file.
    pub review_out: Option<std::path::PathBuf>,
    /// The demo: open on its own orientation.
    pub demo: bool,
    /// In a review: whose records are reviewed (the comments file carries only the comments on
    /// theirs, in a mentor's journal that holds several mentees').
    pub review_of: Option<crate::record::JournalId>,
}

/// Runs the terminal app until the user quits. The journal is opened (and so locked) before the
/// terminal is touched, so refusals are plain messages.
pub fn run(start: Start<'_>) -> Result<(), StoreError> {
    let no_color = Theme::no_color_from_env();
    let now = start.clock.now();
    let opened = match Journal::open(start.dir) {
        Ok(j) => Some(j),
        Err(StoreError::NoJournal { .. }) => None,
        Err(e) => return Err(e),
    };
    let mut terminal = init();
    let result = (|| -> Result<Option<(Journal, chrono::NaiveDate)>, StoreError> {
        let (journal, first) = match opened {
            Some(j) => (j, false),
            None => {
                let lang = start.lang.unwrap_or(start.default_language);
                let mut onboarding = Onboarding::new(&start.default_name, lang, no_color);
                let Some((name, lang)) =
                    ask(&mut terminal, &mut onboarding).map_err(|e| io_error(start.dir, e))?
                else {
                    return Ok(None);
                };
                let meta = JournalMeta::new(name, lang, start.clock.now());
                (Journal::create(start.dir, meta)?, true)
            }
        };
        let review = start.review_out.is_some();
        let mut app = App::new(journal, start.library, start.clock, start.lang, no_color);
        if start.demo {
            app.show_demo_orientation();
        } else if first && !review {
            app.show_orientation();
        }
        if review {
            app.start_review(start.review_of);
        }
        event_loop(&mut terminal, &mut app).map_err(|e| io_error(start.dir, e))?;
        let today = app.today();
        Ok(Some((app.into_journal(), today)))
    })();
    restore();
    // The terminal is back and the app (with its search) gone before the closing work.
    let Some((journal, today)) = result? else {
        return Ok(());
    };
    match &start.review_out {
        Some(out) => write_review(&journal, out, start.review_of, now)?,
        None => {
            if let Err(e) = crate::backup::make_if_due(&journal, today, now) {
                eprintln!("praxis: {e}");
            }
        }
    }
    Ok(())
}

fn write_review(
    journal: &Journal,
    out: &Path,
    mentee: Option<crate::record::JournalId>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    let me = journal.meta();
    let on_mentees = |c: &crate::record::Comment| {
        mentee.is_none_or(|m| {
            journal
                .get_any(c.on)
                .ok()
                .flatten()
                .is_some_and(|r| r.author == m)
        })
    };
    let mine: Vec<_> = journal
        .all_comments()?
        .into_iter()
        .filter(|c| c.author == me.id && on_mentees(c))
        .collect();
    if mine.is_empty() {
        return Ok(());
    }
    let by = crate::backup::exporter_of(journal);
    let file = crate::exchange::comments_file(by, mine, now).signed_by(journal.identity());
    file.save(out).map_err(|e| io_error(out, e))
}

fn io_error(dir: &Path, source: io::Error) -> StoreError {
    StoreError::Io {
        action: "show",
        dir: dir.to_path_buf(),
        source,
    }
}

fn ask(
    terminal: &mut DefaultTerminal,
    onboarding: &mut Onboarding,
) -> io::Result<Option<(String, Language)>> {
    loop {
        terminal.draw(|f| onboarding.draw(f))?;
        if let event::Event::Key(key) = event::read()?
            && key.kind != event::KeyEventKind::Release
        {
            match onboarding.handle_key(key) {
                Outcome::Asking => {}
                Outcome::Done(name, lang) => return Ok(Some((name, lang))),
                Outcome::Cancelled => return Ok(None),
            }
        }
    }
}

/// The terminal in full-screen mode, with the mouse wheel sent as arrow keys ("alternate
/// scroll", which most terminals honour): the wheel scrolls, and selecting text to copy it
/// still works, as it would not with the mouse captured. Pastes come bracketed.
fn init() -> DefaultTerminal {
    let terminal = ratatui::init();
    let mut out = io::stdout();
    let _ = io::Write::write_all(&mut out, ALTERNATE_SCROLL_ON);
    // A paste arrives as one piece of text, so its tabs and line breaks stay text.
    let _ = crossterm::execute!(out, crossterm::event::EnableBracketedPaste);
    let _ = io::Write::flush(&mut out);
    terminal
}

fn restore() {
    let mut out = io::stdout();
    let _ = crossterm::execute!(out, crossterm::event::DisableBracketedPaste);
    let _ = io::Write::write_all(&mut out, ALTERNATE_SCROLL_OFF);
    let _ = io::Write::flush(&mut out);
    ratatui::restore();
}

const ALTERNATE_SCROLL_ON: &[u8] = b"\x1b[?1007h";
const ALTERNATE_SCROLL_OFF: &[u8] = b"\x1b[?1007l";

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    // The end-to-end tests prove the terminal is given back after a panic: with this set,
    // F12 panics on purpose.
    let panic_key = std::env::var_os("PRAXIS_TEST_PANIC_KEY").is_some();
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    loop {
        terminal.draw(|f| app.draw(f))?;
        if event::poll(Duration::from_millis(40))? {
            let ev = event::read()?;
            if panic_key && matches!(ev, event::Event::Key(k) if k.code == event::KeyCode::F(12)) {
                panic!("panic asked for by PRAXIS_TEST_PANIC_KEY");
            }
            app.handle_event(ev);
        }
        app.tick();
        if let Some(text) = app.take_editor_request() {
            restore();
            let editor = std::env::var("VISUAL")
                .or_else(|_| std::env::var("EDITOR"))
                .unwrap_or_else(|_| "vi".to_string());
            let result = external_editor(&text, app.journal().dir(), &editor);
            *terminal = init();
            terminal.clear()?;
            app.editor_done(result);
        }
        if app.should_quit() {
            return Ok(());
        }
    }
}

/// Opens `text` in `editor` ($VISUAL or $EDITOR, vi if neither is set) and returns what was
/// saved. The
/// file lives in the journal's private `editing/` folder under a random name (0600, created
/// exclusively), and is removed afterwards; a kill's leftover is removed when the journal is
/// next opened.
fn external_editor(text: &str, journal_dir: &Path, editor: &str) -> Result<String, String> {
    let folder = crate::store::editing_folder(journal_dir);
    crate::safe_fs::private_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut file = tempfile::Builder::new()
        .prefix("answer-")
        .suffix(".md")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(
            crate::safe_fs::FILE_MODE,
        ))
        .tempfile_in(&folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?;
    io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| e.to_string())?;
    let path = file.into_temp_path();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("praxis-editor")
        .arg(&path)
        .status();
    match status {
        Ok(s) if s.success() => std::fs::read_to_string(&path).map_err(|e| e.to_string()),
        Ok(s) => Err(format!(
            "{editor} ended with {s}; the answer was not changed"
        )),
        Err(e) => Err(format!("{editor}: {e}")),
    }
    // `path` is removed here, when it is dropped.
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_gets_a_private_file_under_a_random_name_that_is_gone_afterwards() {
        let dir = tempfile::TempDir::new().unwrap();
        let seen = dir.path().join("seen");
        // The "editor" notes the file's name and modes, plants a link beside it and edits.
        let editor = format!(
            "f() {{ stat -c '%n %a' \"$1\" \"$(dirname \"$1\")\" > {seen}; echo ' and more' >> \"$1\"; }}; f",
            seen = seen.display()
        );
        let edited = external_editor("draft", dir.path(), &editor).unwrap();
        assert_eq!(edited, "draft and more\n");
        let seen = std::fs::read_to_string(&seen).unwrap();
        let lines: Vec<&str> = seen.lines().collect();
        let (file, file_mode) = lines[0].rsplit_once(' ').unwrap();
        assert_eq!(file_mode, "600");
        assert!(lines[1].ends_with(" 700"), "{seen}");
        assert!(
            file.starts_with(
                &crate::store::editing_folder(dir.path())
                    .display()
                    .to_string()
            )
        );
        assert!(!std::path::Path::new(file).exists(), "removed after use");
        let again = dir.path().join("seen2");
        let editor = format!("f() {{ echo \"$1\" > {}; }}; f", again.display());
        external_editor("x", dir.path(), &editor).unwrap();
        assert_ne!(
            std::fs::read_to_string(again).unwrap().trim(),
            file,
            "a new name each time"
        );
    }
}
