//! Reading back the Word documents the reports write: one part of the zip,
//! and what a tracked document gives when every revision is accepted or
//! rejected (shared by the report tests of `diff` and `review`).
#![allow(dead_code)]

use std::io::Read;
use std::path::Path;

use resdiff::render::docx::{CLAUSE_STYLE, LABEL_STYLE};

/// What a tracked document says: per clause paragraph, the text after
/// accepting all revisions and after rejecting all, and the revision counts
/// (`w:ins` / `w:del` elements holding runs; paragraph-mark revisions sit in
/// `w:rPr` and are not counted).
#[derive(Debug, Default)]
pub struct Tracked {
    pub accepted: Vec<String>,
    pub rejected: Vec<String>,
    pub ins: usize,
    pub del: usize,
    pub authors: Vec<String>,
    pub dates: Vec<String>,
    pub italic_runs: usize,
}

pub fn read_tracked(xml: &str) -> Tracked {
    use quick_xml::events::{BytesStart, Event};
    let attr = |e: &BytesStart, k: &[u8]| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == k)
            .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
    };
    let mut r = quick_xml::Reader::from_str(xml);
    let mut t = Tracked::default();
    let (mut in_ins, mut in_del) = (0, 0);
    let (mut in_ppr, mut in_ppr_rpr, mut text, mut label) = (false, false, false, false);
    // (is a clause, mark: Some("ins" | "del"), accepted text, rejected text)
    let mut para: Option<(bool, Option<&str>, String, String)> = None;
    loop {
        let ev = r.read_event().expect("document.xml is well-formed");
        let revision = |e: &BytesStart, t: &mut Tracked| {
            t.authors.push(attr(e, b"w:author").unwrap_or_default());
            t.dates.push(attr(e, b"w:date").unwrap_or_default());
        };
        match ev {
            Event::Start(e) => match e.name().as_ref() {
                b"w:p" => para = Some((false, None, String::new(), String::new())),
                b"w:pPr" => in_ppr = true,
                b"w:rPr" if in_ppr => in_ppr_rpr = true,
                b"w:ins" => {
                    in_ins += 1;
                    t.ins += 1;
                    revision(&e, &mut t);
                }
                b"w:del" => {
                    in_del += 1;
                    t.del += 1;
                    revision(&e, &mut t);
                }
                b"w:r" => label = false,
                b"w:t" | b"w:delText" => text = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"w:pStyle" => {
                    if let Some(p) = para.as_mut() {
                        p.0 = attr(&e, b"w:val").as_deref() == Some(CLAUSE_STYLE);
                    }
                }
                b"w:rStyle" => label = attr(&e, b"w:val").as_deref() == Some(LABEL_STYLE),
                b"w:i" => t.italic_runs += 1,
                b"w:ins" | b"w:del" if in_ppr_rpr => {
                    revision(&e, &mut t);
                    if let Some(p) = para.as_mut() {
                        p.1 = Some(if e.name().as_ref() == b"w:ins" {
                            "ins"
                        } else {
                            "del"
                        });
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"w:p" => {
                    if let Some((true, mark, acc, rej)) = para.take() {
                        if mark != Some("del") {
                            t.accepted.push(acc);
                        }
                        if mark != Some("ins") {
                            t.rejected.push(rej);
                        }
                    }
                }
                b"w:pPr" => in_ppr = false,
                b"w:rPr" => in_ppr_rpr = false,
                b"w:ins" => in_ins -= 1,
                b"w:del" => in_del -= 1,
                b"w:t" | b"w:delText" => text = false,
                _ => {}
            },
            Event::Text(x) if text && !label => {
                let s = x.unescape().unwrap().into_owned();
                if let Some(p) = para.as_mut() {
                    if in_del == 0 {
                        p.2.push_str(&s);
                    }
                    if in_ins == 0 {
                        p.3.push_str(&s);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    t
}

/// The revisions a tracked document of `cmp` must hold: a clause matched in
/// place (changed, one to one, not moved) gives one `w:ins` per inserted
/// word run and one `w:del` per deleted word run of its diff; every other
/// change gives one `w:del` per old clause and one `w:ins` per new clause
/// (with text); unchanged clauses give none.
/// One part of a .docx (a zip) as text.
pub fn zip_part(path: &Path, name: &str) -> String {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).expect("the .docx is a zip");
    let mut s = String::new();
    z.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the .docx"))
        .read_to_string(&mut s)
        .unwrap();
    s
}
