//! The disk writer: an incremental, crash-safe build of one output folder.
//!
//! `open` recovers, locks and reads the old site; `put` hands each file to the
//! writer threads, which leave files with unchanged bytes alone and stage the
//! rest inside the folder; `commit` writes the journal of renames and deletions,
//! performs it and releases the lock. See docs/output.md for the guarantees.

use std::fs;
use std::path::{Path, PathBuf};

use super::journal::{self, Op};
use super::kill;
use super::layout::{self, STAGING};
use super::legacy;
use super::lock::FolderLock;
use super::new_site::NewSite;
use super::pool::{Job, Pool};
use super::recover::recover_locked;
use super::recovery::Recovery;
use super::scan::{Kind, OldSite};
use super::sink::{check_rel, Sink};
use super::state::{self, FileDigest, Inputs};
use super::switch;
use crate::error::{Error, Result};

/// Writer threads: creating files is kernel work, so a few overlap even on two cores.
const THREADS: usize = 4;

/// What a commit did, for the one-line summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files in the new site.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// Files written (new or changed).
    pub written: usize,
    /// Files whose bytes were already on disk (left alone: same inode, same mtime).
    pub unchanged: usize,
    /// Files of the old site no longer produced, removed.
    pub removed: usize,
}

/// Writes one build into an output folder. Dropping it without [`SiteWriter::commit`]
/// leaves the old site and no temporaries.
pub struct SiteWriter {
    out: PathBuf,
    old: OldSite,
    new: NewSite,
    pool: Option<Pool>,
    stats: WriteStats,
    recovery: Recovery,
    lock: Option<FolderLock>,
    /// The folder did not exist before `open`: an abandoned build removes it again.
    created: bool,
    /// The journal is on disk: from here on only a roll-forward may touch the folder.
    switching: bool,
    /// What to record after the switch, so the next build can see nothing changed.
    inputs: Option<Inputs>,
    /// The new site's files as the writer threads saw them, for that record.
    digests: Vec<(String, FileDigest)>,
}

impl SiteWriter {
    /// Recovers an interrupted earlier build, takes the folder's lock, prepares an incremental build into `out`.
    pub fn open(out: &Path) -> Result<SiteWriter> {
        SiteWriter::open_with_threads(out, THREADS)
    }

