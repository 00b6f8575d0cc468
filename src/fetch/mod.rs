//! Get editions from the UN by symbol, so nobody has to hunt for files.
//!
//! Sources, in order of preference:
//! 1. the UN's Akoma Ntoso XML of General Assembly resolutions (GitHub
//!    repository `UNxml/GAresolutions`, sessions 74–80, six languages),
//!    located through [`akn_index`] (file names carry job numbers);
//! 2. the Official Document System ([`ods`]), PDF or Word by symbol, for
//!    everything else (Security Council drafts, older sessions, a file the
//!    repository lacks).
//!
//! A fetch downloads into memory and reads the document completely
//! ([`crate::ingest::read_bytes`]) before handing over an [`Edition`]; the
//! caller imports it into the store, so a failure anywhere leaves nothing
//! half-written. The network sits behind [`http::Transport`]; base URLs,
//! timeout and retries come in a [`FetchConfig`] (the library reads no
//! environment).

pub mod akn_index;
pub mod http;
pub mod ods;
pub mod symbol;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use crate::ingest::{self, ErrorKind, ReadOptions};
use crate::model::{Edition, Language, SourceFormat};

pub use akn_index::{AknIndex, Location};
pub use http::{Retry, Transport, TransportError, UreqTransport};
pub use symbol::{parse_languages, Symbol};

/// The repository listing (GitHub tree API, recursive).
pub const DEFAULT_AKN_INDEX: &str =
    "https://api.github.com/repos/UNxml/GAresolutions/git/trees/master?recursive=1";
/// Raw files of the repository.
pub const DEFAULT_AKN_BASE: &str = "https://raw.githubusercontent.com/UNxml/GAresolutions/master";
/// The Official Document System.
pub const DEFAULT_ODS_BASE: &str = "https://documents.un.org";

/// Time allowed for one whole request: generous for a session-74 zip of
/// several MiB on a slow line, short enough that a dead server is noticed.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// A cached index older than this is rebuilt when it does not know a
/// symbol (new resolutions appear in the repository as they are adopted);
/// a younger one is trusted, which keeps within GitHub's limit of 60
/// unauthenticated listing requests an hour.
pub const INDEX_REFRESH_AFTER: Duration = Duration::from_secs(3600);

/// Where to fetch from and how patiently.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub akn_index: String,
    pub akn_base: String,
    pub ods_base: String,
    pub timeout: Duration,
    pub retry: Retry,
    /// The store folder, where the index cache lives (`None` = no cache).
    pub cache_dir: Option<PathBuf>,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            akn_index: DEFAULT_AKN_INDEX.into(),
            akn_base: DEFAULT_AKN_BASE.into(),
            ods_base: DEFAULT_ODS_BASE.into(),
            timeout: DEFAULT_TIMEOUT,
            retry: Retry::default(),
            cache_dir: None,
        }
    }
}

/// What kind of failure; the message says what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchErrorKind {
    /// The symbol is not written as the UN writes symbols.
    BadSymbol,
    /// No server could be reached, or none answered in time.
    Unreachable,
    /// The servers answered but have no such document.
    NotFound,
    /// A server kept failing (5xx) or answered something unusable.
    Server,
    /// A document arrived but could not be read as the requested edition.
    BadDocument,
}

/// A failed fetch: one line, naming the symbol, what is wrong and what to do.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct FetchError {
    pub kind: FetchErrorKind,
    pub message: String,
}

impl FetchError {
    fn new(kind: FetchErrorKind, message: String) -> Self {
        FetchError { kind, message }
    }
}

/// What the user can do when the UN has no text.
const IMPORT_HINT: &str = "import a file with `resdiff import FILE`";

/// A fetched and fully read edition.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub symbol: Symbol,
    pub lang: Language,
    /// The address the document was downloaded from (for the zip layout,
    /// the archive's address and ` (zip member NAME)`).
    pub url: String,
    pub edition: Edition,
    pub bytes: usize,
    /// Things worth telling the user (a source that failed before another worked).
    pub notes: Vec<String>,
}

/// Fetches editions; keeps the index and downloaded archives for its lifetime.
pub struct Fetcher<'t> {
    cfg: FetchConfig,
    transport: &'t dyn Transport,
    index: Option<AknIndex>,
    /// The index was built in this run (so a miss is final).
    index_fresh: bool,
    /// Why the listing could not be had (asked once per run).
    index_miss: Option<Miss>,
    index_failed: bool,
    archives: HashMap<String, Vec<u8>>,
}

