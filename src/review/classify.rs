//! Review of a draft against the last adopted text: the comparison of the
//! two, each change classified as routine or substantive, and findings.
//!
//! A change is routine when it is exactly what the roll-forward
//! ([`super::rollover`]) would have done to the base's unit — the recall
//! list extended by the base edition, a reporting session moved forward by
//! the sessions between the editions — possibly under a new number, or when
//! only white space differs. Everything else is substantive: if the recall
//! paragraph gained another resolution besides the base, or a reporting
//! request changed in any other word, the whole change needs a reader.

use std::collections::HashMap;

use serde::Serialize;

use crate::diff::{compare, ChangeKind, CompareOptions, Comparison, Op};
use crate::model::{Edition, Language, Part, UnitId};

use super::lint::{self, cross_refs};
use super::rollover::{find_recall_list, roll_unit, short_symbol, RecallList};
use super::verbs;
use super::{fold_ws, lang, rules, sort_findings, Finding, Severity};

/// Reason id: the unit has a different number.
pub const RENUMBERED: &str = "renumbered";
/// Reason id: only white space differs.
pub const WHITESPACE: &str = "whitespace";
/// Reason id: the text changed beyond the routine updates.
pub const TEXT_CHANGED: &str = "text-changed";
/// Reason id: the recall list changed beyond adding the base edition.
pub const RECALL_LIST_CHANGED: &str = "recall-list-changed";
/// Reason id: a reporting request changed beyond its session.
pub const REPORTING_REQUEST_CHANGED: &str = "reporting-request-changed";
/// Reason id: an operative verb changed.
pub const VERB_STRENGTH: &str = "verb-strength";

/// Routine or substantive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    Routine,
    Substantive,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Routine => "routine",
            Class::Substantive => "substantive",
        }
    }
}

impl From<Class> for crate::render::report::Class {
    fn from(c: Class) -> Self {
        match c {
            Class::Routine => crate::render::report::Class::Routine,
            Class::Substantive => crate::render::report::Class::Substantive,
        }
    }
}

/// The class of one change and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Classified {
    pub class: Class,
    pub reasons: Vec<&'static str>,
}

/// Options of [`review`].
#[derive(Debug, Clone, Default)]
pub struct ReviewOptions {
    /// Session of the draft, when its header does not say.
    pub session: Option<u32>,
    pub compare: CompareOptions,
}

/// A review: the comparison, a class for each change that is not
/// `unchanged` (parallel to `comparison.changes`), and findings on the draft.
#[derive(Debug, Clone)]
pub struct Review {
    pub comparison: Comparison,
    pub classes: Vec<Option<Classified>>,
    pub findings: Vec<Finding>,
}

impl Review {
    /// (routine, substantive) counts.
    pub fn counts(&self) -> (usize, usize) {
        let n = |c| {
            self.classes
                .iter()
                .flatten()
                .filter(|x| x.class == c)
                .count()
        };
        (n(Class::Routine), n(Class::Substantive))
    }
}

