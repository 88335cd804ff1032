//! The data folder as bytes: read from disk, from the binary's embedded sample, or
//! from any other source (a git revision) — validation does not care which.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::error::{Error, Problem, Result};

use super::roster::{is_roster_path, MAX_ROSTER_BYTES};
use super::yaml::MAX_FILE_BYTES;

static EMBEDDED_DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data");

/// Files of a data folder keyed by their path relative to it, with `/` separators.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceFiles {
    pub files: BTreeMap<String, Vec<u8>>,
    /// Files refused before parsing (too large, a symbolic link, not a regular file).
    pub refused: Vec<Problem>,
    /// Roster files on disk, read only while the loader parses them (a national
    /// roll-up has hundreds of MB of rosters; they need not all be in memory at once).
    pub rosters_on_disk: BTreeMap<String, PathBuf>,
}

impl SourceFiles {
    /// Reads the data files under `dir` (site.yaml, methodology/, parks/, pages/).
    pub fn read_dir(dir: &Path) -> Result<SourceFiles> {
        if !dir.is_dir() {
            return Err(Error::DataFolderMissing(dir.to_path_buf()));
        }
        let mut out = SourceFiles::default();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name().max_depth(3) {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(dir).to_path_buf();
                Error::io(
                    path,
                    e.into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("walk failed")),
                )
            })?;
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("walkdir yields paths under its root")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            if let Some(problem) = unusual_entry(&rel, entry.file_type()) {
                out.refused.push(problem);
                continue;
            }
            if !entry.file_type().is_file() || !is_data_file(&rel) {
                continue;
            }
            let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
            if is_roster_path(&rel) {
                if len > MAX_ROSTER_BYTES as u64 {
                    out.refused.push(too_large(&rel, len, MAX_ROSTER_BYTES));
                } else {
                    out.rosters_on_disk.insert(rel, entry.path().to_path_buf());
                }
                continue;
            }
            if len > MAX_FILE_BYTES as u64 {
                out.refused.push(too_large(&rel, len, MAX_FILE_BYTES));
                continue;
            }
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            out.files.insert(rel, bytes);
        }
        Ok(out)
    }

    /// The sample city compiled into the binary (used when `./data` does not exist).
    pub fn embedded() -> SourceFiles {
        let mut out = SourceFiles::default();
        collect_embedded(&EMBEDDED_DATA, &mut out);
        out
    }

    /// Whether a path relative to the data folder (`/` separators) is one of its data
    /// files: what a watcher needs to tell an edit from an editor's temporary file.
    pub fn is_data_path(rel: &str) -> bool {
        is_data_file(rel)
    }

    /// Whether `rel` may be an image of the site's look (a logo): PNG, JPEG, GIF
    /// or WebP at the top of the data folder or under `assets/`.
    pub fn is_image_path(rel: &str) -> bool {
        let lower = rel.to_ascii_lowercase();
        let image = [".png", ".jpg", ".jpeg", ".gif", ".webp"]
            .iter()
            .any(|e| lower.ends_with(e));
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let place = match rel.split_once('/') {
            None => true,
            Some(("assets", rest)) => !rest.contains('/'),
            _ => false,
        };
        image && place && !name.starts_with('.')
    }

    /// Adds one file, applying the same size limit as reading from disk.
    pub fn insert(&mut self, rel: String, bytes: Vec<u8>) {
        if !is_data_file(&rel) {
            return;
        }
        let limit = if is_roster_path(&rel) {
            MAX_ROSTER_BYTES
        } else {
            MAX_FILE_BYTES
        };
        if bytes.len() > limit {
            self.refused
                .push(too_large(&rel, bytes.len() as u64, limit));
        } else {
            self.files.insert(rel, bytes);
        }
    }
}

fn collect_embedded(dir: &Dir<'static>, out: &mut SourceFiles) {
    for f in dir.files() {
        let rel = f.path().to_string_lossy().replace('\\', "/");
        out.insert(rel, f.contents().to_vec());
    }
    for d in dir.dirs() {
        collect_embedded(d, out);
    }
}

