//! The version store: every edition of every series, in every language, kept
//! as a canonical text file (docs/FORMAT.md) in a folder of a git repository,
//! with a catalogue (`catalog.toml`) that orders editions by adoption.
//!
//! Layout of the store folder (default `versions/`):
//!
//! ```text
//! catalog.toml                             series and edition facts
//! <series>/<SYMBOL-SLUG>.<lang>.txt        one canonical file per edition and language
//! drafts/<NAME>.txt                        drafts; each `draft save` is a commit
//! .gitignore                               ignores the lock and temporary files
//! .resdiff.lock                            present only while a writer runs
//! ```
//!
//! Every import is one commit with a structured message and moves the tag
//! `<SYMBOL-SLUG>` (e.g. `A-RES-76-186`) to it. Storage sits behind
//! [`Backend`]: [`git::GitBackend`] for real stores, [`memory::MemoryBackend`]
//! for tests. History commands ([`lineage`]) read committed content only.

pub mod catalog;
pub mod git;
pub mod lineage;
pub mod lock;
pub mod memory;
pub mod refs;

use std::path::Path;

use crate::ingest::{self, ReadOptions};
use crate::model::{Edition, Language};
use crate::render::canonical;

use catalog::{Catalog, CatalogEdition, CATALOG_FILE};
use refs::Reference;

/// Folder of drafts inside the store.
pub const DRAFTS_DIR: &str = "drafts";

/// Series an edition is filed under when neither the catalogue nor `--series` names one.
pub const DEFAULT_SERIES: &str = "misc";

/// What went wrong in the store; each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("git: {0}")]
    Git(String),
    #[error("catalog.toml: {0}")]
    Catalog(String),
    #[error("{0}")]
    BadReference(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Locked(String),
    /// The store folder cannot be written (permissions, a read-only mount).
    #[error("{0}")]
    ReadOnly(String),
    #[error(transparent)]
    Ingest(#[from] ingest::IngestError),
    #[error("{0}")]
    Other(String),
}

impl StoreError {
    pub fn io(path: &Path, e: std::io::Error) -> Self {
        StoreError::Io {
            path: path.display().to_string(),
            error: e,
        }
    }
}

impl From<git2::Error> for StoreError {
    fn from(e: git2::Error) -> Self {
        StoreError::Git(e.message().to_string())
    }
}

/// A saved revision of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub commit: String,
    /// First line of the commit message.
    pub summary: String,
    /// Commit time, seconds since the epoch.
    pub time: i64,
    pub bytes: Vec<u8>,
}

/// Where the store keeps its files. Paths are relative to the store folder,
/// with `/` separators.
pub trait Backend {
    /// Committed content of a path, `None` when absent.
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// All committed paths.
    fn list(&self) -> Result<Vec<String>, StoreError>;
    /// Working-copy content (what the user may have edited since the last commit).
    fn read_work(&self, path: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Take the writer lock, announcing the paths about to be written.
    fn begin(&mut self, paths: &[String]) -> Result<(), StoreError>;
    /// Release the writer lock.
    fn end(&mut self);
    /// Write and commit files in one commit, then point each tag at it.
    /// Returns the commit id.
    fn commit(
        &mut self,
        files: &[(String, Vec<u8>)],
        message: &str,
        tags: &[String],
    ) -> Result<String, StoreError>;
    /// Saved revisions of a path, newest first.
    fn revisions(&self, path: &str) -> Result<Vec<Revision>, StoreError>;
    /// Consistency problems only the backend can see (working copy, tags,
    /// temporary files); the store adds its own checks in [`Store::fsck`].
    fn check(&self, edition_tags: &[(String, Vec<String>)]) -> Result<Vec<String>, StoreError>;
    /// How to name a store path in messages (the git backend gives the full path).
    fn display_path(&self, path: &str) -> String {
        path.to_string()
    }
}

/// One stored edition file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub series: String,
    pub symbol: String,
    pub lang: Language,
    pub path: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// The same text was already stored.
    Unchanged {
        path: String,
    },
    Added {
        path: String,
        commit: String,
    },
    Replaced {
        path: String,
        commit: String,
    },
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub series: Option<String>,
    pub replace: bool,
    /// Where the text came from (file name, format), for the commit message.
    pub source: String,
    /// `resdiff 0.1.0`, for the commit message.
    pub tool: String,
    /// The address the text was downloaded from, recorded in the commit
    /// message and as `LANG: URL` in the catalogue entry's `sources`.
    pub source_url: Option<String>,
}

