//! `resdiff parse`: print the structure of one edition.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use resdiff::ingest::ReadOptions;
use resdiff::render::{edition, Style};

use super::{parse_lang_arg, LangArg, EXIT_SAME};

/// Read one edition and print its structure.
///
/// Prints the header facts (symbol, session, agenda item, adoption date,
/// committee report), then every unit with its id and clean text, the
/// footnotes with the unit that cites them, and warnings. The input's format
/// (AKN XML, PDF, DOCX, HTML, text) is recognised from its bytes.
///
/// Examples:
///   resdiff parse versions/…/A-RES-76-186.ar.txt
///   resdiff parse A-RES-78-228.xml --format json | jq '.units[].id'
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The edition to read: AKN XML, PDF, DOCX, HTML or text.
    pub file: PathBuf,

    /// Language of the document (auto = detect).
    #[arg(long, value_parser = parse_lang_arg, default_value = "auto", value_name = "auto|ar|en|es|fr|ru|zh")]
    pub lang: LangArg,

    /// Output format: text for a person, json for programs (schema resdiff.edition/1).
    #[arg(long, value_enum, default_value_t = ParseFormat::Text)]
    pub format: ParseFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    Text,
    Json,
}

pub fn run(args: &ParseArgs, style: Style, out: &mut dyn Write) -> Result<u8> {
    let opts = ReadOptions { lang: args.lang.0 };
    let input = args.file.to_string_lossy();
    let t = std::time::Instant::now();
    let ed = super::store_args::read_input(
        &input,
        opts.lang,
        &super::store_args::StoreArg { store: None },
    )?;
    super::ui::detail(|| format!("{} ({})", super::ui::describe(&ed), super::ui::secs(t)));
    match args.format {
        ParseFormat::Text => edition::write_text(&ed, style, out)?,
        ParseFormat::Json => edition::write_json(&ed, out)?,
    }
    Ok(EXIT_SAME)
}
