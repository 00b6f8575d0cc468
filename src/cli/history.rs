//! `resdiff history`: one clause through every stored edition of its series.

use std::io::Write;

use anyhow::{anyhow, Result};
use clap::Args;
use colored::Colorize;

use resdiff::diff::{word_diff, Op};
use resdiff::render::Style;
use resdiff::store::{lineage, refs};

use super::blame::series_context;
use super::store_args::StoreArg;
use super::{parse_lang_arg, LangArg, EXIT_SAME};

/// Follow one clause through every stored edition of its series.
///
/// Shows the clause's id and text in each edition, with the word diff at each step where it
/// changed ([-deleted-]{+inserted+} without colour).
///
/// Examples:
///   resdiff history 80/228@en:PP3
///   resdiff history A/RES/76/186:OP5 --lang ar
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// REF:UNIT, e.g. 80/228@en:PP3.
    pub reference: String,

    /// Language for references without @LANG.
    #[arg(long, value_parser = parse_lang_arg, default_value = "auto", value_name = "auto|ar|en|es|fr|ru|zh")]
    pub lang: LangArg,

    #[command(flatten)]
    pub store: StoreArg,
}

pub fn run(args: &HistoryArgs, style: Style, out: &mut dyn Write) -> Result<u8> {
    let (r, unit) = refs::split_unit(&args.reference);
    let unit = unit.ok_or_else(|| {
        anyhow!(
            "{}: give a unit after the reference, as in 80/228@en:PP3",
            args.reference
        )
    })?;
    let store = args.store.open()?;
    let (eds, k) = series_context(&store, r, args.lang.0)?;
    let lin = lineage::trace(&eds);
    let chain = lin
        .chain_of(&eds, k, &unit)
        .ok_or_else(|| anyhow!("{}: no unit {unit} in {}", args.reference, lin.editions[k]))?;
    writeln!(
        out,
        "{unit} of {} ({}) through {} edition(s):",
        lin.editions[k],
        eds[k].language,
        lin.editions.len()
    )?;
    let mut prev: Option<&str> = None;
    for (e, sym) in lin.editions.iter().enumerate() {
        let Some((_, id)) = chain.ids.iter().find(|(x, _)| *x == e) else {
            let note = if e < chain.introduced {
                "not yet"
            } else {
                "absent"
            };
            writeln!(out, "\n{sym}  —  {note}")?;
            continue;
        };
        let text = eds[e].unit(id).map(|u| u.text.as_str()).unwrap_or("");
        let state = match prev {
            None => "introduced",
            Some(p) if p == text => "unchanged",
            Some(_) => "changed",
        };
        writeln!(out, "\n{sym}  {id}  {state}")?;
        match prev {
            Some(p) if p != text => {
                let mut line = String::from("    ");
                for op in word_diff(p, text, eds[e].language) {
                    line.push_str(&match (op.op, style.color) {
                        (Op::Equal, _) => op.text.clone(),
                        (Op::Delete, true) => op.text.red().strikethrough().to_string(),
                        (Op::Insert, true) => op.text.green().underline().to_string(),
                        (Op::Delete, false) => format!("[-{}-]", op.text),
                        (Op::Insert, false) => format!("{{+{}+}}", op.text),
                    });
                }
                writeln!(out, "{line}")?;
            }
            _ => writeln!(out, "    {text}")?,
        }
        prev = Some(text);
    }
    Ok(EXIT_SAME)
}
