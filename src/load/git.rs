//! A data folder as it was at a git revision (`HEAD~1`, a tag, a commit), read with
//! the `git` command: `ls-tree` lists the files, one `cat-file --batch` reads them.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, GitError, Problem, Result};

use super::files::{too_large, SourceFiles};
use super::roster::{is_roster_path, MAX_ROSTER_BYTES};
use super::yaml::MAX_FILE_BYTES;

/// The files of a data folder at one revision.
#[derive(Debug, Clone)]
pub struct Revision {
    /// The commit the revision resolved to (abbreviated to 10 digits).
    pub commit: String,
    /// The data folder's path from the repository root (`data`; empty for the root).
    pub prefix: String,
    pub files: SourceFiles,
}

impl Revision {
    /// Where a data file came from, as `git show` would name it: `HEAD~1:data/parks/x.yaml`.
    pub fn locate(&self, rev: &str, rel: &str) -> String {
        if self.prefix.is_empty() {
            format!("{rev}:{rel}")
        } else {
            format!("{rev}:{}/{rel}", self.prefix)
        }
    }
}

/// The data folder `data_dir` (a path in a git work tree, which need not exist any
/// more) as it was at revision `rev`.
pub fn read_revision(data_dir: &Path, rev: &str) -> Result<Revision> {
    let at_rev = |source| Error::Git {
        rev: rev.to_string(),
        source,
    };
    let (top, prefix) = locate(data_dir, rev)?;
    let commit = git(&top, &["rev-parse", "--verify", "--quiet", &commit_of(rev)])
        .map_err(|_| Error::UnknownRevision {
            rev: rev.to_string(),
        })?
        .trim_end()
        .to_string();
    // With object ids: `cat-file` then reads each blob by id. Asking for
    // `commit:path` instead makes git walk the trees again for every file, which
    // for a parks/ folder of 10,000 files inflates its tree 10,000 times.
    // `-l` adds each blob's size, so an oversized file is refused unread.
    let mut args = vec!["ls-tree", "-r", "-l", "-z", commit.as_str()];
    if !prefix.is_empty() {
        args.push("--");
        args.push(prefix.as_str());
    }
    let listing = git(&top, &args).map_err(at_rev)?;
    let (paths, refused) = data_blobs(&listing, &prefix);
    let short = &commit[..commit.len().min(10)];
    if paths.is_empty() && refused.is_empty() {
        return Err(Error::NoDataAtRevision {
            rev: rev.to_string(),
            commit: short.to_string(),
            folder: if prefix.is_empty() { "." } else { &prefix }.to_string(),
        });
    }
    let blobs = cat_files(&top, &paths).map_err(at_rev)?;
    let mut files = SourceFiles {
        refused,
        ..SourceFiles::default()
    };
    for ((_, rel), bytes) in paths.into_iter().zip(blobs) {
        files.insert(rel, bytes);
    }
    Ok(Revision {
        commit: short.to_string(),
        prefix,
        files,
    })
}

/// The repository's top folder, and the data folder's path from it (`data`; empty
/// for the root), also when the data folder no longer exists in the work tree.
fn locate(data_dir: &Path, rev: &str) -> Result<(PathBuf, String)> {
    let (anchor, rest) = existing_ancestor(data_dir);
    let top = git(&anchor, &["rev-parse", "--show-toplevel"]).map_err(|source| {
        Error::NotInRepository {
            rev: rev.to_string(),
            dir: data_dir.to_path_buf(),
            source,
        }
    })?;
    let mut prefix = git(&anchor, &["rev-parse", "--show-prefix"])
        .map_err(|source| Error::Git {
            rev: rev.to_string(),
            source,
        })?
        .trim_end()
        .trim_end_matches('/')
        .to_string();
    for part in rest {
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(&part);
    }
    Ok((PathBuf::from(top.trim_end()), prefix))
}

/// `rev` as git names the commit it points to (a tag may point to a tag).
fn commit_of(rev: &str) -> String {
    format!("{rev}^{{commit}}")
}

/// From `ls-tree -r -l -z` output, the (blob id, path in the data folder) of every
/// data file under `prefix`, and the files refused for their size.
fn data_blobs(listing: &str, prefix: &str) -> (Vec<(String, String)>, Vec<Problem>) {
    let strip = if prefix.is_empty() {
        String::new()
    } else {
        format!("{prefix}/")
    };
    let mut paths = Vec::new();
    let mut refused = Vec::new();
    // Each entry: `<mode> <type> <id> <size>\t<path>`.
    for entry in listing.split('\0') {
        let Some((meta, full)) = entry.split_once('\t') else {
            continue;
        };
        let meta: Vec<&str> = meta.split_whitespace().collect();
        // Regular files only (100644, 100755): not links, trees or submodules.
        let [mode, "blob", id, size] = meta[..] else {
            continue;
        };
        // Only the files reading a folder takes: at the repository root the
        // listing also holds the README and the code.
        let Some(rel) = full.strip_prefix(&strip) else {
            continue;
        };
        if !mode.starts_with("100") || !SourceFiles::is_data_path(rel) {
            continue;
        }
        let limit = if is_roster_path(rel) {
            MAX_ROSTER_BYTES
        } else {
            MAX_FILE_BYTES
        };
        match size.parse::<u64>() {
            Ok(n) if n <= limit as u64 => paths.push((id.to_string(), rel.to_string())),
            Ok(n) => refused.push(too_large(rel, n, limit)),
            Err(_) => continue,
        }
    }
    (paths, refused)
}

/// What git can say about revision `rev` of the data folder `data_dir`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// `data_dir` is not in a git work tree (or git cannot run).
    NoRepository,
    /// The repository has no commit by that name.
    UnknownRevision,
    Commit,
}

