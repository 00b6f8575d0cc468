//! PDF reader: extracts text, then reads it as text.

use super::{ErrorKind, ReadOptions};
use crate::model::Edition;

pub fn parse(_bytes: &[u8], _source: &str, _opts: &ReadOptions) -> Result<Edition, ErrorKind> {
    Err(ErrorKind::Pdf("PDF reader not written yet".into()))
}
