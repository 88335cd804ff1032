//! The journal: the renames and deletions that switch an output folder from its
//! old site to the new one, made durable before the first of them is performed.
//!
//! Every operation is idempotent, so a journal can be rolled forward again after
//! a kill at any point of an earlier roll-forward (see [`roll_forward`]).

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::Path;

use super::kill;
use super::layout::{JOURNAL, JOURNAL_TMP, STAGING, STATE_TMP};
use crate::error::{Error, Result};

const HEADER: &str = "parkscore journal 1\n";

/// One step of the switch. Paths are relative, `/`-separated; `from` is inside the staging folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Remove the file or link at the path (a folder there is left alone).
    Remove(String),
    /// Remove the real folder at the path with everything in it (anything else is left alone).
    RemoveTree(String),
    /// Move a staged file or folder into place, replacing what is there.
    Rename { from: String, to: String },
}

impl Op {
    fn line(&self) -> String {
        match self {
            Op::Remove(p) => format!("D\t{p}\n"),
            Op::RemoveTree(p) => format!("T\t{p}\n"),
            Op::Rename { from, to } => format!("R\t{from}\t{to}\n"),
        }
    }

    fn parse(line: &str) -> Option<Op> {
        let mut parts = line.split('\t');
        let op = match (parts.next()?, parts.next()?, parts.next()) {
            ("D", p, None) => Op::Remove(p.to_string()),
            ("T", p, None) => Op::RemoveTree(p.to_string()),
            ("R", from, Some(to)) => Op::Rename {
                from: from.to_string(),
                to: to.to_string(),
            },
            _ => return None,
        };
        parts.next().is_none().then_some(op)
    }
}

/// The text of a journal: a header, one line per operation, and a trailer with
/// the count and a BLAKE3 hash of everything before it (a torn file never passes).
pub fn encode(ops: &[Op]) -> String {
    let mut text = String::from(HEADER);
    for op in ops {
        text.push_str(&op.line());
    }
    let hash = blake3::hash(text.as_bytes());
    text.push_str(&format!("end\t{}\t{}\n", ops.len(), hash.to_hex()));
    text
}

/// The operations of a complete journal; `None` if it is torn or not a journal.
pub fn decode(text: &str) -> Option<Vec<Op>> {
    let body = text.strip_suffix('\n')?;
    let (body, trailer) = body.rsplit_once('\n')?;
    let body = format!("{body}\n");
    let mut t = trailer.split('\t');
    let (Some("end"), Some(n), Some(hash), None) = (t.next(), t.next(), t.next(), t.next()) else {
        return None;
    };
    if blake3::hash(body.as_bytes()).to_hex().as_str() != hash {
        return None;
    }
    let ops: Vec<Op> = body
        .strip_prefix(HEADER)?
        .lines()
        .map(Op::parse)
        .collect::<Option<_>>()?;
    (n.parse::<usize>().ok()? == ops.len()).then_some(ops)
}

/// Writes the journal durably: a temporary, fsync, rename, fsync of the folder.
pub fn write(out: &Path, ops: &[Op]) -> Result<()> {
    let tmp = out.join(JOURNAL_TMP);
    let path = out.join(JOURNAL);
    let mut f = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    f.write_all(encode(ops).as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| Error::io(&tmp, e))?;
    drop(f);
    fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
    sync_dir(out)
}

/// The complete journal in `out`, if there is one. A torn or foreign file is not one.
pub fn read(out: &Path) -> Result<Option<Vec<Op>>> {
    let path = out.join(JOURNAL);
    match fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_file() && m.len() < (1 << 30) => {}
        Ok(_) => return Ok(None),
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&path, e)),
    }
    let bytes = fs::read(&path).map_err(|e| Error::io(&path, e))?;
    Ok(String::from_utf8(bytes).ok().and_then(|t| decode(&t)))
}

/// Removes the journal and the staging folder: the switch is over (or never began).
pub fn clear(out: &Path) -> Result<()> {
    for name in [JOURNAL, JOURNAL_TMP, STATE_TMP] {
        remove_any(&out.join(name))?;
    }
    remove_any(&out.join(STAGING))
}

/// What a roll-forward did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rolled {
    /// Operations performed (or found already done).
    pub done: usize,
    /// Renames whose staged source and target were both gone (someone removed the
    /// staging folder by hand): the next build writes those files again.
    pub lost: usize,
}

/// Performs `ops` in order. Each is idempotent (a rename whose source is gone was
/// done; a removal only removes the kind of entry it was planned for), so a
/// roll-forward interrupted at any point can simply be run again.
pub fn roll_forward(out: &Path, ops: &[Op]) -> Result<Rolled> {
    let staging = out.join(STAGING);
    let mut dirs = HashSet::new();
    let (mut renames, mut removals, mut lost) = (0, 0, 0);
    for op in ops {
        match op {
            Op::Remove(p) => {
                remove_if(&out.join(p), false)?;
                removals += 1;
                kill::point("delete", removals);
            }
            Op::RemoveTree(p) => {
                remove_if(&out.join(p), true)?;
                removals += 1;
                kill::point("delete", removals);
            }
            Op::Rename { from, to } => {
                if !place(out, &staging.join(from), to, &mut dirs)? {
                    lost += 1;
                }
                renames += 1;
                kill::point("rename", renames);
            }
        }
    }
    kill::point("switched", 1);
    Ok(Rolled {
        done: renames + removals,
        lost,
    })
}

