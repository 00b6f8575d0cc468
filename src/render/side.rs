//! `resdiff diff --format side`: old and new editions in two columns,
//! aligned by unit, wrapped to a given width. Widths are measured in terminal
//! cells (unicode-width), so Chinese characters count double and may break
//! anywhere; colour is applied after wrapping, one line at a time.

use std::io::{self, Write};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::term::{block_heading, elided_note, is_interesting, shown_changes, UnitTexts};
use super::{
    isolate, paint_segs, push_doc_text, redline, stat, Label, Seg, Side, Style, DELETED_MARKS,
    INSERTED_MARKS,
};
use crate::diff::{Change, Comparison};
use crate::model::{Edition, UnitId};

/// Width used when the caller knows none (the binary asks the terminal).
pub const DEFAULT_WIDTH: usize = 100;
/// Narrowest layout: below this, columns of 18 cells stop being readable,
/// so output is laid out at this width and the terminal wraps it.
pub const MIN_WIDTH: usize = 40;
/// Widest id column (`OP12(a)(iii)` fits); longer ids get a line of their own.
const MAX_ID_WIDTH: usize = 12;
/// Between the columns.
const GUTTER: &str = " │ ";

/// Layout of the two columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SideOptions {
    /// Total width in terminal cells.
    pub width: usize,
    /// Unchanged units shown around each change (`usize::MAX`: all).
    pub context: usize,
}

impl Default for SideOptions {
    fn default() -> Self {
        SideOptions {
            width: DEFAULT_WIDTH,
            context: super::term::DEFAULT_CONTEXT,
        }
    }
}

/// Write the comparison as two columns.
pub fn write_side(
    cmp: &Comparison,
    opts: &SideOptions,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let width = opts.width.max(MIN_WIDTH);
    let col = (width - GUTTER.width()) / 2;
    let texts = UnitTexts::new(cmp);
    let id_width = cmp
        .old
        .units
        .iter()
        .chain(&cmp.new.units)
        .map(|u| u.id.to_string().width())
        .max()
        .unwrap_or(3)
        .min(MAX_ID_WIDTH)
        + 1;

    // Titles.
    let left = title_lines(&cmp.old, col);
    let right = title_lines(&cmp.new, col);
    write_rows(&left, &right, col, false, false, style, out)?;
    writeln!(out, "{}─┼─{}", "─".repeat(col), "─".repeat(col))?;

    let shown = shown_changes(&cmp.changes, opts.context);
    let mut hidden = 0usize;
    for (c, show) in cmp.changes.iter().zip(shown) {
        if !show {
            hidden += 1;
            continue;
        }
        elided(&mut hidden, width, style, out)?;
        if is_interesting(c) {
            write_wrapped(&block_heading(c), width, style, out)?;
        }
        write_change(c, &texts, col, id_width, style, out)?;
    }
    elided(&mut hidden, width, style, out)?;
    let summary = [Seg::new(Label::Header, stat::summary_line(cmp))];
    write_wrapped(&summary, width, style, out)
}

/// The title of a column: `A/RES/76/186 · en · akn`, then the source.
fn title_lines(ed: &Edition, col: usize) -> Vec<Vec<Seg>> {
    let mut title = Vec::new();
    let symbol = ed.facts.symbol.as_deref().unwrap_or("(no symbol)");
    push_doc_text(&mut title, Some(Label::Header), symbol);
    title.push(Seg::plain(format!(" · {} · {}", ed.language, ed.format)));
    let mut source = Vec::new();
    push_doc_text(&mut source, None, &ed.source);
    let mut lines = wrap(&title, col);
    lines.extend(wrap(&source, col));
    lines
}

fn elided(hidden: &mut usize, width: usize, style: Style, out: &mut dyn Write) -> io::Result<()> {
    if *hidden > 0 {
        write_wrapped(
            &[Seg::new(Label::Elided, elided_note(*hidden))],
            width,
            style,
            out,
        )?;
        *hidden = 0;
    }
    Ok(())
}

