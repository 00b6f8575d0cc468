//! `resdiff review --format html|md|docx`: the diff reports carrying each
//! change's class and the review's findings, on the real pair 78/228 → 80/228
//! in English from ../shared, checked against `review --format json`:
//!
//! - HTML marks as routine exactly the changes the review calls routine,
//!   and lists every finding;
//! - Markdown has the class column, each row's class the review's;
//! - DOCX holds a class comment on every classified change and on nothing
//!   else; accepting all revisions gives the draft, rejecting all the base;
//! - clause text and findings that quote it are escaped (synthetic texts).

mod common;
mod docx_support;
use docx_support::{read_tracked, zip_part};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use regex::Regex;
use serde_json::Value;

use resdiff::diff::{compare, CompareOptions};
use resdiff::ingest::{read_path, ReadOptions};
use resdiff::render::report::{plan, Step};

const BASE: &str = "akn/en/A-RES-78-228.xml";
const DRAFT: &str = "akn/en/A-RES-80-228.xml";
/// Revision date of the tests' documents (SOURCE_DATE_EPOCH).
const EPOCH: &str = "1700000000";

fn edition(rel: &str) -> resdiff::Edition {
    read_path(&common::corpus(rel), &ReadOptions::default()).expect("corpus edition reads")
}

/// `resdiff review DRAFT --against BASE --format FORMAT -o OUT`; OUT.
fn review_to(dir: &Path, format: &str, extra: &[&str]) -> PathBuf {
    let out = dir.join(format!("review.{format}"));
    common::resdiff()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("review")
        .arg(common::corpus(DRAFT))
        .arg("--against")
        .arg(common::corpus(BASE))
        .args(["--format", format, "-o"])
        .arg(&out)
        .args(extra)
        .assert()
        .code(1)
        .stdout("");
    out
}

/// The review as JSON: change index → class, and the findings.
fn review_json() -> (BTreeMap<usize, String>, Vec<Value>) {
    let out = common::resdiff()
        .arg("review")
        .arg(common::corpus(DRAFT))
        .arg("--against")
        .arg(common::corpus(BASE))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("review JSON");
    let classes = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter_map(|(k, c)| Some((k, c["class"].as_str()?.to_string())))
        .collect();
    (classes, v["findings"].as_array().unwrap().clone())
}

fn of_class(classes: &BTreeMap<usize, String>, class: &str) -> BTreeSet<usize> {
    classes
        .iter()
        .filter(|(_, c)| *c == class)
        .map(|(k, _)| *k)
        .collect()
}

#[test]
fn html_marks_exactly_the_routine_changes_and_lists_findings() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(review_to(dir.path(), "html", &[])).unwrap();
    let (classes, findings) = review_json();
    let routine = of_class(&classes, "routine");
    let substantive = of_class(&classes, "substantive");
    assert_eq!(routine.len(), 2, "PP10 and OP33 → OP38 (tests/review.rs)");
    assert_eq!(substantive.len(), 47);

    // One class marker per classified change, on that change's section.
    let section = Regex::new(r#"<section class="([^"]*)" id="c-(\d+)">"#).unwrap();
    let mut marked: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for c in section.captures_iter(&html) {
        let k: usize = c[2].parse().unwrap();
        for class in ["routine", "substantive"] {
            if c[1].split(' ').any(|w| w == class) {
                marked.entry(class).or_default().insert(k);
            }
        }
    }
    assert_eq!(marked.get("routine"), Some(&routine));
    assert_eq!(marked.get("substantive"), Some(&substantive));
    assert_eq!(
        html.matches("<span class=\"class routine\">routine</span>")
            .count(),
        routine.len()
    );
    assert_eq!(
        html.matches("<span class=\"class substantive\">substantive</span>")
            .count(),
        substantive.len()
    );
    // The summary rows carry the class the CSS filter hides or shows.
    assert_eq!(
        html.matches("<tr class=\"routine\">").count(),
        routine.len()
    );
    assert!(html.contains("id=\"f-rou\"") && html.contains("#f-rou:checked ~ main .substantive"));

    // Every finding is a row, with its rule, severity and unit.
    assert!(!findings.is_empty());
    assert_eq!(
        html.matches("<tr class=\"finding sev-").count(),
        findings.len()
    );
    let rows: Vec<&str> = html
        .split("<tr class=\"finding sev-")
        .skip(1)
        .map(|r| r.split("</tr>").next().unwrap())
        .collect();
    for (f, row) in findings.iter().zip(&rows) {
        let s = |k: &str| f[k].as_str().unwrap_or("—").to_string();
        assert!(row.starts_with(&s("severity")), "{row}");
        assert!(row.contains(&format!("<td>{}</td>", s("rule"))), "{row}");
        assert!(row.contains(&format!(">{}<", s("unit"))), "{row}");
    }
    assert!(html.contains("<h2>Findings: "));
}

