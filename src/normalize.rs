//! Comparison keys: how two spellings of the same text are made to meet.
//!
//! Alignment never compares raw text. Each unit is reduced to a sequence of
//! *keys* — one per word (one per Han character for Chinese) — after
//! [`fold`]: NFKC, case folding, Arabic tatweel and diacritics removed, Arabic
//! letter variants unified, Arabic-Indic digits made ASCII, quotes and dashes
//! unified, soft hyphens and zero-width characters dropped, line-break
//! hyphenation (`traf- ficking`) joined. [`keys`] then splits into words,
//! drops punctuation, and rejoins letter-spaced words (`I n v i t e s`) that
//! PDF extraction produces.
//!
//! A damaged PDF extraction may also consistently confuse letters (Arabic
//! letters that differ only by their dots, `rn` for `m`). How far keys
//! forgive such damage is a policy, [`KeyPolicy`]: [`ExactKeys`] for clean
//! text, [`SkeletonKeys`] for damaged text; callers may plug in their own.

use std::fmt;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::model::Language;

/// A run of at least this many one-letter words is taken as one letter-spaced
/// word from a PDF (`I n v i t e s`). Prose never has three one-letter words
/// in a row, while a letter-spaced word has as many as it has letters.
const LETTER_SPACED_MIN: usize = 3;

/// How a folded word becomes its comparison key. Implementations must be
/// deterministic and return the same key for every spelling they consider
/// equal.
pub trait KeyPolicy: Send + Sync + fmt::Debug {
    /// Short name, for debug output.
    fn name(&self) -> &'static str;
    /// Append the key of one folded word (already lower-case, NFKC) to `out`.
    fn word_key(&self, word: &str, lang: Language, out: &mut String);
}

/// Clean text: the folded word is its own key.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExactKeys;

impl KeyPolicy for ExactKeys {
    fn name(&self) -> &'static str {
        "exact"
    }
    fn word_key(&self, word: &str, _lang: Language, out: &mut String) {
        out.push_str(word);
    }
}

/// Damaged text: letters that extraction commonly confuses share one key.
/// Arabic letters are reduced to their undotted skeleton (rasm), Latin and
/// Cyrillic letters lose their accents, and look-alike letters and digits
/// (`rn`/`m`, `l`/`1`/`i`, `0`/`o`) are merged.
#[derive(Debug, Clone, Copy, Default)]
pub struct SkeletonKeys;

impl KeyPolicy for SkeletonKeys {
    fn name(&self) -> &'static str {
        "skeleton"
    }
    fn word_key(&self, word: &str, _lang: Language, out: &mut String) {
        let mut prev: Option<char> = None;
        for c in word.nfd() {
            if is_combining_mark(c) {
                continue;
            }
            let k = match c {
                'ب' | 'ت' | 'ث' | 'ن' | 'ي' | 'ى' | 'ئ' | 'ٮ' => 'ٮ',
                'ج' | 'ح' | 'خ' => 'ح',
                'د' | 'ذ' => 'د',
                'ر' | 'ز' => 'ر',
                'س' | 'ش' => 'س',
                'ص' | 'ض' => 'ص',
                'ط' | 'ظ' => 'ط',
                'ع' | 'غ' => 'ع',
                'ف' | 'ق' | 'ڡ' => 'ڡ',
                'ه' | 'ة' => 'ه',
                'و' | 'ؤ' => 'و',
                'ا' | 'أ' | 'إ' | 'آ' | 'ء' => 'ا',
                '1' | 'l' | 'i' | 'ı' | '|' => 'l',
                '0' => 'o',
                'n' if prev == Some('r') => {
                    // `rn` → `m`: replace the `r` already written.
                    out.pop();
                    'm'
                }
                other => other,
            };
            out.push(k);
            prev = Some(c);
        }
    }
}

/// Unicode combining marks of the common blocks (Latin, Cyrillic, Arabic).
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{20D0}'..='\u{20FF}')
}