/// Result of [`Store::fsck`].
#[derive(Debug, Clone, Default)]
pub struct FsckReport {
    pub problems: Vec<String>,
    /// Things worth knowing that are not damage (files the store does not manage).
    pub notes: Vec<String>,
    pub checked_files: usize,
}

/// The store over a backend.
pub struct Store<B: Backend> {
    pub backend: B,
}

impl<B: Backend> Store<B> {
    pub fn new(backend: B) -> Self {
        Store { backend }
    }

    /// The committed catalogue (empty when there is none yet).
    pub fn catalog(&self) -> Result<Catalog, StoreError> {
        match self.backend.read(CATALOG_FILE)? {
            Some(b) => Catalog::parse(&String::from_utf8_lossy(&b)),
            None => Ok(Catalog::default()),
        }
    }

    /// Every stored edition file, in path order.
    pub fn files(&self) -> Result<Vec<StoredFile>, StoreError> {
        let mut out = Vec::new();
        for path in self.backend.list()? {
            if let Some(f) = parse_edition_path(&path) {
                out.push(f);
            }
        }
        Ok(out)
    }

    /// Read a committed canonical file; `source` names it in the edition.
    pub fn load_path(&self, path: &str, source: &str) -> Result<Edition, StoreError> {
        let bytes = self
            .backend
            .read(path)?
            .ok_or_else(|| StoreError::NotFound(format!("{path} is not in the store")))?;
        let shown = self.backend.display_path(path);
        check_whole(&bytes, &shown)?;
        parse_canonical(&bytes, &shown, source)
    }

    /// Import an edition read by any reader.
    pub fn import(
        &mut self,
        ed: &Edition,
        opts: &ImportOptions,
    ) -> Result<ImportOutcome, StoreError> {
        let symbol = ed.facts.symbol.clone().ok_or_else(|| {
            StoreError::Other(format!(
                "{}: the text states no document symbol (e.g. A/RES/76/186), so it cannot be filed; \
                 keep it as a draft instead (resdiff draft new)",
                ed.source
            ))
        })?;
        let slug = refs::symbol_slug(&symbol).map_err(StoreError::BadReference)?;
        // A canonical file holds each unit id once; a document that repeats
        // one (several resolutions printed together, each numbering its own
        // paragraphs) would be stored in a file that cannot be read back.
        let mut seen = std::collections::HashSet::new();
        if let Some(dup) = ed.units.iter().find(|u| !seen.insert(&u.id)) {
            return Err(StoreError::Other(format!(
                "{}: {symbol} numbers {} twice (the document holds several resolutions, each \
                 numbering its own paragraphs); the store files one resolution per edition, so \
                 import each part from a file of its own",
                ed.source, dup.id
            )));
        }
        if let Some(s) = &opts.series {
            refs::check_name(s, "series").map_err(StoreError::BadReference)?;
        }
        let lang = ed.language;
        // Take the lock before reading anything we decide on.
        let lock_paths = vec![CATALOG_FILE.to_string()];
        self.backend.begin(&lock_paths)?;
        let r = self.import_locked(ed, &symbol, &slug, lang, opts);
        self.backend.end();
        r
    }

