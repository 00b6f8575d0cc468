//! Language facts the review needs, per UN language: session ordinals
//! ("eighty-second", "quatre-vingt-deuxième", "octogésimo segundo",
//! "восемьдесят второй", "第八十二届", "الثانية والثمانين"), the date form of
//! a resolution citation ("78/228 of 19 December 2023", "2023年12月19日第78/228号"),
//! how a list of citations is joined, and the words that mark a reporting
//! request.
//!
//! The forms were read off the AKN editions of the trafficking series
//! (74/176, 76/186, 78/228, 80/228) in the six languages: each edition shows
//! how the previous one was added to its "Recalling its resolutions …"
//! paragraph and how the session of the next report was written. Ordinal
//! and month tables are language facts, not resolution text.

use once_cell::sync::Lazy;
use regex::Regex;

use crate::ingest::lang::AR_MONTHS;
use crate::model::Language;

/// Largest session ordinal recognised and written (the General Assembly
/// meets in its 80th session in 2025–26; 99 leaves two decades of room and
/// keeps every language's table within the two-digit forms).
pub const MAX_ORDINAL: u32 = 99;

const EN_UNITS: [&str; 10] = [
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
];
const EN_TEENS: [&str; 10] = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const EN_TENS_ORD: [&str; 10] = [
    "",
    "",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

const FR_CARD: [&str; 17] = [
    "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize",
];
const FR_TENS: [&str; 7] = [
    "",
    "",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
];

const ES_UNITS: [&str; 10] = [
    "", "primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno",
];
const ES_TEENS: [&str; 10] = [
    "décimo",
    "undécimo",
    "duodécimo",
    "decimotercer",
    "decimocuarto",
    "decimoquinto",
    "decimosexto",
    "decimoséptimo",
    "decimoctavo",
    "decimonoveno",
];
const ES_TENS: [&str; 10] = [
    "",
    "",
    "vigésimo",
    "trigésimo",
    "cuadragésimo",
    "quincuagésimo",
    "sexagésimo",
    "septuagésimo",
    "octogésimo",
    "nonagésimo",
];

const RU_UNITS: [&str; 10] = [
    "",
    "первой",
    "второй",
    "третьей",
    "четвертой",
    "пятой",
    "шестой",
    "седьмой",
    "восьмой",
    "девятой",
];
const RU_TEENS: [&str; 10] = [
    "десятой",
    "одиннадцатой",
    "двенадцатой",
    "тринадцатой",
    "четырнадцатой",
    "пятнадцатой",
    "шестнадцатой",
    "семнадцатой",
    "восемнадцатой",
    "девятнадцатой",
];
const RU_TENS: [&str; 10] = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];
const RU_TENS_ORD: [&str; 10] = [
    "",
    "",
    "двадцатой",
    "тридцатой",
    "сороковой",
    "пятидесятой",
    "шестидесятой",
    "семидесятой",
    "восьмидесятой",
    "девяностой",
];

const ZH_DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

const AR_UNITS: [&str; 10] = [
    "",
    "الأولى",
    "الثانية",
    "الثالثة",
    "الرابعة",
    "الخامسة",
    "السادسة",
    "السابعة",
    "الثامنة",
    "التاسعة",
];
const AR_TENS: [&str; 10] = [
    "",
    "العاشرة",
    "العشرين",
    "الثلاثين",
    "الأربعين",
    "الخمسين",
    "الستين",
    "السبعين",
    "الثمانين",
    "التسعين",
];

/// French cardinal number words, traditional spelling as the UN writes them.
fn fr_cardinal(n: u32) -> String {
    let n = n as usize;
    match n {
        0..=16 => FR_CARD[n].to_string(),
        17..=19 => format!("dix-{}", FR_CARD[n - 10]),
        20..=69 => {
            let (t, u) = (n / 10, n % 10);
            match u {
                0 => FR_TENS[t].to_string(),
                1 => format!("{} et un", FR_TENS[t]),
                _ => format!("{}-{}", FR_TENS[t], FR_CARD[u]),
            }
        }
        70..=79 => match n {
            71 => "soixante et onze".to_string(),
            _ => format!("soixante-{}", fr_cardinal((n - 60) as u32)),
        },
        80 => "quatre-vingts".to_string(),
        _ => format!("quatre-vingt-{}", fr_cardinal((n - 80) as u32)),
    }
}

