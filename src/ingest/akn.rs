//! Akoma Ntoso (AKN4UN) XML reader.
//!
//! The UN publishes General Assembly resolutions as AKN4UN XML: FRBR
//! metadata, a cover page and preface (symbol, session, agenda item, title),
//! a `preamble` of `container`s and a `mainBody` of numbered `paragraph`s
//! with `list`/`point` (or `blockList`/`item`) sub-items, and footnotes as
//! inline `authorialNote`s. Because the structure is in the mark-up, this
//! reader does not guess it from the text as the PDF and text readers must;
//! it only falls back on the text where the mark-up is incomplete (a
//! paragraph without its `num`, an item whose label is typed in its text).
//!
//! The file is read once into a small element tree (quick-xml events), then
//! walked: header facts from the metadata, units from the preamble and main
//! body, footnotes from the notes. Irregularities become warnings on the
//! edition; XML that cannot be read is an [`ErrorKind::Xml`] with its line
//! and column; a well-formed file without any paragraph is
//! [`ErrorKind::NotAResolution`].

use std::borrow::Cow;

use once_cell::sync::Lazy;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::Reader;
use regex::Regex;

use super::labels::{canonical_sub_label, parse_number};
use super::{ErrorKind, ReadOptions};
use crate::model::{
    roman_value, Edition, Facts, Footnote, Language, Organ, SourceFormat, Unit, UnitId,
};

/// Deepest element nesting accepted. Real AKN4UN files stay below 20; the
/// limit keeps a hostile file from exhausting the stack in the recursive walk.
const MAX_DEPTH: usize = 200;

/// Highest operative paragraph number believed when it is read from the
/// text of a paragraph without `num` ("1 -", "28"): a larger number is more
/// likely the start of the sentence (a year, a count) than a label.
const MAX_TEXT_NUMBER: u32 = 400;

/// Number an operative paragraph carries while it is read, before its real
/// number is known.
const PLACEHOLDER: u32 = u32::MAX;

/// Parse an AKN4UN document.
pub fn parse(xml: &str, source: &str, opts: &ReadOptions) -> Result<Edition, ErrorKind> {
    let tree = build_tree(xml)?;
    let root = tree
        .child("akomaNtoso")
        .ok_or_else(|| ErrorKind::NotAResolution("no <akomaNtoso> element at the top: this XML is not an Akoma Ntoso file; give a UN AKN4UN file, PDF, DOCX, HTML or text".into()))?;
    let doc = root.elements().next().ok_or_else(|| {
        ErrorKind::NotAResolution(
            "the <akomaNtoso> element is empty: the file holds no document".into(),
        )
    })?;

    let mut r = Walker::default();
    let facts = read_facts(doc);
    // Notes on the title or cover page cite no unit.
    for part in ["coverPage", "preface"] {
        if let Some(el) = doc.child(part) {
            let mut notes = Vec::new();
            el.find_all(&|e| e.name == "authorialNote", &mut notes);
            for n in notes {
                r.note(n, None);
            }
        }
    }

    // The documents that carry units: the top document, or the parts of a
    // multi-part resolution (documentCollection/components). Annexes
    // (attachments) are not units.
    let mut bodies = Vec::new();
    collect_bodies(root, &mut bodies, 0);
    if bodies.len() > 1 {
        r.warn(format!(
            "the resolution has {} parts (a document collection); their paragraphs are read in order as one text",
            bodies.len()
        ));
    }
    for body in &bodies {
        if let Some(pre) = body.child("preamble") {
            r.preamble(pre);
        }
        if let Some(main) = body.child("mainBody").or_else(|| body.child("body")) {
            r.main_body(main, 0);
        }
    }
    if has_attachments(doc) {
        r.warn("the file has an annex; the annex text is not read as units".into());
    }
    r.finish_warnings();

    let language = match opts.lang {
        Some(l) => l,
        None => match find_attr(doc, "FRBRlanguage", "language").and_then(|l| l.parse().ok()) {
            Some(l) => l,
            None => {
                let guess = guess_language(&r.units);
                r.warn(format!(
                    "the file does not state its language (FRBRlanguage); assumed {} from its script — give the language to override",
                    guess.name()
                ));
                guess
            }
        },
    };

    if r.units.is_empty() {
        let kind = doc_kind(doc);
        let symbol = facts
            .symbol
            .as_deref()
            .map(|s| format!(" in {s}"))
            .unwrap_or_default();
        let why = if r.headings > 0 {
            format!(
                " (its body holds only {} heading{}; the file looks incomplete — get it again or read the PDF)",
                r.headings,
                plural(r.headings)
            )
        } else if bodies.is_empty() {
            " (no <preamble> or <mainBody>)".to_string()
        } else {
            String::new()
        };
        return Err(ErrorKind::NotAResolution(format!(
            "this AKN file ({kind}) has no preambular or operative paragraphs{symbol}{why}: there is nothing to compare"
        )));
    }

    let mut ed = Edition::new(source, SourceFormat::Akn, language);
    ed.facts = facts;
    ed.units = r.units;
    ed.footnotes = r.footnotes;
    ed.warnings = r.warnings;
    // A lone operative paragraph is numbered when its number came from
    // `<num>` or from its text, not from counting.
    if r.op_numbers.len() == 1 {
        ed.lone_operative_numbered = Some(r.op_inferred.is_empty());
    }
    Ok(ed)
}

// ---------------------------------------------------------------------------
// Element tree

/// An element with its children; names are local (prefix removed).
#[derive(Debug, Default)]
struct El {
    name: Cow<'static, str>,
    attrs: Vec<(&'static str, String)>,
    kids: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    El(El),
    Text(Cow<'static, str>),
}

impl El {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    fn elements(&self) -> impl Iterator<Item = &El> {
        self.kids.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    /// First descendant (depth first, document order) that satisfies `f`.
    fn find(&self, f: &dyn Fn(&El) -> bool) -> Option<&El> {
        for e in self.elements() {
            if f(e) {
                return Some(e);
            }
            if let Some(x) = e.find(f) {
                return Some(x);
            }
        }
        None
    }

    /// All descendants that satisfy `f`, not looking inside a match.
    fn find_all<'a>(&'a self, f: &dyn Fn(&El) -> bool, out: &mut Vec<&'a El>) {
        for e in self.elements() {
            if f(e) {
                out.push(e);
            } else {
                e.find_all(f, out);
            }
        }
    }

    /// All text below this element, white space folded.
    fn text(&self) -> String {
        let mut s = String::new();
        self.raw_text(&mut s);
        fold_ws(&s)
    }

    /// Whether `body_text` would be non-empty, without building it.
    fn has_body_text(&self) -> bool {
        self.kids.iter().any(|n| match n {
            Node::Text(t) => !t.trim().is_empty(),
            Node::El(e) => {
                !matches!(&*e.name, "authorialNote" | "num" | "heading" | "subheading")
                    && e.has_body_text()
            }
        })
    }

    /// The text a unit would get: without numbers and headings.
    fn body_text(&self) -> String {
        let mut s = String::new();
        self.raw_text_skipping(&mut s, &["authorialNote", "num", "heading", "subheading"]);
        fold_ws(&s)
    }

    fn raw_text(&self, out: &mut String) {
        self.raw_text_skipping(out, &["authorialNote"]);
    }

    fn raw_text_skipping(&self, out: &mut String, skip: &[&str]) {
        for n in &self.kids {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::El(e) => {
                    if skip.contains(&&*e.name) {
                        continue;
                    }
                    if matches!(&*e.name, "p" | "eol" | "br") {
                        out.push(' ');
                    }
                    e.raw_text_skipping(out, skip);
                }
            }
        }
    }
}

/// Bytes of the document as text. The document is a `&str` and the reader
/// cuts it at ASCII delimiters, so the bytes are valid UTF-8 and the strict
/// check (faster than the lossy one) passes; the lossy one stays as a guard.
fn utf8(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

fn local(name: &[u8]) -> String {
    let local = match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(local).into_owned()
}

/// Entities of HTML that AKN files exported from Word sometimes carry.
fn extra_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "nbsp" => "\u{a0}",
        "ndash" => "–",
        "mdash" => "—",
        "rsquo" => "’",
        "lsquo" => "‘",
        "ldquo" => "“",
        "rdquo" => "”",
        "hellip" => "…",
        _ => return None,
    })
}

