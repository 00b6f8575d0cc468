//! Whole-corpus mode: read every edition under a folder, find which
//! resolutions recur, chain their editions in adoption order and say how
//! much each edition carries over from the one before.
//!
//! Researchers ask questions across all resolutions at once (which recur,
//! how stable each series is, where a clause first appeared), so this module
//! works on a [`Corpus`] of many editions rather than on one pair:
//!
//! 1. [`Corpus::load`] reads every file with [`ingest::read_path`] on all
//!    cores and prepares each [`Doc`]: its word shingles, its title words
//!    and the earlier General Assembly resolutions its own text cites.
//! 2. [`index`] finds, for each document, the few documents whose text is
//!    close (MinHash signatures in LSH bands) — never all pairs.
//! 3. [`links`] decides each edition's predecessor from its citations, title
//!    similarity and content similarity.
//! 4. [`series`] turns the links into chains in adoption order and compares
//!    consecutive editions with [`crate::diff::compare`].
//!
//! [`origin`] answers the third question: the earliest edition holding a
//! clause, by near-duplicate search over every unit.

pub mod index;
pub mod links;
pub mod origin;
pub mod series;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::ingest::{self, IngestError, ReadOptions};
use crate::model::{Edition, Language};

/// Folders deeper than this below the corpus root are not entered: corpora
/// are laid out one or two levels deep (`en/74/…`), and the bound keeps a
/// symbolic-link loop from running forever.
pub const MAX_DIR_DEPTH: usize = 16;

/// How to read a corpus.
#[derive(Debug, Clone, Default)]
pub struct CorpusOptions {
    /// The documents' language; `None` = detect each.
    pub lang: Option<Language>,
    /// Worker threads; 0 = one per available core.
    pub threads: usize,
}

impl CorpusOptions {
    /// The number of threads to run.
    pub fn thread_count(&self) -> usize {
        if self.threads > 0 {
            self.threads
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        }
    }
}

/// The session and number of a General Assembly resolution symbol
/// (`A/RES/74/176` → `(74, 176)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GaNumber {
    pub session: u32,
    pub number: u32,
}

impl GaNumber {
    /// Parse `A/RES/74/176` (also with a trailing `/Rev.1` or ` (A)` left off).
    pub fn from_symbol(symbol: &str) -> Option<GaNumber> {
        let rest = symbol.trim().strip_prefix("A/RES/")?;
        let mut parts = rest.split('/');
        let session = parts.next()?.trim().parse().ok()?;
        let num = parts.next()?.trim();
        let digits_end = num.find(|c: char| !c.is_ascii_digit()).unwrap_or(num.len());
        let number = num[..digits_end].parse().ok()?;
        Some(GaNumber { session, number })
    }

    /// `A/RES/74/176`.
    pub fn symbol(self) -> String {
        format!("A/RES/{}/{}", self.session, self.number)
    }
}

impl std::fmt::Display for GaNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.session, self.number)
    }
}

/// One edition of the corpus, prepared for candidate search and linking.
#[derive(Debug, Clone)]
pub struct Doc {
    pub edition: Edition,
    /// Session and number when the symbol is a GA resolution symbol.
    pub ga: Option<GaNumber>,
    /// Distinct word-shingle hashes of the whole text, ascending.
    pub shingles: Vec<u64>,
    /// Title words used for title similarity, ascending, distinct.
    pub title_words: Vec<String>,
    /// Earlier GA resolutions the preamble cites, in order of first citation.
    pub citations: Vec<GaNumber>,
}

impl Doc {
    /// Prepare an edition.
    pub fn new(edition: Edition) -> Doc {
        let ga = edition
            .facts
            .symbol
            .as_deref()
            .and_then(GaNumber::from_symbol);
        let shingles = index::shingles(&edition);
        let title_words = links::title_words(
            edition.facts.title.as_deref().unwrap_or(""),
            edition.language,
        );
        let citations = links::citations(&edition);
        Doc {
            edition,
            ga,
            shingles,
            title_words,
            citations,
        }
    }

    /// The symbol, or the source when the text states none.
    pub fn name(&self) -> &str {
        self.edition
            .facts
            .symbol
            .as_deref()
            .unwrap_or(&self.edition.source)
    }

    /// The title, or an empty string.
    pub fn title(&self) -> &str {
        self.edition.facts.title.as_deref().unwrap_or("")
    }

    /// Sort key for adoption order: date, then session and number, then
    /// the name, so that documents without a date still sort stably.
    pub fn adoption_key(&self) -> (String, Option<GaNumber>, String) {
        (
            self.edition.facts.adopted.clone().unwrap_or_default(),
            self.ga,
            self.name().to_string(),
        )
    }
}

/// Every edition read from a folder, in adoption order, and the files that
/// could not be read.
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<Doc>,
    pub skipped: Vec<IngestError>,
}

impl Corpus {
    /// Read and prepare every file of `paths` on all cores.
    pub fn load(paths: &[PathBuf], opts: &CorpusOptions) -> Corpus {
        let read = ReadOptions { lang: opts.lang };
        let results = par_map(paths, opts.thread_count(), |p| {
            ingest::read_path(p, &read).map(Doc::new)
        });
        let mut corpus = Corpus::default();
        for r in results {
            match r {
                Ok(d) => corpus.docs.push(d),
                Err(e) => corpus.skipped.push(e),
            }
        }
        corpus.docs.sort_by_key(|d| d.adoption_key());
        corpus
    }