/// Removes `path` if it is a real folder (`tree`) or anything but one (`!tree`).
fn remove_if(path: &Path, tree: bool) -> Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() == tree => remove_any(path),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Moves the staged `from` to `out/to`, replacing whatever is there (a link is
/// replaced, never followed; its parent folders are made real folders). False if
/// neither the staged source nor the target exists.
fn place(out: &Path, from: &Path, to: &str, dirs: &mut HashSet<String>) -> Result<bool> {
    let target = out.join(to);
    let from_meta = match fs::symlink_metadata(from) {
        Ok(m) => m,
        // Renamed by the interrupted run, if the target is there.
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Ok(fs::symlink_metadata(&target).is_ok());
        }
        Err(e) => return Err(Error::io(from, e)),
    };
    if let Some((parent, _)) = to.rsplit_once('/') {
        real_dirs(out, parent, dirs)?;
    }
    match fs::symlink_metadata(&target) {
        Ok(m) if m.is_dir() || from_meta.is_dir() => remove_any(&target)?,
        _ => {}
    }
    fs::rename(from, &target).map_err(|e| Error::io(&target, e))?;
    Ok(true)
}

/// Makes every folder of `rel` (e.g. `2023/parks`) a real folder under `out`.
fn real_dirs(out: &Path, rel: &str, done: &mut HashSet<String>) -> Result<()> {
    let mut end = 0;
    for seg in rel.split('/') {
        end += seg.len();
        let prefix = &rel[..end];
        end += 1;
        if done.contains(prefix) {
            continue;
        }
        let path = out.join(prefix);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                remove_any(&path)?;
                fs::create_dir(&path).map_err(|e| Error::io(&path, e))?;
            }
            Err(e) if e.kind() == ErrorKind::NotFound => {
                fs::create_dir(&path).map_err(|e| Error::io(&path, e))?;
            }
            Err(e) => return Err(Error::io(&path, e)),
        }
        done.insert(prefix.to_string());
    }
    Ok(())
}

/// Removes a file, link or folder tree (never following a link); absent is fine.
pub fn remove_any(path: &Path) -> Result<()> {
    let result = match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) => Err(e),
    };
    match result {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// fsync of a folder, so a rename in it is durable (best effort where folders cannot be opened).
pub fn sync_dir(dir: &Path) -> Result<()> {
    match File::open(dir) {
        Ok(d) => d.sync_all().map_err(|e| Error::io(dir, e)),
        Err(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::{decode, encode, read, roll_forward, write, Op};
    use crate::write::layout::STAGING;

    fn ops() -> Vec<Op> {
        vec![
            Op::Remove("old.html".into()),
            Op::RemoveTree("gone".into()),
            Op::Rename {
                from: "f/0".into(),
                to: "a/新 页.html".into(),
            },
        ]
    }

    #[test]
    fn a_journal_reads_back_and_a_torn_one_does_not() {
        let text = encode(&ops());
        assert_eq!(decode(&text), Some(ops()));
        for cut in 1..text.len() {
            if text.is_char_boundary(cut) {
                assert_eq!(decode(&text[..cut]), None, "cut at {cut}");
            }
        }
        let flipped = text.replacen("old.html", "olD.html", 1);
        assert_eq!(decode(&flipped), None);
        assert_eq!(decode(""), None);
    }

    #[test]
    fn rolling_forward_twice_gives_the_same_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        fs::create_dir_all(out.join("gone/deep")).unwrap();
        fs::write(out.join("gone/deep/x"), "x").unwrap();
        fs::write(out.join("old.html"), "old").unwrap();
        fs::create_dir_all(out.join(STAGING).join("f")).unwrap();
        fs::write(out.join(STAGING).join("f/0"), "new").unwrap();
        write(out, &ops()).unwrap();
        let journal = read(out).unwrap().unwrap();
        assert_eq!(roll_forward(out, &journal).unwrap().done, 3);
        let again = roll_forward(out, &journal).unwrap();
        assert_eq!((again.done, again.lost), (3, 0), "again: a no-op");
        assert_eq!(fs::read_to_string(out.join("a/新 页.html")).unwrap(), "new");
        assert!(!out.join("old.html").exists() && !out.join("gone").exists());
    }

    #[test]
    fn removals_leave_what_the_new_site_put_there() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        // Old: a file `x`; new: a folder `x/` — the second roll-forward must keep it.
        fs::create_dir_all(out.join("x")).unwrap();
        fs::write(out.join("x/index.html"), "new").unwrap();
        fs::write(out.join("y"), "new file where an old folder was").unwrap();
        let ops = [Op::Remove("x".into()), Op::RemoveTree("y".into())];
        roll_forward(out, &ops).unwrap();
        assert!(out.join("x/index.html").is_file() && out.join("y").is_file());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_way_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::create_dir(&outside).unwrap();
        let out = dir.path().join("site");
        fs::create_dir_all(out.join(STAGING).join("f")).unwrap();
        fs::write(out.join(STAGING).join("f/0"), "page").unwrap();
        fs::write(out.join(STAGING).join("f/1"), "file").unwrap();
        std::os::unix::fs::symlink(&outside, out.join("a")).unwrap();
        std::os::unix::fs::symlink(outside.join("f"), out.join("f")).unwrap();
        let ops = [
            Op::Rename {
                from: "f/0".into(),
                to: "a/p.html".into(),
            },
            Op::Rename {
                from: "f/1".into(),
                to: "f".into(),
            },
        ];
        roll_forward(&out, &ops).unwrap();
        assert_eq!(
            fs::read_dir(&outside).unwrap().count(),
            0,
            "nothing written outside"
        );
        assert!(fs::symlink_metadata(out.join("a")).unwrap().is_dir());
        assert!(fs::symlink_metadata(out.join("f")).unwrap().is_file());
    }
}