fn unescape_lossy(raw: &str) -> Cow<'_, str> {
    quick_xml::escape::unescape_with(raw, |e| {
        quick_xml::escape::resolve_predefined_entity(e).or_else(|| extra_entity(e))
    })
    .unwrap_or(Cow::Borrowed(raw))
}

/// The attributes any reader step looks at; the others (eId, class,
/// showAs …) are not kept, which saves most of the allocations.
const KEPT_ATTRS: [&str; 9] = [
    "refersTo", "name", "value", "date", "href", "as", "outcome", "marker", "language",
];

/// Element names the reader matches on, shared instead of allocated.
const KNOWN_NAMES: [&str; 40] = [
    "p",
    "span",
    "a",
    "num",
    "content",
    "paragraph",
    "container",
    "authorialNote",
    "sup",
    "i",
    "b",
    "inline",
    "keyword",
    "point",
    "list",
    "intro",
    "item",
    "blockList",
    "listIntroduction",
    "eol",
    "img",
    "docTitle",
    "docNumber",
    "docDate",
    "session",
    "step",
    "preamble",
    "mainBody",
    "formula",
    "preface",
    "coverPage",
    "meta",
    "section",
    "subsection",
    "subheading",
    "heading",
    "crossHeading",
    "td",
    "tr",
    "FRBRdate",
];

fn element(e: &BytesStart) -> El {
    let mut attrs = Vec::new();
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.local_name();
        let Some(k) = KEPT_ATTRS.iter().find(|k| k.as_bytes() == key.as_ref()) else {
            continue;
        };
        let value = utf8(&a.value);
        attrs.push((*k, unescape_lossy(&value).into_owned()));
    }
    let local_name = e.local_name();
    let name = match KNOWN_NAMES
        .iter()
        .find(|n| n.as_bytes() == local_name.as_ref())
    {
        Some(n) => Cow::Borrowed(*n),
        None => Cow::Owned(local(e.name().as_ref())),
    };
    El {
        name,
        attrs,
        kids: Vec::new(),
    }
}

/// Line and column (1-based, in characters) of a byte offset.
fn line_col(xml: &str, pos: usize) -> (usize, usize) {
    let mut pos = pos.min(xml.len());
    while !xml.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &xml[..pos];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Metadata subtrees nothing is read from: voting records (tens of
/// thousands of `organization` elements in recorded votes), the TLC
/// references and the print layout. Skipped while reading, for speed.
const SKIPPED: [&str; 3] = ["analysis", "references", "presentation"];

fn build_tree(xml: &str) -> Result<El, ErrorKind> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<(El, usize)> = vec![(El::default(), 0)];
    loop {
        let start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let ev = reader.read_event().map_err(|e| {
            let pos = usize::try_from(reader.error_position()).unwrap_or(start);
            let (line, col) = line_col(xml, pos);
            if e.to_string().contains("end of input") || pos >= xml.len() {
                ErrorKind::Xml(format!(
                    "the file ends inside a tag at line {line}, column {col} ({e}); it looks truncated — download it again"
                ))
            } else {
                ErrorKind::Xml(format!(
                    "{e} at line {line}, column {col}; the file is damaged — download it again or check it with an XML validator"
                ))
            }
        })?;
        match ev {
            Event::Start(e) => {
                if stack.len() > MAX_DEPTH {
                    let (line, _) = line_col(xml, start);
                    return Err(ErrorKind::Xml(format!(
                        "elements nested more than {MAX_DEPTH} deep at line {line}; this is not a UN AKN4UN file"
                    )));
                }
                if SKIPPED
                    .iter()
                    .any(|n| n.as_bytes() == e.local_name().as_ref())
                {
                    let end = e.name().as_ref().to_vec();
                    if let Err(err) = reader.read_to_end(QName(&end)) {
                        let (line, _) = line_col(xml, start);
                        return Err(ErrorKind::Xml(format!(
                            "<{}> opened at line {line} is not closed ({err}); the file looks truncated — download it again",
                            local(&end)
                        )));
                    }
                    continue;
                }
                stack.push((element(&e), start));
            }
            Event::Empty(e) => {
                if let Some((top, _)) = stack.last_mut() {
                    top.kids.push(Node::El(element(&e)));
                }
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    let (line, col) = line_col(xml, start);
                    return Err(ErrorKind::Xml(format!(
                        "closing tag without an opening one at line {line}, column {col}; the file is damaged — download it again"
                    )));
                }
                if let Some((done, _)) = stack.pop() {
                    if let Some((top, _)) = stack.last_mut() {
                        top.kids.push(Node::El(done));
                    }
                }
            }
            Event::Text(t) => {
                let raw = utf8(t.as_ref());
                // White space between elements is the most common text
                // node; one shared space stands for it (text is folded).
                let text = if raw.bytes().all(|b| b.is_ascii_whitespace()) {
                    Cow::Borrowed(" ")
                } else {
                    Cow::Owned(unescape_lossy(&raw).into_owned())
                };
                if let Some((top, _)) = stack.last_mut() {
                    top.kids.push(Node::Text(text));
                }
            }
            Event::CData(t) => {
                let text = utf8(t.as_ref()).into_owned();
                if let Some((top, _)) = stack.last_mut() {
                    top.kids.push(Node::Text(Cow::Owned(text)));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() > 1 {
        let open: Vec<String> = stack[1..]
            .iter()
            .map(|(e, _)| format!("<{}>", e.name))
            .collect();
        let (line, _) = line_col(xml, stack[stack.len() - 1].1);
        let (end_line, _) = line_col(xml, xml.len());
        return Err(ErrorKind::Xml(format!(
            "the file ends at line {end_line} inside {} (the last opened at line {line}); it looks truncated — download it again",
            open.join(" > ")
        )));
    }
    stack
        .pop()
        .map(|(root, _)| root)
        .ok_or_else(|| ErrorKind::Xml("no elements".into()))
}

// ---------------------------------------------------------------------------
// Text helpers

/// White space folded to single spaces; a space next to a CJK character or
/// full-width punctuation is dropped, as Chinese is written without spaces
/// and those come from line breaks and notes in the mark-up.
fn fold_ws(s: &str) -> String {
    // One policy for every reader: the non-breaking hyphen is a hyphen and a
    // soft hyphen is no character (see text.rs `normalise`).
    if s.is_ascii() {
        // The common case, byte by byte: no soft or non-breaking hyphen and
        // no CJK to join, so every run of white space becomes one space.
        let mut out = String::with_capacity(s.len());
        let mut pending_space = false;
        for b in s.bytes() {
            // The ASCII characters with the Unicode White_Space property.
            if matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ') {
                pending_space = !out.is_empty();
            } else {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(char::from(b));
            }
        }
        return out;
    }
    // One pass: soft hyphens dropped, non-breaking hyphens made hyphens,
    // then each run of white space between two words becomes one space
    // unless the character before or after it is CJK. Runs of ordinary
    // characters are copied at once.
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut last_cjk = false;
    let bytes = s.as_bytes();
    let mut run = 0; // start of the characters not yet copied
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            match s[i..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        let len = c.len_utf8();
        if !(c == '\u{00AD}' || c == '\u{2011}' || c.is_whitespace()) {
            // An ordinary character (`run == i` while a space is pending).
            let cjk = !b.is_ascii() && is_cjk(c);
            if pending_space {
                if !last_cjk && !cjk {
                    out.push(' ');
                }
                pending_space = false;
            }
            last_cjk = cjk;
            i += len;
            continue;
        }
        out.push_str(&s[run..i]);
        i += len;
        run = i;
        if c == '\u{2011}' {
            if pending_space {
                if !last_cjk {
                    out.push(' ');
                }
                pending_space = false;
            }
            out.push('-');
            last_cjk = false;
        } else if c != '\u{00AD}' {
            pending_space = !out.is_empty();
        }
    }
    out.push_str(&s[run..]);
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' // CJK punctuation
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF00}'..='\u{FF65}' // full-width forms
    )
}

/// Byte offset after the white space at the start of `s[from..]`.
fn skip_ws(s: &str, from: usize) -> usize {
    s[from..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(s.len(), |(i, _)| from + i)
}

/// A sub-item label typed at the start of a text: `(a)`, `a)`, `(أ)`, or
/// the same with its brackets swapped (`)أ(`), as some Arabic files have.
/// Returns the label with its brackets and where the text after it (and
/// after the white space that follows) starts. Hand-written rather than a
/// regular expression, which would be compiled at every start for one use
/// per paragraph.
fn leading_label(text: &str) -> Option<(&str, usize)> {
    /// Longest label core (`viii`).
    const CORE_MAX: usize = 4;
    let is_core = |c: char| !matches!(c, '(' | ')') && !c.is_whitespace();
    // The core from `from`: its end, or None when longer than CORE_MAX or empty.
    let core = |from: usize| -> Option<usize> {
        let mut n = 0;
        let mut end = from;
        for (i, c) in text[from..].char_indices() {
            if !is_core(c) {
                break;
            }
            n += 1;
            if n > CORE_MAX {
                return None;
            }
            end = from + i + c.len_utf8();
        }
        (n > 0).then_some(end)
    };
    let first = text.chars().next()?;
    let label_end = match first {
        '(' | ')' => {
            let close = if first == '(' { ')' } else { '(' };
            let after = skip_ws(text, core(skip_ws(text, 1))?);
            text[after..].starts_with(close).then_some(after + 1)?
        }
        _ => {
            let after = core(0)?;
            text[after..].starts_with(')').then_some(after + 1)?
        }
    };
    Some((&text[..label_end], skip_ws(text, label_end)))
}

/// A paragraph number typed at the start of a text: `1 -`, `28`, `3.`:
/// the digits and where the text after the number (and its `-`, `.` or `–`
/// and white space) starts.
fn leading_number(text: &str) -> Option<(&str, usize)> {
    /// Longest paragraph number typed in a text.
    const DIGITS_MAX: usize = 3;
    let is_digit = |c: char| c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c);
    let mut n = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if !is_digit(c) {
            break;
        }
        n += 1;
        end = i + c.len_utf8();
    }
    if n == 0 || n > DIGITS_MAX {
        return None;
    }
    let ws_end = skip_ws(text, end);
    let rest = match text[ws_end..].chars().next() {
        Some(c @ ('-' | '.' | '–')) => skip_ws(text, ws_end + c.len_utf8()),
        Some(_) if ws_end > end => ws_end,
        Some(_) => return None,
        None if ws_end > end => ws_end,
        None => end,
    };
    Some((&text[..end], rest))
}

