//! Right-to-left PDF extractions: turn text that a PDF extractor gave for an
//! Arabic resolution into the clean-text layout the plain-text reader reads.
//!
//! Why this exists: extracting an Arabic UN PDF does not give the text in
//! reading order. Lines come out in visual order (the runs of a header line
//! reversed, the italic lead phrase of a paragraph — which sits at the right
//! margin — at the end of the line, an operative number printed as
//! `VERB - N`), footnote bodies, the `_________________` separator and
//! undocs.org link lines are interleaved with the body wherever a page ends,
//! kashida (tatweel) stretches words, and the body font's glyphs often map
//! to the wrong letters. Blank lines carry no meaning: the extractor puts one
//! between every pair of printed lines.
//!
//! What survives is enough to find the structure: every paragraph starts on a
//! new printed line, and that line carries a mark the damage does not reach —
//! the italic lead phrase (`وإذ تشير …`), the operative number (`- 5`), or the
//! sub-item label (`)أ(`). So [`to_logical`] decides paragraph starts line by
//! line, moves each mark to the logical start, folds kashida and white space,
//! pulls footnote bodies out into a `Footnotes:` section (markers `[^n]` stay
//! where they were cited) and rebuilds the header lines from the facts they
//! contain. Letters are not repaired here; [`damage_share`] only estimates
//! how much of the text is damaged.

use once_cell::sync::Lazy;
use regex::Regex;

use super::lang::AR_MONTHS;

/// Share of Arabic letters among all letters above which a text is treated
/// as right-to-left. Resolutions quote Latin symbols and treaty titles, so a
/// clean majority is enough.
const MIN_ARABIC_LETTER_SHARE: f64 = 0.5;

/// Number of distinct extraction signs (see [`extraction_signs`]) needed to
/// call a text a PDF extraction. One alone (a stray tatweel run, one
/// separator line) also occurs in clean text.
const MIN_EXTRACTION_SIGNS: usize = 2;

/// Share of damaged words above which [`to_logical`] warns. Clean Arabic
/// text scores a few per cent on these rules (abbreviations, single-letter
/// list labels), a damaged extraction tens of per cent.
const DAMAGE_WARN_SHARE: f64 = 0.10;

/// Shortest run of single letters separated by single spaces that is read as
/// letter-spaced (spread) type and joined. Damaged text has isolated single
/// letters, but not four in a row.
const MIN_LETTER_SPACED_RUN: usize = 4;

/// Most words after a lead particle taken as the italic lead phrase when it
/// is moved to the start of its line.
const MAX_LEAD_WORDS: usize = 6;

/// Arabic sub-item labels in the order UN documents use them (abjad order).
const ARABIC_LABELS: [char; 28] = [
    'أ', 'ب', 'ج', 'د', 'ه', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن', 'س', 'ع', 'ف', 'ص', 'ق',
    'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض', 'ظ', 'غ',
];

/// Openings of the organ line and the organ each names (GA, SC, ECOSOC, HRC).
const ORGAN_LINES: [(&str, &str); 4] = [
    ("إن الجمعية العامة", "GA"),
    ("إن مجلس الأمن", "SC"),
    ("إن المجلس الاقتصادي والاجتماعي", "ECOSOC"),
    ("إن مجلس حقوق الإنسان", "HRC"),
];

/// Preambular lead words other than `وإذ` that open a paragraph when they
/// end a visual line (the right margin), e.g. "وإدراكا منها".
const OTHER_LEADS: [&str; 8] = [
    "وإدراكا",
    "واقتناعا",
    "وإيمانا",
    "واعترافا",
    "وتسليما",
    "وإقرارا",
    "واقتناعاً",
    "وإدراكاً",
];

const TATWEEL: char = '\u{0640}';

static ARABIC_LETTER: Lazy<Regex> = Lazy::new(|| re(r"[\p{Arabic}&&\p{L}]"));
static LATIN_LETTER: Lazy<Regex> = Lazy::new(|| re(r"[\p{Latin}&&\p{L}]"));
static URL: Lazy<Regex> = Lazy::new(|| re(r"(?:https?://|www\.)\S+"));
static SEPARATOR: Lazy<Regex> = Lazy::new(|| re(r"^\s*[_\-‐–—]{8,}\s*$"));
/// Page number (`3/10`), job number (`21-19241 (A)`), barcode (`*2119241*`),
/// the running symbol and the recycling note.
static FURNITURE: Lazy<Regex> = Lazy::new(|| {
    re(
        r"^(?:\d{1,3}\s*/\s*\d{1,3}|\d{2}-\d{5}(?:\s*\(\p{L}\))?(?:\s+\d{6,})?|\*\s*\d{6,}\s*\*|\d{7}[A-Z]?|A/RES/\d+/\d+|Please recycle.*|♲.*)$",
    )
});
/// A footnote reference as the extractor prints it: `( 12)`.
static FOOTNOTE_REF: Lazy<Regex> = Lazy::new(|| re(r"\(\s+(\d{1,3})\s*\)"));
/// A footnote number opening a footnote body: `(12)`.
static FOOTNOTE_NUM: Lazy<Regex> = Lazy::new(|| re(r"(?:^|\s)\((\d{1,3})\)(?:\s|$)"));
/// An operative number: `VERB - 5` (visual) or `5 - VERB` (logical).
static OP_VISUAL: Lazy<Regex> = Lazy::new(|| re(r"(?:^|\s)[-‐–]\s+(\d{1,3})(?:\s|$)"));
static OP_LOGICAL: Lazy<Regex> = Lazy::new(|| re(r"^\s*(\d{1,3})\s*(?:[-‐–]|\.)\s"));
/// A sub-item label, mirrored `)أ(` or as printed `(أ)`.
static SUB_LABEL: Lazy<Regex> = Lazy::new(|| re(r"(?:^|\s)[()]([\p{Arabic}&&\p{L}])[()](?:\s|$)"));
/// The preambular lead particle followed by a verb: `وإذ تشير`, `إذ تكرر`.
static LEAD: Lazy<Regex> = Lazy::new(|| re(r"(?:^|\s)(و?إذ)\s+ت"));
static COMMA_THEN_ONE_SPACE: Lazy<Regex> = Lazy::new(|| re(r"[،,]\s?$"));
static GAP: Lazy<Regex> = Lazy::new(|| re(r"\s{2,}"));
static SPACES: Lazy<Regex> = Lazy::new(|| re(r"\s+"));
static RES_NUMBER: Lazy<Regex> = Lazy::new(|| re(r"(\d{1,3})\s*/\s*(\d{1,4})"));
static SYMBOL: Lazy<Regex> = Lazy::new(|| re(r"[A-Z]+(?:/[A-Z0-9.]+)+"));
static NUMBER: Lazy<Regex> = Lazy::new(|| re(r"\d+"));

