//! The PDF reader on real Security Council drafts (../shared/corpus/unsc):
//! every PDF parses, and its units agree with the units of the same draft's
//! clean text (the `Content` of the matching JSON, read with the text
//! reader): same id and same text after white-space folding.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use resdiff::ingest::pdf::{self, Mode};
use resdiff::ingest::{read_path, text, ReadOptions};
use resdiff::model::{Edition, Organ, Part, SourceFormat};

/// Share of units, per draft and overall, that must agree once the known
/// differences below are set aside.
const MIN_AGREEMENT: f64 = 0.98;

/// Of the units that agree with white space removed, the share that also
/// agree word for word (white space folded to one space): pdftotext breaks
/// words where the PDF spaces letters apart ("securit y", "Somalia ’s"), and
/// the reader rejoins them (src/ingest/spacing.rs). Below 100% because of
/// words the PDF breaks everywhere they occur ("am munition") and spacing
/// faults of the clean texts themselves ("two ‑State", "( S/2021/839").
const MIN_WORD_AGREEMENT: f64 = 0.95;

/// The clean ends a paragraph with "." where the PDF has "," (the JSON
/// `Content` was taken from another version of the draft).
const PERIOD: &str = "the clean text ends the paragraph with '.' where the PDF has ','";
/// The clean text lost the end of the paragraph (a page end of its source).
const TRUNCATED: &str = "the clean text lost the end of this paragraph";

/// Units whose text differs between the PDF and its clean text because the
/// clean text (the JSON `Content`) differs from the PDF, not because of the
/// reader. `OP6*` means OP6 and its sub-items. Each listed unit must still
/// differ (the test fails otherwise, so the list stays true).
const EXCEPTIONS: &[(&str, &[&str], &str)] = &[
    ("S-2016-1100", &["PP8"], PERIOD),
    ("S-2017-77", &["PP21"], PERIOD),
    ("S-2018-1021", &["PP14"], "the clean text has 'human rights. concerted' for the PDF's 'human rights, and through concerted'"),
    ("S-2018-221", &["PP12"], PERIOD),
    ("S-2018-221", &["OP6*", "OP7*"], "the clean text lost the number '7.' of operative paragraph 7, which runs into OP6"),
    ("S-2018-221", &["OP19"], TRUNCATED),
    ("S-2018-693", &["PP8", "PP16"], PERIOD),
    ("S-2018-693", &["OP13(a)"], TRUNCATED),
    ("S-2018-693", &["OP35*", "OP36", "OP37", "OP38*", "OP39", "OP40"], "the clean text lost the text from OP35 to OP38(a)"),
    ("S-2018-693", &["OP54"], "the clean text has a stray '.' after 'Tripartite mechanism'"),
    ("S-2018-693", &["OP56(iv)"], "the clean text has 'UNAMID’s' where the PDF has 'UNAMIDs'"),
    ("S-2019-179", &["PP5"], "the clean text has 'activity.' where the PDF has 'activity,'"),
    ("S-2019-179", &["OP8"], "the clean text misspells 'invigorate' as 'ivigorate'"),
    ("S-2019-266", &["PP6", "OP4"], TRUNCATED),
    ("S-2020-445", &["PP7", "PP17"], PERIOD),
    ("S-2020-445", &["OP15"], "the clean text spells 'finalize' where the PDF has 'finalise'"),
    ("S-2021-1075", &["PP14"], PERIOD),
    ("S-2022-158", &["PP18", "PP30"], PERIOD),
    ("S-2022-158", &["PP9"], "the clean text has 'risk. underscoring' for the PDF's 'risk, and underscoring'"),
    ("S-2022-158", &["OP24"], "the clean text runs the annex into OP24 without the 'Annex' heading"),
    ("S-2023-427", &["PP17"], PERIOD),
    ("S-2024-302", &["PP6"], PERIOD),
    ("S-2024-302", &["OP5"], "the clean text has a stray '.' after 'sustainable development'"),
    ("S-2024-400", &["PP3"], "the clean text has 'titled' where the PDF has 'entitled'"),
    ("S-2024-400", &["PP19"], PERIOD),
    ("S-2024-835", &["PP6"], PERIOD),
];

fn excepted(draft: &str, id: &str) -> bool {
    EXCEPTIONS
        .iter()
        .filter(|(d, _, _)| *d == draft)
        .any(|(_, ids, _)| {
            ids.iter().any(|pat| match pat.strip_suffix('*') {
                Some(top) => {
                    id == top
                        || id
                            .strip_prefix(top)
                            .is_some_and(|rest| rest.starts_with('('))
                }
                None => id == *pat,
            })
        })
}

