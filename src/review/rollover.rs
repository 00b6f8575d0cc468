//! Roll-forward: the zero draft of the next edition of a recurring
//! resolution, made from the last adopted one with the routine updates done
//! and listed, and nothing else touched.
//!
//! Two updates are routine: the edition rolled over is added, with its
//! adoption date, to the paragraph recalling the earlier resolutions of the
//! series (the list is written again in the language's own form, which also
//! mends irregular date forms such as a misspelt Russian "года"); and every
//! session ordinal of a reporting request that lies in the future is moved
//! forward by the number of sessions between the two editions ("at its
//! seventy-eighth session" → "at its eightieth session"). Other future
//! sessions (a high-level meeting decided for a given session) are left
//! alone and reported as notes.

use crate::model::{Edition, Facts, Part, SourceFormat, Unit, UnitId};

use super::lang::{self, Citation, Date};
use super::{rules, Finding, Severity};

/// Reason id: the previous edition was added to the recall list.
pub const RECALL_LIST_UPDATED: &str = "recall-list-updated";
/// Reason id: a reporting request's session ordinal moved forward.
pub const SESSION_ORDINAL: &str = "session-ordinal";

/// Why a roll-forward cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RolloverError {
    #[error("{0}: the session of the edition is unknown (no session in its header); roll over an adopted edition read from AKN or the store")]
    NoSession(String),
    #[error("{edition}: session {target} is not after the edition's session {session}; give a later --session")]
    NotLater {
        edition: String,
        session: u32,
        target: u32,
    },
    #[error("session {0} is beyond the ordinals resdiff can write (at most {max})", max = lang::MAX_ORDINAL)]
    TooLarge(u32),
}

/// One routine update made to a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    pub unit: UnitId,
    /// [`RECALL_LIST_UPDATED`] or [`SESSION_ORDINAL`].
    pub reason: &'static str,
    pub message: String,
}

/// The draft and what was done to make it.
#[derive(Debug, Clone)]
pub struct Rollover {
    pub edition: Edition,
    pub updates: Vec<Update>,
    /// Things left for a person to decide.
    pub notes: Vec<Finding>,
}

/// The "Recalling its resolutions …" paragraph of an edition: the unit
/// holding the longest list of dated citations joined as a list.
#[derive(Debug, Clone)]
pub struct RecallList {
    pub unit: UnitId,
    pub citations: Vec<Citation>,
}

/// An English ordinal for messages ("eighty-second"), digits beyond the table.
pub fn en_ordinal(n: u32) -> String {
    lang::ordinal(crate::model::Language::En, n).unwrap_or_else(|| format!("{n}th"))
}

/// Find the recall paragraph: among preambular units, the longest run of
/// dated citations separated only by list separators; the first on a tie.
pub fn find_recall_list(ed: &Edition) -> Option<RecallList> {
    let mut best: Option<RecallList> = None;
    for u in ed.units.iter().filter(|u| u.id.part == Part::Preamble) {
        let cites = lang::parse_citations(ed.language, &u.text);
        let mut runs: Vec<Vec<Citation>> = Vec::new();
        for c in cites {
            let joined = runs.last().and_then(|r| r.last()).is_some_and(|prev| {
                u.text
                    .get(prev.end..c.start)
                    .is_some_and(|b| lang::is_list_separator(ed.language, b))
            });
            if joined {
                if let Some(r) = runs.last_mut() {
                    r.push(c);
                }
            } else {
                runs.push(vec![c]);
            }
        }
        for r in runs {
            if best.as_ref().map_or(true, |b| r.len() > b.citations.len()) {
                best = Some(RecallList {
                    unit: u.id.clone(),
                    citations: r,
                });
            }
        }
    }
    best
}

/// The short symbol (`78/228`) of a GA resolution symbol (`A/RES/78/228`).
pub fn short_symbol(symbol: &str) -> Option<String> {
    let s = symbol.trim();
    let rest = s.strip_prefix("A/RES/")?;
    let mut p = rest.split('/');
    let (a, b) = (p.next()?, p.next()?);
    (a.chars().all(|c| c.is_ascii_digit()) && b.chars().all(|c| c.is_ascii_digit()))
        .then(|| format!("{a}/{b}"))
}

