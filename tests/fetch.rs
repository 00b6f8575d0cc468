//! `resdiff fetch` and fetching on demand, end to end against a loopback
//! server (tests/fetch_support) that serves ../shared/corpus in the URL
//! layout of the real services. No test touches the internet.
//!
//! | test | requirement |
//! |---|---|
//! | `four_editions_in_six_languages_then_log` | fetch 74/176 (zip layout), 76/186, 78/228, 80/228 × 6 languages into a fresh store, `log` lists them; source URLs in commits and catalogue; a 503 then success; the index cached in the store; fsck clean |
//! | `diff_fetches_what_the_store_lacks` | `diff A/RES/76/186 A/RES/78/228` fetches on demand, once |
//! | `unsc_pdf_through_an_ods_redirect` | ODS fallback: empty 200 for t=doc, redirect to the PDF for t=pdf |
//! | `docx_served_for_t_doc` | a DOCX for t=doc is sniffed and read |
//! | `slow_answer_times_out` | a slow answer past `--timeout`: exit 2, one line, store unchanged |
//! | `offline_unknown_and_bad_symbols_exit_2_and_change_nothing` | connection refused, an unknown symbol (empty 200), bad syntax |
mod common;
#[path = "fetch_support/mod.rs"]
mod fetch_support;

use common::*;
use fetch_support::{dead_port, Server};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SERIES: &str = "trafficking-coordination";
const SYMBOLS: [&str; 4] = [
    "A/RES/74/176",
    "A/RES/76/186",
    "A/RES/78/228",
    "A/RES/80/228",
];

/// The binary with a fixed git identity, no proxy, and the server's URLs.
fn rd(root: &Path, server: Option<&Server>) -> assert_cmd::Command {
    let mut c = resdiff();
    c.current_dir(root)
        .env("HOME", root)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Fetch Test")
        .env("GIT_AUTHOR_EMAIL", "fetch-test@example.org")
        .env("GIT_COMMITTER_NAME", "Fetch Test")
        .env("GIT_COMMITTER_EMAIL", "fetch-test@example.org")
        .env_remove("RESDIFF_OFFLINE")
        .env_remove("RESDIFF_TIMEOUT");
    for v in [
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        c.env_remove(v);
    }
    match server {
        Some(s) => {
            for (k, v) in s.env() {
                c.env(k, v);
            }
        }
        None => {
            // Never the real services: a dead port.
            let base = format!("http://127.0.0.1:{}", dead_port());
            c.env("RESDIFF_AKN_INDEX", format!("{base}/tree"))
                .env("RESDIFF_AKN_BASE", &base)
                .env("RESDIFF_ODS_BASE", &base);
        }
    }
    c
}

/// A fresh store in a temporary folder: (tempdir, store folder).
fn fresh_store() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("versions");
    rd(tmp.path(), None)
        .args(["init", store.to_str().unwrap()])
        .assert()
        .success();
    (tmp, store)
}

fn commits(store: &Path) -> usize {
    let repo = git2::Repository::discover(store).unwrap();
    let mut walk = repo.revwalk().unwrap();
    walk.push_head().unwrap();
    walk.count()
}

fn head_message(store: &Path) -> String {
    let repo = git2::Repository::discover(store).unwrap();
    let m = repo
        .head()
        .unwrap()
        .peel_to_commit()
        .unwrap()
        .message()
        .unwrap()
        .to_string();
    m
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn four_editions_in_six_languages_then_log() {
    let server = Server::start();
    // The French 78/228 file answers 503 once, then the file.
    let fr = "/raw/78session/French/A_RES_78_228-2325978F.xml".to_string();
    server.state.lock().unwrap().fail_503.insert(fr.clone(), 1);
    let (tmp, store) = fresh_store();
    let before = commits(&store);
    let out = rd(tmp.path(), Some(&server))
        .args(["fetch", "--lang", "all", "--series", SERIES, "--store"])
        .arg(&store)
        .args(SYMBOLS)
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.contains("imported as")).count(),
        24,
        "{stdout}"
    );
    assert_eq!(commits(&store), before + 24);
    // Twice asked, once answered.
    assert_eq!(server.requests_matching(&fr), 2);
    // The session-74 zip of each language is downloaded once.
    assert_eq!(
        server.requests_matching("GA%20resolutions_74session_Arabic.zip"),
        1
    );
    for sym in SYMBOLS {
        for lang in ["ar", "en", "es", "fr", "ru", "zh"] {
            let f = store.join(format!("{SERIES}/{}.{lang}.txt", sym.replace('/', "-")));
            assert!(f.is_file(), "{} missing", f.display());
        }
    }
    // Source URLs: in the commit message and in the catalogue.
    let msg = head_message(&store);
    assert!(msg.contains("URL: http://127.0.0.1:"), "{msg}");
    let cat = std::fs::read_to_string(store.join("catalog.toml")).unwrap();
    assert!(
        cat.contains(&format!(
            "\"en: {}/raw/74session/GA%20resolutions_74session_English.zip (zip member English/74_176.xml)\"",
            server.base()
        )),
        "{cat}"
    );
    assert!(cat.contains("zh: http://127.0.0.1"), "{cat}");
    // The index is cached in the store and ignored by git.
    assert!(store.join(".cache/akn-index.json").is_file());
    assert_eq!(server.requests_matching("/gh/tree"), 1);

    let log = rd(tmp.path(), Some(&server))
        .args(["log", SERIES, "--lang", "en", "--store"])
        .arg(&store)
        .assert()
        .success()
        .get_output()
        .clone();
    let log = text(&log.stdout);
    for sym in SYMBOLS {
        assert!(log.contains(sym), "{sym} not in log:\n{log}");
    }
    rd(tmp.path(), Some(&server))
        .args(["fsck", "--store"])
        .arg(&store)
        .assert()
        .success();

    // Again: everything is stored, nothing is downloaded.
    let n = server.log().len();
    let again = rd(tmp.path(), Some(&server))
        .args(["fetch", "--lang", "en,ar", "--store"])
        .arg(&store)
        .args(SYMBOLS)
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(text(&again.stdout).matches("already stored").count(), 8);
    assert_eq!(server.log().len(), n);
    assert_eq!(commits(&store), before + 24);
}

