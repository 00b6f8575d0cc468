//! Command-line front end: argument definitions (the doc comments are the
//! `--help` text), the colour decision, and one file per subcommand. This is
//! the only place that reads the environment or touches the terminal.

mod blame;
mod completions;
mod corpus;
mod diff;
mod draft;
mod fsck;
mod history;
mod import;
mod init;
mod list;
mod log;
mod man;
mod parse;
mod show;
mod store_args;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use resdiff::render::Style;

/// Exit status: success, or no differences.
pub const EXIT_SAME: u8 = 0;
/// Exit status: the inputs differ (diff, review).
pub const EXIT_DIFFERENT: u8 = 1;
/// Exit status: trouble — bad input, bad arguments, I/O failure.
pub const EXIT_TROUBLE: u8 = 2;

/// Clause-by-clause comparison of recurring UN resolutions.
///
/// resdiff reads a resolution as the UN publishes it — Akoma Ntoso XML, PDF,
/// text extracted from PDF, Word .docx or HTML, in Arabic, Chinese, English,
/// French, Russian or Spanish — into its structure: header facts, preambular
/// paragraphs (PP1, PP2 …), operative paragraphs (OP1, OP2 …), sub-items
/// (OP5(a), OP5(a)(i)) and footnotes.
///
/// Exit status: 0 success (or no differences), 1 differences, 2 trouble.
#[derive(Debug, Parser)]
#[command(name = "resdiff", version, max_term_width = 100)]
pub struct Cli {
    /// When to colour the output: auto (a terminal, and NO_COLOR unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
    /// Labels spelled out as `<<label::text>>` instead of colours.
    #[value(hide = true)]
    Debug,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Parse(parse::ParseArgs),
    Diff(diff::DiffArgs),
    Init(init::InitArgs),
    Import(import::ImportArgs),
    List(list::ListArgs),
    Log(log::LogArgs),
    Show(show::ShowArgs),
    Blame(blame::BlameArgs),
    History(history::HistoryArgs),
    Draft(draft::DraftArgs),
    Fsck(fsck::FsckArgs),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
    Corpus(corpus::CorpusArgs),
}

/// Decide once whether output is coloured: `--color`, then NO_COLOR, then
/// whether stdout is a terminal.
fn decide_style(choice: ColorChoice) -> Style {
    let no_color = std::env::var_os("NO_COLOR");
    let color = wants_color(choice, no_color.as_deref(), io::stdout().is_terminal());
    colored::control::set_override(color);
    Style {
        color,
        debug: choice == ColorChoice::Debug,
    }
}

/// The colour rule: `--color always|never` win; `auto` colours only a
/// terminal, and not when NO_COLOR is set to a non-empty value (no-color.org).
fn wants_color(choice: ColorChoice, no_color: Option<&std::ffi::OsStr>, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never | ColorChoice::Debug => false,
        ColorChoice::Auto => no_color.map_or(true, |v| v.is_empty()) && terminal,
    }
}

/// Run the command line; never panics on bad input.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_TROUBLE
            } else {
                EXIT_SAME
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let style = decide_style(cli.color);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match &cli.command {
        Command::Parse(args) => parse::run(args, style, &mut out),
        Command::Diff(args) => diff::run(args, style, &mut out),
        Command::Init(args) => init::run(args, style, &mut out),
        Command::Import(args) => import::run(args, style, &mut out),
        Command::List(args) => list::run(args, style, &mut out),
        Command::Log(args) => log::run(args, style, &mut out),
        Command::Show(args) => show::run(args, style, &mut out),
        Command::Blame(args) => blame::run(args, style, &mut out),
        Command::History(args) => history::run(args, style, &mut out),
        Command::Draft(args) => draft::run(args, style, &mut out),
        Command::Fsck(args) => fsck::run(args, style, &mut out),
        Command::Completions(args) => completions::run(args, &mut out),
        Command::Man(args) => man::run(args, &mut out),
        Command::Corpus(args) => corpus::run(args, style, &mut out),
    };
    let result = result.and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_SAME),
        Err(e) => {
            drop(out);
            eprintln!("resdiff: error: {e:#}");
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

/// A closed pipe (`resdiff … | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Parse a `--lang` value for clap.
pub fn parse_lang_arg(s: &str) -> Result<LangArg, String> {
    if s == "auto" {
        Ok(LangArg(None))
    } else {
        s.parse().map(|l| LangArg(Some(l)))
    }
}

/// `--lang auto|ar|en|es|fr|ru|zh`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LangArg(pub Option<resdiff::Language>);

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn no_color_and_terminal_decide_auto() {
        assert!(wants_color(ColorChoice::Auto, None, true));
        assert!(!wants_color(ColorChoice::Auto, None, false));
        assert!(!wants_color(ColorChoice::Auto, Some(OsStr::new("1")), true));
        assert!(wants_color(ColorChoice::Auto, Some(OsStr::new("")), true));
        assert!(wants_color(
            ColorChoice::Always,
            Some(OsStr::new("1")),
            false
        ));
        assert!(!wants_color(ColorChoice::Never, None, true));
        assert!(!wants_color(ColorChoice::Debug, None, true));
    }
}