/// French ordinal (feminine, as "session" is): "première", "soixante-dix-huitième".
fn fr_ordinal(n: u32) -> String {
    if n == 1 {
        return "première".to_string();
    }
    let card = fr_cardinal(n);
    let cut = card.rfind(['-', ' ']).map_or(0, |i| i + 1);
    let (head, last) = card.split_at(cut);
    let last = match last {
        "un" => "unième".to_string(),
        "cinq" => "cinquième".to_string(),
        "neuf" => "neuvième".to_string(),
        "vingts" => "vingtième".to_string(),
        w if w.ends_with('e') => format!("{}ième", &w[..w.len() - 1]),
        w => format!("{w}ième"),
    };
    format!("{head}{last}")
}

/// The session ordinal of `n` in `lang` as written before the word for
/// "session" (feminine in French, Russian and Arabic; the apocopated
/// masculine in Spanish, "primer período de sesiones"); for Chinese the
/// numeral between 第 and 届.
pub fn ordinal(lang: Language, n: u32) -> Option<String> {
    if n == 0 || n > MAX_ORDINAL {
        return None;
    }
    let (t, u) = ((n / 10) as usize, (n % 10) as usize);
    Some(match lang {
        Language::En => match (t, u) {
            (0, _) => EN_UNITS[u].to_string(),
            (1, _) => EN_TEENS[u].to_string(),
            (_, 0) => EN_TENS_ORD[t].to_string(),
            _ => format!("{}-{}", EN_TENS[t], EN_UNITS[u]),
        },
        Language::Fr => fr_ordinal(n),
        Language::Es => match (t, u) {
            (0, _) => ES_UNITS[u].to_string(),
            (1, _) => ES_TEENS[u].to_string(),
            (_, 0) => ES_TENS[t].to_string(),
            _ => format!("{} {}", ES_TENS[t], ES_UNITS[u]),
        },
        Language::Ru => match (t, u) {
            (0, _) => RU_UNITS[u].to_string(),
            (1, _) => RU_TEENS[u].to_string(),
            (_, 0) => RU_TENS_ORD[t].to_string(),
            _ => format!("{} {}", RU_TENS[t], RU_UNITS[u]),
        },
        Language::Zh => match (t, u) {
            (0, _) => ZH_DIGITS[u].to_string(),
            (1, _) => format!("十{}", ZH_DIGITS[u]),
            _ => format!("{}十{}", ZH_DIGITS[t], ZH_DIGITS[u]),
        },
        Language::Ar => match (t, u) {
            (0, _) => AR_UNITS[u].to_string(),
            (1, 0) => AR_TENS[1].to_string(),
            (1, 1) => "الحادية عشرة".to_string(),
            (1, _) => format!("{} عشرة", AR_UNITS[u]),
            (_, 0) => AR_TENS[t].to_string(),
            (_, 1) => format!("الحادية و{}", AR_TENS[t]),
            _ => format!("{} و{}", AR_UNITS[u], AR_TENS[t]),
        },
    })
}

/// Other spellings of an ordinal that are read but never written: Spanish
/// full forms ("primero", "tercero"), Russian "ё".
fn ordinal_variants(lang: Language, n: u32) -> Vec<String> {
    let Some(main) = ordinal(lang, n) else {
        return Vec::new();
    };
    let mut v = vec![main.clone()];
    match lang {
        Language::Es if main.ends_with("primer") || main.ends_with("tercer") => {
            v.push(format!("{main}o"))
        }
        Language::Ru if main.contains("четвертой") => {
            v.push(main.replace("четвертой", "четвёртой"))
        }
        _ => {}
    }
    v
}

/// One session ordinal found in a text: the byte span of the ordinal words
/// only (so that replacing it keeps the context) and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrdinalMatch {
    pub start: usize,
    pub end: usize,
    pub value: u32,
}

