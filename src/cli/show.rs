//! `resdiff show`: print a stored edition, or one of its units.

use std::io::Write;

use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};

use resdiff::render::{edition, Style};
use resdiff::store::refs;

use super::store_args::{read_input, StoreArg};
use super::{parse_lang_arg, LangArg, EXIT_SAME};

/// Print a stored edition (or a file), or one unit of it with REF:UNIT.
///
/// References: A/RES/76/186 or 76/186 (with --lang when several languages are stored),
/// 76/186@ar, draft:NAME, draft:NAME~2; add :OP5(a) for one unit.
///
/// Examples:
///   resdiff show 76/186@ar
///   resdiff show 80/228@en:PP3
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// REF or REF:UNIT.
    pub reference: String,

    /// Language for references without @LANG.
    #[arg(long, value_parser = parse_lang_arg, default_value = "auto", value_name = "auto|ar|en|es|fr|ru|zh")]
    pub lang: LangArg,

    /// Output format (whole editions): text, or json (schema resdiff.edition/1).
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,

    #[command(flatten)]
    pub store: StoreArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

pub fn run(args: &ShowArgs, style: Style, out: &mut dyn Write) -> Result<u8> {
    let (r, unit) = if std::path::Path::new(&args.reference).exists() {
        (args.reference.as_str(), None)
    } else {
        refs::split_unit(&args.reference)
    };
    let ed = read_input(r, args.lang.0, &args.store)?;
    match unit {
        None => match args.format {
            ShowFormat::Text => edition::write_text(&ed, style, out)?,
            ShowFormat::Json => edition::write_json(&ed, out)?,
        },
        Some(id) => {
            let u = ed
                .unit(&id)
                .ok_or_else(|| anyhow!("{}: no unit {id} in {}", args.reference, ed.label()))?;
            writeln!(out, "{}\t{}", u.id, u.text)?;
            for n in &u.footnotes {
                if let Some(f) = ed.footnotes.iter().find(|f| f.number == *n) {
                    writeln!(out, "  [^{n}] {}", f.text)?;
                }
            }
        }
    }
    Ok(EXIT_SAME)
}
