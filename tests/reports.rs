//! `resdiff diff --format html|md|docx`: the reports people read, on the real
//! pair 74/176 → 76/186 in English and Arabic from ../shared.
//!
//! - HTML is opened by headless Chromium: it must render (a screenshot of
//!   non-trivial size), log no console message (the page has no scripts and
//!   a policy forbidding them and any fetch), and its DOM must hold one
//!   change section per change of the comparison.
//! - DOCX is converted to PDF by headless LibreOffice; its tracked revisions
//!   are counted in word/document.xml and must be the word-level changes of
//!   the diff; accepting all of them (done here on the XML) must give the
//!   new edition's clauses, rejecting all the old edition's.
//! - Markdown is snapshotted.
//!
//! Chromium (`/usr/bin/chromium`, Debian package chromium) and LibreOffice
//! (`soffice`, Debian package libreoffice-writer-nogui) are installed by
//! .ci/run; without them these tests fail and say what to install.
mod common;
mod docx_support;
use docx_support::{read_tracked, zip_part};

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

use resdiff::diff::{compare, ChangeKind, CompareOptions, Comparison, Op};
use resdiff::ingest::{read_path, ReadOptions};
use resdiff::render::md::write_md;
use resdiff::render::report::ReportOptions;
use resdiff::render::term::is_interesting;

const PAIRS: [(&str, &str); 2] = [
    ("akn/en/A-RES-74-176.xml", "akn/en/A-RES-76-186.xml"),
    ("akn/ar/A-RES-74-176.xml", "akn/ar/A-RES-76-186.xml"),
];

/// Smallest screenshot taken as "rendered": a blank 1200×3000 page
/// compresses to a few kilobytes, a rendered report to hundreds.
const MIN_SCREENSHOT_BYTES: u64 = 50_000;
/// Smallest PDF taken as a converted document (an empty one is ~1 kB).
const MIN_PDF_BYTES: u64 = 10_000;
/// Revision date used by the tests (SOURCE_DATE_EPOCH) and its ISO form.
const EPOCH: &str = "1700000000";
const EPOCH_ISO: &str = "2023-11-14T22:13:20Z";

const CHROMIUM: &str = "/usr/bin/chromium";

fn read(rel: &str) -> resdiff::Edition {
    let mut ed = read_path(&corpus(rel), &ReadOptions::default()).expect("corpus edition reads");
    ed.source = rel.to_string();
    ed
}

fn comparison(old: &str, new: &str) -> Comparison {
    compare(&read(old), &read(new), &CompareOptions::default())
}

/// Run `resdiff diff OLD NEW --format FORMAT -o OUT` and return OUT.
fn report(dir: &Path, old: &str, new: &str, format: &str, extra: &[&str]) -> PathBuf {
    let lang = if old.contains("/ar/") { "ar" } else { "en" };
    let out = dir.join(format!("{lang}.{format}"));
    resdiff()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args(["diff", &corpus(old).display().to_string()])
        .arg(corpus(new))
        .args(["--format", format, "-o"])
        .arg(&out)
        .args(extra)
        .assert()
        .code(1)
        .stdout("");
    out
}

fn chromium(dir: &Path, extra: &[&str], html: &Path) -> std::process::Output {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: install it with apt-get install -y --no-install-recommends chromium"
    );
    Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(extra)
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs")
}

