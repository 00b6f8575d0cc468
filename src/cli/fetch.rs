//! `resdiff fetch`: get editions from the UN by symbol and import them; and
//! the on-demand fetching every command that reads store references uses.
//! Here the network settings are read from flags and the environment
//! (`RESDIFF_AKN_INDEX`, `RESDIFF_AKN_BASE`, `RESDIFF_ODS_BASE`,
//! `RESDIFF_TIMEOUT`, `RESDIFF_OFFLINE`) and handed to the library as a
//! [`FetchConfig`].

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use clap::Args;

use resdiff::fetch::{self, parse_languages, FetchConfig, Fetched, Fetcher, Symbol, UreqTransport};
use resdiff::render::Style;
use resdiff::store::git::GitBackend;
use resdiff::store::{ImportOptions, ImportOutcome, Store};
use resdiff::Language;

use super::store_args::StoreArg;
use super::ui;
use super::EXIT_SAME;

/// Get editions from the UN by symbol and import them into the version store.
///
/// Each SYMBOL is looked up, in each language of --lang, first in the UN's Akoma Ntoso XML of
/// General Assembly resolutions (GitHub repository UNxml/GAresolutions, sessions 74-80; the
/// repository's file listing is cached in the store as .cache/akn-index.json), then in the
/// Official Document System (documents.un.org, Word or PDF). Each edition is read completely,
/// then imported as by `resdiff import` (one commit per edition, the source address in the
/// commit message and in the catalogue's `sources`). Editions already stored are skipped.
/// If any download fails, nothing is imported.
///
/// Commands that read store references (diff, show, parse, draft new --from) fetch an edition
/// the store lacks in the same way; set RESDIFF_OFFLINE=1 to turn that off.
///
/// Mirrors and air-gapped sites: --akn-index / RESDIFF_AKN_INDEX (JSON shaped as the GitHub
/// tree API answers), --akn-base / RESDIFF_AKN_BASE (raw files), --ods-base /
/// RESDIFF_ODS_BASE. A proxy is taken from HTTPS_PROXY, ALL_PROXY or HTTP_PROXY.
///
/// Examples:
///   resdiff fetch A/RES/78/228
///   resdiff fetch 74/176 76/186 78/228 80/228 --lang all
///   resdiff fetch S/2016/1061 --series south-sudan
#[derive(Debug, Args)]
#[command(
    verbatim_doc_comment,
    about = "Get editions from the UN by symbol and import them into the version store"
)]
pub struct FetchArgs {
    /// Document symbols: A/RES/78/228 (or 78/228), S/RES/2719(2024), S/2016/1061 …
    #[arg(required = true, value_name = "SYMBOL")]
    pub symbols: Vec<String>,

    /// Languages: a list such as en,ar, or all.
    #[arg(long, default_value = "en", value_name = "LANGS")]
    pub lang: String,

    /// Series for editions the catalogue does not list (default: misc).
    #[arg(long, value_name = "SLUG")]
    pub series: Option<String>,

    #[command(flatten)]
    pub net: NetArgs,

    #[command(flatten)]
    pub store: StoreArg,
}

