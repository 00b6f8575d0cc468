//! Resolution structure from paragraphs: organ line, header facts, preamble,
//! operative paragraphs, sub-items and footnotes.
//!
//! Every reader that knows where paragraphs begin and end but not what they
//! are (text, PDF, DOCX, HTML) hands a [`RawDoc`] to [`build`]. The organ line
//! ("The General Assembly,") splits the header from the body. Header lines
//! give the [`Facts`]; body paragraphs are read in order:
//!
//! * before the first numbered paragraph, each paragraph is the next `PPn`;
//! * a paragraph numbered `n.` (`n -` in Arabic, `n．` in Chinese) is `OPn`;
//! * a lettered or roman item (`(a)`, `a)`, `а)`, `(أ)`, `（ａ）`, `(ii)`) is a
//!   sub-item of the paragraph above it, its label canonicalised by
//!   [`super::labels`] so ids agree across languages; `(i)` after `(h)` is
//!   the letter, after any other letter a second level; a list numbered
//!   `1.`, `2.` under an operative paragraph ending in a colon gives its
//!   sub-items `(i)`, `(ii)`;
//! * "Acting under Chapter VII …," and any other unnumbered paragraph before
//!   the first operative paragraph is preambular; unnumbered text after it
//!   joins the unit above;
//! * short lines without closing punctuation (section headings of Security
//!   Council texts), closing lines ("53rd plenary meeting") and the date
//!   under them are skipped; an annex heading ends the units.
//!
//! Without an organ line, a text that still has clearly numbered operative
//! paragraphs (a `1.` and a `2.`) is read with a warning, since drafts and
//! excerpts often lack it; anything else is refused with
//! [`ErrorKind::NotAResolution`].
//!
//! Warnings: missing operative numbers ("operative paragraph 16 missing"),
//! duplicates (joined to the unit above), numbers out of order, a number
//! without its full stop, footnotes never cited or cited without a text,
//! and an annex that was not read.

use std::collections::{HashMap, HashSet};

use once_cell::sync::Lazy;
use regex::Regex;

use super::labels::{canonical_sub_label, parse_number};
use super::{lang, ErrorKind, ReadOptions};
use crate::model::{
    roman_value, Edition, Facts, Footnote, Language, Organ, Part, SourceFormat, Unit, UnitId,
};

/// One paragraph as a reader that knows paragraph boundaries found it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawPara {
    /// Paragraph text including any numbering label ("1.", "(a)", "a)") but without footnote markers.
    pub text: String,
    /// Footnotes cited in this paragraph, in order.
    pub footnotes: Vec<u32>,
}

impl RawPara {
    pub fn new(text: impl Into<String>) -> Self {
        RawPara {
            text: text.into(),
            footnotes: Vec::new(),
        }
    }
}

/// A document as a list of paragraphs (header lines included) plus footnote bodies.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawDoc {
    pub paras: Vec<RawPara>,
    /// Footnote number and text.
    pub footnotes: Vec<(u32, String)>,
    /// What the reader noticed before structure recognition.
    pub warnings: Vec<String>,
}

/// Longest heading, in words: SC drafts head groups of paragraphs with
/// "UNSOM", "Protection of civilians", "Sanctions measures" …
const HEADING_MAX_WORDS: usize = 10;
/// Longest heading, in characters.
const HEADING_MAX_CHARS: usize = 90;
/// Longest heading in Chinese, in characters.
const HEADING_MAX_CHARS_HAN: usize = 24;
/// Longest line read as a lone date under the closing line.
const DATE_LINE_MAX_CHARS: usize = 40;

/// Characters that close a paragraph (or a line of one) in the six languages.
pub fn ends_clause(s: &str) -> bool {
    // Footnote markers "[^3]" after the punctuation do not count.
    let mut s = s.trim_end();
    while let Some(k) = s.strip_suffix(']').and_then(|x| x.rfind("[^")) {
        s = s[..k].trim_end();
    }
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '”' | '"' | '»' | '’' | ')' | '\u{200F}' | '\u{200E}')
    });
    t.ends_with(|c: char| {
        matches!(
            c,
            ',' | ';' | ':' | '.' | '،' | '؛' | '，' | '；' | '：' | '。' | '!' | '?'
        )
    })
}

