//! `-o FILE` and `--author`, shared by the commands that write reports
//! (`diff`, `review`): where the output goes (stdout, or a file written
//! atomically), what a file's style is, and who signs tracked revisions.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args;

use resdiff::render::docx::{self, TrackOptions};
use resdiff::render::Style;

/// Where a report goes and who signs its revisions.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write the output to FILE (atomically: a temporary file renamed over it) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Author of the tracked revisions and comments (docx).
    #[arg(long, value_name = "NAME", default_value = docx::DEFAULT_AUTHOR)]
    pub author: String,
}

impl OutputArgs {
    /// Refuse to write a binary format to a terminal.
    pub fn check_binary(&self, binary: bool) -> Result<()> {
        if binary && self.output.is_none() && std::io::stdout().is_terminal() {
            bail!(
                "--format docx writes a binary Word file and stdout is a terminal; \
                 give -o FILE (or redirect stdout to a file)"
            );
        }
        Ok(())
    }

    /// The style of this output: a file gets no terminal colour codes (debug
    /// labels stay: they are for tests).
    pub fn style(&self, style: Style) -> Style {
        if self.output.is_some() {
            Style {
                color: false,
                ..style
            }
        } else {
            style
        }
    }

    /// Author and date of tracked revisions.
    pub fn track(&self) -> Result<TrackOptions> {
        Ok(TrackOptions {
            author: self.author.clone(),
            date: revision_date()?,
        })
    }

    /// Run `write` on stdout (`out`), or on a buffer then written to the
    /// `-o` file atomically.
    pub fn emit(
        &self,
        out: &mut dyn Write,
        write: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<()> {
        match &self.output {
            None => write(out),
            Some(path) => {
                let mut buf: Vec<u8> = Vec::new();
                write(&mut buf)?;
                write_atomic(path, &buf)
            }
        }
    }
}

/// The date of tracked revisions: SOURCE_DATE_EPOCH (reproducible builds
/// convention) when set, else now; in UTC.
fn revision_date() -> Result<String> {
    let secs = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => v.trim().parse::<i64>().with_context(|| {
            format!("SOURCE_DATE_EPOCH is '{v}', not a number of seconds since 1970; unset it or fix it")
        })?,
        _ => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    };
    Ok(docx::iso_utc(secs))
}

/// Write `bytes` to `path` through a temporary file in the same directory,
/// renamed over `path` once complete, so a reader never sees half a file.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{}: -o needs a file name", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| {
            format!(
                "{}: cannot write the output; check that the directory exists and is writable",
                path.display()
            )
        });
    }
    Ok(())
}
