//! Progress: how long-running stages tell the caller how far they are, without
//! knowing whether anyone is watching.
//!
//! The stages (load, evaluate, render, and later sensitivity runs) receive a
//! `&dyn Progress` and call it; they never draw anything themselves. The command
//! line passes a terminal bar ([`bar::TerminalBar`]), everything else passes
//! [`Silent`]. Calls must be cheap and thread-safe: evaluation ticks from rayon
//! workers.

pub mod bar;

/// Receives progress from a running build. Every method has a no-op default.
pub trait Progress: Sync {
    /// A new stage of `total` steps begins (`name` is shown to the user, e.g. "读取数据").
    fn stage(&self, _name: &str, _total: u64) {}
    /// `n` more steps of the current stage are done.
    fn advance(&self, _n: u64) {}
    /// All stages are done: remove whatever was drawn, so the summary line stands alone.
    fn finish(&self) {}
}

/// Reports nothing: the default for library callers, tests and the preview server's rebuilds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Progress for Silent {}

#[cfg(test)]
pub(crate) mod testing {
    use std::sync::Mutex;

    use super::Progress;

    /// Records every call, to check what a stage reports.
    #[derive(Default)]
    pub struct Recorder {
        pub stages: Mutex<Vec<(String, u64, u64)>>,
    }

    impl Progress for Recorder {
        fn stage(&self, name: &str, total: u64) {
            self.stages
                .lock()
                .unwrap()
                .push((name.to_string(), total, 0));
        }
        fn advance(&self, n: u64) {
            let mut s = self.stages.lock().unwrap();
            s.last_mut().expect("advance after stage").2 += n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::Recorder;
    use crate::load::DataSource;
    use crate::load::SourceFiles;

    #[test]
    fn a_build_reports_every_file_and_every_year() {
        let rec = Recorder::default();
        let eval = crate::evaluate(
            &DataSource::Embedded,
            &crate::EvaluateOptions { progress: &rec },
        )
        .unwrap();
        let files = SourceFiles::embedded().files.len() as u64;
        let years = eval.years.len() as u64;
        assert!(years >= 2, "the sample evaluates several years");
        assert_eq!(
            *rec.stages.lock().unwrap(),
            vec![
                ("读取数据".to_string(), files, files),
                ("评价".to_string(), years, years)
            ]
        );
    }
}
