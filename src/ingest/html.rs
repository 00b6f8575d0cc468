//! HTML reader.
//!
//! Web pages that carry a resolution (UN press pages, a Word document saved
//! as HTML, a rendering of the AKN) know paragraphs but not resolution
//! structure, so this reader turns the page into *clean text* — block
//! elements become lines, `<ol>` items get their printed labels, footnote
//! references (`<sup>`/`<a href="#fn1">` holding a number) become `[^n]`
//! and footnote bodies a `Footnotes:` block — and hands it to the text
//! reader ([`super::text::parse`]).
//!
//! Real HTML is not XML (unclosed `<p>` and `<li>`, bare `&`, upper-case
//! tags, unquoted attributes), so this module has its own small, forgiving
//! tokenizer instead of an XML parser: it never fails, it only reads what it
//! recognises. Script, style, title and template contents are skipped.

use std::collections::BTreeMap;

use super::docx::CleanText;
use super::{text, ErrorKind, ReadOptions};
use crate::model::{Edition, SourceFormat};

/// Longest footnote number recognised in a `<sup>` (footnotes run to the
/// low hundreds; a longer number in superscript is something else).
const MAX_NOTE_DIGITS: usize = 3;

/// Read an HTML page into an edition.
pub fn parse(html: &str, source: &str, opts: &ReadOptions) -> Result<Edition, ErrorKind> {
    let clean = to_clean_text(html);
    if clean.text.trim().is_empty() {
        return Err(ErrorKind::NotAResolution(
            "the HTML page has no visible text; give the page that holds the resolution".into(),
        ));
    }
    let mut ed = text::parse(&clean.text, source, SourceFormat::Html, opts)?;
    ed.format = SourceFormat::Html;
    ed.warnings.extend(clean.warnings);
    Ok(ed)
}

// ---------------------------------------------------------------------------
// Tokenizer

/// One piece of an HTML document.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// Character data, entities already decoded.
    Text(String),
    /// `<name attr=value …>`; name lower-cased; `self_closing` for `<br/>`.
    Open {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    /// `</name>`.
    Close(String),
}

/// Elements whose content is not displayed text.
const SKIPPED: [&str; 5] = ["script", "style", "title", "template", "noscript"];

/// Split HTML into tokens. Comments, doctype and processing instructions are
/// dropped; the content of [`SKIPPED`] elements too.
fn tokenize(html: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    let bytes = html.as_bytes();
    let mut text_start = 0;
    let flush = |out: &mut Vec<Token>, s: &str| {
        if !s.is_empty() {
            out.push(Token::Text(decode_entities(s)));
        }
    };
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &html[i..];
        // Comment, doctype, CDATA, processing instruction.
        let skip_to = if rest.starts_with("<!--") {
            Some(rest.find("-->").map_or(html.len(), |e| i + e + 3))
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            Some(rest.find('>').map_or(html.len(), |e| i + e + 1))
        } else {
            None
        };
        if let Some(end) = skip_to {
            flush(&mut out, &html[text_start..i]);
            i = end;
            text_start = i;
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = i + if closing { 2 } else { 1 };
        if !bytes
            .get(name_start)
            .is_some_and(|b| b.is_ascii_alphabetic())
        {
            i += 1; // a bare '<' in text
            continue;
        }
        flush(&mut out, &html[text_start..i]);
        let (tag, end) = read_tag(html, name_start);
        i = end;
        text_start = i;
        match tag {
            Tag::Close(name) => out.push(Token::Close(name)),
            Tag::Open(name, attrs, self_closing) => {
                if SKIPPED.contains(&name.as_str()) && !self_closing {
                    // Skip to the matching close tag (case-insensitive),
                    // without copying the rest of the page for each one.
                    i = find_close_tag(html, i, &name).map_or(html.len(), |after| {
                        html[after..]
                            .find('>')
                            .map_or(html.len(), |g| after + g + 1)
                    });
                    text_start = i;
                    continue;
                }
                out.push(Token::Open {
                    name,
                    attrs,
                    self_closing,
                });
            }
        }
    }
    flush(&mut out, &html[text_start.min(html.len())..]);
    out
}

/// Where `</name` (any case) first starts at or after `from`.
fn find_close_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let b = html.as_bytes();
    html[from..]
        .match_indices("</")
        .map(|(p, _)| from + p)
        .find(|&p| {
            b.get(p + 2..p + 2 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        })
}

