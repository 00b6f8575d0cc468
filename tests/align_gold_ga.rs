//! Alignment of A/RES/74/176 → A/RES/76/186 against a gold alignment built
//! by reading both texts (tests/gold/74-176_76-186.tsv), in English, and the
//! same id pairs in all six languages.

mod align_support;

use align_support::{explain, pairs, read_fulltext, read_gold};
use resdiff::diff::{compare, CompareOptions};
use resdiff::model::Language;
use resdiff::synth::{comparison_groups, pair_f1};

const OLD: &str = "A-RES-74-176";
const NEW: &str = "A-RES-76-186";
const GOLD: &str = "74-176_76-186.tsv";
/// Required pair F1 against the gold alignment.
const F1_TARGET: f64 = 0.98;

fn have_corpus() -> bool {
    align_support::shared().join("corpus/fulltext/en").is_dir()
}

#[test]
fn english_matches_gold() {
    assert!(
        have_corpus(),
        "the shared corpus is missing: tests read ../shared/corpus"
    );
    let old = read_fulltext(Language::En, OLD);
    let new = read_fulltext(Language::En, NEW);
    let c = compare(&old, &new, &CompareOptions::default());
    let pred = pairs(&comparison_groups(&c));
    let gold = pairs(&read_gold(GOLD));
    let f1 = pair_f1(&pred, &gold);
    assert!(
        f1 >= F1_TARGET,
        "F1 {f1:.3} < {F1_TARGET}\n{}",
        explain(&pred, &gold)
    );
}

#[test]
fn six_languages_give_the_same_pairs() {
    assert!(
        have_corpus(),
        "the shared corpus is missing: tests read ../shared/corpus"
    );
    let gold = pairs(&read_gold(GOLD));
    let en = {
        let c = compare(
            &read_fulltext(Language::En, OLD),
            &read_fulltext(Language::En, NEW),
            &CompareOptions::default(),
        );
        pairs(&comparison_groups(&c))
    };
    for lang in Language::ALL {
        let old = read_fulltext(lang, OLD);
        let new = read_fulltext(lang, NEW);
        assert_eq!(
            old.units.len(),
            72,
            "{lang}: reader found {} units",
            old.units.len()
        );
        let c = compare(&old, &new, &CompareOptions::default());
        let p = pairs(&comparison_groups(&c));
        assert_eq!(p, en, "{lang} differs from en:\n{}", explain(&p, &en));
        assert!(
            pair_f1(&p, &gold) >= F1_TARGET,
            "{lang}: {}",
            explain(&p, &gold)
        );
    }
}

/// Print the alignment with the start of each text, to build or check the gold.
#[test]
#[ignore]
fn dump() {
    let lang: Language = std::env::var("LANG_CODE")
        .ok()
        .and_then(|l| l.parse().ok())
        .unwrap_or(Language::En);
    let o = std::env::var("OLD").unwrap_or(OLD.into());
    let n = std::env::var("NEW").unwrap_or(NEW.into());
    let old = read_fulltext(lang, &o);
    let new = read_fulltext(lang, &n);
    let c = compare(&old, &new, &CompareOptions::default());
    for ch in &c.changes {
        let ids = |v: &Vec<resdiff::UnitId>| resdiff::synth::id_list(v);
        println!(
            "{}\t{}\t{:?}{}\t{:.2}",
            ids(&ch.old),
            ids(&ch.new),
            ch.kind,
            if ch.moved { "+moved" } else { "" },
            ch.similarity.unwrap_or(0.0)
        );
    }
}

/// Print the key similarity of two units in every language: OLDID, NEWID.
#[test]
#[ignore]
fn pair_scores() {
    let a: resdiff::UnitId = std::env::var("A").unwrap_or("PP14".into()).parse().unwrap();
    let b: resdiff::UnitId = std::env::var("B").unwrap_or("PP16".into()).parse().unwrap();
    for lang in Language::ALL {
        let old = read_fulltext(lang, OLD);
        let new = read_fulltext(lang, NEW);
        let s = resdiff::align::text_similarity(
            &old.unit(&a).unwrap().text,
            &new.unit(&b).unwrap().text,
            lang,
            &resdiff::normalize::ExactKeys,
        );
        println!("{lang} {a} {b} {s:.3}");
    }
}
