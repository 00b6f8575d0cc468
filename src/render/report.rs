//! What the document reports (`html`, `md`, `docx`) share: the optional
//! routine/substantive classification of changes, the reading order of a
//! redline that holds both editions at once, and the lead phrases that UN
//! layout sets in italics.
//!
//! A report shows the old and the new edition interleaved. [`plan`] fixes
//! that order once, so the HTML "moved from here" marks and the Word
//! revisions agree: the units matched in place (one old to one new, not
//! moved) are anchors, in order in both editions; every other old unit is
//! shown as removed in the gap between the anchors where it stood, every
//! other new unit as inserted in the gap where it stands. Reading only the
//! old units of a plan gives the old edition in order, only the new units
//! the new edition — which is what lets Word's "reject all" and "accept all"
//! give back exactly the two editions.

use std::collections::HashMap;

use crate::diff::{Change, ChangeKind, Comparison};
use crate::model::{Language, UnitId};

/// How a change was judged, for reports that come from a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// Session roll-overs, updated references, editorial touches.
    Routine,
    /// Anything that changes what the text asks or decides.
    Substantive,
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::Routine => "routine",
            Class::Substantive => "substantive",
        }
    }
}

/// The classification of a change, given its index in
/// [`Comparison::changes`] and the change; `None` = not classified.
pub type Classify<'a> = &'a dyn Fn(usize, &Change) -> Option<Class>;

/// Something a review found on the new edition, as a report lists it. Plain
/// strings, so that reports need not know where findings come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFinding {
    /// The unit concerned, in the new edition; `None` for the document.
    pub unit: Option<UnitId>,
    /// Rule id (`stale-reference`).
    pub rule: String,
    /// `error`, `warning` or `note`.
    pub severity: String,
    pub message: String,
    /// What to write instead, when there is one thing to write.
    pub fix: Option<String>,
}

/// Options shared by the document reports.
#[derive(Clone, Copy, Default)]
pub struct ReportOptions<'a> {
    /// Per-change classification; when given, reports show it and HTML
    /// offers a routine/substantive filter.
    pub classify: Option<Classify<'a>>,
    /// Findings on the new edition, in document order; when given (even
    /// empty), the HTML and Markdown reports have a findings section.
    pub findings: Option<&'a [ReportFinding]>,
}

impl std::fmt::Debug for ReportOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportOptions")
            .field("classify", &self.classify.map(|_| "fn"))
            .field("findings", &self.findings)
            .finish()
    }
}

impl ReportOptions<'_> {
    /// The class of every change (all `None` without a classifier).
    pub fn classes(&self, cmp: &Comparison) -> Vec<Option<Class>> {
        cmp.changes
            .iter()
            .enumerate()
            .map(|(i, c)| self.classify.and_then(|f| f(i, c)))
            .collect()
    }
}

/// The change a finding on `unit` of the new edition belongs to: the change
/// holding the unit, else the one holding its top-level paragraph.
pub fn change_of(cmp: &Comparison, unit: &UnitId) -> Option<usize> {
    let holds = |id: &UnitId| cmp.changes.iter().position(|c| c.new.contains(id));
    holds(unit).or_else(|| holds(&unit.top()))
}

/// Counts of findings by severity: `1 error, 2 warnings, 0 notes`.
pub fn findings_counts(findings: &[ReportFinding]) -> String {
    let n = |s: &str| findings.iter().filter(|f| f.severity == s).count();
    let word = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    format!(
        "{}, {}, {}",
        word(n("error"), "error", "errors"),
        word(n("warning"), "warning", "warnings"),
        word(n("note"), "note", "notes")
    )
}

/// A classifier from a map of change index to class.
pub fn from_map(map: &HashMap<usize, Class>) -> impl Fn(usize, &Change) -> Option<Class> + '_ {
    move |i, _| map.get(&i).copied()
}

/// One step of the reading order of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A change matched in place: one old unit and one new unit, shown as
    /// one paragraph with its word-level edits.
    Anchor {
        change: usize,
        old: usize,
        new: usize,
    },
    /// An old unit shown as removed here (removed, moved away, or part of a
    /// split or merge). `change` is `None` only for a unit the comparison
    /// does not mention.
    Old { change: Option<usize>, unit: usize },
    /// A new unit shown as inserted here (added, moved here, or part of a
    /// split or merge).
    New { change: Option<usize>, unit: usize },
}

/// True for changes shown in place (see [`plan`]).
fn in_place(c: &Change) -> bool {
    matches!(c.kind, ChangeKind::Unchanged | ChangeKind::Changed)
        && !c.moved
        && c.old.len() == 1
        && c.new.len() == 1
}

/// Index of each unit id of an edition (first occurrence wins).
fn index(units: &[crate::model::Unit]) -> HashMap<&UnitId, usize> {
    let mut m = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        m.entry(&u.id).or_insert(i);
    }
    m
}

