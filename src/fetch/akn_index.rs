//! Where a resolution's Akoma Ntoso file is in the UN's repository
//! (`UNxml/GAresolutions`): the file names carry job numbers
//! (`76session/English/A_RES_76_186-2119241E.xml`), so a symbol cannot be
//! turned into a path; the index maps symbol and language to a path, built
//! from the repository's file listing (the GitHub tree API's JSON) and kept
//! in the store as a cache so the listing is asked for once, not per fetch.
//!
//! The repository's layouts, all read from the names alone:
//!
//! | folder | names |
//! |---|---|
//! | `74session/` | one zip per language, `GA resolutions_74session_English.zip`, members `English/74_176.xml`, `Arabic/74_176_A.xml` |
//! | `75session/<Language>/` | `75_100_E.xml`, `75_251_B_E.xml`, `A_RES_75_292-2108995E.xml` |
//! | `76session/` … `80session/` | `A_RES_76_186-2119241E.xml`, `A_RES_76_16_reissue.xml`, `A_RES_79_245 B-2510809E.xml` |
//! | `2729 (2024)session/<Language>/` | Security Council, `S_RES_2729-2407697E.xml` |
//!
//! Files holding several parts at once (`A_RES_80_236AB-…`) are left out;
//! such resolutions are fetched from the Official Document System instead.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use once_cell::sync::Lazy;
use regex::Regex;
use serde::{Deserialize, Serialize};

use super::symbol::Symbol;
use crate::model::Language;

/// Version of the cache file's shape; a cache of another version is rebuilt.
pub const INDEX_FORMAT: u32 = 1;

/// The cache file inside the store folder.
pub const CACHE_DIR: &str = ".cache";
pub const CACHE_FILE: &str = "akn-index.json";

/// Symbol and language → path in the repository.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AknIndex {
    pub format: u32,
    /// The listing URL the index was built from (a cache for another
    /// mirror is not used).
    pub listing: String,
    /// When it was built, seconds since the epoch.
    pub built: u64,
    /// `A/RES/78/228@en` → `78session/English/A_RES_78_228-2325978E.xml`.
    pub files: BTreeMap<String, String>,
    /// `74@en` → `74session/GA resolutions_74session_English.zip`.
    pub zips: BTreeMap<String, String>,
    /// The listing said it was cut short (GitHub truncates very large trees).
    pub truncated: bool,
}

/// Where one edition is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A file of its own.
    File(String),
    /// A member of a session's zip of one language.
    Zip(String),
}

#[derive(Deserialize)]
struct Listing {
    #[serde(default)]
    tree: Vec<ListingEntry>,
    #[serde(default)]
    truncated: bool,
}

#[derive(Deserialize)]
struct ListingEntry {
    path: String,
    #[serde(rename = "type", default)]
    kind: String,
}

fn key(symbol: &str, lang: Language) -> String {
    format!("{symbol}@{}", lang.code())
}

impl AknIndex {
    /// Build the index from the tree listing JSON.
    pub fn from_listing(json: &[u8], listing: &str, built: u64) -> Result<AknIndex, String> {
        let l: Listing = serde_json::from_slice(json).map_err(|e| {
            format!("the repository listing is not the JSON the GitHub tree API answers ({e})")
        })?;
        let mut idx = AknIndex {
            format: INDEX_FORMAT,
            listing: listing.to_string(),
            built,
            truncated: l.truncated,
            ..Default::default()
        };
        for e in l
            .tree
            .iter()
            .filter(|e| e.kind == "blob" || e.kind.is_empty())
        {
            idx.add_path(&e.path);
        }
        Ok(idx)
    }

