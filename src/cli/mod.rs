//! Command-line front end: argument definitions (the doc comments are the
//! `--help` text), the colour decision, and one file per subcommand. This is
//! the only place that reads the environment or touches the terminal.

mod completions;
mod man;
mod parse;

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
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Parse(parse::ParseArgs),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
}

/// Decide once whether output is coloured: `--color`, then NO_COLOR, then
/// whether stdout is a terminal.
fn decide_style(choice: ColorChoice) -> Style {
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    };
    colored::control::set_override(color);
    Style { color }
}

/// Run the command line; never panics on bad input.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_TROUBLE } else { EXIT_SAME };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let style = decide_style(cli.color);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match &cli.command {
        Command::Parse(args) => parse::run(args, style, &mut out),
        Command::Completions(args) => completions::run(args, &mut out),
        Command::Man(args) => man::run(args, &mut out),
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

