//! Damage detection: is an edition's text a damaged PDF extraction?
//!
//! Why this exists: Arabic UN PDFs often use a body font whose glyphs map to
//! the wrong letters when the text is extracted (`ب` at the start of a word
//! comes out as `ا`, `ط` as the Arabic comma, a final `ر` as a space …). Such
//! a text still has its structure, but its words cannot be compared or
//! quoted as they stand. The reader flags it so that alignment can switch to
//! damage-tolerant keys ([`crate::repair::keys::DamageKeys`]) and the user
//! learns why the words look wrong.
//!
//! The score is the share of Arabic words showing at least one sign that no
//! correct Arabic word shows. The signs are structural facts of the script,
//! not a word list: an Arabic comma between two letters, a doubled alif, a
//! tā' marbūṭa or alif maqṣūra before the end of a word, a letter written
//! three times in a row, a hamza-on-alif after the second letter of a word
//! preceded by an alif (`اأ`) and a lone letter other than the conjunction
//! `و`. With a lexicon (the clean
//! editions a user gives `resdiff repair`), [`score_with_lexicon`] also
//! counts words that no edition of the series spells.

use crate::model::{Edition, Language};

/// Share of damaged words above which a text is judged damaged. The clean
/// renderings of the 24 AKN files of the trafficking series score at most
/// 0.9% (abbreviations, a stray single-letter word); the damaged seed scores
/// 22.6%. The threshold sits well clear of both.
pub const DAMAGE_THRESHOLD: f64 = 0.08;

/// Fewest Arabic words a text needs before it is judged at all: a short
/// excerpt with one odd word is not a damaged document.
const MIN_WORDS: usize = 40;

const TATWEEL: char = '\u{0640}';

/// How the damage warning starts (the RTL pre-pass words its note alike).
pub const WARNING_START: &str = "text looks like a damaged Arabic PDF extraction";
const ARABIC_COMMA: char = '،';

/// Damage measured on a text.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DamageScore {
    /// Arabic words examined.
    pub words: usize,
    /// Words showing at least one sign of damage.
    pub damaged: usize,
}

impl DamageScore {
    /// Share of damaged words (0 when there are no Arabic words).
    pub fn share(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.damaged as f64 / self.words as f64
        }
    }

    /// Judged damaged: enough words and a share over [`DAMAGE_THRESHOLD`].
    pub fn is_damaged(&self) -> bool {
        self.words >= MIN_WORDS && self.share() > DAMAGE_THRESHOLD
    }
}

/// An Arabic letter (hamza to yā', without tatweel).
pub fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c) && c != TATWEEL
}

/// Arabic diacritics, dropped before judging a word.
fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// The Arabic words of a text: white-space separated tokens, tatweel and
/// diacritics removed, outer punctuation trimmed (an Arabic comma inside the
/// token is kept: it is one of the signs), tokens without an Arabic letter
/// skipped.
pub fn arabic_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace().filter_map(|tok| {
        let w: String = tok
            .chars()
            .filter(|&c| c != TATWEEL && !is_diacritic(c))
            .collect();
        let core = w.trim_matches(|c: char| !is_arabic_letter(c));
        if core.is_empty() {
            None
        } else {
            Some(core.to_string())
        }
    })
}

/// True when a word (as given by [`arabic_words`]) shows a letter sequence
/// no correct Arabic word has.
pub fn is_damaged_word(w: &str) -> bool {
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    if n == 1 {
        return chars[0] != 'و';
    }
    // A comma between letters: `ط` and `ظ` come out as the Arabic comma.
    if chars.contains(&ARABIC_COMMA) || chars.iter().any(|&c| !is_arabic_letter(c)) {
        return true;
    }
    if w.contains("اا") || w.contains("اأ") && !w.starts_with("اأ") {
        return true;
    }
    // Tā' marbūṭa and alif maqṣūra only end a word.
    if chars[..n - 1].iter().any(|&c| c == 'ة' || c == 'ى') {
        return true;
    }
    chars.windows(3).any(|t| t[0] == t[1] && t[1] == t[2])
}

/// Damage score of a text, by the structural signs of [`is_damaged_word`].
pub fn score(text: &str) -> DamageScore {
    let mut s = DamageScore::default();
    for w in arabic_words(text) {
        s.words += 1;
        if is_damaged_word(&w) {
            s.damaged += 1;
        }
    }
    s
}

/// Damage score with a lexicon of known words: a word counts as damaged
/// when it shows a sign or when `known` does not know it. Use it only with a
/// lexicon of the same series (many correct words are absent from any short
/// list).
pub fn score_with_lexicon(text: &str, known: impl Fn(&str) -> bool) -> DamageScore {
    let mut s = DamageScore::default();
    for w in arabic_words(text) {
        s.words += 1;
        if is_damaged_word(&w) || !known(&w) {
            s.damaged += 1;
        }
    }
    s
}

/// The text of an edition's units and footnotes, one per line.
pub fn body_text(ed: &Edition) -> String {
    let mut t = String::new();
    for u in &ed.units {
        t.push_str(&u.text);
        t.push('\n');
    }
    for f in &ed.footnotes {
        t.push_str(&f.text);
        t.push('\n');
    }
    t
}

/// Judge an edition's body text and, when it is damaged, fill
/// `Edition::damage` and add a warning. Only Arabic editions are judged: the
/// signs are facts of the Arabic script.
pub fn flag(ed: &mut Edition) {
    if ed.language != Language::Ar {
        return;
    }
    let s = score(&body_text(ed));
    if s.is_damaged() {
        ed.damage = Some(s.share());
        // One warning: this one replaces the RTL pre-pass's shorter note.
        ed.warnings.retain(|w| !w.starts_with(WARNING_START));
        ed.warnings.push(format!(
            "{WARNING_START}: {:.0}% of its words contain letter \
             sequences no Arabic word has, so units are aligned with damage-tolerant keys and \
             `resdiff repair` can restore the words",
            s.share() * 100.0
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_words_pass_and_damaged_spellings_are_caught() {
        // (synthetic) correct words
        for w in [
            "تحث",
            "الدول",
            "و",
            "المتحدة",
            "الأمم",
            "الاحتياجات",
            "والأطفال",
        ] {
            assert!(!is_damaged_word(w), "{w}");
        }
        // (synthetic) spellings the glyph damage produces
        for w in ["االأخصا", "الأ،فال", "ة", "الشدددة", "مةال", "تاأثير"]
        {
            assert!(is_damaged_word(w), "{w}");
        }
    }

    #[test]
    fn score_counts_words_and_needs_enough_of_them() {
        let clean = "تحث الدول على التعاون (synthetic) ".repeat(20);
        let s = score(&clean);
        assert_eq!(s.words, 80);
        assert_eq!(s.damaged, 0);
        assert!(!s.is_damaged());
        let bad = "االأخصا الأ،فال الدول على ".repeat(20);
        let s = score(&bad);
        assert!((s.share() - 0.5).abs() < 1e-9);
        assert!(s.is_damaged());
        assert!(!score("االأخصا الأ،فال").is_damaged(), "too few words");
        assert_eq!(score("no Arabic here").words, 0);
    }

    #[test]
    fn lexicon_adds_unknown_words() {
        let s = score_with_lexicon("الدول الدوك", |w| w == "الدول");
        assert_eq!((s.words, s.damaged), (2, 1));
    }
}
