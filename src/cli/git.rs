//! resdiff inside git: `resdiff git-diff` is an external diff driver
//! (`diff.resdiff.command`, or `GIT_EXTERNAL_DIFF`), `resdiff textconv` a
//! textconv filter (`diff.resdiff.textconv`), so that `git diff`, `git log -p`
//! and `git show` compare resolution files (AKN XML, PDF, DOCX, HTML, text)
//! clause by clause. Set-up lines are in the README.
//!
//! Git reads a driver's exit status as "the driver broke" and stops the whole
//! diff, so both commands exit 0 on a file they cannot read: they say why on
//! stderr and show what they can (git-diff a note, textconv the raw text).

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Result};
use clap::Args;

use resdiff::diff::{compare, CompareOptions};
use resdiff::ingest::{self, ReadOptions};
use resdiff::render::term::{self, TermOptions};
use resdiff::render::{canonical, escape_char, is_unsafe_char, Style};
use resdiff::{Edition, Language, SourceFormat};

use super::{ui, EXIT_SAME};

/// What git passes for the missing side of an added or deleted file.
const NO_FILE: &str = "/dev/null";

/// Arguments git passes to an external diff driver: PATH OLD-FILE OLD-HEX
/// OLD-MODE NEW-FILE NEW-HEX NEW-MODE, two more (NEW-PATH, a rename note) for
/// a renamed file, and PATH alone for an unmerged one.
const DRIVER_ARGS: usize = 7;

/// Compare two versions of a file for git (external diff driver).
///
/// git calls it with 7 arguments (path old-file old-hex old-mode new-file new-hex new-mode; 9
/// for a rename, 1 for an unmerged path). Prints a header naming the path, then the clause-level
/// diff, as `resdiff diff` would. Exits 0 even when the files differ, as git expects.
///
/// Set-up:
///   echo '*.xml diff=resdiff' >> .gitattributes
///   git config diff.resdiff.command 'resdiff git-diff'
#[derive(Debug, Args)]
pub struct GitDiffArgs {
    /// The arguments git passes.
    #[arg(required = true, allow_hyphen_values = true, value_name = "ARG")]
    pub args: Vec<OsString>,

    /// Show N unchanged units around each change.
    #[arg(long, value_name = "N", default_value_t = term::DEFAULT_CONTEXT)]
    pub context: usize,
}

/// Print a file as text, one unit per line, for git's textconv.
///
/// Reads FILE (AKN XML, PDF, DOCX, HTML or text) and prints the edition as in the store's
/// canonical file — facts, units, footnotes — but with each unit's id (PP3, OP5(a)) on a line
/// above its text, so that `git diff` and `git log -p` show a changed clause as one changed line
/// and renumbered clauses as changed ids only. Control characters are shown as
/// <U+001B>. A file resdiff cannot read is printed as it is (if it is text) with a warning.
///
/// Set-up:
///   echo '*.pdf diff=resdiff' >> .gitattributes
///   git config diff.resdiff.textconv 'resdiff textconv'
#[derive(Debug, Args)]
pub struct TextconvArgs {
    /// The file git hands over.
    pub file: PathBuf,
}

pub fn run_diff(args: &GitDiffArgs, style: Style, out: &mut dyn Write) -> Result<u8> {
    let a: Vec<String> = args
        .args
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    if a.len() == 1 {
        writeln!(out, "* Unmerged path {}", a[0])?;
        return Ok(EXIT_SAME);
    }
    if a.len() < DRIVER_ARGS {
        bail!(
            "git-diff takes the {DRIVER_ARGS} arguments git passes to an external diff driver \
             (path old-file old-hex old-mode new-file new-hex new-mode), got {}; \
             set it up with git config diff.resdiff.command 'resdiff git-diff'",
            a.len()
        );
    }
    let path = &a[0];
    let new_path = a.get(DRIVER_ARGS).unwrap_or(path);
    let (old_file, new_file) = (&a[1], &a[4]);
    writeln!(out, "diff --resdiff a/{path} b/{new_path}")?;
    if old_file == NO_FILE {
        writeln!(out, "new file mode {}", a[6])?;
    } else if new_file == NO_FILE {
        writeln!(out, "deleted file mode {}", a[3])?;
    } else if a[3] != a[6] {
        writeln!(out, "old mode {}\nnew mode {}", a[3], a[6])?;
    }
    let old = read_side(old_file, &format!("a/{path}"));
    let new = read_side(new_file, &format!("b/{new_path}"));
    let (old, new) = match (old, new) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            for e in [o.err(), n.err()].into_iter().flatten() {
                ui::notice(&format!("warning: {e:#}"));
            }
            writeln!(
                out,
                "(not compared clause by clause: resdiff cannot read this file; see the warning above, \
                 or run git diff --no-ext-diff)"
            )?;
            return Ok(EXIT_SAME);
        }
    };
    // The missing side of an added or deleted file is an empty edition.
    let (old, new) = match (old, new) {
        (Some(o), Some(n)) => (o, n),
        (Some(o), None) => {
            let n = empty_like(Some(&o), NO_FILE);
            (o, n)
        }
        (None, n) => (
            empty_like(n.as_ref(), NO_FILE),
            n.unwrap_or_else(|| empty_like(None, NO_FILE)),
        ),
    };
    let t = Instant::now();
    let cmp = compare(&old, &new, &CompareOptions::default());
    ui::detail(|| {
        format!(
            "compared in {}: {}",
            ui::secs(t),
            resdiff::render::stat::summary_line(&cmp)
        )
    });
    term::write_term(
        &cmp,
        &TermOptions {
            context: args.context,
        },
        style,
        out,
    )?;
    Ok(EXIT_SAME)
}

