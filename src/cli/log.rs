//! `resdiff log`: a series edition by edition, with what changed each time.

use std::io::Write;

use anyhow::{bail, Result};
use clap::Args;

use resdiff::diff::{compare, CompareOptions};
use resdiff::render::Style;
use resdiff::store::catalog::adoption_key;
use resdiff::{Language, Part};

use super::store_args::StoreArg;
use super::{parse_lang_arg, LangArg, EXIT_SAME};

/// Show a series edition by edition, with what changed each time.
///
/// Editions come in adoption order; between consecutive stored editions, the change summary
/// of a clause-by-clause alignment.
///
/// Editions the catalogue lists but the store lacks are shown as "not stored".
///
/// Examples:
///   resdiff log trafficking-coordination
///   resdiff log --lang ar
#[derive(Debug, Args)]
pub struct LogArgs {
    /// The series (default: every series with stored editions).
    pub series: Option<String>,

    /// Language to compare in (default: en when stored, else the first stored).
    #[arg(long, value_parser = parse_lang_arg, default_value = "auto", value_name = "auto|ar|en|es|fr|ru|zh")]
    pub lang: LangArg,

    #[command(flatten)]
    pub store: StoreArg,
}

pub fn run(args: &LogArgs, _style: Style, out: &mut dyn Write) -> Result<u8> {
    let store = args.store.open()?;
    let cat = store.catalog()?;
    let files = store.files()?;
    let mut series: Vec<String> = match &args.series {
        Some(s) => {
            if !cat.series.contains_key(s) && !files.iter().any(|f| &f.series == s) {
                bail!("no series '{s}' in the store or its catalogue");
            }
            vec![s.clone()]
        }
        None => files.iter().map(|f| f.series.clone()).collect(),
    };
    series.sort();
    series.dedup();
    for s in series {
        let in_series: Vec<_> = files.iter().filter(|f| f.series == s).collect();
        let lang = args.lang.0.unwrap_or_else(|| {
            if in_series.iter().any(|f| f.lang == Language::En) {
                Language::En
            } else {
                in_series.first().map(|f| f.lang).unwrap_or(Language::En)
            }
        });
        let title = cat
            .series
            .get(&s)
            .and_then(|x| x.title.clone())
            .unwrap_or_default();
        writeln!(
            out,
            "series {s} ({lang}){}",
            if title.is_empty() {
                String::new()
            } else {
                format!(": {title}")
            }
        )?;
        let eds = store.series_editions(&s, lang)?;
        // Catalogue rows and stored editions, in adoption order.
        let mut rows: Vec<(String, Option<String>)> = cat
            .editions_of(&s)
            .iter()
            .map(|c| (c.symbol.clone(), c.adopted.clone()))
            .collect();
        for e in &eds {
            let sym = e.facts.symbol.clone().unwrap_or_default();
            if !rows.iter().any(|(r, _)| *r == sym) {
                rows.push((sym, e.facts.adopted.clone()));
            }
        }
        rows.sort_by_key(|(sym, ad)| adoption_key(ad.as_deref(), None, sym));
        let mut prev: Option<&resdiff::Edition> = None;
        for (sym, adopted) in &rows {
            let adopted = adopted.clone().unwrap_or_else(|| "?".into());
            let Some(ed) = eds.iter().find(|e| e.facts.symbol.as_deref() == Some(sym)) else {
                let other = files.iter().any(|f| &f.symbol == sym);
                let why = if other {
                    format!("not stored in {lang}")
                } else {
                    "not stored".into()
                };
                writeln!(out, "  {sym:<16} {adopted:<10}  ({why})")?;
                continue;
            };
            let counts = format!(
                "{} PP, {} OP",
                ed.paragraph_count(Part::Preamble),
                ed.paragraph_count(Part::Operative)
            );
            let summary = match prev {
                None => "first stored edition".to_string(),
                Some(p) => {
                    let c = compare(p, ed, &CompareOptions::default());
                    let m = c.summary;
                    let from = p.facts.symbol.as_deref().unwrap_or("?");
                    format!(
                        "since {from}: {} changed, {} added, {} removed, {} moved, {} split, {} merged, {} unchanged",
                        m.changed, m.added, m.removed, m.moved, m.split, m.merged, m.unchanged
                    )
                }
            };
            writeln!(out, "  {sym:<16} {adopted:<10}  {counts:<14}  {summary}")?;
            prev = Some(ed);
        }
    }
    Ok(EXIT_SAME)
}
