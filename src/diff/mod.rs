//! Diff: from an [`Alignment`](crate::align::Alignment) of two editions to a
//! [`Comparison`] — one [`Change`] per matched group or unmatched unit, each
//! with a word-level edit script — the hand-off type every renderer reads.
//!
//! The JSON form of a [`Comparison`] is the `resdiff.diff/1` contract
//! (docs/JSON.md).

use serde::Serialize;

use crate::model::{Edition, UnitId};

/// What happened to a clause between two editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Unchanged,
    Changed,
    Added,
    Removed,
    /// One old unit became several new ones.
    Split,
    /// Several old units became one new one.
    Merged,
}

/// One step of a word-level edit script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// A run of text with its edit operation. Concatenating the `Equal` and
/// `Delete` runs gives the old text; `Equal` and `Insert` the new text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordOp {
    pub op: Op,
    pub text: String,
}

/// One entry of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// Old unit ids (empty for `Added`).
    pub old: Vec<UnitId>,
    /// New unit ids (empty for `Removed`).
    pub new: Vec<UnitId>,
    /// Matched, but off the longest order-preserving chain of matches.
    pub moved: bool,
    /// 0..1; `None` for added and removed units.
    pub similarity: Option<f64>,
    /// Word-level edit script for changed, split and merged units; empty otherwise.
    pub diff: Vec<WordOp>,
}

/// Counts of changes by kind (`moved` counts matches flagged as moved).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub unchanged: usize,
    pub changed: usize,
    pub added: usize,
    pub removed: usize,
    pub split: usize,
    pub merged: usize,
    pub moved: usize,
}

/// Two editions and what changed between them, in the new edition's order
/// with removed units placed where they stood in the old one.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub old: Edition,
    pub new: Edition,
    pub changes: Vec<Change>,
    pub summary: Summary,
}

impl Comparison {
    /// True when nothing differs (every change is `Unchanged` and none moved).
    pub fn is_identical(&self) -> bool {
        self.changes
            .iter()
            .all(|c| c.kind == ChangeKind::Unchanged && !c.moved)
    }
}
