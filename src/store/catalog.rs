//! The catalogue, `catalog.toml` at the root of the store: which series exist
//! and, for each edition, the facts a reader cannot always find in the text
//! (adoption date, meeting, vote, sources). It decides the adoption order
//! every history command walks in.
//!
//! The file is written by people (comments welcome); the tool only ever
//! appends an `[[edition]]` block (and a `[series.NAME]` table for a new
//! series) when it imports an edition the catalogue does not list, so hand
//! edits and comments survive. Unknown facts are left out, never guessed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::StoreError;

/// File name of the catalogue inside the store.
pub const CATALOG_FILE: &str = "catalog.toml";

/// The whole catalogue.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Series by slug (`trafficking-coordination`).
    #[serde(default)]
    pub series: BTreeMap<String, Series>,
    /// Editions, in any order (see [`Catalog::editions_of`] for adoption order).
    #[serde(default, rename = "edition")]
    pub editions: Vec<CatalogEdition>,
}

/// A recurring resolution.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub title: Option<String>,
    pub organ: Option<String>,
    pub committee: Option<String>,
    pub notes: Option<String>,
}

/// One edition's facts. Only `symbol` and `series` are required.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogEdition {
    pub symbol: String,
    pub series: String,
    /// ISO date `YYYY-MM-DD`.
    pub adopted: Option<String>,
    /// Plenary meeting number.
    pub plenary: Option<u32>,
    pub session: Option<u32>,
    pub agenda_item: Option<String>,
    /// Committee report symbol.
    pub report: Option<String>,
    pub report_paragraph: Option<String>,
    /// Draft symbol.
    pub draft: Option<String>,
    /// `without a vote`, or `recorded vote 139-3-38`.
    pub vote: Option<String>,
    /// Where the texts were obtained (addresses).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Catalog {
    /// Parse and check the catalogue text. Errors name the line.
    pub fn parse(text: &str) -> Result<Catalog, StoreError> {
        let cat: Catalog = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let msg = e.message().trim().to_string();
            match line {
                Some(l) => StoreError::Catalog(format!("line {l}: {msg}")),
                None => StoreError::Catalog(msg),
            }
        })?;
        cat.check()?;
        Ok(cat)
    }

    /// Every edition names a known series, appears once, and has a well-formed date.
    pub fn check(&self) -> Result<(), StoreError> {
        let mut seen = std::collections::HashSet::new();
        for e in &self.editions {
            if !self.series.contains_key(&e.series) {
                return Err(StoreError::Catalog(format!(
                    "edition {} names series '{}', which has no [series.{}] table",
                    e.symbol, e.series, e.series
                )));
            }
            if !seen.insert(e.symbol.as_str()) {
                return Err(StoreError::Catalog(format!(
                    "edition {} is listed twice",
                    e.symbol
                )));
            }
            super::refs::symbol_slug(&e.symbol)
                .map_err(|m| StoreError::Catalog(format!("edition '{}': {m}", e.symbol)))?;
            if let Some(d) = &e.adopted {
                if !is_iso_date(d) {
                    return Err(StoreError::Catalog(format!(
                        "edition {}: adopted = \"{d}\" is not a date YYYY-MM-DD",
                        e.symbol
                    )));
                }
            }
        }
        for s in self.series.keys() {
            super::refs::check_name(s, "series").map_err(|m| StoreError::Catalog(m.to_string()))?;
        }
        Ok(())
    }

    pub fn edition(&self, symbol: &str) -> Option<&CatalogEdition> {
        self.editions.iter().find(|e| e.symbol == symbol)
    }

    /// Editions of a series in adoption order.
    pub fn editions_of(&self, series: &str) -> Vec<&CatalogEdition> {
        let mut v: Vec<&CatalogEdition> = self
            .editions
            .iter()
            .filter(|e| e.series == series)
            .collect();
        v.sort_by_key(|e| adoption_key(e.adopted.as_deref(), e.session, &e.symbol));
        v
    }
}

/// Sort key for adoption order: date, then session, then the symbol's numbers.
pub fn adoption_key(
    adopted: Option<&str>,
    session: Option<u32>,
    symbol: &str,
) -> (String, u32, Vec<u32>) {
    let nums = symbol
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|p| p.parse().ok())
        .collect();
    (
        adopted.unwrap_or("9999").to_string(),
        session.unwrap_or(u32::MAX),
        nums,
    )
}

fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The text to append to the catalogue for a new edition (and its series,
/// when `new_series` is set).
pub fn append_text(entry: &CatalogEdition, new_series: bool) -> Result<String, StoreError> {
    #[derive(Serialize)]
    struct One<'a> {
        edition: [&'a CatalogEdition; 1],
    }
    let mut s = String::new();
    if new_series {
        s.push_str(&format!("\n[series.{}]\n", entry.series));
    }
    s.push('\n');
    s.push_str(
        &toml::to_string(&One { edition: [entry] })
            .map_err(|e| StoreError::Catalog(format!("cannot write an entry: {e}")))?,
    );
    Ok(s)
}

/// The catalogue text with `line` added to the `sources` of `symbol`'s
/// entry. Edits that one array in place (`toml_edit`), so comments and
/// hand formatting elsewhere survive.
pub fn add_source(text: &str, symbol: &str, line: &str) -> Result<String, StoreError> {
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| StoreError::Catalog(format!("cannot edit the catalogue ({e})")))?;
    let entries = doc
        .get_mut("edition")
        .and_then(|e| e.as_array_of_tables_mut())
        .ok_or_else(|| StoreError::Catalog(format!("no [[edition]] block for {symbol}")))?;
    let entry = entries
        .iter_mut()
        .find(|t| t.get("symbol").and_then(|s| s.as_str()) == Some(symbol))
        .ok_or_else(|| StoreError::Catalog(format!("no [[edition]] block for {symbol}")))?;
    let sources = entry
        .entry("sources")
        .or_insert_with(|| toml_edit::value(toml_edit::Array::new()));
    let array = sources.as_array_mut().ok_or_else(|| {
        StoreError::Catalog(format!(
            "edition {symbol}: sources must be a list of strings"
        ))
    })?;
    if !array.iter().any(|v| v.as_str() == Some(line)) {
        array.push(line);
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
# synthetic
[series.demo]
title = "Synthetic series"

[[edition]]
symbol = "A/RES/2/2"
series = "demo"
adopted = "2002-01-01"

[[edition]]
symbol = "A/RES/1/1"
series = "demo"
adopted = "2001-01-01"
"#;

    #[test]
    fn parses_and_orders_by_adoption() {
        let c = Catalog::parse(SAMPLE).unwrap();
        let order: Vec<&str> = c
            .editions_of("demo")
            .iter()
            .map(|e| e.symbol.as_str())
            .collect();
        assert_eq!(order, ["A/RES/1/1", "A/RES/2/2"]);
    }

    #[test]
    fn appended_entry_keeps_comments_and_parses() {
        let e = CatalogEdition {
            symbol: "A/RES/3/3".into(),
            series: "other".into(),
            session: Some(3),
            ..Default::default()
        };
        let text = format!("{SAMPLE}{}", append_text(&e, true).unwrap());
        assert!(text.contains("# synthetic"));
        let c = Catalog::parse(&text).unwrap();
        assert_eq!(c.edition("A/RES/3/3").unwrap().session, Some(3));
        assert!(c.series.contains_key("other"));
    }

    #[test]
    fn sources_are_added_in_place() {
        let text = add_source(SAMPLE, "A/RES/1/1", "en: http://x/1.xml").unwrap();
        let text = add_source(&text, "A/RES/1/1", "fr: http://x/1f.xml").unwrap();
        let text = add_source(&text, "A/RES/1/1", "fr: http://x/1f.xml").unwrap();
        assert!(text.contains("# synthetic"), "{text}");
        let c = Catalog::parse(&text).unwrap();
        assert_eq!(
            c.edition("A/RES/1/1").unwrap().sources,
            ["en: http://x/1.xml", "fr: http://x/1f.xml"]
        );
        assert!(c.edition("A/RES/2/2").unwrap().sources.is_empty());
        assert!(add_source(SAMPLE, "A/RES/9/9", "en: x").is_err());
    }

    #[test]
    fn errors_are_clear() {
        let e =
            Catalog::parse("[[edition]]\nsymbol = \"A/RES/1/1\"\nseries = \"nope\"\n").unwrap_err();
        assert!(e.to_string().contains("series 'nope'"), "{e}");
        let e = Catalog::parse("[series.a]\n\n[[edition]]\nsymbol = 3\n").unwrap_err();
        assert!(e.to_string().contains("line 4"), "{e}");
        let e = Catalog::parse("[series.a]\n[[edition]]\nsymbol = \"../../etc\"\nseries = \"a\"\n")
            .unwrap_err();
        assert!(e.to_string().contains("../../etc"), "{e}");
    }
}
