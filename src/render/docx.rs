//! Word .docx writer: an [`Edition`] as a small, valid Word document.
//!
//! It exists so that .docx inputs can be made by code — test fixtures from
//! synthetic editions or from editions read out of the corpus at test time —
//! and so that an edition can be handed to people who work in Word. The
//! document has the header facts (symbol, title), the organ line in the
//! edition's language, the preambular paragraphs, and the operative
//! paragraphs and sub-items with real Word automatic numbering
//! (`word/numbering.xml`), so Word shows "1.", "(a)", "(i)" without the
//! labels being part of the text. Footnotes are real Word footnotes
//! (`word/footnotes.xml`) referenced at the end of the unit that cites them
//! (the model keeps which unit cites a footnote, not where in it). Word
//! numbers footnotes in order of reference, so the numbers survive when the
//! edition's footnotes are numbered in citation order, as resolutions are.

use std::io::{self, Cursor, Seek, Write};

use super::ids_joined;
use super::report::{self, ReportOptions, Step};
use super::term::UnitTexts;
use crate::diff::{Change, ChangeKind, Comparison, Op, WordOp};
use crate::model::{roman_value, Edition, Language, Organ, Part, Unit, UnitId};

/// Automatic list for operative paragraphs (`w:abstractNumId`).
const OPERATIVE_LIST: u32 = 0;
/// Automatic list for sub-items of preambular paragraphs.
const PREAMBLE_LIST: u32 = 1;
/// The `w:num` of the operative list used when no restart is needed.
const OPERATIVE_NUM: u32 = 1;
/// Deepest sub-item level written with automatic numbering; deeper labels
/// are written as text.
const MAX_AUTO_DEPTH: usize = 2;

/// Write `ed` as a .docx to `out`.
pub fn write_docx(ed: &Edition, out: &mut (impl Write + Seek)) -> io::Result<()> {
    let parts = Parts::build(ed);
    let mut zip = zip::ZipWriter::new(out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let files: [(&str, &str); 8] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", &parts.document),
        ("word/numbering.xml", &parts.numbering),
        ("word/footnotes.xml", &parts.footnotes),
        ("word/styles.xml", STYLES),
        ("word/settings.xml", SETTINGS),
    ];
    for (name, body) in files {
        zip.start_file(name, opts).map_err(io::Error::other)?;
        zip.write_all(body.as_bytes())?;
    }
    zip.finish().map_err(io::Error::other)?;
    Ok(())
}

/// The .docx of `ed` as bytes.
pub fn docx_bytes(ed: &Edition) -> io::Result<Vec<u8>> {
    let mut cur = Cursor::new(Vec::new());
    write_docx(ed, &mut cur)?;
    Ok(cur.into_inner())
}

/// The organ line ("The General Assembly,") in the edition's language.
pub fn organ_line(organ: Option<&Organ>, lang: Language) -> &'static str {
    use Language::*;
    match (organ, lang) {
        (Some(Organ::Sc), Ar) => "إن مجلس الأمن،",
        (Some(Organ::Sc), En) => "The Security Council,",
        (Some(Organ::Sc), Es) => "El Consejo de Seguridad,",
        (Some(Organ::Sc), Fr) => "Le Conseil de sécurité,",
        (Some(Organ::Sc), Ru) => "Совет Безопасности,",
        (Some(Organ::Sc), Zh) => "安全理事会，",
        (Some(Organ::Ecosoc), Ar) => "إن المجلس الاقتصادي والاجتماعي،",
        (Some(Organ::Ecosoc), En) => "The Economic and Social Council,",
        (Some(Organ::Ecosoc), Es) => "El Consejo Económico y Social,",
        (Some(Organ::Ecosoc), Fr) => "Le Conseil économique et social,",
        (Some(Organ::Ecosoc), Ru) => "Экономический и Социальный Совет,",
        (Some(Organ::Ecosoc), Zh) => "经济及社会理事会，",
        (Some(Organ::Hrc), Ar) => "إن مجلس حقوق الإنسان،",
        (Some(Organ::Hrc), En) => "The Human Rights Council,",
        (Some(Organ::Hrc), Es) => "El Consejo de Derechos Humanos,",
        (Some(Organ::Hrc), Fr) => "Le Conseil des droits de l’homme,",
        (Some(Organ::Hrc), Ru) => "Совет по правам человека,",
        (Some(Organ::Hrc), Zh) => "人权理事会，",
        (_, Ar) => "إن الجمعية العامة،",
        (_, En) => "The General Assembly,",
        (_, Es) => "La Asamblea General,",
        (_, Fr) => "L’Assemblée générale,",
        (_, Ru) => "Генеральная Ассамблея,",
        (_, Zh) => "大会，",
    }
}

