//! Whole-site and single-file writes for callers that hold the bytes already.

use std::fs;
use std::path::{Path, PathBuf};

use super::legacy;
use super::output::Output;
use super::sink::Sink;
use super::site_writer::SiteWriter;
use crate::error::{Error, Result};

/// Writes `output` into the folder `out` through [`SiteWriter`]: incremental and crash-safe.
pub fn write_atomic(out: &Path, output: &Output) -> Result<()> {
    let mut writer = SiteWriter::open(out)?;
    for (rel, bytes) in output.files() {
        writer.put(rel, bytes.clone())?;
    }
    writer.commit().map(|_| ())
}

/// Writes one file atomically: a temporary sibling, then one rename over `path`,
/// so readers see the old file or the new one, never a partial file. Temporaries
/// a killed earlier write left next to it are removed first.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.is_dir() {
        return Err(Error::IsAFolder {
            path: path.to_path_buf(),
        });
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    legacy::remove_stale_temporaries(path);
    let tmp = tmp_sibling(path);
    let result = fs::write(&tmp, bytes)
        .map_err(|e| Error::io(&tmp, e))
        .and_then(|()| fs::rename(&tmp, path).map_err(|e| Error::io(path, e)));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn tmp_sibling(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::{write_atomic, write_file_atomic};
    use crate::write::Output;

    #[test]
    fn replaces_a_previous_output_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut o = Output::new();
        o.emit("index.html", "one").unwrap();
        write_atomic(&out, &o).unwrap();
        let mut o2 = Output::new();
        o2.emit("other.html", "two").unwrap();
        write_atomic(&out, &o2).unwrap();
        assert!(!out.join("index.html").exists(), "stale files go");
        assert_eq!(fs::read_to_string(out.join("other.html")).unwrap(), "two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("site")]);
    }

    #[test]
    fn a_single_file_is_replaced_whole_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/report.html");
        write_file_atomic(&path, b"first").unwrap();
        write_file_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("report.html")]);
        // What a killed write of an earlier process left is cleaned by the next write.
        fs::write(dir.path().join("sub/.report.html.tmp-999999999"), "half").unwrap();
        write_file_atomic(&path, b"third").unwrap();
        assert_eq!(fs::read_dir(dir.path().join("sub")).unwrap().count(), 1);
        let err = write_file_atomic(dir.path(), b"x").unwrap_err().to_string();
        assert!(err.contains("is a folder"), "{err}");
    }

    #[test]
    fn refuses_to_replace_a_folder_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        let mut o = Output::new();
        o.emit("index.html", "x").unwrap();
        assert!(write_atomic(dir.path(), &o).is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("precious.txt")).unwrap(),
            "keep"
        );
    }
}
