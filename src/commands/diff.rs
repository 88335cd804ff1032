//! `parkscore diff`: what changed between two versions of the data (folders or git
//! revisions), and why.

use std::path::PathBuf;

use crate::analysis::diff;
use crate::analysis::side::load_side;
use crate::error::{Error, Result};
use crate::present::diff::{diff_markdown, diff_text};
use crate::present::diff_json::diff_json;
use crate::present::json::to_json;
use crate::present::summary::{compared, Compared};

use super::{Context, DiffFormat, Outcome};

#[derive(Debug, Clone)]
pub struct DiffOptions {
    /// Version A: a data folder, or a git revision of `data`.
    pub a: String,
    /// Version B: likewise.
    pub b: String,
    /// `None` for every year either side evaluates.
    pub year: Option<i32>,
    pub format: DiffFormat,
    /// The data folder whose git revisions `a` and `b` name.
    pub data: PathBuf,
}

pub fn run(opts: &DiffOptions, ctx: &Context) -> Result<Outcome> {
    let side_a = load_side(&opts.a, &opts.data)?;
    let side_b = load_side(&opts.b, &opts.data)?;
    let d = diff(&side_a.side(), &side_b.side(), opts.year);
    if let (Some(year), true) = (opts.year, d.years.is_empty()) {
        return Err(Error::YearInNeither {
            year,
            a: side_a.label,
            b: side_b.label,
        });
    }
    let output = match opts.format {
        DiffFormat::Text => diff_text(&d),
        DiffFormat::Markdown => diff_markdown(&d),
        DiffFormat::Json => to_json(&diff_json(&d)),
    };
    let years: Vec<i32> = d.years.iter().map(|y| y.year).collect();
    let done = Compared {
        a: &opts.a,
        b: &opts.b,
        changed: d.years.iter().map(|y| y.changed.len()).sum(),
        years: &years,
    };
    Ok(Outcome::product(
        output,
        compared(&done, ctx.started.elapsed()),
    ))
}