/// Escape text for XML content and attributes; drop characters XML 1.0 forbids.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The expected automatic label value of a sub-item label at `depth`
/// (1 = letters, 2 = roman numerals), as a counter value.
fn label_value(label: &str, depth: usize) -> Option<i64> {
    match depth {
        1 if label.len() == 1 && label.bytes().all(|b| b.is_ascii_lowercase()) => {
            Some(i64::from(label.as_bytes()[0] - b'a') + 1)
        }
        2 => roman_value(label).map(i64::from),
        _ => None,
    }
}

/// The generated XML parts that depend on the edition.
struct Parts {
    document: String,
    numbering: String,
    footnotes: String,
}

/// Builds the document body, numbering instances and footnotes together.
struct Builder<'a> {
    ed: &'a Edition,
    body: String,
    /// Extra `w:num` instances: (numId, abstractNumId, start override of level 0).
    nums: Vec<(u32, u32, i64)>,
    notes: String,
    /// Footnote numbers already referenced.
    referenced: Vec<u32>,
    /// Footnote numbers cited more than once: their first reference is
    /// bookmarked and later citations are `NOTEREF` fields, as Word does.
    repeated: Vec<u32>,
}

impl<'a> Builder<'a> {
    fn next_num(&mut self, list: u32, start: i64) -> u32 {
        let id = OPERATIVE_NUM + 1 + self.nums.len() as u32;
        self.nums.push((id, list, start));
        id
    }

    /// Footnote references for `numbers`, as runs; each footnote body is
    /// written once, at its first reference.
    fn refs(&mut self, numbers: &[u32]) -> String {
        let mut runs = String::new();
        for &n in numbers {
            if self.referenced.contains(&n) {
                runs.push_str(&format!(
                    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
                     <w:r><w:instrText xml:space=\"preserve\"> NOTEREF _RefNote{n} \\f \\h </w:instrText></w:r>\
                     <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
                     <w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:t>{n}</w:t></w:r>\
                     <w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                ));
                continue;
            }
            let Some(f) = self.ed.footnotes.iter().find(|f| f.number == n) else {
                continue;
            };
            self.referenced.push(n);
            let reference = format!(
                "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"{n}\"/></w:r>"
            );
            if self.repeated.contains(&n) {
                runs.push_str(&format!(
                    "<w:bookmarkStart w:id=\"{n}\" w:name=\"_RefNote{n}\"/>{reference}<w:bookmarkEnd w:id=\"{n}\"/>"
                ));
            } else {
                runs.push_str(&reference);
            }
            self.notes.push_str(&format!(
                "<w:footnote w:id=\"{n}\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/>{}</w:pPr>\
                 <w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>\
                 <w:r><w:t xml:space=\"preserve\"> {}</w:t></w:r></w:p></w:footnote>",
                self.bidi(),
                esc(&f.text)
            ));
        }
        runs
    }

    fn bidi(&self) -> &'static str {
        if self.ed.language.is_rtl() {
            "<w:bidi/>"
        } else {
            ""
        }
    }

    /// One paragraph: optional numbering (numId, level), text, footnote references.
    fn para(&mut self, num: Option<(u32, usize)>, text: &str, notes: &[u32]) {
        let num_pr = num.map_or(String::new(), |(id, lvl)| {
            format!("<w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{id}\"/></w:numPr>")
        });
        let refs = self.refs(notes);
        let run = if text.is_empty() {
            String::new()
        } else {
            format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(text))
        };
        self.body.push_str(&format!(
            "<w:p><w:pPr>{num_pr}{}</w:pPr>{run}{refs}</w:p>",
            self.bidi()
        ));
    }

    fn blank(&mut self) {
        self.body.push_str("<w:p/>");
    }

    /// The paragraphs of one part (preamble or operative).
    fn part(&mut self, units: &[&Unit], _part: Part) {
        let mut numberer = Numberer::default();
        for u in units {
            match numberer.number(self, &u.id) {
                Num::Plain => self.para(None, &u.text, &u.footnotes),
                Num::Auto(id, lvl) => self.para(Some((id, lvl)), &u.text, &u.footnotes),
                Num::Label(label) => self.para(None, &format!("{label} {}", u.text), &u.footnotes),
            }
        }
    }

    /// A builder for `ed`, with the footnotes cited outside the units.
    fn new(ed: &'a Edition) -> (Self, Vec<u32>) {
        let mut b = Builder {
            ed,
            body: String::new(),
            nums: Vec::new(),
            notes: String::new(),
            referenced: Vec::new(),
            repeated: Vec::new(),
        };
        // Footnotes cited outside the units go with the title (or the symbol).
        let outside: Vec<u32> = ed
            .footnotes
            .iter()
            .filter(|f| f.unit.as_ref().map_or(true, |id| ed.unit(id).is_none()))
            .map(|f| f.number)
            .collect();
        let mut seen = Vec::new();
        for n in ed.units.iter().flat_map(|u| &u.footnotes).chain(&outside) {
            if seen.contains(n) {
                b.repeated.push(*n);
            } else {
                seen.push(*n);
            }
        }
        (b, outside)
    }

    /// Symbol, numbered title and organ line.
    fn header(&mut self, outside: &[u32]) {
        let ed = self.ed;
        let mut outside_done = false;
        if let Some(symbol) = &ed.facts.symbol {
            self.para(None, symbol, &[]);
            self.blank();
        }
        if let Some(title) = &ed.facts.title {
            let numbered = ed
                .facts
                .symbol
                .as_deref()
                .and_then(|s| s.strip_prefix("A/RES/"))
                .map(|n| format!("{n}. {title}"))
                .unwrap_or_else(|| title.clone());
            self.para(None, &numbered, outside);
            self.blank();
            outside_done = true;
        }
        self.para(
            None,
            organ_line(ed.facts.organ.as_ref(), ed.language),
            if outside_done { &[] } else { outside },
        );
        self.blank();
    }
}

