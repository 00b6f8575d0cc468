//! The writer lock, `.resdiff.lock` in the store folder: one writer at a time.
//!
//! The lock file is created with `create_new` (atomic on every file system
//! resdiff supports) and holds the writer's process id on its first line,
//! then the store paths it is about to write (its journal). A second writer
//! polls until the lock is free or [`LOCK_WAIT`] has passed. A lock whose
//! process is gone is *stale*: the writer died mid-write, and the store
//! rolls its journal back to the last commit (see `GitBackend::recover`).

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::StoreError;

/// File name of the lock inside the store.
pub const LOCK_FILE: &str = ".resdiff.lock";

/// How long a writer waits for another one before giving up. Imports take
/// well under a second; 30 s covers a slow disk without hanging scripts.
pub const LOCK_WAIT: Duration = Duration::from_secs(30);

/// How often a waiting writer looks at the lock again.
const POLL: Duration = Duration::from_millis(50);

/// A lock file with no readable pid is a writer between `create_new` and its
/// first write — or one that died there. Older than this, it is stale.
const EMPTY_LOCK_GRACE: Duration = Duration::from_secs(5);

/// What a lock file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockInfo {
    pub pid: Option<u32>,
    /// Store paths the writer announced.
    pub journal: Vec<String>,
}

/// A held lock; dropping it removes the file.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: fs::File,
    /// Keep the file when dropped (see [`Lock::leave`]).
    keep: bool,
}

impl Lock {
    /// Add paths to the journal before writing them.
    pub fn journal(&mut self, paths: &[String]) -> Result<(), StoreError> {
        for p in paths {
            writeln!(self.file, "{p}").map_err(|e| StoreError::io(&self.path, e))?;
        }
        self.file
            .sync_data()
            .map_err(|e| StoreError::io(&self.path, e))
    }
}

impl Lock {
    /// Give the lock up but leave its file, journal included, in place: a
    /// write failed half-way and could not be finished, so the next writer
    /// must find a stale lock and roll the journalled paths forward or back
    /// (once this process has exited, its pid no longer runs).
    pub fn leave(mut self) {
        self.keep = true;
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// The outcome of one attempt to take the lock.
pub enum Attempt {
    Taken(Lock),
    /// Another live writer holds it.
    Busy(LockInfo),
    /// The holder is gone; the caller should recover, remove the file, and retry.
    Stale(LockInfo),
}

/// Try once to take the lock in `dir`.
pub fn try_lock(dir: &Path) -> Result<Attempt, StoreError> {
    let path = dir.join(LOCK_FILE);
    match OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(mut file) => {
            if let Err(e) = writeln!(file, "{}", std::process::id()).and_then(|_| file.sync_data())
            {
                // Do not leave a lock without a pid behind (a full disk):
                // the next writer would wait for it.
                drop(file);
                let _ = fs::remove_file(&path);
                return Err(StoreError::Other(format!(
                    "{}: cannot write the store lock ({e}); nothing was written: free some \
                     disk space (or fix the store folder) and run the command again",
                    path.display()
                )));
            }
            Ok(Attempt::Taken(Lock {
                path,
                file,
                keep: false,
            }))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let Some(info) = read(&path)? else {
                // Removed between our attempt and the read: try again.
                return Ok(Attempt::Busy(LockInfo {
                    pid: None,
                    journal: Vec::new(),
                }));
            };
            let stale = match info.pid {
                Some(pid) => !process_alive(pid),
                None => fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .map(|t| t.elapsed().unwrap_or_default() > EMPTY_LOCK_GRACE)
                    .unwrap_or(false),
            };
            Ok(if stale {
                Attempt::Stale(info)
            } else {
                Attempt::Busy(info)
            })
        }
        Err(e) if is_read_only(&e) => Err(StoreError::ReadOnly(format!(
            "{}: cannot create the store lock ({e}): the store is read-only here, so nothing \
             can be imported or saved; reading commands still work. Check the permissions \
             and the mount of {}, or work on a writable copy",
            path.display(),
            dir.display()
        ))),
        Err(e) => Err(StoreError::io(&path, e)),
    }
}

/// Whether an error means the folder cannot be written at all.
pub fn is_read_only(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    let erofs = e.raw_os_error() == Some(libc::EROFS);
    #[cfg(not(unix))]
    let erofs = false;
    erofs || e.kind() == std::io::ErrorKind::PermissionDenied
}

/// Take the lock, waiting up to `wait`; `notice` is told once when waiting
/// starts. `recover` is called with a stale lock's contents before it is
/// removed.
pub fn lock(
    dir: &Path,
    wait: Duration,
    notice: &dyn Fn(&str),
    recover: &mut dyn FnMut(&LockInfo) -> Result<(), StoreError>,
) -> Result<Lock, StoreError> {
    let start = Instant::now();
    let mut told = false;
    loop {
        match try_lock(dir)? {
            Attempt::Taken(l) => return Ok(l),
            Attempt::Stale(info) => {
                notice(&format!(
                    "a writer{} died while holding the store lock; rolling back its unfinished write",
                    info.pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
                ));
                recover(&info)?;
                let path = dir.join(LOCK_FILE);
                match fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(StoreError::io(&path, e)),
                }
            }
            Attempt::Busy(info) => {
                if start.elapsed() >= wait {
                    return Err(StoreError::Locked(format!(
                        "the store is locked by another resdiff process{} (lock file {}); \
                         gave up after {} s — try again when it has finished",
                        info.pid.map(|p| format!(" (pid {p})")).unwrap_or_default(),
                        dir.join(LOCK_FILE).display(),
                        wait.as_secs()
                    )));
                }
                if !told {
                    notice(&format!(
                        "waiting for another resdiff process{} to finish writing the store …",
                        info.pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
                    ));
                    told = true;
                }
                std::thread::sleep(POLL);
            }
        }
    }
}

