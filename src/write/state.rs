//! The record a completed build leaves in its folder, so that a rebuild with the
//! same inputs into an untouched folder can stop before loading anything.
//!
//! The record holds the build's input key (made by the caller: program, audience,
//! data) and a digest of the site it wrote (every path and every file's bytes).
//! The check reads the folder again and compares digests, so a file edited,
//! removed or added by hand is always seen, whatever its timestamps; and the
//! record names only contents, so a fresh build and an incremental one of the same
//! inputs leave the same bytes (`diff -r`). A build that starts removes the record
//! first; it is written again after the switch.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use rayon::prelude::*;

use super::journal::remove_any;
use super::layout::{self, Folder, JOURNAL, JOURNAL_TMP, STAGING, STATE, STATE_TMP};
use super::legacy;
use super::lock::FolderLock;
use super::scan::{Kind, OldSite};
use super::site_writer::WriteStats;
use crate::error::{Error, Result};

const HEADER: &str = "parkscore build state 1";

/// What the caller tells the writer about the build it commits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// Names everything the output depends on (the caller decides what that is).
    pub key: String,
    /// The evaluated years, for the summary of a build that stops early.
    pub years: Vec<i32>,
}

/// A folder that already holds the site of these inputs, untouched since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpToDate {
    pub stats: WriteStats,
    pub years: Vec<i32>,
}

/// Whether `out` holds, untouched, the site a build with `key` made. Any doubt
/// (no record, another key, an interrupted build, a changed entry) says no.
pub fn up_to_date(out: &Path, key: &str) -> Result<Option<UpToDate>> {
    if !matches!(layout::inspect(out), Ok(Folder::Output)) || legacy::has_leftovers(out) {
        return Ok(None);
    }
    let busy = [JOURNAL, JOURNAL_TMP, STAGING];
    if busy
        .iter()
        .any(|n| fs::symlink_metadata(out.join(n)).is_ok())
    {
        return Ok(None);
    }
    let Ok(text) = fs::read_to_string(out.join(STATE)) else {
        return Ok(None);
    };
    let Some((inputs, entries)) = parse(&text) else {
        return Ok(None);
    };
    if inputs.key != key {
        return Ok(None);
    }
    let _lock = FolderLock::take(out)?;
    let Some(now) = snapshot(out)? else {
        return Ok(None);
    };
    if now.line != entries {
        return Ok(None);
    }
    Ok(Some(UpToDate {
        stats: WriteStats {
            files: now.files,
            bytes: now.bytes,
            written: 0,
            unchanged: now.files,
            removed: 0,
        },
        years: inputs.years,
    }))
}

/// Removes the record (a build is about to change the folder).
pub(super) fn forget(out: &Path) -> Result<()> {
    remove_any(&out.join(STATE))?;
    remove_any(&out.join(STATE_TMP))
}

/// Records `inputs` and the site the build put (called holding the lock, after
/// the switch, when the folder holds exactly those files).
pub(super) fn record(out: &Path, inputs: &Inputs, files: Vec<(String, FileDigest)>) -> Result<()> {
    let now = put_site(files);
    let years: Vec<String> = inputs.years.iter().map(|y| y.to_string()).collect();
    let text = format!(
        "{HEADER}\nkey {}\nyears {}\n{}",
        inputs.key,
        years.join(" "),
        now.line
    );
    let tmp = out.join(STATE_TMP);
    fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
    let path = out.join(STATE);
    fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
}

fn parse(text: &str) -> Option<(Inputs, &str)> {
    let rest = text.strip_prefix(HEADER)?.strip_prefix('\n')?;
    let (key, rest) = rest.strip_prefix("key ")?.split_once('\n')?;
    let (years, entries) = rest.strip_prefix("years ")?.split_once('\n')?;
    let years = years
        .split_whitespace()
        .map(|y| y.parse().ok())
        .collect::<Option<Vec<i32>>>()?;
    let inputs = Inputs {
        key: key.to_string(),
        years,
    };
    Some((inputs, entries))
}

/// A file's length and the BLAKE3 of its bytes.
pub type FileDigest = (u64, blake3::Hash);

/// The site's entries and contents as one digest, with its file count and bytes.
struct Snapshot {
    line: String,
    files: usize,
    bytes: u64,
}

/// Reads every file of the site (in parallel) and digests it. None when the folder
/// holds something a record cannot vouch for (a link, an odd name).
fn snapshot(out: &Path) -> Result<Option<Snapshot>> {
    let site = OldSite::scan(out)?;
    let entries: Vec<(&str, Kind)> = site.entries().collect();
    if !site.odd.is_empty() || entries.iter().any(|(_, k)| *k == Kind::Other) {
        return Ok(None);
    }
    let files = entries
        .par_iter()
        .filter(|(_, kind)| *kind == Kind::File)
        .map(|(rel, _)| {
            let path = out.join(rel);
            let bytes = fs::read(&path).map_err(|e| Error::io(&path, e))?;
            Ok((rel.to_string(), (bytes.len() as u64, blake3::hash(&bytes))))
        })
        .collect::<Result<BTreeMap<String, FileDigest>>>()?;
    let dirs = entries
        .iter()
        .filter(|(_, kind)| *kind == Kind::Dir)
        .map(|(rel, _)| rel.to_string())
        .collect();
    Ok(Some(digest(&files, &dirs)))
}

