//! `resdiff diff --format html`: one self-contained HTML file a delegate can
//! open in any browser, print, or mail on.
//!
//! No scripts, no network: the style sheet is inline and a Content Security
//! Policy forbids everything else, so the file reads the same offline and
//! nothing in it can run. The page opens with the editions compared and a
//! summary table linking to each change; the changes follow in reading
//! order (see [`report::plan`](super::report::plan)), each as an inline
//! redline and a side-by-side pair, switched by radio buttons and CSS alone.
//! A moved clause says where it came from ("was OP7"), linked to a mark left
//! at its old place. When changes are classified (by a review), a second
//! set of radio buttons filters routine from substantive ones, and the
//! review's findings follow the summary as a table.
//!
//! The document text carries its language (`lang`, and `dir="rtl"` for
//! Arabic) so browsers pick fonts and the bidi layout; Chinese gets a font
//! list that exists on common systems. All document text is escaped, and
//! control characters are shown as visible `<U+001B>` marks.

use std::io::{self, Write};

use super::report::{change_of, findings_counts, plan, Class, ReportFinding, ReportOptions, Step};
use super::term::{is_interesting, UnitTexts};
use super::{escape_char, ids_joined, is_unsafe_char, stat, Side};
use crate::diff::{Change, ChangeKind, Comparison, Op, WordOp};
use crate::model::{Edition, Language, UnitId};

