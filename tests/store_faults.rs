//! The store on a bad day, through the binary: the disk fills up (injected
//! at every write step, and a real full tmpfs when running as root), the
//! store is read-only, a writer was killed holding the lock, a canonical
//! file is damaged. After every fault: a clear error (exit 2) or a success,
//! no committed data lost (history intact, earlier editions readable), no
//! half-written files, and `resdiff fsck` clean once the cause is gone.
//!
//! The write faults are injected through the hidden environment variable
//! `RESDIFF_TEST_FAIL_WRITE_AFTER=N` (the store's N-th and later writes
//! fail with "No space left on device").
mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::Command;

const SERIES: &str = "trafficking-coordination";
const OLD: &str = "A-RES-74-176";
const NEW: &str = "A-RES-76-186";
const FAIL_VAR: &str = "RESDIFF_TEST_FAIL_WRITE_AFTER";

fn akn(ed: &str) -> String {
    corpus(&format!("akn/en/{ed}.xml")).display().to_string()
}

fn fixed_env(root: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("HOME", root.display().to_string()),
        ("GIT_CONFIG_NOSYSTEM", "1".into()),
        ("GIT_AUTHOR_NAME", "Fault Test".into()),
        ("GIT_AUTHOR_EMAIL", "fault-test@example.org".into()),
        ("GIT_AUTHOR_DATE", "@1700000000 +0000".into()),
        ("GIT_COMMITTER_NAME", "Fault Test".into()),
        ("GIT_COMMITTER_EMAIL", "fault-test@example.org".into()),
        ("GIT_COMMITTER_DATE", "@1700000000 +0000".into()),
    ]
}

/// The binary in the store's repository `root`.
fn rd(root: &Path) -> assert_cmd::Command {
    let mut c = resdiff();
    c.current_dir(root).env_remove(FAIL_VAR);
    for (k, v) in fixed_env(root) {
        c.env(k, v);
    }
    c
}

/// Exit code, stdout, stderr.
fn run(c: &mut assert_cmd::Command) -> (i32, String, String) {
    let o = c.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn git(root: &Path, args: &[&str]) -> String {
    let mut c = Command::new("git");
    c.current_dir(root).args(args);
    for (k, v) in fixed_env(root) {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// A store in `root` holding 74/176 (en), one import after `init`.
fn base_store(root: &Path) {
    rd(root).arg("init").assert().success();
    rd(root)
        .args(["import", "--series", SERIES, &akn(OLD)])
        .assert()
        .success();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Temporary and half-written files anywhere in the work tree (outside .git).
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().unwrap().is_dir() {
                if name != ".git" {
                    stack.push(e.path());
                }
            } else if name.contains(".tmp-") {
                out.push(e.path());
            }
        }
    }
    out
}

fn stored(root: &Path, ed: &str) -> PathBuf {
    root.join(format!("versions/{SERIES}/{ed}.en.txt"))
}

/// What must hold after any fault once the cause is gone: fsck clean, no
/// temporary files, no lock, the first edition readable as before, its
/// commit still in the history, and the second edition stored whole or
/// not at all.
fn assert_whole(root: &Path, old_show: &str, old_commit: &str) -> bool {
    let (code, out, err) = run(rd(root).arg("fsck"));
    assert_eq!(code, 0, "fsck after the fault: {out}{err}");
    assert!(temp_files(root).is_empty(), "{:?}", temp_files(root));
    assert!(!root.join("versions/.resdiff.lock").exists());
    let (code, show, err) = run(rd(root).args(["show", "74/176"]));
    assert_eq!((code, show.as_str()), (0, old_show), "{err}");
    git(root, &["merge-base", "--is-ancestor", old_commit, "HEAD"]);
    let (code, _, _) = run(rd(root).args(["show", "76/186"]));
    let has_new = code == 0;
    assert_eq!(
        has_new,
        stored(root, NEW).exists(),
        "76/186 committed but its file is missing, or the reverse"
    );
    if has_new {
        let (code, out, err) = run(rd(root).args(["show", "76/186", "--format", "json"]));
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("\"A/RES/76/186\""));
        assert_eq!(git(root, &["tag", "--points-at", "HEAD"]), NEW);
    }
    has_new
}

