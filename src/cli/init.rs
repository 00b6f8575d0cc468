//! `resdiff init`: create a version store.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use resdiff::render::Style;
use resdiff::store::git::GitBackend;

use super::store_args::signature_from_env;
use super::EXIT_SAME;

/// Create a version store: a folder with catalog.toml in a git repository.
///
/// DIR defaults to versions/ of the git repository around the current folder (or of the
/// current folder when there is none). When DIR is in no git repository, one is created: in
/// DIR's parent folder when DIR is named versions (a project folder with its store), else in DIR
/// itself. The first commit holds catalog.toml and a .gitignore.
///
/// Examples:
///   resdiff init
///   resdiff init ~/un/versions
///   resdiff init ~/un-store        (a repository of its own)
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The store folder to create.
    pub dir: Option<PathBuf>,
}

pub fn run(args: &InitArgs, _style: Style, out: &mut dyn Write) -> Result<u8> {
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => {
            let cwd = std::env::current_dir().context("cannot read the current folder")?;
            GitBackend::discover(&cwd).unwrap_or_else(|_| cwd.join("versions"))
        }
    };
    let (b, created) = GitBackend::init(&dir, signature_from_env())?;
    writeln!(out, "created a resdiff store in {}", b.dir().display())?;
    if let Some(root) = created {
        writeln!(out, "created a git repository in {}", root.display())?;
    }
    Ok(EXIT_SAME)
}