/// Review `draft` against `base`.
pub fn review(base: &Edition, draft: &Edition, opts: &ReviewOptions) -> Review {
    let cmp = compare(base, draft, &opts.compare);
    let draft_session = opts.session.or(draft.facts.session);
    let delta = match (base.facts.session, draft_session) {
        (Some(b), Some(d)) if d > b => Some(d - b),
        _ => None,
    };
    let recall = find_recall_list(base);
    let mut findings = Vec::new();
    if delta.is_none() {
        let why = match (base.facts.session, draft_session) {
            (None, _) => "the base's session is unknown".to_string(),
            (Some(_), None) => "the draft's session is unknown (give --session N)".to_string(),
            (Some(b), Some(d)) => {
                format!("the draft's session ({d}) is not after the base's ({b})")
            }
        };
        findings.push(Finding::new(
            rules::PAST_SESSION,
            None,
            Severity::Note,
            format!("{why}: session updates are not recognised as routine"),
        ));
    }
    let mut classes = Vec::with_capacity(cmp.changes.len());
    for c in &cmp.changes {
        if c.kind == ChangeKind::Unchanged {
            classes.push(None);
            continue;
        }
        let mut reasons: Vec<&'static str> = Vec::new();
        let class = match (c.kind, c.old.as_slice(), c.new.as_slice()) {
            (ChangeKind::Changed, [o], [n]) => {
                let ou = base.unit(o);
                let nu = draft.unit(n);
                match (ou, nu) {
                    (Some(ou), Some(nu)) => {
                        let rolled = roll_unit(base, recall.as_ref(), ou, delta.unwrap_or(0));
                        if fold_ws(&ou.text) == fold_ws(&nu.text) {
                            reasons.push(WHITESPACE);
                            Class::Routine
                        } else if let Some((_, ups, _)) = rolled
                            .as_ref()
                            .filter(|(t, _, _)| fold_ws(t) == fold_ws(&nu.text))
                        {
                            for u in ups {
                                if !reasons.contains(&u.reason) {
                                    reasons.push(u.reason);
                                }
                            }
                            Class::Routine
                        } else {
                            reasons.push(TEXT_CHANGED);
                            if recall.as_ref().is_some_and(|r| r.unit == *o) {
                                reasons.push(RECALL_LIST_CHANGED);
                            }
                            if ou.id.part == Part::Operative
                                && lang::is_reporting_request(base.language, &ou.text)
                                && !lang::find_session_ordinals(base.language, &ou.text).is_empty()
                            {
                                reasons.push(REPORTING_REQUEST_CHANGED);
                            }
                            let vf = verb_changes(draft.language, n, &ou.text, &nu.text, c);
                            if !vf.is_empty() {
                                reasons.push(VERB_STRENGTH);
                                findings.extend(vf);
                            }
                            Class::Substantive
                        }
                    }
                    _ => {
                        reasons.push(TEXT_CHANGED);
                        Class::Substantive
                    }
                }
            }
            (ChangeKind::Added, ..) => {
                reasons.push("added");
                Class::Substantive
            }
            (ChangeKind::Removed, ..) => {
                reasons.push("removed");
                Class::Substantive
            }
            (ChangeKind::Split, ..) => {
                reasons.push("split");
                Class::Substantive
            }
            (ChangeKind::Merged, ..) => {
                reasons.push("merged");
                Class::Substantive
            }
            _ => {
                reasons.push(TEXT_CHANGED);
                Class::Substantive
            }
        };
        if !c.old.is_empty() && !c.new.is_empty() && c.old != c.new {
            reasons.push(RENUMBERED);
        }
        if c.moved {
            reasons.push("moved");
        }
        classes.push(Some(Classified { class, reasons }));
    }
    recall_findings(base, draft, recall.as_ref(), delta, &mut findings);
    session_findings(base, draft, &cmp, draft_session, delta, &mut findings);
    let mut stale = Vec::new();
    stale_references(base, draft, &cmp, &mut stale);
    // The base-aware finding says more than lint's on the same unit.
    let mut linted = lint::lint(draft);
    linted.retain(|l| {
        !(matches!(
            l.rule,
            rules::STALE_REFERENCE | rules::RECALL_LIST | rules::PAST_SESSION
        ) && findings
            .iter()
            .chain(&stale)
            .any(|s| s.rule == l.rule && s.unit == l.unit))
    });
    findings.extend(stale);
    findings.extend(linted);
    sort_findings(&mut findings);
    findings.dedup();
    Review {
        comparison: cmp,
        classes,
        findings,
    }
}

