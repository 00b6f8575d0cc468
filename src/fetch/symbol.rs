//! UN document symbols as the user types them (`A/RES/78/228`, `78/228`,
//! `S/RES/2719 (2024)`, `S/2016/1061`, `A/C.3/78/L.12/Rev.1`): checked and
//! written in one canonical spelling before anything is asked of a server,
//! so a typo fails at once with a clear message instead of a network error.

use std::fmt;

use once_cell::sync::Lazy;
use regex::Regex;

use crate::model::Language;
use crate::store::refs;

/// A checked document symbol in canonical spelling, which is also the
/// spelling the store files it under. The store's file names allow no
/// spaces, so a Security Council resolution is `S/RES/2719(2024)` here and
/// `S/RES/2719 (2024)` ([`Symbol::un_form`]) when asking the UN.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Symbol(String);

/// General Assembly resolutions: `A/RES/78/228`, `A/RES/75/242 B`,
/// `A/RES/S-32/1`, `A/RES/ES-11/1`.
static GA_RES: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^A/RES/((?:ES-|S-)?\d{1,3})/(\d{1,4})(?: ([A-H]))?$").unwrap());

/// Security Council resolutions: `S/RES/2719 (2024)` (the year may be left out).
static SC_RES: Lazy<Regex> = Lazy::new(|| Regex::new(r"^S/RES/\d{1,5}(?: \(\d{4}\))?$").unwrap());

/// Any other document: an organ, then `/`-separated parts each starting with
/// a letter or digit (`S/2016/1061`, `A/C.3/78/L.12/Rev.1`, `E/2023/31`).
static OTHER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:A|S|E|ST|UNEP|TD|DP)(?:/[A-Z0-9][A-Za-z0-9.\-]*){1,6}(?: \(\d{4}\))?$")
        .unwrap()
});

/// Parts of a symbol that the UN writes in mixed case.
const MIXED_CASE_PARTS: [(&str, &str); 4] = [
    ("REV.", "Rev."),
    ("ADD.", "Add."),
    ("CORR.", "Corr."),
    ("AMEND.", "Amend."),
];

impl Symbol {
    /// Check and normalise a symbol. Accepts `78/228` and `A-RES-78-228` as
    /// short forms of `A/RES/78/228`, any letter case, and extra spaces.
    pub fn parse(input: &str) -> Result<Symbol, String> {
        let collapsed = input.split_whitespace().collect::<Vec<_>>().join(" ");
        let expanded = refs::expand_symbol(&collapsed.to_ascii_uppercase());
        let mut s = expanded
            .split('/')
            .map(|part| {
                let mut p = part.to_string();
                for (upper, mixed) in MIXED_CASE_PARTS {
                    if let Some(rest) = p.strip_prefix(upper) {
                        p = format!("{mixed}{rest}");
                    }
                }
                p
            })
            .collect::<Vec<_>>()
            .join("/");
        // `S/RES/2719(2024)` → `S/RES/2719 (2024)` for checking.
        if let Some(i) = s.find('(') {
            if i > 0 && !s[..i].ends_with(' ') {
                s.insert(i, ' ');
            }
        }
        let bad = || {
            format!(
                "'{}' is not a UN document symbol; write it as the UN does, e.g. A/RES/78/228, \
                 78/228, S/RES/2719 (2024) or S/2016/1061",
                input.trim()
            )
        };
        let ok = if s.starts_with("A/RES/") {
            GA_RES.is_match(&s)
        } else if s.starts_with("S/RES/") {
            SC_RES.is_match(&s)
        } else {
            OTHER.is_match(&s) && s.chars().any(|c| c.is_ascii_digit())
        };
        if !ok {
            return Err(bad());
        }
        let stored = s.replace(" (", "(");
        refs::symbol_slug(&stored)
            .map_err(|e| format!("{s}: the version store cannot file this symbol yet ({e})"))?;
        Ok(Symbol(stored))
    }

