//! Diff: from an [`Alignment`](crate::align::Alignment) of two editions to a
//! [`Comparison`] — one [`Change`] per matched group or unmatched unit, each
//! with a word-level edit script — the hand-off type every renderer reads.
//!
//! The JSON form of a [`Comparison`] is the `resdiff.diff/1` contract
//! (docs/JSON.md).

mod damage;
mod patience;

use serde::Serialize;
use similar::DiffTag;
use unicode_segmentation::UnicodeSegmentation;

use crate::align::{self, AlignOptions, Alignment};
use crate::model::{Edition, Language, UnitId};
use crate::normalize;

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

impl ChangeKind {
    /// The kind's name, as the JSON contracts spell it and reports show it.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::Changed => "changed",
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Split => "split",
            ChangeKind::Merged => "merged",
        }
    }
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

impl Change {
    /// The ids the change is known by: the new ones, or the old ones for a
    /// removal.
    pub fn primary_ids(&self) -> &[UnitId] {
        if self.new.is_empty() {
            &self.old
        } else {
            &self.new
        }
    }
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
    /// Words that differ only by glyph damage (one edition a damaged Arabic
    /// extraction), shown as equal text instead of edits; omitted when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub damage_absorbed: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    /// Add one change to the counts.
    pub fn count(&mut self, c: &Change) {
        match c.kind {
            ChangeKind::Unchanged => self.unchanged += 1,
            ChangeKind::Changed => self.changed += 1,
            ChangeKind::Added => self.added += 1,
            ChangeKind::Removed => self.removed += 1,
            ChangeKind::Split => self.split += 1,
            ChangeKind::Merged => self.merged += 1,
        }
        if c.moved {
            self.moved += 1;
        }
    }
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

/// Options of [`compare`].
#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    pub align: AlignOptions,
}

/// Separator put between the texts of the units of a split or merge before
/// their word diff.
pub const JOIN: &str = " ";

/// Compare two editions: align their units, then diff every matched group.
pub fn compare(old: &Edition, new: &Edition, opts: &CompareOptions) -> Comparison {
    let alignment = align::align(old, new, &opts.align);
    from_alignment(old, new, &alignment)
}

