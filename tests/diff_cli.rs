//! `resdiff diff`: exit status, colour decision, the JSON contract, and
//! snapshots of the term, side and stat output on real editions from
//! ../shared (English, Arabic and Chinese pairs of the trafficking series).
//!
//! Snapshots are taken through the library (read, compare, render into
//! memory) with sources renamed to their corpus path, so they do not depend
//! on where the checkout lives. Colour-on snapshots use the debug label mode
//! (`<<inserted::…>>`), one keeps the raw ANSI codes.
mod common;

use std::collections::HashMap;

use common::*;
use predicates::prelude::*;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use resdiff::diff::{compare, ChangeKind, CompareOptions, Comparison};
use resdiff::ingest::{read_path, ReadOptions};
use resdiff::render::side::{write_side, SideOptions};
use resdiff::render::stat::write_stat;
use resdiff::render::term::{write_term, TermOptions};
use resdiff::render::Style;

const EN_OLD: &str = "akn/en/A-RES-76-186.xml";
const EN_NEW: &str = "akn/en/A-RES-78-228.xml";
const AR_OLD: &str = "akn/ar/A-RES-74-176.xml";
const AR_NEW: &str = "akn/ar/A-RES-76-186.xml";
const ZH_OLD: &str = "akn/zh/A-RES-74-176.xml";
const ZH_NEW: &str = "akn/zh/A-RES-76-186.xml";

// ---- the binary -------------------------------------------------------------

fn path(rel: &str) -> String {
    corpus(rel).display().to_string()
}

#[test]
fn same_file_exits_0() {
    resdiff()
        .args(["diff", &path(EN_OLD), &path(EN_OLD)])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "0 changed, 0 added, 0 removed, 0 moved",
        ));
}

#[test]
fn two_editions_exit_1() {
    resdiff()
        .args(["diff", &path(EN_OLD), &path(EN_NEW)])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "43 → 48 preambular, 28 → 33 operative:",
        ));
}

#[test]
fn missing_file_exits_2_with_nothing_on_stdout() {
    resdiff()
        .args(["diff", &path(EN_OLD), "no/such/edition.xml"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("no/such/edition.xml"));
    resdiff()
        .args(["diff", &path(EN_OLD), &path(EN_NEW), "--format", "pdf"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty());
}

#[test]
fn no_color_is_respected_and_always_colours() {
    let out = resdiff()
        .env("NO_COLOR", "1")
        .args(["diff", &path(EN_OLD), &path(EN_NEW)])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(!s.contains('\x1b'));
    // Without colour, the redline is written with textual markers.
    assert!(
        s.contains("[-seventy-eighth-]{+eightieth+}"),
        "no textual markers"
    );

    let out = resdiff()
        .args(["diff", "--color", "always", &path(EN_OLD), &path(EN_NEW)])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(s.contains("\x1b[9;31mseventy-eighth\x1b[0m\x1b[4;32meightieth\x1b[0m"));
    assert!(!s.contains("[-seventy-eighth-]"));
}

/// A document cannot drive the terminal: escape sequences in its text are
/// printed as visible `<U+001B>` escapes (fixture written by the test).
#[test]
fn control_characters_in_documents_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let body = |op1: &str| {
        format!(
            "The General Assembly,\n\nRecalling its earlier work (synthetic),\n\n\
             1. Decides to continue{op1} (synthetic);\n\n2. Requests a report (synthetic).\n"
        )
    };
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, body("")).unwrap();
    std::fs::write(&b, body(" \x1b]0;pwned\x07\x1b[2J")).unwrap();
    let sgr = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    for color in ["never", "always"] {
        let out = resdiff()
            .args(["diff", "--color", color])
            .arg(&a)
            .arg(&b)
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        let s = String::from_utf8(out).unwrap();
        // Remove our own colour codes: no other escape may be left.
        let bare = sgr.replace_all(&s, "");
        assert!(!bare.contains('\x1b') && !bare.contains('\x07'), "{s:?}");
        assert!(bare.contains("<U+001B>]0;pwned<U+0007><U+001B>[2J"), "{s}");
    }
}

