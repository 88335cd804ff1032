//! `parkscore report`: load → evaluate → a plan of one page (the year's summary and
//! every scorecard, built from the site's own views) → render → one self-contained
//! HTML file, written atomically (a temporary sibling, then one rename), so a reader
//! never opens a half-written report.

use std::path::PathBuf;

use crate::error::Result;
use crate::present::plan::{Entry, Lang, Page, Plan};
use crate::present::site::SiteData;
use crate::present::Audience;
use crate::progress::Progress;
use crate::render::{stream, Engine};
use crate::write::{self, Output};
use crate::{evaluate_with, DataSource, Evaluation};

#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub data: DataSource,
    /// The evaluated year to report; `None` for the latest.
    pub year: Option<i32>,
    pub audience: Audience,
    /// The report's language (Chinese unless asked otherwise).
    pub lang: Lang,
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
    let edition = Edition {
        year,
        audience: opts.audience,
        lang: opts.lang,
    };
    let html = report_edition_html(&eval, &edition, progress)?;
    let path = opts.out.clone().unwrap_or_else(|| default_path(year));
    progress.stage("写入", 1);
    write::write_file_atomic(&path, &html)?;
    progress.advance(1);
    progress.finish();
    Ok(ReportSummary {
        path,
        bytes: html.len(),
        year,
        cards: eval.year(year).map_or(0, |r| r.parks.len()),
    })
}

/// Which report: its year, audience and language.
#[derive(Debug, Clone, Copy)]
pub struct Edition {
    pub year: i32,
    pub audience: Audience,
    pub lang: Lang,
}

/// The Chinese report of the evaluated `year` of `eval`, in memory.
pub fn report_html(
    eval: &Evaluation,
    year: i32,
    audience: Audience,
    progress: &dyn Progress,
) -> Result<Vec<u8>> {
    let edition = Edition {
        year,
        audience,
        lang: Lang::Zh,
    };
    report_edition_html(eval, &edition, progress)
}

/// The report `edition` of `eval`, in memory: a plan of one page.
pub fn report_edition_html(
    eval: &Evaluation,
    edition: &Edition,
    progress: &dyn Progress,
) -> Result<Vec<u8>> {
    let year = eval.pick_year(Some(edition.year))?.year;
    let site = SiteData::new(&eval.data, &eval.years, edition.audience);
    let y = site.year_index(year).expect("an evaluated year");
    let plan = Plan::of(&site, vec![Entry::Page(Page::Report(y), edition.lang)]);
    let mut one = Output::new();
    stream(&plan, &Engine::new()?, &mut one, progress)?;
    Ok(one.files().values().next().cloned().unwrap_or_default())
}
