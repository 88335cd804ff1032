//! The plan → a [`Sink`], with flat memory: pages are rendered in parallel, a chunk
//! at a time, on the caller's thread (in its rayon pool, so a caller that installs a
//! pool of one thread renders on one thread) while a taker thread hands the chunk
//! before to the sink. A bounded queue of one chunk sits between them, so at most three
//! chunks of rendered pages exist at any moment, whatever the size of the site.
//! A chunk holds at most one large file (a ranking, a directory, a data file: see
//! [`Entry::is_large`]), so a few of them at most are in memory together.
//! Files reach the sink in plan order, so the output does not depend on the thread
//! count. The plan's listing pages (downloads) come last, with the sizes of the files
//! made before them.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use rayon::prelude::*;

use crate::error::Result;
use sha2::{Digest, Sha256};

use crate::present::plan::{is_download, Entry, Listed, Listing, Plan};
use crate::progress::Progress;
use crate::write::Sink;

use super::page::render;
use super::templates::Engine;

/// Pages rendered together; big enough to keep every core busy, small enough that
/// three chunks of pages (about 30 KB each) stay a few megabytes.
const CHUNK: usize = 512;

type Files = Vec<(String, Vec<u8>)>;

/// What went into the sink.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Streamed {
    pub files: usize,
    pub bytes: u64,
}

/// Renders every file of `plan` into `sink`, reporting one step per file.
pub fn stream(
    plan: &Plan,
    engine: &Engine,
    sink: &mut (dyn Sink + Send),
    progress: &dyn Progress,
) -> Result<Streamed> {
    progress.stage("生成页面", plan.len() as u64);
    let (independent, listings) = plan.stages();
    let mut taker = Taker {
        sink,
        listing: Listing::new(),
        done: Streamed::default(),
        progress,
    };
    std::thread::scope(|scope| {
        let (tx, rx) = sync_channel::<Result<Files>>(1);
        let taking = scope.spawn(|| taker.take_all(rx));
        produce(plan, engine, independent, &tx);
        drop(tx);
        taking.join().expect("the taker thread does not panic")
    })?;
    for &entry in listings {
        let bytes = render(engine, plan.make(entry, &taker.listing)?)?;
        taker.put(plan.path(entry), bytes)?;
    }
    Ok(taker.done)
}

/// Renders `entries` chunk by chunk into `tx`; stops at the first error or when the
/// receiving side has gone (it failed).
fn produce(plan: &Plan, engine: &Engine, entries: &[Entry], tx: &SyncSender<Result<Files>>) {
    let empty = Listing::new();
    for chunk in chunks(entries) {
        let files: Result<Files> = chunk
            .par_iter()
            .map(|&e| Ok((plan.path(e), render(engine, plan.make(e, &empty)?)?)))
            .collect();
        let failed = files.is_err();
        if tx.send(files).is_err() || failed {
            return;
        }
    }
}

/// `entries` in order, in runs of at most [`CHUNK`] entries of which at most one is large.
fn chunks(entries: &[Entry]) -> impl Iterator<Item = &[Entry]> {
    let mut rest = entries;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut large = 0;
        let n = rest
            .iter()
            .take(CHUNK)
            .take_while(|e| {
                large += usize::from(e.is_large());
                large <= 1
            })
            .count();
        let (chunk, tail) = rest.split_at(n);
        rest = tail;
        Some(chunk)
    })
}

/// Lower-case hex, as sha256sum prints it.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The receiving side: puts files into the sink and notes what the listings need.
struct Taker<'s> {
    sink: &'s mut (dyn Sink + Send),
    listing: Listing,
    done: Streamed,
    progress: &'s dyn Progress,
}

impl Taker<'_> {
    /// Takes every chunk until the producer is done; returning early drops `rx`,
    /// which stops the producer.
    fn take_all(&mut self, rx: Receiver<Result<Files>>) -> Result<()> {
        for files in rx {
            for (path, bytes) in files? {
                self.put(path, bytes)?;
            }
        }
        Ok(())
    }

    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<()> {
        let len = bytes.len();
        if !path.ends_with(".html") {
            let sha256 = is_download(&path).then(|| hex(&Sha256::digest(&bytes)));
            self.listing
                .insert(path.clone(), Listed { size: len, sha256 });
        }
        self.sink.put(&path, bytes)?;
        self.done.files += 1;
        self.done.bytes += len as u64;
        self.progress.advance(1);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::plan::{File, Lang, Page};

    #[test]
    fn a_chunk_holds_one_large_entry_at_most_and_the_order_is_kept() {
        let small = |i| Entry::Page(Page::Park(i), Lang::Zh);
        let mut entries = vec![
            Entry::File(File::ResultsJson(0)),
            Entry::File(File::ResultsJson(1)),
        ];
        let many = 2 * CHUNK + 58;
        entries.extend((0..many).map(small));
        entries.push(Entry::Page(Page::Parks, Lang::Zh));
        entries.push(small(many));
        let sizes: Vec<usize> = chunks(&entries).map(<[Entry]>::len).collect();
        // The second large entry starts the second chunk; the third joins the last one.
        let total = entries.len();
        assert_eq!(sizes, vec![1, CHUNK, CHUNK, total - 1 - 2 * CHUNK]);
        for chunk in chunks(&entries) {
            assert!(chunk.iter().filter(|e| e.is_large()).count() <= 1);
        }
        let joined: Vec<Entry> = chunks(&entries).flatten().copied().collect();
        assert_eq!(joined, entries);
    }
}
