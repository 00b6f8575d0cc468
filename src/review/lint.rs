//! The drafting rules a single edition is checked against, without a base:
//! numbering, clause-ending punctuation, clause openings, footnotes,
//! duplicate paragraphs, cross-references within the text, reporting
//! requests for a past session, and the recall list's order and date forms.
//!
//! Severity is calibrated on the adopted English GA corpus: an adopted text
//! is mostly clean, so an `error` must be something an editor would fix
//! (a numbering gap, a cited footnote that does not exist, a last operative
//! paragraph ending with a semicolon); anything a correct text may also do
//! is a `warning` or a `note`.

use std::collections::{HashMap, HashSet};

use once_cell::sync::Lazy;
use regex::Regex;

use crate::model::{roman_value, Edition, Language, Part, Unit, UnitId};

use super::lang;
use super::rollover::find_recall_list;
use super::verbs::{self, Opening};
use super::{fold_ws, rules, sort_findings, Finding, Severity};

/// Shortest text (in characters) two units must share before they count as
/// duplicates: short sub-items ("Human rights;") legitimately repeat.
pub const DUPLICATE_MIN_CHARS: usize = 60;

/// Run every rule on `ed`; findings in document order.
pub fn lint(ed: &Edition) -> Vec<Finding> {
    let mut f = Vec::new();
    let sectioned = numbering(ed, &mut f);
    punctuation(ed, sectioned, &mut f);
    openings(ed, &mut f);
    footnotes(ed, &mut f);
    duplicates(ed, &mut f);
    references(ed, sectioned, &mut f);
    past_sessions(ed, &mut f);
    recall_list(ed, &mut f);
    single_paragraph_number(ed, &mut f);
    if let Some(why) = uncertain_structure(ed) {
        for x in f
            .iter_mut()
            .filter(|x| x.severity == Severity::Error && STRUCTURAL_RULES.contains(&x.rule))
        {
            x.severity = Severity::Warning;
            x.message
                .push_str(&format!(" (not an error: the reader reported {why})"));
        }
    }
    sort_findings(&mut f);
    f
}

/// Rules whose findings depend on the paragraph structure the reader
/// recognised rather than on the words.
const STRUCTURAL_RULES: &[&str] = &[
    rules::NUMBERING,
    rules::PUNCTUATION,
    rules::DUPLICATE,
    rules::STALE_REFERENCE,
    rules::SINGLE_PARAGRAPH_NUMBER,
];

/// Reader warnings that mean the structure was partly inferred (numbers
/// taken from the paragraph before, a collection of resolutions read as one
/// text, numbering restarting in parts): structural findings on such an
/// edition are reported as warnings, not errors.
const UNCERTAIN_MARKS: &[(&str, &str)] = &[
    (
        "document collection",
        "a collection of resolutions read as one text",
    ),
    ("no number in the mark-up", "paragraph numbers inferred"),
    ("occur more than once", "numbering restarting in parts"),
    (
        "inside the operative part",
        "preambular paragraphs inside the operative part",
    ),
    ("unnumbered heading", "headings in the operative part"),
];

/// Why the structure of `ed` is uncertain, if the reader said so.
pub fn uncertain_structure(ed: &Edition) -> Option<&'static str> {
    UNCERTAIN_MARKS
        .iter()
        .find(|(mark, _)| ed.warnings.iter().any(|w| w.contains(mark)))
        .map(|(_, why)| *why)
}

/// Severity of a numbered lone operative paragraph. Of the 39 adopted
/// English GA resolutions in the corpus with one operative paragraph, none
/// numbers it (docs/REVIEW.md), so a number is something an editor removes.
const SINGLE_PARAGRAPH_NUMBER_SEVERITY: Severity = Severity::Error;

/// A resolution with one operative paragraph leaves it unnumbered (UN
/// style); the reader records whether the lone paragraph carried a number.
fn single_paragraph_number(ed: &Edition, f: &mut Vec<Finding>) {
    if ed.lone_operative_numbered != Some(true) {
        return;
    }
    let Some(op) = ed.operative().find(|u| u.id.sub.is_empty()) else {
        return;
    };
    f.push(
        Finding::new(
            rules::SINGLE_PARAGRAPH_NUMBER,
            Some(op.id.clone()),
            SINGLE_PARAGRAPH_NUMBER_SEVERITY,
            format!(
                "the only operative paragraph is numbered {}: a resolution with one operative paragraph leaves it unnumbered",
                op.id.number
            ),
        )
        .suggest("remove the number"),
    );
}