    fn import_locked(
        &mut self,
        ed: &Edition,
        symbol: &str,
        slug: &str,
        lang: Language,
        opts: &ImportOptions,
    ) -> Result<ImportOutcome, StoreError> {
        let cat = self.catalog()?;
        let listed = cat.edition(symbol);
        let series = match (listed, &opts.series) {
            (Some(e), Some(s)) if &e.series != s => {
                return Err(StoreError::Conflict(format!(
                    "{symbol} belongs to series '{}' in catalog.toml, not '{s}'; drop --series or fix the catalogue",
                    e.series
                )))
            }
            (Some(e), _) => e.series.clone(),
            (None, Some(s)) => s.clone(),
            (None, None) => DEFAULT_SERIES.to_string(),
        };
        let path = format!("{series}/{slug}.{}.txt", lang.code());
        let text = canonical::render(ed);
        let replacing = match self.backend.read(&path)? {
            Some(old) if old == text.as_bytes() => return Ok(ImportOutcome::Unchanged { path }),
            Some(_) if !opts.replace => {
                return Err(StoreError::Conflict(format!(
                    "{symbol} ({lang}) is already stored with different text ({path}); \
                     give --replace to commit this text as a correction"
                )))
            }
            Some(_) => true,
            None => false,
        };
        let mut files = vec![(path.clone(), text.into_bytes())];
        let source_line = opts
            .source_url
            .as_ref()
            .map(|u| format!("{}: {u}", lang.code()));
        if let (Some(entry), Some(line)) = (listed, &source_line) {
            if !entry.sources.contains(line) {
                let cat_text = self
                    .backend
                    .read(CATALOG_FILE)?
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .unwrap_or_default();
                let cat_text = catalog::add_source(&cat_text, symbol, line)?;
                Catalog::parse(&cat_text)?;
                files.push((CATALOG_FILE.to_string(), cat_text.into_bytes()));
            }
        }
        if listed.is_none() {
            let f = &ed.facts;
            let entry = CatalogEdition {
                symbol: symbol.to_string(),
                series: series.clone(),
                adopted: f.adopted.clone(),
                session: f.session,
                agenda_item: f.agenda_items.first().cloned(),
                report: f.report.clone(),
                report_paragraph: f.report_paragraph.clone(),
                draft: f.draft.clone(),
                sources: source_line.iter().cloned().collect(),
                ..Default::default()
            };
            let mut cat_text = self
                .backend
                .read(CATALOG_FILE)?
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            cat_text.push_str(&catalog::append_text(
                &entry,
                !cat.series.contains_key(&series),
            )?);
            Catalog::parse(&cat_text)?;
            files.push((CATALOG_FILE.to_string(), cat_text.into_bytes()));
        }
        let verb = if replacing { "Replace" } else { "Import" };
        let url_line = opts
            .source_url
            .as_ref()
            .map(|u| format!("URL: {u}\n"))
            .unwrap_or_default();
        let message = format!(
            "{verb} {symbol} ({lang})\n\nSymbol: {symbol}\nLanguage: {lang}\nSeries: {series}\nSource: {}\n{url_line}Tool: {}\n",
            opts.source, opts.tool
        );
        let commit = self.backend.commit(&files, &message, &[slug.to_string()])?;
        Ok(if replacing {
            ImportOutcome::Replaced { path, commit }
        } else {
            ImportOutcome::Added { path, commit }
        })
    }

    /// The stored file of an edition in a language, if any.
    pub fn find(&self, symbol: &str, lang: Language) -> Result<Option<StoredFile>, StoreError> {
        Ok(self
            .files()?
            .into_iter()
            .find(|f| f.symbol == symbol && f.lang == lang))
    }

