//! praxis: a terminal learning journal for public-sector leaders.
//!
//! The domain (records, queries, search, stats, the store) lives here and knows nothing of
//! terminals; the command line is in [`cli`].

pub mod backup;
pub mod carry;
pub mod cli;
pub mod clock;
pub mod cycle;
pub mod dates;
pub mod demo;
pub mod exchange;
pub mod filter;
pub mod flow;
pub mod generate;
pub mod home;
pub mod identity;
pub mod input;
pub mod journal;
pub mod pictures;
pub mod prompts;
pub mod query;
pub mod record;
pub mod rhythm;
pub mod safe_fs;
pub mod seal;
pub mod search;
pub mod searchable;
pub mod stats;
pub mod store;
pub mod summary;
pub mod text;
#[cfg(test)]
mod translations;
pub mod tui;
pub mod width;
