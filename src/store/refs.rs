//! References to stored editions, as the user types them, and the safe file
//! names they map to.
//!
//! | form | meaning |
//! |---|---|
//! | `A/RES/76/186`, `76/186` | the edition in the language given by `--lang` (or the only stored one) |
//! | `A/RES/76/186@ar`, `76/186@ar` | the Arabic edition |
//! | `draft:NAME` | the draft's working file (with unsaved edits) |
//! | `draft:NAME~2` | the draft two saved revisions back (`~1` the one before the last saved) |
//! | `REF:OP5(a)` | one unit of an edition (show, history) |
//!
//! `76/186` is short for a General Assembly resolution, `A/RES/76/186`.
//! Symbols become file names by replacing `/` with `-` (`A-RES-76-186`);
//! a symbol that could escape the store (`..`, a leading `/`, a back-slash)
//! is refused.

use std::fmt;

use crate::model::{Language, UnitId};

/// A parsed reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    Edition {
        symbol: String,
        lang: Option<Language>,
    },
    Draft {
        name: String,
        /// How many saved revisions back; 0 = the working file.
        back: usize,
    },
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reference::Edition {
                symbol,
                lang: Some(l),
            } => write!(f, "{symbol}@{l}"),
            Reference::Edition { symbol, lang: None } => f.write_str(symbol),
            Reference::Draft { name, back: 0 } => write!(f, "draft:{name}"),
            Reference::Draft { name, back } => write!(f, "draft:{name}~{back}"),
        }
    }
}

/// Parse a reference (without a `:UNIT` suffix).
pub fn parse(s: &str) -> Result<Reference, String> {
    let s = s.trim();
    if let Some(rest) = s.strip_prefix("draft:") {
        let (name, back) = match rest.split_once('~') {
            Some((n, b)) => (
                n,
                b.parse::<usize>().map_err(|_| {
                    format!("'{s}': the revision after '~' must be a number, as in draft:NAME~2")
                })?,
            ),
            None => (rest, 0),
        };
        check_name(name, "draft")?;
        return Ok(Reference::Draft {
            name: name.to_string(),
            back,
        });
    }
    let (sym, lang) = match s.rsplit_once('@') {
        Some((sym, l)) => (
            sym,
            Some(l.parse::<Language>().map_err(|e| format!("'{s}': {e}"))?),
        ),
        None => (s, None),
    };
    let symbol = expand_symbol(sym);
    symbol_slug(&symbol).map_err(|e| format!("'{s}': {e}"))?;
    Ok(Reference::Edition { symbol, lang })
}

/// `76/186` → `A/RES/76/186`; `A-RES-76-186` → `A/RES/76/186`; others unchanged.
pub fn expand_symbol(s: &str) -> String {
    let parts: Vec<&str> = s.split('/').collect();
    if parts.len() == 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return format!("A/RES/{s}");
    }
    if s.starts_with("A-RES-") && !s.contains('/') {
        return symbol_of_slug(s);
    }
    s.to_string()
}

/// Split `REF:UNIT` into the reference and the unit id, when the part after
/// the last `:` is a unit id (`draft:x` alone is not split).
pub fn split_unit(s: &str) -> (&str, Option<UnitId>) {
    if let Some((r, u)) = s.rsplit_once(':') {
        if let Ok(id) = u.parse::<UnitId>() {
            if !r.is_empty() {
                return (r, Some(id));
            }
        }
    }
    (s, None)
}

/// Endings that mark a file name, never a symbol.
const FILE_EXTENSIONS: [&str; 7] = [".xml", ".pdf", ".txt", ".docx", ".html", ".htm", ".doc"];

/// Whether a string looks like a reference rather than a file name.
pub fn looks_like_reference(s: &str) -> bool {
    let (r, _) = split_unit(s);
    let lower = r.to_ascii_lowercase();
    if FILE_EXTENSIONS.iter().any(|x| lower.ends_with(x)) {
        return false;
    }
    // A bad language after `@` is still a reference (its error explains the language).
    let sym = r.rsplit_once('@').map_or(r, |(s, _)| s);
    r.starts_with("draft:")
        || parse(sym)
            .is_ok_and(|p| matches!(&p, Reference::Edition { symbol, .. } if symbol.contains('/')))
}