    fn add_path(&mut self, path: &str) {
        let parts: Vec<&str> = path.split('/').collect();
        let Some(session) = parts.first().and_then(|t| Session::of_folder(t)) else {
            return;
        };
        let Some(file) = parts.last() else { return };
        if let Some(stem) = file.strip_suffix(".zip") {
            if let (Session::Ga(s), 2, Some(lang)) = (&session, parts.len(), lang_in_name(stem)) {
                self.zips
                    .insert(format!("{s}@{}", lang.code()), path.to_string());
            }
            return;
        }
        let Some(stem) = file.strip_suffix(".xml") else {
            return;
        };
        if parts.len() != 3 {
            return;
        }
        let Ok(lang) = parts[1].parse::<Language>() else {
            return;
        };
        let Some(symbol) = session.symbol_of(stem) else {
            return;
        };
        let k = key(&symbol, lang);
        let better = match self.files.get(&k) {
            None => true,
            // A reissue corrects the first file; otherwise keep one stably.
            Some(old) => {
                let re = |p: &str| p.to_ascii_lowercase().contains("reissue");
                (re(path), path) > (re(old), old.as_str())
            }
        };
        if better {
            self.files.insert(k, path.to_string());
        }
    }

    /// Where the edition is, if the repository has it.
    pub fn locate(&self, symbol: &Symbol, lang: Language) -> Option<Location> {
        if let Some(p) = self.files.get(&key(symbol.as_str(), lang)) {
            return Some(Location::File(p.clone()));
        }
        let (session, _, _) = symbol.ga_resolution()?;
        self.zips
            .get(&format!("{session}@{}", lang.code()))
            .map(|p| Location::Zip(p.clone()))
    }

    /// Read the cached index of a store, if it was built from `listing`.
    pub fn load_cache(store_dir: &Path, listing: &str) -> Option<AknIndex> {
        let bytes = std::fs::read(cache_path(store_dir)).ok()?;
        let idx: AknIndex = serde_json::from_slice(&bytes).ok()?;
        (idx.format == INDEX_FORMAT && idx.listing == listing).then_some(idx)
    }

    /// Write the cache: a temporary file renamed into place, in a folder that
    /// ignores itself in git (`.cache/.gitignore` = `*`), so the store's
    /// status and `resdiff fsck` never see it.
    pub fn save_cache(&self, store_dir: &Path) -> std::io::Result<()> {
        let dir = store_dir.join(CACHE_DIR);
        std::fs::create_dir_all(&dir)?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "*\n")?;
        }
        let tmp = dir.join(format!("{CACHE_FILE}.partial-{}", std::process::id()));
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, cache_path(store_dir))
    }
}

/// `<store>/.cache/akn-index.json`.
pub fn cache_path(store_dir: &Path) -> PathBuf {
    store_dir.join(CACHE_DIR).join(CACHE_FILE)
}

/// The top folder of the repository: a General Assembly session or a
/// Security Council resolution.
enum Session {
    Ga(String),
    Sc { year: String },
}

static GA_FOLDER: Lazy<Regex> = Lazy::new(|| Regex::new(r"^(\d{1,3})session$").unwrap());
static SC_FOLDER: Lazy<Regex> = Lazy::new(|| Regex::new(r"^\d{1,5} \((\d{4})\)session$").unwrap());

/// `A_RES_76_186-2119241E`, `75_251_B`, `A_RES_S-32_1-…`: session, number, rest.
static GA_STEM: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(?:A_RES_)?((?:ES-|S-)?\d{1,3})_(\d{1,4})(.*)$").unwrap());
/// A part letter right after the number: `B`, ` B`, `_B`, before the end, a job number or `_`.
static PART: Lazy<Regex> = Lazy::new(|| Regex::new(r"^[ _]?([A-H])(?:$|-\d|_)").unwrap());
/// The one-letter language suffix the UN appends (`_E`, `_A` …).
static LANG_SUFFIX: Lazy<Regex> = Lazy::new(|| Regex::new(r"_[AECFRS]$").unwrap());
static SC_STEM: Lazy<Regex> = Lazy::new(|| Regex::new(r"^S_RES_(\d{1,5})(?:$|[-_])").unwrap());