/// The recall paragraph's text with `symbol` of `date` added at the end of
/// its list, the whole list written in the language's form. `None` when the
/// symbol is already listed. Also returns notes on irregular forms mended.
pub fn add_to_recall(
    ed: &Edition,
    list: &RecallList,
    text: &str,
    symbol: &str,
    date: Date,
) -> Option<(String, Vec<Finding>)> {
    let lang_ = ed.language;
    if list.citations.iter().any(|c| c.symbol == symbol) {
        return None;
    }
    let first = list.citations.first()?;
    let last = list.citations.last()?;
    let mut items: Vec<String> = Vec::new();
    let mut notes = Vec::new();
    for c in &list.citations {
        let canon = lang::write_citation(lang_, &c.symbol, c.date);
        if c.irregular {
            let was = text.get(c.start..c.end).unwrap_or("");
            notes.push(
                Finding::new(
                    rules::DATE_FORM,
                    Some(list.unit.clone()),
                    Severity::Note,
                    format!("citation \"{was}\" written in the standard form"),
                )
                .suggest(canon.clone()),
            );
        }
        items.push(canon);
    }
    items.push(lang::write_citation(lang_, symbol, date));
    let (mid, last_sep) = lang::list_separators(lang_);
    let mut joined = String::new();
    for (k, it) in items.iter().enumerate() {
        if k > 0 {
            joined.push_str(if k + 1 == items.len() { last_sep } else { mid });
        }
        joined.push_str(it);
    }
    let before = text.get(..first.start)?;
    let mut after = text.get(last.end..)?;
    // Arabic closes the list without a comma before the qualifying clause
    // ("… 2021 المتعلقة بـ …"), as 76/186, 78/228 and 80/228 write it.
    if lang_ == crate::model::Language::Ar {
        if let Some(rest) = after.strip_prefix('،') {
            if rest.trim_start().starts_with("ال") {
                after = rest;
                if !after.starts_with(char::is_whitespace) {
                    joined.push(' ');
                }
            }
        }
    }
    Some((format!("{before}{joined}{after}"), notes))
}

/// Move the session ordinals of a reporting request that lie after
/// `session` forward by `delta`. Returns the new text and the moves made
/// (from, to); `None` when nothing moved.
pub fn move_ordinals(
    lang_: crate::model::Language,
    text: &str,
    session: u32,
    delta: u32,
) -> Option<(String, Vec<(u32, u32)>)> {
    if !lang::is_reporting_request(lang_, text) {
        return None;
    }
    let found = lang::find_session_ordinals(lang_, text);
    let mut out = String::new();
    let mut at = 0;
    let mut moves = Vec::new();
    for m in found.iter().filter(|m| m.value > session) {
        let to = m.value + delta;
        let word = text.get(m.start..m.end)?;
        let Some(new) = lang::ordinal_like(lang_, to, word) else {
            continue;
        };
        out.push_str(text.get(at..m.start)?);
        out.push_str(&new);
        at = m.end;
        moves.push((m.value, to));
    }
    if moves.is_empty() {
        return None;
    }
    out.push_str(text.get(at..)?);
    Some((out, moves))
}

/// What the roll-forward does to one unit of `base` when the next edition
/// is `delta` sessions later (0 when unknown: sessions are then left
/// alone): the new text and the reasons, or `None` when the unit stays as
/// it is. `recall` is the base's recall paragraph.
pub fn roll_unit(
    base: &Edition,
    recall: Option<&RecallList>,
    unit: &Unit,
    delta: u32,
) -> Option<(String, Vec<Update>, Vec<Finding>)> {
    let mut text = unit.text.clone();
    let mut updates = Vec::new();
    let mut notes = Vec::new();
    if let Some(list) = recall.filter(|l| l.unit == unit.id) {
        let symbol = base.facts.symbol.as_deref().and_then(short_symbol);
        let date = base.facts.adopted.as_deref().and_then(Date::from_iso);
        if let (Some(symbol), Some(date)) = (symbol, date) {
            if let Some((t, n)) = add_to_recall(base, list, &text, &symbol, date) {
                text = t;
                notes.extend(n);
                updates.push(Update {
                    unit: unit.id.clone(),
                    reason: RECALL_LIST_UPDATED,
                    message: format!("{symbol} added to the resolutions recalled"),
                });
            }
        }
    }
    if let (Part::Operative, Some(session), true) = (unit.id.part, base.facts.session, delta > 0) {
        if let Some((t, moves)) = move_ordinals(base.language, &text, session, delta) {
            text = t;
            for (from, to) in moves {
                updates.push(Update {
                    unit: unit.id.clone(),
                    reason: SESSION_ORDINAL,
                    message: format!(
                        "reporting session moved from the {} to the {}",
                        en_ordinal(from),
                        en_ordinal(to)
                    ),
                });
            }
        }
    }
    (!updates.is_empty()).then_some((text, updates, notes))
}

