//! Reader of the store's canonical edition file (docs/FORMAT.md), the format
//! written by [`crate::render::canonical::render`].
//!
//! The file is meant to be edited by hand, so every error names the line and
//! says what the line should look like. Reading a file the writer produced
//! and writing it back gives the same bytes.

use crate::model::{Edition, Footnote, Language, SourceFormat, Unit, UnitId};
use crate::render::canonical::MAGIC;

use super::{ErrorKind, ReadOptions};

/// Parse canonical text. `source` becomes [`Edition::source`]; the format is
/// [`SourceFormat::Canonical`]. The language stated in the file wins over
/// `opts.lang`.
pub fn parse(text: &str, source: &str, _opts: &ReadOptions) -> Result<Edition, ErrorKind> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split('\n').enumerate().map(|(i, l)| (i + 1, l));
    let bad = |n: usize, msg: String| ErrorKind::Other(format!("line {n}: {msg}"));
    match lines.next() {
        Some((_, l)) if l.trim_end() == MAGIC => {}
        _ => {
            return Err(bad(
                1,
                format!("a canonical edition file starts with the line '{MAGIC}'"),
            ))
        }
    }
    let mut ed = Edition::new(source, SourceFormat::Canonical, Language::En);
    let mut language: Option<Language> = None;
    // Header: `key: value` lines up to the first blank line.
    for (n, raw) in lines.by_ref() {
        let line = raw.trim_end_matches([' ', '\t']);
        if line.is_empty() {
            break;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(bad(
                n,
                format!(
                    "'{line}' is not a 'key: value' header line (end the header with a blank line)"
                ),
            ));
        };
        let value = unescape(value.trim_start_matches([' ', '\t'])).map_err(|m| bad(n, m))?;
        let f = &mut ed.facts;
        match key.trim() {
            "symbol" => f.symbol = Some(value),
            "language" => {
                language = Some(value.parse().map_err(|m: String| bad(n, m))?);
            }
            "organ" => f.organ = value.parse().ok(),
            "session" => {
                f.session = Some(value.parse().map_err(|_| {
                    bad(n, format!("session '{value}' is not a number"))
                })?)
            }
            "agenda-item" => f.agenda_items.push(value),
            "adopted" => f.adopted = Some(value),
            "report" => f.report = Some(value),
            "report-paragraph" => f.report_paragraph = Some(value),
            "draft" => f.draft = Some(value),
            "title" => f.title = Some(value),
            "damage" => {
                ed.damage = Some(value.parse().map_err(|_| {
                    bad(n, format!("damage '{value}' is not a number between 0 and 1"))
                })?)
            }
            "warning" => ed.warnings.push(value),
            other => {
                return Err(bad(
                    n,
                    format!(
                        "unknown header key '{other}'; known keys: symbol, language, organ, session, \
                         agenda-item, adopted, report, report-paragraph, draft, title, damage, warning"
                    ),
                ))
            }
        }
    }
    ed.language = language.ok_or_else(|| {
        ErrorKind::Other("the header has no 'language:' line (e.g. 'language: en')".into())
    })?;
    // Body: unit lines, then footnote lines; blank lines are ignored.
    for (n, raw) in lines {
        let line = raw.trim_end_matches([' ', '\t']);
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("[^") {
            ed.footnotes
                .push(footnote_line(rest).map_err(|m| bad(n, m))?);
        } else {
            if !ed.footnotes.is_empty() {
                return Err(bad(
                    n,
                    "unit line after the footnotes; units come first".into(),
                ));
            }
            let unit = unit_line(line).map_err(|m| bad(n, m))?;
            if ed.units.iter().any(|u| u.id == unit.id) {
                return Err(bad(n, format!("unit {} appears twice", unit.id)));
            }
            ed.units.push(unit);
        }
    }
    Ok(ed)
}

