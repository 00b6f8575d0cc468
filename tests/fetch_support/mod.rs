//! A loopback HTTP server for the fetch tests, serving ../shared/corpus in
//! the URL layout of the real services:
//!
//! - `/gh/tree` — the repository listing, shaped as the GitHub tree API answers;
//! - `/raw/<path>` — raw repository files: the AKN XML of 76/186, 78/228,
//!   80/228 under their real names, and session-74 zips built here from the
//!   74/176 files;
//! - `/ods/api/symbol/access?s=&l=&t=` — a redirect to `/ods/files/…`, an
//!   empty 200 for an unknown symbol; the UNSC PDFs for `t=pdf`, a DOCX
//!   (written by resdiff's own DOCX writer) for `t=doc` where one is set.
//!
//! Behaviours are switched per path: answer 503 a number of times first, or
//! answer too slowly. Every request is logged.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::common;

/// Language folder names of the repository.
pub fn lang_folder(code: &str) -> &'static str {
    match code {
        "ar" => "Arabic",
        "en" => "English",
        "es" => "Spanish",
        "fr" => "French",
        "ru" => "Russian",
        _ => "Chinese",
    }
}

#[derive(Default)]
pub struct State {
    /// Raw repository files by path (unencoded).
    pub raw: HashMap<String, Vec<u8>>,
    /// ODS documents: (symbol, ODS letter, t) → bytes.
    pub ods: HashMap<(String, char, String), Vec<u8>>,
    /// Request paths (with query) answered 503 this many more times.
    pub fail_503: HashMap<String, u32>,
    /// Request paths answered only after this delay.
    pub slow: HashMap<String, Duration>,
    /// Every request path, in order.
    pub log: Vec<String>,
    /// Omit session 74 from the listing (so 74/176 must come from ODS).
    pub hide_74: bool,
}

pub struct Server {
    pub port: u16,
    pub state: Arc<Mutex<State>>,
}

impl Server {
    /// Start a server with the repository files of the four trafficking
    /// editions and the UNSC PDFs.
    pub fn start() -> Server {
        let mut st = State::default();
        load_repository(&mut st);
        load_unsc(&mut st);
        let state = Arc::new(Mutex::new(st));
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("address").port();
        let s = Arc::clone(&state);
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let s = Arc::clone(&s);
                std::thread::spawn(move || {
                    let _ = handle(conn, &s);
                });
            }
        });
        Server { port, state }
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The environment pointing resdiff at this server.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            (
                "RESDIFF_AKN_INDEX".into(),
                format!("{}/gh/tree", self.base()),
            ),
            ("RESDIFF_AKN_BASE".into(), format!("{}/raw", self.base())),
            ("RESDIFF_ODS_BASE".into(), format!("{}/ods", self.base())),
        ]
    }

    pub fn log(&self) -> Vec<String> {
        self.state.lock().unwrap().log.clone()
    }

    pub fn requests_matching(&self, part: &str) -> usize {
        self.log().iter().filter(|p| p.contains(part)).count()
    }
}

/// `76session/English/A_RES_76_186-2119241E.xml` from SOURCES.tsv, or the
/// zip and member for session 74.
fn load_repository(st: &mut State) {
    let tsv = std::fs::read_to_string(common::corpus("akn/SOURCES.tsv")).expect("SOURCES.tsv");
    let mut zips: HashMap<String, Vec<(String, Vec<u8>)>> = HashMap::new();
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (symbol, lang, source) = (cols[0], cols[1], cols[6]);
        let slug = symbol.replace('/', "-");
        let xml = std::fs::read(common::corpus(&format!("akn/{lang}/{slug}.xml"))).expect("AKN");
        // The path after `/blob/<commit>/`.
        let after = source.split("/blob/").nth(1).expect("blob URL");
        let path = after.split_once('/').expect("commit/path").1;
        if let Some((zip, member)) = path.split_once(" (zip member ") {
            let zip = zip.replace("%20", " ");
            let member = member.trim_end_matches(')').to_string();
            zips.entry(zip).or_default().push((member, xml));
        } else {
            st.raw.insert(path.to_string(), xml);
        }
    }
    for (path, members) in zips {
        st.raw.insert(path, build_zip(&members));
    }
}

/// A zip archive as the UN publishes session 74: one folder per language.
pub fn build_zip(members: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default();
        if let Some((first, _)) = members.first() {
            let folder = first.split('/').next().unwrap_or("");
            w.add_directory(format!("{folder}/"), o).unwrap();
            w.start_file(format!("{folder}/readme.txt"), o).unwrap();
            w.write_all(b"(synthetic) not a resolution").unwrap();
        }
        for (name, bytes) in members {
            w.start_file(name.as_str(), o).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap();
    }
    buf.into_inner()
}