/// Read a lock file; `None` if it does not exist.
pub fn read(path: &Path) -> Result<Option<LockInfo>, StoreError> {
    match fs::read_to_string(path) {
        Ok(s) => {
            let mut lines = s.lines();
            let pid = lines.next().and_then(|l| l.trim().parse().ok());
            let journal = lines.filter(|l| !l.is_empty()).map(String::from).collect();
            Ok(Some(LockInfo { pid, journal }))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

/// Whether a process with this id exists.
#[cfg(unix)]
pub fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 only checks for existence and permission.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Without a way to ask, assume the holder is alive (the wait then times out
/// with a message naming the lock file).
#[cfg(not(unix))]
pub fn process_alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_waits_then_fails_and_stale_lock_is_recovered() {
        let dir = tempfile::tempdir().unwrap();
        let mut held = lock(dir.path(), Duration::ZERO, &|_| {}, &mut |_| Ok(())).unwrap();
        held.journal(&["a/b.txt".into()]).unwrap();
        let err = lock(dir.path(), Duration::from_millis(120), &|_| {}, &mut |_| {
            Ok(())
        })
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("locked by another resdiff process"),
            "{err}"
        );
        drop(held);
        // A lock left by a process that no longer exists.
        std::fs::write(dir.path().join(LOCK_FILE), "999999999\nx/y.txt\n").unwrap();
        let mut seen = Vec::new();
        let _l = lock(dir.path(), Duration::ZERO, &|_| {}, &mut |i| {
            seen = i.journal.clone();
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, ["x/y.txt"]);
    }

    /// A lock left by a real process that was killed (not an invented pid):
    /// it is seen as stale, its journal is handed to recovery, and the
    /// notice names the pid and says what happens.
    #[cfg(unix)]
    #[test]
    fn a_killed_writers_lock_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("sleep")
            .arg("60")
            .spawn()
            .unwrap();
        let pid = child.id();
        let path = dir.path().join(LOCK_FILE);
        std::fs::write(&path, format!("{pid}\nseries/A-RES-1-1.en.txt\n")).unwrap();
        // Alive: busy, so a writer with no patience gives up.
        assert!(matches!(try_lock(dir.path()).unwrap(), Attempt::Busy(_)));
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(!process_alive(pid));
        let told = std::cell::RefCell::new(Vec::new());
        let mut seen = Vec::new();
        let held = lock(
            dir.path(),
            Duration::ZERO,
            &|m| told.borrow_mut().push(m.to_string()),
            &mut |i| {
                seen = i.journal.clone();
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, ["series/A-RES-1-1.en.txt"]);
        let told = told.into_inner();
        assert!(
            told.len() == 1 && told[0].contains(&format!("pid {pid}")) && told[0].contains("died"),
            "{told:?}"
        );
        // The new lock holds this process's pid; leaving it keeps the file.
        held.leave();
        let info = read(&path).unwrap().unwrap();
        assert_eq!(info.pid, Some(std::process::id()));
    }
}
