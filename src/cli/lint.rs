//! `resdiff lint`: the drafting rules of `resdiff review`, on one edition
//! and without a base.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use resdiff::render::Style;
use resdiff::review::render::{write_lint_json, write_lint_term};
use resdiff::review::{lint, Severity};

use super::store_args::{read_input, StoreArg};
use super::{parse_lang_arg, LangArg, EXIT_DIFFERENT, EXIT_SAME};

/// Check one edition against the drafting rules.
///
/// Rules (rule id, and the worst severity it reports):
///   numbering          gaps, repeats or out-of-order operative numbers and sub-item labels (error)
///   punctuation        preambular paragraphs end with a comma, operative ones with a semicolon,
///                      the last with a full stop, chapeaux with a colon, in the language's own
///                      characters (error for operative paragraphs)
///   preamble-opening   a preambular paragraph opening with an operative verb (warning); an
///                      opening resdiff does not know (note)
///   operative-opening  an operative paragraph opening like a preambular one (warning)
///   footnote           a cited footnote that is missing (error); one never cited (note)
///   duplicate          two paragraphs with the same text (error)
///   stale-reference    "paragraph N above/below/of the present resolution" pointing nowhere or
///                      the wrong way (error)
///   past-session       a request naming a session before the edition's own (warning)
///   recall-list        the recall paragraph out of date order or listing a resolution twice
///   date-form          a citation date not in the standard form (warning)
///
/// Exit status: 0 no error-level finding, 1 error-level findings, 2 trouble.
///
/// Examples:
///   resdiff lint A-RES-78-228.xml
///   resdiff lint draft-80.txt --format json | jq '.findings[] | select(.severity == "error")'
#[derive(Debug, Args)]
#[command(
    verbatim_doc_comment,
    about = "Check one edition against the drafting rules"
)]
pub struct LintArgs {
    /// The edition: a file (AKN XML, PDF, DOCX, HTML, text, canonical) or a store reference.
    pub file: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Term)]
    pub format: LintFormat,

    /// Language of the document (auto = detect).
    #[arg(long, value_parser = parse_lang_arg, default_value = "auto", value_name = "auto|ar|en|es|fr|ru|zh")]
    pub lang: LangArg,

    #[command(flatten)]
    pub store: StoreArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// One line per finding.
    Term,
    /// Machine-readable, schema resdiff.lint/1.
    Json,
}

pub fn run(args: &LintArgs, style: Style, out: &mut dyn Write) -> Result<u8> {
    let ed = read_input(&args.file.to_string_lossy(), args.lang.0, &args.store)?;
    let findings = lint(&ed);
    match args.format {
        LintFormat::Term => write_lint_term(&ed, &findings, style, out)?,
        LintFormat::Json => write_lint_json(&ed.source, &findings, out)?,
    }
    Ok(if findings.iter().any(|f| f.severity == Severity::Error) {
        EXIT_DIFFERENT
    } else {
        EXIT_SAME
    })
}