#[test]
fn disk_full_at_every_write_step_loses_nothing() {
    let base = tempfile::tempdir().unwrap();
    base_store(base.path());
    let old_show = run(rd(base.path()).args(["show", "74/176"])).1;
    let old_commit = git(base.path(), &["rev-parse", "HEAD"]);
    let mut seen_nothing_stored = 0;
    let mut seen_after_commit = 0;
    let mut clean_success = false;
    for n in 0..40 {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        copy_dir(base.path(), root);
        let (code, out, err) = run(rd(root).env(FAIL_VAR, n.to_string()).args([
            "import",
            "--series",
            SERIES,
            &akn(NEW),
        ]));
        let head_moved = git(root, &["rev-parse", "HEAD"]) != old_commit;
        eprintln!(
            "write step {n}: exit {code}, committed: {head_moved}: {}",
            err.trim()
        );
        match code {
            0 if err.is_empty() => {
                assert!(out.contains("imported as"), "{out}");
                assert!(head_moved);
                clean_success = true;
            }
            0 => {
                // The disk filled after the commit; the store finished the write.
                assert!(
                    err.contains("No space left on device") && err.contains("brought in line"),
                    "step {n}: {err}"
                );
                assert!(head_moved && temp_files(root).is_empty());
                seen_after_commit += 1;
            }
            2 => {
                assert_eq!(err.lines().count(), 1, "step {n}: {err}");
                assert!(
                    err.starts_with("resdiff: error: ") && err.contains("No space left on device"),
                    "step {n}: {err}"
                );
                if err.contains("nothing was stored") {
                    // Nothing may have changed, and nothing be left behind.
                    assert!(
                        !head_moved,
                        "step {n}: said nothing was stored, but HEAD moved"
                    );
                    assert!(
                        temp_files(root).is_empty(),
                        "step {n}: {:?}",
                        temp_files(root)
                    );
                    assert!(!root.join("versions/.resdiff.lock").exists());
                    assert!(!stored(root, NEW).exists());
                    seen_nothing_stored += 1;
                } else {
                    // After the commit, finishing failed too: the lock is left for fsck.
                    assert!(head_moved, "step {n}: {err}");
                    assert!(
                        err.contains("run resdiff fsck to finish"),
                        "step {n}: {err}"
                    );
                    assert!(root.join("versions/.resdiff.lock").exists());
                    seen_after_commit += 1;
                }
            }
            _ => panic!("step {n}: exit {code}: {err}"),
        }
        let has_new = assert_whole(root, &old_show, &old_commit);
        assert_eq!(has_new, head_moved, "step {n}");
        if clean_success {
            break;
        }
    }
    assert!(clean_success, "the import never got through 40 write steps");
    assert!(seen_nothing_stored >= 4, "{seen_nothing_stored}");
    assert!(seen_after_commit >= 2, "{seen_after_commit}");
}

/// Unmounts when dropped.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A tmpfs of `size` at `dir`, or why not.
fn mount_tmpfs(dir: &Path, size: &str) -> Result<Mount, String> {
    if !cfg!(target_os = "linux") || !is_root() {
        return Err("needs root on Linux to mount a tmpfs".into());
    }
    let o = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .output()
        .map_err(|e| format!("mount: {e}"))?;
    if !o.status.success() {
        return Err(format!(
            "mount not permitted: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        ));
    }
    Ok(Mount(dir.to_path_buf()))
}

#[test]
fn a_really_full_disk_loses_nothing() {
    let base = tempfile::tempdir().unwrap();
    base_store(base.path());
    let old_show = run(rd(base.path()).args(["show", "74/176"])).1;
    let old_commit = git(base.path(), &["rev-parse", "HEAD"]);
    let mut failures = 0;
    // Free space left on the file system before the import.
    for free in [0usize, 2048, 8192, 20_000, 40_000, 80_000] {
        let t = tempfile::tempdir().unwrap();
        let _mount = match mount_tmpfs(t.path(), "2m") {
            Ok(m) => m,
            Err(why) => {
                eprintln!("skipped the real full-disk case: {why} (the injected case still runs)");
                return;
            }
        };
        let root = t.path().join("repo");
        copy_dir(base.path(), &root);
        // Fill the disk, then free `free` bytes.
        let filler = t.path().join("filler");
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&filler).unwrap();
            let block = vec![0u8; 4096];
            while f.write_all(&block).is_ok() {}
            let _ = f.sync_all();
        }
        let len = std::fs::metadata(&filler).unwrap().len();
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(&filler)
            .unwrap();
        f.set_len(len.saturating_sub(free as u64)).unwrap();
        drop(f);
        let (code, out, err) = run(rd(&root).args(["import", "--series", SERIES, &akn(NEW)]));
        eprintln!("tmpfs with {free} bytes free: exit {code}: {}", err.trim());
        match code {
            0 => assert!(out.contains("imported as"), "{out}{err}"),
            2 => {
                failures += 1;
                assert_eq!(err.lines().count(), 1, "free {free}: {err}");
                assert!(
                    err.contains("No space left on device") && err.contains("free some disk space"),
                    "{err}"
                );
                // Nothing left behind before the room is made, lock included.
                assert!(temp_files(&root).is_empty(), "{:?}", temp_files(&root));
                assert!(!root.join("versions/.resdiff.lock").exists(), "{err}");
            }
            _ => panic!("free {free}: exit {code}: {err}"),
        }
        // Make room, then everything must be whole.
        std::fs::remove_file(&filler).unwrap();
        assert_whole(&root, &old_show, &old_commit);
        // And the import goes through now.
        rd(&root)
            .args(["import", "--series", SERIES, &akn(NEW)])
            .assert()
            .success();
        drop(_mount);
    }
    assert!(
        failures >= 1,
        "the disk was never full enough to fail the import"
    );
}

