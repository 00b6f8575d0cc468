//! Lineage: where each clause of an edition came from. An annotate pass over
//! the stored editions of a series in adoption order: consecutive editions
//! are aligned with [`crate::diff::compare`] (robust to renumbering, moves,
//! splits and merges), and each clause's *chain* — its ids edition by edition
//! — is extended along the alignment. A clause added in one edition is also
//! matched against clauses dropped earlier, so a paragraph left out once and
//! restored later keeps its history (with no id in the edition that lacked it).
//!
//! `resdiff blame` reads [`Lineage::blame`]; `resdiff history` reads
//! [`Lineage::chain_of`].

use crate::align::text_similarity;
use crate::diff::{compare, ChangeKind, CompareOptions};
use crate::model::{Edition, Language, UnitId};
use crate::normalize::default_policy;

/// Least alignment score for an added clause to count as the return of a
/// clause dropped in an earlier edition. High, because nothing else (order,
/// neighbours) supports such a match across a gap.
pub const RESTORE_MIN: f64 = 0.8;

/// One clause through the editions.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// Index (into [`Lineage::editions`]) of the first edition holding it.
    pub introduced: usize,
    /// Editions where its text changed, ascending.
    pub changed_in: Vec<usize>,
    /// Its id in each edition that holds it, ascending by edition.
    pub ids: Vec<(usize, UnitId)>,
}

impl Chain {
    fn last(&self) -> usize {
        self.ids.last().map(|(k, _)| *k).unwrap_or(self.introduced)
    }
}

/// The clause chains of a sequence of editions.
#[derive(Debug, Clone)]
pub struct Lineage {
    /// Edition symbols (or sources when there is no symbol), in the order given.
    pub editions: Vec<String>,
    pub language: Option<Language>,
    pub chains: Vec<Chain>,
    /// For each edition, the chain of each unit (parallel to `Edition::units`).
    pub unit_chain: Vec<Vec<usize>>,
}

/// One unit's blame.
#[derive(Debug, Clone, PartialEq)]
pub struct BlameLine {
    pub id: UnitId,
    pub introduced: String,
    pub changed_in: Vec<String>,
    /// (edition symbol, id there), in edition order.
    pub ids: Vec<(String, UnitId)>,
}

/// Trace clause chains through editions given in adoption order.
pub fn trace(eds: &[Edition]) -> Lineage {
    let mut chains: Vec<Chain> = Vec::new();
    let mut unit_chain: Vec<Vec<usize>> = Vec::with_capacity(eds.len());
    for (k, ed) in eds.iter().enumerate() {
        let mut here = vec![usize::MAX; ed.units.len()];
        if k == 0 {
            for (j, u) in ed.units.iter().enumerate() {
                chains.push(Chain {
                    introduced: 0,
                    changed_in: Vec::new(),
                    ids: vec![(0, u.id.clone())],
                });
                here[j] = chains.len() - 1;
            }
            unit_chain.push(here);
            continue;
        }
        let prev = &eds[k - 1];
        let cmp = compare(prev, ed, &CompareOptions::default());
        let old_ix = |id: &UnitId| prev.units.iter().position(|u| &u.id == id);
        let new_ix = |id: &UnitId| ed.units.iter().position(|u| &u.id == id);
        let mut added = Vec::new();
        for c in &cmp.changes {
            if c.new.is_empty() {
                continue;
            }
            if c.old.is_empty() {
                added.extend(c.new.iter().filter_map(new_ix));
                continue;
            }
            let olds: Vec<usize> = c
                .old
                .iter()
                .filter_map(old_ix)
                .map(|i| unit_chain[k - 1][i])
                .filter(|&ch| ch != usize::MAX)
                .collect();
            let Some(&base) = olds.iter().min_by_key(|&&ch| (chains[ch].introduced, ch)) else {
                added.extend(c.new.iter().filter_map(new_ix));
                continue;
            };
            let changed = c.kind != ChangeKind::Unchanged;
            for (n, id) in c.new.iter().enumerate() {
                let Some(j) = new_ix(id) else { continue };
                let ch = if n == 0 {
                    base
                } else {
                    // A split: every part shares the history so far.
                    let mut copy = chains[base].clone();
                    copy.ids.retain(|(e, _)| *e < k);
                    copy.changed_in.retain(|e| *e < k);
                    chains.push(copy);
                    chains.len() - 1
                };
                chains[ch].ids.push((k, id.clone()));
                if changed {
                    chains[ch].changed_in.push(k);
                }
                here[j] = ch;
            }
        }
        // Added clauses: restored from an earlier edition, or new.
        let policy = default_policy(false, false);
        let mut revived = Vec::new();
        for j in added {
            let text = &ed.units[j].text;
            let best = chains
                .iter()
                .enumerate()
                .filter(|(ci, c)| c.last() + 1 < k && !revived.contains(ci))
                .filter_map(|(ci, c)| {
                    let (e, id) = c.ids.last()?;
                    let old = eds[*e].unit(id)?;
                    Some((
                        ci,
                        text_similarity(&old.text, text, ed.language, policy),
                        old.text == *text,
                    ))
                })
                .filter(|(_, s, _)| *s >= RESTORE_MIN)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            let ch = match best {
                Some((ci, _, same)) => {
                    revived.push(ci);
                    if !same {
                        chains[ci].changed_in.push(k);
                    }
                    ci
                }
                None => {
                    chains.push(Chain {
                        introduced: k,
                        changed_in: Vec::new(),
                        ids: Vec::new(),
                    });
                    chains.len() - 1
                }
            };
            chains[ch].ids.push((k, ed.units[j].id.clone()));
            here[j] = ch;
        }
        unit_chain.push(here);
    }
    Lineage {
        editions: eds
            .iter()
            .map(|e| e.facts.symbol.clone().unwrap_or_else(|| e.source.clone()))
            .collect(),
        language: eds.first().map(|e| e.language),
        chains,
        unit_chain,
    }
}

