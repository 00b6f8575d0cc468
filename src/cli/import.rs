//! `resdiff import`: read editions with any reader and commit them to the store.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use resdiff::ingest::{self, ReadOptions};
use resdiff::render::Style;
use resdiff::store::{ImportOptions, ImportOutcome};

use super::store_args::StoreArg;
use super::{parse_lang_arg, LangArg, EXIT_SAME};

/// Import editions into the version store.
///
/// Each FILE (AKN XML, PDF, DOCX, HTML, text or a canonical file) is read, written as a
/// canonical file <series>/<SYMBOL>.<lang>.txt, committed (one commit per file, with symbol,
/// language, source and tool version in the message) and tagged with its symbol
/// (A-RES-76-186). Importing the same text again does nothing; different text for a stored
/// edition is refused unless --replace.
///
/// Examples:
///   resdiff import A-RES-76-186.xml
///   resdiff import --lang ar A-RES-76-186.ar.txt
///   resdiff import --replace corrected.xml
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The editions to import.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,

    /// Series for editions the catalogue does not list (default: misc).
    #[arg(long, value_name = "SLUG")]
    pub series: Option<String>,

    /// Language of the documents (auto = detect).
    #[arg(long, value_parser = parse_lang_arg, default_value = "auto", value_name = "auto|ar|en|es|fr|ru|zh")]
    pub lang: LangArg,

    /// Replace a stored edition whose text differs (a correction).
    #[arg(long)]
    pub replace: bool,

    #[command(flatten)]
    pub store: StoreArg,
}

pub fn run(args: &ImportArgs, _style: Style, out: &mut dyn Write) -> Result<u8> {
    let mut store = args.store.open()?;
    for file in &args.files {
        let t = std::time::Instant::now();
        let ed = ingest::read_path(file, &ReadOptions { lang: args.lang.0 })?;
        super::ui::detail(|| format!("{} ({})", super::ui::describe(&ed), super::ui::secs(t)));
        let opts = ImportOptions {
            series: args.series.clone(),
            replace: args.replace,
            source: format!("{} ({})", file.display(), ed.format),
            tool: format!("resdiff {}", env!("CARGO_PKG_VERSION")),
            source_url: None,
        };
        let label = ed.label();
        match store.import(&ed, &opts)? {
            ImportOutcome::Unchanged { path } => writeln!(
                out,
                "{label}: already stored with the same text ({path}); nothing to do"
            )?,
            ImportOutcome::Added { path, commit } => writeln!(
                out,
                "{label}: imported as {path} (commit {})",
                short(&commit)
            )?,
            ImportOutcome::Replaced { path, commit } => {
                writeln!(out, "{label}: replaced {path} (commit {})", short(&commit))?
            }
        }
    }
    Ok(EXIT_SAME)
}

fn short(id: &str) -> &str {
    &id[..id.len().min(10)]
}
