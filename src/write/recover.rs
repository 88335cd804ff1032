//! Recovery of interrupted builds: what every command runs first.

use std::fmt;
use std::path::Path;

use crate::error::Result;

/// What [`recover`] found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Operations of an interrupted build's journal finished (renames, deletions).
    pub finished: usize,
    /// Temporary files and folders of an interrupted build removed.
    pub discarded: usize,
}

impl Recovery {
    /// Whether there was nothing to recover (the usual case).
    pub fn is_nothing(&self) -> bool {
        *self == Recovery::default()
    }
}

impl fmt::Display for Recovery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if self.finished > 0 {
            parts.push(format!(
                "finished an interrupted build ({} renames and deletions)",
                self.finished
            ));
        }
        if self.discarded > 0 {
            parts.push(format!(
                "removed {} temporaries of an interrupted build",
                self.discarded
            ));
        }
        write!(f, "recovered: {}", parts.join("; "))
    }
}

/// What every parkscore command calls first for an output folder (open() calls it too).
pub fn recover(_out: &Path) -> Result<Recovery> {
    Ok(Recovery::default())
}
