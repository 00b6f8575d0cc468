//! Plain-text reader (text extracted from PDF, or clean text).

use super::{ErrorKind, ReadOptions};
use crate::model::{Edition, SourceFormat};

/// Parse plain text. `format` is recorded in the edition (`Text`, or `Pdf` when the text came from a PDF).
pub fn parse(_text: &str, _source: &str, _format: SourceFormat, _opts: &ReadOptions) -> Result<Edition, ErrorKind> {
    Err(ErrorKind::Other("text reader not written yet".into()))
}
