//! The PDF reader on real Security Council drafts (../shared/corpus/unsc):
//! every PDF parses, and its units agree with the units of the same draft's
//! clean text (the `Content` of the matching JSON, read with the text
//! reader): same id and same text after white-space folding.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use resdiff::ingest::pdf::{self, Mode};
use resdiff::ingest::{read_path, text, ReadOptions};
use resdiff::model::{Edition, SourceFormat};

/// Agreement required over all units of all drafts.
const MIN_AGREEMENT: f64 = 0.98;

/// Drafts whose agreement is known to be below [`MIN_AGREEMENT`], with the
/// reason and the lowest agreement accepted.
const EXCEPTIONS: &[(&str, f64, &str)] = &[];

fn drafts() -> Vec<PathBuf> {
    let dir = common::corpus("unsc");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("unsc corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    v.sort();
    assert!(v.len() >= 20, "expected the UNSC drafts in {}", dir.display());
    v
}

fn clean_text_edition(pdf: &PathBuf) -> Edition {
    let json_path = pdf.with_extension("json");
    let raw = std::fs::read_to_string(&json_path).expect("json beside the pdf");
    let v: serde_json::Value = serde_json::from_str(&raw).expect("json");
    let content = v["Content"].as_str().expect("Content");
    text::parse(content, &json_path.display().to_string(), SourceFormat::Text, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", json_path.display()))
}

/// White space folded away entirely: pdftotext splits words where the PDF
/// kerns them apart ("Presid en t", "children ,"), which the clean text
/// does not, so runs of white space are folded to nothing, not to one space.
fn fold(s: &str) -> String {
    s.split_whitespace().collect()
}

/// Units (by id) whose folded texts agree, and the size of the id union.
fn agreement(a: &Edition, b: &Edition) -> (usize, usize, Vec<String>) {
    let ma: BTreeMap<String, String> = a.units.iter().map(|u| (u.id.to_string(), fold(&u.text))).collect();
    let mb: BTreeMap<String, String> = b.units.iter().map(|u| (u.id.to_string(), fold(&u.text))).collect();
    let mut ids: Vec<&String> = ma.keys().chain(mb.keys()).collect();
    ids.sort();
    ids.dedup();
    let mut same = 0;
    let mut differ = Vec::new();
    for id in &ids {
        if ma.get(*id).is_some() && ma.get(*id) == mb.get(*id) {
            same += 1;
        } else {
            differ.push((*id).clone());
        }
    }
    (same, ids.len(), differ)
}

#[test]
fn every_unsc_pdf_parses_and_agrees_with_its_clean_text() {
    let mut total_same = 0;
    let mut total = 0;
    let mut failures = Vec::new();
    for path in drafts() {
        let name = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        let ed = read_path(&path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ed.format, SourceFormat::Pdf);
        assert!(ed.facts.symbol.as_deref().is_some_and(|s| s.starts_with("S/")), "{name}: symbol {:?}", ed.facts.symbol);
        let clean = clean_text_edition(&path);
        let (same, n, differ) = agreement(&ed, &clean);
        total_same += same;
        total += n;
        let share = same as f64 / n.max(1) as f64;
        println!("{name:24} {same:3}/{n:3} = {:5.1}%  differing: {}", share * 100.0, differ.join(" "));
        let floor = EXCEPTIONS
            .iter()
            .find(|(f, _, _)| *f == name)
            .map_or(MIN_AGREEMENT, |(_, floor, _)| *floor);
        if share < floor {
            failures.push(format!("{name}: {same}/{n} units agree ({:.1}%), differing {differ:?}", share * 100.0));
        }
    }
    let overall = total_same as f64 / total.max(1) as f64;
    println!("overall {total_same}/{total} = {:.2}%", overall * 100.0);
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(overall >= MIN_AGREEMENT, "overall agreement {overall}");
}

/// Not a pass/fail test: prints how each pdftotext mode does, for the
/// choice documented in src/ingest/pdf.rs.
#[test]
fn compare_pdftotext_modes() {
    for mode in Mode::ALL {
        let (mut same, mut total, mut errors) = (0, 0, 0);
        for path in drafts() {
            let bytes = std::fs::read(&path).expect("pdf");
            let clean = clean_text_edition(&path);
            match pdf::parse_with(&bytes, &path.display().to_string(), &ReadOptions::default(), mode) {
                Ok(ed) => {
                    let (s, n, _) = agreement(&ed, &clean);
                    same += s;
                    total += n;
                }
                Err(_) => {
                    errors += 1;
                    total += clean.units.len();
                }
            }
        }
        println!(
            "pdftotext {:8}: {same}/{total} units agree ({:.1}%), {errors} files failed",
            mode.name(),
            same as f64 / total.max(1) as f64 * 100.0
        );
    }
}
