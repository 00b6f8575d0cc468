//! The Word .docx reader end to end: editions read from the shared corpus are
//! written as .docx by `render::docx` (in a temporary directory, never
//! committed) and read back; the units, their texts and the footnotes must
//! survive. Also: the binary reads a .docx.
mod common;
use common::*;

use resdiff::ingest::{read_bytes, read_path, ReadOptions};
use resdiff::model::{Edition, SourceFormat};
use resdiff::render::docx::docx_bytes;

/// Characters the text reader (which the .docx reader feeds) folds and the
/// AKN reader keeps: no-break and thin spaces, the no-break hyphen, soft
/// hyphens. An AKN edition and its .docx differ only in these.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{00AD}' | '\u{200B}' | '\u{FEFF}'))
        .map(|c| match c {
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{2002}' | '\u{2003}' => ' ',
            '\u{2011}' => '-',
            c => c,
        })
        .collect()
}

/// The structure a round trip must keep: ids, texts, footnote citations,
/// footnote numbers, texts and citing units.
fn assert_same_structure(a: &Edition, b: &Edition, what: &str) {
    assert!(!a.units.is_empty(), "{what}: the original has no units");
    let ids = |e: &Edition| e.units.iter().map(|u| u.id.to_string()).collect::<Vec<_>>();
    assert_eq!(ids(a), ids(b), "{what}: unit ids differ");
    for (x, y) in a.units.iter().zip(&b.units) {
        assert_eq!(fold(&x.text), y.text, "{what}: text of {} differs", x.id);
        assert_eq!(
            x.footnotes, y.footnotes,
            "{what}: footnotes cited by {} differ",
            x.id
        );
    }
    assert_eq!(
        a.footnotes.len(),
        b.footnotes.len(),
        "{what}: footnote counts differ"
    );
    for (x, y) in a.footnotes.iter().zip(&b.footnotes) {
        assert_eq!(
            (x.number, &x.unit),
            (y.number, &y.unit),
            "{what}: footnote {} moved",
            x.number
        );
        assert_eq!(
            fold(&x.text),
            y.text,
            "{what}: text of footnote {} differs",
            x.number
        );
    }
}

fn round_trip(path: &std::path::Path) {
    let opts = ReadOptions::default();
    let original = read_path(path, &opts).unwrap_or_else(|e| panic!("{e}"));
    let bytes = docx_bytes(&original).expect("write docx");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("edition.docx");
    std::fs::write(&file, &bytes).unwrap();
    let back = read_path(&file, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.format, SourceFormat::Docx);
    assert_eq!(back.language, original.language);
    assert_same_structure(&original, &back, &path.display().to_string());
}

#[test]
fn fulltext_round_trips_through_docx_in_six_languages() {
    for lang in ["ar", "en", "es", "fr", "ru", "zh"] {
        round_trip(&corpus(&format!("fulltext/{lang}/A-RES-76-186.txt")));
    }
}

#[test]
fn every_english_fulltext_round_trips() {
    for name in ["A-RES-74-176", "A-RES-78-228", "A-RES-80-228"] {
        round_trip(&corpus(&format!("fulltext/en/{name}.txt")));
    }
}

#[test]
fn every_akn_edition_round_trips_through_docx() {
    for lang in ["ar", "en", "es", "fr", "ru", "zh"] {
        let dir = corpus(&format!("akn/{lang}"));
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no AKN files in {}", dir.display());
        for f in &files {
            round_trip(f);
        }
    }
}

#[test]
fn docx_labels_come_from_word_numbering() {
    // The writer puts no label in the text: if the reader ignored
    // numbering.xml, operative paragraphs would not be found.
    let ed = read_path(
        &corpus("fulltext/en/A-RES-78-228.txt"),
        &ReadOptions::default(),
    )
    .unwrap();
    let bytes = docx_bytes(&ed).unwrap();
    let clean = resdiff::ingest::docx::to_clean_text(&bytes).unwrap();
    assert!(clean.text.lines().any(|l| l.starts_with("1. ")));
    let back = read_bytes(&bytes, "mem.docx", &ReadOptions::default()).unwrap();
    assert_eq!(
        back.paragraph_count(resdiff::model::Part::Operative),
        ed.paragraph_count(resdiff::model::Part::Operative)
    );
}

#[test]
fn binary_parses_a_docx() {
    let ed = read_path(
        &corpus("fulltext/es/A-RES-80-228.txt"),
        &ReadOptions::default(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("A-RES-80-228.es.docx");
    std::fs::write(&file, docx_bytes(&ed).unwrap()).unwrap();
    let out = resdiff()
        .args(["parse", "--format", "json"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let units = v["units"].as_array().expect("units array");
    assert_eq!(units.len(), ed.units.len());
    assert_eq!(units[0]["id"], "PP1");
}