fn load_unsc(st: &mut State) {
    for name in ["S-2016-1061", "S-2017-142"] {
        let pdf = std::fs::read(common::corpus(&format!("unsc/{name}.en.pdf"))).expect("PDF");
        st.ods
            .insert((name.replace('-', "/"), 'E', "pdf".into()), pdf);
    }
}

/// The listing JSON, as `GET /repos/UNxml/GAresolutions/git/trees/master?recursive=1` answers.
fn listing(st: &State) -> String {
    let mut entries = vec![
        r#"{"path":"README.md","mode":"100644","type":"blob","sha":"0","size":10}"#.to_string(),
    ];
    let mut folders: Vec<String> = Vec::new();
    let mut paths: Vec<&String> = st.raw.keys().collect();
    paths.sort();
    for p in paths {
        if st.hide_74 && p.starts_with("74session") {
            continue;
        }
        let mut acc = String::new();
        for seg in p.split('/').take(p.split('/').count() - 1) {
            if !acc.is_empty() {
                acc.push('/');
            }
            acc.push_str(seg);
            if !folders.contains(&acc) {
                folders.push(acc.clone());
                entries.push(format!(
                    r#"{{"path":"{acc}","mode":"040000","type":"tree","sha":"0"}}"#
                ));
            }
        }
        entries.push(format!(
            r#"{{"path":"{p}","mode":"100644","type":"blob","sha":"0","size":{}}}"#,
            st.raw[p].len()
        ));
    }
    format!(
        r#"{{"sha":"0","url":"x","tree":[{}],"truncated":false}}"#,
        entries.join(",")
    )
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn query(q: &str) -> HashMap<String, String> {
    q.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), decode(v)))
        .collect()
}

fn handle(conn: TcpStream, state: &Arc<Mutex<State>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
    }
    let (delay, fail) = {
        let mut st = state.lock().unwrap();
        st.log.push(target.clone());
        let delay = st.slow.get(&target).copied();
        let fail = match st.fail_503.get_mut(&target) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        };
        (delay, fail)
    };
    let mut conn = conn;
    if let Some(d) = delay {
        std::thread::sleep(d);
    }
    if fail {
        return respond(&mut conn, "503 Service Unavailable", &[], b"busy");
    }
    let (path, q) = target.split_once('?').unwrap_or((&target, ""));
    let st = state.lock().unwrap();
    if path == "/gh/tree" {
        let body = listing(&st);
        drop(st);
        return respond(
            &mut conn,
            "200 OK",
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        );
    }
    if let Some(p) = path.strip_prefix("/raw/") {
        let p = decode(p);
        return match st.raw.get(&p) {
            Some(b) if !(st.hide_74 && p.starts_with("74session")) => {
                let b = b.clone();
                drop(st);
                respond(&mut conn, "200 OK", &[], &b)
            }
            _ => {
                drop(st);
                respond(&mut conn, "404 Not Found", &[], b"404: Not Found")
            }
        };
    }
    if path == "/ods/api/symbol/access" {
        let q = query(q);
        let key = (
            q.get("s").cloned().unwrap_or_default(),
            q.get("l").and_then(|l| l.chars().next()).unwrap_or('E'),
            q.get("t").cloned().unwrap_or_default(),
        );
        if st.ods.contains_key(&key) {
            let loc = format!("/ods/files/{}/{}/{}", key.0.replace('/', "_"), key.1, key.2);
            drop(st);
            return respond(&mut conn, "302 Found", &[("Location", &loc)], b"");
        }
        drop(st);
        // ODS answers an unknown or unpublished symbol with an empty 200.
        return respond(&mut conn, "200 OK", &[("Content-Type", "text/html")], b"");
    }
    if let Some(rest) = path.strip_prefix("/ods/files/") {
        let parts: Vec<&str> = rest.split('/').collect();
        if parts.len() == 3 {
            let key = (
                parts[0].replace('_', "/"),
                parts[1].chars().next().unwrap_or('E'),
                parts[2].to_string(),
            );
            if let Some(b) = st.ods.get(&key) {
                let b = b.clone();
                drop(st);
                // ODS labels Word files vaguely; resdiff must sniff the bytes.
                return respond(
                    &mut conn,
                    "200 OK",
                    &[("Content-Type", "application/octet-stream")],
                    &b,
                );
            }
        }
    }
    drop(st);
    respond(&mut conn, "404 Not Found", &[], b"not found")
}

fn respond(
    conn: &mut TcpStream,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    conn.write_all(head.as_bytes())?;
    conn.write_all(body)?;
    conn.flush()?;
    // Drain nothing more; closing ends the exchange.
    let _ = conn.shutdown(std::net::Shutdown::Write);
    let mut sink = [0u8; 64];
    let _ = conn.set_read_timeout(Some(Duration::from_millis(50)));
    let _ = conn.read(&mut sink);
    Ok(())
}

/// A port where nothing listens (bound, then released).
pub fn dead_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let p = l.local_addr().expect("addr").port();
    drop(l);
    p
}