fn drafts() -> Vec<PathBuf> {
    let dir = common::corpus("unsc");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("unsc corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    v.sort();
    assert!(
        v.len() >= 20,
        "expected the UNSC drafts in {}",
        dir.display()
    );
    v
}

fn clean_text_edition(pdf: &Path) -> Edition {
    let json_path = pdf.with_extension("json");
    let raw = std::fs::read_to_string(&json_path).expect("json beside the pdf");
    let v: serde_json::Value = serde_json::from_str(&raw).expect("json");
    let content = v["Content"].as_str().expect("Content");
    text::parse(
        content,
        &json_path.display().to_string(),
        SourceFormat::Text,
        &ReadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", json_path.display()))
}

/// White space folded away entirely: pdftotext splits words where the PDF
/// kerns them apart ("Presid en t", "children ,"), which the clean text
/// does not, so runs of white space are folded to nothing, not to one space.
fn fold(s: &str) -> String {
    s.split_whitespace().collect()
}

/// White space folded to one space: the words as a reader (and the word
/// diff) sees them.
fn fold_words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Units (by id) whose folded texts agree, and the size of the id union.
fn agreement(a: &Edition, b: &Edition) -> (usize, usize, Vec<String>) {
    agreement_by(a, b, fold)
}

/// The same, with a chosen folding.
fn agreement_by(a: &Edition, b: &Edition, fold: fn(&str) -> String) -> (usize, usize, Vec<String>) {
    let ma: BTreeMap<String, String> = a
        .units
        .iter()
        .map(|u| (u.id.to_string(), fold(&u.text)))
        .collect();
    let mb: BTreeMap<String, String> = b
        .units
        .iter()
        .map(|u| (u.id.to_string(), fold(&u.text)))
        .collect();
    let mut ids: Vec<&String> = ma.keys().chain(mb.keys()).collect();
    ids.sort();
    ids.dedup();
    let mut same = 0;
    let mut differ = Vec::new();
    for id in &ids {
        if ma.contains_key(*id) && ma.get(*id) == mb.get(*id) {
            same += 1;
        } else {
            differ.push((*id).clone());
        }
    }
    (same, ids.len(), differ)
}

#[test]
fn every_unsc_pdf_parses_and_agrees_with_its_clean_text() {
    let (mut raw_same, mut raw_total, mut same_all, mut total_all) = (0, 0, 0, 0);
    let mut word_same = 0;
    let mut failures = Vec::new();
    for path in drafts() {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let draft = name.trim_end_matches(".en.pdf").to_string();
        let ed = read_path(&path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ed.format, SourceFormat::Pdf);
        assert!(
            ed.facts
                .symbol
                .as_deref()
                .is_some_and(|s| s.starts_with("S/")),
            "{name}: symbol {:?}",
            ed.facts.symbol
        );
        assert_eq!(ed.facts.organ, Some(Organ::Sc), "{name}");
        assert_eq!(
            ed.facts.draft, ed.facts.symbol,
            "{name}: a draft is its own draft symbol"
        );
        for u in ed
            .units
            .iter()
            .filter(|u| u.text.starts_with("Acting under"))
        {
            assert_eq!(
                u.id.part,
                Part::Preamble,
                "{name}: {} is an 'Acting under' paragraph",
                u.id
            );
        }
        let clean = clean_text_edition(&path);
        let (same, n, differ) = agreement(&ed, &clean);
        let (wsame, _, _) = agreement_by(&ed, &clean, fold_words);
        word_same += wsame;
        raw_same += same;
        raw_total += n;
        let (known, unknown): (Vec<String>, Vec<String>) =
            differ.into_iter().partition(|id| excepted(&draft, id));
        let counted = n - known.len();
        same_all += same;
        total_all += counted;
        let share = same as f64 / counted.max(1) as f64;
        println!(
            "{draft:12} {same:3}/{n:3} units agree ({:5.1}%); {} known differences of the clean text; {:5.1}% of the rest; differing: {}",
            same as f64 / n.max(1) as f64 * 100.0,
            known.len(),
            share * 100.0,
            unknown.join(" ")
        );
        if share < MIN_AGREEMENT {
            failures.push(format!(
                "{draft}: {same}/{counted} units agree ({:.1}%), differing {unknown:?}",
                share * 100.0
            ));
        }
    }
    // A listed unit that now agrees means the list is out of date.
    for (draft, ids, _) in EXCEPTIONS {
        for id in ids.iter().filter(|i| !i.ends_with('*')) {
            let path = common::corpus(&format!("unsc/{draft}.en.pdf"));
            let ed = read_path(&path, &ReadOptions::default()).expect("parses");
            let clean = clean_text_edition(&path);
            let (_, _, differ) = agreement(&ed, &clean);
            assert!(
                differ.contains(&id.to_string()),
                "{draft} {id} agrees now: remove it from EXCEPTIONS"
            );
        }
    }
    let overall = same_all as f64 / total_all.max(1) as f64;
    println!(
        "all drafts: {raw_same}/{raw_total} units agree ({:.1}%); {:.1}% without the known differences",
        raw_same as f64 / raw_total.max(1) as f64 * 100.0,
        overall * 100.0
    );
    let words = word_same as f64 / raw_same.max(1) as f64;
    println!(
        "word for word (white space folded to one space, not removed): {word_same} of those {raw_same} units ({:.1}%)",
        words * 100.0
    );
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(overall >= MIN_AGREEMENT, "overall agreement {overall}");
    assert!(
        words >= MIN_WORD_AGREEMENT,
        "word-for-word agreement {words:.3} < {MIN_WORD_AGREEMENT}: words broken by the extraction are not rejoined"
    );
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
            match pdf::parse_with(
                &bytes,
                &path.display().to_string(),
                &ReadOptions::default(),
                mode,
            ) {
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
