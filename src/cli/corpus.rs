//! `resdiff corpus scan|import|origin`: the whole-corpus questions — which
//! resolutions recur and how much each edition carries over, importing whole
//! series into the store, and where a clause first appeared.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use resdiff::corpus::{self, origin, series::PairSummary, Corpus, CorpusOptions, Scan};
use resdiff::render::Style;
use resdiff::store::ImportOptions;
use resdiff::store::{ImportOutcome, StoreError};

use super::store_args::StoreArg;
use super::{parse_lang_arg, LangArg, EXIT_DIFFERENT, EXIT_SAME};

/// Schema name of `resdiff corpus scan --format json`.
pub const CORPUS_SCHEMA: &str = "resdiff.corpus/1";

/// Width of the progress line on stderr (padding clears a longer line).
const PROGRESS_WIDTH: usize = 72;

/// Longest series name made from a title (the store allows 80 characters).
const MAX_SLUG_CHARS: usize = 60;

/// Work on a whole corpus: find recurring series, import them, trace a clause.
///
/// DIR is read recursively; every file any reader accepts (AKN XML, PDF, DOCX, HTML, text) is an
/// edition, files that cannot be read are listed on stderr and left out. Work is spread over
/// all cores.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    #[command(subcommand)]
    pub command: CorpusCommand,
}

#[derive(Debug, Subcommand)]
pub enum CorpusCommand {
    Scan(ScanArgs),
    Import(ImportArgs),
    Origin(OriginArgs),
}

/// What the corpus subcommands share.
#[derive(Debug, Args)]
pub struct CorpusDir {
    /// The corpus folder (read recursively).
    pub dir: PathBuf,

    /// Language of the documents (auto = detect each).
    #[arg(long, value_parser = parse_lang_arg, default_value = "auto", value_name = "auto|ar|en|es|fr|ru|zh")]
    pub lang: LangArg,

    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
}

impl CorpusDir {
    fn options(&self) -> CorpusOptions {
        CorpusOptions {
            lang: self.lang.0,
            threads: self.threads,
        }
    }

    /// Read the corpus; unreadable files are reported on stderr.
    fn load(&self) -> Result<Corpus> {
        let files = corpus::list_inputs(&self.dir)?;
        if files.is_empty() {
            bail!(
                "{}: the folder holds no files; give the folder of the corpus (e.g. ../shared/corpus/ga-akn/en)",
                self.dir.display()
            );
        }
        let c = Corpus::load(&files, &self.options());
        for e in &c.skipped {
            eprintln!("resdiff: warning: skipped {e}");
        }
        if c.docs.is_empty() {
            bail!(
                "{}: none of the {} files could be read as a resolution",
                self.dir.display(),
                files.len()
            );
        }
        Ok(c)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CorpusFormat {
    Table,
    Json,
}

/// Find the recurring series of a corpus and what each edition changed.
///
/// An edition's predecessor is the most recent earlier edition that its preamble cites as a
/// General Assembly resolution ("Recalling its resolutions 74/176 … and 76/186 …") with a
/// similar title or text, or, without a citation, an earlier edition with a similar title and
/// much shared text. Each series is printed with its editions in adoption order and, for each
/// consecutive pair, the change summary: clauses carried over, changed, added, removed, and the
/// share of the text unchanged.
///
/// Examples:
///   resdiff corpus scan ../shared/corpus/ga-akn/en
///   resdiff corpus scan --format json corpus/ | jq '.series[].title'
#[derive(Debug, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub corpus: CorpusDir,

    /// Output format: table for a person, json for programs (schema resdiff.corpus/1).
    #[arg(long, value_enum, default_value_t = CorpusFormat::Table)]
    pub format: CorpusFormat,
}

/// Import every series of a corpus into the store.
///
/// Scans DIR as `corpus scan` does, then imports the editions of each series (oldest first) as
/// `resdiff import` would, filed under a series named after the title, unless the catalogue
/// already lists the edition. Editions in no series are left out. An edition the store cannot
/// file (e.g. a symbol such as "A/RES/74/92 A-B") is reported on stderr and skipped, and the
/// exit status is then 2. A progress line is shown on stderr when it is a terminal.
///
/// Example:
///   resdiff corpus import ../shared/corpus/ga-akn/en --store versions
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub corpus: CorpusDir,