/// Verb changes in one matched clause: the opening verb, and a verb replaced
/// by another inside the clause ("…, and welcomes" → "…, and encourages").
pub fn verb_changes(
    lang_: Language,
    unit: &UnitId,
    old: &str,
    new: &str,
    change: &crate::diff::Change,
) -> Vec<Finding> {
    if unit.part != Part::Operative {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut push = |from: (&str, Option<u8>), to: (&str, Option<u8>), where_: &str| {
        if from.0 == to.0 {
            return;
        }
        let dir = verbs::direction(from.1, to.1);
        let sev = if dir.is_some() {
            Severity::Warning
        } else {
            Severity::Note
        };
        let how = dir.map_or(String::new(), |d| format!(" ({d})"));
        out.push(
            Finding::new(
                rules::VERB_STRENGTH,
                Some(unit.clone()),
                sev,
                format!(
                    "{where_} verb changed from \"{}\" to \"{}\"{how}",
                    from.0, to.0
                ),
            )
            .suggest(format!(
                "\"{}\", as in the base, unless the change is agreed",
                from.0
            )),
        );
    };
    if let (Some(a), Some(b)) = (
        verbs::opening_verb(lang_, old),
        verbs::opening_verb(lang_, new),
    ) {
        push(a, b, "opening");
    }
    // Inside the clause: a deleted verb next to an inserted one.
    let ops = &change.diff;
    for k in 1..ops.len().saturating_sub(1) {
        let (a, b) = (&ops[k], &ops[k + 1]);
        let (del, ins) = match (a.op, b.op) {
            (Op::Delete, Op::Insert) => (a, b),
            (Op::Insert, Op::Delete) => (b, a),
            _ => continue,
        };
        let before_is_text = ops[..k]
            .iter()
            .any(|o| o.op == Op::Equal && !o.text.trim().is_empty());
        if !before_is_text {
            continue;
        }
        if let (Some(x), Some(y)) = (
            verbs::verb_at(lang_, &del.text),
            verbs::verb_at(lang_, &ins.text),
        ) {
            push(x, y, "inner");
        }
    }
    out
}

/// The draft's recall list must include the base edition.
fn recall_findings(
    base: &Edition,
    draft: &Edition,
    base_recall: Option<&RecallList>,
    delta: Option<u32>,
    f: &mut Vec<Finding>,
) {
    let Some(symbol) = base.facts.symbol.as_deref().and_then(short_symbol) else {
        return;
    };
    let Some(dl) = find_recall_list(draft) else {
        return;
    };
    if dl.citations.iter().any(|c| c.symbol == symbol) {
        return;
    }
    let mut fx = Finding::new(
        rules::RECALL_LIST,
        Some(dl.unit.clone()),
        Severity::Error,
        format!("the resolutions recalled do not include {symbol}, the edition this draft follows"),
    );
    if let (Some(bl), Some(d)) = (base_recall, delta) {
        if let Some((t, _, _)) = base
            .unit(&bl.unit)
            .and_then(|u| roll_unit(base, Some(bl), u, d))
        {
            fx = fx.suggest(t);
        }
    } else if let Some(date) = base.facts.adopted.as_deref().and_then(lang::Date::from_iso) {
        fx = fx.suggest(format!(
            "add {}",
            lang::write_citation(draft.language, &symbol, date)
        ));
    }
    f.push(fx);
}

/// Reporting requests still naming a session that the draft's own session
/// has reached: the roll-forward was forgotten.
fn session_findings(
    base: &Edition,
    draft: &Edition,
    cmp: &Comparison,
    draft_session: Option<u32>,
    delta: Option<u32>,
    f: &mut Vec<Finding>,
) {
    let (Some(ds), Some(bs)) = (draft_session, base.facts.session) else {
        return;
    };
    let old_of: HashMap<&UnitId, &UnitId> = cmp
        .changes
        .iter()
        .filter(|c| c.old.len() == 1 && c.new.len() == 1)
        .map(|c| (&c.new[0], &c.old[0]))
        .collect();
    for u in draft.operative() {
        if !lang::is_reporting_request(draft.language, &u.text) {
            continue;
        }
        for m in lang::find_session_ordinals(draft.language, &u.text) {
            if m.value > ds {
                continue;
            }
            // Only a request that was in the future for the base, and has not moved.
            let was_request = old_of
                .get(&u.id)
                .and_then(|o| base.unit(o))
                .is_some_and(|ou| {
                    lang::find_session_ordinals(base.language, &ou.text)
                        .iter()
                        .any(|om| om.value == m.value && om.value > bs)
                });
            if !was_request {
                continue;
            }
            let sev = if m.value < ds {
                Severity::Error
            } else {
                Severity::Warning
            };
            let word = &u.text[m.start..m.end];
            let mut fx = Finding::new(
                rules::PAST_SESSION,
                Some(u.id.clone()),
                sev,
                format!(
                    "the request still names the {} session, as in the base; the draft is for the {} session",
                    lang::ordinal(Language::En, m.value).unwrap_or_default(),
                    lang::ordinal(Language::En, ds).unwrap_or_default()
                ),
            );
            if let Some(s) =
                delta.and_then(|d| lang::ordinal_like(draft.language, m.value + d, word))
            {
                fx = fx.suggest(s);
            }
            f.push(fx);
        }
    }
}

/// "paragraph N above" in the draft that pointed to base OP N, whose clause
/// now has another number.
fn stale_references(base: &Edition, draft: &Edition, cmp: &Comparison, f: &mut Vec<Finding>) {
    // Base top-level OP number → draft top-level OP number, through 1:1 matches.
    let mut moved_to: HashMap<u32, u32> = HashMap::new();
    let mut old_of: HashMap<&UnitId, &UnitId> = HashMap::new();
    for c in &cmp.changes {
        if let ([o], [n]) = (c.old.as_slice(), c.new.as_slice()) {
            if o.part == Part::Operative
                && n.part == Part::Operative
                && o.sub.is_empty()
                && n.sub.is_empty()
            {
                moved_to.insert(o.number, n.number);
            }
            old_of.insert(n, o);
        }
    }
    for u in &draft.units {
        let Some(ou) = old_of.get(&u.id).and_then(|o| base.unit(o)) else {
            continue;
        };
        let base_refs: Vec<u32> = cross_refs(base.language, &ou.text)
            .iter()
            .map(|r| r.number)
            .collect();
        for r in cross_refs(draft.language, &u.text) {
            if !base_refs.contains(&r.number) {
                continue;
            }
            let Some(&now) = moved_to.get(&r.number) else {
                continue;
            };
            if now == r.number {
                continue;
            }
            // "paragraph 9 above" → "paragraph 11 above": the number swapped in the phrase.
            let n = r.number.to_string();
            let suggestion = match r.phrase.find(&n) {
                Some(at) => format!("{}{now}{}", &r.phrase[..at], &r.phrase[at + n.len()..]),
                None => now.to_string(),
            };
            let target = base
                .unit(&UnitId::op(r.number))
                .map(|t| {
                    t.text
                        .split_whitespace()
                        .take(4)
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            f.push(
                Finding::new(
                    rules::STALE_REFERENCE,
                    Some(u.id.clone()),
                    Severity::Error,
                    format!(
                        "\"{}\" pointed to OP{} (\"{target} …\") in the base; that clause is now OP{now}",
                        r.phrase, r.number
                    ),
                )
                .suggest(suggestion),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SourceFormat, Unit};
    use crate::review::rollover::{RECALL_LIST_UPDATED, SESSION_ORDINAL};

    fn ed(session: u32, symbol: &str, adopted: &str, units: &[(&str, &str)]) -> Edition {
        let mut e = Edition::new("synthetic.txt", SourceFormat::Text, Language::En);
        e.facts.session = Some(session);
        e.facts.symbol = Some(symbol.into());
        e.facts.adopted = Some(adopted.into());
        e.units = units
            .iter()
            .map(|(id, t)| Unit::new(id.parse().unwrap(), *t))
            .collect();
        e
    }

    const RECALL_OLD: &str = "Recalling its resolutions 1/1 of 1 December 1946 and 3/3 of 3 December 1948 on things (synthetic),";
    const RECALL_NEW: &str = "Recalling its resolutions 1/1 of 1 December 1946, 3/3 of 3 December 1948 and 5/5 of 5 December 1950 on things (synthetic),";

    fn base() -> Edition {
        ed(
            5,
            "A/RES/5/5",
            "1950-12-05",
            &[
                ("PP1", RECALL_OLD),
                (
                    "OP1",
                    "Encourages States to act as set out in paragraph 2 below (synthetic);",
                ),
                (
                    "OP2",
                    "Decides on the measures of the synthetic kind for all (synthetic);",
                ),
                (
                    "OP3",
                    "Requests a report to the General Assembly at its seventh session (synthetic).",
                ),
            ],
        )
    }

    #[test]
    fn routine_changes_are_exactly_the_roll_forward() {
        let draft = ed(
            7,
            "A/RES/7/7",
            "1952-12-05",
            &[
                ("PP1", RECALL_NEW),
                (
                    "OP1",
                    "Urges States to act as set out in paragraph 2 below (synthetic);",
                ),
                (
                    "OP2",
                    "Decides on the measures of the synthetic kind for all (synthetic);",
                ),
                (
                    "OP3",
                    "Requests a report to the General Assembly at its ninth session (synthetic).",
                ),
            ],
        );
        let r = review(&base(), &draft, &ReviewOptions::default());
        let mut got = Vec::new();
        for (c, k) in r.comparison.changes.iter().zip(&r.classes) {
            if let Some(k) = k {
                got.push((c.new[0].to_string(), k.class, k.reasons.clone()));
            }
        }
        assert_eq!(
            got,
            [
                ("PP1".to_string(), Class::Routine, vec![RECALL_LIST_UPDATED]),
                (
                    "OP1".to_string(),
                    Class::Substantive,
                    vec![TEXT_CHANGED, VERB_STRENGTH]
                ),
                ("OP3".to_string(), Class::Routine, vec![SESSION_ORDINAL]),
            ]
        );
        let v = r
            .findings
            .iter()
            .find(|f| f.rule == rules::VERB_STRENGTH)
            .unwrap();
        assert!(
            v.message
                .contains("from \"encourages\" to \"urges\" (stronger)"),
            "{}",
            v.message
        );
    }

    #[test]
    fn unknown_draft_session_is_noted_and_can_be_given() {
        let mut draft = ed(
            7,
            "A/RES/7/7",
            "1952-12-05",
            &[
                ("PP1", RECALL_NEW),
                (
                    "OP1",
                    "Encourages States to act as set out in paragraph 2 below (synthetic);",
                ),
                (
                    "OP2",
                    "Decides on the measures of the synthetic kind for all (synthetic);",
                ),
                (
                    "OP3",
                    "Requests a report to the General Assembly at its ninth session (synthetic).",
                ),
            ],
        );
        draft.facts.session = None;
        let classes =
            |r: &Review| -> Vec<Class> { r.classes.iter().flatten().map(|k| k.class).collect() };
        let r = review(&base(), &draft, &ReviewOptions::default());
        assert_eq!(classes(&r), [Class::Routine, Class::Substantive]);
        assert!(r
            .findings
            .iter()
            .any(|f| f.message.contains("give --session N")));
        let opts = ReviewOptions {
            session: Some(7),
            ..ReviewOptions::default()
        };
        let r = review(&base(), &draft, &opts);
        assert_eq!(classes(&r), [Class::Routine, Class::Routine]);
    }

    #[test]
    fn forgotten_roll_forward_is_found() {
        let draft = ed(
            7,
            "A/RES/7/7",
            "1952-12-05",
            &[
                ("PP1", RECALL_OLD),
                (
                    "OP1",
                    "Decides on a new synthetic matter that comes first now (synthetic);",
                ),
                (
                    "OP2",
                    "Encourages States to act as set out in paragraph 2 below (synthetic);",
                ),
                (
                    "OP3",
                    "Decides on the measures of the synthetic kind for all (synthetic);",
                ),
                (
                    "OP4",
                    "Requests a report to the General Assembly at its seventh session (synthetic).",
                ),
            ],
        );
        let r = review(&base(), &draft, &ReviewOptions::default());
        let by_rule = |rule| {
            r.findings
                .iter()
                .filter(move |f| f.rule == rule && f.severity == Severity::Error)
        };
        let recall: Vec<_> = by_rule(rules::RECALL_LIST).collect();
        assert_eq!(recall.len(), 1);
        assert_eq!(recall[0].suggestion.as_deref(), Some(RECALL_NEW));
        let past: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.rule == rules::PAST_SESSION)
            .collect();
        assert_eq!(past.len(), 1, "{:#?}", r.findings);
        assert_eq!(past[0].suggestion.as_deref(), Some("ninth"));
        let stale: Vec<_> = by_rule(rules::STALE_REFERENCE).collect();
        assert_eq!(stale.len(), 1, "{:#?}", r.findings);
        assert_eq!(stale[0].unit, Some(UnitId::op(2)));
        assert_eq!(stale[0].suggestion.as_deref(), Some("paragraph 3 below"));
    }
}