/// Where to fetch from (flags win over the environment).
#[derive(Debug, Clone, Default, Args)]
pub struct NetArgs {
    /// Repository listing URL (default: $RESDIFF_AKN_INDEX, else the GitHub tree of UNxml/GAresolutions).
    #[arg(long, value_name = "URL")]
    pub akn_index: Option<String>,
    /// Base URL of the repository's raw files (default: $RESDIFF_AKN_BASE, else raw.githubusercontent.com).
    #[arg(long, value_name = "URL")]
    pub akn_base: Option<String>,
    /// Base URL of the Official Document System (default: $RESDIFF_ODS_BASE, else https://documents.un.org).
    #[arg(long, value_name = "URL")]
    pub ods_base: Option<String>,
    /// Seconds allowed for one request (default: $RESDIFF_TIMEOUT, else 60).
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

/// Read a setting: the flag, else a non-empty environment variable, else the default.
fn setting(flag: &Option<String>, var: &str, default: &str) -> String {
    flag.clone()
        .or_else(|| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| default.to_string())
}

impl NetArgs {
    /// The library configuration; `store_dir` holds the index cache.
    pub fn config(&self, store_dir: Option<PathBuf>) -> Result<FetchConfig> {
        let timeout = match self.timeout {
            Some(t) => t,
            None => match std::env::var("RESDIFF_TIMEOUT") {
                Ok(v) if !v.trim().is_empty() => v.trim().parse::<f64>().map_err(|_| {
                    anyhow!("RESDIFF_TIMEOUT={v}: give the timeout in seconds, e.g. 30")
                })?,
                _ => fetch::DEFAULT_TIMEOUT.as_secs_f64(),
            },
        };
        if !(timeout.is_finite() && timeout > 0.0 && timeout <= 3600.0) {
            return Err(anyhow!(
                "timeout {timeout}: give a number of seconds between 0 and 3600"
            ));
        }
        Ok(FetchConfig {
            akn_index: setting(
                &self.akn_index,
                "RESDIFF_AKN_INDEX",
                fetch::DEFAULT_AKN_INDEX,
            ),
            akn_base: setting(&self.akn_base, "RESDIFF_AKN_BASE", fetch::DEFAULT_AKN_BASE),
            ods_base: setting(&self.ods_base, "RESDIFF_ODS_BASE", fetch::DEFAULT_ODS_BASE),
            timeout: Duration::from_secs_f64(timeout),
            cache_dir: store_dir,
            ..FetchConfig::default()
        })
    }
}

/// The proxy the environment names, as curl and ureq read it.
fn proxy_from_env() -> Option<String> {
    [
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ]
    .iter()
    .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
}

/// Whether on-demand fetching is turned off (RESDIFF_OFFLINE set and not 0).
pub fn offline() -> bool {
    std::env::var("RESDIFF_OFFLINE").is_ok_and(|v| !v.is_empty() && v != "0")
}

pub fn run(args: &FetchArgs, _style: Style, out: &mut dyn Write) -> Result<u8> {
    let langs = parse_languages(&args.lang).map_err(|e| anyhow!(e))?;
    let mut symbols = Vec::new();
    for s in &args.symbols {
        let sym = Symbol::parse(s).map_err(|e| anyhow!(e))?;
        if !symbols.contains(&sym) {
            symbols.push(sym);
        }
    }
    let dir = args.store.dir()?;
    let mut store = args.store.open()?;
    let mut jobs = Vec::new();
    for sym in &symbols {
        for &lang in &langs {
            match store.find(sym.as_str(), lang)? {
                Some(f) => writeln!(
                    out,
                    "{sym} ({lang}): already stored ({}); nothing to fetch",
                    f.path
                )?,
                None => jobs.push((sym.clone(), lang)),
            }
        }
    }
    let cfg = args.net.config(Some(dir))?;
    let fetched = download_all(&jobs, cfg)?;
    import_all(&mut store, fetched, args.series.clone(), out)?;
    Ok(EXIT_SAME)
}

/// Download and read every job; the first failure stops everything before
/// anything is imported. Progress lines go to stderr when it is a terminal
/// and more than one download runs (not with the global `--quiet`).
pub fn download_all(jobs: &[(Symbol, Language)], cfg: FetchConfig) -> Result<Vec<Fetched>> {
    if jobs.is_empty() {
        return Ok(Vec::new());
    }
    let transport = UreqTransport::new(cfg.timeout, proxy_from_env().as_deref())
        .map_err(|e| anyhow!("cannot set up downloads: {e}"))?;
    let mut fetcher = Fetcher::new(cfg, &transport);
    let show =
        ui::level() != ui::Verbosity::Quiet && jobs.len() > 1 && std::io::stderr().is_terminal();
    let mut done = Vec::with_capacity(jobs.len());
    for (i, (sym, lang)) in jobs.iter().enumerate() {
        if show {
            eprint!("[{}/{}] {sym} ({lang}) … ", i + 1, jobs.len());
        }
        let r = fetcher.fetch(sym, *lang);
        if show {
            match &r {
                Ok(f) => eprintln!(
                    "{} KiB, {}",
                    f.bytes.div_ceil(1024),
                    fetch::format_name(f.edition.format)
                ),
                Err(_) => eprintln!("failed"),
            }
        }
        let f = r?;
        for n in &f.notes {
            ui::notice(&format!("note: {n}"));
        }
        done.push(f);
    }
    Ok(done)
}

/// Import fetched editions, one commit each, and say what happened.
pub fn import_all(
    store: &mut Store<GitBackend>,
    fetched: Vec<Fetched>,
    series: Option<String>,
    out: &mut dyn Write,
) -> Result<()> {
    for f in fetched {
        let opts = ImportOptions {
            series: series.clone(),
            replace: false,
            source: format!("{} ({})", f.url, f.edition.format),
            tool: format!("resdiff {}", env!("CARGO_PKG_VERSION")),
            source_url: Some(f.url.clone()),
        };
        let label = format!("{} ({})", f.symbol, f.lang);
        let outcome = store
            .import(&f.edition, &opts)
            .with_context(|| format!("{label}: downloaded from {} but not stored", f.url))?;
        match outcome {
            ImportOutcome::Unchanged { path } => {
                writeln!(out, "{label}: already stored with the same text ({path})")?
            }
            ImportOutcome::Added { path, commit } | ImportOutcome::Replaced { path, commit } => {
                writeln!(
                    out,
                    "{label}: fetched from {} and imported as {path} (commit {})",
                    f.url,
                    &commit[..commit.len().min(10)]
                )?
            }
        }
    }
    Ok(())
}
