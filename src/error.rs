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
    /// A collection file (CSV or workbook) that cannot be read as one, and how to
    /// save it so that it can.
    #[error("{}: {reason}", file.display())]
    Unreadable {
        file: PathBuf,
        reason: UnreadableFile,
    },
    /// Anything else worth telling the user in one sentence.
    #[error("{0}")]
    Other(String),
}

/// Why a collection file cannot be read, worded for the analyst who saved it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UnreadableFile {
    #[error("tab-separated, not comma-separated (got a “文本文件（制表符分隔）” or “Unicode 文本” file; expected Excel's “CSV (逗号分隔)” or “CSV UTF-8”, or import the .xlsx itself)")]
    TabSeparated,
    #[error("text in an unknown encoding (got bytes that are neither UTF-8 nor GB18030/GBK; expected Excel's “CSV (逗号分隔)” or “CSV UTF-8”, or import the .xlsx itself)")]
    Encoding,
}

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
        matches!(self, Error::Invalid(_) | Error::NotFound(_))
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
