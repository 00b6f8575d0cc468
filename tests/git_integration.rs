//! resdiff inside git: a temporary repository set up as the README says
//! (`.gitattributes` plus `diff.resdiff.command` and `diff.resdiff.textconv`),
//! holding an AKN file and a DOCX made from it that go from A/RES/74/176 to
//! A/RES/76/186 in one commit. `git diff` (external driver) must show
//! clause-level changes, `git log -p` (textconv) changed clause lines, and
//! added, deleted and unreadable files must not stop git.
//!
//! The resolution files exist only in the temporary folder.
mod common;
use common::*;

use std::path::Path;
use std::process::Command;

/// The `.gitattributes` lines the README gives.
const ATTRIBUTES: &str =
    "*.xml  diff=resdiff\n*.pdf  diff=resdiff\n*.docx diff=resdiff\n*.txt  diff=resdiff\n";

/// Run git in `dir` with a fixed, isolated environment; returns stdout,
/// failing the test on a non-zero exit.
fn git(dir: &Path, args: &[&str]) -> String {
    let (out, err) = git_both(dir, args);
    let _ = err;
    out
}

fn git_both(dir: &Path, args: &[&str]) -> (String, String) {
    let o = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_PAGER", "cat")
        .env("GIT_AUTHOR_NAME", "Git Test")
        .env("GIT_AUTHOR_EMAIL", "git-test@example.org")
        .env("GIT_COMMITTER_NAME", "Git Test")
        .env("GIT_COMMITTER_EMAIL", "git-test@example.org")
        .env_remove("GIT_EXTERNAL_DIFF")
        .env_remove("RESDIFF_PAGER")
        .env("NO_COLOR", "1")
        .output()
        .expect("git runs");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "git {args:?} failed: {err}\n{out}");
    (out, err)
}

/// A repository configured for resdiff, with 74/176 committed, then 76/186
/// (AKN as `res.xml`, DOCX written from the AKN as `res.docx`).
fn repo() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path();
    let bin = assert_cmd::cargo::cargo_bin("resdiff");
    git(dir, &["init", "-q", "-b", "main"]);
    std::fs::write(dir.join(".gitattributes"), ATTRIBUTES).unwrap();
    let quoted = format!("'{}'", bin.display());
    git(
        dir,
        &[
            "config",
            "diff.resdiff.command",
            &format!("{quoted} git-diff"),
        ],
    );
    git(
        dir,
        &[
            "config",
            "diff.resdiff.textconv",
            &format!("{quoted} textconv"),
        ],
    );
    for (i, ed) in ["A-RES-74-176", "A-RES-76-186"].iter().enumerate() {
        let src = corpus(&format!("akn/en/{ed}.xml"));
        std::fs::copy(&src, dir.join("res.xml")).unwrap();
        let edition =
            resdiff::ingest::read_path(&src, &resdiff::ingest::ReadOptions::default()).unwrap();
        let docx = resdiff::render::docx::docx_bytes(&edition).unwrap();
        std::fs::write(dir.join("res.docx"), docx).unwrap();
        git(dir, &["add", "."]);
        git(dir, &["commit", "-q", "-m", &format!("edition {}", i + 1)]);
    }
    t
}

fn has_changed_op(s: &str) -> bool {
    s.lines()
        .any(|l| l.starts_with("OP") && l.ends_with(" changed"))
}

#[test]
fn git_diff_uses_the_driver_and_shows_clause_changes() {
    let t = repo();
    let out = git(t.path(), &["diff", "HEAD~1", "--", "res.xml"]);
    assert!(
        out.starts_with("diff --resdiff a/res.xml b/res.xml\n"),
        "{out}"
    );
    assert!(
        out.contains("old A/RES/74/176 · en · akn · a/res.xml"),
        "{out}"
    );
    assert!(
        out.contains("new A/RES/76/186 · en · akn · b/res.xml"),
        "{out}"
    );
    assert!(out.contains("\nPP4 added\n"), "{out}");
    assert!(out.contains("\nPP6 (was PP4) changed\n"), "{out}");
    assert!(has_changed_op(&out), "{out}");
    // The DOCX (binary to git) goes through the same driver.
    let out = git(t.path(), &["diff", "HEAD~1", "--", "res.docx"]);
    assert!(
        out.starts_with("diff --resdiff a/res.docx b/res.docx\n"),
        "{out}"
    );
    assert!(
        out.contains("· docx · a/res.docx") && has_changed_op(&out),
        "{out}"
    );
    // git log -p --ext-diff uses it too.
    let out = git(
        t.path(),
        &["log", "-p", "--ext-diff", "-1", "--", "res.xml"],
    );
    assert!(out.contains("PP6 (was PP4) changed"), "{out}");
}

