//! The git-backed [`Backend`]: the store is a folder of a git repository,
//! read and written with `git2` (no `git` program needed).
//!
//! A write is crash-safe in this order: take the lock and journal the paths
//! ([`super::lock`]); store blobs and the tree in the object database; write
//! each file to a temporary name beside it; commit, which moves the branch
//! (the one atomic step that decides old or new state); rename the
//! temporaries into place; update git's index; move the tags. A writer killed
//! anywhere leaves a stale lock; the next writer (or `resdiff fsck`) rolls
//! the journalled paths to the committed state, removes temporaries and
//! leftover git lock files, and re-points tags — so the store always shows
//! either the old or the new commit. A write that fails in a living process
//! (a full disk, a read-only folder) is cleaned up at once: before the
//! commit its temporaries are removed and nothing else changed; after it the
//! new state is finished; if even that fails the lock is left for the next
//! writer or `resdiff fsck` to finish.

use std::cell::Cell;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use git2::{ErrorCode, Index, IndexEntry, IndexTime, Oid, Repository, Signature, Time};

use super::catalog::CATALOG_FILE;
use super::lock::{self, Lock, LockInfo, LOCK_FILE, LOCK_WAIT};
use super::{Backend, Revision, StoreError, DRAFTS_DIR};

/// Marker in the names of temporary files: `.<name>.tmp-<pid>`.
const TMP_MARK: &str = ".tmp-";

/// Written by `init` so the lock and temporaries never show as changes.
const GITIGNORE: &str = ".resdiff.lock\n.*.tmp-*\n";

/// The catalogue a new store starts with.
const CATALOG_TEMPLATE: &str =
    "# resdiff catalogue: series and the facts of their editions (docs/FORMAT.md).\n\
# [series.SLUG] tables, then one [[edition]] block per edition; leave unknown facts out.\n";

/// Author and committer of the store's commits. Time: seconds since the
/// epoch and offset in minutes; `None` = now.
#[derive(Debug, Clone)]
pub struct SignatureSpec {
    pub name: String,
    pub email: String,
    pub time: Option<(i64, i32)>,
}

/// A store folder inside a git work tree.
pub struct GitBackend {
    repo: Repository,
    workdir: PathBuf,
    dir: PathBuf,
    /// The store folder relative to the work tree, `/`-separated, with a
    /// trailing `/` (empty when the store is the work tree's root).
    prefix: String,
    pub signature: Option<SignatureSpec>,
    /// How long to wait for another writer.
    pub lock_wait: Duration,
    /// Told about waiting and recovery (the CLI prints it on stderr).
    pub notice: Box<dyn Fn(&str)>,
    /// Fault injection for tests of the failure paths: after this many
    /// write steps (see [`GitBackend::write_step`]) every further one fails
    /// as on a full disk. `None` in normal use.
    pub fail_writes_after: Option<usize>,
    /// Write steps taken so far (counted only for `fail_writes_after`).
    writes: Cell<usize>,
    lock: Option<Lock>,
}

