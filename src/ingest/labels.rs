//! Numbering labels in the six languages, reduced to the canonical forms
//! used in unit ids.
//!
//! Unit ids are the same in every language (`OP5(a)(ii)`), while the
//! documents print `(a)`, `a)`, `а)` (Cyrillic), `(أ)` (Arabic, abjad order),
//! `（ａ）` (full width), `1 -`, `١.`… Every reader maps labels through this
//! one module so the six translations of an edition get identical ids.

use crate::model::roman_value;

/// Arabic letters in the abjad order UN documents use for lettered items;
/// the k-th letter maps to the k-th Latin letter.
const ABJAD: [char; 28] = [
    'أ', 'ب', 'ج', 'د', 'ه', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن', 'س', 'ع', 'ف', 'ص', 'ق',
    'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض', 'ظ', 'غ',
];

/// Cyrillic letters in the order Russian UN documents use for lettered items
/// (ё, й, ъ, ы, ь are skipped); the k-th maps to the k-th Latin letter.
const CYRILLIC: [char; 26] = [
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т', 'у',
    'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'э',
];

/// Largest number written as a roman numeral; larger ones are written in digits.
pub const MAX_ROMAN: i64 = 3999;

/// Lower-case roman numeral of `n`, or `n` in digits outside 1..=[`MAX_ROMAN`].
pub fn roman_numeral(n: i64) -> String {
    if !(1..=MAX_ROMAN).contains(&n) {
        return n.to_string();
    }
    let mut v = n;
    let mut s = String::new();
    for (d, r) in [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ] {
        while v >= d {
            s.push_str(r);
            v -= d;
        }
    }
    s
}

/// Lower-case roman numerals 1..=39, for digits used as second-level labels.
fn to_roman(n: u32) -> Option<String> {
    (1..=39).contains(&n).then(|| roman_numeral(i64::from(n)))
}

/// Fold full-width forms and Arabic-Indic digits to ASCII; keep other characters.
fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + '0' as u32).unwrap_or(c),
        '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + '0' as u32).unwrap_or(c),
        'ـ' => '\u{0}', // tatweel: dropped below
        'ة' => 'ه',
        _ => c,
    }
}

/// The label without brackets, punctuation, spaces and tatweel, folded.
fn core(raw: &str) -> String {
    raw.chars()
        .map(fold_char)
        .filter(|c| {
            *c != '\u{0}'
                && !c.is_whitespace()
                && !matches!(
                    c,
                    '(' | ')' | '.' | '-' | '–' | '—' | '[' | ']' | '、' | '\u{200F}' | '\u{200E}'
                )
        })
        .collect()
}

/// The canonical id label of a sub-item label as printed: `(a)`, `a)`,
/// `а)`, `(أ)`, `（ａ）` → `a`; `(ii)`, `(٢)`, `(2)` → `ii`. `None` when the
/// text is not a sub-item label.
pub fn canonical_sub_label(raw: &str) -> Option<String> {
    let c = core(raw);
    if c.is_empty() {
        return None;
    }
    let mut chars = c.chars();
    let first = chars.next()?;
    let single = chars.next().is_none();
    if c.chars().all(|ch| ch.is_ascii_digit()) {
        return c.parse::<u32>().ok().and_then(to_roman);
    }
    if single {
        if first.is_ascii_alphabetic() {
            return Some(first.to_ascii_lowercase().to_string());
        }
        let lower = first.to_lowercase().next().unwrap_or(first);
        if let Some(k) = CYRILLIC.iter().position(|&x| x == lower) {
            return Some(((b'a' + k as u8) as char).to_string());
        }
        let arabic = match first {
            'ا' | 'إ' | 'آ' => 'أ',
            other => other,
        };
        if let Some(k) = ABJAD.iter().position(|&x| x == arabic) {
            if k < 26 {
                return Some(((b'a' + k as u8) as char).to_string());
            }
        }
        return None;
    }
    let lower = c.to_lowercase();
    if roman_value(&lower).is_some() {
        return Some(lower);
    }
    // Doubled letters such as (aa) after (z).
    if lower.chars().all(|ch| ch.is_ascii_lowercase()) && lower.len() <= 3 {
        return Some(lower);
    }
    None
}

/// The number of an operative paragraph label: `1.`, `1 -`, `١٢.`, `１２.` → n.
pub fn parse_number(raw: &str) -> Option<u32> {
    let c = core(raw);
    if c.is_empty() || !c.chars().all(|ch| ch.is_ascii_digit()) {
        return None;
    }
    c.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_forms() {
        for raw in ["(a)", "a)", "a.", " (a) ", "（ａ）", "A"] {
            assert_eq!(canonical_sub_label(raw).as_deref(), Some("a"), "{raw}");
        }
        assert_eq!(canonical_sub_label("(ii)").as_deref(), Some("ii"));
        assert_eq!(canonical_sub_label("(xiv)").as_deref(), Some("xiv"));
        assert_eq!(canonical_sub_label("(aa)").as_deref(), Some("aa"));
    }

    #[test]
    fn cyrillic_and_arabic_letters() {
        assert_eq!(canonical_sub_label("а)").as_deref(), Some("a"));
        assert_eq!(canonical_sub_label("в)").as_deref(), Some("c"));
        assert_eq!(canonical_sub_label("(أ)").as_deref(), Some("a"));
        assert_eq!(canonical_sub_label("(ب)").as_deref(), Some("b"));
        assert_eq!(canonical_sub_label("(هـ)").as_deref(), Some("e"));
        assert_eq!(canonical_sub_label("(ه)").as_deref(), Some("e"));
        assert_eq!(canonical_sub_label("(و)").as_deref(), Some("f"));
        assert_eq!(canonical_sub_label("(ط)").as_deref(), Some("i"));
    }

    #[test]
    fn digits_are_roman_level_labels() {
        assert_eq!(canonical_sub_label("(2)").as_deref(), Some("ii"));
        assert_eq!(canonical_sub_label("(٤)").as_deref(), Some("iv"));
    }

    #[test]
    fn not_labels() {
        assert_eq!(canonical_sub_label(""), None);
        assert_eq!(canonical_sub_label("()"), None);
        assert_eq!(canonical_sub_label("(abcd)"), None);
        assert_eq!(canonical_sub_label("(☃)"), None);
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_numeral(4), "iv");
        assert_eq!(roman_numeral(1994), "mcmxciv");
        assert_eq!(roman_numeral(0), "0");
        assert_eq!(roman_numeral(4000), "4000");
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1."), Some(1));
        assert_eq!(parse_number("12 -"), Some(12));
        assert_eq!(parse_number("١٢."), Some(12));
        assert_eq!(parse_number("１２．"), Some(12));
        assert_eq!(parse_number("a."), None);
        assert_eq!(parse_number(""), None);
    }
}
