//! `parkscore report`: one self-contained HTML file for a year.

use crate::error::Result;
use crate::present::summary::{reported, Reported};
use crate::report::{write_report, ReportOptions};

use super::{Context, Outcome};

pub fn run(opts: &ReportOptions, ctx: &Context) -> Result<Outcome> {
    let written = write_report(opts, ctx.progress)?;
    let done = Reported {
        path: &written.path,
        bytes: written.bytes,
        cards: written.cards,
        audience: opts.audience,
        year: written.year,
    };
    let from = opts.data.describe();
    Ok(Outcome::summary(reported(&done, ctx.run(&from))))
}
