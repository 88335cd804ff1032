//! `parkscore import`: a filled workbook or CSV into the year records of
//! `parks/*.yaml`; what changes is listed, and nothing is written on a dry run.

use std::path::PathBuf;

use crate::collect::{self, describe, ImportOptions};
use crate::error::{Error, Result};
use crate::present::summary::imported;
use crate::DataSource;

use super::{Context, Outcome};

#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// The filled `.xlsx` (or `.csv` with the same two header rows).
    pub file: PathBuf,
    /// `None`: the year the workbook declares, or the one in its file name.
    pub year: Option<i32>,
    /// Must be a folder: the embedded sample city cannot be written to.
    pub data: DataSource,
    pub dry_run: bool,
}

pub fn run(req: &ImportRequest, _ctx: &Context) -> Result<Outcome> {
    let DataSource::Dir(dir) = &req.data else {
        return Err(Error::NeedsDataFolder { command: "import" });
    };
    let plan = collect::import(&ImportOptions {
        file: req.file.clone(),
        year: req.year,
        data: dir.clone(),
        dry_run: req.dry_run,
    })?;
    let written = (!req.dry_run).then_some(dir.as_path());
    let mut text = describe(&plan);
    text.push_str(&imported(plan.files.len(), written, &plan.remaining));
    Ok(Outcome::summary(text))
}
