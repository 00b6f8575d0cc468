//! The domain model: an [`Edition`] of a resolution, its header [`Facts`], its
//! [`Unit`]s (preambular and operative paragraphs and their sub-items) and its
//! [`Footnote`]s.
//!
//! Every pipeline stage hands one of these types to the next; nothing here does
//! I/O. Unit ids ([`UnitId`]) are a public contract (see `docs/JSON.md`): `PPn`
//! is the n-th preambular paragraph in document order, `OPn` the operative
//! paragraph the document numbers n, and sub-items append `(a)`, `(i)` …

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One of the six official UN languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Ar,
    En,
    Es,
    Fr,
    Ru,
    Zh,
}

impl Language {
    pub const ALL: [Language; 6] = [
        Language::Ar,
        Language::En,
        Language::Es,
        Language::Fr,
        Language::Ru,
        Language::Zh,
    ];

    /// ISO 639-1 code, as used in unit files and JSON (`"ar"`, `"en"` …).
    pub fn code(self) -> &'static str {
        match self {
            Language::Ar => "ar",
            Language::En => "en",
            Language::Es => "es",
            Language::Fr => "fr",
            Language::Ru => "ru",
            Language::Zh => "zh",
        }
    }

    /// The one-letter code of the UN Official Document System (`A`, `E`, `S`, `F`, `R`, `C`).
    pub fn ods_code(self) -> char {
        match self {
            Language::Ar => 'A',
            Language::En => 'E',
            Language::Es => 'S',
            Language::Fr => 'F',
            Language::Ru => 'R',
            Language::Zh => 'C',
        }
    }

    /// English name of the language, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Language::Ar => "Arabic",
            Language::En => "English",
            Language::Es => "Spanish",
            Language::Fr => "French",
            Language::Ru => "Russian",
            Language::Zh => "Chinese",
        }
    }

    /// Written right to left.
    pub fn is_rtl(self) -> bool {
        self == Language::Ar
    }

    /// Compared character by character rather than word by word.
    pub fn is_unspaced(self) -> bool {
        self == Language::Zh
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;
    /// Accepts ISO 639-1 (`en`), ISO 639-2 (`eng`, as in AKN `FRBRlanguage`) and
    /// ODS letters (`E`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let l = s.trim().to_ascii_lowercase();
        Ok(match l.as_str() {
            "ar" | "ara" | "arabic" | "a" => Language::Ar,
            "en" | "eng" | "english" | "e" => Language::En,
            "es" | "spa" | "spanish" | "s" => Language::Es,
            "fr" | "fra" | "fre" | "french" | "f" => Language::Fr,
            "ru" | "rus" | "russian" | "r" => Language::Ru,
            "zh" | "zho" | "chi" | "chinese" | "c" => Language::Zh,
            _ => {
                return Err(format!(
                    "unknown language '{s}': use one of ar, en, es, fr, ru, zh"
                ))
            }
        })
    }
}

/// The UN organ that adopted (or will adopt) the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Organ {
    /// General Assembly
    Ga,
    /// Security Council
    Sc,
    /// Economic and Social Council
    Ecosoc,
    /// Human Rights Council
    Hrc,
    /// Anything else, by its short name.
    Other(String),
}

impl Organ {
    pub fn as_str(&self) -> &str {
        match self {
            Organ::Ga => "GA",
            Organ::Sc => "SC",
            Organ::Ecosoc => "ECOSOC",
            Organ::Hrc => "HRC",
            Organ::Other(s) => s,
        }
    }
}

impl fmt::Display for Organ {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Organ {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim().to_ascii_uppercase().as_str() {
            "GA" => Organ::Ga,
            "SC" => Organ::Sc,
            "ECOSOC" => Organ::Ecosoc,
            "HRC" => Organ::Hrc,
            _ => Organ::Other(s.trim().to_string()),
        })
    }
}

impl Serialize for Organ {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Organ {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(s.parse().unwrap_or(Organ::Other(s)))
    }
}