/// Where the marker an Arabic footnote body starts with (`()`, `(3)`, `3.`,
/// `3)`) and the white space after it end, if there is one.
fn note_marker_end(t: &str) -> Option<usize> {
    let digits_end = |from: usize| {
        t[from..]
            .char_indices()
            .find(|(_, c)| !c.is_ascii_digit())
            .map_or(t.len(), |(i, _)| from + i)
    };
    let end = if t.starts_with('(') {
        let after = skip_ws(t, digits_end(skip_ws(t, 1)));
        t[after..].starts_with(')').then_some(after + 1)?
    } else {
        let d = digits_end(0);
        if d == 0 {
            return None;
        }
        let after = skip_ws(t, d);
        t[after..].starts_with(['.', ')']).then_some(after + 1)?
    };
    Some(skip_ws(t, end))
}

fn strip_leading_label(text: &str) -> (Option<String>, &str) {
    if let Some((lab, rest)) = leading_label(text) {
        if let Some(l) = canonical_sub_label(lab) {
            return (Some(l), &text[rest..]);
        }
    }
    (None, text)
}

fn strip_leading_number(text: &str) -> (Option<u32>, &str) {
    if let Some((num, rest)) = leading_number(text) {
        if let Some(n) = parse_number(num).filter(|&n| n > 0 && n <= MAX_TEXT_NUMBER) {
            return (Some(n), &text[rest..]);
        }
    }
    (None, text)
}

/// A footnote body without its leading marker.
fn clean_note(text: &str) -> String {
    let t = fold_ws(text);
    match note_marker_end(&t) {
        Some(end) if end < t.len() => t[end..].to_string(),
        _ => t,
    }
}

/// Content of a `<sup>` that is only a footnote reference: `5`, `(5)`, or a
/// lone bracket around a note. `Some(None)` = brackets only.
fn sup_reference(text: &str) -> Option<Option<u32>> {
    let core: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '[' | ']'))
        .collect();
    if core.is_empty() {
        return if text.trim().is_empty() {
            None
        } else {
            Some(None)
        };
    }
    parse_number(&core).map(Some)
}

/// Guess the language from the script of the unit texts.
fn guess_language(units: &[Unit]) -> Language {
    let (mut ar, mut cy, mut cjk, mut latin) = (0usize, 0usize, 0usize, 0usize);
    for u in units.iter().take(20) {
        for c in u.text.chars() {
            match c {
                '\u{0600}'..='\u{06FF}' => ar += 1,
                '\u{0400}'..='\u{04FF}' => cy += 1,
                '\u{4E00}'..='\u{9FFF}' => cjk += 1,
                'a'..='z' | 'A'..='Z' => latin += 1,
                _ => {}
            }
        }
    }
    let best = [ar, cy, cjk, latin].into_iter().max().unwrap_or(0);
    if best == 0 || best == latin {
        Language::En
    } else if best == ar {
        Language::Ar
    } else if best == cy {
        Language::Ru
    } else {
        Language::Zh
    }
}

// ---------------------------------------------------------------------------
// Header facts

fn find_attr<'a>(doc: &'a El, element: &str, attr: &str) -> Option<&'a str> {
    doc.find(&|e| e.name == element && e.attr(attr).is_some())
        .and_then(|e| e.attr(attr))
}

fn iso_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    (ok && !s.starts_with("0001")).then(|| s.to_string())
}

/// A UN document symbol at the start of a string (`A/74/400, as orally revised`).
static SYMBOL: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"[A-Z]+(?:/[A-Za-z0-9.\-]+)+").expect("valid regex"));

/// Agenda item numbers as printed: `108`, `69 (b)`, `69(ب)`.
static AGENDA_ITEM: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(\d+)(?:\s*\(\s*([^()\s]{1,3})\s*\))?").expect("valid regex"));

/// The last number in a string (`A/76/463, para. 26` → 26, after the symbol).
static LAST_NUMBER: Lazy<Regex> = Lazy::new(|| Regex::new(r"(\d+)\D*$").expect("valid regex"));