/// A line across both columns, wrapped to the width.
fn write_wrapped(segs: &[Seg], width: usize, style: Style, out: &mut dyn Write) -> io::Result<()> {
    for line in wrap(segs, width) {
        writeln!(out, "{}", paint_segs(&line, style))?;
    }
    Ok(())
}

fn write_change(
    c: &Change,
    texts: &UnitTexts,
    col: usize,
    id_width: usize,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let ops = texts.script(c);
    let old_plain: String = c.old.iter().map(|id| texts.old_text(id)).collect();
    let new_plain: String = c.new.iter().map(|id| texts.new_text(id)).collect();
    let left = cell(&c.old, &redline(&ops, Side::Old, style), col, id_width);
    let right = cell(&c.new, &redline(&ops, Side::New, style), col, id_width);
    let old_rtl = !c.old.is_empty() && texts.is_rtl(c, &old_plain);
    let new_rtl = !c.new.is_empty() && texts.is_rtl(c, &new_plain);
    write_rows(&left, &right, col, old_rtl, new_rtl, style, out)?;
    writeln!(out, "{}", " ".repeat(col) + GUTTER.trim_end())
}

/// One column of a row: the ids, then the text wrapped beside them.
fn cell(ids: &[UnitId], segs: &[Seg], col: usize, id_width: usize) -> Vec<Line> {
    if ids.is_empty() {
        return Vec::new();
    }
    let id_text = super::ids_joined(ids);
    let text_width = col.saturating_sub(id_width).max(1);
    let mut lines = Vec::new();
    let body = wrap(segs, text_width);
    let mut first_with_text = true;
    if id_text.width() >= id_width {
        lines.push(Line {
            prefix: vec![Seg::new(Label::UnitId, id_text.clone())],
            body: Vec::new(),
        });
        first_with_text = false;
    }
    for (k, l) in body.into_iter().enumerate() {
        let prefix = if k == 0 && first_with_text {
            let pad = id_width - id_text.width();
            vec![
                Seg::new(Label::UnitId, id_text.clone()),
                Seg::plain(" ".repeat(pad)),
            ]
        } else {
            vec![Seg::plain(" ".repeat(id_width))]
        };
        lines.push(Line { prefix, body: l });
    }
    if lines.is_empty() {
        lines.push(Line {
            prefix: vec![Seg::new(Label::UnitId, id_text)],
            body: Vec::new(),
        });
    }
    lines
}

/// A line of a column: the id column part and the (possibly right-to-left) text.
#[derive(Debug, Clone, Default)]
struct Line {
    prefix: Vec<Seg>,
    body: Vec<Seg>,
}

fn seg_width(segs: &[Seg]) -> usize {
    segs.iter().map(|s| s.text.width()).sum()
}

fn render_line(l: &Line, rtl: bool, style: Style) -> (String, usize) {
    let body = paint_segs(&l.body, style);
    let body = if l.body.is_empty() {
        body
    } else {
        isolate(&body, rtl)
    };
    (
        paint_segs(&l.prefix, style) + &body,
        seg_width(&l.prefix) + seg_width(&l.body),
    )
}

fn write_rows(
    left: &[impl AsLine],
    right: &[impl AsLine],
    col: usize,
    left_rtl: bool,
    right_rtl: bool,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    for k in 0..left.len().max(right.len()) {
        let (l, lw) = left
            .get(k)
            .map(|l| render_line(&l.as_line(), left_rtl, style))
            .unwrap_or_default();
        let (r, _) = right
            .get(k)
            .map(|r| render_line(&r.as_line(), right_rtl, style))
            .unwrap_or_default();
        let pad = " ".repeat(col.saturating_sub(lw));
        let row = format!("{l}{pad}{GUTTER}{r}");
        writeln!(out, "{}", row.trim_end_matches(' '))?;
    }
    Ok(())
}

/// Either a bare run of segments (titles) or a cell line.
trait AsLine {
    fn as_line(&self) -> Line;
}

impl AsLine for Line {
    fn as_line(&self) -> Line {
        self.clone()
    }
}

impl AsLine for Vec<Seg> {
    fn as_line(&self) -> Line {
        Line {
            prefix: Vec::new(),
            body: self.clone(),
        }
    }
}

