//! Predecessor links: which earlier edition of the corpus each edition
//! continues.
//!
//! A recurring resolution says what it continues: its preamble recalls the
//! earlier editions ("Recalling its resolutions 74/176 of 18 December 2019
//! and 76/186 of …"). But a preamble also recalls related resolutions of
//! other series, and some editions recall nothing. So a link needs two kinds
//! of evidence:
//!
//! - **citation**: the new edition's preamble cites the old one as a General
//!   Assembly resolution ([`citations`] reads the citation lists and leaves
//!   out resolutions of the Councils, Commissions and other bodies);
//! - **sameness**: the titles are alike ([`title_similarity`]) or the texts
//!   share many shingles ([`super::index::jaccard`]).
//!
//! A cited edition needs either kind of sameness at a modest level; an
//! uncited one needs both, or the very same title, or a text so close that
//! it cannot be another resolution. Among the eligible earlier editions the most recent one is the
//! predecessor (a resolution recalls all its earlier editions, the last one
//! is the one it continues). Each edition has at most one successor: when two
//! editions claim one predecessor, the better-supported claim keeps it and
//! the other falls back to its next choice.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use regex::Regex;

use super::index::{self, LshIndex};
use super::{Corpus, Doc, GaNumber};
use crate::model::{Edition, Language, Part};
use crate::normalize::{self, ExactKeys};

/// Title similarity at which a cited edition counts as the same series.
/// Titles of one series are usually identical; 0.5 admits a reworded title
/// ("Implementation of …" → "Follow-up to …") and keeps out resolutions that
/// share only the topic word ("Trafficking in women and girls" against
/// "Improving the coordination of efforts against trafficking in persons"
/// measures 0.22).
pub const CITED_TITLE_MIN: f64 = 0.5;

/// Text similarity (shingle Jaccard) at which a cited edition counts as the
/// same series even under a new title. Unrelated resolutions of one agenda
/// item stay below 0.15; editions of one series measure 0.3–0.9.
pub const CITED_CONTENT_MIN: f64 = 0.25;

/// Uncited editions need both a similar title ([`UNCITED_TITLE_MIN`]) and
/// this text similarity: annual texts that do not recall their predecessor
/// (budget, financing and country texts) share most of their text.
pub const UNCITED_CONTENT_MIN: f64 = 0.35;

/// Title similarity required of an uncited edition.
pub const UNCITED_TITLE_MIN: f64 = 0.6;

/// Text similarity at which an uncited edition with an unlike title is still
/// the same resolution (a retitled edition with the same text).
pub const SAME_TEXT_MIN: f64 = 0.7;

/// Title similarity that means the same title (the same title words): in
/// the General Assembly an identical title is the same agenda item and the
/// same recurring resolution, even when the text was rewritten (the 2025
/// text on the situation of human rights in the Syrian Arab Republic shares
/// 5 % of its shingles with the 2024 one and cites none of its predecessors).
pub const SAME_TITLE: f64 = 1.0;

/// Shortest title word kept for title similarity (in characters, outside
/// Chinese): drops articles and prepositions of the five spaced languages
/// without a stop-word list per language.
pub const MIN_TITLE_WORD_CHARS: usize = 4;

/// Characters before a citation keyword searched for the body that adopted
/// the cited resolution ("Human Rights Council resolution 44/4").
pub const BODY_WINDOW_CHARS: usize = 48;

/// Why an edition was linked to its predecessor.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Index of the new edition in the corpus.
    pub new: usize,
    /// Index of its predecessor.
    pub old: usize,
    /// The new edition's preamble cites the old one.
    pub cited: bool,
    /// Title similarity, 0..1.
    pub title: f64,
    /// Shingle Jaccard similarity of the texts, 0..1.
    pub content: f64,
}

impl Link {
    /// Strength of the evidence, used to settle two claims on one predecessor.
    pub fn score(&self) -> f64 {
        let cited = if self.cited { 1.0 } else { 0.0 };
        cited + self.title + self.content
    }
}

/// Title words for [`title_similarity`]: comparison keys of at least
/// [`MIN_TITLE_WORD_CHARS`] characters (pairs of characters for Chinese),
/// ascending and distinct.
pub fn title_words(title: &str, lang: Language) -> Vec<String> {
    let keys = normalize::keys(title, lang, &ExactKeys);
    let mut set = BTreeSet::new();
    if lang.is_unspaced() {
        let chars: Vec<&str> = keys.iter().map(|s| s.as_str()).collect();
        for w in chars.windows(2) {
            set.insert(w.concat());
        }
        if chars.len() == 1 {
            set.insert(chars[0].to_string());
        }
    } else {
        for k in keys {
            if k.chars().count() >= MIN_TITLE_WORD_CHARS {
                set.insert(k);
            }
        }
    }
    set.into_iter().collect()
}