fn read_facts(doc: &El) -> Facts {
    let mut f = Facts::default();
    let work = doc.find(&|e| e.name == "FRBRWork");

    f.symbol = doc
        .find(&|e| e.name == "docNumber" && e.attr("refersTo") == Some("#symbol"))
        .map(El::text)
        .filter(|s| !s.is_empty())
        .or_else(|| {
            // /akn/un/statement/deliberation/unga/2021-12-16/76-186/
            let uri = work.and_then(|w| find_attr(w, "FRBRthis", "value"))?;
            let parts: Vec<&str> = uri.split('/').filter(|p| !p.is_empty()).collect();
            let organ = parts.iter().position(|p| *p == "unga")?;
            let num = parts.get(organ + 2)?;
            let (s, n) = num.split_once('-')?;
            Some(format!("A/RES/{s}/{n}"))
        });

    let author = work
        .and_then(|w| find_attr(w, "FRBRauthor", "href"))
        .unwrap_or("");
    let uri = work
        .and_then(|w| find_attr(w, "FRBRthis", "value"))
        .unwrap_or("");
    f.organ = if author.trim_start_matches('#') == "ga" || uri.contains("/unga/") {
        Some(Organ::Ga)
    } else if author.trim_start_matches('#') == "sc" || uri.contains("/unsc/") {
        Some(Organ::Sc)
    } else if f.symbol.as_deref().is_some_and(|s| s.starts_with("A/")) {
        Some(Organ::Ga)
    } else {
        None
    };

    f.session = doc
        .find(&|e| e.name == "session")
        .and_then(|e| e.attr("value"))
        .and_then(|v| v.trim().parse().ok())
        .or_else(|| {
            let s = f.symbol.as_deref()?;
            s.strip_prefix("A/RES/")?.split('/').next()?.parse().ok()
        });

    let agenda_cover = doc
        .find(&|e| e.name == "inline" && e.attr("name") == Some("agenda item"))
        .map(El::text);
    if let Some(t) = agenda_cover {
        for c in AGENDA_ITEM.captures_iter(&t) {
            let n = &c[1];
            match c.get(2).and_then(|l| canonical_sub_label(l.as_str())) {
                Some(l) => f.agenda_items.push(format!("{n} ({l})")),
                None => f.agenda_items.push(n.to_string()),
            }
        }
    }
    if f.agenda_items.is_empty() {
        let mut kws = Vec::new();
        doc.find_all(
            &|e| e.name == "keyword" && e.attr("refersTo") == Some("agenda"),
            &mut kws,
        );
        for k in kws {
            if let Some(v) = k.attr("value").map(str::trim).filter(|v| !v.is_empty()) {
                if !f.agenda_items.iter().any(|a| a == v) {
                    f.agenda_items.push(v.to_string());
                }
            }
        }
    }

    f.adopted = work
        .and_then(|w| w.find(&|e| e.name == "FRBRdate" && e.attr("name") == Some("adoption")))
        .and_then(|e| e.attr("date"))
        .and_then(iso_date)
        .or_else(|| {
            doc.find(&|e| e.name == "docDate" && e.attr("refersTo") == Some("#adoptionDate"))
                .and_then(|e| e.attr("date"))
                .and_then(iso_date)
        })
        .or_else(|| {
            doc.find(&|e| e.name == "step" && e.attr("outcome") == Some("adopted"))
                .and_then(|e| e.attr("date"))
                .and_then(iso_date)
        });

    let step =
        |outcome: &str| doc.find(&|e| e.name == "step" && e.attr("outcome") == Some(outcome));
    if let Some(s) = step("recommendedForAdoption") {
        f.report = s
            .attr("as")
            .and_then(|a| SYMBOL.find(a))
            .map(|m| m.as_str().to_string());
        f.report_paragraph = s
            .attr("refersTo")
            .map(str::trim)
            .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_string);
    }
    if f.report.is_none() || f.report_paragraph.is_none() {
        // Cover page: "[on the report of the Third Committee (A/76/463, para. 26)]"
        if let Some(t) = doc
            .find(&|e| e.name == "inline" && e.attr("name") == Some("originating document"))
            .map(El::text)
        {
            if let Some(m) = SYMBOL.find(&t) {
                if f.report.is_none() {
                    f.report = Some(m.as_str().to_string());
                }
                if f.report_paragraph.is_none() {
                    f.report_paragraph = LAST_NUMBER
                        .captures(&t[m.end()..])
                        .map(|c| c[1].to_string());
                }
            }
        }
    }
    f.draft = step("draftResolution")
        .and_then(|s| s.attr("as"))
        .and_then(|a| SYMBOL.find(a))
        .map(|m| m.as_str().to_string());

    f.title = doc
        .child("preface")
        .and_then(|p| p.find(&|e| e.name == "docTitle"))
        .map(|t| {
            fold_ws(&t.text())
                .trim_start_matches(|c: char| c == '-' || c == '–' || c.is_whitespace())
                .to_string()
        })
        .filter(|t| !t.is_empty());
    f
}

// ---------------------------------------------------------------------------
// Document shape

fn collect_bodies<'a>(el: &'a El, out: &mut Vec<&'a El>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    if el.child("preamble").is_some()
        || el.child("mainBody").is_some()
        || el.child("body").is_some()
    {
        out.push(el);
        return;
    }
    for e in el.elements() {
        if matches!(&*e.name, "meta" | "attachments" | "coverPage" | "preface") {
            continue;
        }
        collect_bodies(e, out, depth + 1);
    }
}

fn has_attachments(doc: &El) -> bool {
    doc.find(&|e| e.name == "attachments" || e.name == "attachment")
        .is_some()
}

/// What kind of AKN document this is, for messages: `<doc name="annex">`.
fn doc_kind(doc: &El) -> String {
    match doc.attr("name") {
        Some(n) => format!("a <{} name=\"{n}\">", doc.name),
        None => format!("a <{}>", doc.name),
    }
}

// ---------------------------------------------------------------------------
// Units

#[derive(Default)]
struct Walker {
    units: Vec<Unit>,
    footnotes: Vec<Footnote>,
    warnings: Vec<String>,
    pp: u32,
    last_op: Option<u32>,
    /// Operative numbers seen, to report duplicates.
    op_numbers: Vec<u32>,
    /// Operative paragraphs numbered from their text (no `num`).
    op_from_text: Vec<u32>,
    /// Operative paragraphs numbered from their neighbours.
    op_inferred: Vec<u32>,
    op_duplicates: Vec<u32>,
    /// Preambular paragraphs found inside sections of the main body.
    pp_in_body: usize,
    /// Sub-items whose label came from their text.
    sub_from_text: usize,
    /// Paragraphs without `num` read as sub-items of the paragraph before.
    flattened: usize,
    /// Unnumbered headings in the operative part, skipped.
    headings: usize,
    /// Brackets swapped around a footnote marker, repaired.
    swapped_brackets: usize,
}

impl Walker {
    fn warn(&mut self, w: String) {
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }

    fn push_unit(&mut self, id: UnitId) -> usize {
        self.units.push(Unit::new(id, ""));
        self.units.len() - 1
    }

    /// A new preambular paragraph, placed after the last one so that the
    /// preamble stays first even when a body section holds one.
    fn new_pp(&mut self) -> usize {
        self.pp += 1;
        let id = UnitId::pp(self.pp);
        let at = self
            .units
            .iter()
            .rposition(|u| u.id.part == crate::model::Part::Preamble)
            .map_or(0, |i| i + 1);
        if at == self.units.len() {
            self.push_unit(id)
        } else {
            self.units.insert(at, Unit::new(id, ""));
            at
        }
    }

    fn preamble(&mut self, pre: &El) {
        let mut last: Option<usize> = None;
        for e in pre.elements() {
            match &*e.name {
                "formula" | "num" | "heading" | "subheading" => {}
                "recitals" | "citations" => self.preamble(e),
                "blockList" | "list" => {
                    let idx = match last {
                        Some(i) => i,
                        None => {
                            let i = self.new_pp();
                            last = Some(i);
                            i
                        }
                    };
                    self.fill(e, idx, 0);
                }
                _ => {
                    if !e.has_body_text() && e.find(&|x| x.name == "authorialNote").is_none() {
                        continue;
                    }
                    if let Some(top) = last.filter(|_| e.child("num").is_none()) {
                        if self.flattened_sub_item(e, top) {
                            continue;
                        }
                    }
                    let idx = self.new_pp();
                    self.fill(e, idx, 0);
                    last = Some(idx);
                }
            }
        }
    }

    fn main_body(&mut self, body: &El, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let mut last: Option<usize> = None;
        for e in body.elements() {
            match &*e.name {
                "paragraph" => {
                    if e.child("num").is_none() {
                        let text = e.body_text();
                        if text.is_empty() && e.find(&|x| x.name == "authorialNote").is_none() {
                            continue;
                        }
                        if let Some(top) = last {
                            if self.flattened_sub_item(e, top) {
                                continue;
                            }
                        }
                        if looks_like_heading(&text) {
                            self.headings += 1;
                            continue;
                        }
                        if ends_like_preamble(&text) && strip_leading_number(&text).0.is_none() {
                            let idx = self.new_pp();
                            self.fill(e, idx, 0);
                            self.pp_in_body += 1;
                            if let Some(l) = last.as_mut() {
                                *l += 1;
                            }
                            continue;
                        }
                    }
                    last = Some(self.operative(e));
                }
                "num" | "heading" | "subheading" => {}
                "crossHeading" if e.attr("refersTo") == Some("#preamble") => {
                    let idx = self.new_pp();
                    self.fill(e, idx, 0);
                    self.pp_in_body += 1;
                    if let Some(l) = last.as_mut() {
                        *l += 1;
                    }
                }
                "crossHeading" => {}
                "blockList" | "list" => match last {
                    Some(i) => self.fill(e, i, 0),
                    None => last = Some(self.operative(e)),
                },
                "section" | "subsection" | "part" | "chapter" | "title" | "division"
                | "subdivision" | "hcontainer" | "article" | "clause" | "subclause" => {
                    self.main_body(e, depth + 1);
                    last = None;
                }
                _ => {
                    let text = e.body_text();
                    if text.is_empty() {
                        continue;
                    }
                    if looks_like_heading(&text) && e.child("num").is_none() {
                        self.headings += 1;
                        continue;
                    }
                    last = Some(self.operative(e));
                }
            }
        }
    }

