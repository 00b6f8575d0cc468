//! `resdiff diff` for a person at a terminal (the default format): one block
//! per change, headed by its unit ids and kind (`OP9 (was OP7) changed,
//! moved`), with an inline word redline; unchanged units collapsed to a count
//! unless context is asked for; the summary line last.
//!
//! Right-to-left text is kept in logical order and wrapped in a Unicode
//! right-to-left isolate so the ids and markers around it stay in place.
//! Document text is sanitised: control characters are shown as `<U+001B>`.

use std::collections::HashMap;
use std::io::{self, Write};

use super::{
    is_rtl_text, isolate, paint_segs, push_doc_text, redline, stat, Label, Seg, Side, Style,
};
use crate::diff::{Change, ChangeKind, Comparison, Op, WordOp};
use crate::model::{Edition, UnitId};

/// Unchanged units shown around each change when no context is asked for.
pub const DEFAULT_CONTEXT: usize = 0;

/// Indentation of unit text under its block heading.
const INDENT: &str = "    ";

/// How much to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermOptions {
    /// Unchanged units shown around each change; the others are collapsed
    /// into "… N unchanged units …". `usize::MAX` shows everything.
    pub context: usize,
}

impl Default for TermOptions {
    fn default() -> Self {
        TermOptions {
            context: DEFAULT_CONTEXT,
        }
    }
}

/// Write the comparison as blocks with an inline redline.
pub fn write_term(
    cmp: &Comparison,
    opts: &TermOptions,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_heading(cmp, style, out)?;
    let texts = UnitTexts::new(cmp);
    let shown = shown_changes(&cmp.changes, opts.context);
    let mut hidden = 0usize;
    for (c, show) in cmp.changes.iter().zip(shown) {
        if !show {
            hidden += 1;
            continue;
        }
        write_elided(&mut hidden, style, out)?;
        write_block(c, &texts, style, out)?;
    }
    write_elided(&mut hidden, style, out)?;
    writeln!(
        out,
        "{}",
        style.paint(Label::Header, &stat::summary_line(cmp))
    )
}

/// The two `old` / `new` lines naming the editions, and their warnings.
pub fn write_heading(cmp: &Comparison, style: Style, out: &mut dyn Write) -> io::Result<()> {
    for (name, ed) in [("old", &cmp.old), ("new", &cmp.new)] {
        let line = paint_segs(&edition_title(ed), style);
        writeln!(out, "{} {line}", style.paint(Label::Header, name))?;
    }
    for (name, ed) in [("old", &cmp.old), ("new", &cmp.new)] {
        for w in &ed.warnings {
            let mut segs = vec![Seg::new(Label::Warning, format!("warning: {name}: "))];
            push_doc_text(&mut segs, Some(Label::Warning), w);
            writeln!(out, "{}", paint_segs(&segs, style))?;
        }
    }
    writeln!(out)
}

/// `A/RES/76/186 · en · akn · path` as segments (symbol and path sanitised).
pub fn edition_title(ed: &Edition) -> Vec<Seg> {
    let mut segs = Vec::new();
    let symbol = ed.facts.symbol.as_deref().unwrap_or("(no symbol)");
    push_doc_text(&mut segs, Some(Label::Header), symbol);
    segs.push(Seg::plain(format!(" · {} · {} · ", ed.language, ed.format)));
    push_doc_text(&mut segs, None, &ed.source);
    segs
}

/// Which changes to show: every real change, and unchanged units within
/// `context` positions of one.
pub fn shown_changes(changes: &[Change], context: usize) -> Vec<bool> {
    let n = changes.len();
    let interesting: Vec<bool> = changes.iter().map(is_interesting).collect();
    // Distance to the nearest interesting change on each side.
    let mut dist = vec![usize::MAX; n];
    let mut last: Option<usize> = None;
    for i in 0..n {
        if interesting[i] {
            last = Some(i);
        }
        if let Some(l) = last {
            dist[i] = i - l;
        }
    }
    last = None;
    for i in (0..n).rev() {
        if interesting[i] {
            last = Some(i);
        }
        if let Some(l) = last {
            dist[i] = dist[i].min(l - i);
        }
    }
    (0..n)
        .map(|i| interesting[i] || context == usize::MAX || dist[i] <= context)
        .collect()
}

/// Anything but a unit that stayed the same and in its place.
pub fn is_interesting(c: &Change) -> bool {
    c.kind != ChangeKind::Unchanged || c.moved
}

