//! Renderers: every output format writes to any [`std::io::Write`] and knows
//! nothing of the terminal, the store or the environment. Styling is by
//! meaning ([`Style`]); the binary decides once whether meanings become
//! colours.

pub mod canonical;
pub mod docx;
pub mod edition;

/// Whether renderers may emit terminal colour codes (decided once, by the binary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub color: bool,
}
