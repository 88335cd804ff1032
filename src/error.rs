//! The library's errors, worded in one place.
//!
//! Data problems are collected, never thrown one at a time: a run reports every
//! [`Problem`] of the whole data folder as [`Error::Invalid`], so an analyst fixes
//! them all in one pass.

use std::fmt;
use std::net::SocketAddr;
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

/// Everything that can stop a parkscore command, worded in one place.
///
/// Each message is complete on its own, including the cause it names (so `{e}`
/// never hides why); [`chain`] adds deeper causes a message does not quote.
/// Usage errors (exit code 2) come first, failures (exit code 1) after.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    // ---- usage: the command line is wrong, or names a park, year or git
    // ---- revision the data does not have (exit 2)
    /// `explain` of a park id that no file declares.
    #[error("no park `{id}`{}", hint(.suggestion.as_deref()))]
    UnknownPark {
        id: String,
        /// The closest park id, for the "did you mean" hint.
        suggestion: Option<String>,
    },
    /// `explain` of a park that exists but does not operate in the year asked.
    #[error("park `{id}` does not operate in {year}")]
    ParkNotInYear { id: String, year: i32 },
    /// `--year` of a year that is not evaluated.
    #[error("{year} is not an evaluated year (evaluated: {})", years_list(.evaluated))]
    UnknownYear { year: i32, evaluated: Vec<i32> },
    /// The data evaluates no year at all, so there is no latest year to pick.
    #[error("no evaluated year")]
    NoEvaluatedYear,
    /// `diff --year` of a year neither side evaluates.
    #[error("{year} is evaluated by neither {a} nor {b}")]
    YearInNeither { year: i32, a: String, b: String },
    /// An option's value is out of range (clap checks the command line; this guards library callers).
    #[error("{option} {message}")]
    BadOption {
        option: &'static str,
        message: String,
    },
    /// `import --year` contradicts the year the workbook declares.
    #[error("the workbook is for {declared} (说明: 评价年度) but --year says {flag}")]
    YearConflict { declared: i32, flag: i32 },
    /// `import` of a file that names no year, without `--year`.
    #[error("{file}: which year is this? (pass --year; the file declares none)")]
    YearUnknown { file: String },
    /// `diff` of a name that is neither a data folder nor a revision of its repository.
    #[error("`{rev}` is neither a data folder nor a git revision")]
    UnknownRevision { rev: String },
    /// A revision whose tree has no data folder at the data folder's path.
    #[error("{rev} ({commit}) has no data folder {folder}/")]
    NoDataAtRevision {
        rev: String,
        /// Abbreviated to 10 digits.
        commit: String,
        /// The data folder's path from the repository root (`.` for the root).
        folder: String,
    },

    // ---- failures: the data has problems, or a file or folder cannot be read
    // ---- or written (exit 1)
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
    /// A planned file could not be made and there is no deeper cause to keep (the
    /// plan and the views disagree: a bug). Failures with a cause have their own
    /// variant that keeps it ([`Error::Template`], [`Error::Xlsx`]).
    #[error("render {what}: {message}")]
    Render { what: String, message: String },
    /// A template failed to load or render (a fault in a template, not in the data):
    /// `name` is the template at fault (the partial, when the fault is in one),
    /// located to its line and column like a data problem. Make it with [`Error::template`].
    #[error("template {name}{}", template_at(.source))]
    Template {
        name: String,
        #[source]
        source: TemplateError,
    },
    /// Two outputs want the same path (a bug in the page list).
    #[error("two outputs want the same path: {0}")]
    DuplicateOutput(String),
    /// An output path leaves the output folder (absolute, `..`, empty segment).
    #[error("refusing to write outside the output folder: {0}")]
    OutsideOutput(String),
    /// An output path parkscore cannot write for another reason: one of its own
    /// bookkeeping names, a control character, a file and a folder of one name (a bug).
    #[error("refusing to write `{rel}` into the output folder: {why}")]
    OutputPath { rel: String, why: &'static str },
    /// `--out` names something parkscore must not replace.
    #[error("{}: {why}; refusing to replace it", path.display())]
    NotOutputFolder { path: PathBuf, why: &'static str },
    /// A single-file output (`report --out`) names a folder.
    #[error("{}: is a folder; give a file name (e.g. report-2023.html)", path.display())]
    IsAFolder { path: PathBuf },
    /// Another parkscore process holds the output folder's lock.
    #[error("{}: another parkscore process ({holder}) is writing this output folder; wait for it to finish or stop it, then run again", path.display())]
    OutputLocked { path: PathBuf, holder: String },
    /// `--data` names a folder that does not exist.
    #[error("{}: data folder not found (expected a folder with site.yaml, methodology/ and parks/)", .0.display())]
    DataFolderMissing(PathBuf),
    /// A file of the templates folder that cannot be a template.
    #[error("{}: {why}", path.display())]
    TemplateFile { path: PathBuf, why: String },
    /// `--templates` names a folder that does not exist.
    #[error("{}: templates folder not found", .0.display())]
    TemplatesFolderMissing(PathBuf),
    /// A command that writes into the data folder found none (the embedded sample is read-only).
    #[error(
        "{command} needs a data folder to write into (pass --data, or run where ./data exists)"
    )]
    NeedsDataFolder { command: &'static str },
    /// The data has no methodology to collect records by.
    #[error("no methodology (expected methodology/<year>.yaml)")]
    NoMethodology,
    /// `template` would replace a file that may be a filled workbook.
    #[error("{}: exists (a filled workbook?); pass --force to replace it or --out for another name", .0.display())]
    WorkbookExists(PathBuf),
    /// Writing an Excel workbook failed.
    #[error("render {what}: {source}")]
    Xlsx {
        what: String,
        #[source]
        source: Box<rust_xlsxwriter::XlsxError>,
    },
    /// A filled workbook or CSV file cannot be read; `file` is as the user named it.
    #[error("{file}: {source}")]
    Sheet {
        file: String,
        #[source]
        source: Box<SheetError>,
    },
    /// A park file's year record cannot be rewritten in place.
    #[error("{file}: cannot edit years.{year}: {reason}")]
    CannotEditRecord {
        file: String,
        year: i32,
        reason: String,
    },
    /// The edited park files would gain problems, so the import writes nothing.
    #[error("the import would leave these problems in the park files, so nothing was written:\n{}", indented(.0))]
    ImportWouldBreak(Vec<Problem>),
    /// An edited park file reads back as something other than the intended record.
    #[error("{file}: could not edit years.{year} safely (the edited file reads back differently; its layout is unusual). Nothing was written; edit this record by hand")]
    ImportReadsBack { file: String, year: i32 },
    /// The preview server cannot listen on its port.
    #[error("{addr}: cannot listen ({source}); is another server running? try another --port, or --port 0 for any free one")]
    Listen {
        addr: SocketAddr,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A thread of the preview server cannot start.
    #[error("cannot start the {what} thread: {source}")]
    Thread {
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// Ctrl-C cannot be caught, so the preview server could not stop cleanly.
    #[error("cannot handle Ctrl-C: {0}")]
    CtrlC(#[source] ctrlc::Error),
    /// File watching cannot start (for `path`, or at all).
    #[error("{}cannot watch for changes: {source}", at(.path.as_deref()))]
    Watch {
        path: Option<PathBuf>,
        #[source]
        source: Box<notify::Error>,
    },
    /// A revision was named, but the data folder is in no git repository to read it from.
    #[error("`{rev}` is not a folder, and {} is not in a git repository to read it as a revision ({source})", .dir.display())]
    NotInRepository {
        rev: String,
        dir: PathBuf,
        #[source]
        source: GitError,
    },
    /// Reading the data folder at revision `rev` failed: git could not run, or said no.
    #[error("{source}")]
    Git {
        rev: String,
        #[source]
        source: GitError,
    },
    /// More data problems than are worth printing (an imported sheet with a bad value
    /// in each of a million rows): the first [`MAX_SHOWN`] of them, and the count.
    #[error("{}", render_first(.first, *.total))]
    TooMany { first: Vec<Problem>, total: usize },
}

/// How many problems [`Error::capped`] shows.
pub const MAX_SHOWN: usize = 50;

/// Why git could not give what was asked (see [`Error::Git`]); `args` is the git
/// command line after `git`.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("could not run git: {0}")]
    Spawn(#[source] std::io::Error),
    #[error("git {args}: {stderr}")]
    Failed { args: String, stderr: String },
    #[error("git {args}: output is not UTF-8")]
    NotUtf8 { args: String },
    /// Reading the object stream of `git cat-file --batch`.
    #[error("git cat-file: {0}")]
    CatFile(#[source] std::io::Error),
    #[error("git cat-file --batch failed")]
    CatFileFailed,
    #[error("git cat-file: truncated output")]
    Truncated,
    #[error("git cat-file: bad header `{0}`")]
    BadHeader(String),
    /// An object of the listing that is not a blob (or is missing).
    #[error("git cat-file {rel}: {header}")]
    NotABlob { rel: String, header: String },
}

/// Why a template failed (see [`Error::Template`]): tera's error, worded by its
/// message alone, because tera's own report (the message, the location and the
/// source line underlined) spans several lines and the command line prints one.
#[derive(Debug)]
pub struct TemplateError(pub tera::Error);

impl TemplateError {
    /// tera's located report, for syntax and rendering errors.
    fn report(&self) -> Option<&tera::ReportError> {
        match self.0.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
            _ => None,
        }
    }

    /// The template at fault, when tera knows it.
    pub fn template(&self) -> Option<&str> {
        self.report()
            .map(tera::ReportError::filename)
            .filter(|name| !name.is_empty())
    }

    /// Where in that template (1-based line and column).
    pub fn position(&self) -> Option<Position> {
        self.report().map(|r| Position {
            line: r.span().start_line,
            column: r.span().start_col + 1,
        })
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.report() {
            Some(r) => f.write_str(r.message()),
            None => write!(f, "{}", self.0),
        }
    }
}

impl std::error::Error for TemplateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.0)
    }
}

