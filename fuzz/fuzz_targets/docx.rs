//! Fuzz the DOCX reader.
//!
//! An input that starts like a zip archive is read as it is (damaged
//! archives). Any other input is split at NUL bytes into the XML parts of a
//! Word document (document, numbering, styles, footnotes), which are packed
//! into a valid archive first, so the fuzzer reaches the XML walk, automatic
//! numbering and footnotes instead of stopping at the zip checksum.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use resdiff::ingest::{docx, ReadOptions};

const PARTS: [&str; 4] = [
    "word/document.xml",
    "word/numbering.xml",
    "word/styles.xml",
    "word/footnotes.xml",
];

fn pack(data: &[u8]) -> Option<Vec<u8>> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, part) in PARTS.iter().zip(data.split(|&b| b == 0)) {
        z.start_file(*name, opts).ok()?;
        z.write_all(part).ok()?;
    }
    Some(z.finish().ok()?.into_inner())
}

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions::default();
    if data.starts_with(b"PK") {
        let _ = docx::parse(data, "fuzz.docx", &opts);
    } else if let Some(bytes) = pack(data) {
        let _ = docx::parse(&bytes, "fuzz.docx", &opts);
    }
});
