//! Where rendered files go, and which relative paths may go there at all.

use super::layout::is_reserved;
use crate::error::{Error, Result};

/// Where rendered files go: the disk writer ([`super::SiteWriter`]) or memory
/// ([`super::Output`], for `serve` and tests). Render streams pages into one in plan order.
pub trait Sink {
    /// Adds one file. `rel` is `/`-separated and relative; duplicates, absolute
    /// paths, `..`, `.` and empty segments are errors (a bug in the caller).
    fn put(&mut self, rel: &str, bytes: Vec<u8>) -> Result<()>;
}

/// Checks that `rel` names a file strictly inside the output folder.
pub fn check_rel(rel: &str) -> Result<()> {
    if rel.is_empty()
        || rel.starts_with('/')
        || rel
            .split('/')
            .any(|s| s == ".." || s == "." || s.is_empty())
    {
        return Err(Error::OutsideOutput(rel.to_string()));
    }
    let why = if rel.chars().any(char::is_control) {
        "a control character"
    } else if rel.split('/').next().is_some_and(is_reserved) {
        "a name parkscore keeps for its own bookkeeping"
    } else {
        return Ok(());
    };
    Err(Error::OutputPath {
        rel: rel.to_string(),
        why,
    })
}

#[cfg(test)]
mod tests {
    use super::check_rel;

    #[test]
    fn only_plain_relative_paths_pass() {
        for ok in ["index.html", "2023/parks/p01/index.html", "a b/c.d"] {
            assert!(check_rel(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "/etc/x",
            "../x",
            "a/../b",
            "./a",
            "a//b",
            "a/",
            "a\nb",
            ".parkscore-output",
        ] {
            assert!(check_rel(bad).is_err(), "{bad:?}");
        }
    }
}
