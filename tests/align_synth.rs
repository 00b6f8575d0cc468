//! Alignment quality on synthetic edition pairs with known truth, and the
//! accounting invariants of a comparison, on arbitrary generated pairs.

use std::collections::BTreeMap;

use proptest::prelude::*;
use resdiff::diff::{compare, ChangeKind, CompareOptions};
use resdiff::synth::{comparison_groups, generate, pair_f1, pair_set, Level};

/// Required mean pair F1 per level on the fixed seeds below.
fn target(level: Level) -> f64 {
    match level {
        Level::Light => 0.99,
        Level::Typical => 0.98,
        Level::Heavy => 0.95,
    }
}

/// Seeds and size of the quality test (fixed: this is a quality test, not a timing test).
const SEEDS: std::ops::Range<u64> = 1..21;
const UNITS: usize = 120;

#[test]
fn f1_meets_targets_per_level() {
    for level in Level::ALL {
        let mut sum = 0.0;
        let mut worst = (1.0, 0);
        for seed in SEEDS {
            let case = generate(seed, UNITS, level);
            let c = compare(&case.old, &case.new, &CompareOptions::default());
            let f1 = pair_f1(&pair_set(&comparison_groups(&c)), &pair_set(&case.truth));
            sum += f1;
            if f1 < worst.0 {
                worst = (f1, seed);
            }
        }
        let mean = sum / SEEDS.count() as f64;
        assert!(
            mean >= target(level),
            "{}: mean F1 {mean:.4} < {} (worst {:.4} at seed {})",
            level.name(),
            target(level),
            worst.0,
            worst.1
        );
    }
}

fn check_accounting(seed: u64, units: usize, level: Level) {
    let case = generate(seed, units, level);
    let c = compare(&case.old, &case.new, &CompareOptions::default());
    let mut olds: BTreeMap<String, usize> = BTreeMap::new();
    let mut news: BTreeMap<String, usize> = BTreeMap::new();
    for ch in &c.changes {
        ch.old
            .iter()
            .for_each(|i| *olds.entry(i.to_string()).or_default() += 1);
        ch.new
            .iter()
            .for_each(|i| *news.entry(i.to_string()).or_default() += 1);
        match ch.kind {
            ChangeKind::Added | ChangeKind::Removed => assert!(ch.similarity.is_none()),
            ChangeKind::Unchanged => assert_eq!(ch.similarity, Some(1.0)),
            _ => {
                let s = ch.similarity.expect("similarity of a match");
                assert!((0.0..=1.0).contains(&s));
            }
        }
        match ch.kind {
            ChangeKind::Split => assert!(ch.old.len() == 1 && ch.new.len() > 1),
            ChangeKind::Merged => assert!(ch.old.len() > 1 && ch.new.len() == 1),
            ChangeKind::Added => assert!(ch.old.is_empty() && ch.new.len() == 1),
            ChangeKind::Removed => assert!(ch.old.len() == 1 && ch.new.is_empty()),
            _ => assert!(ch.old.len() == 1 && ch.new.len() == 1),
        }
    }
    assert_eq!(olds.len(), case.old.units.len());
    assert!(olds.values().all(|&n| n == 1), "an old unit appears twice");
    assert_eq!(news.len(), case.new.units.len());
    assert!(news.values().all(|&n| n == 1), "a new unit appears twice");
    // Changes follow the new edition's order.
    let order: Vec<usize> = c
        .changes
        .iter()
        .flat_map(|ch| ch.new.iter())
        .map(|id| {
            case.new
                .units
                .iter()
                .position(|u| &u.id == id)
                .expect("known id")
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(order, sorted, "changes out of new-edition order");
    let s = c.summary;
    assert_eq!(
        s.unchanged + s.changed + s.added + s.removed + s.split + s.merged,
        c.changes.len()
    );
    assert_eq!(s.moved, c.changes.iter().filter(|c| c.moved).count());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn every_unit_accounted_for_once(seed in any::<u64>(), units in 1usize..150, level in 0usize..3) {
        check_accounting(seed, units, Level::ALL[level]);
    }
}
