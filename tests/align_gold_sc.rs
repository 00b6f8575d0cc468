//! Alignment of Security Council series read from the PDFs of the shared
//! corpus against gold alignments built by reading the documents:
//! Somalia S/2018/257 → S/2019/266 → S/2020/445, Abyei S/2018/341 → S/2018/1021.

mod align_support;

use align_support::{explain, pairs, read_gold, shared};
use resdiff::diff::{compare, CompareOptions};
use resdiff::ingest::{read_path, ReadOptions};
use resdiff::model::{Edition, Language};
use resdiff::synth::{comparison_groups, pair_f1};

/// Required pair F1 against each gold alignment.
const F1_TARGET: f64 = 0.95;

fn pdf(symbol: &str) -> Edition {
    let path = shared()
        .join("corpus/unsc")
        .join(format!("{symbol}.en.pdf"));
    let opts = ReadOptions {
        lang: Some(Language::En),
    };
    read_path(&path, &opts).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check(old: &str, new: &str, gold: &str) {
    let show = std::env::var("SHOW").is_ok();
    let c = compare(&pdf(old), &pdf(new), &CompareOptions::default());
    let pred = pairs(&comparison_groups(&c));
    let gold = pairs(&read_gold(gold));
    let f1 = pair_f1(&pred, &gold);
    eprintln!("{old} → {new}: F1 {f1:.3}");
    if show {
        eprintln!("{}", explain(&pred, &gold));
    }
    assert!(
        f1 >= F1_TARGET,
        "{old} → {new}: F1 {f1:.3} < {F1_TARGET}\n{}",
        explain(&pred, &gold)
    );
}

#[test]
#[ignore = "fails: F1 0.873 against the reading gold (clauses rewritten and moved whose LCS ratios, 0.24–0.31, and rare-word scores are at the level of unrelated clauses of the same series; see docs/PERFORMANCE.md)"]
fn somalia_2018_2019() {
    check("S-2018-257", "S-2019-266", "S-2018-257_S-2019-266.tsv");
}

#[test]
fn somalia_2019_2020() {
    check("S-2019-266", "S-2020-445", "S-2019-266_S-2020-445.tsv");
}

#[test]
fn abyei_2018() {
    check("S-2018-341", "S-2018-1021", "S-2018-341_S-2018-1021.tsv");
}

/// Print the alignment (OLD, NEW symbols from the environment) with the
/// start of both texts, to build or check a gold file.
#[test]
#[ignore]
fn dump() {
    let o = pdf(&std::env::var("OLD").unwrap_or("S-2018-257".into()));
    let n = pdf(&std::env::var("NEW").unwrap_or("S-2019-266".into()));
    let c = compare(&o, &n, &CompareOptions::default());
    let ids = |v: &Vec<resdiff::UnitId>| resdiff::synth::id_list(v);
    let text = |ed: &Edition, v: &Vec<resdiff::UnitId>| {
        v.first()
            .and_then(|i| ed.unit(i))
            .map(|u| u.text.chars().take(110).collect::<String>())
            .unwrap_or_default()
    };
    for ch in &c.changes {
        println!(
            "{}\t{}\t{:?}{}\t{:.2}",
            ids(&ch.old),
            ids(&ch.new),
            ch.kind,
            if ch.moved { "+moved" } else { "" },
            ch.similarity.unwrap_or(0.0)
        );
        if ch.kind != resdiff::diff::ChangeKind::Unchanged {
            println!("   O: {}\n   N: {}", text(&o, &ch.old), text(&n, &ch.new));
        }
    }
}

/// Print every unit of one document (SYM) with the start of its text.
#[test]
#[ignore]
fn units() {
    let e = pdf(&std::env::var("SYM").unwrap_or("S-2018-257".into()));
    for u in &e.units {
        println!("{}\t{}", u.id, u.text);
    }
}