/// Make `root` read-only in a way that binds root too, or say why not.
enum ReadOnly {
    Chmod(PathBuf),
    /// Held for its `Drop`, which unmounts.
    #[allow(dead_code)]
    Mount(Mount),
    Immutable(PathBuf),
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        match self {
            ReadOnly::Chmod(p) => {
                let _ = Command::new("chmod").args(["-R", "u+w"]).arg(&*p).status();
            }
            ReadOnly::Mount(_) => {}
            ReadOnly::Immutable(p) => {
                let _ = Command::new("chattr").arg("-i").arg(&*p).status();
            }
        }
    }
}

/// A way to make the store read-only: the guard that undoes it, or why not.
type MakeReadOnly = Box<dyn Fn() -> Result<ReadOnly, String>>;

fn ok(c: &mut Command) -> bool {
    c.output().map(|o| o.status.success()).unwrap_or(false)
}

fn read_only_ways(root: &Path) -> Vec<(&'static str, MakeReadOnly)> {
    let r = root.to_path_buf();
    if !is_root() {
        return vec![(
            "chmod -R a-w",
            Box::new(move || {
                if ok(Command::new("chmod").args(["-R", "a-w"]).arg(&r)) {
                    Ok(ReadOnly::Chmod(r.clone()))
                } else {
                    Err("chmod failed".into())
                }
            }),
        )];
    }
    let r2 = root.to_path_buf();
    vec![
        (
            "read-only bind mount",
            Box::new(move || {
                if !ok(Command::new("mount").arg("--bind").arg(&r).arg(&r)) {
                    return Err("bind mount not permitted".into());
                }
                let m = Mount(r.clone());
                if !ok(Command::new("mount")
                    .args(["-o", "remount,bind,ro"])
                    .arg(&r))
                {
                    return Err("read-only remount not permitted".into());
                }
                Ok(ReadOnly::Mount(m))
            }),
        ),
        (
            "chattr +i on the store folder",
            Box::new(move || {
                let v = r2.join("versions");
                if ok(Command::new("chattr").arg("+i").arg(&v)) {
                    Ok(ReadOnly::Immutable(v))
                } else {
                    Err("chattr +i not supported here".into())
                }
            }),
        ),
    ]
}

#[test]
fn a_read_only_store_refuses_writes_clearly_and_still_reads() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    base_store(root);
    let old_show = run(rd(root).args(["show", "74/176"])).1;
    let old_commit = git(root, &["rev-parse", "HEAD"]);
    let mut tried = 0;
    for (how, make) in read_only_ways(root) {
        let guard = match make() {
            Ok(g) => g,
            Err(why) => {
                eprintln!("skipped read-only case '{how}': {why}");
                continue;
            }
        };
        tried += 1;
        let (code, out, err) = run(rd(root).args(["import", "--series", SERIES, &akn(NEW)]));
        eprintln!("{how}: exit {code}: {}", err.trim());
        assert_eq!(code, 2, "{how}: {out}{err}");
        assert!(out.is_empty(), "{how}: {out}");
        assert_eq!(err.lines().count(), 1, "{how}: {err}");
        assert!(
            err.contains(".resdiff.lock") && err.contains("the store is read-only here"),
            "{how}: {err}"
        );
        // Reading still works, and fsck checks without the lock.
        let (code, show, err) = run(rd(root).args(["show", "74/176"]));
        assert_eq!(
            (code, show.as_str()),
            (0, old_show.as_str()),
            "{how}: {err}"
        );
        let (code, out, err) = run(rd(root).arg("fsck"));
        assert_eq!(code, 0, "{how}: {out}{err}");
        assert!(
            out.contains("read-only") && out.contains("ok:"),
            "{how}: {out}"
        );
        drop(guard);
        assert!(!assert_whole(root, &old_show, &old_commit));
    }
    assert!(
        tried >= 1,
        "no way to make the store read-only was available"
    );
}

