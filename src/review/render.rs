//! Output of `review`, `lint` and `rollover`: for a person at a terminal
//! (the diff's blocks with each change's class, then the findings), for
//! programs (`resdiff.review/1`, `resdiff.lint/1`, ../shared/spec/review-json.md),
//! and as the document reports of `diff` (HTML, Markdown, Word with tracked
//! changes) carrying each change's class and the findings.
//! Like every renderer, these write to any `Write` and take colours from
//! [`Style`].

use std::io::{self, Write};

use serde::Serialize;

use super::classify::{Class, Classified, Review};
use super::rollover::Rollover;
use super::{count_findings, Finding, Severity};
use crate::diff::{Change, ChangeKind, Summary};
use crate::model::{Edition, UnitId};
use crate::render::docx::{tracked_docx_bytes, TrackOptions};
use crate::render::report::{ReportFinding, ReportOptions};
use crate::render::term::{
    block_heading, edition_title, is_interesting, write_elided, write_heading, UnitTexts,
};
use crate::render::{html, json, md};
use crate::render::{isolate, paint_segs, push_doc_text, redline, stat, Label, Seg, Side, Style};

/// Schema name of the review JSON contract.
pub const REVIEW_SCHEMA: &str = "resdiff.review/1";
/// Schema name of the lint JSON contract.
pub const LINT_SCHEMA: &str = "resdiff.lint/1";

/// Indentation of unit text and findings under a heading.
const INDENT: &str = "    ";

#[derive(Serialize)]
struct ReviewJson<'a> {
    schema: &'static str,
    old: json::SideJson<'a>,
    new: json::SideJson<'a>,
    changes: Vec<ChangeJson<'a>>,
    summary: &'a Summary,
    findings: Vec<FindingJson<'a>>,
}

/// A change of `resdiff.review/1`: the `resdiff.diff/1` change, then its class.
#[derive(Serialize)]
struct ChangeJson<'a> {
    #[serde(flatten)]
    base: json::ChangeJson<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    class: Option<Class>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reasons: Option<&'a [&'static str]>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    unit: Option<&'a UnitId>,
    severity: Severity,
    message: &'a str,
    suggestion: Option<&'a str>,
}

#[derive(Serialize)]
struct LintJson<'a> {
    schema: &'static str,
    source: &'a str,
    findings: Vec<FindingJson<'a>>,
}

fn change<'a>(c: &'a Change, k: Option<&'a Classified>) -> ChangeJson<'a> {
    let k = k.filter(|_| c.kind != ChangeKind::Unchanged);
    ChangeJson {
        base: json::change(c),
        class: k.map(|k| k.class),
        reasons: k.map(|k| k.reasons.as_slice()),
    }
}

fn finding(f: &Finding) -> FindingJson<'_> {
    FindingJson {
        rule: f.rule,
        unit: f.unit.as_ref(),
        severity: f.severity,
        message: &f.message,
        suggestion: f.suggestion.as_deref(),
    }
}

