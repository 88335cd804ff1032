//! `parkscore report`: load → evaluate → one self-contained HTML file for a year,
//! written atomically (a temporary sibling, then one rename), so a reader never
//! opens a half-written report.

use std::path::PathBuf;

use crate::error::Result;
use crate::present::Audience;
use crate::progress::Progress;
use crate::render::report::{render_report, ReportInput};
use crate::{evaluate_with, write, DataSource};

#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub data: DataSource,
    /// The evaluated year to report; `None` for the latest.
    pub year: Option<i32>,
    pub audience: Audience,
    /// The output file; `None` for `report-<year>.html` in the current folder.
    pub out: Option<PathBuf>,
}

/// What was written, for the one-line summary.
#[derive(Debug, Clone)]
pub struct ReportSummary {
    pub path: PathBuf,
    pub bytes: usize,
    pub year: i32,
    pub cards: usize,
}

/// The default file name of the report of `year`.
pub fn default_path(year: i32) -> PathBuf {
    PathBuf::from(format!("report-{year}.html"))
}

/// Builds and writes the report, reporting progress to `progress`.
pub fn write_report(opts: &ReportOptions, progress: &dyn Progress) -> Result<ReportSummary> {
    let eval = evaluate_with(&opts.data, progress)?;
    let year = eval.pick_year(opts.year)?.year;
    let report = render_report(&ReportInput {
        data: &eval.data,
        years: &eval.years,
        year,
        audience: opts.audience,
        progress,
    })?;
    let path = opts.out.clone().unwrap_or_else(|| default_path(year));
    progress.stage("写入", 1);
    write::write_file_atomic(&path, &report.html)?;
    progress.advance(1);
    progress.finish();
    Ok(ReportSummary {
        path,
        bytes: report.html.len(),
        year,
        cards: report.cards,
    })
}