impl Session {
    fn of_folder(name: &str) -> Option<Session> {
        if let Some(c) = GA_FOLDER.captures(name) {
            return Some(Session::Ga(c[1].to_string()));
        }
        SC_FOLDER.captures(name).map(|c| Session::Sc {
            year: c[1].to_string(),
        })
    }

    fn symbol_of(&self, stem: &str) -> Option<String> {
        match self {
            Session::Ga(_) => ga_symbol_of_stem(stem),
            Session::Sc { year } => {
                let c = SC_STEM.captures(stem)?;
                Some(format!("S/RES/{}({year})", &c[1]))
            }
        }
    }
}

/// The General Assembly symbol a file name (without `.xml`) stands for, or
/// `None` for a name of another shape.
pub fn ga_symbol_of_stem(stem: &str) -> Option<String> {
    let c = GA_STEM.captures(stem)?;
    let (session, number) = (&c[1], c[2].parse::<u32>().ok()?);
    let rest = LANG_SUFFIX.replace(&c[3], "").into_owned();
    if let Some(p) = PART.captures(&rest) {
        return Some(format!("A/RES/{session}/{number} {}", &p[1]));
    }
    let lower = rest.to_ascii_lowercase();
    let plain = rest.is_empty()
        || rest.starts_with('-') && rest[1..].starts_with(|c: char| c.is_ascii_digit())
        || lower == "_reissue"
        || lower == "-reissue";
    plain.then(|| format!("A/RES/{session}/{number}"))
}

/// The language a zip's name names (`GA resolutions_74session_English`).
fn lang_in_name(stem: &str) -> Option<Language> {
    let lower = stem.to_ascii_lowercase();
    Language::ALL
        .into_iter()
        .find(|l| lower.contains(&l.name().to_ascii_lowercase()))
}

/// Largest member read from a zip, as for any input.
const MAX_MEMBER_BYTES: u64 = crate::ingest::MAX_INPUT_BYTES;