/// `:line:column` of a template error, or nothing.
fn template_at(e: &TemplateError) -> String {
    e.position()
        .map(|p| format!(":{}:{}", p.line, p.column))
        .unwrap_or_default()
}

/// Why a filled workbook or CSV file cannot be read (see [`Error::Sheet`]).
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("not a readable workbook ({0}; expected .xlsx, .xls, .ods or .csv)")]
    NotAWorkbook(#[source] calamine::Error),
    #[error("no sheet named {want} (found: {})", .found.join(", "))]
    NoSheet {
        want: &'static str,
        found: Vec<String>,
    },
    #[error("sheet {sheet}: {source}")]
    Sheet {
        sheet: String,
        #[source]
        source: calamine::Error,
    },
    /// Neither UTF-8 (with or without BOM), UTF-16 with a BOM, nor GB18030/GBK.
    #[error("text in an unknown encoding (got bytes that are neither UTF-8 nor GB18030/GBK; expected Excel's “CSV (逗号分隔)” or “CSV UTF-8”, or import the .xlsx itself)")]
    Encoding,
    /// Excel's "文本文件（制表符分隔）" and "Unicode 文本" separate with tabs.
    #[error("tab-separated, not comma-separated (got a “文本文件（制表符分隔）” or “Unicode 文本” file; expected Excel's “CSV (逗号分隔)” or “CSV UTF-8”, or import the .xlsx itself)")]
    TabSeparated,
    #[error("CSV line {line}: {source}")]
    Csv {
        line: usize,
        #[source]
        source: csv::Error,
    },
    /// The file breaks a limit checked before any reader sees it (size, zip parts,
    /// cell references, rows: `collect::workbook_guard`); `part` is the zip part.
    #[error("{}{reason}", at_part(.part))]
    Refused { part: String, reason: String },
    /// The workbook reader panicked; caught at the boundary, never a crash.
    #[error("the workbook reader failed ({0}; expected a workbook saved by Excel or WPS: open it there and save it again)")]
    ReaderFailed(String),
}

