//! Spaces that PDF extraction put inside words.
//!
//! pdftotext breaks a word where the PDF positions its letters apart
//! (kerning, justified lines): "securit y", "Counc il", "resoluti o n",
//! "Somalia ’s", "sub -national", "Secretary - General", "group ,". The
//! clean texts of the same drafts have none of these, and each one shows as
//! a changed word in a diff against an edition read from another source.
//! This pass, for text extracted from PDF in languages that separate words
//! with spaces, puts such pieces back together using the document's own
//! words — an extraction is consistent with itself, so a word broken in one
//! place is almost always written whole in another:
//!
//! * a run of two to [`MAX_PIECES`] letter pieces is joined when the joined
//!   word occurs whole elsewhere in the document and at least one piece is
//!   not a word of the document (see [`is_word`]): "in cluding" is joined
//!   ("cluding" is no word), "in to" is not when "in" and "to" both are;
//! * a lone letter that is no one-letter word of the language ("o ther",
//!   "securit y", "l aws") joins the neighbour that is no word of the
//!   document, even when the joined word occurs nowhere else: a stray
//!   letter is never a word of its own;
//! * an apostrophe piece ("’s", "’") joins the word before it;
//! * a hyphen piece ("-national", "-19") joins the word before it, and a
//!   lone hyphen between two words joins them when the hyphenated compound
//!   occurs whole elsewhere;
//! * a lone opening bracket joins the word after it, and a lone closing mark (`,` `.` `)` and, except in French, where a space
//!   before them is the typographic rule, `;` `:`) joins the word before it.
//!
//! What it cannot see: a piece that is itself a rare word ("a round" when
//! "around" also occurs and "round" nowhere else would be joined), and a
//! word broken everywhere it occurs (nothing to confirm the join).

use std::collections::HashMap;

use crate::model::Language;

/// Most pieces one word is rebuilt from ("resoluti o n" is three).
pub const MAX_PIECES: usize = 4;

/// A piece of at least two letters is taken as a word of the document when
/// it occurs on its own at least this often (a fragment usually occurs once).
pub const WORD_MIN_COUNT: usize = 2;

/// Rejoin the broken words of `paras` (white space already folded to single
/// spaces). Returns the number of repairs made.
pub fn rejoin(paras: &mut [String], lang: Language) -> usize {
    if matches!(lang, Language::Ar | Language::Zh) {
        return 0;
    }
    let mut repairs = 0;
    let mut tokens: Vec<Vec<String>> = paras
        .iter()
        .map(|p| {
            p.split(' ')
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect()
        })
        .collect();
    // Marks first: they decide the cores that the word pass compares.
    let counts = core_counts(&tokens);
    for toks in &mut tokens {
        repairs += attach_marks(toks, lang, &counts);
    }
    let counts = core_counts(&tokens);
    for toks in &mut tokens {
        repairs += join_pieces(toks, lang, &counts);
    }
    let counts = core_counts(&tokens);
    for toks in &mut tokens {
        repairs += join_lone_letters(toks, lang, &counts);
    }
    if repairs > 0 {
        for (p, toks) in paras.iter_mut().zip(&tokens) {
            *p = toks.join(" ");
        }
    }
    repairs
}

/// The word inside a token: leading and trailing marks removed, lower-cased.
fn core(t: &str) -> String {
    t.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn core_counts(tokens: &[Vec<String>]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for t in tokens.iter().flatten() {
        let c = core(t);
        if !c.is_empty() {
            *counts.entry(c).or_insert(0) += 1;
        }
    }
    counts
}

fn ends_alnum(t: &str) -> bool {
    t.chars().last().is_some_and(char::is_alphanumeric)
}

fn starts_alnum(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_alphanumeric)
}

/// Closing marks that never follow a space in this language's typography.
fn closing_mark(t: &str, lang: Language) -> bool {
    let french = lang == Language::Fr;
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, ',' | '.' | ')' | ']') || (!french && matches!(c, ';' | ':')))
}

