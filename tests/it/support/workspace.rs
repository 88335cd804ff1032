//! A throwaway folder holding copies of committed fixtures, and the binary run in
//! it, so paths in messages are short and relative (`data`, `site`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The committed fixture folders.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

pub struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Adds a copy of `tests/fixtures/<fixture>` as the folder `name`.
    pub fn with(self, fixture: &str, name: &str) -> Workspace {
        copy_dir(&Path::new(FIXTURES).join(fixture), &self.path(name));
        self
    }

    /// A path inside the workspace.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Runs `parkscore args…` in the workspace.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_parkscore"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }
}