    /// An operative paragraph: its number from `num`, else from its text,
    /// else from the paragraph before it.
    fn operative(&mut self, e: &El) -> usize {
        let from_num = e.child("num").and_then(|n| parse_number(&n.text()));
        let idx = self.push_unit(UnitId::op(PLACEHOLDER));
        self.fill(e, idx, 0);
        let number = match from_num {
            Some(n) => n,
            None => {
                let (n, rest) = strip_leading_number(&self.units[idx].text);
                match n {
                    Some(n) => {
                        let rest = rest.to_string();
                        self.units[idx].text = rest;
                        self.op_from_text.push(n);
                        n
                    }
                    None => {
                        let n = self
                            .last_op
                            .map_or(1, |p| p.saturating_add(1).min(PLACEHOLDER - 1));
                        self.op_inferred.push(n);
                        n
                    }
                }
            }
        };
        // A number read from `num` may be anything; keep clear of the placeholder.
        let number = number.min(PLACEHOLDER - 1);
        if let Some(prev) = self.last_op.filter(|&p| p < PLACEHOLDER - 2) {
            if number > prev + 1 {
                let missing = if number == prev + 2 {
                    format!("operative paragraph {} missing", prev + 1)
                } else {
                    format!("operative paragraphs {}–{} missing", prev + 1, number - 1)
                };
                self.warn(format!(
                    "{missing} (the numbering jumps from {prev} to {number})"
                ));
            }
        }
        if self.op_numbers.contains(&number) {
            self.op_duplicates.push(number);
        }
        self.op_numbers.push(number);
        self.last_op = Some(number);
        self.set_top_number(idx, number);
        idx
    }

    /// Give the unit at `idx` and its sub-items the operative number.
    fn set_top_number(&mut self, idx: usize, number: u32) {
        let old = self.units[idx].id.clone();
        for u in &mut self.units[idx..] {
            if u.id.part == old.part && u.id.number == old.number {
                u.id.number = number;
            }
        }
        for f in &mut self.footnotes {
            if let Some(id) = f.unit.as_mut() {
                if id.part == old.part && id.number == old.number {
                    id.number = number;
                }
            }
        }
    }

    /// Fill the unit at `idx` from the element: its text (the chapeau when it
    /// has sub-items), its footnotes, and a unit per sub-item.
    fn fill(&mut self, e: &El, idx: usize, depth: usize) {
        let mut buf = String::new();
        let mut notes = Vec::new();
        self.walk(e, idx, &mut buf, &mut notes, depth);
        let text = fold_ws(&buf);
        let u = &mut self.units[idx];
        if u.text.is_empty() {
            u.text = text;
        } else if !text.is_empty() {
            u.text.push(' ');
            u.text.push_str(&text);
        }
        for n in notes {
            if !u.footnotes.contains(&n) {
                u.footnotes.push(n);
            }
        }
    }

    fn walk(&mut self, e: &El, idx: usize, buf: &mut String, notes: &mut Vec<u32>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for (i, n) in e.kids.iter().enumerate() {
            let c = match n {
                Node::Text(t) => {
                    buf.push_str(t);
                    continue;
                }
                Node::El(c) => c,
            };
            match &*c.name {
                "num" | "img" | "heading" | "subheading" | "meta" => {}
                "eol" | "br" => buf.push(' '),
                "authorialNote" | "note" => {
                    let unit = Some(self.units[idx].id.clone());
                    notes.push(self.note(c, unit));
                }
                "sup" => match sup_reference(&c.text()) {
                    Some(None) => {
                        // Some Arabic files swap brackets around a note:
                        // "(رقم 182(<sup>)</sup><note/><sup>)</sup>" (78/228)
                        // or "…182(<sup>)</sup><sup>(</sup><note/>…" (80/228)
                        // for "(رقم 182)" + "(9)". Put the text's bracket back.
                        let before_note = e.kids[i + 1..]
                            .iter()
                            .find_map(|k| match k {
                                Node::El(x)
                                    if x.name == "sup"
                                        && sup_reference(&x.text()) == Some(None) =>
                                {
                                    None
                                }
                                Node::El(x) => Some(x.name == "authorialNote"),
                                Node::Text(t) if t.trim().is_empty() => None,
                                Node::Text(_) => Some(false),
                            })
                            .unwrap_or(false);
                        if before_note && c.text() == ")" && buf.trim_end().ends_with('(') {
                            let cut = buf.trim_end().len() - 1;
                            buf.truncate(cut);
                            buf.push(')');
                            self.swapped_brackets += 1;
                        }
                    }
                    Some(Some(k)) if self.footnotes.iter().any(|f| f.number == k) => notes.push(k),
                    _ => self.walk(c, idx, buf, notes, depth + 1),
                },
                "point" | "item" | "indent" | "alinea" => self.sub_item(c, idx, depth + 1),
                "p" | "content" | "intro" | "listIntroduction" | "wrapUp" | "listWrapUp"
                | "list" | "blockList" | "sublist" | "tr" | "td" | "th" | "table"
                | "blockContainer" | "container" => {
                    buf.push(' ');
                    self.walk(c, idx, buf, notes, depth + 1);
                    buf.push(' ');
                }
                _ => self.walk(c, idx, buf, notes, depth + 1),
            }
        }
    }

    /// Record a footnote cited by `unit`; its number.
    fn note(&mut self, c: &El, unit: Option<UnitId>) -> u32 {
        let number = c
            .attr("marker")
            .and_then(parse_number)
            .unwrap_or_else(|| self.footnotes.iter().map(|f| f.number).max().unwrap_or(0) + 1);
        if self.footnotes.iter().any(|f| f.number == number) {
            self.warn(format!(
                "footnote {number} appears more than once; the first is kept"
            ));
        } else {
            let text = clean_note(&c.text());
            self.footnotes.push(Footnote { number, text, unit });
        }
        number
    }

    /// A lettered or numbered sub-item of the unit at `parent`.
    fn sub_item(&mut self, e: &El, parent: usize, depth: usize) {
        let parent_id = self.units[parent].id.clone();
        let label = e.child("num").and_then(|n| canonical_sub_label(&n.text()));
        let idx = self.push_unit(parent_id.child("?"));
        self.fill(e, idx, depth);
        let label = match label {
            Some(l) => l,
            None => {
                let (l, rest) = strip_leading_label(&self.units[idx].text);
                match l {
                    Some(l) => {
                        let rest = rest.to_string();
                        self.units[idx].text = rest;
                        self.sub_from_text += 1;
                        l
                    }
                    None => {
                        let siblings = self.units[parent + 1..idx]
                            .iter()
                            .filter(|u| u.id.parent().as_ref() == Some(&parent_id))
                            .count();
                        let l = positional_label(siblings, parent_id.depth());
                        self.warn(format!(
                            "a sub-item of {parent_id} has no label; labelled ({l}) by its position"
                        ));
                        l
                    }
                }
            }
        };
        let dup = self.units[parent + 1..idx]
            .iter()
            .any(|u| u.id == parent_id.child(&label));
        if dup {
            self.warn(format!("{parent_id} has two sub-items labelled ({label})"));
        }
        // Rename the placeholder label in this unit, its descendants and their footnotes.
        let placeholder = parent_id.child("?");
        let depth_at = placeholder.sub.len() - 1;
        let rename = |id: &mut UnitId| {
            if id.part == placeholder.part
                && id.number == placeholder.number
                && id.sub.len() > depth_at
                && id.sub[..=depth_at] == placeholder.sub[..]
            {
                id.sub[depth_at] = label.clone();
            }
        };
        for u in &mut self.units[idx..] {
            rename(&mut u.id);
        }
        for f in &mut self.footnotes {
            if let Some(id) = f.unit.as_mut() {
                rename(id);
            }
        }
    }