#[test]
fn html_renders_in_chromium_without_console_errors() {
    for (old, new) in PAIRS {
        let dir = tempfile::tempdir().unwrap();
        let html = report(dir.path(), old, new, "html", &[]);
        let cmp = comparison(old, new);
        let expected = cmp.changes.iter().filter(|c| is_interesting(c)).count();
        assert!(expected > 20, "{old}: the pair should differ a lot");

        let png = dir.path().join("shot.png");
        let shot = chromium(
            dir.path(),
            &[
                &format!("--screenshot={}", png.display()),
                "--window-size=1200,3000",
            ],
            &html,
        );
        let log = String::from_utf8_lossy(&shot.stderr);
        assert!(shot.status.success(), "{old}: chromium failed: {log}");
        let size = std::fs::metadata(&png).expect("screenshot written").len();
        assert!(
            size > MIN_SCREENSHOT_BYTES,
            "{old}: screenshot only {size} bytes"
        );
        let mut head = [0u8; 8];
        std::fs::File::open(&png)
            .unwrap()
            .read_exact(&mut head)
            .unwrap();
        assert_eq!(&head, b"\x89PNG\r\n\x1a\n");

        let dom = chromium(dir.path(), &["--dump-dom"], &html);
        let log = format!("{log}{}", String::from_utf8_lossy(&dom.stderr));
        // Console messages (errors included) are logged as `INFO:CONSOLE`;
        // blocked loads and policy violations would be console errors too.
        let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE")).collect();
        assert!(console.is_empty(), "{old}: console messages: {console:#?}");
        let dom = String::from_utf8(dom.stdout).unwrap();
        assert_eq!(
            dom.matches("<section class=\"change ").count(),
            expected,
            "{old}: one section per change"
        );
        assert!(dom.contains(&format!("data-changes=\"{expected}\"")));
        assert!(dom.matches("<a href=\"#c-").count() >= expected * 2);
        if old.contains("/ar/") {
            assert!(dom.contains("<main id=\"changes\" lang=\"ar\" dir=\"rtl\""));
        }
    }
}

fn expected_revisions(cmp: &Comparison) -> (usize, usize) {
    let (mut ins, mut del) = (0, 0);
    let text = |ed: &resdiff::Edition, id| ed.unit(id).is_some_and(|u| !u.text.is_empty());
    for c in &cmp.changes {
        match c.kind {
            ChangeKind::Unchanged if !c.moved => {}
            ChangeKind::Changed if !c.moved && c.old.len() == 1 && c.new.len() == 1 => {
                ins += c.diff.iter().filter(|o| o.op == Op::Insert).count();
                del += c.diff.iter().filter(|o| o.op == Op::Delete).count();
            }
            _ => {
                ins += c.new.iter().filter(|id| text(&cmp.new, id)).count();
                del += c.old.iter().filter(|id| text(&cmp.old, id)).count();
            }
        }
    }
    (ins, del)
}

#[test]
fn docx_tracked_changes_open_in_libreoffice_and_accept_reject_to_each_edition() {
    for (old, new) in PAIRS {
        let dir = tempfile::tempdir().unwrap();
        let docx = report(dir.path(), old, new, "docx", &["--author", "Test <author>"]);
        let cmp = comparison(old, new);

        // LibreOffice converts it to PDF without error.
        let lo = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.path().join("lo-profile").display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&docx)
            .output()
            .expect(
                "soffice runs: install LibreOffice with \
                 apt-get install -y --no-install-recommends libreoffice-writer-nogui",
            );
        assert!(
            lo.status.success(),
            "{old}: soffice failed: {}",
            String::from_utf8_lossy(&lo.stderr)
        );
        let pdf = docx.with_extension("pdf");
        let size = std::fs::metadata(&pdf)
            .unwrap_or_else(|_| panic!("{old}: no PDF: {}", String::from_utf8_lossy(&lo.stderr)))
            .len();
        assert!(size > MIN_PDF_BYTES, "{old}: PDF only {size} bytes");

        let xml = zip_part(&docx, "word/document.xml");
        let t = read_tracked(&xml);
        let (ins, del) = expected_revisions(&cmp);
        assert!(
            ins > 20 && del > 10,
            "{old}: {ins} insertions, {del} deletions"
        );
        assert_eq!(
            (t.ins, t.del),
            (ins, del),
            "{old}: revisions = word runs of the diff"
        );
        let texts =
            |ed: &resdiff::Edition| ed.units.iter().map(|u| u.text.clone()).collect::<Vec<_>>();
        assert_eq!(
            t.accepted,
            texts(&cmp.new),
            "{old}: accept all gives the new edition"
        );
        assert_eq!(
            t.rejected,
            texts(&cmp.old),
            "{old}: reject all gives the old edition"
        );
        assert!(
            t.authors.iter().all(|a| a == "Test <author>"),
            "{:?}",
            &t.authors[..3]
        );
        assert!(t.dates.iter().all(|d| d == EPOCH_ISO));
        // Lead phrases in italics: at least one per top-level paragraph.
        let tops = cmp.new.units.iter().filter(|u| u.id.sub.is_empty()).count();
        assert!(
            t.italic_runs >= tops,
            "{old}: {} italic runs for {tops} paragraphs",
            t.italic_runs
        );
        // Operative paragraphs use Word numbering; footnotes are Word footnotes.
        assert!(xml.contains("<w:numPr>"));
        let notes = zip_part(&docx, "word/footnotes.xml");
        assert_eq!(
            notes.matches("<w:footnote w:id=\"").count(),
            cmp.new.footnotes.len(),
            "{old}: every footnote of the new edition (separators have w:type first)"
        );
        assert!(zip_part(&docx, "word/settings.xml").contains("<w:trackRevisions/>"));
    }
}

