//! The patience diff of `similar` (`capture_diff_slices` with
//! `Algorithm::Patience`), specialised to token ids that are dense integers
//! `0..n`: which tokens occur once on a side is counted in arrays instead of
//! a SipHash map, and the Myers diff between two unique matches is not set up
//! (two buffers allocated) when one side of the gap is empty. The hook calls
//! are the ones `similar` makes, in the same order, through `similar`'s own
//! Myers, `Replace`, `Compact` and `Capture`, so the edit script is the same.

use similar::algorithms::{myers, Capture, Compact, DiffHook, NoFinishHook, Replace};
use similar::DiffOp;

/// The edit script from `old` to `new`, whose values are all below `n`.
pub(super) fn capture(old: &[u32], new: &[u32], n: usize) -> Vec<DiffOp> {
    let mut d = Compact::new(Replace::new(Capture::new()), old, new);
    let old_unique = unique(old, n);
    let new_unique = unique(new, n);
    let old_values: Vec<u32> = old_unique.iter().map(|&i| old[i]).collect();
    let new_values: Vec<u32> = new_unique.iter().map(|&i| new[i]).collect();
    let mut p = Patience {
        d: &mut d,
        old,
        old_current: 0,
        old_unique: &old_unique,
        new,
        new_current: 0,
        new_unique: &new_unique,
    };
    // `similar` wraps this hook in `Replace`, which only delays and merges
    // its `equal` calls; `Patience` handles an equal run item by item, so
    // the calls it makes are the same either way.
    let done = myers::diff(
        &mut p,
        &old_values[..],
        0..old_values.len(),
        &new_values[..],
        0..new_values.len(),
    );
    match done {
        Ok(()) => d.into_inner().into_inner().into_ops(),
        Err(never) => match never {},
    }
}

/// Indexes of the values that occur exactly once in `seq`, ascending.
fn unique(seq: &[u32], n: usize) -> Vec<usize> {
    let mut count = vec![0u8; n];
    for &v in seq {
        let c = &mut count[v as usize];
        *c = c.saturating_add(1);
    }
    (0..seq.len())
        .filter(|&i| count[seq[i] as usize] == 1)
        .collect()
}

/// The hook `similar`'s patience diff runs over the Myers diff of the unique
/// tokens: between two matched unique tokens, the common run, then a Myers
/// diff of the rest of the gap.
struct Patience<'a, D> {
    d: &'a mut D,
    old: &'a [u32],
    old_current: usize,
    old_unique: &'a [usize],
    new: &'a [u32],
    new_current: usize,
    new_unique: &'a [usize],
}

impl<D: DiffHook> Patience<'_, D> {
    /// Diff `old[old_current..old_end]` with `new[new_current..new_end]`,
    /// as `similar::algorithms::myers::diff_deadline` does, with or without
    /// its final `finish` call.
    fn gap(&mut self, old_end: usize, new_end: usize, finish: bool) -> Result<(), D::Error> {
        let (os, ns) = (self.old_current, self.new_current);
        if os < old_end && ns < new_end {
            return if finish {
                myers::diff(&mut *self.d, self.old, os..old_end, self.new, ns..new_end)
            } else {
                let mut no_finish = NoFinishHook::new(&mut *self.d);
                myers::diff(&mut no_finish, self.old, os..old_end, self.new, ns..new_end)
            };
        }
        // One side empty: Myers finds no common prefix or suffix and reports
        // the other side whole.
        if os < old_end {
            self.d.delete(os, old_end - os, ns)?;
        } else if ns < new_end {
            self.d.insert(os, ns, new_end - ns)?;
        }
        if finish {
            self.d.finish()?;
        }
        Ok(())
    }
}

impl<D: DiffHook> DiffHook for Patience<'_, D> {
    type Error = D::Error;

    fn equal(&mut self, old: usize, new: usize, len: usize) -> Result<(), D::Error> {
        for (o, n) in (old..old + len).zip(new..new + len) {
            let (a0, b0) = (self.old_current, self.new_current);
            let (oi, ni) = (self.old_unique[o], self.new_unique[n]);
            while self.old_current < oi
                && self.new_current < ni
                && self.new[self.new_current] == self.old[self.old_current]
            {
                self.old_current += 1;
                self.new_current += 1;
            }
            if self.old_current > a0 {
                self.d.equal(a0, b0, self.old_current - a0)?;
            }
            self.gap(oi, ni, false)?;
            self.old_current = oi;
            self.new_current = ni;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), D::Error> {
        self.gap(self.old.len(), self.new.len(), true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Small pseudo-random sequences over a few values, so that tokens
    /// repeat, occur once, or only on one side.
    fn sequences() -> Vec<(Vec<u32>, Vec<u32>)> {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m) as u32
        };
        let mut out = vec![
            (vec![], vec![]),
            (vec![1, 2, 3], vec![]),
            (vec![], vec![1, 2, 3]),
            (
                vec![11, 1, 2, 2, 3, 4, 4, 4, 5, 47, 19],
                vec![10, 1, 2, 2, 8, 9, 4, 4, 7, 47, 18],
            ),
        ];
        for round in 0..400 {
            let m = 2 + (round % 30) as u64;
            let (a, b) = (next(40) as usize, next(40) as usize);
            let old: Vec<u32> = (0..a).map(|_| next(m)).collect();
            let mut new = old.clone();
            for _ in 0..b / 4 {
                if new.is_empty() {
                    break;
                }
                let at = next(new.len() as u64) as usize;
                match next(3) {
                    0 => {
                        new.remove(at);
                    }
                    1 => new.insert(at, next(m + 5)),
                    _ => new[at] = next(m),
                }
            }
            out.push((old, new.clone()));
            out.push(((0..b).map(|_| next(m)).collect(), new));
        }
        out
    }

    #[test]
    fn same_script_as_similar_patience() {
        for (old, new) in sequences() {
            let n = old.iter().chain(&new).max().map_or(0, |&m| m as usize + 1);
            assert_eq!(
                capture(&old, &new, n),
                similar::capture_diff_slices(similar::Algorithm::Patience, &old, &new),
                "{old:?} -> {new:?}"
            );
        }
    }
}
