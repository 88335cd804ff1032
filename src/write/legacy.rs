//! Leftovers of the swap scheme parkscore used before the journal: a build wrote
//! `.site.tmp-PID` next to `site`, then renamed `site` to `.site.old-PID` and the
//! new folder to `site`. A kill left the temporaries, or between the two renames
//! no `site` at all. The next command finishes or undoes the swap and cleans up.

use std::fs;
use std::path::{Path, PathBuf};

use super::journal::remove_any;
use super::layout::MARKER;
use super::recovery::Recovery;
use crate::error::{Error, Result};

/// Finishes or undoes an interrupted swap of `out` and removes the swap's leftovers
/// (of processes no longer running).
pub fn recover_siblings(out: &Path, r: &mut Recovery) -> Result<()> {
    let (mut tmps, mut olds) = leftovers(out);
    if tmps.is_empty() && olds.is_empty() {
        return Ok(());
    }
    if fs::symlink_metadata(out).is_err() {
        // Killed between the two renames: finish with a complete new site, else restore the old one.
        let pick = match tmps.iter().position(|t| has_marker(t)) {
            Some(i) => Some((tmps.remove(i), "finished an interrupted swap")),
            None => olds.iter().position(|o| has_marker(o)).map(|i| {
                (
                    olds.remove(i),
                    "restored the site an interrupted swap had moved away",
                )
            }),
        };
        if let Some((from, what)) = pick {
            fs::rename(&from, out).map_err(|e| Error::io(out, e))?;
            r.legacy.push(format!("{what} ({})", from.display()));
        }
    }
    for p in tmps
        .into_iter()
        .chain(olds.into_iter().filter(|o| has_marker(o)))
    {
        remove_any(&p)?;
        r.discarded += 1;
    }
    Ok(())
}

/// Removes `.<name>.tmp-PID` files a killed single-file write (`report`) left next to `path`.
pub fn remove_stale_temporaries(path: &Path) {
    for tmp in leftovers(path).0 {
        if fs::symlink_metadata(&tmp).is_ok_and(|m| m.is_file()) {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Whether an interrupted swap left anything next to `out` (the next build recovers it).
pub fn has_leftovers(out: &Path) -> bool {
    let (tmps, olds) = leftovers(out);
    !tmps.is_empty() || !olds.is_empty()
}

/// `.<name>.tmp-PID` and `.<name>.old-PID` next to `out`, of PIDs not running, sorted.
fn leftovers(out: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut tmps, mut olds) = (Vec::new(), Vec::new());
    let Some(name) = out.file_name().and_then(|n| n.to_str()) else {
        return (tmps, olds);
    };
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return (tmps, olds);
    };
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(file) = file.to_str() else { continue };
        let Some(rest) = file.strip_prefix('.').and_then(|f| f.strip_prefix(name)) else {
            continue;
        };
        let (list, pid) = if let Some(pid) = rest.strip_prefix(".tmp-") {
            (&mut tmps, pid)
        } else if let Some(pid) = rest.strip_prefix(".old-") {
            (&mut olds, pid)
        } else {
            continue;
        };
        if pid.parse::<u32>().is_ok_and(|p| !running(p)) && pid.bytes().all(|b| b.is_ascii_digit())
        {
            list.push(e.path());
        }
    }
    tmps.sort();
    olds.sort();
    (tmps, olds)
}

fn has_marker(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Whether another process with this id runs (Linux `/proc`; elsewhere: assume not).
fn running(pid: u32) -> bool {
    pid != std::process::id() && Path::new("/proc").join(pid.to_string()).exists()
}
