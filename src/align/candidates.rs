//! Candidate search: which pairs of units are worth scoring.
//!
//! Scoring every old unit against every new unit is quadratic. Instead each
//! unit is described by *features* — its distinct key unigrams and bigrams —
//! and an inverted index from feature to units gives, for every unit, the
//! units of the other edition sharing the most inverse-document-frequency
//! weight. Very common features (long postings) are skipped, except a unit's
//! few rarest ones, so the work stays near linear in the number of units.

use super::HashMap;

/// Candidates kept per unit, in each direction (old→new and new→old).
pub const CANDIDATES_PER_UNIT: usize = 6;

/// A feature carried by more units than this (both editions together) is
/// too common to discriminate and is skipped …
pub const MAX_POSTINGS: usize = 64;

/// … except for each unit's this many rarest features, so that a unit made
/// only of common words still finds its counterpart.
pub const RAREST_ALWAYS: usize = 4;

/// Marks a unigram feature (bigrams pack two token ids into 64 bits).
const UNIGRAM: u64 = (u32::MAX as u64) << 32;

fn features(keys: &[u32]) -> Vec<u64> {
    let mut f: Vec<u64> = keys.iter().map(|&t| UNIGRAM | u64::from(t)).collect();
    f.extend(
        keys.windows(2)
            .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1])),
    );
    f.sort_unstable();
    f.dedup();
    f
}

/// Every feature of both editions, numbered: its postings and weight.
///
/// Postings are kept flat (one array per side, sliced by offsets) rather than
/// as a vector per feature: a pair of editions has tens of thousands of
/// features, most seen once, and one allocation each dominated the search.
struct Table {
    /// The feature itself (ties between equally rare features are broken by it).
    feat: Vec<u64>,
    /// Postings of each side: units of feature `f` are
    /// `units[side][start[side][f]..start[side][f + 1]]`.
    start: [Vec<u32>; 2],
    units: [Vec<u32>; 2],
}

impl Table {
    /// Units of `side` that carry feature `f`.
    fn postings(&self, side: usize, f: u32) -> &[u32] {
        let s = &self.start[side];
        &self.units[side][s[f as usize] as usize..s[f as usize + 1] as usize]
    }

    /// Number of units, both sides together, that carry feature `f`.
    fn df(&self, f: u32) -> usize {
        (0..2)
            .map(|side| {
                let s = &self.start[side];
                (s[f as usize + 1] - s[f as usize]) as usize
            })
            .sum()
    }
}

/// Feature numbers of each unit of one side, in increasing feature order.
fn number(keys: &[Vec<u32>], ids: &mut HashMap<u64, u32>, feat: &mut Vec<u64>) -> Vec<Vec<u32>> {
    keys.iter()
        .map(|k| {
            features(k)
                .into_iter()
                .map(|f| {
                    let next = feat.len() as u32;
                    let n = *ids.entry(f).or_insert(next);
                    if n == next {
                        feat.push(f);
                    }
                    n
                })
                .collect()
        })
        .collect()
}

/// Flat postings of one side: offsets per feature and the units.
fn postings(per_unit: &[Vec<u32>], features: usize) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; features + 1];
    for fs in per_unit {
        for &f in fs {
            start[f as usize + 1] += 1;
        }
    }
    for f in 0..features {
        start[f + 1] += start[f];
    }
    let mut fill = start.clone();
    let mut units = vec![0u32; start[features] as usize];
    for (u, fs) in per_unit.iter().enumerate() {
        for &f in fs {
            units[fill[f as usize] as usize] = u as u32;
            fill[f as usize] += 1;
        }
    }
    (start, units)
}

