//! Plain-text reader: clean text (one paragraph per line) and text
//! extracted from PDF (wrapped lines with page furniture).
//!
//! Two kinds of plain text reach this reader:
//!
//! * **Clean text**, one paragraph per line, as in the shared fulltext
//!   corpus: header lines, the organ line, paragraphs, footnote markers
//!   `[^n]`, and a closing `Footnotes:` section of `[^n]: text` lines.
//!   Leading `# …` lines are comments. This format is also the interchange
//!   of the DOCX and HTML readers and of the Arabic right-to-left repair
//!   ([`super::rtl`]), which call [`parse`] with their own [`SourceFormat`].
//! * **PDF extractions** (`pdftotext -layout`, see [`super::pdf`]), where
//!   paragraphs are wrapped over several lines and pages carry furniture.
//!   Furniture is removed (symbol headers such as `S/2018/257`, job numbers
//!   `18-04567 (E) 270318`, barcodes `*1804567*`, page marks `3/7`,
//!   `undocs.org` links), footnotes under a `_____` separator become
//!   footnotes, and paragraphs are rebuilt: a line starts a new paragraph
//!   when the line before it closes a clause (`,` `;` `:` `.` and their
//!   Arabic and Chinese forms) and the line is indented, is numbered with
//!   the next paragraph number or a sub-item label, opens with a preambular
//!   participle ("Recalling", "Rappelant", "Recordando"), or begins with a
//!   capital after a short line; in English, French and Spanish a line
//!   starting in lower case always continues. Footnote markers, which
//!   pdftotext gives as bare superscript digits ("conflict, 1"), are looked
//!   for on the page of their note. Line-break hyphens are kept when the document
//!   writes the word with a hyphen elsewhere or nowhere (UN documents are
//!   not hyphenated automatically, so most line-end hyphens are real), and
//!   removed when the document writes the word unhyphenated elsewhere.
//!   Operative paragraphs and sub-items that an extraction ran together
//!   ("…; 13. Welcomes", "…: (i) …; (ii) …") are split again.
//!
//! The text decides which kind it is: when most body lines close a clause,
//! each line is a paragraph (a wrapped line that closes no clause, or starts
//! in lower case, still joins the line above in English, French and
//! Spanish). In both kinds a footnote cited a second time, which renderings
//! print as a bare number ("Crime5", "الوطنية(5)"), becomes a marker again.
//! The non-breaking hyphen U+2011 is read as `-`, since PDFs and their
//! clean texts disagree on it. The paragraphs then go to [`super::structure`].

use std::collections::{BTreeSet, HashMap, HashSet};

use once_cell::sync::Lazy;
use regex::Regex;

use super::structure::{self, ends_clause, is_heading, split_label, Label, RawDoc, RawPara};
use super::{lang, rtl, spacing, ErrorKind, ReadOptions};
use crate::model::{roman_value, Edition, Language, SourceFormat};

/// Share of body lines closing a clause above which the text is read as one
/// paragraph per line. Fulltext renderings are at 1.0; wrapped PDF text is
/// typically below 0.4 (only paragraph-final lines close a clause).
const ONE_PER_LINE_SHARE: f64 = 0.8;

/// Extra indentation (in characters) that marks the first line of a
/// paragraph in `pdftotext -layout` output (first lines are indented by 4
/// to 6 characters).
const INDENT_MIN: usize = 2;

/// A line longer than this that closes a clause is a whole paragraph: PDF
/// body lines hold at most about 100 characters.
const WHOLE_PARAGRAPH_CHARS: usize = 110;

/// A line that closes a clause and is shorter than this share of the lines
/// around it ends a paragraph (the next line starting with a capital starts
/// one); a full-width line ending in a comma is mid-paragraph.
const SHORT_LINE_RATIO: f64 = 0.85;

/// A line without closing punctuation shorter than this share of the lines
/// around it, after a closed clause, is a heading.
const HEADING_WIDTH_RATIO: f64 = 0.6;

/// Lines on each side used to measure the local line width.
const WIDTH_WINDOW: usize = 3;

/// Parse plain text. `format` is recorded in the edition (`Text`, or `Pdf` when the text came from a PDF).
pub fn parse(
    text: &str,
    source: &str,
    format: SourceFormat,
    opts: &ReadOptions,
) -> Result<Edition, ErrorKind> {
    let mut warnings = Vec::new();
    let repaired;
    let mut text = text;
    // The RTL pre-pass writes one paragraph per line, whether or not its
    // damaged lines end in clause punctuation.
    let mut one_per_line = false;
    if rtl::looks_like_rtl_extraction(text) {
        let (t, w) = rtl::to_logical(text);
        repaired = t;
        text = &repaired;
        warnings.extend(w);
        one_per_line = true;
    }
    let language = opts.lang.or_else(|| lang::detect(text));
    // In these languages every paragraph starts with a capital or a label,
    // so a line starting in lower case continues the paragraph above.
    let capitals = matches!(language, Some(Language::En | Language::Fr | Language::Es));
    let mut doc = raw_doc(text, capitals, one_per_line, language);
    warnings.append(&mut doc.warnings);
    doc.warnings = warnings;
    structure::build(doc, source, format, opts).map(|mut ed| {
        super::damage::flag(&mut ed);
        ed
    })
}

