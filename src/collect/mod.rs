//! Collect: the yearly data collection in Excel. `template` writes the workbook a
//! bureau sends to the parks; `import` reads it back into the YAML records, checking
//! every cell by the data rules and touching nothing but the records that changed.
//!
//! The stages keep their shape: reading and planning are pure (bytes in, new file
//! contents out); only [`import`] and the CLI touch the disk.

mod grid;
mod import;
mod layout;
mod roster_import;
mod roster_layout;
mod roster_template;
mod sheet;
mod splice;
mod template;
mod template_guide;
mod workbook;
mod workbook_guard;
mod workbook_parts;
mod yaml_lines;

use std::path::PathBuf;

use crate::error::Result;
use crate::load::SourceFiles;

pub use grid::{read_bytes, read_file, Cell, Filled, Grid, TextEncoding};
pub use import::{describe, plan, write, Change, ImportPlan};
pub use layout::{
    cell_name, column_name, template_columns, Column, GUIDE, HEADER_ROWS, SHEET, YEAR_LABEL, YES,
};
pub use roster_import::{
    plan_rosters, read_book, roster_file, RosterBook, RosterImport, RosterImports,
};
pub use roster_template::roster_template;
pub use splice::{splice_record, RecordEdit};
pub use template::template;

/// `parkscore import` options.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub file: PathBuf,
    pub year: Option<i32>,
    /// The data folder to write into.
    pub data: PathBuf,
    pub dry_run: bool,
}

/// Reads `opts.file`, plans the import into `opts.data` and, unless `dry_run`, writes it.
pub fn import(opts: &ImportOptions) -> Result<ImportPlan> {
    let name = opts
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let book = std::fs::read(&opts.file)
        .ok()
        .and_then(|bytes| roster_import::read_book(&name, &bytes));
    let src = SourceFiles::read_dir(&opts.data)?;
    let plan = match book {
        Some(book) => roster_import::plan_rosters(&src, &book, opts.year, &name)?,
        None => plan(&src, &read_file(&opts.file)?, opts.year, &name)?,
    };
    if !opts.dry_run {
        write(&opts.data, &plan)?;
    }
    Ok(plan)
}