/// One side of the comparison: `None` for git's `/dev/null`.
fn read_side(file: &str, shown_as: &str) -> Result<Option<Edition>> {
    if file == NO_FILE {
        return Ok(None);
    }
    let t = Instant::now();
    let mut ed = ingest::read_path(Path::new(file), &ReadOptions::default())
        .map_err(|e| anyhow::anyhow!("{shown_as}: {}", e.kind))?;
    ed.source = shown_as.to_string();
    ui::detail(|| format!("{} ({})", ui::describe(&ed), ui::secs(t)));
    Ok(Some(ed))
}

/// An edition with no units, standing for the missing side.
fn empty_like(other: Option<&Edition>, source: &str) -> Edition {
    match other {
        Some(o) => Edition::new(source, o.format, o.language),
        None => Edition::new(source, SourceFormat::Text, Language::En),
    }
}

pub fn run_textconv(args: &TextconvArgs, out: &mut dyn Write) -> Result<u8> {
    let t = Instant::now();
    match ingest::read_path(&args.file, &ReadOptions::default()) {
        Ok(ed) => {
            ui::detail(|| format!("{} ({})", ui::describe(&ed), ui::secs(t)));
            out.write_all(visible(&for_line_diff(&canonical::render(&ed))).as_bytes())?;
        }
        Err(e) => {
            ui::notice(&format!("warning: {e}; shown as it is"));
            let bytes = std::fs::read(&args.file)?;
            match std::str::from_utf8(&bytes) {
                Ok(s) if !s.contains('\0') => out.write_all(visible(s).as_bytes())?,
                _ => writeln!(
                    out,
                    "(resdiff cannot read this file: {}; {} bytes)",
                    e.kind,
                    bytes.len()
                )?,
            }
        }
    }
    Ok(EXIT_SAME)
}

/// The canonical file with each unit's id on a line of its own above its
/// text: when a clause is inserted and the ones after it are renumbered,
/// git's line diff then shows the new clause and the changed ids, not every
/// later clause as removed and added again.
fn for_line_diff(canonical: &str) -> String {
    let mut s = String::with_capacity(canonical.len() + 1024);
    // Sections: header facts, a blank line, units, a blank line, footnotes.
    let mut section = 0;
    for line in canonical.lines() {
        if line.is_empty() {
            section += 1;
        }
        match line.split_once('\t') {
            Some((id, text)) if section == 1 => {
                s.push_str(id);
                s.push('\n');
                s.push_str(text);
            }
            _ => s.push_str(line),
        }
        s.push('\n');
    }
    s
}

/// Text with line breaks and tabs kept and every other control character
/// (ESC, bidi overrides …) made visible, so a diff shown by git cannot drive
/// the terminal.
fn visible(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if c != '\n' && c != '\t' && is_unsafe_char(c) {
            s.push_str(&escape_char(c));
        } else {
            s.push(c);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_but_lines_stay() {
        assert_eq!(
            visible("OP1\tA \u{1b}[31mred\u{1b}[0m (synthetic)\n\u{202e}x\n"),
            "OP1\tA <U+001B>[31mred<U+001B>[0m (synthetic)\n<U+202E>x\n"
        );
    }

    #[test]
    fn unit_ids_go_on_their_own_line() {
        let c = "resdiff-edition: 1\nlanguage: en\n\nPP1\tNoting (synthetic),\nOP1 [^1]\tDecides\tto act (synthetic);\n\n[^1] (OP1)\tA note.\n";
        assert_eq!(
            for_line_diff(c),
            "resdiff-edition: 1\nlanguage: en\n\nPP1\nNoting (synthetic),\nOP1 [^1]\nDecides\tto act (synthetic);\n\n[^1] (OP1)\tA note.\n"
        );
    }

    #[test]
    fn the_missing_side_takes_the_other_sides_language() {
        let ed = Edition::new("b/x.xml", SourceFormat::Akn, Language::Fr);
        let e = empty_like(Some(&ed), NO_FILE);
        assert!(e.units.is_empty());
        assert_eq!((e.language, e.format), (Language::Fr, SourceFormat::Akn));
    }
}