/// Is this paragraph a section heading rather than a clause?
pub fn is_heading(s: &str) -> bool {
    let t = s.trim();
    // Chinese has no spaces to count words by: a heading is a few characters.
    let max_chars = if t.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) {
        HEADING_MAX_CHARS_HAN
    } else {
        HEADING_MAX_CHARS
    };
    !t.is_empty()
        && !ends_clause(t)
        && t.chars().count() <= max_chars
        && t.split_whitespace().count() <= HEADING_MAX_WORDS
        && split_label(t).is_none()
}

/// A numbering label at the start of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Label {
    /// Operative paragraph number.
    Number(u32),
    /// Canonical sub-item label (`a`, `ii`).
    Sub(String),
}

static NUMBER_LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\s*([0-9٠-٩۰-۹０-９]{1,3})\s*(?:\.|．|-|–|—|、)(?:\s+|$|[^\s0-9٠-٩۰-۹０-９.,])")
        .expect("static regex")
});
static SUB_LABEL: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\s*([(（]?)\s*([a-zA-Zа-яА-ЯёЁａ-ｚ]{1,5}|[\u0621-\u064Aـ]{1,3}|[0-9٠-٩]{1,2})\s*[)）](?:\s+|$|[^\s,.;:)\-0-9])")
        .expect("static regex")
});

static BARE_NUMBER: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^([0-9]{1,3})\s+\p{Lu}").expect("static regex"));

/// The numbering label at the start of `text` and the text after it.
pub fn split_label(text: &str) -> Option<(Label, &str)> {
    if let Some(c) = NUMBER_LABEL.captures(text) {
        let whole = c.get(0)?;
        let n = parse_number(&c[1])?;
        // The class after the separator was consumed only when it is not space:
        // give it back to the text.
        let mut end = whole.end();
        let tail = &text[c.get(1)?.end()..whole.end()];
        if let Some(last) = tail.chars().last() {
            if !last.is_whitespace() && !matches!(last, '.' | '．' | '-' | '–' | '—' | '、') {
                end -= last.len_utf8();
            }
        }
        return Some((Label::Number(n), text[end..].trim_start()));
    }
    let c = SUB_LABEL.captures(text)?;
    let whole = c.get(0)?;
    let raw = &c[2];
    // Labels are lower case; "(UN)" or "(ISIL)" at a line start are not labels.
    if raw.chars().count() > 1 && raw.chars().any(|ch| ch.is_uppercase()) {
        return None;
    }
    // Digits in brackets are a second-level label only when bracketed: "(1)".
    if raw
        .chars()
        .all(|ch| ch.is_ascii_digit() || ('٠'..='٩').contains(&ch))
        && c[1].is_empty()
    {
        return None;
    }
    let label = canonical_sub_label(raw)?;
    let mut end = whole.end();
    if let Some(last) = whole.as_str().chars().last() {
        if !last.is_whitespace() && !matches!(last, ')' | '）') {
            end -= last.len_utf8();
        }
    }
    Some((Label::Sub(label), text[end..].trim_start()))
}

/// Fold white space runs to one space and trim.
pub fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Header facts from the lines above the organ line.
fn header_facts(lines: &[&str], lang: Language, facts: &mut Facts) {
    static SYMBOL: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"^(?:A|S|E)/[A-Z0-9][A-Za-z0-9.]*(?:/[A-Za-z0-9.]+)+$").expect("static regex")
    });
    static DOC_SYMBOL: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"[A-Z](?:/[A-Za-z0-9.]*[A-Za-z0-9])+").expect("static regex"));
    static DRAFT: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"\b[AS]/(?:[A-Z]\.\d+/)?\d+/L\.\d+(?:/Rev\.\d+)?(?:/Add\.\d+)?")
            .expect("static regex")
    });
    static TITLE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"^(\d{1,3}/\d{1,4})(?:\s*[.\-–—])*\s+(\S.*)$").expect("static regex")
    });
    static DIGITS: Lazy<Regex> = Lazy::new(|| Regex::new(r"\d+").expect("static regex"));
    let mut is_draft = false;
    for raw in lines {
        let line = lang::ascii_digits(raw.trim());
        if line.is_empty() {
            continue;
        }
        if facts.symbol.is_none() && SYMBOL.is_match(&line) {
            facts.symbol = Some(line.clone());
            continue;
        }
        if facts.session.is_none() {
            if let Some(n) = lang::session_number(&line) {
                facts.session = Some(n);
                continue;
            }
        }
        if facts.agenda_items.is_empty() {
            if let Some(items) = lang::agenda_items(&line) {
                facts.agenda_items = items;
                continue;
            }
        }
        if facts.adopted.is_none() && lang::is_adoption_line(&line, lang) {
            facts.adopted = lang::find_date(&line, lang);
            continue;
        }
        if line.starts_with('[') && facts.report.is_none() {
            if let Some(m) = DOC_SYMBOL.find(&line) {
                facts.report = Some(m.as_str().to_string());
                let rest = &line[m.end()..];
                let inside = rest.split(')').next().unwrap_or("");
                facts.report_paragraph = DIGITS.find(inside).map(|d| d.as_str().to_string());
            }
            continue;
        }
        if let Some(m) = DRAFT.find(&line) {
            facts.draft.get_or_insert_with(|| m.as_str().to_string());
        }
        let f = lang::fold_line(&line);
        if [
            "draft resolution",
            "projet de résolution",
            "proyecto de resolución",
            "проект резолюции",
            "决议草案",
            "مشروع قرار",
        ]
        .iter()
        .any(|k| f.contains(k))
        {
            is_draft = true;
        }
        if facts.title.is_none() {
            if let Some(c) = TITLE.captures(&line) {
                facts.title = Some(fold_ws(&c[2]));
            }
        }
    }
    if is_draft && facts.draft.is_none() {
        facts.draft = facts.symbol.clone();
    }
    if facts.session.is_none() {
        // "A/RES/76/186", "A/76/L.10": the session is the first number.
        if let Some(s) = facts.symbol.as_deref().or(facts.draft.as_deref()) {
            if let Some(n) = s.strip_prefix("A/RES/").or_else(|| s.strip_prefix("A/")) {
                facts.session = n.split('/').next().and_then(|x| x.parse().ok());
            }
        }
    }
}