    /// Resolve a reference (see [`refs`]) to an edition. `lang` is the
    /// `--lang` default for references without `@LANG`.
    pub fn resolve(&self, reference: &str, lang: Option<Language>) -> Result<Edition, StoreError> {
        match refs::parse(reference).map_err(StoreError::BadReference)? {
            Reference::Edition { symbol, lang: l } => {
                let files: Vec<StoredFile> = self
                    .files()?
                    .into_iter()
                    .filter(|f| f.symbol == symbol)
                    .collect();
                if files.is_empty() {
                    return Err(StoreError::NotFound(format!(
                        "{reference}: no edition {symbol} in the store (resdiff list shows what is stored)"
                    )));
                }
                let want = l.or(lang);
                let file = match want {
                    Some(w) => files.iter().find(|f| f.lang == w).ok_or_else(|| {
                        StoreError::NotFound(format!(
                            "{reference}: {symbol} is stored in {} but not in {w}",
                            langs_of(&files)
                        ))
                    })?,
                    None if files.len() == 1 => &files[0],
                    None => {
                        return Err(StoreError::BadReference(format!(
                            "{reference}: {symbol} is stored in {}; say which, e.g. {symbol}@{} or --lang {}",
                            langs_of(&files),
                            files[0].lang,
                            files[0].lang
                        )))
                    }
                };
                self.load_path(&file.path, reference)
            }
            Reference::Draft { name, back } => {
                let path = draft_path(&name);
                let bytes = if back == 0 {
                    self.backend.read_work(&path)?.ok_or_else(|| {
                        StoreError::NotFound(format!(
                            "{reference}: no draft '{name}' (create it with resdiff draft new {name} --from REF)"
                        ))
                    })?
                } else {
                    let revs = self.backend.revisions(&path)?;
                    revs.get(back).map(|r| r.bytes.clone()).ok_or_else(|| {
                        StoreError::NotFound(format!(
                            "{reference}: draft '{name}' has {} saved revision(s); the oldest is draft:{name}~{}",
                            revs.len(),
                            revs.len().saturating_sub(1)
                        ))
                    })?
                };
                parse_canonical(&bytes, &self.backend.display_path(&path), reference)
            }
        }
    }

    /// Stored editions of a series in one language, in adoption order, each
    /// with `source` set to its symbol.
    pub fn series_editions(
        &self,
        series: &str,
        lang: Language,
    ) -> Result<Vec<Edition>, StoreError> {
        let cat = self.catalog()?;
        let mut eds: Vec<(catalog_key::Key, Edition)> = Vec::new();
        for f in self.files()? {
            if f.series != series || f.lang != lang {
                continue;
            }
            let ed = self.load_path(&f.path, &f.symbol)?;
            let key = catalog_key::of(&cat, &f.symbol, &ed);
            eds.push((key, ed));
        }
        eds.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(eds.into_iter().map(|(_, e)| e).collect())
    }

