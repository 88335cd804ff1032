//! The shape of the site being put: its files, its folders, and which of its
//! folders the old site lacks (those are staged whole and renamed in one go).

use std::collections::{BTreeSet, HashSet};

use super::pool::Stage;
use super::scan::OldSite;
use crate::error::{Error, Result};

/// Paths put so far.
#[derive(Debug, Default)]
pub struct NewSite {
    pub files: HashSet<String>,
    pub dirs: HashSet<String>,
    /// The topmost folders of the new site that are not real folders in the old site.
    pub subtrees: BTreeSet<String>,
}

impl NewSite {
    /// Records `rel` (already checked by [`super::check_rel`]) and says where to stage it.
    pub fn add(&mut self, rel: &str, old: &OldSite) -> Result<Stage> {
        if self.dirs.contains(rel) || self.files.contains(rel) {
            return Err(clash(rel, self.files.contains(rel)));
        }
        let mut new_root: Option<&str> = None;
        for (i, _) in rel.match_indices('/') {
            let dir = &rel[..i];
            if self.files.contains(dir) {
                return Err(clash(rel, false));
            }
            if new_root.is_none() && !old.is_dir(dir) {
                new_root = Some(dir);
            }
            if !self.dirs.contains(dir) {
                self.dirs.insert(dir.to_string());
            }
        }
        self.files.insert(rel.to_string());
        Ok(match new_root {
            Some(root) => {
                if !self.subtrees.contains(root) {
                    self.subtrees.insert(root.to_string());
                }
                Stage::Tree
            }
            None => Stage::Flat,
        })
    }
}

fn clash(rel: &str, duplicate: bool) -> Error {
    if duplicate {
        Error::DuplicateOutput(rel.into())
    } else {
        Error::OutputPath {
            rel: rel.into(),
            why: "a file and a folder of the same name",
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::NewSite;
    use crate::write::pool::Stage;
    use crate::write::scan::OldSite;

    #[test]
    fn stages_files_in_old_folders_flat_and_new_folders_whole() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("2023/parks")).unwrap();
        let old = OldSite::scan(dir.path()).unwrap();
        let mut new = NewSite::default();
        assert_eq!(new.add("index.html", &old).unwrap(), Stage::Flat);
        assert_eq!(new.add("2023/parks/a.html", &old).unwrap(), Stage::Flat);
        assert_eq!(
            new.add("2023/parks/b/index.html", &old).unwrap(),
            Stage::Tree
        );
        assert_eq!(new.add("2024/x/y.html", &old).unwrap(), Stage::Tree);
        assert_eq!(new.add("2024/z.html", &old).unwrap(), Stage::Tree);
        let roots: Vec<_> = new.subtrees.iter().map(String::as_str).collect();
        assert_eq!(roots, ["2023/parks/b", "2024"]);
        assert!(new.dirs.contains("2024/x") && new.dirs.contains("2023"));
    }

    #[test]
    fn a_path_cannot_be_both_a_file_and_a_folder() {
        let old = OldSite::default();
        let mut new = NewSite::default();
        new.add("a/b.html", &old).unwrap();
        assert!(new.add("a/b.html", &old).is_err(), "duplicate");
        assert!(new.add("a", &old).is_err(), "file over a folder");
        assert!(new.add("a/b.html/c", &old).is_err(), "folder under a file");
    }
}