/// Where the current unit sits: its top-level paragraph and open sub-items.
#[derive(Default)]
struct Cursor {
    top: Option<UnitId>,
    /// Last first-level label under `top`.
    l1: Option<String>,
    /// Value of the last second-level roman label under `l1`.
    l2: Option<u32>,
}

impl Cursor {
    /// Id of a sub-item with canonical `label` under the current paragraph.
    fn sub_id(&mut self, label: &str) -> Option<UnitId> {
        let top = self.top.clone()?;
        let value = roman_value(label);
        let second_level = match (&self.l1, value) {
            (Some(l1), Some(v)) => match self.l2 {
                Some(prev) => v == prev + 1 || (v == 1 && l1 != "h"),
                // "(i)" after "(h)" is the letter i; after any other letter it opens a list.
                None => v == 1 && l1 != "h",
            },
            _ => false,
        };
        if second_level {
            let l1 = self.l1.clone()?;
            self.l2 = value;
            Some(top.child(&l1).child(label))
        } else {
            self.l1 = Some(label.to_string());
            self.l2 = None;
            Some(top.child(label))
        }
    }

    fn open(&mut self, id: UnitId) {
        self.top = Some(id);
        self.l1 = None;
        self.l2 = None;
    }
}

/// Recognise the structure of a resolution in a paragraph list.
pub fn build(
    doc: RawDoc,
    source: &str,
    format: SourceFormat,
    opts: &ReadOptions,
) -> Result<Edition, ErrorKind> {
    let RawDoc {
        paras,
        footnotes,
        mut warnings,
    } = doc;
    let organ_at = paras
        .iter()
        .position(|p| lang::organ_line(&p.text).is_some());
    let organ = organ_at.and_then(|k| lang::organ_line(&paras[k].text));
    let language = match (opts.lang, &organ) {
        (Some(l), _) => l,
        (None, Some((_, l))) => *l,
        (None, None) => {
            let all: String = paras
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            match lang::detect(&all) {
                Some(l) => l,
                None => {
                    warnings.push("could not tell the language of the text; assumed English (give --lang to say which)".into());
                    Language::En
                }
            }
        }
    };
    let body_start = match organ_at {
        Some(k) => k + 1,
        None => {
            let numbers: Vec<u32> = paras
                .iter()
                .filter_map(|p| match split_label(&p.text) {
                    Some((Label::Number(n), _)) => Some(n),
                    _ => None,
                })
                .collect();
            if !(numbers.contains(&1) && numbers.contains(&2)) {
                return Err(ErrorKind::NotAResolution(
                    "no organ line such as 'The General Assembly,' found; is this a resolution? \
                     (a text without one is read only when it has numbered operative paragraphs 1. and 2.)"
                        .into(),
                ));
            }
            warnings.push(
                "no organ line such as 'The General Assembly,' found; every paragraph was read as part of the resolution"
                    .into(),
            );
            0
        }
    };

    let mut ed = Edition::new(source, format, language);
    if let Some((o, _)) = &organ {
        ed.facts.organ = Some(o.clone());
    }
    let header: Vec<&str> = paras[..body_start.saturating_sub(1)]
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    header_facts(&header, language, &mut ed.facts);
    if ed.facts.organ.is_none() {
        ed.facts.organ = match ed.facts.symbol.as_deref() {
            Some(s) if s.starts_with("A/") => Some(Organ::Ga),
            Some(s) if s.starts_with("S/") => Some(Organ::Sc),
            _ => None,
        };
    }
    let mut header_notes: Vec<u32> = paras[..body_start]
        .iter()
        .flat_map(|p| p.footnotes.iter().copied())
        .collect();

    let mut units: Vec<Unit> = Vec::new();
    // The ids in `units`, to find duplicates without scanning them all.
    let mut seen: HashSet<UnitId> = HashSet::new();
    let mut cursor = Cursor::default();
    let mut pp = 0u32;
    let mut last_op: Option<u32> = None;
    let mut in_operative = false;
    let mut annex = false;
    // Last number of a numbered list inside an operative paragraph.
    let mut numbered_list: Option<u32> = None;
    for p in &paras[body_start..] {
        let text = fold_ws(&p.text);
        if text.is_empty() {
            continue;
        }
        if lang::is_annex_heading(&text) {
            warnings.push(format!(
                "the text after the heading '{text}' is an annex and was not read as units"
            ));
            annex = true;
            break;
        }
        if lang::is_closing_line(&text)
            || (in_operative
                && text.chars().count() <= DATE_LINE_MAX_CHARS
                && lang::find_date(&text, language).is_some())
        {
            header_notes.extend(&p.footnotes);
            continue;
        }
        let mut label = split_label(&text);
        if label.is_none() && in_operative {
            // "28 Engage …": the next number without its full stop.
            if let Some(c) = BARE_NUMBER.captures(&text) {
                let n = parse_number(&c[1]).unwrap_or(0);
                if Some(n) == last_op.map(|p| p + 1) {
                    warnings.push(format!(
                        "operative paragraph {n} has no full stop after its number"
                    ));
                    label = Some((
                        Label::Number(n),
                        text[c.get(1).map_or(0, |m| m.end())..].trim_start(),
                    ));
                }
            }
        }
        let unit = match label {
            Some((Label::Number(n), rest)) => {
                in_operative = true;
                // A list numbered 1., 2. … inside an operative paragraph
                // ("… the following:") holds its sub-items, as (i), (ii) ….
                let opens_list = n == 1
                    && last_op.is_some()
                    && units.last().is_some_and(|u| ends_with_colon(&u.text));
                let continues_list = numbered_list.is_some_and(|k| n == k + 1)
                    && last_op.is_some_and(|prev| n != prev + 1);
                if opens_list || continues_list {
                    let label = canonical_sub_label(&n.to_string());
                    if let Some(id) = label.and_then(|l| cursor.sub_id(&l)) {
                        numbered_list = Some(n);
                        let mut unit = Unit::new(id, fold_ws(rest));
                        unit.footnotes = p.footnotes.clone();
                        seen.insert(unit.id.clone());
                        units.push(unit);
                        continue;
                    }
                }
                numbered_list = None;
                if let Some(prev) = last_op {
                    if n <= prev && seen.contains(&UnitId::op(n)) {
                        warnings.push(format!(
                            "operative paragraph {n} appears twice; the second one was joined to the paragraph above it"
                        ));
                        append(&mut units, rest, &p.footnotes);
                        continue;
                    }
                    if n > prev + 1 {
                        warnings.push(missing(prev + 1, n - 1));
                    } else if n < prev {
                        warnings.push(format!(
                            "operative paragraph {n} comes after paragraph {prev}"
                        ));
                    }
                } else if n > 1 {
                    warnings.push(missing(1, n - 1));
                }
                last_op = Some(n.max(last_op.unwrap_or(0)));
                let id = UnitId::op(n);
                cursor.open(id.clone());
                Unit::new(id, rest)
            }
            Some((Label::Sub(label), rest)) if cursor.top.is_some() => {
                let Some(id) = cursor.sub_id(&label) else {
                    continue;
                };
                if seen.contains(&id) {
                    warnings.push(format!(
                        "{id} appears twice; the second one was joined to the unit above it"
                    ));
                    append(&mut units, rest, &p.footnotes);
                    continue;
                }
                Unit::new(id, rest)
            }
            _ => {
                if is_heading(&text) {
                    header_notes.extend(&p.footnotes);
                    continue;
                }
                if in_operative {
                    // Unnumbered text inside the operative part (a quotation,
                    // a list closing sentence) belongs to the unit above it.
                    append(&mut units, &text, &p.footnotes);
                    continue;
                }
                pp += 1;
                let id = UnitId::pp(pp);
                cursor.open(id.clone());
                Unit::new(id, text.clone())
            }
        };
        let mut unit = unit;
        unit.text = fold_ws(&unit.text);
        unit.footnotes = p.footnotes.clone();
        seen.insert(unit.id.clone());
        units.push(unit);
    }
    if units.is_empty() {
        return Err(ErrorKind::NotAResolution(
            "no preambular or operative paragraphs found after the organ line; is this a resolution?".into(),
        ));
    }
    // Footnotes: attach each to the first unit citing it.
    let mut notes: Vec<Footnote> = Vec::new();
    let mut first_citing: HashMap<u32, &UnitId> = HashMap::new();
    for u in &units {
        for n in &u.footnotes {
            first_citing.entry(*n).or_insert(&u.id);
        }
    }
    let mut defined: HashSet<u32> = HashSet::new();
    let header_notes: HashSet<u32> = header_notes.into_iter().collect();
    for (number, text) in footnotes {
        if !defined.insert(number) {
            warnings.push(format!(
                "footnote {number} has two texts; the first one was kept"
            ));
            continue;
        }
        let unit = first_citing.get(&number).map(|id| (*id).clone());
        // Notes cited only in an annex are not cited by any unit.
        if unit.is_none() && !header_notes.contains(&number) && !annex {
            warnings.push(format!("footnote {number} is not cited in the text"));
        }
        notes.push(Footnote {
            number,
            text: fold_ws(&text),
            unit,
        });
    }
    for u in &units {
        for n in &u.footnotes {
            if !defined.contains(n) {
                warnings.push(format!(
                    "{} cites footnote {n}, whose text was not found",
                    u.id
                ));
            }
        }
    }
    notes.sort_by_key(|f| f.number);
    // Operative paragraphs are recognised by their numbers, so a lone one
    // found here was printed with a number (an unnumbered one reads as
    // preambular and leaves this unknown).
    let operative = units
        .iter()
        .filter(|u| u.id.part == Part::Operative && u.id.sub.is_empty())
        .count();
    if operative == 1 {
        ed.lone_operative_numbered = Some(true);
    }
    ed.units = units;
    ed.footnotes = notes;
    ed.warnings = warnings;
    Ok(ed)
}