/// Build the comparison for a given alignment (every unit must be in exactly
/// one link, `removed` or `added`, as [`align::align`] guarantees).
pub fn from_alignment(old: &Edition, new: &Edition, alignment: &Alignment) -> Comparison {
    let lang = new.language;
    let text = |ed: &Edition, ix: &[usize]| -> String {
        ix.iter()
            .filter_map(|&i| ed.units.get(i))
            .map(|u| u.text.as_str())
            .collect::<Vec<_>>()
            .join(JOIN)
    };
    let ids = |ed: &Edition, ix: &[usize]| -> Vec<UnitId> {
        ix.iter()
            .filter_map(|&i| ed.units.get(i))
            .map(|u| u.id.clone())
            .collect()
    };
    // Changes for links, in new-edition order (links are sorted that way).
    let texts: Vec<(String, String)> = alignment
        .links
        .iter()
        .map(|l| (text(old, &l.old), text(new, &l.new)))
        .collect();
    let kinds: Vec<ChangeKind> = alignment
        .links
        .iter()
        .zip(&texts)
        .map(|(l, (ot, nt))| match l.kind() {
            align::LinkKind::Split => ChangeKind::Split,
            align::LinkKind::Merge => ChangeKind::Merged,
            align::LinkKind::Match if ot == nt => ChangeKind::Unchanged,
            align::LinkKind::Match => ChangeKind::Changed,
        })
        .collect();
    let diffs = word_diffs(&texts, &kinds, lang);
    // A damaged edition against a clean one: damage-only words are not edits.
    let damage_keys = crate::repair::keys::DamageKeys::for_editions(old, new);
    let mut absorbed = 0;
    let mut linked: Vec<(usize, Change)> = Vec::new(); // (first old index, change)
    for ((l, mut kind), (mut diff, mut similarity)) in alignment.links.iter().zip(kinds).zip(diffs)
    {
        if let (Some(k), false) = (&damage_keys, kind == ChangeKind::Unchanged) {
            let (a, n) = damage::absorb(std::mem::take(&mut diff), k, old.damage.is_some());
            diff = a;
            absorbed += n;
            if kind == ChangeKind::Changed && diff.iter().all(|o| o.op == Op::Equal) {
                kind = ChangeKind::Unchanged;
                diff.clear();
            }
            similarity = if diff.is_empty() {
                1.0
            } else {
                script_similarity(&diff, lang)
            };
        }
        let first_old = l.old.iter().min().copied().unwrap_or(0);
        linked.push((
            first_old,
            Change {
                kind,
                old: ids(old, &l.old),
                new: ids(new, &l.new),
                moved: l.moved,
                similarity: Some(similarity),
                diff,
            },
        ));
    }
    // Removed units go right after the change holding the nearest preceding
    // old unit (or first, when none precedes them).
    let mut holder: Vec<Option<usize>> = vec![None; old.units.len()];
    for (k, l) in alignment.links.iter().enumerate() {
        for &i in &l.old {
            if let Some(h) = holder.get_mut(i) {
                *h = Some(k);
            }
        }
    }
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); linked.len() + 1]; // slot 0 = before all
    for &r in &alignment.removed {
        let slot = (0..r)
            .rev()
            .find_map(|p| holder.get(p).copied().flatten())
            .map_or(0, |k| k + 1);
        after[slot].push(r);
    }
    // Added units go where they stand in the new edition.
    let mut entries: Vec<(usize, usize, Change)> = Vec::new(); // (new position, tiebreak, change)
    for (k, (_, c)) in linked.into_iter().enumerate() {
        let pos = alignment.links[k].new.iter().min().copied().unwrap_or(0);
        entries.push((pos, 0, c));
        for (t, &r) in after[k + 1].iter().enumerate() {
            entries.push((pos, 1 + t, removed_change(old, r)));
        }
    }
    for &a in &alignment.added {
        entries.push((a, 0, added_change(new, a)));
    }
    entries.sort_by_key(|e| (e.0, e.1));
    let mut changes: Vec<Change> = after[0].iter().map(|&r| removed_change(old, r)).collect();
    changes.extend(entries.into_iter().map(|e| e.2));
    let mut summary = summarize(&changes);
    summary.damage_absorbed = absorbed;
    Comparison {
        old: old.clone(),
        new: new.clone(),
        changes,
        summary,
    }
}

fn removed_change(old: &Edition, i: usize) -> Change {
    Change {
        kind: ChangeKind::Removed,
        old: old
            .units
            .get(i)
            .map(|u| vec![u.id.clone()])
            .unwrap_or_default(),
        new: Vec::new(),
        moved: false,
        similarity: None,
        diff: Vec::new(),
    }
}

fn added_change(new: &Edition, j: usize) -> Change {
    Change {
        kind: ChangeKind::Added,
        old: Vec::new(),
        new: new
            .units
            .get(j)
            .map(|u| vec![u.id.clone()])
            .unwrap_or_default(),
        moved: false,
        similarity: None,
        diff: Vec::new(),
    }
}

/// Word diffs and similarities of linked texts (none for unchanged ones),
/// computed on two threads when the changed texts are long enough to pay for
/// one ([`align::PARALLEL_MIN_BYTES`]).
fn word_diffs(
    texts: &[(String, String)],
    kinds: &[ChangeKind],
    lang: Language,
) -> Vec<(Vec<WordOp>, f64)> {
    word_diffs_from(texts, kinds, lang, align::PARALLEL_MIN_BYTES)
}

