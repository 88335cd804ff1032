//! The live site: the last good build, the current build problems and a version
//! that changes whenever what a reader would see changes. Shared between the
//! rebuild thread (writer) and the request threads (readers, long-pollers).

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::write::Output;

/// What a request sees: one consistent moment of the live site.
#[derive(Clone)]
pub struct Snapshot {
    /// The last successful build; `None` until the first one succeeds.
    pub site: Option<Arc<Output>>,
    /// Why the latest build failed, one line per problem; empty when it succeeded.
    pub problems: Vec<String>,
    /// Changes whenever `site` or `problems` change; pages reload when it does.
    pub version: String,
}

struct State {
    site: Option<Arc<Output>>,
    problems: Vec<String>,
    counter: u64,
    closed: bool,
}

pub struct LiveSite {
    /// Distinguishes server runs, so a page left open across a restart reloads too.
    instance: String,
    state: Mutex<State>,
    changed: Condvar,
}

impl LiveSite {
    pub fn new(instance: impl Into<String>) -> LiveSite {
        LiveSite {
            instance: instance.into(),
            state: Mutex::new(State {
                site: None,
                problems: Vec::new(),
                counter: 0,
                closed: false,
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn version_of(&self, s: &State) -> String {
        format!("{}-{}", self.instance, s.counter)
    }

    pub fn snapshot(&self) -> Snapshot {
        let s = self.lock();
        Snapshot {
            site: s.site.clone(),
            problems: s.problems.clone(),
            version: self.version_of(&s),
        }
    }

    /// A build succeeded. Returns whether anything a reader sees changed.
    pub fn publish(&self, output: Output) -> bool {
        let mut s = self.lock();
        let same = s.problems.is_empty() && s.site.as_deref() == Some(&output);
        if same {
            return false;
        }
        s.site = Some(Arc::new(output));
        s.problems.clear();
        self.bump(&mut s);
        true
    }

    /// A build failed: keep the last good site, show `problems` over it.
    pub fn fail(&self, problems: Vec<String>) -> bool {
        let mut s = self.lock();
        if s.problems == problems {
            return false;
        }
        s.problems = problems;
        self.bump(&mut s);
        true
    }

    fn bump(&self, s: &mut State) {
        s.counter += 1;
        self.changed.notify_all();
    }

    /// Waits until the version differs from `since` (or `timeout` passes, or the
    /// server closes) and returns the current version: the long-poll behind live reload.
    pub fn wait_for_change(&self, since: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        let mut s = self.lock();
        loop {
            let now = self.version_of(&s);
            if now != since || s.closed {
                return now;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return now;
            }
            s = self
                .changed
                .wait_timeout(s, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Releases every waiting long-poll (shutdown).
    pub fn close(&self) {
        let mut s = self.lock();
        s.closed = true;
        self.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use std::thread;

    use super::*;

    fn output(body: &str) -> Output {
        let mut o = Output::new();
        o.emit("index.html", body).unwrap();
        o
    }

    #[test]
    fn version_changes_only_when_the_reader_would_see_a_change() {
        let live = LiveSite::new("t");
        let v0 = live.snapshot().version;
        assert!(live.publish(output("a")));
        let v1 = live.snapshot().version;
        assert_ne!(v0, v1);
        assert!(!live.publish(output("a")), "an identical rebuild");
        assert_eq!(live.snapshot().version, v1);
        assert!(live.fail(vec!["x: broken".into()]));
        let s = live.snapshot();
        assert_ne!(s.version, v1);
        assert_eq!(
            s.site.as_deref().and_then(|o| o.get("index.html")),
            Some(&b"a"[..]),
            "the last good site stays"
        );
        assert!(!live.fail(vec!["x: broken".into()]), "the same problems");
        assert!(live.publish(output("a")), "fixed: the overlay goes away");
        assert!(live.snapshot().problems.is_empty());
    }

    #[test]
    fn a_long_poll_returns_at_once_when_behind_and_wakes_on_change() {
        let live = Arc::new(LiveSite::new("t"));
        assert_eq!(
            live.wait_for_change("old", Duration::from_secs(60)),
            "t-0",
            "a stale version returns immediately"
        );
        let waiter = {
            let live = Arc::clone(&live);
            thread::spawn(move || live.wait_for_change("t-0", Duration::from_secs(60)))
        };
        live.publish(output("a"));
        assert_eq!(waiter.join().unwrap(), "t-1");
        let start = Instant::now();
        assert_eq!(
            live.wait_for_change("t-1", Duration::from_millis(50)),
            "t-1"
        );
        assert!(start.elapsed() >= Duration::from_millis(50));
        live.close();
        assert_eq!(live.wait_for_change("t-1", Duration::from_secs(60)), "t-1");
    }
}
