//! `resdiff diff --format md`: GitHub-flavoured Markdown for issues, pull
//! requests and mail — a summary table of the changes, then one section per
//! change with the inline redline in `<del>`/`<ins>`, which GitHub renders
//! struck through and underlined and which still reads as plain text.
//!
//! A review adds a class column and a table of its findings.
//!
//! Document text is escaped for both Markdown and HTML, so a clause can
//! neither start a list, a heading or a table cell nor inject mark-up, and
//! control characters are shown as visible `<U+001B>` marks.

use std::io::{self, Write};

use super::report::{findings_counts, Class, ReportFinding, ReportOptions};
use super::term::{is_interesting, UnitTexts};
use super::{escape_char, ids_joined, is_unsafe_char, stat};
use crate::diff::{Change, ChangeKind, Comparison, Op, WordOp};

/// Write the comparison as GitHub-flavoured Markdown.
pub fn write_md(cmp: &Comparison, opts: &ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let classes = opts.classes(cmp);
    let classified = classes.iter().any(Option::is_some);
    let texts = UnitTexts::new(cmp);
    let mut m = String::new();
    m.push_str(&format!(
        "# Changes from {} to {}\n\n",
        esc(&cmp.old.label()),
        esc(&cmp.new.label())
    ));
    for (name, ed) in [("old", &cmp.old), ("new", &cmp.new)] {
        m.push_str(&format!(
            "- **{name}:** {} · {} · {}{}\n",
            esc(ed.facts.symbol.as_deref().unwrap_or("(no symbol)")),
            ed.language.name(),
            esc(&ed.source),
            ed.facts
                .title
                .as_deref()
                .map_or(String::new(), |t| format!(" · {}", esc(t)))
        ));
    }
    for (name, ed) in [("old", &cmp.old), ("new", &cmp.new)] {
        for w in &ed.warnings {
            m.push_str(&format!("- warning: {name}: {}\n", esc(w)));
        }
    }
    m.push_str(&format!("\n{}\n\n", esc(&stat::summary_line(cmp))));
    let shown: Vec<(usize, &Change)> = cmp
        .changes
        .iter()
        .enumerate()
        .filter(|(_, c)| is_interesting(c))
        .collect();
    if shown.is_empty() {
        m.push_str("The two editions have the same clauses in the same order.\n");
        if let Some(findings) = opts.findings {
            m.push('\n');
            write_findings(&mut m, findings);
        }
        return out.write_all(m.as_bytes());
    }
    m.push_str("## Summary\n\n| # | clause | what | similarity |");
    m.push_str(if classified {
        " class |\n|---|---|---|---|---|\n"
    } else {
        "\n|---|---|---|---|\n"
    });
    for (n, (k, c)) in shown.iter().enumerate() {
        m.push_str(&format!(
            "| {} | [{}](#c-{k}) | {} | {} |",
            n + 1,
            esc(&ids_joined(c.primary_ids())),
            esc(&what(c)),
            c.similarity
                .map_or(String::new(), |s| format!("{:.0}%", s * 100.0))
        ));
        if classified {
            m.push_str(&format!(" {} |", classes[*k].map_or("", Class::name)));
        }
        m.push('\n');
    }
    if let Some(findings) = opts.findings {
        m.push('\n');
        write_findings(&mut m, findings);
    }
    m.push_str("\n## Changes\n");
    for (k, c) in shown {
        m.push_str(&format!(
            "\n<a id=\"c-{k}\"></a>\n### {} {}{}\n\n",
            esc(&ids_joined(c.primary_ids())),
            esc(&what(c)),
            classes[k].map_or(String::new(), |cl| format!(" ({})", cl.name()))
        ));
        m.push_str(&redline_md(&texts.script(c)));
        m.push('\n');
    }
    out.write_all(m.as_bytes())
}

/// The findings of a review as a table (every cell escaped).
fn write_findings(m: &mut String, findings: &[ReportFinding]) {
    m.push_str(&format!(
        "## Findings\n\n{}\n",
        esc(&findings_counts(findings))
    ));
    if findings.is_empty() {
        return;
    }
    m.push_str("\n| clause | severity | rule | message | fix |\n|---|---|---|---|---|\n");
    for f in findings {
        m.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            f.unit
                .as_ref()
                .map_or("—".to_string(), |u| esc(&u.to_string())),
            esc(&f.severity),
            esc(&f.rule),
            esc(&f.message),
            f.fix.as_deref().map_or(String::new(), esc)
        ));
    }
}

/// `changed, moved (was OP7)`.
fn what(c: &Change) -> String {
    let kind = c.kind.name();
    let mut s = match (c.kind, c.moved) {
        (ChangeKind::Unchanged, true) => "moved".to_string(),
        (_, true) => format!("{kind}, moved"),
        _ => kind.to_string(),
    };
    if !c.old.is_empty() && !c.new.is_empty() && c.old != c.new {
        s.push_str(&format!(" (was {})", ids_joined(&c.old)));
    }
    s
}