fn at_part(part: &str) -> String {
    if part.is_empty() {
        String::new()
    } else {
        format!("{part}: ")
    }
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A template error, blamed on the template at fault: the one tera names (a
    /// partial the page includes), else `name`, the template being loaded or rendered.
    pub fn template(name: &str, source: tera::Error) -> Self {
        let source = TemplateError(source);
        Error::Template {
            name: source.template().unwrap_or(name).to_string(),
            source,
        }
    }

    /// Whether the command line is at fault: an option out of range, or a park,
    /// year or revision the data does not have (not the data, not the disk).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Error::UnknownPark { .. }
                | Error::ParkNotInYear { .. }
                | Error::UnknownYear { .. }
                | Error::NoEvaluatedYear
                | Error::YearInNeither { .. }
                | Error::BadOption { .. }
                | Error::YearConflict { .. }
                | Error::YearUnknown { .. }
                | Error::UnknownRevision { .. }
                | Error::NoDataAtRevision { .. }
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

    /// The process exit code, as README and `--help` document: 2 for usage errors,
    /// 1 for everything else (data problems, and files or folders that cannot be
    /// read or written — a `--data` folder that does not exist is one of those).
    pub fn exit_code(&self) -> u8 {
        if self.is_usage() {
            2
        } else {
            1
        }
    }

    /// One line per thing to fix: each data problem, or the error and its causes.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Error::Invalid(problems) => problems.iter().map(ToString::to_string).collect(),
            Error::TooMany { first, total } => {
                let mut lines: Vec<String> = first.iter().map(ToString::to_string).collect();
                lines.push(format!("… and {} more not shown", total - first.len()));
                lines
            }
            other => vec![chain(other)],
        }
    }

    /// What the command line prints on stderr: the located problems and their
    /// count (clickable `file:line:column` lines), or `error: ` and the chain.
    pub fn report(&self) -> String {
        match self {
            Error::Invalid(problems) => render_problems(problems),
            Error::TooMany { first, total } => render_first(first, *total),
            other => format!("error: {}", chain(other)),
        }
    }
}