/// Dice coefficient of two title word sets (0 when either is empty).
pub fn title_similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let n = index::intersection(a, b);
    2.0 * n as f64 / (a.len() + b.len()) as f64
}

fn citation_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // Invariant: a constant, valid pattern.
        Regex::new(r"(A/RES/)?(\d{1,3})/(\d{1,3})").expect("valid citation pattern")
    })
}

fn keyword_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // "resolution(s)" and "decision(s)" in the six languages. Decisions
        // are matched only so that numbers after them are not taken for
        // resolutions.
        Regex::new(
            r"(?i)\b(?:(resolutions?|résolutions?|resoluci(?:ón|ones))|(decisions?|décisions?|decisi(?:ón|ones)))\b|(резолюци\w*)|(решени\w*)|(决议)|(决定)|(قرار\w*)|(مقرر\w*)",
        )
        .expect("valid keyword pattern")
    })
}

/// Who adopted the resolutions cited after a keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    Assembly,
    Other,
}

/// The last body named in `window` (the text before a citation keyword):
/// the General Assembly (also as "its"), another body, or none.
fn body_in(window: &str) -> Option<Body> {
    const ASSEMBLY: &[&str] = &[
        "general assembly",
        " its ",
        "assemblée générale",
        " ses ",
        " sa ",
        "asamblea general",
        " sus ",
        " su ",
        "генеральной ассамбле",
        " своей ",
        " своих ",
        "大会",
        "الجمعية العامة",
    ];
    const OTHER: &[&str] = &[
        "council",
        "commission",
        "board",
        "conference",
        "committee",
        "environment assembly",
        "health assembly",
        "organization",
        "conseil",
        "comité",
        "consejo",
        "comisión",
        "conferencia",
        "совет",
        "комисси",
        "理事会",
        "委员会",
        "مجلس",
        "لجنة",
    ];
    let w = format!(" {} ", window.to_lowercase());
    let last = |list: &[&str]| list.iter().filter_map(|m| w.rfind(m)).max();
    match (last(ASSEMBLY), last(OTHER)) {
        (Some(a), Some(o)) => Some(if a > o { Body::Assembly } else { Body::Other }),
        (Some(_), None) => Some(Body::Assembly),
        (None, Some(_)) => Some(Body::Other),
        (None, None) => None,
    }
}

/// The General Assembly resolutions a text cites, in order: numbers
/// `NN/NNN` after "resolution(s)" whose adopting body, named before the
/// keyword, is the Assembly ("its", "General Assembly") or not named, and
/// every `A/RES/NN/NNN`. A number after a keyword without a body name
/// belongs to the body of the keyword before it in the same text
/// ("Human Rights Council resolution 44/4 …, resolution 53/9").
pub fn cited_in_text(text: &str) -> Vec<GaNumber> {
    let kws: Vec<(usize, usize, bool)> = keyword_re()
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let decision = c.get(2).is_some()
                || c.get(4).is_some()
                || c.get(6).is_some()
                || c.get(8).is_some();
            Some((m.start(), m.end(), decision))
        })
        .collect();
    // Body of each keyword, inherited when the text before it names none.
    let mut bodies = Vec::with_capacity(kws.len());
    let mut prev_end = 0usize;
    let mut current = Body::Assembly;
    for &(start, end, _) in &kws {
        let from = floor_boundary(text, start.saturating_sub(BODY_WINDOW_CHARS)).max(prev_end);
        if let Some(b) = body_in(text.get(from..start).unwrap_or("")) {
            current = b;
        }
        bodies.push(current);
        prev_end = end;
    }
    let mut out = Vec::new();
    for c in citation_re().captures_iter(text) {
        let (Some(m), Some(s), Some(n)) = (c.get(0), c.get(2), c.get(3)) else {
            continue;
        };
        let explicit = c.get(1).is_some();
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        // Part of a longer symbol or number: A/74/400, A/C.3/74/L.10, 2017/18.
        let glued =
            |ch: Option<char>| ch.is_some_and(|ch| ch.is_alphanumeric() || "/.-".contains(ch));
        if (!explicit && glued(before)) || glued(after) {
            continue;
        }
        let (Ok(session), Ok(number)) = (s.as_str().parse::<u32>(), n.as_str().parse::<u32>())
        else {
            continue;
        };
        let g = GaNumber { session, number };
        let keep = explicit || {
            // The keyword this number belongs to: the last one before it.
            match kws.iter().rposition(|k| k.1 <= m.start()) {
                Some(k) => !kws[k].2 && bodies[k] == Body::Assembly,
                None => false,
            }
        };
        if keep && !out.contains(&g) {
            out.push(g);
        }
    }
    out
}

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// GA resolutions cited by an edition's preamble (units and sub-items),
/// earlier than the edition itself when its session is known.
pub fn citations(ed: &Edition) -> Vec<GaNumber> {
    let own = ed.facts.symbol.as_deref().and_then(GaNumber::from_symbol);
    let mut out: Vec<GaNumber> = Vec::new();
    for u in ed.units.iter().filter(|u| u.id.part == Part::Preamble) {
        for g in cited_in_text(&u.text) {
            // A later session cannot be a predecessor; the edition's own
            // number stays (part B recalls part A of the same resolution).
            if own.is_some_and(|o| g.session > o.session) {
                continue;
            }
            if !out.contains(&g) {
                out.push(g);
            }
        }
    }
    out
}

