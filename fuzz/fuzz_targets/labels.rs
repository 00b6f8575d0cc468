//! Fuzz the numbering-label parsers on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resdiff::ingest::labels;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = labels::canonical_sub_label(&s);
    let _ = labels::parse_number(&s);
});
