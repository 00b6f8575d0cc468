//! `resdiff review`: a draft against the last adopted text — the diff, each
//! change classified as routine or substantive, and findings; for a person
//! (term), a program (json), or as a report to hand on (html, md, docx with
//! tracked changes and class comments), to stdout or written atomically to
//! a file (`-o`).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use resdiff::render::Style;
use resdiff::review::render::{
    review_docx_bytes, write_review_html, write_review_json, write_review_md, write_review_term,
};
use resdiff::review::{review, ReviewOptions, Severity};

use super::output::OutputArgs;
use super::store_args::{read_inputs, StoreArg};
use super::{parse_lang_arg, LangArg, EXIT_DIFFERENT, EXIT_SAME};

/// Review a draft against the last adopted text.
///
/// Compares DRAFT with the edition given by --against clause by clause, as `resdiff diff` does,
/// and classifies every change:
///   routine      exactly the roll-forward updates (the base added to the recall paragraph, a
///                reporting session moved forward; see `resdiff rollover`), renumbering, or
///                white space only
///   substantive  anything else, with reasons: text-changed, recall-list-changed,
///                reporting-request-changed, verb-strength, added, removed, split, merged
/// Then lists findings on the draft, each with unit, rule, severity, message and suggested
/// fix: stale cross-references ("paragraph 9 above" whose clause is now paragraph 11), a recall
/// list without the base edition, a reporting request for a past session, changed operative
/// verbs (Encourages → Urges), and every rule of `resdiff lint`.
///
/// Formats:
///   term   the diff's blocks headed with their class, then the findings (default)
///   json   for programs: schema resdiff.review/1
///   html   one self-contained page: the diff report with a routine/substantive filter and a
///          findings table
///   md     GitHub-flavoured Markdown: summary table with a class column, findings, redline
///   docx   the draft as Word, every change a tracked revision, each classified change with a
///          comment naming its class (needs -o, or a pipe)
///
/// Revisions in docx carry --author and the date SOURCE_DATE_EPOCH (seconds since 1970) or else
/// the current time, in UTC. With -o the output is written to a temporary file beside FILE and
/// renamed over it at the end, without colour.
///
/// Exit status: 0 nothing to report (no substantive change and no error-level finding),
/// 1 substantive changes or error-level findings, 2 trouble.
///
/// Examples:
///   resdiff review draft-80.txt --against A-RES-78-228.xml
///   resdiff review A-RES-80-228.xml --against A-RES-78-228.xml --format json
///   resdiff review draft-80.txt --against A-RES-78-228.xml --format html -o review.html
///   resdiff review draft-80.docx --against 78/228@en --format docx -o review.docx --author "Facilitator"
///   resdiff review draft:next --against 78/228@en
#[derive(Debug, Args)]
#[command(
    verbatim_doc_comment,
    about = "Review a draft against the last adopted text"
)]
pub struct ReviewArgs {
    /// The draft: a file (AKN XML, PDF, DOCX, HTML, text, canonical) or a store reference.
    pub draft: PathBuf,

    /// The last adopted edition the draft follows.
    #[arg(long, value_name = "REF")]
    pub against: PathBuf,

    /// Session of the draft, when its header does not say (a canonical file from `rollover`
    /// does).
    #[arg(long, value_name = "N")]
    pub session: Option<u32>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReviewFormat::Term)]
    pub format: ReviewFormat,

    /// Language of both documents (auto = detect each).
    #[arg(long, value_parser = parse_lang_arg, default_value = "auto", value_name = "auto|ar|en|es|fr|ru|zh")]
    pub lang: LangArg,

    #[command(flatten)]
    pub out: OutputArgs,

    #[command(flatten)]
    pub store: StoreArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    /// Blocks with class and redline, then findings.
    Term,
    /// Machine-readable, schema resdiff.review/1.
    Json,
    /// Self-contained HTML report with a routine/substantive filter and findings.
    Html,
    /// GitHub-flavoured Markdown report with a class column and findings.
    Md,
    /// Word document of the draft with tracked changes and class comments.
    Docx,
}

pub fn run(args: &ReviewArgs, style: Style, out: &mut dyn Write) -> Result<u8> {
    args.out.check_binary(args.format == ReviewFormat::Docx)?;
    let (against, draft) = (args.against.to_string_lossy(), args.draft.to_string_lossy());
    let mut eds = read_inputs(&[&against, &draft], args.lang.0, &args.store)?.into_iter();
    let (Some(base), Some(draft)) = (eds.next(), eds.next()) else {
        unreachable!("read_inputs returns one edition per input")
    };
    let r = review(
        &base,
        &draft,
        &ReviewOptions {
            session: args.session,
            ..ReviewOptions::default()
        },
    );
    let style = args.out.style(style);
    args.out.emit(out, |sink| {
        match args.format {
            ReviewFormat::Term => write_review_term(&r, style, sink)?,
            ReviewFormat::Json => write_review_json(&r, sink)?,
            ReviewFormat::Html => write_review_html(&r, sink)?,
            ReviewFormat::Md => write_review_md(&r, sink)?,
            ReviewFormat::Docx => sink.write_all(&review_docx_bytes(&r, &args.out.track()?)?)?,
        }
        Ok(())
    })?;
    let (_, substantive) = r.counts();
    let errors = r.findings.iter().any(|f| f.severity == Severity::Error);
    Ok(if substantive > 0 || errors {
        EXIT_DIFFERENT
    } else {
        EXIT_SAME
    })
}
