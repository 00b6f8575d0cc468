//! Renderers: every output format writes to any [`std::io::Write`] and knows
//! nothing of the terminal, the store or the environment. Styling is by
//! meaning ([`Style`]); the binary decides once whether meanings become
//! colours.
//!
//! Renderers never pick a colour themselves: they tag text with a [`Label`]
//! ("inserted", "deleted", "unit-id" …) and [`Style::paint`] turns the label
//! into terminal codes through the one table in [`Label::sgr`], into
//! `<<label::text>>` in debug mode (readable snapshots), or leaves the text
//! alone. Text that came from a document goes through [`sanitize`] first, so
//! a document can never drive the terminal.

pub mod canonical;
pub mod docx;
pub mod edition;
pub mod html;
pub mod json;
pub mod md;
pub mod report;
pub mod side;
pub mod stat;
pub mod term;

use std::borrow::Cow;

use colored::Color;

use crate::diff::{Op, WordOp};

/// Whether renderers may emit terminal colour codes (decided once, by the binary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub color: bool,
    /// Print every label as `<<label::text>>` instead of colour codes, so
    /// tests and bug reports show meaning rather than escape sequences.
    /// Takes precedence over `color`.
    pub debug: bool,
}

impl Style {
    /// No colour: changes are marked with `[-old-]{+new+}`.
    pub const PLAIN: Style = Style {
        color: false,
        debug: false,
    };
    /// Terminal colour codes.
    pub const COLOR: Style = Style {
        color: true,
        debug: false,
    };
    /// Labels spelled out as `<<label::text>>`.
    pub const DEBUG: Style = Style {
        color: false,
        debug: true,
    };

    /// True when labels are visible (colour or debug), so deleted and
    /// inserted text needs no textual `[-…-]` / `{+…+}` markers.
    pub fn shows_labels(self) -> bool {
        self.color || self.debug
    }

    /// `text` marked with the meaning `label`. Empty text stays empty.
    pub fn paint(self, label: Label, text: &str) -> String {
        if text.is_empty() {
            return String::new();
        }
        if self.debug {
            format!("<<{}::{text}>>", label.name())
        } else if self.color {
            format!("\x1b[{}m{text}\x1b[0m", label.sgr())
        } else {
            text.to_string()
        }
    }
}

/// What a piece of output means. The only place meanings become colours is
/// [`Label::sgr`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// A heading: the editions compared, a change's kind.
    Header,
    /// A unit id (`PP3`, `OP5(a)`).
    UnitId,
    /// Text present only in the new edition.
    Inserted,
    /// Text present only in the old edition.
    Deleted,
    /// The "moved" mark of a unit that left its place in the order.
    Moved,
    /// Collapsed unchanged units and other quiet notes.
    Elided,
    /// A control character from the document, shown as a visible escape.
    Escape,
    /// A reader's warning about an input.
    Warning,
}

impl Label {
    /// Name used in debug mode (`<<inserted::…>>`).
    pub fn name(self) -> &'static str {
        match self {
            Label::Header => "header",
            Label::UnitId => "unit-id",
            Label::Inserted => "inserted",
            Label::Deleted => "deleted",
            Label::Moved => "moved",
            Label::Elided => "elided",
            Label::Escape => "escape",
            Label::Warning => "warning",
        }
    }

    /// Colour and attributes of the label: THE table.
    fn look(self) -> (Option<Color>, &'static [Attr]) {
        match self {
            Label::Header => (None, &[Attr::Bold]),
            Label::UnitId => (Some(Color::Cyan), &[Attr::Bold]),
            Label::Inserted => (Some(Color::Green), &[Attr::Underline]),
            Label::Deleted => (Some(Color::Red), &[Attr::Strikethrough]),
            Label::Moved => (Some(Color::Magenta), &[]),
            Label::Elided => (None, &[Attr::Dim]),
            Label::Escape => (Some(Color::Yellow), &[Attr::Reverse]),
            Label::Warning => (Some(Color::Yellow), &[]),
        }
    }

    /// The SGR parameters (`"32;4"`) for this label.
    pub fn sgr(self) -> String {
        let (color, attrs) = self.look();
        let mut parts: Vec<Cow<'static, str>> =
            attrs.iter().map(|a| Cow::Borrowed(a.code())).collect();
        if let Some(c) = color {
            parts.push(c.to_fg_str());
        }
        parts.join(";")
    }
}

/// Text attributes used by the label table.
#[derive(Debug, Clone, Copy)]
enum Attr {
    Bold,
    Dim,
    Underline,
    Reverse,
    Strikethrough,
}