/// Print the elided-units note for `hidden` units (if any) and reset it.
pub fn write_elided(hidden: &mut usize, style: Style, out: &mut dyn Write) -> io::Result<()> {
    if *hidden > 0 {
        writeln!(out, "{}", style.paint(Label::Elided, &elided_note(*hidden)))?;
        writeln!(out)?;
        *hidden = 0;
    }
    Ok(())
}

/// `… 12 unchanged units …`
pub fn elided_note(n: usize) -> String {
    let units = if n == 1 { "unit" } else { "units" };
    format!("… {n} unchanged {units} …")
}

/// Unit texts of both editions by id.
pub struct UnitTexts<'a> {
    old: HashMap<&'a UnitId, &'a str>,
    new: HashMap<&'a UnitId, &'a str>,
    old_rtl: bool,
    new_rtl: bool,
    /// Chinese is written without spaces between words.
    joiner: &'static str,
}

impl<'a> UnitTexts<'a> {
    pub fn new(cmp: &'a Comparison) -> Self {
        let map = |ed: &'a Edition| ed.units.iter().map(|u| (&u.id, u.text.as_str())).collect();
        let unspaced = cmp.old.language.is_unspaced() || cmp.new.language.is_unspaced();
        UnitTexts {
            old: map(&cmp.old),
            new: map(&cmp.new),
            old_rtl: cmp.old.language.is_rtl(),
            new_rtl: cmp.new.language.is_rtl(),
            joiner: if unspaced { "" } else { " " },
        }
    }

    pub fn old_text(&self, id: &UnitId) -> &'a str {
        self.old.get(id).copied().unwrap_or("")
    }

    pub fn new_text(&self, id: &UnitId) -> &'a str {
        self.new.get(id).copied().unwrap_or("")
    }

    fn joined(&self, ids: &[UnitId], old: bool) -> String {
        let texts: Vec<&str> = ids
            .iter()
            .map(|id| {
                if old {
                    self.old_text(id)
                } else {
                    self.new_text(id)
                }
            })
            .collect();
        texts.join(self.joiner)
    }

    /// The edit script of a change, whatever its kind: the engine's script
    /// for changed, split and merged units, one deleted run for a removal,
    /// one inserted run for an addition, one equal run otherwise.
    pub fn script(&self, c: &Change) -> Vec<WordOp> {
        let run = |op, text: String| WordOp { op, text };
        match c.kind {
            ChangeKind::Added => vec![run(Op::Insert, self.joined(&c.new, false))],
            ChangeKind::Removed => vec![run(Op::Delete, self.joined(&c.old, true))],
            ChangeKind::Unchanged => vec![run(Op::Equal, self.joined(&c.new, false))],
            ChangeKind::Changed | ChangeKind::Split | ChangeKind::Merged => {
                if c.diff.is_empty() {
                    vec![
                        run(Op::Delete, self.joined(&c.old, true)),
                        run(Op::Insert, self.joined(&c.new, false)),
                    ]
                } else {
                    c.diff.clone()
                }
            }
        }
    }

    /// Whether a change's text should be shown right to left.
    pub fn is_rtl(&self, c: &Change, text: &str) -> bool {
        let lang = (!c.old.is_empty() && self.old_rtl) || (!c.new.is_empty() && self.new_rtl);
        lang || is_rtl_text(text)
    }
}

/// The heading of a change: `OP9 (was OP7) changed, moved`.
pub fn block_heading(c: &Change) -> Vec<Seg> {
    let mut segs = Vec::new();
    push_ids(&mut segs, c.primary_ids());
    if !c.new.is_empty() && !c.old.is_empty() && c.old != c.new {
        segs.push(Seg::plain(" (was "));
        push_ids(&mut segs, &c.old);
        segs.push(Seg::plain(")"));
    }
    let kind = (c.kind != ChangeKind::Unchanged || !c.moved).then(|| c.kind.name());
    segs.push(Seg::plain(" "));
    if let Some(k) = kind {
        let label = if c.kind == ChangeKind::Unchanged {
            Label::Elided
        } else {
            Label::Header
        };
        segs.push(Seg::new(label, k));
        if c.moved {
            segs.push(Seg::plain(", "));
        }
    }
    if c.moved {
        segs.push(Seg::new(Label::Moved, "moved"));
    }
    segs
}

/// `OP5 + OP6`, each id labelled.
fn push_ids(segs: &mut Vec<Seg>, ids: &[UnitId]) {
    for (k, id) in ids.iter().enumerate() {
        if k > 0 {
            segs.push(Seg::plain(" + "));
        }
        push_doc_text(segs, Some(Label::UnitId), &id.to_string());
    }
}