/// `OP5(a) [^3,4]<TAB>text`
fn unit_line(line: &str) -> Result<Unit, String> {
    let split = line.find([' ', '\t']).unwrap_or(line.len());
    let id: UnitId = line[..split]
        .parse()
        .map_err(|e: crate::model::BadUnitId| {
            format!("{e} at the start of a unit line ('OP5(a)<tab>text')")
        })?;
    let mut rest = line[split..].trim_start_matches([' ', '\t']);
    let mut footnotes = Vec::new();
    if let Some(r) = rest.strip_prefix("[^") {
        let close = r
            .find(']')
            .ok_or_else(|| format!("unclosed footnote list after {id}: write [^3] or [^3,4]"))?;
        for num in r[..close].split(',') {
            footnotes.push(num.trim().trim_start_matches('^').parse().map_err(|_| {
                format!("footnote number '{num}' after {id} is not a number: write [^3] or [^3,4]")
            })?);
        }
        rest = r[close + 1..].trim_start_matches([' ', '\t']);
    }
    Ok(Unit {
        id,
        text: unescape(rest)?,
        footnotes,
    })
}

/// `3] (PP4)<TAB>text` (the `[^` already stripped).
fn footnote_line(rest: &str) -> Result<Footnote, String> {
    let close = rest
        .find(']')
        .ok_or_else(|| "unclosed footnote number: write '[^3] (PP4) text'".to_string())?;
    let number = rest[..close]
        .parse()
        .map_err(|_| format!("footnote number '{}' is not a number", &rest[..close]))?;
    let mut r = rest[close + 1..].trim_start_matches([' ', '\t']);
    let mut unit = None;
    if let Some(u) = r.strip_prefix('(') {
        let end = u
            .find(')')
            .map(|i| {
                // Allow sub-item ids: take the longest prefix that parses.
                let mut best = i;
                for (j, c) in u.char_indices() {
                    if c == ')' && u[..j].parse::<UnitId>().is_ok() {
                        best = j;
                    }
                    if c == ' ' || c == '\t' {
                        break;
                    }
                }
                best
            })
            .ok_or_else(|| format!("unclosed citing unit after [^{number}]: write '(PP4)'"))?;
        unit = Some(u[..end].parse().map_err(|e: crate::model::BadUnitId| {
            format!("{e} (citing unit of footnote {number})")
        })?);
        r = u[end + 1..].trim_start_matches([' ', '\t']);
    }
    Ok(Footnote {
        number,
        text: unescape(r)?,
        unit,
    })
}

