//! Shared helpers for integration tests: where the corpus lives, and the binary.
#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared` beside the project root (override with RESDIFF_SHARED).
pub fn shared() -> PathBuf {
    let p = match std::env::var_os("RESDIFF_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    assert!(
        p.join("corpus").is_dir(),
        "the shared corpus is missing at {}: tests read real UN documents from ../shared",
        p.display()
    );
    p
}

/// A file under `../shared/corpus`.
pub fn corpus(rel: &str) -> PathBuf {
    shared().join("corpus").join(rel)
}

/// The `resdiff` binary under test, with a fixed environment.
pub fn resdiff() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("resdiff").expect("binary built");
    c.env_remove("NO_COLOR")
        .env_remove("RESDIFF_STORE")
        // No test reaches the real UN services; tests/fetch.rs serves its own.
        .env("RESDIFF_OFFLINE", "1")
        .env("COLUMNS", "100");
    c
}