/// Find the edition's member in a session zip: its name and bytes.
pub fn find_in_zip(zip: &[u8], symbol: &Symbol) -> Result<Option<(String, Vec<u8>)>, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip))
        .map_err(|e| format!("the session archive is not a readable zip ({e})"))?;
    let mut found = None;
    for i in 0..archive.len() {
        let name = match archive.by_index_raw(i) {
            Ok(f) => f.name().to_string(),
            Err(_) => continue,
        };
        let file = name.rsplit('/').next().unwrap_or(&name);
        let Some(stem) = file.strip_suffix(".xml") else {
            continue;
        };
        if ga_symbol_of_stem(stem).as_deref() == Some(symbol.as_str()) {
            found = Some(i);
            break;
        }
    }
    let Some(i) = found else { return Ok(None) };
    let f = archive
        .by_index(i)
        .map_err(|e| format!("cannot read from the session archive ({e})"))?;
    let name = f.name().to_string();
    let mut bytes = Vec::new();
    f.take(MAX_MEMBER_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot unpack {name} ({e})"))?;
    Ok(Some((name, bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_of_every_layout() {
        let cases = [
            ("A_RES_76_186-2119241E", Some("A/RES/76/186")),
            ("A_RES_76_16_reissue", Some("A/RES/76/16")),
            ("A_RES_76_23-2118258E-reissue", Some("A/RES/76/23")),
            ("A_RES_76_1_E", Some("A/RES/76/1")),
            ("74_176", Some("A/RES/74/176")),
            ("74_176_A", Some("A/RES/74/176")),
            ("74_232B_E", Some("A/RES/74/232 B")),
            ("75_100_E", Some("A/RES/75/100")),
            ("75_251_B_E", Some("A/RES/75/251 B")),
            ("75_290 A_E", Some("A/RES/75/290 A")),
            ("A_RES_75_242 B-2108986E", Some("A/RES/75/242 B")),
            ("A_RES_79_258B-2506215E", Some("A/RES/79/258 B")),
            ("A_RES_S-32_1-2107229E", Some("A/RES/S-32/1")),
            ("A_RES_80_236AB-2521243E", None),
            ("75_101A-B_E", None),
            ("readme", None),
        ];
        for (stem, want) in cases {
            assert_eq!(ga_symbol_of_stem(stem).as_deref(), want, "{stem}");
        }
    }

    const LISTING: &str = r#"{"sha":"x","tree":[
        {"path":"74session","type":"tree"},
        {"path":"74session/GA resolutions_74session_English.zip","type":"blob"},
        {"path":"74session/GA resolutions_74session_Arabic.zip","type":"blob"},
        {"path":"76session/English/A_RES_76_186-2119241E.xml","type":"blob"},
        {"path":"76session/English/A_RES_76_16-2117000E.xml","type":"blob"},
        {"path":"76session/English/A_RES_76_16_reissue.xml","type":"blob"},
        {"path":"76session/Arabic/A_RES_76_186-2119241A.xml","type":"blob"},
        {"path":"2729 (2024)session/English/S_RES_2729-2407697E.xml","type":"blob"},
        {"path":"README.md","type":"blob"}
    ],"truncated":false}"#;

    #[test]
    fn listing_to_locations() {
        let idx = AknIndex::from_listing(LISTING.as_bytes(), "L", 1).unwrap();
        let loc = |s: &str, l| idx.locate(&Symbol::parse(s).unwrap(), l);
        assert_eq!(
            loc("A/RES/76/186", Language::Ar),
            Some(Location::File(
                "76session/Arabic/A_RES_76_186-2119241A.xml".into()
            ))
        );
        assert_eq!(
            loc("76/16", Language::En),
            Some(Location::File(
                "76session/English/A_RES_76_16_reissue.xml".into()
            ))
        );
        assert_eq!(
            loc("A/RES/74/176", Language::En),
            Some(Location::Zip(
                "74session/GA resolutions_74session_English.zip".into()
            ))
        );
        assert_eq!(loc("A/RES/74/176", Language::Fr), None);
        assert_eq!(loc("A/RES/76/186", Language::Zh), None);
        assert_eq!(
            loc("S/RES/2729(2024)", Language::En),
            Some(Location::File(
                "2729 (2024)session/English/S_RES_2729-2407697E.xml".into()
            ))
        );
    }

    #[test]
    fn bad_listing_is_a_clear_error() {
        let e = AknIndex::from_listing(b"<html>rate limited</html>", "L", 0).unwrap_err();
        assert!(e.contains("GitHub tree API"), "{e}");
    }

    #[test]
    fn cache_round_trip_and_mirror_check() {
        let dir = tempfile::tempdir().unwrap();
        let idx = AknIndex::from_listing(LISTING.as_bytes(), "L", 7).unwrap();
        idx.save_cache(dir.path()).unwrap();
        assert_eq!(AknIndex::load_cache(dir.path(), "L"), Some(idx));
        assert_eq!(AknIndex::load_cache(dir.path(), "other mirror"), None);
        let ignore = std::fs::read_to_string(dir.path().join(".cache/.gitignore")).unwrap();
        assert_eq!(ignore, "*\n");
    }

    #[test]
    fn zip_members_are_found_by_name() {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let o = zip::write::SimpleFileOptions::default();
            w.start_file("Arabic/74_175_A.xml", o).unwrap();
            w.write_all(b"<akomaNtoso/> (synthetic 175)").unwrap();
            w.start_file("Arabic/74_176_A.xml", o).unwrap();
            w.write_all(b"<akomaNtoso/> (synthetic 176)").unwrap();
            w.finish().unwrap();
        }
        let zip = buf.into_inner();
        let (name, bytes) = find_in_zip(&zip, &Symbol::parse("74/176").unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(name, "Arabic/74_176_A.xml");
        assert!(bytes.ends_with(b"176)"));
        assert_eq!(
            find_in_zip(&zip, &Symbol::parse("74/1").unwrap()).unwrap(),
            None
        );
        assert!(find_in_zip(b"not a zip", &Symbol::parse("74/1").unwrap()).is_err());
    }
}
