//! The switch from the old site to the new one, as journal operations: first
//! whatever stands where the new site needs the other kind of entry, then the
//! renames, then the old files and folders the new site no longer has.

use std::collections::HashSet;

use super::journal::Op;
use super::new_site::NewSite;
use super::scan::{Kind, OldSite};

/// The operations, and how many old files they remove.
#[derive(Debug, Default)]
pub struct Switch {
    pub ops: Vec<Op>,
    pub removed: usize,
}

/// Plans the switch; `flat` are the files staged one by one, as (path, seq).
pub fn plan(old: &OldSite, new: &NewSite, mut flat: Vec<(String, usize)>) -> Switch {
    let mut ops = Vec::new();
    let mut gone: HashSet<&str> = HashSet::new();
    for root in &new.subtrees {
        if old.kind(root).is_some() {
            ops.push(Op::Remove(root.clone()));
        }
    }
    flat.sort();
    for (rel, _) in &flat {
        if old.kind(rel) == Some(Kind::Dir) {
            ops.push(Op::RemoveTree(rel.clone()));
            gone.insert(rel);
        }
    }
    let mut renames: Vec<Op> = flat
        .iter()
        .map(|(rel, seq)| Op::Rename {
            from: format!("f/{seq}"),
            to: rel.clone(),
        })
        .chain(new.subtrees.iter().map(|root| Op::Rename {
            from: format!("t/{root}"),
            to: root.clone(),
        }))
        .collect();
    renames.sort_by(|a, b| target(a).cmp(target(b)));
    ops.extend(renames);
    let mut removed = 0;
    for (path, kind) in old.entries() {
        let kept = new.files.contains(path) || new.dirs.contains(path);
        if kind != Kind::Dir && !new.files.contains(path) {
            removed += 1;
        }
        if kept || under(path, &gone) {
            continue;
        }
        if kind == Kind::Dir {
            ops.push(Op::RemoveTree(path.to_string()));
            gone.insert(path);
        } else {
            ops.push(Op::Remove(path.to_string()));
        }
    }
    Switch { ops, removed }
}

fn target(op: &Op) -> &str {
    match op {
        Op::Rename { to, .. } => to,
        Op::Remove(p) | Op::RemoveTree(p) => p,
    }
}

/// Whether a folder above `path` is already removed whole.
fn under(path: &str, gone: &HashSet<&str>) -> bool {
    path.match_indices('/')
        .any(|(i, _)| gone.contains(&path[..i]))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::plan;
    use crate::write::journal::Op;
    use crate::write::new_site::NewSite;
    use crate::write::scan::OldSite;

    fn rename(from: &str, to: &str) -> Op {
        Op::Rename {
            from: from.into(),
            to: to.into(),
        }
    }

    #[test]
    fn clashes_first_then_renames_then_what_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        fs::create_dir_all(out.join("keep")).unwrap();
        fs::write(out.join("keep/same.html"), "s").unwrap();
        fs::write(out.join("keep/stale.html"), "s").unwrap();
        fs::create_dir_all(out.join("dir-becomes-file/x")).unwrap();
        fs::write(out.join("dir-becomes-file/x/1.html"), "1").unwrap();
        fs::write(out.join("file-becomes-dir"), "f").unwrap();
        fs::create_dir_all(out.join("gone/deep")).unwrap();
        fs::write(out.join("gone/deep/2.html"), "2").unwrap();
        let old = OldSite::scan(out).unwrap();
        let mut new = NewSite::default();
        for rel in [
            "keep/same.html",
            "dir-becomes-file",
            "file-becomes-dir/index.html",
            "keep/changed.html",
        ] {
            new.add(rel, &old).unwrap();
        }
        let flat = vec![
            ("keep/changed.html".to_string(), 3),
            ("dir-becomes-file".to_string(), 1),
        ];
        let s = plan(&old, &new, flat);
        assert_eq!(
            s.ops,
            vec![
                Op::Remove("file-becomes-dir".into()),
                Op::RemoveTree("dir-becomes-file".into()),
                rename("f/1", "dir-becomes-file"),
                rename("t/file-becomes-dir", "file-becomes-dir"),
                rename("f/3", "keep/changed.html"),
                Op::RemoveTree("gone".into()),
                Op::Remove("keep/stale.html".into()),
            ]
        );
        // dir-becomes-file/x/1.html, file-becomes-dir, gone/deep/2.html, keep/stale.html
        assert_eq!(s.removed, 4);
    }

    #[test]
    fn nothing_to_do_when_nothing_changed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a")).unwrap();
        fs::write(dir.path().join("a/b.html"), "b").unwrap();
        let old = OldSite::scan(dir.path()).unwrap();
        let mut new = NewSite::default();
        new.add("a/b.html", &old).unwrap();
        let s = plan(&old, &new, Vec::new());
        assert!(s.ops.is_empty() && s.removed == 0);
    }
}