/// One source's failure, kept to explain the final error.
#[derive(Debug)]
enum Miss {
    Unreachable { host: String, why: String },
    Server { host: String, why: String },
    Empty { host: String },
    Unreadable { url: String, why: String },
}

impl<'t> Fetcher<'t> {
    pub fn new(cfg: FetchConfig, transport: &'t dyn Transport) -> Self {
        Fetcher {
            cfg,
            transport,
            index: None,
            index_fresh: false,
            index_miss: None,
            index_failed: false,
            archives: HashMap::new(),
        }
    }

    /// Fetch one edition and read it.
    pub fn fetch(&mut self, symbol: &Symbol, lang: Language) -> Result<Fetched, FetchError> {
        let mut misses = Vec::new();
        let mut notes = Vec::new();
        let in_repository =
            symbol.ga_resolution().is_some() || symbol.as_str().starts_with("S/RES/");
        if in_repository {
            match self.try_repository(symbol, lang) {
                Ok(Some(mut f)) => {
                    f.notes = notes;
                    return Ok(f);
                }
                Ok(None) => {}
                Err(m) => {
                    notes.push(format!(
                        "{symbol} ({lang}): the Akoma Ntoso repository failed ({}); trying documents.un.org",
                        miss_text(&m)
                    ));
                    misses.push(m);
                }
            }
            if let Some(m) = self.index_miss.take() {
                notes.push(format!(
                    "the Akoma Ntoso repository listing is unavailable ({}); trying documents.un.org",
                    miss_text(&m)
                ));
                // Being offline explains the final error; a refusal (a rate limit) does not.
                if matches!(m, Miss::Unreachable { .. }) {
                    misses.push(m);
                }
            }
        }
        match self.try_ods(symbol, lang, &mut misses) {
            Some(mut f) => {
                f.notes = notes;
                Ok(f)
            }
            None => Err(final_error(symbol, lang, &misses)),
        }
    }

    /// Load the index: the store's cache, else the listing. Failures are
    /// remembered, not fatal (ODS may still have the document).
    fn ensure_index(&mut self, refresh: bool) {
        if self.index_failed || (self.index.is_some() && !refresh) {
            return;
        }
        if !refresh {
            if let Some(dir) = &self.cfg.cache_dir {
                if let Some(idx) = AknIndex::load_cache(dir, &self.cfg.akn_index) {
                    self.index = Some(idx);
                    return;
                }
            }
        }
        let url = self.cfg.akn_index.clone();
        let host = host_of(&url);
        let (outcome, n) = http::get_with_retry(self.transport, &url, self.cfg.retry);
        let result = match outcome {
            http::Outcome::Answer(r) if r.status == 200 => {
                AknIndex::from_listing(&r.body, &url, now_secs()).map_err(|why| Miss::Unreadable {
                    url: url.clone(),
                    why,
                })
            }
            http::Outcome::Answer(r) => Err(Miss::Server {
                host,
                why: format!("HTTP {}", r.status),
            }),
            http::Outcome::ServerError(s) => Err(Miss::Server {
                host,
                why: format!("HTTP {s} {}", attempts_text(n)),
            }),
            http::Outcome::Failed(e) => Err(transport_miss(host, e, n)),
        };
        match result {
            Ok(idx) => {
                if let Some(dir) = &self.cfg.cache_dir {
                    // A cache that cannot be written costs a listing request next time, nothing more.
                    let _ = idx.save_cache(dir);
                }
                self.index = Some(idx);
                self.index_fresh = true;
            }
            Err(m) => {
                self.index_failed = true;
                self.index_miss = Some(m);
            }
        }
    }

    fn locate(&mut self, symbol: &Symbol, lang: Language) -> Option<Location> {
        self.ensure_index(false);
        let idx = self.index.as_ref()?;
        if let Some(l) = idx.locate(symbol, lang) {
            return Some(l);
        }
        let old = now_secs().saturating_sub(idx.built) > INDEX_REFRESH_AFTER.as_secs();
        if !self.index_fresh && old {
            self.ensure_index(true);
            return self.index.as_ref()?.locate(symbol, lang);
        }
        None
    }

