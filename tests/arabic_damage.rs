//! Issue 10: damaged Arabic PDF extractions — detection, diff through
//! damage, repair. Every figure is measured on the seed
//! (../shared/corpus/seed/A-RES-76-186.ar.txt) against the clean AKN texts
//! of the series in ../shared.
mod common;
use common::*;

use resdiff::ingest::{self, ReadOptions};
use resdiff::repair::glyph::GlyphModel;
use resdiff::repair::learn;
use resdiff::Edition;

fn read(rel: &str) -> Edition {
    ingest::read_path(&corpus(rel), &ReadOptions::default()).expect("corpus file reads")
}

fn seed() -> Edition {
    read("seed/A-RES-76-186.ar.txt")
}

/// (damaged text, clean text) of the units with the same id.
fn unit_pairs<'a>(damaged: &'a Edition, clean: &'a Edition) -> Vec<(&'a str, &'a str)> {
    damaged
        .units
        .iter()
        .filter_map(|u| Some((u.text.as_str(), clean.unit(&u.id)?.text.as_str())))
        .collect()
}

fn table_source(m: &GlyphModel) -> String {
    let mut s = String::from(
        "//! The glyph table of the damaged Arabic body font, as learned from the\n\
         //! whole seed by [`super::learn::learn`] (regenerate and check it with\n\
         //! `tests/arabic_damage.rs`, `glyph_table_in_code_is_the_learned_one`).\n\
         //! Rows: letter, form code ([`super::glyph::Form::code`]), output, count.\n\n\
         /// Generated; do not edit by hand.\n\
         pub const GLYPH_TABLE: &[(char, char, &str, u32)] = &[\n",
    );
    for (c, f, o, n) in m.rows() {
        s.push_str(&format!("    ({c:?}, {:?}, {o:?}, {n}),\n", f.code()));
    }
    s.push_str("];\n");
    s
}

#[test]
fn glyph_table_in_code_is_the_learned_one() {
    let s = seed();
    let clean = read("akn/ar/A-RES-76-186.xml");
    let learned = learn::learn(unit_pairs(&s, &clean));
    if std::env::var_os("RESDIFF_REGENERATE").is_some() {
        std::fs::write(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/repair/table.rs"),
            table_source(&learned),
        )
        .expect("write table");
    }
    assert_eq!(
        learned.rows(),
        GlyphModel::builtin().rows(),
        "the table in src/repair/table.rs is not the one learned from the seed; \
         regenerate it with RESDIFF_REGENERATE=1 cargo test --test arabic_damage glyph_table"
    );
}

// ---------------------------------------------------------------- repair

use resdiff::repair::lexicon::{fold_word, Lexicon};
use resdiff::repair::{Repairer, MARK_CLOSE, MARK_OPEN};
use std::collections::HashMap;

/// The lexicon of the issue: the clean Arabic 74/176, 78/228 and 80/228,
/// never 76/186 itself.
fn series_lexicon() -> Lexicon {
    let mut l = Lexicon::default();
    for f in ["A-RES-74-176", "A-RES-78-228", "A-RES-80-228"] {
        l.add_edition(&read(&format!("akn/ar/{f}.xml")));
    }
    l
}

/// Word tokens of a repaired unit against the clean one.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    /// Word tokens of the clean text.
    clean: usize,
    /// Clean tokens the repaired text has (unmarked, same spelling).
    correct: usize,
    /// Unmarked repaired tokens the clean text does not have.
    wrong: usize,
    /// Marked tokens.
    marked: usize,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.clean += o.clean;
        self.correct += o.correct;
        self.wrong += o.wrong;
        self.marked += o.marked;
    }
    fn pct(&self, n: usize) -> f64 {
        100.0 * n as f64 / self.clean.max(1) as f64
    }
}

/// Compare one unit. The extraction does not keep the reading order inside
/// a printed line, so tokens are compared as multisets per unit.
fn tally(repaired: &str, clean: &str) -> Tally {
    let mut want: HashMap<String, usize> = HashMap::new();
    let mut t = Tally::default();
    for w in clean.split_whitespace().filter_map(fold_word) {
        *want.entry(w).or_default() += 1;
        t.clean += 1;
    }
    for tok in repaired.split_whitespace() {
        if tok.contains(MARK_OPEN) || tok.contains(MARK_CLOSE) {
            t.marked += 1;
            continue;
        }
        let Some(w) = fold_word(tok) else { continue };
        match want.get_mut(&w) {
            Some(n) if *n > 0 => {
                *n -= 1;
                t.correct += 1;
            }
            _ => t.wrong += 1,
        }
    }
    t
}

