//! Test-only helpers for the alignment tests: a tiny reader for the plain
//! renderings in `../shared/corpus/fulltext/<lang>/*.txt` (one paragraph per
//! line), gold files, and pair F1.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use resdiff::ingest::labels::{canonical_sub_label, parse_number};
use resdiff::model::{Edition, Language, SourceFormat, Unit, UnitId};

/// `../shared` beside the project root (override with RESDIFF_SHARED).
pub fn shared() -> PathBuf {
    match std::env::var_os("RESDIFF_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    }
}

fn strip_markers(s: &str) -> String {
    let re = regex::Regex::new(r"\[\^\d+\]").expect("static regex");
    let t = re.replace_all(s, "");
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Read `fulltext/<lang>/<stem>.txt`: preambular lines after the line
/// that opens the resolution ("The General Assembly,"), operative lines
/// from the line numbered 1, sub-items `(a)`/`a)`/`(أ)` under the
/// paragraph before them, up to the first blank line after the operative part.
pub fn read_fulltext(lang: Language, stem: &str) -> Edition {
    let path = shared()
        .join("corpus/fulltext")
        .join(lang.code())
        .join(format!("{stem}.txt"));
    read_fulltext_path(&path, lang)
}

pub fn read_fulltext_path(path: &Path, lang: Language) -> Edition {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let lines: Vec<&str> = text.lines().collect();
    let title = lines
        .iter()
        .position(|l| {
            regex::Regex::new(r"^\d+/\d+(\.|\s)")
                .expect("re")
                .is_match(l.trim())
        })
        .unwrap_or_else(|| panic!("no title line in {}", path.display()));
    // The "The General Assembly," line is the first non-empty line after the title.
    let mut k = title + 1;
    while lines[k].trim().is_empty() {
        k += 1;
    }
    k += 1;
    let num_re = regex::Regex::new(r"^\s*([0-9٠-٩]+)\s*[.\-]\s+").expect("re");
    let sub_re = regex::Regex::new(r"^\s*[(（]?([^\s()（）]{1,4})[)）]\s*").expect("re");
    let mut ed = Edition::new(path.display().to_string(), SourceFormat::Text, lang);
    let (mut pp, mut in_op, mut started) = (0u32, false, false);
    let mut top: Option<UnitId> = None;
    let mut last_letter: Option<String> = None;
    for l in &lines[k..] {
        let t = l.trim();
        if t.is_empty() {
            if in_op && started {
                break;
            }
            continue;
        }
        started = true;
        if let Some(c) = num_re.captures(t) {
            if let Some(n) = parse_number(&c[1]) {
                in_op = true;
                let id = UnitId::op(n);
                ed.units
                    .push(Unit::new(id.clone(), strip_markers(&t[c[0].len()..])));
                top = Some(id);
                last_letter = None;
                continue;
            }
        }
        if let (Some(c), Some(parent)) = (sub_re.captures(t), top.clone()) {
            if let Some(label) = canonical_sub_label(&c[0]) {
                // `(i)` after `(h)` is a letter; after a letter otherwise, a roman sub-sub-item.
                let nested = resdiff::model::roman_value(&label).is_some()
                    && last_letter.as_deref().is_some_and(|p| {
                        p != "h" && !(label == "v" && p == "u") && !(label == "x" && p == "w")
                    });
                let id = if nested {
                    let letter = last_letter.clone().unwrap_or_default();
                    parent.child(&letter).child(&label)
                } else {
                    last_letter = Some(label.clone());
                    parent.child(&label)
                };
                ed.units
                    .push(Unit::new(id, strip_markers(&t[c[0].len()..])));
                continue;
            }
        }
        if in_op {
            // A continuation line without a label: part of the previous unit.
            if let Some(u) = ed.units.last_mut() {
                u.text.push(' ');
                u.text.push_str(&strip_markers(t));
            }
            continue;
        }
        pp += 1;
        let id = UnitId::pp(pp);
        ed.units.push(Unit::new(id.clone(), strip_markers(t)));
        top = Some(id);
        last_letter = None;
    }
    ed
}

/// Gold groups from `tests/gold/<name>.tsv`: `OLD\tNEW` per line, ids
/// comma-separated, `-` for none, `#` comments.
pub fn read_gold(name: &str) -> Vec<(Vec<UnitId>, Vec<UnitId>)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/gold")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let ids = |s: &str| -> Vec<UnitId> {
        if s.trim() == "-" {
            Vec::new()
        } else {
            s.split(',')
                .map(|x| x.trim().parse().unwrap_or_else(|e| panic!("{name}: {e}")))
                .collect()
        }
    };
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (a, b) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("{name}: no tab in '{l}'"));
            (ids(a), ids(b))
        })
        .collect()
}

pub fn pairs(groups: &[(Vec<UnitId>, Vec<UnitId>)]) -> BTreeSet<(String, String)> {
    resdiff::synth::pair_set(groups)
}

/// Differences between predicted and gold pairs, for failure messages.
pub fn explain(pred: &BTreeSet<(String, String)>, gold: &BTreeSet<(String, String)>) -> String {
    let missing: Vec<_> = gold.difference(pred).collect();
    let extra: Vec<_> = pred.difference(gold).collect();
    format!("missing {missing:?}\nextra {extra:?}")
}