/// Compile a pattern written in this module. The patterns are constants, so a
/// failure is a programming error caught by the unit tests.
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// True when `text` is an Arabic (right-to-left) resolution as a PDF text
/// extractor gives it: Arabic script dominates and at least
/// [`MIN_EXTRACTION_SIGNS`] signs of visual order or page layout are present.
/// Clean renderings (one paragraph per line, `[^n]` markers) and any
/// left-to-right text give false.
pub fn looks_like_rtl_extraction(text: &str) -> bool {
    // Most texts have no Arabic at all: say so without the regular
    // expressions (compiling and running them cost more than the reading).
    if !text.chars().any(in_arabic_blocks) {
        return false;
    }
    let arabic = ARABIC_LETTER.find_iter(text).count();
    let latin = LATIN_LETTER.find_iter(text).count();
    if arabic == 0 || (arabic as f64) < MIN_ARABIC_LETTER_SHARE * (arabic + latin) as f64 {
        return false;
    }
    extraction_signs(text) >= MIN_EXTRACTION_SIGNS
}

/// The Unicode blocks that hold the Arabic script (a superset of
/// `\p{Arabic}`): no character in them, no Arabic letter.
fn in_arabic_blocks(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}'
            | '\u{10E60}'..='\u{10EFF}'
            | '\u{1EC70}'..='\u{1EEFF}'
    )
}

/// Count the kinds of PDF-extraction evidence in a text: an operative number
/// at the visual end of a line, a mirrored sub-item label, an organ line with
/// its comma in front, a footnote separator line, footnote references printed
/// `( n)`, kashida runs, and digits glued to the Arabic word after them.
fn extraction_signs(text: &str) -> usize {
    static OP_AT_END: Lazy<Regex> = Lazy::new(|| re(r"(?m)\S\s+[-‐–]\s+\d{1,3}\s*$"));
    static MIRRORED: Lazy<Regex> = Lazy::new(|| re(r"\)[\p{Arabic}&&\p{L}]\("));
    static ORGAN_REVERSED: Lazy<Regex> = Lazy::new(|| re(r"(?m)^\s*،\s*إن\s"));
    static SEP_LINE: Lazy<Regex> = Lazy::new(|| re(r"(?m)^\s*_{8,}\s*$"));
    static KASHIDA_RUN: Lazy<Regex> = Lazy::new(|| re(r"\x{0640}{4,}"));
    static GLUED: Lazy<Regex> = Lazy::new(|| re(r"\d[\p{Arabic}&&\p{L}]"));
    let mut signs = 0;
    signs += usize::from(OP_AT_END.is_match(text));
    signs += usize::from(MIRRORED.is_match(text));
    signs += usize::from(ORGAN_REVERSED.is_match(text));
    signs += usize::from(SEP_LINE.is_match(text) && !text.contains("[^"));
    signs += usize::from(FOOTNOTE_REF.find_iter(text).count() >= 2);
    signs += usize::from(KASHIDA_RUN.find_iter(text).count() >= 3);
    signs += usize::from(GLUED.find_iter(text).count() >= 3);
    signs
}

/// Turn a right-to-left PDF extraction into clean text: header lines, the
/// organ line, one paragraph per line (operative paragraphs `N - …`, sub-items
/// `(أ) …`, footnote markers `[^n]`), then `Footnotes:` and `[^n]: text`.
/// Also returns warnings for the reader to pass on.
pub fn to_logical(text: &str) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let lines = strip_footnotes(text, &mut warnings);

    // Header: everything before the organ line.
    let organ_at = lines.iter().position(|l| organ_of(l).is_some());
    let (header_lines, body_lines, organ) = match organ_at {
        Some(i) => (&lines[..i], &lines[i + 1..], organ_of(&lines[i])),
        None => {
            warnings.push(
                "no organ line (\"إن الجمعية العامة،\") found in the Arabic extraction; \
                 every line was read as a paragraph"
                    .to_string(),
            );
            (&lines[..0], &lines[..], None)
        }
    };
    let header = rebuild_header(header_lines, organ.as_ref().map(|(_, o)| *o), &mut warnings);
    let paras = split_paragraphs(body_lines, &mut warnings);

    let share = damage_share(&paras.join(" "));
    if share >= DAMAGE_WARN_SHARE {
        warnings.push(format!(
            "text looks like a damaged Arabic PDF extraction: {:.0}% of words contain impossible \
             letter sequences; unit boundaries are reliable, words are not",
            share * 100.0
        ));
    }

    let mut out = String::new();
    for h in &header.lines {
        out.push_str(h);
        out.push('\n');
    }
    if let Some(t) = &header.title {
        out.push('\n');
        out.push_str(t);
        out.push('\n');
    }
    if let Some((line, _)) = organ {
        out.push('\n');
        out.push_str(&line);
        out.push_str("\n\n");
    }
    for p in &paras {
        out.push_str(p);
        out.push('\n');
    }
    (out, warnings)
}