/// How one unit is numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Num {
    /// No number (preambular paragraphs).
    Plain,
    /// Word automatic numbering: (numId, level).
    Auto(u32, usize),
    /// A label Word's lists cannot produce, written as text: `(bis)`.
    Label(String),
}

/// Counters mirroring Word's while units are written in document order:
/// the operative list's level 0 and the current sub-item levels. A jump in
/// the operative numbers starts a new list instance at the printed number.
#[derive(Debug, Default)]
struct Numberer {
    part: Option<Part>,
    op_counter: i64,
    op_num: u32,
    sub_counters: [i64; MAX_AUTO_DEPTH + 1],
    pp_num: Option<u32>,
}

impl Numberer {
    fn number(&mut self, b: &mut Builder, id: &UnitId) -> Num {
        if self.part != Some(id.part) {
            *self = Numberer {
                part: Some(id.part),
                op_num: OPERATIVE_NUM,
                ..Numberer::default()
            };
        }
        let depth = id.sub.len();
        if depth == 0 {
            self.sub_counters = [0; MAX_AUTO_DEPTH + 1];
            return match id.part {
                Part::Preamble => {
                    self.pp_num = None;
                    Num::Plain
                }
                Part::Operative => {
                    let n = i64::from(id.number);
                    if n != self.op_counter + 1 {
                        self.op_num = b.next_num(OPERATIVE_LIST, n);
                    }
                    self.op_counter = n;
                    Num::Auto(self.op_num, 0)
                }
            };
        }
        let label = id.sub.last().map(String::as_str).unwrap_or("");
        let auto = depth <= MAX_AUTO_DEPTH
            && label_value(label, depth) == Some(self.sub_counters[depth] + 1);
        if !auto {
            return Num::Label(format!("({label})"));
        }
        self.sub_counters[depth] += 1;
        for c in self.sub_counters.iter_mut().skip(depth + 1) {
            *c = 0;
        }
        match id.part {
            Part::Operative => Num::Auto(self.op_num, depth),
            Part::Preamble => {
                let list = match self.pp_num {
                    Some(list) => list,
                    None => {
                        let list = b.next_num(PREAMBLE_LIST, 1);
                        self.pp_num = Some(list);
                        list
                    }
                };
                Num::Auto(list, depth - 1)
            }
        }
    }
}

impl Parts {
    fn build(ed: &Edition) -> Parts {
        let (mut b, outside) = Builder::new(ed);
        b.header(&outside);
        let pre: Vec<&Unit> = ed.preamble().collect();
        let ops: Vec<&Unit> = ed.operative().collect();
        b.part(&pre, Part::Preamble);
        if !pre.is_empty() {
            b.blank();
        }
        b.part(&ops, Part::Operative);
        Parts::finish(b)
    }

    /// The XML parts around a built body.
    fn finish(b: Builder) -> Parts {
        let document = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>{}\
             <w:sectPr><w:pgSz w:w=\"12240\" w:h=\"15840\"/>\
             <w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>\
             </w:sectPr></w:body></w:document>",
            b.body
        );
        let mut nums = format!("<w:num w:numId=\"{OPERATIVE_NUM}\"><w:abstractNumId w:val=\"{OPERATIVE_LIST}\"/></w:num>");
        for (id, list, start) in &b.nums {
            nums.push_str(&format!(
                "<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"{list}\"/>\
                 <w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>"
            ));
        }
        let level = |ilvl: usize, fmt: &str, text: &str, indent: u32| {
            format!(
                "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/>\
                 <w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
                 <w:pPr><w:ind w:left=\"{indent}\" w:hanging=\"567\"/></w:pPr></w:lvl>"
            )
        };
        let numbering = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:numbering xmlns:w=\"{W_NS}\">\
             <w:abstractNum w:abstractNumId=\"{OPERATIVE_LIST}\"><w:multiLevelType w:val=\"multilevel\"/>{}{}{}</w:abstractNum>\
             <w:abstractNum w:abstractNumId=\"{PREAMBLE_LIST}\"><w:multiLevelType w:val=\"multilevel\"/>{}{}</w:abstractNum>\
             {nums}</w:numbering>",
            level(0, "decimal", "%1.", 567),
            level(1, "lowerLetter", "(%2)", 1134),
            level(2, "lowerRoman", "(%3)", 1701),
            level(0, "lowerLetter", "(%1)", 1134),
            level(1, "lowerRoman", "(%2)", 1701),
        );
        let footnotes = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:footnotes xmlns:w=\"{W_NS}\">\
             <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
             <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
             {}</w:footnotes>",
            b.notes
        );
        Parts {
            document,
            numbering,
            footnotes,
        }
    }
}

