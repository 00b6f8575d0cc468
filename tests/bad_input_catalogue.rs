//! A catalogue of hostile and extreme inputs, made by code at test time:
//! entity bombs, huge and long-lined texts, many tiny paragraphs, NULs,
//! mixed scripts, unbalanced bidi controls, very deep nesting, truncated
//! archives, wrong extensions. Each must give a clear error or a correct
//! result, in bounded time, never a panic or a stack overflow.
//! (The basic cases — empty, binary, truncated AKN/DOCX, legacy encodings —
//! are in `bad_inputs.rs`.) `docs/RELIABILITY.md` has the time and memory
//! the release binary needs for each; to write the inputs out for such a
//! measurement: `RESDIFF_CATALOGUE_OUT=DIR cargo test --test
//! bad_input_catalogue -- --ignored write_catalogue`.
mod common;
use common::*;

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use resdiff::ingest::{self, IngestError, ReadOptions};
use resdiff::model::{Edition, Part, SourceFormat};

// ---------------------------------------------------------------------------
// Inputs

/// The header every synthetic text resolution starts with (invented).
const HEADER: &str = "United Nations\nA/RES/99/1\nGeneral Assembly\n\n\
                      99/1. A synthetic resolution\n\nThe General Assembly,\n\n";

/// A synthetic text resolution: `pp` preambular and `op` operative paragraphs.
fn text_resolution(pp: usize, op: usize) -> String {
    let mut s = String::from(HEADER);
    for k in 1..=pp {
        s.push_str(&format!("Recalling its resolution {k} (synthetic),\n"));
    }
    for k in 1..=op {
        s.push_str(&format!(
            "{k}. Decides to keep item {k} under review (synthetic);\n"
        ));
    }
    s
}

/// A synthetic AKN4UN resolution around the given body mark-up, with an
/// optional internal DTD subset.
fn akn(dtd: &str, body: &str) -> String {
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
{dtd}<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
<statement name="resolution"><meta><identification source="#x"><FRBRExpression><FRBRlanguage language="eng"/></FRBRExpression></identification></meta>
<preamble><formula name="enactingFormula"><p>The General Assembly,</p></formula>
<container name="pp"><p>Recalling its earlier resolution (synthetic),</p></container></preamble>
<mainBody>{body}</mainBody></statement></akomaNtoso>"##
    )
}

fn akn_paragraph(num: u32, content: &str) -> String {
    format!("<paragraph><num>{num}.</num><content><p>{content}</p></content></paragraph>")
}

/// Billion laughs: ten levels of entities, each ten copies of the one below
/// (10^9 "lol" if expanded), plus an external entity naming a local file.
fn xml_bomb() -> Vec<u8> {
    let mut dtd = String::from("<!DOCTYPE akomaNtoso [\n<!ENTITY lol0 \"lol\">\n");
    for k in 1..=9 {
        let refs: String = (0..10).map(|_| format!("&lol{};", k - 1)).collect();
        dtd.push_str(&format!("<!ENTITY lol{k} \"{refs}\">\n"));
    }
    dtd.push_str("<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n");
    let body = akn_paragraph(1, "Decides &lol9; and &xxe; (synthetic);")
        + &akn_paragraph(2, "Requests a report (synthetic);");
    akn(&dtd, &body).into_bytes()
}

/// Operative paragraphs with points nested `depth` deep.
fn akn_nested_points(depth: usize) -> Vec<u8> {
    let mut inner = String::new();
    for _ in 0..depth {
        inner.push_str("<list><point><num>(a)</num><content><p>Item (synthetic);</p></content>");
    }
    for _ in 0..depth {
        inner.push_str("</point></list>");
    }
    let body = format!(
        "<paragraph><num>1.</num><intro><p>Decides (synthetic):</p></intro>{inner}</paragraph>"
    );
    akn("", &body).into_bytes()
}

/// An HTML page with ordered lists nested `depth` deep.
fn html_nested_lists(depth: usize) -> Vec<u8> {
    let mut s = String::from(
        "<!DOCTYPE html><html><body><p>The General Assembly,</p>\
         <p>Recalling its earlier resolution (synthetic),</p><ol><li>Decides (synthetic):",
    );
    for _ in 0..depth {
        s.push_str("<ol type=\"a\"><li>Item (synthetic);");
    }
    for _ in 0..depth {
        s.push_str("</li></ol>");
    }
    s.push_str("</li></ol></body></html>");
    s.into_bytes()
}

/// A .docx made of the given document.xml body.
fn docx(body: &str) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("word/document.xml", opts).unwrap();
    write!(
        z,
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    )
    .unwrap();
    z.finish().unwrap().into_inner()
}

