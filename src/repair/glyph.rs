//! The glyph-substitution model: which letters a damaged Arabic body font
//! gives back for each letter it printed.
//!
//! A font draws an Arabic letter with one of up to four glyphs — isolated,
//! initial, medial, final — and lam followed by alif as one ligature. A PDF
//! extractor reads each glyph back through the font's character map; when
//! that map is wrong, each *glyph* (not each letter) comes out as some other
//! character, the same one every time. So the model is a table from a glyph —
//! a letter in a [`Form`] — to the strings it comes out as, with how often
//! each was seen. It is learned ([`super::learn`]) from the seed extraction
//! and the clean text of the same resolution; the table learned from the
//! whole seed is kept in code ([`super::table`]) because it is a fact about
//! the font, not about any resolution.
//!
//! [`GlyphModel::damage_variants`] runs the model forward (clean word → the
//! spellings its damage is likely to give), which is what repair looks up
//! ([`super::lexicon::VariantIndex`]) and what the damage-tolerant
//! comparison keys are made from ([`super::keys`]).

use std::collections::HashMap;

/// Where a letter stands in its word, which decides the glyph drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    /// Joined on neither side.
    Isolated,
    /// Joined to the next letter only.
    Initial,
    /// Joined on both sides.
    Medial,
    /// Joined to the previous letter only.
    Final,
    /// Lam drawn as the first half of the lam-alif ligature (no output of
    /// its own: the ligature is one glyph, filed under its alif).
    LamOfLigature,
    /// The lam-alif ligature, filed under its alif (any hamza seat); its
    /// outputs stand for both letters.
    AlifOfLigature,
}

impl Form {
    /// One-letter code used in the table in code and in docs.
    pub fn code(self) -> char {
        match self {
            Form::Isolated => 'I',
            Form::Initial => 'B',
            Form::Medial => 'M',
            Form::Final => 'E',
            Form::LamOfLigature => 'L',
            Form::AlifOfLigature => 'A',
        }
    }

    /// The form of a [`Form::code`].
    pub fn from_code(c: char) -> Option<Form> {
        Some(match c {
            'I' => Form::Isolated,
            'B' => Form::Initial,
            'M' => Form::Medial,
            'E' => Form::Final,
            'L' => Form::LamOfLigature,
            'A' => Form::AlifOfLigature,
            _ => return None,
        })
    }
}

/// A letter drawn in one form: the unit the font maps.
pub type Glyph = (char, Form);

/// An Arabic letter (hamza to yā', without tatweel).
pub fn is_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c) && c != '\u{0640}'
}

/// Letters that join the letter after them (dual-joining). Alif, dal, dhal,
/// ra, zay, waw, tā' marbūṭa join only the letter before; hamza joins none.
pub fn joins_next(c: char) -> bool {
    is_letter(c)
        && !matches!(
            c,
            'ا' | 'أ' | 'إ' | 'آ' | 'ؤ' | 'د' | 'ذ' | 'ر' | 'ز' | 'و' | 'ة' | 'ء'
        )
}

fn is_alif(c: char) -> bool {
    matches!(c, 'ا' | 'أ' | 'إ' | 'آ')
}

/// The glyph form of every character of `word` (`None` for non-letters).
pub fn forms(word: &[char]) -> Vec<Option<Form>> {
    let n = word.len();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let c = word[i];
        if !is_letter(c) {
            out.push(None);
            continue;
        }
        let prev = if i > 0 { Some(word[i - 1]) } else { None };
        let next = word.get(i + 1).copied();
        if c == 'ل' && next.is_some_and(is_alif) {
            out.push(Some(Form::LamOfLigature));
            continue;
        }
        if is_alif(c) && prev == Some('ل') {
            out.push(Some(Form::AlifOfLigature));
            continue;
        }
        let joined_before = prev.is_some_and(joins_next) && c != 'ء';
        let joined_after = joins_next(c) && next.is_some_and(|n| is_letter(n) && n != 'ء');
        out.push(Some(match (joined_before, joined_after) {
            (false, false) => Form::Isolated,
            (false, true) => Form::Initial,
            (true, true) => Form::Medial,
            (true, false) => Form::Final,
        }));
    }
    out
}

/// Most variants [`GlyphModel::damage_variants`] returns for one word.
const MAX_VARIANTS: usize = 24;

/// An output of a glyph below this share of its occurrences is not used
/// when running the model forward: it is alignment noise or a rare context.
const MIN_VARIANT_SHARE: f64 = 0.12;

/// A glyph's output that is empty or white space (a letter lost) is used
/// only above this share: the aligner also pairs a letter with nothing at
/// the edges of aligned stretches, so small shares of loss are noise, while
/// a real loss (a final ل, an initial ف) is a large share.
const MIN_LOSS_SHARE: f64 = 0.2;

/// The learned table: for each glyph, the strings it came out as and how
/// often (most frequent first).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GlyphModel {
    outputs: HashMap<Glyph, Vec<(String, u32)>>,
}

