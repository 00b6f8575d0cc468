//! `resdiff fsck`: check that the store is whole.

use std::io::Write;

use anyhow::{bail, Result};
use clap::Args;

use resdiff::render::Style;
use resdiff::store::Backend;

use super::store_args::StoreArg;
use super::EXIT_SAME;

/// Check that the store is whole.
///
/// The catalogue parses, every canonical file parses and matches its name and catalogue entry,
/// nothing is uncommitted or half-written, and every edition tag points at a commit holding
/// the edition's files.
///
/// fsck takes the writer lock; if a writer died mid-write, its unfinished write is rolled
/// back to the last commit first (and said so). Exit status 0 when whole, 2 otherwise.
#[derive(Debug, Args)]
pub struct FsckArgs {
    #[command(flatten)]
    pub store: StoreArg,
}

pub fn run(args: &FsckArgs, _style: Style, out: &mut dyn Write) -> Result<u8> {
    let mut store = args.store.open()?;
    store.backend.begin(&[])?;
    let rep = store.fsck();
    store.backend.end();
    let rep = rep?;
    for n in &rep.notes {
        writeln!(out, "note: {n}")?;
    }
    for p in &rep.problems {
        writeln!(out, "problem: {p}")?;
    }
    if !rep.problems.is_empty() {
        out.flush()?;
        bail!("fsck found {} problem(s) in the store", rep.problems.len());
    }
    writeln!(
        out,
        "ok: catalogue, {} canonical file(s), working copy and tags agree",
        rep.checked_files
    )?;
    Ok(EXIT_SAME)
}
