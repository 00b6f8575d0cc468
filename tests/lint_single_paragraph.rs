//! The `single-paragraph-number` rule: a resolution with one operative
//! paragraph leaves it unnumbered (UN style). The readers record whether the
//! lone paragraph carried a number; `lint` (and so `review`) reports it.
//!
//! Synthetic texts and AKN files (marked synthetic) exercise both readers
//! through the binary; the English GA corpus in ../shared measures how
//! adopted resolutions with one operative paragraph are printed.

mod common;

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use resdiff::ingest::{read_path, ReadOptions};
use resdiff::review::{lint, rules, Severity};
use resdiff::Part;

/// Lone-paragraph resolutions the corpus must hold at least (measured: 39);
/// fewer means the reader stopped recognising them.
const MIN_LONE_IN_CORPUS: usize = 39;

const TEXT_NUMBERED: &str = "The General Assembly,\n\n\
    Recalling its earlier work on the matter (synthetic),\n\n\
    1. Decides to include the item in the provisional agenda of its next session (synthetic).\n";

const TEXT_UNNUMBERED: &str = "The General Assembly,\n\n\
    Recalling its earlier work on the matter (synthetic),\n\n\
    Decides to include the item in the provisional agenda of its next session (synthetic).\n";

const TEXT_TWO: &str = "The General Assembly,\n\n\
    Recalling its earlier work on the matter (synthetic),\n\n\
    1. Welcomes the report (synthetic);\n\n\
    2. Decides to include the item in the provisional agenda of its next session (synthetic).\n";

/// An AKN file with one operative paragraph, with or without `<num>`.
fn akn(num: bool) -> String {
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<statement name="resolution">
<meta><identification source="#s"><FRBRWork><FRBRthis value="/akn/un/statement/resolution/ga/2020-01-01/1"/>
</FRBRWork><FRBRExpression><FRBRlanguage language="eng"/></FRBRExpression></identification></meta>
<preamble><container eId="preamble__container_1"><p>Recalling its earlier work on the matter (synthetic),</p></container></preamble>
<mainBody><paragraph eId="para_1">{}<content><p>Decides to include the item in the provisional agenda of its next session (synthetic).</p></content></paragraph></mainBody>
</statement>
</akomaNtoso>
"##,
        if num { "<num>1.</num>" } else { "" }
    )
}

fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

/// (rule, unit, severity) of `resdiff lint FILE --format json`, and the exit status.
fn lint_json(path: &Path) -> (Vec<(String, String, String)>, i32) {
    let out = common::resdiff()
        .arg("lint")
        .arg(path)
        .args(["--lang", "en", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("lint JSON");
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rules::SINGLE_PARAGRAPH_NUMBER)
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("-").to_string();
            (s("rule"), s("unit"), s("severity"))
        })
        .collect();
    (f, out.status.code().unwrap_or(-1))
}

#[test]
fn numbered_lone_paragraph_is_found_in_text_and_akn() {
    let dir = tempfile::tempdir().unwrap();
    let want = vec![(
        rules::SINGLE_PARAGRAPH_NUMBER.to_string(),
        "OP1".to_string(),
        "error".to_string(),
    )];
    for (name, body) in [
        ("numbered.txt", TEXT_NUMBERED.to_string()),
        ("numbered.xml", akn(true)),
    ] {
        let (f, code) = lint_json(&write(dir.path(), name, &body));
        assert_eq!(f, want, "{name}");
        assert_eq!(code, 1, "{name}: an error-level finding");
    }
    // The terminal output names the rule and the fix.
    common::resdiff()
        .arg("lint")
        .arg(dir.path().join("numbered.txt"))
        .args(["--lang", "en", "--color", "never"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error OP1 single-paragraph-number: the only operative paragraph is numbered 1",
        ))
        .stdout(predicate::str::contains("remove the number"));
}

#[test]
fn unnumbered_lone_paragraph_and_two_paragraphs_are_not_findings() {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        ("unnumbered.txt", TEXT_UNNUMBERED.to_string()),
        ("unnumbered.xml", akn(false)),
        ("two.txt", TEXT_TWO.to_string()),
    ] {
        let (f, _) = lint_json(&write(dir.path(), name, &body));
        assert_eq!(f, [], "{name}");
    }
    // What the readers record.
    let rec = |name: &str| {
        read_path(&dir.path().join(name), &ReadOptions::default())
            .unwrap()
            .lone_operative_numbered
    };
    let _ = write(dir.path(), "numbered.xml", &akn(true));
    let _ = write(dir.path(), "numbered.txt", TEXT_NUMBERED);
    assert_eq!(rec("numbered.xml"), Some(true));
    assert_eq!(rec("unnumbered.xml"), Some(false));
    assert_eq!(rec("numbered.txt"), Some(true));
    // Unnumbered text paragraphs read as preambular: the reader cannot tell.
    assert_eq!(rec("unnumbered.txt"), None);
    assert_eq!(rec("two.txt"), None);
}

/// Every English GA resolution: those with one operative paragraph, and how
/// many number it (measured: 39, none; docs/REVIEW.md).
#[test]
fn ga_corpus_lone_paragraphs_are_unnumbered() {
    let root = common::corpus("ga-akn/en");
    let mut files = Vec::new();
    for session in std::fs::read_dir(&root).unwrap() {
        let dir = session.unwrap().path();
        if dir.is_dir() {
            for f in std::fs::read_dir(&dir).unwrap() {
                let p = f.unwrap().path();
                if p.extension().is_some_and(|e| e == "xml") {
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    assert!(files.len() > 2000, "{} files", files.len());
    let (mut lone, mut numbered) = (Vec::new(), Vec::new());
    for p in &files {
        let Ok(ed) = read_path(p, &ReadOptions::default()) else {
            continue;
        };
        let ops = ed.paragraph_count(Part::Operative);
        match ed.lone_operative_numbered {
            Some(_) => assert_eq!(ops, 1, "{}", p.display()),
            None => assert_ne!(ops, 1, "{}: one OP but not recorded", p.display()),
        }
        if ops == 1 {
            lone.push(p.clone());
        }
        if lint(&ed)
            .iter()
            .any(|f| f.rule == rules::SINGLE_PARAGRAPH_NUMBER && f.severity == Severity::Error)
        {
            numbered.push(p.clone());
        }
    }
    eprintln!(
        "{} of {} resolutions have one operative paragraph; {} number it: {:?}",
        lone.len(),
        files.len(),
        numbered.len(),
        numbered
    );
    assert!(lone.len() >= MIN_LONE_IN_CORPUS, "{}", lone.len());
    assert_eq!(numbered, Vec::<PathBuf>::new());
}