/// One physical line of the input.
#[derive(Debug, Clone)]
struct Line {
    /// Leading white space, in characters.
    indent: usize,
    text: String,
    /// Page number (0-based), by form feeds.
    page: usize,
}

impl Line {
    fn blank(&self) -> bool {
        self.text.is_empty()
    }
}

static FOOTNOTE_MARKER: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\[\^(\d{1,4})\]").expect("static regex"));
static FIRST_ITEM: Lazy<Regex> =
    Lazy::new(|| Regex::new(r":\s+(\((a|i)\))\s+\S").expect("static regex"));
static MARKER_GROUP: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\(\[\^\d{1,4}\]\)|\(\)\[\^\d{1,4}\]|\[\^\d{1,4}\](?:\s*[、,，]\s*\[\^\d{1,4}\])*")
        .expect("static regex")
});
static FOOTNOTE_DEF: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\[\^(\d{1,4})\]:\s*(.*)$").expect("static regex"));
static JOB_NUMBER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}$").expect("static regex")
});
static DATE_STAMP: Lazy<Regex> = Lazy::new(|| Regex::new(r"^\d{6}$").expect("static regex"));
static RECYCLE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)^pl\w{1,3}se\s+recycle\s*♲?$").expect("static regex"));
static BARCODE: Lazy<Regex> = Lazy::new(|| Regex::new(r"^\*\d{6,}\*$").expect("static regex"));
static PAGE_MARK: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\d{1,3}\s*/\s*\d{1,3}$").expect("static regex"));
static SYMBOL_LINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:A|S|E)/[A-Z0-9][A-Za-z0-9.]*(?:/[A-Za-z0-9.]+)+$").expect("static regex")
});
static URL_LINE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(?:https?://)?(?:www\.)?undocs\.org/\S*$").expect("static regex"));
static SEPARATOR: Lazy<Regex> = Lazy::new(|| Regex::new(r"^_{5,}$").expect("static regex"));
static FOOTNOTE_START: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(\d{1,3})(?:\s+(.*))?$").expect("static regex"));
static CELL_GAP: Lazy<Regex> = Lazy::new(|| Regex::new(r"\s{3,}").expect("static regex"));
/// "…; 13. Welcomes", possibly with a heading in between ("…; Reporting
/// and review 36. Calls upon").
static RUN_TOGETHER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"[;:.]\s+(\p{Lu}[\p{L}’' ,-]{0,60}?\s+)?(\d{1,3})\.\s+\p{Lu}")
        .expect("static regex")
});

/// Is this (trimmed) line page furniture?
fn is_furniture(t: &str) -> bool {
    JOB_NUMBER.is_match(t)
        || DATE_STAMP.is_match(t)
        || BARCODE.is_match(t)
        || PAGE_MARK.is_match(t)
        || URL_LINE.is_match(t)
        || (t.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("pl")) && RECYCLE.is_match(t))
        || t == "♲"
        || (!t.is_empty() && t.chars().all(|c| c == '\u{25A1}' || c.is_whitespace()))
}

/// Characters of a line, normalised: no-break and thin spaces become spaces,
/// soft hyphens and zero-width spaces go, tabs count as four spaces.
fn normalise(line: &str) -> String {
    let mut s = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{2002}' | '\u{2003}' => {
                s.push(' ')
            }
            '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => {}
            // Non-breaking hyphen: the same hyphen to a reader; PDFs and
            // their clean texts disagree on which one they use.
            '\u{2011}' => s.push('-'),
            '\t' => s.push_str("    "),
            _ => s.push(c),
        }
    }
    s.trim_end().to_string()
}

