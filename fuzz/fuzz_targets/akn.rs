//! Fuzz the Akoma Ntoso XML reader on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resdiff::ingest::{akn, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = akn::parse(&s, "fuzz.xml", &ReadOptions::default());
});
