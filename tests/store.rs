//! The version store end to end, through the binary: a temporary store built
//! with `resdiff import` from the AKN corpus (74/176, 76/186, 78/228, 80/228
//! in English and Arabic), then log, blame, history, show, drafts, fsck;
//! refusals (re-import, traversal, broken canonical files); crash safety
//! (SIGKILL during import) and concurrent writers.
//!
//! Every command runs with a fixed HOME, git identity and dates, so commit
//! ids are the same on every run.
mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

const SERIES: &str = "trafficking-coordination";
const EDITIONS: [&str; 4] = [
    "A-RES-74-176",
    "A-RES-76-186",
    "A-RES-78-228",
    "A-RES-80-228",
];

/// The binary in a store folder `root`, with a fixed environment.
fn rd(root: &Path) -> assert_cmd::Command {
    let mut c = resdiff();
    c.current_dir(root);
    for (k, v) in fixed_env(root) {
        c.env(k, v);
    }
    c
}

fn fixed_env(root: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("HOME", root.display().to_string()),
        ("GIT_CONFIG_NOSYSTEM", "1".into()),
        ("GIT_AUTHOR_NAME", "Store Test".into()),
        ("GIT_AUTHOR_EMAIL", "store-test@example.org".into()),
        ("GIT_AUTHOR_DATE", "@1700000000 +0000".into()),
        ("GIT_COMMITTER_NAME", "Store Test".into()),
        ("GIT_COMMITTER_EMAIL", "store-test@example.org".into()),
        ("GIT_COMMITTER_DATE", "@1700000000 +0000".into()),
    ]
}

fn akn(lang: &str, ed: &str) -> String {
    corpus(&format!("akn/{lang}/{ed}.xml"))
        .display()
        .to_string()
}

fn stdout(c: &mut assert_cmd::Command) -> String {
    let out = c.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// A store with catalogue and the eight AKN editions (built once).
fn shared_store() -> &'static Path {
    static STORE: OnceLock<tempfile::TempDir> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let t = tempfile::tempdir().unwrap();
            init_with_catalog(t.path());
            for lang in ["en", "ar"] {
                let files: Vec<String> = EDITIONS.iter().map(|e| akn(lang, e)).collect();
                rd(t.path()).arg("import").args(&files).assert().success();
            }
            t
        })
        .path()
}

/// `resdiff init`, then the project's catalogue committed with `import`'s first write.
fn init_with_catalog(root: &Path) {
    rd(root).arg("init").assert().success();
    let cat = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("versions/catalog.toml");
    std::fs::copy(cat, root.join("versions/catalog.toml")).unwrap();
    // Commit the catalogue the way a user would: with git.
    let repo = git2::Repository::open(root).unwrap();
    let mut index = repo.index().unwrap();
    index.add_path(Path::new("versions/catalog.toml")).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = git2::Signature::new(
        "Store Test",
        "store-test@example.org",
        &git2::Time::new(1_700_000_000, 0),
    )
    .unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    repo.commit(Some("HEAD"), &sig, &sig, "Catalogue", &tree, &[&head])
        .unwrap();
}

fn blame_json(root: &Path, reference: &str) -> serde_json::Value {
    let s = stdout(rd(root).args(["blame", reference, "--format", "json"]));
    serde_json::from_str(&s).unwrap()
}

