//! `resdiff fsck`: check that the store is whole.

use std::io::Write;

use anyhow::{bail, Result};
use clap::Args;

use resdiff::render::Style;
use resdiff::store::{Backend, StoreError};

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
    // A read-only store can still be checked, only not repaired.
    let read_only = match store.backend.begin(&[]) {
        Ok(()) => false,
        Err(StoreError::ReadOnly(_)) => true,
        Err(e) => return Err(e.into()),
    };
    let rep = store.fsck();
    store.backend.end();
    let mut rep = rep?;
    if read_only {
        rep.notes.push(
            "the store is read-only here: checked without taking the writer lock, \
             so an unfinished write (if any) was not rolled back"
                .into(),
        );
    }
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