#[test]
fn markdown_has_the_class_column_and_findings() {
    let dir = tempfile::tempdir().unwrap();
    let md = std::fs::read_to_string(review_to(dir.path(), "md", &[])).unwrap();
    let (classes, findings) = review_json();
    assert!(
        md.contains("| # | clause | what | similarity | class |"),
        "{md}"
    );
    // Each summary row's class is the review's for that change.
    let row = Regex::new(r"(?m)^\| \d+ \| \[[^\]]*\]\(#c-(\d+)\) \|.*\| (\w*) \|$").unwrap();
    let rows: BTreeMap<usize, String> = row
        .captures_iter(&md)
        .filter(|c| !c[2].is_empty())
        .map(|c| (c[1].parse().unwrap(), c[2].to_string()))
        .collect();
    assert_eq!(
        rows, classes,
        "rows without a class are unclassified (moved, unchanged)"
    );
    assert_eq!(
        md.matches("(routine)\n").count(),
        2,
        "headings name the class"
    );
    // The findings table: one row per finding.
    let table = md
        .split("## Findings")
        .nth(1)
        .and_then(|s| s.split("## Changes").next())
        .expect("a findings section before the changes");
    assert!(table.contains("| clause | severity | rule | message | fix |"));
    assert_eq!(
        table
            .lines()
            .filter(|l| l.starts_with("| OP") || l.starts_with("| PP") || l.starts_with("| —"))
            .count(),
        findings.len(),
        "{table}"
    );
}

/// Clause texts after accepting every revision, and after rejecting every one.
fn accept_reject_of(xml: &str) -> (Vec<String>, Vec<String>) {
    let t = read_tracked(xml);
    (t.accepted, t.rejected)
}

#[test]
fn docx_comments_every_classified_change_and_accepts_to_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let docx = review_to(dir.path(), "docx", &["--author", "Facilitator <test>"]);
    let (classes, _) = review_json();
    let (base, draft) = (edition(BASE), edition(DRAFT));
    let cmp = compare(&base, &draft, &CompareOptions::default());

    // The comments, in document order, and the plan steps that carry one:
    // every step of a classified change (a clause with text).
    let comments = zip_part(&docx, "word/comments.xml");
    let texts = Regex::new(r#"<w:t xml:space="preserve">([^<]*)</w:t>"#).unwrap();
    let notes: Vec<String> = texts
        .captures_iter(&comments)
        .map(|c| c[1].to_string())
        .collect();
    let class_of = |n: &str| {
        ["routine", "substantive"]
            .into_iter()
            .find(|c| n == *c || n.starts_with(&format!("{c}: ")))
    };
    let has_text =
        |ed: &resdiff::Edition, i: usize| ed.units.get(i).is_some_and(|u| !u.text.is_empty());
    let mut expected: Vec<&str> = Vec::new();
    let mut commented = BTreeSet::new();
    for step in plan(&cmp) {
        let k = match step {
            Step::Anchor { change, .. } => Some(change),
            Step::Old { change, unit } => change.filter(|_| has_text(&cmp.old, unit)),
            Step::New { change, unit } => change.filter(|_| has_text(&cmp.new, unit)),
        };
        if let Some(c) = k.and_then(|k| classes.get(&k).map(|c| (k, c))) {
            expected.push(c.1);
            commented.insert(c.0);
        }
    }
    let got: Vec<&str> = notes.iter().filter_map(|n| class_of(n)).collect();
    assert_eq!(
        got, expected,
        "one class comment per classified clause, in order"
    );
    assert_eq!(
        commented,
        classes.keys().copied().collect::<BTreeSet<_>>(),
        "every classified change has a comment"
    );
    assert_eq!(got.iter().filter(|c| **c == "routine").count(), 2);
    assert!(comments.contains("w:author=\"Facilitator &lt;test&gt;\""));

    // Accept all: the draft; reject all: the base.
    let (acc, rej) = accept_reject_of(&zip_part(&docx, "word/document.xml"));
    let units = |ed: &resdiff::Edition| ed.units.iter().map(|u| u.text.clone()).collect::<Vec<_>>();
    assert_eq!(acc, units(&draft), "accept all gives the draft");
    assert_eq!(rej, units(&base), "reject all gives the base");
}

