//! HTML reader.

use super::{ErrorKind, ReadOptions};
use crate::model::Edition;

pub fn parse(_html: &str, _source: &str, _opts: &ReadOptions) -> Result<Edition, ErrorKind> {
    Err(ErrorKind::Other("HTML reader not written yet".into()))
}
