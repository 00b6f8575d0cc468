//! Fuzz the HTML reader on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resdiff::ingest::{html, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = html::parse(&s, "fuzz.html", &ReadOptions::default());
});
