//! The terminal progress bar (indicatif) on stderr, shown only when stderr is a
//! terminal and the user did not ask for `--quiet`.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Progress, Silent};

/// One bar, reused for each stage; cleared at [`Progress::finish`].
pub struct TerminalBar {
    bar: Mutex<Option<ProgressBar>>,
}

impl TerminalBar {
    fn new() -> TerminalBar {
        TerminalBar {
            bar: Mutex::new(None),
        }
    }
}

impl Progress for TerminalBar {
    fn stage(&self, name: &str, total: u64) {
        let mut slot = self.bar.lock().unwrap_or_else(|e| e.into_inner());
        let bar = slot.get_or_insert_with(|| {
            let b = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            b.set_style(
                ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len} {elapsed}")
                    .expect("a valid template")
                    .progress_chars("=> "),
            );
            b.enable_steady_tick(Duration::from_millis(100));
            b
        });
        bar.set_position(0);
        bar.set_length(total);
        bar.set_prefix(name.to_string());
    }

    fn advance(&self, n: u64) {
        if let Some(b) = self.bar.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            b.inc(n);
        }
    }

    fn finish(&self) {
        if let Some(b) = self.bar.lock().unwrap_or_else(|e| e.into_inner()).take() {
            b.finish_and_clear();
        }
    }
}

impl Drop for TerminalBar {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The progress a command should show: a bar on an interactive stderr, else nothing.
pub fn for_stderr(quiet: bool) -> Box<dyn Progress> {
    if quiet || !std::io::stderr().is_terminal() {
        Box::new(Silent)
    } else {
        Box::new(TerminalBar::new())
    }
}
