//! A digest of everything a build could read from a data folder, without parsing
//! it: every file under the folder (whatever load makes of it today or tomorrow)
//! and, when the folder is in a git repository, where its references point (a
//! build may read earlier revisions). Equal digests mean equal inputs; the build
//! uses it to see that nothing changed since the site it wrote.

use std::path::Path;
use std::process::Command;

use super::source::DataSource;

/// The digest of `source`'s inputs; None when something cannot be read (the
/// build then runs whole and reports it properly).
pub fn inputs_digest(source: &DataSource) -> Option<blake3::Hash> {
    let mut h = blake3::Hasher::new();
    match source {
        DataSource::Embedded => {
            h.update(b"embedded");
        }
        DataSource::Dir(dir) => {
            folder(dir, &mut h)?;
            git_refs(dir, &mut h);
        }
    }
    Some(h.finalize())
}

/// Every file's path, length and bytes, in path order; links are followed as load
/// follows them; `.git` is left to [`git_refs`].
fn folder(dir: &Path, h: &mut blake3::Hasher) -> Option<()> {
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git");
    for entry in walk {
        let entry = entry.ok()?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).ok()?;
        let bytes = std::fs::read(entry.path()).ok()?;
        h.update(rel.as_os_str().as_encoded_bytes());
        h.update(&[0]);
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(blake3::hash(&bytes).as_bytes());
    }
    Some(())
}

/// `HEAD` and every reference with its commit; nothing outside a repository.
fn git_refs(dir: &Path, h: &mut blake3::Hasher) {
    for args in [
        &["rev-parse", "HEAD"][..],
        &["for-each-ref", "--format=%(objectname) %(refname)"][..],
    ] {
        let out = Command::new("git").arg("-C").arg(dir).args(args).output();
        if let Some(out) = out.ok().filter(|o| o.status.success()) {
            h.update(&out.stdout);
        }
        h.update(&[0]);
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::inputs_digest;
    use crate::load::DataSource;

    #[test]
    fn any_file_of_the_folder_changes_the_digest() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("parks")).unwrap();
        fs::write(dir.path().join("parks/a.yaml"), "id: a\n").unwrap();
        let source = DataSource::Dir(dir.path().to_path_buf());
        let first = inputs_digest(&source).unwrap();
        assert_eq!(inputs_digest(&source), Some(first), "deterministic");
        fs::write(dir.path().join("parks/a.yaml"), "id: b\n").unwrap();
        let edited = inputs_digest(&source).unwrap();
        assert_ne!(edited, first);
        fs::create_dir(dir.path().join("templates")).unwrap();
        fs::write(dir.path().join("templates/base.html"), "").unwrap();
        assert_ne!(
            inputs_digest(&source).unwrap(),
            edited,
            "an unknown file counts"
        );
        let embedded = inputs_digest(&DataSource::Embedded).unwrap();
        assert_ne!(embedded, edited);
    }
}