enum Tag {
    Open(String, Vec<(String, String)>, bool),
    Close(String),
}

/// Read a tag whose name starts at `at` (just after `<` or `</`); returns
/// the tag and the index after its `>`.
fn read_tag(html: &str, at: usize) -> (Tag, usize) {
    let closing = html[..at].ends_with("</");
    let b = html.as_bytes();
    let mut i = at;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'-' | b':' | b'_')) {
        i += 1;
    }
    let name = html[at..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        match b[i] {
            b'>' => {
                i += 1;
                break;
            }
            b'/' => {
                self_closing = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let k0 = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = html[k0..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let v0 = i + 1;
                let v1 = html[v0..]
                    .bytes()
                    .position(|c| c == q)
                    .map_or(b.len(), |p| v0 + p);
                value = decode_entities(&html[v0..v1]);
                i = (v1 + 1).min(b.len());
            } else {
                let v0 = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = decode_entities(&html[v0..i]);
            }
        }
        if key.is_empty() {
            // A value without a name (`<p ="x">`) is dropped; the loop
            // above has moved past it. Had nothing been read, step over one
            // whole character (not one byte: the next slice must start on a
            // character boundary), so the loop always ends.
            if i == k0 {
                i += html[i..].chars().next().map_or(1, char::len_utf8);
            }
        } else {
            attrs.push((key, value));
        }
    }
    let tag = if closing {
        Tag::Close(name)
    } else {
        Tag::Open(name, attrs, self_closing)
    };
    (tag, i)
}

/// Named character references: the Latin-1 range in code-point order …
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// … and the others a resolution page is likely to use.
const OTHER_ENTITIES: [(&str, char); 37] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Yuml", 'Ÿ'),
    ("fnof", 'ƒ'),
    ("circ", 'ˆ'),
    ("tilde", '˜'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("bull", '•'),
    ("hellip", '…'),
    ("permil", '‰'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("euro", '€'),
    ("trade", '™'),
];

fn named_entity(name: &str) -> Option<char> {
    if let Some(k) = LATIN1.iter().position(|n| *n == name) {
        return char::from_u32(0xA0 + k as u32);
    }
    OTHER_ENTITIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| *c)
}

/// Decode character references; an unknown or malformed one is kept as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after
            .char_indices()
            .take(33)
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
            .map(|(k, _)| k)
            .unwrap_or(after.len().min(33));
        let name = &after[..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let v = match num.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok(),
                None => num.parse().ok(),
            };
            v.map(|v| {
                char::from_u32(v)
                    .filter(|c| *c != '\0')
                    .unwrap_or('\u{FFFD}')
            })
        } else {
            named_entity(name)
        };
        match decoded {
            Some(c) => {
                out.push(c);
                let skip = if after[end..].starts_with(';') {
                    end + 1
                } else {
                    end
                };
                rest = &after[skip..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------
// Lines

/// Elements that start and end a line.
const BLOCKS: [&str; 34] = [
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "br",
    "hr",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "address",
    "body",
];

/// How an `<ol>` prints its item labels.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ListStyle {
    Decimal,
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
    /// `<ul>` or `list-style: none`.
    Unlabelled,
}

/// An open list: its style, next counter value, and whether it holds footnotes.
#[derive(Debug, Clone)]
struct List {
    style: ListStyle,
    next: i64,
    notes: bool,
}

fn get<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Whether an element is marked as holding or pointing to footnotes.
fn notey(attrs: &[(String, String)]) -> bool {
    ["class", "id", "role", "href", "name"].iter().any(|k| {
        get(attrs, k).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("footnote")
                || v.contains("endnote")
                || v.contains("fn")
                || v.contains("ftn")
                || v.contains("note")
        })
    })
}

