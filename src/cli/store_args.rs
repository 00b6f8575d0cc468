//! What the store commands share: `--store`, opening the store (the folder
//! from `--store`, else `RESDIFF_STORE`, else `versions/` of the git work
//! tree around the current folder), the commit signature from the git
//! environment, and reading an input that may be a file or a store reference.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use resdiff::fetch::Symbol;
use resdiff::ingest::{self, ReadOptions};
use resdiff::store::git::{GitBackend, SignatureSpec};
use resdiff::store::refs::{self, Reference};
use resdiff::store::Store;
use resdiff::{Edition, Language};

/// Environment variable that injects write failures into the store (tests only).
const FAIL_WRITE_AFTER_VAR: &str = "RESDIFF_TEST_FAIL_WRITE_AFTER";

/// `--store DIR`.
#[derive(Debug, Clone, Args)]
pub struct StoreArg {
    /// The store folder (default: $RESDIFF_STORE, else versions/ of the git repository around
    /// the current folder).
    #[arg(long, value_name = "DIR", global = true)]
    pub store: Option<PathBuf>,
}

impl StoreArg {
    /// The store folder to use.
    pub fn dir(&self) -> Result<PathBuf> {
        if let Some(d) = &self.store {
            return Ok(d.clone());
        }
        if let Some(d) = std::env::var_os("RESDIFF_STORE").filter(|v| !v.is_empty()) {
            return Ok(PathBuf::from(d));
        }
        let cwd = std::env::current_dir().context("cannot read the current folder")?;
        Ok(GitBackend::discover(&cwd)?)
    }

    /// Open the store.
    pub fn open(&self) -> Result<Store<GitBackend>> {
        let dir = self.dir()?;
        let mut b = GitBackend::open(&dir)?;
        b.signature = signature_from_env();
        b.notice = Box::new(super::ui::notice);
        // Hidden, for the fault tests (tests/store_faults.rs): make the
        // store's N-th and later writes fail as on a full disk.
        b.fail_writes_after = std::env::var(FAIL_WRITE_AFTER_VAR)
            .ok()
            .and_then(|v| v.trim().parse().ok());
        Ok(Store::new(b))
    }
}

/// Author from GIT_AUTHOR_NAME / GIT_AUTHOR_EMAIL / GIT_AUTHOR_DATE
/// (`@SECONDS +HHMM` or `SECONDS +HHMM`), as git reads them; `None` when the
/// name or e-mail is unset (the repository's configuration then applies).
pub fn signature_from_env() -> Option<SignatureSpec> {
    let name = std::env::var("GIT_AUTHOR_NAME")
        .ok()
        .filter(|s| !s.is_empty())?;
    let email = std::env::var("GIT_AUTHOR_EMAIL")
        .ok()
        .filter(|s| !s.is_empty())?;
    let time = std::env::var("GIT_AUTHOR_DATE")
        .ok()
        .and_then(|d| parse_git_date(&d));
    Some(SignatureSpec { name, email, time })
}

fn parse_git_date(d: &str) -> Option<(i64, i32)> {
    let mut parts = d.trim().trim_start_matches('@').split_whitespace();
    let secs: i64 = parts.next()?.parse().ok()?;
    let off = match parts.next() {
        Some(z) if z.len() == 5 => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let h: i32 = z[1..3].parse().ok()?;
            let m: i32 = z[3..5].parse().ok()?;
            sign * (h * 60 + m)
        }
        _ => 0,
    };
    Some((secs, off))
}

/// Read an input: a file that exists wins; otherwise a store reference
/// (`76/186@ar`, `A/RES/76/186`, `draft:NAME~1`), fetched from the UN
/// first when the store lacks it (see [`fetch_missing`]); otherwise the
/// file error.
pub fn read_input(input: &str, lang: Option<Language>, store: &StoreArg) -> Result<Edition> {
    let path = Path::new(input);
    if !path.exists() && refs::looks_like_reference(input) {
        fetch_missing(&[input], lang, store)?;
        let s = store.open()?;
        return Ok(s.resolve(input, lang)?);
    }
    Ok(ingest::read_path(path, &ReadOptions { lang })?)
}