    /// `Ok(None)`: the repository does not have it.
    fn try_repository(&mut self, symbol: &Symbol, lang: Language) -> Result<Option<Fetched>, Miss> {
        let Some(loc) = self.locate(symbol, lang) else {
            return Ok(None);
        };
        let base = self.cfg.akn_base.trim_end_matches('/').to_string();
        let (bytes, source) = match loc {
            Location::File(path) => {
                let url = format!("{base}/{}", ods::encode_path(&path));
                match self.download(&url)? {
                    Some(b) => (b, url),
                    None => return Ok(None),
                }
            }
            Location::Zip(path) => {
                let url = format!("{base}/{}", ods::encode_path(&path));
                if !self.archives.contains_key(&url) {
                    match self.download(&url)? {
                        Some(b) => {
                            self.archives.insert(url.clone(), b);
                        }
                        None => return Ok(None),
                    }
                }
                let zip = &self.archives[&url];
                match akn_index::find_in_zip(zip, symbol) {
                    Ok(Some((member, b))) => (b, format!("{url} (zip member {member})")),
                    Ok(None) => return Ok(None),
                    Err(why) => return Err(Miss::Unreadable { url, why }),
                }
            }
        };
        read_fetched(symbol, lang, &source, bytes)
            .map(Some)
            .map_err(|why| Miss::Unreadable { url: source, why })
    }

    /// GET a repository file; `Ok(None)` for 404 (an index out of date).
    fn download(&self, url: &str) -> Result<Option<Vec<u8>>, Miss> {
        let host = host_of(url);
        match http::get_with_retry(self.transport, url, self.cfg.retry) {
            (http::Outcome::Answer(r), _) if r.status == 200 && !r.body.is_empty() => {
                Ok(Some(r.body))
            }
            (http::Outcome::Answer(r), _) if r.status == 404 || r.status == 200 => Ok(None),
            (http::Outcome::Answer(r), _) => Err(Miss::Server {
                host,
                why: format!("HTTP {}", r.status),
            }),
            (http::Outcome::ServerError(s), n) => Err(Miss::Server {
                host,
                why: format!("HTTP {s} {}", attempts_text(n)),
            }),
            (http::Outcome::Failed(e), n) => Err(transport_miss(host, e, n)),
        }
    }

    fn try_ods(
        &mut self,
        symbol: &Symbol,
        lang: Language,
        misses: &mut Vec<Miss>,
    ) -> Option<Fetched> {
        let host = host_of(&self.cfg.ods_base);
        for kind in ods::KINDS {
            let url = ods::access_url(&self.cfg.ods_base, symbol, lang, kind);
            match http::get_with_retry(self.transport, &url, self.cfg.retry) {
                (http::Outcome::Answer(r), _) if r.status == 200 || r.status == 404 => {
                    if r.body.iter().all(|b| b.is_ascii_whitespace()) {
                        misses.push(Miss::Empty { host: host.clone() });
                        continue;
                    }
                    match read_fetched(symbol, lang, &url, r.body) {
                        Ok(f) => return Some(f),
                        Err(why) => misses.push(Miss::Unreadable { url, why }),
                    }
                }
                (http::Outcome::Answer(r), _) => misses.push(Miss::Server {
                    host: host.clone(),
                    why: format!("HTTP {}", r.status),
                }),
                (http::Outcome::ServerError(s), n) => misses.push(Miss::Server {
                    host: host.clone(),
                    why: format!("HTTP {s} {}", attempts_text(n)),
                }),
                (http::Outcome::Failed(e), n) => {
                    let gone =
                        matches!(e, TransportError::Unreachable(_) | TransportError::Timeout);
                    misses.push(transport_miss(host.clone(), e, n));
                    // A server that cannot be reached or does not answer in
                    // time will not do better for the other format.
                    if gone {
                        break;
                    }
                }
            }
        }
        None
    }
}

fn transport_miss(host: String, e: TransportError, n: u32) -> Miss {
    match e {
        TransportError::Unreachable(why) => Miss::Unreachable { host, why },
        TransportError::Timeout => Miss::Unreachable {
            host,
            why: format!("no answer within the timeout, {}", attempts_text(n)),
        },
        other => Miss::Server {
            host,
            why: format!("{other}, {}", attempts_text(n)),
        },
    }
}

fn attempts_text(n: u32) -> String {
    if n == 1 {
        "after 1 attempt".into()
    } else {
        format!("after {n} attempts")
    }
}