struct OrdinalFinder {
    re: Regex,
    /// Alternation order → value.
    values: Vec<u32>,
}

fn build_finder(lang: Language) -> OrdinalFinder {
    let mut forms: Vec<(String, u32)> = (1..=MAX_ORDINAL)
        .flat_map(|n| ordinal_variants(lang, n).into_iter().map(move |f| (f, n)))
        .collect();
    // Longest first, so that "seventy-eighth" wins over "eighth".
    forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
    let alt: Vec<String> = forms
        .iter()
        .map(|(f, _)| format!("({})", regex::escape(f)))
        .collect();
    let alt = alt.join("|");
    // The ordinal must stand before (or, in Arabic, after) the word for a session.
    let pattern = match lang {
        Language::En => format!(r"(?i)\b(?:{alt}) (?:regular |special )?session\b"),
        Language::Fr => format!(r"(?i)\b(?:{alt}) session\b"),
        Language::Es => format!(r"(?i)\b(?:{alt}) período de sesiones\b"),
        Language::Ru => format!(r"(?i)\b(?:{alt}) (?:очередной |специальной )?сесси"),
        Language::Zh => format!(r"第(?:{alt})届"),
        Language::Ar => format!(r"(?:دورتها|الدورة|دورته)\s+(?:{alt})(?:\s|[،؛.,]|$)"),
    };
    // Invariant: the pattern is built from escaped literals.
    let re = Regex::new(&pattern).expect("ordinal pattern is valid");
    OrdinalFinder {
        re,
        values: forms.iter().map(|f| f.1).collect(),
    }
}

static FINDERS: Lazy<Vec<(Language, OrdinalFinder)>> = Lazy::new(|| {
    Language::ALL
        .iter()
        .map(|&l| (l, build_finder(l)))
        .collect()
});

/// Every session ordinal of `text` ("at its eightieth session" → 80).
pub fn find_session_ordinals(lang: Language, text: &str) -> Vec<OrdinalMatch> {
    let Some((_, f)) = FINDERS.iter().find(|(l, _)| *l == lang) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for caps in f.re.captures_iter(text) {
        // Group k+1 is the k-th form of the alternation.
        for (k, &value) in f.values.iter().enumerate() {
            if let Some(m) = caps.get(k + 1) {
                out.push(OrdinalMatch {
                    start: m.start(),
                    end: m.end(),
                    value,
                });
                break;
            }
        }
    }
    out
}

/// Write an ordinal in the case of `found` (only the first letter's case
/// matters: "Eightieth" at the start of a sentence).
pub fn ordinal_like(lang: Language, n: u32, found: &str) -> Option<String> {
    let o = ordinal(lang, n)?;
    if found.chars().next().is_some_and(char::is_uppercase) {
        let mut c = o.chars();
        return Some(match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => o,
        });
    }
    Some(o)
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// From ISO `YYYY-MM-DD` (as in [`crate::model::Facts::adopted`]).
    pub fn from_iso(s: &str) -> Option<Date> {
        let mut p = s.trim().split('-');
        let year = p.next()?.parse().ok()?;
        let month: u32 = p.next()?.parse().ok()?;
        let day: u32 = p.next()?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month, day })
    }
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const ES_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const RU_MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Russian "года" after a year; [`parse_citation`] also reads a word one
/// letter away from it (a typing slip such as "гола") and reports it.
const RU_YEAR_WORD: &str = "года";

/// A resolution cited with its adoption date: `78/228 of 19 December 2023`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// `78/228`
    pub symbol: String,
    pub date: Date,
    /// Byte span in the text it was read from.
    pub start: usize,
    pub end: usize,
    /// Set when the text deviates from the canonical form in a way that was
    /// still read (e.g. a misspelt "года", a space after the slash of an
    /// Arabic month).
    pub irregular: bool,
}

