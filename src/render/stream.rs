//! The plan → a [`Sink`], with flat memory: pages are rendered in parallel, a chunk
//! at a time, on a producer thread while the caller's thread hands the chunk before
//! to the sink. A bounded queue of one chunk sits between them, so at most three
//! chunks of rendered pages exist at any moment, whatever the size of the site.
//! A large file (a ranking, a directory, a data file: see [`Entry::is_large`]) is a
//! chunk of its own, so two of them are never in memory together.
//! Files reach the sink in plan order, so the output does not depend on the thread
//! count. The plan's listing pages (downloads) come last, with the sizes of the files
//! made before them.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

use rayon::prelude::*;

use crate::error::Result;
use crate::present::plan::{Entry, Listing, Plan};
use crate::progress::Progress;
use crate::write::Sink;

use super::page::render;
use super::templates::Engine;

/// Pages rendered together; big enough to keep every core busy, small enough that
/// three chunks of pages (about 30 KB each) stay a few megabytes.
const CHUNK: usize = 96;

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
    sink: &mut dyn Sink,
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
        scope.spawn(move || produce(plan, engine, independent, &tx));
        taker.take_all(rx)
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

/// `entries` in order, in runs of at most [`CHUNK`] small entries or one large one.
fn chunks(entries: &[Entry]) -> impl Iterator<Item = &[Entry]> {
    let mut rest = entries;
    std::iter::from_fn(move || {
        let first = rest.first()?;
        let n = if first.is_large() {
            1
        } else {
            rest.iter()
                .take(CHUNK)
                .take_while(|e| !e.is_large())
                .count()
        };
        let (chunk, tail) = rest.split_at(n);
        rest = tail;
        Some(chunk)
    })
}

/// The receiving side: puts files into the sink and notes what the listings need.
struct Taker<'s> {
    sink: &'s mut dyn Sink,
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
        self.sink.put(&path, bytes)?;
        if !path.ends_with(".html") {
            self.listing.insert(path, len);
        }
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
    fn large_entries_go_alone_and_the_order_is_kept() {
        let small = |i| Entry::Page(Page::Park(i), Lang::Zh);
        let mut entries = vec![
            Entry::File(File::ResultsJson(0)),
            Entry::File(File::ResultsJson(1)),
        ];
        entries.extend((0..250).map(small));
        entries.push(Entry::Page(Page::Parks, Lang::Zh));
        entries.push(small(250));
        let sizes: Vec<usize> = chunks(&entries).map(<[Entry]>::len).collect();
        assert_eq!(sizes, vec![1, 1, CHUNK, CHUNK, 250 - 2 * CHUNK, 1, 1]);
        let joined: Vec<Entry> = chunks(&entries).flatten().copied().collect();
        assert_eq!(joined, entries);
    }
}