/// Share of Arabic words in `text` that contain a letter sequence no correct
/// Arabic word has (a doubled alif, a tā' marbūṭa or alif maqṣūra inside a
/// word, a comma between letters, a lone letter other than `و`, a letter
/// tripled). A cheap estimate of glyph-mapping damage; 0.0 for no Arabic.
pub fn damage_share(text: &str) -> f64 {
    let mut words = 0usize;
    let mut damaged = 0usize;
    for w in text.split_whitespace() {
        let w: String = w.chars().filter(|&c| c != TATWEEL).collect();
        let core = w.trim_matches(|c: char| !is_arabic_letter(c) && c != '،');
        let core = core.trim_end_matches('،');
        if core.is_empty() || !core.chars().any(is_arabic_letter) {
            continue;
        }
        words += 1;
        if is_damaged_word(core) {
            damaged += 1;
        }
    }
    if words == 0 {
        0.0
    } else {
        damaged as f64 / words as f64
    }
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c) && c != TATWEEL
}

fn is_damaged_word(w: &str) -> bool {
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    if n == 1 {
        return chars[0] != 'و';
    }
    if w.contains("اا") || w.contains('،') {
        return true;
    }
    if chars[..n - 1].iter().any(|&c| c == 'ة' || c == 'ى') {
        return true;
    }
    chars.windows(3).any(|t| t[0] == t[1] && t[1] == t[2])
}

/// Remove URLs, page furniture, separators and footnote bodies; return the
/// remaining non-blank lines (footnote references turned into `[^n]`) and
/// append the `Footnotes:` section as the last lines.
fn strip_footnotes(text: &str, warnings: &mut Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut bodies: Vec<(u32, String)> = Vec::new();
    let mut seen_organ = false;
    let mut in_block = false;
    let mut saw_url = false;
    let mut current_complete = true;
    let mut refs: Vec<u32> = Vec::new();
    for raw in text.lines() {
        let line: String = raw
            .chars()
            .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'))
            .map(|c| if c == '\u{00A0}' { ' ' } else { c })
            .collect();
        if URL.is_match(&line) {
            saw_url = true;
        }
        let line = URL.replace_all(&line, " ").into_owned();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        // The symbol is a header line before the organ line, a running head after it.
        if FURNITURE.is_match(trimmed) && (seen_organ || !trimmed.starts_with("A/RES/")) {
            continue;
        }
        if !seen_organ && organ_of(trimmed).is_some() {
            seen_organ = true;
        }
        if SEPARATOR.is_match(trimmed) {
            in_block = true;
            saw_url = false;
            current_complete = true;
            continue;
        }
        if in_block {
            let next = bodies.last().map_or(1, |(n, _)| n + 1);
            let opens = FOOTNOTE_NUM
                .captures_iter(trimmed)
                .filter_map(|c| c.get(1))
                .find(|m| m.as_str().parse::<u32>().ok() == Some(next));
            if let Some(m) = opens {
                let body = format!("{} {}", &trimmed[..m.start() - 1], &trimmed[m.end() + 1..]);
                current_complete = footnote_line_complete(&body);
                bodies.push((next, body));
                saw_url = false;
                continue;
            }
            if !saw_url && !current_complete {
                if let Some((_, body)) = bodies.last_mut() {
                    body.push(' ');
                    body.push_str(trimmed);
                    current_complete = footnote_line_complete(trimmed);
                    continue;
                }
            }
            in_block = false;
        }
        // A reference is the next footnote number or one already cited.
        let line = FOOTNOTE_REF.replace_all(trimmed, |c: &regex::Captures| {
            let max = refs.iter().copied().max().unwrap_or(0);
            match c[1].parse::<u32>() {
                Ok(n) if n >= 1 && n <= max + 1 => {
                    refs.push(n);
                    format!(" [^{n}] ")
                }
                _ => c[0].to_string(),
            }
        });
        out.push(line.into_owned());
    }
    let defined: Vec<u32> = bodies.iter().map(|(n, _)| *n).collect();
    for r in &refs {
        if !defined.contains(r) {
            warnings.push(format!(
                "footnote {r} is cited but its text was not found in the extraction"
            ));
        }
    }
    for d in &defined {
        if !refs.contains(d) {
            warnings.push(format!(
                "footnote {d} has a text but no marker was found in the body"
            ));
        }
    }
    if !bodies.is_empty() {
        out.push(FOOTNOTES_HEADING.to_string());
        for (n, body) in bodies {
            out.push(format!("[^{n}]: {}", footnote_text(&body)));
        }
    }
    out
}

const FOOTNOTES_HEADING: &str = "Footnotes:";

/// A footnote line ends its footnote when it ends with a full stop, at the
/// logical end (string end) or the visual end (string start) — but not after
/// a Latin abbreviation such as `vol.`.
fn footnote_line_complete(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with('.') {
        return true;
    }
    if let Some(before) = t.strip_suffix('.') {
        let last = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        return !matches!(
            last,
            "vol" | "No" | "p" | "pp" | "para" | "paras" | "art" | "chap" | "Vol"
        );
    }
    false
}

/// Clean footnote text: kashida and white space folded, a full stop printed
/// at the visual start moved to the end.
fn footnote_text(body: &str) -> String {
    let t = fold(body);
    match t.strip_prefix('.') {
        Some(rest) => format!("{}.", rest.trim()),
        None => t,
    }
}

