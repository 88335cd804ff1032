//! What recovery found and did, for the line a command prints about it.

use std::fmt;

/// What [`super::recover`] found and did.
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
        if !parts.is_empty() {
            write!(f, "recovered: {}", parts.join("; "))?;
        }
        if let Some(holder) = &self.busy {
            let sep = if parts.is_empty() { "" } else { "; " };
            write!(
                f,
                "{sep}left alone: another parkscore process ({holder}) is writing it"
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Recovery;

    #[test]
    fn says_what_was_done_in_one_line() {
        assert!(Recovery::default().is_nothing());
        let r = Recovery {
            finished: 37,
            discarded: 2,
            ..Recovery::default()
        };
        assert_eq!(
            r.to_string(),
            "recovered: finished an interrupted build's switch to its new site (37 renames and deletions); removed 2 temporaries of an interrupted build"
        );
        let busy = Recovery {
            busy: Some("pid 7".into()),
            ..Recovery::default()
        };
        assert_eq!(
            busy.to_string(),
            "left alone: another parkscore process (pid 7) is writing it"
        );
    }
}