/// [`word_diffs`], on two threads from `parallel_min` bytes of changed text.
fn word_diffs_from(
    texts: &[(String, String)],
    kinds: &[ChangeKind],
    lang: Language,
    parallel_min: usize,
) -> Vec<(Vec<WordOp>, f64)> {
    let one = |(ot, nt): &(String, String), kind: &ChangeKind| -> (Vec<WordOp>, f64) {
        if *kind == ChangeKind::Unchanged {
            (Vec::new(), 1.0)
        } else {
            let d = word_diff(ot, nt, lang);
            let s = script_similarity(&d, lang);
            (d, s)
        }
    };
    let run = |range: std::ops::Range<usize>| -> Vec<(Vec<WordOp>, f64)> {
        range.map(|k| one(&texts[k], &kinds[k])).collect()
    };
    let cost = |k: usize| {
        if kinds[k] == ChangeKind::Unchanged {
            0
        } else {
            texts[k].0.len() + texts[k].1.len()
        }
    };
    let total: usize = (0..texts.len()).map(cost).sum();
    if total < parallel_min {
        return run(0..texts.len());
    }
    // Split where half of the changed texts' bytes lie, so both threads get
    // about the same work.
    let mut acc = 0;
    let mid = (0..texts.len())
        .position(|k| {
            acc += cost(k);
            acc * 2 >= total
        })
        .map_or(texts.len(), |k| k + 1);
    std::thread::scope(|s| {
        let second = s.spawn(|| run(mid..texts.len()));
        let mut out = run(0..mid);
        match second.join() {
            Ok(rest) => out.extend(rest),
            Err(_) => out.extend(run(mid..texts.len())),
        }
        out
    })
}

/// Counts of a list of changes.
pub fn summarize(changes: &[Change]) -> Summary {
    let mut s = Summary::default();
    for c in changes {
        s.count(c);
    }
    s
}

/// Word-level edit script from `old` to `new`: tokens are Unicode words,
/// white space and punctuation (Han characters one by one for Chinese), so
/// the `Equal`+`Delete` runs give `old` and the `Equal`+`Insert` runs give
/// `new` exactly. Adjacent runs of one operation are merged, and white space
/// alone between two edits is folded into them so that a rewritten phrase
/// reads as one deletion and one insertion.
pub fn word_diff(old: &str, new: &str, lang: Language) -> Vec<WordOp> {
    // Tokens are interned to integers once, so the diff compares and hashes
    // integers instead of strings. Interning keeps equality exactly, so the
    // edit script is the one the same algorithm gives on the strings.
    let mut tok = Tokens::with_capacity((old.len() + new.len()) / 8);
    let (old_ids, old_ends) = tok.split(old, lang);
    let (new_ids, new_ends) = tok.split(new, lang);
    let ops = patience::capture(&old_ids, &new_ids, tok.ids.len());
    // Text of tokens `r` of a side: tokens are contiguous, so one slice.
    let span = |text: &'_ str, ends: &[usize], r: std::ops::Range<usize>| -> (usize, usize) {
        let start = if r.start == 0 { 0 } else { ends[r.start - 1] };
        let end = if r.end == 0 { 0 } else { ends[r.end - 1] };
        debug_assert!(start <= end && end <= text.len());
        (start, end)
    };
    let mut raw: Vec<WordOp> = Vec::new();
    for op in &ops {
        let (tag, or, nr) = op.as_tag_tuple();
        let (os, oe) = span(old, &old_ends, or);
        let (ns, ne) = span(new, &new_ends, nr);
        match tag {
            DiffTag::Equal => push_run(&mut raw, Op::Equal, &old[os..oe]),
            DiffTag::Delete => push_run(&mut raw, Op::Delete, &old[os..oe]),
            DiffTag::Insert => push_run(&mut raw, Op::Insert, &new[ns..ne]),
            DiffTag::Replace => {
                push_run(&mut raw, Op::Delete, &old[os..oe]);
                push_run(&mut raw, Op::Insert, &new[ns..ne]);
            }
        }
    }
    tidy(raw)
}

/// Token interner of [`word_diff`]: Unicode word bounds (words, white space
/// runs and punctuation, as `similar`'s word diff splits), or characters for
/// unspaced languages.
struct Tokens<'a> {
    ids: align::HashMap<&'a str, u32>,
}

impl<'a> Tokens<'a> {
    /// An interner with room for `n` distinct tokens before it grows.
    fn with_capacity(n: usize) -> Self {
        Tokens {
            ids: align::HashMap::with_capacity_and_hasher(n, Default::default()),
        }
    }