/// Split text into paragraphs and footnotes. `one_per_line`: the text is
/// known to hold one paragraph per line.
fn raw_doc(text: &str, capitals: bool, one_per_line: bool, language: Option<Language>) -> RawDoc {
    let mut doc = RawDoc::default();
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    // Physical lines with their page, leading comments dropped.
    let mut lines: Vec<Line> = Vec::new();
    let mut page = 0;
    let mut seen_text = false;
    let mut in_footnote_section = false;
    let mut clean_notes: Vec<(u32, String)> = Vec::new();
    for raw in text.split('\n') {
        let mut rest = raw;
        while let Some(k) = rest.find('\u{000C}') {
            push_line(&mut lines, &rest[..k], page);
            page += 1;
            rest = &rest[k + 1..];
        }
        let norm = normalise(rest);
        let t = norm.trim();
        if !seen_text && t.starts_with('#') {
            continue;
        }
        if !t.is_empty() {
            seen_text = true;
        }
        if t == "Footnotes:" {
            in_footnote_section = true;
            continue;
        }
        if in_footnote_section {
            if let Some(c) = FOOTNOTE_DEF.captures(t) {
                if let Ok(n) = c[1].parse() {
                    clean_notes.push((n, c[2].to_string()));
                }
            } else if let Some(last) = clean_notes.last_mut() {
                if !t.is_empty() {
                    last.1.push(' ');
                    last.1.push_str(t);
                }
            }
            continue;
        }
        push_line(&mut lines, &norm, page);
    }

    // Header: everything up to and including the organ line.
    let organ_at = lines
        .iter()
        .position(|l| lang::organ_line(&l.text).is_some());
    let body_from = match organ_at {
        Some(k) => {
            for l in &lines[..k] {
                for cell in CELL_GAP.split(&l.text) {
                    let cell = cell.trim();
                    if !cell.is_empty() && !is_furniture(cell) {
                        doc.paras.push(para(cell));
                    }
                }
            }
            doc.paras.push(para(&lines[k].text));
            k + 1
        }
        None => 0,
    };

    // Body: drop furniture and pull footnotes out of each page.
    let mut body: Vec<Line> = Vec::new();
    let mut pdf_notes: Vec<(u32, String)> = Vec::new();
    // Where each note's marker may be: body lines before this index, on this page.
    let mut note_places: Vec<(u32, usize, usize)> = Vec::new();
    let mut in_notes = false;
    let mut last_page = usize::MAX;
    for l in lines.into_iter().skip(body_from) {
        if l.page != last_page {
            in_notes = false;
            last_page = l.page;
        }
        let cells: Vec<&str> = CELL_GAP
            .split(&l.text)
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if !cells.is_empty()
            && cells
                .iter()
                .all(|c| is_furniture(c) || SYMBOL_LINE.is_match(c))
        {
            continue;
        }
        if SEPARATOR.is_match(&l.text) {
            in_notes = true;
            continue;
        }
        if in_notes {
            if l.blank() {
                continue;
            }
            if let Some(c) = FOOTNOTE_START.captures(&l.text) {
                if let Ok(n) = c[1].parse::<u32>() {
                    pdf_notes.push((n, c.get(2).map_or("", |m| m.as_str()).to_string()));
                    note_places.push((n, body.len(), l.page));
                    continue;
                }
            }
            // Without page breaks (text copied out of a PDF) the notes end
            // where numbered paragraphs resume, at a line as long as a whole
            // paragraph, or where a preambular paragraph opens.
            let resumes = split_label(&l.text).is_some()
                || l.text.chars().count() > WHOLE_PARAGRAPH_CHARS
                || (capitals && lang::opens_preambular_paragraph(&l.text));
            if !resumes {
                if let Some(last) = pdf_notes.last_mut() {
                    join_into(&mut last.1, &l.text, &HashSet::new());
                }
                continue;
            }
            in_notes = false;
        }
        body.push(l);
    }
    let mut candidates = marker_candidates(&body);
    for (n, before, page) in note_places {
        mark_footnote(&mut body, &mut candidates, n, before, page);
    }
    doc.footnotes = clean_notes;
    doc.footnotes.extend(
        pdf_notes
            .into_iter()
            .map(|(n, t)| (n, structure::fold_ws(&t))),
    );

    let content: Vec<&Line> = body.iter().filter(|l| !l.blank()).collect();
    let closing = content.iter().filter(|l| ends_clause(&l.text)).count();
    let one_per_line = one_per_line
        || (!content.is_empty() && closing as f64 / content.len() as f64 >= ONE_PER_LINE_SHARE);
    let vocab = vocabulary(&body);
    let mut paras: Vec<String> = if one_per_line {
        let mut p: Vec<String> = Vec::new();
        for l in &content {
            let label = split_label(&l.text).is_some();
            match p.last_mut() {
                // A line starting in lower case, or after a line that closes
                // no clause and is no heading, continues the paragraph.
                Some(last)
                    if !label
                        && capitals
                        && !lang::opens_preambular_paragraph(&l.text)
                        && (continues(&l.text) || (!ends_clause(last) && !is_heading(last))) =>
                {
                    join_into(last, &l.text, &vocab)
                }
                _ => p.push(l.text.clone()),
            }
        }
        p
    } else {
        rebuild(&body, &vocab, capitals)
    };
    split_run_together(&mut paras);
    let defined: HashSet<u32> = doc.footnotes.iter().map(|(n, _)| *n).collect();
    mark_repeated_citations(&mut paras, &defined);
    // Words broken by the extraction, in the body and the notes together
    // (one vocabulary): only wrapped text comes from a PDF.
    if let Some(lang) = language.filter(|_| !one_per_line) {
        let n = paras.len();
        paras.extend(doc.footnotes.iter().map(|(_, t)| t.clone()));
        spacing::rejoin(&mut paras, lang);
        for ((_, t), fixed) in doc.footnotes.iter_mut().zip(paras.drain(n..)) {
            *t = fixed;
        }
    }
    doc.paras.extend(paras.iter().map(|t| para(t)));
    doc
}

