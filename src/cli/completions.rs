//! `resdiff completions SHELL`: print a shell completion script, generated
//! from the argument definitions in [`super::Cli`], so completions never go
//! stale when a subcommand or flag is added.

use std::io::Write;

use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::EXIT_SAME;

/// Print a shell completion script on standard output.
///
/// Examples:
///   resdiff completions bash > ~/.local/share/bash-completion/completions/resdiff
///   resdiff completions zsh > ~/.zfunc/_resdiff
///   resdiff completions fish > ~/.config/fish/completions/resdiff.fish
///   resdiff completions powershell >> $PROFILE
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> Result<u8> {
    let mut cmd = super::Cli::command();
    // Generate into memory: the generator panics on a failed write, and a
    // closed pipe (`resdiff completions bash | head`) must not be a panic.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "resdiff", &mut script);
    out.write_all(&script)?;
    Ok(EXIT_SAME)
}
