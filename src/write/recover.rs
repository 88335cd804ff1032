//! Recovery of interrupted builds: what every command runs first for an output
//! folder. A complete journal is rolled forward (the new site), anything else a
//! build left behind is removed (the old site stays).

use std::fmt;
use std::fs;
use std::path::Path;

use super::journal;
use super::layout::{self, Folder, JOURNAL, JOURNAL_TMP, STAGING};
use super::legacy;
use super::lock::{FolderLock, Taken};
use crate::error::Result;

/// What [`recover`] found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Operations of an interrupted build's journal finished (renames, deletions).
    pub finished: usize,
    /// Temporary files and folders of interrupted builds removed.
    pub discarded: usize,
    /// The old swap scheme's leftovers: what was done with them.
    pub legacy: Vec<String>,
    /// Staged files the journal named but nobody had any more (removed by hand);
    /// the next build writes them again.
    pub lost: usize,
    /// Another parkscore process holds the folder: nothing was touched.
    pub busy: Option<String>,
}

impl Recovery {
    /// Whether there was nothing to recover (the usual case).
    pub fn is_nothing(&self) -> bool {
        *self == Recovery::default()
    }
}

impl fmt::Display for Recovery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = self.legacy.clone();
        if self.finished > 0 {
            parts.push(format!(
                "finished an interrupted build's switch to its new site ({} renames and deletions)",
                self.finished
            ));
        }
        if self.lost > 0 {
            parts.push(format!(
                "{} files of it were gone; run build again to write them",
                self.lost
            ));
        }
        if self.discarded > 0 {
            parts.push(format!(
                "removed {} temporaries of an interrupted build",
                self.discarded
            ));
        }
        if let Some(holder) = &self.busy {
            parts.push(format!(
                "another parkscore process ({holder}) is writing it; left alone"
            ));
        }
        write!(f, "recovered: {}", parts.join("; "))
    }
}

/// What every parkscore command calls first for an output folder (open() calls it too).
/// A missing folder or one that is not parkscore output is left alone.
pub fn recover(out: &Path) -> Result<Recovery> {
    let mut r = Recovery::default();
    legacy::recover_siblings(out, &mut r)?;
    if !matches!(layout::inspect(out), Ok(Folder::Output)) {
        return Ok(r);
    }
    match FolderLock::try_take(out)? {
        Taken::Busy(holder) => r.busy = Some(holder),
        Taken::Held(_lock) => recover_locked(out, &mut r)?,
    }
    Ok(r)
}

/// Recovery proper, for a caller holding the lock.
pub(super) fn recover_locked(out: &Path, r: &mut Recovery) -> Result<()> {
    if let Some(ops) = journal::read(out)? {
        let rolled = journal::roll_forward(out, &ops)?;
        r.finished += rolled.done;
        r.lost += rolled.lost;
    } else if fs::symlink_metadata(out.join(JOURNAL)).is_ok() {
        r.discarded += 1;
    }
    r.discarded += count_files(&out.join(STAGING));
    if fs::symlink_metadata(out.join(JOURNAL_TMP)).is_ok() {
        r.discarded += 1;
    }
    journal::clear(out)
}

/// Files (not folders) under `dir`, without following links.
fn count_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir())
        .count()
}