/// The label expected at position `k` (0-based) of a sub-item sequence that
/// starts with `first`: letters, roman numerals or digits.
fn expected_label(first: &str, k: usize) -> Option<String> {
    if first == "a" {
        // After (z) the UN doubles the letter: (aa), (bb) …
        let c = u8::try_from(k % 26).ok()?;
        let times = k / 26 + 1;
        return Some(char::from(b'a' + c).to_string().repeat(times));
    }
    if first == "i" {
        return Some(to_roman(k + 1));
    }
    if first == "1" {
        return Some((k + 1).to_string());
    }
    None
}

fn to_roman(mut n: usize) -> String {
    let table = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Numbering of operative paragraphs and of sub-items. Returns whether the
/// operative numbering restarts (a resolution in sections), which makes
/// cross-references and the end of a section's last paragraph ambiguous.
fn numbering(ed: &Edition, f: &mut Vec<Finding>) -> bool {
    let mut prev: Option<u32> = None;
    let mut sectioned = false;
    for u in ed
        .units
        .iter()
        .filter(|u| u.id.part == Part::Operative && u.id.sub.is_empty())
    {
        let n = u.id.number;
        match prev {
            None if n != 1 => f.push(
                Finding::new(
                    rules::NUMBERING,
                    Some(u.id.clone()),
                    Severity::Error,
                    format!("the first operative paragraph is numbered {n}"),
                )
                .suggest("1"),
            ),
            Some(p) if n == p + 1 => {}
            Some(p) if n == 1 => {
                sectioned = true;
                f.push(Finding::new(
                    rules::NUMBERING,
                    Some(u.id.clone()),
                    Severity::Note,
                    format!("operative numbering restarts at 1 after paragraph {p} (a resolution in parts?)"),
                ));
            }
            Some(p) if n > p + 1 => {
                let missing = if n == p + 2 {
                    format!("paragraph {} is missing", p + 1)
                } else {
                    format!("paragraphs {}–{} are missing", p + 1, n - 1)
                };
                f.push(
                    Finding::new(
                        rules::NUMBERING,
                        Some(u.id.clone()),
                        Severity::Error,
                        format!("operative paragraph {n} follows paragraph {p}: {missing}"),
                    )
                    .suggest((p + 1).to_string()),
                );
            }
            Some(p) => f.push(
                Finding::new(
                    rules::NUMBERING,
                    Some(u.id.clone()),
                    Severity::Error,
                    format!("operative paragraph {n} follows paragraph {p}: the number is repeated or out of order"),
                )
                .suggest((p + 1).to_string()),
            ),
            None => {}
        }
        prev = Some(n);
    }
    // Sub-items: the children of each unit, in order.
    let mut children: Vec<(UnitId, Vec<&Unit>)> = Vec::new();
    for u in &ed.units {
        if let Some(parent) = u.id.parent() {
            match children.iter_mut().find(|(p, _)| *p == parent) {
                Some((_, v)) => v.push(u),
                None => children.push((parent, vec![u])),
            }
        }
    }
    for (parent, kids) in children {
        let labels: Vec<&str> = kids
            .iter()
            .filter_map(|u| u.id.sub.last().map(String::as_str))
            .collect();
        let Some(first) = labels.first() else {
            continue;
        };
        if expected_label(first, 0).is_none() {
            f.push(Finding::new(
                rules::NUMBERING,
                Some(kids[0].id.clone()),
                Severity::Warning,
                format!("the sub-items of {parent} start with ({first}), not (a), (i) or (1)"),
            ));
            continue;
        }
        // Runs of labels: a list nested in a sub-item ("(a) … (i) (ii) … (b)")
        // may have been read as siblings; a new scheme starting at its first
        // label opens a nested run, and the outer run resumes after it.
        let mut runs: Vec<(&str, usize)> = vec![(first, 0)];
        for (u, l) in kids.iter().zip(&labels) {
            let top = runs.len() - 1;
            let (start, k) = runs[top];
            if expected_label(start, k).as_deref() == Some(*l) {
                runs[top].1 += 1;
                continue;
            }
            if top > 0 && expected_label(runs[top - 1].0, runs[top - 1].1).as_deref() == Some(*l) {
                runs.pop();
                let t = runs.len() - 1;
                runs[t].1 += 1;
                continue;
            }
            let opens_nested = matches!(*l, "i" | "a" | "1")
                && runs.iter().all(|(s, _)| s != l)
                && expected_label(start, k).as_deref() != Some(*l);
            if opens_nested {
                runs.push((l, 1));
                continue;
            }
            let want = expected_label(start, k).unwrap_or_default();
            let prev = if k > 0 {
                expected_label(start, k - 1).unwrap_or_default()
            } else {
                String::new()
            };
            let what = if *l == prev
                || (roman_value(l).is_some() && roman_value(l) == roman_value(&prev))
            {
                format!("({l}) is repeated")
            } else {
                format!("({l}) stands where ({want}) is expected")
            };
            f.push(
                Finding::new(
                    rules::NUMBERING,
                    Some(u.id.clone()),
                    Severity::Error,
                    format!("sub-items of {parent}: {what}"),
                )
                .suggest(format!("({want})")),
            );
            break;
        }
    }
    sectioned
}

/// The last character of a clause that is not white space.
fn last_char(text: &str) -> Option<char> {
    text.trim_end().chars().last()
}

fn describe(c: Option<char>) -> String {
    match c {
        Some(c) => format!("'{c}'"),
        None => "nothing".to_string(),
    }
}

/// Clause-ending punctuation: preambular paragraphs end with a comma,
/// operative ones with a semicolon and the last with a full stop, chapeaux
/// with a colon (each in the language's own characters).
fn punctuation(ed: &Edition, sectioned: bool, f: &mut Vec<Finding>) {
    let (pp_end, op_end, last_end, chapeau_end) = lang::clause_ends(ed.language);
    let n = ed.units.len();
    let has_children = |i: usize| {
        ed.units
            .get(i + 1)
            .is_some_and(|next| next.id.parent().as_ref() == Some(&ed.units[i].id))
    };
    let last_op = ed.units.iter().rposition(|u| u.id.part == Part::Operative);
    for (i, u) in ed.units.iter().enumerate() {
        let c = last_char(&u.text);
        if c.is_none() {
            f.push(
                Finding::new(
                    rules::PUNCTUATION,
                    Some(u.id.clone()),
                    Severity::Note,
                    "the paragraph is empty",
                )
                .suggest("delete it"),
            );
            continue;
        }
        let is = |set: &[char]| c.is_some_and(|c| set.contains(&c));
        let mut push = |sev: Severity, want: &[char], what: &str| {
            let mut fx = Finding::new(
                rules::PUNCTUATION,
                Some(u.id.clone()),
                sev,
                format!("{what} ends with {}, not '{}'", describe(c), want[0]),
            );
            let t = u.text.trim_end();
            let stem = t.trim_end_matches(|ch: char| ",;:.،؛，；：。".contains(ch));
            let tail: String = stem
                .chars()
                .rev()
                .take(30)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            fx = fx.suggest(format!("…{tail}{}", want[0]));
            f.push(fx);
        };
        if has_children(i) {
            if !is(chapeau_end) && !is(&['—', '-']) {
                push(
                    Severity::Warning,
                    chapeau_end,
                    "a paragraph introducing sub-items",
                );
            }
            continue;
        }
        let is_last_op = Some(i) == last_op;
        match (u.id.part, u.id.depth()) {
            (Part::Preamble, 0) => {
                if !is(pp_end) {
                    let sev = if is(op_end) || is(last_end) || is(chapeau_end) {
                        Severity::Warning
                    } else {
                        Severity::Note
                    };
                    push(sev, pp_end, "a preambular paragraph");
                }
            }
            (Part::Preamble, _) => {
                if !is(pp_end) && !is(op_end) {
                    push(Severity::Note, pp_end, "a preambular sub-item");
                }
            }
            (Part::Operative, _) if is_last_op => {
                if !is(last_end) {
                    let sev = if is(op_end) || is(pp_end) {
                        Severity::Error
                    } else {
                        Severity::Warning
                    };
                    push(sev, last_end, "the last operative paragraph");
                }
            }
            (Part::Operative, 0) => {
                // In a resolution in parts, each part's last paragraph ends with a full stop.
                let ends_part = sectioned
                    && ed.units[i + 1..n]
                        .iter()
                        .find(|x| x.id.sub.is_empty())
                        .is_some_and(|x| x.id.number == 1);
                let closes_part = is(last_end) && ends_part;
                if !is(op_end) && !closes_part {
                    let sev = if is(pp_end) || is(chapeau_end) {
                        Severity::Error
                    } else {
                        Severity::Warning
                    };
                    push(sev, op_end, "an operative paragraph");
                }
            }
            (Part::Operative, _) => {
                if !is(op_end) && !is(pp_end) && !is(last_end) {
                    push(Severity::Note, op_end, "an operative sub-item");
                }
            }
        }
    }
}

/// Preambular paragraphs open with a participle or adjective phrase,
/// operative ones with a present-tense verb.
fn openings(ed: &Edition, f: &mut Vec<Finding>) {
    for u in ed.units.iter().filter(|u| u.id.sub.is_empty()) {
        let o = verbs::opening(ed.language, &u.text);
        let first: String = u
            .text
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        match (u.id.part, o) {
            (Part::Preamble, Opening::Operative) => {
                let mut x = Finding::new(
                    rules::PREAMBLE_OPENING,
                    Some(u.id.clone()),
                    Severity::Warning,
                    format!("preambular paragraph opens with an operative verb (\"{first}\")"),
                );
                if let Some(s) = (ed.language == Language::En)
                    .then(|| verbs::en_participle(&u.text))
                    .flatten()
                {
                    x = x.suggest(s);
                }
                f.push(x)
            }
            (Part::Operative, Opening::Preambular) => {
                let mut x = Finding::new(
                    rules::OPERATIVE_OPENING,
                    Some(u.id.clone()),
                    Severity::Warning,
                    format!("operative paragraph opens like a preambular one (\"{first}\")"),
                );
                if let Some(s) = (ed.language == Language::En)
                    .then(|| verbs::en_present(&u.text))
                    .flatten()
                {
                    x = x.suggest(s);
                }
                f.push(x)
            }
            (Part::Preamble, Opening::Unknown) if ed.language != Language::Zh => {
                f.push(Finding::new(
                    rules::PREAMBLE_OPENING,
                    Some(u.id.clone()),
                    Severity::Note,
                    format!(
                        "opening \"{first}\" is not a participle or adjective phrase resdiff knows"
                    ),
                ))
            }
            (Part::Operative, Opening::Unknown) if ed.language != Language::Zh => {
                f.push(Finding::new(
                    rules::OPERATIVE_OPENING,
                    Some(u.id.clone()),
                    Severity::Note,
                    format!("opening \"{first}\" is not an operative verb resdiff knows"),
                ))
            }
            _ => {}
        }
    }
}

/// Footnotes cited but missing, defined but never cited, numbered with gaps.
fn footnotes(ed: &Edition, f: &mut Vec<Finding>) {
    let defined: HashSet<u32> = ed.footnotes.iter().map(|n| n.number).collect();
    let mut cited: HashSet<u32> = HashSet::new();
    for u in &ed.units {
        for &n in &u.footnotes {
            cited.insert(n);
            if !defined.contains(&n) {
                f.push(
                    Finding::new(
                        rules::FOOTNOTE,
                        Some(u.id.clone()),
                        Severity::Error,
                        format!("cites footnote {n}, which the document does not contain"),
                    )
                    .suggest(format!(
                        "add the text of footnote {n}, or remove its marker"
                    )),
                );
            }
        }
    }
    for n in &ed.footnotes {
        if n.unit.is_none() && !cited.contains(&n.number) {
            f.push(
                Finding::new(
                    rules::FOOTNOTE,
                    None,
                    Severity::Note,
                    format!(
                        "footnote {} is not cited by any paragraph (it may be cited in the title)",
                        n.number
                    ),
                )
                .suggest(format!(
                    "cite footnote {} where it belongs, or delete it",
                    n.number
                )),
            );
        }
    }
    let mut nums: Vec<u32> = defined.into_iter().collect();
    nums.sort_unstable();
    for w in nums.windows(2) {
        if w[1] != w[0] + 1 {
            f.push(
                Finding::new(
                    rules::FOOTNOTE,
                    None,
                    Severity::Warning,
                    format!("footnotes jump from {} to {}", w[0], w[1]),
                )
                .suggest(format!("number footnote {} as {}", w[1], w[0] + 1)),
            );
        }
    }
}

/// Two units with the same text (white space and case folded).
fn duplicates(ed: &Edition, f: &mut Vec<Finding>) {
    let mut seen: HashMap<String, &UnitId> = HashMap::new();
    for u in &ed.units {
        let key = fold_ws(&u.text).to_lowercase();
        if key.chars().count() < DUPLICATE_MIN_CHARS {
            continue;
        }
        match seen.get(&key) {
            Some(first) => {
                let sev = if u.id.sub.is_empty() && first.sub.is_empty() {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                f.push(
                    Finding::new(
                        rules::DUPLICATE,
                        Some(u.id.clone()),
                        sev,
                        format!("same text as {first}"),
                    )
                    .suggest(format!("delete it, or merge it with {first}")),
                );
            }
            None => {
                seen.insert(key, &u.id);
            }
        }
    }
}

/// Where a cross-reference points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefDir {
    Above,
    Below,
    /// "of the present resolution"
    Present,
}

/// A cross-reference to a paragraph of the same resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossRef {
    /// Byte span of the number in the text.
    pub start: usize,
    pub end: usize,
    /// The whole reference as written ("paragraph 9 above").
    pub phrase: String,
    pub number: u32,
    pub dir: RefDir,
}