/// Asks git, before reading anything, so that a caller can word each case.
pub fn probe(data_dir: &Path, rev: &str) -> Probe {
    let (anchor, _) = existing_ancestor(data_dir);
    if git(&anchor, &["rev-parse", "--show-toplevel"]).is_err() {
        return Probe::NoRepository;
    }
    match git(
        &anchor,
        &["rev-parse", "--verify", "--quiet", &commit_of(rev)],
    ) {
        Ok(_) => Probe::Commit,
        Err(_) => Probe::UnknownRevision,
    }
}

/// The nearest existing folder at or above `dir`, and the components below it.
fn existing_ancestor(dir: &Path) -> (PathBuf, Vec<String>) {
    let mut rest = Vec::new();
    let mut cur = dir.to_path_buf();
    loop {
        if cur.as_os_str().is_empty() {
            return (PathBuf::from("."), rest);
        }
        if cur.is_dir() {
            return (cur, rest);
        }
        if let Some(name) = cur.file_name() {
            rest.insert(0, name.to_string_lossy().into_owned());
        }
        match cur.parent() {
            Some(p) => cur = p.to_path_buf(),
            None => return (PathBuf::from("."), rest),
        }
    }
}

/// What git prints on stdout for `args`, run in `dir`.
fn git(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(GitError::Spawn)?;
    if !out.status.success() {
        return Err(GitError::Failed {
            args: args.join(" "),
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    String::from_utf8(out.stdout).map_err(|_| GitError::NotUtf8 {
        args: args.join(" "),
    })
}

/// The contents of every (blob id, path) in order, with one git process.
fn cat_files(top: &Path, paths: &[(String, String)]) -> Result<Vec<Vec<u8>>, GitError> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(GitError::Spawn)?;
    let mut stdin = child.stdin.take().expect("piped");
    let request: String = paths.iter().map(|(id, _)| format!("{id}\n")).collect();
    // Write from another thread so a full stdout pipe cannot deadlock us.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut out = Vec::new();
    child
        .stdout
        .take()
        .expect("piped")
        .read_to_end(&mut out)
        .map_err(GitError::CatFile)?;
    let status = child.wait().map_err(GitError::CatFile)?;
    let _ = writer.join();
    if !status.success() {
        return Err(GitError::CatFileFailed);
    }
    split_blobs(&out, paths)
}

/// `cat-file --batch` output (`<id> blob <size>\n<bytes>\n` per object) → the bytes
/// of each object asked for, in order.
fn split_blobs(out: &[u8], paths: &[(String, String)]) -> Result<Vec<Vec<u8>>, GitError> {
    let mut blobs = Vec::with_capacity(paths.len());
    let mut pos = 0;
    for (_, rel) in paths {
        let nl = out[pos..]
            .iter()
            .position(|b| *b == b'\n')
            .ok_or(GitError::Truncated)?;
        let header = String::from_utf8_lossy(&out[pos..pos + nl]).into_owned();
        pos += nl + 1;
        let size: usize = match header.rsplit_once(' ') {
            Some((_, n)) if header.contains(" blob ") => {
                n.parse().map_err(|_| GitError::BadHeader(header.clone()))?
            }
            _ => {
                return Err(GitError::NotABlob {
                    rel: rel.clone(),
                    header,
                })
            }
        };
        let end = pos + size;
        if end > out.len() {
            return Err(GitError::Truncated);
        }
        blobs.push(out[pos..end].to_vec());
        pos = end + 1; // the newline after each object
    }
    Ok(blobs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listing_gives_the_data_files_under_the_prefix() {
        let listing = [
            "100644 blob aaa 120\tdata/site.yaml",
            "100755 blob bbb 9\tdata/parks/p1.yaml",
            "120000 blob ccc 11\tdata/parks/link.yaml",
            "100644 blob ddd 5\tdata/notes.txt",
            "160000 commit eee -\tdata/vendor",
            "100644 blob fff 7\tREADME.md",
            &format!(
                "100644 blob ggg {}\tdata/parks/huge.yaml",
                MAX_FILE_BYTES + 1
            ),
            "",
        ]
        .join("\0");
        let (paths, refused) = data_blobs(&listing, "data");
        let want = [("aaa", "site.yaml"), ("bbb", "parks/p1.yaml")];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(id, rel)| (id.to_string(), rel.to_string()))
            .collect();
        assert_eq!(paths, want);
        assert_eq!(refused.len(), 1);
        assert_eq!(refused[0].file, "parks/huge.yaml");
        let (paths, _) = data_blobs(&listing, "");
        assert!(paths.is_empty(), "at the root, data/… is not a data path");
    }

    #[test]
    fn batch_output_splits_into_blobs_or_says_what_is_wrong() {
        let paths = |n: usize| -> Vec<(String, String)> {
            (0..n)
                .map(|i| (format!("id{i}"), format!("f{i}")))
                .collect()
        };
        let out = b"id0 blob 3\nabc\nid1 blob 0\n\n";
        assert_eq!(
            split_blobs(out, &paths(2)).unwrap(),
            [b"abc".to_vec(), Vec::new()]
        );
        // (output, objects asked for, the error)
        let cases: [(&[u8], usize, &str); 4] = [
            (b"id0 blob 3\nabc\n", 2, "git cat-file: truncated output"),
            (b"id0 blob 9\nabc\n", 1, "git cat-file: truncated output"),
            (
                b"id0 blob x\nabc\n",
                1,
                "git cat-file: bad header `id0 blob x`",
            ),
            (b"id0 missing\n", 1, "git cat-file f0: id0 missing"),
        ];
        for (out, n, want) in cases {
            let e = split_blobs(out, &paths(n)).unwrap_err();
            assert_eq!(e.to_string(), want);
        }
    }
}