/// Read several inputs that are compared with each other. Without `--lang`,
/// references without `@LANG` are read in one language: the one language
/// all of them are stored in, else English (fetched where missing) — so
/// `diff A/RES/76/186 A/RES/78/228` never compares an Arabic edition with
/// an English one.
pub fn read_inputs(
    inputs: &[&str],
    lang: Option<Language>,
    store: &StoreArg,
) -> Result<Vec<Edition>> {
    let refs_only: Vec<&str> = inputs
        .iter()
        .copied()
        .filter(|i| !Path::new(i).exists() && refs::looks_like_reference(i))
        .collect();
    let mut lang = lang;
    if lang.is_none() && refs_only.len() > 1 {
        let mut common: Option<Vec<Language>> = None;
        let mut open_store = None;
        for r in &refs_only {
            let Ok(Reference::Edition { symbol, lang: None }) = refs::parse(refs::split_unit(r).0)
            else {
                continue;
            };
            if open_store.is_none() {
                open_store = Some(store.open()?);
            }
            let Some(s) = &open_store else { continue };
            let have: Vec<Language> = s
                .files()?
                .into_iter()
                .filter(|f| f.symbol == symbol)
                .map(|f| f.lang)
                .collect();
            common = Some(match common {
                None => have,
                Some(c) => c.into_iter().filter(|l| have.contains(l)).collect(),
            });
        }
        lang = match common.as_deref() {
            Some([one]) => Some(*one),
            Some([]) => Some(Language::En),
            _ => None,
        };
    }
    fetch_missing(&refs_only, lang, store)?;
    if !worth_threads(inputs) {
        return inputs.iter().map(|&i| read_input(i, lang, store)).collect();
    }
    // The inputs are read at the same time: the first on this thread, each
    // other one on a thread of its own.
    std::thread::scope(|s| {
        let workers: Vec<_> = inputs
            .iter()
            .skip(1)
            .map(|&i| (i, s.spawn(move || read_input(i, lang, store))))
            .collect();
        let first = inputs.first().map(|&i| read_input(i, lang, store));
        first
            .into_iter()
            .chain(
                workers
                    .into_iter()
                    .map(|(i, w)| w.join().unwrap_or_else(|_| read_input(i, lang, store))),
            )
            .collect()
    })
}

/// Whether reading `inputs` on a thread each pays: not for plain files
/// (no PDF, which runs `pdftotext`) under [`PARALLEL_READ_MIN_BYTES`]
/// together, whose reading takes a few milliseconds — less than a second
/// thread can cost on a busy machine.
fn worth_threads(inputs: &[&str]) -> bool {
    /// Input bytes (files together) from which they are read on threads.
    const PARALLEL_READ_MIN_BYTES: u64 = 1 << 20;
    let mut total = 0;
    for i in inputs {
        let path = Path::new(i);
        let Ok(meta) = std::fs::metadata(path) else {
            return true; // a store reference
        };
        let mut head = [0u8; 8];
        let n = std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
            .unwrap_or(0);
        if !meta.is_file() || head[..n].starts_with(b"%PDF") {
            return true;
        }
        total += meta.len();
    }
    total >= PARALLEL_READ_MIN_BYTES
}

/// Fetch from the UN the editions these references name that the store
/// lacks (language: `@LANG`, else `lang`, else English), and import them;
/// several downloads show progress on a terminal. Does nothing with
/// RESDIFF_OFFLINE set, for drafts, and for references that are not
/// document symbols.
pub fn fetch_missing(inputs: &[&str], lang: Option<Language>, store: &StoreArg) -> Result<()> {
    if super::fetch::offline() {
        return Ok(());
    }
    let mut jobs: Vec<(Symbol, Language)> = Vec::new();
    let mut open_store = None;
    for input in inputs {
        let Ok(Reference::Edition { symbol, lang: l }) = refs::parse(refs::split_unit(input).0)
        else {
            continue;
        };
        let Ok(sym) = Symbol::parse(&symbol) else {
            continue;
        };
        if open_store.is_none() {
            open_store = Some(store.open()?);
        }
        let Some(s) = &open_store else { continue };
        let files = s.files()?;
        let stored: Vec<Language> = files
            .iter()
            .filter(|f| f.symbol == sym.as_str())
            .map(|f| f.lang)
            .collect();
        let want = match l.or(lang) {
            Some(w) => w,
            // Without a language, any stored one will do (resolve decides).
            None if !stored.is_empty() => continue,
            None => Language::En,
        };
        if !stored.contains(&want) && !jobs.contains(&(sym.clone(), want)) {
            jobs.push((sym, want));
        }
    }
    let Some(mut s) = open_store else {
        return Ok(());
    };
    if jobs.is_empty() {
        return Ok(());
    }
    let cfg = super::fetch::NetArgs::default().config(Some(store.dir()?))?;
    let fetched = super::fetch::download_all(&jobs, cfg)?;
    // The import reports go to stderr as notices; stdout is the command's.
    let mut report = Vec::new();
    let r = super::fetch::import_all(&mut s, fetched, None, &mut report);
    for line in String::from_utf8_lossy(&report).lines() {
        eprintln!("resdiff: {line}");
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_dates() {
        assert_eq!(
            parse_git_date("@1700000000 +0100"),
            Some((1_700_000_000, 60))
        );
        assert_eq!(
            parse_git_date("1700000000 -0230"),
            Some((1_700_000_000, -150))
        );
        assert_eq!(parse_git_date("yesterday"), None);
    }
}