fn ref_regex(lang: Language) -> Regex {
    let p = match lang {
        Language::En => {
            r"\bparagraphs? (\d+)(?: ?\([a-z]+\))*( above| below| of (?:the present|this) resolution)"
        }
        Language::Fr => {
            r"\bparagraphes? (\d+)(?: ?[a-z]+\))*( ci-dessus| ci-dessous| de la présente résolution)"
        }
        Language::Es => {
            r"\bpárrafos? (\d+)(?: ?[a-z]+\))*( supra| infra| de la presente resolución)"
        }
        Language::Ru => {
            r"\bпункт\p{Cyrillic}* (\d+)(?: ?[а-я]+\))*( выше| ниже| настоящей резолюции)"
        }
        Language::Zh => r"(上文|下文|本决议)第(\d+)段",
        Language::Ar => r"الفقرة (\d+)(?: ?\([^)]{1,3}\))*( أعلاه| أدناه| من هذا القرار)",
    };
    // Invariant: fixed patterns.
    Regex::new(p).expect("reference pattern is valid")
}

static REF_RES: Lazy<Vec<(Language, Regex)>> =
    Lazy::new(|| Language::ALL.iter().map(|&l| (l, ref_regex(l))).collect());

/// Cross-references ("paragraph 9 above") in a text.
pub fn cross_refs(lang: Language, text: &str) -> Vec<CrossRef> {
    let Some((_, re)) = REF_RES.iter().find(|(l, _)| *l == lang) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let (num, dir) = if lang == Language::Zh {
            (c.get(2), c.get(1).map(|m| m.as_str()))
        } else {
            (c.get(1), c.get(2).map(|m| m.as_str().trim()))
        };
        let (Some(num), Some(dir)) = (num, dir) else {
            continue;
        };
        let Ok(number) = num.as_str().parse() else {
            continue;
        };
        let dir = match dir {
            "above" | "ci-dessus" | "supra" | "выше" | "上文" | "أعلاه" => RefDir::Above,
            "below" | "ci-dessous" | "infra" | "ниже" | "下文" | "أدناه" => {
                RefDir::Below
            }
            _ => RefDir::Present,
        };
        let phrase = c.get(0).map_or(String::new(), |m| m.as_str().to_string());
        out.push(CrossRef {
            start: num.start(),
            end: num.end(),
            phrase,
            number,
            dir,
        });
    }
    out
}

