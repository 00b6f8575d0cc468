//! Whole-corpus mode on the English GA corpus (../shared/corpus/ga-akn/en,
//! 2,236 files, sessions 74–80): the trafficking series, predecessor links
//! against the gold file built by reading (tests/gold/corpus-links.tsv),
//! the recall of the LSH candidate search against all pairs, and the
//! `resdiff corpus` commands.
mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use resdiff::corpus::{self, index, links, series, Corpus, CorpusOptions, Scan};

use common::{corpus as corpus_file, resdiff};

/// Precision of predecessor links on the gold sample must not fall below
/// this. Measured: 1.00 (42 of 42 links right, no link where the gold has
/// none); the bound allows one wrong link among the 56 resolutions.
const MIN_LINK_PRECISION: f64 = 0.97;

/// Recall of predecessor links on the gold sample. Measured: 1.00 (42 of
/// 42); the bound allows one missed link.
const MIN_LINK_RECALL: f64 = 0.97;

/// Recall of the LSH candidate search against all pairs of a 200-document
/// sample, for pairs at least as similar as the least a cited link needs
/// (Jaccard ≥ links::CITED_CONTENT_MIN). Measured: see docs/CORPUS.md;
/// the theoretical rate at 0.25 is 0.87 per pair at worst, higher for the
/// typical pair.
const MIN_LSH_RECALL: f64 = 0.9;

/// Documents in the all-pairs sample.
const SAMPLE: usize = 200;

/// The whole corpus, scanned once for all tests of this file.
fn full() -> &'static Scan {
    static SCAN: OnceLock<Scan> = OnceLock::new();
    SCAN.get_or_init(|| {
        let dir = corpus_file("ga-akn/en");
        let files = corpus::list_inputs(&dir).expect("corpus folder listed");
        assert_eq!(files.len(), 2236, "corpus size changed");
        let opts = CorpusOptions::default();
        let t = std::time::Instant::now();
        let c = Corpus::load(&files, &opts);
        eprintln!("corpus read in {:.1} s", t.elapsed().as_secs_f64());
        // A/RES/80/237 holds two headings and no paragraphs (see ga_corpus.rs).
        assert_eq!(c.skipped.len(), 1, "{:?}", c.skipped);
        let t = std::time::Instant::now();
        let scan = corpus::discover(c, &opts);
        eprintln!("indexed and linked in {:.1} s", t.elapsed().as_secs_f64());
        scan
    })
}

fn predecessor_of<'a>(scan: &'a Scan, symbol: &str) -> Option<&'a str> {
    let docs = &scan.corpus.docs;
    let i = docs
        .iter()
        .position(|d| d.edition.facts.symbol.as_deref() == Some(symbol))
        .unwrap_or_else(|| panic!("{symbol} not in the corpus"));
    scan.links[i].as_ref().map(|l| docs[l.old].name())
}

#[test]
fn the_trafficking_series_comes_out_in_order() {
    let scan = full();
    let docs = &scan.corpus.docs;
    let s = scan
        .series
        .iter()
        .find(|s| s.editions.iter().any(|&i| docs[i].name() == "A/RES/80/228"))
        .expect("a series holds A/RES/80/228");
    let names: Vec<&str> = s.editions.iter().map(|&i| docs[i].name()).collect();
    assert_eq!(
        names,
        [
            "A/RES/74/176",
            "A/RES/76/186",
            "A/RES/78/228",
            "A/RES/80/228"
        ]
    );
    assert_eq!(
        s.title,
        "Improving the coordination of efforts against trafficking in persons"
    );
    // Every link is backed by the resolution's own citation.
    assert!(s.links.iter().all(|l| l.cited && l.title == 1.0));
    // Consecutive editions carry most of their text over.
    let p = series::summarize_pair(&docs[s.editions[0]].edition, &docs[s.editions[1]].edition);
    assert!(p.carried_over > 60 && p.text_unchanged > 0.6, "{p:?}");
    assert!(p.added > 0);
}

/// `symbol<TAB>predecessor` rows of the gold file.
fn gold() -> Vec<(String, Option<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/corpus-links.tsv");
    let text = std::fs::read_to_string(&path).expect("gold file");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (a, b) = l.split_once('\t').expect("two columns");
            (a.to_string(), (b != "-").then(|| b.to_string()))
        })
        .collect()
}