#[test]
fn markdown_snapshot_en() {
    let (old, new) = PAIRS[0];
    let mut buf = Vec::new();
    write_md(&comparison(old, new), &ReportOptions::default(), &mut buf).unwrap();
    let md = String::from_utf8(buf).unwrap();
    assert!(md.contains("| # | clause | what | similarity |"));
    insta::assert_snapshot!(md);
}

#[test]
fn markdown_and_html_of_arabic_via_cli() {
    let (old, new) = PAIRS[1];
    let dir = tempfile::tempdir().unwrap();
    let md = std::fs::read_to_string(report(dir.path(), old, new, "md", &[])).unwrap();
    let cmp = comparison(old, new);
    let n = cmp.changes.iter().filter(|c| is_interesting(c)).count();
    assert_eq!(md.matches("\n### ").count(), n);
    assert!(md.contains("<del>") && md.contains("<ins>"));
}

#[test]
fn docx_to_a_pipe_is_a_zip_and_to_a_terminal_is_refused() {
    let (old, new) = PAIRS[0];
    let out = resdiff()
        .args(["diff", &corpus(old).display().to_string()])
        .arg(corpus(new))
        .args(["--format", "docx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
    // `script` gives the command a terminal for stdout.
    let bin = assert_cmd::cargo::cargo_bin("resdiff");
    let cmd = format!(
        "{} diff {} {} --format docx",
        bin.display(),
        corpus(old).display(),
        corpus(new).display()
    );
    let out = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .output()
        .expect("script(1) from util-linux");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("give -o FILE"), "{text}");
    assert!(!text.contains("PK\u{3}\u{4}"));
}

#[test]
fn output_file_is_replaced_atomically_and_bad_paths_fail_cleanly() {
    let (old, new) = PAIRS[0];
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("r.md");
    std::fs::write(&target, "stale").unwrap();
    let out = report(dir.path(), old, new, "md", &[]);
    std::fs::rename(&out, &target).unwrap();
    resdiff()
        .args(["diff", &corpus(old).display().to_string()])
        .arg(corpus(new))
        .args(["--format", "md", "-o"])
        .arg(&target)
        .assert()
        .code(1);
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .starts_with("# Changes from"));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["r.md"], "no temporary file left");
    let missing = dir.path().join("no/such/dir/r.html");
    resdiff()
        .args(["diff", &corpus(old).display().to_string()])
        .arg(corpus(new))
        .args(["--format", "html", "-o"])
        .arg(&missing)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("cannot write the output"));
}

/// Document text reaches the reports escaped: a clause with mark-up and
/// terminal escape bytes (synthetic editions written to files).
#[test]
fn hostile_clause_text_is_escaped_in_html_and_md() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.txt");
    let new = dir.path().join("new.txt");
    std::fs::write(
        &old,
        "The General Assembly,\n\nRecalling its earlier work (synthetic),\n\n1. Requests a report (synthetic);\n",
    )
    .unwrap();
    std::fs::write(
        &new,
        "The General Assembly,\n\nRecalling its earlier work (synthetic),\n\n\
         1. Requests a <script>alert(1)</script> report \x1b]0;owned\x07 \x1b[2J (synthetic);\n",
    )
    .unwrap();
    for format in ["html", "md"] {
        let out = dir.path().join(format!("r.{format}"));
        resdiff()
            .arg("diff")
            .arg(&old)
            .arg(&new)
            .args(["--lang", "en", "--format", format, "-o"])
            .arg(&out)
            .assert()
            .code(1);
        let s = std::fs::read_to_string(&out).unwrap();
        assert!(
            s.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{format}: {s}"
        );
        assert!(!s.contains("<script"), "{format}");
        assert!(!s.contains('\x1b') && !s.contains('\x07'), "{format}");
    }
}