/// The reading order of a report: every old and every new unit exactly
/// once, the old ones in old order and the new ones in new order (see the
/// module documentation).
pub fn plan(cmp: &Comparison) -> Vec<Step> {
    let (oi, ni) = (index(&cmp.old.units), index(&cmp.new.units));
    let mut old_change: Vec<Option<usize>> = vec![None; cmp.old.units.len()];
    let mut new_change: Vec<Option<usize>> = vec![None; cmp.new.units.len()];
    let mut anchors: Vec<(usize, usize, usize)> = Vec::new(); // (change, old, new)
    for (k, c) in cmp.changes.iter().enumerate() {
        for id in &c.old {
            if let Some(&i) = oi.get(id) {
                old_change[i].get_or_insert(k);
            }
        }
        for id in &c.new {
            if let Some(&j) = ni.get(id) {
                new_change[j].get_or_insert(k);
            }
        }
        if !in_place(c) {
            continue;
        }
        let (Some(&i), Some(&j)) = (oi.get(&c.old[0]), ni.get(&c.new[0])) else {
            continue;
        };
        // Anchors must be in order in both editions; one that is not is
        // shown as a removal and an insertion instead.
        if anchors.last().map_or(true, |&(_, pi, pj)| i > pi && j > pj) {
            anchors.push((k, i, j));
        }
    }
    let mut old_anchor = vec![false; cmp.old.units.len()];
    let mut new_anchor = vec![false; cmp.new.units.len()];
    for &(_, i, j) in &anchors {
        old_anchor[i] = true;
        new_anchor[j] = true;
    }
    // Gap g holds the units that stand before anchor g (g == anchors.len():
    // after the last one).
    let mut gaps_old: Vec<Vec<usize>> = vec![Vec::new(); anchors.len() + 1];
    let mut gaps_new: Vec<Vec<usize>> = vec![Vec::new(); anchors.len() + 1];
    for i in (0..cmp.old.units.len()).filter(|&i| !old_anchor[i]) {
        gaps_old[anchors.partition_point(|&(_, ai, _)| ai < i)].push(i);
    }
    for j in (0..cmp.new.units.len()).filter(|&j| !new_anchor[j]) {
        gaps_new[anchors.partition_point(|&(_, _, aj)| aj < j)].push(j);
    }
    let mut steps = Vec::with_capacity(cmp.old.units.len() + cmp.new.units.len());
    for g in 0..=anchors.len() {
        steps.extend(gaps_old[g].iter().map(|&i| Step::Old {
            change: old_change[i],
            unit: i,
        }));
        steps.extend(gaps_new[g].iter().map(|&j| Step::New {
            change: new_change[j],
            unit: j,
        }));
        if let Some(&(change, old, new)) = anchors.get(g) {
            steps.push(Step::Anchor { change, old, new });
        }
    }
    steps
}

/// Lead phrases of more than one word, lower case, longest first within a
/// language; matched at the start of a top-level paragraph.
const LEAD_PHRASES: &[(Language, &[&str])] = &[
    (
        Language::En,
        &[
            "taking note with appreciation also of",
            "taking note with appreciation of",
            "taking note with satisfaction of",
            "taking note also of",
            "taking note of",
            "bearing in mind",
            "noting with deep concern",
            "noting with grave concern",
            "noting with concern",
            "noting with appreciation",
            "noting with satisfaction",
            "deeply concerned",
            "gravely concerned",
            "seriously concerned",
            "calls upon",
            "calls on",
            "takes note with appreciation of",
            "takes note of",
            "remains seized",
        ],
    ),
    (
        Language::Fr,
        &["prend note avec satisfaction", "prend note", "prenant note"],
    ),
    (Language::Es, &["toma nota", "tomando nota"]),
];

/// Adverbs that belong to the lead phrase when they follow (or, in English,
/// precede) its verb: "Recalling *also*", "*Further* requests".
const LEAD_ADVERBS: &[(Language, &[&str])] = &[
    (
        Language::En,
        &["also", "further", "again", "once", "strongly", "moreover"],
    ),
    (Language::Fr, &["également", "aussi"]),
    (
        Language::Es,
        &["también", "además", "asimismo", "nuevamente"],
    ),
    (Language::Ru, &["также", "далее", "вновь"]),
    (Language::Ar, &["أيضا", "كذلك", "أيضاً"]),
];

/// Arabic preambular particles ("إذ", "وإذ") that open the lead phrase
/// before its verb.
const ARABIC_PARTICLES: &[&str] = &["إذ", "وإذ"];

