//! Fuzz the plain-text reader: any text, read as clean text or as a PDF
//! extraction, with the language detected or given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use resdiff::ingest::{text, ReadOptions};
use resdiff::{Language, SourceFormat};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    // The first byte picks the language option and the source format.
    let lang = match first % 8 {
        0 => Some(Language::Ar),
        1 => Some(Language::En),
        2 => Some(Language::Es),
        3 => Some(Language::Fr),
        4 => Some(Language::Ru),
        5 => Some(Language::Zh),
        _ => None,
    };
    let format = if first & 0x80 != 0 {
        SourceFormat::Pdf
    } else {
        SourceFormat::Text
    };
    let s = String::from_utf8_lossy(rest);
    let _ = text::parse(&s, "fuzz.txt", format, &ReadOptions { lang });
});