/// Repair the units of `seed` at positions with `keep(index)` using a model
/// learned on the other units; tally against the clean 76/186.
fn fold_eval(seed: &Edition, clean: &Edition, test_half: usize) -> (Tally, Tally) {
    let train: Vec<(&str, &str)> = seed
        .units
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 2 != test_half)
        .filter_map(|(_, u)| Some((u.text.as_str(), clean.unit(&u.id)?.text.as_str())))
        .collect();
    let model = learn::learn(train);
    let r = Repairer::new(&model, series_lexicon());
    let (mut after, mut before) = (Tally::default(), Tally::default());
    for (i, u) in seed.units.iter().enumerate() {
        if i % 2 != test_half {
            continue;
        }
        let c = &clean.unit(&u.id).expect("same ids").text;
        let mut rep = resdiff::repair::Report::default();
        after.add(tally(&r.repair_text(&u.text, &mut rep), c));
        before.add(tally(&u.text, c));
    }
    (after, before)
}

#[test]
fn repair_restores_the_seed_words_in_both_folds() {
    let s = seed();
    let clean = read("akn/ar/A-RES-76-186.xml");
    let mut results = Vec::new();
    for half in [0, 1] {
        let (t, before) = fold_eval(&s, &clean, half);
        println!(
            "fold {}: {} clean tokens; before repair {:.1}% correct; after: {:.1}% correct, {:.1}% wrong, {:.1}% marked",
            half + 1,
            t.clean,
            before.pct(before.correct),
            t.pct(t.correct),
            t.pct(t.wrong),
            t.pct(t.marked)
        );
        results.push(t);
    }
    for (k, t) in results.iter().enumerate() {
        assert!(t.pct(t.correct) >= 90.0, "fold {}: {t:?}", k + 1);
        assert!(t.pct(t.wrong) <= 2.0, "fold {}: {t:?}", k + 1);
    }
}

// ---------------------------------------------------------------- detection

use resdiff::ingest::damage;

#[test]
fn seed_is_flagged_and_no_clean_rendering_of_the_series_is() {
    let s = seed();
    let d = s.damage.expect("the seed is judged damaged");
    assert!(d > damage::DAMAGE_THRESHOLD, "{d}");
    assert!(s
        .warnings
        .iter()
        .any(|w| w.contains("damaged Arabic PDF extraction")));
    println!("seed: damage score {d:.3}");
    let mut checked = 0;
    let mut worst = (0.0f64, String::new());
    for lang in ["ar", "en", "es", "fr", "ru", "zh"] {
        for entry in std::fs::read_dir(corpus(&format!("akn/{lang}"))).expect("akn dir") {
            let akn = entry.expect("dir entry").path();
            let name = akn.file_stem().expect("name").to_string_lossy().to_string();
            // The plain-text rendering of that AKN file.
            let txt = corpus(&format!("fulltext/{lang}/{name}.txt"));
            let ed = ingest::read_path(&txt, &ReadOptions::default()).expect("rendering reads");
            assert!(ed.damage.is_none(), "{} flagged as damaged", txt.display());
            let score = damage::score(&damage::body_text(&ed)).share();
            if score >= worst.0 {
                worst = (score, txt.display().to_string());
            }
            checked += 1;
        }
    }
    println!(
        "clean renderings: {checked}, highest score {:.4} ({})",
        worst.0, worst.1
    );
    assert_eq!(checked, 24, "the series has 24 AKN files in six languages");
}

// ---------------------------------------------------------------- diff through damage

use resdiff::diff::{compare, CompareOptions};
use resdiff::UnitId;
use std::collections::HashSet;

type Pair = (Vec<UnitId>, Vec<UnitId>);

fn unit_pairs_of(old: &Edition, new: &Edition) -> (HashSet<Pair>, usize) {
    let c = compare(old, new, &CompareOptions::default());
    (
        c.changes
            .iter()
            .map(|ch| (ch.old.clone(), ch.new.clone()))
            .collect(),
        c.summary.damage_absorbed,
    )
}

/// Share of the reference pairs that the other comparison also gives.
fn agreement(reference: &HashSet<Pair>, got: &HashSet<Pair>) -> f64 {
    reference.intersection(got).count() as f64 / reference.len().max(1) as f64
}

