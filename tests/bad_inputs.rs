//! Bad inputs never panic: each gives exit status 2 and one line on stderr
//! that names the file and says what is wrong. Inputs are made by code in a
//! temporary directory; the truncated AKN file is cut from the shared corpus
//! at test time.
mod common;
use common::*;

use std::path::{Path, PathBuf};

use resdiff::ingest::ReadOptions;
use resdiff::render::docx::docx_bytes;

/// Run `resdiff parse FILE` and check the trouble contract; returns stderr.
fn assert_bad(file: &Path) -> String {
    let out = resdiff()
        .arg("parse")
        .arg(file)
        .output()
        .expect("run resdiff");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}: expected exit status 2, stderr: {stderr}",
        file.display()
    );
    assert!(
        !stderr.contains("panicked"),
        "{}: panic: {stderr}",
        file.display()
    );
    let name = file.display().to_string();
    assert!(
        stderr.contains(&name),
        "stderr does not name {name}: {stderr}"
    );
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "{name}: expected one line on stderr, got: {stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "{name}: nothing should be printed on stdout"
    );
    stderr
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn empty_file() {
    let d = tempfile::tempdir().unwrap();
    let e = assert_bad(&write(d.path(), "empty.txt", b""));
    assert!(e.contains("empty"), "{e}");
}

#[test]
fn one_byte_file() {
    let d = tempfile::tempdir().unwrap();
    assert_bad(&write(d.path(), "one-byte.txt", b"x"));
}

#[test]
fn binary_file() {
    let d = tempfile::tempdir().unwrap();
    // Deterministic pseudo-random bytes (an LCG), with NULs among them.
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    let e = assert_bad(&write(d.path(), "blob.bin", &bytes));
    assert!(e.contains("binary"), "{e}");
}

#[test]
fn jpeg_renamed_pdf() {
    let d = tempfile::tempdir().unwrap();
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    jpeg.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    jpeg.extend(std::iter::repeat(0x55).take(200));
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    let e = assert_bad(&write(d.path(), "resolution.pdf", &jpeg));
    assert!(e.contains("JPEG"), "{e}");
}

#[test]
fn text_without_organ_line() {
    let d = tempfile::tempdir().unwrap();
    let text = "Minutes of a meeting (synthetic)\n\nThe committee met on Tuesday.\n\
                Several delegations spoke about the budget.\nThe meeting rose at 6 p.m.\n";
    assert_bad(&write(d.path(), "minutes.txt", text.as_bytes()));
}

#[test]
fn truncated_akn_xml() {
    let d = tempfile::tempdir().unwrap();
    let full = std::fs::read(corpus("akn/en/A-RES-76-186.xml")).unwrap();
    let mut cut = full.len() / 2;
    while cut > 0 && (full[cut] & 0xC0) == 0x80 {
        cut -= 1; // cut on a character boundary: the fault is the truncation, not the encoding
    }
    assert_bad(&write(d.path(), "A-RES-76-186.truncated.xml", &full[..cut]));
}

/// A legacy-encoded resolution is read with a warning naming the encoding
/// (or refused with one clear line).
fn legacy(rel: &str, enc: &'static encoding_rs::Encoding, expect: &str) {
    let d = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(corpus(rel)).unwrap();
    let (bytes, _, _) = enc.encode(&text);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the test input must not be UTF-8"
    );
    let file = write(d.path(), "legacy.txt", &bytes);
    let out = resdiff().arg("parse").arg(&file).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    match out.status.code() {
        Some(0) => {
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                stdout.contains(expect),
                "no warning naming {expect}: {stdout}"
            );
            assert!(stdout.contains("OP1"), "{stdout}");
        }
        _ => {
            assert_bad(&file);
        }
    }
}

#[test]
fn windows_1252_text() {
    legacy(
        "fulltext/fr/A-RES-78-228.txt",
        encoding_rs::WINDOWS_1252,
        "Windows-1252",
    );
}

#[test]
fn windows_1256_text() {
    legacy(
        "fulltext/ar/A-RES-78-228.txt",
        encoding_rs::WINDOWS_1256,
        "Windows-1256",
    );
}

#[test]
fn truncated_docx() {
    let d = tempfile::tempdir().unwrap();
    let ed =
        resdiff::ingest::read_path(&corpus("akn/en/A-RES-78-228.xml"), &ReadOptions::default());
    // Fall back to a synthetic edition if the AKN reader is not available.
    let ed = ed.unwrap_or_else(|_| {
        let mut e = resdiff::model::Edition::new(
            "s",
            resdiff::model::SourceFormat::Text,
            resdiff::Language::En,
        );
        e.units.push(resdiff::model::Unit::new(
            resdiff::model::UnitId::op(1),
            "Decides (synthetic);",
        ));
        e
    });
    let bytes = docx_bytes(&ed).unwrap();
    let e = assert_bad(&write(d.path(), "cut.docx", &bytes[..bytes.len() * 2 / 3]));
    assert!(e.contains("DOCX") && e.contains("truncated"), "{e}");
}

#[test]
fn zip_that_is_not_a_docx() {
    use std::io::Write;
    let d = tempfile::tempdir().unwrap();
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file("notes/readme.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    z.write_all(b"just some notes").unwrap();
    let bytes = z.finish().unwrap().into_inner();
    let e = assert_bad(&write(d.path(), "archive.docx", &bytes));
    assert!(e.contains("not a Word document"), "{e}");
}

#[test]
fn nul_bytes_in_text() {
    let d = tempfile::tempdir().unwrap();
    let mut bytes = b"The General Assembly,\n\nRecalling (synthetic),\n".to_vec();
    bytes.extend_from_slice(&[0, 0, 0, 0]);
    bytes.extend_from_slice(b"1. Decides (synthetic);\n");
    assert_bad(&write(d.path(), "nul.txt", &bytes));
}

#[test]
fn directory_as_file() {
    let d = tempfile::tempdir().unwrap();
    let sub = d.path().join("a-directory");
    std::fs::create_dir(&sub).unwrap();
    assert_bad(&sub);
}

#[test]
fn html_page_without_text() {
    let d = tempfile::tempdir().unwrap();
    let page =
        "<!DOCTYPE html><html><head><title>Nothing</title><script>var a = 1;</script></head>\
                <body><div><img src=\"x.png\"></div></body></html>";
    let e = assert_bad(&write(d.path(), "page.html", page.as_bytes()));
    assert!(e.contains("no visible text"), "{e}");
}

#[test]
fn legacy_encoded_html_is_read_with_a_warning() {
    let d = tempfile::tempdir().unwrap();
    let page =
        "<html><body><p>L’Assemblée générale,</p><p>Rappelant sa résolution (synthétique),</p>\
                <ol><li>Décide de rester saisie de la question (synthétique);</li>\
                <li>Prie le Secrétaire général (synthétique).</li></ol></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
    let file = write(d.path(), "page-1252.html", &bytes);
    let out = resdiff()
        .arg("parse")
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(s.contains("Windows-1252"), "{s}");
    assert!(s.contains("Décide de rester saisie"), "{s}");
}