/// Fold kashida, letter-spaced runs and white space; trim.
pub fn fold(s: &str) -> String {
    let no_kashida: String = s.chars().filter(|&c| c != TATWEEL).collect();
    let spaced = SPACES.replace_all(&no_kashida, " ");
    join_letter_spaced(spaced.trim())
}

/// Join runs of [`MIN_LETTER_SPACED_RUN`] or more single Arabic letters
/// separated by single spaces (spread type: "ا ل ق ر ا ر" → "القرار").
fn join_letter_spaced(s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let single = |w: &str| {
        let mut cs = w.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if is_arabic_letter(c))
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        while j < words.len() && single(words[j]) {
            j += 1;
        }
        if j - i >= MIN_LETTER_SPACED_RUN {
            out.push(words[i..j].concat());
            i = j;
        } else {
            out.push(words[i].to_string());
            i += 1;
        }
    }
    out.join(" ")
}

/// The organ line in logical form and the organ, if `line` is one.
fn organ_of(line: &str) -> Option<(String, &'static str)> {
    let t = fold(line);
    let core = t.trim_matches(|c: char| c == '،' || c == ',' || c.is_whitespace());
    ORGAN_LINES
        .iter()
        .find(|(opening, _)| core == *opening)
        .map(|(opening, organ)| (format!("{opening}،"), *organ))
}

/// Header lines in logical order, and the title line.
struct Header {
    lines: Vec<String>,
    title: Option<String>,
}

/// Rebuild the header lines from what each states. A visual-order line is a
/// set of runs in the wrong order, so each known line (session, agenda item,
/// adoption date, committee report, title) is recognised by its words and
/// written in the order of a clean rendering; other lines keep their runs
/// in reverse (visual → logical) order.
fn rebuild_header(lines: &[String], organ: Option<&str>, warnings: &mut Vec<String>) -> Header {
    let mut out = Vec::new();
    let mut title = None;
    let mut has_symbol = false;
    for raw in lines {
        let line = fold(raw);
        if line.is_empty() {
            continue;
        }
        if SYMBOL
            .find(&line)
            .is_some_and(|m| m.as_str().contains("/RES/") && m.as_str() == line)
        {
            has_symbol = true;
            out.push(line);
            continue;
        }
        let words: Vec<&str> = line.split(' ').collect();
        if let Some(l) = session_line(&words) {
            out.push(l);
        } else if let Some(l) = agenda_line(&line, &words) {
            out.push(l);
        } else if let Some(l) = adoption_line(&line) {
            out.push(l);
        } else if let Some(l) = report_line(&line, &words) {
            out.push(l);
        } else if let Some(l) = title_line(&line) {
            title = Some(l);
        } else {
            out.push(reverse_runs(raw));
        }
    }
    if !has_symbol {
        let number = title.as_deref().and_then(|t| RES_NUMBER.captures(t));
        let prefix = match organ {
            Some("GA") => Some("A/RES"),
            Some("SC") => Some("S/RES"),
            _ => None,
        };
        if let (Some(c), Some(prefix)) = (number, prefix) {
            let symbol = format!("{prefix}/{}/{}", &c[1], &c[2]);
            warnings.push(format!(
                "the extraction has no symbol line; symbol {symbol} taken from the title number {}/{}",
                &c[1], &c[2]
            ));
            out.insert(0, symbol);
        }
    }
    Header { lines: out, title }
}

/// Runs of a visual-order line (split at gaps of two or more spaces) in
/// reverse order, folded.
fn reverse_runs(line: &str) -> String {
    let runs: Vec<&str> = GAP.split(line.trim()).collect();
    fold(&runs.into_iter().rev().collect::<Vec<_>>().join(" "))
}

/// "الدورة السادسة والسبعون": the word الدورة and the ordinal words, which
/// the extractor may split ("ال" + "سادسة") and reorder.
fn session_line(words: &[&str]) -> Option<String> {
    if !words.contains(&"الدورة")
        || words.len() > 6
        || words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
    {
        return None;
    }
    // A bare article split off by the extractor joins the ordinal that lacks one.
    let bare_article = words.contains(&"ال");
    let mut ordinal: Vec<String> = Vec::new();
    let mut conj: Vec<String> = Vec::new();
    for w in words
        .iter()
        .copied()
        .filter(|w| *w != "الدورة" && *w != "ال")
    {
        if w.starts_with('و') {
            conj.push(w.to_string());
        } else {
            ordinal.push(w.to_string());
        }
    }
    if bare_article {
        if let Some(w) = ordinal.iter_mut().find(|w| !w.starts_with("ال")) {
            w.insert_str(0, "ال");
        }
    }
    let mut parts = vec!["الدورة".to_string()];
    parts.extend(ordinal);
    parts.extend(conj);
    Some(parts.join(" "))
}

/// "البند 108 من جدول الأعمال" from any order of its runs.
fn agenda_line(line: &str, words: &[&str]) -> Option<String> {
    let head = words
        .iter()
        .find(|w| w.ends_with("البند") || w.ends_with("البندان"))?;
    if !line.contains("جدول الأعمال") {
        return None;
    }
    let head = head.trim_start_matches(|c: char| c.is_ascii_digit());
    let numbers: Vec<&str> = NUMBER.find_iter(line).map(|m| m.as_str()).collect();
    if numbers.is_empty() {
        return None;
    }
    Some(format!("{head} {} من جدول الأعمال", numbers.join(" و ")))
}