/// Cross-references that point nowhere, or the wrong way.
fn references(ed: &Edition, sectioned: bool, f: &mut Vec<Finding>) {
    let ops: HashSet<u32> = ed.operative().map(|u| u.id.number).collect();
    for u in &ed.units {
        for r in cross_refs(ed.language, &u.text) {
            let here = (u.id.part == Part::Operative).then_some(u.id.number);
            let problem = if !ops.contains(&r.number) {
                Some(format!(
                    "refers to paragraph {}, which the resolution does not have",
                    r.number
                ))
            } else {
                match (r.dir, here) {
                    // A sub-item may point to its own paragraph's earlier sub-items.
                    (RefDir::Above, Some(h))
                        if r.number > h || (r.number == h && u.id.sub.is_empty()) =>
                    {
                        Some(format!(
                            "refers to paragraph {} \"above\", but it stands at or after this one",
                            r.number
                        ))
                    }
                    (RefDir::Below, Some(h)) if r.number <= h => Some(format!(
                        "refers to paragraph {} \"below\", but it stands at or before this one",
                        r.number
                    )),
                    (RefDir::Above, None) if u.id.part == Part::Preamble => Some(format!(
                        "a preambular paragraph refers to paragraph {} \"above\"",
                        r.number
                    )),
                    _ => None,
                }
            };
            if let Some(msg) = problem {
                let sev = if sectioned {
                    Severity::Note
                } else {
                    Severity::Error
                };
                f.push(Finding::new(
                    rules::STALE_REFERENCE,
                    Some(u.id.clone()),
                    sev,
                    msg,
                ));
            }
        }
    }
}