/// Header facts of an edition. Every field is optional: a draft or a PDF
/// extraction may not state them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// Document symbol, e.g. `A/RES/76/186`.
    pub symbol: Option<String>,
    pub organ: Option<Organ>,
    /// Session number (GA) or `None`.
    pub session: Option<u32>,
    /// Agenda items as printed, e.g. `["108"]` or `["69 (b)"]`.
    #[serde(default)]
    pub agenda_items: Vec<String>,
    /// Adoption date as ISO `YYYY-MM-DD`.
    pub adopted: Option<String>,
    /// Committee report symbol, e.g. `A/76/463`.
    pub report: Option<String>,
    /// Paragraph of the committee report, e.g. `26`.
    pub report_paragraph: Option<String>,
    /// Draft symbol, e.g. `A/C.3/76/L.10/Rev.1`.
    pub draft: Option<String>,
    /// Title in the document's language.
    pub title: Option<String>,
}

/// Which part of a resolution a unit belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Part {
    /// Preambular paragraphs ("Recalling …,"): numbered by position, `PPn`.
    Preamble,
    /// Operative paragraphs ("Requests …;"): numbered by the document, `OPn`.
    Operative,
}

impl Part {
    pub fn prefix(self) -> &'static str {
        match self {
            Part::Preamble => "PP",
            Part::Operative => "OP",
        }
    }
}

/// Identifier of a unit: `PP3`, `OP5`, `OP5(a)`, `OP5(a)(ii)`, `PP12(c)`.
///
/// Ordering is document order within one part (preamble first), with a
/// chapeau before its sub-items.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnitId {
    pub part: Part,
    /// `n` of `PPn` / `OPn`.
    pub number: u32,
    /// Sub-item labels without brackets, outermost first: `["a", "ii"]`.
    pub sub: Vec<String>,
}

impl UnitId {
    pub fn pp(number: u32) -> Self {
        UnitId {
            part: Part::Preamble,
            number,
            sub: Vec::new(),
        }
    }

    pub fn op(number: u32) -> Self {
        UnitId {
            part: Part::Operative,
            number,
            sub: Vec::new(),
        }
    }

    /// This id with one more sub-item level.
    pub fn child(&self, label: &str) -> Self {
        let mut sub = self.sub.clone();
        sub.push(label.to_string());
        UnitId {
            part: self.part,
            number: self.number,
            sub,
        }
    }

    /// The enclosing unit (`OP5(a)(i)` → `OP5(a)`), or `None` for a top-level unit.
    pub fn parent(&self) -> Option<Self> {
        if self.sub.is_empty() {
            return None;
        }
        let mut sub = self.sub.clone();
        sub.pop();
        Some(UnitId {
            part: self.part,
            number: self.number,
            sub,
        })
    }

    /// The top-level paragraph (`OP5(a)(i)` → `OP5`).
    pub fn top(&self) -> Self {
        UnitId {
            part: self.part,
            number: self.number,
            sub: Vec::new(),
        }
    }

    pub fn depth(&self) -> usize {
        self.sub.len()
    }
}

impl fmt::Display for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.part.prefix(), self.number)?;
        for s in &self.sub {
            write!(f, "({s})")?;
        }
        Ok(())
    }
}

/// Error for a malformed unit id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a unit id: write PP3, OP5, OP5(a) or OP5(a)(ii)")]
pub struct BadUnitId(pub String);

impl FromStr for UnitId {
    type Err = BadUnitId;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadUnitId(s.to_string());
        let t = s.trim();
        let (part, rest) = if let Some(r) = t.strip_prefix("PP") {
            (Part::Preamble, r)
        } else if let Some(r) = t.strip_prefix("OP") {
            (Part::Operative, r)
        } else {
            return Err(bad());
        };
        let digits_end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits_end == 0 {
            return Err(bad());
        }
        let number: u32 = rest[..digits_end].parse().map_err(|_| bad())?;
        let mut tail = &rest[digits_end..];
        let mut sub = Vec::new();
        while !tail.is_empty() {
            let inner = tail.strip_prefix('(').ok_or_else(bad)?;
            let close = inner.find(')').ok_or_else(bad)?;
            let label = &inner[..close];
            if label.is_empty() || label.contains('(') {
                return Err(bad());
            }
            sub.push(label.to_string());
            tail = &inner[close + 1..];
        }
        Ok(UnitId { part, number, sub })
    }
}