/// Apostrophe, hyphen and closing-mark pieces (see the module doc).
fn attach_marks(toks: &mut Vec<String>, lang: Language, counts: &HashMap<String, usize>) -> usize {
    let mut out: Vec<String> = Vec::with_capacity(toks.len());
    let mut repairs = 0;
    let mut k = 0;
    while k < toks.len() {
        let t = &toks[k];
        if let Some(prev) = out.last_mut() {
            let apostrophe = t.starts_with('’') && prev.ends_with(char::is_alphabetic);
            let hyphen_piece =
                t.starts_with('-') && t[1..].starts_with(char::is_alphanumeric) && ends_alnum(prev);
            let closing =
                closing_mark(t, lang) && (ends_alnum(prev) || prev.ends_with(['’', ')', '"', '”']));
            if apostrophe || hyphen_piece || closing {
                prev.push_str(t);
                repairs += 1;
                k += 1;
                continue;
            }
            if (t == "(" || t == "[") && toks.get(k + 1).is_some_and(|n| starts_alnum(n)) {
                out.push(format!("{t}{}", toks[k + 1]));
                repairs += 1;
                k += 2;
                continue;
            }
            if t == "-" && ends_alnum(prev) {
                if let Some(next) = toks.get(k + 1).filter(|n| starts_alnum(n)) {
                    let compound = format!("{}-{}", core(prev), core(next));
                    if counts.get(&compound).is_some_and(|&c| c > 0) {
                        prev.push('-');
                        prev.push_str(next);
                        repairs += 1;
                        k += 2;
                        continue;
                    }
                }
            }
        }
        out.push(t.clone());
        k += 1;
    }
    *toks = out;
    repairs
}

/// One-letter words of the language: a one-letter piece that is not one of
/// these is a fragment however often it occurs.
fn one_letter_word(piece: &str, lang: Language) -> bool {
    let p = piece.to_lowercase();
    match lang {
        Language::En => piece == "I" || p == "a",
        Language::Es => matches!(p.as_str(), "a" | "e" | "o" | "u" | "y"),
        Language::Fr => matches!(p.as_str(), "a" | "à" | "y"),
        Language::Ru => matches!(p.as_str(), "а" | "в" | "и" | "к" | "о" | "с" | "у" | "я"),
        Language::Ar | Language::Zh => false,
    }
}

/// Is this piece a word of the document (not a fragment)?
fn is_word(piece: &str, lang: Language, counts: &HashMap<String, usize>) -> bool {
    if piece.chars().count() == 1 {
        return one_letter_word(piece, lang);
    }
    counts
        .get(&piece.to_lowercase())
        .is_some_and(|&c| c >= WORD_MIN_COUNT)
}

/// The letters of a token that may be the first piece of a broken word:
/// opening marks, then letters to the end.
fn first_piece(t: &str) -> Option<(&str, &str)> {
    let start = t.find(char::is_alphabetic)?;
    let (lead, letters) = t.split_at(start);
    letters
        .chars()
        .all(char::is_alphabetic)
        .then_some((lead, letters))
}

