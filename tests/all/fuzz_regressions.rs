//! Replays the fuzz targets' seed inputs and every input a fuzzer ever found a problem with
//! (`tests/fuzz/regressions/<target>/`) through the same checks the fuzz targets make
//! (`tests/fuzz/checks.rs`). The long fuzz runs are `tests/fuzz/run`, not part of the suite.

use crate::checks;

use std::path::{Path, PathBuf};

fn inputs(dirs: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).into_iter().flatten())
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".gitkeep"))
        .collect();
    files.sort();
    files
}

fn replay(dirs: &[&str], check: impl Fn(&[u8])) {
    let files = inputs(dirs);
    assert!(!files.is_empty(), "no inputs in {dirs:?}");
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&data)));
        assert!(outcome.is_ok(), "{} fails its check", file.display());
    }
}

#[test]
fn exchange_reader_inputs() {
    replay(
        &[
            "tests/fuzz/seeds/exchange",
            "tests/fuzz/regressions/exchange",
        ],
        checks::exchange_read,
    );
}

#[test]
fn import_inputs() {
    let dir = tempfile::TempDir::new().unwrap();
    replay(
        &[
            "tests/fuzz/seeds/exchange",
            "tests/fixtures",
            "tests/fuzz/regressions/import",
        ],
        |data| checks::import(&dir.path().join("journal"), data),
    );
}

#[test]
fn prompt_file_inputs() {
    replay(
        &[
            "prompts",
            "tests/fuzz/seeds/prompt_file",
            "tests/fuzz/regressions/prompt_file",
        ],
        checks::prompt_file,
    );
}
