//! The six language profiles and language detection.

use crate::model::Language;

/// Guess the language of a text from its script and common words.
pub fn detect(_text: &str) -> Option<Language> {
    None
}