    #[command(flatten)]
    pub store: StoreArg,
}

/// Find the earliest edition of the corpus that contains a clause.
///
/// CLAUSE is either the clause text or REF:UNIT naming a unit of an edition in the corpus
/// (A/RES/76/186:OP5, 76/186:PP3). The search is for near duplicates (similarity ≥ 0.70), so a
/// clause with an updated session number or a changed phrase is found. Prints the earliest
/// edition holding the clause, then every later one. Exit status 0 when found, 1 when no
/// edition holds it.
///
/// Example:
///   resdiff corpus origin 80/228:OP5 ../shared/corpus/ga-akn/en
#[derive(Debug, Args)]
pub struct OriginArgs {
    /// The clause text, or REF:UNIT.
    pub clause: String,

    #[command(flatten)]
    pub corpus: CorpusDir,
}

pub fn run(args: &CorpusArgs, _style: Style, out: &mut dyn Write) -> Result<u8> {
    match &args.command {
        CorpusCommand::Scan(a) => scan(a, out),
        CorpusCommand::Import(a) => import(a, out),
        CorpusCommand::Origin(a) => find_origin(a, out),
    }
}

fn scan(args: &ScanArgs, out: &mut dyn Write) -> Result<u8> {
    let opts = args.corpus.options();
    let found = corpus::discover(args.corpus.load()?, &opts);
    let pairs = corpus::series::summarize(&found.corpus, &found.series, &opts);
    match args.format {
        CorpusFormat::Json => write_json(&found, &pairs, out)?,
        CorpusFormat::Table => write_table(&found, &pairs, out)?,
    }
    Ok(EXIT_SAME)
}

#[derive(Serialize)]
struct CorpusJson<'a> {
    schema: &'static str,
    series: Vec<SeriesJson<'a>>,
}

#[derive(Serialize)]
struct SeriesJson<'a> {
    title: &'a str,
    editions: Vec<EditionJson<'a>>,
    pairs: Vec<PairJson<'a>>,
}

#[derive(Serialize)]
struct EditionJson<'a> {
    symbol: Option<&'a str>,
    source: &'a str,
}

#[derive(Serialize)]
struct PairJson<'a> {
    old: &'a str,
    new: &'a str,
    summary: PairSummary,
}

/// Decimals of `text_unchanged` in JSON.
const SHARE_DECIMALS: i32 = 3;

fn write_json(found: &Scan, pairs: &[Vec<PairSummary>], out: &mut dyn Write) -> Result<()> {
    let docs = &found.corpus.docs;
    let scale = 10f64.powi(SHARE_DECIMALS);
    let series = found
        .series
        .iter()
        .zip(pairs)
        .map(|(s, ps)| SeriesJson {
            title: &s.title,
            editions: s
                .editions
                .iter()
                .map(|&i| EditionJson {
                    symbol: docs[i].edition.facts.symbol.as_deref(),
                    source: &docs[i].edition.source,
                })
                .collect(),
            pairs: s
                .editions
                .windows(2)
                .zip(ps)
                .map(|(w, p)| {
                    let mut summary = *p;
                    summary.text_unchanged = (summary.text_unchanged * scale).round() / scale;
                    PairJson {
                        old: docs[w[0]].name(),
                        new: docs[w[1]].name(),
                        summary,
                    }
                })
                .collect(),
        })
        .collect();
    serde_json::to_writer_pretty(
        &mut *out,
        &CorpusJson {
            schema: CORPUS_SCHEMA,
            series,
        },
    )?;
    writeln!(out)?;
    Ok(())
}