/// Byte length of the lead phrase at the start of a top-level paragraph
/// (the preambular participle or operative verb UN layout sets in italics),
/// or 0 when there is none (sub-items, Chinese, text not starting with a
/// letter).
pub fn lead_len(text: &str, lang: Language, depth: usize) -> usize {
    if depth > 0 || lang == Language::Zh {
        return 0;
    }
    // Words with their end offsets.
    let mut words: Vec<(&str, usize)> = Vec::new();
    let mut start = None;
    for (i, ch) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let in_word = ch.is_alphabetic() || ch == '-' || ch == '\u{2019}' || ch == '\'';
        match (start, in_word && i < text.len()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                words.push((&text[s..i], i));
                start = None;
                // Stop at punctuation other than spaces: the lead never spans it.
                if !ch.is_whitespace() || words.len() >= 8 {
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(&(first, _)) = words.first() else {
        return 0;
    };
    if !text.starts_with(first) {
        return 0;
    }
    let lower: Vec<String> = words.iter().map(|(w, _)| w.to_lowercase()).collect();
    for (l, phrases) in LEAD_PHRASES {
        if *l != lang {
            continue;
        }
        for p in *phrases {
            let pw: Vec<&str> = p.split(' ').collect();
            if pw.len() <= lower.len() && pw.iter().zip(&lower).all(|(a, b)| a == b) {
                return words[pw.len() - 1].1;
            }
        }
    }
    let adverbs: &[&str] = LEAD_ADVERBS
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&[], |(_, a)| a);
    let is_adverb = |k: usize| lower.get(k).is_some_and(|w| adverbs.contains(&w.as_str()));
    let mut k = 0;
    // Leading adverbs (English "Also requests", "Further decides").
    while lang == Language::En && is_adverb(k) && k + 1 < words.len() {
        k += 1;
    }
    if lang == Language::Ar && ARABIC_PARTICLES.contains(&words[k].0) && k + 1 < words.len() {
        k += 1;
    }
    // Adverbs after the verb.
    while is_adverb(k + 1) {
        k += 1;
    }
    words[k].1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{compare, CompareOptions};
    use crate::synth::{generate, Level};

    #[test]
    fn lead_phrases() {
        fn lead(t: &str, l: Language) -> &str {
            &t[..lead_len(t, l, 0)]
        }
        assert_eq!(
            lead("Recalling also its resolution (synthetic),", Language::En),
            "Recalling also"
        );
        assert_eq!(
            lead("Taking note of the report (synthetic),", Language::En),
            "Taking note of"
        );
        assert_eq!(
            lead(
                "Also requests the Secretary-General (synthetic);",
                Language::En
            ),
            "Also requests"
        );
        assert_eq!(
            lead("Bearing in mind that (synthetic)", Language::En),
            "Bearing in mind"
        );
        assert_eq!(
            lead("Decides to remain seized (synthetic).", Language::En),
            "Decides"
        );
        assert_eq!(
            lead("وإذ تشير أيضا إلى قرارها (مصطنع)،", Language::Ar),
            "وإذ تشير أيضا"
        );
        assert_eq!(lead("تطلب إلى الأمين العام (مصطنع)؛", Language::Ar), "تطلب");
        assert_eq!(
            lead(
                "Rappelant également sa résolution (synthétique),",
                Language::Fr
            ),
            "Rappelant également"
        );
        assert_eq!(lead_len("回顾其决议（合成），", Language::Zh, 0), 0);
        assert_eq!(lead_len("first item (synthetic);", Language::En, 1), 0);
        assert_eq!(lead_len("“Quoted” (synthetic)", Language::En, 0), 0);
        assert_eq!(lead_len("", Language::En, 0), 0);
    }

    /// Old units of a plan in order are the old edition, new units the new
    /// one, on synthetic pairs with moves, splits and merges.
    #[test]
    fn plan_keeps_both_orders() {
        for seed in 0..12 {
            let case = generate(seed, 60, Level::Heavy);
            let cmp = compare(&case.old, &case.new, &CompareOptions::default());
            let steps = plan(&cmp);
            let olds: Vec<usize> = steps
                .iter()
                .filter_map(|s| match *s {
                    Step::Anchor { old, .. } | Step::Old { unit: old, .. } => Some(old),
                    Step::New { .. } => None,
                })
                .collect();
            let news: Vec<usize> = steps
                .iter()
                .filter_map(|s| match *s {
                    Step::Anchor { new, .. } | Step::New { unit: new, .. } => Some(new),
                    Step::Old { .. } => None,
                })
                .collect();
            assert_eq!(
                olds,
                (0..cmp.old.units.len()).collect::<Vec<_>>(),
                "seed {seed}"
            );
            assert_eq!(
                news,
                (0..cmp.new.units.len()).collect::<Vec<_>>(),
                "seed {seed}"
            );
            assert!(steps.iter().any(|s| matches!(s, Step::Old { .. })));
        }
    }

    #[test]
    fn classes_from_a_map() {
        let case = generate(3, 20, Level::Light);
        let cmp = compare(&case.old, &case.new, &CompareOptions::default());
        let map: HashMap<usize, Class> = [(0, Class::Routine), (1, Class::Substantive)].into();
        let f = from_map(&map);
        let opts = ReportOptions {
            classify: Some(&f),
            ..ReportOptions::default()
        };
        let cl = opts.classes(&cmp);
        assert_eq!(cl[0], Some(Class::Routine));
        assert_eq!(cl[1], Some(Class::Substantive));
        assert!(cl[2..].iter().all(Option::is_none));
        assert!(ReportOptions::default()
            .classes(&cmp)
            .iter()
            .all(Option::is_none));
    }
}
