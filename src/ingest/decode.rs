//! Bytes to text: format sniffing and character decoding.
//!
//! UTF-8 (with or without BOM) and UTF-16 with BOM are read as they are;
//! CRLF and CR line ends become LF. A file that is not valid UTF-8 is decoded
//! as Windows-1256 when that gives Arabic letters, otherwise as Windows-1252,
//! and the result carries a warning naming the encoding that was assumed.

use crate::model::SourceFormat;

use super::ErrorKind;

/// Decoded text and what the decoder had to assume.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Tell the format of an input from its first bytes.
pub fn sniff(bytes: &[u8]) -> Result<SourceFormat, ErrorKind> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ErrorKind::Empty);
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(SourceFormat::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(SourceFormat::Docx);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ErrorKind::NotSupported(
            "this is a legacy Word .doc (OLE) file, which resdiff does not read; \
             save it as .docx or PDF and try again"
                .into(),
        ));
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(ErrorKind::NotSupported(format!(
            "this is {kind}, not a resolution; give AKN XML, PDF, DOCX, HTML or text"
        )));
    }
    // Look at the start of the text for mark-up.
    let head = head_text(bytes);
    let lower = head.to_ascii_lowercase();
    let trimmed = lower.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with(crate::render::canonical::MAGIC) {
        return Ok(SourceFormat::Canonical);
    }
    if lower.contains("<akomantoso") {
        return Ok(SourceFormat::Akn);
    }
    if trimmed.starts_with("<!doctype html") || lower.contains("<html") {
        return Ok(SourceFormat::Html);
    }
    if trimmed.starts_with("<?xml") || trimmed.starts_with('<') && lower.contains("xmlns") {
        return Err(ErrorKind::NotSupported(
            "this XML is not Akoma Ntoso (no <akomaNtoso> element at the top); \
             give a UN AKN4UN file, PDF, DOCX, HTML or text"
                .into(),
        ));
    }
    if looks_binary(bytes) {
        let shown: Vec<String> = bytes.iter().take(4).map(|b| format!("{b:02x}")).collect();
        return Err(ErrorKind::NotSupported(format!(
            "this is binary data of no format resdiff reads (it starts with bytes {}); \
             give AKN XML, PDF, DOCX, HTML or text",
            shown.join(" ")
        )));
    }
    Ok(SourceFormat::Text)
}

/// Known binary signatures that are certainly not resolutions.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\x1f\x8b", "gzip-compressed data"),
        (b"BZh", "bzip2-compressed data"),
        (b"\x7fELF", "an executable (ELF)"),
        (b"MZ", "a Windows executable"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
        (b"{\\rtf", "an RTF document (save it as .docx or PDF)"),
    ];
    SIGS.iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|(_, k)| *k)
}

/// The first few kilobytes as text, for sniffing (UTF-16 aware).
fn head_text(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(4096)];
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(head) {
        return enc.decode_without_bom_handling(head).0.into_owned();
    }
    String::from_utf8_lossy(head).into_owned()
}

/// NUL bytes or many control characters in the head, outside UTF-16.
fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > head.len()
}

/// Line ends made `\n`: `\r\n` and a lone `\r` alike, in one pass (as
/// `replace("\r\n", "\n").replace('\r', "\n")`).
fn crlf_to_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(k) = rest.find('\r') {
        out.push_str(&rest[..k]);
        out.push('\n');
        let skip = if rest[k + 1..].starts_with('\n') {
            2
        } else {
            1
        };
        rest = &rest[k + skip..];
    }
    out.push_str(rest);
    out
}