fn write_table(found: &Scan, pairs: &[Vec<PairSummary>], out: &mut dyn Write) -> Result<()> {
    let docs = &found.corpus.docs;
    for (s, ps) in found.series.iter().zip(pairs) {
        writeln!(out, "{}  ({} editions)", s.title, s.editions.len())?;
        for (k, &i) in s.editions.iter().enumerate() {
            let d = &docs[i];
            let date = d.edition.facts.adopted.as_deref().unwrap_or("-");
            write!(out, "  {:<16} {:<10}", d.name(), date)?;
            if k > 0 {
                if let (Some(p), Some(l)) = (ps.get(k - 1), s.links.get(k - 1)) {
                    write!(
                        out,
                        "  carried over {}, changed {}, added {}, removed {}; {:.1} % of text unchanged  [{}title {:.2}, text {:.2}]",
                        p.carried_over,
                        p.changed + p.split + p.merged,
                        p.added,
                        p.removed,
                        p.text_unchanged * 100.0,
                        if l.cited { "cited, " } else { "" },
                        l.title,
                        l.content
                    )?;
                }
            }
            writeln!(out)?;
        }
        writeln!(out)?;
    }
    let in_series: usize = found.series.iter().map(|s| s.editions.len()).sum();
    writeln!(
        out,
        "{} series of {} editions; {} of {} editions in no series; {} files skipped",
        found.series.len(),
        in_series,
        docs.len() - in_series,
        docs.len(),
        found.corpus.skipped.len()
    )?;
    Ok(())
}

/// A series name from a title: lower-case ASCII words joined by '-', cut at
/// a word boundary; `series-<first symbol>` when the title has no ASCII word.
fn slug(title: &str, first_symbol: &str) -> String {
    let mut s = String::new();
    for w in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if s.len() + w.len() + 1 > MAX_SLUG_CHARS {
            break;
        }
        if !s.is_empty() {
            s.push('-');
        }
        s.push_str(&w.to_ascii_lowercase());
    }
    if s.is_empty() {
        let tail: String = first_symbol
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        s = format!("series-{}", tail.trim_matches('-'));
    }
    s
}

fn import(args: &ImportArgs, out: &mut dyn Write) -> Result<u8> {
    let opts = args.corpus.options();
    let found = corpus::discover(args.corpus.load()?, &opts);
    let mut store = args.store.open()?;
    let catalog = store.catalog()?;
    let docs = &found.corpus.docs;
    let total: usize = found.series.iter().map(|s| s.editions.len()).sum();
    let progress = std::io::stderr().is_terminal();
    let mut used: HashSet<String> = HashSet::new();
    let mut done = 0usize;
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    let mut refused = 0usize;
    for s in &found.series {
        let first = docs[s.editions[0]].name();
        let mut name = slug(&s.title, first);
        let mut n = 2;
        while used.contains(&name) {
            name = format!("{}-{n}", slug(&s.title, first));
            n += 1;
        }
        used.insert(name.clone());
        let mut stored = Vec::new();
        for &i in &s.editions {
            let ed = &docs[i].edition;
            done += 1;
            if progress {
                let line = format!("resdiff: importing {done}/{total} {}", docs[i].name());
                eprint!("\r{line:PROGRESS_WIDTH$}");
            }
            let listed = ed
                .facts
                .symbol
                .as_deref()
                .is_some_and(|sym| catalog.edition(sym).is_some());
            let o = ImportOptions {
                series: (!listed).then(|| name.clone()),
                replace: false,
                source: format!("{} ({})", ed.source, ed.format),
                source_url: None,
                tool: format!("resdiff {}", env!("CARGO_PKG_VERSION")),
            };
            let outcome = match store.import(ed, &o) {
                Ok(outcome) => outcome,
                // This edition cannot be filed (a symbol the store does not
                // accept, different text already stored): say so and go on
                // with the others.
                Err(
                    e @ (StoreError::BadReference(_)
                    | StoreError::Conflict(_)
                    | StoreError::Other(_)),
                ) => {
                    if progress {
                        eprintln!();
                    }
                    eprintln!(
                        "resdiff: warning: {} (series {name}) not imported: {e}",
                        docs[i].name()
                    );
                    refused += 1;
                    stored.push("refused");
                    continue;
                }
                Err(e) => {
                    return Err(anyhow::Error::new(e)
                        .context(format!("importing {} of series {name}", docs[i].name())))
                }
            };
            let kind = match outcome {
                ImportOutcome::Unchanged { .. } => "unchanged",
                ImportOutcome::Added { .. } => "added",
                ImportOutcome::Replaced { .. } => "replaced",
            };
            *counts.entry(kind).or_default() += 1;
            stored.push(kind);
        }
        let added = stored.iter().filter(|k| **k == "added").count();
        let not = stored.iter().filter(|k| **k == "refused").count();
        write!(
            out,
            "{name}: {} editions ({added} imported, {} already stored",
            stored.len(),
            stored.len() - added - not
        )?;
        if not > 0 {
            write!(out, ", {not} not imported")?;
        }
        writeln!(out, ")")?;
    }
    if progress {
        // Clear the progress line.
        eprint!("\r{:PROGRESS_WIDTH$}\r", "");
    }
    writeln!(
        out,
        "{} series, {} editions: {} imported, {} already stored",
        found.series.len(),
        total,
        counts.get("added").copied().unwrap_or(0),
        counts.get("unchanged").copied().unwrap_or(0)
    )?;
    if refused > 0 {
        bail!(
            "{refused} of {total} editions could not be imported (see the warnings above); \
             the others are stored"
        );
    }
    Ok(EXIT_SAME)
}