    /// Build from editions already read (tests, other callers).
    pub fn from_editions(editions: Vec<Edition>, opts: &CorpusOptions) -> Corpus {
        let mut docs = par_map(&editions, opts.thread_count(), |e| Doc::new(e.clone()));
        docs.sort_by_key(|d| d.adoption_key());
        Corpus {
            docs,
            skipped: Vec::new(),
        }
    }

    /// The documents carrying each GA number (several for the parts A, B …
    /// of one resolution, or two files of one symbol).
    pub fn by_ga(&self) -> std::collections::HashMap<GaNumber, Vec<usize>> {
        let mut m: std::collections::HashMap<GaNumber, Vec<usize>> =
            std::collections::HashMap::new();
        for (i, d) in self.docs.iter().enumerate() {
            if let Some(g) = d.ga {
                m.entry(g).or_default().push(i);
            }
        }
        m
    }

    /// The document whose symbol (or source) is `name`; `76/186` is read
    /// as `A/RES/76/186`.
    pub fn find(&self, name: &str) -> Option<usize> {
        let want = GaNumber::from_symbol(name).or_else(|| {
            let (s, n) = name.trim().split_once('/')?;
            Some(GaNumber {
                session: s.parse().ok()?,
                number: n.parse().ok()?,
            })
        });
        self.docs.iter().position(|d| {
            (want.is_some() && d.ga == want)
                || d.edition.facts.symbol.as_deref() == Some(name)
                || d.edition.source == name
        })
    }
}

/// What a scan finds: the corpus, its candidate index, each edition's
/// predecessor link and the series the links form.
#[derive(Debug)]
pub struct Scan {
    pub corpus: Corpus,
    pub index: index::LshIndex,
    /// Predecessor of each document (same order as `corpus.docs`).
    pub links: Vec<Option<links::Link>>,
    /// Series of at least two editions.
    pub series: Vec<series::Series>,
}

/// Index a corpus, link every edition to its predecessor and form series.
pub fn discover(corpus: Corpus, opts: &CorpusOptions) -> Scan {
    let threads = opts.thread_count();
    let sets: Vec<&[u64]> = corpus.docs.iter().map(|d| d.shingles.as_slice()).collect();
    let index = index::LshIndex::build(&sets, threads);
    let links = links::predecessors(&corpus, &index, threads);
    let series = series::chains(&corpus, &links);
    Scan {
        corpus,
        index,
        links,
        series,
    }
}

/// Every regular file under `dir` (hidden files and folders left out), in
/// path order. Errors name the folder that could not be listed.
pub fn list_inputs(dir: &Path) -> Result<Vec<PathBuf>, IngestError> {
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), 0usize)];
    while let Some((d, depth)) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| {
            ingest::ErrorKind::Io(e).at(format!("{} (listing the corpus folder)", d.display()))
        })?;
        for entry in entries.flatten() {
            let p = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(meta) = std::fs::metadata(&p) else {
                continue;
            };
            if meta.is_dir() {
                if depth < MAX_DIR_DEPTH {
                    stack.push((p, depth + 1));
                }
            } else if meta.is_file() {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// `f` over every item on `threads` scoped threads; results in item order.
/// Items are handed out one at a time, so uneven costs balance.
pub fn par_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut parts: Vec<Vec<(usize, R)>> = Vec::new();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut got = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        got.push((i, f(item)));
                    }
                    got
                })
            })
            .collect();
        for h in handles {
            match h.join() {
                Ok(p) => parts.push(p),
                // A worker panicked: pass the panic on unchanged.
                Err(e) => std::panic::resume_unwind(e),
            }
        }
    });
    let mut all: Vec<(usize, R)> = parts.into_iter().flatten().collect();
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ga_numbers_from_symbols() {
        assert_eq!(
            GaNumber::from_symbol("A/RES/74/176"),
            Some(GaNumber {
                session: 74,
                number: 176
            })
        );
        assert_eq!(
            GaNumber::from_symbol("A/RES/77/335 B"),
            Some(GaNumber {
                session: 77,
                number: 335
            })
        );
        assert_eq!(GaNumber::from_symbol("S/RES/2331 (2016)"), None);
        assert_eq!(GaNumber::from_symbol("A/RES/ES-10/21"), None);
        assert_eq!(GaNumber::from_symbol("A/74/400"), None);
    }

    #[test]
    fn par_map_keeps_order() {
        let items: Vec<u32> = (0..1000).collect();
        let out = par_map(&items, 4, |x| x * 2);
        assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        assert!(par_map(&Vec::<u32>::new(), 4, |x| *x).is_empty());
    }

    #[test]
    fn listing_skips_hidden_files_and_reports_missing_folders() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("74")).expect("mkdir");
        std::fs::write(dir.path().join("74/a.txt"), "x").expect("write");
        std::fs::write(dir.path().join(".hidden"), "x").expect("write");
        let files = list_inputs(dir.path()).expect("listed");
        assert_eq!(files, vec![dir.path().join("74/a.txt")]);
        let err = list_inputs(&dir.path().join("missing")).unwrap_err();
        assert!(
            err.to_string().contains("listing the corpus folder"),
            "{err}"
        );
    }
}