fn write_block(c: &Change, texts: &UnitTexts, style: Style, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", paint_segs(&block_heading(c), style))?;
    let ops = texts.script(c);
    let plain: String = ops.iter().map(|o| o.text.as_str()).collect();
    let rtl = texts.is_rtl(c, &plain);
    let line = paint_segs(&redline(&ops, Side::Both, style), style);
    writeln!(out, "{INDENT}{}", isolate(&line, rtl))?;
    writeln!(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diff::Summary;
    use crate::model::{Language, SourceFormat, Unit};

    fn ed(source: &str, symbol: &str, lang: Language, units: &[(UnitId, &str)]) -> Edition {
        let mut e = Edition::new(source, SourceFormat::Text, lang);
        e.facts.symbol = Some(symbol.to_string());
        e.units = units
            .iter()
            .map(|(id, t)| Unit::new(id.clone(), *t))
            .collect();
        e
    }

    fn w(op: Op, text: &str) -> WordOp {
        WordOp {
            op,
            text: text.to_string(),
        }
    }

    fn change(
        kind: ChangeKind,
        old: Vec<UnitId>,
        new: Vec<UnitId>,
        moved: bool,
        diff: Vec<WordOp>,
    ) -> Change {
        Change {
            kind,
            old,
            new,
            moved,
            similarity: match kind {
                ChangeKind::Added | ChangeKind::Removed => None,
                ChangeKind::Unchanged => Some(1.0),
                _ => Some(0.8),
            },
            diff,
        }
    }

    /// A small comparison built by hand (synthetic text): one unchanged, one
    /// changed, one changed and moved, one renumbered, one removed, one added.
    pub(crate) fn sample() -> Comparison {
        let (pp1, pp2, op1, op2, op3) = (
            UnitId::pp(1),
            UnitId::pp(2),
            UnitId::op(1),
            UnitId::op(2),
            UnitId::op(3),
        );
        let old = ed(
            "old.txt",
            "A/RES/1/1",
            Language::En,
            &[
                (pp1.clone(), "Recalling its resolution 1/0 (synthetic),"),
                (
                    pp2.clone(),
                    "Noting the report of the Secretary-General (synthetic),",
                ),
                (op1.clone(), "Decides to continue its work (synthetic);"),
                (op2.clone(), "Invites States to cooperate (synthetic);"),
                (
                    op3.clone(),
                    "Requests a report at its second session (synthetic);",
                ),
            ],
        );
        let new = ed(
            "new.txt",
            "A/RES/3/1",
            Language::En,
            &[
                (pp1.clone(), "Recalling its resolution 1/0 (synthetic),"),
                (
                    pp2.clone(),
                    "Noting with appreciation the report of the Secretary-General (synthetic),",
                ),
                (
                    op1.clone(),
                    "Requests a report at its fourth session (synthetic);",
                ),
                (op2.clone(), "Decides to continue its work (synthetic);"),
                (
                    op3.clone(),
                    "Decides to remain seized of the matter (synthetic).",
                ),
            ],
        );
        let changes = vec![
            change(
                ChangeKind::Unchanged,
                vec![pp1.clone()],
                vec![pp1],
                false,
                vec![],
            ),
            change(
                ChangeKind::Changed,
                vec![pp2.clone()],
                vec![pp2],
                false,
                vec![
                    w(Op::Equal, "Noting "),
                    w(Op::Insert, "with appreciation "),
                    w(
                        Op::Equal,
                        "the report of the Secretary-General (synthetic),",
                    ),
                ],
            ),
            change(
                ChangeKind::Changed,
                vec![op3.clone()],
                vec![op1.clone()],
                true,
                vec![
                    w(Op::Equal, "Requests a report at its "),
                    w(Op::Delete, "second"),
                    w(Op::Insert, "fourth"),
                    w(Op::Equal, " session (synthetic);"),
                ],
            ),
            change(
                ChangeKind::Unchanged,
                vec![op1],
                vec![op2.clone()],
                false,
                vec![],
            ),
            change(ChangeKind::Removed, vec![op2], vec![], false, vec![]),
            change(ChangeKind::Added, vec![], vec![op3], false, vec![]),
        ];
        let summary = Summary {
            unchanged: 2,
            changed: 2,
            added: 1,
            removed: 1,
            moved: 1,
            ..Summary::default()
        };
        Comparison {
            old,
            new,
            changes,
            summary,
        }
    }

    fn render(cmp: &Comparison, context: usize, style: Style) -> String {
        let mut buf = Vec::new();
        write_term(cmp, &TermOptions { context }, style, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn plain_redline_with_markers() {
        let s = render(&sample(), 0, Style::PLAIN);
        assert_eq!(
            s,
            "old A/RES/1/1 · en · text · old.txt\n\
             new A/RES/3/1 · en · text · new.txt\n\
             \n\
             … 1 unchanged unit …\n\
             \n\
             PP2 changed\n    Noting {+with appreciation +}the report of the Secretary-General (synthetic),\n\n\
             OP1 (was OP3) changed, moved\n    Requests a report at its [-second-]{+fourth+} session (synthetic);\n\n\
             … 1 unchanged unit …\n\
             \n\
             OP2 removed\n    [-Invites States to cooperate (synthetic);-]\n\n\
             OP3 added\n    {+Decides to remain seized of the matter (synthetic).+}\n\n\
             2 → 2 preambular, 3 → 3 operative: 2 unchanged, 2 changed, 1 added, 1 removed, 1 moved\n"
        );
    }

    #[test]
    fn context_shows_neighbours_and_large_context_shows_all() {
        let s = render(&sample(), 1, Style::PLAIN);
        assert!(s.contains("PP1 unchanged\n    Recalling its resolution 1/0 (synthetic),\n"));
        assert!(s.contains("OP2 (was OP1) unchanged\n"));
        assert!(!s.contains("unchanged unit …"));
        assert_eq!(s, render(&sample(), usize::MAX, Style::PLAIN));
    }

    #[test]
    fn colour_uses_codes_not_markers() {
        let s = render(&sample(), 0, Style::COLOR);
        assert!(s.contains("\x1b[9;31msecond\x1b[0m\x1b[4;32mfourth\x1b[0m"));
        assert!(!s.contains("[-"));
        let d = render(&sample(), 0, Style::DEBUG);
        assert!(d.contains(
            "<<unit-id::OP1>> (was <<unit-id::OP3>>) <<header::changed>>, <<moved::moved>>"
        ));
    }

    #[test]
    fn document_text_cannot_drive_the_terminal() {
        let mut cmp = sample();
        cmp.new.units[4].text = "Decides\x1b[2J\x1b]0;title\x07 (synthetic).".into();
        cmp.new.facts.symbol = Some("A/RES/\x1b[31m".into());
        for style in [Style::PLAIN, Style::COLOR, Style::DEBUG] {
            let s = render(&cmp, 0, style);
            let ours = s.replace("\x1b[0m", "").replace("\x1b[", "");
            // Every ESC left is the start of one of our own SGR codes.
            assert_eq!(ours.matches('\x1b').count(), 0, "{s:?}");
            assert!(s.contains("<U+001B>"));
            assert!(!s.contains('\x07'));
        }
        let s = render(&cmp, 0, Style::PLAIN);
        assert!(s.contains("Decides<U+001B>[2J<U+001B>]0;title<U+0007> (synthetic)."));
    }

    #[test]
    fn arabic_text_is_isolated_and_ids_stay_outside() {
        let a = UnitId::op(1);
        let old = ed(
            "a.txt",
            "A/RES/1/1",
            Language::Ar,
            &[(a.clone(), "يقرر أن يواصل عمله (نص اصطناعي)؛")],
        );
        let new = ed(
            "b.txt",
            "A/RES/3/1",
            Language::Ar,
            &[(a.clone(), "يقرر أن يواصل النظر (نص اصطناعي)؛")],
        );
        let cmp = Comparison {
            old,
            new,
            changes: vec![change(
                ChangeKind::Changed,
                vec![a.clone()],
                vec![a],
                false,
                vec![
                    w(Op::Equal, "يقرر أن يواصل "),
                    w(Op::Delete, "عمله"),
                    w(Op::Insert, "النظر"),
                    w(Op::Equal, " (نص اصطناعي)؛"),
                ],
            )],
            summary: Summary {
                changed: 1,
                ..Summary::default()
            },
        };
        let s = render(&cmp, 0, Style::PLAIN);
        assert!(s.contains(
            "OP1 changed\n    \u{2067}يقرر أن يواصل [-عمله-]{+النظر+} (نص اصطناعي)؛\u{2069}\n"
        ));
    }

    #[test]
    fn shown_changes_respects_context() {
        let cmp = sample();
        assert_eq!(
            shown_changes(&cmp.changes, 0),
            [false, true, true, false, true, true]
        );
        assert_eq!(shown_changes(&cmp.changes, 1), [true; 6]);
        assert_eq!(shown_changes(&[], 3), Vec::<bool>::new());
    }
}