/// How many sessions back a request may name and still look like a
/// roll-forward that was forgotten (resolutions recur every one to three
/// sessions); older sessions in a request are references to past decisions
/// ("as decided at its forty-third session").
pub const STALE_SESSION_WINDOW: u32 = 3;

/// Reporting requests for a recent session before the edition's own.
fn past_sessions(ed: &Edition, f: &mut Vec<Finding>) {
    let Some(session) = ed.facts.session else {
        return;
    };
    for u in ed.operative() {
        if !lang::is_reporting_request(ed.language, &u.text) || !asks(ed.language, &u.text) {
            continue;
        }
        for m in lang::find_session_ordinals(ed.language, &u.text) {
            if m.value < session && m.value + STALE_SESSION_WINDOW >= session {
                f.push(
                    Finding::new(
                        rules::PAST_SESSION,
                        Some(u.id.clone()),
                        Severity::Warning,
                        format!(
                            "a request names the {} session, before the edition's own ({})",
                            lang::ordinal(Language::En, m.value).unwrap_or_default(),
                            lang::ordinal(Language::En, session).unwrap_or_default()
                        ),
                    )
                    .suggest(
                        lang::ordinal_like(ed.language, session + 1, &u.text[m.start..m.end])
                            .unwrap_or_default(),
                    ),
                );
            }
        }
    }
}

