//! Importing any bytes into a real journal, as `praxis import` does.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("praxis-fuzz-import-{}", std::process::id()));
    checks::import(&dir, data);
});