fn list_style(name: &str, attrs: &[(String, String)]) -> ListStyle {
    if name == "ul" {
        return ListStyle::Unlabelled;
    }
    let css = get(attrs, "style").unwrap_or("").to_ascii_lowercase();
    let from_css = [
        ("lower-alpha", ListStyle::LowerAlpha),
        ("lower-latin", ListStyle::LowerAlpha),
        ("upper-alpha", ListStyle::UpperAlpha),
        ("upper-latin", ListStyle::UpperAlpha),
        ("lower-roman", ListStyle::LowerRoman),
        ("upper-roman", ListStyle::UpperRoman),
        ("decimal", ListStyle::Decimal),
        ("none", ListStyle::Unlabelled),
    ];
    if css.contains("list-style") {
        if let Some((_, s)) = from_css.iter().find(|(k, _)| css.contains(k)) {
            return *s;
        }
    }
    match get(attrs, "type") {
        Some("a") => ListStyle::LowerAlpha,
        Some("A") => ListStyle::UpperAlpha,
        Some("i") => ListStyle::LowerRoman,
        Some("I") => ListStyle::UpperRoman,
        _ => ListStyle::Decimal,
    }
}

/// The label of item `n`: `5.` for decimal lists; `(a)`, `(ii)` for lettered
/// and roman lists, the form resolutions print sub-items in.
fn item_label(style: ListStyle, n: i64) -> Option<String> {
    let letter = |upper: bool| {
        if n < 1 {
            return n.to_string();
        }
        let k = (n - 1) as u8;
        let c = (b'a' + k % 26) as char;
        let s: String = std::iter::repeat(c).take(k as usize / 26 + 1).collect();
        if upper {
            s.to_uppercase()
        } else {
            s
        }
    };
    let roman = || super::labels::roman_numeral(n);
    Some(match style {
        ListStyle::Decimal => format!("{n}."),
        ListStyle::LowerAlpha => format!("({})", letter(false)),
        ListStyle::UpperAlpha => format!("({})", letter(true)),
        ListStyle::LowerRoman => format!("({})", roman()),
        ListStyle::UpperRoman => format!("({})", roman().to_uppercase()),
        ListStyle::Unlabelled => return None,
    })
}

/// A footnote number as written in a reference: `1`, `[1]`, `(1)`.
fn note_number(s: &str) -> Option<u32> {
    let t = s
        .trim()
        .trim_start_matches(['[', '('])
        .trim_end_matches([']', ')'])
        .trim();
    if t.is_empty() || t.len() > MAX_NOTE_DIGITS || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|&n| n > 0)
}

/// Collects lines while walking the tokens.
#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    cur: String,
    /// The current line holds only a list label so far: a block opening
    /// inside the item (`<li><p>…`) continues the line instead of ending it.
    label_only: bool,
}

impl Lines {
    fn push_text(&mut self, s: &str) {
        self.cur.push_str(s);
        if !s.trim().is_empty() {
            self.label_only = false;
        }
    }

    fn push_label(&mut self, label: &str) {
        self.cur.push_str(label);
        self.cur.push(' ');
        self.label_only = true;
    }

    /// End the line unless it holds only a label.
    fn soft_end_line(&mut self) {
        if !self.label_only {
            self.end_line();
        }
    }

    fn end_line(&mut self) {
        self.label_only = false;
        let folded = fold_space(&self.cur);
        self.cur.clear();
        // Block boundaries without text make no line: HTML spacing is
        // presentation, and clean text has one paragraph per line.
        if !folded.is_empty() {
            self.lines.push(folded);
        }
    }
}