/// The file-name form of a symbol (`A/RES/76/186` → `A-RES-76-186`), or why
/// the symbol cannot be stored. The form is also the git tag, and it can be
/// turned back into the symbol ([`symbol_of_slug`]): `/` becomes `-`, a
/// hyphen of the symbol `--`, a space `+` (`A/RES/74/92 A-B` →
/// `A-RES-74-92+A--B`, `A/RES/S-32/1` → `A-RES-S--32-1`).
pub fn symbol_slug(symbol: &str) -> Result<String, String> {
    let bad = |why: &str| {
        Err(format!(
            "'{symbol}' is not a document symbol the store accepts: {why}"
        ))
    };
    if symbol.is_empty() || symbol.len() > 100 {
        return bad("it must be 1 to 100 characters, like A/RES/76/186");
    }
    if symbol.starts_with('/') || symbol.contains('\\') {
        return bad("a symbol may not start with '/' or contain '\\' (it would name a path)");
    }
    for part in symbol.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.starts_with('.') {
            return bad("empty, '.' and '..' parts would leave the store folder; write it like A/RES/76/186");
        }
        // A part never starts or ends with a hyphen or a space, so the
        // file-name form never holds three hyphens in a row and reads back.
        if part.starts_with(['-', ' ']) || part.ends_with(['-', ' ']) {
            return bad("a part between '/' may not start or end with '-' or a space");
        }
    }
    if symbol.contains("--") || symbol.contains("  ") {
        return bad("'--' and double spaces are not part of a document symbol");
    }
    if !symbol
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '(' | ')' | '_' | '-' | ' '))
    {
        return bad("only letters, digits, spaces and / . ( ) _ - are allowed");
    }
    if !symbol.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return bad("it must start with a letter or digit");
    }
    let mut slug = String::with_capacity(symbol.len() + 4);
    for c in symbol.chars() {
        match c {
            '/' => slug.push('-'),
            '-' => slug.push_str("--"),
            ' ' => slug.push('+'),
            c => slug.push(c),
        }
    }
    Ok(slug)
}

/// The symbol a file-name form stands for: the inverse of [`symbol_slug`].
pub fn symbol_of_slug(slug: &str) -> String {
    let mut out = String::with_capacity(slug.len());
    let mut chars = slug.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                out.push('-');
            }
            '-' => out.push('/'),
            '+' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A series or draft name: letters, digits, `-` and `_`, starting with a letter or digit.
pub fn check_name(name: &str, what: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 80
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{name}' is not a valid {what} name: use letters, digits, '-' and '_' (e.g. my-{what})"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms() {
        assert_eq!(
            parse("76/186@ar").unwrap(),
            Reference::Edition {
                symbol: "A/RES/76/186".into(),
                lang: Some(Language::Ar)
            }
        );
        assert_eq!(
            parse("A/RES/76/186").unwrap(),
            Reference::Edition {
                symbol: "A/RES/76/186".into(),
                lang: None
            }
        );
        assert_eq!(
            parse("draft:next~2").unwrap(),
            Reference::Draft {
                name: "next".into(),
                back: 2
            }
        );
        assert!(parse("draft:../x").is_err());
        assert!(parse("76/186@de").is_err());
    }

    #[test]
    fn unit_suffix() {
        let (r, u) = split_unit("76/186@en:OP5(a)");
        assert_eq!(r, "76/186@en");
        assert_eq!(u.unwrap().to_string(), "OP5(a)");
        assert_eq!(split_unit("draft:x"), ("draft:x", None));
        assert_eq!(split_unit("draft:x:PP2").0, "draft:x");
    }

    #[test]
    fn traversal_is_refused() {
        for s in [
            "../../etc",
            "A/../../x",
            "/etc/passwd",
            "A\\B",
            ".hidden",
            "A//B",
            "",
        ] {
            assert!(symbol_slug(s).is_err(), "{s}");
        }
        assert_eq!(
            symbol_slug("A/C.3/76/L.10/Rev.1").unwrap(),
            "A-C.3-76-L.10-Rev.1"
        );
        for s in [
            "A/RES/74/92 A-",
            "A/RES/S--32/1",
            "A/RES/74/92  A",
            "A/RES/-1/2",
        ] {
            assert!(symbol_slug(s).is_err(), "{s}");
        }
    }

    #[test]
    fn symbols_with_parts_and_hyphens_read_back_from_their_file_names() {
        for (symbol, slug) in [
            ("A/RES/76/186", "A-RES-76-186"),
            ("A/RES/74/92 A-B", "A-RES-74-92+A--B"),
            ("A/RES/74/232 B", "A-RES-74-232+B"),
            ("A/RES/S-32/1", "A-RES-S--32-1"),
            ("A/RES/ES-11/1", "A-RES-ES--11-1"),
            ("S/RES/2719(2024)", "S-RES-2719(2024)"),
        ] {
            assert_eq!(symbol_slug(symbol).unwrap(), slug);
            assert_eq!(symbol_of_slug(slug), symbol);
        }
    }

    #[test]
    fn references_versus_paths() {
        assert!(looks_like_reference("76/186"));
        assert!(looks_like_reference("A/RES/76/186@ar:OP2"));
        assert!(looks_like_reference("draft:x"));
        assert!(looks_like_reference("76/186@de"));
        assert!(!looks_like_reference("file.xml"));
        assert!(!looks_like_reference("no/such/file.xml"));
    }
}