/// The site a build put: its files, and as folders every parent of one (the
/// writer leaves no other folder).
fn put_site(files: Vec<(String, FileDigest)>) -> Snapshot {
    let files: BTreeMap<String, FileDigest> = files.into_iter().collect();
    let mut dirs = BTreeSet::new();
    for rel in files.keys() {
        let mut at = rel.as_str();
        while let Some((parent, _)) = at.rsplit_once('/') {
            if !dirs.insert(parent.to_string()) {
                break;
            }
            at = parent;
        }
    }
    digest(&files, &dirs)
}

/// Every path with its kind, and for files their digest, in path order.
fn digest(files: &BTreeMap<String, FileDigest>, dirs: &BTreeSet<String>) -> Snapshot {
    let mut entries: BTreeMap<&str, Option<&FileDigest>> = files
        .iter()
        .map(|(rel, d)| (rel.as_str(), Some(d)))
        .collect();
    entries.extend(dirs.iter().map(|rel| (rel.as_str(), None)));
    let mut h = blake3::Hasher::new();
    for (rel, file) in entries {
        h.update(rel.as_bytes());
        match file {
            Some((len, d)) => {
                h.update(b"\0f");
                h.update(&len.to_le_bytes());
                h.update(d.as_bytes());
            }
            None => {
                h.update(b"\0d");
            }
        }
    }
    let bytes = files.values().map(|(len, _)| len).sum();
    let line = format!("site {} {bytes} {}\n", files.len(), h.finalize().to_hex());
    Snapshot {
        line,
        files: files.len(),
        bytes,
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::{forget, parse, record, up_to_date, Inputs, STATE};
    use crate::write::{Sink, SiteWriter};

    fn inputs(key: &str) -> Inputs {
        Inputs {
            key: key.into(),
            years: vec![2022, 2023],
        }
    }

    fn build(out: &std::path::Path, key: &str, files: &[(&str, &str)]) {
        let mut w = SiteWriter::open(out).unwrap();
        for (rel, text) in files {
            w.put(rel, text.as_bytes().to_vec()).unwrap();
        }
        w.remember(inputs(key));
        w.commit().unwrap();
    }

    #[test]
    fn the_record_round_trips() {
        let text = "parkscore build state 1\nkey abc\nyears 2022 2023\nsite 1 2 ab\n";
        let (got, entries) = parse(text).unwrap();
        assert_eq!(got, inputs("abc"));
        assert_eq!(entries, "site 1 2 ab\n");
        assert!(parse("parkscore build state 2\nkey abc\nyears\n").is_none());
        assert!(parse("parkscore build state 1\nkey abc\nyears 20x2\n").is_none());
    }

    #[test]
    fn only_the_same_inputs_over_an_untouched_folder_are_up_to_date() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        assert_eq!(up_to_date(&out, "k1").unwrap(), None, "no folder yet");
        build(&out, "k1", &[("index.html", "home"), ("a/b.html", "b")]);
        let done = up_to_date(&out, "k1").unwrap().expect("up to date");
        assert_eq!((done.stats.files, done.stats.bytes), (2, 5));
        assert_eq!((done.stats.written, done.stats.unchanged), (0, 2));
        assert_eq!(done.years, vec![2022, 2023]);
        assert_eq!(up_to_date(&out, "k2").unwrap(), None, "other inputs");

        // The same bytes written again are the same site; other bytes are not.
        fs::write(out.join("a/b.html"), "b").unwrap();
        assert!(up_to_date(&out, "k1").unwrap().is_some(), "same bytes");
        fs::write(out.join("a/b.html"), "c").unwrap();
        assert_eq!(up_to_date(&out, "k1").unwrap(), None, "edited by hand");
        build(&out, "k1", &[("index.html", "home"), ("a/b.html", "b")]);
        assert!(up_to_date(&out, "k1").unwrap().is_some());
        fs::write(out.join("extra.html"), "x").unwrap();
        assert_eq!(up_to_date(&out, "k1").unwrap(), None, "an added file");
        build(&out, "k1", &[("index.html", "home"), ("a/b.html", "b")]);
        fs::create_dir(out.join("c")).unwrap();
        assert_eq!(up_to_date(&out, "k1").unwrap(), None, "an added folder");
    }

    #[test]
    fn opening_a_build_forgets_the_record() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        build(&out, "k1", &[("index.html", "home")]);
        assert!(out.join(STATE).is_file());
        let w = SiteWriter::open(&out).unwrap();
        assert!(!out.join(STATE).exists(), "a started build removes it");
        drop(w);
        assert_eq!(up_to_date(&out, "k1").unwrap(), None);
        // Without `remember`, a commit leaves no record.
        let w = SiteWriter::open(&out).unwrap();
        w.commit().unwrap();
        assert!(!out.join(STATE).exists());
        forget(&out).unwrap();
        // That commit put nothing, so the site is empty now.
        record(&out, &inputs("k3"), Vec::new()).unwrap();
        assert!(up_to_date(&out, "k3").unwrap().is_some());
        let other = ("index.html".to_string(), (4, blake3::hash(b"home")));
        record(&out, &inputs("k3"), vec![other]).unwrap();
        assert_eq!(up_to_date(&out, "k3").unwrap(), None, "not what is on disk");
    }
}
