//! What the output folder holds before a build: every entry's path and kind,
//! read once under the lock, without following any link.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::layout::is_reserved;
use crate::error::{Error, Result};

/// The kind of an entry, as `lstat` sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    /// A real folder (not a link to one).
    Dir,
    /// A symbolic link, FIFO, socket or device: replaced, never read or written through.
    Other,
}

/// The old site: relative `/` paths → kinds, parkscore's own files left out.
#[derive(Debug, Default)]
pub struct OldSite {
    entries: BTreeMap<String, Kind>,
    /// Entries whose names no build can produce (not UTF-8, control characters):
    /// removed before the switch, since a journal line cannot name them.
    pub odd: Vec<PathBuf>,
}

impl OldSite {
    /// Walks `out` (a folder parkscore owns).
    pub fn scan(out: &Path) -> Result<OldSite> {
        let mut site = OldSite::default();
        let walk = walkdir::WalkDir::new(out)
            .follow_links(false)
            .min_depth(1)
            .into_iter()
            .filter_entry(|e| e.depth() != 1 || !e.file_name().to_str().is_some_and(is_reserved));
        let mut skip: Option<PathBuf> = None;
        for entry in walk {
            let entry = entry.map_err(|e| walk_error(out, e))?;
            if skip.as_ref().is_some_and(|s| entry.path().starts_with(s)) {
                continue;
            }
            let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
            let Some(rel) = plain(rel) else {
                site.odd.push(entry.path().to_path_buf());
                skip = Some(entry.path().to_path_buf());
                continue;
            };
            let t = entry.file_type();
            let kind = if t.is_dir() {
                Kind::Dir
            } else if t.is_file() {
                Kind::File
            } else {
                Kind::Other
            };
            site.entries.insert(rel, kind);
        }
        Ok(site)
    }

    pub fn kind(&self, rel: &str) -> Option<Kind> {
        self.entries.get(rel).copied()
    }

    /// Whether `rel` is a real folder in the old site; `""` is the root, always one.
    pub fn is_dir(&self, rel: &str) -> bool {
        rel.is_empty() || self.kind(rel) == Some(Kind::Dir)
    }

    /// Every entry, sorted by path.
    pub fn entries(&self) -> impl Iterator<Item = (&str, Kind)> {
        self.entries.iter().map(|(p, k)| (p.as_str(), *k))
    }
}

/// `a/b/c` from a relative path, if every segment is UTF-8 without control characters.
fn plain(rel: &Path) -> Option<String> {
    let mut out = String::new();
    for part in rel.components() {
        let s = part.as_os_str().to_str()?;
        if s.chars().any(char::is_control) {
            return None;
        }
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(s);
    }
    Some(out)
}

fn walk_error(out: &Path, e: walkdir::Error) -> Error {
    let path = e.path().unwrap_or(out).to_path_buf();
    match e.into_io_error() {
        Some(io) => Error::io(path, io),
        None => Error::io(path, std::io::Error::other("file system loop")),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::{Kind, OldSite};

    #[test]
    fn records_kinds_and_leaves_out_bookkeeping() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        fs::create_dir_all(out.join("2023/parks")).unwrap();
        fs::write(out.join("2023/parks/a.html"), "a").unwrap();
        fs::write(out.join("index.html"), "i").unwrap();
        fs::write(out.join(".parkscore-output"), "m").unwrap();
        fs::create_dir_all(out.join(".parkscore-tmp/f")).unwrap();
        fs::write(out.join(".parkscore-tmp/f/1"), "t").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc", out.join("2023/etc")).unwrap();
        let site = OldSite::scan(out).unwrap();
        let got: Vec<_> = site.entries().collect();
        let mut want = vec![
            ("2023", Kind::Dir),
            ("2023/parks", Kind::Dir),
            ("2023/parks/a.html", Kind::File),
            ("index.html", Kind::File),
        ];
        #[cfg(unix)]
        want.insert(1, ("2023/etc", Kind::Other));
        assert_eq!(got, want);
        assert!(site.is_dir("") && site.is_dir("2023") && !site.is_dir("2023/etc"));
    }

    #[cfg(unix)]
    #[test]
    fn names_no_build_can_produce_are_set_aside() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let odd = dir.path().join(std::ffi::OsStr::from_bytes(b"bad\xff"));
        fs::create_dir(&odd).unwrap();
        fs::write(odd.join("x"), "x").unwrap();
        fs::write(dir.path().join("tab\there"), "x").unwrap();
        let site = OldSite::scan(dir.path()).unwrap();
        assert_eq!(site.entries().count(), 0);
        assert_eq!(site.odd.len(), 2, "the folder once, not its contents");
    }
}