/// The letters of a token that may be a later piece: letters, then (only on
/// the last piece) closing marks.
fn later_piece(t: &str) -> Option<(&str, &str)> {
    let end = t
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(t.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    let (letters, trail) = t.split_at(end);
    trail
        .chars()
        .all(|c| !c.is_alphanumeric())
        .then_some((letters, trail))
}

/// Runs of letter pieces joined into words that occur whole elsewhere.
fn join_pieces(toks: &mut Vec<String>, lang: Language, counts: &HashMap<String, usize>) -> usize {
    let mut out: Vec<String> = Vec::with_capacity(toks.len());
    let mut repairs = 0;
    let mut k = 0;
    'token: while k < toks.len() {
        if let Some((lead, first)) = first_piece(&toks[k]) {
            // Longest run first: "resoluti o n" before "resoluti o".
            let max = MAX_PIECES.min(toks.len() - k);
            for r in (2..=max).rev() {
                let mut letters = vec![first];
                let mut trail = "";
                let mut ok = true;
                for (x, t) in toks[k + 1..k + r].iter().enumerate() {
                    match later_piece(t) {
                        Some((l, tr)) if tr.is_empty() || x == r - 2 => {
                            letters.push(l);
                            trail = tr;
                        }
                        _ => {
                            ok = false;
                            break;
                        }
                    }
                }
                if !ok {
                    continue;
                }
                let joined: String = letters.concat();
                let whole = counts.get(&joined.to_lowercase()).is_some_and(|&c| c > 0);
                let fragment = letters.iter().any(|p| !is_word(p, lang, counts));
                if whole && fragment {
                    out.push(format!("{lead}{joined}{trail}"));
                    repairs += r - 1;
                    k += r;
                    continue 'token;
                }
            }
        }
        out.push(toks[k].clone());
        k += 1;
    }
    *toks = out;
    repairs
}

