//! Alignment of the units of two editions: which clause of the old edition
//! became which clause of the new one.
//!
//! Units are matched by content, never by number: preambular paragraphs are
//! unnumbered and operative numbers shift between editions. The pipeline:
//!
//! 1. **Keys** — every unit becomes a sequence of interned comparison keys
//!    ([`crate::normalize`]); the key policy absorbs PDF damage.
//! 2. **Candidates** — an inverted index over key unigrams and bigrams,
//!    weighted by inverse document frequency and skipping very common
//!    features, proposes a few candidates per unit ([`candidates`]); there is
//!    no all-pairs comparison.
//! 3. **Scores** — each candidate pair is scored by the LCS ratio of its key
//!    sequences ([`lcs`], bit-parallel), plus a bonus when the parents of two
//!    sub-items are similar and a tiny tie-break for similar position.
//! 4. **Assignment** — greedy one-to-one by score above [`MATCH_MIN`].
//! 5. **Splits and merges** — an unmatched run of adjacent units each mostly
//!    contained in one unit of the other edition, which together score
//!    clearly better than the single best match, joins that unit's link.
//! 6. **Moves** — the longest order-preserving chain of links (LIS) is the
//!    backbone; links off it are `moved`.
//! 7. **Gap filling** — units left unmatched between two consecutive backbone
//!    links are matched in order by dynamic programming with the lower
//!    threshold [`GAP_MIN`] (a heavily rewritten clause that stayed in place),
//!    or when the two share most of their rare words ([`TOPIC_MIN`]: the
//!    same bodies, acronyms, numbers and cited documents in new wording), or
//!    when the shorter is contained in the longer ([`CONTAIN_MIN`]: a clause
//!    extended around its old words).
//! 8. **Rescue** — units still unmatched are paired anywhere on strong
//!    evidence only ([`TOPIC_MOVE_MIN`], containment), and may join a
//!    one-unit link of the other edition as a merge part even when not
//!    adjacent to its other parts.

mod candidates;
pub mod lcs;

use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use crate::model::{Edition, Language, UnitId};
use crate::normalize::{self, KeyPolicy};

use lcs::Pattern;

/// Minimum LCS ratio for two units to be matched anywhere in the document
/// (including as a move). Below half of the words in common, a clause in
/// another place is more likely a different clause.
pub const MATCH_MIN: f64 = 0.5;

/// Minimum LCS ratio to match two units that stand in the same gap between
/// two in-order matches: position corroborates the content, so a clause
/// rewritten down to a third of its words still counts as the same clause.
pub const GAP_MIN: f64 = 0.3;

/// Share of a split part's (merge part's) keys that must occur, in order, in
/// the unit it came from (went into).
pub const SPLIT_PART_MIN: f64 = 0.7;

/// Minimum LCS ratio between the whole unit and the joined parts of a split
/// or merge.
pub const SPLIT_MIN: f64 = 0.6;

/// How much better the joined parts must score than the single best match
/// for a split or merge to replace it.
pub const SPLIT_GAIN: f64 = 0.1;

/// Weight of the parents' similarity in the score of two sub-items: prefer
/// keeping sub-items within matched parents, while still allowing moves.
pub const PARENT_WEIGHT: f64 = 0.1;

/// Weight of positional closeness (0..1 of relative position) in the score:
/// only a tie-break between equally similar candidates (repeated clauses).
pub const POSITION_WEIGHT: f64 = 0.02;

/// Within a gap, a pair is also matched from this lower score when both
/// texts open with the same words (the same preambular participle or
/// operative verb). Inflected languages and Chinese score a rewrite lower
/// than English does, so the opening words carry the decision there.
pub const GAP_SLOT_MIN: f64 = 0.15;

/// Threshold in a wide gap (more than [`GAP_SLOT_MAX`] unmatched units on
/// either side, a rewritten stretch): long clauses on one subject share a
/// third of their words (function words, names) without being the same clause.
pub const GAP_WIDE_MIN: f64 = 0.4;

/// The opening-words rule applies only to small gaps (at most this many
/// unmatched units on either side): one or two rewritten slots between
/// in-order matches, not a rewritten stretch where any two requests would do.
pub const GAP_SLOT_MAX: usize = 3;

/// Keys compared for "the same opening words" (for Chinese, two characters:
/// the usual length of an opening verb).
pub const OPENING_KEYS: usize = 2;

/// Within a gap, a pair is also matched when the rare words of the two
/// texts largely coincide ([`Topic`] score at least this): a clause rewritten
/// in other words but still about the same named bodies, places, acronyms,
/// numbers and cited documents. Common words weigh almost nothing, so two
/// clauses on different subjects of one resolution stay below it.
pub const TOPIC_MIN: f64 = 0.35;

/// The same in a small gap (see [`GAP_SLOT_MAX`]), where position
/// corroborates the content.
pub const TOPIC_SLOT_MIN: f64 = 0.25;

/// In a wide gap, a pair that opens with the same words (the same
/// preambular participle or operative verb) is matched from this LCS ratio,
/// below [`GAP_WIDE_MIN`]: the opening word is the clause's function.
pub const GAP_WIDE_OPEN_MIN: f64 = 0.25;

/// Within a gap, a short unit whose keys occur, in order, in the other unit
/// for at least this share is matched with it (a clause extended with new
/// text around the old words)...
pub const CONTAIN_MIN: f64 = 0.8;

/// ... provided the short unit has at least this many keys (a few common
/// words are contained in any long clause).
pub const CONTAIN_MIN_KEYS: usize = 12;

/// Anywhere in the document (step 8), two units left unmatched are matched
/// when their [`Topic`] score is at least this, and a unit left unmatched
/// joins a one-unit link of the other edition as a merge or split part. It
/// is higher than [`TOPIC_MIN`]: position no longer corroborates.
pub const TOPIC_MOVE_MIN: f64 = 0.4;

/// Pairs of leftover units below this [`Topic`] score are not compared by
/// LCS in step 8 (containment needs shared rare words too).
pub const RESCUE_TOPIC_FLOOR: f64 = 0.2;

/// Gap filling is skipped for a gap with more unmatched pairs than this (a
/// wholly rewritten document): the DP would be quadratic in the gap.
pub const GAP_MAX_PAIRS: usize = 40_000;