#[test]
fn side_fits_columns() {
    let out = resdiff()
        .env("COLUMNS", "80")
        .args(["diff", "--format", "side", &path(ZH_OLD), &path(ZH_NEW)])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(s.lines().count() > 50);
    for line in s.lines() {
        assert!(line.width() <= 80, "{} cells: {line}", line.width());
    }
}

#[test]
fn stat_is_counts_only() {
    let out = resdiff()
        .args(["diff", "--format", "stat", &path(EN_OLD), &path(EN_NEW)])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert_eq!(s.lines().count(), 3, "{s}");
    assert!(s
        .lines()
        .nth(1)
        .unwrap()
        .trim_start()
        .starts_with("preambular:"));
}

#[test]
fn help_explains_diff_with_examples() {
    let out = resdiff()
        .args(["diff", "--help"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    for want in [
        "Examples:",
        "--format",
        "--context",
        "resdiff.diff/1",
        "Exit status",
        "[-like this-]",
    ] {
        assert!(s.contains(want), "help lacks {want}");
    }
    let top = resdiff()
        .arg("--help")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(top).unwrap().contains("diff"));
}

// ---- the JSON contract (spec/diff-json.md) ------------------------------------

fn diff_json(old: &str, new: &str) -> Value {
    let out = resdiff()
        .args(["diff", "--format", "json", &path(old), &path(new)])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("diff JSON parses")
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort();
    k
}

/// Check a document against `resdiff.diff/1`: every field with its type,
/// every unit accounted for exactly once, changes in new-edition order,
/// edit scripts that rebuild the texts of changed units, summary = counts.
fn validate(v: &Value) {
    assert_eq!(keys(v), ["changes", "new", "old", "schema", "summary"]);
    assert_eq!(v["schema"], "resdiff.diff/1");
    let mut texts: [HashMap<String, String>; 2] = Default::default();
    let mut order: [Vec<String>; 2] = Default::default();
    for (k, side) in ["old", "new"].iter().enumerate() {
        let s = &v[side];
        assert_eq!(keys(s), ["language", "source", "symbol", "units"], "{side}");
        assert!(s["source"].is_string());
        assert!(s["symbol"].is_string() || s["symbol"].is_null());
        assert!(["ar", "en", "es", "fr", "ru", "zh"].contains(&s["language"].as_str().unwrap()));
        for u in s["units"].as_array().expect("units") {
            assert_eq!(keys(u), ["id", "text"]);
            let id = u["id"].as_str().expect("id is a string");
            id.parse::<resdiff::UnitId>().expect("id is a unit id");
            let dup = texts[k].insert(
                id.to_string(),
                u["text"].as_str().expect("text").to_string(),
            );
            assert!(dup.is_none(), "{side} unit {id} twice");
            order[k].push(id.to_string());
        }
    }
    let mut seen: [HashMap<String, usize>; 2] = Default::default();
    let mut counts: HashMap<&str, u64> = HashMap::new();
    let mut last_new_pos = 0usize;
    for c in v["changes"].as_array().expect("changes") {
        let kind = c["kind"].as_str().expect("kind");
        *counts.entry(kind).or_default() += 1;
        let has_diff = matches!(kind, "changed" | "split" | "merged");
        let has_sim = !matches!(kind, "added" | "removed");
        let mut want = vec!["kind", "moved", "new", "old"];
        if has_sim {
            want.push("similarity");
        }
        if has_diff {
            want.insert(0, "diff");
        }
        assert_eq!(keys(c), want, "{c}");
        assert!(c["moved"].is_boolean());
        if c["moved"] == true {
            *counts.entry("moved").or_default() += 1;
        }
        if has_sim {
            let s = c["similarity"].as_f64().expect("similarity is a number");
            assert!((0.0..=1.0).contains(&s));
            if kind == "unchanged" {
                assert_eq!(s, 1.0);
            }
        }
        let ids = |side: &str| -> Vec<String> {
            c[side]
                .as_array()
                .expect("id list")
                .iter()
                .map(|i| i.as_str().unwrap().to_string())
                .collect()
        };
        let (old, new) = (ids("old"), ids("new"));
        match kind {
            "added" => assert!(old.is_empty() && new.len() == 1),
            "removed" => assert!(new.is_empty() && old.len() == 1),
            "unchanged" | "changed" => assert!(old.len() == 1 && new.len() == 1),
            "split" => assert!(old.len() == 1 && new.len() > 1),
            "merged" => assert!(old.len() > 1 && new.len() == 1),
            other => panic!("unknown kind {other}"),
        }
        for (k, list) in [old.clone(), new.clone()].iter().enumerate() {
            for id in list {
                assert!(texts[k].contains_key(id), "{id} is not a unit");
                *seen[k].entry(id.clone()).or_default() += 1;
            }
        }
        // New-edition order.
        if let Some(first) = new.first() {
            let pos = order[1].iter().position(|i| i == first).unwrap();
            assert!(pos >= last_new_pos, "change for {first} out of order");
            last_new_pos = pos;
        }
        if has_diff {
            let (mut o, mut n) = (String::new(), String::new());
            for op in c["diff"].as_array().expect("diff") {
                assert_eq!(keys(op), ["op", "text"]);
                let t = op["text"].as_str().unwrap();
                match op["op"].as_str().unwrap() {
                    "equal" => {
                        o.push_str(t);
                        n.push_str(t);
                    }
                    "delete" => o.push_str(t),
                    "insert" => n.push_str(t),
                    other => panic!("unknown op {other}"),
                }
            }
            if kind == "changed" {
                assert_eq!(o, texts[0][&old[0]], "old text of {}", old[0]);
                assert_eq!(n, texts[1][&new[0]], "new text of {}", new[0]);
            }
        }
    }
    for k in 0..2 {
        for id in &order[k] {
            assert_eq!(
                seen[k].get(id),
                Some(&1),
                "unit {id} must be in exactly one change"
            );
        }
    }
    let s = &v["summary"];
    assert_eq!(
        keys(s),
        [
            "added",
            "changed",
            "merged",
            "moved",
            "removed",
            "split",
            "unchanged"
        ]
    );
    for (name, n) in s.as_object().unwrap() {
        assert_eq!(
            n.as_u64(),
            Some(*counts.get(name.as_str()).unwrap_or(&0)),
            "summary.{name}"
        );
    }
}

#[test]
fn json_follows_the_contract_on_real_pairs() {
    for (old, new) in [(EN_OLD, EN_NEW), (AR_OLD, AR_NEW), (ZH_OLD, ZH_NEW)] {
        let v = diff_json(old, new);
        validate(&v);
        let symbol = |rel: &str| {
            rel.rsplit('/')
                .next()
                .unwrap()
                .trim_end_matches(".xml")
                .replace('-', "/")
        };
        assert_eq!(v["old"]["symbol"], symbol(old));
        assert_eq!(v["new"]["symbol"], symbol(new));
    }
}

#[test]
fn json_keeps_the_documented_field_order() {
    let out = resdiff()
        .args(["diff", "--format", "json", &path(EN_OLD), &path(EN_NEW)])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("{\n  \"schema\": \"resdiff.diff/1\",\n  \"old\": {\n    \"source\": "));
    let (c, sm) = (
        s.find("\n  \"changes\"").unwrap(),
        s.find("\n  \"summary\"").unwrap(),
    );
    assert!(s.find("\n  \"new\"").unwrap() < c && c < sm);
}

