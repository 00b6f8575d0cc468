//! `resdiff diff`: compare two editions clause by clause and print what
//! changed, for a person (term, side), a script (json), a glance (stat), or
//! a report to hand on (html, md, docx with tracked changes), to stdout or
//! written atomically to a file (`-o`).

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use clap::{Args, ValueEnum};

use resdiff::diff::{compare, CompareOptions};
use resdiff::ingest::ReadOptions;
use resdiff::render::docx;
use resdiff::render::report::ReportOptions;
use resdiff::render::side::{self, SideOptions};
use resdiff::render::term::{self, TermOptions};
use resdiff::render::{html, json, md, stat, Style};

use super::output::OutputArgs;
use super::store_args::{read_inputs, StoreArg};
use super::{parse_lang_arg, ui, LangArg, EXIT_DIFFERENT, EXIT_SAME};

/// Compare two editions of a resolution clause by clause.
///
/// Reads OLD and NEW (AKN XML, PDF, DOCX, HTML or text, recognised from their bytes), matches
/// their units — preambular paragraphs PP1, PP2 …, operative paragraphs OP1, OP2 … and sub-items
/// OP5(a) … — and prints one block per change: the unit ids and what happened (changed, added,
/// removed, split, merged, moved), with deleted words in red and struck through, inserted words
/// in green and underlined. Without colour, deletions are written [-like this-] and insertions
/// {+like this+}. Unchanged units are collapsed to a count; the last line sums up.
///
/// Formats:
///   term   one block per change with an inline redline (default)
///   side   two columns, old | new, as wide as $COLUMNS or the terminal
///   json   for programs: schema resdiff.diff/1 (see docs/JSON.md)
///   stat   the counts only
///   html   one self-contained page: summary, inline redline and side by side, printable
///   md     GitHub-flavoured Markdown: summary table, <del>/<ins> redline
///   docx   the new edition as Word, every change a tracked revision (needs -o, or a pipe)
///
/// Revisions in docx carry --author and the date SOURCE_DATE_EPOCH (seconds since 1970, for
/// reproducible files) or else the current time, in UTC. With -o the output is written to a
/// temporary file beside FILE and renamed over it at the end, without colour.
///
/// Exit status: 0 the editions are the same, 1 they differ, 2 trouble (the error is printed on
/// stderr and nothing on stdout).
///
/// Examples:
///   resdiff diff A-RES-76-186.xml A-RES-78-228.xml
///   resdiff diff A-RES-76-186.xml A-RES-78-228.xml --context 2 --color always | less -R
///   resdiff diff old.pdf new.docx --format side
///   resdiff diff old.xml new.xml --format json | jq '.changes[] | select(.kind != "unchanged")'
///   resdiff diff old.xml new.xml --format stat
///   resdiff diff old.txt new.txt --lang ar --color never
///   resdiff diff A-RES-76-186.xml A-RES-78-228.xml --format html -o changes.html
///   resdiff diff A-RES-76-186.xml A-RES-78-228.xml --format docx -o changes.docx --author "Drafting group"
///   resdiff diff 80/228@en draft:next
#[derive(Debug, Args)]
#[command(
    verbatim_doc_comment,
    about = "Compare two editions of a resolution clause by clause"
)]
pub struct DiffArgs {
    /// The earlier edition: AKN XML, PDF, DOCX, HTML or text, or a store reference
    /// (76/186@en, A/RES/76/186, draft:NAME, draft:NAME~1).
    pub old: PathBuf,

    /// The later edition.
    pub new: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Term)]
    pub format: DiffFormat,

    /// Show N unchanged units around each change (term and side); a large N shows everything.
    #[arg(long, value_name = "N", default_value_t = term::DEFAULT_CONTEXT)]
    pub context: usize,

    /// Language of both documents (auto = detect each).
    #[arg(long, value_parser = parse_lang_arg, default_value = "auto", value_name = "auto|ar|en|es|fr|ru|zh")]
    pub lang: LangArg,

    #[command(flatten)]
    pub out: OutputArgs,

    #[command(flatten)]
    pub store: StoreArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// One block per change with an inline word redline.
    Term,
    /// Two columns, old and new, aligned by unit.
    Side,
    /// Machine-readable, schema resdiff.diff/1.
    Json,
    /// Counts only.
    Stat,
    /// Self-contained HTML report.
    Html,
    /// GitHub-flavoured Markdown report.
    Md,
    /// Word document of the new edition with tracked changes.
    Docx,
}

pub fn run(args: &DiffArgs, style: Style, out: &mut dyn Write) -> Result<u8> {
    args.out.check_binary(args.format == DiffFormat::Docx)?;
    let opts = ReadOptions { lang: args.lang.0 };
    let (old_in, new_in) = (args.old.to_string_lossy(), args.new.to_string_lossy());
    let t = Instant::now();
    let mut eds = read_inputs(&[&old_in, &new_in], opts.lang, &args.store)?.into_iter();
    let (Some(old), Some(new)) = (eds.next(), eds.next()) else {
        unreachable!("read_inputs returns one edition per input")
    };
    ui::detail(|| format!("{} ({} for both)", ui::describe(&old), ui::secs(t)));
    ui::detail(|| ui::describe(&new));
    let t = Instant::now();
    let cmp = compare(&old, &new, &CompareOptions::default());
    ui::detail(|| {
        format!(
            "aligned and compared in {}: {}",
            ui::secs(t),
            stat::summary_line(&cmp)
        )
    });
    let style = args.out.style(style);
    let report = ReportOptions::default();
    args.out.emit(out, |sink| {
        match args.format {
            DiffFormat::Term => term::write_term(
                &cmp,
                &TermOptions {
                    context: args.context,
                },
                style,
                sink,
            )?,
            DiffFormat::Side => {
                let opts = SideOptions {
                    width: terminal_width(),
                    context: args.context,
                };
                side::write_side(&cmp, &opts, style, sink)?
            }
            DiffFormat::Json => json::write_json(&cmp, sink)?,
            DiffFormat::Stat => stat::write_stat(&cmp, style, sink)?,
            DiffFormat::Html => html::write_html(&cmp, &report, sink)?,
            DiffFormat::Md => md::write_md(&cmp, &report, sink)?,
            DiffFormat::Docx => sink.write_all(&docx::tracked_docx_bytes(
                &cmp,
                &args.out.track()?,
                &report,
            )?)?,
        }
        Ok(())
    })?;
    let status = if cmp.is_identical() {
        EXIT_SAME
    } else {
        EXIT_DIFFERENT
    };
    // The process ends right after: freeing the editions and the comparison
    // one allocation at a time would only delay the exit.
    std::mem::forget((cmp, old, new));
    Ok(status)
}

/// Width for `side`: $COLUMNS, else the terminal's, else the default.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(side::DEFAULT_WIDTH)
}
