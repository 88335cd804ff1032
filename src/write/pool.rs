//! The writer threads behind [`super::SiteWriter`]'s `put`: each file is compared
//! with the one on disk and staged only if it differs. `put` runs on one thread in
//! plan order; creating files is kernel work that overlaps well, so a few threads
//! take jobs from a short bounded queue (memory stays a few pages, not the site).

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::kill;
use super::state::FileDigest;
use crate::error::{Error, Result};

/// Where a changed file is staged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// `f/<seq>`: its folder exists in the old site; it is renamed into place alone.
    Flat,
    /// `t/<path>`: part of a folder the old site lacks, renamed into place whole.
    Tree,
}

/// One file to write.
pub struct Job {
    pub seq: usize,
    pub rel: String,
    pub bytes: Vec<u8>,
    pub stage: Stage,
    /// Whether the old site has a regular file at `rel` worth comparing with.
    pub compare: bool,
}

/// What the threads did, merged.
#[derive(Debug, Default)]
pub struct Done {
    /// Files staged flat: (path, seq), to rename one by one.
    pub flat: Vec<(String, usize)>,
    /// Files staged inside new folders.
    pub tree: usize,
    /// Files whose bytes were already on disk.
    pub unchanged: usize,
    /// Every file's length and BLAKE3, for the record of the build ([`super::state`]).
    pub digests: Vec<(String, FileDigest)>,
}

struct Shared {
    out: PathBuf,
    staging: PathBuf,
    temps: AtomicUsize,
    failed: AtomicBool,
}

/// The running writer threads.
pub struct Pool {
    tx: Option<SyncSender<Job>>,
    workers: Vec<JoinHandle<Result<Done>>>,
    shared: Arc<Shared>,
}

impl Pool {
    /// Starts `threads` writers for `out`, staging into `staging` (with `f/` and `t/` made).
    pub fn start(out: &Path, staging: &Path, threads: usize) -> Pool {
        let (tx, rx) = sync_channel::<Job>(threads * 2);
        let rx = Arc::new(Mutex::new(rx));
        let shared = Arc::new(Shared {
            out: out.to_path_buf(),
            staging: staging.to_path_buf(),
            temps: AtomicUsize::new(0),
            failed: AtomicBool::new(false),
        });
        let workers = (0..threads.max(1))
            .map(|_| {
                let (rx, shared) = (Arc::clone(&rx), Arc::clone(&shared));
                std::thread::spawn(move || work(&shared, &rx))
            })
            .collect();
        Pool {
            tx: Some(tx),
            workers,
            shared,
        }
    }

    /// Queues a file; after a writer failed, stops and returns its error.
    pub fn send(&mut self, job: Job) -> Result<()> {
        let sent = match &self.tx {
            Some(tx) if !self.shared.failed.load(Ordering::Relaxed) => tx.send(job).is_ok(),
            _ => false,
        };
        if sent {
            return Ok(());
        }
        match self.join() {
            Err(e) => Err(e),
            // Unreachable: a send fails only when every writer stopped, which they do on error.
            Ok(_) => Err(Error::io(
                &self.shared.staging,
                std::io::Error::other("the writer threads stopped"),
            )),
        }
    }

    /// Waits for every queued file; the merged result or the first error.
    pub fn finish(mut self) -> Result<Done> {
        self.join()
    }

    fn join(&mut self) -> Result<Done> {
        self.tx = None;
        let mut all = Done::default();
        let mut first_error = None;
        for w in self.workers.drain(..) {
            match w.join() {
                Ok(Ok(d)) => {
                    all.flat.extend(d.flat);
                    all.tree += d.tree;
                    all.unchanged += d.unchanged;
                    all.digests.extend(d.digests);
                }
                Ok(Err(e)) => first_error = first_error.or(Some(e)),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(all),
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.tx = None;
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

fn work(shared: &Shared, rx: &Mutex<Receiver<Job>>) -> Result<Done> {
    let mut done = Done::default();
    let mut made = HashSet::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let job = match rx.lock().unwrap_or_else(|p| p.into_inner()).recv() {
            Ok(job) => job,
            Err(_) => return Ok(done),
        };
        let digest = (job.bytes.len() as u64, blake3::hash(&job.bytes));
        done.digests.push((job.rel.clone(), digest));
        if job.compare && same_bytes(&shared.out.join(&job.rel), &job.bytes, &mut buf) {
            done.unchanged += 1;
            continue;
        }
        if let Err(e) = stage(shared, &job, &mut made) {
            shared.failed.store(true, Ordering::Relaxed);
            return Err(e);
        }
        match job.stage {
            Stage::Flat => done.flat.push((job.rel, job.seq)),
            Stage::Tree => done.tree += 1,
        }
        kill::point("temp", shared.temps.fetch_add(1, Ordering::Relaxed) + 1);
    }
}

/// Writes the job's bytes to its temporary in the staging folder.
fn stage(shared: &Shared, job: &Job, made: &mut HashSet<PathBuf>) -> Result<()> {
    let path = match job.stage {
        Stage::Flat => shared.staging.join("f").join(job.seq.to_string()),
        Stage::Tree => shared.staging.join("t").join(&job.rel),
    };
    if job.stage == Stage::Tree {
        if let Some(parent) = path.parent() {
            if !made.contains(parent) {
                fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                made.insert(parent.to_path_buf());
            }
        }
    }
    let mut f = File::create(&path).map_err(|e| Error::io(&path, e))?;
    f.write_all(&job.bytes).map_err(|e| Error::io(&path, e))
}

/// Whether the regular file at `path` holds exactly `bytes`: size first, then
/// the contents chunk by chunk. Any trouble reading it counts as different.
fn same_bytes(path: &Path, bytes: &[u8], buf: &mut [u8]) -> bool {
    let Ok(mut f) = File::open(path) else {
        return false;
    };
    match f.metadata() {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {}
        _ => return false,
    }
    let mut rest = bytes;
    loop {
        match f.read(buf) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && buf[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) => return false,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::same_bytes;

    #[test]
    fn compares_size_then_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a");
        let mut buf = vec![0u8; 4];
        fs::write(&p, b"0123456789").unwrap();
        assert!(same_bytes(&p, b"0123456789", &mut buf), "chunked read");
        assert!(!same_bytes(&p, b"012345678", &mut buf));
        assert!(!same_bytes(&p, b"0123456780", &mut buf));
        assert!(!same_bytes(&dir.path().join("none"), b"", &mut buf));
        assert!(
            !same_bytes(dir.path(), b"", &mut buf),
            "a folder is not a file"
        );
    }
}