#[test]
fn predecessor_links_match_the_gold_sample() {
    let scan = full();
    let rows = gold();
    assert!(
        rows.len() >= 50,
        "the sample must hold at least 50 resolutions"
    );
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    // How many gold links the LSH search alone proposes (citations and
    // titles add candidates of their own).
    let (mut gold_links, mut by_lsh) = (0usize, 0usize);
    let mut not_lsh = Vec::new();
    let docs = &scan.corpus.docs;
    let index_of = |s: &str| {
        docs.iter()
            .position(|d| d.edition.facts.symbol.as_deref() == Some(s))
    };
    for (sym, want) in &rows {
        if let (Some(n), Some(o)) = (index_of(sym), want.as_deref().and_then(index_of)) {
            gold_links += 1;
            if scan.index.candidates(n).contains(&o) {
                by_lsh += 1;
            } else {
                not_lsh.push(sym.as_str());
            }
        }
        let got = predecessor_of(scan, sym);
        match (want.as_deref(), got) {
            (Some(w), Some(g)) if w == g => tp += 1,
            (Some(w), Some(g)) => {
                fp += 1;
                fn_ += 1;
                wrong.push(format!("{sym}: {g}, gold {w}"));
            }
            (Some(w), None) => {
                fn_ += 1;
                wrong.push(format!("{sym}: none, gold {w}"));
            }
            (None, Some(g)) => {
                fp += 1;
                wrong.push(format!("{sym}: {g}, gold none"));
            }
            (None, None) => {}
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    eprintln!(
        "links on {} resolutions: {tp} right, {fp} wrong or extra, {fn_} missed; \
         precision {precision:.3}, recall {recall:.3}; {wrong:?}; \
         LSH candidates alone hold {by_lsh} of {gold_links} gold links (not: {not_lsh:?})",
        rows.len()
    );
    assert!(
        precision >= MIN_LINK_PRECISION,
        "precision {precision:.3}: {wrong:?}"
    );
    assert!(recall >= MIN_LINK_RECALL, "recall {recall:.3}: {wrong:?}");
}

/// A fixed pseudo-random sample of document indices (64-bit LCG).
fn sample(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut state = seed;
    let mut idx: Vec<usize> = (0..n).collect();
    for i in 0..k.min(n) {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = i + (state >> 33) as usize % (n - i);
        idx.swap(i, j);
    }
    idx.truncate(k.min(n));
    idx.sort_unstable();
    idx
}

#[test]
fn lsh_candidates_find_the_similar_pairs_all_pairs_finds() {
    let scan = full();
    let docs = &scan.corpus.docs;
    let ids = sample(docs.len(), SAMPLE, 9);
    let cands: HashMap<usize, Vec<usize>> =
        ids.iter().map(|&d| (d, scan.index.candidates(d))).collect();
    let mut report = Vec::new();
    let mut at_link_min = (0usize, 0usize);
    let mut missed = Vec::new();
    // Exact similarity of every pair of the sample, computed once.
    let mut pairs = Vec::with_capacity(SAMPLE * SAMPLE / 2);
    for (k, &a) in ids.iter().enumerate() {
        for &b in &ids[k + 1..] {
            pairs.push((a, b, index::jaccard(&docs[a].shingles, &docs[b].shingles)));
        }
    }
    for threshold in [0.15, links::CITED_CONTENT_MIN, 0.35, 0.5] {
        let (mut relevant, mut found) = (0usize, 0usize);
        for &(a, b, j) in &pairs {
            if j < threshold {
                continue;
            }
            relevant += 1;
            if cands[&a].contains(&b) || cands[&b].contains(&a) {
                found += 1;
            } else if threshold >= 0.35 {
                missed.push(format!("{}~{} J={j:.2}", docs[a].name(), docs[b].name()));
            }
        }
        if threshold == links::CITED_CONTENT_MIN {
            at_link_min = (relevant, found);
        }
        report.push(format!("J≥{threshold}: {found}/{relevant}"));
    }
    eprintln!(
        "LSH recall against all {} pairs of {SAMPLE} documents: {report:?}; missed: {missed:?}",
        SAMPLE * (SAMPLE - 1) / 2
    );
    let (relevant, found) = at_link_min;
    assert!(
        relevant >= 20,
        "too few similar pairs in the sample: {relevant}"
    );
    let recall = found as f64 / relevant as f64;
    assert!(recall >= MIN_LSH_RECALL, "LSH recall {recall:.3}");
}

/// A corpus folder of links to real files: the four trafficking editions
/// and three unrelated resolutions.
fn small_corpus() -> tempfile::TempDir {
    let t = tempfile::tempdir().expect("temp dir");
    let files: [(&str, &str); 7] = [
        ("74", "74_176.xml"),
        ("76", "A_RES_76_186-2119241E.xml"),
        ("78", "A_RES_78_228-2325978E.xml"),
        ("80", "A_RES_80_228-2520946E.xml"),
        ("74", "74_105.xml"),
        ("75", "75_263_E.xml"),
        ("79", "A_RES_79_86-2423531E.xml"),
    ];
    for (session, name) in files {
        let src: PathBuf = corpus_file(&format!("ga-akn/en/{session}/{name}"));
        assert!(src.is_file(), "{} missing", src.display());
        std::fs::create_dir_all(t.path().join(session)).expect("mkdir");
        std::os::unix::fs::symlink(&src, t.path().join(session).join(name)).expect("symlink");
    }
    t
}

#[test]
fn scan_json_follows_the_contract() {
    let dir = small_corpus();
    let out = resdiff()
        .args(["corpus", "scan", "--format", "json"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(v["schema"], "resdiff.corpus/1");
    let series = v["series"].as_array().expect("series list");
    assert_eq!(series.len(), 1, "{v:#}");
    let s = &series[0];
    let symbols: Vec<&str> = s["editions"]
        .as_array()
        .expect("editions")
        .iter()
        .map(|e| e["symbol"].as_str().expect("symbol"))
        .collect();
    assert_eq!(
        symbols,
        [
            "A/RES/74/176",
            "A/RES/76/186",
            "A/RES/78/228",
            "A/RES/80/228"
        ]
    );
    assert!(s["editions"][0]["source"]
        .as_str()
        .is_some_and(|p| p.ends_with("74_176.xml")));
    let pairs = s["pairs"].as_array().expect("pairs");
    assert_eq!(pairs.len(), 3);
    assert_eq!(pairs[0]["old"], "A/RES/74/176");
    assert_eq!(pairs[0]["new"], "A/RES/76/186");
    let sum = &pairs[0]["summary"];
    for k in [
        "unchanged",
        "changed",
        "added",
        "removed",
        "split",
        "merged",
        "moved",
        "carried_over",
    ] {
        assert!(sum[k].is_u64(), "{k} missing: {sum}");
    }
    let share = sum["text_unchanged"].as_f64().expect("share");
    assert!(share > 0.5 && share < 1.0, "{share}");
}

#[test]
fn scan_table_lists_series_and_counts() {
    let dir = small_corpus();
    let out = resdiff()
        .args(["corpus", "scan"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(
        text.contains(
            "Improving the coordination of efforts against trafficking in persons  (4 editions)"
        ),
        "{text}"
    );
    assert!(text.contains("% of text unchanged"), "{text}");
    assert!(
        text.contains("1 series of 4 editions; 3 of 7 editions in no series; 0 files skipped"),
        "{text}"
    );
}

#[test]
fn origin_finds_the_earliest_edition_of_a_clause() {
    let dir = small_corpus();
    // PP10 of 80/228 recalls the series' earlier resolutions; its first form
    // is PP9 of 74/176 (shorter list, same clause).
    let out = resdiff()
        .args(["corpus", "origin", "A/RES/80/228:PP10"])
        .arg(dir.path())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("UTF-8");
    let first = text.lines().next().unwrap_or("");
    assert!(
        first.starts_with("origin: A/RES/74/176 PP9 (2019-12-18)"),
        "{text}"
    );
    assert!(text.contains("also: A/RES/80/228 PP10"), "{text}");
    // (synthetic) a clause no resolution holds.
    resdiff()
        .args([
            "corpus",
            "origin",
            "Decides to rename every synthetic widget after a colour of the rainbow",
        ])
        .arg(dir.path())
        .assert()
        .code(1);
    // A reference to a unit that does not exist is trouble, with a hint.
    resdiff()
        .args(["corpus", "origin", "74/176:OP99"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("has no unit OP99"));
}

#[test]
fn import_files_whole_series_into_the_store() {
    let dir = small_corpus();
    let store = tempfile::tempdir().expect("temp dir");
    let env = [
        ("HOME", store.path().display().to_string()),
        ("GIT_CONFIG_NOSYSTEM", "1".into()),
        ("GIT_AUTHOR_NAME", "Corpus Test".into()),
        ("GIT_AUTHOR_EMAIL", "corpus-test@example.org".into()),
        ("GIT_COMMITTER_NAME", "Corpus Test".into()),
        ("GIT_COMMITTER_EMAIL", "corpus-test@example.org".into()),
    ];
    let mut init = resdiff();
    init.current_dir(store.path()).envs(env.clone()).arg("init");
    init.assert().success();
    let run = || {
        let mut c = resdiff();
        c.current_dir(store.path())
            .envs(env.clone())
            .args(["corpus", "import"])
            .arg(dir.path())
            .arg("--store")
            .arg(store.path());
        let out = c.assert().success().get_output().clone();
        // stderr is not a terminal here: no progress line.
        assert!(!String::from_utf8_lossy(&out.stderr).contains("importing"));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let first = run();
    assert!(
        first.contains("improving-the-coordination-of-efforts-against-trafficking-in: 4 editions (4 imported, 0 already stored)"),
        "{first}"
    );
    let catalog = std::fs::read_to_string(store.path().join("catalog.toml")).expect("catalogue");
    assert_eq!(catalog.matches("[[edition]]").count(), 4, "{catalog}");
    // A second run finds everything stored.
    let second = run();
    assert!(
        second.contains("4 editions: 0 imported, 4 already stored"),
        "{second}"
    );
    let log = resdiff()
        .current_dir(store.path())
        .envs(env.clone())
        .args([
            "log",
            "improving-the-coordination-of-efforts-against-trafficking-in",
            "--store",
        ])
        .arg(store.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let log = String::from_utf8(log).expect("UTF-8");
    assert!(
        log.contains("A/RES/74/176") && log.contains("A/RES/78/228"),
        "{log}"
    );
}

#[test]
fn an_empty_folder_is_trouble() {
    let t = tempfile::tempdir().expect("temp dir");
    resdiff()
        .args(["corpus", "scan"])
        .arg(t.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("holds no files"));
}

#[test]
fn import_skips_editions_the_store_refuses_and_says_so() {
    // A/RES/74/92 A-B and A/RES/75/101 A-B each print two resolutions that
    // number their paragraphs from 1, which one canonical file cannot hold:
    // both are refused and said, and the store stays whole.
    let dir = tempfile::tempdir().expect("temp dir");
    for (session, name) in [("74", "74_92.xml"), ("75", "75_101A-B_E.xml")] {
        let src = corpus_file(&format!("ga-akn/en/{session}/{name}"));
        std::fs::create_dir_all(dir.path().join(session)).expect("mkdir");
        std::os::unix::fs::symlink(&src, dir.path().join(session).join(name)).expect("symlink");
    }
    let store = tempfile::tempdir().expect("temp dir");
    let env = [
        ("HOME", store.path().display().to_string()),
        ("GIT_CONFIG_NOSYSTEM", "1".into()),
        ("GIT_AUTHOR_NAME", "Corpus Test".into()),
        ("GIT_AUTHOR_EMAIL", "corpus-test@example.org".into()),
        ("GIT_COMMITTER_NAME", "Corpus Test".into()),
        ("GIT_COMMITTER_EMAIL", "corpus-test@example.org".into()),
    ];
    let run = |args: &[&str]| {
        let mut c = resdiff();
        c.current_dir(store.path()).envs(env.clone()).args(args);
        c
    };
    run(&["init"]).assert().success();
    run(&["corpus", "import"])
        .arg(dir.path())
        .arg("--store")
        .arg(store.path())
        .assert()
        .code(2)
        .stdout(predicates::str::contains(
            "2 editions (0 imported, 0 already stored, 2 not imported)",
        ))
        .stderr(predicates::str::contains(
            "A/RES/74/92 A-B (series questions-relating-to-information) not imported",
        ))
        .stderr(predicates::str::contains("numbers OP1 twice"))
        .stderr(predicates::str::contains(
            "2 of 2 editions could not be imported",
        ));
    run(&["fsck", "--store"])
        .arg(store.path())
        .assert()
        .success();
}