fn unit_starting(root: &Path, reference: &str, prefix: &str) -> String {
    let s = stdout(rd(root).args(["show", reference, "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    v["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["text"].as_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no unit starting {prefix:?} in {reference}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn log_lists_the_series_in_adoption_order_with_summaries() {
    let root = shared_store();
    let s = stdout(rd(root).args(["log", SERIES]));
    let pos = |x: &str| s.find(x).unwrap_or_else(|| panic!("{x} missing:\n{s}"));
    assert!(pos("A/RES/61/180") < pos("A/RES/63/194"));
    assert!(pos("A/RES/72/195") < pos("A/RES/74/176"));
    assert!(pos("A/RES/74/176") < pos("A/RES/80/228"));
    assert!(s
        .lines()
        .any(|l| l.contains("A/RES/61/180") && l.contains("not stored")));
    assert!(s.contains("first stored edition"));
    assert!(s.contains("since A/RES/78/228:"), "{s}");
    let ar = stdout(rd(root).args(["log", SERIES, "--lang", "ar"]));
    assert!(
        ar.contains("(ar)") && ar.contains("since A/RES/76/186:"),
        "{ar}"
    );
    let list = stdout(rd(root).arg("list"));
    assert!(
        list.contains("A/RES/80/228") && list.contains("ar ") && list.contains("en "),
        "{list}"
    );
}

#[test]
fn blame_traces_the_recall_paragraph_to_the_oldest_edition() {
    let root = shared_store();
    for lang in ["en", "ar"] {
        let reference = format!("80/228@{lang}");
        let v = blame_json(root, &reference);
        assert_eq!(v["schema"], "resdiff.blame/1");
        assert_eq!(v["edition"], "A/RES/80/228");
        assert_eq!(v["language"], lang);
        let eds: Vec<&str> = v["editions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap())
            .collect();
        assert_eq!(
            eds,
            [
                "A/RES/74/176",
                "A/RES/76/186",
                "A/RES/78/228",
                "A/RES/80/228"
            ]
        );
        // The English recall paragraph; the Arabic one has the same id (same structure).
        let id = unit_starting(root, "80/228@en", "Recalling its resolutions 61/180");
        let u = v["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == id.as_str())
            .unwrap();
        assert_eq!(u["introduced"], "A/RES/74/176", "{lang}: {u}");
        assert_eq!(
            u["changed_in"],
            serde_json::json!(["A/RES/76/186", "A/RES/78/228", "A/RES/80/228"]),
            "{lang}: {u}"
        );
        // Renumbered on the way: PP9 in 74/176, PP11 in 76/186.
        let ids: Vec<(&String, &serde_json::Value)> =
            u["ids"].as_object().unwrap().iter().collect();
        assert_eq!(ids.len(), 4);
        assert_eq!(u["ids"]["A/RES/74/176"], "PP9");
        assert_eq!(u["ids"]["A/RES/76/186"], "PP11");
    }
}

#[test]
fn blame_reports_a_new_clause_as_introduced_by_80_228() {
    let root = shared_store();
    let prefix = "Invites Member States to consider the recommendations of the Working Group on Trafficking in Persons";
    // Honest premise: no earlier stored edition has this clause.
    for ed in &EDITIONS[..3] {
        let text =
            std::fs::read_to_string(root.join(format!("versions/{SERIES}/{ed}.en.txt"))).unwrap();
        assert!(!text.contains(prefix), "{ed} already has it");
    }
    let id = unit_starting(root, "80/228@en", prefix);
    let v = blame_json(root, "A/RES/80/228@en");
    let u = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id.as_str())
        .unwrap();
    assert_eq!(u["introduced"], "A/RES/80/228");
    assert_eq!(u["changed_in"], serde_json::json!([]));
    assert_eq!(u["ids"].as_object().unwrap().len(), 1);
    // Blame of an earlier edition stops there.
    let v = blame_json(root, "76/186@en");
    assert_eq!(v["editions"].as_array().unwrap().len(), 2);
    let text = stdout(rd(root).args(["blame", "76/186@en"]));
    assert!(text.contains("introduced A/RES/74/176"), "{text}");
}

#[test]
fn history_shows_the_clause_with_word_diffs() {
    let root = shared_store();
    let id = unit_starting(root, "80/228@en", "Recalling its resolutions 61/180");
    let s = stdout(rd(root).args(["history", &format!("80/228@en:{id}")]));
    assert!(s.contains("A/RES/74/176  PP9  introduced"), "{s}");
    assert!(s.contains("A/RES/76/186  PP11  changed"), "{s}");
    assert!(s.contains("{+63/194 of 18 December 2008, +}"), "{s}");
    assert!(s.contains("{+and 74/176 of 18 December 2019 +}"), "{s}");
    let show = stdout(rd(root).args(["show", "A/RES/74/176@en:PP9"]));
    assert!(
        show.starts_with("PP9\tRecalling its resolutions 61/180"),
        "{show}"
    );
}

#[test]
fn fsck_passes_on_a_fresh_store_and_tags_exist() {
    let root = shared_store();
    let s = stdout(rd(root).arg("fsck"));
    assert!(s.contains("ok:") && s.contains("8 canonical"), "{s}");
    let repo = git2::Repository::open(root).unwrap();
    for ed in EDITIONS {
        assert!(
            repo.find_reference(&format!("refs/tags/{ed}")).is_ok(),
            "tag {ed}"
        );
    }
}

#[test]
fn commit_ids_are_stable_and_reimport_is_a_no_op() {
    let mut heads = Vec::new();
    for _ in 0..2 {
        let t = tempfile::tempdir().unwrap();
        rd(t.path()).arg("init").assert().success();
        let f = akn("en", "A-RES-76-186");
        let s = stdout(rd(t.path()).args(["import", "--series", SERIES, &f]));
        assert!(
            s.contains("imported as trafficking-coordination/A-RES-76-186.en.txt"),
            "{s}"
        );
        let again = stdout(rd(t.path()).args(["import", &f]));
        assert!(again.contains("nothing to do"), "{again}");
        let repo = git2::Repository::open(t.path()).unwrap();
        heads.push(repo.head().unwrap().target().unwrap());
        let msg = repo
            .head()
            .unwrap()
            .peel_to_commit()
            .unwrap()
            .message()
            .unwrap()
            .to_string();
        assert!(msg.starts_with("Import A/RES/76/186 (en)"), "{msg}");
        for want in [
            "Symbol: A/RES/76/186",
            "Language: en",
            "Source: ",
            "(akn)",
            "Tool: resdiff ",
        ] {
            assert!(msg.contains(want), "{want} not in {msg}");
        }
    }
    assert_eq!(heads[0], heads[1]);
}

#[test]
fn different_text_needs_replace_and_traversal_is_refused() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    rd(root).arg("init").assert().success();
    rd(root)
        .args(["import", "--series", SERIES, &akn("en", "A-RES-74-176")])
        .assert()
        .success();
    let stored = root.join(format!("versions/{SERIES}/A-RES-74-176.en.txt"));
    let text = std::fs::read_to_string(&stored).unwrap();
    let corrected = root.join("corrected.txt");
    std::fs::write(&corrected, text.replacen("Recalling", "Recalling also", 1)).unwrap();
    let out = rd(root)
        .args(["import", corrected.to_str().unwrap()])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--replace"), "{err}");
    let s = stdout(rd(root).args(["import", "--replace", corrected.to_str().unwrap()]));
    assert!(s.contains("replaced"), "{s}");
    assert!(std::fs::read_to_string(&stored)
        .unwrap()
        .contains("Recalling also"));
    rd(root).arg("fsck").assert().success();

    let evil = root.join("evil.txt");
    std::fs::write(
        &evil,
        "resdiff-edition: 1\nsymbol: ../../etc\nlanguage: en\n\nPP1\tx (synthetic)\n",
    )
    .unwrap();
    let out = rd(root)
        .args(["import", evil.to_str().unwrap()])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("'../../etc'") && err.contains("leave the store"),
        "{err}"
    );
    assert!(!root.join("etc").exists() && !root.join("../etc.en.txt").exists());
}

#[test]
fn a_hand_broken_canonical_file_is_named_with_its_line() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    rd(root).arg("init").assert().success();
    rd(root)
        .args(["import", "--series", SERIES, &akn("en", "A-RES-76-186")])
        .assert()
        .success();
    let stored = root.join(format!("versions/{SERIES}/A-RES-76-186.en.txt"));
    let text = std::fs::read_to_string(&stored).unwrap();
    let broken = text.replacen("\nPP3", "\nPQ3", 1);
    let line = broken.lines().position(|l| l.starts_with("PQ3")).unwrap() + 1;
    std::fs::write(&stored, broken).unwrap();
    let out = rd(root)
        .args(["parse", stored.to_str().unwrap()])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("A-RES-76-186.en.txt") && err.contains(&format!("line {line}:")),
        "{err}"
    );
    // fsck sees the uncommitted edit; the committed edition still reads.
    let out = rd(root).arg("fsck").assert().code(2).get_output().clone();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("not committed"));
    rd(root).args(["show", "76/186:PP3"]).assert().success();
}

