//! Series: chains of editions of one recurring resolution, in adoption
//! order, and what each edition carried over from the one before.
//!
//! [`chains`] follows the predecessor links of [`super::links`] (each
//! edition has at most one predecessor and one successor, so they form
//! chains). [`PairSummary`] compares two consecutive editions with
//! [`crate::diff::compare`]: the counts of the diff summary plus the share
//! of the new edition's words that came over unchanged.

use std::collections::HashMap;

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use super::links::Link;
use super::{Corpus, CorpusOptions};
use crate::diff::{self, ChangeKind, CompareOptions, Op, Summary};
use crate::model::{Edition, Language, UnitId};

/// A recurring resolution: its editions, oldest first.
#[derive(Debug, Clone)]
pub struct Series {
    /// Title of the latest edition.
    pub title: String,
    /// Corpus indices of the editions in adoption order.
    pub editions: Vec<usize>,
    /// The link of each edition after the first to the one before it.
    pub links: Vec<Link>,
}

/// Change summary of two consecutive editions: the counts of the diff
/// summary (`resdiff.diff/1`), clauses carried over, and the share of text
/// unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairSummary {
    pub unchanged: usize,
    pub changed: usize,
    pub added: usize,
    pub removed: usize,
    pub split: usize,
    pub merged: usize,
    pub moved: usize,
    /// Clauses of the new edition that continue a clause of the old one
    /// (unchanged, changed, split or merged).
    pub carried_over: usize,
    /// Share (0..1) of the new edition's words that stand unchanged in a
    /// clause continued from the old edition.
    pub text_unchanged: f64,
}

impl PairSummary {
    fn from_summary(s: &Summary, carried_over: usize, text_unchanged: f64) -> Self {
        PairSummary {
            unchanged: s.unchanged,
            changed: s.changed,
            added: s.added,
            removed: s.removed,
            split: s.split,
            merged: s.merged,
            moved: s.moved,
            carried_over,
            text_unchanged,
        }
    }
}

/// Words of a text as counted for [`PairSummary::text_unchanged`]:
/// Unicode words (letters and digits; punctuation and white space do not
/// count), characters for Chinese. Runs of an edit script split words at the
/// same boundaries, so counts of runs add up to counts of whole texts.
fn words(text: &str, lang: Language) -> usize {
    if lang.is_unspaced() {
        text.chars().filter(|c| c.is_alphanumeric()).count()
    } else {
        text.unicode_words().count()
    }
}

/// Compare two consecutive editions.
pub fn summarize_pair(old: &Edition, new: &Edition) -> PairSummary {
    let cmp = diff::compare(old, new, &CompareOptions::default());
    let lang = new.language;
    let text: HashMap<&UnitId, &str> = new.units.iter().map(|u| (&u.id, u.text.as_str())).collect();
    let total: usize = new.units.iter().map(|u| words(&u.text, lang)).sum();
    // Words of the new edition that stand in an equal run of a continued
    // clause; the rest of the new edition's words are new.
    let mut same = 0usize;
    let mut carried = 0usize;
    for c in &cmp.changes {
        match c.kind {
            ChangeKind::Added | ChangeKind::Removed => {}
            ChangeKind::Unchanged => {
                carried += c.new.len();
                same += c
                    .new
                    .iter()
                    .map(|id| text.get(id).map_or(0, |t| words(t, lang)))
                    .sum::<usize>();
            }
            ChangeKind::Changed | ChangeKind::Split | ChangeKind::Merged => {
                carried += c.new.len();
                same += c
                    .diff
                    .iter()
                    .filter(|o| o.op == Op::Equal)
                    .map(|o| words(&o.text, lang))
                    .sum::<usize>();
            }
        }
    }
    let share = if total == 0 {
        1.0
    } else {
        (same as f64 / total as f64).min(1.0)
    };
    PairSummary::from_summary(&cmp.summary, carried, share)
}

/// The series of at least two editions formed by predecessor links, ordered
/// by the adoption of their first edition.
pub fn chains(corpus: &Corpus, preds: &[Option<Link>]) -> Vec<Series> {
    let n = corpus.docs.len();
    let mut succ: Vec<Option<usize>> = vec![None; n];
    for l in preds.iter().flatten() {
        succ[l.old] = Some(l.new);
    }
    let mut out = Vec::new();
    for start in 0..n {
        // A chain starts at an edition with no predecessor and a successor.
        if preds.get(start).is_some_and(|p| p.is_some()) || succ[start].is_none() {
            continue;
        }
        let mut editions = vec![start];
        let mut links = Vec::new();
        let mut cur = start;
        while let Some(next) = succ[cur] {
            // Links are one-to-one, so a chain cannot meet itself; the bound
            // guards the loop anyway.
            if editions.len() > n {
                break;
            }
            if let Some(l) = preds.get(next).cloned().flatten() {
                links.push(l);
            }
            editions.push(next);
            cur = next;
        }
        let title = corpus.docs[cur].title().to_string();
        out.push(Series {
            title,
            editions,
            links,
        });
    }
    out.sort_by_key(|s| corpus.docs[s.editions[0]].adoption_key());
    out
}

/// Summaries of every consecutive pair of every series, on all cores; one
/// list per series, in series order.
pub fn summarize(
    corpus: &Corpus,
    series: &[Series],
    opts: &CorpusOptions,
) -> Vec<Vec<PairSummary>> {
    let pairs: Vec<(usize, usize, usize)> = series
        .iter()
        .enumerate()
        .flat_map(|(s, ser)| ser.editions.windows(2).map(move |w| (s, w[0], w[1])))
        .collect();
    let done = super::par_map(&pairs, opts.thread_count(), |&(_, o, n)| {
        summarize_pair(&corpus.docs[o].edition, &corpus.docs[n].edition)
    });
    let mut out: Vec<Vec<PairSummary>> = vec![Vec::new(); series.len()];
    for ((s, _, _), p) in pairs.into_iter().zip(done) {
        out[s].push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceFormat, Unit};

    fn ed(texts: &[&str]) -> Edition {
        let mut e = Edition::new("synthetic", SourceFormat::Text, Language::En);
        e.units = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Unit::new(UnitId::op(i as u32 + 1), *t))
            .collect();
        e
    }

    #[test]
    fn pair_summary_counts_carried_over_text() {
        // (synthetic)
        let old = ed(&[
            "Decides to keep the synthetic widget programme under review for ever.",
            "Requests a report on synthetic gadgets at its next session.",
            "Thanks the synthetic committee for its work.",
        ]);
        let new = ed(&[
            "Decides to keep the synthetic widget programme under review for ever.",
            "Requests a report on synthetic gadgets at its following session.",
            "Invites all synthetic partners to contribute to the trust fund.",
        ]);
        let s = summarize_pair(&old, &new);
        assert_eq!(s.unchanged, 1);
        assert_eq!(s.changed, 1);
        assert_eq!(s.carried_over, 2);
        assert!(s.added + s.removed >= 1);
        assert!(s.text_unchanged > 0.4 && s.text_unchanged < 0.8, "{s:?}");
        let same = summarize_pair(&old, &old);
        assert_eq!(same.text_unchanged, 1.0);
        assert_eq!(same.unchanged, 3);
    }
}
