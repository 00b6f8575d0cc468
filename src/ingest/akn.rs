//! Akoma Ntoso (AKN4UN) XML reader.

use super::{ErrorKind, ReadOptions};
use crate::model::Edition;

/// Parse an AKN4UN document.
pub fn parse(_xml: &str, _source: &str, _opts: &ReadOptions) -> Result<Edition, ErrorKind> {
    Err(ErrorKind::Other("AKN reader not written yet".into()))
}