#[test]
fn a_stale_lock_from_a_killed_process_is_explained_and_rolled_back() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    base_store(root);
    let old_show = run(rd(root).args(["show", "74/176"])).1;
    let old_commit = git(root, &["rev-parse", "HEAD"]);
    // A writer that died mid-write: its lock and journal, a half-written
    // temporary file, and the stored file already overwritten with half of
    // something else.
    let mut child = Command::new("sleep").arg("60").spawn().unwrap();
    let pid = child.id();
    let rel = format!("{SERIES}/{OLD}.en.txt");
    std::fs::write(
        root.join("versions/.resdiff.lock"),
        format!("{pid}\ncatalog.toml\n{rel}\n"),
    )
    .unwrap();
    let file = stored(root, OLD);
    let good = std::fs::read(&file).unwrap();
    std::fs::write(&file, &good[..good.len() / 3]).unwrap();
    let tmp = root.join(format!("versions/{SERIES}/.{OLD}.en.txt.tmp-{pid}"));
    std::fs::write(&tmp, &good[..100]).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();

    let (code, out, err) = run(rd(root).arg("fsck"));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains(&format!(
            "a writer (pid {pid}) died while holding the store lock"
        )) && err.contains("rolling back"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), good);
    assert!(!tmp.exists());
    assert!(!assert_whole(root, &old_show, &old_commit));
}

/// Commit damaged bytes as the stored 74/176, as a careless `git commit -a`
/// after a disk error would.
fn commit_damage(root: &Path, bytes: &[u8]) {
    std::fs::write(stored(root, OLD), bytes).unwrap();
    git(root, &["commit", "-q", "-a", "-m", "damage"]);
}

#[test]
fn a_damaged_canonical_file_is_named_with_a_way_out() {
    let base = tempfile::tempdir().unwrap();
    base_store(base.path());
    let good = std::fs::read(stored(base.path(), OLD)).unwrap();
    let old_show = run(rd(base.path()).args(["show", "74/176"])).1;
    let old_commit = git(base.path(), &["rev-parse", "HEAD"]);
    let mut garbage = good.clone();
    garbage.splice(200..200, [0xff, 0xfe, 0x00, 0x9f, 0x80]);
    let mut bad_line = String::from_utf8(good.clone()).unwrap();
    let at = bad_line.find("\nPP3\t").unwrap();
    bad_line.replace_range(at + 1..at + 4, "PQ3");
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("truncated", good[..good.len() / 2].to_vec(), "cut short"),
        ("garbage bytes", garbage, "not valid UTF-8 at byte 200"),
        ("bad unit line", bad_line.into_bytes(), "line "),
    ];
    for (what, bytes, says) in cases {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        copy_dir(base.path(), root);
        commit_damage(root, &bytes);
        for args in [&["show", "74/176"][..], &["log", SERIES]] {
            let (code, out, err) = run(rd(root).args(args));
            assert_eq!(code, 2, "{what} {args:?}: {out}{err}");
            assert_eq!(err.lines().count(), 1, "{what}: {err}");
            assert!(
                err.contains(&format!("{OLD}.en.txt")) && err.contains(says),
                "{what} {args:?}: {err}"
            );
            assert!(err.contains("git checkout COMMIT -- FILE"), "{what}: {err}");
        }
        let (code, out, err) = run(rd(root).arg("fsck"));
        assert_eq!(code, 2, "{what}: {out}{err}");
        assert!(
            out.contains(&format!("problem: {SERIES}/{OLD}.en.txt")) && out.contains(says),
            "{what}: {out}"
        );
        assert!(err.contains("fsck found 1 problem"), "{what}: {err}");
        // The way out the message gives: the good copy is still in the history.
        let rel = format!("versions/{SERIES}/{OLD}.en.txt");
        git(root, &["checkout", &old_commit, "--", &rel]);
        git(root, &["commit", "-q", "-m", "restore"]);
        assert!(!assert_whole(root, &old_show, &old_commit));
    }
}

#[test]
fn a_damaged_working_copy_does_not_reach_readers() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    base_store(root);
    let old_show = run(rd(root).args(["show", "74/176"])).1;
    let file = stored(root, OLD);
    let good = std::fs::read(&file).unwrap();
    std::fs::write(&file, &good[..good.len() / 2]).unwrap();
    // Readers use the committed text.
    let (code, show, _) = run(rd(root).args(["show", "74/176"]));
    assert_eq!((code, show.as_str()), (0, old_show.as_str()));
    let (code, out, _) = run(rd(root).arg("fsck"));
    assert_eq!(code, 2);
    assert!(
        out.contains("not committed") && out.contains("checkout --"),
        "{out}"
    );
    // The way out the message gives.
    git(
        root,
        &["checkout", "--", &format!("versions/{SERIES}/{OLD}.en.txt")],
    );
    rd(root).arg("fsck").assert().success();
    assert_eq!(std::fs::read(&file).unwrap(), good);
}
