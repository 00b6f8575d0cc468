//! Longest common subsequence of two token sequences, bit-parallel.
//!
//! Scoring a candidate pair is the inner loop of alignment, so it must be
//! cheap: the Allison–Dix / Hyyrö bit-vector algorithm computes the LCS
//! *length* in `O(|b| · ⌈|a|/64⌉)` word operations, with the pattern `a`
//! pre-processed once per unit and reused for every candidate.

/// A token sequence prepared as the fixed side of bit-parallel LCS.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Distinct tokens of the sequence, sorted (binary-searched per step).
    toks: Vec<u32>,
    /// `words` 64-bit masks per distinct token: bit k set when `seq[k]` is the token.
    masks: Vec<u64>,
    words: usize,
    len: usize,
}

impl Pattern {
    pub fn new(seq: &[u32]) -> Self {
        let words = seq.len().div_ceil(64).max(1);
        let mut toks: Vec<u32> = seq.to_vec();
        toks.sort_unstable();
        toks.dedup();
        let mut masks = vec![0u64; toks.len() * words];
        for (k, t) in seq.iter().enumerate() {
            // Invariant: every token of `seq` is in `toks`.
            if let Ok(ix) = toks.binary_search(t) {
                masks[ix * words + k / 64] |= 1u64 << (k % 64);
            }
        }
        Pattern {
            toks,
            masks,
            words,
            len: seq.len(),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Length of the longest common subsequence of the pattern and `other`.
    pub fn lcs(&self, other: &[u32]) -> usize {
        if self.len == 0 || other.is_empty() {
            return 0;
        }
        let mut v = vec![!0u64; self.words];
        for t in other {
            let Ok(ix) = self.toks.binary_search(t) else {
                continue; // no match: V stays as it is
            };
            let m = &self.masks[ix * self.words..(ix + 1) * self.words];
            let mut carry = 0u64;
            for (vw, &mw) in v.iter_mut().zip(m) {
                let u = *vw & mw;
                let (s1, c1) = vw.overflowing_add(u);
                let (s2, c2) = s1.overflowing_add(carry);
                carry = u64::from(c1 || c2);
                *vw = s2 | (*vw & !mw);
            }
        }
        let mut zeros = 0usize;
        for (w, vw) in v.iter().enumerate() {
            let bits = (self.len - w * 64).min(64);
            let valid = if bits == 64 {
                !0u64
            } else {
                (1u64 << bits) - 1
            };
            zeros += (!vw & valid).count_ones() as usize;
        }
        zeros
    }
}

/// LCS ratio (Dice form): `2·lcs / (|a| + |b|)`, 1.0 for two empty sequences.
pub fn ratio(lcs: usize, la: usize, lb: usize) -> f64 {
    if la + lb == 0 {
        1.0
    } else {
        2.0 * lcs as f64 / (la + lb) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(a: &[u32], b: &[u32]) -> usize {
        let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in 0..a.len() {
            for j in 0..b.len() {
                t[i + 1][j + 1] = if a[i] == b[j] {
                    t[i][j] + 1
                } else {
                    t[i][j + 1].max(t[i + 1][j])
                };
            }
        }
        t[a.len()][b.len()]
    }

    #[test]
    fn matches_naive_dp_including_multiword() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        for len in [0usize, 1, 5, 63, 64, 65, 130, 200] {
            for _ in 0..5 {
                let a: Vec<u32> = (0..len).map(|_| next() % 6).collect();
                let lb = (next() % 150) as usize;
                let b: Vec<u32> = (0..lb).map(|_| next() % 6).collect();
                assert_eq!(Pattern::new(&a).lcs(&b), naive(&a, &b), "len {len}");
            }
        }
    }

    #[test]
    fn ratio_bounds() {
        assert_eq!(ratio(0, 0, 0), 1.0);
        assert_eq!(ratio(3, 3, 3), 1.0);
        assert_eq!(ratio(0, 3, 4), 0.0);
    }
}