    /// The series an edition symbol is stored under.
    pub fn series_of(&self, symbol: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .files()?
            .into_iter()
            .find(|f| f.symbol == symbol)
            .map(|f| f.series))
    }

    /// Start a draft from an edition (or another draft): its first revision.
    pub fn draft_new(
        &mut self,
        name: &str,
        from: &Edition,
        from_ref: &str,
    ) -> Result<String, StoreError> {
        refs::check_name(name, "draft").map_err(StoreError::BadReference)?;
        let path = draft_path(name);
        self.backend.begin(std::slice::from_ref(&path))?;
        let r = (|| {
            if self.backend.read(&path)?.is_some() || self.backend.read_work(&path)?.is_some() {
                return Err(StoreError::Conflict(format!(
                    "draft '{name}' exists already ({path}); pick another name"
                )));
            }
            let msg =
                format!("Draft {name}: start from {from_ref}\n\nDraft: {name}\nFrom: {from_ref}\n");
            self.backend.commit(
                &[(path.clone(), canonical::render(from).into_bytes())],
                &msg,
                &[],
            )
        })();
        self.backend.end();
        r.map(|_| path)
    }

    /// Commit the draft's working file as a new revision. Returns `None` when
    /// nothing changed since the last save.
    pub fn draft_save(&mut self, name: &str, message: &str) -> Result<Option<String>, StoreError> {
        refs::check_name(name, "draft").map_err(StoreError::BadReference)?;
        let path = draft_path(name);
        self.backend.begin(std::slice::from_ref(&path))?;
        let r = (|| {
            let work = self.backend.read_work(&path)?.ok_or_else(|| {
                StoreError::NotFound(format!("no draft '{name}' (expected {path})"))
            })?;
            // Refuse a file that does not parse: say which line.
            parse_canonical(&work, &self.backend.display_path(&path), &path)?;
            if self.backend.read(&path)?.as_deref() == Some(&work[..]) {
                return Ok(None);
            }
            let msg = format!("Draft {name}: {message}\n\nDraft: {name}\n");
            self.backend
                .commit(&[(path.clone(), work)], &msg, &[])
                .map(Some)
        })();
        self.backend.end();
        r
    }

    /// Saved revisions of a draft, newest first, parsed.
    pub fn draft_revisions(&self, name: &str) -> Result<Vec<(Revision, Edition)>, StoreError> {
        refs::check_name(name, "draft").map_err(StoreError::BadReference)?;
        let path = draft_path(name);
        let revs = self.backend.revisions(&path)?;
        if revs.is_empty() {
            return Err(StoreError::NotFound(format!(
                "no draft '{name}' has been saved"
            )));
        }
        revs.into_iter()
            .enumerate()
            .map(|(i, r)| {
                let ed = parse_canonical(&r.bytes, &path, &format!("draft:{name}~{i}"))?;
                Ok((r, ed))
            })
            .collect()
    }

    /// Check that catalogue, canonical files and backend agree.
    pub fn fsck(&self) -> Result<FsckReport, StoreError> {
        let mut rep = FsckReport::default();
        let cat = match self.catalog() {
            Ok(c) => c,
            Err(e) => {
                rep.problems.push(e.to_string());
                Catalog::default()
            }
        };
        let mut tags: Vec<(String, Vec<String>)> = Vec::new();
        for path in self.backend.list()? {
            if path == CATALOG_FILE || path == ".gitignore" {
                continue;
            }
            if !path.contains('/') || !path.ends_with(".txt") {
                rep.notes
                    .push(format!("{path}: not a store file; left alone"));
                continue;
            }
            rep.checked_files += 1;
            let is_draft = path.starts_with(&format!("{DRAFTS_DIR}/"));
            let ed = match self.backend.read(&path)? {
                Some(b) => match (if is_draft {
                    Ok(())
                } else {
                    check_whole(&b, &path)
                })
                .and_then(|()| parse_canonical(&b, &path, &path))
                {
                    Ok(e) => e,
                    Err(e) => {
                        rep.problems.push(e.to_string());
                        continue;
                    }
                },
                None => continue,
            };
            if is_draft {
                continue;
            }
            let Some(f) = parse_edition_path(&path) else {
                rep.problems.push(format!(
                    "{path}: not a store file name (<series>/<SYMBOL-SLUG>.<lang>.txt)"
                ));
                continue;
            };
            if ed.facts.symbol.as_deref() != Some(f.symbol.as_str()) || ed.language != f.lang {
                rep.problems.push(format!(
                    "{path}: the header says {} ({}), the file name {} ({})",
                    ed.facts.symbol.as_deref().unwrap_or("no symbol"),
                    ed.language,
                    f.symbol,
                    f.lang
                ));
            }
            match cat.edition(&f.symbol) {
                None => rep
                    .problems
                    .push(format!("{path}: {} is not in catalog.toml", f.symbol)),
                Some(c) if c.series != f.series => rep.problems.push(format!(
                    "{path}: catalog.toml files {} under series '{}'",
                    f.symbol, c.series
                )),
                Some(_) => {}
            }
            let slug = refs::symbol_slug(&f.symbol).unwrap_or_else(|_| f.symbol.replace('/', "-"));
            match tags.iter_mut().find(|(t, _)| *t == slug) {
                Some((_, paths)) => paths.push(path.clone()),
                None => tags.push((slug, vec![path.clone()])),
            }
        }
        rep.problems.extend(self.backend.check(&tags)?);
        Ok(rep)
    }
}

/// Sort keys for adoption order, from the catalogue or, failing that, the edition's own facts.
mod catalog_key {
    use super::*;
    pub type Key = (String, u32, Vec<u32>);
    pub fn of(cat: &Catalog, symbol: &str, ed: &Edition) -> Key {
        match cat.edition(symbol) {
            Some(c) => catalog::adoption_key(
                c.adopted.as_deref().or(ed.facts.adopted.as_deref()),
                c.session.or(ed.facts.session),
                symbol,
            ),
            None => catalog::adoption_key(ed.facts.adopted.as_deref(), ed.facts.session, symbol),
        }
    }
}