#[test]
fn diff_fetches_what_the_store_lacks() {
    let server = Server::start();
    let (tmp, store) = fresh_store();
    let out = rd(tmp.path(), Some(&server))
        .args([
            "diff",
            "A/RES/76/186",
            "A/RES/78/228",
            "--format",
            "stat",
            "--store",
        ])
        .arg(&store)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("43 → 48 preambular, 28 → 33 operative"),
        "{stdout}"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("A/RES/78/228 (en): fetched from"),
        "{stderr}"
    );
    assert!(store.join("misc/A-RES-76-186.en.txt").is_file());
    // The second time everything is in the store.
    let n = server.log().len();
    rd(tmp.path(), Some(&server))
        .args(["diff", "76/186", "78/228", "--format", "stat", "--store"])
        .arg(&store)
        .assert()
        .code(1);
    assert_eq!(server.log().len(), n, "{:?}", &server.log()[n..]);
    // Off switch: an unstored reference is an error, and nothing is asked.
    rd(tmp.path(), Some(&server))
        .env("RESDIFF_OFFLINE", "1")
        .args(["show", "80/228", "--store"])
        .arg(&store)
        .assert()
        .code(2);
    assert_eq!(server.log().len(), n);
}

#[test]
fn unsc_pdf_through_an_ods_redirect() {
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("pdftotext missing (apt-get install poppler-utils); skipped");
        return;
    }
    let server = Server::start();
    let (tmp, store) = fresh_store();
    let out = rd(tmp.path(), Some(&server))
        .args(["fetch", "S/2016/1061", "--series", "south-sudan", "--store"])
        .arg(&store)
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("S/2016/1061 (en): fetched from"),
        "{stdout}"
    );
    let log = server.log();
    // Word first (an empty 200: nothing published), then PDF through a redirect.
    assert!(
        log.iter()
            .any(|p| p.contains("s=S%2F2016%2F1061&l=E&t=doc")),
        "{log:?}"
    );
    assert!(
        log.iter()
            .any(|p| p.starts_with("/ods/files/S_2016_1061/E/pdf")),
        "{log:?}"
    );
    // Not a GA or SC resolution: the repository listing is not asked for.
    assert_eq!(server.requests_matching("/gh/tree"), 0);
    let shown = rd(tmp.path(), Some(&server))
        .args(["show", "S/2016/1061@en:OP1", "--store"])
        .arg(&store)
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(!text(&shown.stdout).trim().is_empty());
    assert!(head_message(&store).contains("(pdf)"));
}

