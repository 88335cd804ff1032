//! `parkscore check`: load and evaluate without writing; each year's summary, or
//! every problem of the data folder.

use crate::analysis::english_coverage;
use crate::analysis::side::corrections_of;
use crate::error::Result;
use crate::present::summary::{checked, corrections_line, english_missing, year_summary};
use crate::{evaluate, DataSource, EvaluateOptions};

use super::{Context, Outcome};

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub data: DataSource,
}

pub fn run(opts: &CheckOptions, ctx: &Context) -> Result<Outcome> {
    let eval = evaluate(
        &opts.data,
        &EvaluateOptions {
            progress: ctx.progress,
        },
    )?;
    ctx.progress.finish();
    // A revision that cannot be the 公示 edition fails `check` as it fails `build`.
    let corrections = corrections_of(&opts.data, &eval)?;
    let mut text = String::new();
    for r in &eval.years {
        let unit = &eval.data.methodologies[&r.methodology_year].awards.unit;
        text.push_str(&year_summary(r.year, &r.summary, unit));
        text.push_str(&crate::present::monitoring::check_summary(
            &eval.data, r.year,
        ));
    }
    if let Some(c) = &corrections {
        text.push_str(&corrections_line(c));
    }
    text.push_str(&english_missing(&english_coverage(&eval.data)));
    let years: Vec<i32> = eval.years.iter().map(|r| r.year).collect();
    let from = opts.data.describe();
    text.push_str(&checked(eval.data.parks.len(), &years, ctx.run(&from)));
    Ok(Outcome::summary(text))
}