/// A leftover old unit joins a link as a merge part, whatever the joined
/// ratio, when it covers this share of the new unit's keys that the link's
/// parts left uncovered …
pub const RESIDUAL_NEW_MIN: f64 = 0.25;

/// … at least this many keys …
pub const RESIDUAL_MIN_KEYS: usize = 10;

/// … and that is at least this share of its own keys (a long clause that
/// lends a short phrase is not merged).
pub const RESIDUAL_PART_MIN: f64 = 0.25;

/// Unit text (both editions together) from which keying, candidate search
/// and scoring are split over two threads. Below it each step takes a few
/// milliseconds, less than a second thread can cost on a busy machine, where
/// it may wait a whole scheduler time slice before it runs (on the shared
/// 2-core machine the two-thread run of a 40 KB pair took 24 ms instead of
/// 12 ms in about half the runs; docs/PERFORMANCE.md).
pub const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// Bytes of unit text of an edition.
pub(crate) fn text_bytes(ed: &Edition) -> usize {
    ed.units.iter().map(|u| u.text.len()).sum()
}

/// A fast non-cryptographic hasher (the Fx multiply-rotate scheme) for the
/// integer and short-string keys of alignment; inputs are not adversarial
/// and SipHash dominated the run time on large documents.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Little-endian 8-byte words, the last one zero-padded; the padding
        // is assembled byte by byte (no `memcpy` call for a short word).
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.write_u64(u64::from_le_bytes(b));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let v = rest
                .iter()
                .rev()
                .fold(0u64, |v, &x| (v << 8) | u64::from(x));
            self.write_u64(v);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
    fn write_u8(&mut self, v: u8) {
        self.write_u64(u64::from(v));
    }
}

/// Hash map with [`FxHasher`].
pub(crate) type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FxHasher>>;

/// How the keys are made; `None` picks [`normalize::default_policy`] from the
/// editions' damage flags.
#[derive(Debug, Clone, Default)]
pub struct AlignOptions {
    pub policy: Option<Arc<dyn KeyPolicy>>,
}

/// The shape of a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// One old unit, one new unit.
    Match,
    /// One old unit became several new ones.
    Split,
    /// Several old units became one new one.
    Merge,
}

/// A group of old units matched with a group of new units (indexes into
/// `Edition::units`, ascending).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub old: Vec<usize>,
    pub new: Vec<usize>,
    /// LCS ratio of the comparison keys, 0..1.
    pub score: f64,
    /// Off the longest order-preserving chain of links.
    pub moved: bool,
}

impl Link {
    pub fn kind(&self) -> LinkKind {
        if self.old.len() > 1 {
            LinkKind::Merge
        } else if self.new.len() > 1 {
            LinkKind::Split
        } else {
            LinkKind::Match
        }
    }

    fn first_old(&self) -> usize {
        self.old.first().copied().unwrap_or(0)
    }

    fn first_new(&self) -> usize {
        self.new.first().copied().unwrap_or(0)
    }
}

/// Which units of two editions correspond. Every old unit index is in
/// exactly one link's `old` or in `removed`; every new one in exactly one
/// link's `new` or in `added`.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// Links in the order of the new edition.
    pub links: Vec<Link>,
    /// Old units with no counterpart, ascending.
    pub removed: Vec<usize>,
    /// New units with no counterpart, ascending.
    pub added: Vec<usize>,
    /// Name of the key policy used.
    pub policy: &'static str,
}

impl Alignment {
    /// The alignment as id pairs: `(old ids, new ids)` per link, then
    /// `([id], [])` per removed and `([], [id])` per added unit.
    pub fn id_groups(&self, old: &Edition, new: &Edition) -> Vec<(Vec<UnitId>, Vec<UnitId>)> {
        let ids = |ed: &Edition, ix: &[usize]| -> Vec<UnitId> {
            ix.iter()
                .filter_map(|&i| ed.units.get(i))
                .map(|u| u.id.clone())
                .collect()
        };
        let mut out: Vec<_> = self
            .links
            .iter()
            .map(|l| (ids(old, &l.old), ids(new, &l.new)))
            .collect();
        out.extend(self.removed.iter().map(|&i| (ids(old, &[i]), Vec::new())));
        out.extend(self.added.iter().map(|&j| (Vec::new(), ids(new, &[j]))));
        out
    }
}

/// The alignment score of two texts (LCS ratio of their comparison keys),
/// for debugging output and tests.
pub fn text_similarity(old: &str, new: &str, lang: Language, policy: &dyn KeyPolicy) -> f64 {
    let mut interner: HashMap<String, u32> = HashMap::default();
    let mut ids = |t: &str| -> Vec<u32> {
        normalize::keys(t, lang, policy)
            .into_iter()
            .map(|k| {
                let next = interner.len() as u32;
                *interner.entry(k).or_insert(next)
            })
            .collect()
    };
    let (a, b) = (ids(old), ids(new));
    lcs::ratio(Pattern::new(&a).lcs(&b), a.len(), b.len())
}

/// One side of the alignment, prepared.
pub(crate) struct Side {
    pub keys: Vec<Vec<u32>>,
    /// Distinct keys of each unit, ascending.
    pub bags: Vec<Vec<u32>>,
    pub patterns: Vec<Pattern>,
    pub parent: Vec<Option<usize>>,
}

/// Comparison keys of every unit of an edition, as ids of `interner`.
fn unit_keys(
    ed: &Edition,
    policy: &dyn KeyPolicy,
    interner: &mut HashMap<String, u32>,
) -> Vec<Vec<u32>> {
    let lang: Language = ed.language;
    ed.units
        .iter()
        .map(|u| {
            // Room for a key every five bytes, so the vector rarely grows.
            let mut ids = Vec::with_capacity(u.text.len() / 5 + 1);
            normalize::for_each_key(&u.text, lang, policy, |k| {
                // A key's String is allocated only the first time it is seen.
                let id = match interner.get(k) {
                    Some(&id) => id,
                    None => {
                        let next = interner.len() as u32;
                        interner.insert(k.to_string(), next);
                        next
                    }
                };
                ids.push(id);
            });
            ids
        })
        .collect()
}

