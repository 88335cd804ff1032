//! `parkscore build`: load, evaluate, render and write the whole site, all or nothing.

use crate::error::Result;
use crate::present::summary::{built, Built};
use crate::{build, BuildOptions};

use super::{Context, Outcome};

pub fn run(opts: &BuildOptions, ctx: &Context) -> Result<Outcome> {
    let report = build(&BuildOptions {
        progress: ctx.progress,
        ..opts.clone()
    })?;
    let from = opts.data.describe();
    let done = Built {
        files: report.files,
        bytes: report.bytes,
        years: &report.years,
        into: &opts.out,
        written: report.write.written,
        removed: report.write.removed,
    };
    Ok(Outcome::summary(built(&done, ctx.run(&from))))
}