// ---- tracked changes ---------------------------------------------------------

/// Author written on revisions when none is given.
pub const DEFAULT_AUTHOR: &str = "resdiff";

/// Who made the revisions of a tracked-changes document, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackOptions {
    pub author: String,
    /// ISO 8601 UTC, `2026-01-31T12:00:00Z` (see [`iso_utc`]).
    pub date: String,
}

impl Default for TrackOptions {
    fn default() -> Self {
        TrackOptions {
            author: DEFAULT_AUTHOR.to_string(),
            date: iso_utc(0),
        }
    }
}

/// `YYYY-MM-DDThh:mm:ssZ` for seconds since the Unix epoch, in UTC.
pub fn iso_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from a day count (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Paragraph style of every clause paragraph of a tracked document, so
/// programs (and the tests) can tell clauses from the header.
pub const CLAUSE_STYLE: &str = "Clause";
/// Character style of a clause label written as text (`(bis)`, or the old
/// number of a deleted paragraph), which is not part of the clause text.
pub const LABEL_STYLE: &str = "ClauseLabel";

/// Write the new edition of `cmp` as a .docx in which every change against
/// the old edition is a tracked revision.
///
/// The paragraphs follow [`report::plan`]: a clause matched in place is one
/// paragraph whose deleted and inserted word runs (the `Delete` and `Insert`
/// runs of its word diff) are `w:del` and `w:ins` revisions, one each; every
/// other old clause (removed, moved away, or part of a split or merge) is a
/// deleted paragraph, one `w:del`, and every other new clause an inserted
/// paragraph, one `w:ins`. Moves, splits and merges carry a comment saying
/// where the clause went or came from. Accepting all revisions gives the new
/// edition's clauses, rejecting all the old edition's. Operative paragraphs
/// and sub-items use Word numbering as in [`write_docx`]; a deleted paragraph
/// shows its old number as deleted text. Lead phrases are in italics.
/// Footnotes are those of the new edition. When `report` classifies the
/// changes, each changed clause carries a comment naming its class
/// ("routine", "substantive").
pub fn write_tracked_docx(
    cmp: &Comparison,
    opts: &TrackOptions,
    report: &ReportOptions,
    out: &mut (impl Write + Seek),
) -> io::Result<()> {
    let t = Tracker::build(cmp, opts, report);
    let comments = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:comments xmlns:w=\"{W_NS}\">{}</w:comments>",
        t.comments
    );
    let settings = SETTINGS.replace("<w:footnotePr>", "<w:trackRevisions/><w:footnotePr>");
    let styles = STYLES.replace(
        "</w:styles>",
        &format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{CLAUSE_STYLE}\"><w:name w:val=\"Clause\"/><w:basedOn w:val=\"Normal\"/></w:style>\
             <w:style w:type=\"character\" w:styleId=\"{LABEL_STYLE}\"><w:name w:val=\"Clause label\"/></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"CommentText\"><w:name w:val=\"annotation text\"/><w:basedOn w:val=\"Normal\"/></w:style>\
             <w:style w:type=\"character\" w:styleId=\"CommentReference\"><w:name w:val=\"annotation reference\"/><w:rPr><w:sz w:val=\"16\"/></w:rPr></w:style>\
             </w:styles>"
        ),
    );
    let types = CONTENT_TYPES.replace(
        "</Types>",
        "<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/></Types>",
    );
    let rels = DOCUMENT_RELS.replace(
        "</Relationships>",
        "<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/></Relationships>",
    );
    let parts = Parts::finish(t.b);
    let mut zip = zip::ZipWriter::new(out);
    let zopts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // A fixed time stamp keeps the file reproducible.
        .last_modified_time(zip::DateTime::default());
    let files: [(&str, &str); 9] = [
        ("[Content_Types].xml", &types),
        ("_rels/.rels", ROOT_RELS),
        ("word/_rels/document.xml.rels", &rels),
        ("word/document.xml", &parts.document),
        ("word/numbering.xml", &parts.numbering),
        ("word/footnotes.xml", &parts.footnotes),
        ("word/comments.xml", &comments),
        ("word/styles.xml", &styles),
        ("word/settings.xml", &settings),
    ];
    for (name, body) in files {
        zip.start_file(name, zopts).map_err(io::Error::other)?;
        zip.write_all(body.as_bytes())?;
    }
    zip.finish().map_err(io::Error::other)?;
    Ok(())
}

/// The tracked-changes .docx of `cmp` as bytes.
pub fn tracked_docx_bytes(
    cmp: &Comparison,
    opts: &TrackOptions,
    report: &ReportOptions,
) -> io::Result<Vec<u8>> {
    let mut cur = Cursor::new(Vec::new());
    write_tracked_docx(cmp, opts, report, &mut cur)?;
    Ok(cur.into_inner())
}

