//! Word .docx reader.

use super::{ErrorKind, ReadOptions};
use crate::model::Edition;

pub fn parse(_bytes: &[u8], _source: &str, _opts: &ReadOptions) -> Result<Edition, ErrorKind> {
    Err(ErrorKind::Docx("DOCX reader not written yet".into()))
}