    /// Token ids of `text` and the byte offset where each token ends.
    fn split(&mut self, text: &'a str, lang: Language) -> (Vec<u32>, Vec<usize>) {
        // Room for the usual count (a word and a space every eight bytes or
        // so), so the vectors rarely grow.
        let guess = text.len() / 3 + 1;
        let mut ids = Vec::with_capacity(guess);
        let mut ends = Vec::with_capacity(guess);
        let mut push = |t: &'a str, end: usize| {
            let next = self.ids.len() as u32;
            ids.push(*self.ids.entry(t).or_insert(next));
            ends.push(end);
        };
        if lang.is_unspaced() {
            for (i, c) in text.char_indices() {
                let e = i + c.len_utf8();
                push(&text[i..e], e);
            }
        } else if normalize::ascii_word_bounds_apply(text) {
            for (i, w) in normalize::ascii_word_bounds(text) {
                push(w, i + w.len());
            }
        } else {
            for (i, w) in text.split_word_bound_indices() {
                push(w, i + w.len());
            }
        }
        (ids, ends)
    }
}

fn push_run(ops: &mut Vec<WordOp>, op: Op, text: &str) {
    if text.is_empty() {
        return;
    }
    match ops.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => ops.push(WordOp {
            op,
            text: text.to_string(),
        }),
    }
}

