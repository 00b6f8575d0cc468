//! `resdiff rollover`: the zero draft of the next edition of a recurring
//! resolution, with the routine updates done and listed.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use resdiff::render::{canonical, edition, Style};
use resdiff::review::render::write_rollover_report;
use resdiff::review::rollover;

use super::store_args::{read_input, StoreArg};
use super::{parse_lang_arg, LangArg, EXIT_SAME};

/// Make the zero draft of the next edition from the last adopted one.
///
/// Reads REF (a file or a store reference) and does the routine updates for session N, and
/// nothing else: REF itself is added, with its adoption date, to the paragraph recalling the
/// earlier resolutions of the series (in the form of that paragraph and language), and the
/// session of every reporting request is moved forward by the sessions between REF and N
/// ("at its seventy-eighth session" → "at its eightieth session"). Other sessions still to come
/// (a meeting decided for a given session) are left alone and listed as notes.
///
/// The draft is written as a canonical edition file, which every resdiff command reads: to FILE
/// with -o (the list of updates then goes to stdout), else to stdout in --format (the list of
/// updates then goes to stderr).
///
/// Exit status: 0 the draft was made, 2 trouble (REF unreadable, its session unknown, N not
/// after it).
///
/// Examples:
///   resdiff rollover A-RES-78-228.xml --session 80 -o draft-80.txt
///   resdiff review draft-80.txt --against A-RES-78-228.xml
///   resdiff rollover 78/228@fr --session 80 --format json
#[derive(Debug, Args)]
#[command(
    verbatim_doc_comment,
    about = "Make the zero draft of the next edition from the last adopted one"
)]
pub struct RolloverArgs {
    /// The last adopted edition: a file (AKN XML, PDF, DOCX, HTML, text, canonical) or a store
    /// reference (78/228@en).
    #[arg(value_name = "REF")]
    pub reference: String,

    /// Session of the next edition.
    #[arg(long, value_name = "N")]
    pub session: u32,

    /// Write the draft to FILE as a canonical edition file.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Format of the draft on stdout (without -o).
    #[arg(long, value_enum, default_value_t = RolloverFormat::Canonical)]
    pub format: RolloverFormat,

    /// Language of the document (auto = detect).
    #[arg(long, value_parser = parse_lang_arg, default_value = "auto", value_name = "auto|ar|en|es|fr|ru|zh")]
    pub lang: LangArg,

    #[command(flatten)]
    pub store: StoreArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RolloverFormat {
    /// The canonical edition file (docs/FORMAT.md).
    Canonical,
    /// The structure, as `resdiff parse` prints it.
    Text,
    /// Schema resdiff.edition/1.
    Json,
}

pub fn run(args: &RolloverArgs, style: Style, out: &mut dyn Write) -> Result<u8> {
    let base = read_input(&args.reference, args.lang.0, &args.store)?;
    let r = rollover::rollover(&base, args.session)
        .with_context(|| format!("cannot roll {} over", args.reference))?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, canonical::render(&r.edition)).with_context(|| {
                format!(
                    "cannot write {}; check the folder exists and is writable",
                    path.display()
                )
            })?;
            write_rollover_report(&r, style, out)?;
        }
        None => {
            match args.format {
                RolloverFormat::Canonical => {
                    out.write_all(canonical::render(&r.edition).as_bytes())?
                }
                RolloverFormat::Text => edition::write_text(&r.edition, style, out)?,
                RolloverFormat::Json => edition::write_json(&r.edition, out)?,
            }
            let mut err = std::io::stderr().lock();
            write_rollover_report(&r, Style::PLAIN, &mut err)?;
        }
    }
    Ok(EXIT_SAME)
}
