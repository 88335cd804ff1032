//! `parkscore template`: the data-collection workbook for one year, written whole
//! or not at all, never over a (possibly filled) workbook without `--force`.

use std::path::PathBuf;

use crate::collect::{self, SHEET};
use crate::error::{Error, Result};
use crate::load::{load_with_problems, LoadOptions};
use crate::present::summary::{template_written, Workbook};
use crate::write::write_file_atomic;
use crate::DataSource;

use super::{Context, Outcome};

#[derive(Debug, Clone)]
pub struct TemplateOptions {
    /// The year to collect.
    pub year: i32,
    pub data: DataSource,
    /// `None` for `填报-<year>.xlsx` in the current folder.
    pub out: Option<PathBuf>,
    /// Replace the output file if it exists.
    pub force: bool,
    /// The roster workbook instead of the data workbook.
    pub rosters: bool,
}

/// `填报-2024.xlsx`
pub fn default_path(year: i32) -> PathBuf {
    PathBuf::from(format!("{SHEET}-{year}.xlsx"))
}

/// `名录-2024.xlsx`
pub fn default_roster_path(year: i32) -> PathBuf {
    PathBuf::from(format!("名录-{year}.xlsx"))
}

pub fn run(opts: &TemplateOptions, _ctx: &Context) -> Result<Outcome> {
    // Problems elsewhere in the folder do not stop the workbook, as long as it loads.
    let (dataset, problems) = load_with_problems(&opts.data.files()?, &LoadOptions::default());
    let dataset = dataset.ok_or_else(|| Error::Invalid(problems.clone()))?;
    let path = opts.out.clone().unwrap_or_else(|| match opts.rosters {
        true => default_roster_path(opts.year),
        false => default_path(opts.year),
    });
    if path.exists() && !opts.force {
        return Err(Error::WorkbookExists(path));
    }
    let bytes = match opts.rosters {
        true => collect::roster_template(&dataset, opts.year)?,
        false => collect::template(&dataset, opts.year)?,
    };
    write_file_atomic(&path, &bytes)?;
    let done = Workbook {
        path: &path,
        year: opts.year,
        bytes: bytes.len(),
        problems: problems.len(),
    };
    Ok(Outcome::summary(template_written(
        &done,
        &opts.data.describe(),
    )))
}