/// The citation of resolution `symbol` adopted on `date`, in the form the
/// recall paragraphs of `lang` use.
pub fn write_citation(lang: Language, symbol: &str, d: Date) -> String {
    let m = (d.month as usize).saturating_sub(1).min(11);
    match lang {
        Language::En => format!("{symbol} of {} {} {}", d.day, EN_MONTHS[m], d.year),
        Language::Fr => {
            let day = if d.day == 1 {
                "1er".to_string()
            } else {
                d.day.to_string()
            };
            format!("{symbol} du {day} {} {}", FR_MONTHS[m], d.year)
        }
        Language::Es => format!("{symbol}, de {} de {} de {}", d.day, ES_MONTHS[m], d.year),
        Language::Ru => format!(
            "{symbol} от {} {} {} {RU_YEAR_WORD}",
            d.day, RU_MONTHS[m], d.year
        ),
        Language::Zh => format!("{}年{}月{}日第{symbol}号", d.year, d.month, d.day),
        Language::Ar => {
            let (a, b) = AR_MONTHS[m];
            format!("{symbol} المؤرخ {} {a}/{b} {}", d.day, d.year)
        }
    }
}

fn month_alt(names: &[&str]) -> String {
    names
        .iter()
        .map(|m| regex::escape(m))
        .collect::<Vec<_>>()
        .join("|")
}

fn citation_regex(lang: Language) -> Regex {
    let sym = r"(\d{1,3}/\d{1,4})";
    let p = match lang {
        Language::En => format!(
            r"{sym} of (\d{{1,2}}) ({}) (\d{{4}})",
            month_alt(&EN_MONTHS)
        ),
        Language::Fr => format!(
            r"{sym} du (\d{{1,2}})(?:er)? ({}) (\d{{4}})",
            month_alt(&FR_MONTHS)
        ),
        Language::Es => format!(
            r"{sym},? de (\d{{1,2}}) de ({}) de (\d{{4}})",
            month_alt(&ES_MONTHS)
        ),
        Language::Ru => format!(
            r"{sym} от (\d{{1,2}}) ({}) (\d{{4}}) (\p{{Cyrillic}}{{3,5}})",
            month_alt(&RU_MONTHS)
        ),
        Language::Zh => format!(r"(\d{{4}})年(\d{{1,2}})月(\d{{1,2}})日第{sym}号"),
        Language::Ar => {
            let alts: Vec<String> = AR_MONTHS
                .iter()
                .map(|(a, b)| format!(r"{}\s*/\s*{}", regex::escape(a), regex::escape(b)))
                .collect();
            format!(r"{sym} المؤرخ (\d{{1,2}}) ({}) (\d{{4}})", alts.join("|"))
        }
    };
    // Invariant: built from escaped literals and fixed groups.
    Regex::new(&p).expect("citation pattern is valid")
}

static CITATION_RES: Lazy<Vec<(Language, Regex)>> = Lazy::new(|| {
    Language::ALL
        .iter()
        .map(|&l| (l, citation_regex(l)))
        .collect()
});

fn month_index(lang: Language, name: &str) -> Option<u32> {
    let squash = |s: &str| s.split_whitespace().collect::<String>().replace('/', "");
    let i = match lang {
        Language::En => EN_MONTHS.iter().position(|m| *m == name),
        Language::Fr => FR_MONTHS.iter().position(|m| *m == name),
        Language::Es => ES_MONTHS.iter().position(|m| *m == name),
        Language::Ru => RU_MONTHS.iter().position(|m| *m == name),
        Language::Ar => AR_MONTHS
            .iter()
            .position(|(a, b)| squash(&format!("{a}{b}")) == squash(name)),
        Language::Zh => name.parse::<usize>().ok().and_then(|m| m.checked_sub(1)),
    }?;
    u32::try_from(i + 1).ok().filter(|m| (1..=12).contains(m))
}

