//! The canonical edition file (docs/FORMAT.md): the form in which the store
//! keeps an edition — a `key: value` header, one unit per line, footnotes
//! after — made to be read by people, edited by hand and diffed line by line.
//!
//! [`render`] is the only writer; `crate::ingest::canonical::parse` is the
//! reader, and `parse(render(e)) == e` for every edition (property-tested there).

use crate::model::Edition;

/// First line of every canonical file; the reader sniffs it.
pub const MAGIC: &str = "resdiff-edition: 1";

/// Escape a value or unit text so that it fits on one line and reads back
/// unchanged: `\` `\n` `\t` `\r` are escaped everywhere, a space at either
/// end becomes `\s`, and a leading `[` or `(` (which would look like a
/// footnote citation or a citing unit) becomes `\[` / `\(`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let last = text.chars().count().saturating_sub(1);
    for (i, c) in text.chars().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ' ' if i == 0 || i == last => out.push_str("\\s"),
            '[' | '(' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The canonical file of an edition, as bytes ready to write (UTF-8, LF,
/// ending in a newline).
pub fn render(ed: &Edition) -> String {
    let mut s = String::new();
    let mut line = |k: &str, v: &str| {
        s.push_str(k);
        s.push_str(": ");
        s.push_str(&escape(v));
        s.push('\n');
    };
    line("resdiff-edition", "1");
    let f = &ed.facts;
    if let Some(v) = &f.symbol {
        line("symbol", v);
    }
    line("language", ed.language.code());
    if let Some(v) = &f.organ {
        line("organ", v.as_str());
    }
    if let Some(v) = f.session {
        line("session", &v.to_string());
    }
    for v in &f.agenda_items {
        line("agenda-item", v);
    }
    if let Some(v) = &f.adopted {
        line("adopted", v);
    }
    if let Some(v) = &f.report {
        line("report", v);
    }
    if let Some(v) = &f.report_paragraph {
        line("report-paragraph", v);
    }
    if let Some(v) = &f.draft {
        line("draft", v);
    }
    if let Some(v) = &f.title {
        line("title", v);
    }
    if let Some(v) = ed.damage {
        line("damage", &v.to_string());
    }
    for w in &ed.warnings {
        line("warning", w);
    }
    s.push('\n');
    for u in &ed.units {
        s.push_str(&u.id.to_string());
        if !u.footnotes.is_empty() {
            let nums: Vec<String> = u.footnotes.iter().map(|n| n.to_string()).collect();
            s.push_str(" [^");
            s.push_str(&nums.join(","));
            s.push(']');
        }
        s.push('\t');
        s.push_str(&escape(&u.text));
        s.push('\n');
    }
    if !ed.footnotes.is_empty() {
        s.push('\n');
        for n in &ed.footnotes {
            s.push_str(&format!("[^{}]", n.number));
            if let Some(u) = &n.unit {
                s.push_str(&format!(" ({u})"));
            }
            s.push('\t');
            s.push_str(&escape(&n.text));
            s.push('\n');
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_not_read_back() {
        assert_eq!(escape("a\\b\nc\td"), "a\\\\b\\nc\\td");
        assert_eq!(escape(" x "), "\\sx\\s");
        assert_eq!(escape("(a) x"), "\\(a) x");
        assert_eq!(escape("[^1] x"), "\\[^1] x");
        assert_eq!(escape("x (a) [b]"), "x (a) [b]");
    }
}
