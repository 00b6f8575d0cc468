//! Word .docx reader.
//!
//! A .docx is a zip archive of XML parts. Word knows paragraphs, automatic
//! numbering and footnotes but nothing of resolutions, so this reader turns
//! the document into *clean text* — one paragraph per line, the printed
//! numbering label ("1.", "(a)") in front of numbered paragraphs, `[^n]`
//! where a footnote is cited, then a `Footnotes:` block — and hands it to the
//! text reader ([`super::text::parse`]), which recognises the structure.
//!
//! What is read: `word/document.xml` (paragraphs, runs, tabs, breaks, table
//! cells, text boxes), `word/numbering.xml` and `word/styles.xml` (to print
//! the labels Word computes for automatically numbered paragraphs) and
//! `word/footnotes.xml`. Headers and footers live in other parts and are not
//! read. Tracked deletions (`w:del`), the superseded side of tracked
//! formatting changes (`w:*Change`), hidden text (`w:vanish`) and the VML
//! fallback copy of text boxes (`mc:Fallback`) are skipped; tracked
//! insertions (`w:ins`) are kept, i.e. the document is read as it would be
//! with all changes accepted.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{text, ErrorKind, ReadOptions};
use crate::model::{Edition, SourceFormat};

/// Largest uncompressed size read from one part of the archive. Real
/// resolutions have a `document.xml` of well under 2 MiB; anything above
/// this is a zip bomb or not a resolution.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Deepest `w:basedOn` chain followed when looking for a style's numbering
/// (guards against cycles in a damaged styles.xml).
const MAX_STYLE_DEPTH: usize = 16;

/// Word has nine list levels (`w:ilvl` 0–8).
const LEVELS: usize = 9;

/// Read a .docx into an edition.
pub fn parse(bytes: &[u8], source: &str, opts: &ReadOptions) -> Result<Edition, ErrorKind> {
    let clean = to_clean_text(bytes)?;
    let mut ed = text::parse(&clean.text, source, SourceFormat::Docx, opts)?;
    ed.format = SourceFormat::Docx;
    ed.warnings.extend(clean.warnings);
    Ok(ed)
}

/// A document as clean text, with what the conversion noticed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CleanText {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Convert the bytes of a .docx to clean text (see the module doc).
pub fn to_clean_text(bytes: &[u8]) -> Result<CleanText, ErrorKind> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
        zip::result::ZipError::UnsupportedArchive(m) => ErrorKind::Docx(format!(
            "the archive uses a zip feature resdiff cannot read ({m}); re-save the document from Word as .docx"
        )),
        e => ErrorKind::Docx(format!(
            "the file starts like a .docx (zip) archive but is damaged or truncated ({e}); \
             download it again or re-save it from Word"
        )),
    })?;
    let names: HashSet<String> = zip.file_names().map(str::to_string).collect();
    if !names.contains("word/document.xml") {
        return Err(ErrorKind::Docx(not_word_message(&names)));
    }
    let document = read_part(&mut zip, "word/document.xml")?;
    let optional = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| {
        if names.contains(name) {
            read_part(zip, name).map(Some)
        } else {
            Ok(None)
        }
    };
    let numbering_xml = optional(&mut zip, "word/numbering.xml")?;
    let styles_xml = optional(&mut zip, "word/styles.xml")?;
    let footnotes_xml = optional(&mut zip, "word/footnotes.xml")?;

    let numbering = match &numbering_xml {
        Some(x) => Numbering::parse(x).map_err(|e| xml_error("word/numbering.xml", e))?,
        None => Numbering::default(),
    };
    let style_nums = match &styles_xml {
        Some(x) => style_numbering(x).map_err(|e| xml_error("word/styles.xml", e))?,
        None => HashMap::new(),
    };
    let body = walk(&document, false).map_err(|e| xml_error("word/document.xml", e))?;
    let notes = match &footnotes_xml {
        Some(x) => walk(x, true).map_err(|e| xml_error("word/footnotes.xml", e))?,
        None => Walked::default(),
    };
    Ok(assemble(&body, &notes, &numbering, &style_nums))
}

/// Message for a zip archive without `word/document.xml`.
fn not_word_message(names: &HashSet<String>) -> String {
    let what = if names.contains("xl/workbook.xml") {
        "an Excel workbook, not a Word document"
    } else if names.contains("ppt/presentation.xml") {
        "a PowerPoint presentation, not a Word document"
    } else if names.contains("content.xml") && names.contains("mimetype") {
        "an OpenDocument file, not a Word document (save it as .docx)"
    } else {
        "not a Word document"
    };
    format!(
        "this .zip is {what}: it has no word/document.xml inside; \
         give the resolution as .docx, PDF, AKN XML, HTML or text"
    )
}