impl GitBackend {
    /// Open the store folder `dir` (it must exist inside a git work tree).
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let abs = fs::canonicalize(dir).map_err(|e| {
            StoreError::NotFound(format!(
                "{}: no store here ({e}); create one with resdiff init",
                dir.display()
            ))
        })?;
        let repo = Repository::discover(&abs).map_err(|_| {
            StoreError::NotFound(format!(
                "{}: not inside a git repository; create a store with resdiff init {}",
                dir.display(),
                dir.display()
            ))
        })?;
        let workdir = repo.workdir().ok_or_else(|| {
            StoreError::Git("the repository is bare; the store needs a work tree".into())
        })?;
        let workdir = fs::canonicalize(workdir).map_err(|e| StoreError::io(workdir, e))?;
        let rel = abs.strip_prefix(&workdir).map_err(|_| {
            StoreError::Other(format!(
                "{} is outside the work tree {}",
                abs.display(),
                workdir.display()
            ))
        })?;
        let mut prefix: String = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if !prefix.is_empty() {
            prefix.push('/');
        }
        Ok(GitBackend {
            repo,
            workdir,
            dir: abs,
            prefix,
            signature: None,
            lock_wait: LOCK_WAIT,
            notice: Box::new(|_| {}),
            fail_writes_after: None,
            writes: Cell::new(0),
            lock: None,
        })
    }

    /// The store folder of the git work tree that holds `start`:
    /// `<work tree>/versions`.
    pub fn discover(start: &Path) -> Result<PathBuf, StoreError> {
        let repo = Repository::discover(start).map_err(|_| {
            StoreError::NotFound(format!(
                "{} is not inside a git repository, so there is no default store; \
                 give --store DIR or create one with resdiff init",
                start.display()
            ))
        })?;
        let wd = repo
            .workdir()
            .ok_or_else(|| StoreError::Git("the repository is bare".into()))?;
        let versions = wd.join("versions");
        // A repository that is the store itself (made by `init DIR` for a
        // DIR not named versions) has the catalogue at its top.
        if !versions.exists() && wd.join(CATALOG_FILE).is_file() {
            return Ok(wd.to_path_buf());
        }
        Ok(versions)
    }

    /// Create a store in `dir`, and a git repository when `dir` is in none:
    /// in its parent folder when `dir` is named `versions` (a project folder
    /// holding its store, found by [`GitBackend::discover`]), else in `dir`
    /// itself — never in a folder the caller did not name, such as the home
    /// folder around `init .`. Returns the backend and the folder of the
    /// repository created, if any.
    pub fn init(
        dir: &Path,
        sig: Option<SignatureSpec>,
    ) -> Result<(Self, Option<PathBuf>), StoreError> {
        fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        let abs = fs::canonicalize(dir).map_err(|e| StoreError::io(dir, e))?;
        let created = if Repository::discover(&abs).is_err() {
            let root = match abs.parent() {
                Some(parent) if abs.file_name().is_some_and(|n| n == "versions") => parent,
                _ => &abs,
            };
            Repository::init(root)?;
            Some(root.to_path_buf())
        } else {
            None
        };
        let mut b = GitBackend::open(&abs)?;
        b.signature = sig;
        if b.read(CATALOG_FILE)?.is_some() {
            return Err(StoreError::Conflict(format!(
                "{} is a store already (it has a committed {CATALOG_FILE})",
                dir.display()
            )));
        }
        let catalog = match b.read_work(CATALOG_FILE)? {
            Some(c) => c,
            None => CATALOG_TEMPLATE.as_bytes().to_vec(),
        };
        b.begin(&[])?;
        let r = b.commit(
            &[
                (".gitignore".into(), GITIGNORE.as_bytes().to_vec()),
                (CATALOG_FILE.into(), catalog),
            ],
            "Create the resdiff store\n",
            &[],
        );
        b.end();
        r?;
        Ok((b, created))
    }

    /// The store folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn sig(&self) -> Result<Signature<'static>, StoreError> {
        Ok(match &self.signature {
            Some(SignatureSpec {
                name,
                email,
                time: Some((t, off)),
            }) => Signature::new(name, email, &Time::new(*t, *off))?,
            Some(SignatureSpec {
                name,
                email,
                time: None,
            }) => Signature::now(name, email)?,
            None => match self.repo.signature() {
                Ok(s) => s.to_owned(),
                Err(_) => Signature::now("resdiff", "resdiff@localhost")?,
            },
        })
    }

    fn head_commit(&self) -> Result<Option<git2::Commit<'_>>, StoreError> {
        match self.repo.head() {
            Ok(h) => Ok(Some(h.peel_to_commit()?)),
            Err(e) if e.code() == ErrorCode::UnbornBranch || e.code() == ErrorCode::NotFound => {
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }

    fn blob_in(&self, tree: &git2::Tree<'_>, path: &str) -> Option<Oid> {
        tree.get_path(Path::new(&format!("{}{path}", self.prefix)))
            .ok()
            .filter(|e| e.kind() == Some(git2::ObjectType::Blob))
            .map(|e| e.id())
    }

    fn head_blob(&self, path: &str) -> Result<Option<Oid>, StoreError> {
        Ok(match self.head_commit()? {
            Some(c) => self.blob_in(&c.tree()?, path),
            None => None,
        })
    }

    fn abs(&self, path: &str) -> PathBuf {
        self.dir.join(path)
    }

    /// Write bytes to `path` through a temporary file and a rename.
    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        let tmp = tmp_name(path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        if let Err(e) = self.write_file(&tmp, bytes) {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        fs::rename(&tmp, path).map_err(|e| StoreError::io(path, e))
    }

    /// One step that needs disk space (a file, an object, the index, a
    /// reference). Every write goes through here first, so that tests can
    /// make the n-th and all later writes fail as a full disk does
    /// ([`GitBackend::fail_writes_after`]).
    fn write_step(&self, what: &Path) -> Result<(), StoreError> {
        let n = self.writes.get();
        self.writes.set(n + 1);
        match self.fail_writes_after {
            Some(limit) if n >= limit => Err(StoreError::io(what, disk_full())),
            _ => Ok(()),
        }
    }

    /// Write a file (synced). An injected fault leaves half the bytes
    /// written, as a disk that fills up mid-write does.
    fn write_file(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        if let Err(e) = self.write_step(path) {
            let _ = fs::write(path, &bytes[..bytes.len() / 2]);
            return Err(e);
        }
        write_synced(path, bytes)
    }

    /// Roll the paths of a dead writer's journal back to the committed state.
    fn recover(&self, info: &LockInfo) -> Result<(), StoreError> {
        remove_git_locks(self.repo.path());
        for t in find_tmp_files(&self.dir) {
            let _ = fs::remove_file(&t);
        }
        let head = self.head_commit()?;
        let mut index = self.repo.index()?;
        for p in &info.journal {
            let abs = self.abs(p);
            match self.head_blob(p)? {
                Some(oid) => {
                    let blob = self.repo.find_blob(oid)?;
                    if fs::read(&abs).ok().as_deref() != Some(blob.content()) {
                        self.write_atomic(&abs, blob.content())?;
                    }
                    index.add_path(Path::new(&format!("{}{p}", self.prefix)))?;
                }
                None => {
                    if abs.exists() {
                        fs::remove_file(&abs).map_err(|e| StoreError::io(&abs, e))?;
                    }
                    let _ = index.remove_path(Path::new(&format!("{}{p}", self.prefix)));
                }
            }
            // Re-point the edition's tag if the commit happened but the tag move did not.
            if let (Some(f), Some(c)) = (super::parse_edition_path(p), &head) {
                let tag = super::refs::symbol_slug(&f.symbol)
                    .unwrap_or_else(|_| f.symbol.replace('/', "-"));
                if !self.tag_holds(&tag, std::slice::from_ref(p))? {
                    self.repo.reference(
                        &format!("refs/tags/{tag}"),
                        c.id(),
                        true,
                        "resdiff: recover tag",
                    )?;
                }
            }
        }
        self.write_step(&self.repo.path().join("index"))?;
        index.write()?;
        Ok(())
    }

    /// The writing part of [`Backend::commit`]: objects, temporary files,
    /// the commit (the step that decides), renames, index, tags. Temporary
    /// files are recorded in `temps` before they are written, so a failure
    /// can remove them.
    fn write_commit(
        &mut self,
        files: &[(String, Vec<u8>)],
        message: &str,
        tags: &[String],
        temps: &mut Vec<(PathBuf, PathBuf)>,
    ) -> Result<Oid, StoreError> {
        let objects = self.repo.path().join("objects");
        let head = self.head_commit()?;
        let mut idx = Index::new()?;
        if let Some(c) = &head {
            idx.read_tree(&c.tree()?)?;
        }
        for (p, bytes) in files {
            let full = format!("{}{p}", self.prefix);
            self.write_step(&objects)?;
            let oid = self.repo.blob(bytes)?;
            idx.add(&IndexEntry {
                ctime: IndexTime::new(0, 0),
                mtime: IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: 0o100644,
                uid: 0,
                gid: 0,
                file_size: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
                id: oid,
                flags: u16::try_from(full.len()).unwrap_or(0xfff).min(0xfff),
                flags_extended: 0,
                path: full.into_bytes(),
            })?;
        }
        self.write_step(&objects)?;
        let tree = self.repo.find_tree(idx.write_tree_to(&self.repo)?)?;
        // Temporary files beside their targets.
        for (p, bytes) in files {
            let abs = self.abs(p);
            if let Some(parent) = abs.parent() {
                fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
            }
            let tmp = tmp_name(&abs);
            temps.push((tmp.clone(), abs));
            self.write_file(&tmp, bytes)?;
        }
        let sig = self.sig()?;
        let parents: Vec<&git2::Commit<'_>> = head.iter().collect();
        self.write_step(&objects)?;
        let oid = self
            .repo
            .commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)?;
        for (tmp, abs) in temps.iter() {
            fs::rename(tmp, abs).map_err(|e| StoreError::io(abs, e))?;
        }
        let mut index = self.repo.index()?;
        for (p, _) in files {
            index.add_path(Path::new(&format!("{}{p}", self.prefix)))?;
        }
        self.write_step(&self.repo.path().join("index"))?;
        index.write()?;
        for t in tags {
            self.write_step(&self.repo.path().join("refs/tags").join(t))?;
            self.repo
                .reference(&format!("refs/tags/{t}"), oid, true, "resdiff: edition tag")?;
        }
        Ok(oid)
    }

    /// Put the store in order after a failed write (a full disk, a read-only
    /// folder, …). Before the commit nothing the user sees was touched:
    /// remove the temporary files and report that nothing was stored. After
    /// it, the new state stands: finish the renames, index and tags. If even
    /// that fails, leave the lock with its journal, so that the next writer
    /// (or `resdiff fsck`) finishes once the cause is fixed.
    fn after_failed_write(
        &mut self,
        e: StoreError,
        before: Option<Oid>,
        paths: &[String],
        temps: Vec<(PathBuf, PathBuf)>,
    ) -> Result<String, StoreError> {
        let after = self.head_commit().ok().flatten().map(|c| c.id());
        if after == before {
            for (tmp, _) in &temps {
                let _ = fs::remove_file(tmp);
            }
            return Err(nothing_stored(e));
        }
        let Some(oid) = after else {
            return Err(e);
        };
        for (tmp, abs) in &temps {
            if tmp.exists() {
                let _ = fs::rename(tmp, abs);
            }
        }
        let info = LockInfo {
            pid: None,
            journal: paths.to_vec(),
        };
        match self.recover(&info) {
            Ok(()) => {
                (self.notice)(&format!(
                    "writing the store failed after commit {} was made ({e}); \
                     the working files, index and tags were brought in line with it",
                    short_id(oid)
                ));
                Ok(oid.to_string())
            }
            Err(e2) => {
                let lock_path = self.dir.join(LOCK_FILE);
                if let Some(l) = self.lock.take() {
                    l.leave();
                }
                Err(StoreError::Other(format!(
                    "{e}; commit {} was made, but the working files could not be brought \
                     in line with it ({e2}). The lock {} was left in place: once there is \
                     space again (or the store is writable), run resdiff fsck to finish",
                    short_id(oid),
                    lock_path.display()
                )))
            }
        }
    }

    /// Whether the tag exists and its commit holds each path as HEAD does.
    fn tag_holds(&self, tag: &str, paths: &[String]) -> Result<bool, StoreError> {
        let Ok(r) = self.repo.find_reference(&format!("refs/tags/{tag}")) else {
            return Ok(false);
        };
        let tree = r.peel_to_commit()?.tree()?;
        for p in paths {
            if self.blob_in(&tree, p) != self.head_blob(p)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

impl Backend for GitBackend {
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match self.head_blob(path)? {
            Some(oid) => Ok(Some(self.repo.find_blob(oid)?.content().to_vec())),
            None => Ok(None),
        }
    }

    fn list(&self) -> Result<Vec<String>, StoreError> {
        let Some(c) = self.head_commit()? else {
            return Ok(Vec::new());
        };
        let root = c.tree()?;
        let tree = if self.prefix.is_empty() {
            root
        } else {
            match root.get_path(Path::new(self.prefix.trim_end_matches('/'))) {
                Ok(e) => self.repo.find_tree(e.id())?,
                Err(_) => return Ok(Vec::new()),
            }
        };
        let mut out = Vec::new();
        tree.walk(git2::TreeWalkMode::PreOrder, |dir, entry| {
            if entry.kind() == Some(git2::ObjectType::Blob) {
                if let Some(name) = entry.name() {
                    out.push(format!("{dir}{name}"));
                }
            }
            git2::TreeWalkResult::Ok
        })?;
        out.sort();
        Ok(out)
    }

    fn read_work(&self, path: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let p = self.abs(path);
        match fs::read(&p) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::io(&p, e)),
        }
    }

    fn begin(&mut self, paths: &[String]) -> Result<(), StoreError> {
        if self.lock.is_some() {
            return Ok(());
        }
        let mut l = {
            let this = &*self;
            lock::lock(&this.dir, this.lock_wait, &*this.notice, &mut |info| {
                this.recover(info)
            })?
        };
        self.write_step(&self.dir.join(LOCK_FILE))
            .and_then(|()| l.journal(paths))
            .map_err(nothing_stored)?;
        self.lock = Some(l);
        Ok(())
    }

    fn end(&mut self) {
        self.lock = None;
    }

    fn commit(
        &mut self,
        files: &[(String, Vec<u8>)],
        message: &str,
        tags: &[String],
    ) -> Result<String, StoreError> {
        let paths: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
        self.write_step(&self.dir.join(LOCK_FILE))
            .map_err(nothing_stored)?;
        match self.lock.as_mut() {
            Some(l) => l.journal(&paths).map_err(nothing_stored)?,
            None => {
                return Err(StoreError::Other(
                    "internal: a commit without the store lock".into(),
                ))
            }
        }
        // Refuse to overwrite edits the user has not committed.
        for (p, bytes) in files {
            let work = self.read_work(p)?;
            if work != self.read(p)? && work.as_deref() != Some(&bytes[..]) {
                return Err(StoreError::Conflict(format!(
                    "{}: has changes that are not committed; commit or discard them first (git -C {} status)",
                    self.abs(p).display(),
                    self.workdir.display()
                )));
            }
        }
        let before = self.head_commit()?.map(|c| c.id());
        let mut temps = Vec::new();
        match self.write_commit(files, message, tags, &mut temps) {
            Ok(oid) => Ok(oid.to_string()),
            Err(e) => self.after_failed_write(e, before, &paths, temps),
        }
    }

    fn revisions(&self, path: &str) -> Result<Vec<Revision>, StoreError> {
        if self.head_commit()?.is_none() {
            return Ok(Vec::new());
        }
        let mut walk = self.repo.revwalk()?;
        walk.push_head()?;
        walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)?;
        let mut out = Vec::new();
        for oid in walk {
            let c = self.repo.find_commit(oid?)?;
            let Some(cur) = self.blob_in(&c.tree()?, path) else {
                continue;
            };
            let before = match c.parents().next() {
                Some(p) => self.blob_in(&p.tree()?, path),
                None => None,
            };
            if before != Some(cur) {
                out.push(Revision {
                    commit: c.id().to_string(),
                    summary: c.summary().unwrap_or("").to_string(),
                    time: c.time().seconds(),
                    bytes: self.repo.find_blob(cur)?.content().to_vec(),
                });
            }
        }
        Ok(out)
    }

    fn display_path(&self, path: &str) -> String {
        self.abs(path).display().to_string()
    }

    fn check(&self, edition_tags: &[(String, Vec<String>)]) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        for t in find_tmp_files(&self.dir) {
            problems.push(format!("{}: a half-written temporary file", t.display()));
        }
        let mut opts = git2::StatusOptions::new();
        opts.include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false);
        if !self.prefix.is_empty() {
            opts.pathspec(&self.prefix);
        }
        for s in self.repo.statuses(Some(&mut opts))?.iter() {
            let Some(p) = s.path() else { continue };
            let rel = p.strip_prefix(&self.prefix).unwrap_or(p);
            if rel == LOCK_FILE || s.status().is_ignored() {
                continue;
            }
            // A draft's working file is meant to hold unsaved edits.
            if rel.starts_with(&format!("{DRAFTS_DIR}/")) && s.status() == git2::Status::WT_MODIFIED
            {
                continue;
            }
            let advice = if s
                .status()
                .intersects(git2::Status::WT_MODIFIED | git2::Status::WT_DELETED)
            {
                format!(
                    "; if the change is not yours the file may be damaged: see it with \
                     git -C {wd} diff -- {p}, restore the committed copy with \
                     git -C {wd} checkout -- {p}",
                    wd = self.workdir.display()
                )
            } else {
                String::new()
            };
            problems.push(format!("{p}: not committed ({:?}){advice}", s.status()));
        }
        for (tag, paths) in edition_tags {
            if self
                .repo
                .find_reference(&format!("refs/tags/{tag}"))
                .is_err()
            {
                problems.push(format!(
                    "tag {tag} is missing (a clone made without tags? `git fetch --tags` brings it back)"
                ));
            } else if !self.tag_holds(tag, paths)? {
                problems.push(format!(
                    "tag {tag} does not point at a commit holding {}",
                    paths.join(", ")
                ));
            }
        }
        Ok(problems)
    }
}

