//! Messages on stderr: how chatty the tool is (`--quiet`, `--verbose`), set
//! once at start-up and read by every subcommand. Data goes to stdout; only
//! notices (warnings, progress) and details go through here. Errors are
//! printed by `cli::main` whatever the level.

use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Instant;

/// How much to say on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only.
    Quiet = 0,
    /// Errors, warnings and progress (the default).
    Normal = 1,
    /// Also timings and details: which reader, unit counts, alignment figures.
    Verbose = 2,
}

static LEVEL: AtomicU8 = AtomicU8::new(Verbosity::Normal as u8);

/// Set the level (once, from the global flags).
pub fn set(v: Verbosity) {
    LEVEL.store(v as u8, Ordering::Relaxed);
}

/// The level in force.
pub fn level() -> Verbosity {
    match LEVEL.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

/// The level the flags ask for; `--quiet` and `--verbose` together are
/// refused by clap, so here either may be set.
pub fn from_flags(quiet: bool, verbose: bool) -> Verbosity {
    if quiet {
        Verbosity::Quiet
    } else if verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    }
}

/// A warning or progress note: `resdiff: MSG`, unless `--quiet`.
pub fn notice(msg: &str) {
    if level() >= Verbosity::Normal {
        eprintln!("resdiff: {msg}");
    }
}

/// A detail for `--verbose`: `resdiff: MSG`. The message is built only when
/// it will be printed.
pub fn detail(msg: impl FnOnce() -> String) {
    if level() >= Verbosity::Verbose {
        eprintln!("resdiff: {}", msg());
    }
}

/// Seconds since `t`, for details, with millisecond precision.
pub fn secs(t: Instant) -> String {
    format!("{:.3} s", t.elapsed().as_secs_f64())
}

/// One line about an edition just read, for details: reader, language and counts.
pub fn describe(ed: &resdiff::Edition) -> String {
    let count = |part: resdiff::model::Part| {
        ed.units
            .iter()
            .filter(|u| u.id.part == part && u.id.sub.is_empty())
            .count()
    };
    let subs = ed.units.iter().filter(|u| !u.id.sub.is_empty()).count();
    format!(
        "{}: {} reader, {}, {} preambular + {} operative paragraphs, {} sub-items, {} footnotes, {} warnings",
        ed.source,
        ed.format,
        ed.language,
        count(resdiff::model::Part::Preamble),
        count(resdiff::model::Part::Operative),
        subs,
        ed.footnotes.len(),
        ed.warnings.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_map_to_levels_in_order() {
        assert_eq!(from_flags(false, false), Verbosity::Normal);
        assert_eq!(from_flags(true, false), Verbosity::Quiet);
        assert_eq!(from_flags(false, true), Verbosity::Verbose);
        assert!(Verbosity::Quiet < Verbosity::Normal && Verbosity::Normal < Verbosity::Verbose);
    }
}