/// A footnote cited a second time is printed as its bare number glued to
/// the word before it ("Crime5", "公约》5", "الوطنية(5)"), with no marker in
/// the clean text (English puts it after a comma: "Crime,6 taking"). Such a number, when it is a defined footnote already
/// cited above, becomes a marker again. Only lower-case or caseless letters
/// and closing quotes count as "the word before", so "G20" stays.
fn mark_repeated_citations(paras: &mut [String], defined: &HashSet<u32>) {
    static REPEAT: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"([\p{Ll}\p{Lo}》”’][,;]?)(?:\((\d{1,3})\)|(\d{1,3}))([\s,.;:،؛，。、)]|$)")
            .expect("static regex")
    });
    let mut cited: HashSet<u32> = HashSet::new();
    for p in paras.iter_mut() {
        let mut out = String::with_capacity(p.len());
        let mut last = 0;
        for c in REPEAT.captures_iter(p) {
            let (Some(whole), Some(pre)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let Some(num) = c.get(2).or_else(|| c.get(3)) else {
                continue;
            };
            let Ok(n) = num.as_str().parse::<u32>() else {
                continue;
            };
            // Markers before this point in the paragraph count as cited.
            for m in FOOTNOTE_MARKER.captures_iter(&p[last..whole.start()]) {
                if let Ok(k) = m[1].parse() {
                    cited.insert(k);
                }
            }
            if defined.contains(&n) && cited.contains(&n) {
                out.push_str(&p[last..pre.end()]);
                out.push_str(&format!("[^{n}]"));
                last = c.get(4).map_or(whole.end(), |t| t.start());
            }
        }
        out.push_str(&p[last..]);
        for m in FOOTNOTE_MARKER.captures_iter(&out) {
            if let Ok(k) = m[1].parse() {
                cited.insert(k);
            }
        }
        *p = out;
    }
}

/// A footnote marker glued to the word before it: "Convention1 and".
static GLUED_MARKER: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"([\p{L}\)”’])(\d{1,3})(\s|$)").expect("static regex"));
/// A footnote marker after punctuation, possibly spaced: "conflict, 1".
static SPACED_MARKER: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"([,;:.\)”’])\s?(\d{1,3})(\s|$)").expect("static regex"));

/// Lines that may hold footnote markers, by page and number.
type Candidates = HashMap<(usize, u32), BTreeSet<usize>>;

/// Index the body lines holding a number where a marker could be, once:
/// looking for each note's marker line by line made a text with thousands
/// of notes on one page quadratic (minutes for half a megabyte).
fn marker_candidates(lines: &[Line]) -> Candidates {
    let mut out: Candidates = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if l.blank() {
            continue;
        }
        for re in [&*GLUED_MARKER, &*SPACED_MARKER] {
            for c in re.captures_iter(&l.text) {
                if let Some(n) = c.get(2).and_then(|m| m.as_str().parse().ok()) {
                    out.entry((l.page, n)).or_default().insert(i);
                }
            }
        }
    }
    out
}

/// Find the marker of PDF footnote `n` in the body lines of its page (the
/// nearest one above the note, i.e. before line `before`) and write it as
/// `[^n]`, the clean-text form.
/// A superscript marker comes out of the PDF as the bare number right after
/// a word ("Convention1 and") or after punctuation, possibly spaced
/// ("conflict, 1" at a line end); a number after a space and a word
/// ("paragraph 1") is not a marker. Writing a marker creates no new
/// candidate, so a line that no longer holds `n` is dropped from the index.
fn mark_footnote(
    lines: &mut [Line],
    candidates: &mut Candidates,
    n: u32,
    before: usize,
    page: usize,
) {
    let Some(set) = candidates.get_mut(&(page, n)) else {
        return;
    };
    // As written: "05" is not the marker of note 5.
    let digits = n.to_string();
    while let Some(&i) = set.range(..before).next_back() {
        let Some(l) = lines.get_mut(i) else {
            break;
        };
        for re in [&*GLUED_MARKER, &*SPACED_MARKER] {
            let found = re.captures_iter(&l.text).find_map(|c| {
                let num = c.get(2)?;
                (num.as_str() == digits).then(|| (c.get(1).map(|p| p.end()), num.end()))
            });
            if let Some((Some(pre_end), num_end)) = found {
                l.text = format!("{}[^{n}]{}", &l.text[..pre_end], &l.text[num_end..]);
                return;
            }
        }
        set.remove(&i);
    }
}

fn push_line(lines: &mut Vec<Line>, raw: &str, page: usize) {
    let norm = normalise(raw);
    let indent = norm.chars().take_while(|c| c.is_whitespace()).count();
    lines.push(Line {
        indent,
        text: norm.trim().to_string(),
        page,
    });
}

