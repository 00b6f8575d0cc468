//! Inputs that once crashed or hung a reader (found by the fuzz targets in
//! fuzz/ and the smoke run in fuzz_smoke.rs), kept so the fault cannot come
//! back. Each input is a byte-string literal or made by code; each test
//! says what failed and where. All must return an edition or an error.
use std::time::{Duration, Instant};

use resdiff::ingest::{self, ReadOptions};

/// Debug builds: generous, but far below what the faults took.
const LIMIT: Duration = Duration::from_secs(5);

/// Read through the sniffing entry point, in bounded time; never a panic.
fn read(bytes: &[u8]) -> Result<resdiff::Edition, ingest::IngestError> {
    let start = Instant::now();
    let r = ingest::read_bytes(bytes, "regression", &ReadOptions::default());
    assert!(start.elapsed() < LIMIT, "took {:?}", start.elapsed());
    r
}

/// html.rs `read_tag`: an attribute value without a name followed by a
/// multi-byte character sliced the string inside that character.
#[test]
fn html_nameless_attribute_before_multibyte_character() {
    let _ = read("<html><body><p><a=\"\"Σ</p></body></html>".as_bytes());
    let _ = ingest::html::parse("<a=\"\"Σ", "r", &ReadOptions::default());
    let _ = ingest::html::parse("<p =x\u{0101}>", "r", &ReadOptions::default());
}

/// html.rs `to_clean_text`: `<ol start>` at the top of i64 overflowed the
/// item counter (a panic in debug builds), and a huge start in a roman list
/// looped n/1000 times building the numeral.
#[test]
fn html_list_start_at_the_limits() {
    for start in [
        "9223372036854775807",
        "-9223372036854775808",
        "999999999999999",
    ] {
        for ty in ["1", "a", "i", "I"] {
            let page = format!(
                "<html><body><p>The General Assembly,</p><p>Recalling (synthetic),</p>\
                 <ol type=\"{ty}\" start=\"{start}\"><li>Decides;</li><li value=\"{start}\">Notes;</li>\
                 <li>Requests;</li></ol></body></html>"
            );
            let _ = read(page.as_bytes());
        }
    }
}

/// A .docx with the given document body and numbering part.
fn docx(body: &str, numbering: &str) -> Vec<u8> {
    use std::io::Write;
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    z.start_file("word/document.xml", o).unwrap();
    write!(z, "<w:document {w}><w:body>{body}</w:body></w:document>").unwrap();
    z.start_file("word/numbering.xml", o).unwrap();
    write!(z, "<w:numbering {w}>{numbering}</w:numbering>").unwrap();
    z.finish().unwrap().into_inner()
}

/// docx.rs `Counters::next` and `format_number`: a `w:start` or
/// `w:startOverride` at the ends of i64 overflowed the counter, and a
/// large start in a lettered list built a label of n/26 letters (a start of
/// 10^9 is 40 MB per paragraph).
#[test]
fn docx_numbering_start_at_the_limits() {
    let para = |num: u32, text: &str| {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>\
             <w:r><w:t>{text}</w:t></w:r></w:p>"
        )
    };
    let plain = |text: &str| format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
    for start in ["9223372036854775807", "-9223372036854775808", "1000000000"] {
        for fmt in [
            "decimal",
            "lowerLetter",
            "lowerRoman",
            "russianLower",
            "chineseCounting",
        ] {
            let numbering = format!(
                "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"{start}\"/>\
                 <w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>\
                 <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
                 <w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\">\
                 <w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>"
            );
            let body = plain("The General Assembly,")
                + &plain("Recalling (synthetic),")
                + &para(1, "Decides;")
                + &para(1, "Notes;")
                + &para(2, "Requests;")
                + &para(2, "Invites;");
            let bytes = docx(&body, &numbering);
            let _ = read(&bytes);
        }
    }
}

/// text.rs `mark_footnote`: each footnote under a `_____` separator
/// compiled two regexes and scanned every line of its page, so half a
/// megabyte with 20,000 notes on one page took 47 s (release).
#[test]
fn pdf_text_with_thousands_of_notes_on_one_page() {
    let mut s = String::from("The General Assembly,\n\nRecalling its resolution (synthetic),\n\n");
    for k in 0..2000 {
        s.push_str(&format!(
            "{}. Decides on item{k} (synthetic);\n",
            k % 999 + 1
        ));
    }
    s.push_str("_____\n");
    for k in 0..20_000 {
        s.push_str(&format!("{} Note text (synthetic)\n", k % 999 + 1));
    }
    let _ = read(s.as_bytes());
}

/// The nearest marker above a note still wins, and a number written with a
/// leading zero is not a marker.
#[test]
fn pdf_note_markers_found_by_the_index() {
    let text = "The General Assembly,\n\nRecalling the Convention1 and item05 (synthetic),\n\
                Noting the Protocol,2 (synthetic),\n\n1. Decides (synthetic);\n_____\n\
                1 First note (synthetic).\n2 Second note (synthetic).\n";
    let ed = ingest::text::parse(
        text,
        "r",
        resdiff::SourceFormat::Pdf,
        &ReadOptions::default(),
    )
    .unwrap();
    let note = |n: u32| {
        ed.footnotes
            .iter()
            .find(|f| f.number == n)
            .map(|f| f.unit.clone())
    };
    assert_eq!(
        note(1).flatten().map(|u| u.to_string()).as_deref(),
        Some("PP1")
    );
    assert_eq!(
        note(2).flatten().map(|u| u.to_string()).as_deref(),
        Some("PP2")
    );
    let pp1 = &ed.units[0].text;
    assert!(pp1.contains("item05"), "{pp1}");
}

/// html.rs `tokenize`: each `<script>` lower-cased the whole rest of the
/// page to find its end, so 100,000 small scripts took 31 s (release).
#[test]
fn html_with_many_script_elements() {
    let mut page = String::from(
        "<html><body><p>The General Assembly,</p><p>Recalling (synthetic),</p><ol><li>Decides;</li></ol>",
    );
    for _ in 0..100_000 {
        page.push_str("<script>x</script><STYLE>y</Style >");
    }
    page.push_str("<p>2. Requests (synthetic);</p></body></html>");
    let ed = read(page.as_bytes()).unwrap();
    assert!(ed
        .units
        .iter()
        .all(|u| !u.text.contains('x') || u.text.contains("synthetic")));
    assert_eq!(ed.units.len(), 3, "{:?}", ed.units);
}