/// Whether a clause asks for something (a report, an agenda item).
pub fn asks(lang: Language, text: &str) -> bool {
    let t = text.to_lowercase();
    let any = |ws: &[&str]| ws.iter().any(|w| t.contains(w));
    match lang {
        Language::En => any(&[
            "requests",
            "invites",
            "decides to include",
            "to submit",
            "to report",
        ]),
        Language::Fr => any(&[
            "prie",
            "invite",
            "décide d’inscrire",
            "décide d'inscrire",
            "de présenter",
        ]),
        Language::Es => any(&[
            "solicita",
            "pide",
            "invita",
            "decide incluir",
            "que presente",
        ]),
        Language::Ru => any(&[
            "просит",
            "предлагает",
            "постановляет включить",
            "представить",
        ]),
        Language::Zh => any(&["请", "决定在", "提交"]),
        Language::Ar => any(&["تطلب", "تدعو", "تقرر أن تدرج", "أن يقدم", "أن يزود"]),
    }
}

/// The recall list: in date order, no resolution twice, dates in standard form.
fn recall_list(ed: &Edition, f: &mut Vec<Finding>) {
    let Some(list) = find_recall_list(ed) else {
        return;
    };
    let mut seen = HashSet::new();
    for w in list.citations.windows(2) {
        if w[1].date < w[0].date {
            f.push(
                Finding::new(
                    rules::RECALL_LIST,
                    Some(list.unit.clone()),
                    Severity::Warning,
                    format!(
                        "{} is listed after {}, which is later",
                        w[1].symbol, w[0].symbol
                    ),
                )
                .suggest(format!("list {} before {}", w[1].symbol, w[0].symbol)),
            );
        }
    }
    let text = ed.unit(&list.unit).map_or("", |u| u.text.as_str());
    for c in &list.citations {
        if !seen.insert(c.symbol.clone()) {
            f.push(
                Finding::new(
                    rules::RECALL_LIST,
                    Some(list.unit.clone()),
                    Severity::Warning,
                    format!("{} is listed twice", c.symbol),
                )
                .suggest(format!("delete the second {}", c.symbol)),
            );
        }
        if c.irregular {
            f.push(
                Finding::new(
                    rules::DATE_FORM,
                    Some(list.unit.clone()),
                    Severity::Warning,
                    format!(
                        "\"{}\" is not in the standard form",
                        text.get(c.start..c.end).unwrap_or("")
                    ),
                )
                .suggest(lang::write_citation(ed.language, &c.symbol, c.date)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Footnote, SourceFormat};

    fn ed(lang: Language, units: &[(&str, &str)]) -> Edition {
        let mut e = Edition::new("synthetic.txt", SourceFormat::Text, lang);
        e.units = units
            .iter()
            .map(|(id, t)| Unit::new(id.parse().unwrap(), *t))
            .collect();
        e
    }

    fn rules_of(f: &[Finding], sev: Severity) -> Vec<(String, &'static str)> {
        f.iter()
            .filter(|x| x.severity == sev)
            .map(|x| {
                (
                    x.unit.as_ref().map_or("-".into(), |u| u.to_string()),
                    x.rule,
                )
            })
            .collect()
    }

    #[test]
    fn clean_synthetic_text_has_no_errors_or_warnings() {
        let e = ed(
            Language::En,
            &[
                ("PP1", "Recalling its earlier work (synthetic),"),
                (
                    "OP1",
                    "Requests a report on the matters in paragraph 2 below (synthetic);",
                ),
                ("OP2", "Decides to do the following (synthetic):"),
                ("OP2(a)", "First thing (synthetic);"),
                ("OP2(b)", "Second thing (synthetic)."),
            ],
        );
        let f = lint(&e);
        assert!(rules_of(&f, Severity::Error).is_empty(), "{f:#?}");
        assert!(rules_of(&f, Severity::Warning).is_empty(), "{f:#?}");
    }

    #[test]
    fn numbering_gaps_and_duplicates() {
        let e = ed(
            Language::Fr,
            &[
                ("OP1", "Décide (synthétique) :"),
                ("OP1(a)", "Une chose (synthétique);"),
                ("OP1(c)", "Une autre (synthétique);"),
                ("OP3", "Prie (synthétique);"),
                ("OP3", "Prie encore (synthétique)."),
            ],
        );
        let f = lint(&e);
        let errs = rules_of(&f, Severity::Error);
        assert!(
            errs.contains(&("OP1(c)".into(), rules::NUMBERING)),
            "{f:#?}"
        );
        assert_eq!(
            errs.iter()
                .filter(|e| e.0 == "OP3" && e.1 == rules::NUMBERING)
                .count(),
            2,
            "{f:#?}"
        );
        let gap = f
            .iter()
            .find(|x| x.unit.as_ref().is_some_and(|u| u.to_string() == "OP1(c)"))
            .unwrap();
        assert_eq!(gap.suggestion.as_deref(), Some("(b)"));
    }

    #[test]
    fn nested_lists_read_flat_are_not_gaps() {
        let e = ed(
            Language::En,
            &[
                ("OP1", "Decides (synthetic):"),
                ("OP1(a)", "First (synthetic):"),
                ("OP1(i)", "Nested one (synthetic);"),
                ("OP1(ii)", "Nested two (synthetic);"),
                ("OP1(b)", "Second (synthetic);"),
                ("OP1(d)", "Fourth (synthetic)."),
            ],
        );
        let f = lint(&e);
        assert_eq!(
            rules_of(&f, Severity::Error),
            [("OP1(d)".into(), rules::NUMBERING)],
            "{f:#?}"
        );
    }

    #[test]
    fn punctuation_per_language() {
        let e = ed(
            Language::En,
            &[
                ("PP1", "Recalling x (synthetic);"),
                ("OP1", "Requests y (synthetic),"),
                ("OP2", "Decides z (synthetic);"),
            ],
        );
        let f = lint(&e);
        assert_eq!(
            rules_of(&f, Severity::Error),
            [
                ("OP1".into(), rules::PUNCTUATION),
                ("OP2".into(), rules::PUNCTUATION)
            ]
        );
        assert_eq!(
            rules_of(&f, Severity::Warning),
            [("PP1".into(), rules::PUNCTUATION)]
        );
        let zh = ed(
            Language::Zh,
            &[
                ("PP1", "回顾（合成），"),
                ("OP1", "请（合成）；"),
                ("OP2", "决定（合成）。"),
            ],
        );
        assert!(lint(&zh).iter().all(|x| x.rule != rules::PUNCTUATION));
        let ar = ed(
            Language::Ar,
            &[
                ("PP1", "وإذ تشير (نص اصطناعي)،"),
                ("OP1", "تطلب (نص اصطناعي)؛"),
                ("OP2", "تقرر (نص اصطناعي)؛"),
            ],
        );
        assert_eq!(
            rules_of(&lint(&ar), Severity::Error),
            [("OP2".into(), rules::PUNCTUATION)]
        );
    }

    #[test]
    fn footnotes_cited_missing_and_uncited() {
        let mut e = ed(
            Language::En,
            &[
                ("PP1", "Recalling x (synthetic),"),
                ("OP1", "Decides y (synthetic)."),
            ],
        );
        e.units[0].footnotes = vec![1, 2];
        e.footnotes = vec![
            Footnote {
                number: 1,
                text: "A/1 (synthetic).".into(),
                unit: Some(UnitId::pp(1)),
            },
            Footnote {
                number: 3,
                text: "A/3 (synthetic).".into(),
                unit: None,
            },
        ];
        let f = lint(&e);
        assert_eq!(
            rules_of(&f, Severity::Error),
            [("PP1".into(), rules::FOOTNOTE)]
        );
        assert!(f
            .iter()
            .any(|x| x.rule == rules::FOOTNOTE && x.severity == Severity::Note));
        assert!(f.iter().any(|x| x.message.contains("jump from 1 to 3")));
    }

    #[test]
    fn duplicates_found() {
        let t =
            "Requests the Secretary-General to do a long synthetic thing for everyone (synthetic);";
        let e = ed(
            Language::En,
            &[("OP1", t), ("OP2", t), ("OP3", "Decides (synthetic).")],
        );
        assert_eq!(
            rules_of(&lint(&e), Severity::Error),
            [("OP2".into(), rules::DUPLICATE)]
        );
    }

    #[test]
    fn stale_references() {
        let e = ed(
            Language::En,
            &[
                ("OP1", "Requests what paragraph 3 above says (synthetic);"),
                (
                    "OP2",
                    "Recalls paragraph 9 of the present resolution (synthetic);",
                ),
                ("OP3", "Decides (synthetic)."),
            ],
        );
        let errs = rules_of(&lint(&e), Severity::Error);
        assert_eq!(
            errs,
            [
                ("OP1".into(), rules::STALE_REFERENCE),
                ("OP2".into(), rules::STALE_REFERENCE)
            ]
        );
        let r = cross_refs(Language::Zh, "请执行上文第5段（合成）");
        assert_eq!((r[0].number, r[0].dir), (5, RefDir::Above));
        let r = cross_refs(Language::Fr, "le paragraphe 4 ci-dessous (synthétique)");
        assert_eq!((r[0].number, r[0].dir), (4, RefDir::Below));
    }

    #[test]
    fn reporting_request_for_a_past_session() {
        let mut e = ed(
            Language::En,
            &[("OP1", "Requests the Secretary-General to submit a report at its seventy-sixth session (synthetic).")],
        );
        e.facts.session = Some(78);
        let f = lint(&e);
        let p = f.iter().find(|x| x.rule == rules::PAST_SESSION).unwrap();
        assert_eq!(p.suggestion.as_deref(), Some("seventy-ninth"));
    }

    #[test]
    fn numbered_lone_operative_paragraph() {
        let units = [
            ("PP1", "Recalling its earlier work (synthetic),"),
            ("OP1", "Decides to continue its work (synthetic)."),
        ];
        let single = |e: &Edition| -> Vec<(String, &'static str)> {
            lint(e)
                .iter()
                .filter(|x| x.rule == rules::SINGLE_PARAGRAPH_NUMBER)
                .map(|x| (x.severity.as_str().to_string(), x.rule))
                .collect()
        };
        let mut e = ed(Language::En, &units);
        assert_eq!(single(&e), [], "unknown: no finding");
        e.lone_operative_numbered = Some(false);
        assert_eq!(single(&e), []);
        e.lone_operative_numbered = Some(true);
        assert_eq!(
            single(&e),
            [("error".to_string(), rules::SINGLE_PARAGRAPH_NUMBER)]
        );
        let f = lint(&e);
        let x = f
            .iter()
            .find(|x| x.rule == rules::SINGLE_PARAGRAPH_NUMBER)
            .unwrap();
        assert_eq!(x.unit, Some(UnitId::op(1)));
        // An uncertain structure makes it a warning, as other structural rules.
        e.warnings
            .push("the resolution has 2 parts (a document collection)".into());
        assert_eq!(
            single(&e),
            [("warning".to_string(), rules::SINGLE_PARAGRAPH_NUMBER)]
        );
    }
}