    /// A paragraph without `num` whose text starts with a sub-item label
    /// (`(a)`, `(ii)`) is a sub-item of the paragraph before it that the
    /// mark-up flattened. Read it as such when the paragraph `top` (and its
    /// sub-items) are the last units; `false` when it is not a sub-item.
    fn flattened_sub_item(&mut self, e: &El, top: usize) -> bool {
        let Some(label) = strip_leading_label(&e.text()).0 else {
            return false;
        };
        let top_id = self.units[top].id.clone();
        if !self.units[top..].iter().all(|u| u.id.top() == top_id) {
            return false;
        }
        // The last first-level sub-item, and whether the label continues its
        // sequence or starts a roman list below it.
        let last_child = self.units[top + 1..]
            .iter()
            .rposition(|u| u.id.depth() == top_id.depth() + 1)
            .map(|i| i + top + 1);
        let parent = match last_child {
            None => top,
            Some(c) => {
                let prev = self.units[c].id.sub.last().cloned().unwrap_or_default();
                let next_letter = prev.len() == 1
                    && prev
                        .chars()
                        .next()
                        .and_then(|ch| char::from_u32(ch as u32 + 1))
                        .map(String::from)
                        == Some(label.clone());
                let next_roman = matches!(
                    (roman_value(&prev), roman_value(&label)),
                    (Some(a), Some(b)) if b == a + 1
                );
                if next_letter || next_roman || roman_value(&label).is_none() {
                    top
                } else {
                    c
                }
            }
        };
        self.flattened += 1;
        self.sub_item(e, parent, 1);
        true
    }

    /// Summarise the per-paragraph irregularities in a few warnings.
    fn finish_warnings(&mut self) {
        if !self.op_from_text.is_empty() {
            let list = number_list(&self.op_from_text);
            self.warn(format!(
                "operative paragraph{} {list} ha{} no <num> element; the number was taken from the text",
                plural(self.op_from_text.len()),
                if self.op_from_text.len() == 1 { "s" } else { "ve" }
            ));
        }
        // A resolution of one paragraph is printed without a number.
        let single = self.op_numbers.len() == 1 && self.op_inferred == [1];
        if !self.op_inferred.is_empty() && !single {
            let list = number_list(&self.op_inferred);
            self.warn(format!(
                "operative paragraph{} {list} ha{} no number in the mark-up or text; numbered from the paragraph before",
                plural(self.op_inferred.len()),
                if self.op_inferred.len() == 1 { "s" } else { "ve" }
            ));
        }
        if !self.op_duplicates.is_empty() {
            let mut d = self.op_duplicates.clone();
            d.sort_unstable();
            d.dedup();
            self.warn(format!(
                "operative paragraph number{} {} occur{} more than once (numbering restarts, e.g. in sections or parts); their ids are not unique",
                plural(d.len()),
                number_list(&d),
                if d.len() == 1 { "s" } else { "" }
            ));
        }
        if self.pp_in_body > 0 {
            self.warn(format!(
                "{} preambular paragraph{} inside the operative part (unnumbered, ending with a comma) numbered after the preamble",
                self.pp_in_body,
                plural(self.pp_in_body)
            ));
        }
        if self.swapped_brackets > 0 {
            self.warn(format!(
                "{} bracket{} before a footnote marker swapped in the mark-up ('(' for ')'); repaired",
                self.swapped_brackets,
                plural(self.swapped_brackets)
            ));
        }
        if self.headings > 0 {
            self.warn(format!(
                "{} unnumbered heading{} in the operative part skipped (not clauses)",
                self.headings,
                plural(self.headings)
            ));
        }
        if self.flattened > 0 {
            self.warn(format!(
                "{} paragraph{} without a number, starting with a sub-item label, read as sub-items of the paragraph before",
                self.flattened,
                plural(self.flattened)
            ));
            self.sub_from_text = self.sub_from_text.saturating_sub(self.flattened);
        }
        if self.sub_from_text > 0 {
            self.warn(format!(
                "{} sub-item{} without a <num> element; the label was taken from the text",
                self.sub_from_text,
                plural(self.sub_from_text)
            ));
        }
    }
}

/// Longest unnumbered line, in words, taken for a heading when it also has
/// no sentence punctuation at its end ("Strategic vision", "Budget
/// performance report for the period from 1 July 2020 to 30 June 2021").
const HEADING_MAX_WORDS: usize = 16;

fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let last = text.chars().next_back().unwrap_or('.');
    words <= HEADING_MAX_WORDS
        && !matches!(
            last,
            '.' | ';' | ':' | ',' | '。' | '；' | '：' | '，' | '،' | '؛'
        )
}