impl Lineage {
    /// The chain of unit `id` of edition `k`.
    pub fn chain_of(&self, eds: &[Edition], k: usize, id: &UnitId) -> Option<&Chain> {
        let j = eds.get(k)?.units.iter().position(|u| &u.id == id)?;
        self.chains.get(*self.unit_chain.get(k)?.get(j)?)
    }

    /// Blame of every unit of edition `k`, in its order. Only editions up to
    /// `k` count (trace a prefix for that).
    pub fn blame(&self, eds: &[Edition], k: usize) -> Vec<BlameLine> {
        let Some(ed) = eds.get(k) else {
            return Vec::new();
        };
        ed.units
            .iter()
            .filter_map(|u| {
                let c = self.chain_of(eds, k, &u.id)?;
                Some(BlameLine {
                    id: u.id.clone(),
                    introduced: self.editions[c.introduced].clone(),
                    changed_in: c
                        .changed_in
                        .iter()
                        .filter(|&&e| e <= k)
                        .map(|&e| self.editions[e].clone())
                        .collect(),
                    ids: c
                        .ids
                        .iter()
                        .filter(|(e, _)| *e <= k)
                        .map(|(e, id)| (self.editions[*e].clone(), id.clone()))
                        .collect(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceFormat, Unit};

    fn ed(sym: &str, units: &[(&str, &str)]) -> Edition {
        let mut e = Edition::new(sym, SourceFormat::Canonical, Language::En);
        e.facts.symbol = Some(sym.into());
        for (id, t) in units {
            e.units.push(Unit::new(id.parse().unwrap(), *t));
        }
        e
    }

    const A: &str = "Recalling its resolutions on the synthetic coordination of efforts against synthetic trafficking,";
    const B: &str = "Requests the Secretary-General to submit a synthetic report on the implementation of this resolution;";
    const C: &str =
        "Decides to remain seized of the synthetic matter and to consider it at its next session;";

    #[test]
    fn follows_renumbering_changes_and_restores() {
        let e1 = ed("S/1", &[("PP1", A), ("OP1", B), ("OP2", C)]);
        let b2 = B.replace(
            "synthetic report",
            "synthetic report, in consultation with Member States,",
        );
        let e2 = ed(
            "S/2",
            &[
                ("PP1", A),
                (
                    "OP1",
                    "Welcomes the new synthetic initiative of many partners;",
                ),
                ("OP2", &b2),
            ],
        );
        let e3 = ed("S/3", &[("PP1", A), ("OP1", &b2), ("OP2", C)]);
        let eds = [e1, e2, e3];
        let l = trace(&eds);
        let blame = l.blame(&eds, 2);
        assert_eq!(blame[0].introduced, "S/1");
        assert!(blame[0].changed_in.is_empty());
        // B: renumbered OP1 → OP2 → OP1, changed once.
        assert_eq!(blame[1].introduced, "S/1");
        assert_eq!(blame[1].changed_in, ["S/2"]);
        assert_eq!(
            blame[1]
                .ids
                .iter()
                .map(|(_, i)| i.to_string())
                .collect::<Vec<_>>(),
            ["OP1", "OP2", "OP1"]
        );
        // C: dropped in S/2, restored in S/3 — no id for S/2.
        assert_eq!(blame[2].introduced, "S/1");
        assert_eq!(
            blame[2]
                .ids
                .iter()
                .map(|(e, _)| e.as_str())
                .collect::<Vec<_>>(),
            ["S/1", "S/3"]
        );
        // The S/2 newcomer is introduced by S/2.
        let b2l = l.blame(&eds, 1);
        assert_eq!(b2l[1].introduced, "S/2");
    }
}