#[test]
fn git_log_p_uses_textconv_one_clause_per_line() {
    let t = repo();
    let out = git(t.path(), &["log", "-p", "-1", "--", "res.xml"]);
    assert!(out.contains("diff --git a/res.xml b/res.xml"), "{out}");
    assert!(
        out.contains("-symbol: A/RES/74/176\n+symbol: A/RES/76/186\n"),
        "{out}"
    );
    // The inserted clause is added lines; a renumbered clause only changes its id line.
    assert!(
        out.contains("+PP4\n+Recognizing that the coronavirus disease (COVID-19) pandemic"),
        "{out}"
    );
    assert!(
        out.contains("-PP4 [^1,2,3,4]\n") && out.contains("+PP6 [^1,2,3,4]\n"),
        "{out}"
    );
    // A DOCX, binary to git, is shown as text through textconv.
    let out = git(t.path(), &["log", "-p", "-1", "--", "res.docx"]);
    assert!(!out.contains("Binary files"), "{out}");
    assert!(out.contains("+symbol: A/RES/76/186\n"), "{out}");
    // git diff --no-ext-diff falls back to textconv as well.
    let out = git(
        t.path(),
        &["diff", "--no-ext-diff", "HEAD~1", "--", "res.xml"],
    );
    assert!(
        out.contains("+PP5\n+Noting that reports have highlighted"),
        "{out}"
    );
}

#[test]
fn added_deleted_and_unreadable_files_do_not_stop_git() {
    let t = repo();
    let dir = t.path();
    std::fs::write(dir.join("broken.xml"), "<akomaNtoso><unclosed>").unwrap();
    git(dir, &["rm", "-q", "res.xml"]);
    git(dir, &["add", "broken.xml"]);
    let (out, err) = git_both(dir, &["diff", "--cached"]);
    assert!(
        out.contains("diff --resdiff a/res.xml b/res.xml\ndeleted file mode 100644\n"),
        "{out}"
    );
    assert!(
        out.contains("\nPP1 removed\n") && out.contains("\nOP1 removed\n"),
        "{out}"
    );
    assert!(
        out.contains("diff --resdiff a/broken.xml b/broken.xml\nnew file mode 100644\n"),
        "{out}"
    );
    assert!(out.contains("not compared clause by clause"), "{out}");
    assert!(err.contains("resdiff: warning: b/broken.xml:"), "{err}");
    // textconv shows the unreadable file as it is.
    let (out, err) = git_both(
        dir,
        &["diff", "--cached", "--no-ext-diff", "--", "broken.xml"],
    );
    assert!(out.contains("+<akomaNtoso><unclosed>"), "{out}");
    assert!(err.contains("warning:"), "{err}");
}

#[test]
fn git_diff_refuses_a_wrong_argument_count_and_quiet_silences_warnings() {
    resdiff()
        .args(["git-diff", "a", "b"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("7 arguments git passes"));
    let t = tempfile::tempdir().unwrap();
    let bad = t.path().join("bad.xml");
    std::fs::write(&bad, "<akomaNtoso><unclosed>").unwrap();
    let b = bad.to_str().unwrap();
    let args = [
        "git-diff",
        "bad.xml",
        "/dev/null",
        ".",
        ".",
        b,
        "0000000",
        "100644",
    ];
    resdiff()
        .args(args)
        .assert()
        .success()
        .stderr(predicates::str::contains("warning"));
    resdiff()
        .arg("--quiet")
        .args(args)
        .assert()
        .success()
        .stderr("");
}
