//! Command-line front end: argument definitions (the doc comments are the
//! `--help` text), the colour decision, and one file per subcommand. This is
//! the only place that reads the environment or touches the terminal.

mod blame;
mod completions;
mod corpus;
mod diff;
mod draft;
mod fetch;
mod fsck;
mod git;
mod history;
mod import;
mod init;
mod lint;
mod list;
mod log;
mod man;
mod output;
mod pager;
mod parse;
mod repair;
mod review;
mod rollover;
mod show;
mod store_args;
pub mod ui;

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

    /// Do not page long output (by default a terminal gets it through $RESDIFF_PAGER, else
    /// $PAGER, else less -FRX).
    #[arg(long, global = true)]
    pub no_pager: bool,

    /// Print errors only on stderr: no warnings, no progress.
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also print details on stderr: timings, which reader, unit counts, alignment figures.
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,

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
    Fetch(fetch::FetchArgs),
    Rollover(rollover::RolloverArgs),
    Review(review::ReviewArgs),
    Lint(lint::LintArgs),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
    Repair(repair::RepairArgs),
    Corpus(corpus::CorpusArgs),
    #[command(name = "git-diff", hide = true)]
    GitDiff(git::GitDiffArgs),
    #[command(hide = true)]
    Textconv(git::TextconvArgs),
}

impl Command {
    /// Whether long output of this command may go through the pager: not
    /// when git runs resdiff (git pages the whole diff itself).
    fn pages(&self) -> bool {
        !matches!(self, Command::GitDiff(_) | Command::Textconv(_))
    }
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
    ui::set(ui::from_flags(cli.quiet, cli.verbose));
    let style = decide_style(cli.color);
    let paging = !cli.no_pager && cli.command.pages() && io::stdout().is_terminal();
    let pager = paging
        .then(|| {
            pager::choose(
                std::env::var_os("RESDIFF_PAGER").as_deref(),
                std::env::var_os("PAGER").as_deref(),
            )
        })
        .flatten();
    let result = match pager {
        // Collected first: whether to page depends on the length.
        Some(cmd) => {
            let mut buf = Vec::new();
            let result = dispatch(&cli.command, style, &mut buf);
            let shown = match &result {
                Ok(_) => pager::show(&buf, Some(&cmd), pager::terminal_height()),
                Err(_) => pager::show(&buf, None, 0),
            };
            result.and_then(|code| shown.map(|_| code).map_err(anyhow::Error::from))
        }
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            dispatch(&cli.command, style, &mut out).and_then(|code| {
                out.flush()?;
                Ok(code)
            })
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_SAME),
        Err(e) => {
            let _ = io::stdout().flush();
            eprintln!("resdiff: error: {e:#}");
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

/// Run one subcommand, writing its data to `out`.
fn dispatch(command: &Command, style: Style, out: &mut dyn Write) -> anyhow::Result<u8> {
    match command {
        Command::Parse(args) => parse::run(args, style, out),
        Command::Diff(args) => diff::run(args, style, out),
        Command::Init(args) => init::run(args, style, out),
        Command::Import(args) => import::run(args, style, out),
        Command::List(args) => list::run(args, style, out),
        Command::Log(args) => log::run(args, style, out),
        Command::Show(args) => show::run(args, style, out),
        Command::Blame(args) => blame::run(args, style, out),
        Command::History(args) => history::run(args, style, out),
        Command::Draft(args) => draft::run(args, style, out),
        Command::Fsck(args) => fsck::run(args, style, out),
        Command::Fetch(args) => fetch::run(args, style, out),
        Command::Rollover(args) => rollover::run(args, style, out),
        Command::Review(args) => review::run(args, style, out),
        Command::Lint(args) => lint::run(args, style, out),
        Command::Repair(args) => repair::run(args, style, out),
        Command::Corpus(args) => corpus::run(args, style, out),
        Command::Completions(args) => completions::run(args, out),
        Command::Man(args) => man::run(args, out),
        Command::GitDiff(args) => git::run_diff(args, style, out),
        Command::Textconv(args) => git::run_textconv(args, out),
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