/// Both editions' unit keys over one set of ids. With `parallel`, the two
/// editions are keyed at the same time on two threads, each with its own
/// interner; the new edition's ids are then renumbered into the old
/// edition's.
fn keys_of_both(
    old: &Edition,
    new: &Edition,
    policy: &dyn KeyPolicy,
    parallel: bool,
) -> (Vec<Vec<u32>>, Vec<Vec<u32>>) {
    let mut interner = HashMap::default();
    if !parallel {
        let old_keys = unit_keys(old, policy, &mut interner);
        let new_keys = unit_keys(new, policy, &mut interner);
        return (old_keys, new_keys);
    }
    let (old_keys, mut new_keys, new_interner) = std::thread::scope(|s| {
        let worker = s.spawn(|| {
            let mut own = HashMap::default();
            let keys = unit_keys(new, policy, &mut own);
            (keys, own)
        });
        let old_keys = unit_keys(old, policy, &mut interner);
        match worker.join() {
            Ok((keys, own)) => (old_keys, keys, own),
            // The worker cannot fail short of a bug; key again on this thread.
            Err(_) => {
                let mut own = HashMap::default();
                let keys = unit_keys(new, policy, &mut own);
                (old_keys, keys, own)
            }
        }
    });
    // Ids are given in order of first use, as one interner over both
    // editions would give them, so results never depend on hash order.
    let mut by_local: Vec<String> = vec![String::new(); new_interner.len()];
    for (k, local) in new_interner {
        by_local[local as usize] = k;
    }
    let mut renumber: Vec<Option<u32>> = vec![None; by_local.len()];
    for ks in &mut new_keys {
        for k in ks.iter_mut() {
            let local = *k as usize;
            *k = match renumber[local] {
                Some(id) => id,
                None => {
                    let next = interner.len() as u32;
                    let id = *interner
                        .entry(std::mem::take(&mut by_local[local]))
                        .or_insert(next);
                    renumber[local] = Some(id);
                    id
                }
            };
        }
    }
    (old_keys, new_keys)
}

impl Side {
    #[cfg(test)]
    fn new(ed: &Edition, policy: &dyn KeyPolicy, interner: &mut HashMap<String, u32>) -> Side {
        Side::from_keys(ed, unit_keys(ed, policy, interner))
    }

    #[cfg(test)]
    fn from_keys(ed: &Edition, keys: Vec<Vec<u32>>) -> Side {
        let (bags, patterns, parent) = Side::parts(ed, &keys);
        Side {
            keys,
            bags,
            patterns,
            parent,
        }
    }

    /// What a side holds besides its keys: bags, patterns and parents.
    #[allow(clippy::type_complexity)]
    fn parts(ed: &Edition, keys: &[Vec<u32>]) -> (Vec<Vec<u32>>, Vec<Pattern>, Vec<Option<usize>>) {
        let patterns = keys.iter().map(|k| Pattern::new(k)).collect();
        let bags = keys
            .iter()
            .map(|k| {
                let mut b = k.clone();
                b.sort_unstable();
                b.dedup();
                b
            })
            .collect();
        let index: HashMap<&UnitId, usize> = ed
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (&u.id, i))
            .collect();
        let parent = ed
            .units
            .iter()
            .map(|u| u.id.parent().and_then(|p| index.get(&p).copied()))
            .collect();
        (bags, patterns, parent)
    }

    fn len(&self) -> usize {
        self.keys.len()
    }
}

/// Rare-word overlap of two units: Dice coefficient of their distinct keys,
/// each key weighted by its inverse document frequency over the units of
/// both editions. Word order and common words count for nothing, so a
/// clause reworded around the same names, acronyms, numbers and cited
/// documents still scores high.
struct Topic {
    /// Weight of each key id (ids are dense: `0..` the number of keys).
    weight: Vec<f64>,
    old_mass: Vec<f64>,
    new_mass: Vec<f64>,
}

impl Topic {
    fn new(os: &Side, ns: &Side) -> Topic {
        let bags = || os.bags.iter().chain(ns.bags.iter());
        // Bags are ascending, so each one's last id is its largest.
        let ids = bags()
            .filter_map(|b| b.last())
            .max()
            .map_or(0, |&k| k as usize + 1);
        let mut df = vec![0usize; ids];
        for b in bags() {
            for &k in b {
                df[k as usize] += 1;
            }
        }
        let total = (os.len() + ns.len()) as f64;
        let weight: Vec<f64> = df
            .into_iter()
            .map(|d| {
                if d == 0 {
                    0.0
                } else {
                    (total / d as f64).ln().max(0.0)
                }
            })
            .collect();
        let mass = |bags: &[Vec<u32>]| -> Vec<f64> {
            bags.iter()
                .map(|b| b.iter().map(|&k| weight[k as usize]).sum())
                .collect()
        };
        let old_mass = mass(&os.bags);
        let new_mass = mass(&ns.bags);
        Topic {
            weight,
            old_mass,
            new_mass,
        }
    }

    fn score(&self, os: &Side, ns: &Side, i: usize, j: usize) -> f64 {
        let (a, b) = (&os.bags[i], &ns.bags[j]);
        let (mut x, mut y, mut common) = (0, 0, 0.0);
        while x < a.len() && y < b.len() {
            match a[x].cmp(&b[y]) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    common += self.weight[a[x] as usize];
                    x += 1;
                    y += 1;
                }
            }
        }
        let total = self.old_mass[i] + self.new_mass[j];
        if total > 0.0 {
            2.0 * common / total
        } else {
            0.0
        }
    }
}

/// Scored pairs, cached: `(old, new) → (ratio, lcs length)`.
struct Scorer<'a> {
    old: &'a Side,
    new: &'a Side,
    cache: HashMap<(usize, usize), (f64, usize)>,
}

impl<'a> Scorer<'a> {
    fn pair(&mut self, i: usize, j: usize) -> (f64, usize) {
        if let Some(&v) = self.cache.get(&(i, j)) {
            return v;
        }
        let v = self.compute(i, j);
        self.cache.insert((i, j), v);
        v
    }

    /// `(ratio, lcs length)` of old unit `i` and new unit `j`, uncached.
    fn compute(&self, i: usize, j: usize) -> (f64, usize) {
        let l = self.old.patterns[i].lcs(&self.new.keys[j]);
        let r = lcs::ratio(l, self.old.keys[i].len(), self.new.keys[j].len());
        (r, l)
    }

