//! Shell conventions through the binary: the pager (only for a terminal,
//! only for long output, `RESDIFF_PAGER` before `PAGER`, off with
//! `--no-pager`, a missing pager costs nothing), and `--quiet` / `--verbose`
//! (stderr only; stdout is the same data whatever the level).
//!
//! The terminal is a pseudo-terminal from util-linux `script`; the pager is
//! a small shell script that saves what it was given.
mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::Command;

fn akn(ed: &str) -> String {
    corpus(&format!("akn/en/{ed}.xml")).display().to_string()
}

/// A pager script in `dir` that copies its input to `dir/paged.txt`.
fn recording_pager(dir: &Path) -> PathBuf {
    let p = dir.join("pager.sh");
    std::fs::write(&p, "#!/bin/sh\ncat > \"$(dirname \"$0\")/paged.txt\"\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    p
}

/// Run resdiff with `args` under a pseudo-terminal 40 lines high; returns
/// what the terminal showed (stdout and stderr mixed, as a terminal does).
/// `None` when `script` is not available.
fn in_terminal(args: &[&str], env: &[(&str, &str)]) -> Option<String> {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: util-linux `script` is not installed, no pseudo-terminal");
        return None;
    }
    let bin = assert_cmd::cargo::cargo_bin("resdiff");
    let mut line = format!("'{}'", bin.display());
    for a in args {
        line.push_str(&format!(" '{a}'"));
    }
    let mut c = Command::new("script");
    c.args(["-qec", &line, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .env("LINES", "40")
        .env("COLUMNS", "100")
        .env_remove("RESDIFF_PAGER")
        .env_remove("PAGER")
        .env_remove("NO_COLOR");
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().expect("script runs");
    Some(String::from_utf8_lossy(&o.stdout).replace("\r\n", "\n"))
}

#[test]
fn long_terminal_output_goes_through_resdiff_pager() {
    let t = tempfile::tempdir().unwrap();
    let pager = recording_pager(t.path());
    let paged = t.path().join("paged.txt");
    let args = [
        "diff",
        "--color",
        "never",
        &akn("A-RES-74-176"),
        &akn("A-RES-76-186"),
    ];
    let pager_s = pager.to_str().unwrap();
    let Some(shown) = in_terminal(&args, &[("RESDIFF_PAGER", pager_s), ("PAGER", "false")]) else {
        return;
    };
    let got = std::fs::read_to_string(&paged).expect("the pager was run");
    assert!(got.contains("\nPP6 (was PP4) changed\n"), "{got}");
    assert!(got.lines().count() > 40);
    assert!(!shown.contains("PP6 (was PP4) changed"), "{shown}");
    std::fs::remove_file(&paged).unwrap();

    // PAGER when RESDIFF_PAGER is unset.
    in_terminal(&args, &[("PAGER", pager_s)]);
    assert!(paged.exists(), "PAGER was not used");
    std::fs::remove_file(&paged).unwrap();

    // --no-pager: straight to the terminal.
    let mut no_pager = vec!["--no-pager"];
    no_pager.extend_from_slice(&args);
    let shown = in_terminal(&no_pager, &[("RESDIFF_PAGER", pager_s)]).unwrap();
    assert!(!paged.exists(), "--no-pager still paged");
    assert!(shown.contains("PP6 (was PP4) changed"), "{shown}");

    // Output that fits the terminal is not paged.
    let mut stat = args.to_vec();
    stat.extend_from_slice(&["--format", "stat"]);
    let shown = in_terminal(&stat, &[("RESDIFF_PAGER", pager_s)]).unwrap();
    assert!(!paged.exists(), "three lines were paged");
    assert!(shown.contains("preambular"), "{shown}");
}

#[test]
fn no_pager_when_stdout_is_not_a_terminal_or_the_pager_is_missing() {
    let t = tempfile::tempdir().unwrap();
    let pager = recording_pager(t.path());
    let out = resdiff()
        .env("RESDIFF_PAGER", &pager)
        .args(["diff", &akn("A-RES-74-176"), &akn("A-RES-76-186")])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(!t.path().join("paged.txt").exists());
    assert!(String::from_utf8_lossy(&out.stdout).contains("PP6 (was PP4) changed"));

    // A pager that does not exist: the output is shown all the same.
    let shown = in_terminal(
        &[
            "diff",
            "--color",
            "never",
            &akn("A-RES-74-176"),
            &akn("A-RES-76-186"),
        ],
        &[("RESDIFF_PAGER", "/nonexistent/pager -R")],
    );
    let Some(shown) = shown else { return };
    assert!(shown.contains("cannot run the pager"), "{shown}");
    assert!(shown.contains("PP6 (was PP4) changed"), "{shown}");
}

#[test]
fn verbose_adds_details_on_stderr_only() {
    let args = [
        "diff",
        &akn("A-RES-74-176"),
        &akn("A-RES-76-186"),
        "--format",
        "json",
    ];
    let plain = resdiff().args(args).assert().code(1).get_output().clone();
    let verbose = resdiff()
        .arg("--verbose")
        .args(args)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(plain.stdout, verbose.stdout, "--verbose changed the data");
    assert!(plain.stderr.is_empty());
    let err = String::from_utf8(verbose.stderr).unwrap();
    assert!(
        err.contains("A-RES-74-176.xml: akn reader, en, 40 preambular + 26 operative paragraphs"),
        "{err}"
    );
    assert!(
        err.contains("A-RES-76-186.xml: akn reader, en, 43 preambular + 28 operative paragraphs"),
        "{err}"
    );
    assert!(
        err.contains("aligned and compared in") && err.contains("24 changed, 5 added"),
        "{err}"
    );
    // parse says which reader read a PDF.
    let pdf = corpus("unsc/S-2017-444.en.pdf");
    let out = resdiff()
        .args(["parse", "-v", pdf.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("S-2017-444.en.pdf: pdf reader, en, "), "{err}");
    resdiff()
        .args(["--quiet", "--verbose", "parse", &akn("A-RES-74-176")])
        .assert()
        .code(2);
}

#[test]
fn quiet_silences_notices_but_not_errors() {
    for quiet in [false, true] {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let rd = || {
            let mut c = resdiff();
            c.current_dir(root)
                .env("HOME", root)
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GIT_AUTHOR_NAME", "Quiet Test")
                .env("GIT_AUTHOR_EMAIL", "quiet@example.org");
            if quiet {
                c.arg("-q");
            }
            c
        };
        rd().arg("init").assert().success();
        // A lock left by a process that no longer exists: recovering it is a notice.
        std::fs::write(root.join("versions/.resdiff.lock"), "999999999\n").unwrap();
        let out = rd()
            .args(["import", "--series", "s", &akn("A-RES-74-176")])
            .assert()
            .success()
            .get_output()
            .clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.is_empty(), quiet, "quiet={quiet}: {err}");
        assert!(String::from_utf8(out.stdout)
            .unwrap()
            .contains("imported as"));
        let out = rd()
            .args(["parse", "no-such-file.xml"])
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("resdiff: error: "), "quiet={quiet}: {err}");
    }
}