/// Decode bytes to text with LF line ends and no BOM.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ErrorKind> {
    let mut warnings = Vec::new();
    let text = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (cow, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(ErrorKind::Encoding(format!(
                "the file starts with a {} byte-order mark but is not valid {}; re-save it as UTF-8",
                enc.name(),
                enc.name()
            )));
        }
        cow.into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(e) => {
                let (text, name) = decode_legacy(bytes);
                warnings.push(format!(
                    "not valid UTF-8 (first bad byte at offset {}): read as {name}; \
                     re-save the file as UTF-8 if the text looks wrong",
                    e.valid_up_to()
                ));
                text
            }
        }
    };
    if text.contains('\0') {
        return Err(ErrorKind::Encoding(
            "the text contains NUL characters (binary data or UTF-16 without a byte-order mark); \
             re-save it as UTF-8"
                .into(),
        ));
    }
    let text = if text.contains('\r') {
        crlf_to_lf(&text)
    } else {
        text
    };
    Ok(Decoded { text, warnings })
}

/// Decode a legacy single-byte text: Windows-1256 if that yields mostly
/// Arabic letters among the high bytes, else Windows-1252.
fn decode_legacy(bytes: &[u8]) -> (String, &'static str) {
    let (arabic, _, _) = encoding_rs::WINDOWS_1256.decode(bytes);
    let high: Vec<char> = arabic.chars().filter(|c| !c.is_ascii()).collect();
    let arabic_letters = high
        .iter()
        .filter(|c| ('\u{0600}'..='\u{06FF}').contains(*c))
        .count();
    if !high.is_empty() && arabic_letters * 10 >= high.len() * 6 {
        return (arabic.into_owned(), "Windows-1256 (Arabic)");
    }
    let (latin, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    (latin.into_owned(), "Windows-1252 (Western European)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_in_one_pass() {
        for t in [
            "",
            "\r",
            "\r\n",
            "a\r\nb\rc\n\r\r\nd\r",
            "\n\r\r",
            "é\r\n大",
        ] {
            assert_eq!(
                crlf_to_lf(t),
                t.replace("\r\n", "\n").replace('\r', "\n"),
                "{t:?}"
            );
        }
    }

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff(b"%PDF-1.7\n").unwrap(), SourceFormat::Pdf);
        assert_eq!(sniff(b"PK\x03\x04rest").unwrap(), SourceFormat::Docx);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<akomaNtoso>").unwrap(),
            SourceFormat::Akn
        );
        assert_eq!(sniff(b"<!DOCTYPE html><html>").unwrap(), SourceFormat::Html);
        assert_eq!(
            sniff(b"The General Assembly,\n").unwrap(),
            SourceFormat::Text
        );
        assert_eq!(
            sniff(b"resdiff-edition: 1\nlanguage: en\n").unwrap(),
            SourceFormat::Canonical
        );
        assert!(matches!(sniff(b"  \n"), Err(ErrorKind::Empty)));
        assert!(matches!(
            sniff(b"\xFF\xD8\xFF\xE0JFIF"),
            Err(ErrorKind::NotSupported(_))
        ));
        assert!(matches!(
            sniff(b"ab\0\0cd\x01\x02"),
            Err(ErrorKind::NotSupported(_))
        ));
    }

    #[test]
    fn decodes_utf16_with_bom_and_crlf() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Recalling,\r\nNotes;".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(sniff(&bytes).unwrap(), SourceFormat::Text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Recalling,\nNotes;");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn strips_utf8_bom() {
        let d = decode(b"\xEF\xBB\xBFThe General Assembly,").unwrap();
        assert_eq!(d.text, "The General Assembly,");
    }

    #[test]
    fn legacy_latin_is_read_with_warning() {
        let d = decode(b"L'Assembl\xe9e g\xe9n\xe9rale,").unwrap();
        assert_eq!(d.text, "L'Assemblée générale,");
        assert!(d.warnings[0].contains("Windows-1252"));
    }

    #[test]
    fn legacy_arabic_is_read_as_1256() {
        // "إن الجمعية العامة" in Windows-1256
        let bytes = encoding_rs::WINDOWS_1256
            .encode("إن الجمعية العامة،")
            .0
            .into_owned();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "إن الجمعية العامة،");
        assert!(d.warnings[0].contains("1256"));
    }
}
