//! Throughput of the AKN reader over the English GA corpus
//! (../shared/corpus/ga-akn/en, 2,236 files, about 109 MB), with a baseline
//! in the same run: a bare quick-xml event scan of the same bytes, the
//! least any XML reader must do. Prints files/s, MB/s and the ratio.
//!
//! Run with `cargo bench --bench ingest`; set RESDIFF_SHARED to read the
//! corpus from elsewhere.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use quick_xml::events::Event;
use quick_xml::Reader;
use resdiff::ingest::{akn, decode, read_bytes, ReadOptions};

/// Timed passes over the whole folder; the fastest is reported, as the
/// machine is shared with other jobs.
const PASSES: usize = 3;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let shared = std::env::var_os("RESDIFF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let root = shared.join("corpus/ga-akn/en");
    let mut files = Vec::new();
    let sessions =
        std::fs::read_dir(&root).unwrap_or_else(|e| panic!("cannot list {}: {e}", root.display()));
    for s in sessions.flatten() {
        let Ok(entries) = std::fs::read_dir(s.path()) else {
            continue;
        };
        for f in entries.flatten() {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "xml") {
                let bytes = std::fs::read(&p).expect("readable corpus file");
                files.push((p.display().to_string(), bytes));
            }
        }
    }
    files.sort();
    files
}

/// Count the events of one document: the baseline.
fn scan(bytes: &[u8]) -> usize {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut n = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => {
                black_box(&e);
                n += 1;
            }
        }
        buf.clear();
    }
    n
}

fn best<F: FnMut() -> usize>(mut f: F) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut out = 0;
    for _ in 0..PASSES {
        let t = Instant::now();
        out = f();
        best = best.min(t.elapsed());
    }
    (best, out)
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not,
    // and a debug pass over 109 MB is not a test.
    if !std::env::args().any(|a| a == "--bench") {
        println!("ingest benchmark: run it with `cargo bench --bench ingest`");
        return;
    }
    let files = corpus();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mb = bytes as f64 / 1e6;
    let n = files.len() as f64;
    println!("corpus: {} files, {:.1} MB", files.len(), mb);

    let (t_scan, events) = best(|| files.iter().map(|(_, b)| scan(b)).sum());
    let opts = ReadOptions::default();
    let (t_read, units) = best(|| {
        files
            .iter()
            .map(|(name, b)| read_bytes(b, name, &opts).map_or(0, |ed| ed.units.len()))
            .sum()
    });

    let texts: Vec<(&str, String)> = files
        .iter()
        .filter_map(|(name, b)| Some((name.as_str(), decode::decode(b).ok()?.text)))
        .collect();
    let (t_parse, _) = best(|| {
        texts
            .iter()
            .map(|(name, t)| akn::parse(t, name, &opts).map_or(0, |ed| ed.units.len()))
            .sum()
    });

    let line = |what: &str, t: Duration| {
        let s = t.as_secs_f64();
        println!(
            "{what:<38} {:>8.3} s {:>9.0} files/s {:>8.1} MB/s",
            s,
            n / s,
            mb / s
        );
    };
    line("baseline: quick-xml event scan", t_scan);
    line("resdiff AKN reader (decode + parse)", t_read);
    line("  of which AKN parse (text decoded)", t_parse);
    println!(
        "reader / baseline time: {:.2}x  ({events} events, {units} units)",
        t_read.as_secs_f64() / t_scan.as_secs_f64()
    );
}
