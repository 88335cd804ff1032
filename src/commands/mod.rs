//! The commands of the `parkscore` binary as library functions, one file each.
//! A command takes its options (never clap types) and a [`Context`], does its
//! work through the stages, and returns an [`Outcome`]: what to print. The binary
//! only parses argv and prints, so each command also runs without a process.

pub mod build;
pub mod check;
pub mod diff;
pub mod explain;
pub mod import;
pub mod report;
pub mod sensitivity;
pub mod serve;
pub mod template;

use std::time::Instant;

use crate::present::summary::Run;
use crate::progress::Progress;

/// What every command gets from the binary.
pub struct Context<'a> {
    /// When the command started, for the "in 0.33 s" of its summary.
    pub started: Instant,
    /// A terminal bar, or nothing with `--quiet` or when stderr is not a terminal.
    pub progress: &'a dyn Progress,
}

impl Context<'_> {
    /// The data source and the time since the start, for a summary line.
    pub fn run<'s>(&self, from: &'s str) -> Run<'s> {
        Run {
            from,
            took: self.started.elapsed(),
        }
    }
}

/// Where a command's summary goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    /// When stdout carries a product the user may redirect to a file.
    Stderr,
}

/// What a command has to say once it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The command's product, for stdout even with `--quiet`: an explanation, a
    /// diff, a study. Empty for commands whose product is a file.
    pub output: String,
    /// What the command did, for the person at the terminal (without a final
    /// newline); `--quiet` drops it.
    pub summary: String,
    pub summary_to: Stream,
}

impl Outcome {
    /// A command whose product is on disk: only its summary, on stdout.
    pub fn summary(summary: String) -> Outcome {
        Outcome {
            output: String::new(),
            summary,
            summary_to: Stream::Stdout,
        }
    }

    /// A command whose product is text: the product on stdout, the summary on stderr.
    pub fn product(output: String, summary: String) -> Outcome {
        Outcome {
            output,
            summary,
            summary_to: Stream::Stderr,
        }
    }
}

/// `--format` of `explain` and `sensitivity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextOrJson {
    Text,
    Json,
}

/// `--format` of `diff`: markdown is meant to be pasted into a pull request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    Markdown,
    Json,
}