fn docx_para(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A synthetic resolution as .docx.
fn docx_resolution() -> Vec<u8> {
    let paras: String = text_resolution(2, 3).lines().map(docx_para).collect();
    docx(&paras)
}

/// Tables nested `depth` deep in a .docx.
fn docx_nested_tables(depth: usize) -> Vec<u8> {
    let mut body: String = text_resolution(1, 2).lines().map(docx_para).collect();
    for _ in 0..depth {
        body.push_str("<w:tbl><w:tr><w:tc>");
    }
    body.push_str(&docx_para("Cell (synthetic)"));
    for _ in 0..depth {
        body.push_str("<w:p/></w:tc></w:tr></w:tbl>");
    }
    docx(&body)
}

/// A text resolution of at least `bytes`: preambular paragraphs of about
/// 120 bytes, then three operative paragraphs.
fn big_text(bytes: usize) -> Vec<u8> {
    let mut s = String::from(HEADER);
    let mut k = 0;
    while s.len() < bytes {
        k += 1;
        s.push_str(&format!(
            "Recalling its resolution {k} on the item and the views expressed on it at the session (synthetic),\n"
        ));
    }
    s.push_str("1. Decides (synthetic);\n2. Requests (synthetic);\n3. Decides to remain seized (synthetic);\n");
    s.into_bytes()
}

/// One operative paragraph of `bytes` on a single line.
fn one_long_line(bytes: usize) -> Vec<u8> {
    let mut s = String::from(HEADER);
    s.push_str("Recalling its resolution 1 (synthetic),\n1. Decides");
    let words = [
        "to",
        "note",
        "the",
        "report",
        "and",
        "(synthetic)",
        "of",
        "1990,",
    ];
    let mut k = 0;
    while s.len() < bytes {
        s.push(' ');
        s.push_str(words[k % words.len()]);
        k += 1;
    }
    s.push_str(";\n2. Requests a report (synthetic);\n");
    s.into_bytes()
}

/// `n` tiny preambular paragraphs and two operative ones. (Operative
/// numbers stop at three digits — a longer number opening a line is not a
/// paragraph label — so the many paragraphs are preambular.)
fn many_tiny_paragraphs(n: usize) -> Vec<u8> {
    let mut s = String::from(HEADER);
    for _ in 0..n {
        s.push_str("Noting,\n");
    }
    s.push_str("1. Notes;\n2. Decides;\n");
    s.into_bytes()
}

/// Paragraphs mixing scripts, combining marks and astral characters.
const MIXED: &str =
    "Decides (synthetic) — قرار, решение, 决定, निर्णय, e\u{301}te\u{301}, 𝔘𝔑 😀, ΑΒΓ;";

fn mixed_scripts() -> Vec<u8> {
    format!(
        "{HEADER}Recalling its resolution 1 (synthetic),\n1. {MIXED}\n2. Requests (synthetic);\n"
    )
    .into_bytes()
}

/// Bidi controls opened and never closed (RLO, RLE, RLI, LRO, PDF alone).
const BIDI: &str =
    "Decides \u{202E}to reverse (synthetic)\u{202B} and \u{2067}isolate\u{202D} \u{202C}\u{202C};";

fn unbalanced_bidi() -> Vec<u8> {
    format!(
        "{HEADER}\u{202E}Recalling its resolution 1 (synthetic),\n1. {BIDI}\n2.\u{202E} Requests (synthetic);\n\u{2066}"
    )
    .into_bytes()
}

// ---------------------------------------------------------------------------
// Checking

/// What a case must give.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// An edition with at least this many units.
    Units(usize),
    /// An error whose message contains this.
    Error(&'static str),
}

/// Read `bytes` as a file named `name` through the library, within `limit`.
fn read(name: &str, bytes: &[u8], limit: Duration) -> Result<Edition, IngestError> {
    let start = Instant::now();
    let r = ingest::read_bytes(bytes, name, &ReadOptions::default());
    let took = start.elapsed();
    assert!(took < limit, "{name}: took {took:?}, more than {limit:?}");
    r
}

fn check(name: &str, bytes: &[u8], expect: Expect, limit: Duration) -> Option<Edition> {
    match (read(name, bytes, limit), expect) {
        (Ok(ed), Expect::Units(n)) => {
            assert!(
                ed.units.len() >= n,
                "{name}: {} units, expected {n}+",
                ed.units.len()
            );
            Some(ed)
        }
        (Err(e), Expect::Error(part)) => {
            let msg = e.to_string();
            assert!(msg.contains(part), "{name}: error without '{part}': {msg}");
            assert!(
                msg.starts_with(name),
                "{name}: error does not name the file: {msg}"
            );
            None
        }
        (Ok(ed), Expect::Error(part)) => {
            panic!(
                "{name}: expected an error with '{part}', got {} units",
                ed.units.len()
            )
        }
        (Err(e), Expect::Units(_)) => panic!("{name}: expected an edition, got: {e}"),
    }
}

/// Debug builds are slow: generous bounds that still catch quadratic blow-ups.
const QUICK: Duration = Duration::from_secs(5);
const BIG: Duration = Duration::from_secs(60);

// ---------------------------------------------------------------------------
// Cases

#[test]
fn entity_bomb_is_not_expanded() {
    let bytes = xml_bomb();
    let ed = check("bomb.xml", &bytes, Expect::Units(2), QUICK).unwrap();
    let text: usize = ed.units.iter().map(|u| u.text.len()).sum();
    assert!(
        text < 10_000,
        "entities were expanded: {text} bytes of unit text"
    );
    let op1 = ed.units.iter().find(|u| u.id.to_string() == "OP1").unwrap();
    assert!(
        !op1.text.contains("root:"),
        "an external entity was read: {}",
        op1.text
    );
    assert!(!op1.text.contains("lollol"), "{}", op1.text);
}

/// 50 MB in a release build (`cargo test --release --test
/// bad_input_catalogue`, about 7 s); 10 MB in a debug build, whose reader
/// code is unoptimised and about ten times slower.
#[test]
fn text_of_50_mb() {
    let mb = if cfg!(debug_assertions) { 10 } else { 50 };
    let bytes = big_text(mb * 1024 * 1024);
    let ed = check("big.txt", &bytes, Expect::Units(mb * 8_000), BIG).unwrap();
    assert_eq!(ed.format, SourceFormat::Text);
    assert_eq!(ed.paragraph_count(Part::Operative), 3);
}

#[test]
fn single_line_of_5_mb() {
    let bytes = one_long_line(5 * 1024 * 1024);
    let ed = check("long-line.txt", &bytes, Expect::Units(3), BIG).unwrap();
    let op1 = ed.units.iter().find(|u| u.id.to_string() == "OP1").unwrap();
    assert!(
        op1.text.len() > 5_000_000,
        "OP1 has {} bytes",
        op1.text.len()
    );
}

#[test]
fn hundred_thousand_tiny_paragraphs() {
    let bytes = many_tiny_paragraphs(100_000);
    let ed = check("tiny.txt", &bytes, Expect::Units(100_002), BIG).unwrap();
    assert_eq!(ed.paragraph_count(Part::Preamble), 100_000);
    assert_eq!(ed.paragraph_count(Part::Operative), 2);
}

#[test]
fn nul_bytes_in_markup() {
    let mut xml = akn("", &akn_paragraph(1, "Decides (synthetic);"));
    xml = xml.replace("Decides", "Dec\0ides");
    check("nul.xml", xml.as_bytes(), Expect::Error("NUL"), QUICK);
    let html = "<html><body><p>The General Assembly,</p><p>1. Dec\0ides;</p></body></html>";
    check("nul.html", html.as_bytes(), Expect::Error("NUL"), QUICK);
    // Inside a .docx the part is read as text; a NUL there is kept or
    // refused, never a panic.
    let d = docx(&(docx_para("The General Assembly,") + &docx_para("1. Dec\0ides (synthetic);")));
    let _ = read("nul.docx", &d, QUICK);
    // A character reference to NUL in HTML is a replacement character.
    let html = "<html><body><p>The General Assembly,</p><p>Recalling (synthetic),</p>\
                <p>1. Dec&#0;ides (synthetic);</p></body></html>";
    let ed = check("nul-ref.html", html.as_bytes(), Expect::Units(2), QUICK).unwrap();
    assert!(ed.units.iter().all(|u| !u.text.contains('\0')));
}

#[test]
fn mixed_scripts_are_kept() {
    let ed = check("mixed.txt", &mixed_scripts(), Expect::Units(3), QUICK).unwrap();
    let op1 = ed.units.iter().find(|u| u.id.to_string() == "OP1").unwrap();
    assert!(op1.text.contains("решение, 决定"), "{}", op1.text);
    assert!(op1.text.contains("😀"), "{}", op1.text);
}

#[test]
fn unbalanced_bidi_controls() {
    let ed = check("bidi.txt", &unbalanced_bidi(), Expect::Units(2), QUICK).unwrap();
    assert!(ed.units.iter().any(|u| u.text.contains("isolate")));
    // The same controls in AKN and HTML.
    let xml = akn("", &akn_paragraph(1, BIDI));
    check("bidi.xml", xml.as_bytes(), Expect::Units(2), QUICK);
    let html = format!(
        "<html><body><p>The General Assembly,</p><p>Recalling (synthetic),</p><ol><li>{BIDI}</li></ol></body></html>"
    );
    check("bidi.html", html.as_bytes(), Expect::Units(2), QUICK);
}

#[test]
fn akn_points_nested_10000_deep() {
    check(
        "deep.xml",
        &akn_nested_points(10_000),
        Expect::Error("nested more than"),
        QUICK,
    );
}

/// Points 97 deep (two elements per level: 200 in all with the document
/// around them) are the deepest accepted; the recursive walk must not
/// overflow the 2 MiB stack of a test thread there, in a debug build.
#[test]
fn akn_points_nested_just_under_the_limit() {
    let ed = check(
        "deep-ok.xml",
        &akn_nested_points(97),
        Expect::Units(99),
        QUICK,
    )
    .unwrap();
    assert!(
        ed.units.iter().any(|u| u.id.depth() >= 97),
        "the deepest point is missing"
    );
    check(
        "deep-over.xml",
        &akn_nested_points(98),
        Expect::Error("nested more than 200 deep"),
        QUICK,
    );
}

#[test]
fn html_lists_nested_10000_deep() {
    check(
        "deep.html",
        &html_nested_lists(10_000),
        Expect::Units(2),
        QUICK,
    );
}

#[test]
fn docx_tables_nested_10000_deep() {
    check(
        "deep.docx",
        &docx_nested_tables(10_000),
        Expect::Units(2),
        QUICK,
    );
}

#[test]
fn docx_cut_anywhere() {
    let full = docx_resolution();
    check("whole.docx", &full, Expect::Units(4), QUICK);
    for k in 1..16 {
        let cut = &full[..full.len() * k / 16];
        check(&format!("cut-{k}.docx"), cut, Expect::Error("DOCX"), QUICK);
    }
    check(
        "header-only.docx",
        b"PK\x03\x04",
        Expect::Error("DOCX"),
        QUICK,
    );
}

// ---------------------------------------------------------------------------
// Through the binary: the extension does not decide the format.

fn run_ok(dir: &Path, name: &str, bytes: &[u8], expect_format: &str) {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    let out = resdiff()
        .args(["parse", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], expect_format, "{name}");
}

#[test]
fn wrong_extensions() {
    let d = tempfile::tempdir().unwrap();
    let xml = akn("", &akn_paragraph(1, "Decides (synthetic);"));
    run_ok(d.path(), "resolution.pdf", xml.as_bytes(), "akn");
    run_ok(d.path(), "resolution.txt", &docx_resolution(), "docx");
    run_ok(
        d.path(),
        "resolution.docx",
        text_resolution(1, 2).as_bytes(),
        "text",
    );
    let html = "<html><body><p>The General Assembly,</p><p>Recalling (synthetic),</p>\
                <ol><li>Decides (synthetic);</li></ol></body></html>";
    run_ok(d.path(), "resolution.xml", html.as_bytes(), "html");
}

/// Each input under its file name, for measuring the release binary.
fn catalogue() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("bomb.xml", xml_bomb()),
        ("big-50mb.txt", big_text(50 * 1024 * 1024)),
        ("long-line-5mb.txt", one_long_line(5 * 1024 * 1024)),
        ("tiny-100k.txt", many_tiny_paragraphs(100_000)),
        ("mixed.txt", mixed_scripts()),
        ("bidi.txt", unbalanced_bidi()),
        ("deep-points-10000.xml", akn_nested_points(10_000)),
        ("deep-points-97.xml", akn_nested_points(97)),
        ("deep-ol-10000.html", html_nested_lists(10_000)),
        ("deep-tables-10000.docx", docx_nested_tables(10_000)),
        ("cut-half.docx", {
            let d = docx_resolution();
            d[..d.len() / 2].to_vec()
        }),
        (
            "akn-named.pdf",
            akn("", &akn_paragraph(1, "Decides (synthetic);")).into_bytes(),
        ),
    ]
}

#[test]
#[ignore = "writes the catalogue for measurement; needs RESDIFF_CATALOGUE_OUT"]
fn write_catalogue() {
    let dir = std::env::var_os("RESDIFF_CATALOGUE_OUT").expect("set RESDIFF_CATALOGUE_OUT");
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    for (name, bytes) in catalogue() {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

#[test]
fn input_over_the_size_limit_is_refused() {
    let limit = ingest::MAX_INPUT_BYTES as usize;
    let bytes = vec![b'x'; limit + 1];
    check(
        "huge.txt",
        &bytes,
        Expect::Error("larger than 64 MiB"),
        QUICK,
    );
}

#[test]
fn endless_device_is_refused_not_read_forever() {
    let dev = Path::new("/dev/zero");
    if !dev.exists() {
        return;
    }
    let start = Instant::now();
    let err = ingest::read_path(dev, &ReadOptions::default()).unwrap_err();
    assert!(start.elapsed() < BIG, "took {:?}", start.elapsed());
    assert!(err.to_string().contains("larger than"), "{err}");
}
