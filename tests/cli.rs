//! Wiring of the binary: help, exit codes.
mod common;
use common::*;

#[test]
fn help_teaches() {
    let out = resdiff()
        .arg("--help")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(s.contains("parse"));
    assert!(s.contains("Exit status"));
}

#[test]
fn unknown_flag_is_trouble() {
    resdiff().arg("--frobnicate").assert().code(2);
}

#[test]
fn missing_file_is_trouble_with_name() {
    resdiff()
        .args(["parse", "no/such/file.xml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no/such/file.xml"));
}
