//! Resolution structure from paragraphs: organ line, preamble, operative paragraphs, sub-items, footnotes.

use super::{ErrorKind, ReadOptions};
use crate::model::{Edition, SourceFormat};

/// One paragraph as a reader that knows paragraph boundaries found it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawPara {
    /// Paragraph text including any numbering label ("1.", "(a)", "a)") but without footnote markers.
    pub text: String,
    /// Footnotes cited in this paragraph, in order.
    pub footnotes: Vec<u32>,
}

/// A document as a list of paragraphs plus footnote bodies.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawDoc {
    pub paras: Vec<RawPara>,
    /// Footnote number and text.
    pub footnotes: Vec<(u32, String)>,
}

/// Recognise the structure of a resolution in a paragraph list.
pub fn build(_doc: RawDoc, _source: &str, _format: SourceFormat, _opts: &ReadOptions) -> Result<Edition, ErrorKind> {
    Err(ErrorKind::Other("structure recognition not written yet".into()))
}