impl Serialize for UnitId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for UnitId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl PartialOrd for UnitId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for UnitId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.part
            .cmp(&other.part)
            .then(self.number.cmp(&other.number))
            .then_with(|| {
                for (a, b) in self.sub.iter().zip(&other.sub) {
                    let o = cmp_sub_label(a, b);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                self.sub.len().cmp(&other.sub.len())
            })
    }
}

/// Order of two sub-item labels: single letters alphabetically, roman
/// numerals by value, anything else by its text.
fn cmp_sub_label(a: &str, b: &str) -> Ordering {
    let single = |s: &str| s.len() == 1 && s.chars().all(|c| c.is_ascii_lowercase());
    if single(a) && single(b) {
        return a.cmp(b);
    }
    match (roman_value(a), roman_value(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
    }
}

/// Value of a lowercase roman numeral (`i` … `xxxix`), `None` otherwise.
/// Single letters other than `i`, `v` and `x` are letters, not numerals.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || !s.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) {
        return None;
    }
    let val = |c: char| match c {
        'i' => 1,
        'v' => 5,
        _ => 10,
    };
    let chars: Vec<i64> = s.chars().map(val).collect();
    let mut total = 0i64;
    for (k, &v) in chars.iter().enumerate() {
        if chars.get(k + 1).is_some_and(|&n| n > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    u32::try_from(total).ok().filter(|&t| t > 0)
}

/// One clause of a resolution: a preambular or operative paragraph, or one
/// of their sub-items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    /// Clean text: page furniture, footnote markers and line-break hyphenation
    /// removed, white space folded, in the document's own script. For a unit
    /// with sub-items this is the chapeau only.
    pub text: String,
    /// Numbers of the footnotes this unit cites, in order of citation.
    #[serde(default)]
    pub footnotes: Vec<u32>,
}

impl Unit {
    pub fn new(id: UnitId, text: impl Into<String>) -> Self {
        Unit {
            id,
            text: text.into(),
            footnotes: Vec::new(),
        }
    }
}

/// A footnote and the unit that cites it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Footnote {
    pub number: u32,
    pub text: String,
    /// The citing unit; `None` when the footnote is cited outside the units
    /// (e.g. in the title) or not at all.
    pub unit: Option<UnitId>,
}

/// The form an edition was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Akoma Ntoso (AKN4UN) XML.
    Akn,
    /// A PDF file (text extracted by the reader).
    Pdf,
    /// Plain text, typically extracted from a PDF.
    Text,
    /// Word .docx.
    Docx,
    /// The store's canonical edition file (docs/FORMAT.md).
    Canonical,
    /// An HTML page.
    Html,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Akn => "akn",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Text => "text",
            SourceFormat::Docx => "docx",
            SourceFormat::Canonical => "canonical",
            SourceFormat::Html => "html",
        }
    }
}

impl fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One edition of a resolution in one language, as read from one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    /// Path or store reference as the user gave it.
    pub source: String,
    pub format: SourceFormat,
    pub language: Language,
    pub facts: Facts,
    /// Units in document order: preambular paragraphs first, each
    /// paragraph directly followed by its sub-items.
    pub units: Vec<Unit>,
    pub footnotes: Vec<Footnote>,
    /// Things the reader noticed that the user should know
    /// ("operative paragraph 16 missing", "text looks like a damaged Arabic PDF extraction").
    pub warnings: Vec<String>,
    /// Share of damaged words, present only when the reader judged the text damaged.
    pub damage: Option<f64>,
    /// For an edition with exactly one operative paragraph: whether that
    /// paragraph carried a printed number (`Some(true)`: an AKN `<num>` or a
    /// number in its text, or a text paragraph recognised by its `1.`) or
    /// not (`Some(false)`). `None` when there is not exactly one operative
    /// paragraph or the reader cannot tell (canonical files). UN style leaves
    /// a lone operative paragraph unnumbered. Not part of the edition JSON.
    pub lone_operative_numbered: Option<bool>,
}

