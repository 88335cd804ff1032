//! Test hook: `PARKSCORE_TEST_KILL=<phase>:<n>` ends the process the way `kill -9`
//! would, at a chosen point of writing, so tests can check what a reader and the
//! next command find. Always compiled in; inert unless the variable is set.
//!
//! Phases: `temp:N` after the N-th temporary file is written; `journal` once the
//! journal is on disk, before any rename; `rename:N` after the N-th rename and
//! `delete:N` after the N-th deletion of the switch (also when recovery performs
//! them); `switched` after the last rename and deletion, before the journal is removed.

use std::process::Command;
use std::sync::OnceLock;

/// The variable that arms the hook.
pub const VAR: &str = "PARKSCORE_TEST_KILL";

/// Ends the process here if the hook is armed for `phase` and `count`.
pub fn point(phase: &str, count: usize) {
    if let Some((p, n)) = armed() {
        if p == phase && *n == count {
            die();
        }
    }
}

fn armed() -> Option<&'static (String, usize)> {
    static ARMED: OnceLock<Option<(String, usize)>> = OnceLock::new();
    ARMED
        .get_or_init(|| {
            let v = std::env::var(VAR).ok()?;
            let (phase, n) = v.split_once(':').unwrap_or((&v, "1"));
            Some((phase.to_string(), n.parse().ok()?))
        })
        .as_ref()
}

/// SIGKILL to ourselves: no destructors, no unwinding, no buffered writes flushed.
fn die() -> ! {
    let pid = std::process::id().to_string();
    let _ = Command::new("kill").args(["-9", &pid]).status();
    // Only if `kill` could not run: SIGABRT is as abrupt for files on disk.
    std::process::abort()
}