/// A paragraph with its footnote markers taken out.
fn para(text: &str) -> RawPara {
    let footnotes = FOOTNOTE_MARKER
        .captures_iter(text)
        .filter_map(|c| c[1].parse().ok())
        .collect();
    // "[^26]、 [^27]" cites two notes: the separator goes with the markers.
    let clean = MARKER_GROUP.replace_all(text, "");
    // Empty brackets left where a rendering put a marker inside them.
    let clean = clean.replace("()", "");
    RawPara {
        text: structure::fold_ws(&clean),
        footnotes,
    }
}

/// Lower-case words of the body, to decide line-break hyphens.
fn vocabulary(lines: &[Line]) -> HashSet<String> {
    let mut v = HashSet::new();
    for l in lines {
        for w in l.text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
            if !w.is_empty() {
                v.insert(w.to_lowercase());
            }
        }
    }
    v
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Append a wrapped line to a paragraph: undo a line-break hyphen (see the
/// module doc), join Chinese without a space, everything else with one.
fn join_into(p: &mut String, next: &str, vocab: &HashSet<String>) {
    let next = next.trim();
    if p.is_empty() {
        p.push_str(next);
        return;
    }
    if next.is_empty() {
        return;
    }
    let before_hyphen = p
        .strip_suffix('-')
        .filter(|s| s.ends_with(|c: char| c.is_alphabetic()));
    if let Some(stem) = before_hyphen {
        if next.starts_with(|c: char| c.is_alphabetic()) {
            let head: String = stem
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let tail: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
            let joined = format!("{head}{tail}").to_lowercase();
            let hyphenated = format!("{head}-{tail}").to_lowercase();
            if vocab.contains(&joined) && !vocab.contains(&hyphenated) {
                p.pop();
            }
            p.push_str(next);
            return;
        }
    }
    let last = p.chars().last().unwrap_or(' ');
    let first = next.chars().next().unwrap_or(' ');
    if !(is_cjk(last) && is_cjk(first)) {
        p.push(' ');
    }
    p.push_str(next);
}

/// Does a line starting this way continue the paragraph above (in a
/// language whose paragraphs start with a capital)?
fn continues(line: &str) -> bool {
    line.starts_with(|c: char| c.is_lowercase()) && split_label(line).is_none()
}

/// Rebuild paragraphs from wrapped lines.
fn rebuild(lines: &[Line], vocab: &HashSet<String>, capitals: bool) -> Vec<String> {
    let content: Vec<&Line> = lines.iter().filter(|l| !l.blank()).collect();
    // Left margin at a line: the smallest indentation of the lines around it
    // on its page (a paragraph's first line is followed by continuation
    // lines at the margin; text copied out of PDFs mixes margins).
    let margin = |k: usize| -> usize {
        let lo = k.saturating_sub(WIDTH_WINDOW);
        let hi = (k + WIDTH_WINDOW + 1).min(content.len());
        content[lo..hi]
            .iter()
            .filter(|l| l.page == content[k].page)
            .map(|l| l.indent)
            .min()
            .unwrap_or(0)
    };
    let width = |k: usize| -> usize {
        let lo = k.saturating_sub(WIDTH_WINDOW);
        let hi = (k + WIDTH_WINDOW + 1).min(content.len());
        content[lo..hi]
            .iter()
            .map(|l| l.text.chars().count())
            .filter(|&n| n <= WHOLE_PARAGRAPH_CHARS)
            .max()
            .unwrap_or(0)
    };
    // A heading ("UNSOM", "Sanctions measures") is a short line without
    // closing punctuation after a closed clause, unlike the first line of a
    // paragraph, which fills the width.
    let indented = |k: usize| content[k].indent >= margin(k).saturating_add(INDENT_MIN);
    let heading = |k: usize| -> bool {
        let t = &content[k].text;
        let next_starts = content.get(k + 1).is_some_and(|n| {
            split_label(&n.text).is_some()
                || indented(k + 1)
                || (capitals && lang::opens_preambular_paragraph(&n.text))
        });
        is_heading(t)
            && (k == 0 || ends_clause(&content[k - 1].text))
            && ((t.chars().count() as f64) < HEADING_WIDTH_RATIO * width(k) as f64 || next_starts)
    };
    let mut paras: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_lines = 0usize;
    let mut blank_before = false;
    let mut next_op = 1u32;
    let mut ci = 0usize; // index into `content`
    for l in lines {
        if l.blank() {
            blank_before = true;
            continue;
        }
        let k = ci;
        ci += 1;
        let prev = if k > 0 { Some(content[k - 1]) } else { None };
        let starts = match prev {
            None => true,
            Some(prev) => {
                let closed = ends_clause(&prev.text);
                let prev_heading = current_lines == 1 && heading(k - 1);
                let label = split_label(&l.text).map(|(lab, _)| lab);
                let indented = indented(k);
                let preamble_word = capitals && lang::opens_preambular_paragraph(&l.text);
                let capital = l.text.starts_with(|c: char| c.is_uppercase());
                let prev_len = prev.text.chars().count();
                let short = (prev_len as f64) < SHORT_LINE_RATIO * width(k) as f64;
                match label {
                    // The next paragraph number and a capital: a new
                    // paragraph even after an unclosed line (clean texts
                    // copied out of PDFs lose text at page ends).
                    Some(Label::Number(n)) if n == next_op => {
                        closed
                            || prev_heading
                            || split_label(&l.text).is_some_and(|(_, rest)| {
                                rest.starts_with(|c: char| c.is_uppercase())
                            })
                    }
                    Some(Label::Sub(_)) if closed || prev_heading => true,
                    _ if capitals && continues(&l.text) => false,
                    _ => {
                        prev_heading
                            || heading(k)
                            || (closed
                                && (indented
                                    || blank_before
                                    || preamble_word
                                    || prev_len > WHOLE_PARAGRAPH_CHARS
                                    || l.text.chars().count() > WHOLE_PARAGRAPH_CHARS
                                    || (capital && short)))
                    }
                }
            }
        };
        blank_before = false;
        if starts && !current.is_empty() {
            paras.push(std::mem::take(&mut current));
            current_lines = 0;
        }
        if starts {
            if let Some((Label::Number(n), _)) = split_label(&l.text) {
                next_op = n + 1;
            }
        }
        join_into(&mut current, &l.text, vocab);
        current_lines += 1;
    }
    if !current.is_empty() {
        paras.push(current);
    }
    paras
}

/// Split operative paragraphs an extraction ran together ("…; 13. Welcomes
/// …") when the number is the next one expected.
/// A necessary condition for [`RUN_TOGETHER`] to match: a number (one to
/// three digits) followed by a full stop, white space and a capital, after a
/// `;` `:` or `.` somewhere before it.
fn may_run_together(text: &str) -> bool {
    let Some(first_stop) = text.find([';', ':', '.']) else {
        return false;
    };
    let tail = &text[first_stop + 1..];
    tail.char_indices().any(|(i, c)| {
        c == '.' && tail[..i].chars().next_back().is_some_and(char::is_numeric) && {
            let after = tail[i + 1..].trim_start();
            after.len() < tail.len() - i - 1 && after.starts_with(char::is_uppercase)
        }
    })
}

fn split_run_together(paras: &mut Vec<String>) {
    let mut out: Vec<String> = Vec::with_capacity(paras.len());
    let mut next_op = 1u32;
    for p in paras.drain(..) {
        if let Some((Label::Number(n), _)) = split_label(&p) {
            next_op = n + 1;
        }
        let mut rest = p.as_str();
        // "…: (a) …; (b) …" or "(i) …; (ii) …" run together: split at the
        // first item after a colon, then at each next label in sequence.
        let mut first = match split_label(rest) {
            Some((Label::Sub(first), _)) => Some(first),
            _ => None,
        };
        if first.is_none() {
            if let Some(c) = FIRST_ITEM.captures(rest) {
                let at = c.get(1).map_or(0, |m| m.start());
                out.push(rest[..at].trim_end().to_string());
                rest = &rest[at..];
                first = Some(c[2].to_string());
            }
        }
        if let Some(first) = first {
            let mut label = first;
            while let Some(next) = successor(&label) {
                let needle = format!("({next}) ");
                let Some(at) = rest
                    .find(&needle)
                    .filter(|&at| rest[..at].trim_end().ends_with([';', ':', ',']) && at > 0)
                else {
                    break;
                };
                out.push(rest[..at].trim_end().to_string());
                rest = &rest[at..];
                label = next;
            }
        }
        loop {
            // The regular expression costs tens of milliseconds to compile
            // (its bounded run of Unicode letters): most texts never need it.
            if !may_run_together(rest) {
                break;
            }
            let found = RUN_TOGETHER.captures_iter(rest).find_map(|c| {
                let n: u32 = c[2].parse().ok()?;
                let number = c.get(2)?.start();
                let heading = c.get(1).map(|h| (h.start(), h.end()));
                (n == next_op).then_some((heading, number))
            });
            match found {
                Some((heading, at)) => {
                    let cut = heading.map_or(at, |h| h.0);
                    out.push(rest[..cut].trim_end().to_string());
                    if let Some((h0, h1)) = heading {
                        out.push(rest[h0..h1].trim().to_string());
                    }
                    rest = &rest[at..];
                    next_op += 1;
                }
                None => break,
            }
        }
        out.push(rest.to_string());
    }
    *paras = out;
}

/// The label after `label` in its sequence: `a` → `b`, `ii` → `iii`.
fn successor(label: &str) -> Option<String> {
    if let Some(v) = roman_value(label) {
        if label.len() > 1 || label == "i" {
            let numerals = [
                "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
                "xiv", "xv",
            ];
            return numerals.get(v as usize).map(|s| s.to_string());
        }
    }
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_lowercase() && c < 'z' => {
            Some(((c as u8 + 1) as char).to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Language, UnitId};

    fn read(text: &str) -> Edition {
        parse(text, "t", SourceFormat::Text, &ReadOptions::default()).expect("parses")
    }

    fn ids(ed: &Edition) -> Vec<String> {
        ed.units.iter().map(|u| u.id.to_string()).collect()
    }

    #[test]
    fn clean_text_with_footnotes() {
        let ed = read(
            "# comment\nUnited Nations\nA/RES/99/1\nThe General Assembly,\n\
             Recalling its resolution (synthetic),[^1]\n1. Decides (synthetic);\n\
             2. Requests (synthetic).[^2]\n\nFootnotes:\n[^1]: Resolution 1/1.\n[^2]: A/1/1.\n",
        );
        assert_eq!(ids(&ed), ["PP1", "OP1", "OP2"]);
        assert_eq!(ed.units[0].text, "Recalling its resolution (synthetic),");
        assert_eq!(ed.units[0].footnotes, [1]);
        assert_eq!(ed.footnotes[1].unit, Some(UnitId::op(2)));
        assert_eq!(ed.footnotes[0].text, "Resolution 1/1.");
        assert_eq!(ed.facts.symbol.as_deref(), Some("A/RES/99/1"));
    }

    #[test]
    fn wrapped_lines_furniture_and_hyphens() {
        let text = "               United Nations                                S/2099/1\n\
                    \x20              Security Council                   Distr.: General\n\n\
                    \x20                   The Security Council,\n\
                    \x20                   Recalling its previous resolutions on the situation in the\n\
                    \x20              region (synthetic), and welcoming the work of the Secretary-\n\
                    \x20              General and of the peace-\n\
                    \x20              keeping mission,\n\
                    \x20                   Acting under Chapter VII of the Charter of the United Nations,\n\
                    \x20                   1.   Decides to extend the mandate of the mission until\n\
                    \x20              31 March 2100 (synthetic);\n\n\n\
                    99-12345 (E)    010199\n*9912345*\n\x0c\
                    S/2099/1\n\n\
                    \x20                  2.    Requests the Secretary-General to report (synthetic), including on peacekeeping\n\
                    \x20             matters;\n\
                    2/2                                                               99-12345\n";
        let ed = parse(text, "t", SourceFormat::Pdf, &ReadOptions::default()).unwrap();
        assert_eq!(ids(&ed), ["PP1", "PP2", "OP1", "OP2"], "{:#?}", ed.units);
        assert_eq!(
            ed.units[0].text,
            "Recalling its previous resolutions on the situation in the region (synthetic), \
             and welcoming the work of the Secretary-General and of the peacekeeping mission,"
        );
        assert_eq!(
            ed.units[2].text,
            "Decides to extend the mandate of the mission until 31 March 2100 (synthetic);"
        );
        assert_eq!(ed.units[3].text, "Requests the Secretary-General to report (synthetic), including on peacekeeping matters;");
        assert_eq!(ed.facts.symbol.as_deref(), Some("S/2099/1"));
        assert!(ed.warnings.is_empty(), "{:?}", ed.warnings);
    }

    #[test]
    fn pdf_footnotes_go_to_footnotes() {
        let text = "The Security Council,\n\
                    \x20    Recalling the report (synthetic), 1\n\
                    \x20    1.  Decides (synthetic);\n\
                    __________________\n\
                    \x20  1  See the report of the mission (synthetic).\n\
                    \x20     Second line of the note.\n\
                    \x0c    2.  Requests (synthetic).\n";
        let ed = parse(text, "t", SourceFormat::Pdf, &ReadOptions::default()).unwrap();
        assert_eq!(ids(&ed), ["PP1", "OP1", "OP2"]);
        assert_eq!(ed.footnotes.len(), 1);
        assert_eq!(ed.units[0].text, "Recalling the report (synthetic),");
        assert_eq!(ed.footnotes[0].unit, Some(UnitId::pp(1)));
        assert_eq!(
            ed.footnotes[0].text,
            "See the report of the mission (synthetic). Second line of the note."
        );
    }

    proptest::proptest! {
        /// The cheap check never says no where the expression matches.
        #[test]
        fn run_together_check_is_necessary(
            text in "([;:.,]|\\s|\\PC|[0-9٠-٩]{1,4}\\.|\\. |[A-ZÉА-Я][a-zé]{0,8}| {1,2}|\u{A0}){0,40}"
        ) {
            if RUN_TOGETHER.is_match(&text) {
                proptest::prop_assert!(may_run_together(&text), "{:?}", text);
            }
        }

        #[test]
        fn never_panics(body in "(\\PC|\n|\x0c| {4}|_{6}|\\[\\^[0-9]\\]|[0-9]{1,2}\\. |\\([a-z]\\) |-\n){0,80}") {
            let text = format!("The General Assembly,\n{body}");
            let _ = parse(&text, "t", SourceFormat::Pdf, &ReadOptions::default());
            let _ = parse(&body, "t", SourceFormat::Text, &ReadOptions::default());
        }
    }

    #[test]
    fn edge_inputs() {
        for text in [
            "",
            "The General Assembly,",
            "\x0c\x0c",
            "   \n\n",
            "Footnotes:\n[^1]: x",
            "1.\n2.",
            "大会，\n１．",
        ] {
            let _ = parse(text, "t", SourceFormat::Text, &ReadOptions::default());
        }
        assert!(matches!(
            parse(
                "The General Assembly,",
                "t",
                SourceFormat::Text,
                &ReadOptions::default()
            ),
            Err(ErrorKind::NotAResolution(_))
        ));
    }

    #[test]
    fn run_together_check_on_examples() {
        for t in [
            "…; 13. Welcomes",
            "…; Reporting and review 36. Calls upon",
            "….\u{A0}٣. Decides",
        ] {
            assert_eq!(RUN_TOGETHER.is_match(t), may_run_together(t), "{t}");
            assert!(may_run_together(t), "{t}");
        }
        assert!(!may_run_together("Welcomes the report of 2019. and"));
        assert!(!may_run_together("13. Welcomes the report"));
    }

    #[test]
    fn line_break_hyphens() {
        let vocab: HashSet<String> = ["peacekeeping", "state-building"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut p = "the peace-".to_string();
        join_into(&mut p, "keeping mission", &vocab);
        assert_eq!(
            p, "the peacekeeping mission",
            "written unhyphenated elsewhere: hyphen removed"
        );
        let mut p = "the state-".to_string();
        join_into(&mut p, "building process", &vocab);
        assert_eq!(
            p, "the state-building process",
            "written with a hyphen elsewhere: kept"
        );
        let mut p = "the Secretary-".to_string();
        join_into(&mut p, "General", &vocab);
        assert_eq!(
            p, "the Secretary-General",
            "unknown: kept, UN texts are not hyphenated automatically"
        );
        let mut p = "大会".to_string();
        join_into(&mut p, "决定", &vocab);
        assert_eq!(p, "大会决定", "Chinese lines join without a space");
    }

    #[test]
    fn repeated_citations_become_markers() {
        let ed = read(
            "The General Assembly,\nRecalling the Convention (synthetic),[^1]\n\
             1. Urges States to ratify the Convention,1 taking into account (synthetic);\n\
             2. Invites the G20 (synthetic).\n\nFootnotes:\n[^1]: Treaty Series (synthetic).\n",
        );
        assert_eq!(
            ed.units[1].text,
            "Urges States to ratify the Convention, taking into account (synthetic);"
        );
        assert_eq!(ed.units[1].footnotes, [1]);
        assert_eq!(ed.units[2].text, "Invites the G20 (synthetic).");
        assert_eq!(ed.footnotes[0].unit, Some(UnitId::pp(1)));
    }

    #[test]
    fn run_together_paragraphs_are_split() {
        let text = "The Security Council,\nRecalling (synthetic),\n1. Decides (synthetic);\n\
                    2. Requests the mission to act in the\nregion (synthetic); 3. Welcomes the report (synthetic); 4. Decides\nto remain seized.";
        let ed = read(text);
        assert_eq!(ids(&ed), ["PP1", "OP1", "OP2", "OP3", "OP4"]);
        assert_eq!(ed.units[3].text, "Welcomes the report (synthetic);");
    }

    #[test]
    fn french_lettered_items() {
        let ed = read(
            "L’Assemblée générale,\nRéaffirmant que le plan vise (synthétique) :\n\
             a) À promouvoir (synthétique) ;\nb) À aider (synthétique) ;\n1. Décide (synthétique).",
        );
        assert_eq!(ed.language, Language::Fr);
        assert_eq!(ids(&ed), ["PP1", "PP1(a)", "PP1(b)", "OP1"]);
        assert_eq!(ed.units[1].text, "À promouvoir (synthétique) ;");
    }

    #[test]
    fn chinese_full_width_numbering() {
        let ed = read("大会，\n回顾其各项决议（合成），\n１．决定（合成）：\n（ａ）促进（合成）；\n（ｂ）帮助（合成）；\n２．请（合成）。");
        assert_eq!(ed.language, Language::Zh);
        assert_eq!(ids(&ed), ["PP1", "OP1", "OP1(a)", "OP1(b)", "OP2"]);
        assert_eq!(ed.units[2].text, "促进（合成）；");
    }

    #[test]
    fn missing_organ_line_is_refused() {
        let err = parse(
            "Just a letter (synthetic).\nNothing else.",
            "t",
            SourceFormat::Text,
            &ReadOptions::default(),
        );
        assert!(
            matches!(err, Err(ErrorKind::NotAResolution(m)) if m.contains("The General Assembly,"))
        );
    }
}