/// Read one part as text, refusing parts that unpack beyond [`MAX_PART_BYTES`].
fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<String, ErrorKind> {
    let damaged = |e: &dyn std::fmt::Display| {
        ErrorKind::Docx(format!(
            "{name} inside the .docx is damaged ({e}); download the file again or re-save it from Word"
        ))
    };
    let too_big = || {
        ErrorKind::Docx(format!(
            "{name} inside the .docx unpacks to more than {} MiB, far more than any resolution; \
             refusing to unpack it (a damaged file or a zip bomb)",
            MAX_PART_BYTES / (1024 * 1024)
        ))
    };
    let file = zip.by_name(name).map_err(|e| damaged(&e))?;
    if file.size() > MAX_PART_BYTES {
        return Err(too_big());
    }
    let mut buf = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| damaged(&e))?;
    if buf.len() as u64 > MAX_PART_BYTES {
        return Err(too_big());
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&buf) {
        let (text, bad) = enc.decode_without_bom_handling(&buf[bom..]);
        if bad {
            return Err(damaged(&format!("not valid {}", enc.name())));
        }
        return Ok(text.into_owned());
    }
    String::from_utf8(buf).map_err(|e| {
        damaged(&format!(
            "not valid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// A malformed XML part.
fn xml_error(part: &str, e: XmlFault) -> ErrorKind {
    ErrorKind::Docx(format!(
        "{part} inside the .docx is malformed XML at byte {} ({}); re-save the document from Word",
        e.position, e.message
    ))
}

/// Where and why an XML part could not be read.
#[derive(Debug)]
struct XmlFault {
    position: u64,
    message: String,
}

impl XmlFault {
    fn new(reader: &Reader<&[u8]>, e: impl std::fmt::Display) -> Self {
        XmlFault {
            position: reader.error_position(),
            message: e.to_string(),
        }
    }
}

/// The local part of an element or attribute name (`w:p` → `p`).
fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The value of the attribute whose local name is `key` (`w:val`, `w:id` …).
fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// An on/off property (`<w:vanish/>`, `<w:vanish w:val="false"/>`).
fn on(e: &BytesStart) -> bool {
    !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off"))
}

fn xml_reader(xml: &str) -> Reader<&[u8]> {
    let mut r = Reader::from_str(xml);
    r.config_mut().trim_text(false);
    r.config_mut().check_end_names = true;
    r
}

// ---------------------------------------------------------------------------
// Paragraphs

/// One paragraph of a part, before numbering labels are computed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Para {
    text: String,
    /// Direct numbering (`w:numPr`): numId and level.
    num_id: Option<String>,
    ilvl: Option<usize>,
    style: Option<String>,
    /// Footnote id this paragraph belongs to (footnotes part only).
    footnote: Option<String>,
}

/// The paragraphs of a part, and the bookmarks that hold a footnote
/// reference (name → footnote id), which `NOTEREF` fields cite again.
#[derive(Debug, Default)]
struct Walked {
    paras: Vec<Para>,
    note_bookmarks: HashMap<String, String>,
}

/// An open complex field (`w:fldChar` begin … separate … end).
#[derive(Debug, Default)]
struct Field {
    instr: String,
    /// Past `separate`: the runs are the field's displayed result.
    in_result: bool,
    /// A `NOTEREF` field: its result (the footnote number) is replaced by a marker.
    noteref: bool,
}

/// The bookmark a `NOTEREF` field instruction cites (`NOTEREF _Ref123 \f \h`).
fn noteref_target(instr: &str) -> Option<&str> {
    let mut words = instr.split_whitespace();
    words
        .next()
        .filter(|w| w.eq_ignore_ascii_case("NOTEREF"))
        .and(words.next())
}

/// Placeholders in paragraph text until footnote numbers are known:
/// `NOTE_START id NOTE_END` for a footnote reference, `REF_START bookmark
/// NOTE_END` for a repeated citation by `NOTEREF`.
const NOTE_START: char = '\u{E000}';
const REF_START: char = '\u{E002}';
const NOTE_END: char = '\u{E001}';

/// Elements whose whole content is not displayed text.
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"del" | b"delText" | b"delInstrText" | b"moveFrom" | b"Fallback" | b"footnoteRef"
    ) || name.ends_with(b"Change")
}

/// Walk a document or footnotes part and collect its paragraphs. Text boxes
/// nested in a paragraph become paragraphs of their own, emitted before the
/// paragraph that anchors them.
fn walk(xml: &str, footnotes_part: bool) -> Result<Walked, XmlFault> {
    let mut reader = xml_reader(xml);
    let mut out = Walked::default();
    let mut stack: Vec<Para> = Vec::new();
    let mut skip_depth = 0usize;
    let mut in_ppr = 0usize;
    let mut in_rpr = false;
    let mut in_run = 0usize;
    let mut run_hidden = false;
    let mut in_t = false;
    let mut footnote: Option<String> = None;
    let mut fields: Vec<Field> = Vec::new();
    let mut in_instr = false;
    let mut open_bookmarks: Vec<(String, String)> = Vec::new();
    loop {
        // Inside the displayed result of a NOTEREF field, whose number the
        // marker replaces.
        let in_noteref_result = fields.iter().any(|f| f.noteref && f.in_result);
        let ev = reader.read_event().map_err(|e| XmlFault::new(&reader, e))?;
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = e.name();
                let n = local(name.as_ref());
                if skip_depth > 0 {
                    if !empty {
                        skip_depth += 1;
                    }
                    continue;
                }
                if skipped(n) {
                    if !empty {
                        skip_depth = 1;
                    }
                    continue;
                }
                match n {
                    b"footnote" if footnotes_part && !empty => {
                        let normal = attr(e, b"type").map_or(true, |t| t == "normal");
                        footnote = if normal { attr(e, b"id") } else { None };
                        if !normal {
                            skip_depth = 1;
                        }
                    }
                    b"p" => {
                        let p = Para {
                            footnote: footnote.clone(),
                            ..Para::default()
                        };
                        if empty {
                            out.paras.push(p);
                        } else {
                            stack.push(p);
                        }
                    }
                    b"pPr" if !empty => in_ppr += 1,
                    b"rPr" if !empty => in_rpr = true,
                    b"r" if !empty => {
                        in_run += 1;
                        run_hidden = false;
                    }
                    b"vanish" if in_rpr && in_ppr == 0 => run_hidden = on(e),
                    b"t" if !empty && in_run > 0 => in_t = true,
                    b"instrText" if !empty => in_instr = true,
                    b"fldChar" => match attr(e, b"fldCharType").as_deref() {
                        Some("begin") => fields.push(Field::default()),
                        Some("separate") => {
                            if let Some(f) = fields.last_mut() {
                                f.in_result = true;
                                if let (Some(b), Some(p)) =
                                    (noteref_target(&f.instr), stack.last_mut())
                                {
                                    f.noteref = true;
                                    p.text.push_str(&format!("{REF_START}{b}{NOTE_END}"));
                                }
                            }
                        }
                        Some("end") => {
                            fields.pop();
                        }
                        _ => {}
                    },
                    b"fldSimple" => {
                        let instr = attr(e, b"instr").unwrap_or_default();
                        if let (Some(b), Some(p)) = (noteref_target(&instr), stack.last_mut()) {
                            p.text.push_str(&format!("{REF_START}{b}{NOTE_END}"));
                            if !empty {
                                skip_depth = 1;
                            }
                            continue;
                        }
                    }
                    b"bookmarkStart" => {
                        if let (Some(id), Some(name)) = (attr(e, b"id"), attr(e, b"name")) {
                            open_bookmarks.push((id, name));
                        }
                    }
                    b"bookmarkEnd" => {
                        let id = attr(e, b"id");
                        open_bookmarks.retain(|(i, _)| Some(i) != id.as_ref());
                    }
                    _ => {}
                }
                let Some(p) = stack.last_mut() else { continue };
                if in_ppr > 0 {
                    match n {
                        b"pStyle" => p.style = attr(e, b"val"),
                        b"ilvl" => p.ilvl = attr(e, b"val").and_then(|v| v.parse().ok()),
                        b"numId" => p.num_id = attr(e, b"val"),
                        _ => {}
                    }
                    continue;
                }
                if in_run == 0 || run_hidden || in_noteref_result {
                    continue;
                }
                match n {
                    b"tab" | b"br" | b"cr" | b"ptab" => p.text.push(' '),
                    b"noBreakHyphen" => p.text.push('\u{2011}'),
                    b"footnoteReference" => {
                        if let Some(id) = attr(e, b"id") {
                            p.text.push_str(&format!("{NOTE_START}{id}{NOTE_END}"));
                            for (_, name) in &open_bookmarks {
                                out.note_bookmarks
                                    .entry(name.clone())
                                    .or_insert_with(|| id.clone());
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                let name = e.name();
                match local(name.as_ref()) {
                    b"p" => {
                        if let Some(p) = stack.pop() {
                            out.paras.push(p);
                        }
                    }
                    b"pPr" => in_ppr = in_ppr.saturating_sub(1),
                    b"rPr" => in_rpr = false,
                    b"r" => {
                        in_run = in_run.saturating_sub(1);
                        run_hidden = false;
                    }
                    b"t" => in_t = false,
                    b"instrText" => in_instr = false,
                    b"footnote" => footnote = None,
                    _ => {}
                }
            }
            Event::Text(t) if in_instr && skip_depth == 0 => {
                let s = t.unescape().map_err(|e| XmlFault::new(&reader, e))?;
                if let Some(f) = fields.last_mut() {
                    f.instr.push_str(&s);
                }
            }
            Event::Text(t) if in_t && skip_depth == 0 && !run_hidden && !in_noteref_result => {
                let s = t.unescape().map_err(|e| XmlFault::new(&reader, e))?;
                if let Some(p) = stack.last_mut() {
                    p.text.push_str(&s);
                }
            }
            Event::CData(t) if in_t && skip_depth == 0 && !run_hidden && !in_noteref_result => {
                if let Some(p) = stack.last_mut() {
                    p.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(XmlFault {
            position: reader.buffer_position(),
            message: "the document ends inside a paragraph".into(),
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Numbering

/// One level of a list definition (`w:lvl`).
#[derive(Debug, Clone, PartialEq)]
struct Level {
    start: i64,
    /// `w:numFmt`: decimal, lowerLetter, lowerRoman, bullet …
    fmt: String,
    /// `w:lvlText`: "%1.", "(%2)" …
    text: String,
    /// `w:isLgl`: show every level in decimal.
    legal: bool,
    /// `w:lvlRestart`: restart after this (1-based) level; `None` = after any higher level.
    restart: Option<usize>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            fmt: "decimal".into(),
            text: String::new(),
            legal: false,
            restart: None,
        }
    }
}

/// A list instance (`w:num`): its definition and overrides.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_overrides: HashMap<usize, i64>,
    level_overrides: HashMap<usize, Level>,
}

/// `word/numbering.xml`.
#[derive(Debug, Clone, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<usize, Level>>,
    nums: HashMap<String, Num>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Self, XmlFault> {
        let mut reader = xml_reader(xml);
        let mut nb = Numbering::default();
        let mut abs: Option<String> = None;
        let mut num: Option<(String, Num)> = None;
        let mut override_lvl: Option<usize> = None;
        let mut lvl: Option<(usize, Level)> = None;
        loop {
            let ev = reader.read_event().map_err(|e| XmlFault::new(&reader, e))?;
            match ev {
                Event::Eof => break,
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let name = e.name();
                    match local(name.as_ref()) {
                        b"abstractNum" if !empty => abs = attr(e, b"abstractNumId"),
                        b"num" if !empty => {
                            num = attr(e, b"numId").map(|id| (id, Num::default()));
                        }
                        b"abstractNumId" => {
                            if let (Some((_, n)), Some(v)) = (num.as_mut(), attr(e, b"val")) {
                                n.abstract_id = v;
                            }
                        }
                        b"lvlOverride" if !empty => {
                            override_lvl = attr(e, b"ilvl").and_then(|v| v.parse().ok());
                        }
                        b"startOverride" => {
                            if let (Some((_, n)), Some(l), Some(v)) = (
                                num.as_mut(),
                                override_lvl,
                                attr(e, b"val").and_then(|v| v.parse().ok()),
                            ) {
                                n.start_overrides.insert(l, v);
                            }
                        }
                        b"lvl" if !empty => {
                            let i = attr(e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                            lvl = Some((i, Level::default()));
                        }
                        b"start" => {
                            if let (Some((_, l)), Some(v)) =
                                (lvl.as_mut(), attr(e, b"val").and_then(|v| v.parse().ok()))
                            {
                                l.start = v;
                            }
                        }
                        b"numFmt" => {
                            if let (Some((_, l)), Some(v)) = (lvl.as_mut(), attr(e, b"val")) {
                                l.fmt = v;
                            }
                        }
                        b"lvlText" => {
                            if let (Some((_, l)), Some(v)) = (lvl.as_mut(), attr(e, b"val")) {
                                l.text = v;
                            }
                        }
                        b"isLgl" => {
                            if let Some((_, l)) = lvl.as_mut() {
                                l.legal = on(e);
                            }
                        }
                        b"lvlRestart" => {
                            if let (Some((_, l)), Some(v)) =
                                (lvl.as_mut(), attr(e, b"val").and_then(|v| v.parse().ok()))
                            {
                                l.restart = Some(v);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(ref e) => {
                    let name = e.name();
                    match local(name.as_ref()) {
                        b"lvl" => {
                            if let Some((i, l)) = lvl.take() {
                                if let Some((_, n)) = num.as_mut() {
                                    if let Some(o) = override_lvl {
                                        n.level_overrides.insert(o, l);
                                    }
                                } else if let Some(a) = &abs {
                                    nb.abstracts.entry(a.clone()).or_default().insert(i, l);
                                }
                            }
                        }
                        b"lvlOverride" => override_lvl = None,
                        b"abstractNum" => abs = None,
                        b"num" => {
                            if let Some((id, n)) = num.take() {
                                nb.nums.insert(id, n);
                            }
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        Ok(nb)
    }
}

/// Numbering given by paragraph styles: style id → (numId, level), with
/// `w:basedOn` followed.
fn style_numbering(xml: &str) -> Result<HashMap<String, (String, usize)>, XmlFault> {
    #[derive(Default)]
    struct Style {
        based_on: Option<String>,
        num_id: Option<String>,
        ilvl: Option<usize>,
    }
    let mut reader = xml_reader(xml);
    let mut styles: HashMap<String, Style> = HashMap::new();
    let mut cur: Option<(String, Style)> = None;
    loop {
        let ev = reader.read_event().map_err(|e| XmlFault::new(&reader, e))?;
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.name();
                let n = local(name.as_ref());
                if n == b"style" && matches!(ev, Event::Start(_)) {
                    cur = attr(e, b"styleId").map(|id| (id, Style::default()));
                    continue;
                }
                let Some((_, s)) = cur.as_mut() else { continue };
                match n {
                    b"basedOn" => s.based_on = attr(e, b"val"),
                    b"numId" => s.num_id = attr(e, b"val"),
                    b"ilvl" => s.ilvl = attr(e, b"val").and_then(|v| v.parse().ok()),
                    _ => {}
                }
            }
            Event::End(ref e) if local(e.name().as_ref()) == b"style" => {
                if let Some((id, s)) = cur.take() {
                    styles.insert(id, s);
                }
            }
            _ => {}
        }
    }
    let mut out = HashMap::new();
    for id in styles.keys() {
        let (mut num, mut ilvl) = (None, None);
        let mut at = Some(id.clone());
        for _ in 0..MAX_STYLE_DEPTH {
            let Some(s) = at.as_ref().and_then(|a| styles.get(a)) else {
                break;
            };
            num = num.or_else(|| s.num_id.clone());
            ilvl = ilvl.or(s.ilvl);
            at = s.based_on.clone();
        }
        if let Some(n) = num {
            out.insert(id.clone(), (n, ilvl.unwrap_or(0)));
        }
    }
    Ok(out)
}

/// Running counters of automatic numbering. Word keeps one set of counters
/// per list definition (`w:abstractNum`): two `w:num` that share a
/// definition continue each other, unless a `w:startOverride` restarts the
/// count where that `w:num` is first used.
#[derive(Debug, Default)]
struct Counters {
    by_abstract: HashMap<String, [Option<i64>; LEVELS]>,
    used_nums: HashSet<String>,
}

impl Counters {
    /// The printed label of the next paragraph of list `num_id` at `ilvl`;
    /// `None` for bullets, unnumbered levels and unknown lists.
    fn next(&mut self, nb: &Numbering, num_id: &str, ilvl: usize) -> Option<String> {
        if num_id == "0" || ilvl >= LEVELS {
            return None;
        }
        let num = nb.nums.get(num_id)?;
        let defs = nb.abstracts.get(&num.abstract_id);
        let level = |i: usize| -> Level {
            num.level_overrides
                .get(&i)
                .or_else(|| defs.and_then(|d| d.get(&i)))
                .cloned()
                .unwrap_or_default()
        };
        let this = level(ilvl);
        let counters = self.by_abstract.entry(num.abstract_id.clone()).or_default();
        if self.used_nums.insert(num_id.to_string()) {
            for (&l, &start) in &num.start_overrides {
                if l < LEVELS {
                    counters[l] = Some(start.saturating_sub(1));
                }
            }
        }
        counters[ilvl] = Some(counters[ilvl].map_or(this.start, |c| c.saturating_add(1)));
        for (deeper, slot) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let restart_after = level(deeper).restart;
            if restart_after.map_or(true, |r| ilvl < r) {
                *slot = None;
            }
        }
        if this.fmt == "bullet" || this.fmt == "none" {
            return None;
        }
        let snapshot = *counters;
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d)) if (1..=LEVELS as u32).contains(&d) => {
                    chars.next();
                    let i = d as usize - 1;
                    let lv = level(i);
                    let value = snapshot[i].unwrap_or(lv.start);
                    let fmt = if this.legal && i != ilvl {
                        "decimal"
                    } else {
                        lv.fmt.as_str()
                    };
                    label.push_str(&format_number(value, fmt));
                }
                _ => label.push(c),
            }
        }
        let label = label.trim().to_string();
        (!label.is_empty()).then_some(label)
    }
}

/// Arabic letters in abjad order (Word's `arabicAbjad`).
const ARABIC_ABJAD: [char; 28] = [
    'أ', 'ب', 'ج', 'د', 'ه', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن', 'س', 'ع', 'ف', 'ص', 'ق',
    'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض', 'ظ', 'غ',
];
/// Arabic letters in alphabetical order (Word's `arabicAlpha`).
const ARABIC_ALPHA: [char; 28] = [
    'أ', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ',
    'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي',
];
/// Cyrillic letters of Word's `russianLower`.
const RUSSIAN: [char; 28] = [
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т', 'у',
    'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'э', 'ю', 'я',
];

/// Largest counter printed in letters (`a` … `z`, `aa` …, each round one
/// letter longer); above it the number is printed in digits. A `w:start`
/// of a billion would otherwise build a label of forty million letters.
const MAX_LETTER_COUNTER: i64 = 26 * 40;

/// A counter value in a Word number format. Unknown formats print decimal.
fn format_number(n: i64, fmt: &str) -> String {
    let letters = |set: &[char], upper: bool| -> String {
        if !(1..=MAX_LETTER_COUNTER).contains(&n) {
            return n.to_string();
        }
        let k = (n - 1) as usize;
        let c = set[k % set.len()];
        let s: String = std::iter::repeat(c).take(k / set.len() + 1).collect();
        if upper {
            s.to_uppercase()
        } else {
            s
        }
    };
    const LATIN: [char; 26] = [
        'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r',
        's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
    ];
    match fmt {
        "lowerLetter" => letters(&LATIN, false),
        "upperLetter" => letters(&LATIN, true),
        "lowerRoman" => super::labels::roman_numeral(n),
        "upperRoman" => super::labels::roman_numeral(n).to_uppercase(),
        "russianLower" => letters(&RUSSIAN, false),
        "russianUpper" => letters(&RUSSIAN, true),
        "arabicAbjad" => letters(&ARABIC_ABJAD, false),
        "arabicAlpha" => letters(&ARABIC_ALPHA, false),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|d| char::from_u32(0xFF10 + d))
                    .unwrap_or(c)
            })
            .collect(),
        "hindiNumbers" | "arabicIndic" => n
            .to_string()
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|d| char::from_u32(0x0660 + d))
                    .unwrap_or(c)
            })
            .collect(),
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographDigital"
        | "taiwaneseCounting" => chinese(n),
        _ => n.to_string(),
    }
}

/// Chinese counting numerals 1–99 (decimal otherwise).
fn chinese(n: i64) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match n {
        1..=9 => D[n as usize].to_string(),
        10..=99 => {
            let (t, u) = ((n / 10) as usize, (n % 10) as usize);
            let mut s = String::new();
            if t > 1 {
                s.push(D[t]);
            }
            s.push('十');
            if u > 0 {
                s.push(D[u]);
            }
            s
        }
        _ => n.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Clean text

/// Fold white space inside a paragraph to single spaces and trim it.
fn fold_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Build the clean text from the walked parts.
fn assemble(
    body: &Walked,
    notes: &Walked,
    nb: &Numbering,
    style_nums: &HashMap<String, (String, usize)>,
) -> CleanText {
    let mut counters = Counters::default();
    let mut note_numbers: HashMap<String, u32> = HashMap::new();
    let mut cited: Vec<(u32, String)> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut warnings = Vec::new();
    for p in &body.paras {
        let from_style = p.style.as_ref().and_then(|s| style_nums.get(s));
        let num_id = p.num_id.clone().or_else(|| from_style.map(|s| s.0.clone()));
        let ilvl = p.ilvl.or(from_style.map(|s| s.1)).unwrap_or(0);
        // Replace the private-use footnote placeholders by numbered markers.
        let mut text = String::with_capacity(p.text.len());
        let mut rest = p.text.as_str();
        while let Some(i) = rest.find([NOTE_START, REF_START]) {
            text.push_str(&rest[..i]);
            let is_ref = rest[i..].starts_with(REF_START);
            let after = &rest[i + NOTE_START.len_utf8()..];
            let end = after.find(NOTE_END).unwrap_or(after.len());
            let key = &after[..end];
            rest = after.get(end + NOTE_END.len_utf8()..).unwrap_or("");
            let id = if is_ref {
                match body.note_bookmarks.get(key) {
                    Some(id) => id.as_str(),
                    None => {
                        warnings.push(format!(
                            "a NOTEREF field cites bookmark {key}, which holds no footnote reference; ignored"
                        ));
                        continue;
                    }
                }
            } else {
                key
            };
            let next = note_numbers.len() as u32 + 1;
            let n = *note_numbers.entry(id.to_string()).or_insert_with(|| {
                cited.push((next, id.to_string()));
                next
            });
            text.push_str(&format!("[^{n}]"));
        }
        text.push_str(rest);
        let text = fold_space(&text);
        let label = num_id.and_then(|id| counters.next(nb, &id, ilvl));
        let line = match label {
            Some(l) if text.is_empty() => l,
            Some(l) => format!("{l} {text}"),
            None => text,
        };
        if line.is_empty() && lines.last().map_or(true, |l: &String| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if !cited.is_empty() {
        let mut bodies: HashMap<&str, Vec<&str>> = HashMap::new();
        for p in &notes.paras {
            if let Some(id) = &p.footnote {
                bodies.entry(id.as_str()).or_default().push(p.text.as_str());
            }
        }
        lines.push(String::new());
        lines.push("Footnotes:".into());
        for (n, id) in &cited {
            match bodies.get(id.as_str()) {
                Some(parts) => lines.push(format!("[^{n}]: {}", fold_space(&parts.join(" ")))),
                None => warnings.push(format!(
                    "footnote {n} is cited but its text is missing from word/footnotes.xml"
                )),
            }
        }
    }
    let mut text = lines.join("\n");
    text.push('\n');
    CleanText { text, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    /// A .docx with the given parts (synthetic content).
    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        for (name, body) in parts {
            z.start_file(*name, o).unwrap();
            z.write_all(body.as_bytes()).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    fn doc(body: &str) -> String {
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>")
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn np(num: u32, lvl: u32, text: &str) -> String {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>\
             <w:r><w:t>{text}</w:t></w:r></w:p>"
        )
    }

    const NUMBERING: &str = "<w:numbering xmlns:w=\"x\">\
        <w:abstractNum w:abstractNumId=\"0\">\
          <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>\
          <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"(%2)\"/></w:lvl>\
          <w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerRoman\"/><w:lvlText w:val=\"(%3)\"/></w:lvl>\
        </w:abstractNum>\
        <w:abstractNum w:abstractNumId=\"1\">\
          <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%1)\"/></w:lvl>\
          <w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/></w:lvl>\
        </w:abstractNum>\
        <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
        <w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>\
        <w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>\
        <w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/></w:num>\
        </w:numbering>";

    fn clean(parts: &[(&str, &str)]) -> CleanText {
        to_clean_text(&docx(parts)).unwrap()
    }

    #[test]
    fn paragraphs_become_lines_with_runs_tabs_and_breaks() {
        let body = doc(&format!(
            "{}<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
             <w:r><w:t>Recalling</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">its </w:t></w:r>\
             <w:r><w:t>earlier</w:t><w:br/><w:t>clause (synthetic) &amp; more,</w:t></w:r></w:p>{}",
            p("The General Assembly,"),
            p("1. Decides (synthetic);")
        ));
        let c = clean(&[("word/document.xml", &body)]);
        assert_eq!(
            c.text,
            "The General Assembly,\nRecalling its earlier clause (synthetic) & more,\n1. Decides (synthetic);\n"
        );
    }

    #[test]
    fn automatic_numbering_prints_labels() {
        let body = doc(&[
            np(1, 0, "Decides (synthetic);"),
            np(1, 1, "first;"),
            np(1, 1, "second;"),
            np(1, 2, "deep;"),
            np(1, 0, "Requests (synthetic);"),
            np(1, 1, "again;"),
            // numId 4 shares abstractNum 0 and has no override: the count continues.
            np(4, 0, "Continues (synthetic);"),
            // A lettered list; numId 3 restarts it.
            np(2, 0, "x"),
            np(2, 0, "y"),
            np(2, 1, "bullet item"),
            np(3, 0, "restarted"),
        ]
        .concat());
        let c = clean(&[
            ("word/document.xml", &body),
            ("word/numbering.xml", NUMBERING),
        ]);
        let lines: Vec<&str> = c.text.lines().collect();
        assert_eq!(
            lines,
            [
                "1. Decides (synthetic);",
                "(a) first;",
                "(b) second;",
                "(i) deep;",
                "2. Requests (synthetic);",
                "(a) again;",
                "3. Continues (synthetic);",
                "a) x",
                "b) y",
                "bullet item",
                "a) restarted",
            ]
        );
    }

    #[test]
    fn style_numbering_is_followed() {
        let styles = "<w:styles xmlns:w=\"x\">\
            <w:style w:styleId=\"Base\"><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>\
            <w:style w:styleId=\"Op\"><w:basedOn w:val=\"Base\"/></w:style></w:styles>";
        let body = doc(
            "<w:p><w:pPr><w:pStyle w:val=\"Op\"/></w:pPr><w:r><w:t>One (synthetic)</w:t></w:r></w:p>\
             <w:p><w:pPr><w:pStyle w:val=\"Op\"/></w:pPr><w:r><w:t>Two</w:t></w:r></w:p>\
             <w:p><w:pPr><w:pStyle w:val=\"Op\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>None</w:t></w:r></w:p>",
        );
        let c = clean(&[
            ("word/document.xml", &body),
            ("word/numbering.xml", NUMBERING),
            ("word/styles.xml", styles),
        ]);
        assert_eq!(c.text, "1. One (synthetic)\n2. Two\nNone\n");
    }

    #[test]
    fn footnotes_are_numbered_by_citation_and_listed() {
        let body = doc(
            "<w:p><w:r><w:t>Recalling the text (synthetic),</w:t></w:r>\
             <w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"7\"/></w:r>\
             <w:r><w:t xml:space=\"preserve\"> and another,</w:t></w:r><w:r><w:footnoteReference w:id=\"3\"/></w:r></w:p>",
        );
        let notes = "<w:footnotes xmlns:w=\"x\">\
            <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/><w:t>SEP</w:t></w:r></w:p></w:footnote>\
            <w:footnote w:id=\"3\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> Second note (synthetic).</w:t></w:r></w:p></w:footnote>\
            <w:footnote w:id=\"7\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>First note</w:t></w:r></w:p><w:p><w:r><w:t>continued.</w:t></w:r></w:p></w:footnote>\
            </w:footnotes>";
        let c = clean(&[("word/document.xml", &body), ("word/footnotes.xml", notes)]);
        assert_eq!(
            c.text,
            "Recalling the text (synthetic),[^1] and another,[^2]\n\nFootnotes:\n\
             [^1]: First note continued.\n[^2]: Second note (synthetic).\n"
        );
        assert!(c.warnings.is_empty());
    }

    #[test]
    fn tracked_changes_hidden_text_and_fallbacks() {
        let body = doc(
            "<w:p><w:pPr><w:pPrChange><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:pPrChange></w:pPr>\
             <w:r><w:t xml:space=\"preserve\">Kept </w:t></w:r>\
             <w:del w:id=\"1\"><w:r><w:delText>deleted </w:delText></w:r></w:del>\
             <w:ins w:id=\"2\"><w:r><w:t xml:space=\"preserve\">inserted </w:t></w:r></w:ins>\
             <w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden </w:t></w:r>\
             <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>\
             <w:r><w:t>end (synthetic)</w:t></w:r></w:p>\
             <w:p><w:r><mc:AlternateContent xmlns:mc=\"m\"><mc:Choice><w:drawing><w:txbxContent>\
             <w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>\
             <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>\
             </mc:AlternateContent></w:r><w:r><w:t>Anchor</w:t></w:r></w:p>",
        );
        let c = clean(&[
            ("word/document.xml", &body),
            ("word/numbering.xml", NUMBERING),
        ]);
        assert_eq!(c.text, "Kept inserted end (synthetic)\nIn a box\nAnchor\n");
    }

    #[test]
    fn noteref_fields_cite_a_footnote_again() {
        let body = doc(
            "<w:p><w:r><w:t>First (synthetic),</w:t></w:r><w:bookmarkStart w:id=\"0\" w:name=\"_Ref1\"/>\
             <w:r><w:footnoteReference w:id=\"4\"/></w:r><w:bookmarkEnd w:id=\"0\"/></w:p>\
             <w:p><w:r><w:t>again;</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
             <w:r><w:instrText xml:space=\"preserve\"> NOTEREF _Ref1 \\f \\h </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>\
             <w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> and</w:t></w:r>\
             <w:fldSimple w:instr=\" NOTEREF _Ref1 \\h \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>",
        );
        let notes = "<w:footnotes xmlns:w=\"x\"><w:footnote w:id=\"4\"><w:p><w:r><w:t>Note.</w:t></w:r></w:p></w:footnote></w:footnotes>";
        let c = clean(&[("word/document.xml", &body), ("word/footnotes.xml", notes)]);
        assert_eq!(
            c.text,
            "First (synthetic),[^1]\nagain;[^1] and[^1]\n\nFootnotes:\n[^1]: Note.\n"
        );
    }

    #[test]
    fn missing_footnote_text_is_a_warning() {
        let body = doc("<w:p><w:r><w:t>Text (synthetic)</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r></w:p>");
        let c = clean(&[("word/document.xml", &body)]);
        assert_eq!(c.text, "Text (synthetic)[^1]\n\nFootnotes:\n");
        assert!(c.warnings[0].contains("footnote 1"));
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(27, "lowerLetter"), "aa");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(3, "russianLower"), "в");
        assert_eq!(format_number(3, "arabicAbjad"), "ج");
        assert_eq!(format_number(12, "hindiNumbers"), "١٢");
        assert_eq!(format_number(21, "chineseCounting"), "二十一");
        assert_eq!(format_number(5, "ordinalText"), "5");
    }

    fn err(bytes: &[u8]) -> String {
        match to_clean_text(bytes) {
            Err(ErrorKind::Docx(m)) => m,
            other => panic!("expected a DOCX error, got {other:?}"),
        }
    }

    #[test]
    fn damaged_archives_are_clear_errors() {
        let good = docx(&[("word/document.xml", &doc(&p("x")))]);
        assert!(err(&good[..good.len() / 2]).contains("damaged or truncated"));
        assert!(err(b"PK\x03\x04 not really a zip").contains("damaged or truncated"));
        let other = docx(&[("readme.txt", "hello")]);
        assert!(err(&other).contains("this .zip is not a Word document"));
        let xlsx = docx(&[("xl/workbook.xml", "<x/>")]);
        assert!(err(&xlsx).contains("Excel"));
        let bad_xml = docx(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]);
        let m = err(&bad_xml);
        assert!(
            m.contains("word/document.xml") && m.contains("malformed XML"),
            "{m}"
        );
        let unclosed = docx(&[("word/document.xml", "<w:document><w:body><w:p>")]);
        assert!(err(&unclosed).contains("malformed XML"));
    }

    #[test]
    fn zip_bombs_are_refused() {
        // 65 MiB of zeros compresses to about 64 KiB.
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(false);
        z.start_file("word/document.xml", o).unwrap();
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..65 {
            z.write_all(&chunk).unwrap();
        }
        let bytes = z.finish().unwrap().into_inner();
        assert!(bytes.len() < 1024 * 1024);
        assert!(err(&bytes).contains("refusing to unpack"));
    }
}
