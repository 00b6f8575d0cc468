//! Word diffs through glyph damage: when one edition is a damaged Arabic
//! extraction and the other is clean, a word spelled differently only
//! because of the damage is not an edit.
//!
//! Why this exists: about seven words in ten of a damaged extraction are
//! misspelled, so a plain word diff against a clean edition would redline
//! nearly everything and hide the real changes. [`absorb`] looks at every
//! block of deletions and insertions of an edit script; words at its start
//! and end whose damage keys ([`crate::repair::keys::DamageKeys`]) are equal
//! are turned into equal text, written as the *clean* edition spells them
//! (the damaged spelling stays in the unit's own text). What remains in the
//! block is a real difference, shown as before. The number of absorbed
//! words is reported in `summary.damage_absorbed`.

use super::{push_run, Op, WordOp};
use crate::model::Language;
use crate::normalize;
use crate::repair::keys::DamageKeys;

/// Words of a run with the white space after each (`"a b "` → `["a ", "b "]`).
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            out.push(&text[start..i]);
            start = i;
            in_space = false;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Words of a run grouped with their keys: pieces of a word the damage
/// split (up to [`crate::repair::MAX_SPAN`] words whose text has one key)
/// form one group.
fn groups<'a>(text: &'a str, keys: &DamageKeys) -> Vec<(String, &'a str)> {
    let ws = words(text);
    let key = |t: &str| normalize::keys(t, Language::Ar, keys).join(" ");
    let mut out = Vec::with_capacity(ws.len());
    let mut i = 0;
    while i < ws.len() {
        let mut taken = 1;
        for k in (2..=crate::repair::MAX_SPAN).rev() {
            if i + k <= ws.len() {
                let (a, b) = (ws[i].as_ptr() as usize, ws[i + k - 1].as_ptr() as usize);
                let start = a - text.as_ptr() as usize;
                let end = b - text.as_ptr() as usize + ws[i + k - 1].len();
                let t = &text[start..end];
                if normalize::keys(t, Language::Ar, keys).len() == 1 {
                    taken = k;
                    break;
                }
            }
        }
        let start = ws[i].as_ptr() as usize - text.as_ptr() as usize;
        let last = ws[i + taken - 1];
        let end = last.as_ptr() as usize - text.as_ptr() as usize + last.len();
        let t = &text[start..end];
        out.push((key(t), t));
        i += taken;
    }
    out
}

/// Rewrite an edit script so that words differing only by damage are equal
/// text; `clean_is_new` says which side's spelling the equal text takes.
/// Returns the script and the number of words absorbed.
pub fn absorb(ops: Vec<WordOp>, keys: &DamageKeys, clean_is_new: bool) -> (Vec<WordOp>, usize) {
    let mut out: Vec<WordOp> = Vec::with_capacity(ops.len());
    let mut absorbed = 0;
    let mut k = 0;
    while k < ops.len() {
        if ops[k].op == Op::Equal {
            push_run(&mut out, Op::Equal, &ops[k].text);
            k += 1;
            continue;
        }
        let (mut del, mut ins) = (String::new(), String::new());
        while k < ops.len() && ops[k].op != Op::Equal {
            match ops[k].op {
                Op::Delete => del.push_str(&ops[k].text),
                _ => ins.push_str(&ops[k].text),
            }
            k += 1;
        }
        let (dg, ig) = (groups(&del, keys), groups(&ins, keys));
        let dk: Vec<&str> = dg.iter().map(|g| g.0.as_str()).collect();
        let ik: Vec<&str> = ig.iter().map(|g| g.0.as_str()).collect();
        let script = similar::capture_diff_slices(similar::Algorithm::Myers, &dk, &ik);
        let text = |gs: &[(String, &str)], r: std::ops::Range<usize>| -> String {
            gs[r].iter().map(|g| g.1).collect()
        };
        for op in &script {
            let (tag, or, nr) = op.as_tag_tuple();
            match tag {
                similar::DiffTag::Equal => {
                    // Groups without a key (punctuation only) are not words.
                    absorbed += dg[or.clone()].iter().filter(|g| !g.0.is_empty()).count();
                    let t = if clean_is_new {
                        text(&ig, nr)
                    } else {
                        text(&dg, or)
                    };
                    push_run(&mut out, Op::Equal, &t);
                }
                similar::DiffTag::Delete => push_run(&mut out, Op::Delete, &text(&dg, or)),
                similar::DiffTag::Insert => push_run(&mut out, Op::Insert, &text(&ig, nr)),
                similar::DiffTag::Replace => {
                    push_run(&mut out, Op::Delete, &text(&dg, or));
                    push_run(&mut out, Op::Insert, &text(&ig, nr));
                }
            }
        }
    }
    (super::tidy(out), absorbed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::glyph::{Form, GlyphModel};
    use crate::repair::lexicon::Lexicon;

    fn w(op: Op, t: &str) -> WordOp {
        WordOp {
            op,
            text: t.to_string(),
        }
    }

    #[test]
    fn damage_only_words_become_equal_in_clean_spelling() {
        // (synthetic) font: initial ب → ا
        let m = GlyphModel::from_rows([('ب', Form::Initial, "ا", 10)]);
        let mut l = Lexicon::default();
        l.add_text("بحث الدول يقرر يواصل");
        let keys = DamageKeys::new(&m, &l);
        let ops = vec![
            w(Op::Equal, "الدول "),
            w(Op::Delete, "احث يقرر"),
            w(Op::Insert, "بحث يواصل"),
            w(Op::Equal, " (synthetic)"),
        ];
        let (got, n) = absorb(ops, &keys, true);
        assert_eq!(n, 1);
        assert_eq!(
            got,
            [
                w(Op::Equal, "الدول بحث "),
                w(Op::Delete, "يقرر"),
                w(Op::Insert, "يواصل"),
                w(Op::Equal, " (synthetic)"),
            ]
        );
    }

    #[test]
    fn words_keep_their_spaces() {
        assert_eq!(words("a  b c"), ["a  ", "b ", "c"]);
        assert_eq!(words(""), Vec::<&str>::new());
    }
}