/// "قرار اتخذته الجمعية العامة في 16 كانون الأول/ديسمبر 2021".
fn adoption_line(line: &str) -> Option<String> {
    let at = line.find("قرار اتخذته")?;
    let tail = &line[at..];
    let lead_end = tail.find(" في").map(|i| i + " في".len())?;
    let lead = &tail[..lead_end];
    let rest = line.replace(lead, " ");
    let (syriac, latin) = AR_MONTHS.iter().find(|(_, latin)| rest.contains(latin))?;
    let numbers: Vec<u32> = NUMBER
        .find_iter(&rest)
        .filter_map(|m| m.as_str().parse().ok())
        .collect();
    let day = numbers.iter().find(|&&n| (1..=31).contains(&n))?;
    let year = numbers.iter().find(|&&n| (1945..=2100).contains(&n))?;
    Some(format!("{lead} {day} {syriac}/{latin} {year}"))
}

/// "[بناء على تقرير اللجنة الثالثة (A/76/463، الفقرة 26)]".
fn report_line(line: &str, words: &[&str]) -> Option<String> {
    if !line.contains("بناء على") || !line.contains("تقرير") {
        return None;
    }
    let symbol = SYMBOL.find(line)?.as_str();
    let committee = words
        .iter()
        .position(|w| w.ends_with("اللجنة"))
        .and_then(|i| words.get(i + 1))
        .map(|w| w.trim_matches(|c: char| !is_arabic_letter(c)))
        .filter(|w| !w.is_empty());
    let after_para = line.find("الفقرة");
    let without_symbol = line.replace(symbol, " ");
    let para = NUMBER.find_iter(&without_symbol).map(|m| m.as_str()).next();
    let who = match committee {
        Some(c) => format!("تقرير اللجنة {c}"),
        None => "تقرير".to_string(),
    };
    Some(match (after_para, para) {
        (Some(_), Some(p)) => format!("[بناء على {who} ({symbol}، الفقرة {p})]"),
        _ => format!("[بناء على {who} ({symbol})]"),
    })
}

/// "76/186 تحسين تنسيق …": the resolution number and the title, in either order.
fn title_line(line: &str) -> Option<String> {
    let m = RES_NUMBER.find(line)?;
    let number = SPACES.replace_all(m.as_str(), "").into_owned();
    let rest = format!("{} {}", &line[..m.start()], &line[m.end()..]);
    let rest = rest
        .trim()
        .trim_matches(|c: char| c == '-' || c == '.' || c.is_whitespace());
    if rest.is_empty() || !rest.chars().any(is_arabic_letter) {
        return None;
    }
    Some(format!("{number} {}", fold(rest)))
}

/// What opens a paragraph on a line of the body.
#[derive(Debug, Clone, PartialEq)]
enum Start {
    /// Operative paragraph with its number.
    Operative(u32),
    /// Sub-item with its Arabic label.
    SubItem(char),
    /// Preambular paragraph.
    Preamble,
}

/// Group body lines into paragraphs, one string each, in logical form.
/// Lines after the `Footnotes:` heading are copied as they are.
///
/// First every line is classified (paragraph start or continuation); then the
/// last line of each paragraph gets its leading punctuation moved to the end
/// (in visual order the logical end of a line is printed first); then the
/// start lines are rewritten with their mark in front.
fn split_paragraphs(lines: &[String], warnings: &mut Vec<String>) -> Vec<String> {
    let mut body: Vec<String> = Vec::new();
    let mut closing: Vec<String> = Vec::new();
    let mut footnotes: Vec<String> = Vec::new();
    let mut iter = lines.iter();
    for line in iter.by_ref() {
        if line == FOOTNOTES_HEADING {
            break;
        }
        if fold(line).starts_with("الجلسة العامة") || !closing.is_empty() {
            closing.push(reverse_runs(line));
        } else {
            body.push(line.clone());
        }
    }
    footnotes.extend(iter.cloned());

    // Pass 1: which lines open a paragraph, and the state each was judged in.
    let mut next_op = 1u32;
    let mut last_label: Option<char> = None;
    let mut in_operative = false;
    let mut starts: Vec<Option<(u32, Option<char>, bool)>> = Vec::with_capacity(body.len());
    for line in &body {
        let state = (next_op, last_label, in_operative);
        match line_start(line, next_op, last_label, in_operative).map(|(s, _)| s) {
            Some(Start::Operative(n)) => {
                in_operative = true;
                next_op = n + 1;
                last_label = None;
                starts.push(Some(state));
            }
            Some(Start::SubItem(l)) => {
                last_label = Some(l);
                starts.push(Some(state));
            }
            Some(Start::Preamble) => {
                last_label = None;
                starts.push(Some(state));
            }
            None => starts.push(None),
        }
    }
    if next_op == 1 {
        warnings.push(
            "no operative paragraph number (\"VERB - 1\") found in the Arabic extraction".into(),
        );
    }

    // Pass 2: closing punctuation of each paragraph's last line to its end.
    for (k, line) in body.iter_mut().enumerate() {
        let last_of_paragraph = !matches!(starts.get(k + 1), Some(None));
        if last_of_paragraph {
            *line = closing_punctuation_to_end(line);
        }
    }

    // Pass 3: paragraphs in logical form.
    let mut paras: Vec<String> = Vec::new();
    for (line, state) in body.iter().zip(&starts) {
        let logical = state.and_then(|(n, l, op)| line_start(line, n, l, op).map(|(_, t)| t));
        match (logical, paras.last_mut()) {
            (Some(t), _) => paras.push(t),
            (None, Some(p)) => {
                p.push(' ');
                p.push_str(line);
            }
            (None, None) => paras.push(line.clone()),
        }
    }
    let mut out: Vec<String> = paras.iter().map(|p| tidy_markers(&fold(p))).collect();
    if !closing.is_empty() {
        out.push(String::new());
        out.extend(closing);
    }
    if !footnotes.is_empty() {
        out.push(String::new());
        out.push(FOOTNOTES_HEADING.to_string());
        out.extend(footnotes);
    }
    out
}