fn find_origin(args: &OriginArgs, out: &mut dyn Write) -> Result<u8> {
    let opts = args.corpus.options();
    let c = args.corpus.load()?;
    let (clause, lang) = match origin::split_reference(&args.clause) {
        Some((r, unit)) => {
            let Some(d) = c.find(r) else {
                bail!(
                    "{r}: no edition with this symbol in {}; give a symbol of the corpus (e.g. A/RES/76/186:OP5) or the clause text",
                    args.corpus.dir.display()
                );
            };
            let ed = &c.docs[d].edition;
            let Some(u) = ed.units.iter().find(|u| u.id == unit) else {
                bail!(
                    "{r}: {} has no unit {unit}; see its units with `resdiff parse {}`",
                    c.docs[d].name(),
                    ed.source
                );
            };
            (u.text.clone(), ed.language)
        }
        None => {
            let lang = args.corpus.lang.0.unwrap_or_else(|| {
                resdiff::ingest::lang::detect(&args.clause).unwrap_or(resdiff::Language::En)
            });
            (args.clause.clone(), lang)
        }
    };
    let hits = origin::find(&c, &clause, lang, opts.thread_count());
    let Some(first) = hits.first() else {
        writeln!(
            out,
            "no edition in {} holds this clause (similarity ≥ {:.2})",
            args.corpus.dir.display(),
            origin::MIN_SIMILARITY
        )?;
        return Ok(EXIT_DIFFERENT);
    };
    let name = |d: usize| c.docs[d].name();
    let date = |d: usize| c.docs[d].edition.facts.adopted.as_deref().unwrap_or("-");
    writeln!(
        out,
        "origin: {} {} ({}), similarity {:.2}",
        name(first.doc),
        first.unit,
        date(first.doc),
        first.similarity
    )?;
    for h in &hits[1..] {
        writeln!(
            out,
            "  also: {} {} ({}), similarity {:.2}",
            name(h.doc),
            h.unit,
            date(h.doc),
            h.similarity
        )?;
    }
    Ok(EXIT_SAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_titles() {
        assert_eq!(
            slug(
                "Improving the coordination of efforts against trafficking in persons",
                "x"
            ),
            "improving-the-coordination-of-efforts-against-trafficking-in"
        );
        assert_eq!(slug("大会", "A/RES/74/1"), "series-A-RES-74-1");
        assert!(slug(&"word ".repeat(40), "x").len() <= MAX_SLUG_CHARS);
    }
}
