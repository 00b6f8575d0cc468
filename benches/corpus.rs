//! Whole-corpus scan over the English GA corpus (../shared/corpus/ga-akn/en,
//! 2,236 files): reading, shingling and MinHash on all cores, LSH candidate
//! search, predecessor links, series and the change summary of every
//! consecutive pair — what `resdiff corpus scan` does. Prints the time of
//! each phase, the best of a few passes, and the per-document cost.
//!
//! Run with `cargo bench --bench corpus` (peak memory: run the built bench
//! binary under `/usr/bin/time -v`); set RESDIFF_SHARED to read the corpus
//! from elsewhere and RESDIFF_BENCH_THREADS to change the thread count.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use resdiff::corpus::{self, series, Corpus, CorpusOptions};

/// Timed passes; the fastest is reported, as the machine is shared.
const PASSES: usize = 3;

/// CPU time (user + system) of this process so far, in seconds: on a
/// shared machine wall time says little, CPU time gives the per-document
/// cost.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
        return 0.0;
    }
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(u.ru_utime) + tv(u.ru_stime)
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not,
    // and a debug pass over 2,236 files is not a test.
    if !std::env::args().any(|a| a == "--bench") {
        println!("corpus benchmark: run it with `cargo bench --bench corpus`");
        return;
    }
    let shared = std::env::var_os("RESDIFF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let root = shared.join("corpus/ga-akn/en");
    let threads = std::env::var("RESDIFF_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let opts = CorpusOptions {
        lang: None,
        threads,
    };
    println!(
        "corpus scan of {} on {} threads",
        root.display(),
        opts.thread_count()
    );
    let mut best: Option<[Duration; 4]> = None;
    let mut stats = String::new();
    for pass in 0..PASSES {
        let (t0, c0) = (Instant::now(), cpu_seconds());
        let files = corpus::list_inputs(&root).expect("corpus folder");
        let c = Corpus::load(&files, &opts);
        let (t1, c1) = (Instant::now(), cpu_seconds());
        let found = corpus::discover(c, &opts);
        let (t2, c2) = (Instant::now(), cpu_seconds());
        let pairs = series::summarize(&found.corpus, &found.series, &opts);
        let (t3, c3) = (Instant::now(), cpu_seconds());
        let n_pairs: usize = pairs.iter().map(|p| p.len()).sum();
        println!(
            "pass {} CPU: read {:.2} s ({:.2} ms/document), index+links {:.2} s ({:.2} ms/document), \
             pair summaries {:.2} s ({:.2} ms/pair), total {:.2} s ({:.2} ms/document)",
            pass + 1,
            c1 - c0,
            (c1 - c0) * 1000.0 / files.len().max(1) as f64,
            c2 - c1,
            (c2 - c1) * 1000.0 / files.len().max(1) as f64,
            c3 - c2,
            (c3 - c2) * 1000.0 / n_pairs.max(1) as f64,
            c3 - c0,
            (c3 - c0) * 1000.0 / files.len().max(1) as f64
        );
        let phases = [t1 - t0, t2 - t1, t3 - t2, t3 - t0];
        println!(
            "pass {}: read {:.2} s, index+links {:.2} s, pair summaries {:.2} s, total {:.2} s",
            pass + 1,
            phases[0].as_secs_f64(),
            phases[1].as_secs_f64(),
            phases[2].as_secs_f64(),
            phases[3].as_secs_f64()
        );
        if best.map_or(true, |b| phases[3] < b[3]) {
            best = Some(phases);
        }
        stats = format!(
            "{} files, {} editions read, {} skipped; {} series, {} editions in series, {} pairs compared",
            files.len(),
            found.corpus.docs.len(),
            found.corpus.skipped.len(),
            found.series.len(),
            found.series.iter().map(|s| s.editions.len()).sum::<usize>(),
            n_pairs
        );
    }
    let Some(b) = best else { return };
    let n = 2236.0;
    println!("{stats}");
    println!(
        "best: total {:.2} s (read {:.2} s, index+links {:.2} s, summaries {:.2} s); {:.2} ms wall per document",
        b[3].as_secs_f64(),
        b[0].as_secs_f64(),
        b[1].as_secs_f64(),
        b[2].as_secs_f64(),
        b[3].as_secs_f64() * 1000.0 / n
    );
}