/// A piece of text that wraps as one: a word (which may change label
/// midway, as in `COVID[---]{+‑+}19`), a run of spaces, or a single wide
/// (CJK) character, which may break on either side.
struct Token {
    pieces: Vec<Seg>,
    space: bool,
}

impl Token {
    fn push(&mut self, label: Option<Label>, c: char) {
        match self.pieces.last_mut() {
            Some(last) if last.label == label => last.text.push(c),
            _ => self.pieces.push(Seg {
                label,
                text: c.to_string(),
            }),
        }
    }

    fn last_char(&self) -> Option<char> {
        self.pieces.last().and_then(|p| p.text.chars().last())
    }

    fn width(&self) -> usize {
        seg_width(&self.pieces)
    }
}

fn is_marker(text: &str, opening: bool) -> bool {
    [DELETED_MARKS, INSERTED_MARKS]
        .iter()
        .any(|m| text == if opening { m.0 } else { m.1 })
}

fn tokens(segs: &[Seg]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut cur: Option<Token> = None;
    // The previous segment was an opening `[-` / `{+`: keep it with what follows.
    let mut after_opening = false;
    for s in segs {
        let closing = is_marker(&s.text, false);
        for c in s.text.chars() {
            let space = c.is_whitespace();
            let wide = c.width().unwrap_or(0) >= 2;
            let joins = cur.as_ref().is_some_and(|t| {
                let last = t.last_char().unwrap_or(' ');
                let last_wide = last.width().unwrap_or(0) >= 2;
                t.space == space
                    && (space
                        || closing
                        || after_opening
                        || NO_LINE_START.contains(c)
                        || NO_LINE_END.contains(last)
                        || (!wide && !last_wide))
            });
            if !joins {
                out.extend(cur.take());
            }
            cur.get_or_insert_with(|| Token {
                pieces: Vec::new(),
                space,
            })
            .push(s.label, c);
            after_opening = false;
        }
        after_opening = is_marker(&s.text, true);
    }
    out.extend(cur);
    out
}

/// Punctuation that must not begin a line (Chinese line-breaking rules): it
/// stays with the character before it.
const NO_LINE_START: &str = "，。、；：！？）》」』】〕〉”’…·,.;:!?)]}%";
/// Punctuation that must not end a line: it stays with the character after it.
const NO_LINE_END: &str = "（《「『【〔〈“‘([{";

