//! `resdiff blame`: for every clause of an edition, the edition that
//! introduced it and every later edition where it changed.

use std::io::Write;

use anyhow::{anyhow, bail, Result};
use clap::{Args, ValueEnum};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use resdiff::render::Style;
use resdiff::store::git::GitBackend;
use resdiff::store::lineage::{self, BlameLine};
use resdiff::store::{refs, Store};
use resdiff::Edition;

use super::store_args::StoreArg;
use super::{parse_lang_arg, LangArg, EXIT_SAME};

/// Show where each clause of a stored edition comes from.
///
/// The stored editions of its series (same language) are aligned in adoption order up to
/// this edition; each unit is followed back through renumbering, moves, splits and merges.
/// For each unit: the first edition holding the clause and every later edition where its
/// text changed. JSON follows the resdiff.blame/1 schema.
///
/// Examples:
///   resdiff blame 80/228@en
///   resdiff blame A/RES/80/228 --lang ar --format json
#[derive(Debug, Args)]
pub struct BlameArgs {
    /// A stored edition: A/RES/80/228, 80/228@en …
    pub reference: String,

    /// Language for references without @LANG.
    #[arg(long, value_parser = parse_lang_arg, default_value = "auto", value_name = "auto|ar|en|es|fr|ru|zh")]
    pub lang: LangArg,

    /// Output format: text, or json (schema resdiff.blame/1).
    #[arg(long, value_enum, default_value_t = BlameFormat::Text)]
    pub format: BlameFormat,

    #[command(flatten)]
    pub store: StoreArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BlameFormat {
    Text,
    Json,
}

/// The editions of the series of a stored edition, in adoption order, and
/// the edition's position among them.
pub fn series_context(
    store: &Store<GitBackend>,
    reference: &str,
    lang: Option<resdiff::Language>,
) -> Result<(Vec<Edition>, usize)> {
    if reference.starts_with("draft:") {
        bail!("{reference}: blame and history follow stored editions; give an edition such as 80/228@en");
    }
    let ed = store.resolve(reference, lang)?;
    let symbol = ed
        .facts
        .symbol
        .clone()
        .ok_or_else(|| anyhow!("{reference}: the stored file states no symbol"))?;
    let series = store
        .series_of(&symbol)?
        .ok_or_else(|| anyhow!("{reference}: {symbol} is not stored"))?;
    let eds = store.series_editions(&series, ed.language)?;
    let k = eds
        .iter()
        .position(|e| e.facts.symbol.as_deref() == Some(symbol.as_str()))
        .ok_or_else(|| anyhow!("{reference}: {symbol} is missing from its series"))?;
    Ok((eds, k))
}

pub fn run(args: &BlameArgs, _style: Style, out: &mut dyn Write) -> Result<u8> {
    refs::parse(&args.reference).map_err(|e| anyhow!(e))?;
    let store = args.store.open()?;
    let (eds, k) = series_context(&store, &args.reference, args.lang.0)?;
    let eds = &eds[..=k];
    let lin = lineage::trace(eds);
    let lines = lin.blame(eds, k);
    let target = &eds[k];
    match args.format {
        BlameFormat::Json => {
            let doc = BlameJson {
                schema: "resdiff.blame/1",
                edition: &lin.editions[k],
                language: target.language.code(),
                editions: &lin.editions,
                units: lines.iter().map(UnitJson).collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)?;
        }
        BlameFormat::Text => {
            writeln!(
                out,
                "{} ({}): {} units, traced through {} edition(s): {}",
                lin.editions[k],
                target.language,
                lines.len(),
                lin.editions.len(),
                lin.editions.join(", ")
            )?;
            let w = lines
                .iter()
                .map(|l| l.id.to_string().len())
                .max()
                .unwrap_or(4);
            for l in &lines {
                let mut s = format!("{:<w$}  introduced {}", l.id.to_string(), l.introduced);
                if !l.changed_in.is_empty() {
                    s.push_str(&format!("; changed in {}", l.changed_in.join(", ")));
                }
                let earlier: Vec<String> = l
                    .ids
                    .iter()
                    .filter(|(_, id)| *id != l.id)
                    .map(|(e, id)| format!("{id} in {e}"))
                    .collect();
                if !earlier.is_empty() {
                    s.push_str(&format!(" (was {})", earlier.join(", ")));
                }
                writeln!(out, "{s}")?;
            }
        }
    }
    Ok(EXIT_SAME)
}

#[derive(Serialize)]
struct BlameJson<'a> {
    schema: &'static str,
    edition: &'a str,
    language: &'static str,
    editions: &'a [String],
    units: Vec<UnitJson<'a>>,
}

/// One unit, with `ids` as an object in edition order.
struct UnitJson<'a>(&'a BlameLine);

impl Serialize for UnitJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Ids<'b>(&'b [(String, resdiff::UnitId)]);
        impl Serialize for Ids<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for (e, id) in self.0 {
                    m.serialize_entry(e, &id.to_string())?;
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("id", &self.0.id.to_string())?;
        m.serialize_entry("introduced", &self.0.introduced)?;
        m.serialize_entry("changed_in", &self.0.changed_in)?;
        m.serialize_entry("ids", &Ids(&self.0.ids))?;
        m.end()
    }
}
