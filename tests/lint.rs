//! `resdiff lint`: the rules on real resolutions. The whole English GA
//! corpus (../shared/corpus/ga-akn/en) is linted and the rate of
//! error-level findings per resolution is measured against the target of
//! fewer than 1 per 20 resolutions (adopted texts are mostly clean), and the
//! curated opening-word lists are checked against the corpus's openings.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use resdiff::ingest::{read_path, ReadOptions};
use resdiff::review::verbs::{opening, Opening};
use resdiff::review::{lint, rules, Severity};
use resdiff::{Language, Part};

/// Error-level findings allowed per resolution (the target: < 1 per 20).
const MAX_ERRORS_PER_RESOLUTION: f64 = 1.0 / 20.0;

/// Share of top-level paragraphs whose opening the lists must recognise.
const MIN_OPENING_COVERAGE: f64 = 0.97;

fn corpus_files() -> Vec<PathBuf> {
    let root = common::corpus("ga-akn/en");
    let mut files = Vec::new();
    let mut dirs = vec![root];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d)
            .expect("corpus folder readable")
            .flatten()
        {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "xml") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// Every `SAMPLE_STEP`-th file of the corpus is linted in the quick test.
const SAMPLE_STEP: usize = 20;

/// The whole corpus: about 2 minutes in a debug build, so it runs in release
/// (`scripts/lint-corpus.sh`).
#[test]
#[ignore = "whole corpus; run in release with scripts/lint-corpus.sh"]
fn ga_corpus_error_rate_and_opening_coverage() {
    let files = corpus_files();
    assert_eq!(
        files.len(),
        2236,
        "the English GA corpus should hold 2,236 files"
    );
    measure(&files);
}

/// One file in twenty, in a debug build's time.
#[test]
fn ga_corpus_sample_error_rate() {
    let files: Vec<PathBuf> = corpus_files().into_iter().step_by(SAMPLE_STEP).collect();
    assert!(files.len() > 100);
    measure(&files);
}

fn measure(files: &[PathBuf]) {
    let started = Instant::now();
    let opts = ReadOptions {
        lang: Some(Language::En),
    };
    let mut read = 0usize;
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut by_rule: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    let (mut pp, mut pp_known, mut op, mut op_known) = (0usize, 0usize, 0usize, 0usize);
    let mut unknown_openings: BTreeMap<String, usize> = BTreeMap::new();
    for f in files {
        let Ok(ed) = read_path(f, &opts) else {
            continue;
        };
        read += 1;
        for x in lint(&ed) {
            *by_rule.entry((x.severity.to_string(), x.rule)).or_default() += 1;
            if x.severity == Severity::Error {
                let name = f
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                let unit = x.unit.as_ref().map_or("-".to_string(), |u| u.to_string());
                errors.push((name, format!("{unit} {}: {}", x.rule, x.message)));
            }
        }
        for u in ed
            .units
            .iter()
            .filter(|u| u.id.sub.is_empty() && !u.text.is_empty())
        {
            let o = opening(Language::En, &u.text);
            let first: String = u.text.split_whitespace().next().unwrap_or("").to_string();
            match u.id.part {
                Part::Preamble => {
                    pp += 1;
                    if o == Opening::Preambular {
                        pp_known += 1;
                    } else {
                        *unknown_openings.entry(format!("PP {first}")).or_default() += 1;
                    }
                }
                Part::Operative => {
                    op += 1;
                    if o == Opening::Operative {
                        op_known += 1;
                    } else {
                        *unknown_openings.entry(format!("OP {first}")).or_default() += 1;
                    }
                }
            }
        }
    }
    let rate = errors.len() as f64 / read as f64;
    eprintln!(
        "lint over {read} of {} resolutions in {:.1} s: {} error-level findings, {rate:.4} per resolution",
        files.len(),
        started.elapsed().as_secs_f64(),
        errors.len()
    );
    for ((sev, rule), n) in &by_rule {
        eprintln!("  {sev:7} {rule:18} {n}");
    }
    for (file, e) in &errors {
        eprintln!("  error in {file}: {e}");
    }
    let pp_cov = pp_known as f64 / pp as f64;
    let op_cov = op_known as f64 / op as f64;
    eprintln!("openings recognised: preambular {pp_known}/{pp} ({pp_cov:.4}), operative {op_known}/{op} ({op_cov:.4})");
    let mut top: Vec<(&String, &usize)> = unknown_openings.iter().collect();
    top.sort_by(|a, b| b.1.cmp(a.1));
    for (w, n) in top.iter().take(25) {
        eprintln!("  unrecognised opening {w}: {n}");
    }
    assert!(
        read >= files.len() * 99 / 100,
        "only {read} of {} files read",
        files.len()
    );
    assert!(
        rate < MAX_ERRORS_PER_RESOLUTION,
        "{} error-level findings on {read} adopted resolutions ({rate:.4} per resolution)",
        errors.len()
    );
    assert!(
        pp_cov >= MIN_OPENING_COVERAGE,
        "preambular openings recognised: {pp_cov:.4}"
    );
    assert!(
        op_cov >= MIN_OPENING_COVERAGE,
        "operative openings recognised: {op_cov:.4}"
    );
    // The rules do fire on the corpus: a rule that never fires anywhere is untested here.
    assert!(by_rule.keys().any(|(_, r)| *r == rules::PUNCTUATION));
}