#[test]
fn docx_served_for_t_doc() {
    let server = Server::start();
    // The repository without session 74: 74/176 must come from ODS, as Word.
    let ed = resdiff::ingest::read_path(
        &corpus("akn/fr/A-RES-74-176.xml"),
        &resdiff::ingest::ReadOptions::default(),
    )
    .unwrap();
    let docx = resdiff::render::docx::docx_bytes(&ed).unwrap();
    {
        let mut st = server.state.lock().unwrap();
        st.hide_74 = true;
        st.ods
            .insert(("A/RES/74/176".into(), 'F', "doc".into()), docx);
        // ODS is busy once.
        st.fail_503.insert(
            "/ods/api/symbol/access?s=A%2FRES%2F74%2F176&l=F&t=doc".into(),
            1,
        );
    }
    let (tmp, store) = fresh_store();
    rd(tmp.path(), Some(&server))
        .args(["fetch", "74/176", "--lang", "fr", "--store"])
        .arg(&store)
        .assert()
        .success();
    let msg = head_message(&store);
    assert!(msg.contains("(docx)") && msg.contains("t=doc"), "{msg}");
    let stored = std::fs::read_to_string(store.join("misc/A-RES-74-176.fr.txt")).unwrap();
    let fetched = resdiff::ingest::read_bytes(
        stored.as_bytes(),
        "stored",
        &resdiff::ingest::ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(fetched.units.len(), ed.units.len());
    assert_eq!(fetched.units[0].text, ed.units[0].text);
}

#[test]
fn slow_answer_times_out() {
    let server = Server::start();
    let path = "/ods/api/symbol/access?s=S%2F2017%2F142&l=E&t=doc".to_string();
    server
        .state
        .lock()
        .unwrap()
        .slow
        .insert(path.clone(), Duration::from_secs(3));
    let (tmp, store) = fresh_store();
    let before = commits(&store);
    let t0 = Instant::now();
    let out = rd(tmp.path(), Some(&server))
        .args(["fetch", "S/2017/142", "--timeout", "0.3", "--store"])
        .arg(&store)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let took = t0.elapsed();
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no answer within the timeout, after 3 attempts"),
        "{err}"
    );
    assert!(took < Duration::from_secs(3), "took {took:?}");
    assert_eq!(server.requests_matching(&path), 3);
    assert_eq!(commits(&store), before);
}

#[test]
fn offline_unknown_and_bad_symbols_exit_2_and_change_nothing() {
    let (tmp, store) = fresh_store();
    let before = commits(&store);
    let check_unchanged = |tmp: &Path| {
        assert_eq!(commits(&store), before);
        rd(tmp, None)
            .args(["fsck", "--store"])
            .arg(&store)
            .assert()
            .success();
    };

    // Offline: nothing listens.
    let port = dead_port();
    let out = rd(tmp.path(), None)
        .args(["fetch", "A/RES/78/228", "--store"])
        .arg(&store)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("resdiff: error: A/RES/78/228: cannot reach 127.0.0.1:"),
        "{err}"
    );
    assert!(err.contains("(connection refused)"), "{err}");
    let _ = port;
    check_unchanged(tmp.path());

    // The same, on demand.
    let out = rd(tmp.path(), None)
        .args(["diff", "76/186", "78/228", "--store"])
        .arg(&store)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert_eq!(
        text(&out.stderr).lines().count(),
        1,
        "{}",
        text(&out.stderr)
    );
    check_unchanged(tmp.path());

    // Unknown symbol: the repository lacks it, ODS answers an empty 200.
    let server = Server::start();
    let out = rd(tmp.path(), Some(&server))
        .args(["fetch", "A/RES/99/1", "A/RES/78/228", "--store"])
        .arg(&store)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert_eq!(
        text(&out.stderr),
        format!(
            "resdiff: error: A/RES/99/1: 127.0.0.1:{} has no English text (empty response); \
             import a file with `resdiff import FILE`\n",
            server.port
        )
    );
    // 78/228 was listed after the unknown symbol: nothing was imported.
    check_unchanged(tmp.path());

    // Bad syntax: refused before any request.
    let out = rd(tmp.path(), Some(&server))
        .args(["fetch", "A/RES/78", "--store"])
        .arg(&store)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("'A/RES/78' is not a UN document symbol"),
        "{err}"
    );
    let n = server.log().len();
    rd(tmp.path(), Some(&server))
        .args(["fetch", "A/RES/78/228", "--lang", "en,xx", "--store"])
        .arg(&store)
        .assert()
        .code(2);
    assert_eq!(server.log().len(), n);
    check_unchanged(tmp.path());
}

#[test]
fn word_answers_are_sniffed_not_trusted() {
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("pdftotext missing (apt-get install poppler-utils); skipped");
        return;
    }
    let server = Server::start();
    {
        let mut st = server.state.lock().unwrap();
        // t=doc gives a legacy Word .doc (OLE) for one symbol: resdiff cannot
        // read it and takes the PDF instead.
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend([0u8; 504]);
        st.ods
            .insert(("S/2016/1061".into(), 'E', "doc".into()), ole);
        // t=doc gives a PDF for another.
        let pdf = std::fs::read(corpus("unsc/S-2017-142.en.pdf")).unwrap();
        st.ods.remove(&("S/2017/142".into(), 'E', "pdf".into()));
        st.ods.insert(("S/2017/142".into(), 'E', "doc".into()), pdf);
    }
    let (tmp, store) = fresh_store();
    let out = rd(tmp.path(), Some(&server))
        .args(["fetch", "S/2016/1061", "S/2017/142", "--store"])
        .arg(&store)
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("S/2016/1061 (en): fetched from") && stdout.contains("t=pdf"),
        "{stdout}"
    );
    assert!(
        stdout.contains("S/2017/142 (en): fetched from")
            && stdout.contains("S%2F2017%2F142&l=E&t=doc"),
        "{stdout}"
    );
    assert!(
        head_message(&store).contains("t=doc (pdf)"),
        "{}",
        head_message(&store)
    );
}