/// True when `old` was adopted before `new`: by date when both state one
/// (on the same day only a part of the same resolution, `A/RES/78/183 A`
/// before `B`), else by session.
fn earlier(old: &Doc, new: &Doc) -> bool {
    match (&old.edition.facts.adopted, &new.edition.facts.adopted) {
        (Some(a), Some(b)) if a == b => {
            old.ga.is_some() && old.ga == new.ga && old.adoption_key() < new.adoption_key()
        }
        (Some(a), Some(b)) => a < b,
        _ => match (old.ga, new.ga) {
            (Some(a), Some(b)) => a.session < b.session,
            _ => false,
        },
    }
}

/// Recency of a document for choosing among eligible predecessors: its
/// session (an annual series has one edition per session), else its year.
fn recency(d: &Doc) -> u32 {
    d.ga.map(|g| g.session)
        .or(d.edition.facts.session)
        .or_else(|| {
            d.edition
                .facts
                .adopted
                .as_deref()
                .and_then(|a| a.get(..4))
                .and_then(|y| y.parse().ok())
        })
        .unwrap_or(0)
}

/// Margin below [`SAME_TEXT_MIN`] under which the MinHash estimate rules an
/// uncited, unlike-titled candidate out without the exact comparison: five
/// standard errors of the 64-value estimate.
const ESTIMATE_MARGIN: f64 = 0.3;

/// The evidence for `old` as predecessor of `new`, when it is enough.
pub fn judge(corpus: &Corpus, lsh: &LshIndex, new: usize, old: usize) -> Option<Link> {
    let (n, o) = (&corpus.docs[new], &corpus.docs[old]);
    if new == old || !earlier(o, n) {
        return None;
    }
    let cited = o.ga.is_some_and(|g| n.citations.contains(&g));
    let title = title_similarity(&n.title_words, &o.title_words);
    // Only a near-identical text can link an uncited edition of another
    // title; the estimate spares the exact comparison of the many
    // candidates that merely share boilerplate.
    if !cited
        && title < UNCITED_TITLE_MIN
        && lsh.estimate(new, old) < SAME_TEXT_MIN - ESTIMATE_MARGIN
    {
        return None;
    }
    let content = index::jaccard(&n.shingles, &o.shingles);
    let eligible = if cited {
        title >= CITED_TITLE_MIN || content >= CITED_CONTENT_MIN
    } else {
        (title >= UNCITED_TITLE_MIN && content >= UNCITED_CONTENT_MIN)
            || content >= SAME_TEXT_MIN
            || title >= SAME_TITLE
    };
    eligible.then_some(Link {
        new,
        old,
        cited,
        title,
        content,
    })
}

/// Every edition's eligible predecessors among its candidates (LSH
/// neighbours, the editions it cites, the editions of the same title), most
/// preferred first: the most
/// recent session first, then the stronger evidence (so that a short
/// procedural text of the same title adopted later in a session does not
/// displace the session's main edition), then the later adoption.
pub fn eligible(corpus: &Corpus, lsh: &LshIndex, threads: usize) -> Vec<Vec<Link>> {
    let by_ga = corpus.by_ga();
    // Documents by their title words: the same title is a candidate even
    // when the texts share little.
    let mut by_title: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (i, d) in corpus.docs.iter().enumerate() {
        if !d.title_words.is_empty() {
            by_title
                .entry(d.title_words.as_slice())
                .or_default()
                .push(i);
        }
    }
    let ids: Vec<usize> = (0..corpus.docs.len()).collect();
    super::par_map(&ids, threads, |&d| {
        let doc = &corpus.docs[d];
        let mut cands: BTreeSet<usize> = lsh.candidates(d).into_iter().collect();
        for g in &doc.citations {
            if let Some(v) = by_ga.get(g) {
                cands.extend(v.iter().copied());
            }
        }
        if let Some(v) = by_title.get(doc.title_words.as_slice()) {
            cands.extend(v.iter().copied());
        }
        let mut links: Vec<Link> = cands
            .into_iter()
            .filter_map(|o| judge(corpus, lsh, d, o))
            .collect();
        links.sort_by(|a, b| {
            let (da, db) = (&corpus.docs[a.old], &corpus.docs[b.old]);
            recency(db)
                .cmp(&recency(da))
                .then(b.score().total_cmp(&a.score()))
                .then(db.adoption_key().cmp(&da.adoption_key()))
        });
        links
    })
}