/// A write failed before anything the user sees changed: say so, and what to do.
fn nothing_stored(e: StoreError) -> StoreError {
    StoreError::Other(format!(
        "{e}; nothing was stored and the store is as it was: free some disk space \
         (or make the store writable) and run the command again"
    ))
}

/// The error a full disk gives.
fn disk_full() -> std::io::Error {
    #[cfg(unix)]
    {
        std::io::Error::from_raw_os_error(libc::ENOSPC)
    }
    #[cfg(not(unix))]
    {
        std::io::Error::other("no space left on device")
    }
}

/// A commit id as shown in messages.
fn short_id(oid: Oid) -> String {
    oid.to_string()[..10].to_string()
}

fn tmp_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}{TMP_MARK}{}", std::process::id()))
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    use std::io::Write;
    let mut f = fs::File::create(path).map_err(|e| StoreError::io(path, e))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .map_err(|e| StoreError::io(path, e))
}

/// Temporary files left in the store folder (two levels: series and drafts folders).
fn find_tmp_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), 0)];
    while let Some((d, depth)) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() && depth < 2 && name != ".git" {
                stack.push((p, depth + 1));
            } else if name.starts_with('.') && name.contains(TMP_MARK) {
                out.push(p);
            }
        }
    }
    out
}

/// Remove git's own lock files a killed writer may have left (index, HEAD,
/// branch, tag and reflog locks); the store lock guarantees no resdiff
/// writer is running.
fn remove_git_locks(gitdir: &Path) {
    let mut stack = vec![gitdir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                if name != "objects" {
                    stack.push(p);
                }
            } else if name.ends_with(".lock") {
                let _ = fs::remove_file(&p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edition, Language, SourceFormat, Unit, UnitId};
    use crate::store::{ImportOptions, ImportOutcome, Store};

    fn sig() -> Option<SignatureSpec> {
        Some(SignatureSpec {
            name: "Test".into(),
            email: "test@example.org".into(),
            time: Some((1_700_000_000, 0)),
        })
    }

    #[test]
    fn a_store_not_named_versions_is_its_own_repository() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("mystore");
        let (b, created) = GitBackend::init(&dir, sig()).unwrap();
        let dir = dir.canonicalize().unwrap();
        assert_eq!(created.as_deref(), Some(dir.as_path()));
        assert!(dir.join(".git").is_dir());
        assert!(
            !tmp.path().join(".git").exists(),
            "no repository around the store"
        );
        let mut s = Store::new(b);
        let mut e = Edition::new("t", SourceFormat::Text, Language::En);
        e.facts.symbol = Some("A/RES/1/1".into());
        e.units
            .push(Unit::new(UnitId::pp(1), "Recalling (synthetic),"));
        let out = s.import(&e, &ImportOptions::default()).unwrap();
        assert!(matches!(out, ImportOutcome::Added { .. }), "{out:?}");
        assert!(s.fsck().unwrap().problems.is_empty());
        // Found from inside it, and opened again.
        fs::create_dir_all(dir.join("notes")).unwrap();
        let found = GitBackend::discover(&dir.join("notes")).unwrap();
        assert_eq!(found.canonicalize().unwrap(), dir);
        assert!(GitBackend::open(&found).is_ok());
    }

    #[test]
    fn init_import_fsck_and_recover() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("versions");
        let (b, created) = GitBackend::init(&dir, sig()).unwrap();
        assert_eq!(
            created.as_deref(),
            Some(tmp.path().canonicalize().unwrap().as_path())
        );
        let mut s = Store::new(b);
        let mut e = Edition::new("t", SourceFormat::Text, Language::En);
        e.facts.symbol = Some("A/RES/1/1".into());
        e.units
            .push(Unit::new(UnitId::pp(1), "Recalling (synthetic),"));
        let o = ImportOptions {
            series: Some("demo".into()),
            ..Default::default()
        };
        let out = s.import(&e, &o).unwrap();
        assert!(matches!(out, ImportOutcome::Added { .. }), "{out:?}");
        assert!(dir.join("demo/A-RES-1-1.en.txt").is_file());
        let rep = s.fsck().unwrap();
        assert!(rep.problems.is_empty(), "{:?}", rep.problems);
        // Simulate a writer killed after writing a temporary file and the file itself.
        fs::write(dir.join("demo/A-RES-1-1.en.txt"), "garbage").unwrap();
        fs::write(dir.join("demo/.A-RES-1-1.en.txt.tmp-1"), "x").unwrap();
        fs::write(dir.join(LOCK_FILE), "999999999\ndemo/A-RES-1-1.en.txt\n").unwrap();
        assert!(!s.fsck().unwrap().problems.is_empty());
        s.backend.begin(&[]).unwrap();
        s.backend.end();
        let rep = s.fsck().unwrap();
        assert!(rep.problems.is_empty(), "{:?}", rep.problems);
        assert!(fs::read_to_string(dir.join("demo/A-RES-1-1.en.txt"))
            .unwrap()
            .contains("Recalling"));
    }
}
