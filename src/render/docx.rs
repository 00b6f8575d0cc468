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

use crate::model::{roman_value, Edition, Language, Organ, Part, Unit};

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

impl Builder<'_> {
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
    fn part(&mut self, units: &[&Unit], part: Part) {
        // Counters mirroring Word's: the operative list's level 0, and the
        // current sub-item levels.
        let mut op_counter: i64 = 0;
        let mut op_num = OPERATIVE_NUM;
        let mut sub_counters = [0i64; MAX_AUTO_DEPTH + 1];
        let mut pp_num: Option<u32> = None;
        for u in units {
            let depth = u.id.sub.len();
            if depth == 0 {
                sub_counters = [0; MAX_AUTO_DEPTH + 1];
                match part {
                    Part::Preamble => {
                        pp_num = None;
                        self.para(None, &u.text, &u.footnotes);
                    }
                    Part::Operative => {
                        let n = i64::from(u.id.number);
                        if n != op_counter + 1 {
                            op_num = self.next_num(OPERATIVE_LIST, n);
                        }
                        op_counter = n;
                        self.para(Some((op_num, 0)), &u.text, &u.footnotes);
                    }
                }
                continue;
            }
            let label = u.id.sub.last().map(String::as_str).unwrap_or("");
            let auto = depth <= MAX_AUTO_DEPTH
                && label_value(label, depth) == Some(sub_counters[depth] + 1);
            if !auto {
                self.para(None, &format!("({label}) {}", u.text), &u.footnotes);
                continue;
            }
            sub_counters[depth] += 1;
            for c in sub_counters.iter_mut().skip(depth + 1) {
                *c = 0;
            }
            let num = match part {
                Part::Operative => (op_num, depth),
                Part::Preamble => {
                    let id = match pp_num {
                        Some(id) => id,
                        None => {
                            let id = self.next_num(PREAMBLE_LIST, 1);
                            pp_num = Some(id);
                            id
                        }
                    };
                    (id, depth - 1)
                }
            };
            self.para(Some(num), &u.text, &u.footnotes);
        }
    }
}

impl Parts {
    fn build(ed: &Edition) -> Parts {
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
        let mut outside_done = false;
        if let Some(symbol) = &ed.facts.symbol {
            b.para(None, symbol, &[]);
            b.blank();
        }
        if let Some(title) = &ed.facts.title {
            let numbered = ed
                .facts
                .symbol
                .as_deref()
                .and_then(|s| s.strip_prefix("A/RES/"))
                .map(|n| format!("{n}. {title}"))
                .unwrap_or_else(|| title.clone());
            b.para(None, &numbered, &outside);
            b.blank();
            outside_done = true;
        }
        b.para(
            None,
            organ_line(ed.facts.organ.as_ref(), ed.language),
            if outside_done { &[] } else { &outside },
        );
        b.blank();
        let pre: Vec<&Unit> = ed.preamble().collect();
        let ops: Vec<&Unit> = ed.operative().collect();
        b.part(&pre, Part::Preamble);
        if !pre.is_empty() {
            b.blank();
        }
        b.part(&ops, Part::Operative);
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

#[cfg(test)]
mod tests {
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

    #[test]
    fn organ_lines_follow_language_and_organ() {
        assert_eq!(
            organ_line(Some(&Organ::Sc), Language::Fr),
            "Le Conseil de sécurité,"
        );
        assert_eq!(organ_line(None, Language::Zh), "大会，");
    }
}
