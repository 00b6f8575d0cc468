//! The seed: the Arabic A/RES/76/186 as a PDF text extractor gave it
//! (../shared/corpus/seed/A-RES-76-186.ar.txt, copied to versions/ for the
//! binary test). Its letters are damaged, its structure must not be: the
//! expected paragraphs, sub-items and footnote citations are derived at test
//! time from the clean Arabic rendering of the same resolution in ../shared.
mod common;
use common::*;

use resdiff::ingest::rtl;

/// One paragraph of the clean rendering: its kind and the footnotes it cites.
#[derive(Debug, Clone, PartialEq)]
struct Para {
    /// `PP`, `OPn` or `(label)` for a sub-item.
    kind: String,
    footnotes: Vec<u32>,
}

/// Footnote numbers cited in a line, in order (`[^12]`).
fn markers(line: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("[^") {
        rest = &rest[i + 2..];
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if let Ok(n) = digits.parse() {
            out.push(n);
        }
    }
    out
}

/// Kind of a clean-text paragraph line.
fn kind(line: &str) -> String {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix('(') {
        if let Some(close) = rest.find(')') {
            if rest[..close].chars().count() == 1 {
                return format!("({})", &rest[..close]);
            }
        }
    }
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() && t[digits.len()..].trim_start().starts_with('-') {
        return format!("OP{digits}");
    }
    "PP".to_string()
}

/// The paragraphs of a clean text: the non-blank lines after the organ line
/// up to the closing lines ("الجلسة العامة …") or the footnotes.
fn paragraphs(clean: &str) -> Vec<Para> {
    let lines: Vec<&str> = clean.lines().collect();
    let organ = lines
        .iter()
        .position(|l| l.trim().trim_end_matches('،') == "إن الجمعية العامة")
        .expect("organ line in clean text");
    lines[organ + 1..]
        .iter()
        .map(|l| l.trim())
        .take_while(|l| !l.starts_with("الجلسة العامة") && *l != "Footnotes:")
        .filter(|l| !l.is_empty())
        .map(|l| Para {
            kind: kind(l),
            footnotes: markers(l),
        })
        .collect()
}

fn seed_text() -> String {
    std::fs::read_to_string(corpus("seed/A-RES-76-186.ar.txt")).expect("seed in ../shared")
}

fn fulltext() -> String {
    std::fs::read_to_string(corpus("fulltext/ar/A-RES-76-186.txt"))
        .expect("Arabic fulltext in ../shared")
}

#[test]
fn seed_is_recognised_as_an_rtl_extraction_and_clean_texts_are_not() {
    assert!(rtl::looks_like_rtl_extraction(&seed_text()));
    let dir = shared().join("corpus/fulltext");
    let mut checked = 0;
    for lang in ["ar", "en", "es", "fr", "ru", "zh"] {
        for entry in std::fs::read_dir(dir.join(lang)).expect("fulltext dir") {
            let path = entry.expect("dir entry").path();
            let text = std::fs::read_to_string(&path).expect("fulltext file");
            assert!(
                !rtl::looks_like_rtl_extraction(&text),
                "{} taken for an extraction",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 6, "only {checked} clean renderings found");
}

#[test]
fn to_logical_gives_the_paragraphs_and_citations_of_the_clean_text() {
    let (logical, warnings) = rtl::to_logical(&seed_text());
    let got = paragraphs(&logical);
    let want = paragraphs(&fulltext());
    assert_eq!(
        want.iter().filter(|p| p.kind == "PP").count(),
        43,
        "clean rendering changed?"
    );
    let kinds = |v: &[Para]| v.iter().map(|p| p.kind.clone()).collect::<Vec<_>>();
    assert_eq!(
        kinds(&got),
        kinds(&want),
        "paragraph sequence differs\n{logical}"
    );
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(
            g.footnotes,
            w.footnotes,
            "paragraph {} ({}) cites other footnotes",
            i + 1,
            w.kind
        );
    }
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("damaged Arabic PDF extraction")),
        "{warnings:?}"
    );
}

#[test]
fn to_logical_moves_all_22_footnote_bodies_out() {
    let (logical, _) = rtl::to_logical(&seed_text());
    let section: Vec<&str> = logical
        .lines()
        .skip_while(|l| *l != "Footnotes:")
        .skip(1)
        .collect();
    let numbers: Vec<u32> = section
        .iter()
        .filter_map(|l| l.strip_prefix("[^")?.split(']').next()?.parse().ok())
        .collect();
    assert_eq!(numbers, (1..=22).collect::<Vec<_>>(), "{logical}");
    // Footnotes whose text survives the extraction (Latin symbols) are intact.
    assert!(section.contains(&"[^5]: United Nations, Treaty Series, vol. 2225, No. 39574."));
    assert!(section.contains(&"[^16]: E/2002/68/Add.1."));
    assert!(section.contains(&"[^20]: A/76/144."));
}
