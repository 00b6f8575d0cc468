//! Fuzz format sniffing, decoding and dispatch (`ingest::read_bytes`).
//!
//! Inputs that sniff as PDF are skipped: the PDF reader runs the external
//! `pdftotext`, which is not ours to fuzz and costs a process per input; the
//! text it produces is covered by the `text` target.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resdiff::ingest::{self, ReadOptions};

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"%PDF-") {
        return;
    }
    let _ = ingest::read_bytes(data, "fuzz.bin", &ReadOptions::default());
});