/// Greedy wrap of labelled text into lines of at most `width` cells. Breaks
/// at spaces (which are dropped at line ends) and around wide characters;
/// a word longer than the line is cut.
pub fn wrap(segs: &[Seg], width: usize) -> Vec<Vec<Seg>> {
    let width = width.max(1);
    let mut lines: Vec<Vec<Seg>> = Vec::new();
    let mut line: Vec<Seg> = Vec::new();
    let mut used = 0usize;
    let push = |line: &mut Vec<Seg>, label: Option<Label>, text: &str| match line.last_mut() {
        Some(last) if last.label == label => last.text.push_str(text),
        _ => line.push(Seg {
            label,
            text: text.to_string(),
        }),
    };
    for t in tokens(segs) {
        let tw = t.width();
        if t.space {
            if used == 0 {
                continue;
            }
            if used + tw > width {
                lines.push(std::mem::take(&mut line));
                used = 0;
                continue;
            }
            for p in &t.pieces {
                push(&mut line, p.label, &p.text);
            }
            used += tw;
            continue;
        }
        if used + tw > width && used > 0 {
            trim_end(&mut line);
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if tw <= width - used {
            for p in &t.pieces {
                push(&mut line, p.label, &p.text);
            }
            used += tw;
            continue;
        }
        // Longer than a line: cut it.
        for p in &t.pieces {
            for c in p.text.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                push(&mut line, p.label, &c.to_string());
                used += cw;
            }
        }
    }
    trim_end(&mut line);
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Drop trailing spaces of a line.
fn trim_end(line: &mut Vec<Seg>) {
    while let Some(last) = line.last_mut() {
        let t = last.text.trim_end().len();
        last.text.truncate(t);
        if last.text.is_empty() {
            line.pop();
        } else {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::term::tests::sample;

    fn render(width: usize, context: usize, style: Style) -> String {
        let mut buf = Vec::new();
        write_side(&sample(), &SideOptions { width, context }, style, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    fn plain(lines: &[Vec<Seg>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn wrap_at_spaces_and_cut_long_words() {
        let segs = vec![
            Seg::plain("one two three "),
            Seg::new(Label::Inserted, "fourfivesix"),
        ];
        assert_eq!(
            plain(&wrap(&segs, 9)),
            ["one two", "three", "fourfives", "ix"]
        );
        let w = wrap(&segs, 20);
        assert_eq!(plain(&w), ["one two three", "fourfivesix"]);
        assert_eq!(w[1], vec![Seg::new(Label::Inserted, "fourfivesix")]);
    }

    #[test]
    fn wrap_counts_wide_characters_double_and_adds_no_spaces() {
        let segs = vec![Seg::plain("回顾其第七十四届会议的决议")];
        let lines = plain(&wrap(&segs, 10));
        assert_eq!(lines, ["回顾其第七", "十四届会议", "的决议"]);
        assert!(lines.iter().all(|l| l.width() <= 10 && !l.contains(' ')));
    }

    #[test]
    fn markers_stay_with_their_text() {
        let segs = vec![
            Seg::plain("甲乙丙"),
            Seg::new(Label::Inserted, "{+"),
            Seg::new(Label::Inserted, "丁戊"),
            Seg::new(Label::Inserted, "+}"),
            Seg::plain("己"),
        ];
        assert_eq!(plain(&wrap(&segs, 8)), ["甲乙丙", "{+丁戊+}", "己"]);
        let segs = vec![
            Seg::plain("(COVID"),
            Seg::new(Label::Deleted, "[-"),
            Seg::new(Label::Deleted, "-"),
            Seg::new(Label::Deleted, "-]"),
            Seg::plain("19) pandemic"),
        ];
        let lines = wrap(&segs, 16);
        assert_eq!(plain(&lines), ["(COVID[---]19)", "pandemic"]);
        assert_eq!(lines[0][1], Seg::new(Label::Deleted, "[---]"));
    }

    #[test]
    fn chinese_punctuation_does_not_start_or_end_a_line() {
        let segs = vec![Seg::plain("甲乙丙丁，《戊己》")];
        assert_eq!(plain(&wrap(&segs, 8)), ["甲乙丙", "丁，《戊", "己》"]);
    }

    #[test]
    fn every_line_fits_the_width() {
        for width in [40, 60, 100, 150] {
            let s = render(width, usize::MAX, Style::PLAIN);
            for line in s.lines() {
                assert!(
                    line.width() <= width,
                    "{width}: {line:?} is {}",
                    line.width()
                );
            }
            assert!(s.contains(" │ "));
        }
    }

    #[test]
    fn columns_show_old_and_new_sides() {
        let s = render(100, 0, Style::PLAIN);
        let changed = s
            .lines()
            .find(|l| l.contains("[-second-]"))
            .expect("a row with the deletion");
        let (left, right) = changed.split_once(" │ ").unwrap();
        assert!(left.starts_with("OP3"), "{changed}");
        assert!(right.starts_with("OP1"), "{changed}");
        assert!(right.contains("{+fourth+}") && !right.contains("second"));
        assert!(s.contains("OP1 (was OP3) changed, moved\n"));
        assert!(s.contains("… 1 unchanged unit …"));
        // Removed: text on the left only.
        let removed = s.lines().find(|l| l.contains("Invites")).unwrap();
        assert!(removed.split_once(" │").unwrap().1.trim().is_empty());
    }

    #[test]
    fn colour_codes_do_not_count_towards_width() {
        let plain = render(60, usize::MAX, Style::DEBUG);
        let colour = render(60, usize::MAX, Style::COLOR);
        assert_eq!(plain.lines().count(), colour.lines().count());
        assert!(colour.contains("\x1b[4;32m"));
    }
}
