//! Whole output folders as values: every file with its bytes, every folder and
//! link, parkscore's own dot-files included, so two trees compare exactly.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// One entry of a folder tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    File(Vec<u8>),
    Dir,
    Link(std::path::PathBuf),
}

/// parkscore's record of the last build: a build that starts removes it, so a
/// killed build's folder lacks it while the same site built whole has it; its
/// bytes are compared where it is tested (`write`).
pub const STATE: &str = ".parkscore-state";

/// Every entry under `root` (not `root` itself), by `/`-separated path, except [`STATE`].
pub fn read_all(root: &Path) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(root).min_depth(1).sort_by_file_name() {
        let e = e.unwrap();
        if e.depth() == 1 && e.file_name() == STATE {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let entry = if e.path_is_symlink() {
            Entry::Link(fs::read_link(e.path()).unwrap())
        } else if e.file_type().is_dir() {
            Entry::Dir
        } else {
            Entry::File(fs::read(e.path()).unwrap())
        };
        out.insert(rel, entry);
    }
    out
}

/// What a reader of the folder sees: [`read_all`] without parkscore's `.parkscore-*` entries.
pub fn read_site(root: &Path) -> BTreeMap<String, Entry> {
    let mut t = read_all(root);
    t.retain(|rel, _| !rel.starts_with(".parkscore"));
    t
}

/// Paths whose entries differ between two trees (for readable failures).
pub fn differences(a: &BTreeMap<String, Entry>, b: &BTreeMap<String, Entry>) -> Vec<String> {
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| {
            let side = |t: &BTreeMap<String, Entry>| match t.get(k) {
                None => "absent",
                Some(Entry::Dir) => "folder",
                Some(Entry::Link(_)) => "link",
                Some(Entry::File(_)) => "file",
            };
            format!("{k} ({} vs {})", side(a), side(b))
        })
        .collect()
}
