//! Alignment benchmark: pair F1 on synthetic edition pairs per edit level,
//! next to two baselines on the same cases, and timings. Prints tables.
//!
//! Baselines: (1) a line diff — `git diff --no-index -U0` on files with one
//! unit per line; lines outside hunks are unchanged pairs, and removed and
//! added lines of one hunk are paired in order; (2) pairing by position
//! (same unit id).
//!
//! Run with `cargo bench --bench align`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use resdiff::align::{align, AlignOptions};
use resdiff::diff::{compare, CompareOptions};
use resdiff::model::{Edition, UnitId};
use resdiff::synth::{by_position, comparison_groups, generate, pair_f1, pair_set, Level};

type Groups = Vec<(Vec<UnitId>, Vec<UnitId>)>;

const SEEDS: std::ops::RangeInclusive<u64> = 1..=20;
const UNITS: usize = 120;

/// Pairs from `git diff --no-index -U0` of one-unit-per-line files, or
/// `None` when git is not available.
fn line_diff(old: &Edition, new: &Edition, dir: &Path) -> Option<Groups> {
    let a = dir.join("old.txt");
    let b = dir.join("new.txt");
    let lines = |e: &Edition| {
        e.units
            .iter()
            .map(|u| u.text.replace('\n', " ") + "\n")
            .collect::<String>()
    };
    std::fs::write(&a, lines(old)).ok()?;
    std::fs::write(&b, lines(new)).ok()?;
    let out = Command::new("git")
        .args(["diff", "--no-index", "-U0", "--no-color"])
        .arg(&a)
        .arg(&b)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let (n, m) = (old.units.len(), new.units.len());
    let mut in_hunk_old = vec![false; n];
    let mut in_hunk_new = vec![false; m];
    let mut groups: Groups = Vec::new();
    let range = |s: &str| -> (usize, usize) {
        let mut it = s.split(',');
        let start: usize = it.next().and_then(|x| x.parse().ok()).unwrap_or(0);
        let len: usize = it.next().and_then(|x| x.parse().ok()).unwrap_or(1);
        (start, len)
    };
    for l in text.lines().filter(|l| l.starts_with("@@ ")) {
        let parts: Vec<&str> = l.split_whitespace().collect();
        let (os, ol) = range(parts.get(1)?.trim_start_matches('-'));
        let (ns, nl) = range(parts.get(2)?.trim_start_matches('+'));
        let olds: Vec<usize> = (0..ol).map(|k| os - 1 + k).collect();
        let news: Vec<usize> = (0..nl).map(|k| ns - 1 + k).collect();
        olds.iter().for_each(|&i| in_hunk_old[i] = true);
        news.iter().for_each(|&j| in_hunk_new[j] = true);
        for k in 0..olds.len().max(news.len()) {
            let o: Vec<UnitId> = olds
                .get(k)
                .map(|&i| vec![old.units[i].id.clone()])
                .unwrap_or_default();
            let nw: Vec<UnitId> = news
                .get(k)
                .map(|&j| vec![new.units[j].id.clone()])
                .unwrap_or_default();
            groups.push((o, nw));
        }
    }
    let rest_o: Vec<usize> = (0..n).filter(|&i| !in_hunk_old[i]).collect();
    let rest_n: Vec<usize> = (0..m).filter(|&j| !in_hunk_new[j]).collect();
    for (&i, &j) in rest_o.iter().zip(&rest_n) {
        groups.push((vec![old.units[i].id.clone()], vec![new.units[j].id.clone()]));
    }
    Some(groups)
}

fn f1(pred: &Groups, truth: &Groups) -> f64 {
    pair_f1(&pair_set(pred), &pair_set(truth))
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        best = best.min(t.elapsed());
    }
    best
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary directory");
    println!(
        "Pair F1 on synthetic pairs ({UNITS} units, seeds {}..={}), mean (min)",
        SEEDS.start(),
        SEEDS.end()
    );
    println!(
        "{:<8} {:>16} {:>16} {:>16}",
        "level", "resdiff", "git line diff", "by position"
    );
    for level in Level::ALL {
        let (mut r, mut g, mut p) = (Vec::new(), Vec::new(), Vec::new());
        for seed in SEEDS {
            let case = generate(seed, UNITS, level);
            let c = compare(&case.old, &case.new, &CompareOptions::default());
            r.push(f1(&comparison_groups(&c), &case.truth));
            if let Some(gd) = line_diff(&case.old, &case.new, dir.path()) {
                g.push(f1(&gd, &case.truth));
            }
            p.push(f1(&by_position(&case.old, &case.new), &case.truth));
        }
        let cell = |v: &[f64]| {
            if v.is_empty() {
                "n/a".to_string()
            } else {
                let mean = v.iter().sum::<f64>() / v.len() as f64;
                let min = v.iter().cloned().fold(1.0, f64::min);
                format!("{mean:.4} ({min:.3})")
            }
        };
        println!(
            "{:<8} {:>16} {:>16} {:>16}",
            level.name(),
            cell(&r),
            cell(&g),
            cell(&p)
        );
    }

    println!();
    println!("Time on synthetic heavy pairs (best of 3)");
    println!(
        "{:>7} {:>12} {:>14} {:>10} {:>14}",
        "units", "align", "align+diff", "F1", "t/(n log n)"
    );
    let mut base: Option<f64> = None;
    for units in [1_000usize, 2_000, 5_000, 10_000] {
        let case = generate(7, units, Level::Heavy);
        let ta = best_of(3, || align(&case.old, &case.new, &AlignOptions::default()));
        let tc = best_of(3, || {
            compare(&case.old, &case.new, &CompareOptions::default())
        });
        let c = compare(&case.old, &case.new, &CompareOptions::default());
        let score = f1(&comparison_groups(&c), &case.truth);
        let nlogn = units as f64 * (units as f64).ln();
        let per = tc.as_secs_f64() / nlogn;
        let rel = per / *base.get_or_insert(per);
        println!(
            "{units:>7} {:>10.1}ms {:>12.1}ms {score:>10.4} {rel:>13.2}x",
            ta.as_secs_f64() * 1e3,
            tc.as_secs_f64() * 1e3
        );
    }

    println!();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/akn/en");
    let read = |name: &str| resdiff::ingest::read_path(&corpus.join(name), &Default::default());
    match (read("A-RES-76-186.xml"), read("A-RES-78-228.xml")) {
        (Ok(o), Ok(n)) => {
            let ta = best_of(5, || align(&o, &n, &AlignOptions::default()));
            let tc = best_of(5, || compare(&o, &n, &CompareOptions::default()));
            let c = compare(&o, &n, &CompareOptions::default());
            println!(
                "A/RES/76/186 -> A/RES/78/228 (en, AKN; {} -> {} units): align {:.2}ms, align+diff {:.2}ms; {:?}",
                o.units.len(),
                n.units.len(),
                ta.as_secs_f64() * 1e3,
                tc.as_secs_f64() * 1e3,
                c.summary
            );
        }
        (a, b) => println!("76/186 -> 78/228 not timed: {:?} {:?}", a.err(), b.err()),
    }
}
