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

/// The seed and the AKN Arabic edition of the same resolution, both read by
/// the library.
fn editions() -> (resdiff::model::Edition, resdiff::model::Edition) {
    use resdiff::ingest::{read_path, ReadOptions};
    let opts = ReadOptions::default();
    let seed = read_path(&corpus("seed/A-RES-76-186.ar.txt"), &opts).expect("seed parses");
    let akn = read_path(&corpus("akn/ar/A-RES-76-186.xml"), &opts).expect("AKN parses");
    (seed, akn)
}

#[test]
fn seed_has_exactly_the_units_of_the_akn_edition() {
    let (seed, akn) = editions();
    assert_eq!(akn.paragraph_count(resdiff::model::Part::Preamble), 43);
    assert_eq!(akn.paragraph_count(resdiff::model::Part::Operative), 28);
    let ids = |e: &resdiff::model::Edition| {
        e.unit_ids()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&seed), ids(&akn));
    assert_eq!(seed.language, resdiff::model::Language::Ar);
}

#[test]
fn seed_footnotes_are_cited_by_the_same_units_as_in_akn() {
    let (seed, akn) = editions();
    assert_eq!(seed.footnotes.len(), 22);
    let places = |e: &resdiff::model::Edition| {
        e.footnotes
            .iter()
            .map(|f| (f.number, f.unit.as_ref().map(ToString::to_string)))
            .collect::<Vec<_>>()
    };
    assert_eq!(places(&seed), places(&akn));
    for f in &seed.footnotes {
        assert!(f.unit.is_some(), "footnote {} not attached", f.number);
    }
}

#[test]
fn seed_header_facts() {
    let (seed, _) = editions();
    let f = &seed.facts;
    assert_eq!(f.symbol.as_deref(), Some("A/RES/76/186"));
    assert_eq!(f.organ, Some(resdiff::model::Organ::Ga));
    assert_eq!(f.session, Some(76));
    assert_eq!(f.agenda_items, vec!["108".to_string()]);
    assert_eq!(f.adopted.as_deref(), Some("2021-12-16"));
    assert_eq!(f.report.as_deref(), Some("A/76/463"));
    assert_eq!(f.report_paragraph.as_deref(), Some("26"));
}

#[test]
fn seed_units_hold_no_links_separators_footnote_bodies_or_furniture() {
    let (seed, _) = editions();
    // Job number (21-19241), barcode (*2119241*), recycling note.
    let furniture = regex::Regex::new(r"\d{2}-\d{5}|\*\d{6,}\*|Please recycle|♲").expect("pattern");
    // A page mark "n/m" standing alone: page n of m, n <= m <= 30 (resolution
    // numbers such as 70/1 or 64/293 do not fit).
    let page_mark = regex::Regex::new(r"(?:^|\s)(\d{1,2})/(\d{1,2})(?:\s|$)").expect("pattern");
    let has_page_mark = |t: &str| {
        page_mark.captures_iter(t).any(|c| {
            let (n, m): (u32, u32) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
            n >= 1 && n <= m && m <= 30
        })
    };
    // Footnote bodies as the seed prints them: "(n)" without the inner space.
    let body_number = regex::Regex::new(r"(?:^|\s)\(\d{1,2}\)").expect("pattern");
    for u in &seed.units {
        let t = &u.text;
        assert!(
            !t.contains("http") && !t.contains("undocs"),
            "{}: link in {t}",
            u.id
        );
        assert!(!t.contains("___"), "{}: separator in {t}", u.id);
        assert!(!furniture.is_match(t), "{}: page furniture in {t}", u.id);
        assert!(!has_page_mark(t), "{}: page mark in {t}", u.id);
        assert!(!body_number.is_match(t), "{}: footnote number in {t}", u.id);
        assert!(!t.contains("[^"), "{}: marker left in the text {t}", u.id);
        for f in &seed.footnotes {
            // Footnote texts long enough to be unmistakable must not be in any unit.
            if f.text.chars().count() >= 12 {
                assert!(
                    !t.contains(&f.text),
                    "{}: body of footnote {} in {t}",
                    u.id,
                    f.number
                );
            }
        }
        for latin in [
            "Treaty Series",
            "E/2002/68/Add.1",
            "A/76/120",
            "A/76/263",
            "A/76/170",
            "A/76/144",
            "CTOC/COP",
        ] {
            assert!(!t.contains(latin), "{}: footnote text {latin} in {t}", u.id);
        }
    }
}

#[test]
fn binary_parses_the_seed_edition_shipped_in_the_store() {
    // The seed as `resdiff import` filed it in versions/ (canonical form).
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("versions/trafficking-coordination/A-RES-76-186.ar.txt");
    resdiff().arg("parse").arg(&seed).assert().success();
    let out = resdiff()
        .args(["parse", "--format", "json"])
        .arg(&seed)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON output");
    assert_eq!(v["schema"], "resdiff.edition/1");
    let units = v["units"].as_array().expect("units array");
    assert!(units.len() >= 71, "{} units", units.len());
    assert_eq!(v["facts"]["symbol"], "A/RES/76/186");
}

#[test]
fn damage_estimate_separates_the_seed_from_the_clean_text() {
    let clean = rtl::damage_share(&fulltext());
    let (logical, _) = rtl::to_logical(&seed_text());
    let damaged = rtl::damage_share(&logical);
    println!("damage estimate: clean {clean:.3}, seed {damaged:.3}");
    assert!(clean < 0.05, "clean Arabic scored {clean}");
    assert!(damaged > 0.15, "the seed scored only {damaged}");
}
