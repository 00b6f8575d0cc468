//! Comparison keys under which a damaged spelling and the clean word it
//! came from meet: the key policy alignment and the word diff use when one
//! edition of a pair is a damaged Arabic extraction and the other is clean.
//!
//! Why not classes of letters: the glyph damage chains letters together
//! (initial ب → ا, medial ئ → ت, initial ت → ا, …) so that classes closed
//! under it merge almost the whole alphabet, and keys made of them tell
//! words apart only by length. Instead the clean edition itself is the
//! lexicon: every word of it is run forward through the glyph model
//! ([`super::glyph::GlyphModel::damage_variants`]), and each damaged spelling
//! is given the key of its most likely clean word. Digits, Latin symbols,
//! footnote numbers and the italic lead phrases, which the damage does not
//! reach, keep their own keys. An Arabic comma between two letters (a
//! damaged `ط`/`ظ`) is kept inside the word instead of splitting it.

use std::borrow::Cow;
use std::collections::HashMap;

use super::glyph::GlyphModel;
use super::lexicon::{Lexicon, VariantIndex};
use crate::model::{Edition, Language};
use crate::normalize::{self, KeyPolicy};

/// Stands for an Arabic comma between two letters in folded text: a letter
/// (so word segmentation keeps the word whole) that folded text never has
/// (folding turns it into a plain alif).
const INNER_COMMA: char = 'ٱ';

/// Stands for a space inside a damaged spelling (a letter the damage turned
/// into a space), so that the pieces are keyed as one word. Folded text
/// never has it.
const INNER_SPACE: char = 'ٲ';

/// Keys for a damaged edition against clean ones; see the module doc.
#[derive(Debug, Clone, Default)]
pub struct DamageKeys {
    /// Folded spelling → folded key word; absent spellings are their own key.
    map: HashMap<String, String>,
    /// Damaged spellings of one word in two or three pieces (folded, pieces
    /// joined by a single space).
    pieces: std::collections::HashSet<String>,
}

/// Replace an Arabic comma between two Arabic letters by [`INNER_COMMA`].
fn keep_inner_commas(folded: &str) -> Cow<'_, str> {
    if !folded.contains('،') {
        return Cow::Borrowed(folded);
    }
    let cs: Vec<char> = folded.chars().collect();
    let letter = |c: Option<&char>| c.is_some_and(|&c| super::glyph::is_letter(c));
    let mut out = String::with_capacity(folded.len());
    for (i, &c) in cs.iter().enumerate() {
        if c == '،' && i > 0 && letter(cs.get(i - 1)) && letter(cs.get(i + 1)) {
            out.push(INNER_COMMA);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

impl DamageKeys {
    /// Keys for spellings of the words of `lexicon` damaged by `model`.
    pub fn new(model: &GlyphModel, lexicon: &Lexicon) -> Self {
        let index = VariantIndex::build(model, lexicon);
        let fold = |s: &str| keep_inner_commas(&normalize::fold(s, Language::Ar)).into_owned();
        // Union-find over folded strings: a spelling joins its best word.
        let mut parent: HashMap<String, String> = HashMap::new();
        fn root(p: &HashMap<String, String>, s: &str) -> String {
            let mut r = s.to_string();
            while let Some(q) = p.get(&r) {
                if *q == r {
                    break;
                }
                r = q.clone();
            }
            r
        }
        let mut entries: Vec<(&String, &Vec<(String, f64)>)> = index.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut pieces = std::collections::HashSet::new();
        for (spelling, cands) in entries {
            let Some((best, _)) = cands.first() else {
                continue;
            };
            let mut spelling = fold(spelling);
            if spelling.contains(' ') {
                pieces.insert(spelling.clone());
                spelling = spelling.replace(' ', &INNER_SPACE.to_string());
            }
            let (a, b) = (root(&parent, &spelling), root(&parent, &fold(best)));
            if a != b {
                // The clean word's root wins, so keys read as words.
                parent.insert(a.clone(), b.clone());
                parent.entry(b.clone()).or_insert(b);
            }
        }
        let map = parent
            .keys()
            .map(|k| (k.clone(), root(&parent, k)))
            .filter(|(k, r)| k != r)
            .collect();
        DamageKeys { map, pieces }
    }

    /// Join the pieces of split words in folded text (see [`INNER_SPACE`]).
    fn join_pieces<'a>(&self, text: Cow<'a, str>) -> Cow<'a, str> {
        if self.pieces.is_empty() {
            return text;
        }
        let words: Vec<&str> = text.split(' ').collect();
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        let mut changed = false;
        let mut i = 0;
        while i < words.len() {
            let mut joined = None;
            for k in (2..=super::MAX_SPAN).rev() {
                if i + k <= words.len() {
                    let s = words[i..i + k].join(" ");
                    if self.pieces.contains(&s) {
                        joined = Some((k, s.replace(' ', &INNER_SPACE.to_string())));
                        break;
                    }
                }
            }
            match joined {
                Some((k, s)) => {
                    out.push(s);
                    i += k;
                    changed = true;
                }
                None => {
                    out.push(words[i].to_string());
                    i += 1;
                }
            }
        }
        if changed {
            Cow::Owned(out.join(" "))
        } else {
            text
        }
    }

    /// The policy for a pair of editions: `Some` when one is a damaged
    /// Arabic edition and the other a clean one (whose words are the
    /// lexicon), `None` otherwise.
    pub fn for_editions(old: &Edition, new: &Edition) -> Option<DamageKeys> {
        let clean = match (old.damage.is_some(), new.damage.is_some()) {
            (true, false) => new,
            (false, true) => old,
            _ => return None,
        };
        if old.language != Language::Ar || new.language != Language::Ar {
            return None;
        }
        let mut lexicon = Lexicon::default();
        lexicon.add_edition(clean);
        Some(DamageKeys::new(&GlyphModel::builtin(), &lexicon))
    }

    /// The key of a folded word.
    pub fn key<'a>(&'a self, word: &'a str) -> &'a str {
        self.map.get(word).map_or(word, String::as_str)
    }

    /// Spellings given another word's key.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

impl KeyPolicy for DamageKeys {
    fn name(&self) -> &'static str {
        "damage"
    }
    fn prepare<'a>(&self, folded: &'a str) -> Cow<'a, str> {
        self.join_pieces(keep_inner_commas(folded))
    }
    fn word_key(&self, word: &str, _lang: Language, out: &mut String) {
        out.push_str(self.key(word));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repair::glyph::Form;

    #[test]
    fn damaged_and_clean_spellings_share_a_key() {
        // (synthetic) font: initial ب → ا, initial ط → Arabic comma
        let m =
            GlyphModel::from_rows([('ب', Form::Initial, "ا", 10), ('ط', Form::Initial, "،", 10)]);
        let mut l = Lexicon::default();
        l.add_text("بحث الأطفال الدول");
        let k = DamageKeys::new(&m, &l);
        let keys = |t: &str| normalize::keys(t, Language::Ar, &k);
        assert_eq!(keys("احث الأ،فال الدول"), keys("بحث الأطفال الدول"));
        assert_ne!(keys("احث"), keys("الدول"));
        // Lead phrases, digits and symbols keep their own keys.
        assert_eq!(keys("A/76/463 2021"), ["a", "76", "463", "2021"]);
    }
}
