//! Word-level edit scripts for aligned units.