impl GlyphModel {
    /// Build a model from `(letter, form, output, count)` rows.
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = (char, Form, &'a str, u32)>) -> Self {
        let mut outputs: HashMap<Glyph, Vec<(String, u32)>> = HashMap::new();
        for (c, f, o, n) in rows {
            outputs.entry((c, f)).or_default().push((o.to_string(), n));
        }
        for v in outputs.values_mut() {
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        GlyphModel { outputs }
    }

    /// The model in code, learned from the whole seed ([`super::table`]).
    pub fn builtin() -> Self {
        Self::from_rows(
            super::table::GLYPH_TABLE
                .iter()
                .filter_map(|&(c, f, o, n)| Some((c, Form::from_code(f)?, o, n))),
        )
    }

    /// All rows, sorted by letter, form, then count (descending).
    pub fn rows(&self) -> Vec<(char, Form, String, u32)> {
        let mut rows: Vec<(char, Form, String, u32)> = self
            .outputs
            .iter()
            .flat_map(|(&(c, f), v)| v.iter().map(move |(o, n)| (c, f, o.clone(), *n)))
            .collect();
        rows.sort_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then(b.3.cmp(&a.3))
                .then(a.2.cmp(&b.2))
        });
        rows
    }

    /// Outputs of one glyph with their shares, most frequent first; a glyph
    /// never seen comes out as itself.
    pub fn outputs(&self, g: Glyph) -> Vec<(String, f64)> {
        match self.outputs.get(&g) {
            Some(v) if !v.is_empty() => {
                let total: u32 = v.iter().map(|(_, n)| n).sum();
                v.iter()
                    .map(|(o, n)| (o.clone(), f64::from(*n) / f64::from(total.max(1))))
                    .collect()
            }
            _ => vec![(g.0.to_string(), 1.0)],
        }
    }

    /// Share of glyph occurrences that came out as a different string.
    pub fn changed_share(&self) -> f64 {
        let (mut all, mut changed) = (0u64, 0u64);
        for (&(c, _), v) in &self.outputs {
            for (o, n) in v {
                all += u64::from(*n);
                if o.chars().ne(std::iter::once(c)) {
                    changed += u64::from(*n);
                }
            }
        }
        if all == 0 {
            0.0
        } else {
            changed as f64 / all as f64
        }
    }

    /// The spellings the damage is likely to give for a clean word, with
    /// their probabilities (most likely first): each glyph replaced by one
    /// of its outputs, white space folded and trimmed.
    pub fn damage_variants(&self, word: &str) -> Vec<(String, f64)> {
        let chars: Vec<char> = word.chars().collect();
        let fs = forms(&chars);
        // Beam over glyphs: partial spellings with their probabilities.
        let mut beam: Vec<(String, f64)> = vec![(String::new(), 1.0)];
        for (k, (c, f)) in chars.iter().zip(&fs).enumerate() {
            let outs: Vec<(String, f64)> = match f {
                // The ligature's output is filed under its alif.
                Some(Form::LamOfLigature) => continue,
                Some(Form::AlifOfLigature)
                    if !self.outputs.contains_key(&(*c, Form::AlifOfLigature)) =>
                {
                    let lam = if k > 0 { chars[k - 1] } else { 'ل' };
                    vec![(format!("{lam}{c}"), 1.0)]
                }
                Some(f) => self
                    .outputs((*c, *f))
                    .into_iter()
                    .filter(|(o, p)| {
                        *p >= if o.trim().is_empty() {
                            MIN_LOSS_SHARE
                        } else {
                            MIN_VARIANT_SHARE
                        }
                    })
                    .collect(),
                None => vec![(c.to_string(), 1.0)],
            };
            let mut next = Vec::with_capacity(beam.len() * outs.len());
            for (s, p) in &beam {
                for (o, q) in &outs {
                    next.push((format!("{s}{o}"), p * q));
                }
            }
            next.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            next.truncate(MAX_VARIANTS);
            beam = next;
        }
        let mut out: Vec<(String, f64)> = Vec::new();
        for (s, p) in beam {
            let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
            match out.iter_mut().find(|(t, _)| *t == s) {
                Some(e) => e.1 += p,
                None => out.push((s, p)),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(w: &str) -> Vec<Option<Form>> {
        forms(&w.chars().collect::<Vec<_>>())
    }

    #[test]
    fn forms_follow_joining() {
        use Form::*;
        // (synthetic) بيت: initial, medial, final
        assert_eq!(f("بيت"), [Some(Initial), Some(Medial), Some(Final)]);
        // دار: dal and alif do not join the letter after them
        assert_eq!(f("دار"), [Some(Isolated), Some(Isolated), Some(Isolated)]);
        // لا ligature
        assert_eq!(
            f("كلا"),
            [Some(Initial), Some(LamOfLigature), Some(AlifOfLigature)]
        );
        assert_eq!(f("ب1"), [Some(Isolated), None]);
    }

    #[test]
    fn variants_run_the_table_forward() {
        let m = GlyphModel::from_rows([
            ('ب', Form::Initial, "ا", 9),
            ('ب', Form::Initial, "ب", 3),
            ('ر', Form::Final, " ", 5),
        ]);
        let v = m.damage_variants("بحر");
        assert_eq!(v[0].0, "اح");
        assert!((v[0].1 - 0.75).abs() < 1e-9);
        assert_eq!(v[1].0, "بح");
        assert!((m.changed_share() - 14.0 / 17.0).abs() < 1e-9);
    }

    #[test]
    fn builtin_table_loads() {
        let m = GlyphModel::builtin();
        assert!(!m.rows().is_empty());
    }
}
