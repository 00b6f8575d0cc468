//! `resdiff diff --format json`: the `resdiff.diff/1` contract (docs/JSON.md)
//! — both editions' units, every change with its kind, ids, move flag,
//! similarity and word-level edit script, and the summary — for scripts and
//! CI checks.

use std::io::{self, Write};

use serde::Serialize;

use crate::diff::{Change, ChangeKind, Comparison, Summary, WordOp};
use crate::model::{Edition, Language, UnitId};

/// Schema name of the diff JSON contract.
pub const DIFF_SCHEMA: &str = "resdiff.diff/1";

/// Similarities are printed with this many decimals: enough to rank, stable
/// against floating-point noise.
const SIMILARITY_DECIMALS: i32 = 3;

#[derive(Serialize)]
struct DiffJson<'a> {
    schema: &'static str,
    old: SideJson<'a>,
    new: SideJson<'a>,
    changes: Vec<ChangeJson<'a>>,
    summary: &'a Summary,
}

/// One edition in `resdiff.diff/1` (also the sides of `resdiff.review/1`).
#[derive(Serialize)]
pub(crate) struct SideJson<'a> {
    source: &'a str,
    symbol: Option<&'a str>,
    language: Language,
    units: Vec<UnitJson<'a>>,
}

#[derive(Serialize)]
pub(crate) struct UnitJson<'a> {
    id: &'a UnitId,
    text: &'a str,
}

/// One change in `resdiff.diff/1` (the start of a `resdiff.review/1` change).
#[derive(Serialize)]
pub(crate) struct ChangeJson<'a> {
    kind: ChangeKind,
    old: &'a [UnitId],
    new: &'a [UnitId],
    moved: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    similarity: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<&'a [WordOp]>,
}

pub(crate) fn side(ed: &Edition) -> SideJson<'_> {
    SideJson {
        source: &ed.source,
        symbol: ed.facts.symbol.as_deref(),
        language: ed.language,
        units: ed
            .units
            .iter()
            .map(|u| UnitJson {
                id: &u.id,
                text: &u.text,
            })
            .collect(),
    }
}

pub(crate) fn change(c: &Change) -> ChangeJson<'_> {
    let scale = 10f64.powi(SIMILARITY_DECIMALS);
    let similarity = match c.kind {
        ChangeKind::Added | ChangeKind::Removed => None,
        // An unchanged unit is identical to itself, whatever the engine filled in.
        ChangeKind::Unchanged => Some(c.similarity.unwrap_or(1.0)),
        _ => c.similarity,
    }
    .map(|s| (s.clamp(0.0, 1.0) * scale).round() / scale);
    let diff = match c.kind {
        ChangeKind::Changed | ChangeKind::Split | ChangeKind::Merged => Some(c.diff.as_slice()),
        _ => None,
    };
    ChangeJson {
        kind: c.kind,
        old: &c.old,
        new: &c.new,
        moved: c.moved,
        similarity,
        diff,
    }
}

fn document(cmp: &Comparison) -> DiffJson<'_> {
    DiffJson {
        schema: DIFF_SCHEMA,
        old: side(&cmp.old),
        new: side(&cmp.new),
        changes: cmp.changes.iter().map(change).collect(),
        summary: &cmp.summary,
    }
}

/// The comparison as a `serde_json::Value` following `resdiff.diff/1`
/// (object keys sorted; [`write_json`] keeps the documented order).
pub fn to_json_value(cmp: &Comparison) -> serde_json::Value {
    // Invariant: every field is a string, number, bool, null, list or struct,
    // which serde_json always serialises.
    serde_json::to_value(document(cmp)).expect("diff JSON is always serialisable")
}

/// Write the comparison as pretty-printed `resdiff.diff/1` JSON, fields in
/// the documented order, and a newline.
pub fn write_json(cmp: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(cmp))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::term::tests::sample;
    use serde_json::json;

    #[test]
    fn follows_the_contract() {
        let v = to_json_value(&sample());
        assert_eq!(v["schema"], "resdiff.diff/1");
        assert_eq!(v["old"]["source"], "old.txt");
        assert_eq!(v["old"]["symbol"], "A/RES/1/1");
        assert_eq!(v["new"]["language"], "en");
        assert_eq!(
            v["new"]["units"][2],
            json!({"id": "OP1", "text": "Requests a report at its fourth session (synthetic);"})
        );
        let ch = v["changes"].as_array().unwrap();
        assert_eq!(ch.len(), 6);
        assert_eq!(
            ch[0],
            json!({"kind": "unchanged", "old": ["PP1"], "new": ["PP1"], "moved": false, "similarity": 1.0})
        );
        assert_eq!(ch[2]["kind"], "changed");
        assert_eq!(ch[2]["old"], json!(["OP3"]));
        assert_eq!(ch[2]["moved"], true);
        assert_eq!(ch[2]["similarity"], 0.8);
        assert_eq!(ch[2]["diff"][1], json!({"op": "delete", "text": "second"}));
        assert_eq!(
            ch[4],
            json!({"kind": "removed", "old": ["OP2"], "new": [], "moved": false})
        );
        assert_eq!(
            ch[5],
            json!({"kind": "added", "old": [], "new": ["OP3"], "moved": false})
        );
        assert_eq!(
            v["summary"],
            json!({"unchanged": 2, "changed": 2, "added": 1, "removed": 1, "split": 0, "merged": 0, "moved": 1})
        );
    }

    #[test]
    fn unknown_symbol_is_null_and_output_is_pretty() {
        let mut cmp = sample();
        cmp.old.facts.symbol = None;
        let mut buf = Vec::new();
        write_json(&cmp, &mut buf).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(s.starts_with("{\n  \"schema\": \"resdiff.diff/1\",\n"));
        assert!(s.ends_with("}\n"));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert!(v["old"]["symbol"].is_null());
    }
}