#[test]
fn drafts_save_revisions_and_resolve_as_references() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    rd(root).arg("init").assert().success();
    rd(root)
        .args(["import", "--series", SERIES, &akn("en", "A-RES-80-228")])
        .assert()
        .success();
    let s = stdout(rd(root).args(["draft", "new", "next", "--from", "80/228@en"]));
    assert!(s.contains("versions/drafts/next.txt"), "{s}");
    let file = root.join("versions/drafts/next.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("Recalling", "Recalling once more", 1)).unwrap();
    // Unsaved edits are what draft:next means; fsck accepts them.
    let shown = stdout(rd(root).args(["show", "draft:next", "--format", "json"]));
    assert!(shown.contains("Recalling once more"));
    rd(root).arg("fsck").assert().success();
    let s = stdout(rd(root).args(["draft", "save", "next", "-m", "Stronger recall (synthetic)"]));
    assert!(s.contains("saved"), "{s}");
    let s = stdout(rd(root).args(["draft", "save", "next", "-m", "nothing"]));
    assert!(s.contains("no changes"), "{s}");
    let log = stdout(rd(root).args(["draft", "log", "next"]));
    assert_eq!(log.lines().count(), 2, "{log}");
    assert!(log.lines().next().unwrap().contains("1 changed"), "{log}");
    assert!(log.contains("draft:next~1"));
    let old = stdout(rd(root).args(["show", "draft:next~1", "--format", "json"]));
    assert!(!old.contains("Recalling once more"));
    // diff takes references: the stored edition against the draft.
    let out = rd(root)
        .args(["diff", "80/228@en", "draft:next", "--color", "never"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let d = String::from_utf8(out.stdout).unwrap();
    assert!(d.contains("Recalling {+once more +}"), "{d}");
    rd(root)
        .args(["diff", "draft:next~1", "A/RES/80/228", "--lang", "en"])
        .assert()
        .code(0);
    // A reference works where a file is expected.
    stdout(rd(root).args(["parse", "draft:next~1"]));
    rd(root).args(["show", "draft:next~9"]).assert().code(2);
}

/// Kill `resdiff import` at pseudo-random moments; the store must always pass fsck and hold
/// a prefix of the imports, each file equal to its committed content.
#[test]
fn sigkill_during_import_leaves_a_consistent_store() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    rd(root).arg("init").assert().success();
    let files: Vec<String> = EDITIONS.iter().map(|e| akn("en", e)).collect();
    let bin = assert_cmd::cargo::cargo_bin("resdiff");
    let reset = || {
        let repo = git2::Repository::open(root).unwrap();
        let mut c = repo.head().unwrap().peel_to_commit().unwrap();
        while c.parent_count() > 0 {
            c = c.parent(0).unwrap();
        }
        repo.reset(c.as_object(), git2::ResetType::Hard, None)
            .unwrap();
    };
    // How long an uninterrupted import takes: the kills are spread over it.
    let t0 = std::time::Instant::now();
    rd(root)
        .args(["import", "--series", SERIES])
        .args(&files)
        .assert()
        .success();
    let full_ms = (t0.elapsed().as_millis() as u64).max(20);
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut committed_counts = Vec::new();
    for round in 0..20 {
        reset();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_millis(seed % full_ms);
        let mut cmd = Command::new(&bin);
        cmd.current_dir(root)
            .arg("import")
            .arg("--series")
            .arg(SERIES)
            .args(&files);
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        for (k, v) in fixed_env(root) {
            cmd.env(k, v);
        }
        cmd.env_remove("RESDIFF_STORE");
        let mut child = cmd.spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let out = rd(root).arg("fsck").assert().get_output().clone();
        assert!(
            out.status.success(),
            "round {round} (kill after {delay:?}): fsck failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // Either old or new state: HEAD holds a prefix of the imports, and the working
        // files are exactly those.
        let repo = git2::Repository::open(root).unwrap();
        let tree = repo.head().unwrap().peel_to_tree().unwrap();
        let held: Vec<bool> = EDITIONS
            .iter()
            .map(|e| {
                tree.get_path(Path::new(&format!("versions/{SERIES}/{e}.en.txt")))
                    .is_ok()
            })
            .collect();
        let n = held.iter().take_while(|h| **h).count();
        assert!(
            held[n..].iter().all(|h| !h),
            "round {round}: not a prefix: {held:?}"
        );
        for (i, e) in EDITIONS.iter().enumerate() {
            assert_eq!(
                root.join(format!("versions/{SERIES}/{e}.en.txt")).exists(),
                held[i],
                "round {round}: {e}"
            );
        }
        committed_counts.push(n);
        rd(root).args(["list"]).assert().success();
    }
    // The delays must have hit different moments (not always before or after everything).
    committed_counts.sort();
    committed_counts.dedup();
    assert!(
        committed_counts.len() >= 2,
        "kills all landed at the same point: {committed_counts:?}"
    );
}

#[test]
fn concurrent_imports_both_commit_or_one_fails_cleanly() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    rd(root).arg("init").assert().success();
    let bin = assert_cmd::cargo::cargo_bin("resdiff");
    let spawn = |f: String| {
        let mut cmd = Command::new(&bin);
        cmd.current_dir(root)
            .args(["import", "--series", SERIES, &f]);
        for (k, v) in fixed_env(root) {
            cmd.env(k, v);
        }
        cmd.env_remove("RESDIFF_STORE")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd.spawn().unwrap()
    };
    let a = spawn(akn("en", "A-RES-74-176"));
    let b = spawn(akn("ar", "A-RES-74-176"));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    for o in [&a, &b] {
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            o.status.success() || (o.status.code() == Some(2) && err.contains("locked")),
            "{err}"
        );
    }
    rd(root).arg("fsck").assert().success();
    let repo = git2::Repository::open(root).unwrap();
    let tree = repo.head().unwrap().peel_to_tree().unwrap();
    for (o, lang) in [(&a, "en"), (&b, "ar")] {
        let held = tree
            .get_path(Path::new(&format!(
                "versions/{SERIES}/A-RES-74-176.{lang}.txt"
            )))
            .is_ok();
        assert_eq!(held, o.status.success(), "{lang}");
    }
}

