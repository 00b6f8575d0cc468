//! Whole-process timings of the version store, through the binary:
//! `resdiff blame 80/228@en` over the four stored English editions of the
//! trafficking series (target: under 50 ms), and one `resdiff import` of 100
//! editions (target: under 10 s). The 100 editions are the four AKN English
//! editions rewritten as canonical files under invented symbols
//! (A/RES/901/1 …), so the import does real parsing, rendering and commits.
//!
//! Run with `cargo bench --bench store`; set RESDIFF_SHARED to read the
//! corpus from elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use resdiff::ingest::{read_path, ReadOptions};
use resdiff::render::canonical::render;

/// Timed runs of blame; the fastest and the median are reported, as the
/// machine is shared with other jobs.
const BLAME_RUNS: usize = 15;
/// Editions imported in one process.
const IMPORTS: usize = 100;

const EDITIONS: [&str; 4] = [
    "A-RES-74-176",
    "A-RES-76-186",
    "A-RES-78-228",
    "A-RES-80-228",
];

fn shared() -> PathBuf {
    std::env::var_os("RESDIFF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

fn resdiff(root: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_resdiff"));
    c.current_dir(root)
        .env_remove("RESDIFF_STORE")
        .env("HOME", root)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.org")
        .env("GIT_AUTHOR_DATE", "@1700000000 +0000");
    c
}

fn run(c: &mut Command) -> Duration {
    let t = Instant::now();
    let out = c.output().expect("run resdiff");
    let d = t.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    d
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let akn = shared().join("corpus/akn/en");
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    run(resdiff(root).arg("init"));
    let files: Vec<PathBuf> = EDITIONS
        .iter()
        .map(|e| akn.join(format!("{e}.xml")))
        .collect();
    run(resdiff(root)
        .args(["import", "--series", "trafficking-coordination"])
        .args(&files));

    let mut times: Vec<Duration> = (0..BLAME_RUNS)
        .map(|_| {
            run(resdiff(root)
                .args(["blame", "80/228@en"])
                .stdout(std::process::Stdio::null()))
        })
        .collect();
    times.sort();
    println!(
        "blame 80/228@en over 4 editions (whole process): fastest {:.1} ms, median {:.1} ms ({} runs)",
        ms(times[0]),
        ms(times[BLAME_RUNS / 2]),
        BLAME_RUNS
    );

    // 100 canonical editions under invented symbols.
    let src = tempfile::tempdir().expect("temp dir");
    let mut inputs = Vec::new();
    for i in 0..IMPORTS {
        let mut ed = read_path(&files[i % files.len()], &ReadOptions::default()).expect("read AKN");
        ed.facts.symbol = Some(format!("A/RES/{}/1", 901 + i));
        ed.facts.adopted = None;
        let p = src.path().join(format!("e{i}.txt"));
        std::fs::write(&p, render(&ed)).expect("write input");
        inputs.push(p);
    }
    let d = run(resdiff(root)
        .args(["import", "--series", "bench"])
        .args(&inputs));
    println!(
        "import of {IMPORTS} editions in one process: {:.2} s ({:.1} ms per edition)",
        d.as_secs_f64(),
        ms(d) / IMPORTS as f64
    );
    let d = run(resdiff(root)
        .arg("fsck")
        .stdout(std::process::Stdio::null()));
    println!(
        "fsck of {} files: {:.1} ms",
        IMPORTS + EDITIONS.len(),
        ms(d)
    );
}
