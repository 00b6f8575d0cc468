//! An in-memory [`Backend`] for unit tests: committed files, a working copy,
//! commits and tags in maps, no locking (one owner).

use std::collections::BTreeMap;

use super::{Backend, Revision, StoreError};

/// Everything in memory.
#[derive(Debug, Clone, Default)]
pub struct MemoryBackend {
    /// Committed files.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Working copy; falls back to the committed file when absent.
    pub work: BTreeMap<String, Vec<u8>>,
    /// Commits, oldest first: (message, snapshot of `files`).
    pub commits: Vec<(String, BTreeMap<String, Vec<u8>>)>,
    /// Tag → index into `commits`.
    pub tags: BTreeMap<String, usize>,
}

impl Backend for MemoryBackend {
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.files.get(path).cloned())
    }

    fn list(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.files.keys().cloned().collect())
    }

    fn read_work(&self, path: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self
            .work
            .get(path)
            .or_else(|| self.files.get(path))
            .cloned())
    }

    fn begin(&mut self, _paths: &[String]) -> Result<(), StoreError> {
        Ok(())
    }

    fn end(&mut self) {}

    fn commit(
        &mut self,
        files: &[(String, Vec<u8>)],
        message: &str,
        tags: &[String],
    ) -> Result<String, StoreError> {
        for (p, b) in files {
            self.files.insert(p.clone(), b.clone());
            self.work.remove(p);
        }
        self.commits.push((message.to_string(), self.files.clone()));
        let n = self.commits.len() - 1;
        for t in tags {
            self.tags.insert(t.clone(), n);
        }
        Ok(format!("mem{n}"))
    }

    fn revisions(&self, path: &str) -> Result<Vec<Revision>, StoreError> {
        let mut out: Vec<Revision> = Vec::new();
        let mut last: Option<&Vec<u8>> = None;
        for (i, (msg, snap)) in self.commits.iter().enumerate() {
            let cur = snap.get(path);
            if cur.is_some() && cur != last {
                out.push(Revision {
                    commit: format!("mem{i}"),
                    summary: msg.lines().next().unwrap_or("").to_string(),
                    time: i as i64,
                    bytes: cur.cloned().unwrap_or_default(),
                });
            }
            last = cur;
        }
        out.reverse();
        Ok(out)
    }

    fn check(&self, edition_tags: &[(String, Vec<String>)]) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        for (tag, paths) in edition_tags {
            let Some(&n) = self.tags.get(tag) else {
                problems.push(format!("tag {tag} is missing"));
                continue;
            };
            for p in paths {
                if self.commits[n].1.get(p) != self.files.get(p) {
                    problems.push(format!("tag {tag} does not hold the current {p}"));
                }
            }
        }
        Ok(problems)
    }
}