#[test]
fn a_stale_lock_is_explained_and_removed() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    rd(root).arg("init").assert().success();
    std::fs::write(root.join("versions/.resdiff.lock"), "999999999\n").unwrap();
    let out = rd(root)
        .args(["import", "--series", SERIES, &akn("en", "A-RES-74-176")])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("pid 999999999") && err.contains("died"),
        "{err}"
    );
    assert!(!root.join("versions/.resdiff.lock").exists());
}

#[test]
fn symbols_with_a_part_letter_are_filed_and_read_back() {
    // A/RES/74/232 B: a space in the symbol, a `+` in its file name and tag.
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    rd(root).arg("init").assert().success();
    let file = corpus("ga-akn/en/74/74_232B_E.xml");
    let out = stdout(rd(root).args(["import", "--series", "part-b"]).arg(&file));
    assert!(out.contains("A/RES/74/232 B"), "{out}");
    assert!(root.join("versions/part-b/A-RES-74-232+B.en.txt").exists());
    let list = stdout(rd(root).arg("list"));
    assert!(list.contains("A/RES/74/232 B"), "{list}");
    let shown = stdout(rd(root).args(["show", "A/RES/74/232 B:OP1"]));
    assert!(shown.starts_with("OP1"), "{shown}");
    rd(root).arg("fsck").assert().success();
    // Importing it again is a no-op: the file name reads back as the symbol.
    let again = stdout(rd(root).args(["import", "--series", "part-b"]).arg(&file));
    assert!(again.contains("already"), "{again}");
}

