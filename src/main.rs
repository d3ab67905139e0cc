//! The `praxis` binary: parse the command line, run it, report errors on stderr.

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Parser;

use praxis::cli::{self, Cli, CliError, Context};
use praxis::clock::{Clock, FixedClock, SystemClock};
use praxis::text::{Visible, visible};
use std::io::Write;

fn main() -> ExitCode {
    praxis::safe_fs::make_new_files_private();
    let cli = Cli::parse();
    let Some(dir) = cli.journal.clone().or_else(cli::default_journal_dir) else {
        eprintln!("praxis: cannot find your data folder: give one with --journal DIR");
        return ExitCode::FAILURE;
    };
    let clock: Box<dyn Clock> = match std::env::var("PRAXIS_NOW") {
        Ok(text) => match DateTime::parse_from_rfc3339(&text) {
            Ok(t) => Box::new(FixedClock(t.with_timezone(&Utc))),
            Err(e) => {
                eprintln!("praxis: PRAXIS_NOW '{text}' is not an RFC 3339 time ({e}); unset it");
                return ExitCode::FAILURE;
            }
        },
        Err(_) => Box::new(SystemClock),
    };
    // Everything printed goes through one escape, since much of it came from another journal
    // or a file: a peer's name or title must not retitle, clear or take over the terminal.
    // Buffered: a long export or list is written in large pieces, not a write per line
    // (questions flush it before they wait for an answer).
    let mut out = Visible::new(std::io::BufWriter::with_capacity(
        64 * 1024,
        std::io::stdout().lock(),
    ));
    let mut err = Visible::new(std::io::stderr());
    let mut ctx = Context {
        dir,
        clock: clock.as_ref(),
        lang: None,
        config: None,
        out: &mut out,
        err: &mut err,
        spoken: None,
    };
    let result = cli::run(cli, &mut ctx);
    let said = result.as_ref().err().map(|e| ctx.error_text(e));
    let result = result.and_then(|()| {
        out.flush()?;
        Ok(())
    });
    let _ = err.flush();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of a pipe (`praxis list | head`) went away: not an error.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        // `praxis due` found something due: said on stdout already, the status tells scripts.
        Err(CliError::SomethingDue) => ExitCode::from(1),
        Err(e) => {
            let _ = out.flush();
            let text = said.unwrap_or_else(|| e.to_string());
            eprintln!(
                "{}",
                fit_to_terminal(&format!("praxis: {}", visible(&text)))
            );
            ExitCode::FAILURE
        }
    }
}

/// `text` broken at spaces to fit the terminal, when standard error is one: the terminal would
/// cut a long message anywhere, in the middle of a word or an id.
fn fit_to_terminal(text: &str) -> String {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return text.to_string();
    }
    match crossterm::terminal::size() {
        Ok((cols, _)) if cols >= 20 => {
            // First fit: each line as full as it goes, as a terminal user reads a message
            // (`praxis::width::wrap` balances a paragraph's lines instead, for the app).
            let options = textwrap::Options::new(usize::from(cols))
                .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
            textwrap::fill(text, options)
        }
        _ => text.to_string(),
    }
}