    /// [`SiteWriter::open`] with a chosen number of writer threads (benchmarks).
    pub fn open_with_threads(out: &Path, threads: usize) -> Result<SiteWriter> {
        let mut recovery = Recovery::default();
        legacy::recover_siblings(out, &mut recovery)?;
        let folder = layout::inspect(out)?;
        let created = layout::claim(out, folder)?;
        let lock = match FolderLock::take(out) {
            Ok(lock) => lock,
            Err(e) => {
                if created {
                    layout::unclaim(out);
                }
                return Err(e);
            }
        };
        let mut w = SiteWriter {
            out: out.to_path_buf(),
            old: OldSite::default(),
            new: NewSite::default(),
            pool: None,
            stats: WriteStats::default(),
            recovery,
            lock: Some(lock),
            created,
            switching: false,
            inputs: None,
            digests: Vec::new(),
        };
        recover_locked(out, &mut w.recovery)?;
        state::forget(out)?;
        layout::refresh_marker(out)?;
        w.old = OldSite::scan(out)?;
        let staging = out.join(STAGING);
        for sub in ["f", "t"] {
            let dir = staging.join(sub);
            fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        w.pool = Some(Pool::start(out, &staging, threads));
        Ok(w)
    }

    /// What `open` found to recover (usually nothing).
    pub fn recovery(&self) -> &Recovery {
        &self.recovery
    }

    /// The inputs of this build, recorded with the new site at commit ([`state::up_to_date`]).
    pub fn remember(&mut self, inputs: Inputs) {
        self.inputs = Some(inputs);
    }

    /// Makes the new site visible: journal, renames, deletions of files not put, marker; releases the lock.
    pub fn commit(mut self) -> Result<WriteStats> {
        let ops = self.write_journal()?;
        if !ops.is_empty() {
            kill::point("journal", 1);
            journal::roll_forward(&self.out, &ops)?;
        }
        journal::clear(&self.out)?;
        if let Some(inputs) = &self.inputs {
            // Only a shortcut for the next build: without the record it runs whole.
            let _ = state::record(&self.out, inputs, std::mem::take(&mut self.digests));
        }
        self.switching = false;
        self.created = false;
        self.lock = None;
        Ok(self.stats)
    }

    /// Waits for the writer threads, plans the switch and makes its journal
    /// durable (none when nothing changed); from then on the new site is decided.
    fn write_journal(&mut self) -> Result<Vec<Op>> {
        let done = match self.pool.take() {
            Some(pool) => pool.finish()?,
            None => Default::default(),
        };
        self.stats.written = done.flat.len() + done.tree;
        self.stats.unchanged = done.unchanged;
        self.digests = done.digests;
        let plan = switch::plan(&self.old, &self.new, done.flat);
        self.stats.removed = plan.removed;
        for odd in &self.old.odd {
            journal::remove_any(odd)?;
        }
        if !plan.ops.is_empty() {
            journal::write(&self.out, &plan.ops)?;
            self.switching = true;
        }
        Ok(plan.ops)
    }
}

impl Sink for SiteWriter {
    fn put(&mut self, rel: &str, bytes: Vec<u8>) -> Result<()> {
        check_rel(rel)?;
        let stage = self.new.add(rel, &self.old)?;
        let seq = self.stats.files;
        self.stats.files += 1;
        self.stats.bytes += bytes.len() as u64;
        let job = Job {
            seq,
            rel: rel.to_string(),
            bytes,
            stage,
            compare: self.old.kind(rel) == Some(Kind::File),
        };
        match &mut self.pool {
            Some(pool) => pool.send(job),
            None => Ok(()),
        }
    }
}

impl Drop for SiteWriter {
    fn drop(&mut self) {
        drop(self.pool.take());
        // Clean up only while holding the lock, and never once the journal is
        // written: the next command rolls it forward.
        if self.lock.is_some() && !self.switching {
            let _ = journal::clear(&self.out);
            if self.created {
                layout::unclaim(&self.out);
            }
            self.lock = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::fs;
    use std::path::Path;
    use std::time::SystemTime;

    use super::{SiteWriter, WriteStats};
    use crate::error::Error;
    use crate::write::journal;
    use crate::write::layout::{JOURNAL, MARKER, OWNER, STAGING};
    use crate::write::{recover, Sink};

    fn build(out: &Path, files: &[(&str, &str)]) -> WriteStats {
        let mut w = SiteWriter::open(out).unwrap();
        for (rel, text) in files {
            w.put(rel, text.as_bytes().to_vec()).unwrap();
        }
        w.commit().unwrap()
    }

    /// Every entry under `root`: files with their bytes, folders as `/`, links as `-> target`.
    pub fn tree(root: &Path) -> BTreeMap<String, String> {
        let mut t = BTreeMap::new();
        for e in walkdir::WalkDir::new(root).min_depth(1) {
            let e = e.unwrap();
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let v = if e.path_is_symlink() {
                format!("-> {}", fs::read_link(e.path()).unwrap().display())
            } else if e.file_type().is_dir() {
                "/".into()
            } else {
                String::from_utf8(fs::read(e.path()).unwrap()).unwrap()
            };
            t.insert(rel, v);
        }
        t
    }

    #[cfg(unix)]
    fn identity(path: &Path) -> (u64, SystemTime) {
        use std::os::unix::fs::MetadataExt;
        let m = fs::symlink_metadata(path).unwrap();
        (m.ino(), m.modified().unwrap())
    }

    const OLD: &[(&str, &str)] = &[
        ("index.html", "home"),
        ("a/x.html", "x1"),
        ("a/y.html", "y"),
        ("gone/deep/w.html", "w"),
        ("z.html", "z"),
    ];
    const NEW: &[(&str, &str)] = &[
        ("index.html", "home"),
        ("a/x.html", "x2"),
        ("a/new.html", "n"),
        ("b/c/d.html", "d"),
        ("z.html", "z"),
    ];

    #[cfg(unix)]
    #[test]
    fn only_changed_files_are_written_and_stale_ones_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let first = build(&out, OLD);
        assert_eq!((first.files, first.written, first.unchanged), (5, 5, 0));
        let before: BTreeMap<_, _> = ["index.html", "z.html", "a/x.html"]
            .iter()
            .map(|p| (*p, identity(&out.join(p))))
            .collect();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let s = build(&out, NEW);
        assert_eq!(
            s,
            WriteStats {
                files: 5,
                bytes: 9, // home + x2 + n + d + z
                written: 3,
                unchanged: 2,
                removed: 2,
            }
        );
        assert_eq!(identity(&out.join("index.html")), before["index.html"]);
        assert_eq!(identity(&out.join("z.html")), before["z.html"]);
        assert_ne!(identity(&out.join("a/x.html")), before["a/x.html"]);
        let mut want: BTreeMap<String, String> = NEW
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        for d in ["a", "b", "b/c"] {
            want.insert(d.into(), "/".into());
        }
        want.insert(
            MARKER.into(),
            String::from_utf8_lossy(super::layout::MARKER_TEXT).into(),
        );
        assert_eq!(
            tree(&out),
            want,
            "stale files and the empty folders gone; nothing else"
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "nothing next to it"
        );
    }

    #[test]
    fn a_rebuild_with_nothing_changed_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        build(&out, OLD);
        let before = tree(&out);
        let s = build(&out, OLD);
        assert_eq!((s.written, s.unchanged, s.removed), (0, 5, 0));
        assert_eq!(tree(&out), before);
    }

