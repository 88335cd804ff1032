//! Watching the data and templates folders: file events, debounced so that one
//! save (or a `git checkout` touching fifty files) triggers one rebuild.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify_debouncer_mini::notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_mini::notify::{
    self, Config, Event, EventHandler, RecommendedWatcher, RecursiveMode, Watcher, WatcherKind,
};
use notify_debouncer_mini::{new_debouncer_opt, DebounceEventResult, Debouncer};

use crate::error::{Error, Result};

/// How long the folders must stay quiet before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// Watches until dropped.
pub struct Watch {
    _debouncer: Debouncer<ChangesOnly>,
}

/// Calls `on_change` with the changed paths (sorted, deduplicated) after each quiet
/// period. Editor noise (dot files, `~` backups, swap files) alone triggers nothing.
/// A watcher error is passed on as a change with no paths, so a rebuild still happens.
pub fn watch(
    roots: &[PathBuf],
    on_change: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> Result<Watch> {
    let config = notify_debouncer_mini::Config::default().with_timeout(DEBOUNCE);
    let on_events = move |res: DebounceEventResult| match res {
        Ok(events) => {
            let mut paths: Vec<PathBuf> = events
                .into_iter()
                .map(|e| e.path)
                .filter(|p| !is_editor_noise(p))
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                on_change(paths);
            }
        }
        Err(_) => on_change(Vec::new()),
    };
    let mut debouncer =
        new_debouncer_opt::<_, ChangesOnly>(config, on_events).map_err(|source| Error::Watch {
            path: None,
            source: Box::new(source),
        })?;
    for root in roots {
        debouncer
            .watcher()
            .watch(root, RecursiveMode::Recursive)
            .map_err(|source| Error::Watch {
                path: Some(root.clone()),
                source: Box::new(source),
            })?;
    }
    Ok(Watch {
        _debouncer: debouncer,
    })
}

/// The platform watcher minus read-only events. inotify reports every open and
/// close of a file, and debouncer-mini forgets event kinds: without this filter a
/// rebuild (which reads every data file) would trigger the next rebuild, forever.
pub struct ChangesOnly(RecommendedWatcher);

impl Watcher for ChangesOnly {
    fn new<F: EventHandler>(mut handler: F, config: Config) -> notify::Result<Self> {
        let forward = move |res: notify::Result<Event>| {
            if !matches!(&res, Ok(e) if is_read_only(&e.kind)) {
                handler.handle_event(res);
            }
        };
        RecommendedWatcher::new(forward, config).map(ChangesOnly)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        self.0.watch(path, mode)
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        self.0.unwatch(path)
    }

    fn kind() -> WatcherKind {
        RecommendedWatcher::kind()
    }
}

/// Opening, reading or closing a file without writing it changes nothing.
fn is_read_only(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => false,
        EventKind::Access(_) => true,
        _ => false,
    }
}

/// Swap files, backups and hidden files that editors write next to the real one.
fn is_editor_noise(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn editor_noise_is_ignored() {
        assert!(is_editor_noise(Path::new("data/parks/.a.yaml.swp")));
        assert!(is_editor_noise(Path::new("data/parks/a.yaml~")));
        assert!(is_editor_noise(Path::new("data/parks/4913")));
        assert!(!is_editor_noise(Path::new("data/parks/a.yaml")));
        assert!(!is_editor_noise(Path::new("templates/base.html")));
    }

    #[test]
    fn reading_is_not_a_change() {
        use notify::event::{CreateKind, ModifyKind};
        assert!(is_read_only(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(is_read_only(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_read_only(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(!is_read_only(&EventKind::Modify(ModifyKind::Any)));
        assert!(!is_read_only(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn reading_the_watched_files_triggers_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("a.yaml"), "n: 1").unwrap();
        let (tx, rx) = mpsc::channel();
        let _w = watch(std::slice::from_ref(&root), move |p| {
            let _ = tx.send(p);
        })
        .unwrap();
        for _ in 0..3 {
            std::fs::read(root.join("a.yaml")).unwrap();
        }
        assert!(rx.recv_timeout(DEBOUNCE * 4).is_err());
    }

    #[test]
    fn a_burst_of_writes_is_debounced() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let (tx, rx) = mpsc::channel();
        let _w = watch(std::slice::from_ref(&root), move |p| {
            let _ = tx.send(p);
        })
        .unwrap();
        for i in 0..5 {
            std::fs::write(root.join("a.yaml"), format!("n: {i}")).unwrap();
        }
        std::fs::write(root.join(".a.yaml.swp"), "x").unwrap();
        let first = rx.recv_timeout(Duration::from_secs(10)).expect("an event");
        let mut batches = vec![first];
        while let Ok(more) = rx.recv_timeout(DEBOUNCE * 3) {
            batches.push(more);
        }
        assert!(
            batches.iter().all(|b| b == &vec![root.join("a.yaml")]),
            "only the data file, never the swap file: {batches:?}"
        );
        assert!(
            batches.len() < 5,
            "five quick writes are debounced: {batches:?}"
        );
    }
}