    /// The spelling the UN uses (`S/RES/2719 (2024)`), for the document system.
    pub fn un_form(&self) -> String {
        self.0.replace('(', " (")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `(session, number, part)` of a General Assembly resolution.
    pub fn ga_resolution(&self) -> Option<(String, u32, Option<char>)> {
        let c = GA_RES.captures(&self.0)?;
        Some((
            c[1].to_string(),
            c[2].parse().ok()?,
            c.get(3).and_then(|m| m.as_str().chars().next()),
        ))
    }

    /// Whether a symbol a document states names this document (case, spacing
    /// and `78/228`-style short forms aside).
    pub fn same_as(&self, stated: &str) -> bool {
        Symbol::parse(stated).is_ok_and(|s| s == *self)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parse a `--lang` list for fetching: `en`, `en,ar`, `all`.
pub fn parse_languages(s: &str) -> Result<Vec<Language>, String> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("all") {
        return Ok(Language::ALL.to_vec());
    }
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let l: Language = part
            .to_ascii_lowercase()
            .parse()
            .map_err(|e| format!("--lang {s}: {e}; give codes such as en,ar or all"))?;
        if !out.contains(&l) {
            out.push(l);
        }
    }
    if out.is_empty() {
        return Err("--lang is empty; give codes such as en,ar or all".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        Symbol::parse(s).unwrap().to_string()
    }

    #[test]
    fn canonical_spellings() {
        assert_eq!(ok("A/RES/78/228"), "A/RES/78/228");
        assert_eq!(ok(" a/res/78/228 "), "A/RES/78/228");
        assert_eq!(ok("78/228"), "A/RES/78/228");
        assert_eq!(ok("A-RES-76-186"), "A/RES/76/186");
        assert_eq!(ok("S/RES/2719(2024)"), "S/RES/2719(2024)");
        assert_eq!(ok("S/RES/2719 (2024)"), "S/RES/2719(2024)");
        assert_eq!(Symbol::parse("S/RES/2719").unwrap().un_form(), "S/RES/2719");
        assert_eq!(
            Symbol::parse("s/res/2719(2024)").unwrap().un_form(),
            "S/RES/2719 (2024)"
        );
        assert_eq!(ok("s/2016/1061"), "S/2016/1061");
        assert_eq!(ok("a/c.3/78/l.12/rev.1"), "A/C.3/78/L.12/Rev.1");
    }

    #[test]
    fn bad_symbols_say_what_to_write() {
        for bad in [
            "",
            "A/RES/78",
            "A/RES/seventy/1",
            "hello",
            "A/RES/78/228/extra",
            "../../etc/passwd",
            "X/1/2",
            "A/RES/78/228 (2024) B",
        ] {
            let e = Symbol::parse(bad).unwrap_err();
            assert!(e.contains("not a UN document symbol"), "{bad}: {e}");
            assert!(e.contains("A/RES/78/228"), "{e}");
        }
    }

    #[test]
    fn symbols_with_parts_and_special_sessions_are_filed() {
        for s in ["A/RES/75/242 B", "A/RES/S-32/1", "A/RES/ES-11/1"] {
            let sym = Symbol::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(sym.as_str(), s);
            let slug = refs::symbol_slug(sym.as_str()).unwrap();
            assert_eq!(refs::symbol_of_slug(&slug), s);
        }
    }

    #[test]
    fn ga_parts() {
        let s = Symbol::parse("A/RES/75/242").unwrap();
        assert_eq!(s.ga_resolution(), Some(("75".into(), 242, None)));
        assert_eq!(Symbol::parse("S/2016/1061").unwrap().ga_resolution(), None);
        assert!(Symbol::parse("A/RES/78/228")
            .unwrap()
            .same_as("a/res/78/228"));
        assert!(!Symbol::parse("A/RES/78/228")
            .unwrap()
            .same_as("A/RES/78/229"));
    }

    #[test]
    fn language_lists() {
        assert_eq!(parse_languages("en").unwrap(), [Language::En]);
        assert_eq!(
            parse_languages("en, AR,en").unwrap(),
            [Language::En, Language::Ar]
        );
        assert_eq!(parse_languages("all").unwrap().len(), 6);
        assert!(parse_languages("en,xx").unwrap_err().contains("--lang"));
        assert!(parse_languages(",").is_err());
    }
}