    #[test]
    fn a_file_where_a_folder_must_go_and_the_reverse() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        build(
            &out,
            &[
                ("p", "file"),
                ("q/index.html", "in folder"),
                ("r/s/t", "deep"),
            ],
        );
        build(
            &out,
            &[
                ("p/index.html", "now a folder"),
                ("q", "now a file"),
                ("r/s", "file"),
            ],
        );
        let t = tree(&out);
        assert_eq!(t["p/index.html"], "now a folder");
        assert_eq!(t["q"], "now a file");
        assert_eq!(t["r/s"], "file");
        assert_eq!(t.len(), 6, "{t:?}");
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_the_folder_are_replaced_never_written_through() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::create_dir(&outside).unwrap();
        fs::write(outside.join("index.html"), "home").unwrap();
        let out = dir.path().join("site");
        build(&out, &[("index.html", "home")]);
        fs::remove_file(out.join("index.html")).unwrap();
        // Same bytes behind the link: still replaced by a real file.
        symlink(outside.join("index.html"), out.join("index.html")).unwrap();
        symlink(&outside, out.join("a")).unwrap();
        symlink(&outside, out.join("stale")).unwrap();
        let s = build(&out, &[("index.html", "home"), ("a/index.html", "mine")]);
        assert_eq!(s.unchanged, 0);
        assert!(fs::symlink_metadata(out.join("index.html"))
            .unwrap()
            .is_file());
        assert!(fs::symlink_metadata(out.join("a")).unwrap().is_dir());
        assert!(fs::symlink_metadata(out.join("stale")).is_err());
        assert_eq!(
            tree(&outside).len(),
            1,
            "nothing written or removed outside"
        );
        assert_eq!(
            fs::read_to_string(outside.join("index.html")).unwrap(),
            "home"
        );
    }