#[test]
fn diff_through_damage_gives_the_pairs_of_the_clean_text() {
    let s = seed();
    let c76 = read("akn/ar/A-RES-76-186.xml");
    let c74 = read("akn/ar/A-RES-74-176.xml");
    let mut lexicon = Lexicon::default();
    lexicon.add_edition(&c74);
    lexicon.add_edition(&read("akn/ar/A-RES-78-228.xml"));
    lexicon.add_edition(&read("akn/ar/A-RES-80-228.xml"));
    let (repaired, _) = Repairer::new(&GlyphModel::builtin(), lexicon).repair_edition(&s);
    for (name, damaged_first) in [("seed → 74/176", true), ("74/176 → seed", false)] {
        let pairs = |e: &Edition| {
            if damaged_first {
                unit_pairs_of(e, &c74)
            } else {
                unit_pairs_of(&c74, e)
            }
        };
        let (reference, _) = pairs(&c76);
        let (raw, absorbed) = pairs(&s);
        let (rep, _) = pairs(&repaired);
        let (ra, rr) = (agreement(&reference, &raw), agreement(&reference, &rep));
        println!(
            "{name}: {} reference pairs; unrepaired seed agrees on {:.1}% ({absorbed} words absorbed as damage), repaired seed on {:.1}%",
            reference.len(),
            ra * 100.0,
            rr * 100.0
        );
        assert!(absorbed > 0, "{name}: no damage absorbed");
        assert!(ra >= 0.95, "{name}: {ra}");
        assert!(rr >= 0.98, "{name}: {rr}");
    }
}

// ---------------------------------------------------------------- the binary

#[test]
fn repair_command_writes_a_readable_edition_and_reports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("76-186.ar.edition");
    let seed_path = corpus("seed/A-RES-76-186.ar.txt");
    let assert = resdiff()
        .arg("repair")
        .arg(&seed_path)
        .arg("-o")
        .arg(&out)
        .arg("--lexicon")
        .arg(corpus("akn/ar/A-RES-74-176.xml"))
        .arg("--lexicon")
        .arg(corpus("akn/ar/A-RES-78-228.xml"))
        .assert()
        .code(0);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("words repaired"), "{stdout}");
    assert!(stdout.contains("uncertain"), "{stdout}");
    // The output is a canonical edition with the seed's units, no longer damaged.
    let ed = ingest::read_path(&out, &ReadOptions::default()).expect("output reads back");
    assert_eq!(ed.units.len(), 77);
    assert!(ed.damage.is_none(), "{:?}", ed.damage);
    // Text format.
    let txt = dir.path().join("76-186.ar.txt");
    resdiff()
        .args(["repair", "--format", "text", "-o"])
        .arg(&txt)
        .arg(&seed_path)
        .arg("--lexicon")
        .arg(corpus("akn/ar/A-RES-80-228.xml"))
        .assert()
        .code(0);
    assert!(std::fs::read_to_string(&txt)
        .expect("text out")
        .contains("OP1"));
}

#[test]
fn repair_command_refuses_bad_lexicons() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("x");
    let seed_path = corpus("seed/A-RES-76-186.ar.txt");
    // No lexicon: a usage error.
    resdiff()
        .arg("repair")
        .arg(&seed_path)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    // A damaged lexicon edition.
    let a = resdiff()
        .arg("repair")
        .arg(&seed_path)
        .arg("-o")
        .arg(&out)
        .arg("--lexicon")
        .arg(&seed_path)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(err.contains("itself damaged"), "{err}");
}

#[test]
fn diff_json_counts_absorbed_words_only_through_damage() {
    let seed_path = corpus("seed/A-RES-76-186.ar.txt");
    let json = |old: &std::path::Path, new: &std::path::Path| -> serde_json::Value {
        let a = resdiff()
            .args(["diff", "--format", "json"])
            .arg(old)
            .arg(new)
            .assert()
            .code(1);
        serde_json::from_slice(&a.get_output().stdout).expect("json")
    };
    let v = json(&seed_path, &corpus("akn/ar/A-RES-74-176.xml"));
    assert!(
        v["summary"]["damage_absorbed"].as_u64().unwrap_or(0) > 500,
        "{}",
        v["summary"]
    );
    let clean = json(
        &corpus("akn/ar/A-RES-76-186.xml"),
        &corpus("akn/ar/A-RES-74-176.xml"),
    );
    assert!(clean["summary"].get("damage_absorbed").is_none());
}