/// The README's main command, `resdiff diff A/RES/76/186 A/RES/78/228`, in a
/// copy of the project's own store (the shipped Arabic 76/186 and the
/// catalogue), with no --store and no --lang: both editions are fetched in
/// English and filed under the catalogue's series.
#[test]
fn readme_main_command_in_a_copy_of_the_shipped_store() {
    let server = Server::start();
    let tmp = tempfile::tempdir().unwrap();
    let repo = git2::Repository::init(tmp.path()).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("versions");
    let dst = tmp.path().join("versions");
    let mut index = repo.index().unwrap();
    // Every file the repository ships in versions/.
    let mut shipped: Vec<String> = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                let rel = p.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
                shipped.push(rel);
            }
        }
    }
    shipped.sort();
    assert!(shipped.iter().any(|r| r == "catalog.toml"), "{shipped:?}");
    for rel in &shipped {
        let to = dst.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(src.join(rel), &to).unwrap();
        index.add_path(&Path::new("versions").join(rel)).unwrap();
    }
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    index.write().unwrap();
    let sig = git2::Signature::now("Fetch Test", "fetch-test@example.org").unwrap();
    repo.commit(Some("HEAD"), &sig, &sig, "Shipped store", &tree, &[])
        .unwrap();

    let out = rd(tmp.path(), Some(&server))
        .args(["diff", "A/RES/76/186", "A/RES/78/228", "--color", "never"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("A/RES/76/186") && stdout.contains("A/RES/78/228"),
        "{stdout}"
    );
    assert!(
        stdout.contains("trafficking"),
        "an English diff expected:\n{stdout}"
    );
    for ed in ["A-RES-76-186", "A-RES-78-228"] {
        assert!(dst
            .join(format!("trafficking-coordination/{ed}.en.txt"))
            .is_file());
    }
    // The seed is still read offline, without a request.
    let n = server.log().len();
    rd(tmp.path(), None)
        .args(["show", "76/186@ar:OP1"])
        .assert()
        .success();
    assert_eq!(server.log().len(), n);
}

/// Run `resdiff ARGS` under a pseudo-terminal (`script` from util-linux), so
/// that stderr is a terminal; what the terminal showed.
fn on_a_terminal(root: &Path, server: &Server, args: &str) -> String {
    let bin = assert_cmd::cargo::cargo_bin("resdiff");
    let mut c = std::process::Command::new("script");
    c.args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
        .current_dir(root)
        .env("HOME", root)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Fetch Test")
        .env("GIT_AUTHOR_EMAIL", "fetch-test@example.org")
        .env("GIT_COMMITTER_NAME", "Fetch Test")
        .env("GIT_COMMITTER_EMAIL", "fetch-test@example.org")
        .env("NO_COLOR", "1")
        .env_remove("RESDIFF_OFFLINE")
        .env_remove("RESDIFF_TIMEOUT");
    for (k, v) in server.env() {
        c.env(k, v);
    }
    let out = c.output().expect("script (util-linux) runs");
    assert!(out.status.success(), "{}", text(&out.stdout));
    text(&out.stdout)
}

#[test]
fn progress_lines_on_a_terminal_when_several_downloads_run() {
    let server = Server::start();
    // What the terminal shows for `[GLOBAL] fetch SYMBOLS` into a fresh store.
    let fetch = |global: &str, symbols: &str| {
        let (tmp, store) = fresh_store();
        on_a_terminal(
            tmp.path(),
            &server,
            &format!("{global} fetch {symbols} --store {}", store.display()),
        )
    };
    let shown = fetch("", "78/228 80/228");
    assert!(shown.contains("[1/2] A/RES/78/228 (en) … "), "{shown}");
    assert!(shown.contains("[2/2] A/RES/80/228 (en) … "), "{shown}");
    assert!(shown.contains(" KiB, "), "{shown}");
    // --quiet: no progress; one download: no progress either.
    let quiet = fetch("--quiet", "78/228 80/228");
    assert!(!quiet.contains("[1/2]"), "{quiet}");
    let one = fetch("", "78/228");
    assert!(!one.contains("[1/1]"), "{one}");
    assert!(one.contains("imported"), "{one}");
}