impl Edition {
    /// An empty edition, to be filled by a reader.
    pub fn new(source: impl Into<String>, format: SourceFormat, language: Language) -> Self {
        Edition {
            source: source.into(),
            format,
            language,
            facts: Facts::default(),
            units: Vec::new(),
            footnotes: Vec::new(),
            warnings: Vec::new(),
            damage: None,
            lone_operative_numbered: None,
        }
    }

    pub fn unit(&self, id: &UnitId) -> Option<&Unit> {
        self.units.iter().find(|u| &u.id == id)
    }

    pub fn preamble(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| u.id.part == Part::Preamble)
    }

    pub fn operative(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| u.id.part == Part::Operative)
    }

    /// Number of top-level paragraphs in a part (sub-items not counted).
    pub fn paragraph_count(&self, part: Part) -> usize {
        self.units
            .iter()
            .filter(|u| u.id.part == part && u.id.sub.is_empty())
            .count()
    }

    pub fn unit_ids(&self) -> Vec<UnitId> {
        self.units.iter().map(|u| u.id.clone()).collect()
    }

    /// A short label for messages: the symbol and language, or the source.
    pub fn label(&self) -> String {
        match &self.facts.symbol {
            Some(s) => format!("{s} ({})", self.language),
            None => self.source.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_id_round_trips() {
        for s in ["PP1", "OP12", "OP5(a)", "OP5(a)(ii)", "PP12(c)", "OP3(bis)"] {
            let id: UnitId = s.parse().unwrap();
            assert_eq!(id.to_string(), s);
        }
    }

    #[test]
    fn unit_id_rejects_garbage() {
        for s in [
            "", "P1", "OP", "OPx", "OP5(", "OP5()", "OP5(a", "OP5a", "pp1",
        ] {
            assert!(s.parse::<UnitId>().is_err(), "{s} should not parse");
        }
    }

    #[test]
    fn unit_id_orders_in_document_order() {
        let mut ids: Vec<UnitId> = [
            "OP2",
            "OP1(b)",
            "PP3",
            "OP1",
            "OP1(a)(ii)",
            "OP1(a)",
            "OP1(a)(i)",
            "OP10",
            "OP1(a)(iv)",
            "OP1(a)(v)",
        ]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
        ids.sort();
        let got: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
        assert_eq!(
            got,
            [
                "PP3",
                "OP1",
                "OP1(a)",
                "OP1(a)(i)",
                "OP1(a)(ii)",
                "OP1(a)(iv)",
                "OP1(a)(v)",
                "OP1(b)",
                "OP2",
                "OP10"
            ]
        );
    }

    #[test]
    fn roman_values() {
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("ix"), Some(9));
        assert_eq!(roman_value("xiv"), Some(14));
        assert_eq!(roman_value("a"), None);
    }

    #[test]
    fn language_parses_many_spellings() {
        assert_eq!("eng".parse::<Language>().unwrap(), Language::En);
        assert_eq!("A".parse::<Language>().unwrap(), Language::Ar);
        assert!("de".parse::<Language>().is_err());
    }

    #[test]
    fn parent_and_child() {
        let id: UnitId = "OP5(a)(i)".parse().unwrap();
        assert_eq!(id.parent().unwrap().to_string(), "OP5(a)");
        assert_eq!(id.top().to_string(), "OP5");
        assert_eq!(UnitId::op(5).child("a").to_string(), "OP5(a)");
    }
}