fn ends_with_colon(s: &str) -> bool {
    s.trim_end().ends_with([':', '：'])
}

fn missing(from: u32, to: u32) -> String {
    if from == to {
        format!("operative paragraph {from} missing")
    } else {
        format!("operative paragraphs {from} to {to} missing")
    }
}

/// Join text to the last unit (or drop it when there is none). Only the new
/// text is folded (the unit's text already is), so joining many lines to one
/// unit stays linear.
fn append(units: &mut [Unit], text: &str, notes: &[u32]) {
    if let Some(last) = units.last_mut() {
        let add = fold_ws(text);
        if !add.is_empty() {
            if !last.text.is_empty() {
                last.text.push(' ');
            }
            last.text.push_str(&add);
        }
        last.footnotes.extend(notes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lines: &[&str]) -> RawDoc {
        RawDoc {
            paras: lines.iter().map(|l| RawPara::new(*l)).collect(),
            ..RawDoc::default()
        }
    }

    fn ids(ed: &Edition) -> Vec<String> {
        ed.units.iter().map(|u| u.id.to_string()).collect()
    }

    #[test]
    fn labels() {
        assert_eq!(
            split_label("1. Decides (synthetic);"),
            Some((Label::Number(1), "Decides (synthetic);"))
        );
        assert_eq!(split_label("17 - تدعو"), Some((Label::Number(17), "تدعو")));
        assert_eq!(split_label("１．决定"), Some((Label::Number(1), "决定")));
        assert_eq!(
            split_label("(a) To promote"),
            Some((Label::Sub("a".into()), "To promote"))
        );
        assert_eq!(
            split_label("a) Promouvoir"),
            Some((Label::Sub("a".into()), "Promouvoir"))
        );
        assert_eq!(
            split_label("а) содействовать"),
            Some((Label::Sub("a".into()), "содействовать"))
        );
        assert_eq!(
            split_label("(أ) تشجيع"),
            Some((Label::Sub("a".into()), "تشجيع"))
        );
        assert_eq!(
            split_label("（ａ）促进"),
            Some((Label::Sub("a".into()), "促进"))
        );
        assert_eq!(
            split_label("(ii) the second"),
            Some((Label::Sub("ii".into()), "the second"))
        );
        assert_eq!(split_label("(2015), 2241 (2015)"), None);
        assert_eq!(split_label("(a), (b) and (c) of"), None);
        assert_eq!(split_label("(UNSOM) in supporting"), None);
        assert_eq!(split_label("2030 Agenda"), None);
        assert_eq!(split_label("3.5 per cent"), None);
    }

    #[test]
    fn builds_units_and_warns_on_gaps() {
        let d = doc(&[
            "A/RES/99/1",
            "The General Assembly,",
            "Recalling (synthetic),",
            "Reaffirming that the plan was developed (synthetic):",
            "(a) To promote (synthetic);",
            "(b) To help (synthetic);",
            "1. Decides (synthetic):",
            "(a) first (synthetic);",
            "(i) sub one (synthetic);",
            "(ii) sub two (synthetic);",
            "(b) second (synthetic);",
            "3. Requests (synthetic).",
            "99th plenary meeting",
            "1 January 2030",
        ]);
        let ed = build(d, "t", SourceFormat::Text, &ReadOptions::default()).unwrap();
        assert_eq!(
            ids(&ed),
            [
                "PP1",
                "PP2",
                "PP2(a)",
                "PP2(b)",
                "OP1",
                "OP1(a)",
                "OP1(a)(i)",
                "OP1(a)(ii)",
                "OP1(b)",
                "OP3"
            ]
        );
        assert_eq!(ed.warnings, ["operative paragraph 2 missing"]);
        assert_eq!(ed.facts.symbol.as_deref(), Some("A/RES/99/1"));
        assert_eq!(ed.facts.organ, Some(Organ::Ga));
    }

    #[test]
    fn numbered_list_inside_an_operative_paragraph() {
        let d = doc(&[
            "The Security Council,",
            "1. Decides (synthetic);",
            "2. Invites the parties to report on the following (synthetic):",
            "1. Resolution of the status (synthetic),",
            "2. Implementation of the decisions (synthetic);",
            "3. Requests (synthetic).",
        ]);
        let ed = build(d, "t", SourceFormat::Text, &ReadOptions::default()).unwrap();
        assert_eq!(ids(&ed), ["OP1", "OP2", "OP2(i)", "OP2(ii)", "OP3"]);
        assert!(ed.warnings.is_empty(), "{:?}", ed.warnings);
    }

    #[test]
    fn letter_i_after_h_is_a_letter() {
        let mut lines = vec!["The Security Council,", "1. Decides (synthetic):"];
        let items = [
            "(a) x;", "(b) x;", "(c) x;", "(d) x;", "(e) x;", "(f) x;", "(g) x;", "(h) x;",
            "(i) x;", "(j) x.",
        ];
        lines.extend(items);
        let ed = build(
            doc(&lines),
            "t",
            SourceFormat::Text,
            &ReadOptions::default(),
        )
        .unwrap();
        assert!(ids(&ed).contains(&"OP1(i)".to_string()));
        assert!(ids(&ed).contains(&"OP1(j)".to_string()));
    }

    #[test]
    fn no_organ_line() {
        let err = build(
            doc(&["Some text (synthetic).", "More text."]),
            "t",
            SourceFormat::Text,
            &ReadOptions::default(),
        );
        assert!(matches!(err, Err(ErrorKind::NotAResolution(_))));
        let ed = build(
            doc(&["1. Decides (synthetic);", "2. Requests (synthetic)."]),
            "t",
            SourceFormat::Text,
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(ids(&ed), ["OP1", "OP2"]);
        assert!(ed.warnings.iter().any(|w| w.contains("no organ line")));
    }

    #[test]
    fn headings_are_skipped_and_duplicates_warned() {
        let d = doc(&[
            "The Security Council,",
            "Recalling (synthetic),",
            "Acting under Chapter VII of the Charter of the United Nations,",
            "Mandate of the mission",
            "1. Decides (synthetic);",
            "1. Decides again (synthetic);",
        ]);
        let ed = build(d, "t", SourceFormat::Text, &ReadOptions::default()).unwrap();
        assert_eq!(ids(&ed), ["PP1", "PP2", "OP1"]);
        assert!(ed.warnings[0].contains("appears twice"));
    }
}
