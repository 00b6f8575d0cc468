//! The lexicon repair draws on, and the index of damaged spellings built
//! from it with the glyph model.
//!
//! A lexicon is a bag of correct Arabic words with their counts: the words
//! of clean editions the user names (typically the other editions of the
//! same series) and, optionally, the stems of a hunspell dictionary. The
//! [`VariantIndex`] runs the glyph model forward over every word of the
//! lexicon and files the word under each spelling its damage is likely to
//! give, so that a damaged token is repaired by one look-up.

use std::collections::HashMap;

use super::glyph::{is_letter, GlyphModel};
use crate::model::Edition;

/// Weight of a word known only from a hunspell dictionary, against a word
/// seen once in a clean edition of the series: a dictionary stem is a
/// possible word, a word of the series a likely one.
const DICTIONARY_WEIGHT: f64 = 0.05;

/// A damaged spelling is filed under a word only when the glyph model gives
/// it at least this probability.
const MIN_VARIANT_PROBABILITY: f64 = 0.01;

/// Fold a word for the lexicon: tatweel and diacritics dropped, outer
/// non-letters trimmed. Returns `None` when no Arabic letter is left.
pub fn fold_word(token: &str) -> Option<String> {
    let w: String = token
        .chars()
        .filter(|&c| c != '\u{0640}' && !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}'))
        .collect();
    let core = w.trim_matches(|c: char| !is_letter(c));
    if core.is_empty() {
        None
    } else {
        Some(core.to_string())
    }
}

/// Correct words with their weights.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    weights: HashMap<String, f64>,
    /// Counts of two words in a row (white space between them only).
    pairs: HashMap<(String, String), u32>,
}

impl Lexicon {
    /// Add the Arabic words of a text, each with weight 1 per occurrence.
    pub fn add_text(&mut self, text: &str) {
        let mut prev: Option<String> = None;
        for tok in text.split_whitespace() {
            let word = fold_word(tok).filter(|w| w.chars().all(is_letter));
            // A token with an inner non-letter (a comma) is not a word.
            if let Some(w) = &word {
                *self.weights.entry(w.clone()).or_default() += 1.0;
                if let Some(p) = prev.take() {
                    *self.pairs.entry((p, w.clone())).or_default() += 1;
                }
            }
            // Punctuation after a word ends the pair.
            let ends_clean = tok.chars().last().is_some_and(is_letter);
            prev = word.filter(|_| ends_clean);
        }
    }

    /// How often `a b` occurs.
    pub fn pair(&self, a: &str, b: &str) -> u32 {
        self.pairs
            .get(&(a.to_string(), b.to_string()))
            .copied()
            .unwrap_or(0)
    }

    /// Add the unit and footnote texts of a clean edition.
    pub fn add_edition(&mut self, ed: &Edition) {
        for u in &ed.units {
            self.add_text(&u.text);
        }
        for f in &ed.footnotes {
            self.add_text(&f.text);
        }
    }

    /// Add the stems of a hunspell `.dic` file (first line a count, then
    /// `word/FLAGS` lines); affixes are not expanded.
    pub fn add_hunspell_dic(&mut self, dic: &str) -> usize {
        let mut added = 0;
        for line in dic.lines().skip(1) {
            let stem = line.split(['/', '\t', ' ']).next().unwrap_or("");
            if let Some(w) = fold_word(stem) {
                if w.chars().all(is_letter) {
                    let e = self.weights.entry(w).or_default();
                    if *e == 0.0 {
                        *e = DICTIONARY_WEIGHT;
                        added += 1;
                    }
                }
            }
        }
        added
    }

    pub fn contains(&self, w: &str) -> bool {
        self.weights.contains_key(w)
    }

    pub fn weight(&self, w: &str) -> f64 {
        self.weights.get(w).copied().unwrap_or(0.0)
    }

    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Words in a fixed order (sorted), for reproducible indexes.
    pub fn words(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.weights.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }
}

/// Damaged spelling → the lexicon words that damage can turn into it, with
/// the score `P(spelling | word) × weight(word)`, best first.
#[derive(Debug, Clone, Default)]
pub struct VariantIndex {
    map: HashMap<String, Vec<(String, f64)>>,
}

impl VariantIndex {
    pub fn build(model: &GlyphModel, lexicon: &Lexicon) -> Self {
        let mut map: HashMap<String, Vec<(String, f64)>> = HashMap::new();
        for w in lexicon.words() {
            let weight = lexicon.weight(w);
            for (v, p) in model.damage_variants(w) {
                if p < MIN_VARIANT_PROBABILITY || v.is_empty() {
                    continue;
                }
                map.entry(v).or_default().push((w.to_string(), p * weight));
            }
        }
        for v in map.values_mut() {
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        VariantIndex { map }
    }

    /// Candidates for a damaged spelling (words separated by single spaces).
    pub fn lookup(&self, spelling: &str) -> &[(String, f64)] {
        self.map.get(spelling).map_or(&[], Vec::as_slice)
    }

    /// Every spelling with its candidates.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<(String, f64)>)> {
        self.map.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::glyph::Form;

    #[test]
    fn lexicon_counts_words_and_dictionary_stems() {
        let mut l = Lexicon::default();
        l.add_text("تحث الدول، الدول (synthetic) الأ،فال");
        assert_eq!(l.weight("الدول"), 2.0);
        assert!(!l.contains("الأ،فال"));
        assert_eq!(l.add_hunspell_dic("2\nكتاب/AB\nالدول/C\n"), 1);
        assert_eq!(l.weight("كتاب"), DICTIONARY_WEIGHT);
        assert_eq!(l.weight("الدول"), 2.0);
    }

    #[test]
    fn index_files_words_under_their_damaged_spellings() {
        let m = GlyphModel::from_rows([('ب', Form::Initial, "ا", 1)]);
        let mut l = Lexicon::default();
        l.add_text("بحث احث احث");
        let ix = VariantIndex::build(&m, &l);
        let c = ix.lookup("احث");
        assert_eq!(c[0].0, "احث");
        assert_eq!(c[1].0, "بحث");
    }
}