/// A line that starts with clause punctuation (and footnote markers) but
/// does not end with any: in visual order the logical end of a line is
/// printed first, so the punctuation goes to the end
/// (`،[^17] بتقرير … وإذ تحيط علما` → `بتقرير … وإذ تحيط علما ،[^17]`).
fn closing_punctuation_to_end(line: &str) -> String {
    static LEADING: Lazy<Regex> = Lazy::new(|| re(r"^\s*[،,.:؛;]\s*(?:\[\^\d+\]\s*)*"));
    let t = line.trim_end();
    if t.ends_with(['،', ',', '.', ':', '؛', ';']) {
        return line.to_string();
    }
    match LEADING.find(t) {
        Some(m) if m.end() < t.len() => format!("{} {}", &t[m.end()..], m.as_str().trim()),
        _ => line.to_string(),
    }
}

/// Attach footnote markers to the word before them and put them before
/// the punctuation (`الوطنية [^5] ،`, `الوطنية ،[^5]` → `الوطنية[^5]،`), as
/// in the clean rendering.
fn tidy_markers(s: &str) -> String {
    static BEFORE: Lazy<Regex> = Lazy::new(|| re(r"\s+(\[\^\d+\])"));
    static AFTER: Lazy<Regex> = Lazy::new(|| re(r"(\[\^\d+\])\s+([،,.;؛:])"));
    static PUNCT_FIRST: Lazy<Regex> = Lazy::new(|| re(r"\s*([،,.;؛:])\s*((?:\[\^\d+\])+)"));
    let s = PUNCT_FIRST.replace_all(s, "$2$1");
    let s = BEFORE.replace_all(&s, "$1");
    AFTER.replace_all(&s, "$1$2").into_owned()
}