/// Levenshtein distance, for single-word slips.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Every dated resolution citation in `text`, in order.
pub fn parse_citations(lang: Language, text: &str) -> Vec<Citation> {
    let Some((_, re)) = CITATION_RES.iter().find(|(l, _)| *l == lang) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let g = |i: usize| c.get(i).map_or("", |m| m.as_str());
        let Some(whole) = c.get(0) else { continue };
        let (symbol, day, month, year) = match lang {
            Language::Zh => (g(4), g(3), month_index(lang, g(2)), g(1)),
            _ => (g(1), g(2), month_index(lang, g(3)), g(4)),
        };
        let (Some(month), Ok(day), Ok(year)) = (month, day.parse::<u32>(), year.parse::<u32>())
        else {
            continue;
        };
        let mut end = whole.end();
        let mut irregular = false;
        if lang == Language::Ru {
            // The year word: "года", or a slip one letter away from it.
            let w = g(5);
            match edit_distance(w, RU_YEAR_WORD) {
                0 => {}
                1 => irregular = true,
                _ => {
                    // Not a year word: the citation ends with the year.
                    end = c.get(4).map_or(end, |m| m.end());
                    irregular = true;
                }
            }
        }
        let date = Date { year, month, day };
        let canonical = write_citation(lang, symbol, date);
        let got = &text[whole.start()..end];
        if lang != Language::Ru
            && got != canonical
            && !(lang == Language::Es && got.replace(',', "") == canonical.replace(',', ""))
        {
            irregular = true;
        }
        out.push(Citation {
            symbol: symbol.to_string(),
            date,
            start: whole.start(),
            end,
            irregular,
        });
    }
    out
}

/// How a list of citations is joined: between items, before the last one.
pub fn list_separators(lang: Language) -> (&'static str, &'static str) {
    match lang {
        Language::En => (", ", " and "),
        Language::Fr => (", ", " et "),
        Language::Es => (", ", ", y "),
        Language::Ru => (", ", " и "),
        Language::Zh => ("、", "和"),
        Language::Ar => ("، و ", "، و "),
    }
}

/// Whether the text between two citations is a list separator of `lang`
/// (any of the forms seen, not only the canonical one).
pub fn is_list_separator(lang: Language, between: &str) -> bool {
    let t = between.trim();
    match lang {
        Language::En => matches!(t, "," | "and" | ", and"),
        Language::Fr => matches!(t, "," | "et" | ", et"),
        Language::Es => matches!(t, "," | "y" | ", y"),
        Language::Ru => matches!(t, "," | "и" | ", и"),
        Language::Zh => matches!(t, "、" | "和" | "及" | "以及" | "，"),
        Language::Ar => {
            let s: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            matches!(s.as_str(), "،و" | "و" | "،")
        }
    }
}

/// Words that make an operative paragraph a reporting request (or a
/// decision to put an item on a future agenda), whose session ordinals move
/// forward with each edition.
pub fn is_reporting_request(lang: Language, text: &str) -> bool {
    let t = text.to_lowercase();
    let any = |ws: &[&str]| ws.iter().any(|w| t.contains(w));
    match lang {
        Language::En => any(&["report", "provisional agenda"]),
        Language::Fr => any(&["rapport", "ordre du jour provisoire"]),
        Language::Es => any(&["informe", "programa provisional"]),
        Language::Ru => any(&["доклад", "предварительную повестку"]),
        Language::Zh => any(&["报告", "临时议程"]),
        Language::Ar => any(&["تقرير", "جدول الأعمال المؤقت"]),
    }
}