/// An edit script as one Markdown paragraph with `<del>`/`<ins>`.
pub fn redline_md(ops: &[WordOp]) -> String {
    let mut s = String::new();
    for o in ops {
        let t = esc(&o.text);
        match o.op {
            Op::Equal => s.push_str(&t),
            Op::Delete => s.push_str(&format!("<del>{t}</del>")),
            Op::Insert => s.push_str(&format!("<ins>{t}</ins>")),
        }
    }
    // A paragraph must not start a list, heading, quote or code block.
    let trimmed = s.trim_start();
    let lead = s.len() - trimmed.len();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')')) {
        s.insert(lead + digits, '\\');
    }
    if s.trim_start().starts_with(['-', '+', '=']) {
        s.insert(lead, '\\');
    }
    s.trim().to_string()
}

/// Escape document text for Markdown and HTML: mark-up characters become
/// entities, Markdown punctuation is backslash-escaped, line breaks become
/// spaces, control characters visible `<U+001B>` marks.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_unsafe_char(c) => {
                out.push('`');
                out.push_str(&escape_char(c).replace('<', "&lt;").replace('>', "&gt;"));
                out.push('`');
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{compare, CompareOptions};
    use crate::model::{Edition, Language, SourceFormat, Unit};

    fn ed(units: &[(&str, &str)]) -> Edition {
        let mut e = Edition::new("synthetic.txt", SourceFormat::Text, Language::En);
        e.units = units
            .iter()
            .map(|(i, t)| Unit::new(i.parse().unwrap(), *t))
            .collect();
        e
    }

    #[test]
    fn escapes_markdown_and_html() {
        let old = ed(&[("OP1", "Requests a report (synthetic);")]);
        let new = ed(&[(
            "OP1",
            "Requests a <script>x</script> *bold* [link](y) | report \x1b[31m (synthetic);",
        )]);
        let cmp = compare(&old, &new, &CompareOptions::default());
        let mut v = Vec::new();
        write_md(&cmp, &ReportOptions::default(), &mut v).unwrap();
        let s = String::from_utf8(v).unwrap();
        assert!(!s.contains("<script"), "{s}");
        assert!(s.contains("&lt;script&gt;"));
        assert!(s.contains("\\*bold\\*") && s.contains("\\[link\\]") && s.contains("\\|"));
        assert!(!s.contains('\x1b'));
        assert!(s.contains("`&lt;U+001B&gt;`"));
        assert!(s.contains("<ins>"));
        assert!(s.contains("| 1 | [OP1](#c-0) | changed |"));
    }

    #[test]
    fn classification_is_a_column_and_in_headings() {
        let old = ed(&[("OP1", "Requests a report (synthetic);")]);
        let new = ed(&[("OP1", "Requests a full report (synthetic);")]);
        let cmp = compare(&old, &new, &CompareOptions::default());
        let rule = |_: usize, _: &Change| Some(Class::Routine);
        let mut v = Vec::new();
        write_md(
            &cmp,
            &ReportOptions {
                classify: Some(&rule),
                ..ReportOptions::default()
            },
            &mut v,
        )
        .unwrap();
        let s = String::from_utf8(v).unwrap();
        assert!(
            s.contains("| # | clause | what | similarity | class |"),
            "{s}"
        );
        assert!(s.contains("| routine |"));
        assert!(s.contains("### OP1 changed (routine)"));
    }

    #[test]
    fn paragraphs_never_start_a_list() {
        let ops = vec![WordOp {
            op: Op::Equal,
            text: "12. Decides (synthetic)".into(),
        }];
        assert_eq!(redline_md(&ops), "12\\. Decides (synthetic)");
        let ops = vec![WordOp {
            op: Op::Insert,
            text: "- item (synthetic)".into(),
        }];
        assert_eq!(redline_md(&ops), "<ins>- item (synthetic)</ins>");
        let ops = vec![WordOp {
            op: Op::Equal,
            text: "- item (synthetic)".into(),
        }];
        assert_eq!(redline_md(&ops), "\\- item (synthetic)");
    }

    #[test]
    fn findings_are_an_escaped_table() {
        let old = ed(&[("OP1", "Requests a report (synthetic);")]);
        let findings = [ReportFinding {
            unit: Some("OP1".parse().unwrap()),
            rule: "punctuation".into(),
            severity: "error".into(),
            message: "ends | with <b>x</b>\nand *more* (synthetic)".into(),
            fix: Some("…report (synthetic);".into()),
        }];
        let opts = ReportOptions {
            findings: Some(&findings),
            ..ReportOptions::default()
        };
        // Identical editions: the findings are still listed.
        let cmp = compare(&old, &old, &CompareOptions::default());
        let mut v = Vec::new();
        write_md(&cmp, &opts, &mut v).unwrap();
        let s = String::from_utf8(v).unwrap();
        assert!(
            s.contains("## Findings\n\n1 error, 0 warnings, 0 notes\n"),
            "{s}"
        );
        assert!(s.contains(
            "| OP1 | error | punctuation | ends \\| with &lt;b&gt;x&lt;/b&gt; and \\*more\\* (synthetic) | …report (synthetic); |"
        ), "{s}");
        assert!(!s.contains("<b>"));
    }
}
