//! The AKN reader over every English General Assembly resolution of
//! sessions 74–80 in ../shared/corpus/ga-akn/en/<session>/: each file parses
//! or fails with a specific message, and none panics.
mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use resdiff::ingest::{read_path, ReadOptions};
use resdiff::Part;

/// Number of English AKN files in the corpus (sessions 74–80).
const EXPECTED_FILES: usize = 2236;

/// Share of files that must parse into units. Measured: 2,235 of 2,236
/// (99.96 %); the one failure, A/RES/80/237, holds only two headings in its
/// body and fails with a specific NotAResolution message. The bound leaves
/// room for a few damaged downloads without hiding a regression.
const MIN_PARSED_SHARE: f64 = 0.99;

/// Share of files that must have both a preamble and an operative part.
/// Measured: 2,184 of 2,236 (97.7 %); 48 have an operative part only
/// (decisions and texts without preamble), 3 a preamble only.
const MIN_PP_AND_OP_SHARE: f64 = 0.95;

fn files() -> Vec<PathBuf> {
    let root = common::corpus("ga-akn/en");
    let mut out = Vec::new();
    let Ok(sessions) = std::fs::read_dir(&root) else {
        panic!("cannot list {}", root.display());
    };
    for s in sessions.flatten() {
        if !s.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(s.path())
            .expect("session folder")
            .flatten()
        {
            if f.path().extension().is_some_and(|e| e == "xml") {
                out.push(f.path());
            }
        }
    }
    out.sort();
    out
}

/// A failure message without the file name, line numbers and symbols, so
/// that failures of one kind count together.
fn bucket(msg: &str) -> String {
    let kind = msg.split_once(": ").map_or(msg, |(_, k)| k);
    let numbers = regex::Regex::new(r"\d+(?:(?:, |–)\d+)*").expect("valid regex");
    numbers.replace_all(kind, "N").chars().take(100).collect()
}

#[test]
fn every_english_ga_resolution_parses_or_fails_clearly() {
    let files = files();
    assert_eq!(files.len(), EXPECTED_FILES, "corpus size changed");
    let opts = ReadOptions::default();
    let mut with_pp_op = 0usize;
    let mut op_only = 0usize;
    let mut pp_only = 0usize;
    let mut with_warnings = 0usize;
    let mut failures: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut panics = Vec::new();
    let mut warnings: BTreeMap<String, usize> = BTreeMap::new();
    for f in &files {
        let r = std::panic::catch_unwind(|| read_path(f, &opts));
        match r {
            Err(_) => panics.push(f.display().to_string()),
            Ok(Err(e)) => {
                let msg = e.to_string();
                assert!(msg.len() > 30, "vague message for {}: {msg}", f.display());
                failures
                    .entry(bucket(&msg))
                    .or_default()
                    .push(f.display().to_string());
            }
            Ok(Ok(ed)) => {
                assert!(!ed.units.is_empty());
                for u in &ed.units {
                    assert!(
                        !u.text.contains("  "),
                        "{}: {} not folded",
                        f.display(),
                        u.id
                    );
                }
                let pp = ed.paragraph_count(Part::Preamble);
                let op = ed.paragraph_count(Part::Operative);
                match (pp > 0, op > 0) {
                    (true, true) => with_pp_op += 1,
                    (false, true) => op_only += 1,
                    _ => pp_only += 1,
                }
                if !ed.warnings.is_empty() {
                    with_warnings += 1;
                }
                for w in &ed.warnings {
                    *warnings.entry(bucket(w)).or_default() += 1;
                }
            }
        }
    }
    let failed: usize = failures.values().map(Vec::len).sum();
    let parsed = files.len() - failed - panics.len();
    println!("AKN GA corpus (en): {} files", files.len());
    println!("  parsed: {parsed} (preamble and operative part: {with_pp_op}; operative only: {op_only}; preamble only: {pp_only}; with warnings: {with_warnings})");
    println!("  failed: {failed}");
    for (msg, fs) in &failures {
        println!("    {} × {msg}  e.g. {}", fs.len(), fs[0]);
    }
    println!("  warnings by kind:");
    let mut ws: Vec<_> = warnings.into_iter().collect();
    ws.sort_by_key(|b| std::cmp::Reverse(b.1));
    for (w, n) in ws.iter().take(25) {
        println!("    {n} × {w}");
    }
    assert!(panics.is_empty(), "the reader panicked on {panics:?}");
    let share = parsed as f64 / files.len() as f64;
    assert!(
        share >= MIN_PARSED_SHARE,
        "only {parsed} of {} parse",
        files.len()
    );
    let full = with_pp_op as f64 / files.len() as f64;
    assert!(
        full >= MIN_PP_AND_OP_SHARE,
        "only {with_pp_op} have PP and OP"
    );
}
