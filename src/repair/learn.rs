//! Learning the glyph model from pairs of (damaged, clean) texts of the same
//! units.
//!
//! The damaged extraction does not keep the clean text's order inside a
//! paragraph: the extractor emits the runs of a printed line in visual
//! order, so pieces of a paragraph come out shuffled. A single alignment of
//! the two texts would therefore fail; instead each pair is aligned by
//! repeated local alignment (Smith–Waterman): the best-scoring stretch is
//! aligned, its characters on both sides are taken out, and the next best
//! stretch is searched, until no stretch scores [`MIN_BLOCK_SCORE`]. The
//! first round scores an identical character as a match and any other pair
//! of letters as a cheap mismatch; a second round scores with the table the
//! first round learned, which fixes stretches the first round cut wrongly.
//!
//! In every aligned stretch each clean letter, in its glyph [`Form`], is
//! paired with what the damaged text has in its place: one character, the
//! characters the damaged text inserts after it, or nothing. Counting these
//! pairs gives the table.

use std::collections::HashMap;

use super::glyph::{forms, is_letter, Form, Glyph, GlyphModel};

/// Smallest score of an aligned stretch used for learning: about seven
/// agreeing characters net of mismatches. Shorter stretches are as likely
/// chance as real.
const MIN_BLOCK_SCORE: i32 = 20;

/// Score of identical characters, and of a character the model predicts.
const MATCH: i32 = 3;
/// Score of two different letters (or a letter and a space or comma, which
/// the damage also produces) in the first round.
const LETTER_MISMATCH: i32 = -1;
/// Score of any other pair of different characters.
const OTHER_MISMATCH: i32 = -4;
/// Score of a character on one side only.
const GAP: i32 = -2;

/// A glyph output seen fewer times than this is left out of the table.
const MIN_COUNT: u32 = 2;
/// A glyph output below this share of its glyph's occurrences is left out.
const MIN_SHARE: f64 = 0.05;

/// Fold a text for learning and repair: tatweel and diacritics dropped,
/// white space collapsed to single spaces.
pub fn prepare(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c == '\u{0640}' || matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}') {
            continue;
        }
        if c.is_whitespace() {
            if out.last().is_some_and(|&l| l != ' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    while out.last() == Some(&' ') {
        out.pop();
    }
    out
}

/// The glyph of every clean character (`None` for non-letters), by words.
fn glyphs_of(clean: &[char]) -> Vec<Option<Glyph>> {
    let mut out = Vec::with_capacity(clean.len());
    let mut start = 0;
    for i in 0..=clean.len() {
        if i == clean.len() || !is_letter(clean[i]) {
            let fs = forms(&clean[start..i]);
            out.extend(
                clean[start..i]
                    .iter()
                    .zip(fs)
                    .map(|(&c, f)| f.map(|f| (c, f))),
            );
            if i < clean.len() {
                out.push(None);
            }
            start = i + 1;
        }
    }
    out
}

/// One step of an alignment: clean index and/or damaged index.
#[derive(Debug, Clone, Copy)]
enum Step {
    Pair(usize, usize),
    CleanOnly(usize),
    DamagedOnly(usize),
}

/// Scores a pair of characters.
struct Scorer<'a> {
    /// Predicted first characters of each glyph's outputs (second round).
    predicted: Option<&'a HashMap<Glyph, Vec<char>>>,
}

impl Scorer<'_> {
    fn score(&self, c: char, g: Option<Glyph>, d: char) -> i32 {
        if c == d {
            return MATCH;
        }
        if let (Some(p), Some(g)) = (self.predicted, g) {
            if p.get(&g).is_some_and(|v| v.contains(&d)) {
                return MATCH;
            }
        }
        let damage_like = |x: char| is_letter(x) || x == ' ' || x == '،';
        if is_letter(c) && damage_like(d) {
            LETTER_MISMATCH
        } else {
            OTHER_MISMATCH
        }
    }
}

/// Repeated local alignment of `clean` against `damaged` (see the module
/// doc); returns the steps of every stretch, stretch by stretch.
fn local_blocks(
    clean: &[char],
    glyphs: &[Option<Glyph>],
    damaged: &[char],
    scorer: &Scorer,
) -> Vec<Vec<Step>> {
    let (n, m) = (clean.len(), damaged.len());
    let mut used_c = vec![false; n];
    let mut used_d = vec![false; m];
    let w = m + 1;
    let mut h = vec![0i32; (n + 1) * w];
    let mut blocks = Vec::new();
    loop {
        let mut best = (0i32, 0usize, 0usize);
        for i in 1..=n {
            for j in 1..=m {
                let v = if used_c[i - 1] || used_d[j - 1] {
                    0
                } else {
                    let diag = h[(i - 1) * w + j - 1]
                        + scorer.score(clean[i - 1], glyphs[i - 1], damaged[j - 1]);
                    let up = h[(i - 1) * w + j] + GAP;
                    let left = h[i * w + j - 1] + GAP;
                    diag.max(up).max(left).max(0)
                };
                h[i * w + j] = v;
                if v > best.0 {
                    best = (v, i, j);
                }
            }
        }
        if best.0 < MIN_BLOCK_SCORE {
            break;
        }
        // Trace back from the best cell to a zero cell.
        let (mut i, mut j) = (best.1, best.2);
        let mut steps = Vec::new();
        while i > 0 && j > 0 && h[i * w + j] > 0 {
            let v = h[i * w + j];
            let diag =
                h[(i - 1) * w + j - 1] + scorer.score(clean[i - 1], glyphs[i - 1], damaged[j - 1]);
            if v == diag {
                steps.push(Step::Pair(i - 1, j - 1));
                i -= 1;
                j -= 1;
            } else if v == h[(i - 1) * w + j] + GAP {
                steps.push(Step::CleanOnly(i - 1));
                i -= 1;
            } else {
                steps.push(Step::DamagedOnly(j - 1));
                j -= 1;
            }
        }
        steps.reverse();
        if steps.is_empty() {
            break;
        }
        for s in &steps {
            match *s {
                Step::Pair(a, b) => {
                    used_c[a] = true;
                    used_d[b] = true;
                }
                Step::CleanOnly(a) => used_c[a] = true,
                Step::DamagedOnly(b) => used_d[b] = true,
            }
        }
        blocks.push(steps);
    }
    blocks
}

