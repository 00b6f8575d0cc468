//! Inputs that once crashed or hung a reader (found by the fuzz targets in
//! fuzz/ and the smoke run in fuzz_smoke.rs), kept so the fault cannot come
//! back. Each input is a byte-string literal or made by code; each test
//! says what failed and where. All must return an edition or an error.
use std::time::{Duration, Instant};

use resdiff::ingest::{self, ReadOptions};

/// Debug builds: generous, but far below what the faults took.
const LIMIT: Duration = Duration::from_secs(5);

/// Read through the sniffing entry point, in bounded time; never a panic.
fn read(bytes: &[u8]) -> Result<resdiff::Edition, ingest::IngestError> {
    let start = Instant::now();
    let r = ingest::read_bytes(bytes, "regression", &ReadOptions::default());
    assert!(start.elapsed() < LIMIT, "took {:?}", start.elapsed());
    r
}

/// html.rs `read_tag`: an attribute value without a name followed by a
/// multi-byte character sliced the string inside that character.
#[test]
fn html_nameless_attribute_before_multibyte_character() {
    let _ = read("<html><body><p><a=\"\"Σ</p></body></html>".as_bytes());
    let _ = ingest::html::parse("<a=\"\"Σ", "r", &ReadOptions::default());
    let _ = ingest::html::parse("<p =x\u{0101}>", "r", &ReadOptions::default());
}
