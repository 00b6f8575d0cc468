//! `resdiff`: clause-by-clause comparison of recurring UN resolutions.
//!
//! The library is a pure pipeline — [`model`] ← [`ingest`] → [`align`] →
//! [`diff`] → [`render`] — with the version store beside it. It does no
//! terminal I/O and reads no environment variables: the binary (`src/main.rs`
//! and [`cli`]) does that. See `docs/ARCHITECTURE.md`.

// Test helpers shared with the integration tests name the crate `resdiff`.
#[cfg(test)]
extern crate self as resdiff;

pub mod align;
pub mod corpus;
pub mod diff;
pub mod fetch;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod render;
pub mod repair;
pub mod review;
pub mod store;
pub mod synth;

pub use model::{Edition, Facts, Footnote, Language, Organ, Part, SourceFormat, Unit, UnitId};