/// Preambular paragraphs end with a comma; operative ones with a semicolon
/// or full stop.
fn ends_like_preamble(text: &str) -> bool {
    matches!(text.chars().next_back(), Some(',' | '،' | '，'))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `1, 2, 3, 7` → `1–3, 7`.
fn number_list(ns: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ns.len() {
        let mut j = i;
        while j + 1 < ns.len() && ns[j + 1] == ns[j] + 1 {
            j += 1;
        }
        if j > i + 1 {
            out.push(format!("{}–{}", ns[i], ns[j]));
        } else {
            for n in &ns[i..=j] {
                out.push(n.to_string());
            }
        }
        i = j + 1;
    }
    out.join(", ")
}

/// The label of the k-th (0-based) sub-item at a depth: letters first, roman below.
fn positional_label(k: usize, parent_depth: usize) -> String {
    if parent_depth % 2 == 1 {
        let n = u32::try_from(k + 1).unwrap_or(1);
        canonical_sub_label(&n.to_string()).unwrap_or_else(|| format!("{n}"))
    } else if k < 26 {
        char::from(b'a' + k as u8).to_string()
    } else {
        let c = char::from(b'a' + (k % 26) as u8);
        format!("{c}{c}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A synthetic AKN4UN resolution around the given preamble and body
    /// mark-up (all clause text below is invented).
    fn doc(lang: &str, preamble: &str, body: &str) -> String {
        format!(
            r##"<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" xmlns:akn4un="http://un.org/akn4un">
  <statement name="resolution">
    <meta>
      <identification source="#DGACM">
        <FRBRWork>
          <FRBRthis value="/akn/un/statement/deliberation/unga/2030-12-01/90-12/!main/"/>
          <FRBRdate date="2030-12-01" name="adoption"/>
          <FRBRauthor href="ga" as="author"/>
        </FRBRWork>
        <FRBRExpression>{lang}</FRBRExpression>
      </identification>
      <workflow source="#un">
        <step date="2030-11-01" outcome="draftResolution" as="A/C.3/90/L.7" by="X"/>
      </workflow>
    </meta>
    <coverPage>
      <p><docNumber refersTo="#symbol">A/RES/90/12</docNumber></p>
      <p><session refersTo="#generalAssembly" value="90">Ninetieth session</session></p>
      <p><inline name="agenda item">Agenda items 14 and 69 (b)</inline></p>
      <p><docProponent>[on the report of the Third Committee (<inline name="originating document">A/90/400, para. 12</inline>)]</docProponent></p>
    </coverPage>
    <preface><p><docNumber>90/12.</docNumber><docTitle refersTo="#resolutionTitle">-	A synthetic title<authorialNote marker="9"><p>Title note (synthetic).</p></authorialNote></docTitle></p></preface>
    <preamble>
      <formula name="enactingFormula"><p><span class="italic">The General Assembly</span>,</p></formula>
      {preamble}
    </preamble>
    <mainBody>
      {body}
    </mainBody>
  </statement>
</akomaNtoso>"##
        )
    }

    const EN: &str = r#"<FRBRlanguage language="eng"/>"#;

    fn parse_ok(xml: &str) -> Edition {
        parse(xml, "synthetic.xml", &ReadOptions::default()).expect("parses")
    }

    fn id_list(ed: &Edition) -> Vec<String> {
        ed.units.iter().map(|u| u.id.to_string()).collect()
    }

    #[test]
    fn preamble_body_points_and_footnotes() {
        let xml = doc(
            EN,
            r#"<container><p>	<span class="italic">Recalling</span> the (synthetic) first text,<authorialNote marker="1" placement="bottom"><p>	 	Resolution 1/1 (synthetic).</p></authorialNote> and more,</p></container>
               <container><p>Noting (synthetic) a second text,</p></container>"#,
            r#"<paragraph><num>1.</num><content><p><span class="italic">Decides</span> (synthetic) something;</p></content></paragraph>
               <paragraph><num>2.</num><list><intro><p>Requests (synthetic):</p></intro>
                 <point><num>(a)</num><content><p>First item;</p></content></point>
                 <point><num>(b)</num><list><intro><p>Second item, namely:</p></intro>
                   <point><num>(i)</num><content><p>Deep one;<sup>1</sup></p></content></point>
                   <point><num>(ii)</num><content><p>Deep two;</p></content></point></list></point>
               </list></paragraph>"#,
        );
        let ed = parse_ok(&xml);
        assert_eq!(
            id_list(&ed),
            [
                "PP1",
                "PP2",
                "OP1",
                "OP2",
                "OP2(a)",
                "OP2(b)",
                "OP2(b)(i)",
                "OP2(b)(ii)"
            ]
        );
        assert_eq!(
            ed.units[0].text,
            "Recalling the (synthetic) first text, and more,"
        );
        assert_eq!(ed.units[0].footnotes, [1]);
        assert_eq!(ed.units[3].text, "Requests (synthetic):");
        assert_eq!(ed.units[5].text, "Second item, namely:");
        assert_eq!(ed.units[6].text, "Deep one;");
        assert_eq!(
            ed.units[6].footnotes,
            [1],
            "a repeated reference is a citation"
        );
        assert_eq!(ed.footnotes.len(), 2);
        assert_eq!(ed.footnotes[0].number, 9);
        assert_eq!(
            ed.footnotes[0].unit, None,
            "a note on the title cites no unit"
        );
        assert_eq!(ed.footnotes[1].text, "Resolution 1/1 (synthetic).");
        assert_eq!(ed.footnotes[1].unit, Some(UnitId::pp(1)));
        assert!(ed.warnings.is_empty(), "{:?}", ed.warnings);
        assert_eq!(ed.language, Language::En);
    }

    #[test]
    fn header_facts() {
        let ed = parse_ok(&doc(
            EN,
            "",
            r#"<paragraph><num>1.</num><content><p>Decides (synthetic);</p></content></paragraph>"#,
        ));
        let f = &ed.facts;
        assert_eq!(f.symbol.as_deref(), Some("A/RES/90/12"));
        assert_eq!(f.organ, Some(Organ::Ga));
        assert_eq!(f.session, Some(90));
        assert_eq!(f.agenda_items, ["14", "69 (b)"]);
        assert_eq!(f.adopted.as_deref(), Some("2030-12-01"));
        assert_eq!(f.report.as_deref(), Some("A/90/400"));
        assert_eq!(f.report_paragraph.as_deref(), Some("12"));
        assert_eq!(f.draft.as_deref(), Some("A/C.3/90/L.7"));
        assert_eq!(f.title.as_deref(), Some("A synthetic title"));
    }

    #[test]
    fn labels_in_other_scripts_become_latin() {
        let body = r#"<paragraph><num>1 -</num><list><intro><p>مقدمة (synthetic):</p></intro>
              <point><num>(أ)</num><content><p>بند؛</p></content></point>
              <point><num>(ب)</num><content><p>بند؛</p></content></point>
              <point><num>(هـ)</num><content><p>بند؛</p></content></point></list></paragraph>
            <paragraph><num>2.</num><list><intro><p>Вступление (synthetic):</p></intro>
              <point><num>а)</num><content><p>пункт;</p></content></point>
              <point><num>б)</num><content><p>пункт;</p></content></point></list></paragraph>
            <paragraph><num>３.</num><list><intro><p>导言：</p></intro>
              <point><num>（ａ）</num><content><p>项目；</p></content></point>
              <point><num>(ⅰ)</num><content><p>项目；</p></content></point></list></paragraph>"#;
        let ed = parse_ok(&doc(EN, "", body));
        let ids = id_list(&ed);
        assert_eq!(
            &ids[..7],
            ["OP1", "OP1(a)", "OP1(b)", "OP1(e)", "OP2", "OP2(a)", "OP2(b)"]
        );
        assert_eq!(&ids[7..9], ["OP3", "OP3(a)"]);
    }

    #[test]
    fn numbers_and_labels_typed_in_the_text() {
        // No <num>: numbers as in the Arabic 74/176 file, one swapped bracket pair.
        let body = "<paragraph><content><p>\t1 -\tتقرر (synthetic)؛</p></content></paragraph>\
            <paragraph><content><p>\t2 -\tتطلب (synthetic):</p></content></paragraph>\
            <blockList><item><p>\t(أ)\tبند أول؛</p></item><item><p>\t)ب(\tبند ثان.</p></item></blockList>";
        let ed = parse_ok(&doc(EN, "", body));
        assert_eq!(id_list(&ed), ["OP1", "OP2", "OP2(a)", "OP2(b)"]);
        assert_eq!(ed.units[0].text, "تقرر (synthetic)؛");
        assert_eq!(ed.units[3].text, "بند ثان.");
        assert!(
            ed.warnings
                .iter()
                .any(|w| w.contains("operative paragraphs 1, 2 have no <num>")),
            "{:?}",
            ed.warnings
        );
        assert!(
            ed.warnings
                .iter()
                .any(|w| w.contains("2 sub-items without a <num>")),
            "{:?}",
            ed.warnings
        );
    }

    #[test]
    fn missing_duplicate_and_unnumbered_paragraphs_are_reported() {
        let body = r#"<paragraph><num>1.</num><content><p>One (synthetic);</p></content></paragraph>
            <paragraph><num>3.</num><content><p>Three (synthetic);</p></content></paragraph>
            <paragraph><content><p>Unnumbered (synthetic) paragraph that should be four;</p></content></paragraph>
            <paragraph><num>4.</num><content><p>Four again (synthetic).</p></content></paragraph>"#;
        let ed = parse_ok(&doc(EN, "", body));
        assert_eq!(id_list(&ed), ["OP1", "OP3", "OP4", "OP4"]);
        let w = ed.warnings.join("\n");
        assert!(w.contains("operative paragraph 2 missing"), "{w}");
        assert!(
            w.contains("operative paragraph 4 has no number in the mark-up or text"),
            "{w}"
        );
        assert!(
            w.contains("operative paragraph number 4 occurs more than once"),
            "{w}"
        );
    }

    #[test]
    fn list_beside_its_paragraph_and_flattened_items() {
        // A blockList after its container (74/176) and sub-items flattened
        // into paragraphs without num.
        let pre = r#"<container><p>Reaffirming (synthetic) that:</p></container>
            <blockList><item><num>(a)</num><p>first,</p></item><item><num>(b)</num><p>second,</p></item></blockList>
            <container><p>Noting (synthetic),</p></container>"#;
        let body = r#"<paragraph><num>1.</num><content><p>Decides (synthetic):</p></content></paragraph>
            <paragraph><content><p>(a) one;</p></content></paragraph>
            <paragraph><content><p>(b) two:</p></content></paragraph>
            <paragraph><content><p>(i) two-one;</p></content></paragraph>
            <paragraph><content><p>(ii) two-two;</p></content></paragraph>
            <paragraph><content><p>(c) three.</p></content></paragraph>"#;
        let ed = parse_ok(&doc(EN, pre, body));
        assert_eq!(
            id_list(&ed),
            [
                "PP1",
                "PP1(a)",
                "PP1(b)",
                "PP2",
                "OP1",
                "OP1(a)",
                "OP1(b)",
                "OP1(b)(i)",
                "OP1(b)(ii)",
                "OP1(c)"
            ]
        );
        assert_eq!(ed.units[7].text, "two-one;");
    }

    #[test]
    fn headings_and_single_paragraph_decisions() {
        let body = r#"<paragraph><content><p><span class="bold">Budget for the period (synthetic)</span></p></content></paragraph>
            <paragraph><content><p>Decides (synthetic) to do the one thing asked of it.</p></content></paragraph>"#;
        let ed = parse_ok(&doc(EN, "", body));
        assert_eq!(id_list(&ed), ["OP1"]);
        assert!(
            ed.warnings.iter().all(|w| !w.contains("no number")),
            "{:?}",
            ed.warnings
        );
        assert!(
            ed.warnings
                .iter()
                .any(|w| w.contains("1 unnumbered heading")),
            "{:?}",
            ed.warnings
        );
    }

    #[test]
    fn language_from_the_file_the_caller_or_the_script() {
        let body = r#"<paragraph><num>1.</num><content><p>Постановляет (synthetic);</p></content></paragraph>"#;
        let ru = doc(r#"<FRBRlanguage language="rus"/>"#, "", body);
        assert_eq!(parse_ok(&ru).language, Language::Ru);
        let opts = ReadOptions {
            lang: Some(Language::Fr),
        };
        assert_eq!(parse(&ru, "x", &opts).unwrap().language, Language::Fr);
        let unstated = parse_ok(&doc("", "", body));
        assert_eq!(unstated.language, Language::Ru);
        assert!(unstated.warnings.iter().any(|w| w.contains("FRBRlanguage")));
    }

    #[test]
    fn damaged_xml_is_an_error_with_position() {
        let xml = doc(
            EN,
            "",
            r#"<paragraph><num>1.</num><content><p>Decides (synthetic);</p></content></paragraph>"#,
        );
        let between_tags = &xml[..xml.find("</mainBody>").unwrap()];
        match parse(between_tags, "x", &ReadOptions::default()) {
            Err(ErrorKind::Xml(m)) => {
                assert!(m.contains("truncated") && m.contains("<mainBody>"), "{m}")
            }
            other => panic!("{other:?}"),
        }
        let inside_tag = &xml[..xml.find("</mainBody>").unwrap() + 4];
        match parse(inside_tag, "x", &ReadOptions::default()) {
            Err(ErrorKind::Xml(m)) => assert!(m.contains("truncated") && m.contains("line"), "{m}"),
            other => panic!("{other:?}"),
        }
        let bad = xml.replace("</content>", "</contnet>");
        match parse(&bad, "x", &ReadOptions::default()) {
            Err(ErrorKind::Xml(m)) => assert!(m.contains("line") && m.contains("column"), "{m}"),
            other => panic!("{other:?}"),
        }
        // Every prefix of a file is an error or an edition, never a panic.
        for end in (0..xml.len()).filter(|&i| xml.is_char_boundary(i)) {
            let _ = parse(&xml[..end], "x", &ReadOptions::default());
        }
    }

    #[test]
    fn documents_without_units_are_not_resolutions() {
        let annex = r#"<akomaNtoso><doc name="annex"><meta/><mainBody><p>   </p></mainBody></doc></akomaNtoso>"#;
        match parse(annex, "x", &ReadOptions::default()) {
            Err(ErrorKind::NotAResolution(m)) => assert!(m.contains("<doc name=\"annex\">"), "{m}"),
            other => panic!("{other:?}"),
        }
        match parse("<akomaNtoso/>", "x", &ReadOptions::default()) {
            Err(ErrorKind::NotAResolution(m)) => assert!(m.contains("empty"), "{m}"),
            other => panic!("{other:?}"),
        }
        match parse("<html><body/></html>", "x", &ReadOptions::default()) {
            Err(ErrorKind::NotAResolution(m)) => assert!(m.contains("not an Akoma Ntoso"), "{m}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn absurd_numbers_do_not_overflow() {
        let body = r#"<paragraph><num>4294967295.</num><content><p>Big (synthetic);</p></content></paragraph>
            <paragraph><content><p>Next (synthetic) paragraph with no number at all;</p></content></paragraph>
            <paragraph><num>4294967294.</num><content><p>Again (synthetic);</p></content></paragraph>"#;
        let ed = parse_ok(&doc(EN, "", body));
        assert_eq!(ed.units.len(), 3);
    }

    #[test]
    fn superscripts_that_are_not_notes_stay() {
        let body = r#"<paragraph><num>1.</num><content><p>Le 1<sup>er</sup> janvier (synthetic);</p></content></paragraph>"#;
        let ed = parse_ok(&doc(EN, "", body));
        assert_eq!(ed.units[0].text, "Le 1er janvier (synthetic);");
    }

    #[test]
    fn helpers() {
        assert_eq!(number_list(&[1, 2, 3, 7, 9, 10]), "1–3, 7, 9, 10");
        assert_eq!(fold_ws(" a \n\t b "), "a b");
        assert_eq!(
            fold_ws("traf\u{00AD}ficking non\u{2011}State"),
            "trafficking non-State"
        );
        assert_eq!(fold_ws("公约》 及其 text"), "公约》及其text");
        assert_eq!(clean_note("\t()\tالقرار 70/1."), "القرار 70/1.");
        assert_eq!(strip_leading_number("28\tEngage"), (Some(28), "Engage"));
        assert_eq!(strip_leading_number("2030 Agenda"), (None, "2030 Agenda"));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(positional_label(2, 0), "c");
        assert_eq!(positional_label(1, 1), "ii");
    }

    /// The scanners give what the regular expressions they replace gave.
    #[test]
    fn leading_scanners_equal_their_regular_expressions() {
        let label =
            Regex::new(r"^(\(\s*[^()\s]{1,4}\s*\)|\)\s*[^()\s]{1,4}\s*\(|[^()\s]{1,4}\))\s*")
                .unwrap();
        let number = Regex::new(r"^([0-9\u{0660}-\u{0669}]{1,3})(?:\s*[-.–]\s*|\s+|$)").unwrap();
        let note = Regex::new(r"^(?:\(\s*[0-9]*\s*\)|[0-9]+\s*[.)])\s*").unwrap();
        let pieces = [
            "(",
            ")",
            "a",
            "viii",
            "ix",
            "abcde",
            " ",
            "  ",
            "\u{a0}",
            "1",
            "12",
            "123",
            "1234",
            "١٢",
            "-",
            ".",
            "–",
            "أ",
            "(synthetic)",
            "x y",
            "",
        ];
        let mut cases: Vec<String> = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    cases.push(format!("{a}{b}{c} text"));
                    cases.push(format!("{a}{b}{c}"));
                }
            }
        }
        for t in &cases {
            let want = label
                .captures(t)
                .map(|m| (m.get(1).unwrap().as_str(), m.get(0).unwrap().end()));
            assert_eq!(leading_label(t), want, "label of {t:?}");
            let want = number
                .captures(t)
                .map(|m| (m.get(1).unwrap().as_str(), m.get(0).unwrap().end()));
            assert_eq!(leading_number(t), want, "number of {t:?}");
            assert_eq!(
                note_marker_end(t),
                note.find(t).map(|m| m.end()),
                "note of {t:?}"
            );
        }
    }

    #[test]
    fn fold_ws_equals_cleaning_then_splitting() {
        // The definition: drop soft hyphens, make non-breaking hyphens
        // hyphens, then join the white-space separated words with one space,
        // or none next to a CJK character.
        let reference = |s: &str| -> String {
            let s: String = s
                .chars()
                .filter(|&c| c != '\u{00AD}')
                .map(|c| if c == '\u{2011}' { '-' } else { c })
                .collect();
            let mut out = String::new();
            for w in s.split_whitespace() {
                let before = out.chars().next_back().is_some_and(is_cjk);
                let after = w.chars().next().is_some_and(is_cjk);
                if !out.is_empty() && !before && !after {
                    out.push(' ');
                }
                out.push_str(w);
            }
            out
        };
        for t in [
            "",
            "\u{00AD}",
            " \u{00AD} a \u{00AD} b\u{00AD}c \u{00AD}",
            "Secretary\u{2011}General’s  “report”\u{00A0}on\u{2003}it (synthetic)",
            "大会 第七十六届\n会议 （合成） and 2030 年",
            "a \u{3000} b　c ＡＢ d",
            "\u{00AD}\u{00AD}  x",
        ] {
            assert_eq!(fold_ws(t), reference(t), "{t:?}");
        }
    }

    #[test]
    fn fold_ws_ascii_path_equals_the_general_one() {
        // The general path, forced by a character that is then removed.
        let general = |t: &str| fold_ws(&format!("{t}\u{00AD}"));
        for t in [
            "",
            " ",
            " a ",
            "a\tb\nc\r\n d",
            "\x0b\x0ca  b\x0c",
            "x.y, z;  ",
        ] {
            assert_eq!(fold_ws(t), general(t), "{t:?}");
        }
    }
}