/// Counts of glyph outputs, gathered over any number of text pairs.
#[derive(Debug, Default)]
pub struct Counts {
    counts: HashMap<Glyph, HashMap<String, u32>>,
}

impl Counts {
    /// Add what the aligned stretches of one pair show.
    fn add_blocks(&mut self, glyphs: &[Option<Glyph>], damaged: &[char], blocks: &[Vec<Step>]) {
        for steps in blocks {
            // Output of a lam drawn in the lam-alif ligature, waiting for its alif.
            let mut lam: Option<String> = None;
            let mut k = 0;
            while k < steps.len() {
                let (ci, mut out) = match steps[k] {
                    Step::Pair(a, b) => (a, damaged[b].to_string()),
                    Step::CleanOnly(a) => (a, String::new()),
                    Step::DamagedOnly(_) => {
                        k += 1;
                        continue;
                    }
                };
                k += 1;
                while let Some(Step::DamagedOnly(b)) = steps.get(k) {
                    out.push(damaged[*b]);
                    k += 1;
                }
                match glyphs[ci] {
                    // The ligature is one glyph: its output is filed under the alif.
                    Some((_, Form::LamOfLigature)) => lam = Some(out),
                    Some(g @ (_, Form::AlifOfLigature)) => {
                        if let Some(l) = lam.take() {
                            let joint = l + &out;
                            *self.counts.entry(g).or_default().entry(joint).or_default() += 1;
                        }
                    }
                    Some(g) => {
                        lam = None;
                        *self.counts.entry(g).or_default().entry(out).or_default() += 1;
                    }
                    None => lam = None,
                }
            }
        }
    }

    /// The table: outputs seen at least [`MIN_COUNT`] times and making at
    /// least [`MIN_SHARE`] of their glyph's occurrences.
    pub fn model(&self) -> GlyphModel {
        let mut rows: Vec<(char, Form, &str, u32)> = Vec::new();
        for (&(c, f), outs) in &self.counts {
            let total: u32 = outs.values().sum();
            for (o, &n) in outs {
                if n >= MIN_COUNT && f64::from(n) >= MIN_SHARE * f64::from(total) {
                    rows.push((c, f, o.as_str(), n));
                }
            }
        }
        GlyphModel::from_rows(rows)
    }
}

/// A pair ready for alignment: damaged characters, clean characters, the
/// glyph of each clean character.
type Prepared = (Vec<char>, Vec<char>, Vec<Option<Glyph>>);

/// Learn the glyph model from pairs `(damaged text, clean text)` of the
/// same units (white space and tatweel need not be folded).
pub fn learn<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> GlyphModel {
    let prepared: Vec<Prepared> = pairs
        .into_iter()
        .map(|(d, c)| {
            let clean = prepare(c);
            let g = glyphs_of(&clean);
            (prepare(d), clean, g)
        })
        .collect();
    // Round one: identity scores.
    let mut first = Counts::default();
    let plain = Scorer { predicted: None };
    for (d, c, g) in &prepared {
        let blocks = local_blocks(c, g, d, &plain);
        first.add_blocks(g, d, &blocks);
    }
    let model = first.model();
    // Round two: scores from the first table.
    let mut predicted: HashMap<Glyph, Vec<char>> = HashMap::new();
    for (c, f, o, _) in model.rows() {
        if let Some(ch) = o.chars().next() {
            predicted.entry((c, f)).or_default().push(ch);
        }
    }
    let informed = Scorer {
        predicted: Some(&predicted),
    };
    let mut second = Counts::default();
    for (d, c, g) in &prepared {
        let blocks = local_blocks(c, g, d, &informed);
        second.add_blocks(g, d, &blocks);
    }
    second.model()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy font (synthetic): initial ب comes out as ا, final ر as nothing.
    fn damage(text: &str) -> String {
        let mut out = String::new();
        for w in text.split(' ') {
            let cs: Vec<char> = w.chars().collect();
            let fs = forms(&cs);
            for (c, f) in cs.iter().zip(fs) {
                match (c, f) {
                    ('ب', Some(Form::Initial)) => out.push('ا'),
                    ('ر', Some(Form::Final)) => {}
                    _ => out.push(*c),
                }
            }
            out.push(' ');
        }
        out
    }

    #[test]
    fn learns_a_toy_font_even_from_shuffled_halves() {
        let clean = "بحث الدول على بذل جهود أكبر لمكافحة الاتجار بالأشخاص بحزم وبسرعة";
        let d = damage(clean);
        // Shuffle the damaged text: second half first, as visual order does.
        let words: Vec<&str> = d.split_whitespace().collect();
        let (a, b) = words.split_at(words.len() / 2);
        let shuffled = format!("{} {}", b.join(" "), a.join(" "));
        let m = learn([(shuffled.as_str(), clean)]);
        assert_eq!(m.outputs(('ب', Form::Initial))[0].0, "ا");
        assert_eq!(m.outputs(('ح', Form::Medial))[0].0, "ح");
    }

    #[test]
    fn prepare_folds_space_and_tatweel() {
        assert_eq!(
            prepare("  الجمعيـــة   العامَّة ").iter().collect::<String>(),
            "الجمعية العامة"
        );
    }
}
