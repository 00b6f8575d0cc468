//! `resdiff completions SHELL` and `resdiff man`: generated from the clap
//! definitions, printed on stdout.
mod common;
use common::*;
use predicates::prelude::*;

#[test]
fn every_shell_gets_a_script_that_knows_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = resdiff()
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .clone();
        let script = String::from_utf8(out.stdout).expect("UTF-8 script");
        assert!(!script.trim().is_empty(), "{shell}: empty script");
        assert!(
            script.contains("parse"),
            "{shell}: no 'parse' in the script"
        );
        assert!(
            script.contains("resdiff"),
            "{shell}: no 'resdiff' in the script"
        );
        assert!(out.stderr.is_empty(), "{shell}: stderr not empty");
    }
}

#[test]
fn bash_script_completes_flags_of_parse() {
    let out = resdiff().args(["completions", "bash"]).output().unwrap();
    let script = String::from_utf8(out.stdout).unwrap();
    assert!(script.contains("--format"), "{script}");
    assert!(script.contains("complete"), "{script}");
}

#[test]
fn unknown_shell_is_trouble() {
    resdiff()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("tcsh"));
}

#[test]
fn man_page_is_roff_with_a_title_header() {
    let out = resdiff().arg("man").assert().success().get_output().clone();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".TH resdiff 1"),
        "{}",
        &page[..page.len().min(200)]
    );
    assert!(page.contains(".SH NAME"), "no NAME section");
    assert!(page.contains(".SH SYNOPSIS"), "no SYNOPSIS section");
    assert!(
        page.contains("parse"),
        "the page does not list the parse command"
    );
}

#[test]
fn man_page_of_a_subcommand() {
    let out = resdiff()
        .args(["man", "parse"])
        .assert()
        .success()
        .get_output()
        .clone();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with(".TH resdiff-parse 1"), "{page}");
    assert!(page.contains("\\-\\-format"), "{page}");
}

#[test]
fn man_page_of_an_unknown_subcommand_is_trouble() {
    resdiff()
        .args(["man", "frobnicate"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("frobnicate").and(predicates::str::contains("parse")));
}
