//! A data folder as it was at a git revision (`HEAD~1`, a tag, a commit), read with
//! the `git` command: `ls-tree` lists the files, one `cat-file --batch` reads them.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

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
    let (anchor, rest) = existing_ancestor(data_dir);
    let top = git(&anchor, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        Error::Other(format!(
            "`{rev}` is not a folder, and {} is not in a git repository to read it as a revision ({e})",
            data_dir.display()
        ))
    })?;
    let top = PathBuf::from(top.trim_end());
    let mut prefix = git(&anchor, &["rev-parse", "--show-prefix"])?
        .trim_end()
        .trim_end_matches('/')
        .to_string();
    for part in rest {
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(&part);
    }
    let commit = git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| {
        Error::NotFound(format!(
            "`{rev}` is neither a data folder nor a git revision"
        ))
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
    let listing = git(&top, &args)?;
    let strip = if prefix.is_empty() {
        String::new()
    } else {
        format!("{prefix}/")
    };
    let mut files = SourceFiles::default();
    let mut paths: Vec<(String, String)> = Vec::new();
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
            Ok(n) => files.refused.push(too_large(rel, n, limit)),
            Err(_) => continue,
        }
    }
    let short = &commit[..commit.len().min(10)];
    let shown = if prefix.is_empty() {
        "."
    } else {
        prefix.as_str()
    };
    if paths.is_empty() && files.refused.is_empty() {
        return Err(Error::NotFound(format!(
            "{rev} ({short}) has no data folder {shown}/"
        )));
    }
    let blobs = cat_files(&top, &paths)?;
    for ((_, rel), bytes) in paths.into_iter().zip(blobs) {
        files.insert(rel, bytes);
    }
    Ok(Revision {
        commit: short.to_string(),
        prefix,
        files,
    })
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
    let spec = format!("{rev}^{{commit}}");
    match git(&anchor, &["rev-parse", "--verify", "--quiet", &spec]) {
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

fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::Other(format!("could not run git: {e}")))?;
    if !out.status.success() {
        return Err(Error::Other(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    String::from_utf8(out.stdout)
        .map_err(|_| Error::Other(format!("git {}: output is not UTF-8", args.join(" "))))
}

/// The contents of every (blob id, path) in order, with one git process.
fn cat_files(top: &Path, paths: &[(String, String)]) -> Result<Vec<Vec<u8>>> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Other(format!("could not run git: {e}")))?;
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
        .map_err(|e| Error::Other(format!("git cat-file: {e}")))?;
    let status = child
        .wait()
        .map_err(|e| Error::Other(format!("git cat-file: {e}")))?;
    let _ = writer.join();
    if !status.success() {
        return Err(Error::Other("git cat-file --batch failed".into()));
    }
    let mut blobs = Vec::with_capacity(paths.len());
    let mut pos = 0;
    for (_, rel) in paths {
        let nl = out[pos..]
            .iter()
            .position(|b| *b == b'\n')
            .ok_or_else(|| Error::Other("git cat-file: truncated output".into()))?;
        let header = String::from_utf8_lossy(&out[pos..pos + nl]).into_owned();
        pos += nl + 1;
        let size: usize = match header.rsplit_once(' ') {
            Some((_, n)) if header.contains(" blob ") => n
                .parse()
                .map_err(|_| Error::Other(format!("git cat-file: bad header `{header}`")))?,
            _ => return Err(Error::Other(format!("git cat-file {rel}: {header}"))),
        };
        let end = pos + size;
        if end > out.len() {
            return Err(Error::Other("git cat-file: truncated output".into()));
        }
        blobs.push(out[pos..end].to_vec());
        pos = end + 1; // the newline after each object
    }
    Ok(blobs)
}