/// Whether a paragraph mark itself is a revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Kept,
    Inserted,
    Deleted,
}

/// Builds the body of a tracked-changes document on a [`Builder`] for the
/// new edition (numbering, footnotes, header).
struct Tracker<'a> {
    b: Builder<'a>,
    attrs: String,
    next_rev: u32,
    comments: String,
    next_comment: u32,
    rtl: bool,
}

impl<'a> Tracker<'a> {
    fn build(cmp: &'a Comparison, opts: &TrackOptions, report: &ReportOptions) -> Tracker<'a> {
        let classes = report.classes(cmp);
        // The comment on a change: its class, then `note`.
        let class_note = |k: Option<usize>, note: Option<String>| -> Option<String> {
            let class = k.and_then(|k| classes.get(k).copied().flatten());
            match (class, note) {
                (Some(c), Some(n)) => Some(format!("{}: {n}", c.name())),
                (Some(c), None) => Some(c.name().to_string()),
                (None, n) => n,
            }
        };
        let (mut b, outside) = Builder::new(&cmp.new);
        b.header(&outside);
        let mut t = Tracker {
            b,
            attrs: format!(
                "w:author=\"{}\" w:date=\"{}\"",
                esc(&opts.author),
                esc(&opts.date)
            ),
            next_rev: 1,
            comments: String::new(),
            next_comment: 0,
            rtl: cmp.new.language.is_rtl(),
        };
        let texts = UnitTexts::new(cmp);
        let lang = cmp.new.language;
        let mut numberer = Numberer::default();
        let mut blank_done = false;
        for step in report::plan(cmp) {
            let part = match step {
                Step::Anchor { new, .. } | Step::New { unit: new, .. } => {
                    cmp.new.units.get(new).map(|u| u.id.part)
                }
                Step::Old { unit, .. } => cmp.old.units.get(unit).map(|u| u.id.part),
            };
            if part == Some(Part::Operative) && !blank_done {
                blank_done = true;
                if cmp.new.preamble().next().is_some() || cmp.old.preamble().next().is_some() {
                    t.b.blank();
                }
            }
            match step {
                Step::Anchor { change, old, new } => {
                    let (Some(c), Some(o), Some(u)) = (
                        cmp.changes.get(change),
                        cmp.old.units.get(old),
                        cmp.new.units.get(new),
                    ) else {
                        continue;
                    };
                    let num = numberer.number(&mut t.b, &u.id);
                    let leads = (
                        report::lead_len(&o.text, lang, o.id.depth()),
                        report::lead_len(&u.text, lang, u.id.depth()),
                    );
                    let mut content = t.label_run(&num, false);
                    content.push_str(&t.script(&texts.script(c), leads));
                    content.push_str(&t.b.refs(&u.footnotes));
                    if let Some(note) = class_note(Some(change), None) {
                        let (start, end) = t.comment(&note);
                        content = format!("{start}{content}{end}");
                    }
                    t.para(&num, Mark::Kept, &content);
                }
                Step::New { change, unit } => {
                    let Some(u) = cmp.new.units.get(unit) else {
                        continue;
                    };
                    let num = numberer.number(&mut t.b, &u.id);
                    let lead = report::lead_len(&u.text, lang, u.id.depth());
                    let mut inner = t.label_run(&num, false);
                    inner.push_str(&t.runs(&u.text, 0, lead, false));
                    inner.push_str(&t.b.refs(&u.footnotes));
                    let note = class_note(
                        change,
                        change.and_then(|k| cmp.changes.get(k)).and_then(note_new),
                    );
                    let content = t.wrap(Mark::Inserted, &inner, note);
                    t.para(&num, Mark::Inserted, &content);
                }
                Step::Old { change, unit } => {
                    let Some(o) = cmp.old.units.get(unit) else {
                        continue;
                    };
                    let lead = report::lead_len(&o.text, lang, o.id.depth());
                    let label = old_label(&o.id);
                    let mut inner = t.label_run(&Num::Label(label), true);
                    inner.push_str(&t.runs(&o.text, 0, lead, true));
                    let note = class_note(
                        change,
                        change
                            .and_then(|k| cmp.changes.get(k))
                            .and_then(|c| note_old(c, &o.id)),
                    );
                    let content = t.wrap(Mark::Deleted, &inner, note);
                    t.para(&Num::Plain, Mark::Deleted, &content);
                }
            }
        }
        t
    }

    fn rev(&mut self) -> String {
        let id = self.next_rev;
        self.next_rev += 1;
        format!("w:id=\"{id}\" {}", self.attrs)
    }

    /// Run properties: italic lead, label style, right to left.
    fn rpr(&self, italic: bool, style: Option<&str>) -> String {
        let mut p = String::new();
        if let Some(s) = style {
            p.push_str(&format!("<w:rStyle w:val=\"{s}\"/>"));
        }
        if italic {
            p.push_str("<w:i/><w:iCs/>");
        }
        if self.rtl {
            p.push_str("<w:rtl/>");
        }
        if p.is_empty() {
            p
        } else {
            format!("<w:rPr>{p}</w:rPr>")
        }
    }

    fn run(&self, text: &str, italic: bool, deleted: bool, style: Option<&str>) -> String {
        if text.is_empty() {
            return String::new();
        }
        let tag = if deleted { "w:delText" } else { "w:t" };
        format!(
            "<w:r>{}<{tag} xml:space=\"preserve\">{}</{tag}></w:r>",
            self.rpr(italic, style),
            esc(text)
        )
    }

    /// Runs for `text`, which starts at byte `from` of its clause; the part
    /// before byte `lead` of the clause is italic.
    fn runs(&self, text: &str, from: usize, lead: usize, deleted: bool) -> String {
        let mut cut = lead.saturating_sub(from).min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let (a, b) = text.split_at(cut);
        format!(
            "{}{}",
            self.run(a, true, deleted, None),
            self.run(b, false, deleted, None)
        )
    }

    /// A label written as text (irregular labels, old numbers of deleted paragraphs).
    fn label_run(&self, num: &Num, deleted: bool) -> String {
        match num {
            Num::Label(l) if !l.is_empty() => {
                self.run(&format!("{l} "), false, deleted, Some(LABEL_STYLE))
            }
            _ => String::new(),
        }
    }

    /// A word diff as runs: one `w:del` per deleted run, one `w:ins` per
    /// inserted run. `leads` are the lead lengths in the old and new text.
    fn script(&mut self, ops: &[WordOp], leads: (usize, usize)) -> String {
        let (mut po, mut pn) = (0usize, 0usize);
        let mut s = String::new();
        for o in ops {
            match o.op {
                Op::Equal => {
                    s.push_str(&self.runs(&o.text, pn, leads.1, false));
                    po += o.text.len();
                    pn += o.text.len();
                }
                Op::Delete => {
                    let r = self.runs(&o.text, po, leads.0, true);
                    let rev = self.rev();
                    s.push_str(&format!("<w:del {rev}>{r}</w:del>"));
                    po += o.text.len();
                }
                Op::Insert => {
                    let r = self.runs(&o.text, pn, leads.1, false);
                    let rev = self.rev();
                    s.push_str(&format!("<w:ins {rev}>{r}</w:ins>"));
                    pn += o.text.len();
                }
            }
        }
        s
    }

    /// Runs wrapped in one revision, with an optional comment on them.
    fn wrap(&mut self, mark: Mark, inner: &str, note: Option<String>) -> String {
        if inner.is_empty() {
            return String::new();
        }
        let tag = if mark == Mark::Deleted {
            "w:del"
        } else {
            "w:ins"
        };
        let rev = self.rev();
        let Some(note) = note else {
            return format!("<{tag} {rev}>{inner}</{tag}>");
        };
        let (start, end) = self.comment(&note);
        format!("{start}<{tag} {rev}>{inner}{end}</{tag}>")
    }

    /// A comment: the mark-up that opens its range, and the mark-up that
    /// closes it with the reference run.
    fn comment(&mut self, note: &str) -> (String, String) {
        let id = self.next_comment;
        self.next_comment += 1;
        self.comments.push_str(&format!(
            "<w:comment w:id=\"{id}\" {} w:initials=\"rd\"><w:p><w:pPr><w:pStyle w:val=\"CommentText\"/></w:pPr>\
             <w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:annotationRef/></w:r>\
             <w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:comment>",
            self.attrs,
            esc(note)
        ));
        (
            format!("<w:commentRangeStart w:id=\"{id}\"/>"),
            format!(
                "<w:commentRangeEnd w:id=\"{id}\"/>\
                 <w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"{id}\"/></w:r>"
            ),
        )
    }

    fn para(&mut self, num: &Num, mark: Mark, content: &str) {
        let num_pr = match num {
            Num::Auto(id, lvl) => {
                format!("<w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{id}\"/></w:numPr>")
            }
            _ => String::new(),
        };
        let mark_pr = match mark {
            Mark::Kept => String::new(),
            Mark::Inserted => format!("<w:rPr><w:ins {}/></w:rPr>", self.rev()),
            Mark::Deleted => format!("<w:rPr><w:del {}/></w:rPr>", self.rev()),
        };
        let bidi = self.b.bidi();
        self.b.body.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"{CLAUSE_STYLE}\"/>{num_pr}{bidi}{mark_pr}</w:pPr>{content}</w:p>"
        ));
    }
}