    /// Score all `pairs` into the cache, on two threads with `parallel` (each
    /// score depends only on its pair).
    fn score_all(&mut self, pairs: &[(usize, usize)], parallel: bool) {
        let this = &*self;
        let run = |ps: &[(usize, usize)]| -> Vec<(f64, usize)> {
            ps.iter().map(|&(i, j)| this.compute(i, j)).collect()
        };
        let (first, second) = pairs.split_at(pairs.len() / 2);
        let scores: Vec<(f64, usize)> = if !parallel {
            run(pairs)
        } else {
            std::thread::scope(|s| {
                let worker = s.spawn(|| run(second));
                let mut out = run(first);
                // The worker cannot fail short of a bug; score again here.
                out.extend(worker.join().unwrap_or_else(|_| run(second)));
                out
            })
        };
        self.cache.extend(pairs.iter().copied().zip(scores));
    }

    fn score(&mut self, i: usize, j: usize) -> f64 {
        self.pair(i, j).0
    }

    /// Ratio of old unit `i` against the concatenation of new units `js`.
    fn split_score(&self, i: usize, js: &[usize]) -> f64 {
        let joined: Vec<u32> = js
            .iter()
            .flat_map(|&j| self.new.keys[j].iter().copied())
            .collect();
        let l = self.old.patterns[i].lcs(&joined);
        lcs::ratio(l, self.old.keys[i].len(), joined.len())
    }

    /// LCS length of the concatenation of old units `is` against new unit `j`.
    fn merge_lcs(&self, is: &[usize], j: usize) -> usize {
        let joined: Vec<u32> = is
            .iter()
            .flat_map(|&i| self.old.keys[i].iter().copied())
            .collect();
        self.new.patterns[j].lcs(&joined)
    }

    /// Ratio of the concatenation of old units `is` against new unit `j`.
    fn merge_score(&self, is: &[usize], j: usize) -> f64 {
        let joined: Vec<u32> = is
            .iter()
            .flat_map(|&i| self.old.keys[i].iter().copied())
            .collect();
        let l = self.new.patterns[j].lcs(&joined);
        lcs::ratio(l, joined.len(), self.new.keys[j].len())
    }
}

/// Align the units of two editions.
pub fn align(old: &Edition, new: &Edition, opts: &AlignOptions) -> Alignment {
    let default = normalize::default_policy(old.damage.is_some(), new.damage.is_some());
    let damage = crate::repair::keys::DamageKeys::for_editions(old, new);
    let policy: &dyn KeyPolicy = match (&opts.policy, &damage) {
        (Some(p), _) => p.as_ref(),
        (None, Some(d)) => d,
        (None, None) => default,
    };
    let parallel = text_bytes(old) + text_bytes(new) >= PARALLEL_MIN_BYTES;
    let (old_keys, new_keys) = keys_of_both(old, new, policy, parallel);
    // The candidate search needs only the keys: with `parallel`, the rest of
    // both sides is prepared meanwhile on a second thread.
    let parts = |ed: &Edition, keys: &[Vec<u32>]| Side::parts(ed, keys);
    let ((old_parts, new_parts), cands) = if !parallel {
        let cands = candidates::candidate_pairs(&old_keys, &new_keys, false);
        ((parts(old, &old_keys), parts(new, &new_keys)), cands)
    } else {
        std::thread::scope(|s| {
            let worker = s.spawn(|| (parts(old, &old_keys), parts(new, &new_keys)));
            let cands = candidates::candidate_pairs(&old_keys, &new_keys, true);
            // The worker cannot fail short of a bug; prepare again here.
            let sides = worker
                .join()
                .unwrap_or_else(|_| (parts(old, &old_keys), parts(new, &new_keys)));
            (sides, cands)
        })
    };
    let side = |keys: Vec<Vec<u32>>, (bags, patterns, parent)| Side {
        keys,
        bags,
        patterns,
        parent,
    };
    let os = side(old_keys, old_parts);
    let ns = side(new_keys, new_parts);
    let mut links = align_sides(&os, &ns, cands, parallel);
    links.sort_by_key(|l| (l.first_new(), l.first_old()));
    let mut old_used = vec![false; os.len()];
    let mut new_used = vec![false; ns.len()];
    for l in &links {
        for &i in &l.old {
            old_used[i] = true;
        }
        for &j in &l.new {
            new_used[j] = true;
        }
    }
    Alignment {
        links,
        removed: (0..os.len()).filter(|&i| !old_used[i]).collect(),
        added: (0..ns.len()).filter(|&j| !new_used[j]).collect(),
        policy: policy.name(),
    }
}