/// Clause-ending punctuation of a language: (preambular, operative, last
/// operative, chapeau).
pub fn clause_ends(
    lang: Language,
) -> (
    &'static [char],
    &'static [char],
    &'static [char],
    &'static [char],
) {
    match lang {
        Language::Ar => (&['،', ','], &['؛', ';'], &['.'], &[':']),
        Language::Zh => (&['，', ','], &['；', ';'], &['。', '.'], &['：', ':']),
        _ => (&[','], &[';'], &['.'], &[':']),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_in_six_languages() {
        use Language::*;
        let cases = [
            (En, 78, "seventy-eighth"),
            (En, 80, "eightieth"),
            (En, 82, "eighty-second"),
            (En, 12, "twelfth"),
            (Fr, 76, "soixante-seizième"),
            (Fr, 78, "soixante-dix-huitième"),
            (Fr, 80, "quatre-vingtième"),
            (Fr, 82, "quatre-vingt-deuxième"),
            (Fr, 71, "soixante et onzième"),
            (Fr, 21, "vingt et unième"),
            (Fr, 1, "première"),
            (Es, 78, "septuagésimo octavo"),
            (Es, 80, "octogésimo"),
            (Es, 81, "octogésimo primer"),
            (Ru, 80, "восьмидесятой"),
            (Ru, 82, "восемьдесят второй"),
            (Ru, 76, "семьдесят шестой"),
            (Zh, 82, "八十二"),
            (Zh, 10, "十"),
            (Zh, 17, "十七"),
            (Ar, 80, "الثمانين"),
            (Ar, 82, "الثانية والثمانين"),
            (Ar, 78, "الثامنة والسبعين"),
            (Ar, 81, "الحادية والثمانين"),
        ];
        for (l, n, want) in cases {
            assert_eq!(ordinal(l, n).as_deref(), Some(want), "{l} {n}");
        }
        assert_eq!(ordinal(En, 0), None);
        assert_eq!(ordinal(En, MAX_ORDINAL + 1), None);
    }

    #[test]
    fn finds_session_ordinals_and_only_them() {
        let t = "Requests a report at its seventy-eighth session (synthetic), and notes the eighth report;";
        let m = find_session_ordinals(Language::En, t);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].value, 78);
        assert_eq!(&t[m[0].start..m[0].end], "seventy-eighth");
        let t = "请秘书长向大会第八十二届会议提交报告（合成示例）。";
        let m = find_session_ordinals(Language::Zh, t);
        assert_eq!((m.len(), m[0].value), (1, 82));
        let t = "تطلب تقريرا في دورتها الثانية والثمانين (نص اصطناعي).";
        let m = find_session_ordinals(Language::Ar, t);
        assert_eq!((m.len(), m[0].value), (1, 82));
        assert_eq!(&t[m[0].start..m[0].end], "الثانية والثمانين");
        let t = "в ходе ее восемьдесят второй сессии (синтетический)";
        assert_eq!(find_session_ordinals(Language::Ru, t)[0].value, 82);
        let t = "en su octogésimo primer período de sesiones (sintético)";
        assert_eq!(find_session_ordinals(Language::Es, t)[0].value, 81);
        let t = "à sa quatre-vingt-deuxième session (synthétique)";
        assert_eq!(find_session_ordinals(Language::Fr, t)[0].value, 82);
    }

    #[test]
    fn citations_read_and_write_back() {
        use Language::*;
        let d = Date {
            year: 2023,
            month: 12,
            day: 19,
        };
        for l in Language::ALL {
            let w = write_citation(l, "78/228", d);
            let c = parse_citations(l, &w);
            assert_eq!(c.len(), 1, "{l}: {w}");
            assert_eq!((c[0].symbol.as_str(), c[0].date), ("78/228", d));
            assert!(!c[0].irregular, "{l}: {w}");
            assert_eq!((c[0].start, c[0].end), (0, w.len()));
        }
        // A slip in the Russian year word is read, and flagged (synthetic).
        let c = parse_citations(Ru, "72/195 от 19 декабря 2017 гола об (синтетический)");
        assert_eq!(c.len(), 1);
        assert!(c[0].irregular);
        // A space after the slash of an Arabic month is read, and flagged.
        let c = parse_citations(Ar, "72/195 المؤرخ 19 كانون الأول/ ديسمبر 2017");
        assert_eq!(c.len(), 1);
        assert!(c[0].irregular);
        assert_eq!(
            write_citation(
                Fr,
                "1/1",
                Date {
                    year: 2000,
                    month: 3,
                    day: 1
                }
            ),
            "1/1 du 1er mars 2000"
        );
    }

    #[test]
    fn separators() {
        assert!(is_list_separator(Language::En, " and "));
        assert!(is_list_separator(Language::Ar, "، و "));
        assert!(!is_list_separator(Language::En, " on improving "));
    }
}