fn miss_text(m: &Miss) -> String {
    match m {
        Miss::Unreachable { host, why } => format!("cannot reach {host}: {why}"),
        Miss::Server { host, why } => format!("{host} answered {why}"),
        Miss::Empty { host } => format!("{host} sent an empty response"),
        Miss::Unreadable { url, why } => format!("{url}: {why}"),
    }
}

/// The one line a user sees when nothing worked: the most telling failure.
fn final_error(symbol: &Symbol, lang: Language, misses: &[Miss]) -> FetchError {
    let unreachable: Vec<&Miss> = misses
        .iter()
        .filter(|m| matches!(m, Miss::Unreachable { .. }))
        .collect();
    if let Some(Miss::Unreachable { why, .. }) = unreachable.last() {
        let mut hosts: Vec<&str> = Vec::new();
        for m in &unreachable {
            if let Miss::Unreachable { host, .. } = m {
                if !hosts.contains(&host.as_str()) {
                    hosts.push(host);
                }
            }
        }
        return FetchError::new(
            FetchErrorKind::Unreachable,
            format!(
                "{symbol}: cannot reach {} ({why}); check the network connection or the \
                 mirror addresses, or {IMPORT_HINT}",
                hosts.join(" or ")
            ),
        );
    }
    if let Some(m) = misses.iter().find(|m| matches!(m, Miss::Server { .. })) {
        return FetchError::new(
            FetchErrorKind::Server,
            format!(
                "{symbol}: {}; try again later, or {IMPORT_HINT}",
                miss_text(m)
            ),
        );
    }
    if let Some(Miss::Unreadable { url, why }) =
        misses.iter().find(|m| matches!(m, Miss::Unreadable { .. }))
    {
        return FetchError::new(
            FetchErrorKind::BadDocument,
            format!(
                "{symbol}: the {} text from {url} cannot be read: {why}; {IMPORT_HINT}",
                lang.name()
            ),
        );
    }
    let host = misses
        .iter()
        .find_map(|m| match m {
            Miss::Empty { host } => Some(host.as_str()),
            _ => None,
        })
        .unwrap_or("documents.un.org");
    FetchError::new(
        FetchErrorKind::NotFound,
        format!(
            "{symbol}: {host} has no {} text (empty response); {IMPORT_HINT}",
            lang.name()
        ),
    )
}

/// Read downloaded bytes as the requested edition, fully, before anything
/// is stored. The document must state the requested symbol (or none).
fn read_fetched(
    symbol: &Symbol,
    lang: Language,
    source: &str,
    bytes: Vec<u8>,
) -> Result<Fetched, String> {
    let format = ingest::sniff(&bytes).map_err(|k| match k {
        ErrorKind::Empty => "the answer is empty".to_string(),
        other => other.to_string(),
    })?;
    let mut ed = ingest::read_bytes(&bytes, source, &ReadOptions { lang: Some(lang) })
        .map_err(|e| e.kind.to_string())?;
    match ed.facts.symbol.as_deref() {
        Some(stated) if !symbol.same_as(stated) => {
            return Err(format!(
                "it is {stated}, not {symbol} ({} file); the source is mislabelled",
                format
            ))
        }
        Some(_) => ed.facts.symbol = Some(symbol.to_string()),
        None => ed.facts.symbol = Some(symbol.to_string()),
    }
    ed.language = lang;
    Ok(Fetched {
        symbol: symbol.clone(),
        lang,
        url: source.to_string(),
        bytes: bytes.len(),
        edition: ed,
        notes: Vec::new(),
    })
}

