//! Recovery of interrupted builds: what every command runs first for an output
//! folder. A complete journal is rolled forward (the new site), anything else a
//! build left behind is removed (the old site stays).

use std::fs;
use std::path::Path;

use super::journal;
use super::layout::{self, Folder, JOURNAL, JOURNAL_TMP, STAGING};
use super::legacy;
use super::lock::{FolderLock, Taken};
use super::recovery::Recovery;
use crate::error::Result;

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
        .follow_root_links(false)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir())
        .count()
}
