//! Every integration test in one binary: one link of the crate and its dependencies instead of
//! one per file, which is most of a fresh clone's test time. Each file is a module.

mod cli;
mod common;
mod durability;
mod e2e;
mod exchange;
mod faults;
mod fuzz_regressions;
mod hostile;
mod prompts;
mod tui;