fn align_sides(os: &Side, ns: &Side, cands: Vec<(usize, usize)>, parallel: bool) -> Vec<Link> {
    let (n, m) = (os.len(), ns.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let mut sc = Scorer {
        old: os,
        new: ns,
        cache: HashMap::with_capacity_and_hasher(cands.len() * 2, Default::default()),
    };
    sc.score_all(&cands, parallel);

    // Steps 3–4: score candidates, greedy one-to-one assignment.
    let mut ranked: Vec<(f64, f64, usize, usize)> = Vec::with_capacity(cands.len());
    for &(i, j) in &cands {
        let s = sc.score(i, j);
        if s < MATCH_MIN {
            continue;
        }
        let mut adj = s;
        if let (Some(pi), Some(pj)) = (os.parent[i], ns.parent[j]) {
            adj += PARENT_WEIGHT * sc.score(pi, pj);
        }
        let pos = (i as f64 + 0.5) / n as f64 - (j as f64 + 0.5) / m as f64;
        adj += POSITION_WEIGHT * (1.0 - pos.abs());
        ranked.push((adj, s, i, j));
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
    // match_old[i] = index into links
    let mut old_link: Vec<Option<usize>> = vec![None; n];
    let mut new_link: Vec<Option<usize>> = vec![None; m];
    let mut links: Vec<Link> = Vec::new();
    for &(_, s, i, j) in &ranked {
        if old_link[i].is_none() && new_link[j].is_none() {
            old_link[i] = Some(links.len());
            new_link[j] = Some(links.len());
            links.push(Link {
                old: vec![i],
                new: vec![j],
                score: s,
                moved: false,
            });
        }
    }

    // Step 5: splits (one old → adjacent new units) and merges.
    find_splits(
        &mut sc,
        &cands,
        &mut links,
        &mut old_link,
        &mut new_link,
        false,
    );
    find_splits(
        &mut sc,
        &cands,
        &mut links,
        &mut old_link,
        &mut new_link,
        true,
    );
    links.retain(|l| !l.old.is_empty() && !l.new.is_empty());

    // Step 6: the backbone; Step 7: fill the gaps in order.
    mark_moves(&mut links);
    fill_gaps(&mut sc, &mut links, n, m);
    mark_moves(&mut links);
    // Step 8: rewritten clauses that moved, and parts merged from afar.
    rescue(&mut sc, &cands, &mut links, n, m);
    mark_moves(&mut links);
    links
}

/// Step 5. With `merge == false`, look for old units whose content went to a
/// run of adjacent new units; with `merge == true`, the mirror image.
fn find_splits(
    sc: &mut Scorer<'_>,
    cands: &[(usize, usize)],
    links: &mut Vec<Link>,
    old_link: &mut [Option<usize>],
    new_link: &mut [Option<usize>],
    merge: bool,
) {
    // For each "whole" unit, the parts proposed by the candidate search.
    let mut parts: HashMap<usize, Vec<usize>> = HashMap::default();
    for &(i, j) in cands {
        let (whole, part) = if merge { (j, i) } else { (i, j) };
        parts.entry(whole).or_default().push(part);
    }
    let mut wholes: Vec<usize> = parts.keys().copied().collect();
    wholes.sort_unstable();
    for whole in wholes {
        let mut ps = parts.remove(&whole).unwrap_or_default();
        ps.sort_unstable();
        ps.dedup();
        let whole_link = if merge {
            new_link[whole]
        } else {
            old_link[whole]
        };
        // A part qualifies when free (or already linked to `whole`) and mostly contained in it.
        let mut good: Vec<usize> = Vec::new();
        for &p in &ps {
            let p_link = if merge { old_link[p] } else { new_link[p] };
            if p_link.is_some() && p_link != whole_link {
                continue;
            }
            let (i, j) = if merge { (p, whole) } else { (whole, p) };
            let (_, l) = sc.pair(i, j);
            let plen = if merge {
                sc.old.keys[p].len()
            } else {
                sc.new.keys[p].len()
            };
            if plen > 0 && l as f64 / plen as f64 >= SPLIT_PART_MIN {
                good.push(p);
            }
        }
        // Maximal runs of adjacent parts.
        let mut k = 0;
        while k < good.len() {
            let mut e = k + 1;
            while e < good.len() && good[e] == good[e - 1] + 1 {
                e += 1;
            }
            let run = &good[k..e];
            k = e;
            if run.len() < 2 {
                continue;
            }
            // The whole's current link must be to a member of the run, or none.
            let current = whole_link.map(|li| links[li].score).unwrap_or(0.0);
            if let Some(li) = whole_link {
                let linked_parts = if merge {
                    &links[li].old
                } else {
                    &links[li].new
                };
                if linked_parts.len() != 1 || !run.contains(&linked_parts[0]) {
                    continue;
                }
            }
            let joined = if merge {
                sc.merge_score(run, whole)
            } else {
                sc.split_score(whole, run)
            };
            if joined < SPLIT_MIN || joined < current + SPLIT_GAIN {
                continue;
            }
            let li = match whole_link {
                Some(li) => li,
                None => {
                    links.push(Link {
                        old: Vec::new(),
                        new: Vec::new(),
                        score: 0.0,
                        moved: false,
                    });
                    links.len() - 1
                }
            };
            let l = &mut links[li];
            l.score = joined;
            if merge {
                l.old = run.to_vec();
                l.new = vec![whole];
                new_link[whole] = Some(li);
                for &p in run {
                    old_link[p] = Some(li);
                }
            } else {
                l.old = vec![whole];
                l.new = run.to_vec();
                old_link[whole] = Some(li);
                for &p in run {
                    new_link[p] = Some(li);
                }
            }
            break;
        }
    }
}

/// Step 6: flag links off the longest chain increasing in both editions.
fn mark_moves(links: &mut [Link]) {
    links.sort_by_key(|l| (l.first_new(), l.first_old()));
    let seq: Vec<usize> = links.iter().map(|l| l.first_old()).collect();
    let on_chain = longest_increasing(&seq);
    for (l, keep) in links.iter_mut().zip(on_chain) {
        l.moved = !keep;
    }
}

/// Membership of each element in one longest strictly increasing
/// subsequence (patience sorting, `O(n log n)`).
pub fn longest_increasing(seq: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // index into seq of the tail of each length
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (k, &x) in seq.iter().enumerate() {
        let pos = tails.partition_point(|&t| seq[t] < x);
        prev[k] = if pos > 0 { Some(tails[pos - 1]) } else { None };
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        keep[k] = true;
        cur = prev[k];
    }
    keep
}

/// Step 8: after gap filling, units still unmatched are paired across the
/// whole document by strong evidence only — most of their rare words in
/// common ([`TOPIC_MOVE_MIN`]) or one contained in the other
/// ([`CONTAIN_MIN`]) — best first; then a unit still unmatched that is
/// contained in, or shares most rare words with, a unit already in a one-unit
/// link joins that link when the joined texts score better (a merge or split
/// of units that were not adjacent).
fn rescue(
    sc: &mut Scorer<'_>,
    cands: &[(usize, usize)],
    links: &mut Vec<Link>,
    n: usize,
    m: usize,
) {
    let mut old_link: Vec<Option<usize>> = vec![None; n];
    let mut new_link: Vec<Option<usize>> = vec![None; m];
    for (li, l) in links.iter().enumerate() {
        l.old.iter().for_each(|&i| old_link[i] = Some(li));
        l.new.iter().for_each(|&j| new_link[j] = Some(li));
    }
    let olds: Vec<usize> = (0..n).filter(|&i| old_link[i].is_none()).collect();
    let news: Vec<usize> = (0..m).filter(|&j| new_link[j].is_none()).collect();
    if olds.is_empty() && news.is_empty() {
        return;
    }
    let topic = Topic::new(sc.old, sc.new);
    let contained = |sc: &mut Scorer<'_>, i: usize, j: usize| -> bool {
        let (_, l) = sc.pair(i, j);
        let short = sc.old.keys[i].len().min(sc.new.keys[j].len());
        short >= CONTAIN_MIN_KEYS && l as f64 >= CONTAIN_MIN * short as f64
    };
    // Pairs of leftover units.
    if olds.len() * news.len() <= GAP_MAX_PAIRS {
        let mut ranked: Vec<(f64, usize, usize)> = Vec::new();
        for &i in &olds {
            for &j in &news {
                let t = topic.score(sc.old, sc.new, i, j);
                if t < RESCUE_TOPIC_FLOOR {
                    continue;
                }
                if t >= TOPIC_MOVE_MIN || contained(sc, i, j) {
                    ranked.push((t, i, j));
                }
            }
        }
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, i, j) in ranked {
            if old_link[i].is_none() && new_link[j].is_none() {
                old_link[i] = Some(links.len());
                new_link[j] = Some(links.len());
                links.push(Link {
                    old: vec![i],
                    new: vec![j],
                    score: sc.score(i, j),
                    moved: false,
                });
            }
        }
    }
    // Leftover units joining a one-unit link of the other edition.
    let single = |l: &Link, merge: bool| {
        if merge {
            l.new.len() == 1
        } else {
            l.old.len() == 1
        }
    };
    // Only merges: a split into new units that are not adjacent would break
    // the new-edition order of the links.
    let merge = true;
    {
        let leftovers: Vec<usize> = if merge {
            (0..n).filter(|&i| old_link[i].is_none()).collect()
        } else {
            (0..m).filter(|&j| new_link[j].is_none()).collect()
        };
        // Only the candidate search's proposals for each leftover unit are
        // tried, so this step stays linear in the number of units.
        let mut proposals: Vec<Vec<usize>> = vec![Vec::new(); if merge { n } else { m }];
        for &(i, j) in cands {
            if merge {
                proposals[i].push(j);
            } else {
                proposals[j].push(i);
            }
        }
        for u in leftovers {
            let mut best: Option<(f64, usize, usize)> = None; // (joined score, other unit, link)
            for &w in &proposals[u] {
                let li = if merge { new_link[w] } else { old_link[w] };
                let Some(li) = li else { continue };
                if !single(&links[li], merge) {
                    continue;
                }
                let (i, j) = if merge { (u, w) } else { (w, u) };
                let t = topic.score(sc.old, sc.new, i, j);
                if t < RESCUE_TOPIC_FLOOR {
                    continue;
                }
                let strong = t >= TOPIC_MOVE_MIN || contained(sc, i, j);
                let mut parts = if merge {
                    links[li].old.clone()
                } else {
                    links[li].new.clone()
                };
                // A neighbouring clause may also be taken in first, before
                // the words of the clause it joins (the two swapped places).
                let neighbour = parts.iter().any(|&p| p.abs_diff(u) == 1);
                let mut first = vec![u];
                first.extend_from_slice(&parts);
                parts.push(u);
                parts.sort_unstable();
                if !neighbour {
                    first.clone_from(&parts);
                }
                let joined = if merge {
                    sc.merge_score(&parts, w)
                } else {
                    sc.split_score(w, &parts)
                };
                // Strong evidence needs only a better joined score; otherwise
                // the part must raise it as much as an adjacent merge …
                let gain = if strong { 0.0 } else { SPLIT_GAIN };
                // … or cover much of what the link's parts left uncovered of
                // the new unit (a clause that took over part of another: the
                // longer joined text lowers the ratio even so).
                let covers = merge && {
                    let before = sc.merge_lcs(&links[li].old, w);
                    let after = sc.merge_lcs(&parts, w).max(sc.merge_lcs(&first, w));
                    let delta = after.saturating_sub(before);
                    let rest = sc.new.keys[w].len().saturating_sub(before);
                    delta >= RESIDUAL_MIN_KEYS
                        && delta as f64 >= RESIDUAL_NEW_MIN * rest as f64
                        && delta as f64 >= RESIDUAL_PART_MIN * sc.old.keys[u].len() as f64
                };
                let better = joined > links[li].score + gain || covers;
                if better && best.map_or(true, |b| joined > b.0) {
                    best = Some((joined, w, li));
                }
            }
            if let Some((joined, _, li)) = best {
                let l = &mut links[li];
                l.score = joined;
                if merge {
                    l.old.push(u);
                    l.old.sort_unstable();
                    old_link[u] = Some(li);
                } else {
                    l.new.push(u);
                    l.new.sort_unstable();
                    new_link[u] = Some(li);
                }
            }
        }
    }
}