impl Attr {
    fn code(self) -> &'static str {
        match self {
            Attr::Bold => "1",
            Attr::Dim => "2",
            Attr::Underline => "4",
            Attr::Reverse => "7",
            Attr::Strikethrough => "9",
        }
    }
}

/// Unicode RIGHT-TO-LEFT ISOLATE: opens a right-to-left run.
pub const RLI: char = '\u{2067}';
/// Unicode POP DIRECTIONAL ISOLATE: closes it.
pub const PDI: char = '\u{2069}';

/// True for characters that must not reach a terminal raw: C0 and C1
/// controls (ESC starts terminal commands), DEL, and the bidi embedding,
/// override and isolate controls (which would break the isolates renderers
/// put around right-to-left text). Marks such as U+200F RIGHT-TO-LEFT MARK
/// are harmless and kept.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Document text made safe for a terminal: every unsafe character (see
/// [`is_unsafe_char`]) becomes a visible `<U+001B>`, painted as [`Label::Escape`].
pub fn sanitize(text: &str, style: Style) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe_char(c) {
            out.push_str(&style.paint(Label::Escape, &escape_char(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The visible form of an unsafe character: `<U+001B>`.
pub fn escape_char(c: char) -> String {
    format!("<U+{:04X}>", c as u32)
}

/// True when the text's first strong character is right-to-left (Arabic,
/// Hebrew …), so it should be shown in a right-to-left isolate.
pub fn is_rtl_text(text: &str) -> bool {
    unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl
}

/// `text` inside a right-to-left isolate when it is right-to-left text, so
/// that ids, markers and numbers around it keep their place in a terminal
/// that applies the bidi algorithm. The text stays in logical order.
pub fn isolate(text: &str, rtl: bool) -> String {
    if rtl {
        format!("{RLI}{text}{PDI}")
    } else {
        text.to_string()
    }
}

/// A piece of rendered text with its meaning (`None`: plain). Renderers build
/// lines of segments, measure and wrap them, and paint them last, so colour
/// codes never count towards widths and never span lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    pub label: Option<Label>,
    pub text: String,
}

impl Seg {
    pub fn plain(text: impl Into<String>) -> Self {
        Seg {
            label: None,
            text: text.into(),
        }
    }

    pub fn new(label: Label, text: impl Into<String>) -> Self {
        Seg {
            label: Some(label),
            text: text.into(),
        }
    }
}

/// Append document `text` with meaning `label`, splitting every unsafe
/// character (see [`is_unsafe_char`]) into its own visible [`Label::Escape`]
/// segment.
pub fn push_doc_text(segs: &mut Vec<Seg>, label: Option<Label>, text: &str) {
    // Safe runs are copied whole, from where the last unsafe character ended.
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_unsafe_char(c) {
            if start < i {
                segs.push(Seg {
                    label,
                    text: text[start..i].to_string(),
                });
            }
            segs.push(Seg::new(Label::Escape, escape_char(c)));
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        segs.push(Seg {
            label,
            text: text[start..].to_string(),
        });
    }
}

/// Paint a run of segments.
pub fn paint_segs(segs: &[Seg], style: Style) -> String {
    let mut out = String::new();
    for s in segs {
        match s.label {
            Some(l) => out.push_str(&style.paint(l, &s.text)),
            None => out.push_str(&s.text),
        }
    }
    out
}

/// Which text of an edit script to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Both: equal, deleted and inserted runs (an inline redline).
    Both,
    /// The old text: equal and deleted runs.
    Old,
    /// The new text: equal and inserted runs.
    New,
}

/// Marker pair around deleted text when labels are invisible.
pub const DELETED_MARKS: (&str, &str) = ("[-", "-]");
/// Marker pair around inserted text when labels are invisible.
pub const INSERTED_MARKS: (&str, &str) = ("{+", "+}");

/// The segments of an edit script: deleted runs labelled [`Label::Deleted`],
/// inserted ones [`Label::Inserted`]; with colour off they are also wrapped
/// in `[-…-]` / `{+…+}` so a piped diff stays readable. Runs are joined as
/// they are — no spaces are added (Chinese is diffed by character).
pub fn redline(ops: &[WordOp], side: Side, style: Style) -> Vec<Seg> {
    let mut segs = Vec::new();
    for op in ops {
        let (label, marks) = match op.op {
            Op::Equal => {
                push_doc_text(&mut segs, None, &op.text);
                continue;
            }
            Op::Delete if side != Side::New => (Label::Deleted, DELETED_MARKS),
            Op::Insert if side != Side::Old => (Label::Inserted, INSERTED_MARKS),
            _ => continue,
        };
        if op.text.is_empty() {
            continue;
        }
        if !style.shows_labels() {
            segs.push(Seg::new(label, marks.0));
        }
        push_doc_text(&mut segs, Some(label), &op.text);
        if !style.shows_labels() {
            segs.push(Seg::new(label, marks.1));
        }
    }
    segs
}

/// Unit ids as reports name a group of them: `OP5 + OP6`.
pub fn ids_joined(ids: &[crate::model::UnitId]) -> String {
    ids.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(" + ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paint_modes() {
        assert_eq!(Style::PLAIN.paint(Label::Inserted, "x"), "x");
        assert_eq!(Style::DEBUG.paint(Label::Inserted, "x"), "<<inserted::x>>");
        assert_eq!(
            Style::COLOR.paint(Label::Inserted, "x"),
            "\x1b[4;32mx\x1b[0m"
        );
        assert_eq!(
            Style::COLOR.paint(Label::Deleted, "x"),
            "\x1b[9;31mx\x1b[0m"
        );
        assert_eq!(Style::COLOR.paint(Label::Deleted, ""), "");
    }

    #[test]
    fn sanitize_neutralises_escape_sequences() {
        let evil = "Recalls\x1b]0;pwned\x07 its resolution\u{202E} (synthetic)";
        let s = sanitize(evil, Style::PLAIN);
        assert!(!s.chars().any(is_unsafe_char), "{s}");
        assert!(s.contains("<U+001B>]0;pwned<U+0007>"));
        assert!(s.contains("<U+202E>"));
        // Right-to-left mark is kept.
        assert_eq!(sanitize("\u{200F}نص", Style::PLAIN), "\u{200F}نص");
        // In colour, only our own codes are present.
        let c = sanitize("a\x1bb", Style::COLOR);
        assert_eq!(c, "a\x1b[7;33m<U+001B>\x1b[0mb");
    }

    #[test]
    fn rtl_detection_and_isolates() {
        assert!(is_rtl_text("إن الجمعية العامة، 76/186"));
        assert!(!is_rtl_text("Recalling 76/186"));
        assert!(!is_rtl_text("回顾其第76/186号决议"));
        assert_eq!(isolate("نص", true), "\u{2067}نص\u{2069}");
        assert_eq!(isolate("text", false), "text");
    }

    fn ops(v: &[(Op, &str)]) -> Vec<WordOp> {
        v.iter()
            .map(|(op, t)| WordOp {
                op: *op,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn redline_marks_and_sides() {
        let o = ops(&[
            (Op::Equal, "at its "),
            (Op::Delete, "seventy-sixth"),
            (Op::Insert, "seventy-eighth"),
            (Op::Equal, " session (synthetic)"),
        ]);
        let plain = |side| paint_segs(&redline(&o, side, Style::PLAIN), Style::PLAIN);
        assert_eq!(
            plain(Side::Both),
            "at its [-seventy-sixth-]{+seventy-eighth+} session (synthetic)"
        );
        assert_eq!(
            plain(Side::Old),
            "at its [-seventy-sixth-] session (synthetic)"
        );
        assert_eq!(
            plain(Side::New),
            "at its {+seventy-eighth+} session (synthetic)"
        );
        let dbg = paint_segs(&redline(&o, Side::Both, Style::DEBUG), Style::DEBUG);
        assert_eq!(
            dbg,
            "at its <<deleted::seventy-sixth>><<inserted::seventy-eighth>> session (synthetic)"
        );
    }

    #[test]
    fn redline_adds_no_spaces_between_chinese_characters() {
        let o = ops(&[
            (Op::Equal, "回顾"),
            (Op::Delete, "其"),
            (Op::Insert, "所有"),
            (Op::Equal, "决议"),
        ]);
        let s = paint_segs(&redline(&o, Side::Both, Style::DEBUG), Style::DEBUG);
        assert_eq!(s, "回顾<<deleted::其>><<inserted::所有>>决议");
        let s = paint_segs(&redline(&o, Side::New, Style::COLOR), Style::COLOR);
        assert!(!s.contains(' '));
    }

    #[test]
    fn escapes_inside_a_deleted_run_do_not_break_its_colour() {
        let o = ops(&[(Op::Delete, "a\x1b[2Jb")]);
        let segs = redline(&o, Side::Both, Style::COLOR);
        assert_eq!(
            segs,
            vec![
                Seg::new(Label::Deleted, "a"),
                Seg::new(Label::Escape, "<U+001B>"),
                Seg::new(Label::Deleted, "[2Jb"),
            ]
        );
    }
}
