//! Ingest: turn whatever the UN published — Akoma Ntoso XML, PDF, plain text
//! extracted from PDF, Word .docx, HTML — into an [`Edition`].
//!
//! [`read_path`] and [`read_bytes`] are the only entry points. They sniff the
//! format from the bytes (never from the file name alone), decode the text
//! ([`decode`]), and hand over to one reader per format. Readers that know
//! paragraph boundaries but not resolution structure (text, DOCX, HTML, PDF)
//! share [`structure`], which recognises the organ line, preambular and
//! operative paragraphs, sub-items and footnotes with the six language
//! profiles of [`lang`].

pub mod akn;
pub mod canonical;
pub mod damage;
pub mod decode;
pub mod docx;
pub mod html;
pub mod labels;
pub mod lang;
pub mod pdf;
pub mod rtl;
pub mod spacing;
pub mod structure;
pub mod text;

use std::path::Path;

use crate::model::{Edition, Language, SourceFormat};

/// Largest input read, in bytes. The largest UN resolution in the shared
/// corpus is under 0.5 MiB; the readers need up to about nine times the
/// input in memory (docs/RELIABILITY.md), so this bound keeps a wrong or
/// hostile file (a log, a disk image, `/dev/zero`) from exhausting memory.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// What a caller may tell a reader.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The document's language; `None` = detect it.
    pub lang: Option<Language>,
}

/// An input that could not be read, with the file (or reference) it came from.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {kind}")]
pub struct IngestError {
    /// Path or reference as the user gave it.
    pub file: String,
    pub kind: ErrorKind,
}

/// What was wrong with an input. Each message says what is wrong and, where
/// it helps, what to do.
#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("the file is empty; give a resolution as AKN XML, PDF, DOCX, HTML or text")]
    Empty,
    #[error("{0}")]
    NotSupported(String),
    #[error("{0}")]
    Encoding(String),
    #[error("malformed XML ({0})")]
    Xml(String),
    #[error("{0}")]
    NotAResolution(String),
    #[error("PDF: {0}")]
    Pdf(String),
    #[error("DOCX: {0}")]
    Docx(String),
    #[error("{0}")]
    Other(String),
}

impl ErrorKind {
    pub fn at(self, file: impl Into<String>) -> IngestError {
        IngestError {
            file: file.into(),
            kind: self,
        }
    }
}

/// Read an edition from a file. `source` in the result is the path as given.
pub fn read_path(path: &Path, opts: &ReadOptions) -> Result<Edition, IngestError> {
    use std::io::Read;
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| ErrorKind::Io(e).at(&name))?;
    // Read at most one byte more than the limit: the size a file reports
    // can be wrong (pipes, devices), so the limit is kept while reading.
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ErrorKind::Io(e).at(&name))?;
    read_bytes(&bytes, &name, opts)
}

/// Read an edition from bytes; `source` names them in messages and in the result.
pub fn read_bytes(bytes: &[u8], source: &str, opts: &ReadOptions) -> Result<Edition, IngestError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large().at(source));
    }
    let format = sniff(bytes).map_err(|k| k.at(source))?;
    let ed = match format {
        SourceFormat::Akn => {
            let text = decode::decode(bytes).map_err(|k| k.at(source))?;
            akn::parse(&text.text, source, opts)
        }
        SourceFormat::Pdf => pdf::parse(bytes, source, opts),
        SourceFormat::Docx => docx::parse(bytes, source, opts),
        SourceFormat::Html => {
            let text = decode::decode(bytes).map_err(|k| k.at(source))?;
            html::parse(&text.text, source, opts).map(|mut e| {
                e.warnings.extend(text.warnings);
                e
            })
        }
        SourceFormat::Canonical => {
            let text = decode::decode(bytes).map_err(|k| k.at(source))?;
            canonical::parse(&text.text, source, opts)
        }
        SourceFormat::Text => {
            let text = decode::decode(bytes).map_err(|k| k.at(source))?;
            text::parse(&text.text, source, SourceFormat::Text, opts).map(|mut e| {
                e.warnings.extend(text.warnings);
                e
            })
        }
    };
    ed.map_err(|k| k.at(source))
}

fn too_large() -> ErrorKind {
    ErrorKind::NotSupported(format!(
        "the file is larger than {} MiB, far more than any resolution; resdiff does not read it — is it the right file?",
        MAX_INPUT_BYTES / (1024 * 1024)
    ))
}

/// Tell the format from the bytes.
pub fn sniff(bytes: &[u8]) -> Result<SourceFormat, ErrorKind> {
    decode::sniff(bytes)
}
