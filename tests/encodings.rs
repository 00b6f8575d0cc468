//! Real documents in the encodings and line ends people send: UTF-8 with BOM,
//! UTF-16 LE/BE with BOM, CRLF — all must read exactly like the UTF-8 original.
mod common;

use resdiff::ingest::{read_bytes, ReadOptions};

fn ids_and_texts(bytes: &[u8], name: &str) -> Vec<(String, String)> {
    let ed = read_bytes(bytes, name, &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    ed.units
        .iter()
        .map(|u| (u.id.to_string(), u.text.clone()))
        .collect()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn bom_utf16_and_crlf_read_like_utf8() {
    for lang in ["en", "ar", "zh", "ru"] {
        let path = common::corpus(&format!("fulltext/{lang}/A-RES-78-228.txt"));
        let text = std::fs::read_to_string(&path).unwrap();
        let want = ids_and_texts(text.as_bytes(), "utf8");
        assert!(want.len() > 80, "{lang}: {} units", want.len());
        let crlf = text.replace('\n', "\r\n");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(crlf.as_bytes());
        assert_eq!(
            ids_and_texts(&bom, "bom-crlf"),
            want,
            "{lang}: UTF-8 BOM + CRLF"
        );
        assert_eq!(
            ids_and_texts(&utf16(&crlf, false), "le"),
            want,
            "{lang}: UTF-16 LE"
        );
        assert_eq!(
            ids_and_texts(&utf16(&text, true), "be"),
            want,
            "{lang}: UTF-16 BE"
        );
    }
}

#[test]
fn akn_in_utf16_reads_like_utf8() {
    let path = common::corpus("akn/fr/A-RES-76-186.xml");
    let text = std::fs::read_to_string(&path).unwrap();
    let want = ids_and_texts(text.as_bytes(), "utf8");
    assert_eq!(ids_and_texts(&utf16(&text, false), "le"), want);
}