/// The predecessor of each edition (`None` for the first of a series), each
/// edition the predecessor of at most one other.
pub fn predecessors(corpus: &Corpus, lsh: &LshIndex, threads: usize) -> Vec<Option<Link>> {
    let choices = eligible(corpus, lsh, threads);
    let n = corpus.docs.len();
    let mut pick = vec![0usize; n];
    // Settle claims until no predecessor has two successors. Every round
    // moves at least one loser on, so this ends within the number of choices.
    loop {
        let mut claims: HashMap<usize, Vec<usize>> = HashMap::new();
        for d in 0..n {
            if let Some(l) = choices[d].get(pick[d]) {
                claims.entry(l.old).or_default().push(d);
            }
        }
        let mut moved = false;
        for (_, mut claimants) in claims {
            if claimants.len() < 2 {
                continue;
            }
            claimants.sort_by(|&a, &b| {
                let (la, lb) = (&choices[a][pick[a]], &choices[b][pick[b]]);
                lb.score().total_cmp(&la.score()).then(
                    corpus.docs[a]
                        .adoption_key()
                        .cmp(&corpus.docs[b].adoption_key()),
                )
            });
            for &loser in &claimants[1..] {
                pick[loser] += 1;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    (0..n).map(|d| choices[d].get(pick[d]).cloned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(session: u32, number: u32) -> GaNumber {
        GaNumber { session, number }
    }

    #[test]
    fn citation_lists_of_the_assembly() {
        // (synthetic) clauses in the form resolutions use.
        let t = "Recalling its resolutions 74/176 of 18 December 2019, 76/186 of 16 December 2021 \
                 and 78/228 of 19 December 2023 on synthetic matters,";
        assert_eq!(cited_in_text(t), vec![g(74, 176), g(76, 186), g(78, 228)]);
        let t = "Recalling also General Assembly resolution 70/1 and A/RES/69/313,";
        assert_eq!(cited_in_text(t), vec![g(70, 1), g(69, 313)]);
    }

    #[test]
    fn other_bodies_decisions_and_document_symbols_are_left_out() {
        // (synthetic)
        let t = "Recalling Human Rights Council resolution 44/4 of 16 July 2020, entitled \
                 “Synthetic”, resolution 53/9 of 12 July 2023, and its resolution 77/10,";
        assert_eq!(cited_in_text(t), vec![g(77, 10)]);
        let t = "Recalling Economic and Social Council resolutions 2017/18 and 2021/25 \
                 and its decision 73/546, having considered the report (A/74/400) and \
                 draft A/C.3/74/L.10/Rev.1,";
        assert!(cited_in_text(t).is_empty(), "{:?}", cited_in_text(t));
        let t = "Recalling the Commission on Crime Prevention resolution 27/2, \
                 and General Assembly resolution 75/283,";
        assert_eq!(cited_in_text(t), vec![g(75, 283)]);
    }

    #[test]
    fn french_and_spanish_keywords() {
        // (synthetic)
        assert_eq!(
            cited_in_text("Rappelant ses résolutions 74/176 et 76/186,"),
            vec![g(74, 176), g(76, 186)]
        );
        assert_eq!(
            cited_in_text("Recordando sus resoluciones 74/176 y 76/186,"),
            vec![g(74, 176), g(76, 186)]
        );
    }

    #[test]
    fn title_similarity_ignores_short_words() {
        let a = title_words(
            "Improving the coordination of efforts against trafficking in persons",
            Language::En,
        );
        let b = title_words("Trafficking in women and girls", Language::En);
        assert!(title_similarity(&a, &a) == 1.0);
        assert!(title_similarity(&a, &b) < CITED_TITLE_MIN);
        assert_eq!(title_similarity(&a, &[]), 0.0);
        assert!(!a.contains(&"the".to_string()));
    }
}
