//! The exchange reader (praxis exchange files, jrnl and tui-journal exports) on any bytes.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::exchange_read(data));