/// The style sheet: screen and print, views and filters by radio buttons.
const CSS: &str = r#"
:root { --ins: #d9f2d9; --ins-fg: #0a5c0a; --del: #fbdcdc; --del-fg: #8f1414; --line: #d0d4da; }
body { font: 16px/1.5 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
  margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem; color: #1b1f24; background: #fff; }
:lang(ar) { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Traditional Arabic",
  "Simplified Arabic", "Arial", "DejaVu Sans", sans-serif; font-size: 1.1em; }
:lang(zh) { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
  "Hiragino Sans GB", "Microsoft YaHei", "SimSun", "WenQuanYi Micro Hei", "Droid Sans Fallback", sans-serif; }
h1 { font-size: 1.5rem; margin: .5rem 0; }
h2 { font-size: 1.2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 0 0 .4rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: .2rem .5rem; text-align: start; vertical-align: top; }
.editions th { background: #f3f5f7; }
.warning { color: #7a4b00; }
ins { background: var(--ins); color: var(--ins-fg); text-decoration: underline; }
del { background: var(--del); color: var(--del-fg); text-decoration: line-through; }
.esc { background: #fff2a8; color: #5c4a00; font-family: monospace; font-size: .85em; }
.toggle { position: absolute; opacity: 0; pointer-events: none; }
.controls { display: flex; flex-wrap: wrap; gap: 1.5rem; margin: .8rem 0; }
.controls label { border: 1px solid var(--line); border-radius: 4px; padding: .1rem .6rem; cursor: pointer; }
.change, .same, .stub { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; margin: .8rem 0; }
.same { color: #555; border-style: dashed; }
.stub { border-style: dotted; background: #faf7ff; }
.kind { font-weight: normal; color: #444; }
.moved-mark { color: #6b2fa3; }
.class { font-size: .8em; border-radius: 3px; padding: 0 .4rem; margin-inline-start: .4rem; }
.class.substantive { background: #ffe0b3; } .class.routine { background: #e4e8ee; }
.sev-error .sev { color: var(--del-fg); font-weight: bold; } .sev-warning .sev { color: #7a4b00; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.side .col-h { font-size: .8em; color: #666; }
.text p { margin: .2rem 0; }
#v-inline:checked ~ main .side, #v-side:checked ~ main .inline { display: none; }
#show-unchanged:not(:checked) ~ main .same { display: none; }
#f-sub:checked ~ main .routine, #f-sub:checked ~ nav tr.routine { display: none; }
#f-rou:checked ~ main .substantive, #f-rou:checked ~ nav tr.substantive { display: none; }
#v-inline:checked ~ .controls [for=v-inline], #v-side:checked ~ .controls [for=v-side],
#v-both:checked ~ .controls [for=v-both], #show-unchanged:checked ~ .controls [for=show-unchanged],
#f-all:checked ~ .controls [for=f-all], #f-sub:checked ~ .controls [for=f-sub],
#f-rou:checked ~ .controls [for=f-rou] { background: #1b1f24; color: #fff; }
.toggle:focus-visible + * { outline: 2px solid #0b5fff; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .controls, .toggle { display: none; }
  .change, .same, .stub { break-inside: avoid; }
  .side { display: none !important; } .inline { display: block !important; }
  a { color: inherit; text-decoration: none; }
  ins { background: none; } del { background: none; }
}
"#;

/// Content Security Policy: inline styles only — no scripts, no fetches.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Write the comparison as one self-contained HTML page.
pub fn write_html(cmp: &Comparison, opts: &ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let classes = opts.classes(cmp);
    let classified = classes.iter().any(Option::is_some);
    let texts = UnitTexts::new(cmp);
    let lang = cmp.new.language;
    let interesting = cmp.changes.iter().filter(|c| is_interesting(c)).count();
    let mut h = String::with_capacity(64 * 1024);
    h.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n",
    );
    h.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
    ));
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<meta name=\"generator\" content=\"resdiff\">\n");
    h.push_str(&format!(
        "<title>{} → {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        esc(&short_name(&cmp.old)),
        esc(&short_name(&cmp.new))
    ));
    // The radio buttons come first: the CSS selects on `:checked ~ …`.
    h.push_str(
        "<input class=\"toggle\" type=\"radio\" name=\"view\" id=\"v-inline\" checked>\
         <input class=\"toggle\" type=\"radio\" name=\"view\" id=\"v-both\">\
         <input class=\"toggle\" type=\"radio\" name=\"view\" id=\"v-side\">\
         <input class=\"toggle\" type=\"checkbox\" id=\"show-unchanged\">\n",
    );
    if classified {
        h.push_str(
            "<input class=\"toggle\" type=\"radio\" name=\"filter\" id=\"f-all\" checked>\
             <input class=\"toggle\" type=\"radio\" name=\"filter\" id=\"f-sub\">\
             <input class=\"toggle\" type=\"radio\" name=\"filter\" id=\"f-rou\">\n",
        );
    }
    write_header(&mut h, cmp);
    h.push_str(
        "<div class=\"controls\"><span>View: <label for=\"v-inline\">inline redline</label> \
        <label for=\"v-side\">side by side</label> <label for=\"v-both\">both</label></span>\
        <span><label for=\"show-unchanged\">show unchanged clauses</label></span>",
    );
    if classified {
        h.push_str("<span>Show: <label for=\"f-all\">all</label> <label for=\"f-sub\">substantive</label> \
            <label for=\"f-rou\">routine</label></span>");
    }
    h.push_str("</div>\n");
    write_summary(&mut h, cmp, &classes, classified, interesting);
    if let Some(findings) = opts.findings {
        write_findings(&mut h, cmp, findings);
    }
    h.push_str(&format!(
        "<main id=\"changes\" lang=\"{}\" dir=\"{}\" data-changes=\"{interesting}\">\n",
        lang.code(),
        dir(lang)
    ));
    let mut done = vec![false; cmp.changes.len()];
    let render = |h: &mut String, k: usize, done: &mut Vec<bool>| {
        if let (Some(c), Some(false)) = (cmp.changes.get(k), done.get(k).copied()) {
            done[k] = true;
            write_change(h, k, c, classes[k], &texts, lang);
        }
    };
    for step in plan(cmp) {
        match step {
            Step::Anchor { change, .. }
            | Step::New {
                change: Some(change),
                ..
            } => render(&mut h, change, &mut done),
            Step::Old {
                change: Some(k),
                unit,
            } => {
                let Some(c) = cmp.changes.get(k) else {
                    continue;
                };
                if c.new.is_empty() {
                    render(&mut h, k, &mut done);
                } else if c.moved {
                    if let Some(u) = cmp.old.units.get(unit) {
                        write_stub(&mut h, k, c, &u.id, classes[k]);
                    }
                }
            }
            Step::Old { change: None, .. } | Step::New { change: None, .. } => {}
        }
    }
    // Anything the plan did not place (ids the editions do not have).
    for k in 0..cmp.changes.len() {
        render(&mut h, k, &mut done);
    }
    h.push_str("</main>\n");
    h.push_str(&format!(
        "<footer><p>{}</p><p>Made by resdiff. Deleted text is struck through, inserted text underlined.</p></footer>\n</body>\n</html>\n",
        esc(&stat::summary_line(cmp))
    ));
    out.write_all(h.as_bytes())
}

fn dir(lang: Language) -> &'static str {
    if lang.is_rtl() {
        "rtl"
    } else {
        "ltr"
    }
}

/// `A/RES/76/186 (en)` or the source.
fn short_name(ed: &Edition) -> String {
    ed.label()
}

fn write_header(h: &mut String, cmp: &Comparison) {
    h.push_str(&format!(
        "<header>\n<h1>Changes from {} to {}</h1>\n<table class=\"editions\">\
         <tr><th></th><th>symbol</th><th>language</th><th>adopted</th><th>title</th><th>source</th></tr>\n",
        esc(&short_name(&cmp.old)),
        esc(&short_name(&cmp.new))
    ));
    for (name, ed) in [("old", &cmp.old), ("new", &cmp.new)] {
        let l = ed.language;
        h.push_str(&format!(
            "<tr><th>{name}</th><td>{}</td><td>{}</td><td>{}</td><td lang=\"{}\" dir=\"{}\">{}</td><td>{}</td></tr>\n",
            esc(ed.facts.symbol.as_deref().unwrap_or("—")),
            l.name(),
            esc(ed.facts.adopted.as_deref().unwrap_or("—")),
            l.code(),
            dir(l),
            esc(ed.facts.title.as_deref().unwrap_or("")),
            esc(&ed.source)
        ));
    }
    h.push_str("</table>\n");
    for (name, ed) in [("old", &cmp.old), ("new", &cmp.new)] {
        for w in &ed.warnings {
            h.push_str(&format!(
                "<p class=\"warning\">warning: {name}: {}</p>\n",
                esc(w)
            ));
        }
    }
    h.push_str(&format!(
        "<p class=\"counts\">{}</p>\n</header>\n",
        esc(&stat::summary_line(cmp))
    ));
}

/// The summary table: one row per change that is not "unchanged in place".
fn write_summary(
    h: &mut String,
    cmp: &Comparison,
    classes: &[Option<Class>],
    classified: bool,
    interesting: usize,
) {
    h.push_str(&format!(
        "<nav id=\"summary\">\n<h2>Summary: {interesting} {}</h2>\n",
        if interesting == 1 {
            "change"
        } else {
            "changes"
        }
    ));
    if interesting == 0 {
        h.push_str("<p>The two editions have the same clauses in the same order.</p>\n</nav>\n");
        return;
    }
    h.push_str("<table>\n<tr><th>#</th><th>clause</th><th>what</th><th>similarity</th>");
    if classified {
        h.push_str("<th>class</th>");
    }
    h.push_str("</tr>\n");
    let mut n = 0;
    for (k, c) in cmp.changes.iter().enumerate() {
        if !is_interesting(c) {
            continue;
        }
        n += 1;
        let cls = classes.get(k).copied().flatten();
        h.push_str(&format!(
            "<tr class=\"{}\"><td>{n}</td><td><a href=\"#c-{k}\">{}</a></td><td>{}</td><td>{}</td>",
            cls.map_or("", Class::name),
            esc(&ids_joined(c.primary_ids())),
            esc(&what(c)),
            c.similarity
                .map_or(String::new(), |s| format!("{:.0}%", s * 100.0))
        ));
        if classified {
            h.push_str(&format!("<td>{}</td>", cls.map_or("", Class::name)));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n</nav>\n");
}

/// The findings of a review: one row each, linked to the change holding
/// the unit. Messages and fixes may quote the document, so the fix cell
/// carries the document's language and every text is escaped.
fn write_findings(h: &mut String, cmp: &Comparison, findings: &[ReportFinding]) {
    h.push_str(&format!(
        "<section id=\"findings\">\n<h2>Findings: {}</h2>\n",
        esc(&findings_counts(findings))
    ));
    if findings.is_empty() {
        h.push_str("<p>No findings.</p>\n</section>\n");
        return;
    }
    let lang = cmp.new.language;
    h.push_str(
        "<table>\n<tr><th>clause</th><th>severity</th><th>rule</th><th>message</th><th>fix</th></tr>\n",
    );
    for f in findings {
        let unit = match &f.unit {
            Some(id) => match change_of(cmp, id) {
                Some(k) => format!("<a href=\"#c-{k}\">{}</a>", esc(&id.to_string())),
                None => esc(&id.to_string()),
            },
            None => "—".to_string(),
        };
        h.push_str(&format!(
            "<tr class=\"finding sev-{0}\"><td>{unit}</td><td class=\"sev\">{0}</td><td>{1}</td>\
             <td dir=\"auto\">{2}</td><td lang=\"{3}\" dir=\"auto\">{4}</td></tr>\n",
            esc(&f.severity),
            esc(&f.rule),
            esc(&f.message),
            lang.code(),
            f.fix.as_deref().map_or(String::new(), esc)
        ));
    }
    h.push_str("</table>\n</section>\n");
}

/// `changed, moved (was OP7)`.
fn what(c: &Change) -> String {
    let mut s = if c.kind == ChangeKind::Unchanged && c.moved {
        "moved".to_string()
    } else if c.moved {
        format!("{}, moved", c.kind.name())
    } else {
        c.kind.name().to_string()
    };
    if !c.old.is_empty() && !c.new.is_empty() && c.old != c.new {
        s.push_str(&format!(" (was {})", ids_joined(&c.old)));
    }
    s
}

/// Anchor of the mark left where a moved clause stood.
fn old_anchor(id: &UnitId) -> String {
    format!("old-{}", css_id(&id.to_string()))
}

/// An id usable in `id` and `href` (`OP5(a)` → `OP5-a`).
fn css_id(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn write_change(
    h: &mut String,
    k: usize,
    c: &Change,
    class: Option<Class>,
    texts: &UnitTexts,
    lang: Language,
) {
    let cls = class.map_or("", Class::name);
    let section = if is_interesting(c) { "change" } else { "same" };
    h.push_str(&format!(
        "<section class=\"{section} k-{}{}{}\" id=\"c-{k}\">\n<h3><span dir=\"ltr\">",
        c.kind.name(),
        if c.moved { " moved" } else { "" },
        if cls.is_empty() {
            String::new()
        } else {
            format!(" {cls}")
        }
    ));
    h.push_str(&format!(
        "<a href=\"#c-{k}\">{}</a>",
        esc(&ids_joined(c.primary_ids()))
    ));
    if !c.old.is_empty() && !c.new.is_empty() && c.old != c.new {
        h.push_str(" (was ");
        for (n, id) in c.old.iter().enumerate() {
            if n > 0 {
                h.push_str(" + ");
            }
            if c.moved {
                h.push_str(&format!(
                    "<a href=\"#{}\">{}</a>",
                    old_anchor(id),
                    esc(&id.to_string())
                ));
            } else {
                h.push_str(&esc(&id.to_string()));
            }
        }
        h.push(')');
    }
    if c.kind != ChangeKind::Unchanged || !c.moved {
        h.push_str(&format!(" <span class=\"kind\">{}</span>", c.kind.name()));
    }
    if c.moved {
        h.push_str(" <span class=\"kind moved-mark\">moved</span>");
    }
    if let Some(cl) = class {
        h.push_str(&format!(" <span class=\"class {0}\">{0}</span>", cl.name()));
    }
    h.push_str("</span></h3>\n");
    let ops = texts.script(c);
    let l = lang.code();
    let d = dir(lang);
    h.push_str(&format!(
        "<div class=\"inline text\" lang=\"{l}\" dir=\"{d}\"><p>{}</p></div>\n",
        redline_html(&ops, Side::Both)
    ));
    if is_interesting(c) {
        let old_ids = ids_joined(&c.old);
        let new_ids = ids_joined(&c.new);
        h.push_str(&format!(
            "<div class=\"side text\" lang=\"{l}\" dir=\"{d}\">\
             <div class=\"old\"><div class=\"col-h\" dir=\"ltr\">old {}</div><p>{}</p></div>\
             <div class=\"new\"><div class=\"col-h\" dir=\"ltr\">new {}</div><p>{}</p></div></div>\n",
            esc(if old_ids.is_empty() { "—" } else { &old_ids }),
            redline_html(&ops, Side::Old),
            esc(if new_ids.is_empty() { "—" } else { &new_ids }),
            redline_html(&ops, Side::New),
        ));
    }
    h.push_str("</section>\n");
}

/// The mark left where a moved clause stood, linked to where it went.
fn write_stub(h: &mut String, k: usize, c: &Change, old: &UnitId, class: Option<Class>) {
    h.push_str(&format!(
        "<p class=\"stub{}\" id=\"{}\" dir=\"ltr\">{} moved to <a href=\"#c-{k}\">{}</a></p>\n",
        class.map_or(String::new(), |c| format!(" {}", c.name())),
        old_anchor(old),
        esc(&old.to_string()),
        esc(&ids_joined(&c.new))
    ));
}

/// An edit script as HTML: deleted runs in `<del>`, inserted in `<ins>`.
pub fn redline_html(ops: &[WordOp], side: Side) -> String {
    let mut s = String::new();
    for o in ops {
        match (o.op, side) {
            (Op::Equal, _) => s.push_str(&esc(&o.text)),
            (Op::Delete, Side::Both | Side::Old) => {
                s.push_str(&format!("<del>{}</del>", esc(&o.text)))
            }
            (Op::Insert, Side::Both | Side::New) => {
                s.push_str(&format!("<ins>{}</ins>", esc(&o.text)))
            }
            _ => {}
        }
    }
    s
}

/// Escape text for HTML content and attribute values; control and bidi
/// control characters become visible `<U+001B>` marks.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_unsafe_char(c) || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                out.push_str("<span class=\"esc\">");
                out.push_str(&esc(&escape_char(c)));
                out.push_str("</span>");
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
    use crate::model::{SourceFormat, Unit};
    use crate::render::report::{from_map, ReportFinding};
    use crate::synth::{generate, Level};
    use std::collections::HashMap;

    fn html(cmp: &Comparison, opts: &ReportOptions) -> String {
        let mut v = Vec::new();
        write_html(cmp, opts, &mut v).unwrap();
        String::from_utf8(v).unwrap()
    }

    fn ed(lang: Language, units: &[(&str, &str)]) -> Edition {
        let mut e = Edition::new("synthetic.txt", SourceFormat::Text, lang);
        e.units = units
            .iter()
            .map(|(i, t)| Unit::new(i.parse().unwrap(), *t))
            .collect();
        e
    }

    #[test]
    fn document_text_is_escaped() {
        let old = ed(Language::En, &[("OP1", "Requests a report (synthetic);")]);
        let new = ed(
            Language::En,
            &[(
                "OP1",
                "Requests a <script>alert(1)</script> report \x1b[2J\u{202E} & \"more\" (synthetic);",
            )],
        );
        let mut new = new;
        new.facts.title = Some("<img src=x onerror=alert(1)> (synthetic)".into());
        let cmp = compare(&old, &new, &CompareOptions::default());
        let s = html(&cmp, &ReportOptions::default());
        assert!(!s.contains("<script"), "{s}");
        assert!(!s.contains("<img"));
        assert!(s.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!s.contains('\x1b') && !s.contains('\u{202E}'));
        assert!(s.contains("&lt;U+001B&gt;") && s.contains("&lt;U+202E&gt;"));
        assert!(s.contains("&amp; &quot;more&quot;"));
    }

    #[test]
    fn arabic_is_right_to_left_and_chinese_has_fonts() {
        let a = ed(Language::Ar, &[("OP1", "تطلب تقريرا (مصطنع)؛")]);
        let b = ed(Language::Ar, &[("OP1", "تطلب تقريرا شاملا (مصطنع)؛")]);
        let s = html(
            &compare(&a, &b, &CompareOptions::default()),
            &ReportOptions::default(),
        );
        assert!(s.contains("<main id=\"changes\" lang=\"ar\" dir=\"rtl\""));
        assert!(s.contains("class=\"inline text\" lang=\"ar\" dir=\"rtl\""));
        assert!(
            s.contains("<ins>شاملا </ins>") || s.contains("<ins>شاملا</ins>"),
            "{s}"
        );
        assert!(
            CSS.contains(":lang(zh)")
                && CSS.contains("Noto Sans CJK SC")
                && CSS.contains("Microsoft YaHei")
        );
        assert!(CSS.contains("@media print"));
    }

    #[test]
    fn self_contained_with_links_to_every_change() {
        let case = generate(7, 60, Level::Heavy);
        let cmp = compare(&case.old, &case.new, &CompareOptions::default());
        let s = html(&cmp, &ReportOptions::default());
        assert!(!s.contains("<script") && !s.contains("src=\"http") && !s.contains("<link"));
        let n = cmp.changes.iter().filter(|c| is_interesting(c)).count();
        assert_eq!(s.matches("<section class=\"change ").count(), n);
        assert!(s.contains(&format!("data-changes=\"{n}\"")));
        for (k, c) in cmp.changes.iter().enumerate() {
            if is_interesting(c) {
                assert!(
                    s.contains(&format!("<a href=\"#c-{k}\">")),
                    "summary link {k}"
                );
                assert!(s.contains(&format!("id=\"c-{k}\"")));
            }
        }
        // Every move links back to a mark at its old place.
        let moved: Vec<&Change> = cmp.changes.iter().filter(|c| c.moved).collect();
        assert!(!moved.is_empty(), "seed 7 should have moves");
        for c in moved {
            for id in &c.old {
                let a = old_anchor(id);
                assert!(s.contains(&format!("href=\"#{a}\"")), "{a}");
                assert!(s.contains(&format!("id=\"{a}\"")), "{a}");
            }
        }
        assert!(!s.contains("id=\"f-sub\""), "no filter without classes");
    }

    #[test]
    fn classification_adds_a_css_filter() {
        let case = generate(2, 40, Level::Typical);
        let cmp = compare(&case.old, &case.new, &CompareOptions::default());
        let map: HashMap<usize, Class> = cmp
            .changes
            .iter()
            .enumerate()
            .filter(|(_, c)| is_interesting(c))
            .map(|(k, _)| {
                (
                    k,
                    if k % 2 == 0 {
                        Class::Routine
                    } else {
                        Class::Substantive
                    },
                )
            })
            .collect();
        let f = from_map(&map);
        let s = html(
            &cmp,
            &ReportOptions {
                classify: Some(&f),
                ..ReportOptions::default()
            },
        );
        assert!(s.contains("id=\"f-sub\"") && s.contains("id=\"f-rou\""));
        assert!(s.contains("#f-sub:checked ~ main .routine"));
        let routine = map.values().filter(|c| **c == Class::Routine).count();
        assert_eq!(s.matches("<tr class=\"routine\">").count(), routine);
        assert!(s.contains("<span class=\"class substantive\">substantive</span>"));
    }

    #[test]
    fn ids_for_anchors() {
        assert_eq!(css_id("OP5(a)(ii)"), "OP5-a-ii");
        assert_eq!(old_anchor(&"PP3".parse().unwrap()), "old-PP3");
    }

    #[test]
    fn findings_are_a_linked_escaped_table() {
        let old = ed(Language::Ar, &[("OP1", "تطلب تقريرا (مصطنع)؛")]);
        let new = ed(Language::Ar, &[("OP1", "تطلب تقريرا شاملا (مصطنع)،")]);
        let cmp = compare(&old, &new, &CompareOptions::default());
        let findings = [
            ReportFinding {
                unit: Some(UnitId::op(1)),
                rule: "punctuation".into(),
                severity: "error".into(),
                message: "ends with <img src=x onerror=alert(1)> (synthetic)".into(),
                fix: Some("…شاملا (مصطنع)؛".into()),
            },
            ReportFinding {
                unit: None,
                rule: "past-session".into(),
                severity: "note".into(),
                message: "session unknown & \"quoted\" (synthetic)".into(),
                fix: None,
            },
        ];
        let s = html(
            &cmp,
            &ReportOptions {
                findings: Some(&findings),
                ..ReportOptions::default()
            },
        );
        assert!(
            s.contains("<h2>Findings: 1 error, 0 warnings, 1 note</h2>"),
            "{s}"
        );
        assert!(!s.contains("<img"));
        assert!(s.contains("ends with &lt;img src=x onerror=alert(1)&gt; (synthetic)"));
        assert!(s.contains("<td><a href=\"#c-0\">OP1</a></td><td class=\"sev\">error</td>"));
        assert!(s.contains("<td lang=\"ar\" dir=\"auto\">…شاملا (مصطنع)؛</td>"));
        assert!(s.contains("<td>—</td><td class=\"sev\">note</td>"));
        assert!(s.contains("session unknown &amp; &quot;quoted&quot;"));
        // The findings come before the changes; none given, no section.
        assert!(s.find("id=\"findings\"") < s.find("<main"));
        assert!(!html(&cmp, &ReportOptions::default()).contains("id=\"findings\""));
        let empty = html(
            &cmp,
            &ReportOptions {
                findings: Some(&[]),
                ..ReportOptions::default()
            },
        );
        assert!(empty.contains("<p>No findings.</p>"));
    }
}
