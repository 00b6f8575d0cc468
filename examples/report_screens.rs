//! Writes the two HTML reports whose screenshots are kept in docs/ (run by
//! scripts/screenshots.sh): the shipped seed edition against a seeded
//! synthetic edit of itself, and a synthetic pair from `resdiff::synth`.
//! No other edition's text is involved.
//!
//! The synthetic report is classified with a stand-in rule (a change that
//! keeps at least `ROUTINE_SIMILARITY` of its words is "routine") only to
//! show the routine/substantive filter; real classifications come from a
//! review.
//!
//! Usage: cargo run --example report_screens -- OUT_DIR SEED_EDITION

use std::path::PathBuf;
use std::process::ExitCode;

use resdiff::diff::{compare, Change, ChangeKind, CompareOptions};
use resdiff::ingest::{read_path, ReadOptions};
use resdiff::render::html::write_html;
use resdiff::render::report::{Class, ReportOptions};
use resdiff::synth::{edit_edition, generate, Level};

/// Similarity at or above which the stand-in rule calls a change routine.
const ROUTINE_SIMILARITY: f64 = 0.9;
/// Seeds of the generated edits, fixed so the screenshots are reproducible.
const SEED_EDIT: u64 = 186;
const SYNTH_SEED: u64 = 11;
/// Units in the synthetic pair: small enough for one screen.
const SYNTH_UNITS: usize = 24;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out, seed] = args.as_slice() else {
        eprintln!("usage: report_screens OUT_DIR SEED_EDITION");
        return ExitCode::from(2);
    };
    match run(PathBuf::from(out), PathBuf::from(seed)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("report_screens: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(out: PathBuf, seed: PathBuf) -> Result<(), Box<dyn std::error::Error>> {
    let old = read_path(&seed, &ReadOptions::default())?;
    let new = edit_edition(&old, SEED_EDIT);
    let cmp = compare(&old, &new, &CompareOptions::default());
    let mut f = std::fs::File::create(out.join("seed-report.html"))?;
    write_html(&cmp, &ReportOptions::default(), &mut f)?;

    let case = generate(SYNTH_SEED, SYNTH_UNITS, Level::Heavy);
    let cmp = compare(&case.old, &case.new, &CompareOptions::default());
    let rule = |_: usize, c: &Change| -> Option<Class> {
        match (c.kind, c.similarity) {
            (ChangeKind::Unchanged, _) if !c.moved => None,
            (_, Some(s)) if s >= ROUTINE_SIMILARITY => Some(Class::Routine),
            _ => Some(Class::Substantive),
        }
    };
    let mut f = std::fs::File::create(out.join("synthetic-report.html"))?;
    write_html(
        &cmp,
        &ReportOptions {
            classify: Some(&rule),
            ..ReportOptions::default()
        },
        &mut f,
    )?;
    Ok(())
}
