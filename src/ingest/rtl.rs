//! Repair of right-to-left (Arabic) PDF extractions — placeholder.
//!
//! The real pre-pass is written on its own branch; this file fixes the hook
//! the text reader calls so both can land in either order: a text that
//! [`looks_like_rtl_extraction`] is passed through [`to_logical`], which
//! returns fulltext-format text (one paragraph per line, in logical order)
//! and warnings.

/// Does this text look like a visual-order Arabic PDF extraction?
pub fn looks_like_rtl_extraction(_text: &str) -> bool {
    false
}

/// The text in logical order, in the fulltext format, and warnings.
pub fn to_logical(text: &str) -> (String, Vec<String>) {
    (text.to_string(), Vec::new())
}