/// Write a review as pretty-printed `resdiff.review/1` JSON and a newline.
pub fn write_review_json(r: &Review, out: &mut dyn Write) -> io::Result<()> {
    let cmp = &r.comparison;
    let doc = ReviewJson {
        schema: REVIEW_SCHEMA,
        old: json::side(&cmp.old),
        new: json::side(&cmp.new),
        changes: cmp
            .changes
            .iter()
            .zip(&r.classes)
            .map(|(c, k)| change(c, k.as_ref()))
            .collect(),
        summary: &cmp.summary,
        findings: r.findings.iter().map(finding).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// Write lint findings as pretty-printed `resdiff.lint/1` JSON and a newline.
pub fn write_lint_json(source: &str, findings: &[Finding], out: &mut dyn Write) -> io::Result<()> {
    let doc = LintJson {
        schema: LINT_SCHEMA,
        source,
        findings: findings.iter().map(finding).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

fn severity_label(s: Severity) -> Label {
    match s {
        Severity::Error => Label::Deleted,
        Severity::Warning => Label::Warning,
        Severity::Note => Label::Elided,
    }
}

/// One finding on one line: `error OP12 stale-reference: message → suggestion`.
pub fn finding_line(f: &Finding, style: Style) -> String {
    let mut segs = vec![Seg::new(severity_label(f.severity), f.severity.as_str())];
    segs.push(Seg::plain(" "));
    let unit = f.unit.as_ref().map_or("-".to_string(), |u| u.to_string());
    segs.push(Seg::new(Label::UnitId, unit));
    segs.push(Seg::plain(format!(" {}: ", f.rule)));
    push_doc_text(&mut segs, None, &f.message);
    if let Some(s) = &f.suggestion {
        segs.push(Seg::plain(" → "));
        push_doc_text(&mut segs, Some(Label::Inserted), s);
    }
    paint_segs(&segs, style)
}

/// `N findings: E errors, W warnings, N notes`
pub fn findings_summary(f: &[Finding]) -> String {
    let (e, w, n) = count_findings(f);
    let s = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    format!(
        "{}, {}, {}",
        s(e, "error", "errors"),
        s(w, "warning", "warnings"),
        s(n, "note", "notes")
    )
}

/// Write a review for a person: the diff's blocks, each headed with its
/// class and reasons, then the findings, then the counts.
pub fn write_review_term(r: &Review, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let cmp = &r.comparison;
    write_heading(cmp, style, out)?;
    let texts = UnitTexts::new(cmp);
    let mut hidden = 0usize;
    for (c, k) in cmp.changes.iter().zip(&r.classes) {
        if !is_interesting(c) {
            hidden += 1;
            continue;
        }
        write_elided(&mut hidden, style, out)?;
        let mut head = block_heading(c);
        if let Some(k) = k {
            head.push(Seg::plain(" · "));
            let label = match k.class {
                Class::Routine => Label::Elided,
                Class::Substantive => Label::Header,
            };
            head.push(Seg::new(label, k.class.as_str()));
            head.push(Seg::plain(format!(" ({})", k.reasons.join(", "))));
        }
        writeln!(out, "{}", paint_segs(&head, style))?;
        let ops = texts.script(c);
        let plain: String = ops.iter().map(|o| o.text.as_str()).collect();
        let rtl = texts.is_rtl(c, &plain);
        let line = paint_segs(&redline(&ops, Side::Both, style), style);
        writeln!(out, "{INDENT}{}", isolate(&line, rtl))?;
        writeln!(out)?;
    }
    write_elided(&mut hidden, style, out)?;
    if !r.findings.is_empty() {
        writeln!(out, "{}", style.paint(Label::Header, "findings"))?;
        for f in &r.findings {
            writeln!(out, "{INDENT}{}", finding_line(f, style))?;
        }
        writeln!(out)?;
    }
    let (routine, substantive) = r.counts();
    writeln!(
        out,
        "{}",
        style.paint(
            Label::Header,
            &format!(
                "{}; {routine} routine, {substantive} substantive; {}",
                stat::summary_line(cmp),
                findings_summary(&r.findings)
            )
        )
    )
}

/// The findings of a review as the document reports list them.
pub fn report_findings(r: &Review) -> Vec<ReportFinding> {
    r.findings
        .iter()
        .map(|f| ReportFinding {
            unit: f.unit.clone(),
            rule: f.rule.to_string(),
            severity: f.severity.as_str().to_string(),
            message: f.message.clone(),
            fix: f.suggestion.clone(),
        })
        .collect()
}

/// Call `write` with the report options of a review: each change's class
/// (none for unchanged units) and the findings.
fn with_report<T>(r: &Review, write: impl FnOnce(&ReportOptions) -> T) -> T {
    let classify = |k: usize, _: &Change| {
        r.classes
            .get(k)
            .and_then(Option::as_ref)
            .map(|c| c.class.into())
    };
    let findings = report_findings(r);
    write(&ReportOptions {
        classify: Some(&classify),
        findings: Some(&findings),
    })
}

/// A review as one self-contained HTML page: the diff report with a
/// routine/substantive filter and a findings table.
pub fn write_review_html(r: &Review, out: &mut dyn Write) -> io::Result<()> {
    with_report(r, |o| html::write_html(&r.comparison, o, out))
}

/// A review as GitHub-flavoured Markdown: the diff report with a class
/// column and a findings table.
pub fn write_review_md(r: &Review, out: &mut dyn Write) -> io::Result<()> {
    with_report(r, |o| md::write_md(&r.comparison, o, out))
}

/// A review as a .docx of the draft with tracked changes against the base,
/// each classified change carrying a comment with its class.
pub fn review_docx_bytes(r: &Review, track: &TrackOptions) -> io::Result<Vec<u8>> {
    with_report(r, |o| tracked_docx_bytes(&r.comparison, track, o))
}

/// Write lint findings for a person.
pub fn write_lint_term(
    ed: &Edition,
    findings: &[Finding],
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{}", paint_segs(&edition_title(ed), style))?;
    for f in findings {
        writeln!(out, "{}", finding_line(f, style))?;
    }
    writeln!(
        out,
        "{}",
        style.paint(Label::Header, &findings_summary(findings))
    )
}

/// What a roll-forward did, for a person (on stderr when the draft goes to stdout).
pub fn write_rollover_report(r: &Rollover, style: Style, out: &mut dyn Write) -> io::Result<()> {
    for u in &r.updates {
        let segs = vec![
            Seg::new(Label::UnitId, u.unit.to_string()),
            Seg::plain(format!(" {}: {}", u.reason, u.message)),
        ];
        writeln!(out, "{}", paint_segs(&segs, style))?;
    }
    for n in &r.notes {
        writeln!(out, "{}", finding_line(n, style))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UnitId;

    #[test]
    fn finding_lines() {
        let f = Finding::new(
            "stale-reference",
            Some(UnitId::op(12)),
            Severity::Error,
            "points elsewhere (synthetic)",
        )
        .suggest("paragraph 11 above");
        assert_eq!(
            finding_line(&f, Style::PLAIN),
            "error OP12 stale-reference: points elsewhere (synthetic) → paragraph 11 above"
        );
        assert_eq!(findings_summary(&[f]), "1 error, 0 warnings, 0 notes");
    }

    #[test]
    fn lint_json_follows_the_contract() {
        let f = Finding::new("footnote", None, Severity::Note, "m (synthetic)");
        let mut buf = Vec::new();
        write_lint_json("x.xml", &[f], &mut buf).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(s.starts_with(
            "{\n  \"schema\": \"resdiff.lint/1\",\n  \"source\": \"x.xml\",\n  \"findings\": ["
        ));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(
            v["findings"][0],
            serde_json::json!({"rule": "footnote", "unit": null, "severity": "note", "message": "m (synthetic)", "suggestion": null})
        );
    }
}
