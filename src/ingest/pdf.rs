//! PDF reader: extracts the text layer with poppler's `pdftotext`, then
//! reads it with the plain-text reader ([`super::text`]) as format `Pdf`.
//!
//! Why `pdftotext -layout`: of the three modes, measured on the 28 Security
//! Council drafts of the shared corpus against the clean text of the same
//! drafts (tests/pdf.rs prints the figures), `-layout` keeps the indentation
//! of first lines, which is the most reliable paragraph boundary, and keeps
//! line-end hyphens ("Secretary-" / "General"). The default mode drops the
//! indentation and, at a line end, the hyphen of compounds
//! ("SecretaryGeneral"); `-raw` keeps hyphens but no indentation and puts
//! the page footer (job number, barcode) in the middle of the text flow.
//! Layout puts header cells side by side ("United Nations   S/2018/257");
//! the text reader splits such lines at wide gaps.
//!
//! The PDF goes to `pdftotext` on standard input and the text comes back on
//! standard output (no temporary file); the run is bounded by
//! [`PDFTOTEXT_TIMEOUT`]. Errors say what to do: install poppler-utils, give
//! an unencrypted PDF, or run OCR on a scanned one.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::{text, ErrorKind, ReadOptions};
use crate::model::{Edition, SourceFormat};

/// Longest time `pdftotext` may run; a resolution takes well under a second.
pub const PDFTOTEXT_TIMEOUT: Duration = Duration::from_secs(60);

/// How often to look whether `pdftotext` has finished.
const POLL: Duration = Duration::from_millis(10);

/// Fewest letters per page for a PDF to count as having a text layer; a
/// scanned page without OCR yields none, a real page hundreds.
const MIN_LETTERS_PER_PAGE: usize = 20;

/// The `pdftotext` extraction modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `pdftotext` without options (reading order, no indentation).
    Default,
    /// `pdftotext -raw` (content-stream order).
    Raw,
    /// `pdftotext -layout` (physical layout, indentation kept): the reader's choice.
    Layout,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Default, Mode::Raw, Mode::Layout];

    fn flag(self) -> Option<&'static str> {
        match self {
            Mode::Default => None,
            Mode::Raw => Some("-raw"),
            Mode::Layout => Some("-layout"),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Default => "default",
            Mode::Raw => "-raw",
            Mode::Layout => "-layout",
        }
    }
}

/// Read a PDF resolution.
pub fn parse(bytes: &[u8], source: &str, opts: &ReadOptions) -> Result<Edition, ErrorKind> {
    parse_with(bytes, source, opts, Mode::Layout)
}

/// Read a PDF resolution with a given extraction mode (for measurements).
pub fn parse_with(
    bytes: &[u8],
    source: &str,
    opts: &ReadOptions,
    mode: Mode,
) -> Result<Edition, ErrorKind> {
    let extracted = extract_text(bytes, mode)?;
    text::parse(&extracted, source, SourceFormat::Pdf, opts)
}

/// The text layer of a PDF as `pdftotext` gives it in `mode`.
pub fn extract_text(bytes: &[u8], mode: Mode) -> Result<String, ErrorKind> {
    run("pdftotext", bytes, mode)
}

/// Run `program` (pdftotext) on the PDF bytes.
fn run(program: &str, bytes: &[u8], mode: Mode) -> Result<String, ErrorKind> {
    let mut cmd = Command::new(program);
    if let Some(flag) = mode.flag() {
        cmd.arg(flag);
    }
    cmd.args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            ErrorKind::Pdf("pdftotext (poppler-utils) is not installed; install it with `apt-get install poppler-utils`".into())
        } else {
            ErrorKind::Pdf(format!("could not run pdftotext: {e}"))
        }
    })?;
    let mut stdin = child.stdin.take();
    let input = bytes.to_vec();
    let writer = thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            // pdftotext may stop reading early on a broken file: ignore EPIPE.
            let _ = s.write_all(&input);
        }
    });
    let mut stdout = child.stdout.take();
    let reader = thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut out);
        }
        out
    });
    let mut stderr = child.stderr.take();
    let err_reader = thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.read_to_end(&mut out);
        }
        out
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > PDFTOTEXT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ErrorKind::Pdf(format!(
                    "pdftotext did not finish within {} s; the PDF may be damaged or very large",
                    PDFTOTEXT_TIMEOUT.as_secs()
                )));
            }
            Ok(None) => thread::sleep(POLL),
            Err(e) => return Err(ErrorKind::Pdf(format!("could not wait for pdftotext: {e}"))),
        }
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).to_string();
    if !status.success() {
        return Err(failure(status.code(), &err));
    }
    let text = String::from_utf8_lossy(&out).to_string();
    let pages = text.matches('\u{000C}').count().max(1);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < MIN_LETTERS_PER_PAGE * pages.min(3) {
        return Err(ErrorKind::Pdf(
            "the PDF has no text layer (a scanned image?); run OCR on it first (e.g. `ocrmypdf`) or give the DOCX/AKN edition"
                .into(),
        ));
    }
    Ok(text)
}

/// The error for a failed `pdftotext` run, from its exit code and messages
/// (exit code 3 and "Incorrect password" mean an encrypted file).
fn failure(code: Option<i32>, stderr: &str) -> ErrorKind {
    let lower = stderr.to_lowercase();
    if lower.contains("password") || lower.contains("encrypt") || code == Some(3) {
        return ErrorKind::Pdf(
            "the PDF is encrypted or protected against copying; give an unprotected copy (or the DOCX/AKN edition)"
                .into(),
        );
    }
    let detail = stderr
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no message")
        .trim();
    ErrorKind::Pdf(format!(
        "pdftotext could not read the file ({detail}); the PDF is damaged or not a PDF"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_pdftotext_says_how_to_install_it() {
        let err = run("pdftotext-not-installed-here", b"%PDF-1.4\n", Mode::Layout).unwrap_err();
        assert_eq!(
            err.to_string(),
            "PDF: pdftotext (poppler-utils) is not installed; install it with `apt-get install poppler-utils`"
        );
    }

    #[test]
    fn encrypted_pdf_is_a_clear_error() {
        let err = failure(Some(1), "Command Line Error: Incorrect password\n");
        assert!(err.to_string().contains("encrypted"), "{err}");
        assert!(failure(Some(3), "").to_string().contains("encrypted"));
    }

    #[test]
    fn broken_pdf_is_a_clear_error() {
        let err = extract_text(
            b"%PDF-1.7\nthis is not really a PDF (synthetic)\n",
            Mode::Layout,
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("damaged") || msg.contains("no text layer"),
            "{msg}"
        );
    }

    #[test]
    fn pdf_without_text_is_a_clear_error() {
        // A valid one-page PDF with no text on it, generated here.
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ];
        let mut pdf = String::from("%PDF-1.4\n");
        let mut offsets = Vec::new();
        for (k, o) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.push_str(&format!("{} 0 obj\n{o}\nendobj\n", k + 1));
        }
        let xref = pdf.len();
        pdf.push_str(&format!(
            "xref\n0 {}\n0000000000 65535 f \n",
            objects.len() + 1
        ));
        for o in offsets {
            pdf.push_str(&format!("{o:010} 00000 n \n"));
        }
        pdf.push_str(&format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        ));
        let err = extract_text(pdf.as_bytes(), Mode::Layout).unwrap_err();
        assert!(err.to_string().contains("no text layer"), "{err}");
    }
}
