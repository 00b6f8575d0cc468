//! Alignment of the units of two editions.