/// Whether `line` opens a paragraph, and the line in logical form if so (the
/// mark moved to the front).
fn line_start(
    line: &str,
    next_op: u32,
    last_label: Option<char>,
    in_operative: bool,
) -> Option<(Start, String)> {
    // Operative number: "VERB - N" anywhere, or "N - VERB" at the start.
    if let Some(c) = OP_LOGICAL.captures(line) {
        if c[1].parse::<u32>().ok() == Some(next_op) {
            return Some((Start::Operative(next_op), line.trim().to_string()));
        }
    }
    for c in OP_VISUAL.captures_iter(line) {
        let (Some(all), Some(num)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if num.as_str().parse::<u32>().ok() != Some(next_op) {
            continue;
        }
        let before = &line[..all.start()];
        let after = &line[all.end()..];
        let (rest_before, verb) = split_lead(before);
        let logical = format!(
            "{next_op} - {} {} {}",
            verb.trim(),
            rest_before.trim(),
            after.trim()
        );
        return Some((Start::Operative(next_op), logical));
    }
    // Sub-item label, mirrored or not: the first label, or the one after the last.
    for c in SUB_LABEL.captures_iter(line) {
        let (Some(all), Some(m)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let Some(label) = m.as_str().chars().next() else {
            continue;
        };
        let expected = match last_label {
            None => label == ARABIC_LABELS[0],
            Some(l) => label == ARABIC_LABELS[0] || next_label(l) == Some(label),
        };
        if expected {
            let rest = format!("{} {}", &line[..all.start()], &line[all.end()..]);
            return Some((Start::SubItem(label), format!("({label}) {}", rest.trim())));
        }
    }
    if in_operative {
        return None;
    }
    // Preambular lead: "وإذ ت…" not directly after a comma and one space (a
    // "، وإذ" inside a paragraph is running text; a comma followed by a wider
    // gap ends another run of the line, so the lead still opens it).
    for c in LEAD.captures_iter(line) {
        let Some(m) = c.get(1) else { continue };
        if COMMA_THEN_ONE_SPACE.is_match(&line[..m.start()]) {
            continue;
        }
        let before = line[..m.start()].trim_end();
        let (lead, after) = take_lead(&line[m.start()..]);
        return Some((
            Start::Preamble,
            format!("{} {} {}", lead.trim(), before, after.trim()),
        ));
    }
    // Other lead words at the visual end of the line.
    let words: Vec<&str> = line.split_whitespace().collect();
    let tail = words.len().saturating_sub(3);
    for (i, w) in words.iter().enumerate().skip(tail) {
        let w = w.trim_matches(TATWEEL);
        if OTHER_LEADS.contains(&w) {
            let before = words[..i].join(" ");
            if before.ends_with('،') || before.ends_with(',') {
                continue;
            }
            let lead = words[i..].join(" ");
            return Some((Start::Preamble, format!("{lead} {before}")));
        }
    }
    None
}

fn next_label(l: char) -> Option<char> {
    let i = ARABIC_LABELS.iter().position(|&c| c == l)?;
    ARABIC_LABELS.get(i + 1).copied()
}

/// Split the text before a visual operative number into (rest, verb): the
/// verb is the last run (after a gap of two or more spaces), at most
/// [`MAX_LEAD_WORDS`] words.
fn split_lead(before: &str) -> (String, String) {
    let t = before.trim_end();
    let cut = GAP.find_iter(t).last().map_or(0, |m| m.end());
    let verb = &t[cut..];
    if verb.split_whitespace().count() > MAX_LEAD_WORDS {
        let words: Vec<&str> = verb.split_whitespace().collect();
        let k = words.len() - MAX_LEAD_WORDS;
        return (
            format!("{} {}", &t[..cut], words[..k].join(" ")),
            words[k..].join(" "),
        );
    }
    (t[..cut].to_string(), verb.to_string())
}

/// Split text starting at a lead particle into (lead phrase, rest): up to the
/// next gap of two or more spaces or punctuation, at most [`MAX_LEAD_WORDS`] words.
fn take_lead(s: &str) -> (String, String) {
    // The lead phrase holds no punctuation and no footnote marker.
    let gap = GAP.find(s.trim_end()).map_or(s.len(), |m| m.start());
    let punct = s
        .find(['،', ',', '.', ':', '؛', ';', '['])
        .unwrap_or(s.len());
    let end = gap.min(punct);
    let lead = &s[..end];
    let words: Vec<&str> = lead.split_whitespace().collect();
    if words.len() > MAX_LEAD_WORDS {
        let k = MAX_LEAD_WORDS;
        return (
            words[..k].join(" "),
            format!("{} {}", words[k..].join(" "), &s[end..]),
        );
    }
    (lead.to_string(), s[end..].to_string())
}

#[cfg(test)]
mod tests {
    /// Every character the Arabic-letter expression matches lies in the
    /// blocks of the cheap check (all of Unicode, one by one).
    #[test]
    fn arabic_blocks_cover_every_arabic_letter() {
        let mut letters = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if super::ARABIC_LETTER.is_match(c.encode_utf8(&mut [0; 4])) {
                letters += 1;
                assert!(super::in_arabic_blocks(c), "U+{:04X}", c as u32);
            }
        }
        assert!(letters > 300, "{letters}");
    }

    use super::*;

    // All Arabic in these tests is synthetic: invented short clauses, not
    // taken from any resolution.

    #[test]
    fn built_in_patterns_compile() {
        for r in [
            &*URL,
            &*SEPARATOR,
            &*FURNITURE,
            &*FOOTNOTE_REF,
            &*FOOTNOTE_NUM,
            &*OP_VISUAL,
            &*SUB_LABEL,
            &*LEAD,
        ] {
            assert!(!r.as_str().is_empty());
        }
    }

    #[test]
    fn reversed_header_lines_are_put_in_logical_order() {
        // (synthetic) header in visual order, runs reversed
        let text = "    والتسعون   ثالثة الدورة ال \n  من جدول الأعمال  42 البند\n \
                    2099مارس  / آذار   3  قرار اتخذته الجمعية العامة في \n \
                    [ ( 7، الفقرة  A/93/100تقرير اللجنة الرابعة ) ]بناء على \n \
                    تعزيز التعاون في الزراعة -  93/12 \n ،إن الجمعية العامة \n\
                    حقول القمح   وإذ تشير إلى \n";
        let (out, warnings) = to_logical(text);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "A/RES/93/12", "{out}");
        assert!(lines.contains(&"الدورة الثالثة والتسعون"), "{out}");
        assert!(lines.contains(&"البند 42 من جدول الأعمال"), "{out}");
        assert!(
            lines.contains(&"قرار اتخذته الجمعية العامة في 3 آذار/مارس 2099"),
            "{out}"
        );
        assert!(
            lines.contains(&"[بناء على تقرير اللجنة الرابعة (A/93/100، الفقرة 7)]"),
            "{out}"
        );
        assert!(lines.contains(&"93/12 تعزيز التعاون في الزراعة"), "{out}");
        assert!(lines.contains(&"إن الجمعية العامة،"), "{out}");
        assert!(warnings.iter().any(|w| w.contains("A/RES/93/12")));
    }

    #[test]
    fn mid_line_operative_number_moves_to_the_front() {
        // (synthetic) two operative paragraphs; the second number sits mid-line
        let text = " ،إن الجمعية العامة \n\
                    الزراعة المستدامة   وإذ تشير إلى \n\
                    الدول الأعضاء على التعاون   تحث - 1 \n\
                    في مجال الري؛\n\
                    ــا المزارعين  تطلب  - 2  ــة الدعم للمزارعين\n";
        let (out, _) = to_logical(text);
        let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[1], "وإذ تشير إلى الزراعة المستدامة", "{out}");
        assert_eq!(
            lines[2], "1 - تحث الدول الأعضاء على التعاون في مجال الري؛",
            "{out}"
        );
        assert!(lines[3].starts_with("2 - تطلب "), "{out}");
        assert_eq!(lines.len(), 4, "{out}");
    }

    #[test]
    fn a_number_that_is_not_the_next_one_is_not_a_paragraph() {
        // (synthetic) "- 7" inside a paragraph while paragraph 2 is expected
        let text = " ،إن الجمعية العامة \nالدول   تحث - 1 \nفي الفقرة - 7 من التقرير\n";
        let (out, _) = to_logical(text);
        assert_eq!(
            out.lines()
                .filter(|l| l.starts_with(char::is_numeric))
                .count(),
            1,
            "{out}"
        );
    }

    #[test]
    fn kashida_and_letter_spacing_are_folded() {
        assert_eq!(fold("التعـــــــاون   الـدولـي"), "التعاون الدولي");
        assert_eq!(fold("ق ر ا ر   جديد"), "قرار جديد");
        // (synthetic) three lone letters stay apart: too short to be spread type
        assert_eq!(fold("د ك ن"), "د ك ن");
    }

    #[test]
    fn footnote_body_is_moved_out_and_marker_kept() {
        // (synthetic) a footnote interleaved with the body, then links, then the body goes on
        let text = " ،إن الجمعية العامة \n\
                    ، ( 1) الزراعة المستدامة   وإذ تشير إلى \n\
                    _________________ \n\
                    \n .50/1القرار  (1) \n\
                    https://undocs.org/ar/A/RES/50/1\n\
                    والري الحديث،\n\
                    السلام   وإذ ترحب ب\n";
        let (out, warnings) = to_logical(text);
        let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
        assert!(lines[1].contains("[^1]"), "{out}");
        assert!(lines[1].ends_with("والري الحديث،"), "{out}");
        assert!(
            !lines[1].contains("50/1") && !lines[1].contains("undocs"),
            "{out}"
        );
        assert!(lines[2].starts_with("وإذ ترحب"), "{out}");
        let fn_at = lines
            .iter()
            .position(|l| *l == "Footnotes:")
            .expect("footnotes section");
        assert_eq!(lines[fn_at + 1], "[^1]: 50/1القرار.", "{out}");
        assert!(
            warnings.iter().all(|w| !w.contains("footnote")),
            "{warnings:?}"
        );
    }

    #[test]
    fn multi_line_footnote_ends_at_its_full_stop() {
        // (synthetic) footnote on two lines, then the body resumes without a link line
        let text = " ،إن الجمعية العامة \n\
                    ( 1) المزارعين   وإذ تشير إلى \n\
                    _________________\n\
                    (1) انظر تقرير الزراعة، الفصل\n\
                    الأول، الفرع ألف.\n\
                    ومربي الماشية،\n";
        let (out, _) = to_logical(text);
        assert!(
            out.contains("[^1]: انظر تقرير الزراعة، الفصل الأول، الفرع ألف."),
            "{out}"
        );
        assert!(
            out.lines()
                .any(|l| l.starts_with("وإذ تشير") && l.ends_with("ومربي الماشية،")),
            "{out}"
        );
    }

    #[test]
    fn comma_before_lead_keeps_the_paragraph_together() {
        // (synthetic) a body-font "، وإذ تشير" inside a paragraph
        let text = " ،إن الجمعية العامة \nالمياه، وإذ تشير أيضا إلى الري   وإذ ترحب ب\nوإذ تلاحظ     الزراعة\n";
        let (out, _) = to_logical(text);
        let paras: Vec<&str> = out.lines().filter(|l| l.starts_with("وإذ")).collect();
        assert_eq!(paras.len(), 2, "{out}");
    }

    #[test]
    fn sub_items_with_mirrored_labels() {
        // (synthetic) chapeau and two sub-items
        let text = " ،إن الجمعية العامة \nما يلي:   وإذ تؤكد \n تشجيع الزراعة  )أ( \n دعم الري  )ب( \nوالمياه\n";
        let (out, _) = to_logical(text);
        assert!(out.contains("\n(أ) تشجيع الزراعة\n"), "{out}");
        assert!(out.contains("\n(ب) دعم الري والمياه\n"), "{out}");
    }

    #[test]
    fn closing_comma_printed_first_goes_to_the_end() {
        // (synthetic) a one-line paragraph whose comma and marker were printed at the left
        let text =
            " ،إن الجمعية العامة \n،( 1) بتقرير المزارعين   وإذ ترحب\nالحقول   وإذ تشير إلى \n\
                    _________________\n(1) A/93/1.\n";
        let (out, _) = to_logical(text);
        assert!(
            out.lines().any(|l| l == "وإذ ترحب بتقرير المزارعين[^1]،"),
            "{out}"
        );
        assert_eq!(closing_punctuation_to_end("، كلمة"), "كلمة ،");
        assert_eq!(closing_punctuation_to_end("، كلمة،"), "، كلمة،");
    }

    #[test]
    fn page_furniture_is_dropped() {
        // (synthetic) page number, job number, barcode and running symbol between lines
        let text = " ،إن الجمعية العامة \nالزراعة   وإذ تشير إلى\n2/10\n21-12345 (A)\n*2112345*\nA/RES/93/12\nوالري،\n";
        let (out, _) = to_logical(text);
        let p = out
            .lines()
            .find(|l| l.starts_with("وإذ"))
            .unwrap_or_default();
        assert_eq!(p, "وإذ تشير إلى الزراعة والري،", "{out}");
    }

    #[test]
    fn detection_needs_arabic_and_extraction_signs() {
        // (synthetic)
        let extraction =
            " ،إن الجمعية العامة \nالدول   تحث - 1 \n تشجيع  )أ( \n_________________\n";
        assert!(looks_like_rtl_extraction(extraction));
        let clean = "إن الجمعية العامة،\n\n1 - تحث الدول الأعضاء[^1]؛\n(أ) تشجيع الزراعة؛\n\nFootnotes:\n[^1]: القرار 50/1.\n";
        assert!(!looks_like_rtl_extraction(clean));
        let english = "The General Assembly,\n\n1. Urges States - 1 \n_________________\n";
        assert!(!looks_like_rtl_extraction(english));
    }

    #[test]
    fn damage_estimate_counts_impossible_sequences() {
        // (synthetic) clean words score zero; damaged spellings score
        assert_eq!(damage_share("تحث الدول على التعاون و الزراعة"), 0.0);
        let d = damage_share("االأخصا الأ،فال د الجمعية ة الدول");
        assert!((d - 4.0 / 6.0).abs() < 1e-9, "{d}");
    }

    proptest::proptest! {
        /// Any mix of Arabic letters, kashida, brackets, digits, dashes,
        /// separators and line breaks is read without panicking.
        #[test]
        fn never_panics(s in "[ابجدهوزحطيكلمنسعفصقرشتثخذضظغةىءأإـ،.:()\\[\\]^_ 0-9\n-]{0,400}") {
            let (out, _) = to_logical(&s);
            let _ = looks_like_rtl_extraction(&out);
            let _ = damage_share(&s);
        }
    }
}
