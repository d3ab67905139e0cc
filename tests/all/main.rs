//! Every integration test in one binary: one link of the crate and its dependencies instead of
//! one per file, which is most of a fresh clone's test time. Each file is a module.

/// The parsers' checks, shared with the fuzz targets in tests/fuzz.
#[path = "../fuzz/checks.rs"]
mod checks;
mod cli;
mod common;
mod danish;
mod durability;
mod e2e;
mod exchange;
mod faults;
mod fuzz_regressions;
mod hostile;
mod prompts;
mod tui;