/// A data file or folder that is a symbolic link or not what it should be: never
/// skipped silently (a park that vanished that way once vanished from the site),
/// never followed (the data evaluated is the data in the folder, and in git).
fn unusual_entry(rel: &str, kind: std::fs::FileType) -> Option<Problem> {
    // The rosters' folders: a link there is refused too (a stray file is not).
    let roster_folder = rel == "enterprises"
        || rel
            .strip_prefix("enterprises/")
            .is_some_and(|d| !d.contains('/') && !d.starts_with('.'));
    if roster_folder && kind.is_symlink() {
        return Some(Problem::new(
            rel,
            "",
            "not a folder (got a symbolic link; expected a folder inside the data folder: links are not followed, so copy the files in)",
        ));
    }
    let folder = matches!(rel, "parks" | "methodology" | "pages");
    if !folder && !is_data_file(rel) {
        return None;
    }
    let expected = if folder { "a folder" } else { "a regular file" };
    let got = if kind.is_symlink() {
        "a symbolic link"
    } else if folder && kind.is_dir() || !folder && kind.is_file() {
        return None;
    } else if kind.is_dir() {
        "a folder"
    } else {
        "a special file (a pipe, socket or device)"
    };
    Some(Problem::new(
        rel,
        "",
        format!("not {expected} (got {got}; expected {expected} inside the data folder: links are not followed, so copy the file in)"),
    ))
}

pub(super) fn too_large(rel: &str, len: u64, limit: usize) -> Problem {
    Problem::new(
        rel,
        "",
        format!("file too large (got {len} bytes; expected at most {limit})"),
    )
}

impl SourceFiles {
    /// Every roster path (in memory or on disk), sorted.
    pub fn roster_paths(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = self
            .files
            .keys()
            .map(String::as_str)
            .filter(|k| is_roster_path(k))
            .chain(self.rosters_on_disk.keys().map(String::as_str))
            .collect();
        paths.sort_unstable();
        paths.dedup();
        paths
    }

    /// The same files with every roster read into memory (to compare folders).
    pub fn with_rosters_read(mut self) -> Result<SourceFiles> {
        for (rel, path) in std::mem::take(&mut self.rosters_on_disk) {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            self.files.insert(rel, bytes);
        }
        Ok(self)
    }

    /// The bytes of a roster, read from disk if it was left there.
    pub fn roster_bytes(&self, rel: &str) -> Result<Cow<'_, [u8]>, Problem> {
        if let Some(bytes) = self.files.get(rel) {
            return Ok(Cow::Borrowed(bytes));
        }
        let path = self.rosters_on_disk.get(rel).ok_or_else(|| {
            Problem::new(rel, "", "not in the data folder (expected a roster file)")
        })?;
        let bytes = std::fs::read(path)
            .map_err(|e| Problem::new(rel, "", format!("cannot be read ({e})")))?;
        if bytes.len() > MAX_ROSTER_BYTES {
            return Err(too_large(rel, bytes.len() as u64, MAX_ROSTER_BYTES));
        }
        Ok(Cow::Owned(bytes))
    }
}

/// Only the files the data contract defines; editors' backups and stray files are ignored.
fn is_data_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if name.starts_with('.') {
        return false;
    }
    let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    match rel.split_once('/') {
        None => rel == "site.yaml" || rel == "site.yml" || SourceFiles::is_image_path(rel),
        Some(("methodology", _)) | Some(("parks", _)) => yaml,
        Some(("pages", _)) => name.ends_with(".md"),
        Some(("enterprises", _)) => is_roster_path(rel),
        _ => SourceFiles::is_image_path(rel),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_only_contract_files() {
        assert!(is_data_file("site.yaml"));
        assert!(is_data_file("parks/a.yaml"));
        assert!(is_data_file("parks/a.yml"));
        assert!(is_data_file("methodology/2023.yaml"));
        assert!(is_data_file("pages/about.md"));
        assert!(!is_data_file("parks/.a.yaml.swp"));
        assert!(!is_data_file("parks/a.yaml~"));
        assert!(!is_data_file("README.md"));
        assert!(is_data_file("enterprises/a/2023.csv"));
        assert!(!is_data_file("enterprises/a/.~lock.2023.csv#"));
        assert!(!is_data_file("enterprises/2023.csv"));
    }

    #[test]
    fn the_sample_city_is_embedded() {
        let s = SourceFiles::embedded();
        assert!(s.files.contains_key("site.yaml"));
        assert!(s.files.keys().any(|k| k.starts_with("parks/")));
        assert!(s.files.contains_key("pages/about.en.md"));
        assert!(s.files.contains_key("pages/methodology.en.md"));
    }

    #[test]
    fn the_embedded_sample_is_the_data_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let disk = SourceFiles::read_dir(&dir)
            .unwrap()
            .with_rosters_read()
            .unwrap()
            .files;
        let embedded = SourceFiles::embedded().files;
        let differ: Vec<&String> = disk
            .keys()
            .chain(embedded.keys())
            .filter(|k| disk.get(*k) != embedded.get(*k))
            .collect();
        assert!(
            differ.is_empty(),
            "the binary embeds a stale copy of data/ (build.rs asks cargo to rebuild when data/ changes): {differ:?}"
        );
    }
}
