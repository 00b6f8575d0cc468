//! A bounded fuzz run that CI can afford: arbitrary bytes and mutated real
//! documents go through `ingest::read_bytes` (sniff, decode, every reader
//! but PDF), which must return — an edition or an error — without a panic
//! and within a time bound per input. The seed documents are read from
//! ../shared at test time (AKN XML, clean texts) or made from them (DOCX by
//! the DOCX writer, HTML pages); the mutations come from a seeded RNG, so a
//! run is reproducible. PDF inputs are left out: they go to the external
//! pdftotext. The long runs are the cargo-fuzz targets in fuzz/.
mod common;
use common::*;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use resdiff::ingest::{self, ReadOptions};

/// Longest a debug build may take on one input (real documents take well
/// under a second; a quadratic path on a mutated one takes far longer).
const PER_INPUT: Duration = Duration::from_secs(3);

/// Read `bytes`, asserting it returns in time. A panic fails the test.
fn read_in_time(bytes: &[u8]) {
    if bytes.starts_with(b"%PDF-") {
        return;
    }
    let start = Instant::now();
    let _ = ingest::read_bytes(bytes, "smoke", &ReadOptions::default());
    let took = start.elapsed();
    assert!(
        took < PER_INPUT,
        "took {took:?} on an input of {} bytes",
        bytes.len()
    );
}

/// The seed documents: a few of each format, small ones first.
fn seeds() -> &'static Vec<Vec<u8>> {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out = Vec::new();
        for rel in [
            "akn/en/A-RES-74-176.xml",
            "akn/fr/A-RES-76-186.xml",
            "akn/ar/A-RES-78-228.xml",
            "akn/zh/A-RES-74-176.xml",
        ] {
            out.push(std::fs::read(corpus(rel)).expect("shared AKN file"));
        }
        for rel in [
            "fulltext/en/A-RES-78-228.txt",
            "fulltext/ru/A-RES-76-186.txt",
            "fulltext/ar/A-RES-74-176.txt",
            "excerpts/es/A-RES-70-179__1.txt",
        ] {
            let text = std::fs::read(corpus(rel)).expect("shared text file");
            out.push(html_page(&String::from_utf8_lossy(&text)));
            out.push(text);
        }
        let ed = ingest::read_path(&corpus("akn/en/A-RES-76-186.xml"), &ReadOptions::default())
            .expect("the AKN seed reads");
        out.push(resdiff::render::docx::docx_bytes(&ed).expect("DOCX writer"));
        out
    })
}

/// An HTML page of the text's lines, every fifth in a lettered list.
fn html_page(text: &str) -> Vec<u8> {
    let mut s = String::from("<!DOCTYPE html><html><head><title>t</title></head><body>");
    for (k, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let line = line.replace('&', "&amp;").replace('<', "&lt;");
        if k % 5 == 4 {
            s.push_str(&format!("<ol type=\"a\"><li>{line}<sup>1</sup></li></ol>"));
        } else {
            s.push_str(&format!("<p>{line}</p>"));
        }
    }
    s.push_str("</body></html>");
    s.into_bytes()
}

/// A small deterministic generator (xorshift64*) driven by proptest's seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Bytes that matter to the readers, for insertions.
const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"</",
    b"&",
    b"&#x",
    b";",
    b"\"",
    b"<p>",
    b"</p>",
    b"<li>",
    b"<ol start=\"",
    b"<point>",
    b"</point>",
    b"<num>",
    b"<paragraph>",
    b"<authorialNote>",
    b"\n",
    b"\x0c",
    b"\r",
    b"\0",
    b"[^",
    b"]",
    b"(a)",
    b"1.",
    b"99999999999",
    b"_____",
    b"Footnotes:",
    b"\xE2\x80\xAE",
    b"\xD9\xA1",
    b"\xEF\xBC\x88",
    b"\xFF\xFE",
    b"PK\x03\x04",
];

/// Apply `n` random edits: flip, insert a token or random bytes, delete,
/// duplicate or move a range, truncate.
fn mutate(mut b: Vec<u8>, seed: u64, n: usize) -> Vec<u8> {
    let mut r = Rng(seed | 1);
    for _ in 0..n {
        let len = b.len();
        let at = r.below(len + 1);
        match r.below(7) {
            0 if len > 0 => {
                let i = r.below(len);
                b[i] ^= 1 << r.below(8);
            }
            1 => {
                let t = TOKENS[r.below(TOKENS.len())];
                b.splice(at..at, t.iter().copied());
            }
            2 => {
                let k = r.below(16) + 1;
                let bytes: Vec<u8> = (0..k).map(|_| r.next() as u8).collect();
                b.splice(at..at, bytes);
            }
            3 => {
                let end = (at + r.below(256)).min(len);
                b.drain(at..end);
            }
            4 => {
                let end = (at + r.below(4096)).min(len);
                let piece = b[at..end].to_vec();
                let to = r.below(b.len() + 1);
                b.splice(to..to, piece);
            }
            5 => b.truncate(at),
            _ => {}
        }
    }
    b
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        rng_seed: RngSeed::Fixed(0x5EED_2026),
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        read_in_time(&bytes);
    }

    #[test]
    fn arbitrary_text(s in "\\PC{0,400}") {
        read_in_time(s.as_bytes());
        let page = format!("<html><body><p>{s}</p><ol><li>{s}</li></ol></body></html>");
        read_in_time(page.as_bytes());
    }
}

proptest! {
    #![proptest_config(config(100))]

    #[test]
    fn mutated_real_documents(pick in 0usize..64, seed in any::<u64>(), edits in 1usize..12) {
        let docs = seeds();
        let doc = docs[pick % docs.len()].clone();
        read_in_time(&mutate(doc, seed, edits));
    }
}

#[test]
fn mutations_change_the_seed_documents() {
    // The mutator must actually mutate, or the smoke run tests nothing.
    let doc = seeds()[0].clone();
    let changed = (0..20)
        .filter(|&s| mutate(doc.clone(), s, 4) != doc)
        .count();
    assert!(
        changed >= 15,
        "only {changed} of 20 mutations changed the document"
    );
}