/// The number a deleted paragraph showed: `5.` for an operative paragraph,
/// `(a)` for a sub-item, nothing for a preambular paragraph.
fn old_label(id: &UnitId) -> String {
    match (id.sub.last(), id.part) {
        (Some(l), _) => format!("({l})"),
        (None, Part::Operative) => format!("{}.", id.number),
        (None, Part::Preamble) => String::new(),
    }
}

/// Comment on an inserted paragraph that came from elsewhere.
fn note_new(c: &Change) -> Option<String> {
    match c.kind {
        _ if c.moved => Some(format!(
            "{} moved here (was {})",
            ids_joined(&c.new),
            ids_joined(&c.old)
        )),
        ChangeKind::Split => Some(format!(
            "{} split into {}",
            ids_joined(&c.old),
            ids_joined(&c.new)
        )),
        ChangeKind::Merged => Some(format!(
            "{} merged into {}",
            ids_joined(&c.old),
            ids_joined(&c.new)
        )),
        _ => None,
    }
}

/// Comment on a deleted paragraph whose text lives on elsewhere.
fn note_old(c: &Change, id: &UnitId) -> Option<String> {
    match c.kind {
        _ if c.moved => Some(format!("{id} moved to {}", ids_joined(&c.new))),
        ChangeKind::Split => Some(format!("{id} split into {}", ids_joined(&c.new))),
        ChangeKind::Merged => Some(format!("{id} merged into {}", ids_joined(&c.new))),
        _ => None,
    }
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/>\
<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
</Relationships>";

const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>\
<w:pPr><w:spacing w:after=\"120\"/><w:jc w:val=\"both\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"FootnoteText\"><w:name w:val=\"footnote text\"/><w:basedOn w:val=\"Normal\"/>\
<w:rPr><w:sz w:val=\"17\"/></w:rPr></w:style>\
<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/>\
<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>\
</w:styles>";

const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>\
</w:settings>";

/// The integration tests' reader of tracked documents, for the unit tests.
#[cfg(test)]
#[path = "../../tests/docx_support/mod.rs"]
mod docx_support;

#[cfg(test)]
mod tests {
    use super::docx_support::read_tracked;
    use super::*;
    use crate::ingest::docx::to_clean_text;
    use crate::model::{Footnote, SourceFormat, UnitId};

    /// A synthetic edition with sub-items, a gap in the operative numbering,
    /// an irregular label and footnotes.
    fn synthetic() -> Edition {
        let mut ed = Edition::new("synthetic", SourceFormat::Canonical, Language::En);
        ed.facts.symbol = Some("A/RES/99/1".into());
        ed.facts.title = Some("Synthetic test resolution".into());
        ed.facts.organ = Some(Organ::Ga);
        let id = |s: &str| s.parse::<UnitId>().unwrap();
        let mut pp1 = Unit::new(id("PP1"), "Recalling a synthetic clause & <markup>,");
        pp1.footnotes = vec![1];
        ed.units = vec![
            pp1,
            Unit::new(id("PP2"), "Noting that (synthetic):"),
            Unit::new(id("PP2(a)"), "first item,"),
            Unit::new(id("PP2(b)"), "second item,"),
            Unit::new(id("OP1"), "Decides (synthetic):"),
            Unit::new(id("OP1(a)"), "lettered;"),
            Unit::new(id("OP1(a)(i)"), "roman;"),
            Unit::new(id("OP1(a)(ii)"), "roman two;"),
            Unit::new(id("OP1(b)"), "lettered two;"),
            Unit::new(id("OP1(bis)"), "irregular;"),
            Unit::new(id("OP2"), "Requests (synthetic);"),
            Unit::new(id("OP4"), "Decides to remain seized (synthetic)."),
        ];
        ed.units[10].footnotes = vec![2];
        ed.units[11].footnotes = vec![1];
        ed.footnotes = vec![
            Footnote {
                number: 1,
                text: "Synthetic note one.".into(),
                unit: Some(id("PP1")),
            },
            Footnote {
                number: 2,
                text: "Synthetic note two.".into(),
                unit: Some(id("OP2")),
            },
        ];
        ed
    }

    #[test]
    fn written_docx_reads_back_as_clean_text() {
        let bytes = docx_bytes(&synthetic()).unwrap();
        let clean = to_clean_text(&bytes).unwrap();
        assert_eq!(
            clean.text,
            "A/RES/99/1\n\n99/1. Synthetic test resolution\n\nThe General Assembly,\n\n\
             Recalling a synthetic clause & <markup>,[^1]\nNoting that (synthetic):\n(a) first item,\n(b) second item,\n\n\
             1. Decides (synthetic):\n(a) lettered;\n(i) roman;\n(ii) roman two;\n(b) lettered two;\n(bis) irregular;\n\
             2. Requests (synthetic);[^2]\n4. Decides to remain seized (synthetic).[^1]\n\n\
             Footnotes:\n[^1]: Synthetic note one.\n[^2]: Synthetic note two.\n"
        );
        assert!(clean.warnings.is_empty());
    }

    #[test]
    fn labels_are_automatic_numbering_not_text() {
        let bytes = docx_bytes(&synthetic()).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut doc = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut doc)
            .unwrap();
        assert!(doc.contains("<w:numId w:val=\"1\"/>"));
        assert!(!doc.contains(">1. Decides"));
        assert!(doc.contains("(bis) irregular;"));
        assert!(doc.contains("&amp; &lt;markup&gt;"));
    }

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    }

    /// Accepting all revisions gives the new edition, rejecting all the old
    /// one, on synthetic pairs with moves, splits, merges and removals; moves
    /// carry comments; revisions carry author and date.
    #[test]
    fn tracked_accept_and_reject_give_both_editions() {
        use crate::diff::{compare, CompareOptions};
        use crate::synth::{generate, Level};
        let opts = TrackOptions {
            author: "Drafting <group> (synthetic)".into(),
            date: iso_utc(1_700_000_000),
        };
        let mut moves = 0;
        for seed in 0..8 {
            let case = generate(seed, 50, Level::Heavy);
            let cmp = compare(&case.old, &case.new, &CompareOptions::default());
            let bytes = tracked_docx_bytes(&cmp, &opts, &ReportOptions::default()).unwrap();
            let doc = part(&bytes, "word/document.xml");
            let t = read_tracked(&doc);
            let texts = |ed: &Edition| ed.units.iter().map(|u| u.text.clone()).collect::<Vec<_>>();
            assert_eq!(t.accepted, texts(&cmp.new), "seed {seed}");
            assert_eq!(t.rejected, texts(&cmp.old), "seed {seed}");
            assert!(doc.contains(
                "w:author=\"Drafting &lt;group&gt; (synthetic)\" w:date=\"2023-11-14T22:13:20Z\""
            ));
            let comments = part(&bytes, "word/comments.xml");
            for c in cmp.changes.iter().filter(|c| c.moved) {
                moves += 1;
                assert!(
                    comments.contains(&format!("moved to {}", ids_joined(&c.new))),
                    "{comments}"
                );
            }
        }
        assert!(moves > 0);
    }

    #[test]
    fn tracked_revisions_are_the_word_runs_of_the_diff() {
        use crate::diff::{compare, CompareOptions};
        let mut old = synthetic();
        let mut new = synthetic();
        old.units[10].text = "Requests a report at its seventy-sixth session (synthetic);".into();
        new.units[10].text =
            "Requests a full report at its seventy-eighth session (synthetic);".into();
        new.units.remove(3); // PP2(b) removed
        let cmp = compare(&old, &new, &CompareOptions::default());
        let bytes =
            tracked_docx_bytes(&cmp, &TrackOptions::default(), &ReportOptions::default()).unwrap();
        let doc = part(&bytes, "word/document.xml");
        let t = read_tracked(&doc);
        // OP2: "full " inserted, "sixth" → "eighth": two insertions, one
        // deletion; PP2(b): one deleted paragraph.
        assert_eq!((t.ins, t.del), (2, 2), "{doc}");
        assert!(doc.contains("<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Requests</w:t>"));
        assert!(doc.contains("<w:delText xml:space=\"preserve\">(b) </w:delText>"));
        assert!(doc.contains("w:date=\"1970-01-01T00:00:00Z\""));
        assert!(part(&bytes, "word/settings.xml").contains("<w:trackRevisions/>"));
        // Same input, same bytes.
        assert_eq!(
            bytes,
            tracked_docx_bytes(&cmp, &TrackOptions::default(), &ReportOptions::default()).unwrap()
        );
    }

    /// A classification becomes comments, and leaves the text alone.
    #[test]
    fn tracked_classes_are_comments() {
        use crate::diff::{compare, CompareOptions};
        use crate::render::report::Class;
        use crate::synth::{generate, Level};
        let case = generate(4, 40, Level::Typical);
        let cmp = compare(&case.old, &case.new, &CompareOptions::default());
        let rule = |_: usize, c: &Change| -> Option<Class> {
            (c.kind != ChangeKind::Unchanged || c.moved).then_some(Class::Substantive)
        };
        let report = ReportOptions {
            classify: Some(&rule),
            ..ReportOptions::default()
        };
        let bytes = tracked_docx_bytes(&cmp, &TrackOptions::default(), &report).unwrap();
        let t = read_tracked(&part(&bytes, "word/document.xml"));
        let texts = |ed: &Edition| ed.units.iter().map(|u| u.text.clone()).collect::<Vec<_>>();
        assert_eq!(t.accepted, texts(&cmp.new));
        assert_eq!(t.rejected, texts(&cmp.old));
        let comments = part(&bytes, "word/comments.xml");
        let changed = cmp
            .changes
            .iter()
            .filter(|c| c.kind != ChangeKind::Unchanged || c.moved)
            .count();
        assert!(
            comments.matches(">substantive").count() >= changed,
            "{comments}"
        );
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso_utc(1_764_288_000 + 3_661), "2025-11-28T01:01:01Z");
        assert_eq!(iso_utc(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn organ_lines_follow_language_and_organ() {
        assert_eq!(
            organ_line(Some(&Organ::Sc), Language::Fr),
            "Le Conseil de sécurité,"
        );
        assert_eq!(organ_line(None, Language::Zh), "大会，");
    }
}
