//! One command at a time per output folder: an advisory lock on the marker file.
//!
//! The lock dies with its process (also on `kill -9`), so it never goes stale;
//! the owner note only says who holds it, for the other command's message.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use super::layout::{MARKER, OWNER};
use crate::error::{Error, Result};

/// The held lock of one output folder; released on drop.
#[derive(Debug)]
pub struct FolderLock {
    _marker: File,
    owner: PathBuf,
}

/// What taking the lock gave: the lock, or a description of who holds it.
pub enum Taken {
    Held(FolderLock),
    Busy(String),
}

impl FolderLock {
    /// Tries to lock `out` (which must carry the marker) without waiting.
    pub fn try_take(out: &Path) -> Result<Taken> {
        let path = out.join(MARKER);
        let marker = File::open(&path).map_err(|e| Error::io(&path, e))?;
        match marker.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Ok(Taken::Busy(holder(out))),
            Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        let owner = out.join(OWNER);
        write_owner(&owner)?;
        Ok(Taken::Held(FolderLock {
            _marker: marker,
            owner,
        }))
    }

    /// Takes the lock or fails with a message naming the folder and the other process.
    pub fn take(out: &Path) -> Result<FolderLock> {
        match FolderLock::try_take(out)? {
            Taken::Held(lock) => Ok(lock),
            Taken::Busy(holder) => Err(Error::OutputLocked {
                path: out.to_path_buf(),
                holder,
            }),
        }
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.owner);
    }
}

/// Writes `pid N` to a fresh file: an old one (or a planted symlink) is removed
/// first, so the note is never written through a link.
fn write_owner(owner: &Path) -> Result<()> {
    match fs::remove_file(owner) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(owner, e)),
    }
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(owner)
        .map_err(|e| Error::io(owner, e))?;
    writeln!(f, "pid {}", std::process::id()).map_err(|e| Error::io(owner, e))
}

fn holder(out: &Path) -> String {
    let note = fs::read_to_string(out.join(OWNER)).unwrap_or_default();
    match note.trim() {
        n if n.starts_with("pid ") && n.len() < 40 => n.to_string(),
        _ => "pid unknown".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::{FolderLock, Taken};
    use crate::write::layout::{MARKER, OWNER};

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(MARKER), "m").unwrap();
        let first = FolderLock::take(dir.path()).unwrap();
        let note = fs::read_to_string(dir.path().join(OWNER)).unwrap();
        assert_eq!(note, format!("pid {}\n", std::process::id()));
        let err = FolderLock::take(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        assert!(err.contains(&dir.path().display().to_string()), "{err}");
        assert!(matches!(
            FolderLock::try_take(dir.path()).unwrap(),
            Taken::Busy(_)
        ));
        drop(first);
        assert!(!dir.path().join(OWNER).exists(), "owner note removed");
        assert!(matches!(
            FolderLock::try_take(dir.path()).unwrap(),
            Taken::Held(_)
        ));
    }
}