/// A lone letter, no word of the language, joined to the neighbour that is
/// a fragment (the other neighbour being a word, or absent).
fn join_lone_letters(
    toks: &mut Vec<String>,
    lang: Language,
    counts: &HashMap<String, usize>,
) -> usize {
    let mut out: Vec<String> = Vec::with_capacity(toks.len());
    let mut repairs = 0;
    let mut k = 0;
    while k < toks.len() {
        let t = &toks[k];
        let letter = t.chars().next().filter(|c| c.is_alphabetic());
        let rest = letter.map(|c| &t[c.len_utf8()..]).unwrap_or("");
        let lone = letter.is_some()
            && rest.chars().all(|c| !c.is_alphanumeric())
            && !one_letter_word(&t[..t.len() - rest.len()], lang);
        if lone {
            let upper = letter.is_some_and(char::is_uppercase);
            // Fragments: a neighbour of letters that is no word of the document.
            let left = out
                .last()
                .and_then(|p| first_piece(p))
                .filter(|_| rest.is_empty() || !upper)
                .map(|(_, l)| !is_word(l, lang, counts));
            let right = toks
                .get(k + 1)
                .filter(|_| rest.is_empty())
                .and_then(|n| later_piece(n))
                .filter(|(l, _)| l.starts_with(char::is_lowercase))
                .map(|(l, _)| !is_word(l, lang, counts));
            match (left, right) {
                (_, Some(true)) if left != Some(true) => {
                    out.push(format!("{t}{}", toks[k + 1]));
                    repairs += 1;
                    k += 2;
                    continue;
                }
                (Some(true), r) if r != Some(true) && !upper => {
                    if let Some(prev) = out.last_mut() {
                        prev.push_str(t);
                        repairs += 1;
                        k += 1;
                        continue;
                    }
                }
                _ => {}
            }
        }
        out.push(t.clone());
        k += 1;
    }
    *toks = out;
    repairs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Invented text (synthetic): "security" and "Council" are written whole
    /// once, broken once.
    fn fixed(paras: &[&str], lang: Language) -> Vec<String> {
        let mut v: Vec<String> = paras.iter().map(|s| s.to_string()).collect();
        rejoin(&mut v, lang);
        v
    }

    #[test]
    fn broken_words_written_whole_elsewhere_are_joined() {
        let v = fixed(
            &[
                "Stresses security in the region, including in the Council,",
                "Requests the Counc il to report on securit y, inc luding the resoluti o n and the resolution;",
            ],
            Language::En,
        );
        assert_eq!(
            v[1],
            "Requests the Council to report on security, including the resolution and the resolution;"
        );
    }

    #[test]
    fn two_words_are_not_joined() {
        // "into" occurs, but "in" and "to" are words of the document.
        let v = fixed(
            &[
                "Decides to take into account, in the region, to the extent,",
                "Calls in to question the plan in the region to the extent;",
            ],
            Language::En,
        );
        assert_eq!(
            v[1],
            "Calls in to question the plan in the region to the extent;"
        );
    }

    #[test]
    fn nothing_to_confirm_nothing_joined() {
        let v = fixed(&["Welcomes the appointm ent of the envoy;"], Language::En);
        assert_eq!(v[0], "Welcomes the appointm ent of the envoy;");
    }

    #[test]
    fn lone_letters_join_the_fragment_beside_them() {
        let v = fixed(
            &[
                "Notes among o ther factors the need to i ncrease the provocativ e acts, recruitmen t, and national l aws, as in annex B and in the plan;",
                // The neighbours are words of the document: they occur twice.
                "Recalls among its decisions the need to act, the national plan and the acts,",
            ],
            Language::En,
        );
        assert_eq!(
            v[0],
            "Notes among other factors the need to increase the provocative acts, recruitment, and national laws, as in annex B and in the plan;"
        );
        // Spanish "y" and "o" are words.
        let v = fixed(
            &["la paz y la seguridad o la estabilidad, y la paz;"],
            Language::Es,
        );
        assert_eq!(v[0], "la paz y la seguridad o la estabilidad, y la paz;");
    }

    #[test]
    fn marks_join_the_word_before() {
        let v = fixed(
            &[
                "Notes the Secretary-General report,",
                "Welcomes Somalia ’s sub -national plan , the Secretary - General ’s letter ; and the partners ’ efforts ( 2019 )",
            ],
            Language::En,
        );
        assert_eq!(
            v[1],
            "Welcomes Somalia’s sub-national plan, the Secretary-General’s letter; and the partners’ efforts (2019)"
        );
    }

    #[test]
    fn french_keeps_its_space_before_semicolons() {
        let v = fixed(
            &["Prie le Conseil de sécurité , de rendre compte ;"],
            Language::Fr,
        );
        assert_eq!(v[0], "Prie le Conseil de sécurité, de rendre compte ;");
    }

    #[test]
    fn lone_hyphen_needs_the_compound_elsewhere() {
        let v = fixed(
            &["the north - south corridor and the east - west road, east-west"],
            Language::En,
        );
        assert_eq!(
            v[0],
            "the north - south corridor and the east-west road, east-west"
        );
    }

    proptest::proptest! {
        /// Only spaces go: the text without white space is unchanged, and
        /// no word is split (the number of words never grows).
        #[test]
        fn only_spaces_are_removed(
            paras in proptest::collection::vec("(([a-zA-Z]{1,6}|[’,.;:()-]|-[a-z]{1,4}|’s) ){0,30}", 1..4)
        ) {
            let mut fixed: Vec<String> = paras.iter().map(|p| p.trim().to_string()).collect();
            rejoin(&mut fixed, Language::En);
            for (before, after) in paras.iter().zip(&fixed) {
                let squeeze = |s: &str| s.split_whitespace().collect::<String>();
                proptest::prop_assert_eq!(squeeze(before), squeeze(after));
                proptest::prop_assert!(after.split_whitespace().count() <= before.split_whitespace().count());
            }
        }
    }

    /// A long paragraph full of pieces (the repairs build a new token vector
    /// rather than shifting the old one at each repair).
    #[test]
    fn many_repairs_in_one_paragraph() {
        let mut p = String::new();
        for k in 0..60_000u32 {
            // Unique fragments: "q" + letters that are no word.
            let tail: String = k
                .to_string()
                .bytes()
                .map(|b| char::from(b'a' + (b - b'0')))
                .collect();
            p.push_str(&format!("the q zz{tail} "));
        }
        let mut v = vec![p];
        // Quadratic behaviour would take minutes here, not milliseconds.
        let n = rejoin(&mut v, Language::En);
        assert_eq!(n, 60_000);
        assert!(v[0].starts_with("the qzza the qzzb "));
    }

    #[test]
    fn chinese_and_arabic_are_left_alone() {
        let before = "安全 理事会";
        assert_eq!(fixed(&[before], Language::Zh)[0], before);
    }
}