/// Step 7: match the units left over between consecutive backbone links, in
/// order, maximising the total score (DP over the gap).
fn fill_gaps(sc: &mut Scorer<'_>, links: &mut Vec<Link>, n: usize, m: usize) {
    let mut old_used = vec![false; n];
    let mut new_used = vec![false; m];
    for l in links.iter() {
        l.old.iter().for_each(|&i| old_used[i] = true);
        l.new.iter().for_each(|&j| new_used[j] = true);
    }
    // Backbone boundaries: (last old, last new) of each in-order link.
    let mut bounds: Vec<(isize, isize, isize, isize)> = Vec::new(); // (first_old, last_old, first_new, last_new)
    bounds.push((-1, -1, -1, -1));
    for l in links.iter().filter(|l| !l.moved) {
        let fo = l.old.iter().min().copied().unwrap_or(0) as isize;
        let lo = l.old.iter().max().copied().unwrap_or(0) as isize;
        let fnw = l.new.iter().min().copied().unwrap_or(0) as isize;
        let ln = l.new.iter().max().copied().unwrap_or(0) as isize;
        bounds.push((fo, lo, fnw, ln));
    }
    bounds.push((n as isize, n as isize, m as isize, m as isize));
    let topic = Topic::new(sc.old, sc.new);
    let mut added: Vec<Link> = Vec::new();
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        let olds: Vec<usize> = ((a.1 + 1).max(0)..b.0)
            .map(|i| i as usize)
            .filter(|&i| i < n && !old_used[i])
            .collect();
        let news: Vec<usize> = ((a.3 + 1).max(0)..b.2)
            .map(|j| j as usize)
            .filter(|&j| j < m && !new_used[j])
            .collect();
        if olds.is_empty() || news.is_empty() || olds.len() * news.len() > GAP_MAX_PAIRS {
            continue;
        }
        let (p, q) = (olds.len(), news.len());
        let slot_rule = p <= GAP_SLOT_MAX && q <= GAP_SLOT_MAX;
        let mut s = vec![0.0f64; p * q];
        let mut lcs_score = vec![0.0f64; p * q];
        for (x, &i) in olds.iter().enumerate() {
            for (y, &j) in news.iter().enumerate() {
                let (v, l) = sc.pair(i, j);
                lcs_score[x * q + y] = v;
                let t = topic.score(sc.old, sc.new, i, j);
                let short = sc.old.keys[i].len().min(sc.new.keys[j].len());
                let contained = short >= CONTAIN_MIN_KEYS && l as f64 >= CONTAIN_MIN * short as f64;
                let k = OPENING_KEYS;
                let (a, b) = (&sc.old.keys[i], &sc.new.keys[j]);
                let same_opening = a.len() >= k && b.len() >= k && a[..k] == b[..k];
                // Pairs below the gap threshold are kept out of the DP.
                let keep = contained
                    || if slot_rule {
                        t >= TOPIC_SLOT_MIN || v >= GAP_MIN || (v >= GAP_SLOT_MIN && same_opening)
                    } else {
                        t >= TOPIC_MIN
                            || v >= GAP_WIDE_MIN
                            || (v >= GAP_WIDE_OPEN_MIN && same_opening)
                    };
                s[x * q + y] = if keep { v.max(0.5 * (v + t)) } else { 0.0 };
            }
        }
        // best[x][y]: best total over olds[x..], news[y..].
        let mut best = vec![0.0f64; (p + 1) * (q + 1)];
        for x in (0..p).rev() {
            for y in (0..q).rev() {
                let skip = best[(x + 1) * (q + 1) + y].max(best[x * (q + 1) + y + 1]);
                let v = s[x * q + y];
                let take = if v > 0.0 {
                    v + best[(x + 1) * (q + 1) + y + 1]
                } else {
                    f64::MIN
                };
                best[x * (q + 1) + y] = skip.max(take);
            }
        }
        let (mut x, mut y) = (0, 0);
        while x < p && y < q {
            let v = s[x * q + y];
            let here = best[x * (q + 1) + y];
            if v > 0.0 && (here - (v + best[(x + 1) * (q + 1) + y + 1])).abs() < 1e-12 {
                added.push(Link {
                    old: vec![olds[x]],
                    new: vec![news[y]],
                    score: lcs_score[x * q + y],
                    moved: false,
                });
                x += 1;
                y += 1;
            } else if (here - best[(x + 1) * (q + 1) + y]).abs() < 1e-12 {
                x += 1;
            } else {
                y += 1;
            }
        }
    }
    links.extend(added);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceFormat, Unit};

    fn ed(units: &[(&str, &str)]) -> Edition {
        let mut e = Edition::new("t", SourceFormat::Text, Language::En);
        e.units = units
            .iter()
            .map(|(id, t)| Unit::new(id.parse().expect("test id"), *t))
            .collect();
        e
    }

    fn groups(a: &Alignment, o: &Edition, n: &Edition) -> Vec<String> {
        let mut v: Vec<String> = a
            .id_groups(o, n)
            .into_iter()
            .map(|(x, y)| {
                format!(
                    "{}>{}",
                    crate::synth::id_list(&x),
                    crate::synth::id_list(&y)
                )
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn renumbering_insert_and_move() {
        let o = ed(&[
            (
                "PP1",
                "Recalling the synthetic convention on alpha beta gamma,",
            ),
            (
                "OP1",
                "Urges synthetic states to ratify the alpha convention promptly;",
            ),
            (
                "OP2",
                "Requests the synthetic secretariat to report at its seventy-sixth session;",
            ),
            ("OP3", "Decides to remain seized of the synthetic matter."),
        ]);
        let n = ed(&[
            (
                "PP1",
                "Recalling the synthetic convention on alpha beta gamma,",
            ),
            (
                "OP1",
                "Welcomes the entirely new synthetic delta initiative;",
            ),
            (
                "OP2",
                "Urges synthetic states to ratify the alpha convention promptly;",
            ),
            ("OP3", "Decides to remain seized of the synthetic matter."),
            (
                "OP4",
                "Requests the synthetic secretariat to report at its seventy-eighth session;",
            ),
        ]);
        let a = align(&o, &n, &AlignOptions::default());
        assert_eq!(
            groups(&a, &o, &n),
            ["->OP1", "OP1>OP2", "OP2>OP4", "OP3>OP3", "PP1>PP1"]
        );
        // OP2 → OP4 jumped over OP3: one of the two is off the longest chain.
        let moved: Vec<_> = a.links.iter().filter(|l| l.moved).collect();
        assert_eq!(moved.len(), 1);
        assert!(moved[0].old == [2] || moved[0].old == [3]);
    }

    #[test]
    fn split_and_merge() {
        let o = ed(&[
            ("OP1", "Invites synthetic states to share data on alpha routes and also encourages them to fund the beta trust fund generously;"),
            ("OP2", "Notes the gamma report;"),
            ("OP3", "Welcomes the delta meeting held in epsilon;"),
        ]);
        let n = ed(&[
            (
                "OP1",
                "Invites synthetic states to share data on alpha routes;",
            ),
            (
                "OP2",
                "Also encourages them to fund the beta trust fund generously;",
            ),
            (
                "OP3",
                "Notes the gamma report and welcomes the delta meeting held in epsilon;",
            ),
        ]);
        let a = align(&o, &n, &AlignOptions::default());
        assert_eq!(groups(&a, &o, &n), ["OP1>OP1,OP2", "OP2,OP3>OP3"]);
    }

    #[test]
    fn merge_of_units_that_were_not_adjacent() {
        let o = ed(&[
            ("OP1", "Requests the synthetic mission to maintain its presence in all zeta regions subject to security requirements;"),
            ("OP2", "Notes the synthetic gamma report on fisheries and coastal management;"),
            ("OP3", "Welcomes the strong relationship between the synthetic mission, the omega office and the country team at all levels;"),
        ]);
        let n = ed(&[
            ("OP1", "Requests the synthetic mission to maintain its presence in all zeta regions subject to security requirements, welcomes the strong relationship between the synthetic mission, the omega office and the country team at all levels;"),
            ("OP2", "Notes the synthetic gamma report on fisheries and coastal management;"),
        ]);
        let a = align(&o, &n, &AlignOptions::default());
        assert_eq!(groups(&a, &o, &n), ["OP1,OP3>OP1", "OP2>OP2"]);
    }

    #[test]
    fn neighbour_merged_in_front_of_the_clause_it_joined() {
        // Synthetic: the new PP1 opens with words of the old PP2 and goes on
        // with the old PP1.
        let o = ed(&[
            ("PP1", "Welcoming the synthetic security pact adopted by the federal delta authorities and all partners at the synthetic conference on the eleventh of May,"),
            ("PP2", "Welcoming the development of a synthetic transition plan with clear target dates, geographical priorities and readiness assessments, and calling for its swift finalisation and implementation,"),
            ("PP3", "Noting the synthetic omega report on fisheries and coastal management,"),
        ]);
        let n = ed(&[
            ("PP1", "Welcoming the development of a synthetic transition plan with clear target dates for the progressive transfer of security, which builds upon the synthetic security pact adopted by the federal delta authorities and all partners at the synthetic conference on the eleventh of May,"),
            ("PP2", "Noting the synthetic omega report on fisheries and coastal management,"),
        ]);
        let a = align(&o, &n, &AlignOptions::default());
        assert_eq!(groups(&a, &o, &n), ["PP1,PP2>PP1", "PP3>PP2"]);
    }

    #[test]
    fn topic_weighs_rare_words() {
        let o = ed(&[
            ("OP1", "Calls upon the parties to support the Kappa Lambda Commission in Xyzland (synthetic);"),
            ("OP2", "Calls upon the parties to support the efforts of the region (synthetic);"),
            ("OP3", "Calls upon the parties to respect the ceasefire (synthetic);"),
        ]);
        let n = ed(&[
            (
                "OP1",
                "Welcomes the work of the Kappa Lambda Commission in Xyzland (synthetic);",
            ),
            (
                "OP2",
                "Calls upon the parties to support the efforts of all (synthetic);",
            ),
        ]);
        let mut interner = HashMap::default();
        let policy = normalize::default_policy(false, false);
        let os = Side::new(&o, policy, &mut interner);
        let ns = Side::new(&n, policy, &mut interner);
        let t = Topic::new(&os, &ns);
        // Shared names outweigh shared common words.
        assert!(t.score(&os, &ns, 0, 0) >= TOPIC_MOVE_MIN);
        assert!(t.score(&os, &ns, 2, 0) < TOPIC_SLOT_MIN);
    }

    #[test]
    fn empty_editions() {
        let o = ed(&[]);
        let n = ed(&[("OP1", "Notes the synthetic text;")]);
        let a = align(&o, &n, &AlignOptions::default());
        assert!(a.links.is_empty());
        assert_eq!(a.added, [0]);
        let b = align(&n, &o, &AlignOptions::default());
        assert_eq!(b.removed, [0]);
    }

    /// Two generated editions (synthetic words), the new one with clauses
    /// reworded, dropped, added and moved.
    fn generated_pair() -> (Edition, Edition) {
        let words = [
            "alpha",
            "beta",
            "gamma",
            "delta",
            "routes",
            "funds",
            "report",
            "synthetic",
            "council",
            "assembly",
            "decides",
            "requests",
            "notes",
            "welcomes",
            "the",
            "of",
        ];
        let clause = |k: usize, shift: usize| -> String {
            (0..12 + k % 7)
                .map(|w| words[(k * 7 + w * 3 + shift * (w % 3)) % words.len()])
                .collect::<Vec<_>>()
                .join(" ")
                + &format!(" clause {k} (synthetic);")
        };
        let ids = |n: usize| (1..=n).map(|k| format!("OP{k}")).collect::<Vec<_>>();
        let old_texts: Vec<String> = (0..60).map(|k| clause(k, 0)).collect();
        let mut new_texts: Vec<String> = (0..60)
            .filter(|k| k % 11 != 5)
            .map(|k| clause(k, usize::from(k % 4 == 1)))
            .collect();
        new_texts.insert(10, clause(200, 0));
        new_texts.swap(3, 40);
        let mk = |texts: &[String]| {
            let ids = ids(texts.len());
            let units: Vec<(&str, &str)> = ids
                .iter()
                .zip(texts)
                .map(|(i, t)| (i.as_str(), t.as_str()))
                .collect();
            ed(&units)
        };
        (mk(&old_texts), mk(&new_texts))
    }

    #[test]
    fn two_threads_give_what_one_gives() {
        let (o, n) = generated_pair();
        let policy = normalize::default_policy(false, false);
        let (ok1, nk1) = keys_of_both(&o, &n, policy, false);
        let (ok2, nk2) = keys_of_both(&o, &n, policy, true);
        assert_eq!((&ok1, &nk1), (&ok2, &nk2));
        let c1 = candidates::candidate_pairs(&ok1, &nk1, false);
        let c2 = candidates::candidate_pairs(&ok1, &nk1, true);
        assert_eq!(c1, c2);
        let os = Side::from_keys(&o, ok1);
        let ns = Side::from_keys(&n, nk1);
        let l1 = align_sides(&os, &ns, c1, false);
        let l2 = align_sides(&os, &ns, c2, true);
        assert_eq!(l1, l2);
        assert!(l1.len() > 40, "{}", l1.len());
    }

    #[test]
    fn fx_write_hashes_zero_padded_little_endian_words() {
        // The word-by-word definition the hash values (and so every map's
        // order) rest on.
        let reference = |bytes: &[u8]| {
            let mut h = FxHasher::default();
            for chunk in bytes.chunks(8) {
                let mut b = [0u8; 8];
                b[..chunk.len()].copy_from_slice(chunk);
                h.write_u64(u64::from_le_bytes(b));
            }
            h.finish()
        };
        let text = b"Secretary-General's report (synthetic), 2030 Agenda";
        for len in 0..text.len() {
            let mut h = FxHasher::default();
            h.write(&text[..len]);
            assert_eq!(h.finish(), reference(&text[..len]), "{len}");
        }
    }

    #[test]
    fn lis_membership() {
        assert_eq!(longest_increasing(&[0, 3, 1, 2]), [true, false, true, true]);
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
    }
}
