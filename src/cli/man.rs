//! `resdiff man`: print the manual page (roff), generated from the argument
//! definitions in [`super::Cli`] — the same text as `--help`, so the page
//! cannot drift from the program.

use std::io::Write;

use anyhow::{bail, Result};
use clap::{Args, CommandFactory};

use super::EXIT_SAME;

/// Print the manual page in roff on standard output.
///
/// Without an argument, prints resdiff(1); with a subcommand name, that
/// subcommand's page (resdiff-parse(1) …).
///
/// Examples:
///   resdiff man | man -l -
///   resdiff man > /usr/local/share/man/man1/resdiff.1
///   resdiff man parse > /usr/local/share/man/man1/resdiff-parse.1
#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand whose page to print instead of the main page.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

pub fn run(args: &ManArgs, out: &mut dyn Write) -> Result<u8> {
    let mut cmd = super::Cli::command();
    cmd.build();
    let source = format!("resdiff {}", cmd.get_version().unwrap_or_default());
    let man = match &args.command {
        None => clap_mangen::Man::new(cmd),
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name) else {
                let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
                bail!("no subcommand '{name}'; give one of: {}", names.join(", "));
            };
            let title = format!("resdiff-{}", sub.get_name());
            clap_mangen::Man::new(sub.clone()).title(title)
        }
    };
    let mut roff = Vec::new();
    man.source(source).render(&mut roff)?;
    out.write_all(&title_first(&roff))?;
    Ok(EXIT_SAME)
}

/// The page with its `.TH` line first, as man(7) asks: the renderer writes
/// two string definitions (`.ie`/`.el … Aq`, the apostrophe) before it,
/// which work as well after it.
fn title_first(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let Some(th) = lines.iter().position(|l| l.starts_with(".TH ")) else {
        return roff.to_vec();
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(lines[th]);
    for (k, l) in lines.iter().enumerate() {
        if k != th {
            out.push_str(l);
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_line_moves_to_the_top() {
        let page = b".ie x\n.el y\n.TH t 1\n.SH NAME\n";
        assert_eq!(title_first(page), b".TH t 1\n.ie x\n.el y\n.SH NAME\n");
        assert_eq!(title_first(b".SH X\n"), b".SH X\n");
    }
}
