//! Candidate search over a whole corpus: which documents are close enough in
//! text to be worth comparing, without comparing all pairs.
//!
//! Each document becomes the set of its word shingles (runs of
//! [`SHINGLE_WORDS`] comparison keys, hashed). A MinHash signature of
//! [`BANDS`] × [`ROWS`] values estimates the Jaccard similarity of two sets;
//! documents that agree on all rows of at least one band land in the same
//! bucket and become candidates (locality-sensitive hashing). A pair with
//! Jaccard similarity `s` becomes a candidate with probability
//! `1 − (1 − s^ROWS)^BANDS`: 0.27 at s = 0.1, 0.73 at 0.2, 0.95 at 0.3 and
//! above 0.99 from 0.4. The cost is linear in the corpus plus the bucket
//! sizes, and each document keeps at most [`MAX_CANDIDATES`] candidates.
//! Exact similarities ([`jaccard`], [`containment`]) are then computed on
//! the candidates only.

use std::collections::HashMap;

use crate::model::Edition;
use crate::normalize::{self, ExactKeys};

/// Words per shingle. Four keeps shared boilerplate phrases ("Requests the
/// Secretary-General to") from dominating while a reworded clause still
/// shares most of its shingles with the old one.
pub const SHINGLE_WORDS: usize = 4;

/// LSH bands. With [`ROWS`] = 2 this finds pairs from Jaccard similarity
/// 0.3 on with probability ≥ 0.95 (see the module comment); successive
/// editions of a recurring resolution measure 0.3–0.9.
pub const BANDS: usize = 32;

/// MinHash values per band.
pub const ROWS: usize = 2;

/// Length of a MinHash signature.
pub const SIGNATURE_LEN: usize = BANDS * ROWS;

/// Candidates kept per document, the ones sharing most bands first. Far
/// more than the editions of one series in a corpus of sessions, and a
/// bound on the exact comparisons made per document. Families of
/// near-identical texts (the resolutions on the eleven Non-Self-Governing
/// Territories, over seven sessions) hold close to a hundred members; at 60
/// a few of their pairs at Jaccard 0.5 were cut.
pub const MAX_CANDIDATES: usize = 100;

/// A bucket with more members than this is a shared piece of boilerplate
/// (e.g. the same short procedural text in many decisions); it is skipped so
/// that one bucket cannot make the search quadratic.
pub const MAX_BUCKET: usize = 400;

/// 64-bit mixing function (splitmix64 finaliser).
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// FNV-1a hash of a key.
fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Hashes of the comparison keys of a text, in order.
pub fn key_hashes(text: &str, lang: crate::model::Language, out: &mut Vec<u64>) {
    normalize::for_each_key(text, lang, &ExactKeys, |k| out.push(hash_str(k)));
}

/// Distinct shingle hashes of a sequence of key hashes, appended to `out`
/// (not sorted). A text shorter than a shingle gives one shingle of all its
/// words.
pub fn shingles_of(words: &[u64], out: &mut Vec<u64>) {
    if words.is_empty() {
        return;
    }
    let k = SHINGLE_WORDS.min(words.len());
    for w in words.windows(k) {
        let mut h = 0x9e37_79b9_7f4a_7c15u64;
        for &x in w {
            h = mix(h ^ x);
        }
        out.push(h);
    }
}

