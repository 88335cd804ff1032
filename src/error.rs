//! The library's errors, worded in one place.
//!
//! Data problems are collected, never thrown one at a time: a run reports every
//! [`Problem`] of the whole data folder as [`Error::Invalid`], so an analyst fixes
//! them all in one pass.

use std::fmt;
use std::path::PathBuf;

/// A position in a source file (1-based line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One thing wrong with the data, located as precisely as the source allows.
///
/// Rendered as `path:line:column: field: message`, the format compilers use, so
/// terminals and editors make it clickable.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Path relative to the data folder, with `/` separators (e.g. `parks/jk-zhineng.yaml`).
    pub file: String,
    pub position: Option<Position>,
    /// Dotted path of the field (e.g. `years.2023.metrics.tax_wan`); empty for the whole file.
    pub field: String,
    /// What is wrong, including `(got X; expected Y)` where that helps.
    pub message: String,
}

impl Problem {
    pub fn new(
        file: impl Into<String>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.into(),
            position: None,
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn at(mut self, position: Option<Position>) -> Self {
        if position.is_some() {
            self.position = position;
        }
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        if self.field.is_empty() {
            write!(f, ": {}", self.message)
        } else {
            write!(f, ": {}: {}", self.field, self.message)
        }
    }
}

/// Everything that can stop a parkscore command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data or methodology has problems; all of them are listed.
    #[error("{}", render_problems(.0))]
    Invalid(Vec<Problem>),
    /// Reading or writing a file failed; the path is always named.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A template or chart failed to render (a bug in templates, not in the data).
    #[error("render {what}: {message}")]
    Render { what: String, message: String },
    /// The user asked for something that does not exist (a park id, a year).
    #[error("{0}")]
    NotFound(String),
    /// Anything else worth telling the user in one sentence.
    #[error("{0}")]
    Other(String),
    /// More data problems than are worth printing (an imported sheet with a bad value
    /// in each of a million rows): the first [`MAX_SHOWN`] of them, and the count.
    #[error("{}", render_first(.first, *.total))]
    TooMany { first: Vec<Problem>, total: usize },
}

/// How many problems [`Error::capped`] shows.
pub const MAX_SHOWN: usize = 50;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Whether the error is about the user's data or methodology (exit code 1).
    pub fn is_data_problem(&self) -> bool {
        matches!(
            self,
            Error::Invalid(_) | Error::NotFound(_) | Error::TooMany { .. }
        )
    }

    /// [`Error::Invalid`], or [`Error::TooMany`] with the first [`MAX_SHOWN`] when
    /// there are more.
    pub fn capped(mut problems: Vec<Problem>) -> Self {
        if problems.len() <= MAX_SHOWN {
            return Error::Invalid(problems);
        }
        let total = problems.len();
        problems.truncate(MAX_SHOWN);
        Error::TooMany {
            first: problems,
            total,
        }
    }
}

fn render_problems(problems: &[Problem]) -> String {
    let mut out = String::new();
    for p in problems {
        out.push_str(&p.to_string());
        out.push('\n');
    }
    let n = problems.len();
    out.push_str(&format!(
        "{n} problem{} found; nothing was written",
        if n == 1 { "" } else { "s" }
    ));
    out
}

fn render_first(first: &[Problem], total: usize) -> String {
    let mut out = String::new();
    for p in first {
        out.push_str(&p.to_string());
        out.push('\n');
    }
    out.push_str(&format!(
        "… and {} more not shown (fix these first)\n{total} problems found; nothing was written",
        total - first.len()
    ));
    out
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The closest candidate to a misspelled name, for "did you mean" hints.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(word, c);
        if score > 0.75 && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// ` (did you mean `x`?)` or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match suggest(word, candidates) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_problems_show_the_first_fifty_and_the_count() {
        let problems: Vec<Problem> = (0..120)
            .map(|i| Problem::new("填报!A1", "", format!("p{i}")))
            .collect();
        let text = Error::capped(problems.clone()).to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 52);
        assert_eq!(lines[49], "填报!A1: p49");
        assert_eq!(lines[50], "… and 70 more not shown (fix these first)");
        assert_eq!(lines[51], "120 problems found; nothing was written");
        assert!(Error::capped(problems.clone()).is_data_problem());
        assert!(
            matches!(Error::capped(problems[..50].to_vec()), Error::Invalid(p) if p.len() == 50)
        );
    }
}