/// Make the zero draft of the edition for `session` from `base`.
pub fn rollover(base: &Edition, session: u32) -> Result<Rollover, RolloverError> {
    let label = base.label();
    let from = base
        .facts
        .session
        .ok_or_else(|| RolloverError::NoSession(label.clone()))?;
    if session <= from {
        return Err(RolloverError::NotLater {
            edition: label,
            session: from,
            target: session,
        });
    }
    if session > lang::MAX_ORDINAL {
        return Err(RolloverError::TooLarge(session));
    }
    let delta = session - from;
    let recall = find_recall_list(base);
    let mut ed = base.clone();
    ed.source = format!("rollover of {label} to session {session}");
    ed.format = SourceFormat::Canonical;
    ed.facts = Facts {
        organ: base.facts.organ.clone(),
        session: Some(session),
        title: base.facts.title.clone(),
        ..Facts::default()
    };
    ed.warnings.clear();
    ed.damage = None;
    let mut updates = Vec::new();
    let mut notes = Vec::new();
    for u in &mut ed.units {
        if let Some((t, up, n)) = roll_unit(base, recall.as_ref(), u, delta) {
            u.text = t;
            updates.extend(up);
            notes.extend(n);
        } else if u.id.part == Part::Operative {
            for m in lang::find_session_ordinals(base.language, &u.text) {
                if m.value > from {
                    notes.push(Finding::new(
                        rules::PAST_SESSION,
                        Some(u.id.clone()),
                        Severity::Note,
                        format!(
                            "mentions the {} session, still to come when {label} was adopted, outside a reporting request; left as it is",
                            en_ordinal(m.value)
                        ),
                    ));
                }
            }
        }
    }
    match &recall {
        None => notes.push(Finding::new(
            rules::RECALL_LIST,
            None,
            Severity::Warning,
            "no paragraph recalling earlier resolutions with their dates was found; add the edition rolled over by hand",
        )),
        Some(list) if !updates.iter().any(|u| u.reason == RECALL_LIST_UPDATED) => {
            let why = if base.facts.adopted.is_none() || base.facts.symbol.is_none() {
                "the symbol or adoption date of the edition is unknown"
            } else {
                "the edition is already listed"
            };
            notes.push(Finding::new(
                rules::RECALL_LIST,
                Some(list.unit.clone()),
                Severity::Warning,
                format!("the recall paragraph was not updated: {why}"),
            ));
        }
        Some(_) => {}
    }
    Ok(Rollover {
        edition: ed,
        updates,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    fn base(lang: Language, pp: &str, op: &str) -> Edition {
        let mut e = Edition::new("base.txt", SourceFormat::Text, lang);
        e.facts.symbol = Some("A/RES/78/228".into());
        e.facts.session = Some(78);
        e.facts.adopted = Some("2023-12-19".into());
        e.units = vec![Unit::new(UnitId::pp(1), pp), Unit::new(UnitId::op(1), op)];
        e
    }

    #[test]
    fn rolls_recall_list_and_reporting_session() {
        let b = base(
            Language::En,
            "Recalling its resolutions 74/176 of 18 December 2019 and 76/186 of 16 December 2021 on things (synthetic),",
            "Requests a report to the General Assembly at its eightieth session (synthetic).",
        );
        let r = rollover(&b, 80).unwrap();
        assert_eq!(
            r.edition.units[0].text,
            "Recalling its resolutions 74/176 of 18 December 2019, 76/186 of 16 December 2021 and 78/228 of 19 December 2023 on things (synthetic),"
        );
        assert_eq!(
            r.edition.units[1].text,
            "Requests a report to the General Assembly at its eighty-second session (synthetic)."
        );
        assert_eq!(r.updates.len(), 2);
        assert_eq!(r.edition.facts.session, Some(80));
        assert_eq!(r.edition.facts.symbol, None);
    }

    #[test]
    fn leaves_other_future_sessions_alone() {
        let b = base(
            Language::En,
            "Recalling its resolution 76/186 of 16 December 2021 (synthetic),",
            "Decides to convene a meeting at its eightieth session (synthetic).",
        );
        let r = rollover(&b, 80).unwrap();
        assert!(r.edition.units[1].text.contains("eightieth"));
        assert!(r.notes.iter().any(|n| n.rule == rules::PAST_SESSION));
    }

    #[test]
    fn refuses_bad_sessions() {
        let b = base(
            Language::En,
            "Recalling (synthetic),",
            "Decides (synthetic).",
        );
        assert!(matches!(
            rollover(&b, 78),
            Err(RolloverError::NotLater { .. })
        ));
        let mut nb = b.clone();
        nb.facts.session = None;
        assert!(matches!(
            rollover(&nb, 80),
            Err(RolloverError::NoSession(_))
        ));
    }

    #[test]
    fn arabic_list_closes_without_comma() {
        let b = base(
            Language::Ar,
            "وإذ تشير إلى قراراتها 74/176 المؤرخ 18 كانون الأول/ديسمبر 2019، المتعلقة بأمر (نص اصطناعي)،",
            "تقرر (نص اصطناعي).",
        );
        let r = rollover(&b, 80).unwrap();
        assert_eq!(
            r.edition.units[0].text,
            "وإذ تشير إلى قراراتها 74/176 المؤرخ 18 كانون الأول/ديسمبر 2019، و 78/228 المؤرخ 19 كانون الأول/ديسمبر 2023 المتعلقة بأمر (نص اصطناعي)،"
        );
    }

    #[test]
    fn short_symbols() {
        assert_eq!(short_symbol("A/RES/78/228").as_deref(), Some("78/228"));
        assert_eq!(short_symbol("S/RES/2417 (2018)"), None);
    }
}