/// Undo [`crate::render::canonical::escape`].
fn unescape(s: &str) -> Result<String, String> {
    if !s.contains('\\') {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('s') => out.push(' '),
            Some(c @ ('[' | '(')) => out.push(c),
            Some(c) => {
                return Err(format!(
                    "unknown escape '\\{c}': write \\\\ for a backslash (escapes: \\\\ \\n \\t \\r \\s \\[ \\()"
                ))
            }
            None => return Err("a lone backslash at the end of the line: write \\\\".into()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Facts, Organ};
    use crate::render::canonical::render;
    use proptest::prelude::*;

    fn sample() -> Edition {
        let mut e = Edition::new("x.txt", SourceFormat::Canonical, Language::En);
        e.facts = Facts {
            symbol: Some("A/RES/1/1".into()),
            organ: Some(Organ::Ga),
            session: Some(1),
            agenda_items: vec!["9 (b)".into()],
            adopted: Some("2000-01-01".into()),
            title: Some("Synthetic title (synthetic)".into()),
            ..Facts::default()
        };
        let mut u = Unit::new(UnitId::pp(1), "Recalling its synthetic resolution,");
        u.footnotes = vec![1];
        e.units.push(u);
        e.units
            .push(Unit::new(UnitId::op(1).child("a"), "(synthetic) clause;"));
        e.footnotes.push(Footnote {
            number: 1,
            text: "(synthetic) note.".into(),
            unit: Some(UnitId::pp(1)),
        });
        e
    }

    #[test]
    fn reads_back_what_it_writes_byte_for_byte() {
        let e = sample();
        let text = render(&e);
        assert!(text.starts_with("resdiff-edition: 1\nsymbol: A/RES/1/1\nlanguage: en\n"));
        assert!(text.contains("\nPP1 [^1]\tRecalling its synthetic resolution,\n"));
        assert!(text.contains("\nOP1(a)\t\\(synthetic) clause;\n"));
        assert!(text.contains("\n[^1] (PP1)\t\\(synthetic) note.\n"));
        let back = parse(&text, "x.txt", &ReadOptions::default()).unwrap();
        assert_eq!(back, e);
        assert_eq!(render(&back), text);
    }

    #[test]
    fn hand_written_spaces_are_accepted() {
        let text = "resdiff-edition: 1\nlanguage: fr\n\nPP1   Rappelant (synthetic),  \nOP2 [^4]  Prie;\n\n[^4]   Note (synthetic).\n";
        let e = parse(text, "f", &ReadOptions::default()).unwrap();
        assert_eq!(e.language, Language::Fr);
        assert_eq!(e.units[0].text, "Rappelant (synthetic),");
        assert_eq!(e.units[1].footnotes, vec![4]);
        assert_eq!(e.footnotes[0].unit, None);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("resdiff-edition: 1\nlanguage: en\n\nPQ1\tx\n", "line 4"),
            ("resdiff-edition: 1\nlanguage: en\nnonsense\n", "line 3"),
            ("resdiff-edition: 1\nlanguage: xx\n", "line 2"),
            (
                "resdiff-edition: 1\nlanguage: en\n\nPP1\tx\nPP1\ty\n",
                "line 5",
            ),
            (
                "resdiff-edition: 1\nlanguage: en\n\nPP1\tbad \\q escape\n",
                "line 4",
            ),
            ("not canonical\n", "line 1"),
        ];
        for (text, want) in cases {
            let err = parse(text, "f", &ReadOptions::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "{text:?}: {err}");
        }
    }

    fn arb_text() -> impl Strategy<Value = String> {
        "[ a-zA-Z\\\\\\[\\(\\)\\]\\n\\t\\^:،ء-ي]{0,30}"
    }

    fn arb_id() -> impl Strategy<Value = UnitId> {
        (
            any::<bool>(),
            1u32..60,
            prop::collection::vec("[a-z]{1,3}", 0..3),
        )
            .prop_map(|(pp, n, sub)| {
                let mut id = if pp { UnitId::pp(n) } else { UnitId::op(n) };
                for s in sub {
                    id = id.child(&s);
                }
                id
            })
    }

    prop_compose! {
        fn arb_edition()(
            symbol in prop::option::of("[A-Z]/[A-Z]{3}/[0-9]{1,2}/[0-9]{1,3}"),
            lang in prop::sample::select(Language::ALL.to_vec()),
            session in prop::option::of(1u32..100),
            agenda in prop::collection::vec(arb_text(), 0..3),
            title in prop::option::of(arb_text()),
            adopted in prop::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
            damage in prop::option::of(0.0f64..1.0),
            warnings in prop::collection::vec(arb_text(), 0..2),
            units in prop::collection::btree_map(arb_id(), (arb_text(), prop::collection::vec(1u32..20, 0..3)), 0..12),
            notes in prop::collection::vec((1u32..30, arb_text(), prop::option::of(arb_id())), 0..4),
        ) -> Edition {
            let mut e = Edition::new("gen.txt", SourceFormat::Canonical, lang);
            e.facts.symbol = symbol;
            e.facts.organ = Some(Organ::Ga);
            e.facts.session = session;
            e.facts.agenda_items = agenda;
            e.facts.title = title;
            e.facts.adopted = adopted;
            e.damage = damage;
            e.warnings = warnings;
            e.units = units.into_iter().map(|(id, (text, footnotes))| Unit { id, text, footnotes }).collect();
            e.footnotes = notes.into_iter().map(|(number, text, unit)| Footnote { number, text, unit }).collect();
            e
        }
    }

    proptest! {
        #[test]
        fn parse_render_round_trips(e in arb_edition()) {
            let text = render(&e);
            let back = parse(&text, "gen.txt", &ReadOptions::default()).map_err(|k| TestCaseError::fail(k.to_string()))?;
            prop_assert_eq!(&back, &e);
            prop_assert_eq!(render(&back), text);
        }

        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let _ = parse(&format!("{MAGIC}\n{s}"), "f", &ReadOptions::default());
        }
    }
}