#[test]
fn a_document_that_repeats_unit_ids_is_refused_before_anything_is_written() {
    // A/RES/74/92 A-B prints two resolutions, each numbering from OP1.
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    rd(root).arg("init").assert().success();
    let out = rd(root)
        .arg("import")
        .arg(corpus("ga-akn/en/74/74_92.xml"))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("numbers OP1 twice"), "{err}");
    assert!(
        err.contains("import each part from a file of its own"),
        "{err}"
    );
    rd(root).arg("fsck").assert().success();
    let list = stdout(rd(root).arg("list"));
    assert!(!list.contains("74/92"), "{list}");
}

/// `init .` in a folder not named versions makes that folder the repository:
/// no repository appears in the folder around it (here the home folder).
#[test]
fn init_here_makes_no_repository_in_the_folder_above() {
    let home = tempfile::tempdir().unwrap();
    let here = home.path().join("un-store");
    std::fs::create_dir_all(&here).unwrap();
    let s = stdout(rd(home.path()).current_dir(&here).args(["init", "."]));
    let here = here.canonicalize().unwrap();
    assert!(
        s.contains(&format!("created a git repository in {}", here.display())),
        "{s}"
    );
    assert!(here.join(".git").is_dir());
    assert!(!home.path().join(".git").exists(), "{s}");
    // Found from inside without --store.
    let f = akn("en", "A-RES-76-186");
    let imported = stdout(rd(home.path()).current_dir(&here).args(["import", &f]));
    assert!(imported.contains("imported as"), "{imported}");
    let list = stdout(rd(home.path()).current_dir(&here).arg("list"));
    assert!(list.contains("A/RES/76/186"), "{list}");
    rd(home.path())
        .current_dir(&here)
        .arg("fsck")
        .assert()
        .success();
}