/// Group each block of edits as one deletion then one insertion, absorbing
/// white-space-only equal runs that sit between two edits.
fn tidy(ops: Vec<WordOp>) -> Vec<WordOp> {
    let mut out: Vec<WordOp> = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    let flush = |out: &mut Vec<WordOp>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            push_run(out, Op::Delete, del);
        }
        if !ins.is_empty() {
            push_run(out, Op::Insert, ins);
        }
        del.clear();
        ins.clear();
    };
    for (k, o) in ops.iter().enumerate() {
        match o.op {
            Op::Delete => del.push_str(&o.text),
            Op::Insert => ins.push_str(&o.text),
            Op::Equal => {
                let in_block = !(del.is_empty() && ins.is_empty());
                let next_is_edit = ops.get(k + 1).is_some_and(|n| n.op != Op::Equal);
                if in_block && next_is_edit && o.text.chars().all(char::is_whitespace) {
                    del.push_str(&o.text);
                    ins.push_str(&o.text);
                } else {
                    flush(&mut out, &mut del, &mut ins);
                    push_run(&mut out, Op::Equal, &o.text);
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

/// Similarity of an edit script: `2·equal / (old + new)` counted in tokens
/// that are not white space (characters for Chinese).
pub fn script_similarity(ops: &[WordOp], lang: Language) -> f64 {
    let count = |t: &str| -> usize {
        if lang.is_unspaced() {
            t.chars().filter(|c| !c.is_whitespace()).count()
        } else if normalize::ascii_word_bounds_apply(t) {
            normalize::ascii_word_bounds(t)
                .filter(|(_, w)| !w.trim().is_empty())
                .count()
        } else {
            t.split_word_bounds()
                .filter(|w| !w.trim().is_empty())
                .count()
        }
    };
    let (mut eq, mut del, mut ins) = (0usize, 0usize, 0usize);
    for o in ops {
        let c = count(&o.text);
        match o.op {
            Op::Equal => eq += c,
            Op::Delete => del += c,
            Op::Insert => ins += c,
        }
    }
    let total = 2 * eq + del + ins;
    if total == 0 {
        1.0
    } else {
        (2 * eq) as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceFormat, Unit};
    use similar::Algorithm;

    fn side(ops: &[WordOp], keep: Op) -> String {
        ops.iter()
            .filter(|o| o.op == Op::Equal || o.op == keep)
            .map(|o| o.text.as_str())
            .collect()
    }

    #[test]
    fn session_ordinal_diff_is_one_replacement() {
        let o = "Requests a report at its seventy-sixth session (synthetic);";
        let n = "Requests a report at its seventy-eighth session (synthetic);";
        let d = word_diff(o, n, Language::En);
        assert_eq!(side(&d, Op::Delete), o);
        assert_eq!(side(&d, Op::Insert), n);
        let edits: Vec<_> = d.iter().filter(|x| x.op != Op::Equal).collect();
        assert_eq!(edits.len(), 2, "{d:?}");
        assert_eq!(edits[0].text, "sixth");
        assert_eq!(edits[1].text, "eighth");
    }

    /// The word diff as `similar`'s text diff computes it on the strings.
    fn reference(old: &str, new: &str, lang: Language) -> Vec<WordOp> {
        use similar::{ChangeTag, TextDiff};
        let mut cfg = TextDiff::configure();
        cfg.algorithm(Algorithm::Patience);
        let diff = if lang.is_unspaced() {
            cfg.diff_chars(old, new)
        } else {
            cfg.diff_unicode_words(old, new)
        };
        let mut raw = Vec::new();
        for ch in diff.iter_all_changes() {
            let op = match ch.tag() {
                ChangeTag::Equal => Op::Equal,
                ChangeTag::Delete => Op::Delete,
                ChangeTag::Insert => Op::Insert,
            };
            push_run(&mut raw, op, ch.value());
        }
        tidy(raw)
    }

    #[test]
    fn interned_diff_equals_string_diff() {
        // Synthetic clauses, short (string path in similar) and long (more
        // than 100 tokens, where similar interns itself).
        let base = "Requests the Secretary-General to report (synthetic), at its \
                    seventy-sixth session, on the 2030 Agenda; and decides to remain seized.";
        let long_old = base.repeat(8);
        let long_new = long_old
            .replace("seventy-sixth", "seventy-eighth")
            .replacen("report", "submit a report", 3)
            .replacen("decides", "also decides", 2);
        let cases: Vec<(String, String, Language)> = vec![
            (base.into(), base.replace("sixth", "eighth"), Language::En),
            (base.into(), String::new(), Language::En),
            (String::new(), base.into(), Language::En),
            (long_old.clone(), long_new.clone(), Language::En),
            (long_new, long_old, Language::En),
            ("a b a b c a".into(), "b a c a b a b".into(), Language::En),
            (
                "大会第七十六届会议（合成）".into(),
                "大会第七十八届会议，合成".into(),
                Language::Zh,
            ),
        ];
        for (o, n, lang) in cases {
            let d = word_diff(&o, &n, lang);
            assert_eq!(d, reference(&o, &n, lang), "{o:?} -> {n:?}");
            assert_eq!(side(&d, Op::Delete), o);
            assert_eq!(side(&d, Op::Insert), n);
        }
    }

    #[test]
    fn two_threads_give_what_one_gives() {
        let texts: Vec<(String, String)> = (0..20)
            .map(|k| {
                let o = format!("Requests report {k} at its seventy-sixth session (synthetic);");
                (
                    o.clone(),
                    o.replace("sixth", "eighth").replace("report", "a report"),
                )
            })
            .collect();
        let kinds: Vec<ChangeKind> = (0..20)
            .map(|k| {
                if k % 3 == 0 {
                    ChangeKind::Unchanged
                } else {
                    ChangeKind::Changed
                }
            })
            .collect();
        let one = word_diffs_from(&texts, &kinds, Language::En, usize::MAX);
        let two = word_diffs_from(&texts, &kinds, Language::En, 0);
        assert_eq!(one, two);
        assert_eq!(one.len(), 20);
    }

    #[test]
    fn chinese_by_character() {
        let d = word_diff("大会第七十六届会议", "大会第七十八届会议", Language::Zh);
        assert!(
            d.iter().any(|x| x.op == Op::Delete && x.text == "六"),
            "{d:?}"
        );
    }

    #[test]
    fn removed_units_keep_their_old_place() {
        let mk = |units: &[(&str, &str)]| {
            let mut e = Edition::new("t", SourceFormat::Text, Language::En);
            e.units = units
                .iter()
                .map(|(i, t)| Unit::new(i.parse().expect("id"), *t))
                .collect();
            e
        };
        let o = mk(&[
            ("OP1", "Alpha synthetic clause about routes;"),
            ("OP2", "Beta synthetic clause about funds to be dropped;"),
            ("OP3", "Gamma synthetic clause about reports;"),
        ]);
        let n = mk(&[
            ("OP1", "Alpha synthetic clause about routes;"),
            ("OP2", "Gamma synthetic clause about reports;"),
        ]);
        let c = compare(&o, &n, &CompareOptions::default());
        let kinds: Vec<_> = c.changes.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [
                ChangeKind::Unchanged,
                ChangeKind::Removed,
                ChangeKind::Unchanged
            ]
        );
        assert_eq!(c.summary.removed, 1);
        assert!(!c.is_identical());
        assert!(compare(&o, &o, &CompareOptions::default()).is_identical());
    }
}