/// Fold text for comparison: NFKC, lower case, Arabic tatweel and diacritics
/// removed and letter variants unified, digits ASCII, quotes and dashes
/// unified, invisible characters dropped, line-break hyphenation joined,
/// white space collapsed to single spaces.
pub fn fold(text: &str, _lang: Language) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkc().flat_map(char::to_lowercase) {
        let c = match c {
            '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{0640}' => continue,
            // Arabic diacritics (harakat, shadda, superscript alef).
            '\u{064B}'..='\u{065F}' | '\u{0670}' => continue,
            '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + '0' as u32).unwrap_or(c),
            '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + '0' as u32).unwrap_or(c),
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            'ё' => 'е',
            '‘' | '’' | '‚' | '‛' | '′' | '`' => '\'',
            '“' | '”' | '„' | '«' | '»' | '″' => '"',
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
            c if c.is_whitespace() => {
                pending_space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if pending_space {
            // Line-break hyphenation: "traf- ficking" → "trafficking".
            let hyphen_break = out.ends_with('-')
                && c.is_lowercase()
                && out[..out.len() - 1]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_alphabetic());
            if hyphen_break {
                out.pop();
            } else {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// The comparison keys of a text: folded words (Han characters one by one),
/// punctuation dropped, letter-spaced words rejoined, each word passed through
/// `policy`.
pub fn keys(text: &str, lang: Language, policy: &dyn KeyPolicy) -> Vec<String> {
    let folded = fold(text, lang);
    let mut words: Vec<&str> = Vec::new();
    for w in folded.unicode_words() {
        if lang.is_unspaced() || w.chars().any(is_han) {
            split_han(w, &mut words);
        } else {
            words.push(w);
        }
    }
    let mut out = Vec::with_capacity(words.len());
    let mut k = 0;
    while k < words.len() {
        let run = words[k..]
            .iter()
            .take_while(|w| is_single_letter(w))
            .count();
        if run >= LETTER_SPACED_MIN {
            let joined: String = words[k..k + run].concat();
            let mut key = String::new();
            policy.word_key(&joined, lang, &mut key);
            out.push(key);
            k += run;
            continue;
        }
        let mut key = String::new();
        policy.word_key(words[k], lang, &mut key);
        out.push(key);
        k += 1;
    }
    out
}

fn is_single_letter(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic() && !is_han(c))
}

/// Han ideographs and CJK punctuation-free symbols compared one by one.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{3005}' | '\u{3007}')
}

/// Split a word into Han characters, keeping runs of other letters and digits
/// whole (`2030年` → `2030`, `年`).
fn split_han<'a>(w: &'a str, out: &mut Vec<&'a str>) {
    let mut start: Option<usize> = None;
    for (i, c) in w.char_indices() {
        if is_han(c) {
            if let Some(s) = start.take() {
                out.push(&w[s..i]);
            }
            out.push(&w[i..i + c.len_utf8()]);
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(&w[s..]);
    }
}

/// The policy to use for an edition pair when the caller chose none: damage
/// tolerant when either reader judged its text damaged.
pub fn default_policy(old_damaged: bool, new_damaged: bool) -> &'static dyn KeyPolicy {
    if old_damaged || new_damaged {
        &SkeletonKeys
    } else {
        &ExactKeys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str, lang: Language) -> Vec<String> {
        keys(s, lang, &ExactKeys)
    }

    #[test]
    fn folds_case_quotes_and_width() {
        assert_eq!(
            fold("“Recalling”  ＡＢＣ", Language::En),
            "\"recalling\" abc"
        );
        assert_eq!(
            k("Secretary‑General’s", Language::En),
            ["secretary", "general's"]
        );
    }

    #[test]
    fn joins_hyphenation_and_letter_spacing() {
        assert_eq!(
            k("traf- ficking in persons", Language::En),
            ["trafficking", "in", "persons"]
        );
        assert_eq!(
            k("I n v i t e s Member States", Language::En),
            ["invites", "member", "states"]
        );
        // A genuine suspended hyphen before a lower-case word is joined too,
        // on both sides alike; one or two single letters are left alone.
        assert_eq!(k("a b word", Language::En), ["a", "b", "word"]);
    }

    #[test]
    fn arabic_tatweel_diacritics_and_digits() {
        assert_eq!(
            k("الجمعيـــة العامَّة ٢٠١٩", Language::Ar),
            k("الجمعية العامة 2019", Language::Ar)
        );
        assert_eq!(k("إن", Language::Ar), k("ان", Language::Ar));
    }

    #[test]
    fn chinese_by_character() {
        assert_eq!(k("大会，2019年", Language::Zh), ["大", "会", "2019", "年"]);
    }

    #[test]
    fn skeleton_forgives_dots_and_look_alikes() {
        let s = |t: &str| keys(t, Language::Ar, &SkeletonKeys);
        assert_eq!(s("تحث الدول"), s("ىحث الدول"));
        let e = |t: &str| keys(t, Language::En, &SkeletonKeys);
        assert_eq!(e("modern slavery"), e("rnodern s1avery"));
        assert_ne!(k("modern", Language::En), k("rnodern", Language::En));
    }

    #[test]
    fn default_policy_follows_damage() {
        assert_eq!(default_policy(false, false).name(), "exact");
        assert_eq!(default_policy(false, true).name(), "skeleton");
    }
}
