//! The UN Official Document System (documents.un.org): every document by
//! symbol, `/api/symbol/access?s=<SYMBOL>&l=<E|F|S|R|A|C>&t=doc|pdf`. The
//! answer is a redirect to the file; an unpublished symbol answers 200 with
//! an empty body; `t=doc` may give PDF, legacy DOC or DOCX — so the bytes
//! are sniffed, and neither the status nor the content type is trusted.

use crate::model::Language;

use super::symbol::Symbol;

/// What to ask ODS for, in order: Word first (its paragraphs and numbering
/// read more reliably than text extracted from a PDF), then PDF.
pub const KINDS: [&str; 2] = ["doc", "pdf"];

/// The access URL of a symbol in a language.
pub fn access_url(base: &str, symbol: &Symbol, lang: Language, kind: &str) -> String {
    format!(
        "{}/api/symbol/access?s={}&l={}&t={kind}",
        base.trim_end_matches('/'),
        percent_encode(&symbol.un_form()),
        lang.ods_code()
    )
}

/// Percent-encode a query value: everything but unreserved characters
/// (RFC 3986), so `/`, spaces and parentheses survive the trip.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-encode a path, keeping its `/` separators.
pub fn encode_path(path: &str) -> String {
    path.split('/')
        .map(percent_encode)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_urls() {
        let s = Symbol::parse("S/RES/2719 (2024)").unwrap();
        assert_eq!(
            access_url("https://documents.un.org/", &s, Language::Fr, "pdf"),
            "https://documents.un.org/api/symbol/access?s=S%2FRES%2F2719%20%282024%29&l=F&t=pdf"
        );
        let s = Symbol::parse("A/RES/78/228").unwrap();
        assert_eq!(
            access_url("http://127.0.0.1:9", &s, Language::Zh, "doc"),
            "http://127.0.0.1:9/api/symbol/access?s=A%2FRES%2F78%2F228&l=C&t=doc"
        );
    }

    #[test]
    fn paths_keep_slashes() {
        assert_eq!(
            encode_path("74session/GA resolutions_74session_English.zip"),
            "74session/GA%20resolutions_74session_English.zip"
        );
    }
}
