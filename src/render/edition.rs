//! Rendering one [`Edition`]: as the `resdiff.edition/1` JSON contract, or
//! as text for a person.

use std::io::{self, Write};

use colored::Colorize;
use serde::Serialize;

use super::Style;
use crate::model::{Edition, Facts, Footnote, Language, SourceFormat, UnitId};

/// Schema name of the edition JSON contract.
pub const EDITION_SCHEMA: &str = "resdiff.edition/1";

#[derive(Serialize)]
struct EditionJson<'a> {
    schema: &'static str,
    source: &'a str,
    format: SourceFormat,
    language: Language,
    facts: &'a Facts,
    units: Vec<UnitJson<'a>>,
    footnotes: &'a [Footnote],
    warnings: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    damage: Option<f64>,
}

#[derive(Serialize)]
struct UnitJson<'a> {
    id: &'a UnitId,
    text: &'a str,
    footnotes: &'a [u32],
}

/// The edition as a `serde_json::Value` following `resdiff.edition/1`.
pub fn to_json_value(ed: &Edition) -> serde_json::Value {
    let j = EditionJson {
        schema: EDITION_SCHEMA,
        source: &ed.source,
        format: ed.format,
        language: ed.language,
        facts: &ed.facts,
        units: ed
            .units
            .iter()
            .map(|u| UnitJson {
                id: &u.id,
                text: &u.text,
                footnotes: &u.footnotes,
            })
            .collect(),
        footnotes: &ed.footnotes,
        warnings: &ed.warnings,
        damage: ed.damage.map(|d| (d * 1000.0).round() / 1000.0),
    };
    serde_json::to_value(j).expect("edition JSON is always serialisable")
}

/// Write the edition as pretty-printed `resdiff.edition/1` JSON and a newline.
pub fn write_json(ed: &Edition, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_json_value(ed))?;
    writeln!(out)
}

/// Write the edition for a person: facts, units, footnotes, warnings.
pub fn write_text(ed: &Edition, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let head = |s: &str| -> String {
        if style.color {
            s.bold().to_string()
        } else {
            s.to_string()
        }
    };
    let f = &ed.facts;
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "—".to_string());
    writeln!(
        out,
        "{}",
        head(&format!(
            "{} · {} · {}",
            opt(&f.symbol),
            ed.language,
            ed.format
        ))
    )?;
    if let Some(t) = &f.title {
        writeln!(out, "title:    {t}")?;
    }
    let organ = f
        .organ
        .as_ref()
        .map(|o| o.to_string())
        .unwrap_or_else(|| "—".into());
    let session = f
        .session
        .map(|s| s.to_string())
        .unwrap_or_else(|| "—".into());
    writeln!(out, "organ:    {organ}   session: {session}")?;
    if !f.agenda_items.is_empty() {
        writeln!(out, "agenda:   {}", f.agenda_items.join(", "))?;
    }
    writeln!(out, "adopted:  {}", opt(&f.adopted))?;
    if f.report.is_some() {
        let para = f
            .report_paragraph
            .as_ref()
            .map(|p| format!(", para. {p}"))
            .unwrap_or_default();
        writeln!(out, "report:   {}{para}", opt(&f.report))?;
    }
    if let Some(d) = &f.draft {
        writeln!(out, "draft:    {d}")?;
    }
    let pp = ed.paragraph_count(crate::model::Part::Preamble);
    let op = ed.paragraph_count(crate::model::Part::Operative);
    writeln!(
        out,
        "units:    {} ({pp} preambular, {op} operative paragraphs), {} footnotes",
        ed.units.len(),
        ed.footnotes.len()
    )?;
    writeln!(out)?;
    let width = ed
        .units
        .iter()
        .map(|u| u.id.to_string().len())
        .max()
        .unwrap_or(3);
    for u in &ed.units {
        let id = format!("{:<width$}", u.id.to_string());
        let id = if style.color {
            id.cyan().to_string()
        } else {
            id
        };
        let notes = if u.footnotes.is_empty() {
            String::new()
        } else {
            let n: Vec<String> = u.footnotes.iter().map(|n| n.to_string()).collect();
            format!("  [fn {}]", n.join(", "))
        };
        writeln!(out, "{id}  {}{notes}", u.text)?;
    }
    if !ed.footnotes.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", head("Footnotes"))?;
        for fnote in &ed.footnotes {
            let at = fnote
                .unit
                .as_ref()
                .map(|u| u.to_string())
                .unwrap_or_else(|| "—".into());
            writeln!(out, "{:>3} ({at})  {}", fnote.number, fnote.text)?;
        }
    }
    if let Some(d) = ed.damage {
        writeln!(out)?;
        writeln!(out, "damage:   {:.0}% of words look damaged", d * 100.0)?;
    }
    if !ed.warnings.is_empty() {
        writeln!(out)?;
        for w in &ed.warnings {
            let w = format!("warning: {w}");
            writeln!(
                out,
                "{}",
                if style.color {
                    w.yellow().to_string()
                } else {
                    w
                }
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Unit, UnitId};

    fn sample() -> Edition {
        let mut ed = Edition::new("x.txt", SourceFormat::Text, Language::En);
        ed.facts.symbol = Some("A/RES/1/1".into());
        ed.units.push(Unit::new(
            UnitId::pp(1),
            "Recalling its resolutions (synthetic),",
        ));
        ed.units.push(Unit {
            id: UnitId::op(1),
            text: "Decides to remain seized of the matter (synthetic).".into(),
            footnotes: vec![1],
        });
        ed.footnotes.push(Footnote {
            number: 1,
            text: "Synthetic note.".into(),
            unit: Some(UnitId::op(1)),
        });
        ed
    }

    #[test]
    fn json_follows_contract_shape() {
        let v = to_json_value(&sample());
        assert_eq!(v["schema"], "resdiff.edition/1");
        assert_eq!(v["format"], "text");
        assert_eq!(v["language"], "en");
        assert_eq!(v["facts"]["symbol"], "A/RES/1/1");
        assert!(v["facts"]["session"].is_null());
        assert_eq!(v["facts"]["agenda_items"], serde_json::json!([]));
        assert_eq!(v["units"][1]["id"], "OP1");
        assert_eq!(v["units"][1]["footnotes"], serde_json::json!([1]));
        assert_eq!(v["footnotes"][0]["unit"], "OP1");
        assert!(v.get("damage").is_none());
    }

    #[test]
    fn text_lists_every_unit() {
        let mut buf = Vec::new();
        write_text(&sample(), Style::default(), &mut buf).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(s.contains("PP1  Recalling"));
        assert!(s.contains("OP1  Decides"));
        assert!(s.contains("[fn 1]"));
    }
}