// ---- snapshots of real output ---------------------------------------------------

fn comparison(old: &str, new: &str) -> Comparison {
    let read = |rel: &str| {
        let mut ed =
            read_path(&corpus(rel), &ReadOptions::default()).expect("corpus edition reads");
        ed.source = rel.to_string();
        ed
    };
    compare(&read(old), &read(new), &CompareOptions::default())
}

fn term(cmp: &Comparison, style: Style) -> String {
    let mut buf = Vec::new();
    write_term(cmp, &TermOptions { context: 0 }, style, &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

fn side(cmp: &Comparison, width: usize, style: Style) -> String {
    let mut buf = Vec::new();
    write_side(cmp, &SideOptions { width, context: 0 }, style, &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

fn stat(cmp: &Comparison, style: Style) -> String {
    let mut buf = Vec::new();
    write_stat(cmp, style, &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

#[test]
fn snapshot_en_term_plain() {
    insta::assert_snapshot!(term(&comparison(EN_OLD, EN_NEW), Style::PLAIN));
}

#[test]
fn snapshot_en_term_labels() {
    let cmp = comparison(EN_OLD, EN_NEW);
    let s = term(&cmp, Style::DEBUG);
    // The debug rendering is the colour rendering with labels spelled out.
    let colour = term(&cmp, Style::COLOR);
    assert_eq!(s.matches("<<").count(), colour.matches("\x1b[0m").count());
    insta::assert_snapshot!(s);
}

#[test]
fn snapshot_ar_term_plain() {
    let s = term(&comparison(AR_OLD, AR_NEW), Style::PLAIN);
    // Every unit text line is an isolated right-to-left run.
    for line in s.lines().filter(|l| l.starts_with("    ")) {
        assert!(
            line.starts_with("    \u{2067}") && line.ends_with('\u{2069}'),
            "{line}"
        );
    }
    insta::assert_snapshot!(s);
}

#[test]
fn snapshot_zh_term_ansi() {
    let s = term(&comparison(ZH_OLD, ZH_NEW), Style::COLOR);
    assert!(s.contains("\x1b[4;32m") && s.contains("\x1b[9;31m"));
    insta::assert_snapshot!(s);
}

#[test]
fn snapshot_zh_side_plain() {
    insta::assert_snapshot!(side(&comparison(ZH_OLD, ZH_NEW), 80, Style::PLAIN));
}

/// Side by side in colour: not snapshotted (labels spelled out would break
/// the columns), but the codes must not disturb the layout.
#[test]
fn side_in_colour_keeps_the_columns() {
    let cmp = comparison(EN_OLD, EN_NEW);
    let colour = side(&cmp, 100, Style::COLOR);
    let debug = side(&cmp, 100, Style::DEBUG);
    assert_eq!(colour.lines().count(), debug.lines().count());
    let sgr = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    let bare = sgr.replace_all(&colour, "");
    assert!(!bare.contains('\x1b'));
    for line in bare.lines().filter(|l| l.contains('│')) {
        assert!(line.width() <= 100, "{line}");
        let col = line.split('│').next().unwrap().width();
        assert_eq!(col, 49, "gutter out of place: {line}");
    }
    assert!(colour.contains("\x1b[9;31mseventy-eighth\x1b[0m"));
}

#[test]
fn snapshot_stat_three_languages() {
    let mut s = String::new();
    for (old, new, style) in [
        (EN_OLD, EN_NEW, Style::PLAIN),
        (AR_OLD, AR_NEW, Style::PLAIN),
        (ZH_OLD, ZH_NEW, Style::DEBUG),
    ] {
        s += &format!("{old} → {new}\n");
        s += &stat(&comparison(old, new), style);
    }
    insta::assert_snapshot!(s);
}

#[test]
fn term_has_one_block_per_change_and_counts_the_rest() {
    let cmp = comparison(EN_OLD, EN_NEW);
    let s = term(&cmp, Style::PLAIN);
    let interesting = cmp
        .changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Unchanged || c.moved)
        .count();
    let blocks = s
        .lines()
        .filter(|l| l.starts_with("PP") || l.starts_with("OP"))
        .count();
    assert_eq!(blocks, interesting);
    let elided: usize = s
        .lines()
        .filter_map(|l| l.strip_prefix("… "))
        .map(|l| l.split(' ').next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(elided + interesting, cmp.changes.len());
}