fn langs_of(files: &[StoredFile]) -> String {
    files
        .iter()
        .map(|f| f.lang.code())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Path of a draft's file.
pub fn draft_path(name: &str) -> String {
    format!("{DRAFTS_DIR}/{name}.txt")
}

/// `<series>/<SLUG>.<lang>.txt` → its parts; `None` for other paths.
pub fn parse_edition_path(path: &str) -> Option<StoredFile> {
    let (series, file) = path.split_once('/')?;
    if series == DRAFTS_DIR || file.contains('/') {
        return None;
    }
    let stem = file.strip_suffix(".txt")?;
    let (slug, lang) = stem.rsplit_once('.')?;
    let lang: Language = lang.parse().ok()?;
    if lang.code() != stem.rsplit('.').next()? {
        return None;
    }
    Some(StoredFile {
        series: series.to_string(),
        symbol: refs::symbol_of_slug(slug),
        lang,
        path: path.to_string(),
    })
}

/// What to do about a stored canonical file that does not parse.
const DAMAGED_ADVICE: &str = "the stored file is damaged: restore a good copy from the git \
history (git log --oneline -- FILE, then git checkout COMMIT -- FILE, and commit it) or import \
the edition again with resdiff import --replace";

/// A stored edition file is written whole by the store, always ending in a
/// line break; one that does not was cut short (a full disk, a copy
/// interrupted), even if what is left still parses. Drafts are edited by
/// hand and are not held to this.
fn check_whole(bytes: &[u8], path: &str) -> Result<(), StoreError> {
    if bytes.is_empty() || bytes.ends_with(b"\n") {
        return Ok(());
    }
    Err(StoreError::Other(format!(
        "{path}: the file ends in the middle of a line, after {} bytes: it was cut short; \
         {DAMAGED_ADVICE}",
        bytes.len()
    )))
}

/// Parse canonical bytes; errors name the store path and the line, and say
/// how to repair the file.
fn parse_canonical(bytes: &[u8], path: &str, source: &str) -> Result<Edition, StoreError> {
    let damaged = |what: String| StoreError::Other(format!("{what}; {DAMAGED_ADVICE}"));
    let text = std::str::from_utf8(bytes).map_err(|e| {
        damaged(format!(
            "{path}: not valid UTF-8 at byte {}",
            e.valid_up_to()
        ))
    })?;
    let mut ed = ingest::canonical::parse(text, source, &ReadOptions::default())
        .map_err(|k| damaged(k.at(path).to_string()))?;
    ed.source = source.to_string();
    Ok(ed)
}

#[cfg(test)]
mod tests {
    use super::memory::MemoryBackend;
    use super::*;
    use crate::model::{SourceFormat, Unit, UnitId};

    fn ed(symbol: &str, lang: Language, texts: &[&str]) -> Edition {
        let mut e = Edition::new("mem", SourceFormat::Text, lang);
        e.facts.symbol = Some(symbol.into());
        for (i, t) in texts.iter().enumerate() {
            e.units.push(Unit::new(UnitId::pp(i as u32 + 1), *t));
        }
        e
    }

    fn opts() -> ImportOptions {
        ImportOptions {
            series: Some("demo".into()),
            ..Default::default()
        }
    }

    #[test]
    fn source_urls_go_to_the_commit_and_the_catalogue() {
        let mut s = Store::new(MemoryBackend::default());
        let o = |u: &str| ImportOptions {
            source_url: Some(u.into()),
            ..opts()
        };
        s.import(
            &ed("A/RES/1/1", Language::En, &["A (synthetic),"]),
            &o("http://x/e"),
        )
        .unwrap();
        s.import(
            &ed("A/RES/1/1", Language::Fr, &["B (synthetic),"]),
            &o("http://x/f"),
        )
        .unwrap();
        let cat = s.catalog().unwrap();
        assert_eq!(
            cat.edition("A/RES/1/1").unwrap().sources,
            ["en: http://x/e", "fr: http://x/f"]
        );
        let revs = s.backend.revisions("demo/A-RES-1-1.fr.txt").unwrap();
        assert_eq!(revs.len(), 1);
        assert_eq!(revs[0].summary, "Import A/RES/1/1 (fr)");
    }

    #[test]
    fn import_is_idempotent_and_refuses_silent_replacement() {
        let mut s = Store::new(MemoryBackend::default());
        let a = ed("A/RES/1/1", Language::En, &["Recalling (synthetic),"]);
        assert!(matches!(
            s.import(&a, &opts()).unwrap(),
            ImportOutcome::Added { .. }
        ));
        assert!(matches!(
            s.import(&a, &opts()).unwrap(),
            ImportOutcome::Unchanged { .. }
        ));
        let b = ed("A/RES/1/1", Language::En, &["Noting (synthetic),"]);
        let err = s.import(&b, &opts()).unwrap_err();
        assert!(err.to_string().contains("--replace"), "{err}");
        let o = ImportOptions {
            replace: true,
            ..opts()
        };
        assert!(matches!(
            s.import(&b, &o).unwrap(),
            ImportOutcome::Replaced { .. }
        ));
        assert_eq!(
            s.resolve("1/1", None).unwrap().units[0].text,
            "Noting (synthetic),"
        );
        assert_eq!(
            s.catalog().unwrap().edition("A/RES/1/1").unwrap().series,
            "demo"
        );
        assert!(s.fsck().unwrap().problems.is_empty());
    }

    #[test]
    fn traversal_symbol_is_refused() {
        let mut s = Store::new(MemoryBackend::default());
        let a = ed("../../etc", Language::En, &["x (synthetic)"]);
        let err = s.import(&a, &opts()).unwrap_err().to_string();
        assert!(
            err.contains("../../etc") && err.contains("leave the store"),
            "{err}"
        );
    }

    #[test]
    fn resolves_languages_and_drafts() {
        let mut s = Store::new(MemoryBackend::default());
        s.import(
            &ed("A/RES/1/1", Language::En, &["One (synthetic)"]),
            &opts(),
        )
        .unwrap();
        s.import(&ed("A/RES/1/1", Language::Fr, &["Un (synthetic)"]), &opts())
            .unwrap();
        assert!(s
            .resolve("1/1", None)
            .unwrap_err()
            .to_string()
            .contains("en, fr"));
        assert_eq!(s.resolve("1/1@fr", None).unwrap().language, Language::Fr);
        assert_eq!(
            s.resolve("A/RES/1/1", Some(Language::En)).unwrap().language,
            Language::En
        );
        let from = s.resolve("1/1@en", None).unwrap();
        s.draft_new("next", &from, "1/1@en").unwrap();
        let path = draft_path("next");
        let mut edited = from.clone();
        edited.units[0].text = "One, edited (synthetic)".into();
        s.backend
            .work
            .insert(path.clone(), canonical::render(&edited).into_bytes());
        assert!(s.draft_save("next", "edit").unwrap().is_some());
        assert!(s.draft_save("next", "again").unwrap().is_none());
        assert_eq!(
            s.resolve("draft:next", None).unwrap().units[0].text,
            "One, edited (synthetic)"
        );
        assert_eq!(
            s.resolve("draft:next~1", None).unwrap().units[0].text,
            "One (synthetic)"
        );
        assert!(s.resolve("draft:next~5", None).is_err());
        assert_eq!(s.draft_revisions("next").unwrap().len(), 2);
    }

    #[test]
    fn edition_paths() {
        let f = parse_edition_path("series-x/A-RES-76-186.ar.txt").unwrap();
        assert_eq!(f.symbol, "A/RES/76/186");
        assert_eq!(f.lang, Language::Ar);
        assert!(parse_edition_path("drafts/x.txt").is_none());
        assert!(parse_edition_path("catalog.toml").is_none());
    }
}
