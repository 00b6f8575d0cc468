//! `resdiff diff --format stat`: only the counts — how many paragraphs each
//! edition has, and how many units were unchanged, changed, added, removed,
//! split, merged or moved, overall and per part. The overall line is also the
//! last line of the `term` format.

use std::io::{self, Write};

use super::{Label, Style};
use crate::diff::{Change, Comparison, Summary};
use crate::model::Part;

/// The one-line summary:
/// `43 → 48 preambular, 28 → 33 operative: 30 unchanged, 14 changed, 9 added, 2 removed, 3 moved`.
///
/// Paragraph counts are top-level paragraphs; the change counts are those of
/// the comparison's summary (sub-items count as units). Split and merged are
/// mentioned only when they occur.
pub fn summary_line(cmp: &Comparison) -> String {
    format!(
        "{} → {} preambular, {} → {} operative: {}",
        cmp.old.paragraph_count(Part::Preamble),
        cmp.new.paragraph_count(Part::Preamble),
        cmp.old.paragraph_count(Part::Operative),
        cmp.new.paragraph_count(Part::Operative),
        counts(&cmp.summary)
    )
}

/// `30 unchanged, 14 changed, 9 added, 2 removed, 3 moved` (split and merged
/// only when non-zero).
pub fn counts(s: &Summary) -> String {
    let mut parts = vec![
        format!("{} unchanged", s.unchanged),
        format!("{} changed", s.changed),
        format!("{} added", s.added),
        format!("{} removed", s.removed),
    ];
    if s.split > 0 {
        parts.push(format!("{} split", s.split));
    }
    if s.merged > 0 {
        parts.push(format!("{} merged", s.merged));
    }
    parts.push(format!("{} moved", s.moved));
    if s.damage_absorbed > 0 {
        parts.push(format!(
            "{} words differing only by glyph damage not shown as edits",
            s.damage_absorbed
        ));
    }
    parts.join(", ")
}

/// The part a change belongs to: that of its first new unit, or of its first
/// old unit for a removal.
pub fn change_part(c: &Change) -> Option<Part> {
    c.new.first().or(c.old.first()).map(|id| id.part)
}

/// Counts of changes per part (preamble, operative), computed from the
/// change list.
pub fn part_counts(cmp: &Comparison) -> [(Part, Summary); 2] {
    let mut out = [
        (Part::Preamble, Summary::default()),
        (Part::Operative, Summary::default()),
    ];
    for c in &cmp.changes {
        let Some(part) = change_part(c) else {
            continue;
        };
        let s = if part == Part::Preamble {
            &mut out[0].1
        } else {
            &mut out[1].1
        };
        s.count(c);
    }
    out
}

/// Write the summary line and one line of counts per part.
pub fn write_stat(cmp: &Comparison, style: Style, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", style.paint(Label::Header, &summary_line(cmp)))?;
    for (part, s) in part_counts(cmp) {
        let name = match part {
            Part::Preamble => "preambular:",
            Part::Operative => "operative: ",
        };
        writeln!(out, "  {name} {}", counts(&s))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::term::tests::sample;

    #[test]
    fn stat_counts_per_part_add_up() {
        let cmp = sample();
        let mut buf = Vec::new();
        write_stat(&cmp, Style::PLAIN, &mut buf).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert_eq!(
            s,
            "2 → 2 preambular, 3 → 3 operative: 2 unchanged, 2 changed, 1 added, 1 removed, 1 moved\n  \
             preambular: 1 unchanged, 1 changed, 0 added, 0 removed, 0 moved\n  \
             operative:  1 unchanged, 1 changed, 1 added, 1 removed, 1 moved\n"
        );
    }

    #[test]
    fn split_and_merged_only_when_present() {
        let mut s = Summary::default();
        assert!(!counts(&s).contains("split"));
        s.split = 2;
        assert!(counts(&s).contains("2 split"));
        assert!(!counts(&s).contains("merged"));
    }
}
