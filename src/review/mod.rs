//! Drafting review: the routine roll-forward of a recurring resolution
//! ([`rollover`]), the classification of each change between the last
//! adopted text and a draft as routine or substantive ([`classify`]), and
//! the drafting rules a text is checked against ([`lint`]).
//!
//! A facilitator prepares the next edition from the last adopted one; the
//! roll-forward updates (the previous edition added to the "Recalling its
//! resolutions …" paragraph, the session of the next report moved forward)
//! are mechanical and everyone expects them, so the review separates them
//! from the changes that need a delegation's attention, and points at what
//! is likely to have been forgotten (stale cross-references, a recall list
//! without the previous edition, a report requested for a session already
//! past). Language facts live in [`lang`], verb lists in [`verbs`].

pub mod classify;
pub mod lang;
pub mod lint;
pub mod render;
pub mod rollover;
pub mod verbs;

use std::fmt;

use serde::Serialize;

use crate::model::UnitId;

pub use classify::{review, Class, Classified, Review, ReviewOptions};
pub use lint::lint;
pub use rollover::{rollover, Rollover, RolloverError};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Almost certainly wrong in an adopted text.
    Error,
    /// Probably wrong; worth a look.
    Warning,
    /// Uncertain, or for information.
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Rule ids, as they appear in findings (`rule`).
pub mod rules {
    /// "paragraph N above/below / of the present resolution" points elsewhere.
    pub const STALE_REFERENCE: &str = "stale-reference";
    /// The recall list lacks the previous edition, or is out of order.
    pub const RECALL_LIST: &str = "recall-list";
    /// A reporting request names a session already past.
    pub const PAST_SESSION: &str = "past-session";
    /// Operative paragraph or sub-item numbering has a gap or a duplicate.
    pub const NUMBERING: &str = "numbering";
    /// Clause-ending punctuation.
    pub const PUNCTUATION: &str = "punctuation";
    /// Preambular paragraph not opening with a participle or adjective phrase.
    pub const PREAMBLE_OPENING: &str = "preamble-opening";
    /// Operative paragraph not opening with a present-tense verb.
    pub const OPERATIVE_OPENING: &str = "operative-opening";
    /// A footnote cited but missing, or defined but never cited.
    pub const FOOTNOTE: &str = "footnote";
    /// Two paragraphs with the same text.
    pub const DUPLICATE: &str = "duplicate";
    /// The operative verb of a clause changed strength.
    pub const VERB_STRENGTH: &str = "verb-strength";
    /// A date of a citation written irregularly.
    pub const DATE_FORM: &str = "date-form";
    /// The only operative paragraph carries a number (UN style leaves it
    /// unnumbered).
    pub const SINGLE_PARAGRAPH_NUMBER: &str = "single-paragraph-number";
}

/// One thing the review or lint found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// One of [`rules`].
    pub rule: &'static str,
    /// The unit concerned (in the draft for `review`), `None` for the document.
    pub unit: Option<UnitId>,
    pub severity: Severity,
    pub message: String,
    /// What to write instead, when there is one thing to write.
    pub suggestion: Option<String>,
}

impl Finding {
    pub fn new(
        rule: &'static str,
        unit: Option<UnitId>,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            unit,
            severity,
            message: message.into(),
            suggestion: None,
        }
    }

    pub fn suggest(mut self, s: impl Into<String>) -> Self {
        self.suggestion = Some(s.into());
        self
    }
}

/// Sort findings in document order, then by severity and rule.
pub fn sort_findings(f: &mut [Finding]) {
    f.sort_by(|a, b| {
        let key = |x: &Finding| (x.unit.is_some(), x.unit.clone());
        key(a)
            .cmp(&key(b))
            .then(a.severity.cmp(&b.severity))
            .then(a.rule.cmp(b.rule))
            .then(a.message.cmp(&b.message))
    });
}

/// White space folded to single spaces and trimmed: the only normalisation
/// used when deciding that two texts are the same.
pub fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Counts of findings by severity: (errors, warnings, notes).
pub fn count_findings(f: &[Finding]) -> (usize, usize, usize) {
    let n = |s| f.iter().filter(|x| x.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_sort_in_document_order() {
        let mut f = vec![
            Finding::new(rules::DUPLICATE, Some(UnitId::op(2)), Severity::Note, "b"),
            Finding::new(rules::NUMBERING, Some(UnitId::pp(1)), Severity::Error, "a"),
            Finding::new(rules::FOOTNOTE, None, Severity::Warning, "c"),
        ];
        sort_findings(&mut f);
        let order: Vec<&str> = f.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(order, ["c", "a", "b"]);
        assert_eq!(count_findings(&f), (1, 1, 1));
        assert_eq!(fold_ws("  a \n b "), "a b");
    }
}