#[test]
fn docx_to_a_terminal_is_refused_and_term_output_goes_to_a_file() {
    // `script` gives the command a terminal for stdout.
    let bin = assert_cmd::cargo::cargo_bin("resdiff");
    let cmd = format!(
        "{} review {} --against {} --format docx",
        bin.display(),
        common::corpus(DRAFT).display(),
        common::corpus(BASE).display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .output()
        .expect("script(1) from util-linux");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("give -o FILE"), "{text}");
    assert!(!text.contains("PK\u{3}\u{4}"));
    // To a pipe it is a zip.
    let out = common::resdiff()
        .arg("review")
        .arg(common::corpus(DRAFT))
        .arg("--against")
        .arg(common::corpus(BASE))
        .args(["--format", "docx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
    // -o works for the terminal format too, without colour, and leaves no temporary file.
    let dir = tempfile::tempdir().unwrap();
    let term = review_to(dir.path(), "term", &["--color", "always"]);
    let s = std::fs::read_to_string(&term).unwrap();
    assert!(
        s.contains("2 routine, 47 substantive") && !s.contains('\x1b'),
        "{s}"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["review.term"]);
    // A missing directory is trouble, and nothing reaches stdout.
    common::resdiff()
        .arg("review")
        .arg(common::corpus(DRAFT))
        .arg("--against")
        .arg(common::corpus(BASE))
        .args(["--format", "html", "-o"])
        .arg(dir.path().join("no/such/dir/r.html"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("cannot write the output"));
}

/// A clause with mark-up, and a finding whose fix quotes it (the last
/// words of a paragraph ending with the wrong punctuation), are escaped
/// in both text reports (synthetic texts).
#[test]
fn hostile_clause_and_finding_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.txt");
    let draft = dir.path().join("draft.txt");
    std::fs::write(
        &base,
        "The General Assembly,\n\nRecalling its earlier work (synthetic),\n\n\
         1. Requests a report (synthetic);\n\n2. Decides to continue (synthetic).\n",
    )
    .unwrap();
    std::fs::write(
        &draft,
        "The General Assembly,\n\nRecalling its earlier work (synthetic),\n\n\
         1. Requests a <script>alert(1)</script> report <b>x</b> (synthetic),\n\n\
         2. Decides to continue \x1b[2J | *now* (synthetic).\n",
    )
    .unwrap();
    for format in ["html", "md"] {
        let out = dir.path().join(format!("r.{format}"));
        common::resdiff()
            .arg("review")
            .arg(&draft)
            .arg("--against")
            .arg(&base)
            .args(["--lang", "en", "--format", format, "-o"])
            .arg(&out)
            .assert()
            .code(1);
        let s = std::fs::read_to_string(&out).unwrap();
        assert!(
            !s.contains("<script") && !s.contains("<b>"),
            "{format}: {s}"
        );
        assert!(!s.contains('\x1b'), "{format}");
        assert!(
            s.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{format}: {s}"
        );
        // The punctuation finding's fix quotes the clause's last words.
        let findings = s
            .split(if format == "html" {
                "<section id=\"findings\">"
            } else {
                "## Findings"
            })
            .nth(1)
            .unwrap();
        assert!(findings.contains("punctuation"), "{format}: {findings}");
        assert!(
            findings.contains("&lt;b&gt;x&lt;/b&gt; (synthetic);"),
            "{format}: {findings}"
        );
    }
}