fn ga(rel: &str) -> resdiff::Edition {
    read_path(
        &common::corpus(&format!("ga-akn/en/{rel}")),
        &ReadOptions::default(),
    )
    .expect("GA resolution reads")
}

/// (unit, rule) of the error-level findings.
fn errors(ed: &resdiff::Edition) -> Vec<(String, &'static str)> {
    lint(ed)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.unit.map_or("-".to_string(), |u| u.to_string()), f.rule))
        .collect()
}

/// Irregularities found in adopted resolutions (see docs/REVIEW.md).
#[test]
fn real_irregularities_are_found() {
    // A/RES/74/292: OP29 ends with a comma.
    assert_eq!(
        errors(&ga("74/74_292_E.xml")),
        [("OP29".to_string(), rules::PUNCTUATION)]
    );
    // A/RES/74/9: OP18 ends with a comma.
    assert_eq!(
        errors(&ga("74/74_9.xml")),
        [("OP18".to_string(), rules::PUNCTUATION)]
    );
    // A/RES/78/195: PP34 repeats PP13 word for word.
    assert_eq!(
        errors(&ga("78/A_RES_78_195-2326042E.xml")),
        [("PP34".to_string(), rules::DUPLICATE)]
    );
    // A/RES/75/89: OP201 refers to "paragraph 201 above", itself.
    assert_eq!(
        errors(&ga("75/75_89_E.xml")),
        [("OP201".to_string(), rules::STALE_REFERENCE)]
    );
    // The series is clean.
    for lang in Language::ALL {
        for s in ["74-176", "76-186", "78-228", "80-228"] {
            let p = common::corpus(&format!("akn/{}/A-RES-{s}.xml", lang.code()));
            let ed = read_path(&p, &ReadOptions::default()).unwrap();
            assert_eq!(errors(&ed), [], "{lang} {s}");
        }
    }
}

/// Real text with one paragraph or footnote taken out, as a careless edit would.
#[test]
fn real_text_edited_badly() {
    let p = common::corpus("akn/en/A-RES-80-228.xml");
    let clean = read_path(&p, &ReadOptions::default()).unwrap();
    // Numbering: OP5 deleted without renumbering.
    let mut ed = clean.clone();
    ed.units.retain(|u| u.id.to_string() != "OP5");
    assert_eq!(errors(&ed), [("OP6".to_string(), rules::NUMBERING)]);
    let f = lint(&ed)
        .into_iter()
        .find(|f| f.rule == rules::NUMBERING)
        .unwrap();
    assert_eq!(f.suggestion.as_deref(), Some("5"));
    // Footnote: the last footnote's text lost.
    let mut ed = clean.clone();
    let last = ed.footnotes.pop().unwrap();
    let unit = last.unit.clone().unwrap().to_string();
    assert_eq!(errors(&ed), [(unit, rules::FOOTNOTE)]);
    // Punctuation: the last operative paragraph ending with a semicolon.
    let mut ed = clean.clone();
    let u = ed.units.last_mut().unwrap();
    u.text = u.text.trim_end_matches('.').to_string() + ";";
    assert_eq!(errors(&ed), [(u_id(&ed), rules::PUNCTUATION)]);
    // Duplicate: an operative paragraph pasted twice.
    let mut ed = clean.clone();
    let op1 = ed
        .units
        .iter()
        .position(|u| u.id.to_string() == "OP1")
        .unwrap();
    let mut copy = ed.units[op1 + 1].clone();
    copy.text = ed.units[op1].text.clone();
    ed.units[op1 + 1] = copy;
    assert!(errors(&ed).contains(&("OP2".to_string(), rules::DUPLICATE)));
}

fn u_id(ed: &resdiff::Edition) -> String {
    ed.units
        .last()
        .map(|u| u.id.to_string())
        .unwrap_or_default()
}

#[test]
fn cli_exit_status_and_lines() {
    let p = common::corpus("ga-akn/en/74/74_292_E.xml");
    common::resdiff()
        .args(["lint", p.to_str().unwrap(), "--color", "never"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "error OP29 punctuation: an operative paragraph ends with ',', not ';'",
        ))
        .stdout(predicates::str::contains("1 error,"));
    let p = common::corpus("akn/ru/A-RES-74-176.xml");
    common::resdiff()
        .args(["lint", p.to_str().unwrap(), "--color", "never"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("warning PP9 date-form"))
        .stdout(predicates::str::contains(
            "→ 72/195 от 19 декабря 2017 года",
        ));
    common::resdiff()
        .args(["lint", "/nonexistent/file.xml"])
        .assert()
        .code(2)
        .stdout("");
}