/// The one error-chain formatter: an error and its causes on one line,
/// `what: why: why…`. A cause the text already quotes is not repeated.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let said = c.to_string();
        if !said.is_empty() && !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        cause = c.source();
    }
    text
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

fn indented(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
    lines.join("\n")
}

/// `2022, 2023`, or `none`.
fn years_list(years: &[i32]) -> String {
    if years.is_empty() {
        return "none".into();
    }
    let list: Vec<String> = years.iter().map(i32::to_string).collect();
    list.join(", ")
}

fn hint(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

fn at(path: Option<&std::path::Path>) -> String {
    path.map(|p| format!("{}: ", p.display()))
        .unwrap_or_default()
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
    hint(suggest(word, candidates))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems() -> Vec<Problem> {
        vec![
            Problem::new("parks/a.yaml", "name", "missing")
                .at(Some(Position { line: 2, column: 1 })),
            Problem::new("site.yaml", "", "missing"),
        ]
    }

    #[test]
    fn data_problems_become_one_line_each() {
        let e = Error::Invalid(problems());
        assert_eq!(
            e.lines(),
            vec![
                "parks/a.yaml:2:1: name: missing".to_string(),
                "site.yaml: missing".to_string()
            ]
        );
        assert_eq!(
            e.report(),
            "parks/a.yaml:2:1: name: missing\nsite.yaml: missing\n2 problems found; nothing was written"
        );
        assert_eq!(e.exit_code(), 1);
    }

    #[test]
    fn a_cause_the_message_quotes_is_not_repeated() {
        let e = Error::io(
            "data/site.yaml",
            std::io::Error::new(std::io::ErrorKind::NotFound, "gone"),
        );
        assert_eq!(chain(&e), "data/site.yaml: gone");
        assert_eq!(e.report(), "error: data/site.yaml: gone");
        assert_eq!(e.lines(), vec!["data/site.yaml: gone".to_string()]);
    }

    /// A cause outside the message (two levels down here) is appended.
    #[test]
    fn deeper_causes_are_appended() {
        #[derive(Debug, thiserror::Error)]
        #[error("outer")]
        struct Outer(#[source] Error);
        let inner = Error::io("x", std::io::Error::other("disk full"));
        assert_eq!(chain(&Outer(inner)), "outer: x: disk full");
    }

    #[test]
    fn usage_errors_exit_2_and_failures_exit_1() {
        let usage = [
            Error::UnknownPark {
                id: "p0001".into(),
                suggestion: Some("p00001".into()),
            },
            Error::ParkNotInYear {
                id: "p1".into(),
                year: 2023,
            },
            Error::UnknownYear {
                year: 2019,
                evaluated: vec![2022, 2023],
            },
            Error::NoEvaluatedYear,
            Error::BadOption {
                option: "--runs",
                message: "must be at least 1".into(),
            },
            Error::YearConflict {
                declared: 2022,
                flag: 2023,
            },
            Error::YearUnknown {
                file: "填报.csv".into(),
            },
        ];
        for e in &usage {
            assert_eq!(e.exit_code(), 2, "{e}");
        }
        let failures = [
            Error::Invalid(problems()),
            Error::DataFolderMissing(PathBuf::from("nope")),
            Error::TemplatesFolderMissing(PathBuf::from("t")),
            Error::NeedsDataFolder { command: "import" },
            Error::NoMethodology,
            Error::WorkbookExists(PathBuf::from("填报-2024.xlsx")),
            Error::DuplicateOutput("index.html".into()),
            Error::ImportReadsBack {
                file: "parks/a.yaml".into(),
                year: 2023,
            },
        ];
        for e in &failures {
            assert_eq!(e.exit_code(), 1, "{e}");
        }
    }

    #[test]
    fn messages_carry_their_context() {
        let e = Error::UnknownPark {
            id: "p0001".into(),
            suggestion: Some("p00001".into()),
        };
        assert_eq!(e.to_string(), "no park `p0001`; did you mean `p00001`?");
        let e = Error::UnknownPark {
            id: "zzz".into(),
            suggestion: None,
        };
        assert_eq!(e.to_string(), "no park `zzz`");
        let e = Error::UnknownYear {
            year: 2019,
            evaluated: vec![2021, 2023],
        };
        assert_eq!(
            e.to_string(),
            "2019 is not an evaluated year (evaluated: 2021, 2023)"
        );
        let e = Error::UnknownYear {
            year: 2019,
            evaluated: vec![],
        };
        assert_eq!(
            e.to_string(),
            "2019 is not an evaluated year (evaluated: none)"
        );
        let e = Error::ImportWouldBreak(problems());
        assert_eq!(
            e.to_string(),
            "the import would leave these problems in the park files, so nothing was written:\n  parks/a.yaml:2:1: name: missing\n  site.yaml: missing"
        );
        let e = Error::Watch {
            path: Some(PathBuf::from("data")),
            source: Box::new(notify::Error::generic("no inotify")),
        };
        assert_eq!(e.to_string(), "data: cannot watch for changes: no inotify");
    }

    #[test]
    fn git_errors_keep_their_words_and_exit_codes() {
        let e = Error::UnknownRevision { rev: "v9".into() };
        assert_eq!(
            e.to_string(),
            "`v9` is neither a data folder nor a git revision"
        );
        assert_eq!(e.exit_code(), 2);
        let e = Error::NoDataAtRevision {
            rev: "HEAD~1".into(),
            commit: "0123456789".into(),
            folder: "data".into(),
        };
        assert_eq!(
            e.to_string(),
            "HEAD~1 (0123456789) has no data folder data/"
        );
        assert_eq!(e.exit_code(), 2);
        let failed = || GitError::Failed {
            args: "rev-parse --show-toplevel".into(),
            stderr: "fatal: not a git repository".into(),
        };
        let e = Error::NotInRepository {
            rev: "HEAD~1".into(),
            dir: PathBuf::from("/tmp/x/data"),
            source: failed(),
        };
        assert_eq!(
            e.report(),
            "error: `HEAD~1` is not a folder, and /tmp/x/data is not in a git repository to read it as a revision (git rev-parse --show-toplevel: fatal: not a git repository)"
        );
        assert_eq!(e.exit_code(), 1);
        let e = Error::Git {
            rev: "HEAD".into(),
            source: GitError::Spawn(std::io::Error::other("no git")),
        };
        assert_eq!(e.report(), "error: could not run git: no git");
        assert_eq!(e.exit_code(), 1);
    }

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
        let e = Error::capped(problems.clone());
        assert_eq!(e.exit_code(), 1);
        assert_eq!(e.report(), text, "the command line prints the same");
        assert_eq!(e.lines().len(), 51, "the overlay: fifty and a count");
        assert!(
            matches!(Error::capped(problems[..50].to_vec()), Error::Invalid(p) if p.len() == 50)
        );
    }

    fn tera_with(templates: &[(&str, &str)]) -> Result<tera::Tera, tera::Error> {
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(templates.iter().copied())?;
        Ok(tera)
    }

    /// A syntax error names the template and its line and column, on one line.
    #[test]
    fn a_syntax_error_is_located_in_its_template() {
        let e = tera_with(&[("ok.html", "fine"), ("bad.html", "one\ntwo {{ x \n")]).unwrap_err();
        let e = Error::template("templates", e);
        let Error::Template { name, source } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(name, "bad.html");
        assert_eq!(source.position().map(|p| p.line), Some(2));
        let text = chain(&e);
        assert!(text.starts_with("template bad.html:2:"), "{text}");
        assert!(!text.contains('\n'), "{text}");
        assert_eq!(e.exit_code(), 1);
    }

    /// A fault met while rendering a page is blamed on the partial that has it.
    #[test]
    fn a_rendering_error_in_a_partial_names_the_partial() {
        let tera = tera_with(&[
            ("page.html", "{% include \"part.html\" %}"),
            ("part.html", "a\nb\n  {{ missing.field }}"),
        ])
        .unwrap();
        let e = tera.render("page.html", &tera::Context::new()).unwrap_err();
        let e = Error::template("page.html", e);
        let Error::Template { name, source } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(name, "part.html");
        assert_eq!(source.position(), Some(Position { line: 3, column: 6 }));
        assert!(
            chain(&e).starts_with("template part.html:3:6: "),
            "{}",
            chain(&e)
        );
    }

    /// Without a located report (an unknown template) the name given is kept.
    #[test]
    fn an_unknown_template_keeps_the_name_asked_for() {
        let tera = tera_with(&[]).unwrap();
        let e = tera.render("nope.html", &tera::Context::new()).unwrap_err();
        let e = Error::template("nope.html", e);
        assert_eq!(
            chain(&e),
            "template nope.html: Template 'nope.html' not found"
        );
    }
}
