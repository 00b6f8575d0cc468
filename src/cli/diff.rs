//! `resdiff diff`: compare two editions clause by clause and print what
//! changed, for a person (term, side), a script (json) or a glance (stat).

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use clap::{Args, ValueEnum};

use resdiff::diff::{compare, CompareOptions};
use resdiff::ingest::ReadOptions;
use resdiff::render::side::{self, SideOptions};
use resdiff::render::term::{self, TermOptions};
use resdiff::render::{json, stat, Style};

use super::store_args::{read_input, StoreArg};
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
}

pub fn run(args: &DiffArgs, style: Style, out: &mut dyn Write) -> Result<u8> {
    let opts = ReadOptions { lang: args.lang.0 };
    let mut eds = Vec::with_capacity(2);
    for input in [&args.old, &args.new] {
        let t = Instant::now();
        let ed = read_input(&input.to_string_lossy(), opts.lang, &args.store)?;
        ui::detail(|| format!("{} ({})", ui::describe(&ed), ui::secs(t)));
        eds.push(ed);
    }
    let (old, new) = (&eds[0], &eds[1]);
    let t = Instant::now();
    let cmp = compare(old, new, &CompareOptions::default());
    ui::detail(|| {
        format!(
            "aligned and compared in {}: {}",
            ui::secs(t),
            stat::summary_line(&cmp)
        )
    });
    match args.format {
        DiffFormat::Term => term::write_term(
            &cmp,
            &TermOptions {
                context: args.context,
            },
            style,
            out,
        )?,
        DiffFormat::Side => {
            let opts = SideOptions {
                width: terminal_width(),
                context: args.context,
            };
            side::write_side(&cmp, &opts, style, out)?
        }
        DiffFormat::Json => json::write_json(&cmp, out)?,
        DiffFormat::Stat => stat::write_stat(&cmp, style, out)?,
    }
    Ok(if cmp.is_identical() {
        EXIT_SAME
    } else {
        EXIT_DIFFERENT
    })
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