/// Candidate pairs `(old, new)` for units with keys `old` and `new`,
/// deduplicated, in no particular order; with `parallel`, the two directions
/// of the search run on two threads.
pub(crate) fn candidate_pairs(
    old: &[Vec<u32>],
    new: &[Vec<u32>],
    parallel: bool,
) -> Vec<(usize, usize)> {
    // Each feature is hashed once, when numbered; everything after works on
    // feature numbers.
    let mut ids: HashMap<u64, u32> =
        HashMap::with_capacity_and_hasher(old.len() * 40, Default::default());
    let mut feat = Vec::new();
    let of = number(old, &mut ids, &mut feat);
    let nf = number(new, &mut ids, &mut feat);
    drop(ids);
    let (so, uo) = postings(&of, feat.len());
    let (sn, un) = postings(&nf, feat.len());
    let table = Table {
        feat,
        start: [so, sn],
        units: [uo, un],
    };
    let total = (old.len() + new.len()) as f64;
    let df: Vec<usize> = (0..table.feat.len() as u32).map(|f| table.df(f)).collect();
    let weight: Vec<f64> = df.iter().map(|&d| (total / d as f64).ln() + 1.0).collect();
    let wsum = |fs: &[u32]| -> f64 { fs.iter().map(|&f| weight[f as usize]).sum() };
    let ow: Vec<f64> = of.iter().map(|f| wsum(f)).collect();
    let nw: Vec<f64> = nf.iter().map(|f| wsum(f)).collect();

    // Direction new→old (0) or old→new (1): each unit's best-weighted units
    // of the other edition.
    let direction = |dir: usize| -> Vec<(usize, usize)> {
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let (from, from_w, to_w) = if dir == 0 {
            (&nf, &nw, &ow)
        } else {
            (&of, &ow, &nw)
        };
        let mut acc = vec![0.0f64; to_w.len()];
        let mut touched: Vec<u32> = Vec::new();
        // A unit's features by (document frequency, feature), packed into
        // one integer each so that sorting compares integers, not tuples
        // (document frequencies are unit counts, below 2^32).
        let mut by_df: Vec<u128> = Vec::new();
        for (u, fs) in from.iter().enumerate() {
            by_df.clear();
            by_df.extend(fs.iter().map(|&f| {
                (df[f as usize] as u128) << 96
                    | u128::from(table.feat[f as usize]) << 32
                    | u128::from(f)
            }));
            by_df.sort_unstable();
            for (rank, &key) in by_df.iter().enumerate() {
                let (d, f) = ((key >> 96) as usize, key as u32);
                if d > MAX_POSTINGS && rank >= RAREST_ALWAYS {
                    break;
                }
                let list = table.postings(if dir == 0 { 0 } else { 1 }, f);
                let w = weight[f as usize];
                for &v in list {
                    let v = v as usize;
                    if acc[v] == 0.0 {
                        touched.push(v as u32);
                    }
                    acc[v] += w;
                }
            }
            let mut best: Vec<(f64, usize)> = touched
                .iter()
                .map(|&v| {
                    let v = v as usize;
                    let denom = (from_w[u] * to_w[v]).sqrt().max(f64::MIN_POSITIVE);
                    (acc[v] / denom, v)
                })
                .collect();
            let keep = CANDIDATES_PER_UNIT.min(best.len());
            if keep > 0 {
                best.select_nth_unstable_by(keep - 1, |a, b| {
                    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
                });
            }
            for &(_, v) in &best[..keep] {
                pairs.push(if dir == 0 { (v, u) } else { (u, v) });
            }
            for &v in &touched {
                acc[v as usize] = 0.0;
            }
            touched.clear();
        }
        pairs
    };
    let mut pairs = if !parallel {
        let mut p = direction(0);
        p.extend(direction(1));
        p
    } else {
        std::thread::scope(|s| {
            let worker = s.spawn(|| direction(0));
            let second = direction(1);
            // The worker cannot fail short of a bug; search again here.
            let mut p = worker.join().unwrap_or_else(|_| direction(0));
            p.extend(second);
            p
        })
    };
    // Units with no keys at all (empty text) can only meet each other.
    let empty_old: Vec<usize> = (0..old.len()).filter(|&i| old[i].is_empty()).collect();
    let empty_new: Vec<usize> = (0..new.len()).filter(|&j| new[j].is_empty()).collect();
    for (&i, &j) in empty_old.iter().zip(&empty_new) {
        pairs.push((i, j));
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}