/// `https://documents.un.org/api/…` → `documents.un.org`.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_string()
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The source formats a fetch may bring, for messages.
pub fn format_name(f: SourceFormat) -> &'static str {
    match f {
        SourceFormat::Akn => "Akoma Ntoso XML",
        SourceFormat::Pdf => "PDF",
        SourceFormat::Docx => "Word .docx",
        SourceFormat::Html => "HTML",
        SourceFormat::Text => "text",
        SourceFormat::Canonical => "canonical text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// A fake network: URL → answers in turn; records requests.
    struct Fake {
        answers: RefCell<HashMap<String, Vec<Result<http::Response, TransportError>>>>,
        asked: RefCell<Vec<String>>,
    }

    impl Fake {
        fn new(list: Vec<(&str, Result<http::Response, TransportError>)>) -> Fake {
            let mut m: HashMap<String, Vec<_>> = HashMap::new();
            for (u, a) in list {
                m.entry(u.to_string()).or_default().push(a);
            }
            Fake {
                answers: RefCell::new(m),
                asked: RefCell::new(Vec::new()),
            }
        }
    }

    impl Transport for Fake {
        fn get(&self, url: &str) -> Result<http::Response, TransportError> {
            self.asked.borrow_mut().push(url.to_string());
            let mut a = self.answers.borrow_mut();
            match a.get_mut(url) {
                Some(v) if v.len() > 1 => v.remove(0),
                Some(v) if v.len() == 1 => v[0].clone(),
                _ => Ok(http::Response {
                    status: 404,
                    body: Vec::new(),
                }),
            }
        }
    }

    fn ok(body: &[u8]) -> Result<http::Response, TransportError> {
        Ok(http::Response {
            status: 200,
            body: body.to_vec(),
        })
    }

    fn cfg() -> FetchConfig {
        FetchConfig {
            akn_index: "http://gh/tree".into(),
            akn_base: "http://raw".into(),
            ods_base: "http://ods".into(),
            timeout: Duration::from_secs(1),
            retry: Retry {
                attempts: 2,
                backoff: Duration::from_millis(1),
            },
            cache_dir: None,
        }
    }

    /// A minimal text edition (synthetic), as ODS might serve in a text-like answer.
    const SYNTH: &str = "United Nations\nA/RES/99/1\nGeneral Assembly\n\nResolution adopted by the General Assembly\n\n99/1. Synthetic title (synthetic)\n\nThe General Assembly,\n\nRecalling its synthetic resolution,\n\n1. Decides to test (synthetic);\n\n2. Decides also to test again (synthetic).\n";

    #[test]
    fn empty_ods_answer_is_no_such_document() {
        let t2 = Fake::new(vec![
            (
                "http://ods/api/symbol/access?s=A%2FRES%2F99%2F1&l=E&t=doc",
                ok(b""),
            ),
            (
                "http://ods/api/symbol/access?s=A%2FRES%2F99%2F1&l=E&t=pdf",
                ok(b""),
            ),
            ("http://gh/tree", ok(br#"{"tree":[]}"#)),
        ]);
        let mut f = Fetcher::new(cfg(), &t2);
        let e = f
            .fetch(&Symbol::parse("A/RES/99/1").unwrap(), Language::En)
            .unwrap_err();
        assert_eq!(e.kind, FetchErrorKind::NotFound);
        assert_eq!(
            e.message,
            "A/RES/99/1: ods has no English text (empty response); import a file with `resdiff import FILE`"
        );
    }

    #[test]
    fn ods_text_is_read_and_checked() {
        let t = Fake::new(vec![
            ("http://gh/tree", ok(br#"{"tree":[]}"#)),
            (
                "http://ods/api/symbol/access?s=A%2FRES%2F99%2F1&l=E&t=doc",
                ok(SYNTH.as_bytes()),
            ),
        ]);
        let mut f = Fetcher::new(cfg(), &t);
        let got = f
            .fetch(&Symbol::parse("99/1").unwrap(), Language::En)
            .unwrap();
        assert_eq!(got.edition.facts.symbol.as_deref(), Some("A/RES/99/1"));
        assert!(got.url.ends_with("t=doc"));
        // A document stating another symbol is refused.
        let t = Fake::new(vec![
            ("http://gh/tree", ok(br#"{"tree":[]}"#)),
            (
                "http://ods/api/symbol/access?s=A%2FRES%2F99%2F2&l=E&t=doc",
                ok(SYNTH.as_bytes()),
            ),
        ]);
        let mut f = Fetcher::new(cfg(), &t);
        let e = f
            .fetch(&Symbol::parse("99/2").unwrap(), Language::En)
            .unwrap_err();
        assert_eq!(e.kind, FetchErrorKind::BadDocument, "{e}");
        assert!(
            e.message.contains("it is A/RES/99/1, not A/RES/99/2"),
            "{e}"
        );
    }

    #[test]
    fn offline_is_one_line_naming_the_hosts() {
        let refused = || Err(TransportError::Unreachable("connection refused".into()));
        let t = Fake::new(vec![
            ("http://gh/tree", refused()),
            (
                "http://ods/api/symbol/access?s=A%2FRES%2F78%2F228&l=E&t=doc",
                refused(),
            ),
        ]);
        let mut f = Fetcher::new(cfg(), &t);
        let e = f
            .fetch(&Symbol::parse("A/RES/78/228").unwrap(), Language::En)
            .unwrap_err();
        assert_eq!(e.kind, FetchErrorKind::Unreachable);
        assert!(
            e.message
                .starts_with("A/RES/78/228: cannot reach gh or ods (connection refused);"),
            "{e}"
        );
        assert!(!e.message.contains('\n'));
        // No retries on a refused connection, and t=pdf is not tried.
        assert_eq!(t.asked.borrow().len(), 2, "{:?}", t.asked.borrow());
    }

    #[test]
    fn repository_listing_is_used_and_stale_404_falls_back() {
        let listing =
            br#"{"tree":[{"path":"99session/English/A_RES_99_1-123E.xml","type":"blob"}]}"#;
        let t = Fake::new(vec![
            ("http://gh/tree", ok(listing)),
            (
                "http://raw/99session/English/A_RES_99_1-123E.xml",
                ok(SYNTH.as_bytes()),
            ),
        ]);
        let mut f = Fetcher::new(cfg(), &t);
        let got = f
            .fetch(&Symbol::parse("A/RES/99/1").unwrap(), Language::En)
            .unwrap();
        assert_eq!(got.url, "http://raw/99session/English/A_RES_99_1-123E.xml");
        // The index is asked for once per fetcher.
        let _ = f.fetch(&Symbol::parse("A/RES/99/1").unwrap(), Language::En);
        assert_eq!(
            t.asked
                .borrow()
                .iter()
                .filter(|u| *u == "http://gh/tree")
                .count(),
            1
        );
    }

    #[test]
    fn an_old_cached_index_is_rebuilt_when_it_lacks_the_symbol() {
        let dir = tempfile::tempdir().unwrap();
        let old = AknIndex::from_listing(br#"{"tree":[]}"#, "http://gh/tree", 0).unwrap();
        old.save_cache(dir.path()).unwrap();
        let listing =
            br#"{"tree":[{"path":"99session/English/A_RES_99_1-123E.xml","type":"blob"}]}"#;
        let t = Fake::new(vec![
            ("http://gh/tree", ok(listing)),
            (
                "http://raw/99session/English/A_RES_99_1-123E.xml",
                ok(SYNTH.as_bytes()),
            ),
        ]);
        let mut c = cfg();
        c.cache_dir = Some(dir.path().to_path_buf());
        let mut f = Fetcher::new(c.clone(), &t);
        let got = f
            .fetch(&Symbol::parse("A/RES/99/1").unwrap(), Language::En)
            .unwrap();
        assert!(got.url.starts_with("http://raw/"), "{}", got.url);
        // The rebuilt index is cached: a new fetcher does not ask again.
        let asked = t.asked.borrow().len();
        let mut f = Fetcher::new(c, &t);
        f.fetch(&Symbol::parse("A/RES/99/1").unwrap(), Language::En)
            .unwrap();
        assert_eq!(
            t.asked.borrow()[asked..],
            ["http://raw/99session/English/A_RES_99_1-123E.xml".to_string()]
        );
    }

    #[test]
    fn a_refused_listing_falls_back_to_ods_with_a_note_and_is_asked_once() {
        let t = Fake::new(vec![
            (
                "http://gh/tree",
                Ok(http::Response {
                    status: 403,
                    body: b"rate limit exceeded".to_vec(),
                }),
            ),
            (
                "http://ods/api/symbol/access?s=A%2FRES%2F99%2F1&l=E&t=doc",
                ok(SYNTH.as_bytes()),
            ),
        ]);
        let mut f = Fetcher::new(cfg(), &t);
        let sym = Symbol::parse("A/RES/99/1").unwrap();
        let got = f.fetch(&sym, Language::En).unwrap();
        assert_eq!(got.notes.len(), 1, "{:?}", got.notes);
        assert!(
            got.notes[0].contains("gh answered HTTP 403"),
            "{:?}",
            got.notes
        );
        f.fetch(&sym, Language::En).unwrap();
        assert_eq!(
            t.asked
                .borrow()
                .iter()
                .filter(|u| *u == "http://gh/tree")
                .count(),
            1
        );
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://documents.un.org/api/x?s=1"),
            "documents.un.org"
        );
        assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1:8080");
    }
}