/// Distinct shingle hashes of an edition's units, ascending. Shingles do
/// not cross unit boundaries, so the order of clauses does not matter.
pub fn shingles(ed: &Edition) -> Vec<u64> {
    let mut out = Vec::new();
    let mut words = Vec::new();
    for u in &ed.units {
        words.clear();
        key_hashes(&u.text, ed.language, &mut words);
        shingles_of(&words, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Size of the intersection of two ascending, distinct lists.
pub fn intersection<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Jaccard similarity of two shingle sets (0 when both are empty).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let i = intersection(a, b);
    let u = a.len() + b.len() - i;
    if u == 0 {
        0.0
    } else {
        i as f64 / u as f64
    }
}

/// Share of `a`'s shingles found in `b` (0 when `a` is empty).
pub fn containment(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() {
        0.0
    } else {
        intersection(a, b) as f64 / a.len() as f64
    }
}

/// MinHash signature of a shingle set by one-permutation hashing: each
/// shingle is hashed once and falls into one of [`SIGNATURE_LEN`] bins by
/// its low bits; a bin keeps the least hash it receives. A bin no shingle
/// fell into borrows the value of the next filled bin to its right
/// (circularly), marked with the distance, so that two sets agree on it
/// with the same probability as on a filled bin (densification, Shrivastava
/// 2017). One hash per shingle instead of one per shingle and bin keeps
/// this step cheap; for documents of thousands of shingles the estimate is
/// that of classic MinHash.
pub fn signature(shingles: &[u64]) -> [u64; SIGNATURE_LEN] {
    let mut sig = [u64::MAX; SIGNATURE_LEN];
    for &x in shingles {
        let h = mix(x ^ 0x2545_f491_4f6c_dd1d);
        let bin = (h % SIGNATURE_LEN as u64) as usize;
        let v = h / SIGNATURE_LEN as u64;
        if v < sig[bin] {
            sig[bin] = v;
        }
    }
    if shingles.is_empty() {
        return sig;
    }
    let filled = sig;
    for (i, s) in sig.iter_mut().enumerate() {
        if *s != u64::MAX {
            continue;
        }
        for d in 1..SIGNATURE_LEN {
            let v = filled[(i + d) % SIGNATURE_LEN];
            if v != u64::MAX {
                *s = mix(v ^ d as u64);
                break;
            }
        }
    }
    sig
}

/// The LSH index of a set of documents.
#[derive(Debug, Default)]
pub struct LshIndex {
    /// Band hashes of each document, `BANDS` per document.
    bands: Vec<[u64; BANDS]>,
    /// MinHash signature of each document.
    signatures: Vec<[u64; SIGNATURE_LEN]>,
    /// Members of each (band, band hash) bucket.
    buckets: HashMap<(u16, u64), Vec<u32>>,
}

impl LshIndex {
    /// Index documents given by their shingle sets; signatures are computed
    /// on `threads` threads.
    pub fn build(sets: &[&[u64]], threads: usize) -> LshIndex {
        let signatures: Vec<[u64; SIGNATURE_LEN]> = super::par_map(sets, threads, |s| signature(s));
        let bands: Vec<[u64; BANDS]> = signatures
            .iter()
            .map(|sig| {
                std::array::from_fn(|b| {
                    let mut h = 0x51_7cc1_b727_220a_u64 ^ b as u64;
                    for &v in &sig[b * ROWS..(b + 1) * ROWS] {
                        h = mix(h ^ v);
                    }
                    h
                })
            })
            .collect();
        let mut buckets: HashMap<(u16, u64), Vec<u32>> = HashMap::new();
        for (d, bs) in bands.iter().enumerate() {
            // An empty document has a signature of u64::MAX everywhere and
            // would collide with every other empty one; it has no candidates.
            if sets[d].is_empty() {
                continue;
            }
            for (b, &h) in bs.iter().enumerate() {
                buckets.entry((b as u16, h)).or_default().push(d as u32);
            }
        }
        LshIndex {
            bands,
            signatures,
            buckets,
        }
    }

    /// Estimated Jaccard similarity of two indexed documents: the share of
    /// signature values they agree on (standard error about 0.06 at 0.7);
    /// 0 for an index out of range.
    pub fn estimate(&self, a: usize, b: usize) -> f64 {
        match (self.signatures.get(a), self.signatures.get(b)) {
            (Some(x), Some(y)) => {
                x.iter().zip(y).filter(|(p, q)| p == q).count() as f64 / SIGNATURE_LEN as f64
            }
            _ => 0.0,
        }
    }

    /// Number of indexed documents.
    pub fn len(&self) -> usize {
        self.bands.len()
    }

    /// True when no document is indexed.
    pub fn is_empty(&self) -> bool {
        self.bands.is_empty()
    }

    /// Candidates of document `d`: documents sharing at least one band
    /// bucket with it, most shared bands first (ties by index), at most
    /// [`MAX_CANDIDATES`].
    pub fn candidates(&self, d: usize) -> Vec<usize> {
        let Some(bs) = self.bands.get(d) else {
            return Vec::new();
        };
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for (b, &h) in bs.iter().enumerate() {
            let Some(members) = self.buckets.get(&(b as u16, h)) else {
                continue;
            };
            if members.len() > MAX_BUCKET {
                continue;
            }
            for &m in members {
                if m as usize != d {
                    *counts.entry(m).or_insert(0) += 1;
                }
            }
        }
        let mut out: Vec<(u32, u32)> = counts.into_iter().collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(MAX_CANDIDATES);
        out.into_iter().map(|(m, _)| m as usize).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    fn set(text: &str) -> Vec<u64> {
        let mut w = Vec::new();
        key_hashes(text, Language::En, &mut w);
        let mut s = Vec::new();
        shingles_of(&w, &mut s);
        s.sort_unstable();
        s.dedup();
        s
    }

    #[test]
    fn similar_texts_share_shingles() {
        // (synthetic)
        let a = set("Requests the Secretary-General to submit a report on the synthetic widgets programme at its next session");
        let b = set("Requests the Secretary-General to submit a report on the synthetic widgets programme at its following session");
        let c = set("Decides to include in the provisional agenda an item entitled synthetic gadgets and gizmos");
        assert!(jaccard(&a, &b) > 0.6, "{}", jaccard(&a, &b));
        assert!(jaccard(&a, &c) < 0.1);
        assert_eq!(containment(&a, &a), 1.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }

    #[test]
    fn signatures_estimate_jaccard_similarity() {
        let a: Vec<u64> = (0..3000u64).map(mix).collect();
        // Half of b is a's first half: Jaccard 1500 / 4500 = 1/3.
        let mut b: Vec<u64> = (0..1500u64).map(mix).collect();
        b.extend((10_000..11_500u64).map(mix));
        let (sa, sb) = (signature(&a), signature(&b));
        let agree = sa.iter().zip(&sb).filter(|(x, y)| x == y).count() as f64;
        let est = agree / SIGNATURE_LEN as f64;
        assert!((0.15..0.55).contains(&est), "estimate {est}");
        assert_eq!(signature(&a), signature(&a));
        // A tiny set fills every bin by densification.
        assert!(signature(&[42]).iter().all(|&v| v != u64::MAX));
    }

    #[test]
    fn short_texts_still_have_a_shingle() {
        assert_eq!(set("synthetic clause").len(), 1);
        assert!(set("").is_empty());
    }

    #[test]
    fn lsh_finds_near_duplicates_and_skips_unrelated() {
        // (synthetic) long enough texts that the signatures are stable.
        let base: Vec<String> = (0..300).map(|i| format!("word{i}")).collect();
        let mut near = base.clone();
        for w in near.iter_mut().step_by(40) {
            w.push('x');
        }
        let other: Vec<String> = (0..300).map(|i| format!("other{i}")).collect();
        let sets: Vec<Vec<u64>> = [&base, &near, &other]
            .iter()
            .map(|ws| set(&ws.join(" ")))
            .collect();
        let refs: Vec<&[u64]> = sets.iter().map(|s| s.as_slice()).collect();
        let idx = LshIndex::build(&refs, 2);
        assert_eq!(idx.len(), 3);
        assert_eq!(idx.candidates(0), vec![1]);
        assert_eq!(idx.candidates(1), vec![0]);
        assert!(idx.candidates(2).is_empty());
        assert!(idx.candidates(7).is_empty());
    }
}