/// Fold HTML white space to single spaces and trim (no-break spaces stay).
fn fold_space(s: &str) -> String {
    s.split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Convert an HTML page to clean text (see the module doc).
pub fn to_clean_text(html: &str) -> CleanText {
    let tokens = tokenize(html);
    let mut out = Lines::default();
    let mut lists: Vec<List> = Vec::new();
    // A reference being captured: its text so far, and how many nested
    // capturing elements (<sup>, <a href="#…">) are open.
    let mut capture: Option<String> = None;
    let mut capture_open: Vec<String> = Vec::new();
    let mut pre = 0usize;
    for tok in &tokens {
        match tok {
            Token::Text(s) => {
                if let Some(c) = capture.as_mut() {
                    c.push_str(s);
                } else if pre > 0 {
                    for (k, part) in s.split('\n').enumerate() {
                        if k > 0 {
                            out.end_line();
                        }
                        out.push_text(part);
                    }
                } else {
                    out.push_text(s);
                }
            }
            Token::Open {
                name,
                attrs,
                self_closing,
            } => {
                let n = name.as_str();
                let is_ref = n == "sup"
                    || (n == "a"
                        && get(attrs, "href").is_some_and(|h| h.starts_with('#'))
                        && notey(attrs));
                if is_ref && !self_closing {
                    if capture.is_none() {
                        capture = Some(String::new());
                    }
                    capture_open.push(name.clone());
                    continue;
                }
                if !BLOCKS.contains(&n) {
                    if matches!(n, "td" | "th") {
                        out.push_text(" ");
                    }
                    continue;
                }
                flush_capture(&mut capture, &mut capture_open, &mut out);
                if n == "li" || n == "br" {
                    out.end_line();
                } else {
                    out.soft_end_line();
                }
                match n {
                    "ol" | "ul" if !self_closing => {
                        let start = get(attrs, "start")
                            .and_then(|s| s.trim().parse().ok())
                            .unwrap_or(1);
                        let in_notes = notey(attrs) || lists.last().is_some_and(|l| l.notes);
                        lists.push(List {
                            style: list_style(n, attrs),
                            next: start,
                            notes: in_notes,
                        });
                    }
                    "li" => {
                        if let Some(list) = lists.last_mut() {
                            if let Some(v) = get(attrs, "value").and_then(|s| s.trim().parse().ok())
                            {
                                list.next = v;
                            }
                            let n = list.next;
                            list.next = list.next.saturating_add(1);
                            let notes = list.notes
                                || get(attrs, "id")
                                    .is_some_and(|id| notey(&[("id".into(), id.into())]));
                            if notes && n > 0 {
                                out.push_label(&format!("[^{n}]"));
                            } else if let Some(l) = item_label(list.style, n) {
                                out.push_label(&l);
                            }
                        }
                    }
                    "pre" if !self_closing => pre += 1,
                    _ => {}
                }
            }
            Token::Close(name) => {
                let n = name.as_str();
                if capture.is_some() && capture_open.last() == Some(name) {
                    capture_open.pop();
                    if capture_open.is_empty() {
                        flush_capture(&mut capture, &mut capture_open, &mut out);
                    }
                    continue;
                }
                if !BLOCKS.contains(&n) {
                    continue;
                }
                flush_capture(&mut capture, &mut capture_open, &mut out);
                if matches!(n, "li" | "ol" | "ul") {
                    out.end_line();
                } else {
                    out.soft_end_line();
                }
                match n {
                    "ol" | "ul" => {
                        lists.pop();
                    }
                    "pre" => pre = pre.saturating_sub(1),
                    _ => {}
                }
            }
        }
    }
    flush_capture(&mut capture, &mut capture_open, &mut out);
    out.end_line();
    split_footnotes(out.lines)
}

/// End a captured reference: a footnote number becomes `[^n]`, anything
/// else is kept as text.
fn flush_capture(capture: &mut Option<String>, open: &mut Vec<String>, out: &mut Lines) {
    open.clear();
    if let Some(c) = capture.take() {
        match note_number(&c) {
            Some(n) => out.push_text(&format!("[^{n}]")),
            None => out.push_text(&c),
        }
    }
}

/// The marker a line starts with (`[^3] text`), and the rest of the line.
fn leading_marker(line: &str) -> Option<(u32, &str)> {
    let rest = line.strip_prefix("[^")?;
    let close = rest.find(']')?;
    let n: u32 = rest[..close].parse().ok()?;
    let body = rest[close + 1..].trim_start_matches([':', '.', ' ', '\u{a0}']);
    Some((n, body))
}

/// Separate footnote bodies (lines that start with the marker of a footnote
/// cited earlier) from the text, and write the `Footnotes:` block.
fn split_footnotes(lines: Vec<String>) -> CleanText {
    let mut body: Vec<String> = Vec::new();
    let mut notes: BTreeMap<u32, String> = BTreeMap::new();
    let mut cited: std::collections::HashSet<u32> = std::collections::HashSet::new();
    let mut warnings = Vec::new();
    for line in lines {
        if let Some((n, text)) = leading_marker(&line) {
            if cited.contains(&n) && !notes.contains_key(&n) {
                notes.insert(
                    n,
                    text.trim()
                        .trim_end_matches(['↩', '\u{fe0e}', ' '])
                        .trim()
                        .to_string(),
                );
                continue;
            }
        }
        let mut rest = line.as_str();
        while let Some(i) = rest.find("[^") {
            let after = &rest[i + 2..];
            if let Some(close) = after.find(']') {
                if let Ok(n) = after[..close].parse::<u32>() {
                    cited.insert(n);
                }
            }
            rest = after;
        }
        body.push(line);
    }
    // A heading of the footnote block ("Footnotes", "Notes") right before
    // the bodies is page furniture.
    while body.last().is_some_and(|l| {
        let t = l.trim().trim_end_matches(':').to_lowercase();
        l.is_empty() || (!notes.is_empty() && matches!(t.as_str(), "footnotes" | "notes"))
    }) {
        body.pop();
    }
    let mut missing: Vec<u32> = cited
        .iter()
        .copied()
        .filter(|n| !notes.contains_key(n))
        .collect();
    missing.sort_unstable();
    if !missing.is_empty() && !notes.is_empty() {
        warnings.push(format!(
            "footnote reference(s) {} have no footnote text on the page",
            missing
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut text = body.join("\n");
    text.push('\n');
    if !notes.is_empty() {
        text.push_str("\nFootnotes:\n");
        for (n, t) in &notes {
            text.push_str(&format!("[^{n}]: {t}\n"));
        }
    }
    CleanText { text, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> String {
        to_clean_text(html).text
    }

    #[test]
    fn blocks_become_lines_and_entities_decode() {
        let html = "<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style>\
            <script>var x = '<p>no</p>';</script></head><BODY>\
            <h1>A/RES/1/1</h1><p>The General Assembly,<p>Recalling  its\n earlier &amp; <i>later</i> \
            clause&nbsp;(synthetic) &eacute;t&#233; &#x4E2D; &bogus; a < b,</p>\
            <div>Line one<br>Line two</div><!-- comment <p>hidden</p> --></body></html>";
        assert_eq!(
            clean(html),
            "A/RES/1/1\nThe General Assembly,\nRecalling its earlier & later clause\u{a0}(synthetic) été 中 &bogus; a < b,\n\
             Line one\nLine two\n"
        );
    }

    #[test]
    fn ordered_lists_print_labels() {
        let html = "<ol><li>Decides (synthetic);</li><li>Requests:\
            <ol type=\"a\"><li>first;<li>second;\
            <ol style=\"list-style-type: lower-roman\"><li>deep;</ol></ol></li>\
            <li value=\"7\">Seventh;</li></ol><ul><li>bullet</li></ul>";
        assert_eq!(
            clean(html),
            "1. Decides (synthetic);\n2. Requests:\n(a) first;\n(b) second;\n(i) deep;\n7. Seventh;\nbullet\n"
        );
    }

    #[test]
    fn footnote_references_and_bodies() {
        let html = "<p>Recalling the text (synthetic),<sup>1</sup> and<a href=\"#fn2\" class=\"footnote-ref\"><sup>[2]</sup></a> x<sup>th</sup></p>\
            <hr><section class=\"footnotes\"><h2>Footnotes</h2><ol>\
            <li id=\"fn1\">First note. <a href=\"#fnref1\">↩</a></li>\
            <li id=\"fn2\">Second note.</li></ol></section>";
        let c = to_clean_text(html);
        assert_eq!(
            c.text,
            "Recalling the text (synthetic),[^1] and[^2] xth\n\nFootnotes:\n[^1]: First note.\n[^2]: Second note.\n"
        );
        assert!(c.warnings.is_empty());
    }

    #[test]
    fn word_saved_html_footnotes() {
        let html = "<p class=MsoNormal>Text (synthetic)<a href=\"#_ftn1\" name=\"_ftnref1\"><sup>[1]</sup></a>.</p>\
            <div id=ftn1><p class=MsoFootnoteText><a href=\"#_ftnref1\" name=\"_ftn1\">[1]</a> Note body.</p></div>";
        assert_eq!(
            clean(html),
            "Text (synthetic)[^1].\n\nFootnotes:\n[^1]: Note body.\n"
        );
    }

    #[test]
    fn tokenizer_survives_garbage() {
        for s in [
            "<",
            "<<<>>>",
            "</",
            "<p",
            "<a href='x",
            "&#xZZ;&#99999999;&",
            "<script>never closed",
            "<!--",
            "<p =x>y",
        ] {
            let _ = to_clean_text(s);
        }
        assert_eq!(clean("<p a=1 b c='d'>x</p>"), "x\n");
        assert_eq!(decode_entities("&#99999999;&#0;"), "\u{FFFD}\u{FFFD}");
    }
}
