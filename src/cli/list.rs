//! `resdiff list`: what the store holds.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use clap::Args;

use resdiff::render::Style;
use resdiff::store::catalog::adoption_key;
use resdiff::store::Backend;

use super::store_args::StoreArg;
use super::EXIT_SAME;

/// List the stored editions and drafts.
///
/// Editions are grouped by series, in adoption order, with their languages and unit counts.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub store: StoreArg,
}

pub fn run(args: &ListArgs, _style: Style, out: &mut dyn Write) -> Result<u8> {
    let store = args.store.open()?;
    let cat = store.catalog()?;
    // series → symbol → [(lang, units)]
    let mut by: BTreeMap<String, BTreeMap<String, Vec<(String, usize)>>> = BTreeMap::new();
    for f in store.files()? {
        let ed = store.load_path(&f.path, &f.path)?;
        by.entry(f.series)
            .or_default()
            .entry(f.symbol)
            .or_default()
            .push((f.lang.code().to_string(), ed.units.len()));
    }
    if by.is_empty() {
        writeln!(
            out,
            "the store holds no editions yet (resdiff import FILE adds one)"
        )?;
    }
    for (series, eds) in &by {
        writeln!(out, "{series}")?;
        let mut rows: Vec<_> = eds.iter().collect();
        rows.sort_by_key(|(sym, _)| {
            let c = cat.edition(sym);
            adoption_key(
                c.and_then(|c| c.adopted.as_deref()),
                c.and_then(|c| c.session),
                sym,
            )
        });
        for (sym, langs) in rows {
            let adopted = cat
                .edition(sym)
                .and_then(|c| c.adopted.clone())
                .unwrap_or_else(|| "?".into());
            let l: Vec<String> = langs.iter().map(|(l, n)| format!("{l} {n}")).collect();
            writeln!(out, "  {sym:<16} {adopted:<10}  units: {}", l.join(", "))?;
        }
    }
    let drafts: Vec<String> = store
        .backend
        .list()?
        .into_iter()
        .filter_map(|p| {
            p.strip_prefix("drafts/")
                .and_then(|n| n.strip_suffix(".txt"))
                .map(String::from)
        })
        .collect();
    if !drafts.is_empty() {
        writeln!(out, "drafts")?;
        for d in drafts {
            writeln!(out, "  draft:{d}")?;
        }
    }
    Ok(EXIT_SAME)
}