    #[test]
    fn a_folder_that_is_not_parkscore_output_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        let err = SiteWriter::open(dir.path()).err().unwrap();
        assert!(matches!(err, Error::NotOutputFolder { .. }), "{err}");
        let file = dir.path().join("precious.txt");
        assert!(SiteWriter::open(&file).is_err());
        assert_eq!(tree(dir.path()).len(), 1, "nothing added");
    }

    #[test]
    fn an_abandoned_build_leaves_the_old_site_and_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        build(&out, OLD);
        let before = tree(&out);
        let mut w = SiteWriter::open(&out).unwrap();
        for (rel, text) in NEW {
            w.put(rel, text.as_bytes().to_vec()).unwrap();
        }
        assert!(w.put("a/x.html", vec![]).is_err(), "duplicate");
        assert!(w.put(".parkscore-journal", vec![]).is_err(), "reserved");
        drop(w);
        assert_eq!(tree(&out), before);
        // A first build abandoned: no folder at all, as before.
        let fresh = dir.path().join("fresh");
        let mut w = SiteWriter::open(&fresh).unwrap();
        w.put("index.html", b"x".to_vec()).unwrap();
        drop(w);
        assert!(!fresh.exists());
    }

    #[test]
    fn a_second_writer_is_refused_with_the_holder_named() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        build(&out, OLD);
        let first = SiteWriter::open(&out).unwrap();
        let err = SiteWriter::open(&out).err().unwrap().to_string();
        assert!(err.contains(&out.display().to_string()), "{err}");
        assert!(
            err.contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        let r = recover(&out).unwrap();
        assert!(r.busy.is_some(), "recovery leaves a held folder alone");
        assert!(out.join(STAGING).exists(), "the holder's staging untouched");
        drop(first);
        assert!(!out.join(OWNER).exists());
        build(&out, NEW);
    }

    /// Stops a build of NEW over OLD once its journal is durable, as a kill would.
    fn journal_written(out: &Path) -> Vec<journal::Op> {
        build(out, OLD);
        let mut w = SiteWriter::open(out).unwrap();
        for (rel, text) in NEW {
            w.put(rel, text.as_bytes().to_vec()).unwrap();
        }
        let ops = w.write_journal().unwrap();
        drop(w);
        ops
    }

    fn reference(dir: &Path, files: &[(&str, &str)]) -> BTreeMap<String, String> {
        let out = dir.join(format!("ref-{}", files.len() + files[1].1.len()));
        build(&out, files);
        tree(&out)
    }

    #[test]
    fn recovery_finishes_a_journal_at_every_point_of_its_roll_forward() {
        let dir = tempfile::tempdir().unwrap();
        let new = reference(dir.path(), NEW);
        // Renames of a/new.html, a/x.html and the new folder b; a/y.html and gone/ removed.
        for done in 0..=5 {
            let out = dir.path().join(format!("site-{done}"));
            let ops = journal_written(&out);
            assert_eq!(ops.len(), 5, "{ops:?}");
            journal::roll_forward(&out, &ops[..done]).unwrap();
            let r = recover(&out).unwrap();
            assert_eq!(r.finished, 5, "{r}");
            assert_eq!(tree(&out), new, "after {done} operations");
        }
    }

    #[test]
    fn recovery_discards_the_temporaries_of_a_build_without_a_journal() {
        let dir = tempfile::tempdir().unwrap();
        let old = reference(dir.path(), OLD);
        let out = dir.path().join("site");
        journal_written(&out);
        // Before the journal was complete: only the torn temporary of it.
        fs::rename(out.join(JOURNAL), out.join(".parkscore-journal.tmp")).unwrap();
        let r = recover(&out).unwrap();
        assert_eq!(r.finished, 0);
        assert!(r.discarded >= 3, "{r:?}");
        assert_eq!(tree(&out), old);
        assert!(recover(&out).unwrap().is_nothing());
    }

    #[test]
    fn the_old_swap_schemes_leftovers_are_finished_or_undone_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (reference(dir.path(), OLD), reference(dir.path(), NEW));
        let site = |d: &Path| d.join("site");
        let leftover = |d: &Path, what: &str, files: &[(&str, &str)], complete: bool| {
            let p = d.join(format!(".site.{what}-999999999"));
            build(&p, files);
            if !complete {
                fs::remove_file(p.join(MARKER)).unwrap();
            }
        };
        // Killed between the two renames, the new site complete: finished.
        let a = dir.path().join("a");
        leftover(&a, "old", OLD, true);
        leftover(&a, "tmp", NEW, true);
        assert!(!recover(&site(&a)).unwrap().legacy.is_empty());
        assert_eq!(tree(&site(&a)), new);
        assert_eq!(fs::read_dir(&a).unwrap().count(), 1);
        // The new site incomplete: the old one restored.
        let b = dir.path().join("b");
        leftover(&b, "old", OLD, true);
        leftover(&b, "tmp", NEW, false);
        recover(&site(&b)).unwrap();
        assert_eq!(tree(&site(&b)), old);
        assert_eq!(fs::read_dir(&b).unwrap().count(), 1);
        // The swap done, its cleanup killed: leftovers removed, the site kept.
        let c = dir.path().join("c");
        build(&site(&c), NEW);
        leftover(&c, "old", OLD, true);
        leftover(&c, "tmp", NEW, false);
        assert_eq!(recover(&site(&c)).unwrap().discarded, 2);
        assert_eq!(tree(&site(&c)), new);
        assert_eq!(fs::read_dir(&c).unwrap().count(), 1);
    }
}
